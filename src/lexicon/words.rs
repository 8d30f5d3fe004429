//! Named word lists in one file, for rules that test a word against a closed list
//! ("after", "before", "despite" …) without writing the list in code.
//!
//! The format, one file per stage (`data/quotes/words.txt`, …):
//!
//! ```text
//! # A comment runs to the end of its line.
//! [opening-prepositions]
//! # words a sentence-opening adverbial starts with
//! After Before Despite
//! Without While
//! ```
//!
//! A `[name]` line opens a list; the words after it, split on whitespace, are its
//! entries until the next `[name]`. Words are matched exactly (case and all); a
//! stage may read an entry as a pair (`sen=senator`), splitting it itself. A
//! stage reads its file once ([`WordLists::parse`]) and takes each list by name
//! ([`WordLists::take`]); a list the code asks for but the file lacks is a build
//! defect, caught by the stage's tests, never a silent empty list in production:
//! `take` panics at first use, which every stage's unit tests reach. A list the
//! file has but no code takes is caught too: each stage's test asserts that
//! [`WordLists::untaken`] is empty.

use rustc_hash::FxHashSet;

/// One named list: a set of exact words.
#[derive(Debug, Clone, Default)]
pub struct WordSet {
    words: FxHashSet<&'static str>,
    /// The longest entry, in bytes: longer words are rejected without hashing.
    longest: usize,
}

impl WordSet {
    /// Whether `w` is on the list.
    #[inline]
    pub fn contains(&self, w: &str) -> bool {
        w.len() <= self.longest && self.words.contains(w)
    }

    /// The entries, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.words.iter().copied()
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// The lists of one file, by name. It remembers which lists were taken, so that a
/// stage's test can check that its file holds no list the code does not read
/// ([`WordLists::untaken`]).
#[derive(Debug, Default)]
pub struct WordLists {
    lists: Vec<(&'static str, WordSet)>,
    taken: std::cell::RefCell<Vec<&'static str>>,
}

impl WordLists {
    /// Read a word-list file (see the module comment). Words before the first
    /// `[name]` line belong to no list and are an error, as is a name used twice.
    pub fn parse(text: &'static str) -> Result<WordLists, String> {
        let mut lists: Vec<(&'static str, WordSet)> = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                if lists.iter().any(|(m, _)| *m == name) {
                    return Err(format!("line {}: list [{name}] is defined twice", n + 1));
                }
                lists.push((name, WordSet::default()));
                continue;
            }
            let Some((_, set)) = lists.last_mut() else {
                return Err(format!("line {}: words before any [name] line", n + 1));
            };
            for w in line.split_whitespace() {
                set.longest = set.longest.max(w.len());
                set.words.insert(w);
            }
        }
        Ok(WordLists {
            lists,
            taken: Default::default(),
        })
    }

    /// The list called `name`.
    ///
    /// # Panics
    /// When the file has no such list: the file and the code that reads it are
    /// compiled together, so this is a defect of the build, which tests catch.
    pub fn take(&self, name: &str) -> WordSet {
        match self.lists.iter().find(|(m, _)| *m == name) {
            Some((m, set)) => {
                self.taken.borrow_mut().push(m);
                set.clone()
            }
            None => panic!("word list [{name}] is missing from its data file"),
        }
    }

    /// The lists of the file no [`WordLists::take`] has asked for, in file order.
    pub fn untaken(&self) -> Vec<&'static str> {
        let taken = self.taken.borrow();
        self.names().filter(|n| !taken.contains(n)).collect()
    }

    /// The names of the lists, in file order.
    pub fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.lists.iter().map(|(n, _)| *n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_read_by_name() {
        let l = WordLists::parse("# c\n[a]\nx y # z\n w\n[b]\nq\n").unwrap();
        let a = l.take("a");
        assert!(a.contains("x") && a.contains("y") && a.contains("w"));
        assert!(!a.contains("z") && !a.contains("q") && !a.contains("xx"));
        assert_eq!(l.take("b").len(), 1);
        assert_eq!(l.names().collect::<Vec<_>>(), ["a", "b"]);
        assert!(l.untaken().is_empty());
        let l = WordLists::parse("[a]\nx\n[b]\ny\n").unwrap();
        l.take("b");
        assert_eq!(l.untaken(), ["a"]);
    }

    #[test]
    fn malformed_files_are_errors() {
        assert!(WordLists::parse("x\n[a]\n").unwrap_err().contains("line 1"));
        assert!(WordLists::parse("[a]\nx\n[a]\n")
            .unwrap_err()
            .contains("twice"));
    }

    #[test]
    #[should_panic(expected = "[nope]")]
    fn a_missing_list_is_a_defect() {
        WordLists::parse("[a]\nx\n").unwrap().take("nope");
    }
}

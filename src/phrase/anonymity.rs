//! The anonymity-statement patterns of `data/sources/anonymity-statements.txt`
//! (compiled into the binary), read once: each a sequence of words with choices
//! and optional words, and an index from a word to the patterns that can begin
//! with it. The `sources` stage finds the statements with them; the `quotes` stage
//! asks them whether a cue verb opens one ("who asked not to be identified said
//! …": "asked" is no attribution there).

// Fx hashing: the index is read once per token.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

const STATEMENTS: &str = include_str!("../../data/sources/anonymity-statements.txt");

/// One element of an anonymity-statement pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternWord {
    pub choices: Vec<String>,
    pub optional: bool,
}

/// The patterns, and where each can begin.
#[derive(Debug, Default)]
pub struct StatementPatterns {
    pub statements: Vec<Vec<PatternWord>>,
    /// Word → the statements that can begin with it (any choice of the leading
    /// optional words or of the first required one), so a token tries only those.
    pub statement_starts: HashMap<String, Vec<usize>>,
    /// Every word a statement can end with (the last required word of a pattern
    /// and any optional words after it), so a reader can rule a place out cheaply.
    pub statement_ends: HashSet<String>,
}

impl StatementPatterns {
    /// The shipped patterns.
    pub fn get() -> &'static StatementPatterns {
        static PATTERNS: OnceLock<StatementPatterns> = OnceLock::new();
        PATTERNS.get_or_init(|| StatementPatterns::parse(STATEMENTS))
    }

    /// Parse a statement-pattern list; patterns with no required word are skipped.
    pub fn parse(statements: &str) -> StatementPatterns {
        let mut lx = StatementPatterns::default();
        for line in statements.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let pattern: Vec<PatternWord> = line
                .split_whitespace()
                .map(|w| {
                    let optional = w.ends_with('?');
                    let w = w.trim_end_matches('?').trim_start_matches('(');
                    let w = w.trim_end_matches(')');
                    PatternWord {
                        choices: w.split('|').map(str::to_lowercase).collect(),
                        optional,
                    }
                })
                .collect();
            if pattern.iter().any(|p| !p.optional) {
                lx.statements.push(pattern);
            }
        }
        for pattern in &lx.statements {
            let trailing = pattern.iter().rev().take_while(|p| p.optional).count();
            for word in pattern.iter().rev().take(trailing + 1) {
                for choice in &word.choices {
                    lx.statement_ends.insert(choice.clone());
                }
            }
        }
        for (k, pattern) in lx.statements.iter().enumerate() {
            for word in pattern
                .iter()
                .take(1 + pattern.iter().take_while(|p| p.optional).count())
            {
                for choice in &word.choices {
                    let ids = lx.statement_starts.entry(choice.clone()).or_default();
                    if ids.last() != Some(&k) {
                        ids.push(k);
                    }
                }
            }
        }
        lx
    }
}

impl StatementPatterns {
    /// Where the longest statement that ends right before `words[end]` starts (it
    /// starts at most 16 words before).
    pub fn ending_at(&self, words: &[String], end: usize) -> Option<usize> {
        if !self
            .statement_ends
            .contains(words.get(end.checked_sub(1)?)?)
        {
            return None;
        }
        (end.saturating_sub(16)..end).find(|&k| self.longest_at(&words[..end], k) == Some(end))
    }

    /// The end of the longest statement starting at `words[k]` (lower-cased words,
    /// `’` written `'`), if one does.
    pub fn longest_at(&self, words: &[String], k: usize) -> Option<usize> {
        self.statement_starts.get(words.get(k)?).and_then(|ids| {
            ids.iter()
                .filter_map(|&p| match_at(words, k, &self.statements[p]).filter(|&e| e > k))
                .max()
        })
    }
}

/// Match `pattern` at word `i`; the end of the match.
fn match_at(words: &[String], i: usize, pattern: &[PatternWord]) -> Option<usize> {
    let Some((first, rest)) = pattern.split_first() else {
        return Some(i);
    };
    if let Some(w) = words.get(i) {
        if first.choices.iter().any(|c| c == w) {
            if let Some(e) = match_at(words, i + 1, rest) {
                return Some(e);
            }
        }
    }
    if first.optional {
        return match_at(words, i, rest);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_patterns_parse() {
        let p = StatementPatterns::get();
        assert!(p.statements.len() >= 5);
        assert!(p.statement_starts.contains_key("on"));
    }

    #[test]
    fn statements_are_found_from_their_start_and_from_their_end() {
        let p = StatementPatterns::get();
        let words: Vec<String> = "an analyst who asked not to be identified said"
            .split(' ')
            .map(String::from)
            .collect();
        assert_eq!(p.longest_at(&words, 3), Some(8));
        assert_eq!(p.longest_at(&words, 2), None);
        assert_eq!(p.ending_at(&words, 8), Some(3));
        assert_eq!(p.ending_at(&words, 9), None);
        assert!(p.statement_ends.contains("identified") && !p.statement_ends.contains("said"));
        assert_eq!(p.ending_at(&[], 0), None);
    }

    #[test]
    fn odd_lines_are_skipped() {
        let p = StatementPatterns::parse("?\n()\n");
        assert!(p.statements.iter().all(|p| !p.is_empty()));
    }
}

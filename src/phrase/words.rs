//! The closed word lists the phrase reader tests words against, read once from
//! `data/phrase/words.txt` (compiled into the binary). Each field is one `[name]`
//! list of that file; the file's comments say what each is for.

use crate::lexicon::{WordLists, WordSet};
use std::sync::LazyLock;

const FILE: &str = include_str!("../../data/phrase/words.txt");

/// The phrase reader's word lists.
#[derive(Debug)]
pub struct PhraseWords {
    pub close_adjectives: WordSet,
    pub adjective_complements: WordSet,
    pub anonymizing_postmodifiers: WordSet,
    pub class_postmodifiers: WordSet,
    pub quantifiers: WordSet,
    pub vague_numbers: WordSet,
    pub titles: WordSet,
    pub naming_verbs: WordSet,
    pub example_markers: WordSet,
}

impl PhraseWords {
    /// Take every list from `lists`.
    fn take(lists: &WordLists) -> PhraseWords {
        let take = |name: &str| lists.take(name);
        PhraseWords {
            close_adjectives: take("close-adjectives"),
            adjective_complements: take("adjective-complements"),
            anonymizing_postmodifiers: take("anonymizing-postmodifiers"),
            class_postmodifiers: take("class-postmodifiers"),
            quantifiers: take("quantifiers"),
            vague_numbers: take("vague-numbers"),
            titles: take("titles"),
            naming_verbs: take("naming-verbs"),
            example_markers: take("example-markers"),
        }
    }
}

/// The shipped lists.
pub fn words() -> &'static PhraseWords {
    static WORDS: LazyLock<PhraseWords> = LazyLock::new(|| {
        let lists = WordLists::parse(FILE).expect("data/phrase/words.txt");
        PhraseWords::take(&lists)
    });
    &WORDS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_in_the_file_is_read() {
        let lists = WordLists::parse(FILE).unwrap();
        PhraseWords::take(&lists);
        assert_eq!(lists.untaken(), Vec::<&str>::new(), "lists no code reads");
        assert!(words().titles.contains("mr"));
    }
}

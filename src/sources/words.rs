//! The closed word lists the sources stage tests words against, read once from
//! `data/sources/words.txt` (compiled into the binary). Each field is one `[name]`
//! list of that file; the file's comments say what each is for.

use crate::lexicon::{WordLists, WordSet};
use std::sync::LazyLock;

const FILE: &str = include_str!("../../data/sources/words.txt");

/// The sources stage's word lists.
#[derive(Debug)]
pub struct SourceWords {
    pub antecedent_stops: WordSet,
    pub indefinite_articles: WordSet,
    pub affiliation_prepositions: WordSet,
    pub affiliation_joiners: WordSet,
    pub clause_openers: WordSet,
    pub opener_leads: WordSet,
    pub clause_heads: WordSet,
    pub clause_enders: WordSet,
    pub permission_words: WordSet,
    pub reason_openers: WordSet,
}

impl SourceWords {
    /// Take every list from `lists`.
    fn take(lists: &WordLists) -> SourceWords {
        let take = |name: &str| lists.take(name);
        SourceWords {
            antecedent_stops: take("antecedent-stops"),
            indefinite_articles: take("indefinite-articles"),
            affiliation_prepositions: take("affiliation-prepositions"),
            affiliation_joiners: take("affiliation-joiners"),
            clause_openers: take("clause-openers"),
            opener_leads: take("opener-leads"),
            clause_heads: take("clause-heads"),
            clause_enders: take("clause-enders"),
            permission_words: take("permission-words"),
            reason_openers: take("reason-openers"),
        }
    }
}

/// The shipped lists.
pub fn words() -> &'static SourceWords {
    static WORDS: LazyLock<SourceWords> = LazyLock::new(|| {
        let lists = WordLists::parse(FILE).expect("data/sources/words.txt");
        SourceWords::take(&lists)
    });
    &WORDS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_in_the_file_is_read() {
        let lists = WordLists::parse(FILE).unwrap();
        SourceWords::take(&lists);
        assert_eq!(lists.untaken(), Vec::<&str>::new(), "lists no code reads");
        assert!(words().clause_openers.contains("who"));
    }
}

//! The closed word lists of the stage, read once from `data/quotes/words.txt`
//! (compiled into the binary), one [`WordSet`] field per `[name]` list of that file,
//! whose comments say what each is for; and the word classes several rules test:
//! weekdays and years (a date between a subject and its cue), and the words of a
//! short adverbial after a cue ("said on Thursday that", "said in a statement").

use crate::lexicon::{WordLists, WordSet};
use std::sync::LazyLock;

const FILE: &str = include_str!("../../data/quotes/words.txt");

/// The stage's word lists.
#[derive(Debug)]
pub struct QuoteWords {
    pub auxiliaries: WordSet,
    pub openers: WordSet,
    pub clause_words: WordSet,
    pub capitalised_function_words: WordSet,
    pub date_prepositions: WordSet,
    pub apposition_conjunctions: WordSet,
    pub name_phrase_stops: WordSet,
    pub post_modifier_openers: WordSet,
    pub post_modifier_stops: WordSet,
    pub sentence_openers: WordSet,
    pub past_participle_prepositions: WordSet,
    pub list_continuers: WordSet,
    pub quotation_cut_words: WordSet,
    pub quotation_coordinators: WordSet,
    pub quotation_cut_after_comma: WordSet,
    pub clause_end_after_comma: WordSet,
    pub coordinators: WordSet,
    pub comma_adverbs: WordSet,
    pub noun_markers: WordSet,
    pub opening_prepositions: WordSet,
    pub participle_prepositions: WordSet,
    pub not_object_openers: WordSet,
    pub relative_pronouns: WordSet,
    pub passive_adverbs: WordSet,
    pub passive_be: WordSet,
    pub passive_auxiliaries: WordSet,
    pub passive_subject_stops: WordSet,
    pub aside_relatives: WordSet,
    pub place_prepositions: WordSet,
    pub adjunct_openers: WordSet,
    pub before_source: WordSet,
    pub light_words: WordSet,
    pub dangling_words: WordSet,
    pub weekdays: WordSet,
    pub adverbial_openers: WordSet,
    pub adverbial_words: WordSet,
}

impl QuoteWords {
    /// Take every list from `lists`.
    fn take(lists: &WordLists) -> QuoteWords {
        let take = |name: &str| lists.take(name);
        QuoteWords {
            auxiliaries: take("auxiliaries"),
            openers: take("openers"),
            clause_words: take("clause-words"),
            capitalised_function_words: take("capitalised-function-words"),
            date_prepositions: take("date-prepositions"),
            apposition_conjunctions: take("apposition-conjunctions"),
            name_phrase_stops: take("name-phrase-stops"),
            post_modifier_openers: take("post-modifier-openers"),
            post_modifier_stops: take("post-modifier-stops"),
            sentence_openers: take("sentence-openers"),
            past_participle_prepositions: take("past-participle-prepositions"),
            list_continuers: take("list-continuers"),
            quotation_cut_words: take("quotation-cut-words"),
            quotation_coordinators: take("quotation-coordinators"),
            quotation_cut_after_comma: take("quotation-cut-after-comma"),
            clause_end_after_comma: take("clause-end-after-comma"),
            coordinators: take("coordinators"),
            comma_adverbs: take("comma-adverbs"),
            noun_markers: take("noun-markers"),
            opening_prepositions: take("opening-prepositions"),
            participle_prepositions: take("participle-prepositions"),
            not_object_openers: take("not-object-openers"),
            relative_pronouns: take("relative-pronouns"),
            passive_adverbs: take("passive-adverbs"),
            passive_be: take("passive-be"),
            passive_auxiliaries: take("passive-auxiliaries"),
            passive_subject_stops: take("passive-subject-stops"),
            aside_relatives: take("aside-relatives"),
            place_prepositions: take("place-prepositions"),
            adjunct_openers: take("adjunct-openers"),
            before_source: take("before-source"),
            light_words: take("light-words"),
            dangling_words: take("dangling-words"),
            weekdays: take("weekdays"),
            adverbial_openers: take("adverbial-openers"),
            adverbial_words: take("adverbial-words"),
        }
    }
}

/// The shipped lists.
pub fn words() -> &'static QuoteWords {
    static WORDS: LazyLock<QuoteWords> = LazyLock::new(|| {
        let lists = WordLists::parse(FILE).expect("data/quotes/words.txt");
        QuoteWords::take(&lists)
    });
    &WORDS
}

/// Words of a short adverbial after a cue: "on Thursday", "in a statement", "late Monday".
pub fn is_adverbial(w: &str) -> bool {
    opens_adverbial(w) || words().adverbial_words.contains(w)
}

/// A year ("in 2010 said"): four digits from 1800 to 2099.
pub fn is_year(w: &str) -> bool {
    w.len() == 4 && w.parse::<u32>().is_ok_and(|y| (1800..2100).contains(&y))
}

pub fn is_weekday(w: &str) -> bool {
    words().weekdays.contains(w)
}

/// Words that open an adverbial between a cue and its "that": "said on Thursday that".
pub fn opens_adverbial(w: &str) -> bool {
    is_weekday(w) || words().adverbial_openers.contains(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_in_the_file_is_read() {
        let lists = WordLists::parse(FILE).unwrap();
        QuoteWords::take(&lists);
        assert_eq!(lists.untaken(), Vec::<&str>::new(), "lists no code reads");
    }

    #[test]
    fn lists_keep_their_words_and_case() {
        let w = words();
        assert_eq!(w.auxiliaries.len(), 44);
        assert_eq!(w.openers.len(), 23);
        assert_eq!(w.clause_words.len(), 37);
        assert!(w.auxiliaries.contains("n't") && w.auxiliaries.contains("’re"));
        assert!(
            w.opening_prepositions.contains("After") && !w.opening_prepositions.contains("after")
        );
        assert!(is_weekday("Monday") && !is_weekday("monday"));
        assert!(is_adverbial("statement") && is_adverbial("Thursday") && is_adverbial("on"));
        assert!(is_year("2010") && !is_year("1799") && !is_year("210"));
    }
}

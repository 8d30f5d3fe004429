//! Closed classes of words the rules test against: weekdays and years (a date
//! between a subject and its cue), and the words of a short adverbial after a cue
//! ("said on Thursday that", "said in a statement").

/// Words of a short adverbial after a cue: "on Thursday", "in a statement", "late Monday".
pub fn is_adverbial(w: &str) -> bool {
    opens_adverbial(w)
        || matches!(
            w,
            "a" | "an"
                | "the"
                | "statement"
                | "interview"
                | "week"
                | "month"
                | "year"
                | "night"
                | "morning"
                | "afternoon"
                | "evening"
                | "Twitter"
                | "Facebook"
                | "television"
                | "reporters"
                | "news"
                | "conference"
                | "briefing"
                | "speech"
                | "remarks"
                | "email"
                | "told"
        )
}

/// A year ("in 2010 said"): four digits from 1800 to 2099.
pub fn is_year(w: &str) -> bool {
    w.len() == 4 && w.parse::<u32>().is_ok_and(|y| (1800..2100).contains(&y))
}

pub fn is_weekday(w: &str) -> bool {
    matches!(
        w,
        "Monday" | "Tuesday" | "Wednesday" | "Thursday" | "Friday" | "Saturday" | "Sunday"
    )
}

/// Words that open an adverbial between a cue and its "that": "said on Thursday that".
pub fn opens_adverbial(w: &str) -> bool {
    is_weekday(w)
        || matches!(
            w,
            "on" | "in"
                | "at"
                | "during"
                | "late"
                | "early"
                | "earlier"
                | "last"
                | "this"
                | "repeatedly"
                | "recently"
                | "publicly"
                | "privately"
                | "also"
                | "then"
                | "again"
                | "to"
                | "yesterday"
                | "today"
                | "previously"
                | "later"
        )
}

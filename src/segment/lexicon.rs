//! The word lists segmentation reads: abbreviations and sentence starters,
//! shipped as data under `data/` and parsed once.

// Fx hashing: these maps are read once per token, where SipHash showed in profiles.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

/// How an abbreviation behaves at a possible sentence end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AbbrevClass {
    /// Before a name ("Mr.", "Sen."): never ends a sentence.
    Title,
    /// An abbreviation only before a number ("No. 5").
    Number,
    /// A month ("Sept."): may end a sentence.
    Month,
    /// May end a sentence ("Inc.", "Calif.").
    General,
    /// Letters with internal periods ("U.S.", "a.m."): may end a sentence.
    Acronym,
    /// One letter ("M." in "Kirstjen M. Nielsen").
    Initial,
}

impl AbbrevClass {
    /// Whether a sentence may end on this abbreviation (its period then doubles as the full stop).
    pub fn may_end_sentence(self) -> bool {
        !matches!(self, AbbrevClass::Title)
    }
}

pub struct Lexicon {
    abbreviations: HashMap<String, AbbrevClass>,
    starters: HashSet<String>,
}

static LEXICON: OnceLock<Lexicon> = OnceLock::new();

const ABBREVIATIONS: &str = include_str!("../../data/abbreviations.txt");
const STARTERS: &str = include_str!("../../data/sentence-starters.txt");

impl Lexicon {
    pub fn get() -> &'static Lexicon {
        LEXICON.get_or_init(|| Lexicon::parse(ABBREVIATIONS, STARTERS))
    }

    fn parse(abbreviations: &str, starters: &str) -> Lexicon {
        let mut map = HashMap::default();
        for line in data_lines(abbreviations) {
            let Some((class, form)) = line.split_once('\t') else {
                continue;
            };
            let class = match class {
                "title" => AbbrevClass::Title,
                "number" => AbbrevClass::Number,
                "month" => AbbrevClass::Month,
                "general" => AbbrevClass::General,
                _ => continue,
            };
            map.insert(form.to_string(), class);
        }
        let starters = data_lines(starters).map(str::to_string).collect();
        Lexicon {
            abbreviations: map,
            starters,
        }
    }

    /// The class of `core` (a word without its final period), if it is an abbreviation.
    pub fn abbreviation(&self, core: &str) -> Option<AbbrevClass> {
        if let Some(&c) = self.abbreviations.get(core) {
            return Some(c);
        }
        // A party and state, "R-Ky." / "D-Wis.": the state's abbreviation decides.
        if let Some(state) = core
            .strip_prefix("R-")
            .or_else(|| core.strip_prefix("D-"))
            .or_else(|| core.strip_prefix("I-"))
        {
            if let Some(&c) = self.abbreviations.get(state) {
                return Some(c);
            }
            if is_dotted_acronym(state) {
                return Some(AbbrevClass::Acronym);
            }
        }
        if is_initial(core) {
            return Some(AbbrevClass::Initial);
        }
        if is_dotted_acronym(core) {
            return Some(AbbrevClass::Acronym);
        }
        // "SEN." in an all-caps headline: try the capitalized form.
        if core.len() > 1 && core.len() <= 12 && core.bytes().all(|b| b.is_ascii_uppercase()) {
            let mut title = core.to_ascii_lowercase();
            title[..1].make_ascii_uppercase();
            return self.abbreviations.get(&title).copied();
        }
        None
    }

    /// Whether `word` commonly starts a sentence.
    pub fn is_starter(&self, word: &str) -> bool {
        self.starters.contains(word)
    }
}

fn data_lines(s: &str) -> impl Iterator<Item = &str> {
    s.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// One letter, as in a middle initial.
fn is_initial(core: &str) -> bool {
    let mut chars = core.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_alphabetic())
}

/// Letters separated by periods: "U.S", "a.m", "Ph.D", "D.C", "D-N.J" (party and state).
fn is_dotted_acronym(core: &str) -> bool {
    let mut has_dot = false;
    let mut prev_dot = true;
    for c in core.chars() {
        if c == '.' {
            if prev_dot {
                return false;
            }
            has_dot = true;
            prev_dot = true;
        } else if c.is_alphabetic() || (c == '-' && !prev_dot) {
            prev_dot = false;
        } else {
            return false;
        }
    }
    has_dot && !prev_dot && core.len() <= 16
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        let lx = Lexicon::get();
        assert_eq!(lx.abbreviation("Mr"), Some(AbbrevClass::Title));
        assert_eq!(lx.abbreviation("MR"), Some(AbbrevClass::Title));
        assert_eq!(lx.abbreviation("U.S"), Some(AbbrevClass::Acronym));
        assert_eq!(lx.abbreviation("M"), Some(AbbrevClass::Initial));
        assert_eq!(lx.abbreviation("Inc"), Some(AbbrevClass::General));
        assert_eq!(lx.abbreviation("No"), Some(AbbrevClass::Number));
        assert_eq!(lx.abbreviation("border"), None);
        assert_eq!(lx.abbreviation("no"), None);
        assert_eq!(lx.abbreviation("U..S"), None);
        assert_eq!(lx.abbreviation("R-Ky"), Some(AbbrevClass::General));
        assert_eq!(lx.abbreviation("D-N.Y"), Some(AbbrevClass::Acronym));
        assert_eq!(lx.abbreviation("R-Utah"), None);
        assert!(lx.is_starter("The"));
        assert!(!lx.is_starter("Army"));
    }
}

//! The word lists a source phrase is read with (noun classes, pronouns, number
//! words, determiners, modifiers), read once from `data/sources/lexicon.txt`
//! (compiled into the binary). The `sources` stage reads them too; its
//! anonymity-statement patterns are its own (`sources::statements`).

// Fx hashing: these maps are read once per token, where SipHash showed in profiles.
use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

const LEXICON: &str = include_str!("../../data/sources/lexicon.txt");

/// What a noun heading a source phrase says about the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NounClass {
    Anonymous,
    Spokes,
    PersonRole,
    Organization,
    Document,
    Group,
    /// Anonymous when singular and indefinite ("one Republican", "a reporter").
    AnonIndefinite,
}

/// A pronoun's class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PronounClass {
    Author,
    /// he, she, him, her, his
    Singular,
    /// they, them, their
    Plural,
    /// it, its
    Neuter,
    /// who, which, that
    Relative,
    Other,
}

/// A noun entry: its class, singular form and whether the form seen is plural.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Noun {
    pub class: NounClass,
    pub lemma: String,
    pub plural: bool,
}

#[derive(Debug, Default)]
pub struct SourceLexicon {
    nouns: HashMap<String, Noun>,
    pronouns: HashMap<String, PronounClass>,
    /// Number words: the word and what a descriptor writes for it.
    numbers: HashMap<String, String>,
    definite: Vec<String>,
    possessive: Vec<String>,
    seniority: Vec<String>,
    affiliation: Vec<String>,
    postmod: Vec<String>,
    generic: Vec<String>,
    document_verbs: Vec<String>,
    copulas: Vec<String>,
}

impl SourceLexicon {
    /// The shipped lexicon.
    pub fn get() -> &'static SourceLexicon {
        static LX: OnceLock<SourceLexicon> = OnceLock::new();
        LX.get_or_init(|| SourceLexicon::parse(LEXICON))
    }

    /// Parse a lexicon; malformed lines are skipped.
    pub fn parse(lexicon: &str) -> SourceLexicon {
        let mut lx = SourceLexicon::default();
        for line in lexicon.lines() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            let (Some(&class), Some(&word)) = (cols.first(), cols.get(1)) else {
                continue;
            };
            let word = word.to_lowercase();
            let noun = match class {
                "anon_role" => Some(NounClass::Anonymous),
                "spokes_role" => Some(NounClass::Spokes),
                "person_role" => Some(NounClass::PersonRole),
                "org_noun" => Some(NounClass::Organization),
                "doc_noun" => Some(NounClass::Document),
                "group_noun" => Some(NounClass::Group),
                "anon_indefinite" => Some(NounClass::AnonIndefinite),
                _ => None,
            };
            if let Some(nc) = noun {
                let plural = cols.get(2).map(|p| p.to_lowercase());
                // A plural form keeps any earlier entry of the same spelling
                // ("post" the newspaper before "posts" the documents).
                lx.nouns.entry(word.clone()).or_insert(Noun {
                    class: nc,
                    lemma: word.clone(),
                    plural: false,
                });
                if let Some(p) = plural.filter(|p| *p != word) {
                    lx.nouns.entry(p).or_insert(Noun {
                        class: nc,
                        lemma: word.clone(),
                        plural: true,
                    });
                }
                continue;
            }
            let pronoun = match class {
                "author" => Some(PronounClass::Author),
                "he" => Some(PronounClass::Singular),
                "they" => Some(PronounClass::Plural),
                "it" => Some(PronounClass::Neuter),
                "relative" => Some(PronounClass::Relative),
                "other_pronoun" => Some(PronounClass::Other),
                _ => None,
            };
            if let Some(pc) = pronoun {
                lx.pronouns.insert(word, pc);
                continue;
            }
            match class {
                "number" => {
                    let shown = if cols.get(2) == Some(&"ARTICLE") {
                        "a".to_string()
                    } else {
                        word.clone()
                    };
                    lx.numbers.insert(word, shown);
                }
                "definite" => lx.definite.push(word),
                "possessive" => lx.possessive.push(word),
                "seniority" => lx.seniority.push(word),
                "affiliation" => lx.affiliation.push(word),
                "postmod" => lx.postmod.push(word),
                "generic" => lx.generic.push(word),
                "doc_verb" => lx.document_verbs.push(word),
                "copula" => lx.copulas.push(word),
                _ => {}
            }
        }
        lx
    }

    /// The noun entry for a lowercase word or two-word phrase.
    pub fn noun(&self, lower: &str) -> Option<&Noun> {
        self.nouns.get(lower)
    }
    pub fn pronoun(&self, lower: &str) -> Option<PronounClass> {
        self.pronouns.get(lower).copied()
    }
    /// What a descriptor writes for a number word ("one" → "a").
    pub fn number(&self, lower: &str) -> Option<&str> {
        self.numbers.get(lower).map(String::as_str)
    }
    pub fn is_definite(&self, lower: &str) -> bool {
        self.definite.iter().any(|w| w == lower)
    }
    pub fn is_possessive(&self, lower: &str) -> bool {
        self.possessive.iter().any(|w| w == lower)
    }
    pub fn is_seniority(&self, lower: &str) -> bool {
        self.seniority.iter().any(|w| w == lower)
    }
    pub fn is_affiliation(&self, lower: &str) -> bool {
        self.affiliation.iter().any(|w| w == lower)
    }
    /// Modifiers that make a role generic ("elected officials").
    pub fn is_generic(&self, lower: &str) -> bool {
        self.generic.iter().any(|w| w == lower)
    }
    /// Cue verbs whose subject is mostly a document ("the returns revealed").
    pub fn is_document_verb(&self, lower: &str) -> bool {
        self.document_verbs.iter().any(|w| w == lower)
    }
    /// Forms of "be" and "become": "X is a lawyer who …" describes X.
    pub fn is_copula(&self, lower: &str) -> bool {
        self.copulas.iter().any(|w| w == lower)
    }
    pub fn is_postmod(&self, lower: &str) -> bool {
        self.postmod.iter().any(|w| w == lower)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_lexicon_parses() {
        let lx = SourceLexicon::get();
        let n = lx.noun("officials").unwrap();
        assert_eq!(
            (n.class, n.lemma.as_str(), n.plural),
            (NounClass::Anonymous, "official", true)
        );
        assert_eq!(lx.noun("poll").unwrap().class, NounClass::Document);
        assert_eq!(lx.pronoun("they"), Some(PronounClass::Plural));
        assert_eq!(lx.number("one"), Some("a"));
        assert_eq!(lx.number("two"), Some("two"));
    }

    #[test]
    fn odd_lines_are_skipped() {
        let lx = SourceLexicon::parse("bogus\nanon_role\n\t\nnumber\ttwo\n");
        assert_eq!(lx.number("two"), Some("two"));
        assert!(lx.nouns.is_empty());
    }
}

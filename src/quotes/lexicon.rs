//! Cue and source-word lexicons, shipped as data under `data/quotes/`.

// Fx hashing: these maps are read once per token, where SipHash showed in profiles.
use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

/// How a cue takes its source and content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueClass {
    /// "X said (that) …", "…, X said", "…, said X".
    Speech,
    /// Like speech, with an addressee: "X told reporters (that) …".
    Tell,
    /// "X believes (that) …": no inversion, no quotes of its own.
    Belief,
    /// "X criticized …", "X called for …": a speech act with an object; content after the cue.
    Act,
    /// "according to X, …", "…, according to X".
    According,
}

/// What a word can be inside a source phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceWord {
    Pronoun,
    Det,
    Noun,
    Mod,
}

pub struct QuoteLexicon {
    /// First word of a cue (lower-cased) → (the cue's words, class); longest first.
    cues: HashMap<String, Vec<(Vec<String>, CueClass)>>,
    source_words: HashMap<String, SourceWord>,
}

const CUES: &str = include_str!("../../data/quotes/cues.txt");
const SOURCE_WORDS: &str = include_str!("../../data/quotes/source-words.txt");

fn data_lines(s: &str) -> impl Iterator<Item = (&str, &str)> {
    s.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
}

impl CueClass {
    /// Whether the cue can follow its content (`“…,” he said`, `…, said X`).
    pub fn can_follow_content(self) -> bool {
        matches!(self, CueClass::Speech | CueClass::Tell)
    }
}

impl QuoteLexicon {
    pub fn get() -> &'static QuoteLexicon {
        static LEXICON: OnceLock<QuoteLexicon> = OnceLock::new();
        LEXICON.get_or_init(|| QuoteLexicon::parse(CUES, SOURCE_WORDS))
    }

    fn parse(cues: &str, source_words: &str) -> QuoteLexicon {
        let mut map: HashMap<String, Vec<(Vec<String>, CueClass)>> = HashMap::default();
        for (class, form) in data_lines(cues) {
            let class = match class {
                "speech" => CueClass::Speech,
                "tell" => CueClass::Tell,
                "belief" => CueClass::Belief,
                "act" => CueClass::Act,
                "according" => CueClass::According,
                _ => continue,
            };
            let words: Vec<String> = form.split(' ').map(str::to_lowercase).collect();
            map.entry(words[0].clone())
                .or_default()
                .push((words, class));
        }
        for forms in map.values_mut() {
            forms.sort_by_key(|f| std::cmp::Reverse(f.0.len()));
            forms.dedup();
        }
        // Also key each first word as written in titles and in capitals, so that a
        // lookup per token needs no lower-casing.
        let map = with_case_variants(map);
        let mut words = HashMap::default();
        for (class, word) in data_lines(source_words) {
            let class = match class {
                "pronoun" => SourceWord::Pronoun,
                "det" => SourceWord::Det,
                "noun" => SourceWord::Noun,
                "mod" => SourceWord::Mod,
                _ => continue,
            };
            words.entry(word.to_lowercase()).or_insert(class);
        }
        QuoteLexicon {
            cues: map,
            source_words: with_case_variants(words),
        }
    }

    /// The cue starting at `words[i]`, if any: (number of words, class).
    pub fn cue_at(&self, words: &[&str], i: usize) -> Option<(usize, CueClass)> {
        let forms = self.cues.get(*words.get(i)?)?;
        forms
            .iter()
            .find(|(form, _)| {
                form.len() <= words.len() - i
                    && form
                        .iter()
                        .zip(&words[i..])
                        .all(|(f, w)| f.eq_ignore_ascii_case(w))
            })
            .map(|(form, class)| (form.len(), *class))
    }

    pub fn source_word(&self, word: &str) -> Option<SourceWord> {
        self.source_words.get(word).copied()
    }
}

/// A map keyed by lower-case words, with each key also as "Title" and "UPPER".
fn with_case_variants<V: Clone>(map: HashMap<String, V>) -> HashMap<String, V> {
    let mut out = HashMap::with_capacity_and_hasher(map.len() * 3, Default::default());
    for (key, value) in map {
        let mut title = key.clone();
        if let Some(first) = title.get_mut(..1) {
            first.make_ascii_uppercase();
        }
        out.entry(title).or_insert_with(|| value.clone());
        out.entry(key.to_ascii_uppercase())
            .or_insert_with(|| value.clone());
        out.insert(key, value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cues_and_words() {
        let lx = QuoteLexicon::get();
        let words = ["According", "to", "officials", "said"];
        assert_eq!(lx.cue_at(&words, 0), Some((2, CueClass::According)));
        assert_eq!(lx.cue_at(&words, 3), Some((1, CueClass::Speech)));
        assert_eq!(lx.cue_at(&words, 2), None);
        assert_eq!(lx.source_word("Officials"), Some(SourceWord::Noun));
        assert_eq!(lx.source_word("he"), Some(SourceWord::Pronoun));
    }
}

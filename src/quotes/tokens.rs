//! The token view every step reads ([`Text`]: the document, its words, the
//! sentence of each token, which tokens lie inside quotation marks) and the tests
//! of a word's shape the rules share: capitalised, an "-ly" adverb, the full stop
//! of an abbreviation, a span set in title case.

use crate::document::Document;
use crate::quotes::lexicon::QuoteLexicon;

/// A token view of a document: texts and sentence bounds.
pub struct Tokens<'d> {
    pub words: Vec<&'d str>,
}

/// What every step of the stage reads, made once per document.
pub struct Text<'a> {
    pub doc: &'a Document,
    pub tokens: &'a Tokens<'a>,
    /// Sentence index of every token.
    pub sent_of: &'a [usize],
    /// Whether each token lies inside quotation marks.
    pub in_quote: &'a [bool],
}

/// Sentence index of every token.
pub fn sentence_of(doc: &Document) -> Vec<usize> {
    let mut out = vec![0; doc.tokens.len()];
    for (s, sent) in doc.sentences.iter().enumerate() {
        for t in &mut out[sent.tokens.0 as usize..sent.tokens.1 as usize] {
            *t = s;
        }
    }
    out
}

impl<'d> Tokens<'d> {
    pub fn is_capitalized(&self, i: usize) -> bool {
        self.words[i].chars().next().is_some_and(char::is_uppercase)
    }

    /// A dash that signs a quotation (`“…” ― NAME`).
    pub fn is_dash(&self, i: usize) -> bool {
        self.words
            .get(i)
            .is_some_and(|w| matches!(*w, "―" | "—" | "–" | "--"))
    }

    pub fn is(&self, i: usize, w: &str) -> bool {
        self.words.get(i).is_some_and(|x| *x == w)
    }

    /// An "-ly" adverb between a subject and its cue ("steadfastly", "sharply"); nouns
    /// in "-ly" that head sources ("family", "ally") are in `source-words.txt`.
    pub fn is_adverb(&self, i: usize, lx: &QuoteLexicon) -> bool {
        let w = self.words[i];
        w.len() >= 5
            && w.ends_with("ly")
            && w.bytes().all(|b| b.is_ascii_lowercase())
            && lx.source_word(w).is_none()
    }

    /// A full stop inside a sentence that ends an abbreviation the tokenizer split
    /// off ("McConnell, R-Ky., said", "(D-Wis.)"): a word before it, a comma or a
    /// closing parenthesis after it.
    pub fn abbreviation_stop(&self, i: usize) -> bool {
        self.is(i, ".")
            && i > 0
            && self.words[i - 1]
                .chars()
                .last()
                .is_some_and(char::is_alphanumeric)
            && matches!(self.words.get(i + 1), Some(&",") | Some(&")"))
    }
}

/// Whether `[a, b)` is set in title case, as headlines are even when they end with a
/// period ("Obama Says African-American Museum Will Tell of …."): every word of four
/// letters or more is capitalised, and there are at least three such.
pub fn is_title_case(t: &Tokens, a: usize, b: usize) -> bool {
    let mut long =
        (a..b).filter(|&k| t.words[k].chars().filter(|c| c.is_alphabetic()).count() >= 4);
    let mut n = 0;
    long.all(|k| {
        n += 1;
        t.is_capitalized(k)
    }) && n >= 3
}

//! What the learned models of the stage ([`super::cue_model`], [`super::span_model`])
//! read of a document, defined once: the per-document [`CueContext`] (each token's
//! lower-cased word hash, entity tag, cue-lexicon and source-word classes, the
//! count of quotation tokens before it) and the word hashing it is made with
//! ([`word_hash`], [`lower`]). It decides nothing: each model's feature template
//! (in its own file, fixed by its shipped weights) reads it, and the stage
//! ([`super::propose`]) builds it once per document where a proposer needs it.

use crate::document::{Document, EntityLabel};
use crate::learn::hash::FeatHash;
use crate::quotes::lexicon::{CueClass, QuoteLexicon, SourceWord};

/// What the features of one document read, computed once per document so that
/// scoring a word hashes no strings. Both learned models read it (each with its
/// own feature template over it).
pub struct CueContext<'a> {
    pub words: &'a [&'a str],
    pub in_quote: &'a [bool],
    /// Per token: 0 outside entities, else `1 + 2·label + (1 if the entity's last token)`.
    pub entity: Vec<u8>,
    /// Per token: the hash of the lower-cased word.
    pub(crate) lower: Vec<u64>,
    /// Per token: the cue-lexicon class starting there (see [`cue_class_id`]).
    pub(crate) lexicon: Vec<u8>,
    /// Per token: the source-word class (see [`source_word_id`]).
    pub(crate) source_word: Vec<u8>,
    /// Quotation tokens before each token (`quoted[i]` = how many of `0..i`).
    pub(crate) quoted: Vec<u32>,
    /// The document's encoder scores, where the accurate pipeline's `encoder` stage ran.
    pub encoded: Option<std::sync::Arc<crate::document::Encoded>>,
}

impl<'a> CueContext<'a> {
    pub fn new(doc: &Document, words: &'a [&'a str], in_quote: &'a [bool]) -> Self {
        let lx = QuoteLexicon::get();
        let mut entity = vec![0u8; words.len()];
        for e in &doc.entities {
            let label = match e.label {
                EntityLabel::PER => 0,
                EntityLabel::ORG => 1,
                EntityLabel::LOC => 2,
                EntityLabel::MISC => 3,
            };
            let (a, b) = (e.tokens.0 as usize, (e.tokens.1 as usize).min(words.len()));
            for (k, slot) in entity.iter_mut().enumerate().take(b).skip(a) {
                *slot = 1 + 2 * label + u8::from(k + 1 == b);
            }
        }
        // Lexicon classes per sentence, so that multi-word cues stop at its end.
        let mut lexicon = vec![0u8; words.len()];
        for sent in &doc.sentences {
            let (a, b) = (
                sent.tokens.0 as usize,
                (sent.tokens.1 as usize).min(words.len()),
            );
            for (i, slot) in lexicon.iter_mut().enumerate().take(b).skip(a) {
                *slot = cue_class_id(lx.cue_at(&words[..b], i));
            }
        }
        let mut quoted = Vec::with_capacity(words.len() + 1);
        let mut n = 0u32;
        quoted.push(0);
        for &q in in_quote.iter().take(words.len()) {
            n += u32::from(q);
            quoted.push(n);
        }
        CueContext {
            encoded: doc.encoded.clone(),
            words,
            in_quote,
            entity,
            lower: words.iter().map(|w| word_hash(w)).collect(),
            lexicon,
            source_word: words.iter().map(|w| source_word_id(w, lx)).collect(),
            quoted,
        }
    }

    /// Whether a lexicon cue starts at token `i`.
    #[inline]
    pub fn lexicon_cue(&self, i: usize) -> bool {
        self.lexicon.get(i).is_some_and(|&c| c != 0)
    }

    /// The hash of token `i`'s lower-cased word (what the "never begins" list holds).
    #[inline]
    pub fn word_hash(&self, i: usize) -> u64 {
        self.lower[i]
    }

    /// The cue-lexicon class of a cue starting at token `i` (0: none).
    #[inline]
    pub fn lexicon_class(&self, i: usize) -> u8 {
        self.lexicon.get(i).copied().unwrap_or(0)
    }

    /// The source-word class of token `i` (0: none).
    #[inline]
    pub fn source_word_class(&self, i: usize) -> u8 {
        self.source_word.get(i).copied().unwrap_or(0)
    }
}

/// The hash of a word's lower-case form.
#[inline]
pub fn word_hash(w: &str) -> u64 {
    lower(FeatHash::new(1000), w).finish()
}

/// A word's lower-case form, hashed without allocating for short ASCII words.
#[inline]
pub(crate) fn lower(h: FeatHash, w: &str) -> FeatHash {
    let mut buf = [0u8; 24];
    if w.len() <= buf.len() && w.is_ascii() {
        let b = &mut buf[..w.len()];
        b.copy_from_slice(w.as_bytes());
        b.make_ascii_lowercase();
        // ASCII stays valid UTF-8 after lower-casing.
        h.str(std::str::from_utf8(b).unwrap_or(w))
    } else {
        h.str(&w.to_lowercase())
    }
}

fn cue_class_id(c: Option<(usize, CueClass)>) -> u8 {
    match c {
        None => 0,
        Some((_, CueClass::Speech)) => 1,
        Some((_, CueClass::Tell)) => 2,
        Some((_, CueClass::Belief)) => 3,
        Some((_, CueClass::Act)) => 4,
        Some((_, CueClass::According)) => 5,
    }
}

fn source_word_id(w: &str, lx: &QuoteLexicon) -> u8 {
    match lx.source_word(w) {
        None => 0,
        Some(SourceWord::Pronoun) => 1,
        Some(SourceWord::Det) => 2,
        Some(SourceWord::Noun) => 3,
        Some(SourceWord::Mod) => 4,
    }
}

//! Reading a phrase that names a source: its head noun, number, determiner,
//! names and what the word lists of `data/sources/lexicon.txt` say of the head, and
//! from these a first kind (person, organization, anonymous, group, document,
//! author, other). The `quotes` stage writes this first kind on each source it
//! finds (so that `speakers` leaves unnamed sources alone); the `sources` stage
//! reads the same phrases again with coreference and anonymity statements and has
//! the final word.
//!
//! [`read`] runs these files' steps in this order; each step after the head may
//! decide the kind and end the reading:
//!
//! - `anonymity.rs`: the anonymity-statement patterns ("who asked not to be
//!   named"), which the `sources` stage finds and the `quotes` stage keeps from
//!   reading as attributions.
//! - `tokens.rs`: token helpers every reader shares (text, spans, sentences,
//!   entities, what a word is).
//! - `reading.rs`: [`Reading`], what was read from one mention.
//! - `lexicon.rs`: [`SourceLexicon`], the noun classes, pronouns and determiners
//!   of `data/sources/lexicon.txt`.
//! - `words.rs`: the closed word lists of `data/phrase/words.txt`.
//! - `head.rs`: trims the mention, finds the core phrase (after "one of", before a
//!   post-modifier) and its head noun, number and lemma.
//! - `kind.rs`: a lone pronoun and a last "I" (before the head), then bare
//!   determiners and quantifiers, coordinations, the head noun's class and a
//!   common noun's number.
//! - `names.rs`: coordinated names, titled and first-named persons, names and
//!   bodies in apposition, the head's entity and a capitalized unknown head.

pub mod anonymity;
mod head;
mod kind;
pub mod lexicon;
pub mod names;
pub mod reading;
pub mod tokens;
mod words;

pub use lexicon::SourceLexicon;
pub use names::Names;
pub use reading::Reading;
pub use tokens::{
    capitalized, entity_at, entity_index_at, entity_starting_at, is_word, sentence_of, span_of,
    strip_possessive, tok_text, token_range, tokens_text,
};

use crate::document::{Document, SourceKind};

/// Read a token range as a source phrase; `names` is [`Names::of`] the document.
pub fn read(doc: &Document, lx: &SourceLexicon, names: &Names, a: usize, b: usize) -> Reading {
    let mut r = Reading {
        toks: (a, b),
        sentence: sentence_of(doc, a),
        ..Reading::default()
    };
    // Trim punctuation and quotation marks at both ends.
    let Some((a, b)) = head::trim(doc, a, b) else {
        r.kind = Some(SourceKind::None);
        return r;
    };
    if kind::lone_pronoun(doc, lx, a, b, &mut r) {
        return r;
    }
    let core = head::core(doc, lx, a, b);
    r.core_start = core.start;
    r.core_end = core.end;
    if kind::ends_with_author(lx, &core, &mut r) {
        return r;
    }
    let head = head::head(doc, lx, &core, &mut r);
    let decided = names::coordinated(doc, &core, &head, &mut r)
        || kind::determiner_before_postmod(doc, lx, &core, &head, &mut r)
        || kind::quantifiers(lx, &core, &head, &mut r)
        || names::titled(doc, &core, &head, &mut r)
        || names::appositive(doc, lx, &core, &head, &mut r)
        || names::appositive_body(doc, &core, &head, &mut r)
        || names::head_entity(doc, names, &head, &mut r);
    if decided {
        return r;
    }
    r.noun_class = head.noun.as_ref().map(|n| n.class);
    let decided = kind::coordination(doc, lx, &core, &mut r)
        || kind::from_noun_class(doc, lx, &core, &head, &mut r)
        || names::unknown_name(&core, &head, &mut r);
    if !decided {
        kind::common_noun(lx, &core, &head, &mut r);
    }
    r
}

/// The kind of the source phrase in tokens `[a, b)` read on its own, without
/// coreference, statements or the speakers stage's evidence: the first
/// classification the `quotes` stage writes (so that `speakers` can leave unnamed
/// sources alone). The `sources` stage has the final word.
pub fn classify_phrase(doc: &Document, names: &Names, a: usize, b: usize) -> SourceKind {
    read(doc, SourceLexicon::get(), names, a, b)
        .kind
        .unwrap_or(SourceKind::Other)
}

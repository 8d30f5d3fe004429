//! The one document model every stage reads and writes.
//!
//! A [`Document`] starts as an id, a text and caller metadata. Each stage of the
//! pipeline adds a layer: [`Paragraph`]s, [`Sentence`]s and [`Token`]s from
//! segmentation, [`Entity`] mentions and [`EntityCluster`]s from NER and
//! coreference, [`Quote`]s with their cue and source mention, and [`Source`]s
//! with their classification (named, anonymous, …).
//!
//! **Offsets.** Every `start`/`end` pair in the model is a pair of Unicode
//! code-point offsets into [`Document::text`], end-exclusive: what Python's
//! `str` indices, brat standoff and PolNeAR use. Rust slices by bytes, so the
//! model keeps a byte-offset copy of each token span (never serialized) and
//! [`Document::slice`] maps code points to bytes for stages that need text.
//!
//! The JSON form of a document is versioned by [`SCHEMA_VERSION`] and
//! documented in `docs/schema.md` and `docs/document.schema.json`.

pub mod encoded;
pub mod layers;
mod lookup;
pub mod offsets;
pub mod serialize;
mod span;

pub use encoded::Encoded;
pub use layers::{Layer, Layers};
pub use offsets::CharIndex;
pub use span::Span;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Version of the JSON output. Bumped on any change a consumer could notice.
pub const SCHEMA_VERSION: &str = "1.1";

/// A span of text together with the text it covers, for output readers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextSpan {
    pub start: u32,
    pub end: u32,
    pub text: String,
}

/// What kind of token this is; lets later stages skip re-inspecting text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenKind {
    /// Letters, possibly with hyphens, apostrophes or internal periods ("U.S.").
    Word,
    /// Digits with optional separators: "1,000", "3.5", "10:30", "2018".
    Number,
    /// Sentence punctuation, brackets, dashes, symbols.
    Punct,
    /// An opening quotation mark: `"` `“` `‘` `` `` `` (or `'` / `` ` `` before text).
    OpenQuote,
    /// A closing quotation mark: `"` `”` `’` `''` (or `'` after text).
    CloseQuote,
    /// A quotation mark whose direction the text does not show.
    Quote,
    /// A clitic split from its host as PTB does: "'s", "n't", "'re", "'ll".
    Clitic,
    Url,
    Email,
    /// An @handle.
    Handle,
    /// A #hashtag.
    Hashtag,
    /// A currency symbol: "$", "€", "£", "US$".
    Currency,
    /// Markup such as `<tweet …>` kept as one token.
    Markup,
}

impl TokenKind {
    /// Whether a token of this kind counts as a word in throughput figures.
    pub fn is_word(self) -> bool {
        matches!(
            self,
            TokenKind::Word
                | TokenKind::Number
                | TokenKind::Url
                | TokenKind::Email
                | TokenKind::Handle
                | TokenKind::Hashtag
        )
    }
    pub fn is_quote(self) -> bool {
        matches!(
            self,
            TokenKind::OpenQuote | TokenKind::CloseQuote | TokenKind::Quote
        )
    }
}

/// One token: a span of the text and its kind. Its text is [`Document::token_text`];
/// the JSON output writes it out as `text` (a token holds no string of its own, which
/// keeps segmentation free of per-token allocation).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Token {
    pub start: u32,
    pub end: u32,
    pub kind: TokenKind,
    /// Byte offsets of the same span, for slicing `Document::text` in Rust.
    #[serde(skip)]
    pub bytes: (u32, u32),
}

impl Token {
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// A paragraph: a block of text between newlines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    pub start: u32,
    pub end: u32,
    /// Sentences `[sentences.0, sentences.1)` of this paragraph.
    pub sentences: (u32, u32),
}

/// A sentence: a run of tokens inside one paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    pub start: u32,
    pub end: u32,
    /// Tokens `[tokens.0, tokens.1)` of this sentence.
    pub tokens: (u32, u32),
    /// Index of the paragraph holding this sentence.
    pub paragraph: u32,
}

/// Entity types, CoNLL-2003's four.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EntityLabel {
    PER,
    ORG,
    LOC,
    MISC,
}

impl EntityLabel {
    pub const ALL: [EntityLabel; 4] = [
        EntityLabel::PER,
        EntityLabel::ORG,
        EntityLabel::LOC,
        EntityLabel::MISC,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            EntityLabel::PER => "PER",
            EntityLabel::ORG => "ORG",
            EntityLabel::LOC => "LOC",
            EntityLabel::MISC => "MISC",
        }
    }
}

/// A named-entity mention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub start: u32,
    pub end: u32,
    pub text: String,
    pub label: EntityLabel,
    /// Tokens `[tokens.0, tokens.1)` covered by the mention.
    pub tokens: (u32, u32),
    /// Index into `Document::clusters`, once coreference has run.
    #[serde(default)]
    pub cluster: Option<u32>,
}

/// One real-world person, organization or place, with all its mentions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityCluster {
    pub id: u32,
    /// The fullest name the article uses ("Kirstjen M. Nielsen").
    pub canonical: String,
    pub label: EntityLabel,
    /// Indices into `Document::entities`.
    pub mentions: Vec<u32>,
}

/// How the content of a quote is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteKind {
    /// Entirely inside quotation marks.
    Direct,
    /// A paraphrase with no quotation marks.
    Indirect,
    /// A paraphrase carrying a quoted fragment.
    Mixed,
}

impl QuoteKind {
    /// The name the JSON output uses.
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Indirect => "indirect",
            QuoteKind::Mixed => "mixed",
        }
    }
}

/// An attribution: content, the cue that introduces it, and who it comes from.
///
/// The JSON output writes each quote with three more fields, so that a quote is a
/// table row by itself: `source_text`, `source_kind` and `anonymous`, its source's
/// mention text, kind and anonymity ([`Document::quote_sources`]: a quote that
/// continues another has the source of the quote it continues), or null.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    pub kind: QuoteKind,
    /// The content; several spans when it is split around its attribution
    /// (`“A,” she said, “B.”` is one quote) or runs over paragraphs.
    pub content: Vec<TextSpan>,
    /// The cue ("said", "according to"), if any.
    pub cue: Option<TextSpan>,
    /// Index into `Document::sources` of the source this quote is attributed to.
    pub source: Option<u32>,
    /// Index into `Document::clusters` of the resolved speaker, if named.
    pub speaker: Option<u32>,
    /// Canonical name of the resolved speaker, repeated for flat consumers.
    pub speaker_name: Option<String>,
    /// Index into `Document::quotes` of the quote this one continues: a quotation
    /// with no cue of its own, standing as its own sentence right after an
    /// attributed one (`“…,” he said. “…”`); always an earlier quote.
    #[serde(default)]
    pub continues: Option<u32>,
}

/// What kind of source an attribution rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    Person,
    Organization,
    Anonymous,
    Group,
    Document,
    Author,
    None,
    Other,
}

impl SourceKind {
    /// Every kind, in a fixed order (tables, summaries).
    pub const ALL: [SourceKind; 8] = [
        SourceKind::Person,
        SourceKind::Organization,
        SourceKind::Anonymous,
        SourceKind::Group,
        SourceKind::Document,
        SourceKind::Author,
        SourceKind::None,
        SourceKind::Other,
    ];

    /// Every kind's name as serialized, in the order of [`SourceKind::ALL`].
    pub const NAMES: [&'static str; 8] = [
        "person",
        "organization",
        "anonymous",
        "group",
        "document",
        "author",
        "none",
        "other",
    ];

    /// The name the JSON output uses.
    pub fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// The kind for a JSON name.
    pub fn from_name(name: &str) -> Option<SourceKind> {
        Self::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

/// The parsed description of an unnamed source ("two senior Defense Department officials").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceDescriptor {
    /// "a", "two", "several", or "plural".
    pub number: Option<String>,
    pub role: Option<String>,
    pub seniority: Option<String>,
    pub affiliation: Option<String>,
    /// The reason given for anonymity, if any.
    pub reason: Option<String>,
}

/// A source mention and its classification.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// The mention as written ("a Defense Department official").
    pub mention: TextSpan,
    pub kind: SourceKind,
    pub anonymous: bool,
    /// The anonymity statement that covers this source, if the article gives one.
    pub anonymity_cue: Option<TextSpan>,
    pub descriptor: Option<SourceDescriptor>,
    /// Index into `Document::sources` of the mention this one refers back to.
    pub antecedent: Option<u32>,
    /// Index into `Document::clusters` of the named entity this source is.
    pub speaker: Option<u32>,
}

impl Source {
    /// A mention of kind `kind`, anonymous exactly when the kind is, with no evidence,
    /// descriptor, antecedent or speaker yet.
    pub fn new(mention: TextSpan, kind: SourceKind) -> Self {
        Source {
            mention,
            kind,
            anonymous: kind == SourceKind::Anonymous,
            anonymity_cue: None,
            descriptor: None,
            antecedent: None,
            speaker: None,
        }
    }
}

/// Per-document figures on sourcing, written by the `sources` stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceSummary {
    /// Number of attributions (quotes).
    pub attributions: u32,
    /// Attributions by source kind (every kind present, zero or not); a quote
    /// that continues another counts under that quote's source; one with no
    /// source under `none`.
    pub by_kind: std::collections::BTreeMap<String, u32>,
    /// Attributions to anonymous sources.
    pub anonymous: u32,
    /// `anonymous / attributions` (0 when there are none).
    pub anonymous_share: f64,
    /// Anonymous attributions whose source has an explicit anonymity statement.
    pub anonymous_with_statement: u32,
}

/// A news document and every annotation layer the pipeline has added.
///
/// Serialized by hand (see `serialize.rs`) so that tokens carry their text in
/// the output; deserialized by derive, after which [`Document::reindex`]
/// restores the byte offsets.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Document {
    /// The JSON schema version this document follows ([`SCHEMA_VERSION`]).
    #[serde(default = "schema_version")]
    pub schema_version: String,
    pub id: String,
    /// The text (absent from output written without the `text` layer, read back as "").
    #[serde(default)]
    pub text: String,
    /// Caller metadata, passed through untouched.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub meta: Map<String, Value>,
    #[serde(default)]
    pub paragraphs: Vec<Paragraph>,
    #[serde(default)]
    pub sentences: Vec<Sentence>,
    #[serde(default)]
    pub tokens: Vec<Token>,
    #[serde(default)]
    pub entities: Vec<Entity>,
    #[serde(default)]
    pub clusters: Vec<EntityCluster>,
    #[serde(default)]
    pub quotes: Vec<Quote>,
    #[serde(default)]
    pub sources: Vec<Source>,
    /// Sourcing figures, once the `sources` stage has run.
    #[serde(default)]
    pub summary: Option<SourceSummary>,
    /// A contextual encoder's scores per token (the accurate pipeline's `encoder`
    /// stage); never serialized.
    #[serde(skip)]
    pub encoded: Option<std::sync::Arc<Encoded>>,
}

fn schema_version() -> String {
    SCHEMA_VERSION.to_string()
}

impl Document {
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Document {
            schema_version: schema_version(),
            id: id.into(),
            text: text.into(),
            meta: Map::new(),
            paragraphs: Vec::new(),
            sentences: Vec::new(),
            tokens: Vec::new(),
            entities: Vec::new(),
            clusters: Vec::new(),
            quotes: Vec::new(),
            sources: Vec::new(),
            summary: None,
            encoded: None,
        }
    }

    /// The text of a token, by byte offsets (no scanning).
    pub fn token_text(&self, i: usize) -> &str {
        let t = &self.tokens[i];
        &self.text[t.bytes.0 as usize..t.bytes.1 as usize]
    }

    /// The tokens of sentence `i`.
    pub fn sentence_tokens(&self, i: usize) -> &[Token] {
        let (a, b) = self.sentences[i].tokens;
        &self.tokens[a as usize..b as usize]
    }

    /// For every quote, the first quote of its chain: itself, or the quote it
    /// continues (followed back; `continues` always points to an earlier quote, and
    /// one that does not is ignored). One pass, linear in the number of quotes.
    pub fn quote_roots(&self) -> Vec<usize> {
        let mut roots: Vec<usize> = Vec::with_capacity(self.quotes.len());
        for (i, q) in self.quotes.iter().enumerate() {
            let root = match q.continues.map(|c| c as usize) {
                Some(c) if c < i => roots[c],
                _ => i,
            };
            roots.push(root);
        }
        roots
    }

    /// For every quote, the index into `sources` of the source it rests on: its
    /// own, or, for a quote that continues another, that chain's first quote's;
    /// `None` when there is none. One pass over the quotes.
    pub fn quote_sources(&self) -> Vec<Option<u32>> {
        let valid = |s: Option<u32>| s.filter(|&s| (s as usize) < self.sources.len());
        self.quote_roots()
            .into_iter()
            .enumerate()
            .map(|(i, root)| valid(self.quotes[i].source).or(valid(self.quotes[root].source)))
            .collect()
    }

    /// Number of word tokens (not punctuation): the unit of throughput figures.
    pub fn word_count(&self) -> usize {
        self.tokens.iter().filter(|t| t.kind.is_word()).count()
    }

    /// Text of a code-point span, or `None` if it lies outside the text. Indexes the
    /// whole text on each call: to slice many spans, build one [`CharIndex`].
    pub fn slice(&self, span: Span) -> Option<&str> {
        CharIndex::new(&self.text).slice(&self.text, span)
    }

    /// Rebuild the byte offsets of tokens after deserializing a document.
    pub fn reindex(&mut self) {
        let index = CharIndex::new(&self.text);
        for t in &mut self.tokens {
            let b0 = index.byte(t.start).unwrap_or(self.text.len());
            let b1 = index.byte(t.end).unwrap_or(self.text.len());
            t.bytes = (b0 as u32, b1 as u32);
        }
    }
}

/// The output record for a document that could not be processed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorRecord {
    pub schema_version: String,
    pub id: String,
    pub error: ErrorInfo,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorInfo {
    /// A stable, machine-readable kind (see `docs/schema.md`).
    pub kind: String,
    /// What went wrong, for a person.
    pub message: String,
}

impl ErrorRecord {
    pub fn new(id: impl Into<String>, kind: impl Into<String>, message: impl Into<String>) -> Self {
        ErrorRecord {
            schema_version: SCHEMA_VERSION.to_string(),
            id: id.into(),
            error: ErrorInfo {
                kind: kind.into(),
                message: message.into(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_round_trip_keeps_layers_and_rebuilds_bytes() {
        let mut doc = Document::new("d1", "Ünïcode “quote”.");
        doc.meta.insert("source".into(), Value::from("wire"));
        crate::segment::Segmenter::new().segment(&mut doc);
        let json = serde_json::to_string(&doc).unwrap();
        let mut back: Document = serde_json::from_str(&json).unwrap();
        back.reindex();
        assert_eq!(back, doc);
        assert_eq!(back.token_text(0), "Ünïcode");
    }

    #[test]
    fn output_carries_schema_version() {
        let doc = Document::new("x", "Hi.");
        let v: Value = serde_json::from_str(&serde_json::to_string(&doc).unwrap()).unwrap();
        assert_eq!(v["schema_version"], SCHEMA_VERSION);
    }
}

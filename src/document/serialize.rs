//! JSON output of a [`Document`]: every field in declaration order (or the
//! layers a [`Layers`] set keeps), each token with its text, sliced from the
//! document text at write time, and each quote with its source's text, kind and
//! anonymity, so that a quote record is a table row by itself.

use super::layers::{Layer, Layers};
use super::{Document, Quote, Token};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, SerializeStruct, Serializer};

struct TokensOut<'a> {
    text: &'a str,
    tokens: &'a [Token],
}

struct TokenOut<'a> {
    text: &'a str,
    token: &'a Token,
}

impl Serialize for TokensOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.tokens.len()))?;
        for token in self.tokens {
            seq.serialize_element(&TokenOut {
                text: self.text,
                token,
            })?;
        }
        seq.end()
    }
}

impl Serialize for TokenOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let t = self.token;
        let text = self
            .text
            .get(t.bytes.0 as usize..t.bytes.1 as usize)
            .unwrap_or("");
        let mut map = s.serialize_map(Some(4))?;
        map.serialize_entry("start", &t.start)?;
        map.serialize_entry("end", &t.end)?;
        map.serialize_entry("text", text)?;
        map.serialize_entry("kind", &t.kind)?;
        map.end()
    }
}

/// A document as written with only some of its layers ([`Document::with_layers`]).
pub struct DocumentOut<'a> {
    doc: &'a Document,
    layers: Layers,
}

struct QuotesOut<'a> {
    doc: &'a Document,
}

struct QuoteOut<'a> {
    doc: &'a Document,
    source: Option<u32>,
    quote: &'a Quote,
}

impl Serialize for QuotesOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.doc.quotes.len()))?;
        for (quote, source) in self.doc.quotes.iter().zip(self.doc.quote_sources()) {
            seq.serialize_element(&QuoteOut {
                doc: self.doc,
                source,
                quote,
            })?;
        }
        seq.end()
    }
}

impl Serialize for QuoteOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let q = self.quote;
        let source = self.source.map(|s| &self.doc.sources[s as usize]);
        let mut map = s.serialize_map(Some(10))?;
        map.serialize_entry("kind", &q.kind)?;
        map.serialize_entry("content", &q.content)?;
        map.serialize_entry("cue", &q.cue)?;
        map.serialize_entry("source", &q.source)?;
        map.serialize_entry("source_text", &source.map(|s| s.mention.text.as_str()))?;
        map.serialize_entry("source_kind", &source.map(|s| s.kind))?;
        map.serialize_entry("anonymous", &source.map(|s| s.anonymous))?;
        map.serialize_entry("speaker", &q.speaker)?;
        map.serialize_entry("speaker_name", &q.speaker_name)?;
        map.serialize_entry("continues", &q.continues)?;
        map.end()
    }
}

impl Serialize for DocumentOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (doc, layers) = (self.doc, self.layers);
        let with_meta = !doc.meta.is_empty();
        let fields = 2 + usize::from(with_meta) + layers.iter().count();
        let mut st = s.serialize_struct("Document", fields)?;
        st.serialize_field("schema_version", &doc.schema_version)?;
        st.serialize_field("id", &doc.id)?;
        for layer in Layer::ALL {
            if !layers.has(layer) {
                st.skip_field(layer.name())?;
                continue;
            }
            match layer {
                Layer::Text => {
                    st.serialize_field("text", &doc.text)?;
                    // Caller metadata follows the text, whatever the layers.
                    if with_meta {
                        st.serialize_field("meta", &doc.meta)?;
                    }
                }
                Layer::Paragraphs => st.serialize_field("paragraphs", &doc.paragraphs)?,
                Layer::Sentences => st.serialize_field("sentences", &doc.sentences)?,
                Layer::Tokens => st.serialize_field(
                    "tokens",
                    &TokensOut {
                        text: &doc.text,
                        tokens: &doc.tokens,
                    },
                )?,
                Layer::Entities => st.serialize_field("entities", &doc.entities)?,
                Layer::Clusters => st.serialize_field("clusters", &doc.clusters)?,
                Layer::Quotes => st.serialize_field("quotes", &QuotesOut { doc })?,
                Layer::Sources => st.serialize_field("sources", &doc.sources)?,
                Layer::Summary => st.serialize_field("summary", &doc.summary)?,
            }
        }
        if with_meta && !layers.has(Layer::Text) {
            st.serialize_field("meta", &doc.meta)?;
        }
        st.end()
    }
}

impl Document {
    /// This document as written with only `layers` (`byline annotate --layers`);
    /// serialize the result.
    pub fn with_layers(&self, layers: Layers) -> DocumentOut<'_> {
        DocumentOut { doc: self, layers }
    }
}

impl Serialize for Document {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.with_layers(Layers::ALL).serialize(s)
    }
}

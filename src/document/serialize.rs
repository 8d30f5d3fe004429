//! JSON output of a [`Document`]: every field in declaration order, and each
//! token with its text, sliced from the document text at write time.

use super::{Document, Token};
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

impl Serialize for Document {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let with_meta = !self.meta.is_empty();
        let mut st = s.serialize_struct("Document", 12 + usize::from(with_meta))?;
        st.serialize_field("schema_version", &self.schema_version)?;
        st.serialize_field("id", &self.id)?;
        st.serialize_field("text", &self.text)?;
        if with_meta {
            st.serialize_field("meta", &self.meta)?;
        } else {
            st.skip_field("meta")?;
        }
        st.serialize_field("paragraphs", &self.paragraphs)?;
        st.serialize_field("sentences", &self.sentences)?;
        st.serialize_field(
            "tokens",
            &TokensOut {
                text: &self.text,
                tokens: &self.tokens,
            },
        )?;
        st.serialize_field("entities", &self.entities)?;
        st.serialize_field("clusters", &self.clusters)?;
        st.serialize_field("quotes", &self.quotes)?;
        st.serialize_field("sources", &self.sources)?;
        st.serialize_field("summary", &self.summary)?;
        st.end()
    }
}

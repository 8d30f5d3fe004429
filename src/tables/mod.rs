//! Flat tables of annotated documents: one row per document, quote, entity or
//! source, for pandas, Polars, DuckDB and Spark (`byline export`).
//!
//! Each [`Table`] has fixed, documented [`Column`]s. [`Table::rows`] turns one
//! output record (an annotated [`Document`] or an error record) into rows, and a
//! writer ([`csv::CsvTable`], [`parquet::ParquetTable`]) streams them to a file.
//! Every record gives exactly one `documents` row, so no record is lost; an error
//! record's row carries its error and no other table has rows for it.
//!
//! Indices (`quote`, `source`, `entity`, `cluster`, `speaker`, `continues`,
//! `antecedent`) are 0-based positions in the document's own lists, as in the JSON
//! output, so `(doc_id, source)` joins `quotes` to `sources`. Offsets are code
//! points into the document text, end-exclusive.

pub mod csv;
pub mod parquet;

use crate::document::Document;
use std::borrow::Cow;
use std::io;

/// A column's type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Str,
    Int,
    Bool,
    Float,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Str => "string",
            Kind::Int => "int64",
            Kind::Bool => "bool",
            Kind::Float => "float64",
        }
    }
}

/// One column of a table: name, type and what it holds. Every column may be null.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub name: &'static str,
    pub kind: Kind,
    pub about: &'static str,
}

const fn col(name: &'static str, kind: Kind, about: &'static str) -> Column {
    Column { name, kind, about }
}

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    Null,
    Str(Cow<'a, str>),
    Int(i64),
    Bool(bool),
    Float(f64),
}

impl<'a> Value<'a> {
    fn str(s: &'a str) -> Self {
        Value::Str(Cow::Borrowed(s))
    }
    fn opt_str(s: Option<&'a str>) -> Self {
        s.map_or(Value::Null, Value::str)
    }
    fn int(n: impl Into<i64>) -> Self {
        Value::Int(n.into())
    }
    fn opt_int(n: Option<u32>) -> Self {
        n.map_or(Value::Null, |n| Value::Int(n.into()))
    }
}

/// What an output record is: an annotated document or an error record.
#[derive(Debug, Clone, Copy)]
pub enum Entry<'a> {
    Document(&'a Document),
    Error {
        id: &'a str,
        kind: &'a str,
        message: &'a str,
    },
}

/// The four tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Documents,
    Quotes,
    Entities,
    Sources,
}

const DOCUMENTS: &[Column] = &[
    col("doc_id", Kind::Str, "the record's id"),
    col(
        "error_kind",
        Kind::Str,
        "the error kind of an error record (see docs/schema.md), else null",
    ),
    col(
        "error_message",
        Kind::Str,
        "what went wrong, for an error record, else null",
    ),
    col(
        "chars",
        Kind::Int,
        "length of the text in code points (null when the record has no text layer)",
    ),
    col("entities", Kind::Int, "entity mentions"),
    col(
        "clusters",
        Kind::Int,
        "entity clusters (people, organizations, places)",
    ),
    col("quotes", Kind::Int, "quotes (rows of the quotes table)"),
    col(
        "sources",
        Kind::Int,
        "source mentions (rows of the sources table)",
    ),
    col(
        "attributions",
        Kind::Int,
        "the summary's attribution count (null without the sources stage)",
    ),
    col(
        "anonymous",
        Kind::Int,
        "attributions to anonymous sources (summary)",
    ),
    col(
        "anonymous_share",
        Kind::Float,
        "anonymous / attributions (summary)",
    ),
    col(
        "anonymous_with_statement",
        Kind::Int,
        "anonymous attributions with an anonymity statement (summary)",
    ),
    col(
        "meta",
        Kind::Str,
        "the record's caller metadata as a JSON object, or null",
    ),
];

const QUOTES: &[Column] = &[
    col("doc_id", Kind::Str, "the record's id"),
    col("quote", Kind::Int, "the quote's index in the document"),
    col("kind", Kind::Str, "direct, indirect or mixed"),
    col("content", Kind::Str, "the content's text; the spans of a split quote joined by \" … \""),
    col("content_start", Kind::Int, "where the content starts (its first span)"),
    col("content_end", Kind::Int, "where the content ends (its last span)"),
    col("content_spans", Kind::Int, "how many spans the content has"),
    col("cue", Kind::Str, "the cue (\"said\", \"according to\"), or null"),
    col("cue_start", Kind::Int, "where the cue starts"),
    col("cue_end", Kind::Int, "where the cue ends"),
    col("source", Kind::Int, "index of the quote's source in the sources table (a continuation: that of the quote it continues)"),
    col("source_text", Kind::Str, "the source mention as written"),
    col("source_start", Kind::Int, "where the source mention starts"),
    col("source_end", Kind::Int, "where the source mention ends"),
    col("source_kind", Kind::Str, "person, organization, anonymous, group, document, author, none or other"),
    col("anonymous", Kind::Bool, "whether the source is anonymous"),
    col("anonymity_cue", Kind::Str, "the statement of the source's anonymity (\"who spoke on condition of anonymity\"), or null"),
    col("speaker", Kind::Int, "cluster index of the resolved speaker, or null"),
    col("speaker_name", Kind::Str, "the resolved speaker's canonical name, or null"),
    col("continues", Kind::Int, "index of the quote this one continues, or null"),
];

const ENTITIES: &[Column] = &[
    col("doc_id", Kind::Str, "the record's id"),
    col("entity", Kind::Int, "the mention's index in the document"),
    col("start", Kind::Int, "where the mention starts"),
    col("end", Kind::Int, "where the mention ends"),
    col("text", Kind::Str, "the mention as written"),
    col("label", Kind::Str, "PER, ORG, LOC or MISC"),
    col(
        "cluster",
        Kind::Int,
        "index of the mention's cluster, or null",
    ),
    col(
        "canonical",
        Kind::Str,
        "the cluster's canonical (fullest) name, or null",
    ),
];

const SOURCES: &[Column] = &[
    col("doc_id", Kind::Str, "the record's id"),
    col(
        "source",
        Kind::Int,
        "the source mention's index in the document",
    ),
    col("start", Kind::Int, "where the mention starts"),
    col("end", Kind::Int, "where the mention ends"),
    col("text", Kind::Str, "the mention as written"),
    col(
        "kind",
        Kind::Str,
        "person, organization, anonymous, group, document, author, none or other",
    ),
    col("anonymous", Kind::Bool, "whether the source is anonymous"),
    col(
        "anonymity_cue",
        Kind::Str,
        "the anonymity statement that covers it, or null",
    ),
    col(
        "number",
        Kind::Str,
        "for an unnamed source: a, two, several, plural",
    ),
    col(
        "role",
        Kind::Str,
        "for an unnamed source: its role (\"official\")",
    ),
    col(
        "seniority",
        Kind::Str,
        "for an unnamed source: \"senior\", \"top\" …",
    ),
    col(
        "affiliation",
        Kind::Str,
        "for an unnamed source: who it works for",
    ),
    col("reason", Kind::Str, "the reason given for anonymity"),
    col(
        "antecedent",
        Kind::Int,
        "index of the source this one refers back to, or null",
    ),
    col(
        "speaker",
        Kind::Int,
        "cluster index of the named entity this source is, or null",
    ),
    col(
        "speaker_name",
        Kind::Str,
        "that cluster's canonical name, or null",
    ),
    col(
        "quotes",
        Kind::Int,
        "quotes attributed to this source (continuations included)",
    ),
];

impl Table {
    pub const ALL: [Table; 4] = [
        Table::Documents,
        Table::Quotes,
        Table::Entities,
        Table::Sources,
    ];

    /// The table's name, also its file name (`quotes.parquet`).
    pub fn name(self) -> &'static str {
        match self {
            Table::Documents => "documents",
            Table::Quotes => "quotes",
            Table::Entities => "entities",
            Table::Sources => "sources",
        }
    }

    pub fn from_name(name: &str) -> Option<Table> {
        Table::ALL.into_iter().find(|t| t.name() == name)
    }

    /// What one row stands for.
    pub fn about(self) -> &'static str {
        match self {
            Table::Documents => "one row per output record, error records included",
            Table::Quotes => "one row per quote",
            Table::Entities => "one row per entity mention",
            Table::Sources => "one row per source mention",
        }
    }

    pub fn columns(self) -> &'static [Column] {
        match self {
            Table::Documents => DOCUMENTS,
            Table::Quotes => QUOTES,
            Table::Entities => ENTITIES,
            Table::Sources => SOURCES,
        }
    }

    /// Call `row` with each of this table's rows for one record, in document order;
    /// each row has one value per column of [`Table::columns`].
    pub fn rows(
        self,
        entry: Entry<'_>,
        row: &mut dyn FnMut(&[Value<'_>]) -> io::Result<()>,
    ) -> io::Result<()> {
        let doc = match (entry, self) {
            (Entry::Error { id, kind, message }, Table::Documents) => {
                let mut cells = vec![Value::Null; DOCUMENTS.len()];
                cells[0] = Value::str(id);
                cells[1] = Value::str(kind);
                cells[2] = Value::str(message);
                return row(&cells);
            }
            (Entry::Error { .. }, _) => return Ok(()),
            (Entry::Document(doc), _) => doc,
        };
        let id = Value::str(&doc.id);
        match self {
            Table::Documents => {
                let summary = doc.summary.as_ref();
                let meta = (!doc.meta.is_empty())
                    .then(|| serde_json::to_string(&doc.meta).ok())
                    .flatten();
                row(&[
                    id,
                    Value::Null,
                    Value::Null,
                    // An annotated text is never empty: empty means not written.
                    if doc.text.is_empty() {
                        Value::Null
                    } else {
                        Value::int(doc.text.chars().count() as i64)
                    },
                    Value::int(doc.entities.len() as i64),
                    Value::int(doc.clusters.len() as i64),
                    Value::int(doc.quotes.len() as i64),
                    Value::int(doc.sources.len() as i64),
                    Value::opt_int(summary.map(|s| s.attributions)),
                    Value::opt_int(summary.map(|s| s.anonymous)),
                    summary.map_or(Value::Null, |s| Value::Float(s.anonymous_share)),
                    Value::opt_int(summary.map(|s| s.anonymous_with_statement)),
                    meta.map_or(Value::Null, |m| Value::Str(Cow::Owned(m))),
                ])
            }
            Table::Quotes => {
                for (i, (q, source_index)) in doc.quotes.iter().zip(doc.quote_sources()).enumerate()
                {
                    let source = source_index.and_then(|s| doc.sources.get(s as usize));
                    let content = match q.content.as_slice() {
                        [one] => Cow::Borrowed(one.text.as_str()),
                        spans => Cow::Owned(
                            spans
                                .iter()
                                .map(|s| s.text.as_str())
                                .collect::<Vec<_>>()
                                .join(" … "),
                        ),
                    };
                    row(&[
                        id.clone(),
                        Value::int(i as i64),
                        Value::str(q.kind.as_str()),
                        Value::Str(content),
                        Value::opt_int(q.content.first().map(|s| s.start)),
                        Value::opt_int(q.content.last().map(|s| s.end)),
                        Value::int(q.content.len() as i64),
                        Value::opt_str(q.cue.as_ref().map(|c| c.text.as_str())),
                        Value::opt_int(q.cue.as_ref().map(|c| c.start)),
                        Value::opt_int(q.cue.as_ref().map(|c| c.end)),
                        Value::opt_int(source_index),
                        Value::opt_str(source.map(|s| s.mention.text.as_str())),
                        Value::opt_int(source.map(|s| s.mention.start)),
                        Value::opt_int(source.map(|s| s.mention.end)),
                        Value::opt_str(source.map(|s| s.kind.as_str())),
                        source.map_or(Value::Null, |s| Value::Bool(s.anonymous)),
                        Value::opt_str(
                            source
                                .and_then(|s| s.anonymity_cue.as_ref())
                                .map(|c| c.text.as_str()),
                        ),
                        Value::opt_int(q.speaker),
                        Value::opt_str(q.speaker_name.as_deref()),
                        Value::opt_int(q.continues),
                    ])?;
                }
                Ok(())
            }
            Table::Entities => {
                for (i, e) in doc.entities.iter().enumerate() {
                    let cluster = e.cluster.and_then(|c| doc.clusters.get(c as usize));
                    row(&[
                        id.clone(),
                        Value::int(i as i64),
                        Value::int(e.start),
                        Value::int(e.end),
                        Value::str(&e.text),
                        Value::str(e.label.as_str()),
                        Value::opt_int(e.cluster),
                        Value::opt_str(cluster.map(|c| c.canonical.as_str())),
                    ])?;
                }
                Ok(())
            }
            Table::Sources => {
                let mut quoted = vec![0i64; doc.sources.len()];
                for s in doc.quote_sources().into_iter().flatten() {
                    quoted[s as usize] += 1;
                }
                for (i, s) in doc.sources.iter().enumerate() {
                    let d = s.descriptor.as_ref();
                    let field = |f: fn(&crate::document::SourceDescriptor) -> &Option<String>| {
                        Value::opt_str(d.and_then(|d| f(d).as_deref()))
                    };
                    let speaker = s.speaker.and_then(|c| doc.clusters.get(c as usize));
                    row(&[
                        id.clone(),
                        Value::int(i as i64),
                        Value::int(s.mention.start),
                        Value::int(s.mention.end),
                        Value::str(&s.mention.text),
                        Value::str(s.kind.as_str()),
                        Value::Bool(s.anonymous),
                        Value::opt_str(s.anonymity_cue.as_ref().map(|c| c.text.as_str())),
                        field(|d| &d.number),
                        field(|d| &d.role),
                        field(|d| &d.seniority),
                        field(|d| &d.affiliation),
                        field(|d| &d.reason),
                        Value::opt_int(s.antecedent),
                        Value::opt_int(s.speaker),
                        Value::opt_str(speaker.map(|c| c.canonical.as_str())),
                        Value::Int(quoted[i]),
                    ])?;
                }
                Ok(())
            }
        }
    }
}

/// A table being written: rows in, a file out.
pub trait TableWriter {
    fn row(&mut self, cells: &[Value<'_>]) -> io::Result<()>;
    /// Write what is buffered and close the file.
    fn finish(self: Box<Self>) -> io::Result<()>;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(table: Table, entry: Entry<'_>) -> Vec<Vec<String>> {
        let mut rows = Vec::new();
        table
            .rows(entry, &mut |cells| {
                assert_eq!(cells.len(), table.columns().len(), "{}", table.name());
                rows.push(cells.iter().map(|c| format!("{c:?}")).collect());
                Ok(())
            })
            .unwrap();
        rows
    }

    #[test]
    fn an_error_record_is_one_documents_row_and_nothing_else() {
        let entry = Entry::Error {
            id: "x",
            kind: "empty_text",
            message: "no text",
        };
        assert_eq!(collect(Table::Documents, entry).len(), 1);
        for t in [Table::Quotes, Table::Entities, Table::Sources] {
            assert!(collect(t, entry).is_empty());
        }
    }

    #[test]
    fn every_table_gives_a_value_per_column() {
        let doc = crate::Pipeline::default()
            .annotate(Document::new(
                "d",
                "“We will win,” she said, “and we will win big.”\n\nA senior aide to Mayor \
                 Maria Lopez, who spoke on condition of anonymity, said the vote was close.",
            ))
            .unwrap();
        assert_eq!(collect(Table::Documents, Entry::Document(&doc)).len(), 1);
        let quotes = collect(Table::Quotes, Entry::Document(&doc));
        assert_eq!(quotes.len(), doc.quotes.len());
        assert!(quotes[0][3].contains(" … "), "{:?}", quotes[0]);
        assert_eq!(
            collect(Table::Entities, Entry::Document(&doc)).len(),
            doc.entities.len()
        );
        assert_eq!(
            collect(Table::Sources, Entry::Document(&doc)).len(),
            doc.sources.len()
        );
    }
}

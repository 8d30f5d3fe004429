//! Errors: a stage's failure, and the per-document error that becomes an error record.

use crate::document::ErrorRecord;
use serde::{Deserialize, Serialize};

/// A stage could not process a document.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ProcessorError {
    pub message: String,
}

impl ProcessorError {
    pub fn new(message: impl Into<String>) -> Self {
        ProcessorError {
            message: message.into(),
        }
    }
}

/// Why a record produced no annotated document. Serialized in snake_case; the
/// strings are stable and documented in `docs/schema.md`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// A JSON Lines record that is not valid JSON, or not a JSON object.
    MalformedJson,
    /// A JSON record without a `text` field.
    MissingText,
    /// A JSON record whose `text` is not a string.
    InvalidText,
    /// Bytes that are not valid UTF-8.
    InvalidUtf8,
    /// A NUL byte in the text (binary data).
    NulByte,
    /// Empty or whitespace-only text.
    EmptyText,
    /// Longer than the `--max-chars` limit.
    TooLong,
    /// The record could not be read (a file vanished, permission denied).
    Io,
    /// A stage reported a failure.
    Stage,
    /// A stage crashed: a bug in byline.
    Internal,
}

impl ErrorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::MalformedJson => "malformed_json",
            ErrorKind::MissingText => "missing_text",
            ErrorKind::InvalidText => "invalid_text",
            ErrorKind::InvalidUtf8 => "invalid_utf8",
            ErrorKind::NulByte => "nul_byte",
            ErrorKind::EmptyText => "empty_text",
            ErrorKind::TooLong => "too_long",
            ErrorKind::Io => "io",
            ErrorKind::Stage => "stage",
            ErrorKind::Internal => "internal",
        }
    }
}

/// One document's failure: kind and a message for people.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}: {message}", kind.as_str())]
pub struct DocError {
    pub kind: ErrorKind,
    pub message: String,
}

impl DocError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        DocError {
            kind,
            message: message.into(),
        }
    }

    /// The output record for the document `id`.
    pub fn to_record(&self, id: &str) -> ErrorRecord {
        ErrorRecord::new(id, self.kind.as_str(), self.message.clone())
    }
}

//! The clusters by surname, so that resolving a source looks a name up instead of
//! scanning every cluster of the document: with a cluster per person named, a scan
//! per source would grow with the square of a long document.

use super::names::{name_words, surname};
use crate::document::Document;
use std::collections::HashMap;

/// Each cluster's surname (of its canonical name), lower-cased and upper-cased,
/// with the clusters of each in order.
#[derive(Debug, Default)]
pub(super) struct Surnames {
    lower: HashMap<String, Vec<u32>>,
    upper: HashMap<String, Vec<u32>>,
    /// How many of the document's clusters are indexed.
    indexed: usize,
}

impl Surnames {
    /// Index the clusters added since the last call (clusters are only appended
    /// while sources resolve, and their names do not change).
    pub(super) fn catch_up(&mut self, doc: &Document) {
        for c in doc.clusters.iter().skip(self.indexed) {
            if let Some(s) = surname(&name_words(&c.canonical)) {
                self.lower.entry(s.to_lowercase()).or_default().push(c.id);
                self.upper.entry(s.to_uppercase()).or_default().push(c.id);
            }
        }
        self.indexed = doc.clusters.len();
    }

    /// The clusters whose surname lower-cased is `s`, latest first.
    pub(super) fn lower(&self, s: &str) -> impl Iterator<Item = u32> + '_ {
        self.lower.get(s).into_iter().flatten().rev().copied()
    }

    /// The clusters whose surname upper-cased is `s`, latest first.
    pub(super) fn upper(&self, s: &str) -> impl Iterator<Item = u32> + '_ {
        self.upper.get(s).into_iter().flatten().rev().copied()
    }
}

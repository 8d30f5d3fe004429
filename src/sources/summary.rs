//! The per-document summary: attributions by source kind (a quote that continues
//! another has that quote's source), the anonymous share, and how many anonymous
//! attributions give a statement.

use crate::document::{Document, SourceKind, SourceSummary};
use std::collections::BTreeMap;

/// Attributions by source kind, anonymous share and statements.
pub fn summarize(doc: &Document) -> SourceSummary {
    let mut by_kind: BTreeMap<String, u32> = BTreeMap::new();
    for k in SourceKind::NAMES {
        by_kind.insert(k.into(), 0);
    }
    let mut anonymous = 0u32;
    let mut with_statement = 0u32;
    let total = doc.quotes.len() as u32;
    for (qi, q) in doc.quotes.iter().enumerate() {
        // A quote that continues another has that quote's source.
        let mut src = q.source;
        let mut cur = q.continues;
        let mut steps = 0;
        while src.is_none() && steps < doc.quotes.len() {
            let Some(c) = cur.filter(|&c| c as usize != qi) else {
                break;
            };
            let Some(prev) = doc.quotes.get(c as usize) else {
                break;
            };
            src = prev.source;
            cur = prev.continues;
            steps += 1;
        }
        let source = src.and_then(|s| doc.sources.get(s as usize));
        let kind = source.map_or(SourceKind::None, |s| s.kind);
        *by_kind.entry(kind.as_str().into()).or_insert(0) += 1;
        if source.is_some_and(|s| s.anonymous) {
            anonymous += 1;
            if source.is_some_and(|s| s.anonymity_cue.is_some()) {
                with_statement += 1;
            }
        }
    }
    SourceSummary {
        attributions: total,
        by_kind,
        anonymous,
        anonymous_share: if total == 0 {
            0.0
        } else {
            f64::from(anonymous) / f64::from(total)
        },
        anonymous_with_statement: with_statement,
    }
}

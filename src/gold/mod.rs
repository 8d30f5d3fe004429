//! Reading gold annotations: the data the trainers learn from and the
//! evaluators score against. Below both, so that a trainer never imports an
//! evaluator to read its data.
//!
//! - [`polnear`]: brat standoff, in PolNeAR's layout or a plain brat folder,
//!   with PolNeAR's source labels beside it;
//! - [`jsonl`]: byline's own JSON Lines gold format, labels inline.
//!
//! [`read`] takes either: a directory is brat, a file is JSON Lines.

pub mod jsonl;
pub mod polnear;

pub use jsonl::GoldSet;
use std::collections::HashMap;
use std::path::Path;

/// Read a gold set: a brat folder (no labels; those come from a label file) or
/// a JSON Lines gold file (labels inline).
pub fn read(path: &Path) -> Result<GoldSet, String> {
    if path.is_dir() {
        Ok(GoldSet {
            articles: polnear::read_split(path)?,
            labels: HashMap::new(),
        })
    } else if path.exists() {
        jsonl::read(path)
    } else {
        Err(format!(
            "{} does not exist (gold is a brat folder or a JSON Lines file)",
            path.display()
        ))
    }
}

/// How the labels of a label file join the gold attributions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LabelJoin {
    /// Labels naming a gold attribution.
    pub matched: usize,
    /// Labels naming none, as (document, relation id), sorted.
    pub unmatched: Vec<(String, String)>,
}

/// Which labels name a gold attribution of `articles` (on document name and relation id).
pub fn join_labels(
    articles: &[polnear::Article],
    labels: &HashMap<(String, String), polnear::SourceLabel>,
) -> LabelJoin {
    let known: std::collections::HashSet<(&str, &str)> = articles
        .iter()
        .flat_map(|a| {
            a.attributions
                .iter()
                .map(move |g| (a.name.as_str(), g.id.as_str()))
        })
        .collect();
    let mut join = LabelJoin::default();
    for key in labels.keys() {
        if known.contains(&(key.0.as_str(), key.1.as_str())) {
            join.matched += 1;
        } else {
            join.unmatched.push(key.clone());
        }
    }
    join.unmatched.sort();
    join
}

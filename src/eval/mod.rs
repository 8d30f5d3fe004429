//! Scoring byline against reference data.
//!
//! - [`segmentation`]: agreement with Stanford CoreNLP's tokens and sentences.
//! - [`polnear`]: reading PolNeAR articles, attribution relations and source labels.
//! - [`quotes`]: attribution scores on PolNeAR (content, source, end-to-end, speaker).
//! - [`sources`]: source kind, anonymity and anonymity statements on gold source spans.

pub mod polnear;
pub mod quotes;
pub mod segmentation;
pub mod sources;

//! Scoring byline against reference data.
//!
//! - [`segmentation`]: agreement with Stanford CoreNLP's tokens and sentences.
//! - [`quotes`]: attribution scores on PolNeAR (content, source, end-to-end, speaker).
//! - [`sources`]: source kind, anonymity and anonymity statements on gold source spans.

pub mod quotes;
pub mod segmentation;
pub mod sources;

//! Scoring byline against reference data.
//!
//! - [`segmentation`]: agreement with Stanford CoreNLP's tokens and sentences.

pub mod segmentation;

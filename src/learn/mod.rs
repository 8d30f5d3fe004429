//! What byline's learned models share, defined once: stable feature hashing
//! ([`hash`]), hashed linear weight tables with their file encoding and
//! averaged-perceptron training ([`linear`]), and a seeded shuffle ([`Rng`]).
//! The models themselves live with their stages, each beside its trainer:
//! [`crate::ner`] (`model.rs`, `train.rs`), [`crate::quotes::cue_model`] and
//! [`crate::quotes::span_model`] (`mod.rs`, `train.rs`).

pub mod hash;
pub mod linear;
mod rng;

pub use rng::Rng;

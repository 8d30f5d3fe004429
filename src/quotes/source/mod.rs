//! The source phrase of an attribution, found around its cue by token patterns
//! over one sentence; no parser needed.
//!
//! A source phrase is found by walking from a cue over words that can belong
//! to a noun phrase: capitalized words (names, titles, organizations),
//! determiners and numbers, the nouns and modifiers of `source-words.txt`,
//! possessives, and an apposition set off by commas ("Jim Mattis, the defense
//! secretary,"). Anything else ends it. Each reading is a method of
//! [`Tokens`](super::tokens::Tokens):
//!
//! - [`word`]: which tokens a source phrase is made of.
//! - [`before`]: the source before a cue (`X said`), walked left from it.
//! - [`apposition`]: an apposition set off by commas before a cue.
//! - [`after`]: the source after a cue (`said X`), the subject opening a clause,
//!   and the source of "according to".

pub mod after;
pub mod apposition;
pub mod before;
pub mod word;

//! Word lists that more than one stage reads, and the format every stage's word
//! lists are written in. The lists themselves are data, under `data/`, compiled
//! into the binary; code names a list and asks whether a word is on it.
//!
//! - [`first_names`]: first names and their usual gender.
//! - [`words`]: the `[name]`-sectioned word-list files (`data/*/words.txt`) and
//!   [`WordSet`], the lookup a rule uses in place of a `matches!` over literals.

pub mod first_names;
pub mod words;

pub use words::{WordLists, WordSet};

//! Anonymity statements: the expressions by which an article says a source was
//! granted anonymity ("speaking on condition of anonymity because …", "who asked
//! not to be named"), in the order the stage uses them:
//!
//! - the patterns of `data/sources/anonymity-statements.txt` are read in
//!   [`crate::phrase::anonymity`], where the `quotes` stage reads them too.
//! - `find.rs`: where they match, the clause each sits in and its stated reason.
//! - `attach.rs`: which mention each belongs to, and the chains it covers.

mod attach;
mod find;

pub use crate::phrase::anonymity::StatementPatterns;
pub use attach::{attach, ChainCues};
pub use find::{find, Statement};

//! Reading gold annotations: the data the trainers learn from and the
//! evaluators score against. Below both, so that a trainer never imports an
//! evaluator to read its data.
//!
//! - [`polnear`]: PolNeAR's attribution relations in brat standoff, with the
//!   source labels beside them.

pub mod polnear;

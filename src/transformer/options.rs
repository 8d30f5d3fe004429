//! The settings both transformer stages (NER and the attribution encoder) take.

use super::error::DeviceChoice;

/// Settings of the transformer stage.
#[derive(Debug, Clone)]
pub struct TransformerOptions {
    pub device: DeviceChoice,
    /// Sequences per forward pass.
    pub batch_size: usize,
    /// Cap on sub-tokens per sequence, special tokens included (default and upper
    /// bound: the model's own limit).
    pub max_length: Option<usize>,
    /// libtorch's intra-op threads (`tch::set_num_threads`, process-wide); `None` leaves
    /// libtorch's default, one per physical core.
    pub threads: Option<usize>,
    /// Run the forward pass on libtorch's fused kernels, as PyTorch does (see
    /// `fused.rs`); `false` keeps rust-bert's module-by-module forward pass (slower, same
    /// results within float rounding), for comparison.
    pub fused: bool,
}

impl Default for TransformerOptions {
    fn default() -> Self {
        TransformerOptions {
            device: DeviceChoice::Auto,
            batch_size: 16,
            max_length: None,
            threads: None,
            fused: true,
        }
    }
}

//! What can go wrong in setting up or running the transformer backend, and where
//! it is asked to run.

use std::path::PathBuf;

/// Why the transformer stage could not be set up or run.
#[derive(Debug, thiserror::Error)]
pub enum TransformerError {
    #[error("model directory {}: {message}", dir.display())]
    ModelDir { dir: PathBuf, message: String },
    #[error("tokenizer: {0}")]
    Tokenizer(String),
    #[error("model: {0}")]
    Model(String),
    #[error("device: {0}")]
    Device(String),
}

/// Where the model runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DeviceChoice {
    /// A CUDA GPU when libtorch sees one, else the CPU.
    #[default]
    Auto,
    Cpu,
    /// A CUDA GPU, or an error when there is none.
    Cuda,
}

//! What the transformer tests share: the fixtures `scripts/test-transformer.sh`
//! generates with PyTorch, and CPU options.
#![allow(dead_code)]

use byline::transformer::{DeviceChoice, TransformerOptions};
use std::path::{Path, PathBuf};

/// `tests/fixtures/transformer/generated`, checked to hold `marker`.
pub fn fixtures(marker: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/transformer/generated");
    assert!(
        dir.join(marker).is_file(),
        "transformer fixtures are missing: run scripts/test-transformer.sh (it generates them \
         with PyTorch into {})",
        dir.display()
    );
    dir
}

pub fn cpu() -> TransformerOptions {
    TransformerOptions {
        device: DeviceChoice::Cpu,
        ..TransformerOptions::default()
    }
}

//! Helpers shared by the integration tests.

pub mod seed;
#[cfg(feature = "transformer")]
pub mod transformer;

use std::path::PathBuf;

/// `../shared` beside the checkout (or `$BYLINE_SHARED`), if it is there.
/// Tests that need it call this and return early, saying so, when it is absent.
#[allow(dead_code)]
pub fn shared_dir(what: &str) -> Option<PathBuf> {
    let dir = std::env::var_os("BYLINE_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    if dir.join(what).exists() {
        Some(dir)
    } else {
        eprintln!(
            "SKIPPED: {} not found; this test needs ../shared (or BYLINE_SHARED)",
            dir.join(what).display()
        );
        None
    }
}

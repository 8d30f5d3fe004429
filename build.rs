//! Build script. Does nothing unless the `transformer` feature is on; then it gives the
//! binaries an rpath to libtorch's directory (as torch-sys found it: with
//! `LIBTORCH_USE_PYTORCH=1`, the torch wheel in the active venv), so that `byline` runs
//! without `LD_LIBRARY_PATH`.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var_os("CARGO_FEATURE_TRANSFORMER").is_none() {
        return;
    }
    // torch-sys declares `links = "tch"` and prints `cargo:libtorch_lib=DIR`.
    println!("cargo:rerun-if-env-changed=DEP_TCH_LIBTORCH_LIB");
    let target = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if let Some(dir) = std::env::var_os("DEP_TCH_LIBTORCH_LIB") {
        let dir = dir.to_string_lossy();
        if target == "linux" || target == "macos" {
            // Applies to every binary, test and example this package links.
            println!("cargo:rustc-link-arg=-Wl,-rpath,{dir}");
        }
    } else {
        println!(
            "cargo:warning=libtorch's directory is unknown (torch-sys gave none); \
             set LD_LIBRARY_PATH to it to run byline"
        );
    }
}

//! `byline annotate --ner transformer`: a clear error in a build without the feature;
//! entities from the tiny fixture model in a build with it.

use assert_cmd::Command;
use predicates::str::contains;

fn byline() -> Command {
    Command::cargo_bin("byline").unwrap()
}

#[cfg(not(feature = "transformer"))]
#[test]
fn without_the_feature_the_error_says_how_to_build_it() {
    let dir = tempfile::tempdir().unwrap();
    byline()
        .args(["annotate", "-", "--ner", "transformer", "--ner-model"])
        .arg(dir.path())
        .write_stdin("Angela Merkel spoke.")
        .assert()
        .code(2)
        .stderr(contains("built without the transformer NER backend"))
        .stderr(contains("transformer"))
        .stderr(contains("scripts/setup-transformer.sh"));
}

#[test]
fn ner_transformer_needs_a_model_and_a_known_backend() {
    byline()
        .args(["annotate", "-", "--ner", "transformer"])
        .write_stdin("Angela Merkel spoke.")
        .assert()
        .code(2)
        .stderr(contains("--ner-model"));
    byline()
        .args(["annotate", "-", "--ner", "spacy", "--ner-model", "x"])
        .write_stdin("Angela Merkel spoke.")
        .assert()
        .code(2)
        .stderr(contains("unknown NER backend"));
}

#[cfg(feature = "transformer")]
#[test]
fn annotate_with_the_tiny_model() {
    let model = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/transformer/generated/tiny-bert");
    assert!(
        model.is_dir(),
        "fixtures missing: run scripts/test-transformer.sh"
    );
    let out = byline()
        .args([
            "annotate",
            "-",
            "--ner",
            "transformer",
            "--device",
            "cpu",
            "--ner-model",
        ])
        .arg(&model)
        .write_stdin("Angela Merkel met Joe Biden in Washington on Tuesday.")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let entities = doc["entities"].as_array().unwrap();
    assert!(!entities.is_empty());
    for e in entities {
        assert!(["PER", "ORG", "LOC", "MISC"].contains(&e["label"].as_str().unwrap()));
    }

    // A bad model directory is a usage error with the reason, not a crash.
    byline()
        .args([
            "annotate",
            "-",
            "--ner",
            "transformer",
            "--ner-model",
            "/nonexistent",
        ])
        .write_stdin("Hi.")
        .assert()
        .code(2)
        .stderr(contains("not a directory"));
}

#[test]
fn ner_none_and_builtin() {
    let run = |backend: &str| {
        let out = byline()
            .args(["annotate", "-", "-q", "--ner", backend])
            .write_stdin("Angela Merkel met Jim Mattis in Berlin.")
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
        doc["entities"].as_array().unwrap().len()
    };
    assert_eq!(run("none"), 0);
    assert!(run("builtin") >= 3);
}

//! `byline annotate` end to end: every input record yields one output record,
//! in order; bad records become error records and the batch goes on.

use assert_cmd::Command;
use serde_json::Value;
use std::fs;
use std::path::Path;

fn byline() -> Command {
    Command::cargo_bin("byline").unwrap()
}

/// Parse JSON Lines output.
fn records(stdout: &[u8]) -> Vec<Value> {
    std::str::from_utf8(stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad output line {l:?}: {e}")))
        .collect()
}

fn error_kind(v: &Value) -> Option<&str> {
    v.get("error").and_then(|e| e["kind"].as_str())
}

#[test]
fn jsonl_bad_records_become_error_records_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("in.jsonl");
    let mut input: Vec<u8> = Vec::new();
    let lines: Vec<&[u8]> = vec![
        br#"{"id": "good-1", "text": "Mr. Trump spoke. He left.", "outlet": "Wire", "tags": ["a"]}"#,
        br#"{"id": "broken", "text": "unterminated"#,
        br#"{"id": "no-text", "body": "x"}"#,
        br#"{"id": "num-text", "text": 42}"#,
        br#"{"id": "empty", "text": ""}"#,
        br#"{"id": "blank", "text": " \n\t "}"#,
        br#"{"id": "nul", "text": "a\u0000b"}"#,
        b"{\"id\": \"latin1\", \"text\": \"caf\xe9\"}",
        br#"[1, 2, 3]"#,
        br#"{"id": "too-long", "text": "This text is longer than the limit set for this run of byline."}"#,
        br#"{"id": 7, "text": "Numeric ids are kept as strings."}"#,
        br#"{"text": "No id at all."}"#,
    ];
    for l in &lines {
        input.extend_from_slice(l);
        input.push(b'\n');
    }
    input.extend_from_slice(b"\n   \n"); // blank lines are not records
    fs::write(&path, &input).unwrap();

    let out = byline()
        .args(["annotate", "--max-chars", "60", "-q"])
        .arg(&path)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let recs = records(&out);
    assert_eq!(
        recs.len(),
        lines.len(),
        "one output record per input record"
    );

    let kinds: Vec<Option<&str>> = recs.iter().map(error_kind).collect();
    assert_eq!(
        kinds,
        [
            None,
            Some("malformed_json"),
            Some("missing_text"),
            Some("invalid_text"),
            Some("empty_text"),
            Some("empty_text"),
            Some("nul_byte"),
            Some("invalid_utf8"),
            Some("malformed_json"),
            Some("too_long"),
            None,
            None,
        ]
    );
    let ids: Vec<&str> = recs.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let name = path.display().to_string();
    assert_eq!(ids[0], "good-1");
    assert_eq!(
        ids[1],
        format!("{name}:2"),
        "unparseable records are named by file and line"
    );
    assert_eq!(ids[2], "no-text");
    assert_eq!(ids[10], "7");
    assert_eq!(ids[11], format!("{name}:12"));
    // Error records say what went wrong for a person too.
    assert!(recs[9]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("--max-chars"));
    // The good record is annotated, with caller metadata passed through untouched.
    let good = &recs[0];
    assert_eq!(good["schema_version"], byline::SCHEMA_VERSION);
    assert_eq!(good["meta"]["outlet"], "Wire");
    assert_eq!(good["meta"]["tags"][0], "a");
    assert_eq!(good["sentences"].as_array().unwrap().len(), 2);
    assert_eq!(good["tokens"][0]["text"], "Mr.");
    assert_eq!(good["tokens"][0]["kind"], "word");
}

#[test]
fn directory_of_text_files_with_bad_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir(root.join("sub")).unwrap();
    fs::write(root.join("a.txt"), "Sen. Warren spoke on Tuesday.").unwrap();
    fs::write(root.join("b.txt"), b"bad \xff\xfe bytes").unwrap();
    fs::write(root.join("c.txt"), "").unwrap();
    fs::write(root.join("d.txt"), b"bin\0ary").unwrap();
    fs::write(root.join("sub/e.txt"), "“Hello,” she said.").unwrap();
    fs::write(root.join("notes.md"), "not a .txt file").unwrap();

    let out = byline()
        .arg("annotate")
        .arg(root)
        .arg("-q")
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let recs = records(&out);
    assert_eq!(recs.len(), 5, "every *.txt, recursively, and nothing else");
    let kinds: Vec<Option<&str>> = recs.iter().map(error_kind).collect();
    assert_eq!(
        kinds,
        [
            None,
            Some("invalid_utf8"),
            Some("empty_text"),
            Some("nul_byte"),
            None
        ]
    );
    assert!(recs[0]["id"].as_str().unwrap().ends_with("a.txt"));
    assert!(recs[4]["id"].as_str().unwrap().ends_with("e.txt"));
    assert!(recs[1]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("byte 4"));
}

#[test]
fn oversized_text_file_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("big.txt"), "word ".repeat(100)).unwrap();
    fs::write(dir.path().join("small.txt"), "Short.").unwrap();
    let out = byline()
        .arg("annotate")
        .arg(dir.path())
        .args(["--max-chars", "50", "-q"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let recs = records(&out);
    assert_eq!(
        recs.iter().map(error_kind).collect::<Vec<_>>(),
        [Some("too_long"), None]
    );
}

#[test]
fn stdin_text_and_jsonl() {
    let out = byline()
        .args(["annotate", "-", "-q"])
        .write_stdin("He left. She stayed.")
        .assert()
        .success();
    let recs = records(&out.get_output().stdout);
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["id"], "stdin");
    assert_eq!(recs[0]["sentences"].as_array().unwrap().len(), 2);

    let out = byline()
        .args(["annotate", "-", "-q"])
        .write_stdin("{\"text\": \"One.\"}\n{\"text\": \"Two.\"}\n")
        .assert()
        .success();
    let recs = records(&out.get_output().stdout);
    assert_eq!(
        recs.iter()
            .map(|r| r["id"].as_str().unwrap())
            .collect::<Vec<_>>(),
        ["stdin:1", "stdin:2"]
    );
}

#[test]
fn many_documents_keep_input_order_across_threads() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("corpus.jsonl");
    byline()
        .args(["generate", "--docs", "1500", "-o"])
        .arg(&path)
        .assert()
        .success();
    let out = byline()
        .args(["annotate", "--threads", "2", "-q"])
        .arg(&path)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let recs = records(&out);
    assert_eq!(recs.len(), 1500);
    for (i, r) in recs.iter().enumerate() {
        assert_eq!(r["id"], format!("synthetic-{i}"));
        assert_eq!(r["meta"]["source"], "byline generate");
    }
}

#[test]
fn output_file_pretty_and_summary() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("a.txt");
    let output = dir.path().join("out.json");
    fs::write(&input, "Mr. Trump spoke.").unwrap();
    byline()
        .arg("annotate")
        .arg(&input)
        .arg("--pretty")
        .arg("-o")
        .arg(&output)
        .assert()
        .success()
        .stderr(predicates::str::contains("1 documents (0 errors)"));
    let written = fs::read_to_string(&output).unwrap();
    assert!(
        written.lines().count() > 10,
        "pretty output spans several lines"
    );
    let values: Vec<Value> = serde_json::Deserializer::from_str(&written)
        .into_iter()
        .map(Result::unwrap)
        .collect();
    assert_eq!(values.len(), 1);
}

#[test]
fn usage_errors_exit_2() {
    byline()
        .args(["annotate", "no/such/file.txt"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no/such/file.txt: no such file"));
    byline()
        .args(["annotate", "--stages", "segment,nope", "-"])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("unknown stage 'nope'"));
    byline().args(["annotate"]).assert().code(2);
    byline().args(["frobnicate"]).assert().code(2);
}

#[test]
fn help_teaches() {
    let out = byline()
        .args(["annotate", "--help"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let help = String::from_utf8(out).unwrap();
    for needle in [
        "Examples:",
        "Exit status",
        "malformed_json",
        "--max-chars",
        "--threads",
    ] {
        assert!(help.contains(needle), "annotate --help lacks {needle:?}");
    }
}

#[test]
fn samples_shipped_in_data_annotate_cleanly() {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples");
    let out = byline()
        .arg("annotate")
        .arg(&samples)
        .arg("-q")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let recs = records(&out);
    assert!(recs.len() >= 3);
    assert!(recs.iter().all(|r| r.get("error").is_none()));
}

#[test]
fn closed_output_pipe_stops_quietly() {
    use std::io::Read;
    use std::process::{Command as Std, Stdio};
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples");
    let mut child = Std::new(assert_cmd::cargo::cargo_bin("byline"))
        .arg("annotate")
        .arg(&samples)
        .arg("--pretty")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read a little, then hang up, as `| head` does.
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(status.success(), "exit {status:?}, stderr {stderr}");
    assert!(!stderr.contains("error"), "stderr: {stderr}");
}

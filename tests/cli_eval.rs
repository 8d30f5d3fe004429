//! `byline eval quotes` on gold data of the user's own: a plain brat folder
//! (`NAME.txt` beside `NAME.ann`), and the errors for gold it cannot score.

use assert_cmd::Command;
use std::fs;

const TEXT: &str = "The mayor said taxes would rise next year.\n";
// brat standoff with PolNeAR's attribution events; offsets are code points.
const ANN: &str = "T1\tSource 0 9\tThe mayor\n\
                   T2\tCue 10 14\tsaid\n\
                   T3\tContent 15 41\ttaxes would rise next year\n\
                   T4\tAttribution 10 14\tsaid\n\
                   E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n";

fn eval(dir: &std::path::Path) -> std::process::Output {
    Command::cargo_bin("byline")
        .unwrap()
        .args(["eval", "quotes", "--gold"])
        .arg(dir)
        .output()
        .unwrap()
}

#[test]
fn a_plain_brat_folder_is_scored() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("mayor.txt"), TEXT).unwrap();
    fs::write(dir.path().join("mayor.ann"), ANN).unwrap();
    let out = eval(dir.path());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.starts_with("documents 1 (failed 0)"), "{stdout}");
    let content = stdout
        .lines()
        .find(|l| l.starts_with("content, all"))
        .unwrap();
    assert!(content.contains("1.0000    1.0000    1.0000"), "{content}");
}

#[test]
fn gold_it_cannot_score_is_an_error_not_a_zero() {
    // Other brat labels: no attribution events.
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("mayor.txt"), TEXT).unwrap();
    fs::write(
        dir.path().join("mayor.ann"),
        "T1\tSpeaker 0 9\tThe mayor\nT2\tQuote 15 41\ttaxes would rise next year\n",
    )
    .unwrap();
    let out = eval(dir.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("no attributions") && stderr.contains("Quote (1), Speaker (1)"),
        "{stderr}"
    );

    // An annotation without its text.
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("orphan.ann"), ANN).unwrap();
    let out = eval(dir.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr.contains("orphan.ann has no text beside it"),
        "{stderr}"
    );

    // No annotations at all.
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("mayor.txt"), TEXT).unwrap();
    let out = eval(dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no .ann files"));
}

// The same kind of gold in byline's JSON Lines gold format, with source labels inline.
const GOLD_TEXT: &str =
    "Ann Lee, the mayor, said taxes would rise next year. Officials said the vote was close.";
const GOLD_LINE: &str = r#"{"id": "council", "text": "Ann Lee, the mayor, said taxes would rise next year. Officials said the vote was close.", "attributions": [{"id": "A1", "source": [0, 7], "cue": [20, 24], "content": [25, 51], "kind": "person", "resolved_to": "Ann Lee"}, {"id": "A2", "source": [53, 62], "cue": [63, 67], "content": [[68, 86]], "kind": "anonymous"}]}"#;

fn byline(args: &[&str], path: &std::path::Path) -> (Option<i32>, String, String) {
    let out = Command::cargo_bin("byline")
        .unwrap()
        .args(args)
        .arg(path)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn line<'a>(stdout: &'a str, start: &str) -> &'a str {
    stdout
        .lines()
        .find(|l| l.starts_with(start))
        .unwrap_or_else(|| panic!("no line {start:?} in\n{stdout}"))
}

#[test]
fn a_json_lines_gold_file_is_scored_with_its_own_labels() {
    assert_eq!(GOLD_TEXT.chars().count(), 87);
    let dir = tempfile::tempdir().unwrap();
    let gold = dir.path().join("gold.jsonl");
    fs::write(&gold, format!("{GOLD_LINE}\n")).unwrap();

    let (code, stdout, stderr) = byline(&["eval", "quotes", "--gold"], &gold);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.starts_with("documents 1 (failed 0)"), "{stdout}");
    assert!(line(&stdout, "content, all").ends_with("2/2/2"), "{stdout}");
    assert!(
        line(&stdout, "speaker accuracy").contains("(1 of 1)"),
        "{stdout}"
    );
    assert!(line(&stdout, "labels:").contains("(inline)"), "{stdout}");

    // The same gold, gzipped, scored by the sources stage on its labels.
    let gz = dir.path().join("gold.jsonl.gz");
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut enc, GOLD_LINE.as_bytes()).unwrap();
    fs::write(&gz, enc.finish().unwrap()).unwrap();
    let (code, stdout, stderr) = byline(&["eval", "sources", "--json", "--gold"], &gz);
    assert_eq!(code, Some(0), "{stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["kind_rows"], 2, "{stdout}");
    assert_eq!(report["kind_correct"], 2, "{stdout}");
    assert_eq!(report["anonymous"]["gold"], 1, "{stdout}");
}

#[test]
fn labels_that_join_no_gold_are_an_error_and_brat_gold_needs_them() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("mayor.txt"), TEXT).unwrap();
    fs::write(dir.path().join("mayor.ann"), ANN).unwrap();

    let (code, _, stderr) = byline(&["eval", "sources", "--gold"], dir.path());
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("no source labels"), "{stderr}");

    let labels = tempfile::NamedTempFile::new().unwrap();
    let row = |doc: &str, rel: &str| {
        format!(r#"{{"doc": "{doc}", "rel": "{rel}", "kind": "person", "anonymous": false}}"#)
    };
    fs::write(labels.path(), row("major", "E1")).unwrap();
    let mut cmd = vec!["eval", "sources", "--labels"];
    cmd.push(labels.path().to_str().unwrap());
    cmd.push("--gold");
    let (code, _, stderr) = byline(&cmd, dir.path());
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("none of the 1 labels") && stderr.contains("\"major\""),
        "{stderr}"
    );

    // One label joins, one does not: scored, with a warning.
    fs::write(
        labels.path(),
        format!("{}\n{}\n", row("mayor", "E1"), row("mayor", "E9")),
    )
    .unwrap();
    let (code, stdout, stderr) = byline(&cmd, dir.path());
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("warning: 1 of the 2 labels") && stderr.contains("\"E9\""),
        "{stderr}"
    );
    assert!(!stdout.is_empty());
}

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
        .args(["eval", "quotes", "--polnear"])
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

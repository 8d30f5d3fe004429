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
        .stderr(predicates::str::contains("1 document (0 errors)"));
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

/// Run `byline annotate -q` on `args`, returning (exit code, output records).
fn annotate_records(args: &[&std::ffi::OsStr]) -> (i32, Vec<Value>) {
    let out = byline()
        .arg("annotate")
        .arg("-q")
        .args(args)
        .output()
        .unwrap();
    (out.status.code().unwrap_or(-1), records(&out.stdout))
}

#[test]
fn an_over_long_jsonl_line_is_one_error_record_and_the_rest_go_on() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("in.jsonl");
    // With --max-chars 1000000 a line may hold 12 MB of JSON text plus the metadata
    // bound (16 MiB): a 30 MB line is over it, and is never held whole; a line
    // under it with 18 MB of metadata is refused for its metadata.
    let long = format!("{{\"id\":\"long\",\"text\":\"{}\"}}", "x".repeat(30 << 20));
    let meta = format!(
        "{{\"id\":\"meta\",\"text\":\"Short.\",\"tags\":[{}]}}",
        vec!["1"; 9 << 20].join(",")
    );
    let input = format!(
        "{{\"id\":\"before\",\"text\":\"Before.\"}}\n{long}\n{{\"id\":\"after\",\"text\":\"After.\"}}\n{meta}\n"
    );
    fs::write(&path, input).unwrap();
    let (code, recs) =
        annotate_records(&["--max-chars".as_ref(), "1000000".as_ref(), path.as_os_str()]);
    assert_eq!(code, 1);
    let ids: Vec<&str> = recs.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 4, "{ids:?}");
    assert_eq!((ids[0], ids[2], ids[3]), ("before", "after", "meta"));
    assert!(ids[1].ends_with("in.jsonl:2"), "{ids:?}");
    assert_eq!(error_kind(&recs[1]), Some("too_long"));
    assert_eq!(error_kind(&recs[0]), None);
    assert_eq!(error_kind(&recs[2]), None);
    assert_eq!(error_kind(&recs[3]), Some("too_long"));
    assert!(recs[3]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("metadata"));
}

#[test]
fn a_byte_order_mark_opening_json_lines_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bom.jsonl");
    fs::write(
        &path,
        b"\xEF\xBB\xBF{\"id\":\"a\",\"text\":\"One.\"}\n{\"id\":\"b\",\"text\":\"Two.\"}\n",
    )
    .unwrap();
    let (code, recs) = annotate_records(&[path.as_os_str()]);
    assert_eq!(code, 0);
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[0]["id"], "a");
    // On standard input, the mark does not hide that the input is JSON Lines.
    let out = byline()
        .args(["annotate", "-q", "-"])
        .write_stdin(fs::read(&path).unwrap())
        .output()
        .unwrap();
    let recs = records(&out.stdout);
    assert_eq!(recs.len(), 2, "read as JSON Lines, not one text document");
    assert_eq!(recs[1]["id"], "b");
}

#[test]
fn invisible_only_text_is_empty_text() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in [
        ("bom.txt", &b"\xEF\xBB\xBF"[..]),
        ("zwsp.txt", "\u{200B}\u{2060} \n".as_bytes()),
    ] {
        let path = dir.path().join(name);
        fs::write(&path, bytes).unwrap();
        let (code, recs) = annotate_records(&[path.as_os_str()]);
        assert_eq!(code, 1, "{name}");
        assert_eq!(error_kind(&recs[0]), Some("empty_text"), "{name}");
    }
}

#[test]
fn a_big_integer_id_keeps_its_exact_text() {
    let (_, recs) = {
        let out = byline()
            .args(["annotate", "-q", "--format", "jsonl", "-"])
            .write_stdin("{\"id\": 12345678901234567890123, \"text\": \"Hi.\"}\n{\"id\": -7, \"text\": \"Hi.\"}\n")
            .output()
            .unwrap();
        (out.status.code(), records(&out.stdout))
    };
    assert_eq!(recs[0]["id"], "12345678901234567890123");
    assert_eq!(recs[1]["id"], "-7");
}

#[test]
fn an_output_naming_an_input_is_refused_and_the_input_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("in.txt");
    fs::write(&path, "Mr. Lee spoke.").unwrap();
    let out = byline()
        .args(["annotate", "-q"])
        .arg(&path)
        .arg("-o")
        .arg(dir.path().join(".").join("in.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("also an input"));
    assert_eq!(fs::read_to_string(&path).unwrap(), "Mr. Lee spoke.");
}

#[cfg(unix)]
#[test]
fn directory_entries_that_cannot_be_walked_become_io_records() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::create_dir_all(d.join("sub")).unwrap();
    fs::write(d.join("a.txt"), "Ms. Ruiz spoke.").unwrap();
    fs::write(d.join("sub/c.txt"), "Mr. Lee left.").unwrap();
    std::os::unix::fs::symlink("..", d.join("sub/loop")).unwrap();
    std::os::unix::fs::symlink("self.txt", d.join("self.txt")).unwrap();
    std::os::unix::fs::symlink("nowhere", d.join("dangling.txt")).unwrap();
    let (code, recs) = annotate_records(&[d.as_os_str()]);
    assert_eq!(code, 1);
    let row = |r: &Value| {
        let id = r["id"].as_str().unwrap();
        let name = Path::new(id).strip_prefix(d).unwrap().display().to_string();
        (name, error_kind(r).map(String::from))
    };
    let rows: Vec<(String, Option<String>)> = recs.iter().map(row).collect();
    let io = Some("io".to_string());
    assert_eq!(
        rows,
        vec![
            ("a.txt".to_string(), None),
            ("dangling.txt".to_string(), io.clone()),
            ("self.txt".to_string(), io.clone()),
            ("sub/c.txt".to_string(), None),
            ("sub/loop".to_string(), io),
        ]
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_closed_standard_output_is_an_error_and_a_closed_pipe_is_quiet() {
    let bin = assert_cmd::cargo::cargo_bin("byline");
    let sh = |script: String| {
        std::process::Command::new("sh")
            .arg("-c")
            .arg(script)
            .output()
            .unwrap()
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("in.txt");
    fs::write(&path, "Mr. Lee spoke.").unwrap();
    let out = sh(format!(
        "'{}' annotate -q '{}' >&-",
        bin.display(),
        path.display()
    ));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("standard output is closed"));
    // `generate | head -1`: the reader hangs up; byline stops without a word.
    let out = sh(format!(
        "'{}' generate --docs 100000 | head -1 > /dev/null; echo $?",
        bin.display()
    ));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[cfg(unix)]
#[test]
fn a_slow_producer_sees_each_record_soon() {
    use std::io::{BufRead, BufReader, Write};
    use std::process::Stdio;
    use std::time::Duration;
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("byline"))
        .args(["annotate", "-q", "--format", "jsonl", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    // One record, and the input stays open: its output must come before the input ends.
    writeln!(stdin, "{{\"id\":\"one\",\"text\":\"Mr. Lee spoke.\"}}").unwrap();
    stdin.flush().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(lines.next().map(|l| l.unwrap()));
    });
    let line = rx.recv_timeout(Duration::from_secs(30));
    drop(stdin);
    let _ = child.wait();
    let line = line
        .expect("no output while the input stayed open")
        .unwrap();
    // Not a timing assertion on speed: only that it came while the input was open.
    assert!(line.contains("\"one\""), "{line}");
}

#[test]
fn reports_end_quietly_when_their_reader_hangs_up() {
    // The reader closes its end before byline writes its first line: every report
    // command must then stop with status 0 and no panic, as annotate does.
    for args in [
        vec!["bench", "--docs", "5", "--seconds", "0"],
        vec![
            "bench",
            "scaling",
            "--sizes",
            "1K",
            "--texts",
            "said",
            "--seconds",
            "0",
        ],
    ] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("byline"))
            .args(&args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
    }
}

#[test]
fn the_summary_counts_in_the_singular_and_the_plural() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.jsonl");
    let run = byline()
        .args(["annotate", "-", "-o", out.to_str().unwrap()])
        .write_stdin("Hi.")
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&run.get_output().stderr).to_string();
    assert!(
        stderr.contains("1 document (0 errors), 1 word in"),
        "{stderr}"
    );
}

#[test]
fn inputs_that_will_not_do_what_was_meant_are_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty");
    fs::create_dir(&empty).unwrap();
    fs::write(empty.join("notes.md"), "not a text file").unwrap();
    let array = dir.path().join("docs.json");
    fs::write(&array, "[{\"text\": \"One.\"},\n {\"text\": \"Two.\"}]\n").unwrap();
    let stderr = |args: &[&str], stdin: &str| {
        let out = byline().args(args).write_stdin(stdin).output().unwrap();
        String::from_utf8_lossy(&out.stderr).to_string()
    };
    let e = stderr(&["annotate", "-q", empty.to_str().unwrap()], "");
    assert!(
        e.contains("warning") && e.contains("holds no *.txt file"),
        "{e}"
    );
    let e = stderr(&["annotate", "-q", array.to_str().unwrap()], "");
    assert!(e.contains("holds one JSON array, not JSON Lines"), "{e}");
    let e = stderr(
        &["annotate", "-q", "--stages", "quotes,segment", "-"],
        "Hi.",
    );
    assert!(
        e.contains("the stages run in the order given (quotes, segment)"),
        "{e}"
    );
    // None for what is as meant.
    let e = stderr(
        &["annotate", "-q", "--stages", "segment,quotes", "-"],
        "Hi.",
    );
    assert!(!e.contains("warning"), "{e}");
}

#[test]
fn gzip_in_and_out() {
    use flate2::{read::MultiGzDecoder, write::GzEncoder, Compression};
    use std::io::{Read, Write};
    let gz = |bytes: &[u8]| {
        let mut e = GzEncoder::new(Vec::new(), Compression::default());
        e.write_all(bytes).unwrap();
        e.finish().unwrap()
    };
    let dir = tempfile::tempdir().unwrap();
    let lines = "{\"id\": \"a\", \"text\": \"Mr. Smith said the plan works.\"}\n\
                 {\"id\": \"b\", \"text\": \"Hello there.\"}\n";
    fs::write(dir.path().join("in.jsonl"), lines).unwrap();
    fs::write(dir.path().join("in.jsonl.gz"), gz(lines.as_bytes())).unwrap();
    let texts = dir.path().join("texts");
    fs::create_dir(&texts).unwrap();
    fs::write(
        texts.join("one.txt.gz"),
        gz(b"The mayor said taxes would rise."),
    )
    .unwrap();
    fs::write(texts.join("bad.txt.gz"), &gz(b"cut short")[..12]).unwrap();

    // JSON Lines in gzip, out in gzip: the same records as plain in, plain out.
    let plain = byline()
        .args(["annotate", "-q"])
        .arg(dir.path().join("in.jsonl"))
        .output()
        .unwrap();
    let out = dir.path().join("out.jsonl.gz");
    byline()
        .args(["annotate", "-q"])
        .arg(dir.path().join("in.jsonl.gz"))
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let mut unzipped = String::new();
    MultiGzDecoder::new(fs::File::open(&out).unwrap())
        .read_to_string(&mut unzipped)
        .unwrap();
    assert_eq!(records(unzipped.as_bytes()), records(&plain.stdout));

    // A directory gives its *.txt.gz too; a broken one is one io record.
    let run = byline()
        .args(["annotate", "-q"])
        .arg(&texts)
        .output()
        .unwrap();
    let got = records(&run.stdout);
    assert_eq!(got.len(), 2);
    assert_eq!(error_kind(&got[0]), Some("io"));
    assert_eq!(got[1]["text"], "The mayor said taxes would rise.");
    assert_eq!(got[1]["quotes"].as_array().unwrap().len(), 1);
}

#[test]
fn text_field_names_the_field_that_holds_the_text() {
    let input =
        "{\"id\": \"x\", \"body\": \"Mr. Smith said so.\", \"text\": \"kept as metadata\"}\n\
                 {\"id\": \"y\", \"text\": \"no body here\"}\n";
    let out = byline()
        .args(["annotate", "-q", "--text-field", "body", "-"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let got = records(&out.stdout);
    assert_eq!(got.len(), 2);
    assert_eq!(got[0]["text"], "Mr. Smith said so.");
    assert_eq!(got[0]["meta"]["text"], "kept as metadata");
    assert_eq!(error_kind(&got[1]), Some("missing_text"));
    assert!(got[1]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("\"body\""));
}

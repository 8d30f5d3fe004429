//! `byline export`: the tables hold what the JSON output holds, row for row, and
//! DuckDB reads the Parquet files (columns, types and values).

use assert_cmd::Command;
use byline::tables::Table;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn byline() -> Command {
    Command::cargo_bin("byline").unwrap()
}

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples")
}

/// Annotate the samples, plus one bad record, as JSON Lines.
fn annotated(dir: &Path, layers: &str) -> PathBuf {
    let input = dir.join("in.jsonl");
    let mut lines = String::new();
    for entry in std::fs::read_dir(samples()).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let id = path.file_name().unwrap().to_string_lossy().to_string();
        lines.push_str(&serde_json::json!({"id": id, "text": text, "outlet": "Wire"}).to_string());
        lines.push('\n');
    }
    lines.push_str("{\"id\": \"empty\", \"text\": \"\"}\n");
    std::fs::write(&input, lines).unwrap();
    let out = dir.join(format!("annotated-{layers}.jsonl"));
    byline()
        .args(["annotate", "-q", "--layers", layers])
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(1); // the empty record is an error record
    out
}

/// `byline export -q --format FORMAT -o OUT INPUT`, its status checked.
fn export(format: &str, input: &Path, out: &Path, code: i32) {
    byline()
        .args(["export", "-q", "--format", format, "-o"])
        .arg(out)
        .arg(input)
        .assert()
        .code(code);
}

/// What `byline export --columns` prints.
fn column_listing() -> String {
    let listing = byline().args(["export", "--columns"]).assert().success();
    String::from_utf8_lossy(&listing.get_output().stdout).to_string()
}

fn json_records(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn csv_rows(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

#[test]
fn csv_tables_hold_the_json_row_for_row() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = annotated(dir.path(), "slim");
    let records = json_records(&jsonl);
    let out = dir.path().join("tables");
    let assert = byline()
        .args(["export", "--format", "csv", "-o"])
        .arg(&out)
        .arg(&jsonl)
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(stderr.contains("(1 error)"), "{stderr}");

    for table in Table::ALL {
        let (header, _) = csv_rows(&out.join(format!("{}.csv", table.name())));
        let names: Vec<&str> = table.columns().iter().map(|c| c.name).collect();
        assert_eq!(header, names, "{}", table.name());
    }
    // Rows equal records; the error record keeps its kind.
    let (_, docs) = csv_rows(&out.join("documents.csv"));
    assert_eq!(docs.len(), records.len());
    let empty = docs.iter().find(|r| r[0] == "empty").unwrap();
    assert_eq!(empty[1], "empty_text");

    let (_, quotes) = csv_rows(&out.join("quotes.csv"));
    let mut expected = Vec::new();
    for r in &records {
        for (i, q) in r["quotes"].as_array().into_iter().flatten().enumerate() {
            let text = |v: &Value| v.as_str().unwrap_or_default().to_string();
            expected.push(vec![
                text(&r["id"]),
                i.to_string(),
                text(&q["kind"]),
                text(&q["cue"]["text"]),
                text(&q["source_text"]),
                text(&q["source_kind"]),
                q["anonymous"]
                    .as_bool()
                    .map(|b| b.to_string())
                    .unwrap_or_default(),
                text(&q["speaker_name"]),
            ]);
        }
    }
    let got: Vec<Vec<String>> = quotes
        .iter()
        .map(|r| {
            [0, 1, 2, 7, 11, 14, 15, 18]
                .iter()
                .map(|&k| r[k].clone())
                .collect()
        })
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(got, expected);

    let (_, entities) = csv_rows(&out.join("entities.csv"));
    let n: usize = records
        .iter()
        .map(|r| r["entities"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(entities.len(), n);
    let (_, sources) = csv_rows(&out.join("sources.csv"));
    let n: usize = records
        .iter()
        .map(|r| r["sources"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(sources.len(), n);
    // No partial files are left.
    assert!(std::fs::read_dir(&out).unwrap().all(|e| !e
        .unwrap()
        .path()
        .to_string_lossy()
        .ends_with(".partial")));
}

#[test]
fn export_reads_full_and_gzip_output_and_lines_that_are_not_byline_output() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = annotated(dir.path(), "all");
    let gz = dir.path().join("annotated.jsonl.gz");
    byline()
        .args(["annotate", "-q"])
        .arg(samples())
        .arg("-o")
        .arg(&gz)
        .assert()
        .success();
    let mut input = std::fs::read_to_string(&jsonl).unwrap();
    input.push_str("not json\n\n{\"text\": \"no id\"}\n");
    let out = dir.path().join("t");
    byline()
        .args([
            "export",
            "--format",
            "csv",
            "--tables",
            "documents",
            "-",
            "-o",
        ])
        .arg(&out)
        .write_stdin(input)
        .assert()
        .code(1);
    let (_, docs) = csv_rows(&out.join("documents.csv"));
    let records = json_records(&jsonl).len();
    assert_eq!(
        docs.len(),
        records + 2,
        "a row per line, blank lines skipped"
    );
    assert!(
        docs[records][0].starts_with("stdin:"),
        "{:?}",
        docs[records]
    );
    assert_eq!(docs[records][1], "malformed_json");
    assert!(
        !out.join("quotes.csv").exists(),
        "only the tables asked for"
    );

    let out = dir.path().join("g");
    export("csv", &gz, &out, 0);
    let (_, docs) = csv_rows(&out.join("documents.csv"));
    assert_eq!(docs.len(), std::fs::read_dir(samples()).unwrap().count());
}

#[test]
fn export_usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    byline().args(["export", "x.jsonl"]).assert().code(2);
    byline()
        .args(["export", "--tables", "words", "-o"])
        .arg(dir.path())
        .arg(file!())
        .assert()
        .code(2);
    byline()
        .args(["export", "-o"])
        .arg(dir.path())
        .arg(dir.path())
        .assert()
        .code(2);
    let listing = column_listing();
    for table in Table::ALL {
        for c in table.columns() {
            assert!(listing.contains(c.name), "{}", c.name);
        }
    }
}

/// The Python that has DuckDB: `BYLINE_TABLES_PYTHON`, else the venv
/// `scripts/setup-tables.sh` makes.
fn duckdb_python() -> Option<PathBuf> {
    let python = std::env::var_os("BYLINE_TABLES_PYTHON")
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .map(|h| PathBuf::from(h).join(".cache/byline/venv-tables/bin/python"))
        })?;
    let ok = std::process::Command::new(&python)
        .args(["-c", "import duckdb"])
        .output()
        .is_ok_and(|o| o.status.success());
    ok.then_some(python)
}

const DUCKDB_CHECK: &str = r#"
import json, sys, duckdb
jsonl, tables, expected_columns = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
records = [json.loads(l) for l in open(jsonl, encoding="utf-8")]
con = duckdb.connect()
for table, columns in expected_columns.items():
    rel = con.sql(f"SELECT * FROM read_parquet('{tables}/{table}.parquet')")
    got = [[c, str(t)] for c, t in zip(rel.columns, rel.types)]
    assert got == columns, (table, got, columns)
n = con.sql(f"SELECT count(*) FROM '{tables}/documents.parquet'").fetchone()[0]
assert n == len(records), (n, len(records))
errors = con.sql(f"SELECT doc_id, error_kind FROM '{tables}/documents.parquet' WHERE error_kind IS NOT NULL").fetchall()
assert errors == [(r["id"], r["error"]["kind"]) for r in records if "error" in r], errors
rows = con.sql(f"""SELECT doc_id, quote, kind, cue, source_text, source_kind, anonymous, speaker_name
                   FROM '{tables}/quotes.parquet'""").fetchall()
want = [(r["id"], i, q["kind"], (q["cue"] or {}).get("text"), q["source_text"], q["source_kind"],
         q["anonymous"], q["speaker_name"])
        for r in records if "quotes" in r for i, q in enumerate(r["quotes"])]
assert rows == want, (len(rows), len(want), [(a, b) for a, b in zip(rows, want) if a != b][:3])
ents = con.sql(f"SELECT doc_id, entity, start, \"end\", text, label FROM '{tables}/entities.parquet'").fetchall()
want = [(r["id"], i, e["start"], e["end"], e["text"], e["label"])
        for r in records if "entities" in r for i, e in enumerate(r["entities"])]
assert ents == want, (len(ents), len(want))
# A join a user would write: who is quoted most, through the sources table.
top = con.sql(f"""SELECT s.kind, count(*) FROM '{tables}/quotes.parquet' q
                  JOIN '{tables}/sources.parquet' s USING (doc_id, source) GROUP BY 1""").fetchall()
want = {}
for r in records:
    for q in r.get("quotes", []):
        if q["source_kind"] is not None:
            want[q["source_kind"]] = want.get(q["source_kind"], 0) + 1
assert dict(top) == want, (top, want)
print("duckdb ok", n, len(rows), len(ents))
"#;

#[test]
fn duckdb_reads_the_parquet_tables_as_the_json_says() {
    let Some(python) = duckdb_python() else {
        let msg = "skipped: no Python with duckdb (run scripts/setup-tables.sh, or set \
                   BYLINE_TABLES_PYTHON)";
        // CI sets BYLINE_REQUIRE_TABLES so that this check cannot be skipped there.
        assert!(std::env::var_os("BYLINE_REQUIRE_TABLES").is_none(), "{msg}");
        eprintln!("duckdb_reads_the_parquet_tables_as_the_json_says {msg}");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let jsonl = annotated(dir.path(), "all");
    let out = dir.path().join("tables");
    export("parquet", &jsonl, &out, 1);
    let types = |kind: byline::tables::Kind| match kind {
        byline::tables::Kind::Str => "VARCHAR",
        byline::tables::Kind::Int => "BIGINT",
        byline::tables::Kind::Bool => "BOOLEAN",
        byline::tables::Kind::Float => "DOUBLE",
    };
    let columns: serde_json::Map<String, Value> = Table::ALL
        .iter()
        .map(|t| {
            let cols: Vec<Value> = t
                .columns()
                .iter()
                .map(|c| serde_json::json!([c.name, types(c.kind)]))
                .collect();
            (t.name().to_string(), Value::from(cols))
        })
        .collect();
    let output = std::process::Command::new(python)
        .args(["-c", DUCKDB_CHECK])
        .arg(&jsonl)
        .arg(&out)
        .arg(Value::from(columns).to_string())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success() && stdout.starts_with("duckdb ok"),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn docs_tables_md_lists_what_export_columns_prints() {
    let listing = column_listing();
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/tables.md"))
        .unwrap();
    assert!(
        doc.contains(listing.trim_end()),
        "docs/tables.md is out of date: paste the output of `byline export --columns` into it"
    );
}

#[test]
fn brat_export_is_read_back_by_eval_quotes_as_the_same_attributions() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = annotated(dir.path(), "all");
    let out = dir.path().join("brat");
    export("brat", &jsonl, &out, 1);
    assert!(out.join("annotation.conf").is_file() && out.join("visual.conf").is_file());
    // The error record is set aside, not lost.
    let errors = std::fs::read_to_string(out.join("errors.jsonl")).unwrap();
    assert_eq!(errors.lines().count(), 1);
    assert!(errors.contains("empty_text"), "{errors}");
    let anns = std::fs::read_dir(&out)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "ann")
        })
        .count();
    assert_eq!(anns, json_records(&jsonl).len() - 1);
    // Scored as gold against byline itself, every attribution matches.
    let report = byline()
        .args(["eval", "quotes", "--polnear"])
        .arg(&out)
        .assert()
        .success();
    let report = String::from_utf8_lossy(&report.get_output().stdout).to_string();
    let line = report
        .lines()
        .find(|l| l.starts_with("content, all"))
        .unwrap_or_else(|| panic!("{report}"));
    assert!(line.contains("1.0000    1.0000    1.0000"), "{report}");
}

#[test]
fn conll_export_tags_every_token_of_every_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = annotated(dir.path(), "all");
    let out = dir.path().join("conll");
    export("conll", &jsonl, &out, 1);
    let conll = std::fs::read_to_string(out.join("tokens.conll")).unwrap();
    let records = json_records(&jsonl);
    let docs: Vec<&Value> = records
        .iter()
        .filter(|r| r.get("error").is_none())
        .collect();
    assert_eq!(conll.matches("-DOCSTART- O\n").count(), docs.len());
    let token_lines = conll
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with("-DOCSTART-"))
        .count();
    let tokens: usize = docs
        .iter()
        .map(|r| r["tokens"].as_array().unwrap().len())
        .sum();
    assert_eq!(token_lines, tokens);
    let begins = conll.lines().filter(|l| l.contains(" B-")).count();
    let entities: usize = docs
        .iter()
        .map(|r| r["entities"].as_array().unwrap().len())
        .sum();
    assert_eq!(begins, entities);
    // A slim record has no tokens: it is set aside with a reason.
    let slim = annotated(dir.path(), "slim");
    let out = dir.path().join("conll-slim");
    export("conll", &slim, &out, 1);
    let errors = std::fs::read_to_string(out.join("errors.jsonl")).unwrap();
    assert_eq!(errors.lines().count(), records.len());
    assert!(errors.contains("no_tokens"), "{errors}");
}

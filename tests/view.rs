//! `byline view`: the HTML pages hold every annotation of the JSON they come from,
//! and the text itself, unchanged. A real browser (headless Chromium, when one is
//! installed: scripts/setup-browser.sh) loads each page, and its DOM is checked the
//! same way; it also takes a screenshot. Without a browser those two tests say so
//! and skip, unless BYLINE_REQUIRE_BROWSER=1 (scripts/test.sh sets it).

use assert_cmd::Command;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn byline() -> Command {
    Command::cargo_bin("byline").unwrap()
}

/// A text written for these tests: a split direct quote, a named speaker, an
/// anonymous source with its statement, an organization and a place.
const ANONYMOUS: &str = "“We will not back down,” said Mayor Ana Ruiz of Lakeview, \
“and we will say so in Albany.”\n\nA city official, who spoke on condition of anonymity \
because the talks were private, said the council would vote on Friday. The Lakeview \
Water Authority said rates <would> rise & stay high.\n";

/// byline's JSON Lines for the samples and the text above, and the records.
fn annotated(dir: &Path) -> (PathBuf, Vec<Value>) {
    let text = dir.join("anonymous-official.txt");
    std::fs::write(&text, ANONYMOUS).unwrap();
    let out = byline()
        .args(["annotate", "-q", "data/samples/"])
        .arg(&text)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let path = dir.join("annotated.jsonl");
    std::fs::write(&path, &out.stdout).unwrap();
    let records = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (path, records)
}

fn list(v: &Value, key: &str) -> usize {
    v[key].as_array().map_or(0, Vec::len)
}

/// Undo HTML escaping (what byline writes and what a browser's serializer writes).
fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

/// The text of the page's `.text` block: its markup and the badges (`<sup>`)
/// taken out, entities unescaped.
fn page_text(html: &str) -> String {
    let start = html.find("<div class=\"text\">").expect("a text block") + 18;
    let end = start + html[start..].find("</div>").unwrap();
    let mut s = &html[start..end];
    let mut out = String::new();
    while let Some(i) = s.find('<') {
        out.push_str(&s[..i]);
        s = &s[i..];
        if s.starts_with("<sup") {
            let close = s.find("</sup>").expect("a closed badge");
            s = &s[close + 6..];
        } else {
            s = &s[s.find('>').unwrap() + 1..];
        }
    }
    out.push_str(s);
    unescape(&out)
}

/// The distinct values of the attribute `name` in `html`.
fn values(html: &str, name: &str) -> BTreeSet<usize> {
    let needle = format!("{name}=\"");
    html.match_indices(&needle)
        .map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            rest[..rest.find('"').unwrap()].parse().unwrap()
        })
        .collect()
}

/// Each record's annotations are on its page (as byline wrote it, or as a browser
/// read it): every quote, entity, source, cue and anonymity statement, a speaker
/// badge per quote, an "anon" flag per anonymous source, and the text unchanged.
fn check_page(html: &str, record: &Value) {
    let id = record["id"].as_str().unwrap();
    let all = |n: usize| (0..n).collect::<BTreeSet<usize>>();
    assert_eq!(
        values(html, "data-quote"),
        all(list(record, "quotes")),
        "{id}"
    );
    assert_eq!(
        values(html, "data-speaker-of"),
        all(list(record, "quotes")),
        "{id}"
    );
    assert_eq!(
        values(html, "data-entity"),
        all(list(record, "entities")),
        "{id}"
    );
    assert_eq!(
        values(html, "data-source"),
        all(list(record, "sources")),
        "{id}"
    );
    let sources = record["sources"].as_array().unwrap();
    let anonymous: BTreeSet<usize> = (0..sources.len())
        .filter(|&i| sources[i]["anonymous"] == true)
        .collect();
    assert_eq!(values(html, "data-anonymous"), anonymous, "{id}");
    let statements: BTreeSet<usize> = (0..sources.len())
        .filter(|&i| !sources[i]["anonymity_cue"].is_null())
        .collect();
    assert_eq!(values(html, "data-statement"), statements, "{id}");
    let cues: BTreeSet<usize> = record["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .filter(|(_, q)| !q["cue"].is_null())
        .map(|(i, _)| i)
        .collect();
    assert_eq!(values(html, "data-cue"), cues, "{id}");
    assert_eq!(
        values(html, "data-cluster"),
        all(list(record, "clusters")),
        "{id}"
    );
    assert_eq!(page_text(html), record["text"].as_str().unwrap(), "{id}");
    // Every quote badge of a resolved speaker links to that speaker's row.
    for (i, q) in record["quotes"].as_array().unwrap().iter().enumerate() {
        if let Some(c) = q["speaker"].as_u64() {
            assert!(
                html.contains(&format!("<a href=\"#c{c}\" data-speaker-of=\"{i}\">")),
                "{id}: quote {i} links to cluster {c}"
            );
        }
    }
}

#[test]
fn view_writes_a_page_per_document_with_every_annotation_and_an_index() {
    let dir = tempfile::tempdir().unwrap();
    let (input, records) = annotated(dir.path());
    let pages = dir.path().join("pages");
    let out = byline()
        .arg("view")
        .arg(&input)
        .arg("-o")
        .arg(&pages)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let index = std::fs::read_to_string(pages.join("index.html")).unwrap();
    let mut anonymous_seen = false;
    for record in &records {
        let stem = Path::new(record["id"].as_str().unwrap())
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .to_string();
        let html = std::fs::read_to_string(pages.join(format!("{stem}.html"))).unwrap();
        check_page(&html, record);
        assert!(index.contains(&format!("href=\"{stem}.html\"")));
        anonymous_seen |= html.contains("class=\"anon\" data-anonymous=");
        for needle in ["http://", "https://", "<script", "<link", "src="] {
            assert!(!html.contains(needle), "{stem}: a network asset? {needle}");
        }
    }
    assert!(anonymous_seen, "the anonymous official is flagged");
    // No file is left half-written.
    let partial = std::fs::read_dir(&pages)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .to_string_lossy()
                .ends_with(".partial")
        })
        .count();
    assert_eq!(partial, 0);
}

#[test]
fn view_writes_one_page_for_a_small_corpus_and_lists_error_records() {
    let dir = tempfile::tempdir().unwrap();
    let (input, records) = annotated(dir.path());
    // Two lines that are no byline output, and gzip input.
    let mut bytes = std::fs::read(&input).unwrap();
    bytes.extend_from_slice(b"not json\n{\"id\": \"x\", \"error\": {\"kind\": \"too_long\", \"message\": \"over --max-chars\"}}\n");
    let gz = dir.path().join("annotated.jsonl.gz");
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut enc, &bytes).unwrap();
    std::fs::write(&gz, enc.finish().unwrap()).unwrap();
    let page = dir.path().join("all.html");
    let out = byline()
        .arg("view")
        .arg(&gz)
        .arg("-o")
        .arg(&page)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "error records exit 1");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("{} records (2 errors)", records.len() + 2)),
        "{stderr}"
    );
    let html = std::fs::read_to_string(&page).unwrap();
    for (k, record) in records.iter().enumerate() {
        assert!(html.contains(&format!("href=\"#d{k}-doc\"")));
        let start = html
            .find(&format!("<article class=\"doc\" id=\"d{k}-doc\">"))
            .unwrap();
        let end = start + html[start..].find("</article>").unwrap();
        check_page(&html[start..end].replace(&format!("#d{k}-c"), "#c"), record);
    }
    assert_eq!(html.matches("data-error=").count(), 2);
    assert!(html.contains("too_long: over --max-chars"));
}

#[test]
fn view_refuses_what_it_cannot_write() {
    let dir = tempfile::tempdir().unwrap();
    let (input, _) = annotated(dir.path());
    // -o naming an existing file that is no .html, and a missing input.
    byline()
        .arg("view")
        .arg(&input)
        .arg("-o")
        .arg(&input)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("is a file"));
    byline()
        .args(["view", "missing.jsonl", "-o"])
        .arg(dir.path().join("p"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("missing.jsonl is not a file"));
}

/// Headless Chromium, if installed: `BYLINE_CHROMIUM`, else chromium or
/// chromium-browser on the PATH.
fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("BYLINE_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|d| ["chromium", "chromium-browser"].map(|n| d.join(n)))
        .find(|p| p.is_file())
}

fn browser_or_skip(test: &str) -> Option<PathBuf> {
    let found = chromium();
    if found.is_none() {
        assert!(
            std::env::var("BYLINE_REQUIRE_BROWSER").as_deref() != Ok("1"),
            "{test}: BYLINE_REQUIRE_BROWSER=1 but no chromium found (scripts/setup-browser.sh)"
        );
        eprintln!(
            "{test}: SKIPPED: no headless Chromium (install Debian's chromium, or run \
             scripts/setup-browser.sh; BYLINE_CHROMIUM names another)"
        );
    }
    found
}

/// Run headless Chromium on `page` with `args`; its standard output.
fn run_chromium(browser: &Path, profile: &Path, args: &[String], page: &Path) -> Vec<u8> {
    let out = std::process::Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn a_browser_reads_every_annotation_of_every_page() {
    let Some(browser) = browser_or_skip("a_browser_reads_every_annotation_of_every_page") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (input, records) = annotated(dir.path());
    let pages = dir.path().join("pages");
    byline()
        .arg("view")
        .arg(&input)
        .arg("-o")
        .arg(&pages)
        .assert()
        .code(0);
    let profile = tempfile::tempdir().unwrap();
    for record in &records {
        let stem = Path::new(record["id"].as_str().unwrap())
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .to_string();
        let page = pages.join(format!("{stem}.html")).canonicalize().unwrap();
        let dom = run_chromium(&browser, profile.path(), &["--dump-dom".into()], &page);
        let dom = String::from_utf8(dom).unwrap();
        assert!(dom.contains("<article class=\"doc\""), "{stem}: {dom:.300}");
        check_page(&dom, record);
    }
}

#[test]
fn a_browser_draws_the_page() {
    let Some(browser) = browser_or_skip("a_browser_draws_the_page") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (input, _) = annotated(dir.path());
    let pages = dir.path().join("pages");
    byline()
        .arg("view")
        .arg(&input)
        .arg("-o")
        .arg(&pages)
        .assert()
        .code(0);
    let page = pages
        .join("anonymous-official.html")
        .canonicalize()
        .unwrap();
    let shot = dir.path().join("page.png");
    let profile = tempfile::tempdir().unwrap();
    run_chromium(
        &browser,
        profile.path(),
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1000,1400".into(),
        ],
        &page,
    );
    let png = std::fs::read(&shot).expect("a screenshot");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG");
    // A page of coloured text and tables, not a blank one (a blank 1000x1400 PNG
    // is a few kilobytes).
    assert!(png.len() > 30_000, "{} bytes", png.len());
    if let Ok(keep) = std::env::var("BYLINE_KEEP_SCREENSHOT") {
        std::fs::copy(&shot, keep).unwrap();
    }
}

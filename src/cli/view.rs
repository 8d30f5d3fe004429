//! `byline view`: annotated JSON Lines in, HTML pages to read by eye out.

use super::records::{self, Partial};
use anyhow::{bail, Context, Result};
use byline::formats::{brat, html};
use byline::tables::Entry;
use clap::Args;
use std::collections::HashSet;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Documents above which one page for the whole corpus gets a warning (a browser
/// opens a page of a few hundred articles slowly).
const SINGLE_PAGE_DOCUMENTS: u64 = 200;

#[derive(Args)]
#[command(after_help = "\
Examples:
  byline annotate article.txt | byline view - -o article.html   one page; open it in a browser
  byline annotate corpus/ -o annotated.jsonl.gz && byline view annotated.jsonl.gz -o pages/
  byline annotate corpus/ --layers slim | byline view - -o pages/

On each page: the text, with people, organizations, places and other names coloured
by type; each quote highlighted (direct, mixed and indirect apart), its cue in bold red
and its source outlined, and after it a badge naming the speaker that links to the
table of people and bodies; an anonymous source outlined in dashes with an \"anon\"
flag, whose tooltip gives the anonymity statement (underlined wavy); then the summary,
the quotes, the people, organizations and places, and the anonymous sources. Pages are
self-contained: styles are inline, and nothing is fetched from the network.

Input: the JSON Lines byline annotate writes, plain or .gz, any --layers that keeps the
text (all or slim; tokens are not needed). Output: with -o DIR, DIR/NAME.html per
document (NAME from its id) and DIR/index.html listing every record, error records
included; with -o FILE.html, one page for the whole input (for a few documents).
index.html, or the single page, is written under a .partial name and renamed when done.

Exit status: 0 every record shown; 1 some records were error records or lines that are
not byline output (each is listed); 2 usage error or I/O failure.")]
pub struct ViewArgs {
    /// byline's JSON Lines output (plain or .gz), or - for standard input.
    #[arg(value_name = "INPUT", required = true)]
    inputs: Vec<PathBuf>,

    /// A directory for a page per document and index.html (created if missing), or a
    /// FILE.html for one page holding every document.
    #[arg(short, long, value_name = "DIR|FILE.html")]
    output: PathBuf,

    /// No progress and no summary line.
    #[arg(short, long)]
    quiet: bool,
}

/// Where the pages go.
enum Pages {
    /// A page per document in `dir`, under names no other took.
    Directory {
        dir: PathBuf,
        stems: HashSet<String>,
    },
    /// One page: each document's article, in order.
    Single { articles: Vec<String> },
}

pub fn run(args: ViewArgs) -> Result<i32> {
    for input in &args.inputs {
        if input != Path::new("-") && !input.is_file() {
            bail!(
                "{} is not a file (give byline's JSON Lines output)",
                input.display()
            );
        }
    }
    let out = args.output.as_path();
    let single = out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
    if single && out.is_dir() {
        bail!(
            "{} is a directory; give a FILE.html or a directory name without .html",
            out.display()
        );
    }
    if !single && out.is_file() {
        bail!(
            "{} is a file; give a directory for a page per document, or FILE.html for one page",
            out.display()
        );
    }
    let mut pages = if single {
        if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        Pages::Single {
            articles: Vec::new(),
        }
    } else {
        fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
        Pages::Directory {
            dir: out.to_path_buf(),
            stems: HashSet::new(),
        }
    };
    let mut listed: Vec<html::Listed> = Vec::new();
    let (records, errors) = records::read(&args.inputs, false, args.quiet, |entry| {
        match entry {
            Entry::Error { id, kind, message } => listed.push(html::Listed::Error {
                id: id.to_string(),
                kind: kind.to_string(),
                message: message.to_string(),
            }),
            Entry::Document(doc) => match &mut pages {
                Pages::Directory { dir, stems } => {
                    // One page per document, under a name no other took.
                    let base = brat::file_stem(&doc.id);
                    let mut stem = base.clone();
                    let mut n = 1;
                    while stem == "index" || !stems.insert(stem.clone()) {
                        n += 1;
                        stem = format!("{base}-{n}");
                    }
                    let name = format!("{stem}.html");
                    let path = dir.join(&name);
                    let body = format!(
                        "<p class=\"muted\"><a href=\"index.html\">all documents</a></p>\n{}{}",
                        html::legend(),
                        html::document(doc, "")
                    );
                    fs::write(&path, html::page(&doc.id, &body))
                        .with_context(|| format!("cannot write {}", path.display()))?;
                    listed.push(html::Listed::document(doc, name));
                }
                Pages::Single { articles } => {
                    let prefix = format!("d{}-", articles.len());
                    listed.push(html::Listed::document(doc, format!("#{prefix}doc")));
                    articles.push(html::document(doc, &prefix));
                }
            },
        }
        Ok(())
    })?;
    let (path, title, body) = match pages {
        Pages::Directory { dir, .. } => (
            dir.join("index.html"),
            "byline: documents".to_string(),
            html::contents(&listed),
        ),
        Pages::Single { articles } => {
            let documents = articles.len() as u64;
            if documents > SINGLE_PAGE_DOCUMENTS && !args.quiet {
                eprintln!(
                    "byline: warning: one page holds {documents} documents and will open \
                     slowly; give a directory (-o DIR) for a page per document"
                );
            }
            let title = match (&listed[..], documents) {
                ([html::Listed::Document { id, .. }], 1) => id.clone(),
                _ => "byline: documents".to_string(),
            };
            let mut body = html::legend();
            if listed.len() > 1 || errors > 0 {
                body.push_str(&html::contents(&listed));
            }
            for a in articles {
                body.push_str(&a);
            }
            (out.to_path_buf(), title, body)
        }
    };
    let mut page = Partial::create(path.clone())?;
    page.out
        .write_all(html::page(&title, &body).as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))?;
    page.finish()?;
    if !args.quiet {
        eprintln!(
            "byline: {} ({}) viewed in {}",
            super::count(records, "record", "records"),
            super::count(errors, "error", "errors"),
            path.display(),
        );
    }
    Ok(if errors > 0 {
        super::EXIT_RECORD_ERRORS
    } else {
        super::EXIT_OK
    })
}

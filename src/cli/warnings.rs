//! Warnings `byline annotate` gives before it starts, for inputs that will not do
//! what their user most likely meant: stages out of their natural order, a
//! directory with no `*.txt` below it, a JSON array given as JSON Lines.

use byline::corpus::{reads_as_jsonl, InputFormat, Source};
use byline::pipeline::KNOWN_STAGES;
use std::io::Read;
use std::path::PathBuf;

/// The warnings for these stages and inputs, one line each.
pub fn warnings(
    stages: &[String],
    inputs: &[PathBuf],
    sources: &[Source],
    format: InputFormat,
) -> Vec<String> {
    let mut out = Vec::new();
    let rank: Vec<Option<usize>> = stages
        .iter()
        .map(|s| KNOWN_STAGES.iter().position(|k| k == s))
        .collect();
    if rank.windows(2).any(|w| w[0] >= w[1]) {
        out.push(format!(
            "the stages run in the order given ({}); each reads what the ones before it wrote, \
             in the order {}",
            stages.join(", "),
            KNOWN_STAGES.join(", ")
        ));
    }
    for dir in inputs.iter().filter(|p| p.is_dir()) {
        let holds_one = sources.iter().any(|s| match s {
            Source::File(p) => p.starts_with(dir),
            Source::Unreadable { name, .. } => std::path::Path::new(name).starts_with(dir),
            Source::Stdin => false,
        });
        if !holds_one {
            out.push(format!(
                "{} holds no *.txt file: a directory gives its text files (give a JSON Lines \
                 file by its name)",
                dir.display()
            ));
        }
    }
    for s in sources {
        let Source::File(path) = s else { continue };
        if reads_as_jsonl(path, format) && starts_with_array(path) {
            out.push(format!(
                "{} holds one JSON array, not JSON Lines (one object per line): each of its \
                 lines will be an error record; convert it with: jq -c '.[]' {}",
                path.display(),
                path.display()
            ));
        }
    }
    out
}

/// Whether the file's first character (after a byte-order mark and white space)
/// is `[`.
fn starts_with_array(path: &std::path::Path) -> bool {
    let mut head = Vec::with_capacity(4096);
    let read = std::fs::File::open(path).and_then(|f| f.take(4096).read_to_end(&mut head));
    if read.is_err() {
        return false;
    }
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&head);
    head.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[')
}

//! The shape of the source tree: imports flow the way data flows.
//!
//! Reads every library file under `src/` (the binary's `src/cli/` and `src/main.rs`
//! sit above everything and are left out), resolves each `crate::`, `super::` and
//! `self::` path it uses to the file that defines it, and checks two things:
//!
//! 1. **Layers.** Each top-level module has a rank in [`LAYERS`]; a file may use
//!    only its own module and modules of lower rank. So the document model and the
//!    stage trait never import a stage, an earlier stage never imports a later one,
//!    a model never imports an evaluator, and the pipeline (the registry of named
//!    stages) sits above every stage.
//! 2. **No loops.** The graph of file-to-file imports has no cycle, inside a stage
//!    folder as much as between modules.
//!
//! Test modules (`#[cfg(test)] mod tests` at the end of a file) and comments are
//! left out: a test may build a whole pipeline, and a doc link is no import.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Top-level modules of the library, lowest first. A module may import only those
/// before it. The stages appear in the order the pipeline runs them.
const LAYERS: &[&str] = &[
    // The document model and what every stage is; the counts scores are made of.
    "document",
    "stage",
    "score",
    // What several stages or models share: learning machinery, word lists, gold data.
    "learn",
    "lexicon",
    "gold",
    // The stages, in pipeline order (the transformer is a backend of `ner`; the
    // phrase reader is what `quotes`, `speakers` and `sources` read sources with).
    "segment",
    "ner",
    "transformer",
    "phrase",
    "quotes",
    "speakers",
    "sources",
    // What wires and drives the stages.
    "pipeline",
    "corpus",
    "eval",
    // What is made of annotated documents: flat tables, other tools' formats.
    "tables",
    "formats",
];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every library file, by its module path (`["quotes", "cue_model", "train"]`).
fn library_files() -> BTreeMap<Vec<String>, PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let root = src();
    let mut files = Vec::new();
    walk(&root, &mut files);
    let mut out = BTreeMap::new();
    for f in files {
        let rel = f.strip_prefix(&root).unwrap();
        let mut parts: Vec<String> = rel
            .iter()
            .map(|c| c.to_string_lossy().into_owned())
            .collect();
        if parts[0] == "cli" || parts == ["main.rs"] {
            continue;
        }
        let last = parts.pop().unwrap();
        let stem = last.trim_end_matches(".rs");
        if stem != "mod" && stem != "lib" {
            parts.push(stem.to_string());
        }
        out.insert(parts, f);
    }
    out
}

/// The code of a file without comments and without its trailing test module.
fn code_of(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(i) => &text[..i],
        None => text,
    };
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Expand a `use` tree (`crate::{a::b, c::{self, d}}`) into full paths.
fn expand_use(tree: &str) -> Vec<Vec<String>> {
    fn parse(s: &str, prefix: &[String], out: &mut Vec<Vec<String>>) {
        let s = s.trim();
        if s.is_empty() {
            return;
        }
        if let Some(open) = s.find('{') {
            let head: Vec<String> = s[..open]
                .split("::")
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(String::from)
                .collect();
            let inner = &s[open + 1..s.rfind('}').unwrap_or(s.len())];
            let mut base = prefix.to_vec();
            base.extend(head);
            let (mut depth, mut start) = (0, 0);
            for (i, c) in inner.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        parse(&inner[start..i], &base, out);
                        start = i + 1;
                    }
                    _ => {}
                }
            }
            parse(&inner[start..], &base, out);
        } else {
            let s = s.split(" as ").next().unwrap_or(s);
            let mut path = prefix.to_vec();
            for p in s.split("::").map(str::trim).filter(|p| !p.is_empty()) {
                if p != "self" || path.is_empty() {
                    path.push(p.to_string());
                }
            }
            path.retain(|p| p != "*");
            out.push(path);
        }
    }
    let mut out = Vec::new();
    parse(tree, &[], &mut out);
    out
}

/// Every path a file's code names: its `use` trees and inline `crate::`/`super::` paths.
fn paths_in(code: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    let ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let mut i = 0;
    while let Some(k) = code[i..].find("use ") {
        let at = i + k;
        i = at + 4;
        if at > 0 && ident(bytes[at - 1]) {
            continue;
        }
        if let Some(end) = code[i..].find(';') {
            out.extend(expand_use(&code[i..i + end]));
        }
    }
    // Inline paths: `crate::x`, `super::x`, `self::x`, and `child::x` (resolved, or
    // dropped, by `resolve`).
    let mut i = 0;
    while let Some(k) = code[i..].find("::") {
        let at = i + k;
        i = at + 2;
        let mut s = at;
        while s > 0 && ident(bytes[s - 1]) {
            s -= 1;
        }
        if s == at || (s > 0 && bytes[s - 1] == b':') {
            continue;
        }
        let mut end = at;
        while end < bytes.len() && (ident(bytes[end]) || bytes[end] == b':') {
            end += 1;
        }
        out.push(
            code[s..end]
                .split("::")
                .filter(|p| !p.is_empty())
                .map(String::from)
                .collect(),
        );
    }
    for start in ["crate::", "super::", "self::"] {
        let mut i = 0;
        while let Some(k) = code[i..].find(start) {
            let at = i + k;
            i = at + start.len();
            if at > 0 && (ident(bytes[at - 1]) || bytes[at - 1] == b':') {
                continue;
            }
            let mut end = at;
            while end < bytes.len() && (ident(bytes[end]) || bytes[end] == b':') {
                end += 1;
            }
            out.push(
                code[at..end]
                    .split("::")
                    .filter(|p| !p.is_empty())
                    .map(String::from)
                    .collect(),
            );
        }
    }
    out
}

/// The library file a path points into, from the file of `module` (`super` is
/// the module's parent, `self` the module). A name the crate root re-exports
/// (`crate::Pipeline`) resolves through `roots` to where it is defined.
fn resolve(
    path: &[String],
    module: &[String],
    files: &BTreeMap<Vec<String>, PathBuf>,
    roots: &BTreeMap<String, Vec<String>>,
) -> Option<Vec<String>> {
    let mut at: Vec<String> = match path.first().map(String::as_str) {
        Some("crate") => Vec::new(),
        Some("super") | Some("self") => module.to_vec(),
        // A path that starts with a child module's name (`transcript::turns`).
        Some(child) => {
            let mut m = module.to_vec();
            m.push(child.to_string());
            if !files.contains_key(&m) {
                return None;
            }
            return resolve(
                &[&["self".to_string()], path].concat(),
                module,
                files,
                roots,
            );
        }
        None => return None,
    };
    let mut rest = &path[1..];
    if path[0] == "super" {
        at.pop();
    }
    if path[0] == "crate" {
        if let Some(full) = rest.first().and_then(|n| roots.get(n)) {
            return resolve(full, module, files, &BTreeMap::new());
        }
    }
    while let Some(seg) = rest.first() {
        match seg.as_str() {
            "self" => {}
            "super" => {
                at.pop();
            }
            _ => {
                let mut next = at.clone();
                next.push(seg.clone());
                if files.contains_key(&next) {
                    at = next;
                } else {
                    break;
                }
            }
        }
        rest = &rest[1..];
    }
    Some(at)
}

/// What the crate root re-exports: `pub use stage::{Processor, …}` gives
/// `Processor` → `crate::stage::Processor`.
fn root_exports(lib: &str) -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    let code = code_of(lib);
    for line in code.split(';') {
        let Some(tree) = line.trim().strip_prefix("pub use ") else {
            continue;
        };
        for mut p in expand_use(tree) {
            if p.first().map(String::as_str) != Some("crate") {
                p.insert(0, "crate".into());
            }
            if let Some(last) = p.last() {
                out.insert(last.clone(), p.clone());
            }
        }
    }
    out
}

fn graph() -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let files = library_files();
    let roots = root_exports(&std::fs::read_to_string(src().join("lib.rs")).unwrap());
    let mut g = BTreeMap::new();
    for (module, path) in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let mut deps = BTreeSet::new();
        for p in paths_in(&code_of(&text)) {
            if let Some(target) = resolve(&p, module, &files, &roots) {
                // A module's own file and the crate root are no edges.
                if &target != module && !target.is_empty() {
                    deps.insert(target);
                }
            }
        }
        g.insert(module.clone(), deps);
    }
    g
}

fn name(m: &[String]) -> String {
    if m.is_empty() {
        "lib".into()
    } else {
        m.join("::")
    }
}

#[test]
fn imports_follow_the_layers() {
    let g = graph();
    let rank = |m: &[String]| m.first().and_then(|t| LAYERS.iter().position(|l| l == t));
    let mut wrong = Vec::new();
    for (from, deps) in &g {
        if from.is_empty() {
            continue; // lib.rs declares and re-exports everything
        }
        let Some(rf) = rank(from) else {
            wrong.push(format!(
                "{} is a top-level module missing from LAYERS",
                from[0]
            ));
            continue;
        };
        for to in deps {
            match rank(to) {
                Some(rt) if rt <= rf => {}
                _ => wrong.push(format!("{} imports {}", name(from), name(to))),
            }
        }
    }
    wrong.sort();
    wrong.dedup();
    assert!(
        wrong.is_empty(),
        "imports against the data flow (see LAYERS in tests/architecture.rs):\n  {}",
        wrong.join("\n  ")
    );
}

#[test]
fn no_import_loops() {
    let g = graph();
    // Tarjan's strongly connected components: every component of more than one
    // file is a loop.
    struct Tarjan<'a> {
        g: &'a BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        index: BTreeMap<&'a Vec<String>, usize>,
        low: BTreeMap<&'a Vec<String>, usize>,
        stack: Vec<&'a Vec<String>>,
        on_stack: BTreeSet<&'a Vec<String>>,
        loops: Vec<Vec<String>>,
    }
    impl<'a> Tarjan<'a> {
        fn visit(&mut self, m: &'a Vec<String>) {
            let n = self.index.len();
            self.index.insert(m, n);
            self.low.insert(m, n);
            self.stack.push(m);
            self.on_stack.insert(m);
            for d in self.g.get(m).into_iter().flatten() {
                let Some((d, _)) = self.g.get_key_value(d) else {
                    continue;
                };
                if !self.index.contains_key(d) {
                    self.visit(d);
                    let l = self.low[d].min(self.low[m]);
                    self.low.insert(m, l);
                } else if self.on_stack.contains(d) {
                    let l = self.index[d].min(self.low[m]);
                    self.low.insert(m, l);
                }
            }
            if self.low[m] == self.index[m] {
                let mut component = Vec::new();
                while let Some(x) = self.stack.pop() {
                    self.on_stack.remove(x);
                    component.push(name(x));
                    if x == m {
                        break;
                    }
                }
                if component.len() > 1 {
                    component.sort();
                    self.loops.push(component);
                }
            }
        }
    }
    let mut t = Tarjan {
        g: &g,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        loops: Vec::new(),
    };
    for m in g.keys() {
        if !t.index.contains_key(m) {
            t.visit(m);
        }
    }
    let loops: Vec<String> = t.loops.iter().map(|c| c.join(", ")).collect();
    assert!(
        loops.is_empty(),
        "files that import each other, in a loop (move what they share into a file of its own):\n  {}",
        loops.join("\n  ")
    );
}

#[test]
fn the_checker_reads_use_trees() {
    let p = expand_use("crate::{a::b, c::{self, d as e}, f::*}");
    let want: Vec<Vec<String>> = [
        vec!["crate", "a", "b"],
        vec!["crate", "c"],
        vec!["crate", "c", "d"],
        vec!["crate", "f"],
    ]
    .iter()
    .map(|v| v.iter().map(|s| s.to_string()).collect())
    .collect();
    assert_eq!(p, want);
    let g = graph();
    let quotes = vec!["quotes".to_string()];
    assert!(
        g.get(&quotes)
            .is_some_and(|d| d.contains(&vec!["document".to_string()])),
        "quotes/mod.rs reads the document model"
    );
}

//! Agreement of byline's segmentation with Stanford CoreNLP's.
//!
//! Reads CoreNLP token tables (`sentence  start  end  word  pos  ner`, one token
//! a line, offsets in UTF-16 code units as Java counts them) beside the article
//! texts, and scores byline's tokens as (start, end) code-point pairs and its
//! sentence ends as code-point offsets: precision, recall and F1 of each.

use crate::document::Document;
use crate::score::Counts;
use crate::segment::Segmenter;
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

/// One disagreement, for reports: the text around it and what each side did.
#[derive(Debug, Clone)]
pub struct Disagreement {
    pub doc: String,
    pub what: String,
}

/// The result over a set of documents.
#[derive(Debug, Default)]
pub struct SegmentationReport {
    pub documents: usize,
    pub tokens: Counts,
    pub sentence_ends: Counts,
    pub token_misses: Vec<Disagreement>,
    pub sentence_misses: Vec<Disagreement>,
}

/// CoreNLP's segmentation of one text: token spans and sentence ends, in code points.
pub struct Reference {
    pub tokens: Vec<(u32, u32)>,
    pub sentence_ends: Vec<u32>,
}

/// Parse a CoreNLP token table for `text`.
pub fn read_reference(tsv: &str, text: &str) -> Result<Reference, String> {
    // UTF-16 offset → code-point offset, for texts outside the BMP.
    let mut utf16_to_char: Vec<u32> = Vec::with_capacity(text.len() + 1);
    for (ci, c) in text.chars().enumerate() {
        for _ in 0..c.len_utf16() {
            utf16_to_char.push(ci as u32);
        }
    }
    utf16_to_char.push(text.chars().count() as u32);
    let conv = |u: u32| utf16_to_char.get(u as usize).copied();

    let mut tokens = Vec::new();
    let mut sentence_ends = Vec::new();
    let mut last_sentence: Option<&str> = None;
    for (n, line) in tsv.lines().enumerate() {
        if n == 0 && line.starts_with("sentence") {
            continue;
        }
        let mut cols = line.split('\t');
        let (Some(sent), Some(start), Some(end)) = (cols.next(), cols.next(), cols.next()) else {
            continue;
        };
        let parse = |s: &str| {
            s.parse::<u32>()
                .map_err(|e| format!("line {}: bad offset '{s}': {e}", n + 1))
        };
        let (start, end) = (parse(start)?, parse(end)?);
        let (Some(start), Some(end)) = (conv(start), conv(end)) else {
            return Err(format!("line {}: offset past the end of the text", n + 1));
        };
        if last_sentence.is_some_and(|s| s != sent) {
            if let Some(&(_, e)) = tokens.last() {
                sentence_ends.push(e);
            }
        }
        last_sentence = Some(sent);
        tokens.push((start, end));
    }
    if let Some(&(_, e)) = tokens.last() {
        sentence_ends.push(e);
    }
    Ok(Reference {
        tokens,
        sentence_ends,
    })
}

/// Compare byline with the reference on one text.
pub fn compare(id: &str, text: &str, reference: &Reference, report: &mut SegmentationReport) {
    let mut doc = Document::new(id, text);
    Segmenter::new().segment(&mut doc);
    let ours: HashSet<(u32, u32)> = doc.tokens.iter().map(|t| (t.start, t.end)).collect();
    let gold: HashSet<(u32, u32)> = reference.tokens.iter().copied().collect();
    let tp = ours.intersection(&gold).count();
    report.tokens.add(Counts {
        true_pos: tp,
        predicted: ours.len(),
        gold: gold.len(),
    });

    let our_ends: HashSet<u32> = doc.sentences.iter().map(|s| s.end).collect();
    let gold_ends: HashSet<u32> = reference.sentence_ends.iter().copied().collect();
    let tp = our_ends.intersection(&gold_ends).count();
    report.sentence_ends.add(Counts {
        true_pos: tp,
        predicted: our_ends.len(),
        gold: gold_ends.len(),
    });
    report.documents += 1;

    let chars: Vec<char> = text.chars().collect();
    let context = |a: u32, b: u32| -> String {
        let lo = a.saturating_sub(25) as usize;
        let hi = (b as usize + 25).min(chars.len());
        chars[lo..hi].iter().collect::<String>().replace('\n', "⏎")
    };
    let span_text = |a: u32, b: u32| {
        chars[a as usize..(b as usize).min(chars.len())]
            .iter()
            .collect::<String>()
    };
    let mut gold_sorted: Vec<_> = gold.difference(&ours).copied().collect();
    gold_sorted.sort();
    for (a, b) in gold_sorted {
        let mine: Vec<String> = doc
            .tokens
            .iter()
            .filter(|t| t.start < b && a < t.end)
            .filter_map(|t| doc.text.get(t.bytes.0 as usize..t.bytes.1 as usize))
            .map(|t| format!("[{t}]"))
            .collect();
        report.token_misses.push(Disagreement {
            doc: id.to_string(),
            what: format!(
                "corenlp [{}] byline {} in «{}»",
                span_text(a, b),
                mine.join(""),
                context(a, b)
            ),
        });
    }
    let mut missed: Vec<(u32, &str)> = gold_ends
        .difference(&our_ends)
        .map(|&e| (e, "corenlp only"))
        .collect();
    missed.extend(our_ends.difference(&gold_ends).map(|&e| (e, "byline only")));
    missed.sort();
    for (e, who) in missed {
        report.sentence_misses.push(Disagreement {
            doc: id.to_string(),
            what: format!(
                "{who}: «{}|{}»",
                context(e, e).chars().take(25).collect::<String>(),
                span_text(e, (e + 25).min(chars.len() as u32)).replace('\n', "⏎")
            ),
        });
    }
}

/// Score every article in `dir/text/` that has a table in `dir/corenlp-tokens/`.
pub fn evaluate_dir(dir: &Path) -> Result<SegmentationReport, String> {
    let tables = dir.join("corenlp-tokens");
    let texts = dir.join("text");
    let mut entries: BTreeMap<String, std::path::PathBuf> = BTreeMap::new();
    let read_dir =
        std::fs::read_dir(&tables).map_err(|e| format!("cannot read {}: {e}", tables.display()))?;
    for entry in read_dir {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.extension().is_some_and(|x| x == "tsv") {
            if let Some(stem) = path.file_stem().and_then(|s| s.to_str()) {
                entries.insert(stem.to_string(), path);
            }
        }
    }
    if entries.is_empty() {
        return Err(format!("no .tsv token tables in {}", tables.display()));
    }
    let mut report = SegmentationReport::default();
    for (stem, table) in entries {
        let text_path = texts.join(format!("{stem}.txt"));
        let text = std::fs::read_to_string(&text_path)
            .map_err(|e| format!("cannot read {}: {e}", text_path.display()))?;
        let tsv = std::fs::read_to_string(&table)
            .map_err(|e| format!("cannot read {}: {e}", table.display()))?;
        let reference =
            read_reference(&tsv, &text).map_err(|e| format!("{}: {e}", table.display()))?;
        compare(&stem, &text, &reference, &mut report);
    }
    Ok(report)
}

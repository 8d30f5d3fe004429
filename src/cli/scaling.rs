//! `byline bench scaling`: seconds per megabyte of each stage, for one document of
//! growing size, on news prose and on pathological texts. A stage that is linear in
//! its input shows the same s/MB at every size; the last line of each text gives
//! the ratio of s/MB at the largest size to that at the smallest.

use anyhow::{bail, Result};
use byline::corpus::stress;
use byline::{Document, Pipeline};
use clap::Args;
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

#[derive(Args)]
#[command(after_help = "\
Texts (--texts):
  prose         synthetic news articles, one after another
  said          \"said \" repeated: one sentence of cues
  said-comma    \"said, \" repeated
  quoted-said   '\"said\" ' repeated: a quotation per word
  mixed         emoji, zero-width joiners, curly quotes and \"said\", repeated
  quote-marks   straight quotation marks only
  quotations    unattributed quotations, one paragraph
  transcript    interview turns (\"SMITH: …\"), each with an attribution inside

Columns: seconds per MB of input for each stage and for writing the JSON record;
out/in, the JSON record's bytes over the text's; peak MB, the process's peak
resident memory during the measurement (Linux), and B/char, its growth per input
character. A stage linear in its input has the same s/MB at every size.

Examples:
  byline bench scaling
  byline bench scaling --texts prose,said --sizes 10K,1M --check")]
pub struct ScalingArgs {
    /// Document sizes, in bytes (K and M suffixes: 1K = 1,000).
    #[arg(long, value_delimiter = ',', default_value = "10K,100K,1M,5M", value_parser = parse_size)]
    sizes: Vec<usize>,
    /// Texts measured, comma-separated (see below).
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "prose,said,said-comma,quoted-said,mixed,quote-marks,quotations,transcript"
    )]
    texts: Vec<String>,
    /// Stages of the pipeline measured, comma-separated (default: all).
    #[arg(long, value_delimiter = ',', default_values_t = byline::pipeline::KNOWN_STAGES.iter().map(|s| s.to_string()))]
    stages: Vec<String>,
    /// Minimum seconds spent on each size (small documents are annotated repeatedly).
    #[arg(long, default_value_t = 1.0)]
    seconds: f64,
    /// Exit 1 when any stage's s/MB at the largest size exceeds this multiple of its
    /// s/MB at the smallest.
    #[arg(long, value_name = "RATIO", num_args = 0..=1, default_missing_value = "2")]
    check: Option<f64>,
}

fn parse_size(s: &str) -> Result<usize, String> {
    let t = s.trim();
    let (num, mult) = match t.chars().last() {
        Some('K' | 'k') => (&t[..t.len() - 1], 1_000),
        Some('M' | 'm') => (&t[..t.len() - 1], 1_000_000),
        _ => (t, 1),
    };
    num.parse::<usize>()
        .ok()
        .filter(|&n| n > 0)
        .map(|n| n * mult)
        .ok_or_else(|| format!("'{s}' is no size: write bytes, as 10000, 10K or 5M"))
}

fn label(bytes: usize) -> String {
    if bytes >= 1_000_000 && bytes % 1_000_000 == 0 {
        format!("{} MB", bytes / 1_000_000)
    } else if bytes >= 1_000 && bytes % 1_000 == 0 {
        format!("{} KB", bytes / 1_000)
    } else {
        format!("{bytes} B")
    }
}

/// One measurement: mean seconds per stage (and "json"), output bytes, peak memory.
struct Measure {
    secs: BTreeMap<String, f64>,
    out_bytes: usize,
    peak_mb: Option<f64>,
    bytes_per_char: Option<f64>,
}

pub fn run(args: ScalingArgs) -> Result<i32> {
    for t in &args.texts {
        if stress::text(t, 1).is_none() {
            let known: Vec<&str> = stress::KINDS.iter().map(|k| k.0).collect();
            bail!("unknown text '{t}'; known texts: {}", known.join(", "));
        }
    }
    let pipeline = Pipeline::from_names(&args.stages)
        .map_err(anyhow::Error::msg)?
        .max_chars(usize::MAX / 8)
        .build();
    let mut columns: Vec<String> = pipeline
        .stage_names()
        .iter()
        .map(|s| s.to_string())
        .collect();
    columns.push("json".into());
    out!("{:<12} {:>7}", "text", "size");
    for c in &columns {
        out!(" {c:>9}");
    }
    outln!(" {:>7} {:>8} {:>7}", "out/in", "peak MB", "B/char");
    let mut worst: f64 = 0.0;
    for kind in &args.texts {
        let mut rows: Vec<Measure> = Vec::new();
        for &size in &args.sizes {
            let text = stress::text(kind, size).expect("checked above");
            let m = measure(&pipeline, kind, text, args.seconds)?;
            out!("{kind:<12} {:>7}", label(size));
            for c in &columns {
                out!(" {:>9.3}", m.secs.get(c).copied().unwrap_or(0.0) / mb(size));
            }
            let opt = |v: Option<f64>, p: usize| v.map_or("-".to_string(), |v| format!("{v:.p$}"));
            outln!(
                " {:>7.1} {:>8} {:>7}",
                m.out_bytes as f64 / size as f64,
                opt(m.peak_mb, 0),
                opt(m.bytes_per_char, 0)
            );
            rows.push(m);
        }
        if let (Some(first), Some(last), true) = (rows.first(), rows.last(), rows.len() > 1) {
            let (small, large) = (args.sizes[0], args.sizes[args.sizes.len() - 1]);
            out!("{:<12} {:>7}", "", "ratio");
            for c in &columns {
                let per_mb = |m: &Measure, size| m.secs.get(c).copied().unwrap_or(0.0) / mb(size);
                // Stages that take almost no time at all are noise, not growth.
                let (a, b) = (per_mb(first, small), per_mb(last, large));
                let ratio = if b < 0.005 { 1.0 } else { b / a.max(1e-9) };
                worst = worst.max(ratio);
                out!(" {ratio:>9.2}");
            }
            outln!();
        }
    }
    if let Some(limit) = args.check {
        if worst > limit {
            eprintln!("byline: a stage's s/MB grew {worst:.2}× from the smallest size to the largest (limit {limit})");
            return Ok(1);
        }
    }
    Ok(super::EXIT_OK)
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1e6
}

fn measure(pipeline: &Pipeline, kind: &str, text: String, seconds: f64) -> Result<Measure> {
    let chars = text.chars().count().max(1);
    let doc = Document::new(format!("{kind}-{}", text.len()), text);
    let baseline = memory::reset_peak();
    let mut secs: BTreeMap<String, f64> = BTreeMap::new();
    let mut out = Vec::new();
    let mut runs = 0u32;
    let start = Instant::now();
    while runs == 0 || start.elapsed().as_secs_f64() < seconds {
        let mut add = |name: &str, d: Duration| {
            *secs.entry(name.to_string()).or_default() += d.as_secs_f64();
        };
        let annotated = pipeline
            .annotate_timed(doc.clone(), &mut add)
            .map_err(|e| anyhow::anyhow!("{kind}: {}", e.message))?;
        out.clear();
        let t = Instant::now();
        serde_json::to_writer(&mut out, &annotated)?;
        add("json", t.elapsed());
        runs += 1;
    }
    secs.values_mut().for_each(|s| *s /= runs as f64);
    let peak = memory::peak_mb();
    Ok(Measure {
        secs,
        out_bytes: out.len(),
        peak_mb: peak,
        bytes_per_char: peak
            .zip(baseline)
            .map(|(p, b)| ((p - b) * 1e6 / chars as f64).max(0.0)),
    })
}

/// The process's resident memory, from Linux's `/proc/self`; `None` elsewhere.
mod memory {
    fn status_mb(field: &str) -> Option<f64> {
        let s = std::fs::read_to_string("/proc/self/status").ok()?;
        let line = s.lines().find(|l| l.starts_with(field))?;
        let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kb * 1024.0 / 1e6)
    }

    /// Reset the peak to the current resident size (`clear_refs` 5); the current
    /// size in MB.
    pub fn reset_peak() -> Option<f64> {
        std::fs::write("/proc/self/clear_refs", "5").ok()?;
        status_mb("VmRSS:")
    }

    /// The peak resident size since the last reset, in MB.
    pub fn peak_mb() -> Option<f64> {
        status_mb("VmHWM:")
    }
}

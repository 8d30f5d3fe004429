//! What lies inside another attribution is part of it, not one of its own: a cue
//! inside another attribution's source where their contents overlap ("a poll
//! released Friday shows …"), an unattributed quotation inside found content (a
//! mixed quote) or on a transcript turn's label, and an attribution inside a turn.
//! These are dropped, and the continuation links renumbered.

use crate::quotes::found::{Found, Range, SpanIndex};
use std::ops::RangeInclusive;

/// Per attribution: whether its cue lies inside another attribution's source whose
/// content overlaps its own.
pub fn inside_source(found: &[Found]) -> Vec<bool> {
    // A cue inside another attribution's source, where their contents overlap, is
    // part of that noun phrase ("a poll released Friday shows …"), not an attribution
    // of its own.
    let overlaps = |p: &[Range], q: &[Range]| {
        p.iter()
            .any(|&(x, y)| q.iter().any(|&(u, v)| x < v && u < y))
    };
    // The sources by where they start; a source holding a cue starts at most the
    // longest source's length before it.
    let mut sources: Vec<(Range, usize)> = found
        .iter()
        .enumerate()
        .filter_map(|(g, f)| f.source.map(|s| (s, g)))
        .collect();
    sources.sort_unstable();
    let longest = sources.iter().map(|&((a, b), _)| b - a).max().unwrap_or(0);
    found
        .iter()
        .map(|f| {
            f.cue.is_some_and(|(x, y)| {
                let end = sources.partition_point(|&((sa, _), _)| sa <= x);
                sources[..end]
                    .iter()
                    .rev()
                    .take_while(|&&((sa, _), _)| sa + longest >= y)
                    .any(|&((_, sb), g)| y <= sb && overlaps(&found[g].content, &f.content))
            })
        })
        .collect()
}

/// The attributions to keep, given the transcript turns' `labels` (from a turn's
/// first token to its content's) and `turn_spans`, and [`inside_source`] of the
/// attributions found before the turns.
pub fn keep(
    mut found: Vec<Found>,
    labels: &[RangeInclusive<usize>],
    turn_spans: &[Range],
    inside_source: &[bool],
) -> Vec<Found> {
    // An empty range is no content and no source: a step may trim one down to
    // nothing ("Anhe votes and expected …": the content of "votes" ends where
    // "expected" shares its subject). An attribution left with no content goes.
    for f in &mut found {
        f.content.retain(|&(x, y)| x < y);
        f.source = f.source.filter(|&(x, y)| x < y);
    }
    // A quotation without attribution that lies inside found content is part of
    // that attribution (a mixed quote), not one of its own. Indexed, so that a
    // document of many quotations costs each one a lookup.
    let cued = SpanIndex::new(
        found
            .iter()
            .filter(|g| g.cue.is_some())
            .flat_map(|g| g.content.iter().copied()),
    );
    let labels = SpanIndex::new(labels.iter().map(|l| (*l.start(), *l.end() + 1)));
    let turns = SpanIndex::new(turn_spans.iter().copied());
    let covered = |f: &Found| {
        let (first, last) = (f.content[0].0, f.content[f.content.len() - 1].1);
        f.cue.is_none()
            && (labels.covers((first, first + 1))
                || f.continues.is_none() && cued.covers((first, last)))
    };
    let keep: Vec<bool> = found
        .iter()
        .enumerate()
        .map(|(i, f)| {
            // What a speaker says of others inside a turn is part of the turn (a
            // turn's own cue, its colon, comes before its content).
            let nested = f.cue.is_some_and(|(c, _)| turns.covers((c, c + 1)));
            !f.content.is_empty()
                && !covered(f)
                && !nested
                && !inside_source.get(i).copied().unwrap_or(false)
        })
        .collect();
    let mut remap = vec![None; found.len()];
    let mut kept = Vec::new();
    for (i, f) in found.into_iter().enumerate() {
        if keep[i] {
            remap[i] = Some(kept.len());
            kept.push(f);
        }
    }
    for f in &mut kept {
        f.continues = f.continues.and_then(|c| remap[c]);
    }
    kept
}

//! From byline's words to the model's inputs and back: overlapping windows over a
//! sentence too long for the model, first-sub-token alignment, and decoding word
//! labels into mentions. No libtorch here.

use super::config::{Tag, TagKind};
use crate::document::EntityLabel;
use std::ops::Range;

/// Split a run of words into windows of at most `budget` sub-tokens.
///
/// `lens[i]` is the number of sub-tokens word `i` will feed the model (already cut to
/// `budget`). One window when everything fits; otherwise consecutive windows overlap by
/// about `overlap` sub-tokens, so that every word is seen with context on both sides in
/// some window (see [`assign_windows`]). Windows always start and end on word boundaries.
pub fn plan_windows(lens: &[usize], budget: usize, overlap: usize) -> Vec<Range<usize>> {
    let n = lens.len();
    let budget = budget.max(1);
    let mut windows = Vec::new();
    let mut start = 0;
    while start < n {
        let mut end = start;
        let mut sum = 0;
        while end < n && (end == start || sum + lens[end] <= budget) {
            sum += lens[end];
            end += 1;
        }
        windows.push(start..end);
        if end == n {
            break;
        }
        // Step back from `end` while the overlap stays within `overlap` sub-tokens.
        let mut next = end;
        let mut back = 0;
        while next > start + 1 && back + lens[next - 1] <= overlap {
            back += lens[next - 1];
            next -= 1;
        }
        start = next;
    }
    windows
}

/// For each word, the window whose prediction it takes: the one where it sits furthest
/// from a cut edge (a window edge that is not the start or end of the run).
pub fn assign_windows(n: usize, windows: &[Range<usize>]) -> Vec<usize> {
    let mut best = vec![(0usize, 0usize); n]; // (window, score)
    let mut seen = vec![false; n];
    for (k, w) in windows.iter().enumerate() {
        for i in w.clone() {
            let left = if w.start == 0 {
                usize::MAX
            } else {
                i - w.start
            };
            let right = if w.end == n {
                usize::MAX
            } else {
                w.end - 1 - i
            };
            let score = left.min(right);
            if !seen[i] || score > best[i].1 {
                best[i] = (k, score);
                seen[i] = true;
            }
        }
    }
    best.into_iter().map(|(k, _)| k).collect()
}

/// A decoded mention, over words `[start, end)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordSpan {
    pub start: usize,
    pub end: usize,
    pub label: EntityLabel,
}

/// Turn one label per word (an index into `tags`, `None` for a word the model saw no
/// sub-token of) into mentions.
///
/// Mentions are built over the model's own types and mapped afterwards: a `B-` tag, an
/// entity tag after `O`, or a change of type starts a mention; an `I-` tag of the same
/// type continues it. So `B-GPE I-LOC` is two LOC mentions, as the model meant.
pub fn decode(word_tags: &[Option<usize>], tags: &[Tag]) -> Vec<WordSpan> {
    let mut out = Vec::new();
    let mut cur: Option<(usize, &str, Option<EntityLabel>)> = None;
    let close = |cur: &mut Option<(usize, &str, Option<EntityLabel>)>,
                 end: usize,
                 out: &mut Vec<WordSpan>| {
        if let Some((start, _, Some(label))) = cur.take() {
            out.push(WordSpan { start, end, label });
        }
    };
    for (i, t) in word_tags.iter().enumerate() {
        let tag = t.map(|k| &tags[k]);
        match tag {
            None => close(&mut cur, i, &mut out),
            Some(tag) => match tag.kind {
                TagKind::Outside => close(&mut cur, i, &mut out),
                TagKind::Begin => {
                    close(&mut cur, i, &mut out);
                    cur = Some((i, &tag.model_type, tag.label));
                }
                TagKind::Inside => {
                    let same = matches!(cur, Some((_, ty, _)) if ty == tag.model_type);
                    if !same {
                        close(&mut cur, i, &mut out);
                        cur = Some((i, &tag.model_type, tag.label));
                    }
                }
            },
        }
    }
    close(&mut cur, word_tags.len(), &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::super::config::parse_tag;
    use super::*;

    fn check_cover(lens: &[usize], budget: usize, overlap: usize) {
        let w = plan_windows(lens, budget, overlap);
        assert_eq!(w.first().unwrap().start, 0);
        assert_eq!(w.last().unwrap().end, lens.len());
        for pair in w.windows(2) {
            assert!(pair[1].start > pair[0].start, "progress");
            assert!(pair[1].start <= pair[0].end, "no gap");
        }
        for r in &w {
            let sum: usize = lens[r.clone()].iter().sum();
            assert!(sum <= budget || r.len() == 1, "{r:?} over budget");
        }
        let a = assign_windows(lens.len(), &w);
        for (i, &k) in a.iter().enumerate() {
            assert!(w[k].contains(&i));
        }
    }

    #[test]
    fn windows_cover_and_overlap() {
        assert_eq!(plan_windows(&[1, 2, 3], 10, 3), vec![0..3]);
        let lens: Vec<usize> = (0..100).map(|i| 1 + i % 3).collect();
        let w = plan_windows(&lens, 20, 5);
        assert!(w.len() > 5);
        assert!(w[1].start < w[0].end, "windows overlap");
        check_cover(&lens, 20, 5);
        check_cover(&[5; 50], 5, 2);
        check_cover(&[5; 50], 12, 100);
        check_cover(&[1; 7], 1, 0);
        check_cover(&[1], 1, 0);
    }

    #[test]
    fn words_take_the_most_central_window() {
        let w = vec![0..10, 6..16, 12..20];
        let a = assign_windows(20, &w);
        assert_eq!(a[0], 0);
        assert_eq!(a[7], 0); // 2 from the cut at 10 in window 0, 1 from the cut at 6 in window 1
        assert_eq!(a[9], 1);
        assert_eq!(a[19], 2);
    }

    #[test]
    fn decoding_follows_model_types() {
        let names = ["O", "B-PER", "I-PER", "B-GPE", "I-LOC", "B-DATE", "I-DATE"];
        let tags: Vec<Tag> = names.iter().map(|n| parse_tag(n).unwrap()).collect();
        let t = |s: &[usize]| s.iter().map(|&k| Some(k)).collect::<Vec<_>>();
        use EntityLabel::*;
        let spans = decode(&t(&[1, 2, 0, 3, 4, 5, 6, 2]), &tags);
        let got: Vec<_> = spans.iter().map(|s| (s.start, s.end, s.label)).collect();
        assert_eq!(
            got,
            vec![(0, 2, PER), (3, 4, LOC), (4, 5, LOC), (7, 8, PER)]
        );
        // A word with no sub-token breaks a mention.
        let spans = decode(&[Some(1), None, Some(2)], &tags);
        assert_eq!(spans.len(), 2);
    }
}

//! conlleval-compatible scoring: exact-match entity spans, precision, recall
//! and F1 per type and overall (micro), printed in conlleval's layout.

use super::conll::spans;
use crate::score::Counts;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Scores over a corpus.
#[derive(Debug, Clone, Default)]
pub struct NerScore {
    pub tokens: usize,
    /// Tokens whose gold and predicted IOB2 tags agree.
    pub correct_tags: usize,
    pub total: Counts,
    pub per_type: BTreeMap<String, Counts>,
}

impl NerScore {
    /// Add one sentence: gold and predicted tags (any IOB scheme each).
    pub fn add<S: AsRef<str>, T: AsRef<str>>(&mut self, gold: &[S], pred: &[T]) {
        let n = gold.len();
        let g = spans(gold);
        let mut p = spans(pred);
        p.retain(|s| s.1 <= n);
        self.tokens += n;
        let gt = super::conll::iob2(n, &g);
        let pt = super::conll::iob2(n, &p);
        self.correct_tags += gt.iter().zip(&pt).filter(|(a, b)| a == b).count();
        for s in &g {
            self.per_type.entry(s.2.clone()).or_default().gold += 1;
            self.total.gold += 1;
        }
        for s in &p {
            self.per_type.entry(s.2.clone()).or_default().predicted += 1;
            self.total.predicted += 1;
            if g.contains(s) {
                self.per_type.entry(s.2.clone()).or_default().true_pos += 1;
                self.total.true_pos += 1;
            }
        }
    }

    pub fn f1(&self) -> f64 {
        self.total.f1()
    }

    /// conlleval's report.
    pub fn report(&self) -> String {
        let mut s = String::new();
        let pct = |x: f64| 100.0 * x;
        let _ = writeln!(
            s,
            "processed {} tokens with {} phrases; found: {} phrases; correct: {}.",
            self.tokens, self.total.gold, self.total.predicted, self.total.true_pos
        );
        let acc = if self.tokens == 0 {
            0.0
        } else {
            self.correct_tags as f64 / self.tokens as f64
        };
        let _ = writeln!(
            s,
            "accuracy: {:6.2}%; precision: {:6.2}%; recall: {:6.2}%; FB1: {:6.2}",
            pct(acc),
            pct(self.total.precision()),
            pct(self.total.recall()),
            pct(self.total.f1())
        );
        for (ty, c) in &self.per_type {
            let _ = writeln!(
                s,
                "{:>17}: precision: {:6.2}%; recall: {:6.2}%; FB1: {:6.2}  {}",
                ty,
                pct(c.precision()),
                pct(c.recall()),
                pct(c.f1()),
                c.predicted
            );
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_a_hand_made_example() {
        let mut sc = NerScore::default();
        // Gold IOB1: [Jim Mattis]PER met [Angela Merkel]PER in [Berlin]LOC .
        let gold = ["I-PER", "I-PER", "O", "I-PER", "I-PER", "O", "I-LOC", "O"];
        // Predicted IOB2: first name right, second cut short, Berlin typed ORG.
        let pred = ["B-PER", "I-PER", "O", "B-PER", "O", "O", "B-ORG", "O"];
        sc.add(&gold, &pred);
        assert_eq!(sc.total.gold, 3);
        assert_eq!(sc.total.predicted, 3);
        assert_eq!(sc.total.true_pos, 1);
        assert!((sc.f1() - 1.0 / 3.0).abs() < 1e-9);
        assert_eq!(sc.per_type["PER"].true_pos, 1);
        assert_eq!(sc.per_type["PER"].gold, 2);
        assert_eq!(sc.per_type["ORG"].predicted, 1);
        assert_eq!(sc.per_type["LOC"].gold, 1);
        assert_eq!(sc.correct_tags, 6);
        let r = sc.report();
        assert!(r.contains("processed 8 tokens with 3 phrases; found: 3 phrases; correct: 1."));
        assert!(r.contains("FB1:  33.33"), "{r}");
        // A perfect prediction in another scheme scores 100.
        let mut p = NerScore::default();
        p.add(
            &gold,
            &["B-PER", "L-PER", "O", "B-PER", "L-PER", "O", "U-LOC", "O"],
        );
        assert_eq!(p.f1(), 1.0);
    }
}

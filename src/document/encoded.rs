//! What a contextual encoder says about each token, kept on the document for the stages
//! after it (not serialized): the `encoder` stage of the accurate pipeline fills it, and
//! the quotes stage's encoder proposer ([`crate::quotes::encoder_cues`]) and the sources
//! stage read it. The default pipeline never has one.
//!
//! Scores are per token and per named head label (`cue:B`, `role:content`, `kind:person`,
//! …), as the model's `heads.json` names them: log-probabilities for the softmax groups
//! (`cue:*`, `kind:*`), logits for the sigmoid ones (`role:*`). A token the model did not
//! reach (past its window's sub-token limit) has no scores.

/// Per-token scores of one encoder over one document.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Encoded {
    /// Head label names, in score order.
    pub labels: Vec<String>,
    /// `tokens × labels` scores, row-major; rows of unreached tokens are zero.
    pub scores: Vec<f32>,
    /// Per token: whether the model reached it.
    pub reached: Vec<bool>,
}

impl Encoded {
    /// The index of a label, if the model has it.
    pub fn label(&self, name: &str) -> Option<usize> {
        self.labels.iter().position(|l| l == name)
    }

    /// The scores of token `i`, if the model reached it.
    pub fn row(&self, i: usize) -> Option<&[f32]> {
        let n = self.labels.len();
        if !*self.reached.get(i)? {
            return None;
        }
        self.scores.get(i * n..(i + 1) * n)
    }

    /// Score `label` of token `i` (`None` where unreached or out of range).
    pub fn score(&self, i: usize, label: usize) -> Option<f32> {
        self.row(i).and_then(|r| r.get(label).copied())
    }
}

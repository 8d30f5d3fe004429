//! The anonymity-statement patterns of `data/sources/anonymity-statements.txt`
//! (compiled into the binary), read once: each a sequence of words with choices
//! and optional words, and an index from a word to the patterns that can begin
//! with it.

// Fx hashing: the index is read once per token.
use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

const STATEMENTS: &str = include_str!("../../../data/sources/anonymity-statements.txt");

/// One element of an anonymity-statement pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternWord {
    pub choices: Vec<String>,
    pub optional: bool,
}

/// The patterns, and where each can begin.
#[derive(Debug, Default)]
pub struct StatementPatterns {
    pub statements: Vec<Vec<PatternWord>>,
    /// Word → the statements that can begin with it (any choice of the leading
    /// optional words or of the first required one), so a token tries only those.
    pub statement_starts: HashMap<String, Vec<usize>>,
}

impl StatementPatterns {
    /// The shipped patterns.
    pub fn get() -> &'static StatementPatterns {
        static PATTERNS: OnceLock<StatementPatterns> = OnceLock::new();
        PATTERNS.get_or_init(|| StatementPatterns::parse(STATEMENTS))
    }

    /// Parse a statement-pattern list; patterns with no required word are skipped.
    pub fn parse(statements: &str) -> StatementPatterns {
        let mut lx = StatementPatterns::default();
        for line in statements.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let pattern: Vec<PatternWord> = line
                .split_whitespace()
                .map(|w| {
                    let optional = w.ends_with('?');
                    let w = w.trim_end_matches('?').trim_start_matches('(');
                    let w = w.trim_end_matches(')');
                    PatternWord {
                        choices: w.split('|').map(str::to_lowercase).collect(),
                        optional,
                    }
                })
                .collect();
            if pattern.iter().any(|p| !p.optional) {
                lx.statements.push(pattern);
            }
        }
        for (k, pattern) in lx.statements.iter().enumerate() {
            for word in pattern
                .iter()
                .take(1 + pattern.iter().take_while(|p| p.optional).count())
            {
                for choice in &word.choices {
                    let ids = lx.statement_starts.entry(choice.clone()).or_default();
                    if ids.last() != Some(&k) {
                        ids.push(k);
                    }
                }
            }
        }
        lx
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_patterns_parse() {
        let p = StatementPatterns::get();
        assert!(p.statements.len() >= 5);
        assert!(p.statement_starts.contains_key("on"));
    }

    #[test]
    fn odd_lines_are_skipped() {
        let p = StatementPatterns::parse("?\n()\n");
        assert!(p.statements.iter().all(|p| !p.is_empty()));
    }
}

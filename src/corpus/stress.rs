//! Texts of any size for the scaling benchmark (`byline bench scaling`): news
//! prose, and the pathological texts a corpus of millions of articles will hold
//! somewhere (a run of "said" with no sentence end, a million quotation marks,
//! emoji and joiners between curly quotes, a paragraph of quotations no one is
//! said to speak, an interview transcript). Each is made by repeating a unit, so
//! the time per megabyte should not depend on the size.

use super::synthetic;

/// The texts the scaling benchmark knows, by name, with what each is made of.
pub const KINDS: &[(&str, &str)] = &[
    ("prose", "synthetic news articles, one after another"),
    ("said", "\"said \" repeated: one sentence of cues"),
    ("said-comma", "\"said, \" repeated"),
    ("quoted-said", "'\"said\" ' repeated: a quotation per word"),
    (
        "mixed",
        "emoji, zero-width joiners, curly quotes and \"said\", repeated",
    ),
    ("quote-marks", "straight quotation marks only"),
    (
        "quotations",
        "unattributed quotations, one paragraph: a lookup per quotation",
    ),
    (
        "transcript",
        "interview turns (\"SMITH: …\"), each with an attribution inside",
    ),
];

/// The text `kind` (one of [`KINDS`]), `bytes` bytes long or a character shorter
/// (it is cut on a character boundary); `None` for an unknown kind.
pub fn text(kind: &str, bytes: usize) -> Option<String> {
    let unit: String = match kind {
        "prose" => {
            let mut s = String::new();
            let mut i = 0;
            while s.len() < bytes {
                s.push_str(&synthetic::article(7, i));
                i += 1;
            }
            return Some(cut(s, bytes));
        }
        "said" => "said ".into(),
        "said-comma" => "said, ".into(),
        "quoted-said" => "\"said\" ".into(),
        "mixed" => "😀\u{200d}👍 “He said” said ‘x’ ” “ said, ".into(),
        "quote-marks" => "\"".into(),
        "quotations" => "“We will win this.” ".into(),
        "transcript" => "SMITH: He said the plan would pass.\n\n".into(),
        _ => return None,
    };
    let s = unit.repeat(bytes / unit.len() + 1);
    Some(cut(s, bytes))
}

fn cut(mut s: String, bytes: usize) -> String {
    let mut end = bytes.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.truncate(end);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_the_size_asked_for() {
        for &(kind, _) in KINDS {
            for n in [1, 10, 1000, 12_345] {
                let t = text(kind, n).unwrap();
                assert!(t.len() <= n && t.len() + 4 > n, "{kind} {n}: {}", t.len());
            }
        }
        assert!(text("nonsense", 10).is_none());
        assert!(text("prose", 5000).unwrap().contains(". "));
    }
}

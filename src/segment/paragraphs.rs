//! Paragraph boundaries.
//!
//! News text arrives with blank lines between paragraphs, or with one newline
//! each; headlines and datelines sit on their own lines without final
//! punctuation. So every line break ends a paragraph, with one exception for
//! text hard-wrapped at a fixed width: a single newline between a line that
//! does not end a sentence and a line that starts in lowercase joins the two.
//! Lines holding only whitespace yield no paragraph.

/// Byte ranges of the paragraphs of `text`.
pub fn lines(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = text.as_bytes();
    let mut pos = 0;
    std::iter::from_fn(move || {
        let (start, mut end) = next_line(bytes, &mut pos)?;
        // Join hard-wrapped continuation lines.
        while ends_mid_sentence(&text[start..end]) {
            let mut probe = pos;
            let Some((s2, e2)) = next_line_raw(bytes, &mut probe) else {
                break;
            };
            if text[s2..e2].trim().is_empty() || !starts_lowercase(&text[s2..e2]) {
                break;
            }
            end = e2;
            pos = probe;
        }
        Some((start, end))
    })
}

/// The next line holding anything but whitespace.
fn next_line(bytes: &[u8], pos: &mut usize) -> Option<(usize, usize)> {
    loop {
        let (start, end) = next_line_raw(bytes, pos)?;
        if bytes[start..end].iter().any(|b| !b.is_ascii_whitespace()) {
            return Some((start, end));
        }
    }
}

/// The next line, empty or not.
fn next_line_raw(bytes: &[u8], pos: &mut usize) -> Option<(usize, usize)> {
    if *pos >= bytes.len() {
        return None;
    }
    let start = *pos;
    let end = memchr::memchr2(b'\n', b'\r', &bytes[start..]).map_or(bytes.len(), |i| start + i);
    // "\r\n" is one break.
    *pos = if bytes.get(end) == Some(&b'\r') && bytes.get(end + 1) == Some(&b'\n') {
        end + 2
    } else {
        end + 1
    };
    Some((start, end))
}

fn ends_mid_sentence(line: &str) -> bool {
    let last = line.trim_end().chars().next_back();
    last.is_some_and(|c| c.is_alphanumeric() || c == ',' || c == '-' || c == '—')
}

fn starts_lowercase(line: &str) -> bool {
    line.trim_start()
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::lines;

    fn paragraphs(text: &str) -> Vec<&str> {
        lines(text).map(|(a, b)| &text[a..b]).collect()
    }

    #[test]
    fn splits_on_any_newline() {
        assert_eq!(
            paragraphs("Headline\n\nBody one.\r\nBody two.\rLast"),
            ["Headline", "Body one.", "Body two.", "Last"]
        );
    }

    #[test]
    fn joins_hard_wrapped_lines() {
        assert_eq!(
            paragraphs("Donald Trump regularly\nincites violence.\nNext one.\n\nlower after blank"),
            [
                "Donald Trump regularly\nincites violence.",
                "Next one.",
                "lower after blank"
            ]
        );
        assert_eq!(
            paragraphs("Headline Without Period\nWASHINGTON — text."),
            ["Headline Without Period", "WASHINGTON — text."]
        );
    }
}

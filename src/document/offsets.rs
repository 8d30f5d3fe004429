//! Mapping between byte offsets (what Rust slices by) and Unicode code-point
//! offsets (what the document model and its readers use).

use super::span::Span;

/// Code-point ↔ byte offset table for one text. ASCII text needs no table.
#[derive(Debug, Clone)]
pub struct CharIndex {
    /// Byte offset of each code point, plus one entry for the end of the text.
    /// Empty when the text is ASCII, where both offsets coincide.
    bytes_of_char: Vec<u32>,
    len_bytes: usize,
}

impl CharIndex {
    pub fn new(text: &str) -> Self {
        let bytes_of_char = if text.is_ascii() {
            Vec::new()
        } else {
            let mut v: Vec<u32> = text.char_indices().map(|(b, _)| b as u32).collect();
            v.push(text.len() as u32);
            v
        };
        CharIndex {
            bytes_of_char,
            len_bytes: text.len(),
        }
    }

    /// Number of code points in the text.
    pub fn len_chars(&self) -> usize {
        if self.bytes_of_char.is_empty() {
            self.len_bytes
        } else {
            self.bytes_of_char.len() - 1
        }
    }

    /// Byte offset of code point `c` (`c` may equal the length), or `None` past the end.
    pub fn byte(&self, c: u32) -> Option<usize> {
        if self.bytes_of_char.is_empty() {
            ((c as usize) <= self.len_bytes).then_some(c as usize)
        } else {
            self.bytes_of_char.get(c as usize).map(|&b| b as usize)
        }
    }

    /// The text of a code-point span, or `None` if it lies outside the text.
    pub fn slice<'t>(&self, text: &'t str, span: Span) -> Option<&'t str> {
        if span.start > span.end {
            return None;
        }
        text.get(self.byte(span.start)?..self.byte(span.end)?)
    }
}

/// Converts increasing byte offsets to code-point offsets in one pass over the text.
///
/// Segmentation emits spans in text order, so counting the code points between
/// consecutive offsets costs one pass in all, with no table.
pub struct ByteToChar<'t> {
    text: &'t str,
    ascii: bool,
    byte: usize,
    char: usize,
}

impl<'t> ByteToChar<'t> {
    pub fn new(text: &'t str) -> Self {
        ByteToChar {
            text,
            ascii: text.is_ascii(),
            byte: 0,
            char: 0,
        }
    }

    /// Code-point offset of byte offset `b` (a char boundary). Offsets must not
    /// go backwards by more than the last step; a backwards query restarts.
    pub fn convert(&mut self, b: usize) -> u32 {
        if self.ascii {
            return b as u32;
        }
        if b < self.byte {
            self.byte = 0;
            self.char = 0;
        }
        self.char += count_chars(&self.text.as_bytes()[self.byte..b]);
        self.byte = b;
        self.char as u32
    }
}

/// Number of code points in a run of UTF-8 bytes: the bytes that do not continue a sequence.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_offsets_are_identity() {
        let ix = CharIndex::new("abc");
        assert_eq!(ix.byte(3), Some(3));
        assert_eq!(ix.byte(4), None);
        assert_eq!(ix.len_chars(), 3);
    }

    #[test]
    fn multibyte_offsets_map_both_ways() {
        let text = "a“é”😀b";
        let ix = CharIndex::new(text);
        assert_eq!(ix.len_chars(), 6);
        assert_eq!(ix.slice(text, Span::new(1, 4)), Some("“é”"));
        assert_eq!(ix.slice(text, Span::new(4, 6)), Some("😀b"));
        let mut conv = ByteToChar::new(text);
        let bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        for (c, b) in bytes.into_iter().enumerate() {
            assert_eq!(conv.convert(b), c as u32);
        }
        assert_eq!(conv.convert(text.len()), 6);
        assert_eq!(conv.convert(1), 1, "backwards query restarts");
    }
}

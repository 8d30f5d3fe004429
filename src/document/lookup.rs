//! Lookups by position that later stages make for every mention, as binary
//! searches, so that their cost does not grow with the document: the entities at,
//! ending at or inside a span, and the byte offset of a code point.
//!
//! Entities lie in text order and do not overlap, as the `ner` stage writes them;
//! these lookups rely on it.

use super::{Document, Entity};

impl Document {
    /// The entity over code point `pos` (`start <= pos < end`).
    pub fn entity_covering(&self, pos: u32) -> Option<&Entity> {
        let i = self
            .entities
            .partition_point(|e| e.start <= pos)
            .checked_sub(1)?;
        let e = &self.entities[i];
        (pos < e.end).then_some(e)
    }

    /// The entity that starts at code point `start`.
    pub fn entity_starting_at(&self, start: u32) -> Option<&Entity> {
        let i = self.entities.partition_point(|e| e.start < start);
        self.entities.get(i).filter(|e| e.start == start)
    }

    /// The entity that ends at code point `end`.
    pub fn entity_ending_at(&self, end: u32) -> Option<&Entity> {
        let i = self.entities.partition_point(|e| e.end < end);
        self.entities.get(i).filter(|e| e.end == end)
    }

    /// The entities that lie inside `[start, end)`, in text order.
    pub fn entities_within(&self, start: u32, end: u32) -> &[Entity] {
        let lo = self.entities.partition_point(|e| e.start < start);
        let hi = self.entities.partition_point(|e| e.end <= end);
        self.entities.get(lo..hi.max(lo)).unwrap_or(&[])
    }

    /// The entities whose tokens lie inside `[a, b)`, in text order.
    pub fn entities_within_tokens(&self, a: usize, b: usize) -> &[Entity] {
        let lo = self.entities.partition_point(|e| (e.tokens.0 as usize) < a);
        let hi = self
            .entities
            .partition_point(|e| (e.tokens.1 as usize) <= b);
        self.entities.get(lo..hi.max(lo)).unwrap_or(&[])
    }

    /// The entity whose last token is `tok` (its token range ends at `tok + 1`).
    pub fn entity_ending_at_token(&self, end: usize) -> Option<&Entity> {
        let i = self
            .entities
            .partition_point(|e| (e.tokens.1 as usize) < end);
        self.entities.get(i).filter(|e| e.tokens.1 as usize == end)
    }

    /// The byte offset of code point `pos` (the text's length past its end), found
    /// from the token at or before it.
    pub fn byte_of(&self, pos: u32) -> usize {
        let k = self.tokens.partition_point(|t| t.start <= pos);
        let (mut byte, mut at) = match k.checked_sub(1) {
            Some(i) => (self.tokens[i].bytes.0 as usize, self.tokens[i].start),
            None => (0, 0),
        };
        for c in self.text[byte.min(self.text.len())..].chars() {
            if at == pos {
                break;
            }
            byte += c.len_utf8();
            at += 1;
        }
        byte.min(self.text.len())
    }
}

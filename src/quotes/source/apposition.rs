//! An apposition before a cue, set off by commas: "NAME, the ROLE,", "the ROLE,
//! NAME,", chains of two ("Scott Pruitt, the attorney general of Oklahoma, one of
//! the states suing,"), with an age ("Ramil Carr, 31, a photographer,"), a
//! parenthetical or an abbreviation on the name.

use crate::quotes::lexicon::QuoteLexicon;
use crate::quotes::lexicon::SourceWord;
use crate::quotes::source::word::MAX_SOURCE;
use crate::quotes::tokens::Tokens;

impl<'d> Tokens<'d> {
    /// "NAME, the ROLE," ending at the comma at `comma`: start of NAME. Also "the
    /// ROLE, NAME," and chains of two ("Scott Pruitt, the attorney general of
    /// Oklahoma, one of the states suing,"); the name may carry a parenthetical
    /// ("Harry Reid (D-Nev.), the leader,") and an abbreviation ("McConnell, R-Ky.,").
    pub fn apposition_before(&self, floor: usize, comma: usize) -> Option<usize> {
        let lx = QuoteLexicon::get();
        let mut comma = comma;
        let mut found = None;
        for _ in 0..3 {
            // The role phrase between the two commas.
            let mut s = comma;
            while s > floor && comma - s < MAX_SOURCE && !self.is(s - 1, ",") {
                s -= 1;
            }
            if s == floor || s == comma || !self.is(s - 1, ",") {
                break;
            }
            let role_ok = (s..comma).all(|i| {
                self.np_word(i, lx)
                    || self.words[i].chars().all(char::is_alphanumeric)
                    || matches!(self.words[i], "(" | ")" | "'s" | "’s" | "-" | "&")
                    || self.abbreviation_stop(i)
            });
            if !role_ok {
                break;
            }
            // What comes before the first comma: a name (capitalized words, maybe with a
            // parenthetical), or a role opened by a determiner ("the assailant, John McGraw,").
            let mut name_end = s - 1;
            // An age between commas: "Ramil Carr, 31, a photographer,".
            if name_end >= floor + 2
                && self.words[name_end - 1].chars().all(|c| c.is_ascii_digit())
                && self.is(name_end - 2, ",")
            {
                name_end -= 2;
            }
            let mut n = name_end;
            if n > floor && self.is(n - 1, ")") {
                if let Some(open) = self.parenthetical_open(floor, n - 1) {
                    n = open;
                }
            }
            while n > floor && self.is_capitalized(n - 1) && name_end - n < 8 {
                n -= 1;
            }
            let det = |k: usize| matches!(lx.source_word(self.words[k]), Some(SourceWord::Det));
            if n == name_end || (n + 1 == name_end && !self.is_capitalized(n)) {
                // No name: a determiner phrase naming a role, when the apposition is a
                // name ("the assailant, John McGraw,", "the F.B.I. director, James Comey,").
                let named = (s..comma).all(|i| self.is_capitalized(i) || self.abbreviation_stop(i));
                let mut d = name_end;
                let mut opening = None;
                while d > floor && name_end - d < 8 && self.subject_word(d - 1, lx) {
                    d -= 1;
                    if det(d) {
                        opening = Some(d);
                    }
                }
                if named {
                    found = opening.or(found);
                }
                break;
            }
            // Words of the subject before the name: "Former House speaker Newt Gingrich, a Trump ally,".
            while n > floor && name_end - n < 10 && self.subject_word(n - 1, lx) {
                n -= 1;
            }
            found = Some(n);
            // A second apposition before this one?
            if n > floor + 1 && self.is(n - 1, ",") {
                comma = n - 1;
                continue;
            }
            break;
        }
        found
    }
}

//! Word tokenization for news text, PTB/CoNLL style.
//!
//! Text is cut at whitespace into chunks; each chunk is then peeled like an
//! onion: opening punctuation off the front, closing punctuation off the back
//! (a final period stays on abbreviations), and what is left is split at
//! dashes, ellipses and clitics ("Trump 's", "do n't"). Everything works on
//! byte offsets; the caller converts to code points once at the end.

use super::lexicon::{AbbrevClass, Lexicon};
use crate::document::TokenKind;

/// A token before offsets are converted: byte span, kind, and abbreviation class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawToken {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
    pub abbrev: Option<AbbrevClass>,
}

impl RawToken {
    fn new(start: usize, end: usize, kind: TokenKind) -> Self {
        RawToken {
            start,
            end,
            kind,
            abbrev: None,
        }
    }
}

/// Separators between chunks: Unicode whitespace plus invisible spaces.
#[inline]
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{2060}')
}

#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..)?.chars().next()
}

#[inline]
fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i)?.chars().next_back()
}

/// Tokenize `text[start..end]` (one paragraph), appending to `out`.
pub fn tokenize(text: &str, start: usize, end: usize, out: &mut Vec<RawToken>) {
    let bytes = text.as_bytes();
    let first = out.len();
    let mut i = start;
    while i < end {
        let b = bytes[i];
        // Skip separators, with an ASCII fast path.
        if b < 0x80 {
            if b.is_ascii_whitespace() {
                i += 1;
                continue;
            }
        } else if let Some(c) = char_at(text, i) {
            if is_space(c) {
                i += c.len_utf8();
                continue;
            }
        }
        // Markup such as `<tweet tweet-id="…">` stays one token, spaces and all.
        if b == b'<' {
            if let Some(close) = markup_end(bytes, i, end) {
                out.push(RawToken::new(i, close, TokenKind::Markup));
                i = close;
                continue;
            }
        }
        let mut j = i;
        while j < end {
            let b = bytes[j];
            if b < 0x80 {
                if b.is_ascii_whitespace()
                    || (b == b'<' && j > i && markup_end(bytes, j, end).is_some())
                {
                    break;
                }
                j += 1;
            } else {
                let c = char_at(text, j).unwrap_or(' ');
                if is_space(c) {
                    break;
                }
                j += c.len_utf8();
            }
        }
        let next = next_chunk_first_char(text, j, end);
        split_chunk(text, i, j, next, out);
        i = j;
    }
    resolve_quote_directions(text, &mut out[first..]);
}

fn next_chunk_first_char(text: &str, mut j: usize, end: usize) -> Option<char> {
    while j < end {
        let c = char_at(text, j)?;
        if !is_space(c) {
            return Some(c);
        }
        j += c.len_utf8();
    }
    None
}

/// End of a markup tag opening at `i`: `<` then a letter, `/` or `!`, up to `>`.
fn markup_end(bytes: &[u8], i: usize, end: usize) -> Option<usize> {
    let next = *bytes.get(i + 1)?;
    if !(next.is_ascii_alphabetic() || next == b'/' || next == b'!') {
        return None;
    }
    let limit = end.min(i + 2000);
    let mut j = i + 2;
    while j < limit {
        match bytes[j] {
            b'>' => return Some(j + 1),
            b'<' | b'\n' => return None,
            _ => j += 1,
        }
    }
    None
}

const CLITICS: [&str; 6] = ["s", "re", "ve", "ll", "d", "m"];

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// `rest` is a bare clitic such as "s" or "ll" (any case).
fn is_clitic_tail(rest: &str) -> bool {
    CLITICS.iter().any(|c| rest.eq_ignore_ascii_case(c))
}

/// Split one whitespace-free chunk `text[s..e]`; `next` is the first character of the following chunk.
fn split_chunk(
    text: &str,
    mut s: usize,
    mut e: usize,
    next: Option<char>,
    out: &mut Vec<RawToken>,
) {
    let bytes = text.as_bytes();
    let mut opened_single = false;

    // --- Prefixes -------------------------------------------------------
    while s < e {
        let Some(c) = char_at(text, s) else { break };
        let cl = c.len_utf8();
        let rest = &text[s + cl..e];
        let (len, kind) = match c {
            '"' if rest.is_empty() => (1, TokenKind::Quote),
            '"' => (1, TokenKind::OpenQuote),
            '“' | '‘' | '«' | '‹' | '„' => (cl, TokenKind::OpenQuote),
            // A closing mark typed where an opening one belongs ("”Mr. Trump").
            '”' if !rest.is_empty() => (cl, TokenKind::OpenQuote),
            '`' if rest.starts_with('`') => (2, TokenKind::OpenQuote),
            '`' => (1, TokenKind::OpenQuote),
            // PTB's '' (and the NYT's, which opens quotes with it too): pair it up later.
            '\'' if rest == "'" => (2, TokenKind::Quote),
            '\'' if rest.starts_with('\'') => (2, TokenKind::OpenQuote),
            '\'' | '’' => {
                if is_clitic_tail(rest) || rest.eq_ignore_ascii_case("nt") {
                    // A clitic already split off by the writer ("Trump 's").
                    out.push(RawToken::new(s, e, TokenKind::Clitic));
                    return;
                }
                match rest.chars().next() {
                    // "'90s": an elided century is part of the word.
                    Some(d) if d.is_ascii_digit() => break,
                    None if c == '’' => (cl, TokenKind::CloseQuote),
                    None => (cl, TokenKind::Quote),
                    _ => {
                        opened_single = true;
                        (cl, TokenKind::OpenQuote)
                    }
                }
            }
            '(' | '[' | '{' | '¿' | '¡' | '*' | '•' | '·' | '|' | '~' | '^' | '=' | '+' | '>' => {
                (cl, TokenKind::Punct)
            }
            '<' => (1, TokenKind::Punct),
            ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '/' | '\\' => (cl, TokenKind::Punct),
            '$' | '€' | '£' | '¥' | '₹' => (cl, TokenKind::Currency),
            '—' | '–' | '―' | '‒' => (cl + dash_run(text, s + cl, e), TokenKind::Punct),
            '-' if rest.starts_with('-') => {
                (1 + ascii_run(bytes, s + 1, e, b'-'), TokenKind::Punct)
            }
            // "Mexican -American": a hyphen hanging before a word.
            '-' if rest.starts_with(char::is_alphabetic) => (1, TokenKind::Punct),
            '…' => (cl, TokenKind::Punct),
            '.' if rest.starts_with("..") => (ascii_run(bytes, s, e, b'.'), TokenKind::Punct),
            '.' if rest.starts_with(|d: char| d.is_ascii_digit()) => break,
            '.' => (1, TokenKind::Punct),
            '#' | '@' if !rest.starts_with(|d: char| d.is_alphanumeric() || d == '_') => {
                (1, TokenKind::Punct)
            }
            _ => {
                // "US$5": a currency prefix of capitals and a dollar sign.
                if let Some(n) = currency_prefix(bytes, s, e) {
                    (n, TokenKind::Currency)
                } else {
                    break;
                }
            }
        };
        out.push(RawToken::new(s, s + len, kind));
        s += len;
    }
    if s >= e {
        return;
    }

    // --- Atomic forms: URLs, e-mails, handles, hashtags -----------------
    if let Some(kind) = atomic_kind(&text[s..e]) {
        if matches!(kind, TokenKind::Handle | TokenKind::Hashtag) {
            // The name runs over word characters; what follows is tokenized on its own.
            let name: usize = text[s + 1..e]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .map(char::len_utf8)
                .sum();
            let stop = s + 1 + name;
            out.push(RawToken::new(s, stop, kind));
            if stop < e {
                split_chunk(text, stop, e, next, out);
            }
            return;
        }
        let mut suffix = Vec::new();
        while e > s {
            let c = char_before(text, e).unwrap_or(' ');
            let closing = matches!(
                c,
                '.' | ',' | ';' | ':' | '!' | '?' | '"' | '”' | '’' | '\''
            ) || (c == ')' && !text[s..e].contains('('));
            if !closing {
                break;
            }
            let cl = c.len_utf8();
            suffix.push(RawToken::new(e - cl, e, closing_kind(c)));
            e -= cl;
        }
        if e > s {
            out.push(RawToken::new(s, e, kind));
        }
        out.extend(suffix.into_iter().rev());
        return;
    }

    // --- Suffixes (collected back to front) ------------------------------
    let mut suffix: Vec<RawToken> = Vec::new();
    let mut core_abbrev = None;
    while e > s {
        let Some(c) = char_before(text, e) else { break };
        let cl = c.len_utf8();
        let (len, kind) = match c {
            '"' => (1, TokenKind::CloseQuote),
            '”' | '»' | '›' => (cl, TokenKind::CloseQuote),
            '\'' if e - s >= 2 && bytes[e - 2] == b'\'' => (2, TokenKind::CloseQuote),
            '\'' | '’' => {
                let before = char_before(text, e - cl);
                if opened_single || !before.is_some_and(char::is_alphanumeric) {
                    (cl, TokenKind::CloseQuote)
                } else if before.is_some_and(|b| b == 's' || b == 'S') && e - cl > s + 1 {
                    // Plural possessive: "officials'" (may turn out to close a quote).
                    (cl, TokenKind::Clitic)
                } else {
                    (cl, TokenKind::CloseQuote)
                }
            }
            ')' | ']' | '}' | ',' | ';' | ':' | '!' | '?' | '%' | '*' | '…' | '|' | '>' | '<'
            | '‰' => (cl, TokenKind::Punct),
            '—' | '–' | '―' | '‒' => (cl, TokenKind::Punct),
            // "30€": a currency sign written after the amount.
            '€' | '£' | '¢' | '$'
                if char_before(text, e - cl).is_some_and(|b| b.is_ascii_digit()) =>
            {
                (cl, TokenKind::Currency)
            }
            '-' if e - s >= 2 && bytes[e - 2] == b'-' => {
                (ascii_run_back(bytes, s, e, b'-'), TokenKind::Punct)
            }
            // "coal- and gas-fired": a suspended hyphen is a token of its own.
            '-' if char_before(text, e - 1).is_some_and(char::is_alphabetic) => {
                (1, TokenKind::Punct)
            }
            '.' => {
                let run = ascii_run_back(bytes, s, e, b'.');
                if run >= 2 {
                    (run, TokenKind::Punct)
                } else {
                    let core = &text[s..e - 1];
                    if core.is_empty() {
                        (1, TokenKind::Punct)
                    } else if let Some(class) = abbreviation(core, next) {
                        core_abbrev = Some(class);
                        break;
                    } else {
                        (1, TokenKind::Punct)
                    }
                }
            }
            _ => break,
        };
        suffix.push(RawToken::new(e - len, e, kind));
        e -= len;
    }

    if e > s {
        if let Some(class) = core_abbrev {
            let mut t = RawToken::new(s, e, TokenKind::Word);
            t.abbrev = Some(class);
            out.push(t);
        } else {
            split_core(text, s, e, out);
        }
    }
    out.extend(suffix.into_iter().rev());
}

/// The abbreviation class of `core` given the next chunk's first character.
fn abbreviation(core: &str, next: Option<char>) -> Option<AbbrevClass> {
    let class = Lexicon::get().abbreviation(core)?;
    if class == AbbrevClass::Number && !next.is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    Some(class)
}

/// Split a core (no outer punctuation left) at dashes, ellipses, stray commas and quotes, then clitics.
fn split_core(text: &str, s: usize, e: usize, out: &mut Vec<RawToken>) {
    let bytes = text.as_bytes();
    let mut piece = s;
    let mut i = s;
    while i < e {
        let b = bytes[i];
        let (len, kind) = if b < 0x80 {
            match b {
                b'-' if i + 1 < e && bytes[i + 1] == b'-' => {
                    (ascii_run(bytes, i, e, b'-'), TokenKind::Punct)
                }
                b'.' if i + 2 < e && bytes[i + 1] == b'.' && bytes[i + 2] == b'.' => {
                    (ascii_run(bytes, i, e, b'.'), TokenKind::Punct)
                }
                // A comma between letters ("this,that"); "1,000" keeps its comma.
                b',' if i > s
                    && i + 1 < e
                    && !(bytes[i - 1].is_ascii_digit() && bytes[i + 1].is_ascii_digit()) =>
                {
                    (1, TokenKind::Punct)
                }
                b'"' => (1, TokenKind::Quote),
                b'.' if i > s && i + 1 < e && glued_sentences(bytes, i, e) => (1, TokenKind::Punct),
                _ => {
                    i += 1;
                    continue;
                }
            }
        } else {
            let c = char_at(text, i).unwrap_or(' ');
            match c {
                '—' | '–' | '―' | '‒' => (
                    c.len_utf8() + dash_run(text, i + c.len_utf8(), e),
                    TokenKind::Punct,
                ),
                '…' => (c.len_utf8(), TokenKind::Punct),
                '“' => (c.len_utf8(), TokenKind::OpenQuote),
                '”' => (c.len_utf8(), TokenKind::CloseQuote),
                _ => {
                    i += c.len_utf8();
                    continue;
                }
            }
        };
        if i > piece {
            split_clitics(text, piece, i, out);
        }
        out.push(RawToken::new(i, i + len, kind));
        i += len;
        piece = i;
    }
    if e > piece {
        split_clitics(text, piece, e, out);
    }
}

/// A period that joins two sentences or a sentence and a symbol with no space:
/// "Warren.$WFC", "30th.https://…", "Clinton.#Tag", "end.The" (but not "U.S", "3.5", "nytimes.com").
fn glued_sentences(bytes: &[u8], i: usize, e: usize) -> bool {
    let before = bytes[i - 1];
    let after = &bytes[i + 1..e];
    if matches!(after[0], b'$' | b'#' | b'@' | b'(') || after.starts_with(b"http") {
        return before.is_ascii_alphanumeric();
    }
    before.is_ascii_lowercase()
        && i >= 2
        && bytes[i - 2].is_ascii_alphabetic()
        && after[0].is_ascii_uppercase()
        && after.get(1).is_some_and(u8::is_ascii_lowercase)
}

/// Split PTB clitics off a word: "don't" → "do n't", "Trump's" → "Trump 's", "cannot" → "can not".
fn split_clitics(text: &str, s: usize, e: usize, out: &mut Vec<RawToken>) {
    let word = &text[s..e];
    if let Some(kind @ (TokenKind::Url | TokenKind::Email)) = atomic_kind(word) {
        out.push(RawToken::new(s, e, kind));
        return;
    }
    let kind = word_kind(word);
    if word.eq_ignore_ascii_case("n't") || word.eq_ignore_ascii_case("n’t") {
        out.push(RawToken::new(s, e, TokenKind::Clitic));
        return;
    }
    // Fast path: no apostrophe, and too long or short to be "cannot" or "gonna".
    if memchr::memchr2(b'\'', 0xE2, word.as_bytes()).is_none() && !(5..=6).contains(&word.len()) {
        out.push(RawToken::new(s, e, kind));
        return;
    }
    if kind == TokenKind::Word {
        // n't
        for tail in ["n't", "n’t"] {
            if word.len() > tail.len() && ends_with_ignore_case(word, tail) {
                let cut = e - tail.len();
                out.push(RawToken::new(s, cut, TokenKind::Word));
                out.push(RawToken::new(cut, e, TokenKind::Clitic));
                return;
            }
        }
        // 's 're 've 'll 'd 'm, with a straight or curly apostrophe.
        if let Some(pos) = word.rfind(is_apostrophe) {
            let tail = &word[pos..];
            let after = &tail[tail.chars().next().map_or(1, char::len_utf8)..];
            if pos > 0 && is_clitic_tail(after) {
                out.push(RawToken::new(s, s + pos, TokenKind::Word));
                out.push(RawToken::new(s + pos, e, TokenKind::Clitic));
                return;
            }
        }
        for (whole, cut) in [("cannot", 3), ("gonna", 3), ("gotta", 3), ("wanna", 3)] {
            if word.eq_ignore_ascii_case(whole) {
                out.push(RawToken::new(s, s + cut, TokenKind::Word));
                out.push(RawToken::new(s + cut, e, TokenKind::Word));
                return;
            }
        }
    } else if kind == TokenKind::Number {
        // "1990's"
        if let Some(pos) = word.rfind(is_apostrophe) {
            let after = &word[pos..];
            if pos > 0 && (after == "'s" || after == "’s") {
                out.push(RawToken::new(s, s + pos, TokenKind::Number));
                out.push(RawToken::new(s + pos, e, TokenKind::Clitic));
                return;
            }
        }
    }
    out.push(RawToken::new(s, e, kind));
}

fn ends_with_ignore_case(word: &str, tail: &str) -> bool {
    word.len() >= tail.len()
        && word.is_char_boundary(word.len() - tail.len())
        && word[word.len() - tail.len()..].eq_ignore_ascii_case(tail)
}

/// Number when the word starts with a digit and holds no letters; otherwise Word (or Punct for symbols).
fn word_kind(word: &str) -> TokenKind {
    let mut has_digit = false;
    let mut has_alpha = false;
    for c in word.chars() {
        if c.is_ascii_digit() {
            has_digit = true;
        } else if c.is_alphabetic() {
            has_alpha = true;
        }
    }
    if has_digit && !has_alpha {
        TokenKind::Number
    } else if has_alpha || has_digit {
        TokenKind::Word
    } else {
        TokenKind::Punct
    }
}

fn closing_kind(c: char) -> TokenKind {
    match c {
        '"' | '”' | '’' | '\'' => TokenKind::CloseQuote,
        _ => TokenKind::Punct,
    }
}

/// URL, e-mail, @handle or #hashtag, if the whole chunk is one.
fn atomic_kind(chunk: &str) -> Option<TokenKind> {
    let bytes = chunk.as_bytes();
    let first = *bytes.first()?;
    // Most chunks are plain words: rule them out with one scan.
    if !matches!(first, b'@' | b'#' | b'w' | b'W' | b'p')
        && memchr::memchr2(b'@', b'/', bytes).is_none()
    {
        return None;
    }
    let lower_starts = |p: &str| {
        chunk.len() >= p.len() && chunk.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes())
    };
    if lower_starts("http://")
        || lower_starts("https://")
        || lower_starts("www.")
        || lower_starts("ftp://")
    {
        return Some(TokenKind::Url);
    }
    if first == b'@' && chunk.len() > 1 {
        return Some(TokenKind::Handle);
    }
    if first == b'#' && chunk.len() > 1 {
        return Some(TokenKind::Hashtag);
    }
    if let Some(at) = chunk.find('@') {
        let (user, domain) = (&chunk[..at], &chunk[at + 1..]);
        let domain =
            domain.trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '"', '”', '’', '\'']);
        if !user.is_empty()
            && user
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"._%+-".contains(&b))
            && domain.contains('.')
            && domain
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b".-".contains(&b))
        {
            return Some(TokenKind::Email);
        }
    }
    // Bare domains with a path ("nytimes.com/2018/...") and twitter picture links.
    if chunk.contains(".com/") || chunk.contains(".org/") || chunk.starts_with("pic.twitter.com") {
        return Some(TokenKind::Url);
    }
    None
}

fn currency_prefix(bytes: &[u8], s: usize, e: usize) -> Option<usize> {
    let mut j = s;
    while j < e && j - s < 3 && bytes[j].is_ascii_uppercase() {
        j += 1;
    }
    (j > s && j < e && bytes[j] == b'$' && j + 1 < e && bytes[j + 1].is_ascii_digit())
        .then_some(j + 1 - s)
}

/// Length of the run of byte `b` starting at `i`.
fn ascii_run(bytes: &[u8], i: usize, e: usize, b: u8) -> usize {
    bytes[i..e].iter().take_while(|&&x| x == b).count()
}

/// Length of the run of byte `b` ending at `e`.
fn ascii_run_back(bytes: &[u8], s: usize, e: usize, b: u8) -> usize {
    bytes[s..e].iter().rev().take_while(|&&x| x == b).count()
}

/// Bytes of further dash characters following a dash ("——").
fn dash_run(text: &str, i: usize, e: usize) -> usize {
    text[i..e]
        .chars()
        .take_while(|c| matches!(c, '—' | '–' | '―' | '‒'))
        .map(char::len_utf8)
        .sum()
}

/// Decide the direction of quote marks the chunk shape left open, by pairing
/// within the paragraph: straight `"` alternate open/close; a `'` after "s"
/// closes a pending single quote rather than marking a possessive.
fn resolve_quote_directions(text: &str, tokens: &mut [RawToken]) {
    let mut double_open = false;
    let mut single_open = 0usize;
    for t in tokens.iter_mut() {
        let mark = &text[t.start..t.end];
        match t.kind {
            TokenKind::Quote if mark == "\"" || mark == "''" => {
                t.kind = if double_open {
                    TokenKind::CloseQuote
                } else {
                    TokenKind::OpenQuote
                };
                double_open = !double_open;
            }
            TokenKind::OpenQuote => {
                if mark == "\"" || mark == "“" || mark == "``" || mark == "''" {
                    double_open = true;
                } else {
                    single_open += 1;
                }
            }
            TokenKind::CloseQuote => {
                if mark == "\"" || mark == "”" || mark == "''" {
                    double_open = false;
                } else {
                    single_open = single_open.saturating_sub(1);
                }
            }
            TokenKind::Clitic if (mark == "'" || mark == "’") && single_open > 0 => {
                t.kind = TokenKind::CloseQuote;
                single_open -= 1;
            }
            _ => {}
        }
    }
}

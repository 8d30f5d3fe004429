//! The `quotes` stage: direct, indirect and mixed attributions, each with its
//! content, cue and source phrase.
//!
//! 1. [`marks`] pairs quotation marks into quoted spans (multi-paragraph,
//!    unbalanced marks recovered).
//! 2. Each quoted statement looks for its attribution after it (`“…,” the
//!    official said` / `“…,” said Mr. X`), then before it (`X said: “…”`), then in
//!    the sentence before; failing that, a quote right after an attributed one
//!    in the same paragraph continues it (same speaker, no cue of its own).
//! 3. Each cue outside a quotation ([`lexicon`], from `data/quotes/cues.txt`)
//!    is tried against the patterns of reported speech: `SOURCE CUE (that)
//!    CONTENT`, `CONTENT, SOURCE CUE`, `CONTENT, CUE SOURCE`, `according to
//!    SOURCE, CONTENT` (in any position), and headlines (`…, Official Says`).
//! 4. Interview transcripts ([`transcript`]): `NAME: …` paragraphs are turns.
//!
//! Sources are written to `Document::sources` with a first classification by the
//! `sources` stage's reader ([`crate::sources::classify_phrase`]: so `speakers`
//! leaves unnamed sources unresolved) and quotes point at them; the `speakers`
//! stage then resolves them to entity clusters, and the `sources` stage has the
//! final word on kinds.

pub mod attribution;
pub mod cue_model;
pub mod lexicon;
pub mod marks;
pub mod span_model;
mod transcript;

use crate::document::{Document, Quote, QuoteKind, Source, TextSpan, TokenKind};
use crate::stage::{Processor, ProcessorError};
use attribution::Tokens;
use cue_model::{CueContext, CueModel};
use lexicon::{CueClass, QuoteLexicon, SourceWord};
use marks::Quoted;
use span_model::SpanModel;
use std::sync::Arc;

/// The quote-finding stage. Holds the learned cue model (shared, read-only).
#[derive(Debug, Clone)]
pub struct QuoteFinder {
    cue_model: Option<Arc<CueModel>>,
    span_model: Option<Arc<SpanModel>>,
}

impl Default for QuoteFinder {
    fn default() -> Self {
        QuoteFinder::new()
    }
}

/// A token range `[first, last)`.
type Range = (usize, usize);

/// An attribution before it becomes output.
#[derive(Debug, Clone)]
struct Found {
    content: Vec<Range>,
    cue: Option<Range>,
    source: Option<Range>,
    kind: QuoteKind,
    continues: Option<usize>,
}

/// Shortest quoted span, in tokens inside the marks, taken as a statement on its own;
/// shorter ones are scare quotes, titles or nicknames unless they open a sentence.
const MIN_STATEMENT: usize = 4;

/// Shortest unattributed quotation inside a sentence kept as a statement of its own.
const EMBEDDED_STATEMENT: usize = 6;

impl QuoteFinder {
    /// The stage with the shipped cue model (`models/cues.bin`).
    pub fn new() -> Self {
        QuoteFinder {
            cue_model: CueModel::embedded(),
            span_model: SpanModel::embedded(),
        }
    }

    /// The stage with other learned models, or none: without a cue model only
    /// lexicon cues are read, without a span model only the patterns build
    /// attributions.
    pub fn with_models(
        cue_model: Option<Arc<CueModel>>,
        span_model: Option<Arc<SpanModel>>,
    ) -> Self {
        QuoteFinder {
            cue_model,
            span_model,
        }
    }
}

impl Processor for QuoteFinder {
    fn name(&self) -> &str {
        "quotes"
    }

    fn process(&self, doc: &mut Document) -> Result<(), ProcessorError> {
        let found = find(doc, self.cue_model.as_deref(), self.span_model.as_deref());
        write(doc, found);
        Ok(())
    }
}

/// Sentence index of every token.
fn sentence_of(doc: &Document) -> Vec<usize> {
    let mut out = vec![0; doc.tokens.len()];
    for (s, sent) in doc.sentences.iter().enumerate() {
        for t in &mut out[sent.tokens.0 as usize..sent.tokens.1 as usize] {
            *t = s;
        }
    }
    out
}

fn find(
    doc: &Document,
    cue_model: Option<&CueModel>,
    span_model: Option<&SpanModel>,
) -> Vec<Found> {
    if doc.tokens.is_empty() {
        return Vec::new();
    }
    let lx = QuoteLexicon::get();
    let tokens = Tokens {
        words: (0..doc.tokens.len()).map(|i| doc.token_text(i)).collect(),
    };
    let sent_of = sentence_of(doc);
    let quoted = marks::quoted_spans(doc);
    let mut in_quote = vec![false; doc.tokens.len()];
    for q in &quoted {
        for &(a, b) in &q.segments {
            in_quote[a..b].iter_mut().for_each(|x| *x = true);
        }
    }
    let in_quote = in_quote;
    let mut found: Vec<Found> = Vec::new();
    let mut used_cue = vec![false; doc.tokens.len()];
    let ctx = (cue_model.is_some() || span_model.is_some())
        .then(|| CueContext::new(doc, &tokens.words, &in_quote));
    let mut learned = cue_model
        .zip(ctx.as_ref())
        .map(|(m, ctx)| LearnedCues::new(m, &tokens, ctx));
    let mut spans = span_model
        .zip(ctx.as_ref())
        .map(|(m, ctx)| LearnedSpans::new(m, ctx));

    // --- Direct quotes ---------------------------------------------------------
    let mut last_attributed: Option<(usize, usize)> = None; // (found index, paragraph)
    for q in &quoted {
        let opens_sentence = doc.sentences[sent_of[q.first()]].tokens.0 as usize == q.first();
        let words = q
            .segments
            .iter()
            .flat_map(|&(x, y)| x..y)
            .filter(|&i| doc.tokens[i].kind.is_word())
            .count();
        if words < MIN_STATEMENT && !opens_sentence {
            continue;
        }
        // A title inside a sentence ("On Tuesday’s episode of “The Steve Harvey Morning
        // Show,” she said …", "his 2002 book, ''Make Your Kid a Millionaire,''") names
        // something; it says nothing.
        if !opens_sentence && q.segments.len() == 1 {
            let (x, y) = q.segments[0];
            let is_word = |&k: &usize| doc.tokens[k].kind.is_word();
            let shouted = (x..y)
                .filter(is_word)
                .all(|k| !tokens.words[k].chars().any(char::is_lowercase));
            let statement_end = (x..y).any(|k| matches!(tokens.words[k], "." | "!" | "?"));
            if let (Some(first), Some(last)) = ((x..y).find(is_word), (x..y).rev().find(is_word)) {
                if !shouted && !statement_end && is_title_case(&tokens, first, last + 1) {
                    continue;
                }
            }
        }
        let paragraph = doc.sentences[sent_of[q.first()]].paragraph as usize;
        let mut after = attribution_after(doc, &tokens, &sent_of, q, learned.as_mut());
        // "X said “…,” adding that …": a participle after the quotation goes on with the
        // clause, so the attribution before the quotation, if any, is its own, and the
        // content stops at the quotation.
        let participle_after = after.is_some_and(|(_, (c, _), _)| tokens.words[c].ends_with("ing"));
        let before = (after.is_none() || participle_after)
            .then(|| attribution_before(doc, &tokens, &sent_of, q))
            .flatten();
        if before.is_some() {
            after = None;
        }
        let attribution = after
            .or(before)
            .or_else(|| attribution_in_previous_sentence(doc, &tokens, &sent_of, q));
        let content = q.segments.clone();
        match attribution {
            // `“A,” he said, “B.”`: B found the cue A already took, so B continues A.
            Some((_, cue, _))
                if used_cue[cue.0] && last_attributed.is_some_and(|(_, p)| p == paragraph) =>
            {
                found.push(Found {
                    content,
                    cue: None,
                    source: None,
                    kind: QuoteKind::Direct,
                    continues: last_attributed.map(|(i, _)| i),
                });
            }
            Some((source, cue, that)) => {
                used_cue[cue.0..cue.1].iter_mut().for_each(|x| *x = true);
                let mut content = content;
                let mut kind = QuoteKind::Direct;
                if let Some(t) = that {
                    content[0].0 = t;
                    kind = QuoteKind::Mixed;
                    // "The weapons it has, he added, are like “…”": a cue set off by commas
                    // inside the sentence reports its start too.
                    let sent = &doc.sentences[sent_of[q.first()]];
                    let lead = dateline_end(&tokens, sent.tokens.0 as usize, cue.0);
                    let parenthetical = before.is_some()
                        && q.segments.len() == 1
                        && tokens.words[cue.1] == ","
                        && t == cue.1 + 1
                        && source.is_some_and(|(x, _)| {
                            x > lead + 2
                                && tokens.words[x - 1] == ","
                                && !(lead..x - 1)
                                    .any(|k| in_quote[k] || matches!(tokens.words[k], ":" | ";"))
                        });
                    if parenthetical {
                        let x = source.map_or(0, |(x, _)| x);
                        content.insert(0, (lead, x - 1));
                    }
                }
                // "Belgium failed to act and “should have acted sooner,” he said": a quotation
                // inside its sentence, attributed after it, reports the sentence's start too.
                if after.is_some() && !opens_sentence && q.segments.len() == 1 {
                    let sent = &doc.sentences[sent_of[q.first()]];
                    let a = sent.tokens.0 as usize;
                    let lead = dateline_end(&tokens, a, q.first());
                    let quiet = (lead..q.first()).all(|k| {
                        !in_quote[k]
                            && !matches!(tokens.words[k], ":" | ";")
                            && lx.cue_at(&tokens.words[..q.first()], k).is_none()
                    });
                    if quiet && q.first() > lead {
                        content[0].0 = lead;
                        kind = QuoteKind::Mixed;
                    }
                }
                // "X said that “…” against …": the paraphrase runs on past the quotation.
                if before.is_some() && !participle_after {
                    let sent = &doc.sentences[sent_of[q.last() - 1]];
                    let mut end = sent.tokens.1 as usize;
                    while end > q.last() && doc.tokens[end - 1].kind == TokenKind::Punct {
                        end -= 1;
                    }
                    if end > q.last() + 1 && q.segments.len() == 1 {
                        content[0].1 = end;
                        kind = QuoteKind::Mixed;
                    }
                }
                last_attributed = Some((found.len(), paragraph));
                found.push(Found {
                    content,
                    cue: Some(cue),
                    source,
                    kind,
                    continues: None,
                });
            }
            // An embedded fragment with no attribution of its own is a scare quote, a
            // title or part of a paraphrase found below, not a statement.
            None if !opens_sentence && words < EMBEDDED_STATEMENT => {}
            None => {
                // A quotation standing as its own sentence(s) right after an attributed one continues it.
                let end_sentence = &doc.sentences[sent_of[q.last() - 1]];
                let stands_alone = opens_sentence
                    && (q.last()..end_sentence.tokens.1 as usize)
                        .all(|i| doc.tokens[i].kind == TokenKind::Punct);
                let continues = last_attributed
                    .filter(|&(_, p)| (p == paragraph || p + 1 == paragraph) && stands_alone)
                    .map(|(i, _)| i);
                found.push(Found {
                    content,
                    cue: None,
                    source: None,
                    kind: QuoteKind::Direct,
                    continues,
                });
            }
        }
    }

    // --- Indirect and mixed --------------------------------------------------------
    for (s, sent) in doc.sentences.iter().enumerate() {
        let (a, b) = (sent.tokens.0 as usize, sent.tokens.1 as usize);
        // A sentence without closing punctuation, or the first paragraph in title case, is
        // a headline, where capitalised words may be cues.
        let headline = !matches!(
            tokens.words[b - 1],
            "." | "!" | "?" | "”" | "\"" | "''" | ":" | ","
        ) || (sent.paragraph == 0 && is_title_case(&tokens, a, b));
        let mut sentence_source: Option<Range> = found
            .iter()
            .filter(|f| f.source.is_some_and(|(x, _)| x >= a && x < b))
            .find_map(|f| f.source);
        // The attribution at a cue: from the patterns, else (where they find none)
        // from the span model.
        let complete =
            |cue: Range, class: CueClass, found: &[Found], spans: &mut Option<LearnedSpans>| {
                indirect(doc, &tokens, &in_quote, (a, b), cue, class, s)
                    .or_else(|| spans.as_mut()?.found(&tokens, (a, b), cue, found))
            };
        let mut i = a;
        while i < b {
            if in_quote[i] || used_cue[i] {
                i += 1;
                continue;
            }
            let mut proposed = false;
            let (n, class) = match lx.cue_at(&tokens.words[..b], i) {
                Some(c) => c,
                None => {
                    // A cue the lexicon does not know, proposed by the learned model.
                    let Some((cue, class)) = learned.as_mut().and_then(|l| l.cue_at((a, b), i))
                    else {
                        i += 1;
                        continue;
                    };
                    // A participle after a comma ("…, fueling worries that …") shares
                    // the clause's subject below, as a lexicon cue does.
                    let shares = cue.0 == i
                        && tokens.words[i].ends_with("ing")
                        && after_comma(&tokens, a, i);
                    if shares {
                        proposed = true;
                        (cue.1 - cue.0, class)
                    } else {
                        if let Some(f) = complete(cue, class, &found, &mut spans) {
                            record(f, &mut found, &mut used_cue, &mut sentence_source);
                            i = cue.1;
                            continue;
                        }
                        i += 1;
                        continue;
                    }
                }
            };
            // A capitalized cue inside a sentence is part of a name ("United States"),
            // except in a headline; after "to" it is an infinitive ("to claim asylum").
            // After a determiner, a number or a possessive it is a noun ("two states", "his claims"),
            // but not after a year ("who in 2010 said …").
            let noun = i > a && {
                let prev = tokens.words[i - 1];
                matches!(
                    prev,
                    "the"
                        | "a"
                        | "an"
                        | "his"
                        | "her"
                        | "their"
                        | "its"
                        | "our"
                        | "my"
                        | "your"
                        | "these"
                        | "those"
                        | "two"
                        | "three"
                        | "several"
                        | "many"
                        | "other"
                        | "'s"
                        | "’s"
                ) || (prev.chars().next().is_some_and(|c| c.is_ascii_digit()) && !is_year(prev))
            };
            if !proposed
                && (noun
                    || (i > a && tokens.is_capitalized(i) && !headline)
                    || (i > a && tokens.words[i - 1] == "to"))
            {
                i += 1;
                continue;
            }
            if let Some(l) = learned.as_mut().filter(|_| !proposed) {
                if l.vetoes((a, b), i) {
                    i += 1;
                    continue;
                }
            }
            let cue = (i, i + n);
            // "X said A and added B", "X did A, saying B": the cue shares the clause's source.
            let participle = tokens.words[i].ends_with("ing") && class != CueClass::According;
            // "… began by saying", "…, despite admitting": a participle after a
            // preposition inside the sentence also shares the main clause's subject,
            // unless it lies in content found already ("noted that she was pilloried for
            // acknowledging …").
            let after_preposition = i > a + 1
                && participle
                && matches!(
                    tokens.words[i - 1],
                    "by" | "after" | "before" | "despite" | "without" | "while" | "for" | "upon"
                )
                && !found
                    .iter()
                    .any(|f| f.content.iter().any(|&(x, y)| x <= i && i < y));
            // "After saying her foot was swollen, she …": a participle clause opening the
            // sentence reports what the subject after it said.
            // So does one that opens it bare: "Claiming the criticism is designed to
            // pressure moderators, Trump told Fox …".
            let bare_opening = i == a && participle && n == 1 && tokens.is_capitalized(i);
            let opens_sentence = bare_opening
                || (i == a + 1
                    && participle
                    && matches!(
                        tokens.words[a],
                        "After"
                            | "Before"
                            | "Despite"
                            | "Without"
                            | "While"
                            | "By"
                            | "Upon"
                            | "In"
                            | "On"
                            | "Since"
                            | "When"
                            | "Though"
                            | "Although"
                    ));
            let opening = opens_sentence
                .then(|| opening_clause_end(&tokens, &in_quote, i + n, b))
                .flatten();
            if let Some((end, from)) = opening {
                let src = tokens
                    .subject_at(from, b)
                    .filter(|&(x, y)| (x..y).any(|k| tokens.is_capitalized(k)) || y == x + 1);
                if let Some(src) = src.filter(|_| end > i + n + 1) {
                    used_cue[i..i + n].iter_mut().for_each(|x| *x = true);
                    found.push(Found {
                        content: vec![(i + n, end)],
                        cue: Some(cue),
                        source: Some(src),
                        kind: reported_kind(&in_quote, &[(i + n, end)]),
                        continues: None,
                    });
                    sentence_source.get_or_insert(src);
                    i += n;
                    continue;
                }
            }
            // "X said A but said B" as much as "and said".
            let coordinated = i > a && matches!(tokens.words[i - 1], "and" | "but");
            let shared = i > a
                && (coordinated || (participle && after_comma(&tokens, a, i)) || after_preposition);
            if shared && sentence_source.is_none() && participle {
                // "Trump attacked Clinton, saying …": the subject opening the sentence.
                // After a preposition the clause is no afterthought, so any subject will do.
                // Past a dateline and an opening adverbial: "After thanking the crowd,
                // he …", not "After".
                let from = subject_start(&tokens, a, i);
                sentence_source =
                    from.and_then(|from| tokens.subject_at(from, i))
                        .filter(|&(x, y)| {
                            after_preposition
                                || (x..y).any(|k| tokens.is_capitalized(k) && k > x)
                                || y == x + 1
                                // "Obama’s aides were complimentary, perhaps recognizing …"
                                || (tokens.is_capitalized(x)
                                    && (x + 1..y).any(|k| matches!(tokens.words[k], "’s" | "'s")))
                        });
            }
            if shared {
                if let Some(src) = sentence_source {
                    let mut end = b;
                    while end > i + n && doc.tokens[end - 1].kind == TokenKind::Punct {
                        end -= 1;
                    }
                    if after_preposition {
                        // The adverbial clause ends at its comma, before the main clause goes on.
                        end = clause_end(&tokens, &in_quote, i + n, end);
                    }
                    if end > i + n + 2 {
                        // The earlier content stops where this attribution starts.
                        let prev = found
                            .last_mut()
                            .filter(|f| f.source == Some(src) && !after_preposition);
                        if let Some(prev) = prev {
                            if let Some(last) = prev.content.last_mut() {
                                if last.0 < i && last.1 > i - 1 {
                                    last.1 = i - 1;
                                    while last.1 > last.0 && tokens.words[last.1 - 1] == "," {
                                        last.1 -= 1;
                                    }
                                }
                            }
                        }
                        used_cue[i..i + n].iter_mut().for_each(|x| *x = true);
                        let content = vec![(i + n, end)];
                        found.push(Found {
                            kind: reported_kind(&in_quote, &content),
                            content,
                            cue: Some(cue),
                            source: Some(src),
                            continues: None,
                        });
                        i += n;
                        continue;
                    }
                }
            }
            if let Some(f) = complete(cue, class, &found, &mut spans) {
                record(f, &mut found, &mut used_cue, &mut sentence_source);
            }
            i += n;
        }
    }
    // "The governor added:" closing its paragraph introduces the next one, quoted or not,
    // unless an attribution inside that paragraph claims it.
    for (p, para) in doc.paragraphs.iter().enumerate() {
        let Some(next) = doc.paragraphs.get(p + 1) else {
            break;
        };
        let last_sentence = &doc.sentences[para.sentences.1 as usize - 1];
        let (a, b) = (
            last_sentence.tokens.0 as usize,
            last_sentence.tokens.1 as usize,
        );
        if b < a + 3 || tokens.words[b - 1] != ":" || in_quote[b - 1] {
            continue;
        }
        // The cue ends right before the colon.
        let Some(cue) = (a..b - 1).rev().take(4).find_map(|i| {
            lx.cue_at(&tokens.words, i)
                .filter(|&(n, _)| i + n == b - 1)
                .map(|(n, _)| (i, i + n))
        }) else {
            continue;
        };
        let Some(source) = tokens.source_before(a, cue.0) else {
            continue;
        };
        let (x, y) = (
            doc.sentences[next.sentences.0 as usize].tokens.0 as usize,
            doc.sentences[next.sentences.1 as usize - 1].tokens.1 as usize,
        );
        if found
            .iter()
            .any(|f| f.cue.is_some() && f.content.iter().any(|&(u, v)| u < y && x < v))
        {
            continue;
        }
        if let Some(f) = found
            .iter_mut()
            .find(|f| f.cue.is_none() && f.content[0].0 == x)
        {
            f.cue = Some(cue);
            f.source = Some(source);
            continue;
        }
        found.push(Found {
            content: vec![(x, y)],
            cue: Some(cue),
            source: Some(source),
            kind: reported_kind(&in_quote, &[(x, y)]),
            continues: None,
        });
    }
    // A quotation left without attribution that opens the sentence after an attribution
    // of its paragraph (found by either pass: "“A” of the plan, X said. “B”", "X called
    // him a master at deals. “He showed …”") continues it.
    for k in 0..found.len() {
        let f = &found[k];
        if f.cue.is_some() || f.continues.is_some() || f.kind != QuoteKind::Direct {
            continue;
        }
        let start = f.content[0].0;
        let s = sent_of[start];
        if s == 0 || doc.sentences[s].tokens.0 as usize != start {
            continue;
        }
        let paragraph = doc.sentences[s].paragraph;
        let prev = &doc.sentences[s - 1];
        if prev.paragraph != paragraph {
            continue;
        }
        let (pa, pb) = (prev.tokens.0 as usize, prev.tokens.1 as usize);
        let target = (0..found.len()).rev().find(|&j| {
            let g = &found[j];
            j != k
                && g.cue.is_some()
                && g.source.is_some()
                && g.content.iter().any(|&(x, y)| x < pb && y > pa)
        });
        if let Some(j) = target {
            found[k].continues = Some(j);
        }
    }
    // "The letter continues: “…”", "the board was conclusive in its findings: “…”": a
    // quotation left without attribution after a colon that closes a clause with no cue
    // is the statement of that clause's subject, and the colon is its cue.
    for f in found.iter_mut() {
        if f.cue.is_some() || f.continues.is_some() || f.kind != QuoteKind::Direct {
            continue;
        }
        let colon = f.content[0].0.wrapping_sub(1);
        if tokens.words.get(colon) != Some(&":") || in_quote[colon] {
            continue;
        }
        let sent = &doc.sentences[sent_of[colon]];
        let Some(a) = subject_start(&tokens, sent.tokens.0 as usize, colon) else {
            continue;
        };
        let cue_before =
            (a..colon).any(|k| in_quote[k] || lx.cue_at(&tokens.words[..colon], k).is_some());
        if a + 2 > colon || cue_before {
            continue;
        }
        // A headline in capitals, or a phrase ending in a function word, is no subject.
        let subject = tokens.subject_at(a, colon).filter(|&(x, y)| {
            (x..y).any(|k| tokens.words[k].chars().any(char::is_lowercase))
                && !matches!(
                    tokens.words[y - 1],
                    "of" | "that" | "the" | "a" | "an" | "to" | "for"
                )
        });
        if let Some(source) = subject {
            f.cue = Some((colon, colon + 1));
            f.source = Some(source);
        }
    }
    // A cue inside another attribution's source, where their contents overlap, is
    // part of that noun phrase ("a poll released Friday shows …"), not an attribution
    // of its own.
    let overlaps = |p: &[Range], q: &[Range]| {
        p.iter()
            .any(|&(x, y)| q.iter().any(|&(u, v)| x < v && u < y))
    };
    let inside_source: Vec<bool> = found
        .iter()
        .map(|f| {
            f.cue.is_some_and(|(x, y)| {
                found.iter().any(|g| {
                    g.source.is_some_and(|(sa, sb)| sa <= x && y <= sb)
                        && overlaps(&g.content, &f.content)
                })
            })
        })
        .collect();
    // Interview transcripts: each `NAME: …` turn is its speaker's statement. It takes
    // the place of an unattributed quotation that opens on its label (block-quoted
    // transcripts put a quote mark before each turn).
    let mut labels = Vec::new();
    let mut turn_spans: Vec<Range> = Vec::new();
    for (turn, start) in transcript::turns(doc, &tokens) {
        // A turn already read as an attributed quotation ("Said Ellis: “…”") stays so;
        // an attribution inside the turn ("PENCE: … Hillary Clinton wants …") does not
        // take it.
        let (x, y) = (turn.content[0].0, turn.content[turn.content.len() - 1].1);
        let taken = found.iter().any(|f| {
            f.cue.is_some_and(|(c, _)| c < x || c >= y)
                && f.content.iter().any(|&(a, b)| a < y && x < b)
        });
        if taken {
            continue;
        }
        labels.push(start..=turn.content[0].0);
        turn_spans.push((x, y));
        found.push(turn);
    }
    // A quotation without attribution that lies inside found content is part of
    // that attribution (a mixed quote), not one of its own.
    let covered = |f: &Found| {
        f.cue.is_none()
            && (labels.iter().any(|l| l.contains(&f.content[0].0))
                || f.continues.is_none()
                    && found.iter().any(|g| {
                        g.cue.is_some()
                            && g.content.iter().any(|&(x, y)| {
                                x <= f.content[0].0 && f.content[f.content.len() - 1].1 <= y
                            })
                    }))
    };
    let keep: Vec<bool> = found
        .iter()
        .enumerate()
        .map(|(i, f)| {
            // What a speaker says of others inside a turn is part of the turn (a
            // turn's own cue, its colon, comes before its content).
            let nested = f
                .cue
                .is_some_and(|(c, _)| turn_spans.iter().any(|&(x, y)| x <= c && c < y));
            !covered(f) && !nested && !inside_source.get(i).copied().unwrap_or(false)
        })
        .collect();
    let mut remap = vec![None; found.len()];
    let mut kept = Vec::new();
    for (i, f) in found.into_iter().enumerate() {
        if keep[i] {
            remap[i] = Some(kept.len());
            kept.push(f);
        }
    }
    for f in &mut kept {
        f.continues = f.continues.and_then(|c| remap[c]);
    }
    kept
}

/// Keep an attribution found at a cue: its cue words are taken, and its source is
/// the one later cues of the sentence may share.
fn record(
    f: Found,
    found: &mut Vec<Found>,
    used_cue: &mut [bool],
    sentence_source: &mut Option<Range>,
) {
    if let Some((x, y)) = f.cue {
        used_cue[x..y].iter_mut().for_each(|u| *u = true);
    }
    if f.source.is_some() {
        *sentence_source = f.source;
    }
    found.push(f);
}

/// Cues proposed by the learned model ([`cue_model`]) where the lexicon has none.
struct LearnedCues<'a> {
    model: &'a CueModel,
    tokens: &'a Tokens<'a>,
    ctx: &'a CueContext<'a>,
    feats: Vec<u64>,
}

impl<'a> LearnedCues<'a> {
    fn new(model: &'a CueModel, tokens: &'a Tokens<'a>, ctx: &'a CueContext<'a>) -> Self {
        LearnedCues {
            model,
            tokens,
            ctx,
            feats: Vec::with_capacity(32),
        }
    }

    /// The features of word `i`, or `None` for a word never scored (see
    /// [`cue_model::is_candidate`]).
    fn features(&mut self, sentence: Range, i: usize) -> Option<&[u64]> {
        if !cue_model::is_candidate(self.ctx, i) {
            return None;
        }
        cue_model::features(self.ctx, sentence, i, &mut self.feats);
        Some(&self.feats)
    }

    /// The label of word `i`; words never scored are outside.
    fn label(&mut self, sentence: Range, i: usize) -> usize {
        let model = self.model;
        self.features(sentence, i)
            .map_or(cue_model::OUTSIDE, |f| model.label(f))
    }

    /// Whether the model is sure that the lexicon cue at `i` is no cue here.
    fn vetoes(&mut self, sentence: Range, i: usize) -> bool {
        let model = self.model;
        self.features(sentence, i)
            .is_some_and(|f| model.margin(f, cue_model::OUTSIDE) > model.veto)
    }

    /// The cue beginning at `i`, if the model says one does: that word and the words
    /// labelled inside after it, with a class for the patterns. `None` where the run
    /// reaches a lexicon cue (that one is read on its own).
    fn cue_at(&mut self, (a, b): Range, i: usize) -> Option<(Range, CueClass)> {
        if !self.model.may_begin(self.ctx.word_hash(i)) || self.label((a, b), i) != cue_model::BEGIN
        {
            return None;
        }
        let lx = QuoteLexicon::get();
        let mut j = i + 1;
        while j < b && j - i < 8 && self.label((a, b), j) == cue_model::INSIDE {
            if self.ctx.lexicon_cue(j) {
                return None;
            }
            j += 1;
        }
        // A run of auxiliaries and adverbs only ("has", "reportedly") is not a cue: the
        // verb after it was not taken, and a lexicon cue right after it is read on its own.
        let t = self.tokens;
        let light = |k: usize| {
            attribution::AUXILIARIES.contains(&t.words[k])
                || t.is_adverb(k, lx)
                || matches!(
                    t.words[k],
                    "may"
                        | "might"
                        | "could"
                        | "should"
                        | "just"
                        | "still"
                        | "now"
                        | "not"
                        | "n't"
                        | "to"
                        | "do"
                        | "long"
                        | "also"
                        | "already"
                        | "never"
                        | "ever"
                        | "once"
                )
        };
        if (i..j).all(light) || (j < b && self.ctx.lexicon_cue(j)) {
            return None;
        }
        // Unknown verbs take their content after them ("X mocked …", "X expressed
        // concern that …"); they do not invert or follow their content.
        Some(((i, j), CueClass::Act))
    }
}

/// Source and content for a cue the patterns could not complete, from the learned
/// span model ([`span_model`]).
struct LearnedSpans<'a> {
    model: &'a SpanModel,
    ctx: &'a CueContext<'a>,
    feats: Vec<Vec<u64>>,
}

impl<'a> LearnedSpans<'a> {
    fn new(model: &'a SpanModel, ctx: &'a CueContext<'a>) -> Self {
        LearnedSpans {
            model,
            ctx,
            feats: Vec::new(),
        }
    }

    /// The attribution the model reads around `cue` in the sentence `[a, b)`, if it
    /// finds content: the content spans, and the source span nearest the cue.
    /// A cue inside content found already is left alone: the content read around it
    /// would cut that one up.
    fn found(&mut self, t: &Tokens, (a, b): Range, cue: Range, found: &[Found]) -> Option<Found> {
        let inside = |f: &Found| f.content.iter().any(|&(x, y)| x <= cue.0 && cue.1 <= y);
        if found.iter().any(inside) {
            return None;
        }
        span_model::features(self.ctx, (a, b), cue, &mut self.feats);
        let labels = self.model.decode(&self.feats, (cue.0 - a, cue.1 - a));
        let shift = |(x, y): Range| (x + a, y + a);
        let content: Vec<Range> = span_model::spans_of(&labels, span_model::CONTENT_BEGIN)
            .into_iter()
            .map(shift)
            .collect();
        if content.is_empty() {
            return None;
        }
        // The model's source span nearest the cue, else the subject the patterns read
        // before the cue (the model leaves many sources it was not sure of unlabelled).
        let source = span_model::spans_of(&labels, span_model::SOURCE_BEGIN)
            .into_iter()
            .map(shift)
            .min_by_key(|&(x, y)| if y <= cue.0 { cue.0 - y } else { x - cue.1 })
            .or_else(|| t.source_before(a, cue.0));
        Some(Found {
            kind: reported_kind(self.ctx.in_quote, &content),
            content,
            cue: Some(cue),
            source,
            continues: None,
        })
    }
}

/// `(source, cue, that)`: a source phrase (if any), the cue, and the token of a
/// "that" opening mixed content ("X said that “…”").
type Attribution = (Option<Range>, Range, Option<usize>);

/// `“…,” the official said` or `“…,” said the official` after the quote, in its sentence.
fn attribution_after(
    doc: &Document,
    t: &Tokens,
    sent_of: &[usize],
    q: &Quoted,
    mut learned: Option<&mut LearnedCues>,
) -> Option<Attribution> {
    let lx = QuoteLexicon::get();
    let end = q.last();
    let s = sent_of[end - 1];
    let mut limit = doc.sentences[s].tokens.1 as usize;
    let mut i = end;
    if i < limit && t.words[i] == "," {
        i += 1;
    }
    if i >= limit {
        // The signature of a quotation ending in a full stop is a "sentence" of its own: “….” ― Name
        let next = doc
            .sentences
            .get(s + 1)
            .filter(|n| n.paragraph == doc.sentences[s].paragraph)?;
        // The sentence splitter ends a sentence at `!”` or `?”` before a capital, so
        // `“… Trump!” US Senator Jeff Sessions said …` continues in the next sentence.
        let exclaims = end >= 2 && matches!(t.words[end - 2], "!" | "?");
        // `“… missing.” Trump said.`: a short sentence of its own naming the speaker.
        let signature = end >= 2 && t.words[end - 2] == "." && next.tokens.1 - next.tokens.0 <= 8;
        if !exclaims
            && !signature
            && !matches!(t.words[next.tokens.0 as usize], "―" | "—" | "–" | "--")
        {
            return None;
        }
        limit = next.tokens.1 as usize;
    }
    // “…” ― NAME: a quotation signed with a dash, as in reader comments and epigraphs.
    if matches!(t.words[i], "―" | "—" | "–" | "--") && i + 1 < limit {
        let mut e = i + 1;
        while e < limit && t.is_capitalized(e) {
            e += 1;
        }
        if e > i + 1 && (e == limit || matches!(t.words[e], "." | "," | "(")) {
            return Some((Some((i + 1, e)), (i, i + 1), None));
        }
    }
    // CUE SOURCE
    if let Some((n, class)) = lx.cue_at(&t.words[..limit], i) {
        if class.can_follow_content() {
            let source = t.source_after(i + n, limit);
            return Some((source, (i, i + n), None));
        }
    }
    // SOURCE CUE: the cue within a few tokens (a name with appositions may take many).
    for c in i + 1..limit.min(i + 24) {
        let full_stop = t.words[c] == "." && !matches!(t.words.get(c + 1), Some(&",") | Some(&")"));
        if t.words[c] == "“"
            || t.words[c] == "\""
            || full_stop
            || matches!(t.words[c], ";" | "!" | "?")
        {
            break;
        }
        // A verb the lexicon lacks, right after a quotation and its source, is taken
        // from the learned model as a verb of saying ("“Go back,” Trump barked").
        let cue = lx.cue_at(&t.words[..limit], c).or_else(|| {
            let l = learned.as_deref_mut()?;
            let ((x, y), _) = l.cue_at((doc.sentences[s].tokens.0 as usize, limit), c)?;
            (x == c).then_some((y - x, CueClass::Speech))
        });
        if let Some((n, class)) = cue {
            // A speech-act verb ending its clause reads as a verb of saying: `“…,” Gorka urged.`
            let ends_clause = c + n >= limit || matches!(t.words[c + n], "." | "," | ";");
            let follows = class.can_follow_content() || (class == CueClass::Act && ends_clause);
            if !follows {
                return None;
            }
            // "“…,” as Cruz said": the source opens after "as".
            let from = if t.words[i] == "as" && c > i + 1 {
                i + 1
            } else {
                i
            };
            let source = t
                .source_before(from, c)
                .filter(|s| s.0 == from)
                .or_else(|| t.source_with_appositions(from, c))?;
            return Some((Some(source), (c, c + n), None));
        }
    }
    None
}

/// `X said: “…”`, `X said, “…”`, `X said that “…”` before the quote, in its sentence.
fn attribution_before(
    doc: &Document,
    t: &Tokens,
    sent_of: &[usize],
    q: &Quoted,
) -> Option<Attribution> {
    let start = q.first();
    let sent = &doc.sentences[sent_of[start]];
    let floor = sent.tokens.0 as usize;
    if start == floor {
        return None;
    }
    let mut j = start;
    let mut that = None;
    if matches!(t.words[j - 1], ":" | ",") {
        j -= 1;
    } else if t.words[j - 1].eq_ignore_ascii_case("that") {
        j -= 1;
        that = Some(j);
    }
    cue_ending_at(t, floor, j).map(|(source, cue)| {
        // Words between the cue and the quotation make it a paraphrase with a quoted
        // fragment ("said the spending was “…”"): the content starts after the cue.
        let gap = that.unwrap_or(j) > cue.1 && !matches!(t.words[j], ":" | ",");
        // "…, he added, are like “…”": the comma closing a parenthetical cue is no content.
        let from = if t.words[cue.1] == "," && cue.1 + 1 < j {
            cue.1 + 1
        } else {
            cue.1
        };
        (source, cue, if gap { Some(from) } else { that })
    })
}

/// A cue (and the source phrase before it) ending exactly at token `end`, allowing
/// a short adverbial between them ("said in a statement", "told reporters").
fn cue_ending_at(t: &Tokens, floor: usize, end: usize) -> Option<(Option<Range>, Range)> {
    let lx = QuoteLexicon::get();
    for c in (floor..end).rev().take(6) {
        if let Some((n, class)) = lx.cue_at(&t.words[..end], c) {
            if class == CueClass::According {
                let source = t.source_after(c + n, end);
                return Some((source, (c, c + n)));
            }
            // Inverted, "Said Ellis:" / "Added the senator:": the source runs from the cue to `end`.
            let inverted = || {
                t.source_after(c + n, end)
                    .filter(|s| class.can_follow_content() && s.1 == end && c == floor)
            };
            // A long source with appositions opening the sentence ("John Dickey, the chief
            // executive of Ora Media -- the production company …, -- told me, “…”").
            let whole = || t.source_with_appositions(floor, c).filter(|s| s.0 == floor);
            let source = t.source_before(floor, c).or_else(inverted).or_else(whole);
            return source.map(|s| (Some(s), (c, c + n)));
        }
        if matches!(t.words[c], "." | "!" | "?" | "“" | "”" | "\"") {
            break;
        }
    }
    None
}

/// A quote opening a paragraph or sentence introduced by the sentence before: `He said:`.
fn attribution_in_previous_sentence(
    doc: &Document,
    t: &Tokens,
    sent_of: &[usize],
    q: &Quoted,
) -> Option<Attribution> {
    let s = sent_of[q.first()];
    if s == 0 || doc.sentences[s].tokens.0 as usize != q.first() {
        return None;
    }
    let prev = &doc.sentences[s - 1];
    let (a, b) = (prev.tokens.0 as usize, prev.tokens.1 as usize);
    if t.words[b - 1] != ":" {
        return None;
    }
    cue_ending_at(t, a, b - 1).map(|(source, cue)| (source, cue, None))
}

/// Reported speech around a cue outside quotation marks.
fn indirect(
    doc: &Document,
    t: &Tokens,
    in_quote: &[bool],
    (a, b): Range,
    cue: Range,
    class: CueClass,
    sentence: usize,
) -> Option<Found> {
    // Sentence end without final punctuation or closing marks.
    let mut end = b;
    while end > a && matches!(doc.tokens[end - 1].kind, TokenKind::Punct) && t.words[end - 1] != ")"
    {
        end -= 1;
    }
    let kind_of = |content: &[Range]| reported_kind(in_quote, content);
    let found = |content: Vec<Range>, source: Option<Range>| {
        let content: Vec<Range> = content.into_iter().filter(|(x, y)| y > x).collect();
        let len: usize = content.iter().map(|(x, y)| y - x).sum();
        // A speech act's object may be a short noun phrase ("backed Clinton", "attacked
        // him", "opposed the pipeline"), not an adverbial ("ruled on Thursday"); what a
        // verb of saying or thinking reports is a clause.
        let object = || {
            content.first().is_some_and(|&(x, _)| {
                let w = t.words[x];
                !is_weekday(w)
                    && !opens_adverbial(w)
                    && !matches!(
                        w,
                        "after"
                            | "before"
                            | "since"
                            | "until"
                            | "from"
                            | "with"
                            | "by"
                            | "for"
                            | "as"
                            | "about"
                            | "over"
                            | "into"
                            | "through"
                            | "out"
                            | "up"
                            | "back"
                            | "down"
                            | "off"
                            | "away"
                            | "so"
                            | "too"
                            | "not"
                            | ","
                            | "."
                    )
            })
        };
        (len >= 3 || (len >= 1 && class == CueClass::Act && object())).then(|| Found {
            kind: kind_of(&content),
            content,
            cue: Some(cue),
            source,
            continues: None,
        })
    };

    if class == CueClass::According {
        let source = t.source_until_comma(cue.1, end)?;
        // "…, according to X." / "According to X, …" / "A, according to X, B".
        let before = (
            a,
            if cue.0 > a && t.words[cue.0 - 1] == "," {
                cue.0 - 1
            } else {
                cue.0
            },
        );
        // A relative clause on the source runs to the next comma ("officials … who spoke on condition of anonymity,").
        let mut after_start = source.1;
        if after_start < end && matches!(t.words[after_start], "who" | "which" | "whose") {
            if let Some(comma) = (after_start..end).find(|&k| t.words[k] == ",") {
                after_start = comma;
            }
        }
        if after_start < end && t.words[after_start] == "," {
            after_start += 1;
        }
        return found(vec![before, (after_start, end)], Some(source));
    }

    // Passive: "Clinton is supported by most unions", "the issue was first reported by
    // the Post": the source follows "by", the content is the subject before the verb.
    let by = if cue.1 < end && t.words[cue.1] == "by" {
        Some(cue.1)
    } else {
        (cue.1 - cue.0 > 1 && t.words[cue.1 - 1] == "by").then_some(cue.1 - 1)
    };
    if let Some(by) = by.filter(|_| class != CueClass::According) {
        let lx = QuoteLexicon::get();
        let mut k = cue.0;
        while k > a && (t.is_adverb(k - 1, lx) || matches!(t.words[k - 1], "first" | "not")) {
            k -= 1;
        }
        let be = k > a
            && matches!(
                t.words[k - 1],
                "is" | "was" | "are" | "were" | "been" | "be"
            );
        if be {
            let mut aux = k - 1;
            while aux > a && matches!(t.words[aux - 1], "has" | "have" | "had" | "will" | "would") {
                aux -= 1;
            }
            // The subject runs back to the clause's comma or the sentence start.
            let start = (a..aux)
                .rev()
                .find(|&i| !in_quote[i] && matches!(t.words[i], "," | ";" | ":"))
                .map_or_else(|| dateline_end(t, a, aux), |c| c + 1);
            // What follows "by" up to a comma, as after "according to".
            if let Some(source) = t.source_until_comma(by + 1, end) {
                if start < aux && !(start..aux).any(|i| matches!(t.words[i], "that" | "which")) {
                    return Some(Found {
                        content: vec![(start, aux)],
                        kind: kind_of(&[(start, aux)]),
                        cue: Some(cue),
                        source: Some(source),
                        continues: None,
                    });
                }
            }
        }
    }

    // CONTENT, CUE SOURCE (inversion): "…, said the official."
    if class == CueClass::Speech && cue.0 > a + 2 && t.words[cue.0 - 1] == "," {
        if let Some(source) = t.source_after(cue.1, end) {
            if source.1 == end || t.words[source.1] == "," {
                return found(vec![(a, cue.0 - 1)], Some(source));
            }
        }
    }

    // "An engineer, speaking on condition of anonymity …, said …": a clause set off by
    // commas between the subject and its cue.
    if cue.0 > a + 3 && t.words[cue.0 - 1] == "," && class != CueClass::According {
        if let Some(open) = (a + 1..cue.0 - 1).rev().find(|&k| t.words[k] == ",") {
            let clause = t.words[open + 1];
            if clause.ends_with("ing") || matches!(clause, "who" | "which") {
                if let Some(source) = t.source_before(a, open).filter(|s| s.0 == a) {
                    let start = cue.1;
                    return found(vec![(start, end)], Some(source));
                }
            }
        }
    }
    let source = t.source_before(a, cue.0)?;
    // CONTENT, SOURCE CUE: the source follows a comma with content before it.
    if source.0 > a + 2 && t.words[source.0 - 1] == "," && class.can_follow_content() {
        let is_headline = doc.sentences[sentence].paragraph == 0;
        // What follows the cue: an adverbial up to a comma or the end ("said on Thursday, …").
        let mut k = cue.1;
        // Place names count inside it: "said Tuesday in Paris, noting …".
        let place = |k: usize| {
            k > cue.1
                && t.is_capitalized(k)
                && (matches!(t.words[k - 1], "in" | "at" | "from") || t.is_capitalized(k - 1))
        };
        while k < end && k - cue.1 < 6 && (is_adverbial(t.words[k]) || place(k)) {
            k += 1;
        }
        // Or an adjunct running to the end ("said in a video message to the convention",
        // "said as he launched the process"): no reported clause follows the cue.
        let adjunct = cue.1 < end
            && matches!(
                t.words[cue.1],
                "in" | "on"
                    | "at"
                    | "during"
                    | "after"
                    | "before"
                    | "as"
                    | "when"
                    | "while"
                    | "via"
                    | "through"
                    | "from"
                    | "because"
                    | "since"
                    | "following"
                    | "amid"
            )
            && !(cue.1..end).any(|i| {
                in_quote[i] || matches!(t.words[i], "that" | ":" | "," | ";" | "“" | "\"")
            });
        // A headline's "…, Official Says" ends it; "Railing Against Trump, Sanders Vows To
        // Eliminate …" goes on to what was said.
        let is_headline = is_headline && end - cue.1 < 3;
        if k >= end || is_headline || adjunct {
            return found(
                vec![(dateline_end(t, a, source.0 - 1), source.0 - 1)],
                Some(source),
            );
        }
        if t.words[k] == "," {
            // "A, two officials said, is B": the content runs on after the attribution,
            // unless what follows is a participle clause ("…, intensifying efforts").
            let next = t.words.get(k + 1).copied().unwrap_or("");
            let parenthetical =
                !next.ends_with("ing") && !(k..end).any(|i| in_quote[i] && t.words[i] == "“");
            let content = if parenthetical {
                vec![
                    (dateline_end(t, a, source.0 - 1), source.0 - 1),
                    (k + 1, end),
                ]
            } else {
                vec![(dateline_end(t, a, source.0 - 1), source.0 - 1)]
            };
            return found(content, Some(source));
        }
    }
    // SOURCE CUE (that) CONTENT: the source opens the sentence or a clause.
    if source.0 == a
        || matches!(t.words[source.0 - 1], "," | "But" | "And" | ";" | "—" | "(")
        || matches!(
            t.words[source.0 - 1],
            "after"
                | "because"
                | "when"
                | "while"
                | "since"
                | "although"
                | "though"
                | "as"
                | "and"
                | "but"
        )
        || t.words[source.0] == "who"
    {
        let mut start = cue.1;
        // Skip an adverbial ("said on Thursday that …") or, after "told", the addressee.
        let that = (start..end.min(start + 8)).find(|&i| t.words[i].eq_ignore_ascii_case("that"));
        let skippable = |from: usize, to: usize| {
            (from..to).all(|i| !matches!(t.words[i], "." | ";" | "“" | "”"))
                && (from == to || class == CueClass::Tell || opens_adverbial(t.words[from]))
        };
        if let Some(that) = that.filter(|&th| skippable(start, th)) {
            start = that;
        } else if class == CueClass::Tell {
            while start < end
                && (t.is_capitalized(start)
                    || QuoteLexicon::get()
                        .source_word(t.words[start])
                        .is_some_and(|w| w != SourceWord::Pronoun)
                    || t.words[start] == "reporters")
            {
                start += 1;
            }
        }
        if start < end && t.words[start] == ":" {
            start += 1;
        }
        // "the proposal championed by Trump", "a call echoed by Japan": a passive
        // participle; what follows "by" is its agent, not content.
        if start < end && t.words[start] == "by" {
            return None;
        }
        let mut end = clause_end(t, in_quote, start, end);
        // "X, who said A, said B": a relative clause set off by commas ends at its comma.
        if t.words[source.0] == "who" && source.0 > a && t.words[source.0 - 1] == "," {
            if let Some(comma) = (start + 1..end).find(|&k| !in_quote[k] && t.words[k] == ",") {
                end = comma;
            }
        }
        // A speech act's object ("called it “…”") ends with its quotation; what a speech
        // verb reports runs on ("said it was “complex” and he could win").
        let end = if class == CueClass::Act {
            quotation_end(t, in_quote, start, end)
        } else {
            end
        };
        return found(vec![(start, end)], Some(source));
    }
    None
}

/// Whether `[a, b)` is set in title case, as headlines are even when they end with a
/// period ("Obama Says African-American Museum Will Tell of …."): every word of four
/// letters or more is capitalised, and there are at least three such.
fn is_title_case(t: &Tokens, a: usize, b: usize) -> bool {
    let mut long =
        (a..b).filter(|&k| t.words[k].chars().filter(|c| c.is_alphabetic()).count() >= 4);
    let mut n = 0;
    long.all(|k| {
        n += 1;
        t.is_capitalized(k)
    }) && n >= 3
}

/// Turn found attributions into quotes and sources on the document.
fn write(doc: &mut Document, found: Vec<Found>) {
    doc.quotes.clear();
    doc.sources.clear();
    let span = |doc: &Document, (a, b): Range| -> TextSpan {
        let (first, last) = (&doc.tokens[a], &doc.tokens[b - 1]);
        TextSpan {
            start: first.start,
            end: last.end,
            text: doc
                .text
                .get(first.bytes.0 as usize..last.bytes.1 as usize)
                .unwrap_or_default()
                .to_string(),
        }
    };
    // Keep text order: quotes sorted by where their content starts.
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by_key(|&i| found[i].content.first().map_or(0, |c| c.0));
    let mut new_index = vec![0u32; found.len()];
    for (k, &i) in order.iter().enumerate() {
        new_index[i] = k as u32;
    }
    for &i in &order {
        let f = &found[i];
        let source = f.source.map(|r| {
            let mention = span(doc, r);
            let kind = crate::phrase::classify_phrase(doc, r.0, r.1);
            doc.sources.push(Source::new(mention, kind));
            (doc.sources.len() - 1) as u32
        });
        let content: Vec<TextSpan> = f.content.iter().map(|&r| span(doc, r)).collect();
        doc.quotes.push(Quote {
            kind: f.kind,
            content,
            cue: f.cue.map(|r| span(doc, r)),
            source,
            speaker: None,
            speaker_name: None,
            continues: f.continues.map(|c| new_index[c]),
        });
    }
}

/// Words of a short adverbial after a cue: "on Thursday", "in a statement", "late Monday".
fn is_adverbial(w: &str) -> bool {
    opens_adverbial(w)
        || matches!(
            w,
            "a" | "an"
                | "the"
                | "statement"
                | "interview"
                | "week"
                | "month"
                | "year"
                | "night"
                | "morning"
                | "afternoon"
                | "evening"
                | "Twitter"
                | "Facebook"
                | "television"
                | "reporters"
                | "news"
                | "conference"
                | "briefing"
                | "speech"
                | "remarks"
                | "email"
                | "told"
        )
}

/// Reported content holding a quotation is mixed, else indirect.
fn reported_kind(in_quote: &[bool], content: &[Range]) -> QuoteKind {
    if content.iter().any(|&(x, y)| (x..y).any(|k| in_quote[k])) {
        QuoteKind::Mixed
    } else {
        QuoteKind::Indirect
    }
}

/// Whether the word at `i` (in a sentence starting at `a`) follows a comma, or a comma
/// and an adverb: "…, saying", "…, perhaps recognizing", "…, now arguing".
fn after_comma(t: &Tokens, a: usize, i: usize) -> bool {
    let adverb = |k: usize| {
        matches!(
            t.words[k],
            "perhaps"
                | "now"
                | "also"
                | "then"
                | "first"
                | "again"
                | "later"
                | "still"
                | "even"
                | "only"
                | "just"
                | "often"
                | "once"
                | "apparently"
        ) || t.is_adverb(k, QuoteLexicon::get())
    };
    (i > a && t.words[i - 1] == ",") || (i > a + 1 && t.words[i - 2] == "," && adverb(i - 1))
}

/// A year ("in 2010 said"): four digits from 1800 to 2099.
fn is_year(w: &str) -> bool {
    w.len() == 4 && w.parse::<u32>().is_ok_and(|y| (1800..2100).contains(&y))
}

fn is_weekday(w: &str) -> bool {
    matches!(
        w,
        "Monday" | "Tuesday" | "Wednesday" | "Thursday" | "Friday" | "Saturday" | "Sunday"
    )
}

/// Words that open an adverbial between a cue and its "that": "said on Thursday that".
fn opens_adverbial(w: &str) -> bool {
    is_weekday(w)
        || matches!(
            w,
            "on" | "in"
                | "at"
                | "during"
                | "late"
                | "early"
                | "earlier"
                | "last"
                | "this"
                | "repeatedly"
                | "recently"
                | "publicly"
                | "privately"
                | "also"
                | "then"
                | "again"
                | "to"
                | "yesterday"
                | "today"
                | "previously"
                | "later"
        )
}

/// Where the main clause's subject can start in the sentence `[a, end)`: past a
/// dateline and past an opening adverbial set off by a comma ("After thanking the
/// crowd, he …", "Speaking in Salem, Trump …", "Instead, …"); `None` when an opening
/// adverbial has no comma before `end`.
fn subject_start(t: &Tokens, a: usize, end: usize) -> Option<usize> {
    let k = dateline_end(t, a, end);
    let first = t.words.get(k)?;
    let lower = first.to_lowercase();
    let opener = opens_adverbial(&lower)
        || attribution::OPENERS.contains(&lower.as_str())
        || matches!(
            lower.as_str(),
            "meanwhile" | "still" | "however" | "now" | "amid" | "following" | "under" | "asked"
        )
        || (lower.len() > 4 && (lower.ends_with("ing") || lower.ends_with("ly")))
        // A past participle and its preposition: "Chastened by the analyses, Trump …".
        || (lower.len() > 4
            && lower.ends_with("ed")
            && t.words.get(k + 1).is_some_and(|w| {
                matches!(
                    *w,
                    "by" | "with" | "about" | "at" | "from" | "over" | "in" | "to" | "after" | "for"
                )
            }));
    if !opener {
        return Some(k);
    }
    // The adverbial's own list goes on past a comma ("…, as well as complaints over its
    // costs, Trump …"): the subject follows the first comma that does not continue it.
    (k + 1..end)
        .find(|&c| {
            t.words[c] == ","
                && !matches!(
                    t.words.get(c + 1),
                    Some(&"as" | &"and" | &"or" | &"including" | &"especially" | &"not")
                )
        })
        .map(|c| c + 1)
}

/// Where content starts once a dateline opening the paragraph is skipped ("WASHINGTON —").
fn dateline_end(t: &Tokens, a: usize, end: usize) -> usize {
    let mut i = a;
    while i < end
        && i - a < 4
        && t.words[i].chars().any(char::is_alphabetic)
        && !t.words[i].chars().any(char::is_lowercase)
    {
        i += 1;
    }
    if i > a && i < end && matches!(t.words[i], "—" | "–" | "-" | "--") {
        return i + 1;
    }
    // "Philadelphia (AFP) –", "LOS ANGELES (AP) —": a place in any case, then the agency.
    let mut i = a;
    while i < end && i - a < 4 && t.is_capitalized(i) {
        i += 1;
    }
    let agency = i > a
        && i + 3 < end
        && t.words[i] == "("
        && t.words[i + 1].chars().all(|c| c.is_ascii_uppercase())
        && t.words[i + 2] == ")"
        && matches!(t.words[i + 3], "—" | "–" | "-" | "--");
    if agency {
        i + 4
    } else {
        a
    }
}

/// Where reported content holding a quotation ends: right after the closing mark
/// when what follows starts a clause or an adverbial of its own (`called it a
/// “disgrace” after she …`, `chanted “What curfew?” and kept going`, `was only
/// “partial,” meaning …`), not when it goes on with the quoted words' own
/// sentence (`it would be “improper” for him to speak`).
fn quotation_end(t: &Tokens, in_quote: &[bool], start: usize, end: usize) -> usize {
    for k in start..end.saturating_sub(1) {
        let closes = in_quote[k] && !in_quote[k + 1] && matches!(t.words[k], "”" | "\"" | "''");
        if !closes {
            continue;
        }
        let next = t.words[k + 1];
        let after = t.words.get(k + 2).copied().unwrap_or("");
        let participle = |w: &str| w.ends_with("ing") && w.chars().all(|c| c.is_ascii_lowercase());
        let cut = matches!(
            next,
            "after"
                | "during"
                | "before"
                | "when"
                | "while"
                | "until"
                | "since"
                | "because"
                | "as"
                | "but"
                | "—"
                | "--"
        ) || is_weekday(next)
            || (matches!(next, "and" | "or") && !(k + 1..end).any(|i| in_quote[i]))
            || (next == ","
                && (participle(after)
                    || matches!(
                        after,
                        "which" | "who" | "but" | "while" | "although" | "whereas" | "and" | "as"
                    )));
        if cut {
            return k + 1;
        }
    }
    end
}

/// Where a clause opening the sentence ends: `(end, next)`, its content's end and where
/// the main clause starts, at its first comma outside quotation marks or right after a
/// quotation closed by a comma (`After saying her foot was “so swollen,” she …`).
fn opening_clause_end(t: &Tokens, in_quote: &[bool], start: usize, end: usize) -> Option<Range> {
    (start + 1..end).find_map(|k| {
        if in_quote[k] {
            None
        } else if t.words[k] == "," {
            Some((k, k + 1))
        } else if in_quote[k - 1] && k >= 2 && t.words[k - 2] == "," {
            Some((k, k))
        } else {
            None
        }
    })
}

/// Where reported content that follows its cue ends: before a clause tacked on
/// after a comma ("…, contradicting the police", "…, which …", "…, but …"), so the
/// content is the reported proposition and not the rest of the sentence.
fn clause_end(t: &Tokens, in_quote: &[bool], start: usize, end: usize) -> usize {
    let lx = QuoteLexicon::get();
    (start + 3..end.saturating_sub(1))
        .find(|&k| {
            if in_quote[k] || !matches!(t.words[k], "," | "—" | "--" | ";") {
                return false;
            }
            let next = t.words[k + 1];
            let comma = t.words[k] == ",";
            // A semicolon outside quotation marks closes the reported clause.
            t.words[k] == ";"
                || (comma
                    && matches!(next, "which" | "while" | "although" | "but" | "whereas" | "with"))
                || (comma
                    && next.ends_with("ing")
                    && next.chars().all(|c| c.is_ascii_lowercase()))
                // "…, and he noted that …": a second attribution coordinated with the
                // first ends the first one's content.
                || (matches!(next, "and" | "but")
                    && (k + 2..(k + 8).min(end)).any(|j| !in_quote[j] && lx.cue_at(&t.words, j).is_some()))
        })
        .unwrap_or(end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::learn::hash::FeatHash;
    use crate::Segmenter;

    /// Cue texts found in `text` (segmented only) with `model`.
    fn cues(text: &str, model: &CueModel) -> Vec<String> {
        let mut doc = Document::new("t", text);
        Segmenter::new().process(&mut doc).unwrap();
        find(&doc, Some(model), None)
            .iter()
            .filter_map(|f| f.cue.map(|(a, b)| tokens_text(&doc, a, b)))
            .collect()
    }

    fn tokens_text(doc: &Document, a: usize, b: usize) -> String {
        (a..b)
            .map(|i| doc.token_text(i))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn a_learned_model_proposes_cues_and_vetoes_lexicon_ones() {
        // Feature template 1 is the lower-cased word (by its hash); template 0 the bias.
        let word = |w: &str| FeatHash::new(1).num(cue_model::word_hash(w)).finish();
        let mut m = CueModel::empty(12);
        m.update(&[FeatHash::new(0).finish()], cue_model::OUTSIDE, 1.0);
        m.update(&[word("scolded")], cue_model::BEGIN, 5.0);
        m.update(&[word("reportedly")], cue_model::BEGIN, 5.0);
        m.update(&[word("claimed")], cue_model::OUTSIDE, 20.0);
        m.threshold = 2.0;
        m.veto = 12.0;
        let text = "The coach scolded the referees for the late call.";
        assert_eq!(cues(text, &m), vec!["scolded"]);
        assert!(cues(text, &CueModel::empty(12)).is_empty());
        // A lexicon cue the model is sure about is dropped; one it is unsure about stays.
        assert!(cues("The coach claimed that the referees erred badly.", &m).is_empty());
        assert_eq!(
            cues("The coach said that the referees erred badly.", &m),
            vec!["said"]
        );
        // An adverb alone is not a cue, even when the model starts one there.
        assert!(cues(
            "The coach reportedly ignored the referees after the game.",
            &m
        )
        .is_empty());
    }
}

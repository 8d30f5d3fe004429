//! Reading a phrase that names a source: its head noun, number, determiner,
//! names and what the word lists of `data/sources/lexicon.txt` say of the head, and
//! from these a first kind (person, organization, anonymous, group, document,
//! author, other). The `quotes` stage writes this first kind on each source it
//! finds (so that `speakers` leaves unnamed sources alone); the `sources` stage
//! reads the same phrases again with coreference and anonymity statements and has
//! the final word.

pub mod lexicon;

pub use lexicon::SourceLexicon;

use crate::document::{Document, EntityLabel, SourceKind, TextSpan, TokenKind};
use lexicon::{NounClass, PronounClass};

/// What the classifier read from one mention.
#[derive(Debug, Clone, Default)]
pub struct Reading {
    pub kind: Option<SourceKind>,
    /// Token range of the mention (empty when it has none).
    pub toks: (usize, usize),
    /// End of the core phrase (before post-modifiers).
    pub core_end: usize,
    /// Start of the core phrase (after "one of").
    pub core_start: usize,
    pub head: Option<String>,
    pub lemma: Option<String>,
    pub plural: bool,
    pub definite: bool,
    pub indefinite: bool,
    pub pronoun: Option<PronounClass>,
    /// The head is a name (a PER/ORG entity or a capitalized word).
    pub named: bool,
    /// The word-list class of the head noun, if any.
    pub noun_class: Option<NounClass>,
    pub sentence: usize,
}

pub fn tok_text(doc: &Document, i: usize) -> &str {
    doc.tokens
        .get(i)
        .and_then(|t| doc.text.get(t.bytes.0 as usize..t.bytes.1 as usize))
        .unwrap_or("")
}

pub fn tokens_text(doc: &Document, a: usize, b: usize) -> String {
    if a >= b {
        return String::new();
    }
    match (doc.tokens.get(a), doc.tokens.get(b - 1)) {
        (Some(x), Some(y)) => doc
            .text
            .get(x.bytes.0 as usize..y.bytes.1 as usize)
            .unwrap_or("")
            .to_string(),
        _ => String::new(),
    }
}

pub fn span_of(doc: &Document, a: usize, b: usize) -> Option<TextSpan> {
    let (x, y) = (doc.tokens.get(a)?, doc.tokens.get(b.checked_sub(1)?)?);
    (a < b).then(|| TextSpan {
        start: x.start,
        end: y.end,
        text: tokens_text(doc, a, b),
    })
}

/// Tokens overlapping the code-point span `[start, end)`.
pub fn token_range(doc: &Document, start: u32, end: u32) -> (usize, usize) {
    let a = doc.tokens.partition_point(|t| t.end <= start);
    let b = doc.tokens.partition_point(|t| t.start < end);
    (a, b.max(a))
}

pub fn sentence_of(doc: &Document, tok: usize) -> usize {
    doc.sentences
        .partition_point(|s| (s.tokens.1 as usize) <= tok)
        .min(doc.sentences.len().saturating_sub(1))
}

pub fn strip_possessive(w: &str) -> &str {
    w.trim_end_matches("'s")
        .trim_end_matches("’s")
        .trim_end_matches('\'')
        .trim_end_matches('’')
}

pub fn capitalized(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

pub fn entity_at(doc: &Document, tok: usize) -> Option<EntityLabel> {
    doc.entities
        .iter()
        .find(|e| (e.tokens.0 as usize) <= tok && tok < e.tokens.1 as usize)
        .map(|e| e.label)
}

pub fn is_word(doc: &Document, i: usize) -> bool {
    doc.tokens.get(i).is_some_and(|t| {
        matches!(
            t.kind,
            TokenKind::Word | TokenKind::Number | TokenKind::Clitic
        ) || (t.kind == TokenKind::Punct && tok_text(doc, i) == "-")
    })
}

/// Read a token range as a source phrase.
pub fn read(doc: &Document, lx: &SourceLexicon, a: usize, b: usize) -> Reading {
    let mut r = Reading {
        toks: (a, b),
        sentence: sentence_of(doc, a),
        ..Reading::default()
    };
    // Trim punctuation and quotation marks at both ends.
    let (mut a, mut b) = (a, b.min(doc.tokens.len()));
    while a < b && !is_word(doc, a) {
        a += 1;
    }
    while b > a && !is_word(doc, b - 1) {
        b -= 1;
    }
    if a >= b {
        r.kind = Some(SourceKind::None);
        return r;
    }
    let low = |i: usize| tok_text(doc, i).to_lowercase();
    // A lone pronoun.
    if b - a == 1 {
        if let Some(p) = lx.pronoun(&low(a)) {
            r.pronoun = Some(p);
            r.core_start = a;
            r.core_end = b;
            r.kind = Some(match p {
                PronounClass::Author => SourceKind::Author,
                PronounClass::Singular => SourceKind::Person,
                PronounClass::Plural => SourceKind::Group,
                PronounClass::Neuter => SourceKind::Organization,
                PronounClass::Relative => SourceKind::Person,
                PronounClass::Other => SourceKind::Other,
            });
            r.plural = p == PronounClass::Plural;
            return r;
        }
    }
    // "one of Mr. Obama's advisers": the phrase after "of" is the core.
    let mut core_start = a;
    if b - a > 2 && low(a + 1) == "of" && lx.number(&low(a)).is_some() {
        core_start = a + 2;
    }
    // The core runs to the first post-modifier, or on through a name that spans it.
    let mut core_end = b;
    let mut i = core_start + 1;
    while i < b {
        let w = low(i);
        let in_entity = doc.entities.iter().any(|e| {
            (e.tokens.0 as usize) < i
                && i < e.tokens.1 as usize
                && e.tokens.0 as usize >= core_start
        });
        let prev = low(i - 1);
        let after_noun = is_word(doc, i - 1)
            && lx.number(&prev).is_none()
            && !lx.is_definite(&prev)
            && !lx.is_possessive(&prev)
            && prev != "and";
        let participle = after_noun
            && !capitalized(tok_text(doc, i))
            && w.len() > 4
            && (w.ends_with("ing") || w.ends_with("ed"));
        let pronoun = after_noun
            && matches!(
                lx.pronoun(&w),
                Some(PronounClass::Author | PronounClass::Singular | PronounClass::Plural)
            );
        // "familiar with", "close to", but "a familiar voice", "a close friend".
        let adjective = matches!(w.as_str(), "familiar" | "close" | "knowledgeable")
            && i + 1 < b
            && !matches!(
                low(i + 1).as_str(),
                "with" | "to" | "about" | "of" | "on" | "," | "who"
            );
        if (lx.is_postmod(&w) || participle || pronoun) && !in_entity && !adjective {
            core_end = i;
            break;
        }
        i += 1;
    }
    // A last word "I" ("my siblings and I") or a coordination of names.
    let words: Vec<String> = (core_start..core_end).map(low).collect();
    r.core_start = core_start;
    r.core_end = core_end;
    if words
        .last()
        .is_some_and(|w| lx.pronoun(w) == Some(PronounClass::Author))
    {
        r.kind = Some(SourceKind::Author);
        return r;
    }
    let first = low(a);
    r.indefinite = lx.number(&first) == Some("a");
    r.definite = lx.is_definite(&first);
    let head_tok = core_end.saturating_sub(1).max(core_start);
    let head_raw = tok_text(doc, head_tok);
    let head = strip_possessive(head_raw).to_lowercase();
    let two = if core_end >= core_start + 2 {
        Some(format!("{} {}", low(core_end - 2), head))
    } else {
        None
    };
    let noun = two
        .as_deref()
        .and_then(|t| lx.noun(t))
        .or_else(|| lx.noun(&head))
        .cloned();
    r.head = Some(head.clone());
    r.plural = noun.as_ref().map_or(
        head.ends_with('s') && !head.ends_with("ss") && head.len() > 3,
        |n| n.plural,
    );
    r.lemma = Some(noun.as_ref().map_or(head.clone(), |n| n.lemma.clone()));
    // Coordinated names: "Obama and Clinton", "China and Russia".
    if let Some(and) = (core_start..core_end).find(|&i| low(i) == "and") {
        let named = |i: usize| entity_at(doc, i).is_some() || capitalized(tok_text(doc, i));
        if and > core_start && named(and - 1) && named(head_tok) && noun.is_none() {
            r.kind = Some(SourceKind::Other);
            r.plural = true;
            return r;
        }
    }
    let head_entity = entity_at(doc, head_tok);
    let anonymizing_postmod = core_end < b
        && matches!(
            low(core_end).as_str(),
            "familiar" | "close" | "briefed" | "involved" | "knowledgeable" | "with" | "who"
        );
    // Only a determiner or number before a post-modifier: "those close to him" are
    // unnamed people; "those who back her opponents", "some with experience" a class.
    if noun.is_none()
        && core_end == core_start + 1
        && (lx.number(&head).is_some() || lx.is_definite(&head))
        && anonymizing_postmod
    {
        r.plural = true;
        if matches!(low(core_end).as_str(), "who" | "with") {
            r.kind = Some(SourceKind::Group);
        } else {
            r.kind = Some(SourceKind::Anonymous);
            r.lemma = Some("person".into());
        }
        return r;
    }
    // Quantifiers alone: "some", "all", "most of whom", "no one".
    let quantifier = |w: &str| {
        lx.number(w).is_some_and(|n| n != "a")
            || matches!(
                w,
                "all" | "none" | "no" | "everyone" | "everybody" | "nobody" | "others" | "whom"
            )
    };
    if noun.is_none()
        && words
            .iter()
            .all(|w| quantifier(w) || w == "one" || w == "of")
        && words.iter().any(|w| quantifier(w))
    {
        r.kind = Some(SourceKind::Group);
        r.plural = true;
        return r;
    }
    // A title or a known first name opens a person's name: "Mr. Trump", "Rush Limbaugh".
    let first_core = tok_text(doc, core_start);
    let titled = matches!(
        first_core.trim_end_matches('.').to_lowercase().as_str(),
        "mr" | "mrs" | "ms" | "dr" | "sen" | "rep" | "gov" | "president" | "senator"
    ) && core_end > core_start + 1;
    let first_named = core_end > core_start + 1
        && capitalized(head_raw)
        && crate::lexicon::first_names::is_first_name(first_core);
    if noun.is_none() && (titled || first_named) {
        r.named = true;
        r.kind = Some(SourceKind::Person);
        return r;
    }
    // A name in apposition: "Another critic, Laurence H. Tribe,", "An attorney for
    // Pagliano, Mark MacDougall,"; or given: "a worker named Antonio Arroyo".
    let person_at = |i: usize| {
        doc.entities.iter().any(|e| {
            e.label == EntityLabel::PER && e.tokens.0 as usize == i && (e.tokens.1 as usize) <= b
        })
    };
    let comma = (core_end..b).find(|&i| tok_text(doc, i) == ",");
    let named_after = core_end + 1 < b
        && matches!(low(core_end).as_str(), "named" | "called")
        && (person_at(core_end + 1) || capitalized(tok_text(doc, core_end + 1)));
    // The name may follow a title: ", Sen. Joe Lieberman", ", former Texas governor Rick Perry".
    // Not a list of examples: "Critics, like Senator Grassley,", "experts, including Mr. X";
    // not a title: "The ad, titled “Unifier?”,".
    let titled_thing = noun
        .as_ref()
        .is_some_and(|n| matches!(n.class, NounClass::Document | NounClass::Organization));
    // One person: a singular head, or "one of the family's attorneys, Justin Bamberg,".
    let appositive = (!r.plural || core_start > a)
        && !titled_thing
        && comma.is_some_and(|c| {
            (c + 1..(c + 6).min(b))
                .take_while(|&i| {
                    let w = low(i);
                    w != ","
                        && !lx.is_postmod(&w)
                        && !matches!(w.as_str(), "such" | "especially" | "notably" | "among")
                })
                .any(person_at)
        });
    if appositive || named_after {
        r.named = true;
        r.kind = Some(SourceKind::Person);
        return r;
    }
    // A body named in apposition: "one of the groups advocating …, Massachusetts
    // Democrats for Education Reform,".
    let body = noun
        .as_ref()
        .is_some_and(|n| matches!(n.class, NounClass::Group | NounClass::Organization));
    let org_appositive = body
        && comma.is_some_and(|c| {
            doc.entities.iter().any(|e| {
                e.label == EntityLabel::ORG
                    && e.tokens.0 as usize == c + 1
                    && (e.tokens.1 as usize) <= b
            })
        });
    if org_appositive {
        r.named = true;
        r.plural = false;
        r.kind = Some(SourceKind::Organization);
        return r;
    }
    // The tagger reads a surname as an organization in one place and a person in
    // another: a name the article also tags as a person is a person.
    let head_entity = head_entity.map(|label| {
        let person_elsewhere = label != EntityLabel::PER
            && doc.entities.iter().any(|e| {
                e.label == EntityLabel::PER
                    && e.text
                        .split_whitespace()
                        .any(|w| strip_possessive(w) == strip_possessive(head_raw))
            });
        if person_elsewhere {
            EntityLabel::PER
        } else {
            label
        }
    });
    if let Some(label) = head_entity {
        r.named = true;
        r.kind = Some(match label {
            EntityLabel::PER => SourceKind::Person,
            EntityLabel::ORG | EntityLabel::LOC => SourceKind::Organization,
            EntityLabel::MISC if r.plural => SourceKind::Group,
            EntityLabel::MISC if r.indefinite => SourceKind::Anonymous,
            EntityLabel::MISC => SourceKind::Person,
        });
        // A role noun tagged as part of an organization name ("Clinton aides") stays a role.
        if !matches!(noun.as_ref().map(|n| n.class), Some(NounClass::Anonymous))
            || capitalized(head_raw)
        {
            return r;
        }
        r.named = false;
    }
    r.noun_class = noun.as_ref().map(|n| n.class);
    if let Some(and) = (core_start + 1..core_end).find(|&i| low(i) == "and") {
        let left = strip_possessive(&low(and - 1)).to_string();
        // A named person and others: "The Republican nominee and his aides".
        let left_person = entity_at(doc, and - 1) == Some(EntityLabel::PER)
            || lx
                .noun(&left)
                .is_some_and(|n| n.class == NounClass::PersonRole)
            || (and == core_start + 1 && lx.pronoun(&left) == Some(PronounClass::Singular));
        if left_person {
            r.kind = Some(SourceKind::Other);
            r.plural = true;
            return r;
        }
        if let Some(ln) = lx.noun(&left) {
            if ln.plural && ln.class != NounClass::Anonymous {
                r.kind = Some(SourceKind::Group);
                r.plural = true;
                return r;
            }
        }
    }
    if let Some(n) = &noun {
        r.kind = Some(match n.class {
            NounClass::Anonymous if n.lemma == "person" => {
                if anonymizing_postmod || r.indefinite {
                    SourceKind::Anonymous
                } else {
                    SourceKind::Group
                }
            }
            // "elected officials" are politicians, not withheld names.
            // "any taxpayer", "every voter": anyone of a class.
            NounClass::Anonymous | NounClass::AnonIndefinite
                if (a..head_tok).any(|i| lx.is_generic(&low(i))) =>
            {
                SourceKind::Group
            }
            // "Obama's former campaign strategist": one person, identified.
            NounClass::Anonymous
                if !n.plural
                    && doc.entities.iter().any(|e| {
                        e.label == EntityLabel::PER
                            && e.tokens.0 as usize >= core_start
                            && (e.tokens.1 as usize) < head_tok
                    })
                    && (core_start..head_tok).any(|i| {
                        matches!(tok_text(doc, i), "'s" | "’s")
                            || tok_text(doc, i).ends_with("'s")
                            || tok_text(doc, i).ends_with("’s")
                    }) =>
            {
                SourceKind::Person
            }
            NounClass::Anonymous => SourceKind::Anonymous,
            // "one of the docs": one unnamed member of a group.
            NounClass::Group | NounClass::AnonIndefinite
                if n.plural && core_start > a && lx.number(&first) == Some("a") =>
            {
                SourceKind::Anonymous
            }
            NounClass::Spokes => SourceKind::Organization,
            NounClass::PersonRole if n.plural => SourceKind::Group,
            NounClass::PersonRole => SourceKind::Person,
            NounClass::Organization => SourceKind::Organization,
            NounClass::Document => SourceKind::Document,
            NounClass::AnonIndefinite if !n.plural && r.indefinite => SourceKind::Anonymous,
            // "Several former RT journalists", "a dozen Carrier workers": counted people
            // placed by an employer or standing, not a class of people.
            NounClass::AnonIndefinite
                if n.plural
                    && lx
                        .number(&first)
                        .is_some_and(|w| !matches!(w, "many" | "most" | "other" | "both"))
                    && (a + 1..head_tok).any(|i| {
                        entity_at(doc, i) == Some(EntityLabel::ORG) || lx.is_seniority(&low(i))
                    }) =>
            {
                SourceKind::Anonymous
            }
            NounClass::AnonIndefinite if n.plural => SourceKind::Group,
            NounClass::AnonIndefinite => SourceKind::Person,
            NounClass::Group => SourceKind::Group,
        });
        return r;
    }
    // No word list knows the head: a name, or a common noun.
    if capitalized(head_raw) {
        r.named = true;
        let letters: Vec<char> = head_raw.chars().filter(|c| c.is_alphabetic()).collect();
        let acronym = letters.len() <= 4 && letters.iter().all(|c| c.is_uppercase());
        // "PolitiFact", "RealClearPolitics": inner capitals mark a brand.
        let camel = letters.len() > 3
            && letters[1..].iter().any(|c| c.is_uppercase())
            && letters.iter().any(|c| c.is_lowercase());
        let plural_common = letters.len() > 4
            && head_raw.ends_with('s')
            && !head_raw.ends_with("ss")
            && core_end == core_start + 1;
        r.kind = Some(if acronym || camel || r.definite {
            SourceKind::Organization
        } else if plural_common {
            r.plural = true;
            SourceKind::Group
        } else {
            SourceKind::Person
        });
        return r;
    }
    r.kind = Some(
        if r.plural && core_start > a && lx.number(&first) == Some("a") {
            SourceKind::Anonymous
        } else if r.plural {
            SourceKind::Group
        } else {
            SourceKind::Person
        },
    );
    r
}

/// The kind of the source phrase in tokens `[a, b)` read on its own, without
/// coreference, statements or the speakers stage's evidence: the first
/// classification the `quotes` stage writes (so that `speakers` can leave unnamed
/// sources alone). [`classify_sources`] has the final word.
pub fn classify_phrase(doc: &Document, a: usize, b: usize) -> SourceKind {
    read(doc, SourceLexicon::get(), a, b)
        .kind
        .unwrap_or(SourceKind::Other)
}

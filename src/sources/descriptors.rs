//! Descriptors of anonymous sources: number ("a", "two", "plural"), role (the head's
//! lemma), seniority and affiliation (modifiers before the head, or "to", "at",
//! "for" … a name after it), and the reason the chain's statement gives. A mention
//! that refers back fills what it lacks from its antecedent's descriptor.

use crate::document::{Document, SourceDescriptor};
use crate::phrase::lexicon::SourceLexicon;
use crate::phrase::{capitalized, is_word, strip_possessive, tok_text, tokens_text, Reading};
use crate::sources::coreference::Chains;
use crate::sources::statements::ChainCues;
use crate::sources::words::words;

/// Write a descriptor on every anonymous source, in text order (`order`), so that
/// an antecedent's is written before the mentions that refer to it.
pub fn write(
    doc: &mut Document,
    lx: &SourceLexicon,
    readings: &[Reading],
    order: &[usize],
    chains: &Chains,
    chain_cue: &ChainCues,
) {
    for &i in order {
        if !doc.sources[i].anonymous {
            continue;
        }
        let mut d = descriptor(doc, lx, &readings[i]);
        if let Some(j) = chains.antecedent[i] {
            if let Some(Some(up)) = doc.sources.get(j).map(|s| s.descriptor.clone()) {
                d.seniority = d.seniority.or(up.seniority);
                d.affiliation = d.affiliation.or(up.affiliation);
                if readings[i].pronoun.is_some() {
                    d.role = d.role.or(up.role);
                    d.number = up.number.or(d.number);
                }
            }
        }
        d.reason = chain_cue.get(&chains.root(i)).and_then(|c| c.1.clone());
        doc.sources[i].descriptor = Some(d);
    }
}

/// Number, role, seniority and affiliation of an unnamed source.
fn descriptor(doc: &Document, lx: &SourceLexicon, r: &Reading) -> SourceDescriptor {
    let mut d = SourceDescriptor::default();
    let (a, b) = r.toks;
    if a >= b {
        return d;
    }
    if r.pronoun.is_some() {
        d.number = Some(if r.plural { "plural" } else { "a" }.into());
        return d;
    }
    let low = |i: usize| tok_text(doc, i).to_lowercase();
    let wl = words();
    let (cs, ce) = (r.core_start.max(a), r.core_end.min(b));
    let mut i = a;
    while i < b && !is_word(doc, i) {
        i += 1;
    }
    d.number = Some(match lx.number(&low(i)) {
        Some(n) => n.to_string(),
        None if r.plural => "plural".into(),
        None => "a".into(),
    });
    // Modifiers between the determiner and the head.
    let head_tok = ce.saturating_sub(1);
    let mut aff: Option<(usize, usize)> = None;
    let mut j = cs;
    while j < head_tok {
        let w = low(j);
        let raw = tok_text(doc, j);
        if lx.number(&w).is_some() || lx.is_definite(&w) || lx.is_possessive(&w) || w == "of" {
            j += 1;
            continue;
        }
        if lx.is_seniority(&w) {
            d.seniority.get_or_insert(w);
        } else if capitalized(raw)
            || lx.is_affiliation(&w)
            || raw.ends_with("'s")
            || raw.ends_with("’s")
        {
            aff = Some(aff.map_or((j, j + 1), |(s, _)| (s, j + 1)));
        } else if tok_text(doc, j) == "'s" || tok_text(doc, j) == "’s" {
            // A possessive clitic ends the affiliation ("Obama 's aides").
        } else if aff.is_some() {
            // A lowercase word that is no affiliation ends a run only if nothing follows.
        }
        j += 1;
    }
    // "advisers to Mr. Obama", "officials at the agency", "a reporter for USA Today".
    if aff.is_none() && ce < b && wl.affiliation_prepositions.contains(&low(ce)) {
        let mut s = ce + 1;
        while s < b && lx.is_definite(&low(s)) {
            s += 1;
        }
        let mut e = s;
        while e < b
            && is_word(doc, e)
            && (capitalized(tok_text(doc, e)) || wl.affiliation_joiners.contains(&low(e)))
        {
            e += 1;
        }
        while e > s && wl.affiliation_joiners.contains(&low(e - 1)) {
            e -= 1;
        }
        if e > s {
            aff = Some((s, e));
        }
    }
    d.affiliation = aff
        .map(|(s, e)| {
            strip_possessive(&tokens_text(doc, s, e))
                .trim_end_matches(" 's")
                .trim_end_matches(" ’s")
                .to_string()
        })
        .filter(|t| !t.is_empty());
    let lemma = r.lemma.clone().unwrap_or_default();
    d.role = Some(
        if lemma == "person" && ce < b && !tok_text(doc, ce).starts_with(',') {
            format!("person {}", tokens_text(doc, ce, b).trim_end_matches(','))
        } else {
            lemma
        },
    )
    .filter(|s| !s.is_empty());
    d
}

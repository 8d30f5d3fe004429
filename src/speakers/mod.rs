//! The `speakers` stage: entity clusters, and each quote's source resolved to one.
//!
//! The files, in the order the stage runs them:
//!
//! 1. **`clusters.rs`: who is the same entity.** Person mentions join the cluster
//!    of an earlier person with the same surname ("Trump" → "Donald Trump"),
//!    unless both carry different first names ("Bill Clinton" / "Hillary
//!    Clinton"); organizations join on the same name, an acronym, or a trailing
//!    word of an earlier one ("the Post"). The canonical name is the fullest
//!    mention. Honorifics and first names give a gender for pronouns. What counts
//!    as a name's words, its surname, a title or an acronym is `names.rs`.
//! 2. **`roles.rs`: who holds which role.** A title before a name ("President
//!    Trump", "Sen. Warren") or an apposition after it ("Jim Mattis, the defense
//!    secretary,") ties a role to the cluster, so "the president" and "the
//!    defense secretary" resolve; which nouns name a person's role.
//! 3. **`resolve.rs`: each source's speaker**, in text order. The phrase is read
//!    once (`heads.rs`: its head, head noun, role noun, leading pronoun), then
//!    tried in this order, the first answer winning:
//!    - `named.rs`: a name the source phrase gives: before its apposition, inside
//!      it, a surname in capitals, or one the tagger missed;
//!    - `bodies.rs`: "her campaign", "the Obama administration" (a body named
//!      after its leader), "the commission", "police";
//!    - the roles of step 2 ("the defense secretary");
//!    - `pronouns.rs`: "he"/"she" to the most recent compatible person before it,
//!      "it" and "the union" to an organization, ", who" to the name before it,
//!      "the Indiana governor" like a pronoun; the mentions a pronoun looks back
//!      over, outside quote contents, are `mentions.rs`.
//!
//!    (`resolve.rs` lists the exact order.) Unnamed sources resolve to none. A
//!    quote that continues another takes its speaker.
//!
//! The word lists all of them test words against are `words.rs`
//! (`data/speakers/words.txt`).

mod bodies;
mod clusters;
mod heads;
mod mentions;
mod named;
mod names;
mod pronouns;
mod resolve;
mod roles;
mod surnames;
mod words;

use crate::document::Document;
use crate::stage::{Processor, ProcessorError};

/// The speaker-resolution stage. Stateless.
#[derive(Debug, Clone, Copy, Default)]
pub struct SpeakerResolver;

impl SpeakerResolver {
    pub fn new() -> Self {
        SpeakerResolver
    }
}

impl Processor for SpeakerResolver {
    fn name(&self) -> &str {
        "speakers"
    }

    fn process(&self, doc: &mut Document) -> Result<(), ProcessorError> {
        let genders = clusters::cluster_entities(doc);
        let roles = roles::roles(doc);
        resolve::resolve_sources(doc, &roles, &genders);
        Ok(())
    }
}

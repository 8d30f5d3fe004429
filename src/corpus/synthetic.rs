//! A generator of synthetic news articles, for benchmarks and load tests.
//!
//! Articles are stitched from sentence templates with names, places,
//! organizations, numbers and quotes drawn by a seeded generator, so a corpus
//! of any size can be made on any machine, byte for byte the same, without
//! shipping anyone's articles.

use serde_json::json;

const FIRST: &[&str] = &[
    "Maria", "James", "Aisha", "Daniel", "Kirstjen", "Robert", "Elena", "Samuel", "Priya",
    "Thomas", "Grace", "Luis", "Hannah", "Omar", "Claire", "Viktor",
];
const LAST: &[&str] = &[
    "Alvarez",
    "Whitfield",
    "Okafor",
    "Brennan",
    "Nakamura",
    "Lindqvist",
    "Moreau",
    "Patel",
    "Hughes",
    "Kowalski",
    "O'Neill",
    "Duarte",
    "Fischer",
    "Adeyemi",
];
const TITLES: &[&str] = &["Sen.", "Gov.", "Rep.", "Dr.", "Mr.", "Ms.", "Gen.", "Mrs."];
const ORGS: &[&str] = &[
    "the Defense Department",
    "the Federal Reserve",
    "Northwind Corp.",
    "the State Department",
    "the U.N. Security Council",
    "Acme Inc.",
    "the City Council",
    "the World Bank",
];
const PLACES: &[&str] = &[
    "WASHINGTON",
    "LONDON",
    "NAIROBI",
    "Springfield",
    "the U.S.",
    "Brussels",
    "Lagos",
    "Ohio",
    "St. Louis",
    "Washington, D.C.",
];
const ROLES: &[&str] = &[
    "official",
    "spokeswoman",
    "aide",
    "analyst",
    "adviser",
    "economist",
];
const CUES: &[&str] = &[
    "said",
    "told reporters",
    "added",
    "warned",
    "wrote on Twitter",
    "argued",
];

/// A splitmix64 generator: tiny, fast, and the same everywhere.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

fn person(rng: &mut Rng) -> String {
    match rng.below(3) {
        0 => format!("{} {}", rng.pick(FIRST), rng.pick(LAST)),
        1 => format!("{} {}", rng.pick(TITLES), rng.pick(LAST)),
        _ => format!(
            "{} {}. {}",
            rng.pick(FIRST),
            (b'A' + rng.below(26) as u8) as char,
            rng.pick(LAST)
        ),
    }
}

fn sentence(rng: &mut Rng) -> String {
    let p = person(rng);
    let org = rng.pick(ORGS);
    let place = rng.pick(PLACES);
    let n = rng.below(9000) + 10;
    let cue = rng.pick(CUES);
    match rng.below(10) {
        0 => format!("“We will not back down from this fight,” {p} {cue}. “Not now, not ever.”"),
        1 => format!("{p}, who leads {org}, {cue} that {n} jobs were at stake in {place}."),
        2 => format!("The plan would cost about ${}.{} billion, up {}% from last year's estimate.", n / 100, n % 10, n % 40 + 1),
        3 => format!("A senior {} {cue}, speaking on condition of anonymity because he wasn't authorized to comment, that the talks had stalled.", rng.pick(ROLES)),
        4 => format!("According to {org}, at least {n} people attended the meeting on Jan. {} at 10:30 a.m.", rng.below(28) + 1),
        5 => format!("{place} — Officials in {place} don't expect a decision before Oct. {}, {} {cue}.", rng.below(30) + 1, p),
        6 => format!("In a post on @{}{} with the tag #{}{}, {p} called it \"a disgrace\"... Critics disagreed.", rng.pick(LAST).replace('\'', ""), n % 100, rng.pick(FIRST), n % 10),
        7 => format!("Details were posted at https://example.org/news/{n}, and questions go to press@example.org."),
        8 => format!("“It’s a mess,” {p} {cue}, adding that {org}’s response — which came {n} minutes late — “was not enough.”"),
        _ => format!("{p} met {} in {place} on Tuesday; the two did not take questions.", person(rng)),
    }
}

/// The text of synthetic article `i` of a corpus made with `seed`.
pub fn article(seed: u64, i: u64) -> String {
    let mut rng = Rng::new(seed ^ i.wrapping_mul(0xA076_1D64_78BD_642F));
    let mut text = format!(
        "{} {} in {}\n\n",
        person(&mut rng),
        rng.pick(CUES),
        rng.pick(PLACES)
    );
    let paragraphs = 3 + rng.below(8);
    for _ in 0..paragraphs {
        let sentences = 1 + rng.below(4);
        for s in 0..sentences {
            if s > 0 {
                text.push(' ');
            }
            text.push_str(&sentence(&mut rng));
        }
        text.push_str("\n\n");
    }
    text
}

/// Article `i` as a JSON Lines record, with an id and a metadata field.
pub fn jsonl_record(seed: u64, i: u64) -> String {
    json!({"id": format!("synthetic-{i}"), "text": article(seed, i), "source": "byline generate"})
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_varied() {
        assert_eq!(article(1, 5), article(1, 5));
        assert_ne!(article(1, 5), article(1, 6));
        assert!(article(1, 5).len() > 200);
        let v: serde_json::Value = serde_json::from_str(&jsonl_record(1, 2)).unwrap();
        assert_eq!(v["id"], "synthetic-2");
    }
}

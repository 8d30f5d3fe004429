//! Feature extraction: each token becomes a list of hashed feature keys.
//!
//! Features of token `i` in a sentence, all from words alone (no POS):
//! the word form and its normalised form (lower case, digits → `0`) in a
//! window of ±2, word bigrams, word shape (`Xxxx`, `XX`, `d,ddd`) and its
//! collapsed form in a window of ±1, prefixes and suffixes up to 4 characters,
//! word-vector cluster ids (k-means over GloVe at several granularities) in a
//! window of ±2, gazetteer matches (BILU position within the match), optional
//! dense features (the word vectors of the token and its neighbours, scored in
//! `model::add_dense`), and
//! document features: how the same word is cased elsewhere in the article, which
//! tells a headline's "BRUSSELS" or a sentence-initial "Jordan" from a common word.

use crate::learn::hash::{FeatHash, IdMap};
use std::collections::HashMap;

/// Which feature groups are on; stored in the model so tagging matches training.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeatureConfig {
    pub clusters: bool,
    pub gazetteer: bool,
    pub document: bool,
    pub affixes: bool,
    /// Cased cluster ids (en_core_web_md), looked up on the exact form.
    pub cased_clusters: bool,
    /// Dense features: the word vectors of the token and its neighbours (±1).
    pub vectors: bool,
}

impl Default for FeatureConfig {
    fn default() -> Self {
        FeatureConfig {
            clusters: true,
            gazetteer: true,
            document: true,
            affixes: true,
            cased_clusters: false,
            vectors: false,
        }
    }
}

impl FeatureConfig {
    pub fn to_bits(self) -> u32 {
        (self.clusters as u32)
            | (self.gazetteer as u32) << 1
            | (self.document as u32) << 2
            | (self.affixes as u32) << 3
            | (self.cased_clusters as u32) << 4
            | (self.vectors as u32) << 5
    }
    pub fn from_bits(b: u32) -> Self {
        FeatureConfig {
            clusters: b & 1 != 0,
            gazetteer: b & 2 != 0,
            document: b & 4 != 0,
            affixes: b & 8 != 0,
            cased_clusters: b & 16 != 0,
            vectors: b & 32 != 0,
        }
    }
}

/// Word resources shipped inside the model: cluster ids and gazetteer phrases.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    /// GloVe clusters, keyed by the normalised (lower-case) word.
    pub clusters: ClusterTable,
    /// Cased clusters (en_core_web_md), keyed by the exact form.
    pub cased: ClusterTable,
    /// Word vectors, keyed by the normalised word (dense features).
    pub vectors: VectorTable,
    /// Lower-cased phrase (tokens joined by one space) → bit set of gazetteer lists.
    pub gazetteer: HashMap<String, u32>,
    pub gazetteer_names: Vec<String>,
    pub gazetteer_max_len: usize,
    /// Lookup form of `gazetteer` (see [`Lexicon::index_gazetteer`]): phrase hash →
    /// its lists (low 32 bits) and [`GAZ_PREFIX`] when a longer phrase starts with it.
    pub gazetteer_index: IdMap<u64>,
    /// Lookup form of `vectors` (see [`Lexicon::index_vectors`]): for each cluster
    /// row, the vector row of the same word (`u32::MAX`: none), so that a token's one
    /// cluster lookup also finds its vector; empty when not built.
    pub vector_rows_by_cluster: Vec<u32>,
    /// Whether some word has a vector but no clusters (its vector is then looked up
    /// by name).
    pub vectors_beyond_clusters: bool,
}

/// In `gazetteer_index`: a longer phrase begins with this one.
pub const GAZ_PREFIX: u64 = 1 << 32;

/// Hash of a gazetteer phrase, extended one normalised token at a time.
#[inline]
fn gaz_hash(h: FeatHash, token: &str) -> FeatHash {
    h.str(token)
}

impl Lexicon {
    /// Read `list<TAB>phrase` lines (phrases tokenized CoNLL-style, space-separated).
    pub fn load_gazetteer(&mut self, text: &str) -> Result<(), String> {
        for line in text.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let Some((list, phrase)) = line.split_once('\t') else {
                return Err(format!("gazetteer line without a tab: {line:?}"));
            };
            let id = match self.gazetteer_names.iter().position(|n| n == list) {
                Some(i) => i,
                None => {
                    if self.gazetteer_names.len() >= 32 {
                        return Err("more than 32 gazetteer lists".into());
                    }
                    self.gazetteer_names.push(list.to_string());
                    self.gazetteer_names.len() - 1
                }
            };
            let norm: Vec<String> = phrase.split_whitespace().map(normalize).collect();
            if norm.is_empty() {
                continue;
            }
            self.gazetteer_max_len = self.gazetteer_max_len.max(norm.len());
            *self.gazetteer.entry(norm.join(" ")).or_insert(0) |= 1 << id;
        }
        self.gazetteer_max_len = self.gazetteer_max_len.min(6);
        self.index_gazetteer();
        Ok(())
    }

    /// Build `gazetteer_index` from `gazetteer`: each phrase's hash with its lists, and
    /// each of its proper prefixes marked as one, so matching stops at the first token
    /// that no phrase continues with (one lookup for most tokens).
    pub fn index_gazetteer(&mut self) {
        let mut index: IdMap<u64> = IdMap::default();
        for (phrase, &mask) in &self.gazetteer {
            let toks: Vec<&str> = phrase.split(' ').collect();
            if toks.len() > self.gazetteer_max_len {
                continue;
            }
            let mut h = FeatHash::new(60);
            for (k, t) in toks.iter().enumerate() {
                h = gaz_hash(h, t);
                let e = index.entry(h.finish()).or_insert(0);
                if k + 1 == toks.len() {
                    *e |= mask as u64;
                } else {
                    *e |= GAZ_PREFIX;
                }
            }
        }
        self.gazetteer_index = index;
    }

    /// Build `vector_rows_by_cluster` (call after changing `clusters` or `vectors`).
    pub fn index_vectors(&mut self) {
        self.vector_rows_by_cluster.clear();
        if self.vectors.is_empty() || self.clusters.is_empty() {
            return;
        }
        let mut by_cluster = vec![u32::MAX; self.clusters.len()];
        self.vectors_beyond_clusters = false;
        for (word, &row) in &self.vectors.index {
            match self
                .clusters
                .index
                .get(word.as_str())
                .and_then(|&c| by_cluster.get_mut(c as usize))
            {
                Some(slot) => *slot = row,
                None => self.vectors_beyond_clusters = true,
            }
        }
        self.vector_rows_by_cluster = by_cluster;
    }

    /// The vector row of a normalised word whose cluster row is `cluster_row` (`None`:
    /// not in the cluster table, or clusters not looked up), `u32::MAX` for none.
    #[inline]
    fn vector_row(&self, norm: &str, cluster_row: Option<u32>) -> u32 {
        if self.vector_rows_by_cluster.is_empty() {
            return self.vectors.row_of(norm);
        }
        match cluster_row {
            Some(r) => self
                .vector_rows_by_cluster
                .get(r as usize)
                .copied()
                .unwrap_or(u32::MAX),
            None if self.vectors_beyond_clusters => self.vectors.row_of(norm),
            None => u32::MAX,
        }
    }

    /// Cased cluster ids of a form; an ALL-CAPS form falls back to its capitalised
    /// spelling ("BRUSSELS" → "Brussels"), so headlines get them too.
    fn cased_clusters_of(&self, form: &str) -> Option<&[u16]> {
        if self.cased.index.is_empty() || !form.chars().any(char::is_uppercase) {
            return None;
        }
        self.cased.get(form).or_else(|| {
            if form.chars().nth(1).is_none() || form.chars().any(char::is_lowercase) {
                return None;
            }
            let mut chars = form.chars();
            let title: String = chars
                .next()
                .into_iter()
                .chain(chars.flat_map(char::to_lowercase))
                .collect();
            self.cased.get(&title)
        })
    }
}

/// Word-cluster ids at several granularities: word → row, the ids row-major.
#[derive(Debug, Clone, Default)]
pub struct ClusterTable {
    /// Ids per word (one per granularity).
    pub granularities: usize,
    pub index: HashMap<String, u32>,
    pub ids: Vec<u16>,
}

impl ClusterTable {
    /// Parse `word<TAB>id<TAB>id…` lines; `#` lines are comments; a repeated word
    /// keeps its first row.
    pub fn parse(text: &str) -> Result<ClusterTable, String> {
        let mut t = ClusterTable::default();
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let mut cols = line.split('\t');
            let word = cols.next().unwrap_or("");
            let ids: Vec<u16> = cols
                .map(|c| c.trim().parse::<u16>())
                .collect::<Result<_, _>>()
                .map_err(|e| format!("clusters line {}: {e}", n + 1))?;
            if t.granularities == 0 {
                t.granularities = ids.len();
            }
            if ids.len() != t.granularities || ids.is_empty() {
                return Err(format!("clusters line {}: wrong number of ids", n + 1));
            }
            if t.index.contains_key(word) {
                continue;
            }
            t.push(word.to_string(), &ids);
        }
        Ok(t)
    }

    /// Add a word with its ids (one per granularity) as the next row.
    pub fn push(&mut self, word: String, ids: &[u16]) {
        let row = (self.ids.len() / self.granularities.max(1)) as u32;
        self.index.insert(word, row);
        self.ids.extend_from_slice(ids);
    }

    pub fn get(&self, key: &str) -> Option<&[u16]> {
        self.get_with_row(key).map(|(_, ids)| ids)
    }

    /// A word's row and ids.
    #[inline]
    pub fn get_with_row(&self, key: &str) -> Option<(u32, &[u16])> {
        let g = self.granularities;
        let row = *self.index.get(key)?;
        let at = row as usize * g;
        Some((row, self.ids.get(at..at + g)?))
    }

    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// Words in row order.
    pub fn rows(&self) -> Vec<(&str, &[u16])> {
        let mut words: Vec<(&String, &u32)> = self.index.iter().collect();
        words.sort_by_key(|(_, &i)| i);
        let g = self.granularities;
        words
            .into_iter()
            .map(|(w, &i)| (w.as_str(), &self.ids[i as usize * g..(i as usize + 1) * g]))
            .collect()
    }
}

/// Tokens whose vectors feed the dense features: offsets -1, 0, +1.
pub const VEC_WINDOW: usize = 3;

/// Word vectors, quantised to 8 bits: word → row, `values[row * dim..]` × `scale`.
#[derive(Debug, Clone, Default)]
pub struct VectorTable {
    pub dim: usize,
    /// Fx-hashed: looked up once per token.
    pub index: rustc_hash::FxHashMap<String, u32>,
    pub values: Vec<i8>,
    pub scale: f32,
}

impl VectorTable {
    /// Parse `word<TAB>v1 v2 …` lines (`#` lines are comments; a repeated word keeps
    /// its first row), multiply by `factor` and quantise to 8 bits.
    pub fn parse(text: &str, factor: f32) -> Result<VectorTable, String> {
        let mut words = Vec::new();
        let mut vals: Vec<f32> = Vec::new();
        let mut dim = 0;
        let mut seen = std::collections::HashSet::new();
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let (word, rest) = line
                .split_once('\t')
                .ok_or_else(|| format!("vectors line {}: no tab", n + 1))?;
            let v: Vec<f32> = rest
                .split_whitespace()
                .map(str::parse::<f32>)
                .collect::<Result<_, _>>()
                .map_err(|e| format!("vectors line {}: {e}", n + 1))?;
            if dim == 0 {
                dim = v.len();
            }
            if v.len() != dim || dim == 0 {
                return Err(format!("vectors line {}: wrong dimension", n + 1));
            }
            if !seen.insert(word) {
                continue;
            }
            words.push(word);
            vals.extend(v.iter().map(|x| x * factor));
        }
        let max = vals.iter().fold(0f32, |m, x| m.max(x.abs()));
        let scale = if max > 0.0 { max / 127.0 } else { 1.0 };
        Ok(VectorTable {
            dim,
            index: words
                .iter()
                .enumerate()
                .map(|(i, w)| (w.to_string(), i as u32))
                .collect(),
            values: vals.iter().map(|x| (x / scale).round() as i8).collect(),
            scale,
        })
    }

    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// Row of a word, `u32::MAX` for none.
    pub fn row_of(&self, key: &str) -> u32 {
        self.index.get(key).copied().unwrap_or(u32::MAX)
    }

    /// The de-quantised vector of a row (empty for `u32::MAX` or a bad row).
    #[inline]
    pub fn vector(&self, row: u32, out: &mut Vec<f32>) {
        out.clear();
        let at = row as usize * self.dim;
        if let Some(v) = self.values.get(at..at + self.dim) {
            out.extend(v.iter().map(|&q| q as f32 * self.scale));
        }
    }

    /// Words in row order.
    pub fn rows(&self) -> Vec<&str> {
        let mut words: Vec<(&String, &u32)> = self.index.iter().collect();
        words.sort_by_key(|(_, &i)| i);
        words.into_iter().map(|(w, _)| w.as_str()).collect()
    }
}

/// Lower case with every digit mapped to `0`.
pub fn normalize(w: &str) -> String {
    let mut s = String::with_capacity(w.len());
    for c in w.chars() {
        if c.is_ascii_digit() {
            s.push('0');
        } else if c.is_uppercase() {
            s.extend(c.to_lowercase());
        } else {
            s.push(c);
        }
    }
    s
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Caps {
    NoLetter = 0,
    Lower = 1,
    Init = 2,
    All = 3,
    Mixed = 4,
}

fn caps_of(w: &str) -> Caps {
    let (mut up, mut low, mut first_up) = (0usize, 0usize, false);
    for (i, c) in w.chars().enumerate() {
        if c.is_uppercase() {
            up += 1;
            if i == 0 {
                first_up = true;
            }
        } else if c.is_lowercase() {
            low += 1;
        }
    }
    match (up, low) {
        (0, 0) => Caps::NoLetter,
        (0, _) => Caps::Lower,
        (_, 0) => Caps::All,
        (1, _) if first_up => Caps::Init,
        _ if first_up => Caps::Mixed,
        _ => Caps::Mixed,
    }
}

fn shape(w: &str, collapse: bool) -> String {
    let mut s = String::with_capacity(8);
    let mut last = '\0';
    for (n, c) in w.chars().enumerate() {
        let m = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else if c.is_alphabetic() {
            'a'
        } else {
            c
        };
        if collapse && m == last {
            continue;
        }
        if !collapse && n >= 12 {
            s.push('~');
            break;
        }
        s.push(m);
        last = m;
    }
    s
}

struct Tok<'a> {
    form: &'a str,
    norm: String,
    shape: String,
    short: String,
    caps: Caps,
    clusters: Option<&'a [u16]>,
    cased: Option<&'a [u16]>,
    /// Row in the vector table (`u32::MAX`: none, or no dense features).
    vec_row: u32,
}

const BOS: &str = "<s>";
const EOS: &str = "</s>";

/// Features of one document: for each sentence, for each token, a range into `keys`.
#[derive(Debug, Default, Clone)]
pub struct DocFeatures {
    pub keys: Vec<u64>,
    /// `offsets[s][i]..offsets[s][i+1]` are the keys of token i of sentence s.
    pub offsets: Vec<Vec<u32>>,
    /// Per sentence, the vector row of each token (`u32::MAX`: none); empty without
    /// dense features.
    pub vec_rows: Vec<Vec<u32>>,
}

impl DocFeatures {
    pub fn token(&self, s: usize, i: usize) -> &[u64] {
        let o = &self.offsets[s];
        &self.keys[o[i] as usize..o[i + 1] as usize]
    }

    /// Vector rows of the tokens at offsets -1, 0, +1 of token i (`u32::MAX`: none).
    pub fn window_rows(&self, s: usize, i: usize) -> [u32; VEC_WINDOW] {
        let Some(r) = self.vec_rows.get(s) else {
            return [u32::MAX; VEC_WINDOW];
        };
        let at = |j: Option<usize>| j.and_then(|j| r.get(j)).copied().unwrap_or(u32::MAX);
        [at(i.checked_sub(1)), at(Some(i)), at(Some(i + 1))]
    }
}

/// Whether a sentence is a headline-style ALL-CAPS line.
fn all_caps_sentence(toks: &[Tok]) -> bool {
    let mut letters = 0;
    for t in toks {
        match t.caps {
            Caps::Lower | Caps::Init | Caps::Mixed => return false,
            Caps::All => letters += 1,
            Caps::NoLetter => {}
        }
    }
    letters >= 1
}

/// Cluster features of token `i`: the ids of its neighbours within `reach` (a
/// namespace per granularity and offset, one for "no ids"), and its own ids × its
/// short shape.
fn cluster_features<'a>(
    f: &mut impl FnMut(FeatHash),
    (window, with_shape): (u32, u32),
    sent: &[Tok<'a>],
    i: isize,
    reach: isize,
    short: &str,
    ids_of: impl Fn(&Tok<'a>) -> Option<&'a [u16]>,
) {
    for o in -reach..=reach {
        let j = i + o;
        let ids = if j < 0 || j as usize >= sent.len() {
            None
        } else {
            ids_of(&sent[j as usize])
        };
        match ids {
            Some(ids) => {
                for (g, &id) in ids.iter().enumerate() {
                    f(FeatHash::new(window)
                        .num((g * 8 + (o + 2) as usize) as u64)
                        .num(id as u64));
                    if o == 0 {
                        f(FeatHash::new(with_shape)
                            .num(g as u64)
                            .num(id as u64)
                            .str(short));
                    }
                }
            }
            None => f(FeatHash::new(window).num(100 + (o + 2) as u64)),
        }
    }
}

/// Extract the features of a document given as sentences of words.
pub fn extract<S: AsRef<str>, V: AsRef<[S]>>(
    lex: &Lexicon,
    cfg: FeatureConfig,
    sentences: &[V],
) -> DocFeatures {
    extract_with_hints(lex, cfg, sentences, None)
}

/// As [`extract`], plus second-stage features from a first stage's BILOU labels
/// (`hints[s][i]`): the token's own first-stage label and its neighbours', and
/// the type the first stage gave the same word elsewhere in the document.
pub fn extract_with_hints<S: AsRef<str>, V: AsRef<[S]>>(
    lex: &Lexicon,
    cfg: FeatureConfig,
    sentences: &[V],
    hints: Option<&[Vec<u8>]>,
) -> DocFeatures {
    extract_impl(lex, cfg, sentences, hints, false)
}

/// Only the features that depend on the hints: what a second stage adds to the
/// first stage's features (which come first in `extract_with_hints`' key lists,
/// in the same order), so a tagger can look those up once for both stages.
pub fn extract_hint_keys<S: AsRef<str>, V: AsRef<[S]>>(
    lex: &Lexicon,
    cfg: FeatureConfig,
    sentences: &[V],
    hints: &[Vec<u8>],
) -> DocFeatures {
    extract_impl(lex, cfg, sentences, Some(hints), true)
}

fn extract_impl<S: AsRef<str>, V: AsRef<[S]>>(
    lex: &Lexicon,
    cfg: FeatureConfig,
    sentences: &[V],
    hints: Option<&[Vec<u8>]>,
    hints_only: bool,
) -> DocFeatures {
    let toks: Vec<Vec<Tok>> = sentences
        .iter()
        .map(|s| {
            s.as_ref()
                .iter()
                .map(|w| {
                    let form = w.as_ref();
                    let norm = normalize(form);
                    let clusters = if cfg.clusters {
                        lex.clusters.get_with_row(&norm)
                    } else {
                        None
                    };
                    let vec_row = if !cfg.vectors || hints_only {
                        u32::MAX
                    } else if cfg.clusters {
                        lex.vector_row(&norm, clusters.map(|(r, _)| r))
                    } else {
                        lex.vectors.row_of(&norm)
                    };
                    let clusters = clusters.map(|(_, ids)| ids);
                    let cased = if cfg.cased_clusters {
                        lex.cased_clusters_of(form)
                    } else {
                        None
                    };
                    Tok {
                        form,
                        cased,
                        shape: shape(form, false),
                        short: shape(form, true),
                        caps: caps_of(form),
                        clusters,
                        norm,
                        vec_row,
                    }
                })
                .collect()
        })
        .collect();
    let caps_lines: Vec<bool> = toks.iter().map(|s| all_caps_sentence(s)).collect();

    // Document casing statistics: per normalised word, how often it is written
    // lower-case, capitalised, or all caps, outside headlines and sentence starts.
    let mut casing: HashMap<&str, [u32; 3]> = HashMap::new();
    if cfg.document && !hints_only {
        for (s, sent) in toks.iter().enumerate() {
            if caps_lines[s] {
                continue;
            }
            for (i, t) in sent.iter().enumerate() {
                let k = match t.caps {
                    Caps::Lower => 0,
                    Caps::Init | Caps::Mixed => 1,
                    Caps::All => 2,
                    Caps::NoLetter => continue,
                };
                if i == 0 && k == 1 {
                    continue;
                }
                casing.entry(t.norm.as_str()).or_insert([0; 3])[k] += 1;
            }
        }
    }

    // Per word: how the first stage labelled its mentions (O, PER, ORG, LOC, MISC).
    let hint_at = |s: usize, i: usize| -> Option<u8> {
        hints.and_then(|h| h.get(s)).and_then(|h| h.get(i)).copied()
    };
    let type_of = |l: u8| -> usize {
        if l == 0 || l > 16 {
            0
        } else {
            1 + ((l - 1) / 4) as usize
        }
    };
    let mut votes: HashMap<&str, [u32; 5]> = HashMap::new();
    if hints.is_some() {
        for (s, sent) in toks.iter().enumerate() {
            for (i, t) in sent.iter().enumerate() {
                if t.caps == Caps::NoLetter {
                    continue;
                }
                if let Some(l) = hint_at(s, i) {
                    votes.entry(t.norm.as_str()).or_insert([0; 5])[type_of(l)] += 1;
                }
            }
        }
    }

    let mut out = DocFeatures {
        keys: Vec::with_capacity(toks.iter().map(|s| s.len()).sum::<usize>() * 64),
        offsets: Vec::with_capacity(toks.len()),
        vec_rows: Vec::new(),
    };
    if cfg.vectors && !hints_only {
        out.vec_rows = toks
            .iter()
            .map(|s| s.iter().map(|t| t.vec_row).collect())
            .collect();
    }
    let mut gaz: Vec<Vec<(u8, u8)>> = Vec::new();
    for (s, sent) in toks.iter().enumerate() {
        let n = sent.len();
        // Gazetteer matches: (list, position code) per token.
        gaz.clear();
        gaz.resize(n, Vec::new());
        if cfg.gazetteer && !lex.gazetteer_index.is_empty() && !hints_only {
            for i in 0..n {
                let mut h = FeatHash::new(60);
                for len in 1..=lex.gazetteer_max_len.min(n - i) {
                    h = gaz_hash(h, &sent[i + len - 1].norm);
                    let Some(&entry) = lex.gazetteer_index.get(&h.finish()) else {
                        break;
                    };
                    let mut mask = entry as u32;
                    while mask != 0 {
                        let list = mask.trailing_zeros() as u8;
                        mask &= mask - 1;
                        for k in 0..len {
                            let pos = if len == 1 {
                                3
                            } else if k == 0 {
                                0
                            } else if k == len - 1 {
                                2
                            } else {
                                1
                            };
                            gaz[i + k].push((list, pos));
                        }
                    }
                    if entry & GAZ_PREFIX == 0 {
                        break;
                    }
                }
            }
        }
        let caps_line = caps_lines[s];
        let mut offs = Vec::with_capacity(n + 1);
        offs.push(out.keys.len() as u32);
        let norm_at = |j: isize| -> &str {
            if j < 0 {
                BOS
            } else if j as usize >= n {
                EOS
            } else {
                &sent[j as usize].norm
            }
        };
        let short_at = |j: isize| -> &str {
            if j < 0 {
                BOS
            } else if j as usize >= n {
                EOS
            } else {
                &sent[j as usize].short
            }
        };
        for (i, t) in sent.iter().enumerate() {
            let ii = i as isize;
            let k = &mut out.keys;
            let mut f = |h: FeatHash| k.push(h.finish());
            if !hints_only {
                f(FeatHash::new(0));
                f(FeatHash::new(1).str(t.form));
                f(FeatHash::new(2).str(&t.norm));
                f(FeatHash::new(3).str(norm_at(ii - 1)));
                f(FeatHash::new(4).str(norm_at(ii + 1)));
                f(FeatHash::new(5).str(norm_at(ii - 2)));
                f(FeatHash::new(6).str(norm_at(ii + 2)));
                f(FeatHash::new(7).str(norm_at(ii - 1)).str(&t.norm));
                f(FeatHash::new(8).str(&t.norm).str(norm_at(ii + 1)));
                f(FeatHash::new(9).str(&t.shape));
                f(FeatHash::new(10).str(&t.short));
                f(FeatHash::new(11).str(short_at(ii - 1)));
                f(FeatHash::new(12).str(short_at(ii + 1)));
                f(FeatHash::new(13)
                    .str(short_at(ii - 1))
                    .str(&t.short)
                    .str(short_at(ii + 1)));
                f(FeatHash::new(16).num(i.min(3) as u64).str(&t.short));
                f(FeatHash::new(17).num(caps_line as u64).str(&t.short));
                f(FeatHash::new(22).str(norm_at(ii - 1)).str(&t.short));
                f(FeatHash::new(23).str(&t.short).str(norm_at(ii + 1)));
                f(FeatHash::new(24).num(t.form.chars().count().min(12) as u64));
                if caps_line {
                    f(FeatHash::new(25).str(&t.norm));
                }
                if cfg.affixes {
                    let chars: Vec<(usize, char)> = t.norm.char_indices().collect();
                    let m = chars.len();
                    for len in 1..=4.min(m) {
                        let end = if len < m { chars[len].0 } else { t.norm.len() };
                        f(FeatHash::new(14).num(len as u64).str(&t.norm[..end]));
                        f(FeatHash::new(15)
                            .num(len as u64)
                            .str(&t.norm[chars[m - len].0..]));
                    }
                }
                if cfg.clusters {
                    cluster_features(&mut f, (18, 19), sent, ii, 2, &t.short, |t| t.clusters);
                }
                if cfg.cased_clusters {
                    cluster_features(&mut f, (40, 41), sent, ii, 1, &t.short, |t| t.cased);
                }
                if cfg.gazetteer {
                    for &(list, pos) in &gaz[i] {
                        f(FeatHash::new(21).num(list as u64).num(pos as u64));
                        f(FeatHash::new(26)
                            .num(list as u64)
                            .num(pos as u64)
                            .num(t.caps as u64));
                    }
                }
                if cfg.document && t.caps != Caps::NoLetter {
                    // How this word is cased elsewhere in the article (this mention excluded).
                    let mut c = casing.get(t.norm.as_str()).copied().unwrap_or([0; 3]);
                    if !(caps_line || i == 0 && matches!(t.caps, Caps::Init | Caps::Mixed)) {
                        let own = match t.caps {
                            Caps::Lower => 0,
                            Caps::All => 2,
                            _ => 1,
                        };
                        c[own] = c[own].saturating_sub(1);
                    }
                    let class = match (c[0] > 0, c[1] > 0 || c[2] > 0) {
                        (false, false) => 0u64,
                        (true, false) => 1,
                        (false, true) => {
                            if c[2] > c[1] {
                                3
                            } else {
                                2
                            }
                        }
                        (true, true) => 4,
                    };
                    f(FeatHash::new(20).num(t.caps as u64).num(class));
                    f(FeatHash::new(27)
                        .num(t.caps as u64)
                        .num(class)
                        .num(caps_line as u64 * 2 + (i == 0) as u64));
                }
            }
            if let Some(own) = hint_at(s, i) {
                let prev = if i > 0 {
                    hint_at(s, i - 1).unwrap_or(0)
                } else {
                    99
                };
                let next = hint_at(s, i + 1).unwrap_or(99);
                f(FeatHash::new(30).num(own as u64));
                f(FeatHash::new(31).num(own as u64).num(prev as u64));
                f(FeatHash::new(32).num(own as u64).num(next as u64));
                if t.caps != Caps::NoLetter {
                    let mut v = votes.get(t.norm.as_str()).copied().unwrap_or([0; 5]);
                    let ot = type_of(own);
                    v[ot] = v[ot].saturating_sub(1);
                    let others: u32 = v.iter().sum();
                    let ent: u32 = v[1..].iter().sum();
                    let (best, &bn) = v[1..]
                        .iter()
                        .enumerate()
                        .max_by_key(|&(k, n)| (n, std::cmp::Reverse(k)))
                        .unwrap_or((0, &0));
                    // 0: no other mention; 1: others all O; 2+k: mostly type k.
                    let class = if others == 0 {
                        0
                    } else if ent == 0 {
                        1
                    } else {
                        2 + best as u64
                    };
                    let share = (4 * bn).checked_div(others).unwrap_or(0).min(4) as u64;
                    f(FeatHash::new(33).num(class).num(share));
                    f(FeatHash::new(34).num(class).num(ot as u64));
                    f(FeatHash::new(35).num(class).num(t.caps as u64));
                }
            }
            offs.push(out.keys.len() as u32);
        }
        out.offsets.push(offs);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cased_clusters_match_the_exact_form_and_headline_caps() {
        let lex = Lexicon {
            cased: ClusterTable::parse("Apple\t7\t70\nBrussels\t2\t20\n").unwrap(),
            ..Lexicon::default()
        };
        assert_eq!(lex.cased_clusters_of("Apple"), Some(&[7u16, 70][..]));
        assert_eq!(lex.cased_clusters_of("apple"), None);
        assert_eq!(lex.cased_clusters_of("BRUSSELS"), Some(&[2u16, 20][..]));
        assert_eq!(lex.cased_clusters_of("A"), None);
        assert_eq!(lex.cased_clusters_of(""), None);
        let cfg = FeatureConfig {
            cased_clusters: true,
            ..FeatureConfig::default()
        };
        let with = extract(&lex, cfg, &[vec!["Apple", "rose"]]);
        let without = extract(&lex, FeatureConfig::default(), &[vec!["Apple", "rose"]]);
        assert!(with.token(0, 0).len() > without.token(0, 0).len());
    }

    #[test]
    fn shapes_and_caps() {
        assert_eq!(shape("Merkel", false), "Xxxxxx");
        assert_eq!(shape("Merkel", true), "Xx");
        assert_eq!(shape("1,000", true), "d,d");
        assert_eq!(caps_of("EU"), Caps::All);
        assert_eq!(caps_of("McDonald"), Caps::Mixed);
        assert_eq!(caps_of("1996"), Caps::NoLetter);
        assert_eq!(normalize("Año1996"), "año0000");
    }

    #[test]
    fn extracts_for_odd_input() {
        let lex = Lexicon::default();
        let doc: Vec<Vec<&str>> = vec![vec![], vec!["ﬁ", "𝔘𝔫𝔦", "İ", ""], vec!["a"; 3]];
        let f = extract(&lex, FeatureConfig::default(), &doc);
        assert_eq!(f.offsets.len(), 3);
        assert_eq!(f.offsets[0].len(), 1);
        assert!(!f.token(1, 3).is_empty());
    }

    #[test]
    fn gazetteer_matches_phrases() {
        let mut lex = Lexicon::default();
        lex.load_gazetteer("city\tNew York\ncountry\tGermany\n")
            .unwrap();
        let cfg = FeatureConfig::default();
        let with = extract(&lex, cfg, &[vec!["in", "NEW", "YORK"]]);
        let without = extract(&Lexicon::default(), cfg, &[vec!["in", "NEW", "YORK"]]);
        assert!(with.token(0, 1).len() > without.token(0, 1).len());
        assert_eq!(with.token(0, 0).len(), without.token(0, 0).len());
    }

    #[test]
    fn gazetteer_index_matches_long_phrases_and_stops_early() {
        let mut lex = Lexicon::default();
        lex.load_gazetteer("org\tNew York Times\ncity\tNew York\n")
            .unwrap();
        lex.load_gazetteer("# second file\ncity\tBoston\n").unwrap();
        assert_eq!(lex.gazetteer_names, ["org", "city"]);
        let cfg = FeatureConfig::default();
        let sent = vec!["the", "New", "York", "Times", "New", "Jersey", "BOSTON"];
        let with = extract(&lex, cfg, std::slice::from_ref(&sent));
        let without = extract(&Lexicon::default(), cfg, &[sent]);
        let extra = |i: usize| with.token(0, i).len() - without.token(0, i).len();
        // Two features per (list, position) match.
        assert_eq!(extra(0), 0);
        assert_eq!(extra(1), 4); // B of the org and B of the city
        assert_eq!(extra(2), 4); // I of the org and L of the city
        assert_eq!(extra(3), 2); // L of the org
        assert_eq!(extra(4), 0); // "New Jersey" is no phrase
        assert_eq!(extra(5), 0);
        assert_eq!(extra(6), 2); // U of the city, whatever the case
    }

    #[test]
    fn vector_table_parses_quantises_and_gives_window_rows() {
        let v =
            VectorTable::parse("#c\nberlin\t0.5 -1.0\nparis\t0.25 0\nberlin\t9 9\n", 2.0).unwrap();
        assert_eq!((v.dim, v.len()), (2, 2));
        let mut out = Vec::new();
        v.vector(v.row_of("berlin"), &mut out);
        assert!((out[0] - 1.0).abs() < 0.02 && (out[1] + 2.0).abs() < 0.02);
        v.vector(u32::MAX, &mut out);
        assert!(out.is_empty());
        assert!(VectorTable::parse("a\t1 2\nb\t1\n", 1.0).is_err());
        assert!(VectorTable::parse("a 1 2\n", 1.0).is_err());

        let lex = Lexicon {
            vectors: v,
            ..Lexicon::default()
        };
        let cfg = FeatureConfig {
            vectors: true,
            ..FeatureConfig::default()
        };
        let f = extract(&lex, cfg, &[vec!["PARIS", "or", "Berlin"]]);
        assert_eq!(f.window_rows(0, 0), [u32::MAX, 1, u32::MAX]);
        assert_eq!(f.window_rows(0, 1), [1, u32::MAX, 0]);
        assert_eq!(f.window_rows(0, 2), [u32::MAX, 0, u32::MAX]);
        let off = extract(&lex, FeatureConfig::default(), &[vec!["Berlin"]]);
        assert_eq!(off.window_rows(0, 0), [u32::MAX; VEC_WINDOW]);
    }

    #[test]
    fn vector_rows_found_through_the_cluster_lookup_match_lookups_by_name() {
        let mut lex = Lexicon {
            clusters: ClusterTable::parse("or\t1\nberlin\t2\nrome\t3\nparis\t4\n").unwrap(),
            vectors: VectorTable::parse("paris\t1 0\nberlin\t0 1\nbonn\t1 1\n", 1.0).unwrap(),
            ..Lexicon::default()
        };
        let cfg = FeatureConfig {
            vectors: true,
            ..FeatureConfig::default()
        };
        let sent = vec!["PARIS", "or", "Berlin", "Bonn", "Rome", "Xyz"];
        let by_name = extract(&lex, cfg, std::slice::from_ref(&sent));
        lex.index_vectors();
        assert_eq!(lex.vector_rows_by_cluster, [u32::MAX, 1, u32::MAX, 0]);
        assert!(lex.vectors_beyond_clusters); // "bonn"
        let indexed = extract(&lex, cfg, std::slice::from_ref(&sent));
        assert_eq!(indexed.vec_rows, by_name.vec_rows);
        assert_eq!(indexed.vec_rows[0], [0, u32::MAX, 1, 2, u32::MAX, u32::MAX]);
        assert_eq!(indexed.keys, by_name.keys);
        // Every vector word clustered: words without clusters are not looked up.
        lex.vectors = VectorTable::parse("paris\t1 0\nberlin\t0 1\n", 1.0).unwrap();
        lex.index_vectors();
        assert!(!lex.vectors_beyond_clusters);
        let f = extract(&lex, cfg, std::slice::from_ref(&sent));
        assert_eq!(
            f.vec_rows[0],
            [0, u32::MAX, 1, u32::MAX, u32::MAX, u32::MAX]
        );
        // Without cluster features the vectors are looked up by name.
        let no_clusters = FeatureConfig {
            clusters: false,
            ..cfg
        };
        assert_eq!(extract(&lex, no_clusters, &[sent]).vec_rows, f.vec_rows);
    }
}

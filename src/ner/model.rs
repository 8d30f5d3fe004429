//! The NER model: BILOU labels, a linear scorer over hashed features, first-order
//! transition scores, Viterbi decoding, and a compact binary file format.

use super::features::{ClusterTable, FeatureConfig, Lexicon, VectorTable, VEC_WINDOW};
use crate::document::EntityLabel;
use crate::learn::hash::IdMap;
use std::io::{Read, Write};

/// Number of labels: `O` and B/I/L/U for each of the four types.
pub const NL: usize = 17;
/// The `O` label.
pub const O: u8 = 0;

/// Position of a label within its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pos {
    B,
    I,
    L,
    U,
}

/// Label index for a type and position.
pub fn label(ty: EntityLabel, pos: Pos) -> u8 {
    1 + 4 * ty as u8 + pos as u8
}

/// Type and position of a label; `None` for `O` or an out-of-range value.
pub fn unlabel(l: u8) -> Option<(EntityLabel, Pos)> {
    if l == 0 || l as usize >= NL {
        return None;
    }
    let ty = EntityLabel::ALL[((l - 1) / 4) as usize];
    let pos = [Pos::B, Pos::I, Pos::L, Pos::U][((l - 1) % 4) as usize];
    Some((ty, pos))
}

/// The label's name, BILOU style (`B-PER`, `O`).
pub fn label_name(l: u8) -> String {
    match unlabel(l) {
        None => "O".into(),
        Some((ty, p)) => format!("{:?}-{}", p, ty.as_str()),
    }
}

pub fn parse_type(s: &str) -> Option<EntityLabel> {
    EntityLabel::ALL.into_iter().find(|t| t.as_str() == s)
}

/// Whether label `b` may follow label `a` (`None` = sentence start/end).
pub fn allowed(a: Option<u8>, b: Option<u8>) -> bool {
    let open = |l: Option<u8>| match l.and_then(unlabel) {
        Some((t, Pos::B | Pos::I)) => Some(t),
        _ => None,
    };
    let cont = |l: Option<u8>| match l.and_then(unlabel) {
        Some((t, Pos::I | Pos::L)) => Some(t),
        _ => None,
    };
    match (open(a), cont(b)) {
        (Some(t), Some(u)) => t == u,
        (Some(_), None) => false,
        (None, Some(_)) => false,
        (None, None) => true,
    }
}

/// BILOU labels for `n` tokens from spans `(start, end, type)`; spans past `n` are clipped.
pub fn encode(n: usize, spans: &[(usize, usize, EntityLabel)]) -> Vec<u8> {
    let mut out = vec![O; n];
    for &(s, e, ty) in spans {
        let e = e.min(n);
        if s >= e {
            continue;
        }
        if e - s == 1 {
            out[s] = label(ty, Pos::U);
        } else {
            out[s] = label(ty, Pos::B);
            for l in &mut out[s + 1..e - 1] {
                *l = label(ty, Pos::I);
            }
            out[e - 1] = label(ty, Pos::L);
        }
    }
    out
}

/// Spans from BILOU labels; tolerant of invalid sequences (a type change or a
/// stray `I`/`L` starts a new entity).
pub fn decode_spans(labels: &[u8]) -> Vec<(usize, usize, EntityLabel)> {
    let mut out = Vec::new();
    let mut cur: Option<(usize, EntityLabel)> = None;
    for (i, &l) in labels.iter().enumerate() {
        match unlabel(l) {
            None => {
                if let Some((s, t)) = cur.take() {
                    out.push((s, i, t));
                }
            }
            Some((t, pos)) => {
                let continues =
                    matches!(cur, Some((_, ct)) if ct == t) && matches!(pos, Pos::I | Pos::L);
                if !continues {
                    if let Some((s, ct)) = cur.take() {
                        out.push((s, i, ct));
                    }
                    cur = Some((i, t));
                }
                if matches!(pos, Pos::L | Pos::U) {
                    if let Some((s, ct)) = cur.take() {
                        out.push((s, i + 1, ct));
                    }
                }
            }
        }
    }
    if let Some((s, t)) = cur {
        out.push((s, labels.len(), t));
    }
    out
}

/// Transition scores: `trans[a * NL + b]`, and sentence start and end scores.
#[derive(Debug, Clone, PartialEq)]
pub struct Transitions {
    pub trans: Vec<f32>,
    pub start: Vec<f32>,
    pub end: Vec<f32>,
}

impl Default for Transitions {
    fn default() -> Self {
        Transitions {
            trans: vec![0.0; NL * NL],
            start: vec![0.0; NL],
            end: vec![0.0; NL],
        }
    }
}

/// Best label sequence for `n` tokens with emission scores `em[i * NL + l]`,
/// restricted to valid BILOU sequences.
pub fn viterbi(em: &[f32], n: usize, t: &Transitions) -> Vec<u8> {
    if n == 0 || em.len() < n * NL {
        return Vec::new();
    }
    const NEG: f32 = f32::NEG_INFINITY;
    let mut score = [NEG; NL];
    for b in 0..NL {
        if allowed(None, Some(b as u8)) {
            score[b] = t.start[b] + em[b];
        }
    }
    let mut allow = [[false; NL]; NL];
    for (a, row) in allow.iter_mut().enumerate() {
        for (b, x) in row.iter_mut().enumerate() {
            *x = allowed(Some(a as u8), Some(b as u8));
        }
    }
    let mut back = vec![0u8; n * NL];
    for i in 1..n {
        let mut next = [NEG; NL];
        for b in 0..NL {
            let (mut best, mut arg) = (NEG, 0u8);
            for a in 0..NL {
                if allow[a][b] && score[a] > NEG {
                    let s = score[a] + t.trans[a * NL + b];
                    if s > best {
                        best = s;
                        arg = a as u8;
                    }
                }
            }
            if best > NEG {
                next[b] = best + em[i * NL + b];
            }
            back[i * NL + b] = arg;
        }
        score = next;
    }
    let (mut best, mut arg) = (NEG, 0u8);
    for (a, &s) in score.iter().enumerate() {
        if allowed(Some(a as u8), None) && s > NEG && s + t.end[a] > best {
            best = s + t.end[a];
            arg = a as u8;
        }
    }
    let mut out = vec![0u8; n];
    out[n - 1] = arg;
    for i in (1..n).rev() {
        out[i - 1] = back[i * NL + out[i] as usize];
    }
    out
}

/// One window slot's dense score for each label: the 8-bit vector `v` (times `scale`)
/// dotted with the slot's weights `w` (`[d * NL + label]`), summed over the dimensions
/// in order, from zero. The direct path ([`add_dense`]) and the precomputed table
/// ([`DenseTable`]) both use it, so their scores agree bit for bit. Written over
/// fixed-size arrays so that the label loop vectorises.
#[inline]
fn slot_scores(w: &[f32], v: &[i8], scale: f32) -> [f32; NL] {
    let mut part = [0f32; NL];
    for (&q, wd) in v.iter().zip(w.chunks_exact(NL)) {
        let x = q as f32 * scale;
        let Ok(wd) = <&[f32; NL]>::try_from(wd) else {
            continue;
        };
        for l in 0..NL {
            part[l] += x * wd[l];
        }
    }
    part
}

/// Add the scores of dense weights `dense` (`[(slot * dim + d) * NL + label]`) for the
/// vectors of rows `rows` (`u32::MAX`: none) into `out`, computing each slot's dot
/// products (training uses this; the tagger looks the same sums up in a [`DenseTable`]).
#[inline]
pub fn add_dense(dense: &[f32], table: &VectorTable, rows: [u32; VEC_WINDOW], out: &mut [f32]) {
    let dim = table.dim;
    if dense.len() != VEC_WINDOW * dim * NL {
        return;
    }
    let Some(Ok(out)) = out.get_mut(..NL).map(<&mut [f32; NL]>::try_from) else {
        return;
    };
    let mut acc = *out;
    for (slot, &r) in rows.iter().enumerate() {
        let at = r as usize * dim;
        let Some(v) = table.values.get(at..at + dim) else {
            continue;
        };
        let part = slot_scores(
            &dense[slot * dim * NL..(slot + 1) * dim * NL],
            v,
            table.scale,
        );
        for l in 0..NL {
            acc[l] += part[l];
        }
    }
    *out = acc;
}

/// A stage's dense scores precomputed for the whole vector table: for each vector row
/// and window slot, the per-label score [`add_dense`] would compute, so that a token
/// costs three row lookups instead of `3 × dim × NL` multiplications. Built when a
/// tagger is made (not stored in the model file).
#[derive(Clone, Default)]
pub struct DenseTable {
    /// `scores[(row * VEC_WINDOW + slot) * NL + label]`; empty without dense weights.
    scores: Vec<f32>,
}

impl std::fmt::Debug for DenseTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "DenseTable({} scores)", self.scores.len())
    }
}

impl DenseTable {
    /// The table of dense weights `dense` (see [`Scorer::dense`]) over every row of
    /// `table`; empty when the weights do not fit the table (e.g. none).
    pub fn new(dense: &[f32], table: &VectorTable) -> Self {
        let dim = table.dim;
        if dim == 0 || dense.len() != VEC_WINDOW * dim * NL {
            return DenseTable::default();
        }
        let rows = table.values.len() / dim;
        let mut scores = Vec::with_capacity(rows * VEC_WINDOW * NL);
        for v in table.values.chunks_exact(dim) {
            for w in dense.chunks_exact(dim * NL) {
                scores.extend_from_slice(&slot_scores(w, v, table.scale));
            }
        }
        DenseTable { scores }
    }

    pub fn is_empty(&self) -> bool {
        self.scores.is_empty()
    }

    /// Bytes the table holds.
    pub fn bytes(&self) -> usize {
        self.scores.len() * std::mem::size_of::<f32>()
    }

    /// Add the dense scores of the window `rows` (`u32::MAX`: none) into `out`: the
    /// same sums, in the same order, as [`add_dense`].
    #[inline]
    pub fn add(&self, rows: [u32; VEC_WINDOW], out: &mut [f32]) {
        let Some(Ok(out)) = out.get_mut(..NL).map(<&mut [f32; NL]>::try_from) else {
            return;
        };
        let mut acc = *out;
        for (slot, &r) in rows.iter().enumerate() {
            let Some(at) = (r as usize).checked_mul(VEC_WINDOW * NL) else {
                continue;
            };
            let at = at + slot * NL;
            let Some(Ok(part)) = self.scores.get(at..at + NL).map(<&[f32; NL]>::try_from) else {
                continue;
            };
            for l in 0..NL {
                acc[l] += part[l];
            }
        }
        *out = acc;
    }
}

/// One linear stage: feature weights and transition scores.
#[derive(Debug, Clone, Default)]
pub struct Scorer {
    /// Feature key → row of `weights`.
    pub index: IdMap<u32>,
    /// `weights[row * NL + label]`.
    pub weights: Vec<f32>,
    pub transitions: Transitions,
    /// Dense weights, `dense[(slot * dim + d) * NL + label]` for the vectors of the
    /// window's tokens (slot 0: previous token); empty without dense features.
    pub dense: Vec<f32>,
}

impl Scorer {
    /// The dense features' scores for each label: the vectors of the token window
    /// `rows` (see `DocFeatures::window_rows`) times the dense weights, added into `out`.
    #[inline]
    pub fn dense_emissions(&self, table: &VectorTable, rows: [u32; VEC_WINDOW], out: &mut [f32]) {
        add_dense(&self.dense, table, rows, out);
    }

    /// Sum of the weights of `keys` for each label, added into `out`.
    #[inline]
    pub fn emissions(&self, keys: &[u64], out: &mut [f32]) {
        let Some(Ok(out)) = out.get_mut(..NL).map(<&mut [f32; NL]>::try_from) else {
            return;
        };
        for k in keys {
            if let Some(&row) = self.index.get(k) {
                let at = row as usize * NL;
                if let Some(Ok(w)) = self.weights.get(at..at + NL).map(<&[f32; NL]>::try_from) {
                    for l in 0..NL {
                        out[l] += w[l];
                    }
                }
            }
        }
    }
}

/// A trained model: the lexicon its features need and one or two stages; the
/// second stage sees the first stage's labels for the whole document.
#[derive(Debug, Clone, Default)]
pub struct NerModel {
    pub cfg: FeatureConfig,
    pub lexicon: Lexicon,
    pub stages: Vec<Scorer>,
}

const MAGIC: &[u8; 8] = b"BYLNER02";

struct W<'a>(&'a mut Vec<u8>);
impl W<'_> {
    fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    fn u16(&mut self, v: u16) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn f32(&mut self, v: f32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn str(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.0.extend_from_slice(s.as_bytes());
    }
}

struct R<'a> {
    b: &'a [u8],
    at: usize,
}
impl<'a> R<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        if self.b.len() - self.at < n {
            return Err("model file is truncated".into());
        }
        let s = &self.b[self.at..self.at + n];
        self.at += n;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8, String> {
        Ok(self.take(1)?[0])
    }
    fn u16(&mut self) -> Result<u16, String> {
        Ok(u16::from_le_bytes(
            self.take(2)?.try_into().unwrap_or([0; 2]),
        ))
    }
    fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().unwrap_or([0; 4]),
        ))
    }
    fn u64(&mut self) -> Result<u64, String> {
        Ok(u64::from_le_bytes(
            self.take(8)?.try_into().unwrap_or([0; 8]),
        ))
    }
    fn f32(&mut self) -> Result<f32, String> {
        Ok(f32::from_le_bytes(
            self.take(4)?.try_into().unwrap_or([0; 4]),
        ))
    }
    /// A count of items that take at least `each` bytes apiece: more than the
    /// bytes left could hold is an error, so a damaged header never asks for an
    /// allocation the file does not justify.
    fn count(&mut self, each: usize, what: &str) -> Result<usize, String> {
        let n = self.u32()? as usize;
        if n.saturating_mul(each.max(1)) > self.b.len() - self.at {
            return Err(format!("model file: implausible number of {what} ({n})"));
        }
        Ok(n)
    }
    fn str(&mut self) -> Result<&'a str, String> {
        let n = self.u32()? as usize;
        std::str::from_utf8(self.take(n)?).map_err(|_| "model file: bad UTF-8".to_string())
    }
}

/// A cluster table: granularities, word count, then each word and its ids.
fn write_table(w: &mut W, t: &ClusterTable) {
    w.u32(t.granularities as u32);
    let rows = t.rows();
    w.u32(rows.len() as u32);
    for (word, ids) in rows {
        w.str(word);
        for &id in ids {
            w.u16(id);
        }
    }
}

fn read_table(r: &mut R) -> Result<ClusterTable, String> {
    let granularities = r.u32()? as usize;
    if granularities > 64 {
        return Err("model file: implausible cluster granularities".into());
    }
    let mut t = ClusterTable {
        granularities,
        ..Default::default()
    };
    let n = r.count(4 + 2 * granularities, "cluster words")?;
    t.index.reserve(n);
    t.ids.reserve(n * granularities);
    let mut ids = Vec::with_capacity(t.granularities.min(64));
    for _ in 0..n {
        let word = r.str()?.to_string();
        ids.clear();
        for _ in 0..t.granularities {
            ids.push(r.u16()?);
        }
        t.push(word, &ids);
    }
    Ok(t)
}

/// A vector table: dimension, word count, scale, then each word and its values.
fn write_vectors(w: &mut W, t: &VectorTable) {
    w.u32(t.dim as u32);
    let rows = t.rows();
    w.u32(rows.len() as u32);
    w.f32(t.scale);
    for (i, word) in rows.into_iter().enumerate() {
        w.str(word);
        for &q in &t.values[i * t.dim..(i + 1) * t.dim] {
            w.u8(q as u8);
        }
    }
}

fn read_vectors(r: &mut R) -> Result<VectorTable, String> {
    let dim = r.u32()? as usize;
    if dim > 4096 {
        return Err("model file: implausible vector table".into());
    }
    let n = r.count(4 + dim, "word vectors")?;
    let mut t = VectorTable {
        dim,
        scale: r.f32()?,
        ..Default::default()
    };
    t.index.reserve(n);
    t.values.reserve(n * dim);
    for i in 0..n {
        let word = r.str()?.to_string();
        t.values.extend(r.take(dim)?.iter().map(|&b| b as i8));
        t.index.insert(word, i as u32);
    }
    Ok(t)
}

impl NerModel {
    /// Serialize: weights are quantized to 16 bits and stored sparsely.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut buf = Vec::new();
        let mut w = W(&mut buf);
        w.0.extend_from_slice(MAGIC);
        w.u32(self.cfg.to_bits());
        w.u32(NL as u32);
        // Lexicon.
        let lex = &self.lexicon;
        write_table(&mut w, &lex.clusters);
        w.u32(lex.gazetteer_names.len() as u32);
        for n in &lex.gazetteer_names {
            w.str(n);
        }
        let mut phrases: Vec<(&String, &u32)> = lex.gazetteer.iter().collect();
        phrases.sort();
        w.u32(phrases.len() as u32);
        for (p, &m) in phrases {
            w.str(p);
            w.u32(m);
        }
        w.u32(lex.gazetteer_max_len as u32);
        // Cased clusters: present only in models trained with them (the feature bit
        // says so), so older model files read unchanged.
        if self.cfg.cased_clusters {
            write_table(&mut w, &lex.cased);
        }
        // Likewise the word vectors, and each stage's dense weights.
        if self.cfg.vectors {
            write_vectors(&mut w, &lex.vectors);
        }
        w.u32(self.stages.len() as u32);
        for st in &self.stages {
            write_scorer(&mut w, st, self.cfg.vectors);
        }
        buf
    }

    pub fn from_bytes(b: &[u8]) -> Result<NerModel, String> {
        let mut r = R { b, at: 0 };
        if r.take(8)? != MAGIC {
            return Err("not a byline NER model (bad magic)".into());
        }
        let cfg = FeatureConfig::from_bits(r.u32()?);
        if r.u32()? as usize != NL {
            return Err("model has a different label set".into());
        }
        let mut lex = Lexicon {
            clusters: read_table(&mut r)?,
            ..Default::default()
        };
        let nl = r.count(4, "gazetteer lists")?;
        for _ in 0..nl {
            lex.gazetteer_names.push(r.str()?.to_string());
        }
        let np = r.count(8, "gazetteer phrases")?;
        lex.gazetteer.reserve(np);
        for _ in 0..np {
            let p = r.str()?.to_string();
            let m = r.u32()?;
            lex.gazetteer.insert(p, m);
        }
        lex.gazetteer_max_len = (r.u32()? as usize).min(6);
        lex.index_gazetteer();
        if cfg.cased_clusters {
            lex.cased = read_table(&mut r)?;
        }
        if cfg.vectors {
            lex.vectors = read_vectors(&mut r)?;
            lex.index_vectors();
        }
        let ns = r.u32()? as usize;
        if ns > 8 {
            return Err("model file: implausible number of stages".into());
        }
        let mut stages = Vec::with_capacity(ns);
        for _ in 0..ns {
            stages.push(read_scorer(&mut r, cfg.vectors)?);
        }
        Ok(NerModel {
            cfg,
            lexicon: lex,
            stages,
        })
    }

    pub fn save(&self, path: &std::path::Path) -> Result<(), String> {
        let bytes = self.to_bytes();
        let mut f = std::fs::File::create(path)
            .map_err(|e| format!("cannot create {}: {e}", path.display()))?;
        f.write_all(&bytes)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))
    }

    pub fn load(path: &std::path::Path) -> Result<NerModel, String> {
        let mut b = Vec::new();
        std::fs::File::open(path)
            .and_then(|mut f| f.read_to_end(&mut b))
            .map_err(|e| format!("cannot read NER model {}: {e}", path.display()))?;
        NerModel::from_bytes(&b).map_err(|e| format!("{}: {e}", path.display()))
    }
}

fn write_scorer(w: &mut W, st: &Scorer, dense: bool) {
    if dense {
        w.u32(st.dense.len() as u32);
        for &x in &st.dense {
            w.f32(x);
        }
    }
    for v in st
        .transitions
        .trans
        .iter()
        .chain(&st.transitions.start)
        .chain(&st.transitions.end)
    {
        w.f32(*v);
    }
    let max = st.weights.iter().fold(0f32, |m, x| m.max(x.abs()));
    let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
    w.f32(scale);
    let mut rows: Vec<(u64, u32)> = st.index.iter().map(|(&k, &r)| (k, r)).collect();
    rows.sort_unstable();
    let mut kept: Vec<(u64, Vec<(u8, i16)>)> = Vec::with_capacity(rows.len());
    for (key, row) in rows {
        let at = row as usize * NL;
        let Some(ws) = st.weights.get(at..at + NL) else {
            continue;
        };
        let nz: Vec<(u8, i16)> = ws
            .iter()
            .enumerate()
            .map(|(l, &x)| (l as u8, (x / scale).round() as i16))
            .filter(|&(_, q)| q != 0)
            .collect();
        if !nz.is_empty() {
            kept.push((key, nz));
        }
    }
    w.u32(kept.len() as u32);
    for (key, nz) in kept {
        w.u64(key);
        w.u8(nz.len() as u8);
        for (l, q) in nz {
            w.u8(l);
            w.u16(q as u16);
        }
    }
}

fn read_scorer(r: &mut R, dense: bool) -> Result<Scorer, String> {
    let mut dense_w = Vec::new();
    if dense {
        let n = r.count(4, "dense weights")?;
        for _ in 0..n {
            dense_w.push(r.f32()?);
        }
    }
    let mut t = Transitions::default();
    for v in t.trans.iter_mut().chain(&mut t.start).chain(&mut t.end) {
        *v = r.f32()?;
    }
    let scale = r.f32()?;
    let rows = r.count(9, "feature rows")?;
    let mut index = IdMap::default();
    index.reserve(rows);
    let mut weights = vec![0f32; rows * NL];
    for row in 0..rows {
        let key = r.u64()?;
        let nz = r.u8()? as usize;
        for _ in 0..nz {
            let l = r.u8()? as usize;
            let q = r.u16()? as i16;
            if l < NL {
                weights[row * NL + l] = q as f32 * scale;
            }
        }
        index.insert(key, row as u32);
    }
    Ok(Scorer {
        index,
        weights,
        transitions: t,
        dense: dense_w,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use EntityLabel::*;

    #[test]
    fn bilou_round_trip() {
        let spans = vec![(0, 2, PER), (2, 3, PER), (4, 7, LOC)];
        let l = encode(8, &spans);
        assert_eq!(
            l.iter().map(|&x| label_name(x)).collect::<Vec<_>>(),
            ["B-PER", "L-PER", "U-PER", "O", "B-LOC", "I-LOC", "L-LOC", "O"]
        );
        assert_eq!(decode_spans(&l), spans);
        // Invalid sequences still give spans.
        let bad = [
            label(ORG, Pos::I),
            label(LOC, Pos::L),
            O,
            label(PER, Pos::B),
        ];
        assert_eq!(
            decode_spans(&bad),
            vec![(0, 1, ORG), (1, 2, LOC), (3, 4, PER)]
        );
    }

    #[test]
    fn viterbi_respects_constraints() {
        let t = Transitions::default();
        // Token 0 prefers B-PER, token 1 prefers O: B-PER O is invalid, so the
        // decoder must choose a valid path.
        let mut em = vec![0f32; 2 * NL];
        em[label(PER, Pos::B) as usize] = 5.0;
        em[NL] = 3.0;
        em[NL + label(PER, Pos::L) as usize] = 2.9;
        let path = viterbi(&em, 2, &t);
        assert_eq!(path, vec![label(PER, Pos::B), label(PER, Pos::L)]);
        let mut em2 = vec![0f32; 2 * NL];
        em2[label(PER, Pos::B) as usize] = 1.0;
        em2[NL] = 3.0;
        assert_eq!(viterbi(&em2, 2, &t), vec![O, O]);
        assert!(viterbi(&[], 0, &t).is_empty());
        // A long input decodes without trouble.
        let n = 10_000;
        assert_eq!(viterbi(&vec![0.0; n * NL], n, &t).len(), n);
    }

    #[test]
    fn file_round_trip() {
        let mut m = NerModel::default();
        m.lexicon.clusters = ClusterTable::parse("berlin\t1\t2\n").unwrap();
        m.lexicon.load_gazetteer("city\tBerlin\n").unwrap();
        let mut st = Scorer::default();
        st.index.insert(42, 0);
        st.weights = vec![0.0; NL];
        st.weights[3] = 1.5;
        st.weights[5] = -0.25;
        st.transitions.trans[7] = 0.5;
        m.stages = vec![st.clone(), st];
        let back = NerModel::from_bytes(&m.to_bytes()).unwrap();
        assert_eq!(back.stages.len(), 2);
        let b = &back.stages[1];
        assert_eq!(b.transitions, m.stages[1].transitions);
        assert!((b.weights[3] - 1.5).abs() < 1e-3);
        assert!((b.weights[5] + 0.25).abs() < 1e-3);
        assert_eq!(back.lexicon.gazetteer.get("berlin"), Some(&1));
        assert!(NerModel::from_bytes(b"BYLNER02\x01").is_err());
        let bytes = m.to_bytes();
        for cut in [9, 20, bytes.len() / 2, bytes.len() - 1] {
            assert!(NerModel::from_bytes(&bytes[..cut]).is_err());
        }
        assert!(NerModel::from_bytes(b"nope").is_err());

        // Cased clusters travel only when the feature bit says so.
        m.cfg.cased_clusters = true;
        m.lexicon.cased = ClusterTable::parse("#form\tk2\tk4\nApple\t1\t3\nUS\t0\t2\n").unwrap();
        let back = NerModel::from_bytes(&m.to_bytes()).unwrap();
        assert!(back.cfg.cased_clusters);
        assert_eq!(back.lexicon.cased.granularities, 2);
        assert_eq!(back.lexicon.cased.get("US"), Some(&[0u16, 2][..]));

        // So do word vectors and each stage's dense weights (here only the first's).
        m.cfg.vectors = true;
        m.lexicon.vectors = VectorTable::parse("berlin\t0.5 -1\nparis\t0 0.25\n", 1.0).unwrap();
        m.stages[0].dense = (0..VEC_WINDOW * 2 * NL).map(|i| i as f32 / 8.0).collect();
        let back = NerModel::from_bytes(&m.to_bytes()).unwrap();
        assert!(back.cfg.vectors && back.cfg.cased_clusters);
        assert_eq!(back.lexicon.vectors.values, m.lexicon.vectors.values);
        assert_eq!(back.lexicon.vectors.row_of("paris"), 1);
        assert_eq!(back.stages[0].dense, m.stages[0].dense);
        assert!(back.stages[1].dense.is_empty());
        let bytes = m.to_bytes();
        assert!(NerModel::from_bytes(&bytes[..bytes.len() - 3]).is_err());
    }

    #[test]
    fn dense_scores_are_vector_times_weights() {
        let table = VectorTable::parse("a\t1 0.5\nb\t-1 0\n", 1.0).unwrap();
        let mut dense = vec![0f32; VEC_WINDOW * 2 * NL];
        dense[2 * NL + 3] = 2.0; // slot 1 (the token), dimension 0, label 3
        dense[(2 + 1) * NL + 3] = 4.0; // slot 1, dimension 1, label 3
        dense[5] = 1.0; // slot 0 (previous token), dimension 0, label 5
        let mut out = vec![0f32; NL];
        add_dense(&dense, &table, [1, 0, u32::MAX], &mut out);
        assert!((out[3] - 4.0).abs() < 0.05, "{out:?}");
        assert!((out[5] + 1.0).abs() < 0.05, "{out:?}");
        // Weights of another shape (e.g. none) add nothing.
        let mut out2 = vec![0f32; NL];
        add_dense(&[], &table, [0, 0, 0], &mut out2);
        assert!(out2.iter().all(|&x| x == 0.0));
    }

    #[test]
    fn dense_table_matches_add_dense_bit_for_bit() {
        let table =
            VectorTable::parse("a\t1 0.5 -0.3\nb\t-1 0 0.7\nc\t0.01 0.2 0.9\n", 1.0).unwrap();
        // Pseudo-random weights of both signs and several magnitudes.
        let mut rng = crate::learn::Rng(0x2545_f491_4f6c_dd1du64);
        let mut next = || ((rng.next_u64() >> 40) as f32 / (1u64 << 24) as f32 - 0.5) * 8.0;
        let dense: Vec<f32> = (0..VEC_WINDOW * 3 * NL).map(|_| next()).collect();
        let start: Vec<f32> = (0..NL).map(|_| next()).collect();
        let t = DenseTable::new(&dense, &table);
        assert_eq!(t.bytes(), 3 * VEC_WINDOW * NL * 4);
        let opts = [0, 1, 2, 7, u32::MAX];
        for a in opts {
            for b in opts {
                for c in opts {
                    let (mut direct, mut looked_up) = (start.clone(), start.clone());
                    add_dense(&dense, &table, [a, b, c], &mut direct);
                    t.add([a, b, c], &mut looked_up);
                    let bits = |v: &[f32]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
                    assert_eq!(bits(&direct), bits(&looked_up), "rows {a} {b} {c}");
                }
            }
        }
        // No weights, or weights of another shape: an empty table that adds nothing.
        assert!(DenseTable::new(&[], &table).is_empty());
        assert!(DenseTable::new(&dense[1..], &table).is_empty());
        let mut out = start.clone();
        DenseTable::default().add([0, 1, 2], &mut out);
        assert_eq!(out, start);
    }
}

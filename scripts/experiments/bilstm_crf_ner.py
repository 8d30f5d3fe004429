#!/usr/bin/env python3
"""Experiment (not part of the product): a BiLSTM-CRF NER tagger over GloVe 50-d vectors
and a character CNN, to measure on CoNLL-2003 dev (eng.testa) what a neural tagger of the
kind models/ner.md's "Gaps" names would reach on this data, before any Rust port.

Runs on the CPU with PyTorch from `.venv-transformer` (scripts/setup-transformer.sh):

    .venv-transformer/bin/python scripts/experiments/bilstm_crf_ner.py \
        --train ../shared/data/conll2003/eng.train --dev ../shared/data/conll2003/eng.testa \
        --vectors data/glove-vectors.tsv --epochs 20

Prints dev precision/recall/F1 (exact spans, micro) after each epoch; the test file is
never read. Seeded by --seed (Python and PyTorch); whether two runs give identical figures
was not checked.
"""
import argparse, random, time
import torch, torch.nn as nn


def read_conll(path):
    docs, sent = [], []
    sents = []
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("-DOCSTART-"):
            if sent:
                sents.append(sent)
                sent = []
            continue
        parts = line.split()
        sent.append((parts[0], parts[-1]))
    if sent:
        sents.append(sent)
    return sents


def spans(tags):
    """Entity spans from IOB1 or IOB2 tags: (start, end, type)."""
    out, start, typ = [], None, None
    for i, t in enumerate(tags + ["O"]):
        if t == "O" or t.startswith("B-") or (t.startswith("I-") and t[2:] != typ):
            if start is not None:
                out.append((start, i, typ))
            start, typ = (i, t[2:]) if t != "O" else (None, None)
    return out


def iobes(tags):
    """Convert to BIOES (BILOU) labels over the decoded spans."""
    lab = ["O"] * len(tags)
    for s, e, t in spans(tags):
        if e - s == 1:
            lab[s] = "S-" + t
        else:
            lab[s] = "B-" + t
            for k in range(s + 1, e - 1):
                lab[k] = "I-" + t
            lab[e - 1] = "E-" + t
    return lab


def decode_spans(lab):
    out, start = [], None
    for i, t in enumerate(lab):
        if t.startswith("S-"):
            out.append((i, i + 1, t[2:])); start = None
        elif t.startswith("B-"):
            start = (i, t[2:])
        elif t.startswith("E-") and start and start[1] == t[2:]:
            out.append((start[0], i + 1, t[2:])); start = None
        elif t.startswith("I-") and start and start[1] == t[2:]:
            pass
        else:
            start = None
    return out


def caps(w):
    if w.isupper() and any(c.isalpha() for c in w):
        return 1
    if w[:1].isupper():
        return 2
    if any(c.isupper() for c in w):
        return 3
    return 0


class CRF(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.trans = nn.Parameter(torch.zeros(n, n))
        self.start = nn.Parameter(torch.zeros(n))
        self.end = nn.Parameter(torch.zeros(n))

    def nll(self, em, tags, mask):
        # em: B x T x L, tags: B x T, mask: B x T (bool)
        B, T, L = em.shape
        score = self.start[tags[:, 0]] + em[:, 0].gather(1, tags[:, :1]).squeeze(1)
        alpha = self.start + em[:, 0]
        for t in range(1, T):
            m = mask[:, t]
            e = em[:, t]
            score = score + m * (self.trans[tags[:, t - 1], tags[:, t]] + e.gather(1, tags[:, t:t + 1]).squeeze(1))
            nxt = torch.logsumexp(alpha.unsqueeze(2) + self.trans.unsqueeze(0), dim=1) + e
            alpha = torch.where(m.unsqueeze(1), nxt, alpha)
        last = tags.gather(1, (mask.sum(1) - 1).unsqueeze(1)).squeeze(1)
        score = score + self.end[last]
        logz = torch.logsumexp(alpha + self.end, dim=1)
        return (logz - score).sum()

    def viterbi(self, em):
        # em: T x L (one sentence)
        T, L = em.shape
        v = self.start + em[0]
        back = []
        for t in range(1, T):
            s = v.unsqueeze(1) + self.trans
            best, idx = s.max(0)
            back.append(idx)
            v = best + em[t]
        v = v + self.end
        k = int(v.argmax())
        path = [k]
        for idx in reversed(back):
            k = int(idx[k]); path.append(k)
        return path[::-1]


class Tagger(nn.Module):
    def __init__(self, vecs, n_chars, n_labels, hidden=100):
        super().__init__()
        self.word = nn.Embedding.from_pretrained(vecs, freeze=False)
        self.caps = nn.Embedding(4, 5)
        self.char = nn.Embedding(n_chars, 25)
        self.conv = nn.Conv1d(25, 30, 3, padding=1)
        self.drop = nn.Dropout(0.5)
        self.lstm = nn.LSTM(vecs.shape[1] + 5 + 30, hidden, batch_first=True, bidirectional=True)
        self.out = nn.Linear(2 * hidden, n_labels)
        self.crf = CRF(n_labels)

    def emissions(self, words, capsv, chars):
        # chars: B x T x C
        B, T, C = chars.shape
        c = self.char(chars.view(B * T, C)).transpose(1, 2)
        c = torch.relu(self.conv(c)).max(2).values.view(B, T, -1)
        x = torch.cat([self.word(words), self.caps(capsv), c], dim=2)
        h, _ = self.lstm(self.drop(x))
        return self.out(self.drop(h))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", required=True)
    ap.add_argument("--dev", required=True)
    ap.add_argument("--vectors", required=True)
    ap.add_argument("--epochs", type=int, default=20)
    ap.add_argument("--seed", type=int, default=2003)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    random.seed(args.seed); torch.manual_seed(args.seed); torch.set_num_threads(args.threads)

    train, dev = read_conll(args.train), read_conll(args.dev)
    vocab, rows = {"<unk>": 0, "<pad>": 1}, [[0.0] * 50, [0.0] * 50]
    for line in open(args.vectors, encoding="utf-8"):
        if line.startswith("#"):
            continue
        p = line.rstrip("\n").replace("\t", " ").split(" ")
        if len(p) != 51 or p[0] in vocab:
            continue
        vocab[p[0]] = len(rows); rows.append([float(x) for x in p[1:]])
    # Training words without a vector get their own (random) rows.
    for s in train:
        for w, _ in s:
            k = w.lower()
            if k not in vocab:
                vocab[k] = len(rows); rows.append([random.gauss(0, 0.1) for _ in range(50)])
    vecs = torch.tensor(rows)
    chars = {"<pad>": 0, "<unk>": 1}
    for s in train:
        for w, _ in s:
            for ch in w:
                chars.setdefault(ch, len(chars))
    labels = sorted({l for s in train for l in iobes([t for _, t in s])})
    lid = {l: i for i, l in enumerate(labels)}

    def tensors(batch):
        T = max(len(s) for s in batch)
        C = max(len(w) for s in batch for w, _ in s)
        W = torch.full((len(batch), T), 1, dtype=torch.long)
        K = torch.zeros((len(batch), T), dtype=torch.long)
        X = torch.zeros((len(batch), T, C), dtype=torch.long)
        Y = torch.zeros((len(batch), T), dtype=torch.long)
        M = torch.zeros((len(batch), T), dtype=torch.bool)
        for b, s in enumerate(batch):
            lab = iobes([t for _, t in s])
            for i, (w, _) in enumerate(s):
                W[b, i] = vocab.get(w.lower(), 0); K[b, i] = caps(w); M[b, i] = True
                Y[b, i] = lid[lab[i]]
                for j, ch in enumerate(w):
                    X[b, i, j] = chars.get(ch, 1)
        return W, K, X, Y, M

    model = Tagger(vecs, len(chars), len(labels))
    opt = torch.optim.SGD(model.parameters(), lr=0.015, momentum=0.9)
    print(f"train {len(train)} sentences, dev {len(dev)}, vocab {len(vocab)}, labels {len(labels)}", flush=True)
    best = 0.0
    for ep in range(1, args.epochs + 1):
        t0 = time.time(); model.train()
        order = sorted(range(len(train)), key=lambda i: (len(train[i]), random.random()))
        batches = [order[i:i + args.batch] for i in range(0, len(order), args.batch)]
        random.shuffle(batches)
        lr = 0.015 / (1 + 0.05 * (ep - 1))
        for g in opt.param_groups:
            g["lr"] = lr
        total = 0.0
        for bi in batches:
            W, K, X, Y, M = tensors([train[i] for i in bi])
            em = model.emissions(W, K, X)
            loss = model.crf.nll(em, Y, M) / len(bi)
            opt.zero_grad(); loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            opt.step(); total += float(loss)
        model.eval(); tp = fp = fn = 0
        with torch.no_grad():
            for i in range(0, len(dev), 64):
                batch = dev[i:i + 64]
                W, K, X, Y, M = tensors(batch)
                em = model.emissions(W, K, X)
                for b, s in enumerate(batch):
                    path = model.crf.viterbi(em[b, :len(s)])
                    pred = set(decode_spans([labels[k] for k in path]))
                    gold = set(spans([t for _, t in s]))
                    tp += len(pred & gold); fp += len(pred - gold); fn += len(gold - pred)
        p = tp / max(1, tp + fp); r = tp / max(1, tp + fn); f = 2 * p * r / max(1e-9, p + r)
        best = max(best, f)
        print(f"epoch {ep:2d}: loss {total / len(batches):.3f}, dev P {100*p:.2f} R {100*r:.2f} F1 {100*f:.2f} (best {100*best:.2f}), {time.time()-t0:.0f}s", flush=True)


if __name__ == "__main__":
    main()

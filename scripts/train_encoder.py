#!/usr/bin/env python3
"""Fine-tune the pretrained encoder (all-MiniLM-L6-v2 from PyPI) for attribution: one encoder,
one linear layer of heads over each word's first sub-token, trained on PolNeAR train.

    train_encoder.py prepare SEGMENTED.jsonl SPLIT_DIR SOURCES.jsonl OUT.pt
    train_encoder.py train TRAIN.pt DEV.pt BASE_DIR WORK_DIR [--epochs N] [--articles N] ...
    train_encoder.py export WORK_DIR/checkpoint.pt BASE_DIR OUT_MODEL_DIR
    train_encoder.py evaluate MODEL_DIR DEV.pt

scripts/train-encoder.sh runs the whole thing; read it first.

Heads (one logit row each, in this order; `heads.json` in the exported model names them):
- cue (3-way softmax): O, B (first word of a cue), I (later words of a cue);
- source, content (one sigmoid each): the word is inside some attribution's source / content
  (roles of different attributions may overlap, hence not a softmax);
- kind (8-way softmax, read as the mean of the logits over a source span's words): the kind
  of that source (person, organization, anonymous, group, document, author, none, other).

The encoder is uncased, so each word also has a case class (lower, Title, ALLCAPS, has a
digit, other); a learned 5 x 13 table adds a bias per case class to the logits. That is exactly
a linear head over [encoder output; one-hot case], and it keeps the exported model a plain
BertForTokenClassification (config.json, model.safetensors) plus the table in heads.json.

Windows: a paragraph (byline's segmentation), its sentences packed in order into windows of
at most WINDOW_WORDS words; a longer sentence is cut into pieces of WINDOW_WORDS words. At most
MAX_SUBTOKENS sub-tokens with [CLS] and [SEP]; words past that get no prediction. The Rust side
(src/encoder/) builds the same windows.
"""
import argparse
import json
import math
import os
import random
import sys
import time

WINDOW_WORDS = 100
MAX_SUBTOKENS = 192
CUE = ["O", "B", "I"]
KINDS = ["person", "organization", "anonymous", "group", "document", "author", "none", "other"]
LABELS = ["cue:O", "cue:B", "cue:I", "role:source", "role:content"] + [f"kind:{k}" for k in KINDS]
CASES = ["lower", "title", "upper", "digit", "other"]


def case_class(word):
    if any(c.isdigit() for c in word):
        return 3
    letters = [c for c in word if c.isalpha()]
    if not letters:
        return 4
    if all(c.islower() for c in letters):
        return 0
    if all(c.isupper() for c in letters):
        return 2 if len(letters) > 1 else 1
    if letters[0].isupper():
        return 1
    return 4


# ---------------------------------------------------------------------------------------
# prepare: byline's tokens + brat gold -> windows with word labels


def first_ann(split_dir, name):
    ann_dir = os.path.join(split_dir, "attributions")
    files = sorted(f for f in os.listdir(ann_dir) if f.startswith(name + "_") and f.endswith(".ann"))
    return os.path.join(ann_dir, files[0]) if files else None


def read_ann(path):
    spans, rels = {}, []
    for line in open(path, encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        if not parts or len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            head = parts[1].split(" ", 1)
            if len(head) < 2:
                continue
            kind, offs = head
            pieces = []
            for piece in offs.split(";"):
                a, b = piece.split()
                pieces.append((int(a), int(b)))
            spans[parts[0]] = (kind, pieces)
        elif parts[0].startswith("E"):
            roles = {}
            for arg in parts[1].split():
                if ":" in arg:
                    r, t = arg.split(":", 1)
                    roles[r] = t
            rels.append((parts[0], roles))
    return spans, rels


def prepare(args):
    kinds = {}
    for line in open(args.sources, encoding="utf-8"):
        row = json.loads(line)
        kinds[(row["doc"], row["rel"])] = row["kind"]
    out = []
    n_rel = n_kind = 0
    for line in open(args.segmented, encoding="utf-8"):
        doc = json.loads(line)
        if "error" in doc:
            continue
        name = doc["id"]
        if name.endswith(".txt"):
            name = name[:-4]
        name = os.path.basename(name)
        ann = first_ann(args.split_dir, name)
        if ann is None:
            continue
        text = doc["text"]
        toks = doc["tokens"]
        words = [text[t["start"]:t["end"]] for t in toks]
        n = len(toks)
        cue = [0] * n
        src = [0] * n
        con = [0] * n
        kind_spans = []  # (token indices, kind id)
        spans, rels = read_ann(ann)
        # Token index by character: tokens overlapping a char span.
        starts = [t["start"] for t in toks]
        import bisect

        def covered(pieces):
            idx = []
            for a, b in pieces:
                i = max(bisect.bisect_right(starts, a) - 1, 0)
                while i < n and toks[i]["start"] < b:
                    if toks[i]["end"] > a:
                        idx.append(i)
                    i += 1
            return sorted(set(idx))

        for rel, roles in rels:
            trig = spans.get(roles.get("Attribution", ""))
            if trig is None:
                continue
            n_rel += 1
            if "Cue" in roles and roles["Cue"] in spans:
                ids = covered(spans[roles["Cue"]][1])
                for k, i in enumerate(ids):
                    if k == 0:
                        cue[i] = 1
                    elif cue[i] == 0:
                        cue[i] = 2
            if "Content" in roles and roles["Content"] in spans:
                for i in covered(spans[roles["Content"]][1]):
                    con[i] = 1
            if "Source" in roles and roles["Source"] in spans:
                ids = covered(spans[roles["Source"]][1])
                for i in ids:
                    src[i] = 1
                k = kinds.get((name, rel))
                if k in KINDS and ids:
                    kind_spans.append((ids, KINDS.index(k)))
                    n_kind += 1
        # Windows.
        windows = []
        for p in doc["paragraphs"]:
            cur = []
            for s in range(p["sentences"][0], p["sentences"][1]):
                a, b = doc["sentences"][s]["tokens"]
                sent = list(range(a, b))
                if cur and len(cur) + len(sent) > WINDOW_WORDS:
                    windows.append(cur)
                    cur = []
                while len(sent) > WINDOW_WORDS:
                    windows.append(sent[:WINDOW_WORDS])
                    sent = sent[WINDOW_WORDS:]
                cur.extend(sent)
            if cur:
                windows.append(cur)
        win_of = {}
        for w, ids in enumerate(windows):
            for i in ids:
                win_of[i] = w
        per_win_kinds = [[] for _ in windows]
        for ids, k in kind_spans:
            w = win_of.get(ids[0])
            if w is None:
                continue
            base = windows[w][0]
            local = [i - base for i in ids if win_of.get(i) == w]
            per_win_kinds[w].append((local, k))
        for w, ids in enumerate(windows):
            out.append({
                "doc": name,
                "words": [words[i] for i in ids],
                "cue": [cue[i] for i in ids],
                "source": [src[i] for i in ids],
                "content": [con[i] for i in ids],
                "kinds": per_win_kinds[w],
            })
    import torch
    torch.save(out, args.out)
    print(f"prepare: {len(out)} windows, {len(set(w['doc'] for w in out))} articles, "
          f"{n_rel} attributions, {n_kind} labelled sources -> {args.out}", file=sys.stderr)


# ---------------------------------------------------------------------------------------
# model


def load_base(base_dir):
    from transformers import BertModel, BertTokenizerFast
    tok = BertTokenizerFast.from_pretrained(base_dir)
    enc = BertModel.from_pretrained(base_dir, add_pooling_layer=False)
    return tok, enc


class Tagger:
    """Encoder + one linear layer + a case bias table."""

    def __init__(self, enc):
        import torch
        self.enc = enc
        h = enc.config.hidden_size
        self.head = torch.nn.Linear(h, len(LABELS))
        self.case = torch.nn.Embedding(len(CASES), len(LABELS))
        torch.nn.init.zeros_(self.case.weight)
        self.drop = torch.nn.Dropout(0.1)

    def parameters(self):
        return list(self.enc.parameters()) + list(self.head.parameters()) + list(self.case.parameters())

    def state_dict(self):
        return {"enc": self.enc.state_dict(), "head": self.head.state_dict(), "case": self.case.state_dict()}

    def load_state_dict(self, sd):
        self.enc.load_state_dict(sd["enc"])
        self.head.load_state_dict(sd["head"])
        self.case.load_state_dict(sd["case"])

    def train(self, on=True):
        self.enc.train(on)
        self.drop.train(on)

    def __call__(self, batch):
        import torch
        out = self.enc(input_ids=batch["ids"], attention_mask=batch["mask"]).last_hidden_state
        out = self.drop(out)
        # First sub-token of each word.
        b, w = batch["first"].shape
        idx = batch["first"].clamp(min=0).unsqueeze(-1).expand(b, w, out.size(-1))
        words = out.gather(1, idx)
        return self.head(words) + self.case(batch["case"])


def encode_windows(tok, windows):
    """Sub-token ids per window, first sub-token index per word (-1 past the cap)."""
    res = []
    for win in windows:
        ids = [tok.cls_token_id]
        first = []
        for word in win["words"]:
            sub = tok(word, add_special_tokens=False)["input_ids"]
            # As the Rust side does: a word with no sub-token, or past the cap, is unscored.
            if not sub or len(ids) + len(sub) + 1 > MAX_SUBTOKENS:
                first.append(-1)
                continue
            first.append(len(ids))
            ids.extend(sub)
        ids.append(tok.sep_token_id)
        res.append((ids, first))
    return res


def make_batch(items, enc_windows, pad_id):
    import torch
    B = len(items)
    L = max(len(enc_windows[i][0]) for i in items)
    W = max(len(enc_windows[i][1]) for i in items)
    ids = torch.full((B, L), pad_id, dtype=torch.long)
    mask = torch.zeros((B, L), dtype=torch.long)
    first = torch.full((B, W), -1, dtype=torch.long)
    case = torch.zeros((B, W), dtype=torch.long)
    for r, i in enumerate(items):
        s, f = enc_windows[i]
        ids[r, :len(s)] = torch.tensor(s)
        mask[r, :len(s)] = 1
        first[r, :len(f)] = torch.tensor(f)
    return {"ids": ids, "mask": mask, "first": first, "case": case}


def targets(items, windows, W):
    import torch
    B = len(items)
    cue = torch.full((B, W), -100, dtype=torch.long)
    roles = torch.zeros((B, W, 2))
    valid = torch.zeros((B, W))
    case = torch.zeros((B, W), dtype=torch.long)
    kinds = []  # (row, word indices, kind)
    for r, i in enumerate(items):
        win = windows[i]
        n = len(win["words"])
        cue[r, :n] = torch.tensor(win["cue"])
        roles[r, :n, 0] = torch.tensor(win["source"], dtype=torch.float)
        roles[r, :n, 1] = torch.tensor(win["content"], dtype=torch.float)
        valid[r, :n] = 1
        case[r, :n] = torch.tensor([case_class(w) for w in win["words"]])
        for ids, k in win["kinds"]:
            kinds.append((r, ids, k))
    return cue, roles, valid, case, kinds


def loss_of(logits, batch, cue, roles, valid, kinds, cue_weights):
    import torch
    import torch.nn.functional as F
    ok = (batch["first"] >= 0)
    cue = cue.masked_fill(~ok, -100)
    l_cue = F.cross_entropy(logits[..., 0:3].reshape(-1, 3), cue.reshape(-1), weight=cue_weights, ignore_index=-100)
    m = (valid * ok.float()).unsqueeze(-1)
    l_roles = (F.binary_cross_entropy_with_logits(logits[..., 3:5], roles, reduction="none") * m).sum() / m.sum().clamp(min=1) / 2
    l_kind = torch.zeros(())
    if kinds:
        rows = []
        gold = []
        for r, ids, k in kinds:
            ids = [i for i in ids if batch["first"][r, i] >= 0]
            if not ids:
                continue
            rows.append(logits[r, ids, 5:].mean(0))
            gold.append(k)
        if rows:
            l_kind = F.cross_entropy(torch.stack(rows), torch.tensor(gold))
    return l_cue + l_roles + 0.5 * l_kind, (l_cue.item(), l_roles.item(), float(l_kind))


def batches_by_length(order, enc_windows, size):
    """Batches of similar length (less padding), in a shuffled order of batches."""
    chunks = [order[i:i + size * 50] for i in range(0, len(order), size * 50)]
    out = []
    for c in chunks:
        c = sorted(c, key=lambda i: len(enc_windows[i][0]))
        out.extend(c[i:i + size] for i in range(0, len(c), size))
    return out


def train(args):
    import torch
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    torch.set_num_threads(args.threads)
    windows = torch.load(args.train, weights_only=False)
    if args.articles:
        docs = sorted(set(w["doc"] for w in windows))
        random.Random(args.seed).shuffle(docs)
        keep = set(docs[:args.articles])
        windows = [w for w in windows if w["doc"] in keep]
    tok, enc = load_base(args.base)
    model = Tagger(enc)
    enc_windows = encode_windows(tok, windows)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    steps_per_epoch = math.ceil(len(windows) / args.batch_size)
    total = steps_per_epoch * args.epochs
    warm = max(1, int(0.06 * total))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (total - s) / max(1, total - warm))))
    os.makedirs(args.work, exist_ok=True)
    ckpt = os.path.join(args.work, "checkpoint.pt")
    step = 0
    config = {k: getattr(args, k) for k in ["epochs", "articles", "batch_size", "lr", "seed"]}
    config["windows"] = len(windows)
    if os.path.exists(ckpt):
        state = torch.load(ckpt, weights_only=False)
        if state.get("config") != config:
            sys.exit(f"train: {ckpt} is from another run ({state.get('config')}, now {config}); "
                     "remove it or pick another work directory")
        model.load_state_dict(state["model"])
        opt.load_state_dict(state["opt"])
        sched.load_state_dict(state["sched"])
        step = state["step"]
        print(f"train: resuming at step {step} of {total}", file=sys.stderr)
    cue_weights = torch.tensor([1.0, 3.0, 2.0])
    t0 = time.time()
    model.train()
    for epoch in range(args.epochs):
        order = list(range(len(windows)))
        random.Random(args.seed + epoch).shuffle(order)
        plan = batches_by_length(order, enc_windows, args.batch_size)
        random.Random(args.seed + 100 + epoch).shuffle(plan)
        for k, items in enumerate(plan):
            s = epoch * steps_per_epoch + k
            if s < step:
                continue
            batch = make_batch(items, enc_windows, tok.pad_token_id)
            cue, roles, valid, case, kinds = targets(items, windows, batch["first"].shape[1])
            batch["case"] = case
            logits = model(batch)
            loss, parts = loss_of(logits, batch, cue, roles, valid, kinds, cue_weights)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            step = s + 1
            if step % 50 == 0:
                el = time.time() - t0
                print(f"train: step {step}/{total} loss {loss.item():.4f} (cue {parts[0]:.3f} roles {parts[1]:.3f} "
                      f"kind {parts[2]:.3f}) {el:.0f}s", file=sys.stderr, flush=True)
            if step % args.save_every == 0 or step == total:
                tmp = ckpt + ".tmp"
                torch.save({"model": model.state_dict(), "opt": opt.state_dict(),
                            "sched": sched.state_dict(), "step": step, "config": config}, tmp)
                os.replace(tmp, ckpt)
    print(f"train: done, {step} steps in {time.time() - t0:.0f}s -> {ckpt}", file=sys.stderr)


# ---------------------------------------------------------------------------------------
# export and evaluation


def export(args):
    import shutil
    import torch
    from transformers import BertForTokenClassification, BertConfig
    tok, enc = load_base(args.base)
    model = Tagger(enc)
    state = torch.load(args.checkpoint, weights_only=False)
    model.load_state_dict(state["model"])
    cfg = BertConfig.from_pretrained(args.base)
    cfg.num_labels = len(LABELS)
    cfg.id2label = {i: l for i, l in enumerate(LABELS)}
    cfg.label2id = {l: i for i, l in enumerate(LABELS)}
    cfg.architectures = ["BertForTokenClassification"]
    out = BertForTokenClassification(cfg)
    out.bert.load_state_dict(model.enc.state_dict(), strict=False)
    out.classifier.load_state_dict(model.head.state_dict())
    out = out.half() if args.fp16 else out
    os.makedirs(args.out, exist_ok=True)
    out.save_pretrained(args.out, safe_serialization=True)
    for f in ["tokenizer.json", "vocab.txt", "tokenizer_config.json", "special_tokens_map.json"]:
        src = os.path.join(args.base, f)
        if os.path.exists(src):
            shutil.copy(src, os.path.join(args.out, f))
    heads = {
        "format": "byline-attribution-encoder/1",
        "labels": LABELS,
        "cases": CASES,
        "case_bias": model.case.weight.detach().float().tolist(),
        "window_words": WINDOW_WORDS,
        "max_subtokens": MAX_SUBTOKENS,
        "trained_steps": state["step"],
    }
    json.dump(heads, open(os.path.join(args.out, "heads.json"), "w"), indent=1)
    print(f"export: {args.out} ({'fp16' if args.fp16 else 'fp32'})", file=sys.stderr)


def predict(model_dir, windows, threads=2, batch_size=32):
    """Per window: per word, [3 cue probs, source p, content p] and kind logits (list)."""
    import torch
    from transformers import BertForTokenClassification, BertTokenizerFast
    torch.set_num_threads(threads)
    tok = BertTokenizerFast.from_pretrained(model_dir)
    m = BertForTokenClassification.from_pretrained(model_dir).float().eval()
    heads = json.load(open(os.path.join(model_dir, "heads.json")))
    bias = torch.tensor(heads["case_bias"])
    enc_windows = encode_windows(tok, windows)
    order = sorted(range(len(windows)), key=lambda i: len(enc_windows[i][0]))
    res = [None] * len(windows)
    with torch.no_grad():
        for k in range(0, len(order), batch_size):
            items = order[k:k + batch_size]
            batch = make_batch(items, enc_windows, tok.pad_token_id)
            logits = m(input_ids=batch["ids"], attention_mask=batch["mask"]).logits
            for r, i in enumerate(items):
                f = enc_windows[i][1]
                words = windows[i]["words"]
                rows = []
                for j, fi in enumerate(f):
                    if fi < 0:
                        rows.append(None)
                        continue
                    x = logits[r, fi] + bias[case_class(words[j])]
                    rows.append(x)
                res[i] = rows
    return res


def evaluate(args):
    import torch
    windows = torch.load(args.data, weights_only=False)
    t0 = time.time()
    preds = predict(args.model, windows, threads=args.threads)
    el = time.time() - t0
    nwords = sum(len(w["words"]) for w in windows)
    tp = fp = fn = 0
    rtp = [0, 0]
    rfp = [0, 0]
    rfn = [0, 0]
    kc = kt = 0
    for win, rows in zip(windows, preds):
        for j, x in enumerate(rows):
            g = win["cue"][j]
            p = 0 if x is None else int(x[0:3].argmax())
            tp += (p == 1 and g == 1)
            fp += (p == 1 and g != 1)
            fn += (p != 1 and g == 1)
            for r, key in enumerate(["source", "content"]):
                pr = x is not None and float(x[3 + r]) > 0
                gr = win[key][j] == 1
                rtp[r] += pr and gr
                rfp[r] += pr and not gr
                rfn[r] += gr and not pr
        for ids, k in win["kinds"]:
            xs = [rows[i][5:] for i in ids if rows[i] is not None]
            if xs:
                kt += 1
                kc += int(torch.stack(xs).mean(0).argmax()) == k

    def f1(t, p, n):
        P = t / max(1, t + p)
        R = t / max(1, t + n)
        return P, R, 2 * P * R / max(1e-9, P + R)
    P, R, F = f1(tp, fp, fn)
    print(f"cue start: P {P:.3f} R {R:.3f} F1 {F:.3f}")
    for r, key in enumerate(["source", "content"]):
        P, R, F = f1(rtp[r], rfp[r], rfn[r])
        print(f"{key} words: P {P:.3f} R {R:.3f} F1 {F:.3f}")
    print(f"kind accuracy (gold source spans): {kc / max(1, kt):.3f} of {kt}")
    print(f"{nwords} words in {el:.1f}s: {nwords / el:.0f} words/s (PyTorch, {args.threads} threads)")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("prepare")
    p.add_argument("segmented")
    p.add_argument("split_dir")
    p.add_argument("sources")
    p.add_argument("out")
    p = sub.add_parser("train")
    p.add_argument("train")
    p.add_argument("base")
    p.add_argument("work")
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--articles", type=int, default=0, help="train on this many articles (0: all)")
    p.add_argument("--batch-size", type=int, default=16)
    p.add_argument("--lr", type=float, default=8e-5)
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--save-every", type=int, default=100)
    p = sub.add_parser("export")
    p.add_argument("checkpoint")
    p.add_argument("base")
    p.add_argument("out")
    p.add_argument("--fp32", dest="fp16", action="store_false")
    p = sub.add_parser("evaluate")
    p.add_argument("model")
    p.add_argument("data")
    p.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    {"prepare": prepare, "train": train, "export": export, "evaluate": evaluate}[args.cmd](args)


if __name__ == "__main__":
    main()

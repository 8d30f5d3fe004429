#!/usr/bin/env python3
"""Create tiny, randomly initialised token-classification models and PyTorch's answers
for the Rust tests of byline's transformer NER backend.

    python scripts/make_transformer_fixtures.py OUT_DIR

Writes, under OUT_DIR, one model directory per architecture (saved with
`save_pretrained`, weights as model.safetensors) and `<name>.expected.json` holding, per
sentence: the words, PyTorch's input ids and word ids, its logits, the argmax label of
each word (first sub-token), and the entities decoded from those labels in byline's
terms. Needs torch and transformers (scripts/setup-transformer.sh installs them).
"""

import json
import os
import sys

import torch
from tokenizers import ByteLevelBPETokenizer
from transformers import (
    BertConfig,
    BertForTokenClassification,
    BertTokenizerFast,
    DistilBertConfig,
    DistilBertForTokenClassification,
    RobertaConfig,
    RobertaForTokenClassification,
    RobertaTokenizerFast,
)

# Texts and the tokens byline's segmenter gives for them (the Rust tests check that).
SENTENCES = [
    ("Angela Merkel met Joe Biden in Washington on Tuesday.",
     ["Angela", "Merkel", "met", "Joe", "Biden", "in", "Washington", "on", "Tuesday", "."]),
    ("The United Nations said 3,000 people fled Sudan's capital.",
     ["The", "United", "Nations", "said", "3,000", "people", "fled", "Sudan", "'s", "capital", "."]),
    ("Microsoft and OpenAI signed a deal in San Francisco, officials said.",
     ["Microsoft", "and", "OpenAI", "signed", "a", "deal", "in", "San", "Francisco", ",",
      "officials", "said", "."]),
    ("Zürich-based Novartis hired Émile Dubois from the BBC in 2019.",
     ["Zürich-based", "Novartis", "hired", "Émile", "Dubois", "from", "the", "BBC", "in",
      "2019", "."]),
    ("\"We will not back down,\" said Senator Elizabeth Warren of Massachusetts.",
     ["\"", "We", "will", "not", "back", "down", ",", "\"", "said", "Senator", "Elizabeth",
      "Warren", "of", "Massachusetts", "."]),
]

# byline's mapping, written out independently of the Rust code.
TYPE_MAP = {
    "PER": "PER", "PERSON": "PER",
    "ORG": "ORG",
    "LOC": "LOC", "GPE": "LOC", "FAC": "LOC",
    "MISC": "MISC", "NORP": "MISC", "EVENT": "MISC",
    "DATE": None, "CARDINAL": None,
}


def split_tag(label):
    if label == "O":
        return ("O", None)
    if len(label) > 2 and label[1] == "-":
        return (label[0], label[2:])
    return ("I", label)


def decode(word_labels):
    """Mentions over the model's types, then mapped; B- or a change of type starts one."""
    out, cur = [], None  # cur = [start, model_type]

    def close(end):
        if cur is not None and TYPE_MAP[cur[1]] is not None:
            out.append([cur[0], end, TYPE_MAP[cur[1]]])

    for i, lab in enumerate(word_labels):
        if lab is None:
            close(i)
            cur = None
            continue
        prefix, ty = split_tag(lab)
        if prefix == "O" or TYPE_MAP.get(ty) is None:
            close(i)
            cur = None
        elif prefix == "B" or cur is None or cur[1] != ty:
            close(i)
            cur = [i, ty]
    close(len(word_labels))
    return out


def bert_vocab(path):
    words = sorted({w for _, ws in SENTENCES for w in ws})
    chars = sorted({c for w in words for c in w})
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    # Some words whole, some only as pieces, so that words split into sub-tokens.
    for w in words:
        if w not in ("Washington", "Francisco", "Massachusetts", "Novartis", "Dubois"):
            vocab.append(w)
    vocab += ["Wash", "##ington", "Fran", "##cisco", "Mass", "##achu", "##setts", "Nov", "##art"]
    vocab += chars + ["##" + c for c in chars if c != "É"]  # "É" inside a word: [UNK]
    seen, out = set(), []
    for v in vocab:
        if v not in seen:
            seen.add(v)
            out.append(v)
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


def sharpen(model, seed):
    # Random heads give nearly flat logits; spread them so labels vary and no two logits tie.
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        w = model.classifier.weight
        w.copy_(torch.randn(w.shape, generator=g) * 0.5)


def record(name, model, tok, out_dir):
    model.eval()
    labels = [model.config.id2label[i] for i in range(model.config.num_labels)]
    sentences = []
    min_gap = float("inf")
    for text, words in SENTENCES:
        enc = tok(words, is_split_into_words=True, return_tensors="pt")
        with torch.no_grad():
            logits = model(**{k: v for k, v in enc.items() if k != "token_type_ids"}).logits[0]
        word_ids = enc.word_ids(0)
        first = {}
        for pos, w in enumerate(word_ids):
            if w is not None and w not in first:
                first[w] = pos
        word_labels = []
        for w in range(len(words)):
            if w in first:
                row = logits[first[w]]
                top = torch.topk(row, 2).values
                min_gap = min(min_gap, float(top[0] - top[1]))
                word_labels.append(labels[int(row.argmax())])
            else:
                word_labels.append(None)
        sentences.append({
            "text": text,
            "words": words,
            "input_ids": enc["input_ids"][0].tolist(),
            "word_ids": word_ids,
            "logits": logits.tolist(),
            "word_labels": word_labels,
            "entities": decode(word_labels),
        })
    if min_gap < 1e-3:
        sys.exit(f"{name}: two logits within {min_gap}; pick another seed")
    with open(os.path.join(out_dir, f"{name}.expected.json"), "w", encoding="utf-8") as f:
        json.dump({"model": name, "labels": labels, "sentences": sentences}, f)
    n_ent = sum(len(s["entities"]) for s in sentences)
    print(f"{name}: {len(labels)} labels, {n_ent} entities over {len(sentences)} sentences")


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "tests/fixtures/transformer/generated"
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(0)

    # BERT, CoNLL labels, tokenizer.json + vocab.txt.
    conll = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"]
    d = os.path.join(out, "tiny-bert")
    os.makedirs(d, exist_ok=True)
    bert_vocab(os.path.join(d, "vocab.txt"))
    tok = BertTokenizerFast(vocab_file=os.path.join(d, "vocab.txt"), do_lower_case=False)
    cfg = BertConfig(vocab_size=len(tok), hidden_size=32, num_hidden_layers=2,
                     num_attention_heads=4, intermediate_size=64, max_position_embeddings=64,
                     id2label=dict(enumerate(conll)),
                     label2id={l: i for i, l in enumerate(conll)})
    model = BertForTokenClassification(cfg)
    sharpen(model, 1)
    model.save_pretrained(d)
    tok.save_pretrained(d)
    record("tiny-bert", model, tok, out)

    # The same vocabulary without tokenizer.json: byline builds WordPiece from vocab.txt.
    d2 = os.path.join(out, "tiny-bert-vocab-only")
    os.makedirs(d2, exist_ok=True)
    model.save_pretrained(d2)
    tok.save_pretrained(d2)
    os.remove(os.path.join(d2, "tokenizer.json"))
    record("tiny-bert-vocab-only", model, tok, out)

    # DistilBERT, IO labels (no prefixes).
    io = ["O", "PER", "ORG", "LOC", "MISC"]
    d = os.path.join(out, "tiny-distilbert")
    os.makedirs(d, exist_ok=True)
    cfg = DistilBertConfig(vocab_size=len(tok), dim=32, n_layers=2, n_heads=4, hidden_dim=64,
                           max_position_embeddings=64, id2label=dict(enumerate(io)),
                           label2id={l: i for i, l in enumerate(io)})
    model = DistilBertForTokenClassification(cfg)
    sharpen(model, 2)
    model.save_pretrained(d)
    tok.save_pretrained(d)
    record("tiny-distilbert", model, tok, out)

    # RoBERTa, OntoNotes-style labels, byte-level BPE.
    onto = ["O", "B-PERSON", "I-PERSON", "B-ORG", "I-ORG", "B-GPE", "I-GPE", "B-DATE",
            "I-DATE", "B-NORP", "I-NORP", "B-CARDINAL", "I-CARDINAL"]
    d = os.path.join(out, "tiny-roberta")
    os.makedirs(d, exist_ok=True)
    bpe = ByteLevelBPETokenizer()
    bpe.train_from_iterator([t for t, _ in SENTENCES] * 3, vocab_size=400, min_frequency=2,
                            special_tokens=["<s>", "<pad>", "</s>", "<unk>", "<mask>"],
                            show_progress=False)
    bpe.save_model(d)
    tok = RobertaTokenizerFast(vocab_file=os.path.join(d, "vocab.json"),
                               merges_file=os.path.join(d, "merges.txt"), add_prefix_space=True)
    cfg = RobertaConfig(vocab_size=len(tok), hidden_size=32, num_hidden_layers=2,
                        num_attention_heads=4, intermediate_size=64, max_position_embeddings=66,
                        type_vocab_size=1, pad_token_id=1, bos_token_id=0, eos_token_id=2,
                        layer_norm_eps=1e-5,  # as roberta-base's config.json has it
                        id2label=dict(enumerate(onto)),
                        label2id={l: i for i, l in enumerate(onto)})
    model = RobertaForTokenClassification(cfg)
    sharpen(model, 3)
    model.save_pretrained(d)
    tok.save_pretrained(d)
    record("tiny-roberta", model, tok, out)

    # The same RoBERTa without tokenizer.json: byline builds byte-level BPE from the files.
    d2 = os.path.join(out, "tiny-roberta-vocab-only")
    os.makedirs(d2, exist_ok=True)
    model.save_pretrained(d2)
    tok.save_pretrained(d2)
    os.remove(os.path.join(d2, "tokenizer.json"))
    record("tiny-roberta-vocab-only", model, tok, out)

    # An attribution encoder (scripts/train_encoder.py's export format) on the tiny BERT.
    attribution(out)


def trainer():
    """scripts/train_encoder.py as a module: the heads, case classes and windows the Rust
    side must reproduce."""
    import importlib.util
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "train_encoder.py")
    spec = importlib.util.spec_from_file_location("train_encoder", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def record_attribution(name, model_dir, out_dir):
    """PyTorch's scores per word for SENTENCES (each one window), as byline's encoder
    stage leaves them: logits + case bias, log-softmax over the cue:* and kind:* groups."""
    te = trainer()
    tok = BertTokenizerFast.from_pretrained(model_dir)
    model = BertForTokenClassification.from_pretrained(model_dir).float().eval()
    heads = json.load(open(os.path.join(model_dir, "heads.json")))
    labels = heads["labels"]
    bias = torch.tensor(heads["case_bias"])
    groups = []
    a = 0
    for b in range(1, len(labels) + 1):
        if b == len(labels) or labels[b].split(":")[0] != labels[a].split(":")[0]:
            if labels[a].split(":")[0] != "role":
                groups.append((a, b))
            a = b
    sentences = []
    for text, words in SENTENCES:
        (ids, first), = te.encode_windows(tok, [{"words": words}])
        with torch.no_grad():
            logits = model(input_ids=torch.tensor([ids])).logits[0]
        scores = []
        for w, f in zip(words, first):
            if f < 0:
                scores.append(None)
                continue
            x = logits[f] + bias[te.case_class(w)]
            for a, b in groups:
                x[a:b] = torch.log_softmax(x[a:b], dim=0)
            scores.append(x.tolist())
        sentences.append({"text": text, "words": words, "input_ids": ids, "scores": scores})
    with open(os.path.join(out_dir, f"{name}.expected.json"), "w", encoding="utf-8") as f:
        json.dump({"model": name, "labels": labels, "sentences": sentences}, f)
    print(f"{name}: {len(labels)} heads over {len(sentences)} sentences")


def attribution(out):
    te = trainer()
    d = os.path.join(out, "tiny-attribution")
    os.makedirs(d, exist_ok=True)
    bert_vocab(os.path.join(d, "vocab.txt"))
    tok = BertTokenizerFast(vocab_file=os.path.join(d, "vocab.txt"), do_lower_case=False)
    labels = te.LABELS
    cfg = BertConfig(vocab_size=len(tok), hidden_size=32, num_hidden_layers=2,
                     num_attention_heads=4, intermediate_size=64, max_position_embeddings=64,
                     id2label=dict(enumerate(labels)),
                     label2id={l: i for i, l in enumerate(labels)})
    model = BertForTokenClassification(cfg)
    sharpen(model, 4)
    model.save_pretrained(d)
    tok.save_pretrained(d)
    g = torch.Generator().manual_seed(5)
    heads = {
        "format": "byline-attribution-encoder/1",
        "labels": labels,
        "cases": te.CASES,
        "case_bias": (torch.randn(len(te.CASES), len(labels), generator=g) * 0.5).tolist(),
        "window_words": te.WINDOW_WORDS,
        "max_subtokens": 60,
    }
    with open(os.path.join(d, "heads.json"), "w") as f:
        json.dump(heads, f)
    record_attribution("tiny-attribution", d, out)
    # The shipped encoder, when the checkout has it: the parity test of the real model.
    shipped = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "models", "encoder")
    if os.path.isfile(os.path.join(shipped, "heads.json")):
        record_attribution("shipped-encoder", shipped, out)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Python side of scripts/bench-transformer.sh.

    bench_transformer.py make-model OUT_DIR TEXTS.jsonl
        A bert-base-cased-sized BertForTokenClassification with random weights (12 layers,
        hidden 768, vocabulary 28,996, CoNLL labels) and a cased WordPiece vocabulary
        trained on the texts, saved with save_pretrained.
    bench_transformer.py run MODEL_DIR WORDS.json [--threads N] [--batch-size N]
        Words/s of PyTorch on the same sentences byline tags: per document, sentences
        sorted by length and batched, no-grad forward, argmax of each word's first sub-token.
"""

import argparse
import json
import os
import time

import torch


def make_model(out, texts):
    from tokenizers import BertWordPieceTokenizer
    from transformers import BertConfig, BertForTokenClassification, BertTokenizerFast

    os.makedirs(out, exist_ok=True)
    lines = [json.loads(l)["text"] for l in open(texts, encoding="utf-8") if l.strip()]
    wp = BertWordPieceTokenizer(lowercase=False, strip_accents=False)
    wp.train_from_iterator(lines, vocab_size=28996, min_frequency=1, show_progress=False)
    wp.save_model(out)
    tok = BertTokenizerFast(vocab_file=os.path.join(out, "vocab.txt"), do_lower_case=False)
    labels = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"]
    cfg = BertConfig(vocab_size=28996, hidden_size=768, num_hidden_layers=12,
                     num_attention_heads=12, intermediate_size=3072,
                     max_position_embeddings=512, id2label=dict(enumerate(labels)),
                     label2id={l: i for i, l in enumerate(labels)})
    torch.manual_seed(0)
    model = BertForTokenClassification(cfg)
    model.save_pretrained(out)
    tok.save_pretrained(out)
    print(f"bench model: bert-base-sized, {sum(p.numel() for p in model.parameters())/1e6:.0f}M "
          f"parameters, tokenizer vocabulary {len(tok)}, in {out}")


def run(model_dir, words_file, threads, batch_size, repeat):
    from transformers import AutoModelForTokenClassification, AutoTokenizer

    if threads:
        torch.set_num_threads(threads)
    tok = AutoTokenizer.from_pretrained(model_dir)
    model = AutoModelForTokenClassification.from_pretrained(model_dir).eval()
    data = json.load(open(words_file, encoding="utf-8"))
    docs = data["docs"]

    def tag(doc):
        lens = [len(tok(s, is_split_into_words=True)["input_ids"]) for s in doc]
        order = sorted(range(len(doc)), key=lambda i: lens[i])
        labels = [None] * len(doc)
        for b in range(0, len(order), batch_size):
            idx = order[b:b + batch_size]
            enc = tok([doc[i] for i in idx], is_split_into_words=True, padding=True,
                      truncation=True, max_length=512, return_tensors="pt")
            with torch.no_grad():
                pred = model(input_ids=enc["input_ids"],
                             attention_mask=enc["attention_mask"]).logits.argmax(-1)
            for row, i in enumerate(idx):
                first, seen = [], set()
                for pos, w in enumerate(enc.word_ids(row)):
                    if w is not None and w not in seen:
                        seen.add(w)
                        first.append(int(pred[row, pos]))
                labels[i] = first
        return labels

    tag(docs[0])  # warm-up
    times = []
    for _ in range(max(1, repeat)):
        start = time.perf_counter()
        for d in docs:
            tag(d)
        times.append(time.perf_counter() - start)
    words = data["words"]
    tokens = sum(len(s) for d in docs for s in d)
    spread = ", ".join(f"{t:.2f}" for t in times)
    print(f"python (transformers {__import__('transformers').__version__}, torch {torch.__version__}, "
          f"{torch.get_num_threads()} threads, {model.config._attn_implementation} attention): "
          f"{len(docs)} docs, {words} words ({tokens} tokens), best of [{spread}] s: "
          f"{words / min(times):.0f} words/s")


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    m = sub.add_parser("make-model")
    m.add_argument("out")
    m.add_argument("texts")
    r = sub.add_parser("run")
    r.add_argument("model")
    r.add_argument("words")
    r.add_argument("--threads", type=int, default=0)
    r.add_argument("--batch-size", type=int, default=16)
    r.add_argument("--repeat", type=int, default=1)
    a = p.parse_args()
    if a.cmd == "make-model":
        make_model(a.out, a.texts)
    else:
        run(a.model, a.words, a.threads, a.batch_size, a.repeat)


if __name__ == "__main__":
    main()

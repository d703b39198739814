#!/usr/bin/env python3
"""DESIGN TOOL (not shipped, not used by Quarry): searches fastText hyperparameters for Quarry's
language-ID model (issue 7 item 3) with the reference fastText (fasttext-numpy2 0.10.4, Python
bindings of facebookresearch/fastText 0.9.x) so that Quarry's own trainer can be run with the
winning flags (scripts/lid/train_lid.sh).

    /work/issue7-prep/venv/bin/python scripts/lid/fasttext_design.py --data /work/lid-data \\
        --config 'dim=16,minn=1,maxn=4,epoch=5,lr=0.5,wordNgrams=1,loss=softmax,bucket=2000000,cutoff=200000' \\
        [--config ...] [--threads 1] [--keep NAME]
For each config: train (supervised, seed fixed by fastText, `thread` threads), quantize (qnorm,
dsub 2, retrain off, cutoff rows), save .ftz, predict every held-out item (top-1; a text whose
prediction is empty is 'und'), print .ftz size and macro accuracy per length, append a row
to DATA/design_runs.tsv and write DATA/pred_ft_<name>.jsonl ({"i", "ft_<name>": label}).
Text is given to fastText as in train.jsonl (no lowercasing), one line per example.
"""
import argparse
import collections
import json
import os
import time

import fasttext

LENGTHS = ["word", "phrase", "sentence", "paragraph"]


def parse(cfg):
    out = {}
    for kv in cfg.split(","):
        k, v = kv.split("=")
        out[k] = v if k == "loss" else float(v) if "." in v else int(v)
    return out


def write_ft_train(data):
    path = os.path.join(data, "ft_train.txt")
    src = os.path.join(data, "train.jsonl")
    if os.path.exists(path) and os.path.getmtime(path) > os.path.getmtime(src):
        return path
    with open(src, encoding="utf-8") as f, open(path, "w", encoding="utf-8") as out:
        for line in f:
            r = json.loads(line)
            out.write("__label__%s %s\n" % (r["label"], " ".join(r["text"].split())))
    return path


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True)
    ap.add_argument("--config", action="append", required=True)
    ap.add_argument("--threads", type=int, default=1)
    a = ap.parse_args()
    train = write_ft_train(a.data)
    items = [json.loads(l) for l in open(os.path.join(a.data, "heldout.jsonl"), encoding="utf-8")]
    texts = [" ".join(it["text"].split()) for it in items]
    langs = sorted({it["label"] for it in items})
    runs = os.path.join(a.data, "design_runs.tsv")
    new = not os.path.exists(runs)
    for cfg in a.config:
        c = parse(cfg)
        cutoff = c.pop("cutoff", 0)
        name = cfg.replace("=", "").replace(",", "_").replace(".", "p")
        t0 = time.time()
        m = fasttext.train_supervised(input=train, thread=a.threads, verbose=0, **c)
        t_train = time.time() - t0
        binp = os.path.join(a.data, "ft_%s.bin" % name)
        m.save_model(binp)
        bin_size = os.path.getsize(binp)
        m.quantize(input=train, qnorm=True, retrain=False, cutoff=cutoff, dsub=2, thread=a.threads)
        ftz = os.path.join(a.data, "ft_%s.ftz" % name)
        m.save_model(ftz)
        size = os.path.getsize(ftz)
        os.remove(binp)
        t0 = time.time()
        labels, _ = m.predict(texts, k=1)
        t_pred = time.time() - t0
        preds = [l[0].replace("__label__", "") if l else "und" for l in labels]
        with open(os.path.join(a.data, "pred_ft_%s.jsonl" % name), "w") as f:
            for i, p in enumerate(preds):
                f.write(json.dumps({"i": i, "ft_" + name: p}) + "\n")
        c_, t_ = collections.Counter(), collections.Counter()
        for it, p in zip(items, preds):
            t_[it["label"], it["length"]] += 1
            c_[it["label"], it["length"]] += p == it["label"]
        macro = {}
        for L in LENGTHS:
            v = [c_[l, L] / t_[l, L] for l in langs if t_[l, L]]
            macro[L] = 100 * sum(v) / len(v)
        worst = sorted(((c_[l, "sentence"] / t_[l, "sentence"], l) for l in langs if t_[l, "sentence"]))[:8]
        print("%s  bin %.1f MB  ftz %.2f MB  train %.0fs  predict %.1fs  " % (name, bin_size / 1e6, size / 1e6, t_train, t_pred)
              + "  ".join("%s %.2f" % (L, macro[L]) for L in LENGTHS), flush=True)
        print("   worst sentence: " + " ".join("%s %.1f" % (l, 100 * x) for x, l in worst), flush=True)
        with open(runs, "a") as f:
            if new:
                f.write("name\tftz_bytes\ttrain_s\t" + "\t".join(LENGTHS) + "\tworst_sentence\n")
                new = False
            f.write("%s\t%d\t%.0f\t%s\t%s\n" % (name, size, t_train, "\t".join("%.2f" % macro[L] for L in LENGTHS),
                                                " ".join("%s:%.1f" % (l, 100 * x) for x, l in worst)))


if __name__ == "__main__":
    main()

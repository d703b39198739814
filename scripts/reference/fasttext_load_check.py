"""Loads Quarry-written fastText models in fastText itself and compares predictions.

Checks that models Quarry trains and quantizes (QuarryClassify FastTextTrainer,
FastTextQuantizer, written by FastTextModelWriter) are valid fastText files: each one named in
the predictions file is loaded with the fastText Python package (fasttext-numpy2 0.10.4 =
facebookresearch/fastText@1142dc4, requirements-fasttext.txt), and fastText's predict(text,
k=-1) must give, on every text, the same labels in the same order as Quarry's predictor and
the same probabilities within --tolerance (default 1e-6).

The predictions come from a Swift test that writes them with the models:
  QUARRY_FASTTEXT_EXPORT=/tmp/ftexport swift test --filter exportForFastTextLoadCheck
  /work/issue7-prep/venv/bin/python scripts/reference/fasttext_load_check.py /tmp/ftexport
DIR/predictions.jsonl holds {"model", "text", "labels" (with __label__), "probs"} per line;
--predictions FILE names another file with the same fields (e.g. written from
`quarry classify apply` output). Exit status 1 on any mismatch.
"""
import argparse
import json
import os
import sys

import fasttext


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("directory", help="directory holding the models (and predictions.jsonl)")
    parser.add_argument("--predictions", help="JSONL of Quarry's predictions (default DIR/predictions.jsonl)")
    parser.add_argument("--tolerance", type=float, default=1e-6)
    args = parser.parse_args()

    path = args.predictions or os.path.join(args.directory, "predictions.jsonl")
    records = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    models = {}
    checked = {}
    failures = 0
    worst = {}
    for record in records:
        name = record["model"]
        if name not in models:
            models[name] = fasttext.load_model(os.path.join(args.directory, name))
            checked[name] = 0
            worst[name] = 0.0
        labels, probs = models[name].predict(record["text"], k=-1)
        labels = list(labels)
        probs = [float(p) for p in probs]
        checked[name] += 1
        same_labels = labels == record["labels"]
        delta = max((abs(a - b) for a, b in zip(probs, record["probs"])), default=0.0)
        worst[name] = max(worst[name], delta)
        if not same_labels or delta > args.tolerance:
            failures += 1
            if failures <= 10:
                print(f"MISMATCH {name}: {record['text'][:60]!r}\n  fastText {labels} {probs}\n"
                      f"  Quarry   {record['labels']} {record['probs']}")
    for name in models:
        m = models[name]
        print(f"{name}: loaded by fastText ({len(m.words)} words, {len(m.labels)} labels, "
              f"quantized={m.is_quantized()}), {checked[name]} texts, max |dp| {worst[name]:.3g}")
    print("OK" if failures == 0 else f"{failures} mismatches")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()

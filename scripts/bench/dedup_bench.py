#!/usr/bin/env python3
"""The dedup benchmark of issue #5 (deliverable 6): MinHash near-dedup, Quarry side by side with
datatrove 0.10.1's four minhash stages, in one run, one core each, on the extracted web sample.

Input: Quarry's extraction of the web-sample corpus (`quarry extract` of its *.warc.gz, all
cores, untimed; or --docs FILE; 4,814 documents). Same settings on both sides: word 5-grams,
14 bands x 8 rows (112 hashes), seed 1, no verification, drop mode.
  1. Quarry, signatures only: `quarry dedup --input DOCS --output OUT.jsonl --workers 1 --fresh
     --phase signatures` (read JSONL, shingle, 112 MinHashes, write the signature files);
  2. Quarry, whole: the same without --phase (signatures, buckets, clusters, filter and the
     deduplicated JSONL written);
  3. datatrove: scripts/bench/dedup_peer.py in the venv of scripts/reference/requirements-dedup.txt:
     stage 1 (JsonlReader -> MinhashDedupSignature: read, shingle, sign, write and sort the bucket
     files) for "signatures", stages 1-4 (… -> MinhashDedupFilter -> JsonlWriter) for "whole".
CPU seconds are user + system of the whole process tree (waited-for children, getrusage);
each figure is the median of --repeat (Quarry) and --peer-repeat (datatrove) runs.
Documents per CPU-second = documents / CPU seconds: per core. Kept counts are printed side by
side as a sanity check (they differ where the shingling differs: datatrove splits words with
spaCy's English rules, Quarry with QuarryText's per-language segmentation). Standard library
only; results go to .bench/results/.

  scripts/bench/run-all.sh dedup [--docs DOCS.jsonl] [--quarry BIN] [--repeat 3] [--peer-repeat 3]
"""

import argparse
import glob
import json
import os
import shutil
import statistics
import subprocess
import sys

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.dirname(__file__))
from jsonl_bench import save_results, sh, timed  # noqa: E402


def count_lines(path):
    with open(path, "rb") as f:
        return sum(1 for line in f if line.strip())


def text_mb(path):
    total = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                total += len(json.loads(line)["text"].encode("utf-8"))
    return total / 1e6


def has_dedup_command(quarry):
    usage = subprocess.run([quarry, "--help"], cwd=REPO, capture_output=True, text=True).stdout
    return any(line.split()[:1] == ["dedup"] for line in usage.splitlines())


def quarry_run(quarry, docs, scratch, phase):
    """One `quarry dedup --workers 1` (all phases, or one): (cpu seconds, wall seconds, kept or None)."""
    out = os.path.join(scratch, f"quarry-{phase}.jsonl")
    for stale in (out, out + ".run"):
        if os.path.isdir(stale):
            shutil.rmtree(stale)
        elif os.path.exists(stale):
            os.remove(stale)
    cmd = [quarry, "dedup", "--input", docs, "--output", out, "--workers", "1", "--fresh"]
    if phase != "all":
        cmd += ["--phase", phase]
    cpu, wall = timed(cmd)
    return cpu, wall, (count_lines(out) if phase == "all" and os.path.exists(out) else None)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=os.environ.get("QUARRY_CORPUS", os.path.join(REPO, "..", "shared", "corpora", "web-sample")))
    ap.add_argument("--docs", help="use this `quarry extract` output instead of extracting the corpus again")
    ap.add_argument("--quarry", help="use this quarry binary instead of building .build/release/quarry")
    ap.add_argument("--repeat", type=int, default=3, help="runs of Quarry per measure (median)")
    ap.add_argument("--peer-repeat", type=int, default=3, help="runs of datatrove (median; each takes about 2 minutes)")
    ap.add_argument("--skip-peer", action="store_true")
    ap.add_argument("--skip-quarry", action="store_true")
    ap.add_argument("--python", help="the Python of the reference venv (default: <repo>/.venv-ref, set up here)")
    args = ap.parse_args()

    scratch = os.path.join(REPO, ".bench", "dedup")
    os.makedirs(scratch, exist_ok=True)
    quarry = args.quarry
    if not quarry and (not args.skip_quarry or not args.docs):  # needed to run it or to extract
        print("building (release) ...", file=sys.stderr)
        sh(["swift", "build", "-c", "release", "--product", "quarry"])
        quarry = os.path.join(REPO, ".build", "release", "quarry")

    docs = args.docs
    if not docs:
        warcs = sorted(glob.glob(os.path.join(args.corpus, "*.warc.gz")))
        if not warcs:
            sys.exit(f"no *.warc.gz in {args.corpus}; set QUARRY_CORPUS")
        docs = os.path.join(scratch, "extracted.jsonl")
        print("extracting the corpus (untimed) ...", file=sys.stderr)
        sh([quarry, "extract", "--input"] + warcs + ["--output", docs, "--fresh", "-q"])
    n_docs, mb = count_lines(docs), text_mb(docs)
    results = {"input": docs, "documents": n_docs, "text_mb": mb, "load_average": os.getloadavg(),
               "repeat": args.repeat, "peer_repeat": args.peer_repeat,
               "settings": "word 5-grams, 14 bands x 8 rows, seed 1, drop mode, 1 core"}

    if not args.skip_quarry:
        if not has_dedup_command(quarry):
            print(f"{quarry} has no `dedup` command yet: Quarry's side is skipped", file=sys.stderr)
            results["quarry_skipped"] = "no `quarry dedup` command"
        else:
            entry = {}
            for phase, label in (("signatures", "signatures"), ("all", "whole")):
                runs = [quarry_run(quarry, docs, scratch, phase) for _ in range(args.repeat)]
                cpu = statistics.median(r[0] for r in runs)
                entry[label] = {"cpu_seconds": cpu, "cpu_seconds_runs": [round(r[0], 3) for r in runs],
                                "wall_seconds": statistics.median(r[1] for r in runs), "docs_per_cpu_s": n_docs / cpu}
                if phase == "all":
                    entry["kept"] = runs[0][2]
            results["quarry"] = entry

    if not args.skip_peer:
        python = args.python
        if not python:
            sh(["bash", "scripts/setup-venv.sh", "scripts/reference/requirements-dedup.txt", ".venv-ref",
                "datasketch,scipy,datatrove.pipeline.dedup,spacy"])
            python = os.path.join(REPO, ".venv-ref", "bin", "python")
        runs = [json.loads(sh([python, "scripts/bench/dedup_peer.py", "--scratch", os.path.join(scratch, "datatrove"), docs]))
                for _ in range(args.peer_repeat)]
        entry = {"peer": runs[0]["peer"], "kept": runs[0]["kept"], "runs": runs}
        for label, key in (("signatures", lambda r: r["stages"]["signatures"]["cpu_seconds"]),
                           ("whole", lambda r: r["whole_cpu_seconds"])):
            cpu = statistics.median(key(r) for r in runs)
            entry[label] = {"cpu_seconds": cpu, "cpu_seconds_runs": [key(r) for r in runs], "docs_per_cpu_s": n_docs / cpu}
        for stage in ("buckets", "clusters", "filter"):
            entry[stage] = {"cpu_seconds": statistics.median(r["stages"][stage]["cpu_seconds"] for r in runs)}
        results["datatrove"] = entry

    print(f"\nMinHash dedup ({results['settings']}), {n_docs} documents, {mb:.1f} MB of text; "
          f"medians of {args.repeat} (Quarry) and {args.peer_repeat} (datatrove)")
    print(f"  {'measure':<12} {'system':<34} {'CPU s':>8} {'docs/CPU-s':>11} {'kept':>6}  quarry ratio")
    for label in ("signatures", "whole"):
        for system, title in (("quarry", "quarry dedup --workers 1"), ("datatrove", "datatrove 0.10.1 minhash stages")):
            if system not in results:
                continue
            r = results[system][label]
            kept = results[system]["kept"] if label == "whole" else ""
            ratio = ""
            if system == "datatrove" and "quarry" in results:
                ratio = f"{results['quarry'][label]['docs_per_cpu_s'] / r['docs_per_cpu_s']:.0f}x"
            print(f"  {label:<12} {title:<34} {r['cpu_seconds']:>8.2f} {r['docs_per_cpu_s']:>11.1f} {kept!s:>6}  {ratio}")
    save_results("dedup", results)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""The quality-filter benchmark of issue #4: the whole FineWeb preset, Quarry side by side with
datatrove 0.10.1, in one run, one core each.

Input: Quarry's extraction of the web-sample corpus (`quarry extract` of its *.warc.gz, all
cores, untimed; or --docs FILE), every language (4,814 documents, as datatrove's earlier
baseline here), and its English part (corpus lang_hint "en", scripts/reference/english_docs.py).
On each:
  1. `quarry filter --input DOCS.jsonl --output OUT.jsonl --preset fineweb --workers 1`
     (Gopher quality + Gopher repetition + C4 quality + FineWeb quality): CPU seconds
     (user + system) of the process, --repeat times, median;
  2. scripts/bench/filters_peer.py in the venv of scripts/reference/setup-reference-venv.sh:
     datatrove's GopherRepetition -> GopherQuality -> C4Quality -> FineWebQuality in a
     LocalPipelineExecutor (JSONL in, JSONL out), --peer-repeat times (default 1: it takes
     minutes), median.
MB are of document text (UTF-8 bytes of the `text` fields / 1e6), the same for both; both
also read and write JSONL. Kept counts are printed side by side as a sanity check (they differ
where the filters disagree; parity itself is tested against
Tests/EndToEndTests/Fixtures/datatrove-filters). Standard library only; results go to
.bench/results/.
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


def text_stats(path):
    """(documents, MB of UTF-8 text) of a JSONL file of documents."""
    docs = text_bytes = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                docs += 1
                text_bytes += len(json.loads(line)["text"].encode("utf-8"))
    return docs, text_bytes / 1e6


def count_lines(path):
    with open(path, "rb") as f:
        return sum(1 for line in f if line.strip())


def has_filter_command(quarry):
    """Whether `quarry --help` lists a `filter` subcommand (an unknown one still exits 0 with --help)."""
    usage = subprocess.run([quarry, "--help"], cwd=REPO, capture_output=True, text=True).stdout
    return any(line.split()[:1] == ["filter"] for line in usage.splitlines())


def quarry_run(quarry, docs, scratch, label):
    """One `quarry filter --preset fineweb --workers 1`: (cpu seconds, documents kept, funnel)."""
    out = os.path.join(scratch, f"quarry-{label}.jsonl")
    for stale in (out, out + ".run"):
        if os.path.isdir(stale):
            shutil.rmtree(stale)
        elif os.path.exists(stale):
            os.remove(stale)
    cpu, _ = timed([quarry, "filter", "--input", docs, "--output", out, "--preset", "fineweb", "--workers", "1"])
    funnel = None
    try:  # the per-stage drops, for the side-by-side table; optional
        stats = os.path.join(scratch, f"stats-{label}.json")
        sh([quarry, "stats", out + ".run", "--json", stats])
        with open(stats) as f:
            funnel = {row["stage"]: {"in": row["in"], "kept": row["kept"], "dropped": row["dropped"]}
                      for row in json.load(f)["funnel"]}
    except (subprocess.CalledProcessError, OSError, KeyError, ValueError):
        pass
    return cpu, count_lines(out), funnel


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=os.environ.get("QUARRY_CORPUS", os.path.join(REPO, "..", "shared", "corpora", "web-sample")))
    ap.add_argument("--docs", help="use this `quarry extract` output instead of extracting the corpus again")
    ap.add_argument("--quarry", help="use this quarry binary instead of building .build/release/quarry")
    ap.add_argument("--repeat", type=int, default=3, help="runs of Quarry per input (median)")
    ap.add_argument("--peer-repeat", type=int, default=1, help="runs of datatrove per input (median; each takes minutes)")
    ap.add_argument("--skip-peer", action="store_true")
    ap.add_argument("--skip-quarry", action="store_true")
    ap.add_argument("--sets", default="all,en", help="which inputs: all (every language), en (English), or both")
    args = ap.parse_args()

    scratch = os.path.join(REPO, ".bench", "filters")
    os.makedirs(scratch, exist_ok=True)
    quarry = args.quarry
    if not quarry:
        print("building (release) ...", file=sys.stderr)
        sh(["swift", "build", "-c", "release", "--product", "quarry"])
        quarry = os.path.join(REPO, ".build", "release", "quarry")

    # inputs: the extraction (every language) and its English part
    docs_all = args.docs
    if not docs_all:
        warcs = sorted(glob.glob(os.path.join(args.corpus, "*.warc.gz")))
        if not warcs:
            sys.exit(f"no *.warc.gz in {args.corpus}; set QUARRY_CORPUS")
        docs_all = os.path.join(scratch, "extracted.jsonl")
        print("extracting the corpus (untimed) ...", file=sys.stderr)
        sh([quarry, "extract", "--input"] + warcs + ["--output", docs_all, "--fresh", "-q"])
    docs_en = os.path.join(scratch, "en-docs.jsonl")
    sh([sys.executable, "scripts/reference/english_docs.py", docs_all, docs_en, "--corpus", args.corpus])
    inputs = {"all": docs_all, "en": docs_en}
    inputs = {k: v for k, v in inputs.items() if k in args.sets.split(",")}
    results = {"inputs": inputs, "load_average": os.getloadavg(), "repeat": args.repeat, "peer_repeat": args.peer_repeat}

    run_quarry = not args.skip_quarry and has_filter_command(quarry)
    if not args.skip_quarry and not run_quarry:
        print(f"{quarry} has no `filter` command yet: Quarry's side is skipped", file=sys.stderr)
        results["quarry_skipped"] = "no `quarry filter` command"
    if not args.skip_peer:
        sh(["bash", "scripts/reference/setup-reference-venv.sh"])
        python = os.path.join(REPO, ".venv-ref", "bin", "python")

    for label, docs in inputs.items():
        n_docs, text_mb = text_stats(docs)
        entry = {"documents": n_docs, "text_mb": text_mb}
        if run_quarry:
            runs = [quarry_run(quarry, docs, scratch, label) for _ in range(args.repeat)]
            cpu = statistics.median(r[0] for r in runs)
            entry["quarry"] = {"cpu_s": cpu, "mb_per_cpu_s": text_mb / cpu, "docs_per_cpu_s": n_docs / cpu,
                               "kept": runs[0][1], "funnel": runs[0][2]}
        if not args.skip_peer:
            runs = [json.loads(sh([python, "scripts/bench/filters_peer.py", "--scratch", os.path.join(scratch, "datatrove"), docs]))
                    for _ in range(args.peer_repeat)]
            cpu = statistics.median(r["cpu_seconds"] for r in runs)
            entry["datatrove"] = {**runs[0], "cpu_seconds": cpu, "mb_per_cpu_s": text_mb / cpu, "docs_per_cpu_s": n_docs / cpu,
                                  "cpu_seconds_runs": [r["cpu_seconds"] for r in runs]}
        results[label] = entry

    print(f"\nFineWeb preset (Gopher repetition + Gopher quality + C4 quality + FineWeb quality), one core; "
          f"medians of {args.repeat} (Quarry) and {args.peer_repeat} (datatrove)")
    print(f"  {'input':<22} {'system':<28} {'docs':>6} {'text MB':>8} {'kept':>6} {'CPU s':>9} {'MB/CPU-s':>9}  quarry ratio")
    for label in inputs:
        e = results[label]
        name = "every language" if label == "all" else "English (lang_hint en)"
        for system, title in (("quarry", "quarry filter --workers 1"), ("datatrove", "datatrove 0.10.1")):
            if system in e:
                r = e[system]
                cpu = r.get("cpu_s", r.get("cpu_seconds"))
                ratio = ""
                if system == "datatrove" and "quarry" in e:
                    ratio = f"{e['quarry']['mb_per_cpu_s'] / r['mb_per_cpu_s']:.0f}x"
                print(f"  {name:<22} {title:<28} {e['documents']:>6} {e['text_mb']:>8.1f} {r['kept']:>6} {cpu:>9.2f} "
                      f"{r['mb_per_cpu_s']:>9.3f}  {ratio}")
    save_results("filters", results)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""The WARC.gz -> main text benchmark of issue #3, side by side with resiliparse and trafilatura.

On the whole web-sample corpus (its *.warc.gz files, read as they are), one core each:
  1. `quarry extract --input <corpus>/*.warc.gz --workers 1` (warc_v1 reader: HTTP 200 HTML
     responses, charset detection and conversion, html_extract_v1 favor=precision, JSONL out):
     CPU seconds (user + system) of the process, --repeat times, median;
  2. quarry-bench extract: the extractor alone on the pages of the corpus's JSONL files
     (already in memory, already UTF-8), precision and recall: what the extraction itself costs;
  3. scripts/bench/extract_peers.py (in the venv of scripts/eval/setup-eval-venv.sh): FastWARC
     reading + decoding + resiliparse `extract_plain_text(main_content=True)`, --repeat times;
     trafilatura `extract()` with its defaults and with datatrove's settings (favor_precision,
     deduplicate), once each (they take minutes: --trafilatura-limit N runs them on the
     first N pages only).
Documents are the HTML pages that reach the extractor: for Quarry the `in` count of
html_extract_v1 in the run's stats, for the peers the HTTP 200 HTML responses they read (the
same records). MB are of HTML. Standard library only; results go to .bench/results/.
"""

import argparse
import glob
import json
import os
import statistics
import sys

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.dirname(__file__))
from jsonl_bench import save_results, sh, timed  # noqa: E402


def quarry_run(quarry, inputs, scratch):
    """One `quarry extract --workers 1`: (cpu seconds, pages extracted, MB of HTML)."""
    out = os.path.join(scratch, "quarry-extract.jsonl.zst")
    cpu, _ = timed([quarry, "extract", "--input"] + inputs + ["--output", out, "--workers", "1", "--fresh", "-q"])
    stats = os.path.join(scratch, "stats.json")
    sh([quarry, "stats", out + ".run", "--json", stats])
    with open(stats) as f:
        funnel = {row["stage"]: row for row in json.load(f)["funnel"]}
    extract = funnel["html_extract_v1"]
    return cpu, extract["in"], extract["bytes_in"] / 1e6


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=os.environ.get("QUARRY_CORPUS", os.path.join(REPO, "..", "shared", "corpora", "web-sample")))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--skip-peer", action="store_true")
    ap.add_argument("--trafilatura-limit", type=int, default=0, help="trafilatura on the first N pages only (0: all)")
    args = ap.parse_args()

    warcs = sorted(glob.glob(os.path.join(args.corpus, "*.warc.gz")))
    jsonls = sorted(glob.glob(os.path.join(args.corpus, "*.jsonl.gz")))
    if not warcs:
        sys.exit(f"no *.warc.gz in {args.corpus}; set QUARRY_CORPUS")
    print("building (release) ...", file=sys.stderr)
    sh(["swift", "build", "-c", "release", "--product", "quarry"])
    sh(["swift", "build", "-c", "release", "--product", "quarry-bench"])
    quarry = os.path.join(REPO, ".build", "release", "quarry")
    bench = os.path.join(REPO, ".build", "release", "quarry-bench")
    scratch = os.path.join(REPO, ".bench", "extract")
    os.makedirs(scratch, exist_ok=True)
    results = {"inputs": warcs, "load_average": os.getloadavg()}

    # 1. quarry extract, one worker
    runs = [quarry_run(quarry, warcs, scratch) for _ in range(args.repeat)]
    cpu = statistics.median(r[0] for r in runs)
    docs, mb = runs[0][1], runs[0][2]
    results["quarry"] = {"documents": docs, "html_mb": mb, "cpu_s": cpu, "docs_per_cpu_s": docs / cpu, "mb_per_cpu_s": mb / cpu}

    # 2. the extractor alone
    alone = {}
    for _ in range(args.repeat):
        out = sh([bench, "extract", "--text-key", "html"] + jsonls)
        for line in out.splitlines():
            if line.startswith("extract ("):
                favor = line.split("(")[1].split(")")[0]
                rate = float(line.split(" docs/CPU-s")[0].split()[-1])
                alone.setdefault(favor, []).append(rate)
    results["quarry_extractor_alone_docs_per_cpu_s"] = {k: statistics.median(v) for k, v in alone.items()}

    # 3. peers
    if not args.skip_peer:
        sh(["bash", "scripts/eval/setup-eval-venv.sh"])
        python = os.path.join(REPO, ".venv-eval", "bin", "python")
        peer = [python, "scripts/bench/extract_peers.py"]
        rs = [json.loads(sh(peer + ["--systems", "resiliparse"] + warcs)) for _ in range(args.repeat)]
        results["resiliparse"] = {**rs[0], "cpu_seconds": statistics.median(r["cpu_seconds"] for r in rs),
                                  "docs_per_cpu_s": statistics.median(r["docs_per_cpu_s"] for r in rs),
                                  "mb_per_cpu_s": statistics.median(r["mb_per_cpu_s"] for r in rs)}
        for line in sh(peer + ["--systems", "trafilatura,trafilatura_precision",
                               "--limit", str(args.trafilatura_limit)] + warcs).splitlines():
            r = json.loads(line)
            results[r["system"]] = r

    q = results["quarry"]
    print(f"\nWARC.gz -> main text, {len(warcs)} files of {args.corpus}, one core; Quarry and resiliparse medians of {args.repeat}")
    print(f"  {'system':<34} {'documents':>9} {'HTML MB':>8} {'CPU s':>8} {'docs/CPU-s':>11} {'MB/CPU-s':>9}  quarry ratio")
    print(f"  {'quarry extract --workers 1':<34} {docs:>9} {mb:>8.1f} {cpu:>8.2f} {q['docs_per_cpu_s']:>11.1f} {q['mb_per_cpu_s']:>9.2f}")
    for name in ("resiliparse", "trafilatura", "trafilatura_precision"):
        if name in results:
            r = results[name]
            print(f"  {name:<34} {r['documents']:>9} {r['html_mb']:>8.1f} {r['cpu_seconds']:>8.2f} {r['docs_per_cpu_s']:>11.1f} "
                  f"{r['mb_per_cpu_s']:>9.2f}  {q['docs_per_cpu_s'] / r['docs_per_cpu_s']:.1f}x")
    for favor, rate in results["quarry_extractor_alone_docs_per_cpu_s"].items():
        print(f"  quarry-bench extract ({favor}): extractor alone, pages in memory: {rate:.1f} docs/CPU-s")
    save_results("extract", results)


if __name__ == "__main__":
    main()

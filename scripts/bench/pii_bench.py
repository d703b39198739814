#!/usr/bin/env python3
"""The PII benchmark of issue #6 (deliverable 5): scrubbing speed, Quarry side by side with
datatrove 0.10.1's PIIFormatter, one core each, on the extracted web sample.

Input: Quarry's extraction of the web-sample corpus, .bench/extract/quarry-extract.jsonl.zst
(written by `scripts/bench/run-all.sh extract`; or --docs FILE, .jsonl or .jsonl.zst; 4,814
documents, about 41 MB of text). It is turned once, untimed, into a plain JSONL of {"id", "text"}
(.bench/pii/docs.jsonl) that both sides read.
  1. Quarry: `quarry pii --input DOCS --output OUT.jsonl --workers 1 --fresh` with every detector
     on (the command's defaults): read JSONL, detect, replace, write;
  2. datatrove: JsonlReader -> PIIFormatter() (defaults: e-mails and public IPv4) -> JsonlWriter
     (uncompressed) in a LocalPipelineExecutor with 1 task and 1 worker, as
     /work/shared/research/peers/m04_pii.py runs it, in the Python of .venv-ref
     (scripts/reference/requirements-pii.txt); the CPU time is taken around `executor.run()`
     only (imports outside).
CPU seconds are user + system of the whole process tree (getrusage); each figure is the median of
--repeat runs. MB are of document text (UTF-8 bytes of the `text` fields / 1e6), the same for both
sides; MB per CPU-second is the speed per core. Detection coverage differs (datatrove finds two
types, Quarry eleven): the ratio compares the tools as users run them. Standard library only;
results go to .bench/results/ and, with --json, to that file too.

  scripts/bench/run-all.sh pii [--docs DOCS] [--quarry BIN] [--repeat 3] [--json OUT.json]
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.dirname(__file__))
from jsonl_bench import save_results, timed  # noqa: E402

# The datatrove side, run as `python -c PEER DOCS_DIR OUT_DIR`: prints {"cpu_seconds", "wall_seconds", "documents"}.
PEER = r'''
import json, os, resource, sys, time
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.formatters import PIIFormatter
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter

def cpu():
    a, b = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return a.ru_utime + a.ru_stime + b.ru_utime + b.ru_stime

src, out = sys.argv[1], sys.argv[2]
ex = LocalPipelineExecutor(
    pipeline=[JsonlReader(src, glob_pattern="docs.jsonl"), PIIFormatter(),
              JsonlWriter(os.path.join(out, "data"), compression=None)],
    tasks=1, workers=1, logging_dir=os.path.join(out, "logs"))
c0, t0 = cpu(), time.time()
ex.run()
c1, t1 = cpu(), time.time()
n = 0
for name in os.listdir(os.path.join(out, "data")):
    with open(os.path.join(out, "data", name), "rb") as f:
        n += sum(1 for line in f if line.strip())
print(json.dumps({"cpu_seconds": c1 - c0, "wall_seconds": t1 - t0, "documents": n}))
'''


def prepare(src, scratch):
    """Writes scratch/docs.jsonl ({"id", "text"} per line) from a .jsonl or .jsonl.zst; (documents, MB of text)."""
    dst = os.path.join(scratch, "docs.jsonl")
    if src.endswith(".zst"):
        proc = subprocess.Popen(["zstd", "-dc", src], stdout=subprocess.PIPE)
        lines = proc.stdout
    else:
        proc, lines = None, open(src, "rb")
    docs = text_bytes = 0
    with open(dst, "w", encoding="utf-8") as out:
        for raw in lines:
            if not raw.strip():
                continue
            d = json.loads(raw)
            text = d.get("text") or ""
            out.write(json.dumps({"id": str(d.get("id", docs)), "text": text}, ensure_ascii=False) + "\n")
            docs += 1
            text_bytes += len(text.encode("utf-8"))
    if proc:
        if proc.wait() != 0:
            sys.exit(f"zstd -dc {src} failed")
    else:
        lines.close()
    return dst, docs, text_bytes / 1e6


def has_pii_command(quarry):
    """Whether `quarry --help` lists a `pii` subcommand."""
    try:
        usage = subprocess.run([quarry, "--help"], cwd=REPO, capture_output=True, text=True).stdout
    except OSError:
        return False
    return any(line.split()[:1] == ["pii"] for line in usage.splitlines())


def count_lines(path):
    with open(path, "rb") as f:
        return sum(1 for line in f if line.strip())


def quarry_run(quarry, docs, scratch):
    """One `quarry pii --workers 1 --fresh`: (cpu seconds, wall seconds, documents written)."""
    out = os.path.join(scratch, "quarry-pii.jsonl")
    for stale in (out, out + ".run"):
        if os.path.isdir(stale):
            shutil.rmtree(stale)
        elif os.path.exists(stale):
            os.remove(stale)
    cpu, wall = timed([quarry, "pii", "--input", docs, "--output", out, "--workers", "1", "--fresh"])
    return cpu, wall, (count_lines(out) if os.path.exists(out) else None)


def peer_run(python, scratch):
    out = os.path.join(scratch, "datatrove")
    if os.path.exists(out):
        shutil.rmtree(out)
    res = subprocess.run([python, "-c", PEER, scratch, out], cwd=REPO, check=True, capture_output=True, text=True)
    return json.loads(res.stdout.strip().splitlines()[-1])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", default=os.path.join(REPO, ".bench", "extract", "quarry-extract.jsonl.zst"),
                    help="extracted documents, .jsonl or .jsonl.zst (default: the extract benchmark's output)")
    ap.add_argument("--quarry", default=os.path.join(REPO, ".build", "release", "quarry"), help="the quarry binary")
    ap.add_argument("--repeat", type=int, default=3, help="runs per side (median)")
    ap.add_argument("--python", default=os.path.join(REPO, ".venv-ref", "bin", "python"),
                    help="Python with datatrove 0.10.1 (scripts/reference/requirements-pii.txt)")
    ap.add_argument("--skip-peer", action="store_true")
    ap.add_argument("--skip-quarry", action="store_true")
    ap.add_argument("--json", help="also write the results to this file")
    args = ap.parse_args()

    if not os.path.exists(args.docs):
        sys.exit(f"no {args.docs}: run `scripts/bench/run-all.sh extract` first or pass --docs")
    scratch = os.path.join(REPO, ".bench", "pii")
    os.makedirs(scratch, exist_ok=True)
    docs, n_docs, mb = prepare(args.docs, scratch)
    results = {"input": args.docs, "documents": n_docs, "text_mb": mb, "load_average": os.getloadavg(),
               "repeat": args.repeat, "settings": "1 core; Quarry: all detectors, tag replacement; datatrove: PIIFormatter() defaults"}

    if not args.skip_quarry:
        if not os.path.exists(args.quarry):
            print(f"no quarry binary at {args.quarry} (build it: swift build -c release --product quarry): Quarry's side is skipped",
                  file=sys.stderr)
            results["quarry_skipped"] = f"no binary at {args.quarry}"
        elif not has_pii_command(args.quarry):
            print(f"{args.quarry} has no `pii` command yet: Quarry's side is skipped", file=sys.stderr)
            results["quarry_skipped"] = "no `quarry pii` command"
        else:
            runs = [quarry_run(args.quarry, docs, scratch) for _ in range(args.repeat)]
            cpu = statistics.median(r[0] for r in runs)
            results["quarry"] = {"cpu_seconds": cpu, "cpu_seconds_runs": [round(r[0], 3) for r in runs],
                                 "wall_seconds": statistics.median(r[1] for r in runs), "mb_per_cpu_s": mb / cpu,
                                 "documents_out": runs[0][2]}

    if not args.skip_peer:
        if not os.path.exists(args.python):
            sys.exit(f"no Python at {args.python}: set up .venv-ref with scripts/reference/requirements-pii.txt or pass --python")
        runs = [peer_run(args.python, scratch) for _ in range(args.repeat)]
        cpu = statistics.median(r["cpu_seconds"] for r in runs)
        results["datatrove"] = {"cpu_seconds": cpu, "cpu_seconds_runs": [round(r["cpu_seconds"], 3) for r in runs],
                                "wall_seconds": statistics.median(r["wall_seconds"] for r in runs), "mb_per_cpu_s": mb / cpu,
                                "documents_out": runs[0]["documents"]}

    if "quarry" in results and "datatrove" in results:
        results["ratio"] = results["quarry"]["mb_per_cpu_s"] / results["datatrove"]["mb_per_cpu_s"]

    print(f"\nPII scrubbing, {n_docs} documents, {mb:.1f} MB of text, 1 core; median of {args.repeat}")
    print(f"  {'system':<44} {'CPU s':>8} {'MB/CPU-s':>9} {'docs out':>9}  quarry ratio")
    for system, title in (("quarry", "quarry pii --workers 1 (all detectors)"), ("datatrove", "datatrove 0.10.1 PIIFormatter (1 task)")):
        if system not in results:
            continue
        r = results[system]
        ratio = f"{results['ratio']:.1f}x" if system == "datatrove" and "ratio" in results else ""
        print(f"  {title:<44} {r['cpu_seconds']:>8.2f} {r['mb_per_cpu_s']:>9.2f} {r['documents_out']!s:>9}  {ratio}")
    if "quarry_skipped" in results:
        print(f"  quarry: skipped ({results['quarry_skipped']})")
    save_results("pii", results)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=2)
            f.write("\n")


if __name__ == "__main__":
    main()

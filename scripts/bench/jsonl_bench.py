#!/usr/bin/env python3
"""The JSONL read -> parse -> write benchmark of issue #2, side by side with datatrove.

Runs, on the web-sample corpus recompressed once as .jsonl.zst (zstd level 3):
  1. quarry-bench json-parsers: parsing alone with Quarry's parser, Foundation's
     JSONSerialization and JSONDecoder (the measurement behind the parser choice);
     quarry-bench jsonl: one thread streaming as one worker of `quarry run` does, with the
     decompress, parse, serialize and compress parts timed apart (MB of uncompressed JSONL
     per CPU-second of the thread);
  2. `quarry run` of Benchmarks/pipelines/jsonl-passthrough.yaml with --workers 1 (CPU time
     of the process) and with all cores (wall time);
  3. zstd alone in C with the same libzstd (Benchmarks/c/zstd_ceiling.c): the ceiling for any
     read + write at level 3;
  4. datatrove 0.10.1 JsonlReader -> JsonlWriter (scripts/bench/datatrove_jsonl.py) as it
     ships (zstd level 10) and with its zstd codec set to level 3.
Each measurement runs --repeat times (default 3); medians are reported. Standard library only.
"""

import argparse
import glob
import json
import os
import resource
import statistics
import subprocess
import sys
import time

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, cwd=REPO, text=True, capture_output=True, **kw).stdout


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def peer_setup(args, requirements, modules, scratch_name):
    """The common start of a benchmark beside Python peers: checks that --docs and the release
    binaries (--bench, --quarry) exist, makes the peer venv (--venv) from scripts/bench/REQUIREMENTS
    and a scratch directory .bench/SCRATCH_NAME; returns (venv python, scratch directory)."""
    if not os.path.exists(args.docs):
        sys.exit(f"no {args.docs}: run `scripts/bench/run-all.sh extract` first or pass --docs")
    for binary in (args.bench, args.quarry):
        if not os.path.exists(binary):
            sys.exit(f"no {binary}: swift build -c release")
    subprocess.run([os.path.join(REPO, "scripts", "setup-venv.sh"), os.path.join(REPO, "scripts", "bench", requirements),
                    args.venv, modules], check=True)
    scratch = os.path.join(REPO, ".bench", scratch_name)
    os.makedirs(scratch, exist_ok=True)
    return os.path.join(args.venv, "bin", "python"), scratch


def save_results(name, results):
    """Writes a benchmark's results to .bench/results/<name>-<time>.json and says where."""
    os.makedirs(os.path.join(REPO, ".bench", "results"), exist_ok=True)
    path = os.path.join(REPO, ".bench", "results", time.strftime(f"{name}-%Y%m%d-%H%M%S.json"))
    with open(path, "w") as f:
        json.dump(results, f, indent=2)
    print(f"\nwritten to {os.path.relpath(path, REPO)}")


def timed(cmd):
    """CPU seconds (user + system) and wall seconds of a child process."""
    before, start = children_cpu(), time.time()
    subprocess.run(cmd, check=True, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return children_cpu() - before, time.time() - start


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=os.environ.get("QUARRY_CORPUS", os.path.join(REPO, "..", "shared", "corpora", "web-sample")))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--skip-peer", action="store_true")
    args = ap.parse_args()

    sources = sorted(glob.glob(os.path.join(args.corpus, "*.jsonl.gz")))
    if not sources:
        sys.exit(f"no *.jsonl.gz in {args.corpus}; set QUARRY_CORPUS")
    print("building (release) ...", file=sys.stderr)
    sh(["swift", "build", "-c", "release", "--product", "quarry"])
    sh(["swift", "build", "-c", "release", "--product", "quarry-bench"])
    bench = os.path.join(REPO, ".build", "release", "quarry-bench")
    quarry = os.path.join(REPO, ".build", "release", "quarry")
    data = os.path.join(REPO, ".bench", "web-sample")
    sh([bench, "prepare", data] + sources)
    inputs = sorted(glob.glob(os.path.join(data, "*.jsonl.zst")))
    results = {"inputs": inputs, "load_average": os.getloadavg()}

    # 1. phases and one-thread streaming
    phases = {}
    megabytes = None
    for _ in range(args.repeat):
        out = sh([bench, "jsonl", "--text-key", "html"] + inputs)
        header = out.splitlines()[0]
        megabytes = float(header.split(" MB of JSONL in")[0].split()[-1])
        for line in out.splitlines():
            if "MB/s" in line:
                name = line.split("  ")[0].strip()
                phases.setdefault(name, []).append(float(line.split()[-2]))
        print(out, file=sys.stderr)
    results["quarry_phases_mb_per_cpu_s"] = {k: statistics.median(v) for k, v in phases.items()}

    # 1b. the JSON parser choice: Quarry's parser against Foundation's, parsing only
    parsers = {}
    for _ in range(args.repeat):
        for line in sh([bench, "json-parsers", "--text-key", "html"] + inputs).splitlines():
            if "MB/s" in line:
                parsers.setdefault(line.split("  ")[0].strip(), []).append(float(line.split()[-2]))
    results["json_parsers_mb_per_cpu_s"] = {k: statistics.median(v) for k, v in parsers.items()}

    # 2. quarry run, 1 worker (CPU time) and all cores (wall time)
    runs1, runsN = [], []
    for _ in range(args.repeat):
        runs1.append(timed([quarry, "run", "Benchmarks/pipelines/jsonl-passthrough.yaml", "--fresh", "--workers", "1"]))
        runsN.append(timed([quarry, "run", "Benchmarks/pipelines/jsonl-passthrough.yaml", "--fresh"]))
    cpu1 = statistics.median(r[0] for r in runs1)
    wallN = statistics.median(r[1] for r in runsN)
    results["quarry_run"] = {"workers_1_cpu_s": cpu1, "workers_1_mb_per_cpu_s": megabytes / cpu1,
                             "all_cores": os.cpu_count(), "all_cores_wall_s": wallN, "all_cores_mb_per_s": megabytes / wallN}

    # 3. zstd alone, in C
    ceiling = os.path.join(REPO, ".bench", "zstd_ceiling")
    sh(["gcc", "-O2", "Benchmarks/c/zstd_ceiling.c", "-o", ceiling, "-lzstd"])
    zstd_runs = [json.loads(sh([ceiling] + inputs)) for _ in range(args.repeat)]
    results["zstd_alone_c"] = {k: statistics.median(r[k] for r in zstd_runs) for k in zstd_runs[0]}

    # 4. datatrove
    if not args.skip_peer:
        sh(["bash", "scripts/bench/setup-peer-venv.sh"])
        python = os.path.join(REPO, ".venv-peers", "bin", "python")
        for label, extra in (("datatrove_default_level10", []), ("datatrove_level3", ["--zstd-level", "3"])):
            runs = []
            for _ in range(args.repeat):
                runs.append(json.loads(sh([python, "scripts/bench/datatrove_jsonl.py", "--scratch",
                                           os.path.join(REPO, ".bench", "datatrove")] + extra + inputs)))
            results[label] = {"mb_per_cpu_s": statistics.median(r["mb_per_cpu_second"] for r in runs),
                              "cpu_s": statistics.median(r["cpu_seconds"] for r in runs), "zstd_level": runs[0]["zstd_level"]}

    q = results["quarry_run"]["workers_1_mb_per_cpu_s"]
    print(f"\nJSONL read + parse + write, {megabytes:.1f} MB of JSONL in {len(inputs)} .jsonl.zst files, medians of {args.repeat}")
    for name, rate in results["quarry_phases_mb_per_cpu_s"].items():
        print(f"  quarry-bench {name:<36} {rate:8.1f} MB/CPU-s")
    for name, rate in results["json_parsers_mb_per_cpu_s"].items():
        print(f"  parse only: {name:<37} {rate:8.1f} MB/CPU-s")
    print(f"  quarry run --workers 1                          {q:8.1f} MB/CPU-s")
    print(f"  quarry run --workers {os.cpu_count():<2} (wall)                   {results['quarry_run']['all_cores_mb_per_s']:8.1f} MB/s")
    z = results["zstd_alone_c"]
    print(f"  zstd alone in C: decompress {z['decompress_mb_s']:.1f}, compress level 3 {z['compress_mb_s']:.1f}, both {z['both_mb_s']:.1f} MB/CPU-s")
    for label in ("datatrove_default_level10", "datatrove_level3"):
        if label in results:
            d = results[label]["mb_per_cpu_s"]
            print(f"  {label:<47} {d:8.1f} MB/CPU-s   quarry / datatrove = {q / d:.2f}x")
    save_results("jsonl", results)


if __name__ == "__main__":
    main()

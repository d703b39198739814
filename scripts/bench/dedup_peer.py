#!/usr/bin/env python3
"""Peer side of the dedup benchmark (issue #5, deliverable 6): datatrove 0.10.1's four MinHash
stages on a JSONL file of extracted documents, one process, one core, each stage timed apart.

Stages (MinhashConfig(n_grams=5, num_buckets=14, hashes_per_bucket=8), datatrove's defaults
and Quarry's: seed 1, 64-bit xxhash, simplify_text then spaCy's blank English tokenizer), as
datatrove's examples/minhash_deduplication.py chains them, each through
LocalPipelineExecutor(workers=1):
  1 signatures  JsonlReader -> MinhashDedupSignature                     (1 task)
  2 buckets     MinhashDedupBuckets                                       (14 tasks, one per bucket)
  3 clusters    MinhashDedupCluster                                       (1 task)
  4 filter      JsonlReader -> MinhashDedupFilter -> JsonlWriter(uncompressed)  (1 task)
CPU seconds are user + system of this process and its waited-for children
(resource.getrusage), around each `executor.run()`; imports and spaCy's loading (in
MinhashDedupSignature's constructor) are outside. "whole" is the sum of the four.

Prints one JSON object on stdout: documents, kept, removed, per stage cpu_seconds and
wall_seconds, whole_cpu_seconds, docs_per_cpu_s (signatures and whole). Logs go to stderr.
Run it in the venv of scripts/reference/requirements-dedup.txt (or the peer venv of
scripts/bench/setup-peer-venv.sh, which lacks spaCy: not enough for stage 1):

  .venv-ref/bin/python scripts/bench/dedup_peer.py --scratch /work/dedup-scratch/dt-bench DOCS.jsonl
"""

import argparse
import contextlib
import json
import os
import resource
import shutil
import sys
import time
from importlib.metadata import version


def cpu_now():
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def count_docs(path):
    with open(path, "rb") as f:
        return sum(1 for line in f if line.strip())


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("input", help="JSONL of documents (id, text), uncompressed")
    ap.add_argument("--scratch", required=True, help="scratch directory for datatrove's files (emptied)")
    args = ap.parse_args()

    docs = count_docs(args.input)
    if os.path.exists(args.scratch):
        shutil.rmtree(args.scratch)
    os.makedirs(args.scratch)

    import orjson  # noqa: F401  (the reader and writer import it lazily)
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.dedup.minhash import (MinhashConfig, MinhashDedupBuckets, MinhashDedupCluster,
                                                  MinhashDedupFilter, MinhashDedupSignature)
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    cfg = MinhashConfig(n_grams=5, num_buckets=14, hashes_per_bucket=8)
    sig, buckets, clusters, out = (os.path.join(args.scratch, x) for x in ("signatures", "buckets", "clusters", "output"))
    folder, name = os.path.split(os.path.abspath(args.input))

    def reader():
        return JsonlReader(data_folder=folder, glob_pattern=name, text_key="text", id_key="id")

    stages = [
        ("signatures", [reader(), MinhashDedupSignature(output_folder=sig, config=cfg)], 1),
        ("buckets", [MinhashDedupBuckets(input_folder=sig, output_folder=buckets, config=cfg)], cfg.num_buckets),
        ("clusters", [MinhashDedupCluster(input_folder=buckets, output_folder=clusters, config=cfg)], 1),
        ("filter", [reader(), MinhashDedupFilter(input_folder=clusters),
                    JsonlWriter(output_folder=out, output_filename="kept.jsonl", compression=None)], 1),
    ]
    load = os.getloadavg()[0]
    result = {"peer": f"datatrove {version('datatrove')} (spaCy {version('spacy')})",
              "config": "MinhashConfig(n_grams=5, num_buckets=14, hashes_per_bucket=8)",
              "input": args.input, "documents": docs, "stages": {}}
    for label, pipeline, tasks in stages:
        executor = LocalPipelineExecutor(pipeline=pipeline, tasks=tasks, workers=1, skip_completed=False,
                                         logging_dir=os.path.join(args.scratch, "logs", label))
        cpu0, wall0 = cpu_now(), time.perf_counter()
        with contextlib.redirect_stdout(sys.stderr):
            executor.run()
        result["stages"][label] = {"tasks": tasks, "cpu_seconds": round(cpu_now() - cpu0, 3),
                                   "wall_seconds": round(time.perf_counter() - wall0, 3)}
    kept = count_docs(os.path.join(out, "kept.jsonl"))
    whole = sum(s["cpu_seconds"] for s in result["stages"].values())
    sig_cpu = result["stages"]["signatures"]["cpu_seconds"]
    result.update({
        "kept": kept, "removed": docs - kept, "whole_cpu_seconds": round(whole, 3),
        "signatures_docs_per_cpu_s": round(docs / sig_cpu, 2), "whole_docs_per_cpu_s": round(docs / whole, 2),
        "load_avg_1min_at_start": round(load, 2), "python": sys.version.split()[0],
    })
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())

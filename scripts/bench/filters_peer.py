#!/usr/bin/env python3
"""Peer side of the filter benchmark (issue #4): datatrove 0.10.1's four quality filters chained
as FineWeb chains them, on a JSONL file of extracted documents, one process, one core.

Pipeline (English defaults, C4 as FineWeb configures it in datatrove's examples/fineweb.py, the
same stack as Quarry's `fineweb` preset):
  JsonlReader(text "text", id "id") -> GopherRepetitionFilter -> GopherQualityFilter
  -> C4QualityFilter(filter_no_terminal_punct=False) -> FineWebQualityFilter -> JsonlWriter(uncompressed)
launched through LocalPipelineExecutor(tasks=1, workers=1), as datatrove's examples launch local
jobs (it also starts the small `multiprocess` manager process it always starts; its CPU time is
counted too).

Measures CPU seconds (user + system of this process and its waited-for children,
resource.getrusage) and wall seconds of `executor.run()` only: imports, spaCy's loading (done
once before, untimed, as a long-running job pays it once) and the input pre-pass are outside.
MB are of document text: UTF-8 bytes of the `text` fields / 1e6.

Prints one JSON object on stdout: documents, kept, text_mb, jsonl_mb, cpu_seconds, wall_seconds,
mb_per_cpu_s, docs_per_cpu_s, and per filter its in / dropped counts and drop reasons.
Logs go to stderr. Run with the venv of scripts/reference/setup-reference-venv.sh:

  .venv-ref/bin/python scripts/bench/filters_peer.py --scratch /tmp/dt-filters DOCS.jsonl
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


def measure_input(path):
    """(documents, UTF-8 bytes of their texts, bytes of the JSONL file)."""
    import orjson

    docs = text_bytes = 0
    with open(path, "rb") as f:
        for line in f:
            if line.strip():
                docs += 1
                text_bytes += len(orjson.loads(line)["text"].encode("utf-8"))
    return docs, text_bytes, os.path.getsize(path)


def step_stats(step):
    """{"in", "dropped", "reasons"} of one filter step from datatrove's own counters."""
    counters = {name: int(value.total) for name, value in step.stats.items() if hasattr(value, "total")}
    reasons = {name[len("dropped_"):]: n for name, n in counters.items() if name.startswith("dropped_")}
    return {"in": counters.get("total", 0), "dropped": counters.get("dropped", 0), "reasons": dict(sorted(reasons.items()))}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("input", help="JSONL of documents (id, text, metadata), uncompressed")
    ap.add_argument("--scratch", required=True, help="scratch directory for datatrove's output and logs (emptied)")
    args = ap.parse_args()

    docs, text_bytes, jsonl_bytes = measure_input(args.input)
    if shutil.os.path.exists(args.scratch):
        shutil.rmtree(args.scratch)
    out_dir = os.path.join(args.scratch, "output")
    os.makedirs(out_dir)

    import orjson  # noqa: F401  (datatrove imports it lazily inside the reader and writer)
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.filters import (C4QualityFilter, FineWebQualityFilter, GopherQualityFilter,
                                            GopherRepetitionFilter)
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from datatrove.utils.word_tokenizers import load_word_tokenizer

    load_word_tokenizer("en").word_tokenize("Warm up spaCy's blank English pipeline.")  # untimed load

    folder, name = os.path.split(os.path.abspath(args.input))
    # FineWeb's own configuration (datatrove examples/fineweb.py), as Quarry's `fineweb` preset:
    # C4 without its terminal-punctuation line rule.
    filters = [GopherRepetitionFilter(), GopherQualityFilter(), C4QualityFilter(filter_no_terminal_punct=False),
               FineWebQualityFilter()]
    executor = LocalPipelineExecutor(
        pipeline=[JsonlReader(data_folder=folder, glob_pattern=name, text_key="text", id_key="id"),
                  *filters,
                  JsonlWriter(output_folder=out_dir, output_filename="kept.jsonl", compression=None)],
        tasks=1, workers=1, logging_dir=os.path.join(args.scratch, "logs"), skip_completed=False)

    load = os.getloadavg()[0]
    cpu0, wall0 = cpu_now(), time.perf_counter()
    with contextlib.redirect_stdout(sys.stderr):
        stats = executor.run()
    wall = time.perf_counter() - wall0
    cpu = cpu_now() - cpu0

    with open(os.path.join(out_dir, "kept.jsonl"), "rb") as f:
        kept = sum(1 for line in f if line.strip())
    steps = {type(flt).__name__: step_stats(step) for flt, step in zip(filters, stats.stats[1:5])}
    result = {
        "peer": f"datatrove {version('datatrove')} (spaCy {version('spacy')})",
        "chain": "GopherRepetition -> GopherQuality -> C4Quality(filter_no_terminal_punct=False) -> FineWebQuality",
        "input": args.input,
        "documents": docs,
        "kept": kept,
        "text_mb": round(text_bytes / 1e6, 3),
        "jsonl_mb": round(jsonl_bytes / 1e6, 3),
        "cpu_seconds": round(cpu, 3),
        "wall_seconds": round(wall, 3),
        "mb_per_cpu_s": round(text_bytes / 1e6 / cpu, 4),
        "docs_per_cpu_s": round(docs / cpu, 2),
        "steps": steps,
        "load_avg_1min_at_start": round(load, 2),
        "python": sys.version.split()[0],
    }
    print(json.dumps(result))
    first = steps["GopherRepetitionFilter"]["in"]
    if first != docs:
        print(f"filters_peer: datatrove read {first} documents, the file has {docs}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

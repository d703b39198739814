#!/usr/bin/env python3
"""Peer benchmark: datatrove's JSONL read -> write path, for comparison with Quarry's
own JSONL throughput on the same inputs.

What it runs: a two-step datatrove pipeline, JsonlReader (text under the key given by
--text-key, "html" for the web-sample corpus) -> JsonlWriter with zstd compression, in ONE
process and ONE task. It is launched the way datatrove's docs and examples launch local
jobs, through LocalPipelineExecutor, here with tasks=1 and workers=1: with workers=1 the
executor runs the task in its own process (no worker pool; it still starts the small
`multiprocess` manager process it always starts, whose CPU time is counted too).

What it measures: CPU seconds (user + system, of this process and of its waited-for
children, from resource.getrusage) and wall seconds of `executor.run()` only. Python and
library imports, the input pre-pass and the output check are outside the timed region.

What it prints on stdout: one JSON object, e.g.
  {"peer": "datatrove 0.10.1", "documents": 4871, "input_mb": 314.7, "cpu_seconds": ...,
   "wall_seconds": ..., "mb_per_cpu_second": ..., "zstd_level": 10, "json_library": "orjson 3.13.0", ...}
where input_mb = uncompressed JSONL bytes of the inputs / 1e6. Logs go to stderr.

zstd level: datatrove's JsonlWriter has no compression-level argument. It opens its output
through fsspec, whose "zstd" codec is (with the pinned packages) a small shim around
`zstandard` that hard-codes level 10. By default this script leaves that alone (faithful
datatrove). `--zstd-level N` re-registers fsspec's "zstd" codec through fsspec's public
`register_compression(..., force=True)` with the same zstandard calls at level N, so the
compression work matches a level-N writer (e.g. Quarry's level 3); the JSON then says so
in "zstd_level_source".

Usage (with the venv made by scripts/bench/setup-peer-venv.sh):
  .venv-peers/bin/python scripts/bench/datatrove_jsonl.py --scratch /tmp/dt-bench .bench/web-sample
  .venv-peers/bin/python scripts/bench/datatrove_jsonl.py --scratch /tmp/dt-bench --zstd-level 3 \
      .bench/web-sample/web-sample-0000{0..3}.jsonl.zst
`--verify-level` (untimed) recompresses the output at the reported level and checks the bytes match.
The scratch directory gets `output/` and `logs/` subdirectories, which are emptied at the
start of every run. The run exits non-zero if the output document count differs from
the input count.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import inspect
import io
import json
import os
import re
import resource
import shutil
import sys
import time
from importlib.metadata import version
from pathlib import Path

INPUT_SUFFIXES = (".jsonl", ".jsonl.zst", ".jsonl.gz")


def parse_args() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description="datatrove JsonlReader -> JsonlWriter (zstd) peer benchmark")
    ap.add_argument("inputs", nargs="+", help="a directory of *.jsonl[.zst|.gz] files, or the files themselves")
    ap.add_argument("--scratch", required=True, help="scratch directory for datatrove's output and logs")
    ap.add_argument("--text-key", default="html", help='input key holding the document text (default: "html")')
    ap.add_argument(
        "--zstd-level",
        default="default",
        help='"default" (datatrove/fsspec as installed) or an integer level to force on fsspec\'s zstd codec',
    )
    ap.add_argument(
        "--verify-level",
        action="store_true",
        help="after the run (untimed), recompress the output at the reported level and check it is byte-identical",
    )
    return ap.parse_args()


# ----------------------------------------------------------------------------- inputs


def resolve_inputs(items: list[str]) -> tuple[Path, list[str]]:
    """Return (folder, file names relative to it). datatrove reads from one data folder."""
    files: list[Path] = []
    for item in items:
        p = Path(item).resolve()
        if p.is_dir():
            files.extend(sorted(f for f in p.iterdir() if f.is_file() and f.name.endswith(INPUT_SUFFIXES)))
        elif p.is_file():
            files.append(p)
        else:
            sys.exit(f"datatrove_jsonl: no such file or directory: {item}")
    if not files:
        sys.exit("datatrove_jsonl: no input files (*.jsonl, *.jsonl.zst, *.jsonl.gz) found")
    folder = Path(os.path.commonpath([str(f.parent) for f in files]))
    return folder, [str(f.relative_to(folder)) for f in files]


def open_plain(path: Path):
    """A binary stream of the uncompressed bytes of a .jsonl / .jsonl.zst / .jsonl.gz file."""
    if path.name.endswith(".zst"):
        import zstandard

        # read_across_frames: count every frame, even if the file was written in several
        return zstandard.ZstdDecompressor().stream_reader(open(path, "rb"), read_across_frames=True, closefd=True)
    if path.name.endswith(".gz"):
        return gzip.open(path, "rb")
    return open(path, "rb")


def count_lines_and_bytes(path: Path) -> tuple[int, int]:
    """Non-empty lines and uncompressed bytes of one JSONL file."""
    lines = 0
    size = 0
    with open_plain(path) as raw, io.BufferedReader(raw, buffer_size=1 << 20) as f:
        for line in f:
            size += len(line)
            if line.strip():
                lines += 1
    return lines, size


# ----------------------------------------------------------------------------- zstd level


def force_fsspec_zstd_level(level: int) -> None:
    """Replace fsspec's "zstd" codec by the same zstandard calls at `level`."""
    import zstandard
    from fsspec.compression import register_compression

    def zstd_at_level(infile, mode="rb"):
        if "r" in mode:
            return zstandard.ZstdDecompressor().stream_reader(infile)
        return zstandard.ZstdCompressor(level=level).stream_writer(infile)

    zstd_at_level.forced_level = level  # marker read by describe_fsspec_zstd()
    register_compression("zstd", zstd_at_level, "zst", force=True)


def describe_fsspec_zstd() -> tuple[str, int | None, str]:
    """(backend, level, how the level was found) of the codec fsspec uses for "zstd" writes."""
    from fsspec.compression import compr

    codec = compr.get("zstd")
    if codec is None:
        return "none", None, "fsspec has no zstd codec (neither backports.zstd nor zstandard importable)"
    forced = getattr(codec, "forced_level", None)
    if forced is not None:
        return f"zstandard {version('zstandard')}", forced, "forced by this script via fsspec register_compression"
    module = getattr(codec, "__module__", "") or ""
    if module.startswith(("backports.zstd", "compression.zstd")):
        # fsspec calls ZstdFile(f, mode="w") without a level: libzstd's default level
        zmod = sys.modules[module.rsplit(".", 1)[0]] if module.count(".") > 1 else sys.modules[module]
        level = getattr(zmod, "COMPRESSION_LEVEL_DEFAULT", 3)
        return f"{module}.ZstdFile", level, "libzstd default (fsspec passes no level to ZstdFile)"
    # fsspec's own shim around zstandard: the level is a literal in its source
    try:
        src = inspect.getsource(codec)
        m = re.search(r"ZstdCompressor\(\s*level\s*=\s*(\d+)", src)
    except (OSError, TypeError):
        m = None
    backend = f"zstandard {version('zstandard')} via fsspec.compression.{getattr(codec, '__name__', '?')}"
    if m:
        return backend, int(m.group(1)), "hard-coded in fsspec.compression (datatrove cannot set it)"
    return backend, None, "unknown"


def verify_level(output_files: list[Path], level: int) -> bool:
    """Recompress each output's content at `level` the way fsspec's shim does and compare bytes."""
    import zstandard

    for path in output_files:
        with open_plain(path) as raw:
            plain = raw.read()
        buf = io.BytesIO()
        w = zstandard.ZstdCompressor(level=level).stream_writer(buf, closefd=False)
        w.write(plain)
        w.close()
        if buf.getvalue() != path.read_bytes():
            return False
    return True


# ----------------------------------------------------------------------------- main


def main() -> int:
    args = parse_args()
    folder, rel_files = resolve_inputs(args.inputs)

    # Untimed pre-pass: count documents and uncompressed bytes (this also warms the page cache,
    # so the timed run reads the inputs from memory, as a repeated benchmark would).
    in_docs = 0
    in_bytes = 0
    for rel in rel_files:
        n, b = count_lines_and_bytes(folder / rel)
        in_docs += n
        in_bytes += b

    scratch = Path(args.scratch).resolve()
    out_dir = scratch / "output"
    log_dir = scratch / "logs"
    for d in (out_dir, log_dir):
        if d.exists():
            shutil.rmtree(d)
    out_dir.mkdir(parents=True)
    paths_file = scratch / "input-paths.txt"
    paths_file.write_text("".join(f"{r}\n" for r in rel_files))

    # All imports before the timed region (datatrove imports orjson lazily inside read_file/_write).
    import orjson  # noqa: F401
    import zstandard  # noqa: F401
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    if args.zstd_level != "default":
        force_fsspec_zstd_level(int(args.zstd_level))
    zstd_backend, zstd_level, zstd_level_source = describe_fsspec_zstd()

    executor = LocalPipelineExecutor(
        pipeline=[
            JsonlReader(
                data_folder=str(folder),
                paths_file=str(paths_file),
                compression="infer",  # ".zst" -> zstd, ".gz" -> gzip, else none
                text_key=args.text_key,
            ),
            JsonlWriter(output_folder=str(out_dir), compression="zstd"),
        ],
        tasks=1,
        workers=1,
        logging_dir=str(log_dir),
        skip_completed=False,
    )

    load_before = os.getloadavg()[0]
    self0 = resource.getrusage(resource.RUSAGE_SELF)
    kids0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall0 = time.perf_counter()
    with contextlib.redirect_stdout(sys.stderr):  # keep stdout for the JSON result
        stats = executor.run()
    wall = time.perf_counter() - wall0
    self1 = resource.getrusage(resource.RUSAGE_SELF)
    kids1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_self = (self1.ru_utime - self0.ru_utime) + (self1.ru_stime - self0.ru_stime)
    cpu_kids = (kids1.ru_utime - kids0.ru_utime) + (kids1.ru_stime - kids0.ru_stime)
    cpu = cpu_self + cpu_kids

    # Untimed check of the output: every file datatrove wrote, decompressed, line by line.
    out_files = sorted(p for p in out_dir.rglob("*") if p.is_file())
    out_docs = 0
    out_plain_bytes = 0
    for p in out_files:
        n, b = count_lines_and_bytes(p)
        out_docs += n
        out_plain_bytes += b
    writer_total = None
    try:
        writer_total = int(stats.stats[-1].stats["total"].total)
    except Exception:  # stats layout is datatrove-internal; the line count is the real check
        pass

    input_mb = in_bytes / 1e6
    result = {
        "peer": f"datatrove {version('datatrove')}",
        "documents": out_docs,
        "input_documents": in_docs,
        "input_mb": round(input_mb, 1),
        "input_bytes": in_bytes,
        "cpu_seconds": round(cpu, 3),
        "wall_seconds": round(wall, 3),
        "mb_per_cpu_second": round(input_mb / cpu, 3),
        "mb_per_wall_second": round(input_mb / wall, 3),
        "docs_per_cpu_second": round(in_docs / cpu, 1),
        "zstd_level": zstd_level,
        "zstd_level_source": zstd_level_source,
        "zstd_backend": zstd_backend,
        "json_library": f"orjson {version('orjson')}",
        "executor": "LocalPipelineExecutor(tasks=1, workers=1), JsonlReader -> JsonlWriter(compression='zstd')",
        "cpu_seconds_children": round(cpu_kids, 3),
        "output_files": len(out_files),
        "output_compressed_mb": round(sum(p.stat().st_size for p in out_files) / 1e6, 2),
        "output_uncompressed_mb": round(out_plain_bytes / 1e6, 2),
        "writer_reported_documents": writer_total,
        "load_avg_1min_at_start": round(load_before, 2),
        "python": sys.version.split()[0],
    }
    if args.verify_level:
        result["zstd_level_verified"] = (
            verify_level(out_files, zstd_level) if zstd_level is not None else False
        )

    ok = out_docs == in_docs and (writer_total is None or writer_total == in_docs)
    result["count_check"] = "ok" if ok else "MISMATCH"
    print(json.dumps(result))
    if not ok:
        print(
            f"datatrove_jsonl: document count mismatch: input {in_docs}, output lines {out_docs}, "
            f"writer stats {writer_total}",
            file=sys.stderr,
        )
        return 1
    if args.verify_level and not result["zstd_level_verified"]:
        print(f"datatrove_jsonl: output is not byte-identical to a level-{zstd_level} recompression", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

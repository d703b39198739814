#!/usr/bin/env python3
"""Wikipedia dump -> plain text: Quarry's wikipedia_v1 beside mwparserfromhell, one core.

There is no real Wikipedia dump on the project machines, so the input is built: the pages
of samples/wikipedia/sample-pages.xml (infoboxes, nested templates, references, tables,
files, lists; a redirect, a talk page, a template page) repeated with fresh page ids until
the dump holds --mb MB, written once to .bench/wikipedia/. Real dumps have longer pages with
more templates; the ratio, not the absolute figure, is what carries over.
  1. `quarry run` of a pipeline wikipedia_v1 -> jsonl_writer_v1 (namespace 0, redirects
     skipped) with --workers 1: CPU seconds of the process, --repeat times, median;
  2. scripts/bench/wikipedia_peer.py in the venv of scripts/eval/setup-eval-venv.sh:
     ElementTree iterparse + mwparserfromhell strip_code() on the first --peer-mb MB.
MB are of dump XML. Standard library only; results go to .bench/results/.
"""

import argparse
import json
import os
import re
import statistics
import sys

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.dirname(__file__))
from jsonl_bench import save_results, sh, timed  # noqa: E402


def build_dump(path, megabytes):
    """The sample's pages repeated, page ids made unique, up to `megabytes` MB."""
    if os.path.exists(path) and os.path.getsize(path) >= megabytes * 1e6:
        return
    src = open(os.path.join(REPO, "samples", "wikipedia", "sample-pages.xml"), encoding="utf-8").read()
    head, pages = src[:src.index("  <page>")], re.findall(r"  <page>.*?</page>\n", src, re.S)
    size, n = 0, 0
    with open(path + ".tmp", "w", encoding="utf-8") as out:
        out.write(head)
        while size < megabytes * 1e6:
            for page in pages:
                n += 1
                page = re.sub(r"<id>(\d+)</id>", lambda m: "<id>%d</id>" % (int(m.group(1)) * 1000000 + n), page, count=1)
                out.write(page)
                size += len(page.encode("utf-8"))
        out.write("</mediawiki>\n")
    os.replace(path + ".tmp", path)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=int, default=300)
    ap.add_argument("--peer-mb", type=int, default=30)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--skip-peer", action="store_true")
    args, _ = ap.parse_known_args()

    scratch = os.path.join(REPO, ".bench", "wikipedia")
    os.makedirs(scratch, exist_ok=True)
    dump = os.path.join(scratch, "dump.xml")
    build_dump(dump, args.mb)
    xml_mb = os.path.getsize(dump) / 1e6
    pipeline = os.path.join(scratch, "wikipedia-bench.yaml")
    with open(pipeline, "w") as f:
        f.write(f"version: 1\nname: wikipedia-bench\ninput: {{ reader: wikipedia_v1, paths: [{json.dumps(dump)}] }}\n"
                f"output: {{ writer: jsonl_writer_v1, directory: {json.dumps(os.path.join(scratch, 'out'))} }}\n")
    print("building (release) ...", file=sys.stderr)
    sh(["swift", "build", "-c", "release", "--product", "quarry"])
    quarry = os.path.join(REPO, ".build", "release", "quarry")
    cpu = statistics.median(timed([quarry, "run", pipeline, "--workers", "1", "--fresh", "-q"])[0] for _ in range(args.repeat))
    results = {"xml_mb": xml_mb, "quarry": {"cpu_s": cpu, "mb_per_cpu_s": xml_mb / cpu}}
    if not args.skip_peer:
        sh(["bash", "scripts/eval/setup-eval-venv.sh"])
        python = os.path.join(REPO, ".venv-eval", "bin", "python")
        results["mwparserfromhell"] = json.loads(sh([python, "scripts/bench/wikipedia_peer.py", dump,
                                                     "--limit-mb", str(args.peer_mb)]))

    print(f"\nWikipedia dump -> plain text, {xml_mb:.0f} MB of XML built from samples/wikipedia, one core")
    print(f"  {'quarry run (wikipedia_v1 -> JSONL) --workers 1':<50} {xml_mb / cpu:>8.1f} MB/CPU-s  (median of {args.repeat})")
    if "mwparserfromhell" in results:
        p = results["mwparserfromhell"]
        print(f"  {'iterparse + mwparserfromhell strip_code':<50} {p['mb_per_cpu_s']:>8.2f} MB/CPU-s  (first {p['xml_mb']} MB)"
              f"  quarry {xml_mb / cpu / p['mb_per_cpu_s']:.1f}x")
    save_results("wikipedia", results)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Selects the English documents of Quarry's extraction of the web-sample corpus: the input of
the datatrove filter parity fixture (scripts/reference/filters.py) and of the English-only
figure of the filter benchmark.

A document is English when the corpus record it came from has `lang_hint` equal to --lang
("en" by default; exactly, so "en-us" and records without a hint are left out). The corpus
records are the *.jsonl.gz files beside the WARCs in the corpus directory; Quarry's extracted
documents carry the WARC record id (`urn:uuid:...`) as `id`, which is the corpus record's `id`.
Selected lines are copied byte for byte, in input order. Standard library only.

  quarry extract --input ../shared/corpora/web-sample/*.warc.gz --output /tmp/extracted.jsonl
  python3 scripts/reference/english_docs.py /tmp/extracted.jsonl /tmp/en-docs.jsonl
"""

import argparse
import glob
import gzip
import json
import os
import sys

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def corpus_languages(corpus):
    """id -> lang_hint (None when the record has none) of every record of the corpus JSONL files."""
    files = sorted(glob.glob(os.path.join(corpus, "*.jsonl.gz")))
    if not files:
        sys.exit(f"english_docs: no *.jsonl.gz in {corpus}; pass --corpus or set QUARRY_CORPUS")
    langs = {}
    for path in files:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    record = json.loads(line)
                    langs[record["id"]] = record.get("lang_hint")
    return langs


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("extracted", help="JSONL written by `quarry extract` (uncompressed)")
    ap.add_argument("output", help="JSONL of the selected documents")
    ap.add_argument("--corpus", default=os.environ.get("QUARRY_CORPUS", os.path.join(REPO, "..", "shared", "corpora", "web-sample")))
    ap.add_argument("--lang", default="en", help='the lang_hint to keep, compared exactly (default "en")')
    args = ap.parse_args()

    langs = corpus_languages(args.corpus)
    seen = kept = unknown = 0
    with open(args.extracted, "rb") as src, open(args.output, "wb") as dst:
        for line in src:
            if not line.strip():
                continue
            seen += 1
            doc_id = json.loads(line)["id"]
            if doc_id not in langs:
                unknown += 1
            elif langs[doc_id] == args.lang:
                dst.write(line if line.endswith(b"\n") else line + b"\n")
                kept += 1
    print(f"english_docs: {kept} of {seen} documents have lang_hint {args.lang!r} "
          f"({unknown} ids not in the corpus) -> {args.output}", file=sys.stderr)
    if unknown:
        sys.exit(1)


if __name__ == "__main__":
    main()

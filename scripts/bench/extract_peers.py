#!/usr/bin/env python3
"""Peer side of the extraction speed benchmark (issue #3): WARC.gz -> main text with
resiliparse and trafilatura, one process, one core, on the same files Quarry reads.

For each system, every `response` record with HTTP 200 and an HTML content type is read with
FastWARC, its payload decoded (charset from the HTTP header, else resiliparse's
detect_encoding; bytes_to_str), and extracted:
  resiliparse:          extract_plain_text(HTMLTree.parse(html), main_content=True)
  trafilatura:          trafilatura.extract(html)                       (defaults)
  trafilatura_precision: trafilatura.extract(html, favor_precision=True, deduplicate=True)  (datatrove's settings)
CPU seconds (user + system, resource.getrusage) cover reading, decoding and extraction.
Prints one JSON object per system: documents, html_mb, cpu_seconds, docs_per_cpu_s,
mb_per_cpu_s, output_mb. Run with the venv of scripts/eval/setup-eval-venv.sh.

  .venv-eval/bin/python scripts/bench/extract_peers.py [--systems resiliparse,trafilatura] [--limit N] FILE.warc.gz...
"""

import argparse
import json
import re
import resource
import sys


def cpu():
    u = resource.getrusage(resource.RUSAGE_SELF)
    return u.ru_utime + u.ru_stime


def pages(files, limit):
    from fastwarc.warc import ArchiveIterator, WarcRecordType
    from resiliparse.parse.encoding import bytes_to_str, detect_encoding

    n = 0
    for path in files:
        for record in ArchiveIterator(path, record_types=WarcRecordType.response, parse_http=True):
            if record.http_headers is None or record.http_headers.status_code != 200:
                continue
            content_type = record.http_headers.get("Content-Type", "") or ""
            if "html" not in content_type.lower():
                continue
            body = record.reader.read()
            m = re.search(r"charset=([\w-]+)", content_type, re.I)
            encoding = m.group(1) if m else detect_encoding(body)
            yield len(body), bytes_to_str(body, encoding)
            n += 1
            if limit and n >= limit:
                return


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="+")
    ap.add_argument("--systems", default="resiliparse,trafilatura,trafilatura_precision")
    ap.add_argument("--limit", type=int, default=0, help="stop after this many pages (0: all)")
    args = ap.parse_args()
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree
    import trafilatura

    extractors = {
        "resiliparse": lambda html: extract_plain_text(HTMLTree.parse(html), main_content=True),
        "trafilatura": lambda html: trafilatura.extract(html),
        "trafilatura_precision": lambda html: trafilatura.extract(html, favor_precision=True, deduplicate=True),
    }
    for name in args.systems.split(","):
        extract = extractors[name]
        start, docs, html_bytes, out_bytes = cpu(), 0, 0, 0
        for size, html in pages(args.files, args.limit):
            text = extract(html) or ""
            docs += 1
            html_bytes += size
            out_bytes += len(text.encode("utf-8"))
        seconds = cpu() - start
        print(json.dumps({"system": name, "documents": docs, "html_mb": round(html_bytes / 1e6, 2),
                          "cpu_seconds": round(seconds, 2), "docs_per_cpu_s": round(docs / seconds, 1),
                          "mb_per_cpu_s": round(html_bytes / 1e6 / seconds, 2), "output_mb": round(out_bytes / 1e6, 2),
                          "limit": args.limit}), flush=True)


if __name__ == "__main__":
    main()

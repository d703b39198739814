#!/usr/bin/env python3
"""Peer side of the Wikipedia-dump measurement: a MediaWiki XML dump -> plain text with
Python's streaming XML parser (xml.etree.ElementTree.iterparse) and mwparserfromhell 0.6.6
`parse(text).strip_code()`, the usual way Python pipelines do it; namespace 0, redirects
skipped, one process. Prints JSON: pages, xml_mb, cpu_seconds, mb_per_cpu_s.

  .venv-eval/bin/python scripts/bench/wikipedia_peer.py DUMP.xml [--limit-mb N]
"""
import argparse
import json
import os
import resource
import xml.etree.ElementTree as ET

import mwparserfromhell


def cpu():
    u = resource.getrusage(resource.RUSAGE_SELF)
    return u.ru_utime + u.ru_stime


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dump")
    ap.add_argument("--limit-mb", type=float, default=0, help="stop after this many MB of page XML")
    args = ap.parse_args()
    start = cpu()
    pages = chars = 0
    ns_tag = None
    with open(args.dump, "rb") as f:
        for _, element in ET.iterparse(f, events=("end",)):
            tag = element.tag.rsplit("}", 1)[-1]
            if tag != "page":
                continue
            ns = element.findtext("{*}ns")
            redirect = element.find("{*}redirect")
            if ns == "0" and redirect is None:
                text = element.findtext("{*}revision/{*}text") or ""
                chars += len(mwparserfromhell.parse(text).strip_code())
                pages += 1
            element.clear()
            if args.limit_mb and f.tell() > args.limit_mb * 1e6:
                break
        read_mb = f.tell() / 1e6
    seconds = cpu() - start
    print(json.dumps({"pages": pages, "xml_mb": round(read_mb, 1), "cpu_seconds": round(seconds, 2),
                      "mb_per_cpu_s": round(read_mb / seconds, 2), "text_chars": chars}))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Runs the peer extractors on the evaluation pages.

Run in the eval venv (scripts/eval/setup-eval-venv.sh), after select_pages.py:

    .venv-eval/bin/python scripts/eval/run_peers.py [--input utf8|raw] [--systems a,b,...]

Systems (output: <scratch>/out/<system>/<key>.txt, one file per page, empty if nothing came out):
  trafilatura            trafilatura 1.11.0 `extract(html)`, all defaults (favor_precision and
                         favor_recall off, include_comments=True, include_tables=True,
                         deduplicate=False)
  trafilatura-precision  `extract(html, favor_precision=True, include_comments=False,
                         deduplicate=True)`: exactly what datatrove 0.10.1's Trafilatura() step
                         calls by default (without its 1 s timeout sandbox). deduplicate keeps a
                         process-wide cache of text segments, so pages are processed in the
                         eval-pages.jsonl order (`n`), always the same.
  resiliparse            Resiliparse 2.0.1 `extract_plain_text(HTMLTree.parse(html),
                         main_content=True)` (as in shared/research/peer-baselines.md)
  visible                `extract_plain_text(..., main_content=False, alt_texts=False)`: all
                         visible text, a reference point (recall ~1, precision = the share of
                         main text on the page), not a peer

--input utf8 (default): the HTML string the corpus decoded with the page's HTTP/meta charset
    (<scratch>/html-utf8/), as the earlier peer baselines did: no charset work left to the peer.
--input raw: the original payload bytes (<scratch>/html/), what `quarry extract --input
    <scratch>/html` reads: trafilatura gets the bytes (it decodes them itself); Resiliparse gets
    them decoded with its own `detect_encoding` + `bytes_to_str`. Output goes to
    <scratch>/out/<system>-raw/.

Also writes <scratch>/out/<system>[-raw]/_run.json (versions, settings, time per page).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from importlib.metadata import version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from evalcommon import PAGES, SCRATCH, load_pages, read_html  # noqa: E402

SYSTEMS = ("trafilatura", "trafilatura-precision", "resiliparse", "visible")


def make_extractor(system: str, mode: str):
    if system.startswith("trafilatura"):
        import trafilatura

        if system == "trafilatura":
            settings = {}
        else:
            settings = {"favor_precision": True, "include_comments": False, "deduplicate": True}

        def run(html):
            return trafilatura.extract(html, **settings) or ""

        return run, {"package": "trafilatura", "version": version("trafilatura"),
                     "call": "trafilatura.extract(html, **settings)", "settings": settings}

    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.encoding import bytes_to_str, detect_encoding
    from resiliparse.parse.html import HTMLTree

    kwargs = {"main_content": True} if system == "resiliparse" else {"main_content": False, "alt_texts": False}

    def run(html):
        if isinstance(html, bytes):
            html = bytes_to_str(html, detect_encoding(html))
        return extract_plain_text(HTMLTree.parse(html), **kwargs)

    return run, {"package": "Resiliparse", "version": version("Resiliparse"),
                 "call": "extract_plain_text(HTMLTree.parse(html), **settings)", "settings": kwargs}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=Path, default=PAGES)
    ap.add_argument("--scratch", type=Path, default=SCRATCH)
    ap.add_argument("--out", type=Path, default=None, help="default <scratch>/out")
    ap.add_argument("--input", choices=("utf8", "raw"), default="utf8")
    ap.add_argument("--systems", default=",".join(SYSTEMS))
    args = ap.parse_args()

    pages = sorted(load_pages(args.pages), key=lambda p: p["n"])
    out_root = args.out or args.scratch / "out"
    for system in args.systems.split(","):
        if system not in SYSTEMS:
            ap.error(f"unknown system {system!r} (known: {', '.join(SYSTEMS)})")
        run, info = make_extractor(system, args.input)
        name = system + ("-raw" if args.input == "raw" else "")
        out = out_root / name
        out.mkdir(parents=True, exist_ok=True)
        per_page, empty, failed = {}, 0, []
        t_all = time.perf_counter()
        for p in pages:
            html = read_html(p, args.input, args.scratch)
            t0 = time.perf_counter()
            try:
                text = run(html)
            except Exception as e:  # a peer crash counts as empty output
                failed.append({"key": p["key"], "error": repr(e)})
                text = ""
            per_page[p["key"]] = round((time.perf_counter() - t0) * 1e3, 2)
            empty += not text.strip()
            (out / f"{p['key']}.txt").write_text(text, encoding="utf-8")
        wall = time.perf_counter() - t_all
        info |= {"system": name, "input": args.input, "pages": len(pages), "empty": empty,
                 "failed": failed, "wall_s": round(wall, 3), "ms_per_page": per_page}
        (out / "_run.json").write_text(json.dumps(info, indent=1) + "\n", encoding="utf-8")
        print(f"run_peers: {name}: {len(pages)} pages, {empty} empty, {len(failed)} failed, "
              f"{wall:.1f} s -> {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

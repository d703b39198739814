#!/usr/bin/env python3
"""Writes the labeling aids for the hand-made ground truth (outside the repository).

Run in the eval venv, after select_pages.py:

    .venv-eval/bin/python scripts/eval/make_drafts.py

For every page of Benchmarks/extraction/eval-pages.jsonl:
  <scratch>/draft/<key>.txt    a generous draft to correct by hand: trafilatura 1.11.0
                               `extract(html, favor_recall=True, include_tables=True,
                               include_comments=False)` on the decoded HTML (html-utf8/).
                               The labeler removes the boilerplate it kept and adds the main
                               text it missed (see <scratch>/GUIDELINES.md).
  <scratch>/visible/<key>.txt  the page's full visible text (Resiliparse extract_plain_text,
                               main_content=False, alt_texts=False), to see what the draft missed.
  <scratch>/truth/             created empty; the labeler saves <key>.txt there (start from a
                               copy of the draft). Existing truth files are never touched.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from evalcommon import PAGES, SCRATCH, load_pages, read_html, visible_text  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=Path, default=PAGES)
    ap.add_argument("--scratch", type=Path, default=SCRATCH)
    args = ap.parse_args()

    import trafilatura

    for sub in ("draft", "visible", "truth"):
        (args.scratch / sub).mkdir(parents=True, exist_ok=True)
    pages = sorted(load_pages(args.pages), key=lambda p: p["n"])
    empty = 0
    for p in pages:
        html = read_html(p, "utf8", args.scratch)
        draft = trafilatura.extract(html, favor_recall=True, include_tables=True,
                                    include_comments=False) or ""
        empty += not draft.strip()
        (args.scratch / "draft" / f"{p['key']}.txt").write_text(draft.rstrip("\n") + "\n", encoding="utf-8")
        (args.scratch / "visible" / f"{p['key']}.txt").write_text(visible_text(html).rstrip("\n") + "\n",
                                                                 encoding="utf-8")
    print(f"make_drafts: {len(pages)} drafts ({empty} empty) and visible texts in {args.scratch}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Turns the hand-made ground-truth texts into the token bags kept in the repository.

Plain Python 3.9+, no third-party package.

    python3 scripts/eval/make_truth_bags.py [--truth-dir /work/eval-scratch/truth]

Reads <truth-dir>/<key>.txt for every page of Benchmarks/extraction/eval-pages.jsonl that has
one (the texts stay outside the repository: they are third-party page text) and writes
Benchmarks/extraction/ground-truth.jsonl, one line per labeled page, in `n` order:

    {"id": "urn:uuid:...", "key": "...", "n": 1, "tokens": {"token": count, ...},
     "token_count": N, "method": "...", "labeler": "..."}

`tokens` is the multiset of scripts/eval/tokenize_eval.py tokens (sorted by token), which is
all that word-level scoring needs and does not reproduce the text (no order).

`method` and `labeler` come from an optional sidecar <truth-dir>/<key>.json
({"method": "...", "labeler": "...", "notes": "..."}); without it, method is
"hand-corrected from the trafilatura favor_recall draft (see GUIDELINES.md)".
A truth file holding only the line `#EMPTY` marks a page whose main text is empty.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from evalcommon import PAGES, SCRATCH, TRUTH_BAGS, load_pages  # noqa: E402
from tokenize_eval import bag  # noqa: E402

DEFAULT_METHOD = "hand-corrected from the trafilatura favor_recall draft (see GUIDELINES.md)"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=Path, default=PAGES)
    ap.add_argument("--truth-dir", type=Path, default=SCRATCH / "truth")
    ap.add_argument("--out", type=Path, default=TRUTH_BAGS)
    args = ap.parse_args()

    pages = sorted(load_pages(args.pages), key=lambda p: p["n"])
    known = {p["key"] for p in pages}
    stray = sorted(f.name for f in args.truth_dir.glob("*.txt") if f.stem not in known)
    if stray:
        print(f"make_truth_bags: ignoring {len(stray)} files that name no page: {stray[:5]}", file=sys.stderr)
    n_out = 0
    with open(args.out, "w", encoding="utf-8") as out:
        for p in pages:
            f = args.truth_dir / f"{p['key']}.txt"
            if not f.exists():
                continue
            text = f.read_text(encoding="utf-8")
            if text.strip() == "#EMPTY":
                text = ""
            meta = {}
            side = f.with_suffix(".json")
            if side.exists():
                meta = json.loads(side.read_text(encoding="utf-8"))
            tokens = bag(text)
            if not tokens and text.strip():
                print(f"make_truth_bags: warning: {f.name} has text but no token", file=sys.stderr)
            rec = {"id": p["id"], "key": p["key"], "n": p["n"],
                   "tokens": dict(sorted(tokens.items())), "token_count": sum(tokens.values()),
                   "method": meta.get("method", DEFAULT_METHOD)}
            if meta.get("labeler"):
                rec["labeler"] = meta["labeler"]
            out.write(json.dumps(rec, ensure_ascii=False, sort_keys=False) + "\n")
            n_out += 1
    print(f"make_truth_bags: {n_out} of {len(pages)} pages labeled -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

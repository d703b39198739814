#!/usr/bin/env python3
"""Word-level precision, recall and F1 of extracted main text against the hand-made ground truth.

Plain Python 3.9+, no third-party package (any interpreter works, the venv is not needed).

    python3 scripts/eval/score.py [options] SYSTEM [SYSTEM ...]

SYSTEM is PATH or NAME=PATH, where PATH is
  - a directory of <key>.txt files (as run_peers.py writes; <id>.txt and <key>.html.txt are
    accepted too), or
  - a JSONL file (.jsonl, .jsonl.gz, .jsonl.zst via the `zstd` program) or a directory of such
    files, one document per line with its text under "text" (--text-key) and its page under
    "id" (--id-key). `quarry extract --input <scratch>/html --output FILE.jsonl` gives ids
    "<key>.html#0" (the HTML file's name relative to the input directory, then #<record>);
    any of these name a page: the full id "urn:uuid:<key>", "<key>", "<key>.html", a path
    ending in "<key>.html", each with or without "#N", and as a last resort the page's URL in
    the document's metadata. Several documents of the same page are joined (in file order).
A page with no output counts as an empty prediction (unless --only-with-output).

Ground truth: --truth Benchmarks/extraction/ground-truth.jsonl (default; bags of tokens, made
by make_truth_bags.py), or --truth-dir DIR of hand-made <key>.txt texts (scored directly, for
the people writing them). Only pages that have a ground truth are scored.

Tokens: scripts/eval/tokenize_eval.py (NFKC, lower-case, maximal runs of letters/digits of
Unicode categories L*/N*, each Han/Hiragana/Katakana/Hangul character a token of its own).
Per page, with P = predicted bag, T = truth bag and |P & T| the multiset intersection:
  precision = |P & T| / |P|, recall = |P & T| / |T|, F1 = their harmonic mean;
  empty prediction: precision = recall = F1 = 0 (if the truth is empty too: all 1; if only
  the truth is empty: precision 0, recall 1, F1 0).
Macro averages = mean of the per-page values; micro = from the summed counts over the pages.
Reported overall, per group (web, docs), per language (lang:xx, from eval-pages.jsonl) and
per group+language (web/xx, docs/xx). The table goes to stdout; --json FILE writes everything,
per-page values included.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from evalcommon import PAGES, TRUTH_BAGS, PageIndex, load_pages  # noqa: E402
from tokenize_eval import bag, overlap  # noqa: E402


# ---------------------------------------------------------------------------------------
# reading a system's output

def _open_text(path: Path) -> io.TextIOBase:
    name = path.name.lower()
    if name.endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8")
    if name.endswith(".zst"):
        data = subprocess.run(["zstd", "-dc", str(path)], check=True, capture_output=True).stdout
        return io.StringIO(data.decode("utf-8"))
    return open(path, encoding="utf-8")


def _is_jsonl(path: Path) -> bool:
    n = path.name.lower()
    return any(n.endswith(s) for s in (".jsonl", ".jsonl.gz", ".jsonl.zst", ".json.gz", ".ndjson"))


def read_system(path: Path, index: PageIndex, id_key: str, text_key: str) -> tuple[dict[str, str], dict]:
    """key -> text, and stats (documents read, unmatched ids)."""
    texts: dict[str, list[str]] = defaultdict(list)
    stats = {"documents": 0, "unmatched": 0, "unmatched_examples": []}
    if path.is_dir():
        jsonl = sorted(p for p in path.rglob("*") if p.is_file() and _is_jsonl(p))
        txt = sorted(p for p in path.glob("*.txt"))
        if txt and not jsonl:
            for p in txt:
                stats["documents"] += 1
                key = index.resolve(p.name[:-4])
                if key is None:
                    stats["unmatched"] += 1
                    stats["unmatched_examples"] = (stats["unmatched_examples"] + [p.name])[:5]
                    continue
                texts[key].append(p.read_text(encoding="utf-8", errors="replace"))
            return {k: "\n".join(v) for k, v in texts.items()}, stats
        files = jsonl
    else:
        files = [path]
    for f in files:
        with _open_text(f) as fh:
            for line in fh:
                if not line.strip():
                    continue
                doc = json.loads(line)
                stats["documents"] += 1
                key = index.resolve(str(doc.get(id_key, "")))
                meta = doc.get("metadata") or {}
                if key is None and isinstance(meta, dict):
                    for field in ("file", "path", "source", "file_path", "url"):
                        if isinstance(meta.get(field), str):
                            key = index.resolve(meta[field]) or index.by_url.get(meta[field])
                            if key:
                                break
                if key is None:
                    stats["unmatched"] += 1
                    stats["unmatched_examples"] = (stats["unmatched_examples"] + [doc.get(id_key)])[:5]
                    continue
                texts[key].append(str(doc.get(text_key) or ""))
    return {k: "\n".join(v) for k, v in texts.items()}, stats


# ---------------------------------------------------------------------------------------
# ground truth

def read_truth(args, index: PageIndex) -> tuple[dict[str, Counter], dict[str, str]]:
    truth: dict[str, Counter] = {}
    method: dict[str, str] = {}
    if args.truth_dir:
        for p in sorted(args.truth_dir.glob("*.txt")):
            key = index.resolve(p.name[:-4])
            if key:
                truth[key] = bag(p.read_text(encoding="utf-8"))
                method[key] = f"text file {p}"
        return truth, method
    with open(args.truth, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                rec = json.loads(line)
                key = index.resolve(rec["id"])
                if key:
                    truth[key] = Counter(rec["tokens"])
                    method[key] = rec.get("method", "")
    return truth, method


# ---------------------------------------------------------------------------------------
# scoring

def page_scores(pred: Counter, truth: Counter) -> dict:
    tp = overlap(pred, truth)
    n_pred, n_truth = sum(pred.values()), sum(truth.values())
    if n_pred == 0 and n_truth == 0:
        p = r = f = 1.0
    elif n_pred == 0:
        p = r = f = 0.0
    elif n_truth == 0:
        p, r, f = 0.0, 1.0, 0.0
    else:
        p, r = tp / n_pred, tp / n_truth
        f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "pred_tokens": n_pred, "truth_tokens": n_truth, "precision": p, "recall": r, "f1": f}


def aggregate(rows: list[dict]) -> dict:
    n = len(rows)
    if not n:
        return {"pages": 0}
    tp = sum(r["tp"] for r in rows)
    npred = sum(r["pred_tokens"] for r in rows)
    ntruth = sum(r["truth_tokens"] for r in rows)
    mp = tp / npred if npred else 0.0
    mr = tp / ntruth if ntruth else 0.0
    return {
        "pages": n,
        "empty_predictions": sum(1 for r in rows if r["pred_tokens"] == 0),
        "macro": {k: sum(r[k] for r in rows) / n for k in ("precision", "recall", "f1")},
        "micro": {"precision": mp, "recall": mr, "f1": 2 * mp * mr / (mp + mr) if mp + mr else 0.0},
        "tokens": {"tp": tp, "pred": npred, "truth": ntruth},
    }


def group_keys(page: dict) -> list[str]:
    return ["all", page["group"], f"lang:{page['lang']}", f"{page['group']}/{page['lang']}"]


def _sort_groups(names) -> list[str]:
    def order(g):
        if g == "all":
            return (0, g)
        if g in ("web", "docs"):
            return (1, g != "web", g)
        if g.startswith("lang:"):
            return (2, g)
        return (3, not g.startswith("web"), g)
    return sorted(names, key=order)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("systems", nargs="+", metavar="SYSTEM", help="PATH or NAME=PATH")
    ap.add_argument("--pages", type=Path, default=PAGES)
    ap.add_argument("--truth", type=Path, default=TRUTH_BAGS)
    ap.add_argument("--truth-dir", type=Path, default=None)
    ap.add_argument("--id-key", default="id")
    ap.add_argument("--text-key", default="text")
    ap.add_argument("--json", type=Path, default=None, help="write all results (per page too) here")
    ap.add_argument("--per-page", action="store_true", help="print the per-page F1 table too")
    ap.add_argument("--only-with-output", action="store_true",
                    help="score only the pages every system has output for (partial runs, "
                         "agreement between labelers); default: a missing page scores as empty")
    ap.add_argument("--groups", default="main", choices=("main", "all"),
                    help="main: overall, web, docs, per language; all: also group/language")
    args = ap.parse_args()

    pages = load_pages(args.pages)
    index = PageIndex(pages)
    truth, method = read_truth(args, index)
    scored = [p for p in sorted(pages, key=lambda p: p["n"]) if p["key"] in truth]
    if not scored:
        print("score: no page has a ground truth", file=sys.stderr)
        return 1
    truth_src = args.truth_dir or args.truth
    print(f"score: {len(scored)} of {len(pages)} pages have a ground truth ({truth_src})")

    results: dict = {"pages_scored": len(scored), "pages_total": len(pages), "truth": str(truth_src),
                     "tokenizer": "scripts/eval/tokenize_eval.py", "systems": {}}
    loaded = []
    for spec in args.systems:
        name, _, path = spec.partition("=") if "=" in spec else (None, "", spec)
        path = Path(path)
        name = name or path.name
        texts, stats = read_system(path, index, args.id_key, args.text_key)
        loaded.append((name, path, texts, stats))
        if stats["unmatched"]:
            print(f"score: {name}: {stats['unmatched']} of {stats['documents']} documents name no "
                  f"evaluation page (e.g. {stats['unmatched_examples'][:3]})", file=sys.stderr)
    if args.only_with_output:
        scored = [p for p in scored if all(p["key"] in t for _, _, t, _ in loaded)]
        print(f"score: --only-with-output: scoring the {len(scored)} pages every system has output for")
        results["pages_scored"] = len(scored)
        if not scored:
            return 1
    for name, path, texts, stats in loaded:
        rows = []
        for p in scored:
            s = page_scores(bag(texts.get(p["key"], "")), truth[p["key"]])
            rows.append({"n": p["n"], "key": p["key"], "group": p["group"], "lang": p["lang"],
                         "source": p["source"], "missing": p["key"] not in texts, **s})
        groups: dict[str, list[dict]] = defaultdict(list)
        for p, r in zip(scored, rows):
            for g in group_keys(p):
                groups[g].append(r)
        results["systems"][name] = {
            "path": str(path), "read": stats,
            "missing_pages": sum(r["missing"] for r in rows),
            "groups": {g: aggregate(groups[g]) for g in _sort_groups(groups)},
            "per_page": rows,
        }

    print_tables(results, args)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"score: wrote {args.json}")
    return 0


def print_tables(results: dict, args) -> None:
    systems = results["systems"]
    names = list(systems)
    w = max(12, *(len(n) for n in names))
    print()
    print(f"{'system':<{w}}  pages  missing  macro P  macro R  macro F1 | micro P  micro R  micro F1")
    for n in names:
        s = systems[n]
        a = s["groups"]["all"]
        print(f"{n:<{w}}  {a['pages']:>5}  {s['missing_pages']:>7}  {a['macro']['precision']:>7.3f}  "
              f"{a['macro']['recall']:>7.3f}  {a['macro']['f1']:>8.3f} | {a['micro']['precision']:>7.3f}  "
              f"{a['micro']['recall']:>7.3f}  {a['micro']['f1']:>8.3f}")
    groups = _sort_groups(systems[names[0]]["groups"])
    if args.groups == "main":
        groups = [g for g in groups if "/" not in g]
    gw = max(len(g) for g in groups)
    print()
    print("macro F1 per group (pages in parentheses)")
    print(f"{'group':<{gw}}  {'pages':>5}  " + "  ".join(f"{n:>{max(8, len(n))}}" for n in names))
    for g in groups:
        cells = []
        for n in names:
            a = systems[n]["groups"][g]
            cells.append(f"{a['macro']['f1']:>{max(8, len(n))}.3f}")
        print(f"{g:<{gw}}  {systems[names[0]]['groups'][g]['pages']:>5}  " + "  ".join(cells))
    if args.per_page:
        print()
        print("per page: F1 (P/R)")
        print(f"{'n':>3} {'group':<5} {'lang':<4} {'source':<24} {'truth':>6}  " +
              "  ".join(f"{n:>{max(17, len(n))}}" for n in names))
        for i, r0 in enumerate(systems[names[0]]["per_page"]):
            cells = []
            for n in names:
                r = systems[n]["per_page"][i]
                cells.append(f"{r['f1']:.3f} ({r['precision']:.2f}/{r['recall']:.2f})".rjust(max(17, len(n))))
            print(f"{r0['n']:>3} {r0['group']:<5} {r0['lang']:<4} {r0['source'][:24]:<24} "
                  f"{r0['truth_tokens']:>6}  " + "  ".join(cells))


if __name__ == "__main__":
    sys.exit(main())

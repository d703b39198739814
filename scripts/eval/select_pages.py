#!/usr/bin/env python3
"""Selects the extraction-evaluation pages from the web-sample corpus (deterministic).

Run in the eval venv (scripts/eval/setup-eval-venv.sh):

    .venv-eval/bin/python scripts/eval/select_pages.py [--corpus DIR] [--scratch DIR]

Writes
  Benchmarks/extraction/eval-pages.jsonl   one line per page, metadata only (no page text):
      n (labeling order, 1-based), id (WARC-Record-ID of the response record), key (its uuid:
      the file-name stem of every per-page file), file (<key>.html, the name of the raw HTML in
      the scratch html/ folder: Quarry's document ids will be "<key>.html#0"), url, source,
      group (web|docs), lang_hint (as in the corpus), lang (normalized: the hint's primary
      subtag, or a guess from the text, see lang_from), lang_from, charset (JSONL decoding
      charset), http_content_type (of the WARC response), sha256 and html_bytes of the raw
      payload, warc_file, visible_tokens.
  <scratch>/html/<key>.html        the raw response payload from the WARC shard (original bytes
                                   and charset; checked against the corpus' sha256)
  <scratch>/html-utf8/<key>.html   the JSONL's decoded `html` string, written as UTF-8 (note:
                                   a <meta charset> inside still names the original charset)
(the labeling aids, <scratch>/draft/ and <scratch>/visible/, come from make_drafts.py)

Selection (seed --seed, default 20240603; same corpus + same seed => same pages):
  1. Candidates: every page whose visible text decodes (less than 0.5 % U+FFFD or control
     characters: this drops e.g. gzip-compressed payloads) and has between --min-tokens (150) and
     --max-tokens (6000) tokens (scripts/eval/tokenize_eval.py). The lower bound skips pages
     with almost no visible text (empty shells, search pages, redirect stubs); the upper bound
     keeps every page small enough to correct by hand (it drops the longest ~5 %). Pages whose
     URL already occurs among the candidates are skipped (two copies of the same article).
  2. Language: `lang` is the primary subtag of lang_hint when that is a language of the corpus;
     when the hint is missing or invalid, or the text clearly contradicts it (another script,
     or 3x more stop words of another language), a guess from the script mix and stop words.
  3. Groups: --web (70) pages from the open-web sources (trafilatura, readability, postlight,
     goose3, resiliparse) and --docs (50) from the documentation packages.
  4. Within a group each language gets one page, then the rest is shared in proportion to the
     square root of each language's number of candidates (each next page goes to the language
     furthest below its share; capped by availability): many languages, without letting en/de
     take everything. Pages with no language at all ("und") get at most 2 slots.
  5. Within a (group, language) stratum, pages are drawn round-robin over the sources (each
     source's pages seeded-shuffled), so a stratum mixes sources.
  6. Order (the `n` field): round-robin over the strata, in a seeded order, so any prefix (the
     first 10 labeled pages, or a split between labelers) mixes groups and languages.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import math
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from evalcommon import (BENCH, CORPUS, PAGES, SCRATCH, group_of, guess_lang, key_of,  # noqa: E402
                        normalize_hint, stop_hits, visible_text)
from tokenize_eval import tokenize  # noqa: E402

NON_LATIN = {"ja", "ko", "zh", "ru", "el", "ar", "fa"}


def decide_lang(hint: str | None, text: str) -> tuple[str, str]:
    h = normalize_hint(hint)
    g, _conf = guess_lang(text)
    if h is None:
        return (g, "guess (no usable hint)") if g else ("und", "none")
    if g and g != h:
        if g in NON_LATIN or h in NON_LATIN:
            if (g in NON_LATIN) != (h in NON_LATIN) or {g, h} != {"zh", "ja"}:
                return g, f"guess (hint {hint} contradicted by the script)"
        else:
            hits = stop_hits(text)
            if hits[g] >= 20 and hits[g] >= 3 * max(1, hits.get(h, 0)):
                return g, f"guess (hint {hint} contradicted by stop words)"
    return h, "hint"


def allocate(counts: dict[str, int], total: int, und_cap: int = 2) -> dict[str, int]:
    """sqrt-proportional largest-remainder allocation with a floor of 1 and availability caps."""
    alloc = {k: 0 for k in counts}
    caps = {k: (min(c, und_cap) if k == "und" else c) for k, c in counts.items()}
    # floor: one page per language (most frequent languages first, while room is left)
    for k in sorted(counts, key=lambda k: (-counts[k], k)):
        if caps[k] >= 1 and sum(alloc.values()) < total:
            alloc[k] = 1
    wsum = sum(math.sqrt(c) for c in counts.values())
    target = {k: total * math.sqrt(c) / wsum for k, c in counts.items()}
    while sum(alloc.values()) < total:
        open_ = [k for k in counts if alloc[k] < caps[k]]
        if not open_:
            break
        # one more page to the language furthest below its sqrt-proportional target
        k = max(open_, key=lambda k: (target[k] - alloc[k], counts[k], k))
        alloc[k] += 1
    return alloc


def read_corpus(corpus: Path) -> list[dict]:
    docs = []
    for shard in sorted(corpus.glob("web-sample-*.jsonl.gz")):
        with gzip.open(shard, "rt", encoding="utf-8") as f:
            for line in f:
                docs.append(json.loads(line))
    return docs


def warc_payloads(corpus: Path, wanted: set[str]) -> dict[str, tuple[bytes, str]]:
    """id -> (HTTP payload bytes, HTTP Content-Type) of the wanted response records."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    out: dict[str, tuple[bytes, str]] = {}
    for shard in sorted(corpus.glob("web-sample-*.warc.gz")):
        with open(shard, "rb") as f:
            for rec in ArchiveIterator(f, record_types=WarcRecordType.response, parse_http=True):
                rid = rec.headers.get("WARC-Record-ID", "").strip("<>")
                if rid in wanted:
                    ctype = rec.http_headers.get("Content-Type", "") if rec.http_headers else ""
                    out[rid] = (rec.reader.read(), ctype)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--scratch", type=Path, default=SCRATCH)
    ap.add_argument("--out", type=Path, default=PAGES)
    ap.add_argument("--seed", type=int, default=20240603)
    ap.add_argument("--web", type=int, default=70)
    ap.add_argument("--docs", type=int, default=50)
    ap.add_argument("--min-tokens", type=int, default=150)
    ap.add_argument("--max-tokens", type=int, default=6000)
    args = ap.parse_args()

    docs = read_corpus(args.corpus)
    print(f"select_pages: {len(docs)} pages in {args.corpus}", file=sys.stderr)
    docs.sort(key=lambda d: d["id"])

    cands: list[dict] = []
    seen_urls: set[str] = set()
    skipped = Counter()
    for d in docs:
        text = visible_text(d["html"])
        n = len(tokenize(text))
        bad = sum(1 for ch in text if ch == "\ufffd" or (ord(ch) < 32 and ch not in "\t\n\r"))
        if bad > 0.005 * max(1, len(text)):
            skipped["binary or undecodable payload"] += 1
            continue
        if n < args.min_tokens:
            skipped["too little visible text"] += 1
            continue
        if n > args.max_tokens:
            skipped["too long to label by hand"] += 1
            continue
        if d["url"] in seen_urls:
            skipped["duplicate url"] += 1
            continue
        seen_urls.add(d["url"])
        lang, lang_from = decide_lang(d.get("lang_hint"), text)
        d = {k: v for k, v in d.items() if k != "html"} | {
            "group": group_of(d["source"]), "lang": lang, "lang_from": lang_from,
            "visible_tokens": n, "_html": d["html"]}
        cands.append(d)
    print(f"select_pages: {len(cands)} candidates; skipped {dict(skipped)}", file=sys.stderr)
    cc = Counter((d["group"], d["lang"]) for d in cands)
    print("select_pages: candidates per group/language: "
          + ", ".join(f"{g}/{lang} {v}" for (g, lang), v in sorted(cc.items())), file=sys.stderr)
    lf = Counter((d["group"], d["lang_from"].split(" (")[0]) for d in cands)
    print(f"select_pages: language from: {dict(lf)}", file=sys.stderr)

    rng = random.Random(args.seed)
    chosen: list[dict] = []
    strata_order: list[tuple[str, str]] = []
    per_stratum: dict[tuple[str, str], list[dict]] = {}
    for group, total in (("web", args.web), ("docs", args.docs)):
        g = [d for d in cands if d["group"] == group]
        counts = Counter(d["lang"] for d in g)
        alloc = allocate(dict(counts), total)
        for lang in sorted(alloc):
            if not alloc[lang]:
                continue
            by_source: dict[str, list[dict]] = defaultdict(list)
            for d in g:
                if d["lang"] == lang:
                    by_source[d["source"]].append(d)
            sources = sorted(by_source)
            rng.shuffle(sources)
            for s in sources:
                rng.shuffle(by_source[s])
            picked: list[dict] = []
            while len(picked) < alloc[lang]:
                for s in sources:
                    if by_source[s] and len(picked) < alloc[lang]:
                        picked.append(by_source[s].pop())
            per_stratum[(group, lang)] = picked
            strata_order.append((group, lang))

    # labeling order: round-robin over the strata (seeded order), groups interleaved
    rng.shuffle(strata_order)
    queues = {s: list(per_stratum[s]) for s in strata_order}
    while any(queues.values()):
        for s in strata_order:
            if queues[s]:
                chosen.append(queues[s].pop(0))

    wanted = {d["id"] for d in chosen}
    payloads = warc_payloads(args.corpus, wanted)
    missing = wanted - payloads.keys()
    if missing:
        print(f"select_pages: {len(missing)} ids not found in the WARC shards", file=sys.stderr)
        return 1

    for sub in ("html", "html-utf8"):
        (args.scratch / sub).mkdir(parents=True, exist_ok=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as out:
        for n, d in enumerate(chosen, 1):
            key = key_of(d["id"])
            raw, ctype = payloads[d["id"]]
            sha = hashlib.sha256(raw).hexdigest()
            if sha != d["sha256"]:
                print(f"select_pages: sha256 mismatch for {d['id']}", file=sys.stderr)
                return 1
            (args.scratch / "html" / f"{key}.html").write_bytes(raw)
            (args.scratch / "html-utf8" / f"{key}.html").write_text(d["_html"], encoding="utf-8")
            rec = {
                "n": n, "id": d["id"], "key": key, "file": f"{key}.html", "url": d["url"],
                "source": d["source"], "group": d["group"], "lang_hint": d.get("lang_hint"),
                "lang": d["lang"], "lang_from": d["lang_from"], "charset": d["charset"],
                "http_content_type": ctype, "sha256": d["sha256"], "html_bytes": len(raw),
                "warc_file": d["warc_file"], "visible_tokens": d["visible_tokens"],
            }
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")

    print(f"select_pages: wrote {len(chosen)} pages to {args.out}", file=sys.stderr)
    print_counts(chosen)
    return 0


def print_counts(pages: list[dict]) -> None:
    by = Counter((p["group"], p["lang"]) for p in pages)
    src = Counter((p["group"], p["source"]) for p in pages)
    for group in ("web", "docs"):
        n = sum(v for (g, _), v in by.items() if g == group)
        langs = ", ".join(f"{lang} {v}" for (g, lang), v in sorted(by.items(), key=lambda x: (-x[1], x[0])) if g == group)
        srcs = ", ".join(f"{s} {v}" for (g, s), v in sorted(src.items(), key=lambda x: (-x[1], x[0])) if g == group)
        print(f"{group} {n}: languages: {langs}")
        print(f"{' ' * len(group)} sources: {srcs}")
    print(f"total {len(pages)} pages, {len({p['lang'] for p in pages})} languages")


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""The reference decisions for Quarry's quality filters: datatrove 0.10.1's
GopherQualityFilter, GopherRepetitionFilter, C4QualityFilter and FineWebQualityFilter, each with
its defaults (English: spaCy 3.8.18's blank `en` tokenizer plus its sentencizer), run
independently (not chained) on every document of a Quarry JSONL file.

Writes one compact JSON line per document, in input order (the fixture
Tests/EndToEndTests/Fixtures/datatrove-filters/decisions.jsonl.gz; its README says what each
field means):
  {"id": ..., "xxh64": <xxh64 of the UTF-8 text, seed 0, 16 hex digits>,
   "gopher_quality_v1": "keep" | <datatrove's drop reason>, "gopher_repetition_v1": ...,
   "c4_quality_v1": ..., "c4_xxh64": <xxh64 of the text C4 leaves, only when it keeps the document>,
   "fineweb_quality_v1": ...}
Each filter object's `filter(doc)` is called directly on a fresh copy of the document (C4
rewrites the text it keeps). An exception inside a filter (none on the web sample) is recorded
as "error:<ExceptionType>" instead of stopping the run.

--debug PATH also writes, per document, the quantities each filter measures (all of them, not
only up to the first failing rule), recomputed with datatrove's own helpers, and checks that the
thresholds applied to them give datatrove's decision. That file holds no text but is large and
is not committed; it is for diagnosing disagreements.

Run in the reference venv (scripts/reference/setup-reference-venv.sh):
  .venv-ref/bin/python scripts/reference/filters.py EN-DOCS.jsonl decisions.jsonl.gz [--debug measures.jsonl]
"""

import argparse
import collections
import gzip
import io
import json
import sys
import time

import numpy as np
import xxhash
from datatrove.data import Document
from datatrove.pipeline.filters import (C4QualityFilter, FineWebQualityFilter, GopherQualityFilter,
                                        GopherRepetitionFilter)
from datatrove.pipeline.filters.c4_filters import CITATION_REGEX, ELLIPSIS, END_PUNCTUATION, POLICY_SUBSTRINGS
from datatrove.pipeline.filters.gopher_repetition_filter import (find_all_duplicate, find_duplicates,
                                                                 find_top_duplicate, get_n_grams)
from datatrove.utils.text import PUNCTUATION_SET, split_into_sentences, split_into_words

# The fixture's keys are Quarry's stage ids; the values the datatrove filter each one follows.
FILTERS = {
    "gopher_quality_v1": GopherQualityFilter,
    "gopher_repetition_v1": GopherRepetitionFilter,
    "c4_quality_v1": C4QualityFilter,
    "fineweb_quality_v1": FineWebQualityFilter,
}


def xxh64(text):
    return xxhash.xxh64_hexdigest(text.encode("utf-8"), seed=0)


def decide(flt, doc):
    """("keep" | reason, the text after the filter) for one datatrove filter on a copy of doc."""
    copy = Document(text=doc.text, id=doc.id, metadata=dict(doc.metadata))
    try:
        result = flt.filter(copy)
    except Exception as e:  # recorded, so one bad document cannot hide the others' decisions
        return f"error:{type(e).__name__}", None
    if isinstance(result, tuple):
        ok, reason = result
    else:
        ok, reason = result, None
    if ok:
        return "keep", copy.text
    return reason or "drop", None


# ----------------------------------------------------------------------------- debug measures
# Each function mirrors one filter's filter() in datatrove 0.10.1, measuring every quantity,
# and returns (measures, the decision the filter's thresholds give on them).


def gopher_quality_measures(f, text):
    words = split_into_words(text, f.language)
    n_words = len(words)
    non_symbol = [w for w in words if any(ch not in PUNCTUATION_SET for ch in w)]
    lines = text.splitlines()
    m = {
        "n_words": n_words,
        "n_non_symbol_words": len(non_symbol),
        "mean_word_length": float(np.mean([len(w) for w in non_symbol])) if non_symbol else None,
        "hash_ratio": text.count("#") / n_words if n_words else None,
        "ellipsis_ratio": (text.count("...") + text.count("…")) / n_words if n_words else None,
        "n_lines": len(lines),
        "bullet_lines_ratio": sum(s.lstrip().startswith(("•", "-")) for s in lines) / len(lines) if lines else None,
        "end_ellipsis_lines_ratio": sum(s.rstrip().endswith(("...", "…")) for s in lines) / len(lines) if lines else None,
        "alpha_words_ratio": sum(any(c.isalpha() for c in w) for w in words) / n_words if n_words else None,
        "stop_words_found": sorted(f.stop_words.intersection(words)),
    }
    if m["n_non_symbol_words"] < f.min_doc_words:
        return m, "gopher_short_doc"
    if m["n_non_symbol_words"] > f.max_doc_words:
        return m, "gopher_long_doc"
    checks = [
        (m["mean_word_length"] < f.min_avg_word_length, "gopher_below_avg_threshold"),
        (m["mean_word_length"] > f.max_avg_word_length, "gopher_above_avg_threshold"),
        (m["hash_ratio"] > f.max_symbol_word_ratio, "gopher_too_many_hashes"),
        (m["ellipsis_ratio"] > f.max_symbol_word_ratio, "gopher_too_many_ellipsis"),
        (m["bullet_lines_ratio"] > f.max_bullet_lines_ratio, "gopher_too_many_bullets"),
        (m["end_ellipsis_lines_ratio"] > f.max_ellipsis_lines_ratio, "gopher_too_many_end_ellipsis"),
        (m["alpha_words_ratio"] < f.max_non_alpha_words_ratio, "gopher_below_alpha_threshold"),
        (len(m["stop_words_found"]) < f.min_stop_words, "gopher_enough_stop_words"),
    ]
    return m, next((reason for failed, reason in checks if failed), "keep")


def gopher_repetition_measures(f, text):
    if not text:
        return {}, "empty"
    n = len(text)
    paragraphs = f.paragraph_exp.split(text.strip())
    para_dups, para_chars = find_duplicates(paragraphs)
    lines = f._line_splitter.split(text)
    line_dups, line_chars = find_duplicates(lines)
    words = split_into_words(text, f.language)
    m = {
        "n_chars": n,
        "n_paragraphs": len(paragraphs),
        "dup_para_frac": para_dups / len(paragraphs),
        "dup_para_char_frac": para_chars / n,
        "n_lines": len(lines),
        "dup_line_frac": line_dups / len(lines),
        "dup_line_char_frac": line_chars / n,
        "n_words": len(words),
    }
    checks = [
        (m["dup_para_frac"] > f.dup_para_frac, "dup_para_frac"),
        (m["dup_para_char_frac"] > f.dup_para_char_frac, "dup_para_char_frac"),
        (m["dup_line_frac"] > f.dup_line_frac, "dup_line_frac"),
        (m["dup_line_char_frac"] > f.dup_line_char_frac, "dup_line_char_frac"),
    ]
    for k, frac in f.top_n_grams:
        grams = get_n_grams(words, k)
        m[f"top_{k}_gram_char_frac"] = find_top_duplicate(grams) / n if grams else None
        checks.append((bool(grams) and m[f"top_{k}_gram_char_frac"] > frac, f"top_{k}_gram"))
    for k, frac in f.dup_n_grams:
        m[f"dup_{k}_gram_char_frac"] = find_all_duplicate(words, k) / n
        checks.append((m[f"dup_{k}_gram_char_frac"] > frac, f"duplicated_{k}_n_grams"))
    return m, next((reason for failed, reason in checks if failed), "keep")


def c4_quality_measures(f, text):
    """Line outcomes as C4QualityFilter (split_paragraph=True) would give them, without stopping
    at a document-level drop: the first such drop is the decision."""
    outcomes = collections.Counter()
    kept_lines, num_sentences, doc_drop, drop_line = [], 0, None, None
    for index, line in enumerate(text.splitlines()):
        line = line.strip()
        words = line.split()
        if f.max_word_length != -1 and any(len(w) > f.max_word_length for w in words):
            outcomes["too_long_word"] += 1
            continue
        if f.remove_citations:
            line = CITATION_REGEX.sub("", line)
        if f.filter_no_terminal_punct and (not line.endswith(END_PUNCTUATION) or line.endswith(ELLIPSIS)):
            outcomes["no_terminal_punc"] += 1
            continue
        if len(words) < f.min_words_per_line:
            outcomes["too_few_words"] += 1
            continue
        lower = line.lower()
        if f.filter_lorem_ipsum and "lorem ipsum" in lower:
            outcomes["lorem_ipsum"] += 1
            if doc_drop is None:
                doc_drop, drop_line = "lorem_ipsum", index
            continue
        if f.filter_javascript and "javascript" in lower:
            outcomes["javascript"] += 1
            continue
        if f.filter_curly_bracket and "{" in line:
            outcomes["curly_bracket"] += 1
            if doc_drop is None:
                doc_drop, drop_line = "curly_bracket", index
            continue
        if f.filter_policy and any(p in lower for p in POLICY_SUBSTRINGS):
            outcomes["policy"] += 1
            continue
        if doc_drop is None:
            num_sentences += len(split_into_sentences(line, f.language))
            kept_lines.append(index)
        outcomes["kept"] += 1
    m = {"n_lines": sum(outcomes.values()), "line_outcomes": dict(sorted(outcomes.items())),
         "doc_drop_line": drop_line, "n_sentences_in_kept_lines": num_sentences, "kept_line_indices": kept_lines}
    if doc_drop:
        return m, doc_drop
    return m, "too_few_sentences" if num_sentences < f.min_num_sentences else "keep"


def fineweb_quality_measures(f, text):
    lines = [line for line in text.split("\n") if line.strip() != ""]
    if not lines:
        return {"n_lines": 0}, "empty"
    words = split_into_words(text, f.language)
    m = {
        "n_lines": len(lines),
        "line_punct_ratio": sum(1 for line in lines if line.endswith(f.stop_chars)) / len(lines),
        "short_line_ratio": sum(1 for line in lines if len(line) <= f.short_line_length) / len(lines),
        "char_dup_ratio": find_duplicates(lines)[1] / len(text.replace("\n", "")),
        "n_newlines": text.count("\n"),
        "n_words": len(words),
        "list_ratio": text.count("\n") / len(words) if words else None,
    }
    checks = [
        (m["line_punct_ratio"] < f.line_punct_thr and not (m["line_punct_ratio"] == 0 and f.line_punct_exclude_zero),
         "line_punct_ratio"),
        (m["short_line_ratio"] > f.short_line_threshold, "short_line_ratio"),
        (m["char_dup_ratio"] > f.char_duplicates_ratio, "char_dup_ratio"),
        (m["list_ratio"] is None or m["list_ratio"] > f.new_line_ratio, "list_ratio"),
    ]
    return m, next((reason for failed, reason in checks if failed), "keep")


MEASURES = {
    "gopher_quality_v1": gopher_quality_measures,
    "gopher_repetition_v1": gopher_repetition_measures,
    "c4_quality_v1": c4_quality_measures,
    "fineweb_quality_v1": fineweb_quality_measures,
}


# ----------------------------------------------------------------------------- main


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("input", help="Quarry JSONL (id, text, metadata), e.g. the output of english_docs.py")
    ap.add_argument("output", help="decisions, JSONL; gzip-compressed (reproducibly: no name, mtime 0) if it ends in .gz")
    ap.add_argument("--debug", help="also write the measured quantities per document to this JSONL file")
    ap.add_argument("--limit", type=int, default=0, help="only the first N documents (0: all)")
    args = ap.parse_args()

    filters = {name: cls() for name, cls in FILTERS.items()}
    counts = {name: collections.Counter() for name in FILTERS}
    mismatches = collections.Counter()
    raw = open(args.output, "wb")
    out = (io.TextIOWrapper(gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9), encoding="utf-8")
           if args.output.endswith(".gz") else io.TextIOWrapper(raw, encoding="utf-8"))
    debug = open(args.debug, "w", encoding="utf-8") if args.debug else None
    start, n = time.time(), 0
    with open(args.input, encoding="utf-8") as src:
        for line in src:
            if not line.strip():
                continue
            record = json.loads(line)
            doc = Document(text=record["text"], id=record["id"], metadata=record.get("metadata") or {})
            row = {"id": doc.id, "xxh64": xxh64(doc.text)}
            for name, flt in filters.items():
                decision, after = decide(flt, doc)
                row[name] = decision
                counts[name][decision] += 1
                if name == "c4_quality_v1" and decision == "keep":
                    row["c4_xxh64"] = xxh64(after)
            out.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n")
            if debug:
                entry = {"id": doc.id, "n_chars": len(doc.text), "n_bytes": len(doc.text.encode("utf-8"))}
                for name, measure in MEASURES.items():
                    m, implied = measure(filters[name], doc.text)
                    entry[name] = {"decision": row[name], **m}
                    if implied != row[name]:
                        mismatches[name] += 1
                        entry[name]["implied_decision_mismatch"] = implied
                debug.write(json.dumps(entry, ensure_ascii=False, separators=(",", ":")) + "\n")
            n += 1
            if n % 200 == 0:
                print(f"filters: {n} documents, {time.time() - start:.0f} s", file=sys.stderr)
            if args.limit and n >= args.limit:
                break
    out.close()
    raw.close()
    if debug:
        debug.close()

    print(f"filters: {n} documents -> {args.output} ({time.time() - start:.0f} s)", file=sys.stderr)
    for name, counter in counts.items():
        parts = ", ".join(f"{reason} {count}" for reason, count in counter.most_common())
        print(f"  {name}: {parts}", file=sys.stderr)
    if debug:
        if mismatches:
            print(f"filters: the debug measures imply another decision for {dict(mismatches)}", file=sys.stderr)
            sys.exit(1)
        print(f"filters: debug measures -> {args.debug} (they imply datatrove's decision on every document)", file=sys.stderr)


if __name__ == "__main__":
    main()

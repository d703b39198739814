#!/usr/bin/env python3
"""Splits extracted web-sample documents by language for `quarry-bench text-primitives`.

Joins a Quarry JSONL (e.g. `quarry extract` of shared/corpora/web-sample/*.warc.gz) with the
corpus's `lang_hint` by `id` and writes OUT_DIR/<lang>.jsonl ({"id", "text"} per line) for each
language asked for (the part of the hint before "-": zh-cn and zh-tw are zh). Standard library only.

  python3 scripts/bench/text_by_language.py EXTRACTED.jsonl OUT_DIR zh ja en
"""

import glob
import gzip
import json
import os
import sys


def main():
    extracted, out_dir, languages = sys.argv[1], sys.argv[2], sys.argv[3:]
    corpus = os.environ.get("QUARRY_CORPUS", os.path.join(os.path.dirname(__file__), "../../../shared/corpora/web-sample"))
    hints = {}
    for path in sorted(glob.glob(os.path.join(corpus, "*.jsonl.gz"))):
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                hints[d["id"]] = (d.get("lang_hint") or "").lower().split("-")[0]
    os.makedirs(out_dir, exist_ok=True)
    outputs = {lang: open(os.path.join(out_dir, lang + ".jsonl"), "w", encoding="utf-8") for lang in languages}
    counts = dict.fromkeys(languages, 0)
    with open(extracted, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            lang = hints.get(d["id"])
            if lang in outputs:
                outputs[lang].write(json.dumps({"id": d["id"], "text": d["text"]}, ensure_ascii=False) + "\n")
                counts[lang] += 1
    for out in outputs.values():
        out.close()
    print(" ".join(f"{lang}: {n} docs" for lang, n in counts.items()))


if __name__ == "__main__":
    main()

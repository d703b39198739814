#!/usr/bin/env python3
"""Builds the labeled near-duplicate set of issue #5 (deliverable 5) from real web documents:
originals taken from Quarry's extraction of the web-sample corpus, copies of them edited in
known ways, and many untouched distractors, shuffled, with the true clusters written beside.
scripts/reference/neardup_score.py scores Quarry, datasketch and datatrove against it.

Input: a JSONL file of documents (`id`, `text`), Quarry's extraction of the corpus's WARCs:

  quarry extract --input ../shared/corpora/web-sample/*.warc.gz --output /work/dedup-scratch/extracted.jsonl
  .venv-ref/bin/python scripts/reference/neardup_set.py /work/dedup-scratch/extracted.jsonl /work/dedup-scratch/neardup

(4,814 documents with Quarry at commit 947d0a7). Output directory: `set.jsonl` (`id`, `text`;
the documents, shuffled), `labels.jsonl` (`id`, `cluster`, `kind`, `original`: the true cluster
of every document; a singleton's cluster is its own id), `summary.json` (counts per kind and the
exact Jaccard similarity of each variant to its original). Deterministic for a given input and
--seed (random.Random(seed); documents are taken in id order, never in file order).

How it is built:
1. Shingles (the definition of similarity here and on datasketch's side of the scoring):
   `simplify` follows datatrove 0.10.1 src/datatrove/utils/text.py simplify_text with its
   default TextNormConfig (lowercase; runs of digits, with one decimal part, become "0";
   datatrove's PUNCTUATION characters become spaces; whitespace runs become one space; NFD with
   combining marks (category Mn) removed), then words are split at spaces and every run of
   NGRAM (5) consecutive words, joined by one space, is hashed with xxh64 (seed 0). A document
   with fewer than 5 words has no shingle.
2. The corpus has near-duplicates of its own (documentation sites, translated pages sharing
   code, shop pages of one template). Every pair of documents is compared by the exact Jaccard
   similarity of their shingle sets (a sparse document x shingle matrix product, no sampling;
   for texts without spaces between words, more than SPACED_CHARS_PER_WORD (12) characters per
   whitespace word as in Chinese and Japanese, character 5-grams instead); documents linked
   by a Jaccard of at least NATURAL_JACCARD (0.3) are grouped and only the first of each group
   (by id) is kept, so no two untouched documents of the set are near-duplicates by accident.
   At 0.3 the LSH of 14 bands x 8 rows finds a pair with probability 1-(1-0.3^8)^14 < 0.001.
3. Originals: --originals spaced documents of at least MIN_WORDS (100) words, drawn at random
   (word edits are then edits of words for every tokenizer). Each
   gets 1 to 3 variants of distinct kinds (below); the remaining documents are distractors,
   and --boilerplate-distractors of them get a site header and footer (same sites as the
   variants: these must NOT be merged with anything).
4. Variant kinds: `edit_R` (R = 1, 3, 5, 10, 20: max(1, round(R% of the words)) edits, each a
   substitution, an insertion or a deletion of one word with equal chance; new words are drawn
   from the words of the corpus), `header_footer` (1-2 site boilerplate lines above and
   1-2 below), `reorder` (the paragraphs, i.e. lines, in a random different order; originals
   with at least 3 paragraphs), `truncate_90` / `truncate_70` (the first 90% / 70% of the
   words, the layout kept), and combinations applied left to right:
   `header_footer+edit_3`, `reorder+edit_1`, `truncate_90+header_footer+edit_1`,
   `truncate_70+edit_5`.

Standard library plus xxhash, numpy and scipy (the sparse product); run it in the venv of
scripts/reference/requirements-dedup.txt. `--check-simplify` compares `simplify` with
datatrove's own simplify_text on every input document (needs datatrove 0.10.1 installed).
"""

import argparse
import collections
import json
import os
import random
import re
import sys
import unicodedata

NGRAM = 5  # words per shingle, as Quarry's and datatrove's default
MIN_WORDS = 100  # an original has at least this many whitespace-separated words
NATURAL_JACCARD = 0.3  # corpus documents at least this similar (exact Jaccard) are one group
SPACED_CHARS_PER_WORD = 12  # above this many characters per whitespace word, a text is unspaced (CJK)
EDIT_RATES = (1, 3, 5, 10, 20)  # percent of words edited in the edit_R variants
KINDS = tuple(f"edit_{r}" for r in EDIT_RATES) + (
    "header_footer", "reorder", "truncate_90", "truncate_70",
    "header_footer+edit_3", "reorder+edit_1", "truncate_90+header_footer+edit_1", "truncate_70+edit_5",
)

# datatrove 0.10.1 src/datatrove/utils/text.py PUNCTUATION: characters simplify_text turns into spaces
# (its TERMINAL_PUNCTUATION set is not part of that translation table).
PUNCTUATION = "!/—”:％１〈&(、━\\【#%「」，】；+^]~“《„';’{|∶´[=-`*．（–？！：$～«〉,><》)?）。…@_.\"}►»" + "".join(
    map(chr, (x for a, b in ((0, 9), (11, 13), (13, 32), (127, 160)) for x in range(a, b))))
_PUNCTUATION_TABLE = str.maketrans(PUNCTUATION, " " * len(PUNCTUATION))
# digits of any script (str patterns' \d is Unicode Nd), optionally one decimal part, as datatrove's NUMBERS_PATTERN
_NUMBERS = re.compile(r"\d+(?:[.,،٫⎖⎗⎘]\d+)?")
_WHITESPACE = re.compile(r"\s+")

# Site boilerplate: header and footer lines of a few made-up sites, shared by many documents.
SITES = [
    (["Home | News | Sports | Business | Opinion | Contact us",
      "The Daily Ledger - independent news since 1998"],
     ["Copyright 2024 The Daily Ledger Media Group. All rights reserved.",
      "Subscribe to our newsletter to get the latest stories delivered to your inbox every morning."]),
    (["Skip to main content", "Products Solutions Pricing Documentation Blog Sign in"],
     ["We use cookies to improve your experience on our site. By continuing to browse you agree to our use of cookies.",
      "Privacy policy | Terms of service | Cookie settings | Accessibility statement"]),
    (["Menu Search Log in Register", "You are here: Home > Articles > Technology"],
     ["Share this article on Facebook, Twitter, LinkedIn or by email",
      "Related posts: Ten tips for a better morning routine | How to choose a laptop in 2024"]),
    (["Welcome to the community forum. Please read the rules before posting."],
     ["Powered by a free forum software. Time zone UTC. Page generated in 0.042 seconds.",
      "Back to top of page"]),
    (["Latest headlines: markets rally as rates hold steady; storm warning issued for the coast"],
     ["Advertisement", "Follow us on social media for updates and behind the scenes content."]),
]


def simplify(text):
    """datatrove 0.10.1 simplify_text with the default TextNormConfig (see the module comment)."""
    text = text.lower()
    text = _NUMBERS.sub("0", text)
    text = text.translate(_PUNCTUATION_TABLE)
    text = _WHITESPACE.sub(" ", text.strip())
    text = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
    return text.strip()


def shingle_strings(text, ngram=NGRAM):
    """The word n-grams (strings, each n words joined by a space) of the simplified text, in order."""
    words = simplify(text).split(" ")
    if not words or words == [""]:
        return []
    return [" ".join(words[i:i + ngram]) for i in range(len(words) - ngram + 1)]


def shingle_set(text, ngram=NGRAM):
    """The set of xxh64 (seed 0) hashes of the document's word n-grams."""
    import xxhash

    return {xxhash.xxh64_intdigest(s) for s in shingle_strings(text, ngram)}


def is_spaced(text):
    """Whether the text separates its words with spaces: at most SPACED_CHARS_PER_WORD characters
    per whitespace-separated word (Chinese and Japanese run whole sentences together)."""
    return len(text) <= SPACED_CHARS_PER_WORD * max(1, len(text.split()))


def screening_set(text):
    """The shingles the natural-duplicate screen compares: word 5-grams of a spaced text, else
    character 5-grams of its simplified text without spaces (so near-duplicate Chinese and
    Japanese pages, which have few whitespace words, are found too)."""
    import xxhash

    if is_spaced(text):
        return shingle_set(text)
    chars = simplify(text).replace(" ", "")
    return {xxhash.xxh64_intdigest(chars[i:i + NGRAM]) for i in range(len(chars) - NGRAM + 1)}


def jaccard_pairs(shingle_sets, min_jaccard):
    """Every pair (i, j, jaccard) with i < j and exact Jaccard >= min_jaccard, from a sparse
    document x shingle matrix product (intersection sizes of all pairs at once)."""
    import numpy as np
    from scipy import sparse

    rows, cols = [], []
    for i, s in enumerate(shingle_sets):
        rows.extend([i] * len(s))
        cols.extend(s)
    if not cols:
        return []
    _, col_index = np.unique(np.array(cols, dtype=np.uint64), return_inverse=True)
    m = sparse.csr_matrix((np.ones(len(cols), dtype=np.int32), (np.array(rows), col_index.ravel())),
                          shape=(len(shingle_sets), int(col_index.max()) + 1))
    inter = sparse.triu(m @ m.T, k=1).tocoo()
    sizes = np.array([len(s) for s in shingle_sets], dtype=np.int64)
    union = sizes[inter.row] + sizes[inter.col] - inter.data
    jac = inter.data / union
    keep = jac >= min_jaccard
    return list(zip(inter.row[keep].tolist(), inter.col[keep].tolist(), jac[keep].tolist()))


class UnionFind:
    def __init__(self, n):
        self.parent = list(range(n))

    def find(self, x):
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra != rb:  # the smaller index stays the root: the first document by id represents the group
            self.parent[max(ra, rb)] = min(ra, rb)


# --- edits ---------------------------------------------------------------------------------

def _tokens(text):
    """[word, separator, word, separator, ...] with the leading whitespace as a first separator."""
    parts = re.split(r"(\s+)", text)
    lead = ""
    if parts and parts[0] == "":
        parts = parts[1:]
        lead = parts.pop(0) if parts else ""
    words = parts[0::2]
    seps = parts[1::2] + [""] * (len(parts[0::2]) - len(parts[1::2]))
    return lead, words, seps


def _join(lead, words, seps):
    return lead + "".join(w + s for w, s in zip(words, seps))


def edit_words(text, rate, rng, vocabulary):
    """max(1, round(rate * words)) random substitutions, insertions and deletions of single words."""
    lead, words, seps = _tokens(text)
    edits = max(1, round(rate * len(words)))
    for _ in range(edits):
        op = rng.choice(("sub", "ins", "del"))
        if op == "del" and len(words) <= NGRAM + 1:
            op = "sub"
        i = rng.randrange(len(words))
        if op == "sub":
            new = rng.choice(vocabulary)
            while new == words[i]:
                new = rng.choice(vocabulary)
            words[i] = new
        elif op == "ins":
            words.insert(i, rng.choice(vocabulary))
            seps.insert(i, " ")
        else:
            del words[i]
            # keep the larger separator (a newline) of the two around the deleted word
            removed = seps.pop(i)
            if i > 0 and "\n" in removed and "\n" not in seps[i - 1]:
                seps[i - 1] = removed
    return _join(lead, words, seps)


def header_footer(text, rng):
    header, footer = rng.choice(SITES)
    top = header[: rng.randint(1, len(header))]
    bottom = footer[: rng.randint(1, len(footer))]
    return "\n".join(top + [text.strip("\n")] + bottom)


def reorder(text, rng):
    paragraphs = [p for p in text.split("\n") if p.strip()]
    order = list(range(len(paragraphs)))
    while order == sorted(order):
        rng.shuffle(order)
    return "\n".join(paragraphs[i] for i in order)


def truncate(text, keep):
    lead, words, seps = _tokens(text)
    n = max(NGRAM, round(keep * len(words)))
    return _join(lead, words[:n], seps[:n - 1] + [""])


def apply_kind(kind, text, rng, vocabulary):
    for step in kind.split("+"):
        if step.startswith("edit_"):
            text = edit_words(text, int(step[5:]) / 100, rng, vocabulary)
        elif step == "header_footer":
            text = header_footer(text, rng)
        elif step == "reorder":
            text = reorder(text, rng)
        elif step.startswith("truncate_"):
            text = truncate(text, int(step[9:]) / 100)
        else:
            raise ValueError(step)
    return text


def paragraph_count(text):
    return sum(1 for p in text.split("\n") if p.strip())


# --- main ----------------------------------------------------------------------------------

def check_simplify(docs):
    from datatrove.utils.text import simplify_text

    bad = [d["id"] for d in docs if simplify(d["text"]) != simplify_text(d["text"])]
    print(f"simplify vs datatrove simplify_text: {len(docs) - len(bad)}/{len(docs)} identical", file=sys.stderr)
    for i in bad[:5]:
        print(f"  differs: {i}", file=sys.stderr)
    return not bad


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("input", help="JSONL of documents (id, text): `quarry extract` of the web-sample WARCs")
    ap.add_argument("output", help="output directory (set.jsonl, labels.jsonl, summary.json)")
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--originals", type=int, default=800, help="documents that get variants")
    ap.add_argument("--boilerplate-distractors", type=int, default=300,
                    help="distractors that get a site header and footer but stay singletons")
    ap.add_argument("--check-simplify", action="store_true", help="compare simplify() with datatrove's simplify_text")
    args = ap.parse_args()

    rng = random.Random(args.seed)
    with open(args.input, encoding="utf-8") as f:
        docs = [json.loads(line) for line in f if line.strip()]
    docs = sorted((d for d in docs if d.get("text", "").strip()), key=lambda d: d["id"])
    if args.check_simplify and not check_simplify(docs):
        return 1

    # 2. one document per group of natural near-duplicates
    sets = [screening_set(d["text"]) for d in docs]
    uf = UnionFind(len(docs))
    natural = jaccard_pairs(sets, NATURAL_JACCARD)
    for i, j, _ in natural:
        uf.union(i, j)
    pool = [i for i in range(len(docs)) if uf.find(i) == i]
    print(f"{len(docs)} documents, {len(natural)} pairs with Jaccard >= {NATURAL_JACCARD}; "
          f"{len(pool)} kept (one per group)", file=sys.stderr)

    vocabulary = []
    for i in pool:
        vocabulary.extend(docs[i]["text"].split()[::7])  # every 7th word: frequencies as in the corpus
    vocabulary.sort()

    # 3. originals and their variant kinds
    eligible = [i for i in pool if len(docs[i]["text"].split()) >= MIN_WORDS and is_spaced(docs[i]["text"])]
    if len(eligible) < args.originals:
        sys.exit(f"only {len(eligible)} documents of >= {MIN_WORDS} words; ask for fewer --originals")
    originals = rng.sample(eligible, args.originals)
    # kinds dealt round-robin over a shuffled deck so every kind gets about the same count
    deck = []
    plan = {}
    for i in originals:
        want = rng.randint(1, 3)
        kinds = []
        while len(kinds) < want:
            if not deck:
                deck = list(KINDS)
                rng.shuffle(deck)
            kind = deck.pop()
            if kind in kinds or ("reorder" in kind and paragraph_count(docs[i]["text"]) < 3):
                deck.insert(0, kind)  # back to the bottom of the deck; try the next one
                if all(k in kinds or ("reorder" in k and paragraph_count(docs[i]["text"]) < 3) for k in deck):
                    break
                continue
            kinds.append(kind)
        plan[i] = kinds

    out_docs = []  # (text, cluster, kind, original id)
    original_set = set(originals)
    distractors = [i for i in pool if i not in original_set]
    boiler = set(rng.sample(distractors, min(args.boilerplate_distractors, len(distractors))))
    for n, i in enumerate(originals):
        cluster = f"cluster-{n:04d}"
        out_docs.append((docs[i]["text"], cluster, "original", docs[i]["id"]))
        for kind in plan[i]:
            out_docs.append((apply_kind(kind, docs[i]["text"], rng, vocabulary), cluster, kind, docs[i]["id"]))
    for i in distractors:
        if i in boiler:
            out_docs.append((header_footer(docs[i]["text"], rng), None, "distractor_boilerplate", docs[i]["id"]))
        else:
            out_docs.append((docs[i]["text"], None, "distractor", docs[i]["id"]))
    rng.shuffle(out_docs)

    os.makedirs(args.output, exist_ok=True)
    records = []
    for n, (text, cluster, kind, source) in enumerate(out_docs):
        doc_id = f"nd-{n:05d}"
        records.append({"id": doc_id, "text": text, "cluster": cluster or doc_id, "kind": kind, "original": source})
    with open(os.path.join(args.output, "set.jsonl"), "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps({"id": r["id"], "text": r["text"]}, ensure_ascii=False) + "\n")
    with open(os.path.join(args.output, "labels.jsonl"), "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps({k: r[k] for k in ("id", "cluster", "kind", "original")}, ensure_ascii=False) + "\n")

    # summary: counts per kind, Jaccard of each variant to its original, and the largest
    # Jaccard between documents of different true clusters (should stay far below the LSH threshold)
    out_sets = [shingle_set(r["text"]) for r in records]
    by_cluster = collections.defaultdict(list)
    for n, r in enumerate(records):
        by_cluster[r["cluster"]].append(n)
    jac_to_original = collections.defaultdict(list)
    for members in by_cluster.values():
        orig = [n for n in members if records[n]["kind"] == "original"]
        for n in members:
            if orig and n != orig[0]:
                a, b = out_sets[n], out_sets[orig[0]]
                jac_to_original[records[n]["kind"]].append(len(a & b) / len(a | b) if a | b else 1.0)
    cross = [j for i, k, j in jaccard_pairs(out_sets, 0.2) if records[i]["cluster"] != records[k]["cluster"]]
    counts = collections.Counter(r["kind"] for r in records)
    pairs = sum(len(m) * (len(m) - 1) // 2 for m in by_cluster.values())

    def s_curve(j, bands=14, rows=8):
        return 1 - (1 - j ** rows) ** bands

    summary = {
        "input": os.path.abspath(args.input), "seed": args.seed, "documents": len(records),
        "clusters_of_two_or_more": sum(1 for m in by_cluster.values() if len(m) > 1),
        "true_pairs": pairs, "natural_pairs_removed": len(natural), "pool": len(pool),
        "originals": len(originals), "counts": dict(sorted(counts.items())),
        "variant_jaccard_to_original": {
            k: {"n": len(v), "mean": round(sum(v) / len(v), 4), "min": round(min(v), 4), "max": round(max(v), 4),
                "lsh_14x8_expected_recall": round(sum(s_curve(j) for j in v) / len(v), 4)}
            for k, v in sorted(jac_to_original.items())},
        "cross_cluster_pairs_jaccard_ge_0.2": len(cross),
        "cross_cluster_max_jaccard": round(max(cross), 4) if cross else None,
    }
    with open(os.path.join(args.output, "summary.json"), "w") as f:
        json.dump(summary, f, indent=2)
    print(f"{len(records)} documents, {summary['clusters_of_two_or_more']} clusters, {pairs} true pairs")
    print(f"{'kind':<36} {'count':>6} {'Jaccard to original (mean, min)':>32} {'14x8 S-curve recall':>20}")
    for kind, n in sorted(counts.items()):
        j = summary["variant_jaccard_to_original"].get(kind)
        js = f"{j['mean']:.3f}, {j['min']:.3f}" if j else ""
        rec = f"{j['lsh_14x8_expected_recall']:.3f}" if j else ""
        print(f"{kind:<36} {n:>6} {js:>32} {rec:>20}")
    print(f"cross-cluster pairs with Jaccard >= 0.2: {len(cross)} (max {summary['cross_cluster_max_jaccard']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Builds the language-ID training and held-out sets of Quarry (issue 7 item 3) from Debian
packages reachable through the apt mirror (gettext catalogues + translated documentation).

    python3 scripts/lid/build_data.py --work /tmp/lidwork --download --out /work/lid-data
    python3 scripts/lid/build_data.py --trees X X2 --out /work/lid-data      # already extracted
    python3 scripts/lid/build_data.py --out /work/lid-data --reuse            # redo only selection

Stage 1 (extract): every .po/.mo catalogue and prose document -> OUT/extracted.jsonl
  {"lang","text","doc","pos"} (doc = path inside the tree, pos = string/sentence index).
Stage 2 (select), deterministic (sorted inputs, fixed seed):
  * drop strings not in the language's script, untranslated English (any English msgid or
    English doc sentence), strings claimed by two labels, placeholders/code;
  * per language, hold out whole documents (catalogues, pages), chosen by SHA-1 of
    "lang/doc" until HELDOUT_SENTENCES sentence-like strings are held out;
  * a text (dedup key: case-folded, whitespace collapsed) in a held-out document is never
    in train, and no training line equals any held-out text;
  * heldout.jsonl {"id","text","label","length","source"}: per language up to PER_BUCKET items per length bucket
    word | phrase | sentence | paragraph;
  * train.jsonl: per language up to TRAIN_CAP lines (sentence-like first, plus up to
    SHORT_SHARE short UI strings), shuffled.
Standard library only (Python >= 3.9).
"""
import argparse
import collections
import hashlib
import json
import multiprocessing
import os
import random
import re
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lidtext import NOSPACE, NOSPACE_LANGS, is_sentence_like, key, letters, script_ok  # noqa: E402
import sources  # noqa: E402

SEED = 20261129
# LibreOffice help pages carry an English "Title is: <title>" line in every language.
BOILERPLATE = re.compile(r"^Title is:\s*")
# Covered labels. Chosen from the per-language counts (OUT/counts.tsv): >= ~2,500 clean
# sentence-like strings, or a script of its own with >= ~1,000 (ky, lo fall below MIN_SENTENCES
# and are dropped automatically; dz is the only Tibetan-script label); of confusable pairs with thin
# data only the larger/required member is kept (dropped: nn~nb, bs~hr, sr-Latn, ms~id,
# ast/an~es, mai/kok/brx/sa~hi/mr, ks/sd~ur, oc, fur, szl, crh, wa, gug, ia, co, om, mni, sat).
COVERED = """
en de fr es it pt nl sv da nb fi is et lv lt pl cs sk sl hr sr bs? hu ro bg mk ru uk be el ca gl eu
eo ga gd cy br af sq tr az uz kk mn tg ky
he ar fa ur ug ka hy am hi mr ne bn as pa gu or ta te kn ml si th lo km my dz
ja ko zh-Hans zh-Hant vi id
""".split()
COVERED = [c for c in COVERED if not c.endswith("?")]
REQUIRED = "zh-Hans zh-Hant ja ko ru ar hi fa th vi id tr uk pl en de fr es it pt nl".split()

TRAIN_CAP = 30000       # training lines per language
SHORT_SHARE = 0.25      # at most this fraction (0-1) of a language's training lines are < 4 words
HELDOUT_SENTENCES = 2000  # sentence-like strings held out per language (whole documents)
HELDOUT_SHARE = 0.2     # ... but at most this fraction (0-1) of the language's sentence-like strings
PER_BUCKET = 300        # held-out items per language and length bucket
MIN_SENTENCES = 1000    # a covered language needs this many clean sentence-like strings


def extract(roots, out_path, procs):
    tasks = sources.list_tasks(roots)
    print("extract: %d files" % len(tasks), file=sys.stderr, flush=True)
    seen = set()
    n = 0
    with open(out_path + ".tmp", "w", encoding="utf-8") as out, multiprocessing.Pool(procs) as pool:
        for recs in pool.imap(sources.run_task, tasks, chunksize=16):
            for lang, text, doc, pos in recs:
                if lang == "!":
                    print("skip", text, file=sys.stderr)
                    continue
                # English msgids repeat in every language's catalogue: keep the first only.
                h = hashlib.blake2b(("%s\t%s" % (lang, key(text)) if lang == "en" else
                                     "%s\t%s\t%s" % (lang, doc, key(text))).encode(), digest_size=12).digest()
                if h in seen:
                    continue
                seen.add(h)
                out.write(json.dumps({"lang": lang, "text": text, "doc": doc, "pos": pos}, ensure_ascii=False) + "\n")
                n += 1
    os.replace(out_path + ".tmp", out_path)
    print("extract: %d records" % n, file=sys.stderr)


def doc_hash(lang, doc):
    return hashlib.sha1(("%s/%s" % (lang, doc)).encode()).hexdigest()


def tokens(text):
    """Whitespace tokens with surrounding punctuation removed; digits-only tokens dropped."""
    out = []
    for t in text.split():
        t = t.strip(".,;:!?¿¡()[]{}<>\"'«»“”„‘’…-–—/|*·、。，！？：；「」『』（）")
        if t and letters(t) == len(t) and not any(c.isdigit() for c in t):
            out.append(t)
    return out


def nospace_runs(text):
    """Maximal runs of no-space-script characters (Han, kana, Thai, ...) of a text."""
    runs, cur = [], []
    for ch in text:
        if NOSPACE.match(ch):
            cur.append(ch)
        else:
            if cur:
                runs.append("".join(cur))
            cur = []
    if cur:
        runs.append("".join(cur))
    return runs


def chunk(rng, text, lang, lo, hi):
    """A word (lo=hi=1) or phrase (2-4 words) from text; for no-space scripts a run of
    lo*2..hi*2+... characters: word = 2-4 characters, phrase = 5-10 characters."""
    if lang in NOSPACE_LANGS:
        clo, chi = (2, 4) if hi == 1 else (5, 10)
        runs = [r for r in nospace_runs(text) if len(r) >= clo]
        if not runs:
            return None
        r = rng.choice(runs)
        n = rng.randint(clo, min(chi, len(r)))
        i = rng.randint(0, len(r) - n)
        j = i + n
        # never cut inside a cluster: no leading combining mark (Thai vowels, tone marks), and
        # the marks that follow the last character stay with it
        while i < j and unicodedata.category(r[i]).startswith("M"):
            i += 1
        while j < len(r) and unicodedata.category(r[j]).startswith("M"):
            j += 1
        return r[i:j] if j - i >= clo else None
    toks = tokens(text)
    if hi == 1:
        toks = [t for t in toks if len(t) >= 3]
        return rng.choice(toks) if toks else None
    if len(toks) < lo:
        return None
    n = rng.randint(lo, min(hi, len(toks)))
    i = rng.randint(0, len(toks) - n)
    return " ".join(toks[i:i + n])


def select(extracted, out_dir, covered):
    by_lang = collections.defaultdict(list)
    with open(extracted, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            text = BOILERPLATE.sub("", r["text"])
            if text:
                by_lang[r["lang"]].append((r["doc"], r["pos"], text))
    en_keys = {key(t) for _, _, t in by_lang.get("en", [])}
    # labels claiming each key (after script and English filtering)
    clean = {}
    owners = collections.defaultdict(set)
    drops = collections.Counter()
    for lang in sorted(by_lang):
        kept = []
        for doc, pos, text in sorted(by_lang[lang]):
            k = key(text)
            if not k:
                continue
            if not script_ok(lang, text):
                drops[lang, "script"] += 1
                continue
            if lang != "en" and k in en_keys:
                drops[lang, "english"] += 1
                continue
            kept.append((doc, pos, text, k))
            owners[k].add(lang)
        clean[lang] = kept
    counts = []
    for lang in sorted(clean):
        recs = [r for r in clean[lang] if len(owners[r[3]]) == 1]
        drops[lang, "conflict"] = len(clean[lang]) - len(recs)
        clean[lang] = recs
        uniq = {r[3]: r[2] for r in recs}
        sent = sum(1 for t in uniq.values() if is_sentence_like(t))
        counts.append((lang, len(uniq), sent))
    counts.sort(key=lambda c: -c[2])
    with open(os.path.join(out_dir, "counts.tsv"), "w") as f:
        f.write("lang\tunique_strings\tsentence_like\tdropped_script\tdropped_english\tdropped_conflict\tcovered\n")
        for lang, u, s in counts:
            f.write("%s\t%d\t%d\t%d\t%d\t%d\t%s\n" % (lang, u, s, drops[lang, "script"], drops[lang, "english"],
                                                      drops[lang, "conflict"], "yes" if lang in covered else ""))
    sent_count = {l: s for l, _, s in counts}
    missing = [l for l in covered if sent_count.get(l, 0) < MIN_SENTENCES]
    if missing:
        print("WARNING: too little data, dropped from covered: %s" % " ".join(missing), file=sys.stderr)
        covered = [l for l in covered if l not in missing]

    heldout, train, stats = [], [], []
    for lang in covered:
        rng = random.Random("%d/%s" % (SEED, lang))
        recs = clean[lang]
        docs = collections.defaultdict(list)
        for doc, pos, text, k in recs:
            docs[doc].append((pos, text, k))
        doc_sent = {d: len({k for _, t, k in v if is_sentence_like(t)}) for d, v in docs.items()}
        target = min(HELDOUT_SENTENCES, int(HELDOUT_SHARE * sent_count[lang]))
        held_docs, cur = set(), 0
        for d in sorted(docs, key=lambda d: doc_hash(lang, d)):
            if cur >= target:
                break
            if doc_sent[d] == 0 or (cur and cur + doc_sent[d] > 1.3 * target):
                continue
            held_docs.add(d)
            cur += doc_sent[d]
        held_keys = {k for d in held_docs for _, _, k in docs[d]}
        # held-out sentences, per document in order, deduplicated
        seen, held_by_doc = set(), []
        for d in sorted(held_docs):
            seq = []
            for pos, text, k in sorted(docs[d]):
                if k in seen or not is_sentence_like(text) or len(text) > 300:
                    continue
                seen.add(k)
                seq.append(text)
            if seq:
                held_by_doc.append((d, seq))
        # sentence bucket: a sample of all held-out sentences; paragraphs from the others
        allsent = [(d, i, t) for d, seq in held_by_doc for i, t in enumerate(seq)]
        rng.shuffle(allsent)
        sent_pick = allsent[:PER_BUCKET]
        used = {(d, i) for d, i, _ in sent_pick}
        paras = []
        joiner = "" if lang in ("zh-Hans", "zh-Hant", "ja") else " "
        for d, seq in held_by_doc:
            i = 0
            while i < len(seq):
                n = rng.randint(3, 5)
                group = [(j, seq[j]) for j in range(i, min(i + n, len(seq))) if (d, j) not in used]
                if len(group) >= 3:
                    paras.append((d, joiner.join(t for _, t in group)))
                i += n
        rng.shuffle(paras)
        para_pick = paras[:PER_BUCKET]
        items = [(t, "sentence", d) for d, _, t in sent_pick] + [(t, "paragraph", d) for d, t in para_pick]
        for bucket, lo, hi in (("word", 1, 1), ("phrase", 2, 4)):
            got, tried = set(), 0
            for d, _, t in allsent:
                if len(got) >= PER_BUCKET or tried > 20 * PER_BUCKET:
                    break
                tried += 1
                c = chunk(rng, t, lang, lo, hi)
                if c and key(c) not in got:
                    got.add(key(c))
                    items.append((c, bucket, d))
        held_text_keys = {key(t) for t, _, _ in items}
        for t, b, d in items:
            heldout.append({"text": t, "label": lang, "length": b, "source": d})
        # training pool: not in a held-out document, never equal to a held-out text
        seen, long_, short = set(), [], []
        for doc, pos, text, k in recs:
            if doc in held_docs or k in held_keys or k in held_text_keys or k in seen:
                continue
            seen.add(k)
            (long_ if is_sentence_like(text) else short).append(text)
        rng.shuffle(long_)
        rng.shuffle(short)
        n_short = min(len(short), int(SHORT_SHARE * TRAIN_CAP), max(0, TRAIN_CAP - len(long_)) + int(SHORT_SHARE * TRAIN_CAP))
        n_long = min(len(long_), TRAIN_CAP - n_short)
        lines = long_[:n_long] + short[:n_short]
        train.extend({"text": t, "label": lang} for t in lines)
        bc = collections.Counter(it[1] for it in items)
        stats.append((lang, n_long, n_short, len(held_docs), len(docs), cur,
                      bc["word"], bc["phrase"], bc["sentence"], bc["paragraph"]))
        print("%-8s train %6d (+%5d short)  held-out docs %4d/%5d sent %5d  w/p/s/p %d/%d/%d/%d" % stats[-1],
              file=sys.stderr, flush=True)
    random.Random(SEED).shuffle(train)
    with open(os.path.join(out_dir, "train.jsonl"), "w", encoding="utf-8") as f:
        for r in train:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    with open(os.path.join(out_dir, "heldout.jsonl"), "w", encoding="utf-8") as f:
        for i, r in enumerate(heldout):  # "id" = line index, so Quarry's output can be joined back
            f.write(json.dumps(dict(id=str(i), **r), ensure_ascii=False) + "\n")
    with open(os.path.join(out_dir, "split_stats.tsv"), "w") as f:
        f.write("lang\ttrain_sentencelike\ttrain_short\theldout_docs\tdocs\theldout_sentences\tword\tphrase\tsentence\tparagraph\n")
        for s in stats:
            f.write("\t".join(str(x) for x in s) + "\n")
    print("train %d lines, held-out %d items, %d languages" % (len(train), len(heldout), len(stats)), file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, help="output directory (train.jsonl, heldout.jsonl, ...)")
    ap.add_argument("--work", help="work directory for .deb files and extracted trees")
    ap.add_argument("--download", action="store_true", help="apt-get download + dpkg-deb -x into --work")
    ap.add_argument("--trees", nargs="*", help="already extracted trees (one folder per package)")
    ap.add_argument("--reuse", action="store_true", help="reuse OUT/extracted.jsonl")
    ap.add_argument("--procs", type=int, default=2)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    extracted = os.path.join(a.out, "extracted.jsonl")
    if not (a.reuse and os.path.exists(extracted)):
        if a.download:
            roots = sources.download(a.work)
        elif a.trees:
            roots = a.trees
        elif a.work:
            roots = [os.path.join(a.work, "x"), os.path.join(a.work, "x2")]
        else:
            ap.error("give --download --work DIR, --work DIR, --trees or --reuse")
        extract(sorted(roots), extracted, a.procs)
    select(extracted, a.out, COVERED)


if __name__ == "__main__":
    main()

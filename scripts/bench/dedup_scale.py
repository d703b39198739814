#!/usr/bin/env python3
"""The scale run of issue #5 (deliverable 2): `quarry dedup` on at least 5 million synthetic
documents with its memory bounded by --memory, and the planted near-duplicates found.

  generate   writes DIR/scale-NNN.jsonl.zst (--shards files, --docs documents in all) and
             DIR/planted.tsv (id, cluster of every planted document), streamed: memory holds
             one chunk of documents and the word arrays of the originals, never the corpus.
  run        `quarry dedup --input DIR/*.jsonl.zst --output OUT --mode annotate --memory M`
             (--workers, default all cores) under /usr/bin/time -v; samples the process's
             VmRSS every 0.5 s from /proc/PID/status and reads VmHWM (its peak resident set);
             reports wall, user + system CPU seconds, peak RSS, then scores OUT against
             planted.tsv.
  score      only the scoring of an annotate output directory.

Documents: --min-words..--max-words (60..150, uniform) words drawn independently from a Zipfian
vocabulary (VOCABULARY made-up lowercase words, P(rank k) ~ 1/k^ZIPF_S). Two unrelated documents
share almost no word 5-gram. Planted clusters: --originals documents (chosen at random among
the first 90% of positions) each get variants placed at random later positions (often in
another shard); a variant is its original with EDITS_MIN..EDITS_MAX single-word edits
(substitution, insertion or deletion, equal chance) and, with probability TRUNCATE_P, its last
5-10% of words cut. --variants in all (default 10% of --docs), each drawn from a random original.
For one variant in JACCARD_SAMPLE (5) the exact Jaccard similarity of its word 5-gram set with its
original's is computed, so the recall the 14 x 8 LSH S-curve predicts, mean of 1-(1-J^8)^14, is known.

Scoring (pairwise, as scripts/reference/neardup_score.py): a document whose metadata has
`duplicate_of` is in that representative's cluster; precision = true pairs among predicted
pairs, recall = predicted among true (planted) pairs. Only lines containing "duplicate_of" are
parsed. Standard library plus numpy, zstandard and orjson (the venv of
scripts/reference/requirements-dedup.txt).

  .venv-ref/bin/python scripts/bench/dedup_scale.py generate /work/dedup-scratch/scale
  .venv-ref/bin/python scripts/bench/dedup_scale.py run /work/dedup-scratch/scale --quarry BIN --memory 4G
  .venv-ref/bin/python scripts/bench/dedup_scale.py run /work/dedup-scratch/scale --quarry BIN --memory 1G
"""

import argparse
import collections
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time

VOCABULARY = 60_000  # distinct words
ZIPF_S = 1.05  # Zipf exponent of word frequencies (English text is close to 1)
EDITS_MIN, EDITS_MAX = 1, 2  # single-word edits per variant
TRUNCATE_P = 0.2  # chance that a variant also loses its last 5-10% of words
CHUNK = 50_000  # documents generated at once
JACCARD_SAMPLE = 5  # the exact Jaccard of one variant in 5 (for the expected recall; it costs time)
NGRAM, BANDS, ROWS = 5, 14, 8


def make_vocabulary(rng):
    """VOCABULARY distinct made-up words of 2-4 syllables, as bytes."""
    onsets = [b"", b"b", b"c", b"d", b"f", b"g", b"h", b"k", b"l", b"m", b"n", b"p", b"r", b"s", b"t", b"v",
              b"w", b"z", b"br", b"ch", b"st", b"tr", b"pl", b"sh"]
    vowels = [b"a", b"e", b"i", b"o", b"u", b"ai", b"ea", b"ou"]
    words, seen = [], set()
    while len(words) < VOCABULARY:
        n = int(rng.integers(1, 4))
        w = b"".join(onsets[int(rng.integers(len(onsets)))] + vowels[int(rng.integers(len(vowels)))] for _ in range(n))
        if w not in seen:
            seen.add(w)
            words.append(w)
    return words


def ngram_keys(words):
    """64-bit keys of the word 5-grams of an int array (a polynomial of the word ranks)."""
    import numpy as np

    w = words.astype(np.uint64)
    if len(w) < NGRAM:
        return np.zeros(0, dtype=np.uint64)
    key = np.zeros(len(w) - NGRAM + 1, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(NGRAM):
            key = key * np.uint64(1_000_003) + w[k:len(w) - NGRAM + 1 + k]
    return np.unique(key)


def jaccard(a, b):
    import numpy as np

    ka, kb = ngram_keys(a), ngram_keys(b)
    inter = len(np.intersect1d(ka, kb, assume_unique=True))
    union = len(ka) + len(kb) - inter
    return inter / union if union else 1.0


def make_variant(words, rng):
    import numpy as np

    w = list(words)
    for _ in range(int(rng.integers(EDITS_MIN, EDITS_MAX + 1))):
        op = int(rng.integers(3))
        i = int(rng.integers(len(w)))
        if op == 0:
            w[i] = (w[i] + 1 + int(rng.integers(VOCABULARY - 1))) % VOCABULARY  # a different word
        elif op == 1:
            w.insert(i, int(rng.integers(VOCABULARY)))
        elif len(w) > NGRAM + 1:
            del w[i]
    if rng.random() < TRUNCATE_P:
        w = w[: max(NGRAM, int(len(w) * (1 - rng.uniform(0.05, 0.10))))]
    return np.array(w, dtype=np.int32)


def generate(args):
    import numpy as np
    import zstandard

    free = shutil.disk_usage(os.path.dirname(os.path.abspath(args.dir)) or ".").free
    need = args.docs * 450  # compressed JSONL is about 300 bytes a document; the run writes as much again
    print(f"free disk {free / 1e9:.1f} GB; this input needs about {need / 1e9:.1f} GB", file=sys.stderr)
    if free < 4 * need:
        sys.exit("not enough free disk for the input, the run's work files and its output")
    os.makedirs(args.dir, exist_ok=True)
    for stale in glob.glob(os.path.join(args.dir, "scale-*.jsonl.zst")):
        os.remove(stale)

    rng = np.random.default_rng(args.seed)
    vocab = make_vocabulary(rng)
    vocab_arr = np.array(vocab, dtype=object)
    ranks = np.arange(1, VOCABULARY + 1, dtype=np.float64)
    p = 1.0 / ranks ** ZIPF_S
    cdf = np.cumsum(p / p.sum())

    n, n_var = args.docs, args.variants if args.variants is not None else args.docs // 10
    # the plan: which positions are variants, which positions are originals, and each variant's original
    positions = rng.permutation(n)
    originals = np.sort(positions[: args.originals])
    originals = originals[originals < int(n * 0.9)]
    rest = np.sort(positions[args.originals:])
    variant_pos = np.sort(rng.choice(rest[rest > originals[0]], size=n_var, replace=False))
    # each variant: a random original placed before it
    upper = np.searchsorted(originals, variant_pos)  # originals[:upper] are before the variant
    variant_of = originals[(rng.random(n_var) * upper).astype(np.int64)]
    variant_at = dict(zip(variant_pos.tolist(), variant_of.tolist()))
    needed = set(variant_of.tolist())  # originals that really get a variant: keep their words
    last_use = {}
    for v, o in zip(variant_pos.tolist(), variant_of.tolist()):
        last_use[o] = v

    per_shard = -(-n // args.shards)
    cctx = zstandard.ZstdCompressor(level=3)
    kept_words = {}
    planted = open(os.path.join(args.dir, "planted.tsv"), "w")
    jaccards, planted_variants = [], []
    out, shard, t0 = None, -1, time.time()
    written = 0
    vocab_len = np.array([len(w) for w in vocab], dtype=np.int64)
    for start in range(0, n, CHUNK):
        count = min(CHUNK, n - start)
        lengths = rng.integers(args.min_words, args.max_words + 1, size=count)
        idx = np.searchsorted(cdf, rng.random(int(lengths.sum())))
        idx = np.minimum(idx, VOCABULARY - 1).astype(np.int32)
        offsets = np.concatenate(([0], np.cumsum(lengths)))
        # the whole chunk's words joined once; document k is a slice of it
        big = b" ".join(vocab_arr[idx].tolist())
        byte_at = np.concatenate(([0], np.cumsum(vocab_len[idx] + 1))).tolist()
        starts, ends = offsets[:-1].tolist(), offsets[1:].tolist()
        lines = []
        for k in range(count):
            pos = start + k
            if pos // per_shard != shard:
                if out:
                    out.write(cctx.compress(b"".join(lines)))
                    lines = []
                    out.close()
                shard = pos // per_shard
                out = open(os.path.join(args.dir, f"scale-{shard:03d}.jsonl.zst"), "wb")
            if pos in variant_at:
                o = variant_at.pop(pos)
                words = make_variant(kept_words[o], rng)
                if len(planted_variants) % JACCARD_SAMPLE == 0:
                    jaccards.append(jaccard(words, kept_words[o]))
                planted_variants.append(pos)
                planted.write(f"s{pos:08d}\ts{o:08d}\n")
                if last_use[o] == pos:
                    del kept_words[o]
                text = b" ".join(vocab_arr[words].tolist())
            else:
                if pos in needed:
                    kept_words[pos] = idx[starts[k]:ends[k]].copy()
                    planted.write(f"s{pos:08d}\ts{pos:08d}\n")
                text = big[byte_at[starts[k]]:byte_at[ends[k]] - 1]
            lines.append(b'{"id":"s%08d","text":"%s"}\n' % (pos, text))
            written += 1
        # one zstd frame per chunk; a .zst file of several frames is one stream to every reader
        out.write(cctx.compress(b"".join(lines)))
        if start // CHUNK % 4 == 0:
            print(f"  {written:,} documents, {time.time() - t0:.0f} s", file=sys.stderr)
    out.close()
    planted.close()

    def s_curve(j):
        return 1 - (1 - j ** ROWS) ** BANDS

    summary = {"documents": written, "shards": args.shards, "variants": n_var, "originals_with_variants": len(needed),
               "planted_documents": n_var + len(needed), "seed": args.seed,
               "words": [args.min_words, args.max_words], "vocabulary": VOCABULARY, "zipf_s": ZIPF_S,
               "edits": [EDITS_MIN, EDITS_MAX], "truncate_p": TRUNCATE_P,
               "variants_with_exact_jaccard": len(jaccards),
               "variant_jaccard_mean": round(float(np.mean(jaccards)), 4),
               "variant_jaccard_min": round(float(np.min(jaccards)), 4),
               "expected_recall_of_variant_original_pairs": round(float(np.mean([s_curve(j) for j in jaccards])), 4),
               "bytes_on_disk": sum(os.path.getsize(f) for f in glob.glob(os.path.join(args.dir, "scale-*.jsonl.zst"))),
               "seconds": round(time.time() - t0, 1)}
    with open(os.path.join(args.dir, "summary.json"), "w") as f:
        json.dump(summary, f, indent=2)
    print(json.dumps(summary, indent=2))


def read_lines(path):
    """Lines of a .jsonl, .jsonl.zst or .jsonl.gz file, as bytes, streamed."""
    import io

    if path.endswith(".zst"):
        import zstandard

        with open(path, "rb") as raw:
            yield from io.BufferedReader(zstandard.ZstdDecompressor().stream_reader(raw, read_across_frames=True))
    elif path.endswith(".gz"):
        import gzip

        with gzip.open(path, "rb") as f:
            yield from f
    else:
        with open(path, "rb") as f:
            yield from f


def score(output, planted_path):
    import orjson

    truth = {}
    with open(planted_path) as f:
        for line in f:
            doc, cluster = line.rstrip("\n").split("\t")
            truth[doc] = cluster
    files = [output] if os.path.isfile(output) else sorted(
        f for f in glob.glob(os.path.join(output, "**", "*.jsonl*"), recursive=True) if not os.path.basename(f).startswith("."))
    files = [f for f in files if not f.endswith(".run") and "/dedup/" not in f and "/rejects" not in f]
    predicted, documents = {}, 0
    for path in files:
        for line in read_lines(path):
            documents += 1
            if b"duplicate_of" in line:
                d = orjson.loads(line)
                rep = (d.get("metadata") or {}).get("duplicate_of")
                if rep:
                    predicted[d["id"]] = rep
                    predicted.setdefault(rep, rep)
    members = set(truth) | set(predicted)
    both = collections.Counter((truth.get(d, d), predicted.get(d, d)) for d in members)
    t_sizes = collections.Counter(truth.values())
    p_sizes = collections.Counter(predicted.values())

    def pairs(sizes):
        return sum(k * (k - 1) // 2 for k in sizes)

    tp, tpairs, ppairs = pairs(both.values()), pairs(t_sizes.values()), pairs(p_sizes.values())
    precision = tp / ppairs if ppairs else 1.0
    recall = tp / tpairs if tpairs else 1.0
    # the recall of (variant, original) pairs, comparable with the generator's S-curve expectation
    found = sum(1 for d, c in truth.items() if d != c and predicted.get(d, d) == predicted.get(c, c))
    variants = sum(1 for d, c in truth.items() if d != c)
    return {"documents_read": documents, "files": len(files), "true_pairs": tpairs, "predicted_pairs": ppairs,
            "true_positive_pairs": tp, "precision": round(precision, 5), "recall": round(recall, 5),
            "f1": round(2 * precision * recall / (precision + recall), 5) if precision + recall else 0.0,
            "variant_original_recall": round(found / variants, 5) if variants else None,
            "predicted_documents_in_clusters": len(predicted)}


def sample_rss(pid, samples, stop):
    """Appends (seconds, VmRSS kB, VmHWM kB) of pid every 0.5 s until stop is set."""
    t0 = time.time()
    while not stop.is_set():
        try:
            with open(f"/proc/{pid}/status") as f:
                status = f.read()
        except OSError:
            return
        rss = re.search(r"VmRSS:\s+(\d+)", status)
        hwm = re.search(r"VmHWM:\s+(\d+)", status)
        if rss and hwm:
            samples.append((round(time.time() - t0, 1), int(rss.group(1)), int(hwm.group(1))))
        stop.wait(0.5)


def run(args):
    out = args.output or os.path.join(args.dir, f"out-{args.memory}")
    for stale in (out, out + ".run"):
        if os.path.isdir(stale):
            shutil.rmtree(stale)
    inputs = sorted(glob.glob(os.path.join(args.dir, "scale-*.jsonl.zst")))
    cmd = [args.quarry, "dedup", "--input", *inputs, "--output", out, "--mode", "annotate",
           "--memory", args.memory, "--fresh"] + (["--workers", str(args.workers)] if args.workers else [])
    timing = os.path.join(args.dir, f"time-{args.memory}.txt")
    print(" ".join(cmd[:3]) + f" <{len(inputs)} files> " + " ".join(cmd[3 + len(inputs):]), file=sys.stderr)
    t0 = time.time()
    proc = subprocess.Popen(["/usr/bin/time", "-v", "-o", timing] + cmd, stdout=subprocess.DEVNULL,
                            stderr=open(os.path.join(args.dir, f"log-{args.memory}.txt"), "w"))
    # /usr/bin/time forks quarry: sample the quarry child
    child = None
    while child is None and proc.poll() is None:
        try:
            with open(f"/proc/{proc.pid}/task/{proc.pid}/children") as f:
                kids = f.read().split()
            child = int(kids[0]) if kids else None
        except OSError:
            pass
        time.sleep(0.05)
    samples, stop = [], threading.Event()
    sampler = threading.Thread(target=sample_rss, args=(child, samples, stop)) if child else None
    if sampler:
        sampler.start()
    rc = proc.wait()
    stop.set()
    if sampler:
        sampler.join()
    wall = time.time() - t0
    with open(timing) as f:
        timing_text = f.read()

    def field(name):
        m = re.search(re.escape(name) + r":\s+([\d.:]+)", timing_text)
        return m.group(1) if m else None

    user, system = float(field("User time (seconds)") or 0), float(field("System time (seconds)") or 0)
    peak_kb = int(field("Maximum resident set size (kbytes)") or 0)
    result = {"command": " ".join(cmd[:3]) + " " + os.path.join(args.dir, "scale-*.jsonl.zst") + " "
                         + " ".join(cmd[3 + len(inputs):]),
              "exit": rc, "memory": args.memory, "wall_seconds": round(wall, 1), "user_seconds": user,
              "system_seconds": system, "cpu_seconds": round(user + system, 1),
              "peak_rss_mb_time_v": round(peak_kb / 1024, 1),
              "peak_rss_mb_vmhwm_sampled": round(max((s[2] for s in samples), default=0) / 1024, 1),
              "rss_samples": len(samples), "load_average": os.getloadavg()}
    if rc == 0:
        result["work_bytes"] = sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(out + ".run" if os.path.isdir(out + ".run") else out) for f in fs)
        result["score"] = score(out, os.path.join(args.dir, "planted.tsv"))
        summary = os.path.join(args.dir, "summary.json")
        if os.path.exists(summary):
            with open(summary) as f:
                result["documents"] = json.load(f)["documents"]
                result["docs_per_cpu_s"] = round(result["documents"] / result["cpu_seconds"], 1)
    with open(os.path.join(args.dir, f"result-{args.memory}.json"), "w") as f:
        json.dump({**result, "rss_timeline": samples[:: max(1, len(samples) // 200)]}, f, indent=2)
    print(json.dumps(result, indent=2))
    return 0 if rc == 0 else 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="command", required=True)
    g = sub.add_parser("generate")
    g.add_argument("dir")
    g.add_argument("--docs", type=int, default=5_000_000)
    g.add_argument("--shards", type=int, default=8)
    g.add_argument("--originals", type=int, default=300_000)
    g.add_argument("--variants", type=int, help="variant documents (default: 10%% of --docs)")
    g.add_argument("--min-words", type=int, default=60)
    g.add_argument("--max-words", type=int, default=150)
    g.add_argument("--seed", type=int, default=5)
    r = sub.add_parser("run")
    r.add_argument("dir")
    r.add_argument("--quarry", required=True)
    r.add_argument("--memory", default="4G")
    r.add_argument("--workers", type=int)
    r.add_argument("--output", help="default: DIR/out-<memory>")
    s = sub.add_parser("score")
    s.add_argument("dir")
    s.add_argument("output")
    args = ap.parse_args()
    if args.command == "generate":
        generate(args)
    elif args.command == "run":
        return run(args)
    else:
        print(json.dumps(score(args.output, os.path.join(args.dir, "planted.tsv")), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Scores near-duplicate detection against the labeled set of scripts/reference/neardup_set.py
(issue #5, deliverable 5): Quarry's `quarry dedup --mode annotate`, datasketch's MinHashLSH and
datatrove's four minhash stages, on the same documents, with the same word 5-gram shingles
and the same number of permutations (14 bands x 8 rows = 112).

  .venv-ref/bin/python scripts/reference/neardup_score.py /work/dedup-scratch/neardup \\
      --quarry .build/release/quarry            # runs `quarry dedup` itself, or
      --quarry-output ANNOTATED.jsonl           # scores an annotate run made beforehand

Systems (each gives predicted clusters):
- quarry: `quarry dedup --input set.jsonl --output OUT.jsonl --mode annotate` (defaults: word
  5-grams, 14 bands x 8 rows, no verification). A document whose metadata has `duplicate_of`
  belongs to the cluster of that representative; any other document to its own.
- datasketch 1.6.5: `MinHash(num_perm=112, seed=1, hashfunc=xxh64)` updated with the document's
  shingle strings, all inserted in `MinHashLSH(num_perm=112, params=(14, 8))`; each document
  is then queried and joined (union-find) with every document the query returns. Shingles:
  scripts/reference/neardup_set.py `shingle_strings` — datatrove 0.10.1's simplify_text
  (lowercase, digits to 0, punctuation to spaces, whitespace collapsed, diacritics removed)
  re-written there, then words split at spaces, every 5 consecutive words joined by a space
  (checked identical to datatrove's simplify_text on the whole corpus with --check-simplify).
- datatrove 0.10.1: JsonlReader -> MinhashDedupSignature (1 task), MinhashDedupBuckets (14
  tasks, one per bucket), MinhashDedupCluster(save_cluster_id=True) with
  MinhashConfig(n_grams=5, num_buckets=14, hashes_per_bucket=8) (its defaults otherwise: seed
  1, 64-bit xxhash, its own simplify_text then spaCy's blank English tokenizer), run locally
  with LocalPipelineExecutor(workers=1). Clusters come from the stage 3 output
  `000000.clusters`: (document index in the task's input, cluster id) for every document that
  has at least one match; documents not listed are singletons. (The stage 4 filter would only
  drop the non-representatives, which loses who was merged with whom.)
- exact_jaccard_0.72 (reference, no sketch): union-find over every pair whose exact Jaccard
  similarity of shingle sets is at least 0.72 ~ (1/14)^(1/8), the middle of the 14x8 S-curve.

Metrics: pairwise precision = true pairs among predicted pairs (two documents in one predicted
cluster), recall = predicted among true pairs (two documents in one labeled cluster), F1.
Per variant kind: recall of (variant, its original) pairs. `false_merges`: labeled singletons
(distractors) that were put in a predicted cluster of two or more.

Run it in the venv of scripts/reference/requirements-dedup.txt (datasketch 1.6.5 and datatrove
0.10.1 pinned there). Prints a table; --json FILE also writes the figures.
"""

import argparse
import collections
import contextlib
import json
import os
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from neardup_set import NGRAM, UnionFind, jaccard_pairs, shingle_set, shingle_strings  # noqa: E402

BANDS, ROWS = 14, 8  # LSH bands x rows per band: 112 permutations, as FineWeb and Quarry's defaults


def load(directory):
    docs, labels = [], {}
    with open(os.path.join(directory, "set.jsonl"), encoding="utf-8") as f:
        docs = [json.loads(line) for line in f if line.strip()]
    with open(os.path.join(directory, "labels.jsonl"), encoding="utf-8") as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                labels[r["id"]] = r
    return docs, labels


def clusters_from_union(ids, pairs):
    uf = UnionFind(len(ids))
    for a, b in pairs:
        uf.union(a, b)
    return {ids[i]: ids[uf.find(i)] for i in range(len(ids))}


# --- systems -------------------------------------------------------------------------------

def run_quarry(quarry, set_path, scratch, extra):
    out = os.path.join(scratch, "quarry-annotate-" + "-".join(a.strip("-").replace("=", "") for a in extra) + ".jsonl")
    for stale in (out, out + ".run"):
        if os.path.isdir(stale):
            shutil.rmtree(stale)
        elif os.path.exists(stale):
            os.remove(stale)
    cmd = [quarry, "dedup", "--input", set_path, "--output", out, "--mode", "annotate", "--fresh"] + extra
    print("  " + " ".join(cmd), file=sys.stderr)
    subprocess.run(cmd, check=True)
    return out


def quarry_clusters(annotated):
    predicted = {}
    with open(annotated, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                predicted[d["id"]] = (d.get("metadata") or {}).get("duplicate_of") or d["id"]
    return predicted


def datasketch_clusters(docs, seed=1):
    import xxhash
    from datasketch import MinHash, MinHashLSH

    def xxh64(b):
        return xxhash.xxh64_intdigest(b)

    lsh = MinHashLSH(num_perm=BANDS * ROWS, params=(BANDS, ROWS))
    sketches = {}
    for d in docs:
        shingles = shingle_strings(d["text"], NGRAM)
        if not shingles:
            continue  # no 5-gram: never a duplicate (as datatrove and Quarry)
        m = MinHash(num_perm=BANDS * ROWS, seed=seed, hashfunc=xxh64)
        m.update_batch([s.encode("utf-8") for s in set(shingles)])
        sketches[d["id"]] = m
        lsh.insert(d["id"], m)
    ids = [d["id"] for d in docs]
    index = {i: n for n, i in enumerate(ids)}
    pairs = [(index[i], index[j]) for i, m in sketches.items() for j in lsh.query(m) if j != i]
    return clusters_from_union(ids, pairs)


def datatrove_clusters(set_path, scratch, docs, seed=1):
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.dedup.minhash import (MinhashConfig, MinhashDedupBuckets, MinhashDedupCluster,
                                                  MinhashDedupSignature)
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.utils.binaryio import read_tuples_from_file

    work = os.path.join(scratch, "datatrove-score")
    if os.path.exists(work):
        shutil.rmtree(work)
    cfg = MinhashConfig(n_grams=NGRAM, num_buckets=BANDS, hashes_per_bucket=ROWS, seed=seed)
    sig, buckets, clusters = (os.path.join(work, x) for x in ("signatures", "buckets", "clusters"))
    folder, name = os.path.split(os.path.abspath(set_path))
    stages = [
        ([JsonlReader(data_folder=folder, glob_pattern=name, text_key="text", id_key="id"),
          MinhashDedupSignature(output_folder=sig, config=cfg)], 1),
        ([MinhashDedupBuckets(input_folder=sig, output_folder=buckets, config=cfg)], cfg.num_buckets),
        ([MinhashDedupCluster(input_folder=buckets, output_folder=clusters, config=cfg, save_cluster_id=True)], 1),
    ]
    with contextlib.redirect_stdout(sys.stderr):
        for n, (pipeline, tasks) in enumerate(stages, 1):
            LocalPipelineExecutor(pipeline=pipeline, tasks=tasks, workers=1, skip_completed=False,
                                  logging_dir=os.path.join(work, f"logs{n}")).run()
    ids = [d["id"] for d in docs]  # the reader's document index = line number (no empty texts in the set)
    predicted = {i: i for i in ids}
    path = os.path.join(clusters, "000000.clusters")
    if os.path.exists(path):
        with open(path, "rb") as f:
            for doc, cluster in read_tuples_from_file(f, "2I"):
                predicted[ids[doc]] = f"dt-{cluster}"
    return predicted


def exact_jaccard_clusters(docs, threshold):
    ids = [d["id"] for d in docs]
    sets = [shingle_set(d["text"]) for d in docs]
    return clusters_from_union(ids, [(i, j) for i, j, _ in jaccard_pairs(sets, threshold)])


# --- metrics -------------------------------------------------------------------------------

def pairs_of(sizes):
    return sum(n * (n - 1) // 2 for n in sizes)


def score(predicted, labels):
    ids = list(labels)
    missing = [i for i in ids if i not in predicted]
    if missing:
        raise SystemExit(f"{len(missing)} labeled documents have no prediction (first: {missing[0]})")
    true_sizes = collections.Counter(labels[i]["cluster"] for i in ids)
    pred_sizes = collections.Counter(predicted[i] for i in ids)
    both = collections.Counter((labels[i]["cluster"], predicted[i]) for i in ids)
    tp, true_pairs, pred_pairs = pairs_of(both.values()), pairs_of(true_sizes.values()), pairs_of(pred_sizes.values())
    precision = tp / pred_pairs if pred_pairs else 1.0
    recall = tp / true_pairs if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    # per kind: is the variant in the same predicted cluster as its cluster's original?
    original_of = {labels[i]["cluster"]: i for i in ids if labels[i]["kind"] == "original"}
    found, total = collections.Counter(), collections.Counter()
    for i in ids:
        kind = labels[i]["kind"]
        if kind in ("original", "distractor", "distractor_boilerplate"):
            continue
        total[kind] += 1
        found[kind] += predicted[i] == predicted[original_of[labels[i]["cluster"]]]
    false_merges = sum(1 for i in ids if true_sizes[labels[i]["cluster"]] == 1 and pred_sizes[predicted[i]] > 1)
    return {"precision": precision, "recall": recall, "f1": f1, "true_pairs": true_pairs,
            "predicted_pairs": pred_pairs, "true_positive_pairs": tp, "false_merges": false_merges,
            "predicted_clusters": sum(1 for n in pred_sizes.values() if n > 1),
            "recall_by_kind": {k: found[k] / total[k] for k in sorted(total)}, "variants_by_kind": dict(total)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("set", help="directory written by neardup_set.py (set.jsonl, labels.jsonl)")
    ap.add_argument("--quarry", help="quarry binary: run `quarry dedup --mode annotate` on the set")
    ap.add_argument("--quarry-output", help="score this `quarry dedup --mode annotate` output instead of running it")
    ap.add_argument("--quarry-args", default="", help="extra arguments for quarry dedup (space separated)")
    ap.add_argument("--systems", default="quarry,datasketch,datatrove,exact_jaccard_0.72")
    ap.add_argument("--seeds", default="1", help="MinHash seeds for quarry and datasketch (comma separated): "
                    "the first is the headline row, F1 is also averaged over all")
    ap.add_argument("--datatrove-seeds", action="store_true", help="run datatrove with every seed too (slow)")
    ap.add_argument("--scratch", default="/work/dedup-scratch/score")
    ap.add_argument("--json", help="also write the figures here")
    args = ap.parse_args()

    docs, labels = load(args.set)
    os.makedirs(args.scratch, exist_ok=True)
    set_path = os.path.join(args.set, "set.jsonl")
    systems = args.systems.split(",")
    seeds = [int(x) for x in args.seeds.split(",")]
    results, versions = {}, {}
    for system in systems:
        t0 = time.perf_counter()
        print(f"{system} ...", file=sys.stderr)
        by_seed = {}
        for seed in (seeds if system in ("quarry", "datasketch") or system == "datatrove" and args.datatrove_seeds
                     else [seeds[0]]):
            if system == "quarry":
                annotated = args.quarry_output
                if not annotated:
                    if not args.quarry:
                        print("  skipped: give --quarry BIN or --quarry-output FILE", file=sys.stderr)
                        break
                    extra = args.quarry_args.split() + ["--option", f"seed={seed}"]
                    annotated = run_quarry(args.quarry, set_path, args.scratch, extra)
                predicted = quarry_clusters(annotated)
                versions[system] = "quarry dedup --mode annotate " + args.quarry_args
            elif system == "datasketch":
                from importlib.metadata import version
                predicted = datasketch_clusters(docs, seed)
                versions[system] = f"datasketch {version('datasketch')} MinHashLSH(num_perm=112, params=(14, 8))"
            elif system == "datatrove":
                from importlib.metadata import version
                predicted = datatrove_clusters(set_path, args.scratch, docs, seed)
                versions[system] = f"datatrove {version('datatrove')} minhash stages 1-3, MinhashConfig(5, 14, 8)"
            elif system.startswith("exact_jaccard_"):
                predicted = exact_jaccard_clusters(docs, float(system.rsplit("_", 1)[1]))
                versions[system] = "all pairs, exact Jaccard of shingle sets (no sketch)"
            else:
                raise SystemExit(f"unknown system {system}")
            by_seed[seed] = score(predicted, labels)
            if system == "quarry" and args.quarry_output:
                break  # one given output: one seed
        if not by_seed:
            continue
        first_seed = next(iter(by_seed))
        results[system] = by_seed[first_seed]
        results[system]["seed"] = first_seed if not system.startswith("exact") else None
        results[system]["f1_by_seed"] = {s_: round(r["f1"], 4) for s_, r in by_seed.items()}
        results[system]["f1_mean"] = sum(r["f1"] for r in by_seed.values()) / len(by_seed)
        results[system]["recall_by_kind_mean"] = {
            k: sum(r["recall_by_kind"][k] for r in by_seed.values()) / len(by_seed) for k in results[system]["recall_by_kind"]}
        results[system]["seconds"] = round(time.perf_counter() - t0, 1)
        results[system]["what"] = versions[system]

    if not results:
        return 1
    first = next(iter(results.values()))
    print(f"\n{len(labels)} documents, {first['true_pairs']} true pairs; pairwise scores "
          f"(word {NGRAM}-grams, {BANDS} bands x {ROWS} rows)")
    print(f"{'system':<20} {'precision':>9} {'recall':>7} {'F1':>7} {'pred pairs':>10} {'false merges':>12}"
          f"   F1 mean over seeds")
    for system, r in results.items():
        seeds_text = ", ".join(f"{v:.4f}" for v in r["f1_by_seed"].values())
        print(f"{system:<20} {r['precision']:>9.4f} {r['recall']:>7.4f} {r['f1']:>7.4f} "
              f"{r['predicted_pairs']:>10} {r['false_merges']:>12}   {r['f1_mean']:.4f} ({seeds_text})")
    kinds = list(first["recall_by_kind"])
    print(f"\nrecall of (variant, original) pairs by kind (mean over the seeds run)")
    print(f"{'kind':<34} {'n':>4} " + " ".join(f"{s[:12]:>12}" for s in results))
    for k in kinds:
        print(f"{k:<34} {first['variants_by_kind'][k]:>4} "
              + " ".join(f"{results[s]['recall_by_kind_mean'][k]:>12.3f}" for s in results))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"set": os.path.abspath(args.set), "results": results}, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())

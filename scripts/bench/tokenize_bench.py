#!/usr/bin/env python3
"""The tokenize benchmark of issue #8 (deliverable 4): byte-level BPE training and encoding, Quarry
side by side with Hugging Face tokenizers and tiktoken in the same run, on the extracted web sample.

For each pre-tokenizer split (GPT-2, and Llama-3 = the original cl100k pattern):
  training   a 32k vocabulary (special token <|endoftext|>, the full byte alphabet) on the same
             documents: `quarry tokenizer train` against tokenizers' BpeTrainer, wall seconds with
             one thread and with all cores (RAYON_NUM_THREADS), and whether both produced the same
             vocabulary and merges.
  encoding   the same documents with the tokenizer tokenizers trained: Quarry (`quarry-bench tokenize`,
             one TokenEncoder, CPU seconds; all cores: wall seconds), tiktoken built from the same
             merges (encode_ordinary per document, CPU seconds; encode_ordinary_batch with all
             threads, wall seconds) and tokenizers (encode_batch, RAYON_NUM_THREADS=1, CPU seconds;
             all threads, wall seconds; one round, as a round takes most of a minute). MB/s of UTF-8 text; medians of --repeat runs (each side
             takes the best of 3 rounds per run). The ids of every side are compared by count and
             SHA-256 of the little-endian uint32 ids.

  scripts/bench/run-all.sh tokenize [--docs DOCS] [--repeat 3] [--splits gpt2,llama3] [--vocab 32000] [--json OUT]
Needs: the extract benchmark's output (.bench/extract/quarry-extract.jsonl.zst) or --docs, release builds of
quarry and quarry-bench, and the venv .venv-tokenize (made here from requirements-tokenize.txt).
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.dirname(__file__))
from jsonl_bench import peer_setup, save_results  # noqa: E402
from pii_bench import prepare  # noqa: E402

# The regexes as tokenizers and tiktoken receive them (Sources/QuarryTokenizer/PreTokenizerSplit.swift).
GPT2_TIKTOKEN = r"""'(?:[sdmt]|ll|ve|re)| ?\p{L}++| ?\p{N}++| ?[^\s\p{L}\p{N}]++|\s++$|\s+(?!\S)|\s"""
LLAMA3 = r"""(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"""

PEER = r'''
import array, hashlib, json, os, resource, sys, time
mode, docs_path = sys.argv[1], sys.argv[2]
texts = [json.loads(line)["text"] for line in open(docs_path, encoding="utf-8")]
def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime
def digest(all_ids):
    h, n = hashlib.sha256(), 0
    for ids in all_ids:
        h.update(array.array("I", ids).tobytes())
        n += len(ids)
    return n, h.hexdigest()
def best(body, rounds=3):
    cpu_best = wall_best = 1e18
    for _ in range(rounds):
        c, w = cpu(), time.perf_counter()
        out = body()
        cpu_best, wall_best = min(cpu_best, cpu() - c), min(wall_best, time.perf_counter() - w)
    return out, cpu_best, wall_best
if mode == "train":
    from tokenizers import Tokenizer, Regex, decoders, models, pre_tokenizers, trainers
    split, vocab, out = sys.argv[3], int(sys.argv[4]), sys.argv[5]
    tok = Tokenizer(models.BPE())
    if split == "gpt2":
        tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True)
    else:
        tok.pre_tokenizer = pre_tokenizers.Sequence([pre_tokenizers.Split(Regex(sys.argv[6]), behavior="isolated"),
                                                     pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False)])
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=vocab, special_tokens=["<|endoftext|>"], show_progress=False,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    c, w = cpu(), time.perf_counter()
    tok.train_from_iterator(texts, trainer)
    seconds, cpu_seconds = time.perf_counter() - w, cpu() - c
    tok.save(out)
    print(json.dumps({"wall_seconds": seconds, "cpu_seconds": cpu_seconds}))
elif mode == "tokenizers":
    from tokenizers import Tokenizer
    tok = Tokenizer.from_file(sys.argv[3])
    # One round: at about 1 MB/s a round takes most of a minute, long enough to be stable.
    encodings, cpu_s, wall_s = best(lambda: tok.encode_batch(texts, add_special_tokens=False), rounds=1)
    n, sha = digest(e.ids for e in encodings)
    print(json.dumps({"tokens": n, "sha256": sha, "cpu_seconds": cpu_s, "wall_seconds": wall_s}))
elif mode == "tiktoken":
    import tiktoken
    tj = json.load(open(sys.argv[3], encoding="utf-8"))
    pattern, threads = sys.argv[4], int(sys.argv[5])
    # The byte-level alphabet (GPT-2 bytes_to_unicode), to read the vocabulary as bytes.
    keep = list(range(0x21, 0x7F)) + list(range(0xA1, 0xAD)) + list(range(0xAE, 0x100))
    char_byte, extra = {}, 0
    for b in range(256):
        if b in keep:
            char_byte[chr(b)] = b
        else:
            char_byte[chr(256 + extra)] = b
            extra += 1
    to_bytes = lambda s: bytes(char_byte[c] for c in s)
    vocab = tj["model"]["vocab"]
    # tiktoken merges the adjacent pair whose concatenation has the lowest rank; with ranks equal
    # to the ids of a trained vocabulary (bytes first, then merges in order) that is the same BPE.
    ranks = {}
    for token, i in vocab.items():
        if all(c in char_byte for c in token) and len(to_bytes(token)) == 1:
            ranks[to_bytes(token)] = i
    for merge in tj["model"]["merges"]:
        a, b = merge.split(" ", 1) if isinstance(merge, str) else merge
        ranks.setdefault(to_bytes(a) + to_bytes(b), vocab[a + b])
    enc = tiktoken.Encoding("quarry-bench", pat_str=pattern, mergeable_ranks=ranks,
                            special_tokens={t["content"]: t["id"] for t in tj.get("added_tokens", [])})
    ids, cpu_s, _ = best(lambda: [enc.encode_ordinary(t) for t in texts])
    n, sha = digest(ids)
    _, _, wall_s = best(lambda: enc.encode_ordinary_batch(texts, num_threads=threads))
    print(json.dumps({"tokens": n, "sha256": sha, "cpu_seconds": cpu_s, "wall_seconds": wall_s}))
'''


def run_json(cmd, env=None):
    out = subprocess.run(cmd, cwd=REPO, check=True, capture_output=True, text=True, env=env).stdout
    return json.loads(out.strip().splitlines()[-1])


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def quarry_train(quarry, docs, split, vocab, out, workers):
    c, w = children_cpu(), time.perf_counter()
    subprocess.run([quarry, "tokenizer", "train", "--input", docs, "--vocab-size", str(vocab), "--split", split,
                    "--special-token", "<|endoftext|>", "--workers", str(workers), "--output", out],
                   cwd=REPO, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - w, children_cpu() - c


def same_model(a, b):
    """Whether two tokenizer.json files have the same vocabulary, merges and added tokens."""
    ja, jb = (json.load(open(p, encoding="utf-8")) for p in (a, b))
    norm = lambda ms: [tuple(m.split(" ", 1)) if isinstance(m, str) else tuple(m) for m in ms]
    added = lambda j: [(t["id"], t["content"], t["special"]) for t in j.get("added_tokens", [])]
    return (ja["model"]["vocab"] == jb["model"]["vocab"] and norm(ja["model"]["merges"]) == norm(jb["model"]["merges"])
            and added(ja) == added(jb))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", default=os.path.join(REPO, ".bench", "extract", "quarry-extract.jsonl.zst"))
    ap.add_argument("--bench", default=os.path.join(REPO, ".build", "release", "quarry-bench"))
    ap.add_argument("--quarry", default=os.path.join(REPO, ".build", "release", "quarry"))
    ap.add_argument("--venv", default=os.path.join(REPO, ".venv-tokenize"))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--splits", default="gpt2,llama3")
    ap.add_argument("--vocab", type=int, default=32000)
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--json")
    args = ap.parse_args()
    python, scratch = peer_setup(args, "requirements-tokenize.txt", "tokenizers,tiktoken", "tokenize")
    docs, ndocs, megabytes = prepare(args.docs, scratch)
    one = dict(os.environ, RAYON_NUM_THREADS="1")
    many = dict(os.environ, RAYON_NUM_THREADS=str(args.threads))
    print(f"tokenize: {ndocs} documents, {megabytes:.1f} MB of text; vocabulary {args.vocab}; 1 thread and {args.threads}; "
          f"median of {args.repeat}")
    results = {"documents": ndocs, "megabytes": megabytes, "threads": args.threads, "training": [], "encoding": []}
    for split in args.splits.split(","):
        pattern = GPT2_TIKTOKEN if split == "gpt2" else LLAMA3
        hf_json = os.path.join(scratch, f"hf-{split}.json")
        quarry_json = os.path.join(scratch, f"quarry-{split}.json")
        train = {"quarry_1": [], "hf_1": [], "quarry_n": [], "hf_n": []}
        for _ in range(args.repeat):
            train["quarry_1"].append(quarry_train(args.quarry, docs, split, args.vocab, quarry_json, 1)[0])
            train["hf_1"].append(run_json([python, "-c", PEER, "train", docs, split, str(args.vocab), hf_json, LLAMA3], one)["wall_seconds"])
            train["quarry_n"].append(quarry_train(args.quarry, docs, split, args.vocab, quarry_json, args.threads)[0])
            train["hf_n"].append(run_json([python, "-c", PEER, "train", docs, split, str(args.vocab), hf_json, LLAMA3], many)["wall_seconds"])
        t = {k: statistics.median(v) for k, v in train.items()}
        same = same_model(quarry_json, hf_json)
        results["training"].append({"split": split, **t, "same_model": same})
        print(f"train {split:7} 1 thread: Quarry {t['quarry_1']:6.1f} s, tokenizers {t['hf_1']:6.1f} s ({t['hf_1'] / t['quarry_1']:.2f}x)   "
              f"{args.threads} threads: Quarry {t['quarry_n']:6.1f} s, tokenizers {t['hf_n']:6.1f} s ({t['hf_n'] / t['quarry_n']:.2f}x)   "
              f"same vocabulary and merges: {same}")
        enc = {"quarry_1": [], "quarry_n": [], "tiktoken_1": [], "tiktoken_n": [], "hf_1": [], "hf_n": []}
        digests = {}
        for _ in range(args.repeat):
            q = run_json([args.bench, "tokenize", hf_json, docs, "--threads", str(args.threads)])
            digests["quarry"] = (q["tokens"], q["sha256"])
            enc["quarry_1"].append(megabytes / q["cpu_seconds_1"])
            enc["quarry_n"].append(megabytes / q["wall_seconds_n"])
            tt = run_json([python, "-c", PEER, "tiktoken", docs, hf_json, pattern, str(args.threads)])
            digests["tiktoken"] = (tt["tokens"], tt["sha256"])
            enc["tiktoken_1"].append(megabytes / tt["cpu_seconds"])
            enc["tiktoken_n"].append(megabytes / tt["wall_seconds"])
            h1 = run_json([python, "-c", PEER, "tokenizers", docs, hf_json], one)
            hn = run_json([python, "-c", PEER, "tokenizers", docs, hf_json], many)
            digests["tokenizers"] = (h1["tokens"], h1["sha256"])
            enc["hf_1"].append(megabytes / h1["cpu_seconds"])
            enc["hf_n"].append(megabytes / hn["wall_seconds"])
        e = {k: statistics.median(v) for k, v in enc.items()}
        same_ids = len(set(digests.values())) == 1
        results["encoding"].append({"split": split, **e, "tokens": digests["quarry"][0], "same_ids": same_ids,
                                    "digests": {k: list(v) for k, v in digests.items()}})
        print(f"encode {split:7} MB/s, 1 thread: Quarry {e['quarry_1']:6.1f}, tiktoken {e['tiktoken_1']:6.1f} "
              f"({e['quarry_1'] / e['tiktoken_1']:.2f}x), tokenizers {e['hf_1']:6.1f} ({e['quarry_1'] / e['hf_1']:.1f}x)   "
              f"{args.threads} threads: Quarry {e['quarry_n']:6.1f}, tiktoken {e['tiktoken_n']:6.1f}, tokenizers {e['hf_n']:6.1f}   "
              f"{digests['quarry'][0]} tokens, identical ids on all three: {same_ids}")
    save_results("tokenize", results)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=2)


if __name__ == "__main__":
    main()

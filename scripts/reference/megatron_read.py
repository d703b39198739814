"""Reads Quarry's token shards with megatron-core's own IndexedDataset and compares them with
Quarry's {"id","ids"} JSONL output of the same documents (issue 8 item 5, interoperability).

For every shard listed in DIR/dataset.json, megatron-core 0.16.1's
megatron/core/datasets/indexed_dataset.py `IndexedDataset(prefix)` (mmap, and mmap=False)
opens the files; the script checks the dtype against dataset.json, `len(ds)`, the sequence
lengths, `document_indices == [0, 1, …, S]`, and that document i of the shards, in
dataset.json order, equals line i of the JSONL ids plus the EOS id (plus BOS first when
dataset.json says so). With --mask it also opens each shard's `.mask` data set and checks
dtype uint8 and the same lengths and document indices as the tokens (SFT shards).

megatron-core imports torch and its whole training stack from its package __init__ files;
like issue8-prep/shards/RECIPE.md recipe A, this script installs a minimal stand-in `torch`
module and empty package shells for megatron, megatron.core and megatron.core.datasets so
that only the real indexed_dataset.py (and the small modules it imports) run. No GPU, no torch.

usage:
  python3 -m venv /tmp/venv-megatron && /tmp/venv-megatron/bin/pip install --no-deps \
      -r scripts/reference/requirements-megatron.txt
  quarry tokenize --tokenizer T.json --input docs.jsonl --output /tmp/shards --shard-size 200K
  quarry tokenize --tokenizer T.json --input docs.jsonl --output /tmp/ids.jsonl --format jsonl
  /tmp/venv-megatron/bin/python scripts/reference/megatron_read.py --shards /tmp/shards --jsonl /tmp/ids.jsonl
Exit 0 and "… 0 mismatches" when every document and token agree.
"""
import argparse
import importlib
import importlib.util
import json
import os
import sys
import types

import numpy as np


def import_indexed_dataset():
    spec = importlib.util.find_spec("megatron")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("megatron-core is not installed: pip install --no-deps -r scripts/reference/requirements-megatron.txt")
    root = list(spec.submodule_search_locations)[0]
    if importlib.util.find_spec("torch") is None:
        torch = types.ModuleType("torch")
        torch.Tensor = type("Tensor", (), {})
        utils, data, dist = (types.ModuleType(n) for n in ("torch.utils", "torch.utils.data", "torch.distributed"))
        data.Dataset = type("Dataset", (), {})
        dist.is_initialized = lambda: False
        dist.get_rank = lambda: 0
        torch.utils, utils.data, torch.distributed = utils, data, dist
        sys.modules.update({"torch": torch, "torch.utils": utils, "torch.utils.data": data, "torch.distributed": dist})
    for name, sub in (("megatron", ""), ("megatron.core", "core"), ("megatron.core.datasets", "core/datasets")):
        shell = types.ModuleType(name)
        shell.__path__ = [os.path.join(root, sub)]
        sys.modules[name] = shell
    core_utils = types.ModuleType("megatron.core.utils")
    core_utils.log_single_rank = lambda logger, *args, rank=0, **kw: logger.log(*args, **kw)
    sys.modules["megatron.core.utils"] = core_utils
    return importlib.import_module("megatron.core.datasets.indexed_dataset")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shards", required=True, help="Quarry shard directory with dataset.json")
    ap.add_argument("--jsonl", help="Quarry --format jsonl output of the same input ({\"id\",\"ids\"} lines)")
    ap.add_argument("--part", default="train")
    ap.add_argument("--mask", action="store_true", help="also check the .mask data sets (SFT shards)")
    ap.add_argument("--llmc", help="directory of `quarry shards export --format llmc` output to check against --jsonl")
    ap.add_argument("--nanogpt", help="train.bin of `quarry shards export --format nanogpt` to check against --jsonl")
    args = ap.parse_args()

    mod = import_indexed_dataset()
    from importlib.metadata import version
    manifest = json.load(open(os.path.join(args.shards, "dataset.json")))
    dtype = {"uint16": np.uint16, "int32": np.int32}[manifest["dtype"]]
    eos = manifest["special_tokens"].get("eos", {}).get("id") if manifest["eos_per_document"] else None
    bos = manifest["special_tokens"].get("bos", {}).get("id") if manifest["bos_per_document"] else None
    expected = None
    if args.jsonl:
        expected = [([bos] if bos is not None else []) + json.loads(line)["ids"] + ([eos] if eos is not None else [])
                    for line in open(args.jsonl, encoding="utf-8")]
        expected = [e for e in expected if len(e) > (bos is not None) + (eos is not None)
                    or not manifest.get("skipped_empty_documents")]

    checks = mismatches = documents = tokens = 0

    def check(ok, what):
        nonlocal checks, mismatches
        checks += 1
        if not ok:
            mismatches += 1
            if mismatches <= 20:
                print("MISMATCH:", what)

    shards = [s for s in manifest["shards"] if s["part"] == args.part]
    for shard in shards:
        prefix = os.path.join(args.shards, shard["prefix"])
        for mmap in (True, False):
            ds = mod.IndexedDataset(prefix, mmap=mmap)
            check(ds.index.dtype == dtype, f"{shard['prefix']}: dtype {ds.index.dtype} vs {manifest['dtype']}")
            check(len(ds) == shard["sequences"] == shard["documents"], f"{shard['prefix']}: {len(ds)} sequences")
            check(ds.document_indices.tolist() == list(range(len(ds) + 1)), f"{shard['prefix']}: document_indices")
            check(int(ds.sequence_lengths.sum()) == shard["tokens"], f"{shard['prefix']}: token count")
            if not mmap:
                continue
            for i in range(len(ds)):
                got = ds[i].tolist()
                if expected is not None:
                    index = documents + i
                    want = expected[index] if index < len(expected) else None
                    check(got == want, f"{shard['prefix']} document {i} (overall {index}): {got[:8]}… vs {(want or [])[:8]}…")
                if eos is not None:
                    check(got[-1] == eos, f"{shard['prefix']} document {i} does not end with EOS")
            if args.mask:
                mask = mod.IndexedDataset(prefix + ".mask")
                check(mask.index.dtype == np.uint8, f"{shard['prefix']}.mask dtype {mask.index.dtype}")
                check(mask.sequence_lengths.tolist() == ds.sequence_lengths.tolist(), f"{shard['prefix']}.mask lengths")
                check(mask.document_indices.tolist() == ds.document_indices.tolist(), f"{shard['prefix']}.mask document_indices")
                check(all(set(mask[i].tolist()) <= {0, 1} for i in range(len(mask))), f"{shard['prefix']}.mask values 0/1")
            documents += len(ds)
            tokens += int(ds.sequence_lengths.sum())
    if args.llmc and expected is not None:
        # As llm.c's llmc/dataloader.h checks a shard: magic 20240520, version 1, size = 1024 + 2 * ntok.
        stream = []
        names = sorted(n for n in os.listdir(args.llmc) if f"_{args.part}_" in n and n.endswith(".bin"))
        for name in names:
            path = os.path.join(args.llmc, name)
            header = np.fromfile(path, dtype="<i4", count=256)
            check(header[0] == 20240520 and header[1] == 1, f"{name}: llm.c magic/version {header[:2]}")
            check(os.path.getsize(path) == 1024 + 2 * int(header[2]), f"{name}: llm.c size vs token count")
            stream += np.fromfile(path, dtype="<u2", offset=1024).tolist()
        want = [t for e in expected for t in [eos] + e[:-1]]        # EOT before each document
        check(stream == want, f"llm.c token stream ({len(stream)} vs {len(want)} tokens)")
        print(f"llm.c export: {len(names)} shards, {len(stream)} tokens")
    if args.nanogpt and expected is not None:
        flat = np.memmap(args.nanogpt, dtype=np.uint16, mode="r").tolist()   # as nanoGPT train.py reads it
        check(flat == [t for e in expected for t in e], f"nanoGPT stream ({len(flat)} tokens)")
        print(f"nanoGPT export: {len(flat)} tokens")
    if expected is not None:
        check(documents == len(expected), f"{documents} documents in the shards, {len(expected)} JSONL lines")
    print(f"megatron-core {version('megatron-core')} IndexedDataset ({mod.__file__.split('site-packages/')[-1]}), numpy {np.__version__}")
    print(f"{args.shards}: {len(shards)} {args.part} shards, dtype {manifest['dtype']}, {documents} documents, {tokens} tokens; "
          f"{checks} checks, {mismatches} mismatches")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())

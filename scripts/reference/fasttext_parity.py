"""fastText reference for Quarry's fastText reader and predictor (QuarryClassify).

Two jobs, run in a scratch venv with requirements-fasttext.txt (fasttext-numpy2 0.10.4, which
builds facebookresearch/fastText@1142dc4's C++ unchanged):

(a) --make-fixtures [--out DIR]: regenerates Tests/QuarryClassifyTests/Fixtures/fasttext/
    deterministically (fixed data seed, fastText thread=1 seed=0): train.txt, test.jsonl, five
    models (softmax/ova/hs .bin, softmax_q.ftz pruned+qnorm+retrain, ova_q.ftz) and, per model,
    <name>.expected.jsonl = fastText's predict(k=3), predict(k=-1) and get_sentence_vector per text.

(b) --lid176 MODEL: fastText's predictions of lid.176.ftz on held-out texts (the fixture
    test.jsonl, the sentences and documents of samples/jsonl, or --texts FILE.jsonl with a "text"
    field). Then any of:
      --expected-out FILE        write {"text","labels","probs"} (k=3) for the Swift test
                                 (QUARRY_LID176=MODEL QUARRY_LID176_EXPECTED=FILE swift test ...)
      --quarry BIN               run `BIN classify apply --model MODEL --input in.jsonl
                                 --output out.jsonl --name lid` and compare
      --quarry-predictions FILE  compare a JSONL Quarry already wrote (same order as the texts,
                                 lid_label / lid_score at top level or under "metadata")
    The comparison requires, on every text, the same top label (bare, without __label__) and
    |lid_score - round(clamp(p, 0, 1), 4)| <= 1e-4. Exit status 1 on any mismatch.

Usage:
  python -m venv /tmp/ftvenv && /tmp/ftvenv/bin/pip install -r scripts/reference/requirements-fasttext.txt
  /tmp/ftvenv/bin/python scripts/reference/fasttext_parity.py --make-fixtures
  /tmp/ftvenv/bin/python scripts/reference/fasttext_parity.py --lid176 lid.176.ftz --expected-out /tmp/lid176.jsonl
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURES = os.path.join(ROOT, "Tests", "QuarryClassifyTests", "Fixtures", "fasttext")

TOPICS = {
    "sports": "match team goal coach player season league score striker referee stadium fans win lost cup final tennis football basket racket",
    "cooking": "recipe oven flour sugar butter bake simmer garlic onion sauce pan salt pepper dough knead roast soup spoon kitchen taste",
    "tech": "software compiler server database network kernel bug release code laptop cloud api linux memory cpu thread latency deploy swift",
    "finance": "market stock bond interest rate bank loan inflation dividend investor budget tax price shares fund credit debt euro dollar",
}
FILLER = "the a of and in on with for to is was very new old big small today yesterday we they it this that".split()
EXTRA = ["café", "naïve", "Ünïcödé", "東京", "数据", "Привет", "مرحبا", "😀", "C++", "e-mail", "3.14", "U.S.", "--", "résumé"]
COMMON = dict(dim=16, wordNgrams=2, minn=2, maxn=4, bucket=4096, epoch=25, lr=0.5,
              minCount=1, thread=1, seed=0, verbose=0)


def make_texts(rng):
    """The synthetic topic corpus: 400 training lines (16 with two labels) and 71 test texts."""
    def sentence(topic, n_min=4, n_max=14, noise=0.15):
        words = TOPICS[topic].split()
        others = [w for t, ws in TOPICS.items() if t != topic for w in ws.split()]
        out = []
        for _ in range(rng.randint(n_min, n_max)):
            r = rng.random()
            if r < 0.45:
                w = rng.choice(words)
            elif r < 0.45 + noise:
                w = rng.choice(others)
            elif r < 0.95:
                w = rng.choice(FILLER)
            else:
                w = rng.choice(EXTRA)
            if rng.random() < 0.1:
                w = w.capitalize()
            if rng.random() < 0.05:
                w += rng.choice(["s", "ing", "ed", "!", ","])
            out.append(w)
        return " ".join(out)

    labels = list(TOPICS)
    train, test = [], []
    for i in range(400):
        t = labels[i % 4]
        line = f"__label__{t} {sentence(t)}"
        if i % 25 == 0:  # a few multi-label lines (they matter for ova)
            t2 = labels[(i + 1) % 4]
            line = f"__label__{t} __label__{t2} {sentence(t)} {sentence(t2, 2, 5)}"
        train.append(line)
    for i in range(60):
        t = labels[i % 4]
        test.append(sentence(t, 1 if i % 10 == 0 else 3, 20, noise=0.35))
    # Edge cases: empty, whitespace only, OOV only, scripts, tabs/CR, label-looking token,
    # NBSP, a literal </s>, a long text, case.
    test += ["", "   ", "zzqx blorf wuggle", "東京 数据 Привет مرحبا 😀", "bake\tthe\tcode\rnow",
             "__label__finance stock market", "\u00a0non-breaking\u00a0space oven", "</s> kernel",
             " ".join(sentence("tech") for _ in range(40)), "Oven", "oven"]
    return train, test


def make_fixtures(out):
    import fasttext
    import numpy as np

    os.makedirs(out, exist_ok=True)
    train, test = make_texts(random.Random(7))
    train_path = os.path.join(out, "train.txt")
    with open(train_path, "w", encoding="utf-8") as f:
        f.write("\n".join(train) + "\n")
    with open(os.path.join(out, "test.jsonl"), "w", encoding="utf-8") as f:
        for t in test:
            f.write(json.dumps({"text": t}, ensure_ascii=False) + "\n")

    def expected(model, name):
        with open(os.path.join(out, f"{name}.expected.jsonl"), "w", encoding="utf-8") as f:
            for t in test:
                labs, probs = model.predict(t, k=3)
                labs_all, probs_all = model.predict(t, k=-1, threshold=0.0)
                vec = model.get_sentence_vector(t)
                f.write(json.dumps({
                    "text": t,
                    "k3_labels": list(labs), "k3_probs": [float(p) for p in probs],
                    "all_labels": list(labs_all), "all_probs": [float(p) for p in probs_all],
                    "hidden": [float(x) for x in vec],
                }, ensure_ascii=False) + "\n")

    models = {}
    for name in ["softmax", "ova", "hs"]:
        m = fasttext.train_supervised(input=train_path, loss=name, **COMMON)
        m.save_model(os.path.join(out, f"{name}.bin"))
        expected(m, name)
        models[name] = m
    # Quantized softmax with cutoff (pruned dictionary + pruneidx), qnorm, retrain.
    m = fasttext.train_supervised(input=train_path, loss="softmax", **COMMON)
    m.quantize(input=train_path, qnorm=True, cutoff=1000, retrain=True, epoch=5, lr=0.1, thread=1, dsub=2)
    m.save_model(os.path.join(out, "softmax_q.ftz"))
    expected(fasttext.load_model(os.path.join(out, "softmax_q.ftz")), "softmax_q")
    # Quantized ova, no cutoff (pruneidx_size -1), no qnorm, dsub 4 (qout needs >= 256 labels).
    m = fasttext.train_supervised(input=train_path, loss="ova", **COMMON)
    m.quantize(qnorm=False, dsub=4)
    m.save_model(os.path.join(out, "ova_q.ftz"))
    expected(fasttext.load_model(os.path.join(out, "ova_q.ftz")), "ova_q")
    # A reloaded model predicts as the one in memory (save/load is lossless).
    for name in ["softmax", "ova", "hs"]:
        r = fasttext.load_model(os.path.join(out, f"{name}.bin"))
        for t in test:
            assert r.predict(t, k=3)[0] == models[name].predict(t, k=3)[0]

    with open(os.path.join(out, "README.md"), "w") as f:
        f.write(f"""# fastText parity fixtures
Made by scripts/reference/fasttext_parity.py --make-fixtures (pins: scripts/reference/requirements-fasttext.txt)
with fasttext-numpy2 0.10.4 (fastText C++ = facebookresearch/fastText@1142dc4), numpy {np.__version__}, Python {sys.version.split()[0]}.
Deterministic: data from random.Random(7), fastText thread=1, seed=0; re-running gives the same bytes, except 4 centroid
floats of ova_q.ftz (denormals near 4e-39): its ova model is trained second in the process, and fastText leaves 90% of the
input matrix uninitialised with thread=1 (FORMAT.md section 9), so a few rows hold leftover bytes; predictions do not change.
train.txt: 400 lines, 4 labels (16 two-label lines). test.jsonl: 71 held-out texts (incl. edge cases).
Training args (all models): {json.dumps(COMMON)}; loss softmax / ova / hs.
softmax_q.ftz: softmax model, quantize(input=train.txt, qnorm=True, cutoff=1000, retrain=True, epoch=5, lr=0.1, thread=1, dsub=2, qout=False).
ova_q.ftz: ova model, quantize(qnorm=False, dsub=4, cutoff=0, qout=False).
<name>.expected.jsonl: per test text: model.predict(text, k=3) -> k3_labels/k3_probs; predict(k=-1) -> all_*;
get_sentence_vector(text) -> hidden (the averaged input vector). Probabilities are float32 values (exp(log(p+1e-5))).
Used by Tests/QuarryClassifyTests/FastText*Tests.swift.
""")
    print(f"fixtures written to {out}")


def held_out_texts(path):
    """Texts for the lid.176 comparison, newlines as spaces (fastText's predict refuses '\\n')."""
    texts = []
    if path:
        with open(path, encoding="utf-8") as f:
            texts = [json.loads(line)["text"] for line in f if line.strip()]
    else:
        with open(os.path.join(FIXTURES, "test.jsonl"), encoding="utf-8") as f:
            texts = [json.loads(line)["text"] for line in f if line.strip()]
        samples = os.path.join(ROOT, "samples", "jsonl")
        for name in sorted(os.listdir(samples)) if os.path.isdir(samples) else []:
            with open(os.path.join(samples, name), encoding="utf-8") as f:
                for line in f:
                    try:
                        doc = json.loads(line)
                    except ValueError:
                        continue
                    text = doc.get("text") if isinstance(doc, dict) else None
                    if not isinstance(text, str):
                        continue
                    texts.append(text)  # the whole document
                    texts += [s for s in text.split("\n") if s.strip()]  # and each of its lines
    return [t.replace("\n", " ") for t in texts]


def quarry_predictions(args, texts):
    if args.quarry_predictions:
        path = args.quarry_predictions
    else:
        tmp = tempfile.mkdtemp(prefix="ft-parity-")
        src, path = os.path.join(tmp, "in.jsonl"), os.path.join(tmp, "out.jsonl")
        with open(src, "w", encoding="utf-8") as f:
            for i, t in enumerate(texts):
                f.write(json.dumps({"id": str(i), "text": t}, ensure_ascii=False) + "\n")
        subprocess.run([args.quarry, "classify", "apply", "--model", args.lid176, "--input", src,
                        "--output", path, "--name", "lid"], check=True)
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            meta = doc.get("metadata", doc)
            out.append((meta.get("lid_label"), meta.get("lid_score")))
    return out


def lid176(args):
    import fasttext
    import numpy as np

    model = fasttext.load_model(args.lid176)
    texts = held_out_texts(args.texts)
    preds = [model.predict(t, k=3) for t in texts]
    print(f"lid.176: {len(texts)} texts predicted by fastText")
    if args.expected_out:
        with open(args.expected_out, "w", encoding="utf-8") as f:
            for t, (labs, probs) in zip(texts, preds):
                f.write(json.dumps({"text": t, "labels": list(labs),
                                    "probs": [float(np.float32(p)) for p in probs]}) + "\n")
        print(f"expected predictions written to {args.expected_out}")
    if not (args.quarry or args.quarry_predictions):
        return 0
    got = quarry_predictions(args, texts)
    if len(got) != len(texts):
        print(f"Quarry wrote {len(got)} predictions for {len(texts)} texts")
        return 1
    bad, worst = 0, 0.0
    for t, (labs, probs), (label, score) in zip(texts, preds, got):
        want_label = labs[0][len("__label__"):] if labs else None
        want_score = round(min(max(float(probs[0]), 0.0), 1.0), 4) if labs else None
        if label != want_label or score is None or want_score is None:
            bad += 1
            print(f"MISMATCH {t[:60]!r}: fastText {want_label} {want_score}, Quarry {label} {score}")
            continue
        worst = max(worst, abs(float(score) - want_score))
    print(f"lid.176 parity: {len(texts)} texts, {bad} label mismatches, max |score difference| {worst:.2g}")
    return 1 if bad or worst > 1e-4 + 1e-9 else 0


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--make-fixtures", action="store_true")
    p.add_argument("--out", default=FIXTURES)
    p.add_argument("--lid176")
    p.add_argument("--texts")
    p.add_argument("--expected-out")
    p.add_argument("--quarry")
    p.add_argument("--quarry-predictions")
    args = p.parse_args()
    if args.make_fixtures:
        make_fixtures(args.out)
    if args.lid176:
        sys.exit(lid176(args))
    if not (args.make_fixtures or args.lid176):
        p.print_help()


if __name__ == "__main__":
    main()

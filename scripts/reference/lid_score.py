#!/usr/bin/env python3
"""Scores language-ID predictions on the held-out set of scripts/lid/build_data.py (issue 7 item 3).

    python3 scripts/reference/lid_score.py --heldout /work/lid-data/heldout.jsonl \\
        PRED.jsonl [PRED2.jsonl ...] [--speed /work/lid-data/peer_speed.json] [--ours quarry] \\
        [--per-language] [--json RESULT.json]

Prediction files, one JSON line per held-out item, joined on "i" (line index) or "id":
  * {"i": 12, "<system>": "<label>", ...}                      (lid_peers.py, fasttext_design.py)
  * Quarry documents {"id": "12", "metadata": {"language": "zh", "script": "Hant", ...}}
    (`quarry classify language --input heldout.jsonl --output out.jsonl`); the system is named
    after the file (or --name-quarry); language + script are mapped back onto the label set
    (zh + Hant -> zh-Hant, zh + anything else -> zh-Hans).
Missing predictions count as wrong ("und").

Prints Markdown: for each system the macro-average accuracy (mean over languages of the
per-language accuracy) at each length (word, phrase, sentence, paragraph) over all covered
languages; with --per-language the language x length table; and for each peer the comparison
with --ours over the covered languages the peer supports (Chinese compared at the `zh` level
for both, since lingua has one Chinese). Supported sets come from --speed (lid_peers.py) or,
failing that, from the labels a system ever predicts. Standard library only.
"""
import argparse
import collections
import json
import os
import sys

LENGTHS = ["word", "phrase", "sentence", "paragraph"]


def quarry_label(meta):
    lang = meta.get("language") or "und"
    if lang == "zh":
        return "zh-Hant" if meta.get("script") == "Hant" else "zh-Hans"
    return lang


def load_preds(path, n, name_quarry=None):
    """-> {system: [label or 'und'] * n}"""
    out = collections.defaultdict(lambda: ["und"] * n)
    for line in open(path, encoding="utf-8"):
        if not line.strip():
            continue
        r = json.loads(line)
        if "metadata" in r:
            i = int(r["id"])
            name = name_quarry or os.path.splitext(os.path.basename(path))[0]
            out[name][i] = quarry_label(r["metadata"])
            continue
        i = int(r["i"]) if "i" in r else int(r["id"])
        for k, v in r.items():
            if k not in ("i", "id"):
                out[k][i] = v or "und"
    return dict(out)


def accuracy(items, pred, langs, collapse_zh=False):
    """-> {(lang, length): (correct, total)} over langs."""
    c = collections.Counter()
    t = collections.Counter()
    for it, p in zip(items, pred):
        g = it["label"]
        if collapse_zh:
            g = "zh" if g.startswith("zh-") else g
            p = "zh" if p.startswith("zh-") else p
        if g not in langs:
            continue
        t[g, it["length"]] += 1
        c[g, it["length"]] += (p == g)
    return {k: (c[k], t[k]) for k in t}


def macro(acc, langs, length):
    vals = [acc[l, length][0] / acc[l, length][1] for l in langs if acc.get((l, length), (0, 0))[1]]
    return 100.0 * sum(vals) / len(vals) if vals else float("nan"), len(vals)


def fmt(x):
    return "%.2f" % x if x == x else "n/a"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--heldout", required=True)
    ap.add_argument("preds", nargs="+")
    ap.add_argument("--speed", help="lid_peers.py --speed JSON (supported language lists)")
    ap.add_argument("--ours", default=None, help="system compared with each peer (default: first system)")
    ap.add_argument("--peers", default="lingua,lingua_covered,langdetect")
    ap.add_argument("--name-quarry", default=None)
    ap.add_argument("--per-language", action="store_true")
    ap.add_argument("--json")
    a = ap.parse_args()
    items = [json.loads(l) for l in open(a.heldout, encoding="utf-8")]
    n = len(items)
    systems = {}
    for p in a.preds:
        systems.update(load_preds(p, n, a.name_quarry))
    langs = sorted({it["label"] for it in items})
    peers = [p for p in a.peers.split(",") if p in systems]
    ours = [s for s in systems if s not in peers]
    base = a.ours or (ours[0] if ours else list(systems)[0])
    speed = json.load(open(a.speed)) if a.speed else {}
    result = {}

    print("## Macro-average accuracy over the %d covered languages (%%)\n" % len(langs))
    print("| system | " + " | ".join(LENGTHS) + " |")
    print("|---|" + "---:|" * len(LENGTHS))
    accs = {}
    for s in systems:
        accs[s] = accuracy(items, systems[s], set(langs))
        row = [macro(accs[s], langs, L)[0] for L in LENGTHS]
        result[s] = {"all": dict(zip(LENGTHS, row))}
        print("| %s | %s |" % (s, " | ".join(fmt(x) for x in row)))
    print("\nPeers are scored here on all our labels, including ones they do not support; see below.\n")

    for peer in peers:
        sup = set(speed.get(peer, {}).get("supported") or set(systems[peer]))
        sup = {"zh" if x.startswith("zh-") else x for x in sup}
        inter = sorted({("zh" if l.startswith("zh-") else l) for l in langs} & sup)
        print("## %s vs %s on the %d covered languages %s supports (zh-Hans+zh-Hant scored as zh)\n"
              % (base, peer, len(inter), peer))
        print("| system | " + " | ".join(LENGTHS) + " |")
        print("|---|" + "---:|" * len(LENGTHS))
        result.setdefault(peer, {})["vs"] = {}
        for s in (base, peer):
            acc = accuracy(items, systems[s], set(inter), collapse_zh=True)
            row = [macro(acc, inter, L)[0] for L in LENGTHS]
            result[peer]["vs"][s] = dict(zip(LENGTHS, row))
            print("| %s | %s |" % (s, " | ".join(fmt(x) for x in row)))
        missing = sorted({("zh" if l.startswith("zh-") else l) for l in langs} - sup)
        print("\nNot supported by %s (left out): %s\n" % (peer, " ".join(missing) or "none"))

    if a.per_language:
        for s in systems:
            print("## %s: accuracy per language and length (%%)\n" % s)
            print("| lang | " + " | ".join(LENGTHS) + " | n |")
            print("|---|" + "---:|" * (len(LENGTHS) + 1))
            for l in langs:
                cells = []
                for L in LENGTHS:
                    c, t = accs[s].get((l, L), (0, 0))
                    cells.append(fmt(100.0 * c / t) if t else "–")
                nn = "/".join(str(accs[s].get((l, L), (0, 0))[1]) for L in LENGTHS)
                print("| %s | %s | %s |" % (l, " | ".join(cells), nn))
            row = [macro(accs[s], langs, L)[0] for L in LENGTHS]
            print("| **macro** | %s | |\n" % " | ".join("**%s**" % fmt(x) for x in row))
            result[s]["per_language"] = {l: {L: accs[s].get((l, L), (0, 0)) for L in LENGTHS} for l in langs}
    if a.json:
        json.dump(result, open(a.json, "w"), indent=1)


if __name__ == "__main__":
    sys.exit(main())

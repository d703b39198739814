#!/usr/bin/env python3
"""Scores PII predictions against the labeled set of scripts/reference/pii_set.py (issue #6, deliverable 4).

Predictions are a DESIGN.md §4.1 span file: JSONL `{"id": …, "spans": [{"type", "start", "end"}, …]}`,
UTF-8 byte offsets, end exclusive (documents absent from the file have no spans). Types are the
PIIType raw values of Sources/QuarryPII/PIIEntity.swift.

Measures, per type and micro-averaged over the scored types:
  exact    a prediction counts when a label has the same type, start and end;
  overlap  a label is found when a prediction of the same type overlaps it (recall), and a
           prediction is right when it overlaps a label of its type (precision).
Hard negatives (negatives.jsonl): for each negative kind, how many planted negatives a
prediction of any type overlaps, when that prediction overlaps no label.
With --scrubbed (JSONL with "id" and "text" after scrubbing), the leak rate: the share of planted
values (planted.jsonl) still present verbatim in the scrubbed text of their own document.

  .venv-ref/bin/python scripts/reference/pii_score.py --set /work/pii-scratch/set --spans PRED.jsonl \\
      [--scrubbed OUT.jsonl] [--json RESULT.json] [--types EMAIL,PHONE] [--na PERSON,STREET_ADDRESS] [--errors 5]
--types restricts everything (labels, predictions, negatives hit, leaks) to those types; --na marks
types the system does not cover: printed as n/a and left out of the micro averages (their planted
values still count in the overall leak rate, which is printed over all types and over covered ones).
--errors N prints up to N missed labels and N false positives per type with their context (use it
on the development set only). Standard library only.
"""

import argparse
import json
import sys

TYPES = ["EMAIL", "PHONE", "IP_ADDRESS", "CREDIT_CARD", "IBAN", "US_SSN", "CN_RESIDENT_ID", "PERSON",
         "STREET_ADDRESS", "URL_WITH_CREDENTIALS", "SECRET"]


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def overlaps(a, b):
    return a[0] < b[1] and b[0] < a[1]


def prf(tp_p, n_pred, tp_l, n_lab):
    p = tp_p / n_pred if n_pred else None
    r = tp_l / n_lab if n_lab else None
    f = 2 * p * r / (p + r) if p is not None and r is not None and p + r > 0 else (0.0 if p is not None and r is not None else None)
    return p, r, f


def fmt(x):
    return "n/a" if x is None else f"{x:.3f}"


def context(text_bytes, s, e, width=30):
    left = text_bytes[max(0, s - width):s].decode("utf-8", "replace")
    mid = text_bytes[s:e].decode("utf-8", "replace")
    right = text_bytes[e:e + width].decode("utf-8", "replace")
    return (left + "[[" + mid + "]]" + right).replace("\n", "⏎")


def score(set_dir, spans_path, scrubbed_path=None, types=None, na=(), errors=0, out=sys.stdout):
    docs = {d["id"]: d for d in read_jsonl(f"{set_dir}/docs.jsonl")}
    labels = {d["id"]: d["spans"] for d in read_jsonl(f"{set_dir}/labels.jsonl")}
    negs = {d["id"]: d["negatives"] for d in read_jsonl(f"{set_dir}/negatives.jsonl")}
    planted = {d["id"]: d["values"] for d in read_jsonl(f"{set_dir}/planted.jsonl")}
    scored = [t for t in (types or TYPES)]
    keep = set(scored)
    preds = {}
    unknown_docs = 0
    invalid = 0
    for d in read_jsonl(spans_path):
        if d["id"] not in docs:
            unknown_docs += 1
            continue
        raw = docs[d["id"]]["text"].encode("utf-8")
        lst = preds.setdefault(d["id"], [])
        for s in d.get("spans", []):
            if not (0 <= s["start"] < s["end"] <= len(raw)):
                invalid += 1
                continue
            lst.append((s["type"], s["start"], s["end"]))

    c = {t: {"labels": 0, "preds": 0, "exact": 0, "lab_hit": 0, "pred_hit": 0} for t in scored}
    neg_total, neg_hit, neg_hit_by_type = {}, {}, {}
    miss_ex = {t: [] for t in scored}
    fp_ex = {t: [] for t in scored}
    for did, doc in docs.items():
        raw = doc["text"].encode("utf-8")
        labs = [(s["type"], s["start"], s["end"]) for s in labels.get(did, []) if s["type"] in keep]
        prs = [p for p in preds.get(did, []) if p[0] in keep]
        labset = set(labs)
        for t, s, e in labs:
            c[t]["labels"] += 1
            if any(pt == t and overlaps((s, e), (ps, pe)) for pt, ps, pe in prs):
                c[t]["lab_hit"] += 1
            elif len(miss_ex[t]) < errors:
                miss_ex[t].append(f"{did}: {context(raw, s, e)}")
        for t, s, e in prs:
            c[t]["preds"] += 1
            if (t, s, e) in labset:
                c[t]["exact"] += 1
            if any(lt == t and overlaps((s, e), (ls, le)) for lt, ls, le in labs):
                c[t]["pred_hit"] += 1
            elif len(fp_ex[t]) < errors:
                fp_ex[t].append(f"{did}: {context(raw, s, e)}")
        all_labs = [(s["start"], s["end"]) for s in labels.get(did, [])]
        free = [p for p in prs if not any(overlaps((p[1], p[2]), l) for l in all_labs)]
        for n in negs.get(did, []):
            k = n["kind"]
            neg_total[k] = neg_total.get(k, 0) + 1
            hits = [p for p in free if overlaps((p[1], p[2]), (n["start"], n["end"]))]
            if hits:
                neg_hit[k] = neg_hit.get(k, 0) + 1
                for t in sorted({p[0] for p in hits}):
                    neg_hit_by_type.setdefault(k, {})
                    neg_hit_by_type[k][t] = neg_hit_by_type[k].get(t, 0) + 1

    result = {"set": set_dir, "spans": spans_path, "invalid_spans": invalid, "unknown_docs": unknown_docs,
              "types": {}, "micro": {}, "negatives": {}, "leak": None}
    tot = {"labels": 0, "preds": 0, "exact": 0, "lab_hit": 0, "pred_hit": 0}
    for t in scored:
        x = c[t]
        if t in na:
            result["types"][t] = {"labels": x["labels"], "na": True}
            continue
        ep, er, ef = prf(x["exact"], x["preds"], x["exact"], x["labels"])
        op, orr, of = prf(x["pred_hit"], x["preds"], x["lab_hit"], x["labels"])
        result["types"][t] = {"labels": x["labels"], "predicted": x["preds"], "exact": {"p": ep, "r": er, "f1": ef},
                              "overlap": {"p": op, "r": orr, "f1": of}}
        for k in tot:
            tot[k] += x[k]
    ep, er, ef = prf(tot["exact"], tot["preds"], tot["exact"], tot["labels"])
    op, orr, of = prf(tot["pred_hit"], tot["preds"], tot["lab_hit"], tot["labels"])
    result["micro"] = {"labels": tot["labels"], "predicted": tot["preds"], "exact": {"p": ep, "r": er, "f1": ef},
                       "overlap": {"p": op, "r": orr, "f1": of}}
    for k in sorted(neg_total):
        result["negatives"][k] = {"planted": neg_total[k], "hit": neg_hit.get(k, 0),
                                  "rate": neg_hit.get(k, 0) / neg_total[k], "by_type": neg_hit_by_type.get(k, {})}

    if scrubbed_path:
        scrubbed = {d["id"]: d["text"] for d in read_jsonl(scrubbed_path)}
        lk = {}
        for did, vals in planted.items():
            text = scrubbed.get(did)
            for v in vals:
                if v["type"] not in keep:
                    continue
                e = lk.setdefault(v["type"], [0, 0])
                e[0] += 1
                if text is None or v["value"] in text:
                    e[1] += 1
        all_n = sum(v[0] for v in lk.values())
        all_l = sum(v[1] for v in lk.values())
        cov_n = sum(v[0] for t, v in lk.items() if t not in na)
        cov_l = sum(v[1] for t, v in lk.items() if t not in na)
        result["leak"] = {"by_type": {t: {"planted": lk[t][0], "leaked": lk[t][1], "rate": lk[t][1] / lk[t][0]} for t in scored if t in lk},
                          "overall": {"planted": all_n, "leaked": all_l, "rate": all_l / all_n if all_n else None},
                          "covered_types": {"planted": cov_n, "leaked": cov_l, "rate": cov_l / cov_n if cov_n else None},
                          "missing_docs": sum(1 for did in planted if did not in scrubbed)}

    # ---- markdown
    w = out.write
    leak = result["leak"]
    w(f"Set {set_dir}, predictions {spans_path}" + (f", scrubbed {scrubbed_path}" if scrubbed_path else "") + "\n\n")
    w("| Type | Labels | Predicted | P exact | R exact | F1 exact | P overlap | R overlap | F1 overlap |" + (" Leak |" if leak else "") + "\n")
    w("|---|---:|---:|---:|---:|---:|---:|---:|---:|" + ("---:|" if leak else "") + "\n")
    for t in scored:
        x = result["types"][t]
        lr = ""
        if leak:
            lr = f" {fmt(leak['by_type'][t]['rate']) if t in leak['by_type'] else 'n/a'} |"
        if x.get("na"):
            w(f"| {t} | {x['labels']} | n/a | n/a | n/a | n/a | n/a | n/a | n/a |{lr}\n")
            continue
        e, o = x["exact"], x["overlap"]
        w(f"| {t} | {x['labels']} | {x['predicted']} | {fmt(e['p'])} | {fmt(e['r'])} | {fmt(e['f1'])} | {fmt(o['p'])} | {fmt(o['r'])} | {fmt(o['f1'])} |{lr}\n")
    m = result["micro"]
    lr = f" {fmt(leak['covered_types']['rate'])} |" if leak else ""
    w(f"| **micro** (covered types) | {m['labels']} | {m['predicted']} | {fmt(m['exact']['p'])} | {fmt(m['exact']['r'])} | {fmt(m['exact']['f1'])} | "
      f"{fmt(m['overlap']['p'])} | {fmt(m['overlap']['r'])} | {fmt(m['overlap']['f1'])} |{lr}\n")
    if leak:
        o = leak["overall"]
        w(f"\nLeak rate over all scored types: {fmt(o['rate'])} ({o['leaked']} of {o['planted']} planted values still verbatim)"
          + (f"; {leak['missing_docs']} documents missing from the scrubbed file (counted as leaked)" if leak["missing_docs"] else "") + "\n")
    w("\n| Hard negative | Planted | Hit by a prediction | Rate | Predicted as |\n|---|---:|---:|---:|---|\n")
    for k, x in result["negatives"].items():
        by = ", ".join(f"{t} {n}" for t, n in sorted(x["by_type"].items()))
        w(f"| {k} | {x['planted']} | {x['hit']} | {x['rate']:.3f} | {by} |\n")
    if invalid or unknown_docs:
        w(f"\n{invalid} predicted spans outside their document ignored; {unknown_docs} unknown document ids ignored.\n")
    if errors:
        for t in scored:
            if miss_ex[t] or fp_ex[t]:
                w(f"\n{t}\n")
                for s in miss_ex[t]:
                    w(f"  missed  {s}\n")
                for s in fp_ex[t]:
                    w(f"  false+  {s}\n")
    return result


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", required=True, help="directory written by pii_set.py")
    ap.add_argument("--spans", required=True, help="predicted spans, DESIGN.md §4.1 JSONL")
    ap.add_argument("--scrubbed", help="scrubbed documents (JSONL with id and text) for the leak rate")
    ap.add_argument("--json", help="write the figures here")
    ap.add_argument("--types", help="comma-separated types to score (default: all)")
    ap.add_argument("--na", default="", help="comma-separated types the system does not cover")
    ap.add_argument("--errors", type=int, default=0, help="print this many misses and false positives per type")
    a = ap.parse_args()
    types = [t for t in a.types.split(",") if t] if a.types else None
    for t in (types or []):
        if t not in TYPES:
            ap.error(f"unknown type {t}")
    na = tuple(t for t in a.na.split(",") if t)
    res = score(a.set, a.spans, a.scrubbed, types, na, a.errors)
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump(res, f, indent=1, ensure_ascii=False)
            f.write("\n")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Runs the two PII peers of issue #6 on the labeled set of pii_set.py and scores them with pii_score.py.

(a) Presidio analyzer 2.2.366, default recognizer registry (conf/default_recognizers.yaml: the
    pattern recognizers enabled there), default score threshold (AnalyzerEngine's
    default_score_threshold=0: every result is kept). No spaCy model can be downloaded here, so the
    NLP engine is Presidio's SpacyNlpEngine with its pipeline replaced by `spacy.blank("en")`
    (tokenizer only, no NER): the SpacyRecognizer that Presidio registers finds nothing, so PERSON
    and LOCATION are n/a. tldextract (used by Presidio's EmailRecognizer) is pointed at its bundled
    public-suffix snapshot (TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS="") because there is no network.
    Every document goes through `analyze(text, language="en")`, the non-English ones too: Presidio's
    default registry is English-only, and that is how users run it.
    Spans file: results of types EMAIL_ADDRESS->EMAIL, PHONE_NUMBER->PHONE, IP_ADDRESS, CREDIT_CARD,
    IBAN_CODE->IBAN, US_SSN (Presidio has nothing for CN_RESIDENT_ID, URL_WITH_CREDENTIALS, SECRET,
    STREET_ADDRESS, and PERSON needs NER: n/a).
    Scrubbed file: like the anonymizer's default `replace` operator, every detected entity of any
    type (URL, DATE_TIME, US_DRIVER_LICENSE, … included) is replaced by `<ENTITY_TYPE>`; where
    results overlap, the higher score wins, then the longer span, then the earlier one (our rule,
    presidio-anonymizer is not installed here).
(b) datatrove 0.10.1 `PIIFormatter()` with its defaults (e-mails, and public IPv4 only). The
    scrubbed text is the formatter's own output (`PIIFormatter().format(text)`). Spans are found by
    re-running the same detection, read from datatrove/pipeline/formatters/pii.py: the formatter's
    own compiled e-mail regex on the text (every match is replaced), then its IPv4 regex with
    `public_ip_validator(only_public=True)` on the text after e-mail replacement (the replacements
    contain no digits, so every IP match lies inside original text and maps back exactly).
Offsets are converted from Python characters to UTF-8 bytes. Outputs in --out: presidio-spans.jsonl,
presidio-scrubbed.jsonl, datatrove-spans.jsonl, datatrove-scrubbed.jsonl, and the scores
presidio.md/.json, datatrove.md/.json (pii_score.py, with the uncovered types marked n/a).

  .venv-ref/bin/python scripts/reference/pii_peers.py --set /work/pii-scratch/set --out /work/pii-scratch/peers/set
Pinned versions: scripts/reference/requirements-pii.txt.
"""

import argparse
import io
import json
import logging
import os
import sys
import time

os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pii_score  # noqa: E402

PRESIDIO_MAP = {"EMAIL_ADDRESS": "EMAIL", "PHONE_NUMBER": "PHONE", "IP_ADDRESS": "IP_ADDRESS",
                "CREDIT_CARD": "CREDIT_CARD", "IBAN_CODE": "IBAN", "US_SSN": "US_SSN"}
ALL_TYPES = pii_score.TYPES


def byte_offsets(text):
    """Character index -> UTF-8 byte offset, for every index 0...len(text)."""
    out = [0] * (len(text) + 1)
    b = 0
    for i, ch in enumerate(text):
        out[i] = b
        o = ord(ch)
        b += 1 if o < 0x80 else 2 if o < 0x800 else 3 if o < 0x10000 else 4
    out[len(text)] = b
    return out


def read_docs(set_dir):
    with open(os.path.join(set_dir, "docs.jsonl"), encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def write_jsonl(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def run_presidio(docs):
    import spacy
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import SpacyNlpEngine

    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": "blank:en"}])
    engine.nlp = {"en": spacy.blank("en")}
    analyzer = AnalyzerEngine(nlp_engine=engine, supported_languages=["en"])
    spans, scrubbed = [], []
    t0 = time.perf_counter()
    for d in docs:
        text = d["text"]
        results = analyzer.analyze(text=text, language="en")
        off = byte_offsets(text)
        mine = sorted({(PRESIDIO_MAP[r.entity_type], off[r.start], off[r.end]) for r in results if r.entity_type in PRESIDIO_MAP},
                      key=lambda s: (s[1], s[2], s[0]))
        spans.append({"id": d["id"], "spans": [{"type": t, "start": s, "end": e} for t, s, e in mine]})
        kept = []
        for r in sorted(results, key=lambda r: (-r.score, -(r.end - r.start), r.start, r.entity_type)):
            if all(r.end <= k.start or k.end <= r.start for k in kept):
                kept.append(r)
        out = text
        for r in sorted(kept, key=lambda r: -r.start):
            out = out[:r.start] + f"<{r.entity_type}>" + out[r.end:]
        scrubbed.append({"id": d["id"], "text": out})
    return spans, scrubbed, time.perf_counter() - t0


def run_datatrove(docs):
    from datatrove.pipeline.formatters import PIIFormatter

    formatter = PIIFormatter()
    detect = PIIFormatter()  # a second instance: its round-robin replacement state stays apart
    email_re = detect.emails_replacer.regex
    ip_re = detect.ip_replacer.regex
    ip_ok = detect.ip_replacer.validator
    spans, scrubbed = [], []
    t0 = time.perf_counter()
    for d in docs:
        text = d["text"]
        scrubbed.append({"id": d["id"], "text": formatter.format(text)})
    elapsed = time.perf_counter() - t0
    for d in docs:
        text = d["text"]
        off = byte_offsets(text)
        found = []
        # e-mails, then the text as the IP pass sees it, with a map back to original positions
        pieces, segs = [], []  # segs: (start in replaced text, start in original, length)
        pos, rpos = 0, 0
        for m in email_re.finditer(text):
            found.append(("EMAIL", m.start(), m.end()))
            segs.append((rpos, pos, m.start() - pos))
            pieces.append(text[pos:m.start()])
            rpos += m.start() - pos
            pieces.append("email@example.com")  # any replacement: none contains a digit
            rpos += len("email@example.com")
            pos = m.end()
        segs.append((rpos, pos, len(text) - pos))
        pieces.append(text[pos:])
        replaced = "".join(pieces)
        for m in ip_re.finditer(replaced):
            if not ip_ok(m.group(0)):
                continue
            seg = next(s for s in segs if s[0] <= m.start() and m.end() <= s[0] + s[2])
            start = seg[1] + (m.start() - seg[0])
            found.append(("IP_ADDRESS", start, start + (m.end() - m.start())))
        found.sort(key=lambda s: (s[1], s[2]))
        spans.append({"id": d["id"], "spans": [{"type": t, "start": off[s], "end": off[e]} for t, s, e in found]})
    return spans, scrubbed, elapsed


def score(name, set_dir, out_dir, covered):
    na = [t for t in ALL_TYPES if t not in covered]
    buf = io.StringIO()
    res = pii_score.score(set_dir, os.path.join(out_dir, f"{name}-spans.jsonl"), os.path.join(out_dir, f"{name}-scrubbed.jsonl"),
                          None, tuple(na), 0, out=buf)
    with open(os.path.join(out_dir, f"{name}.md"), "w", encoding="utf-8") as f:
        f.write(buf.getvalue())
    with open(os.path.join(out_dir, f"{name}.json"), "w", encoding="utf-8") as f:
        json.dump(res, f, indent=1, ensure_ascii=False)
        f.write("\n")
    return buf.getvalue(), res


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--only", choices=["presidio", "datatrove"])
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    docs = read_docs(a.set)
    mb = sum(len(d["text"].encode("utf-8")) for d in docs) / 1e6
    runs = [("datatrove", run_datatrove, ["EMAIL", "IP_ADDRESS"]),
            ("presidio", run_presidio, list(PRESIDIO_MAP.values()))]
    for name, fn, covered in runs:
        if a.only and a.only != name:
            continue
        spans, scrubbed, secs = fn(docs)
        write_jsonl(os.path.join(a.out, f"{name}-spans.jsonl"), spans)
        write_jsonl(os.path.join(a.out, f"{name}-scrubbed.jsonl"), scrubbed)
        table, _ = score(name, a.set, a.out, covered)
        print(f"## {name}: {len(docs)} documents, {mb:.2f} MB, {secs:.1f} s ({len(docs) / secs:.0f} documents/s)\n")
        print(table)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""How close wikipedia_v1's plain text is to mwparserfromhell's strip_code() on the sample dump.

There is no hand-labeled Wikipedia set; this measures agreement with the tool Python
pipelines use, per article of samples/wikipedia/sample-pages.xml (namespace 0, no
redirects): token bags as in tokenize_eval.py, P = share of Quarry's tokens that strip_code
also gives, R = share of strip_code's tokens Quarry gives. strip_code keeps table cells and
end-matter sections (See also, References) that Quarry drops on purpose, so R < 1 is
expected; P near 1 says Quarry adds nothing strip_code would not.

  swift build -c release --product quarry
  .venv-eval/bin/python scripts/eval/wikipedia_agreement.py      # venv: scripts/eval/setup-eval-venv.sh
"""
import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

import mwparserfromhell

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
from tokenize_eval import bag, overlap  # noqa: E402

DUMP = os.path.join(REPO, "samples", "wikipedia", "sample-pages.xml")


def quarry_texts(scratch):
    pipeline = os.path.join(scratch, "p.yaml")
    with open(pipeline, "w") as f:
        f.write(f"version: 1\nname: agreement\ninput: {{ reader: wikipedia_v1, paths: [{json.dumps(DUMP)}] }}\n"
                f"output: {{ writer: jsonl_writer_v1, directory: {json.dumps(os.path.join(scratch, 'out'))}, compression: none }}\n")
    subprocess.run([os.path.join(REPO, ".build", "release", "quarry"), "run", pipeline, "-q"], check=True)
    texts = {}
    out = os.path.join(scratch, "out")
    for name in sorted(os.listdir(out)):
        if name.endswith(".jsonl"):
            for line in open(os.path.join(out, name), encoding="utf-8"):
                d = json.loads(line)
                texts[d["metadata"]["title"]] = d["text"]
    return texts


def main():
    articles = {}
    for _, el in ET.iterparse(DUMP):
        if el.tag.endswith("}page") and el.findtext("{*}ns") == "0" and el.find("{*}redirect") is None:
            articles[el.findtext("{*}title")] = el.findtext("{*}revision/{*}text") or ""
    with tempfile.TemporaryDirectory() as scratch:
        quarry = quarry_texts(scratch)
    f1s = []
    print(f"{'article':<26} {'quarry':>7} {'strip_code':>10}     P      R     F1")
    for title, wikitext in articles.items():
        q, r = bag(quarry.get(title, "")), bag(mwparserfromhell.parse(wikitext).strip_code())
        both = overlap(q, r)
        p, rec = both / max(1, sum(q.values())), both / max(1, sum(r.values()))
        f1 = 2 * p * rec / (p + rec) if p + rec else 0.0
        f1s.append(f1)
        print(f"{title[:26]:<26} {sum(q.values()):>7} {sum(r.values()):>10} {p:6.3f} {rec:6.3f} {f1:6.3f}")
    print(f"mean F1 {sum(f1s) / len(f1s):.3f} over {len(f1s)} articles (mwparserfromhell {mwparserfromhell.__version__})")


if __name__ == "__main__":
    main()

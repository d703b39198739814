#!/usr/bin/env python3
"""Labels a few hundred extracted web-sample pages with a domain, for the domain-classifier example
(README "Domain classification"; pipelines/domain-route.yaml). Standard library only.

The label comes from where each page was collected (the web-sample `source` when the pages were
read from its JSONL, else the host of the page's URL; see the corpus README): documentation of
programming tools -> `programming`, Debian and Apache administration manuals -> `sysadmin`, pages
from the open web (news, blogs, shops, forums) -> `web`. In your own
corpus the labels would come from people (or an LLM) reading a few hundred documents; the rest of
the example is the same.

  python3 scripts/examples/label_domains.py out/domain/pages.jsonl out/domain [--per-label 120] [--seed 7]

Writes OUT/labeled.jsonl (--per-label documents of each domain, for `quarry classify train`) and
OUT/heldout.jsonl (every other labeled page, for `quarry classify test`), both {"text", "domain"}.
"""
import argparse
import json
import os
import random
from urllib.parse import urlparse

DOMAINS = {
    "python3.11-doc": "programming", "python-django-doc": "programming", "git-doc": "programming",
    "postgresql-doc-15": "programming",
    "debian-handbook": "sysadmin", "installation-guide-amd64": "sysadmin", "harden-doc": "sysadmin",
    "apache2-doc": "sysadmin", "debian-reference-en": "sysadmin", "developers-reference": "sysadmin",
    "maint-guide": "sysadmin", "debian-faq": "sysadmin",
    "trafilatura": "web", "readability": "web", "postlight": "web", "goose3": "web", "resiliparse": "web",
}
# The same split by the host the corpus gives each documentation page (any other host is the open web).
HOSTS = {
    "docs.python.org": "programming", "docs.djangoproject.com": "programming", "git-scm.com": "programming",
    "www.postgresql.org": "programming", "www.debian.org": "sysadmin", "debian-handbook.info": "sysadmin",
    "httpd.apache.org": "sysadmin",
}


def domain(doc):
    metadata = doc.get("metadata") or {}
    source = doc.get("source") or metadata.get("source")
    if source:
        return DOMAINS.get(source)
    host = urlparse(metadata.get("url") or "").hostname
    return HOSTS.get(host, "web") if host else None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("pages")
    parser.add_argument("out")
    parser.add_argument("--per-label", type=int, default=120)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    by_label = {}
    with open(args.pages, encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            label = domain(doc)
            if label and len(doc["text"]) >= 200:
                by_label.setdefault(label, []).append(doc["text"])
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "labeled.jsonl"), "w", encoding="utf-8") as train, \
            open(os.path.join(args.out, "heldout.jsonl"), "w", encoding="utf-8") as heldout:
        for label in sorted(by_label):
            texts = by_label[label]
            rng.shuffle(texts)
            for i, text in enumerate(texts):
                out = train if i < args.per_label else heldout
                out.write(json.dumps({"text": text, "domain": label}, ensure_ascii=False) + "\n")
            print(f"{label}: {min(len(texts), args.per_label)} labeled, {max(0, len(texts) - args.per_label)} held out")


if __name__ == "__main__":
    main()

"""Golden decisions of datatrove's URLFilter for url_filter_v1.

Runs datatrove 0.10.1's own URLFilter (src/datatrove/pipeline/filters/url_filter.py) over a
few hundred synthetic URLs with the small domain and URL lists in
Tests/QuarryFiltersTests/Fixtures/ and datatrove's built-in word lists, and writes one JSON
line per URL: {"url", "datatrove": reason or "keep", "expected": reason or "keep"}.

`expected` is datatrove's filter with the differences url_filter_v1 documents
(Sources/QuarryFilters/URLFilter.swift), made as small changes to datatrove's own method:
every domain above the host is looked up, hosts and URL words are lowercased, and URLs are
also looked up without their scheme. Hosts still come from tldextract, so Quarry's own URL
parsing is checked against it. Reasons are mapped to Quarry's names.

tldextract runs offline on the public-suffix snapshot it ships (suffix_list_urls=()).

usage: python scripts/reference/url_golden.py > Tests/QuarryFiltersTests/Fixtures/url-golden.jsonl
  in a virtual environment with scripts/reference/requirements-reference.txt (datatrove 0.10.1)
  and scripts/reference/requirements-url.txt (tldextract 5.3.0, pyahocorasick 2.2.0, fasteners
  0.19) installed; a summary goes to stderr.
"""
import collections
import json
import pathlib
import random
import sys

from datatrove.data import Document
from datatrove.pipeline.filters import url_filter
from datatrove.utils._import_utils import ASSETS_PATH
from tldextract import TLDExtract

ROOT = pathlib.Path(__file__).resolve().parent.parent.parent
FIXTURES = ROOT / "Tests" / "QuarryFiltersTests" / "Fixtures"
REASONS = {
    "domain": "url_domain_blocklisted", "subdomain": "url_domain_blocklisted", "url": "url_blocklisted",
    "hard_blacklisted": "url_banned_word", "soft_blacklisted": "url_soft_banned_words",
    "blacklisted_subword": "url_banned_subword",
}


def make_filter(cls):
    assets = pathlib.Path(ASSETS_PATH)
    with open(FIXTURES / "url-golden-domains.txt") as d, open(FIXTURES / "url-golden-urls.txt") as u, \
            open(assets / "banned_words.txt") as bw, open(assets / "banned_subwords.txt") as bs, \
            open(assets / "soft_banned_words.txt") as sw:
        f = cls(extra_domains=d, extra_urls=u, banned_words=bw, banned_subwords=bs, soft_banned_words=sw,
                use_integrated_lists=False)
    f.tldextractor = TLDExtract(suffix_list_urls=(), cache_dir=None)
    return f


class WithQuarryDifferences(url_filter.URLFilter):
    """datatrove's filter method with url_filter_v1's documented differences."""

    def filter(self, document):
        url = document.metadata.get("url")
        info = self.tldextractor(url)
        host = ".".join(p for p in (info.subdomain, info.domain, info.suffix) if p).lower()
        is_ip = host.startswith("[") or all(c.isdigit() or c == "." for c in host)
        labels = host.split(".")
        candidates = [host] if is_ip else [".".join(labels[i:]) for i in range(len(labels))]
        if any(c and c in self.block_listed_domains for c in candidates):
            return False, "domain"
        schemeless = url_filter.re.sub(r"^([A-Za-z0-9+.-]+:)?//", "", url, count=1)
        if url in self.block_listed_url or schemeless in self.block_listed_url:
            return False, "url"
        url_words = {w.lower() for w in url_filter.normalizer.split(url)}
        if any(word in url_words for word in self.banned_words):
            return False, "hard_blacklisted"
        if sum(word in url_words for word in self.soft_banned_words) >= self.soft_word_threshold:
            return False, "soft_blacklisted"
        if self.banned_subwords and next(self.banned_subwords_automaton.iter(url_filter.normalize(url)), False):
            return False, "blacklisted_subword"
        return True


def decide(f, url: str) -> str:
    result = f.filter(Document(text="", id="x", metadata={"url": url}))
    return "keep" if result is True else REASONS[result[1]]


CLEAN_WORDS = ["news", "sports", "weather", "recipes", "garden", "science", "history", "travel", "music",
               "article", "2024", "index", "page", "blog", "post", "about", "contact", "wiki", "docs", "shop"]
CLEAN_HOSTS = ["example.org", "news.example.org", "www.bbc.co.uk", "blog.example.com.au", "localhost",
               "192.168.0.1", "[2001:db8::1]", "xn--bcher-kva.de", "bücher.de", "my-site.net", "a.b.c.d.e.info"]


def words(path: pathlib.Path) -> list[str]:
    return [w.strip() for w in path.read_text().splitlines() if w.strip() and not w.startswith("#")]


def synthetic_urls(rng: random.Random) -> list[str]:
    assets = pathlib.Path(ASSETS_PATH)
    banned = words(assets / "banned_words.txt")
    soft = words(assets / "soft_banned_words.txt")
    subwords = words(assets / "banned_subwords.txt")
    listed_domains = words(FIXTURES / "url-golden-domains.txt")
    listed_urls = words(FIXTURES / "url-golden-urls.txt")
    urls = [
        "https://example.org/", "http://example.org", "example.org/page", "//example.org/x", "https://EXAMPLE.ORG/",
        "https://example.org/Porn/", "https://example.org/porn", "https://example.org/PORN-videos",
        "https://example.org/sex-tips-nude", "https://example.org/sex/tips", "https://example.org/a-sexy-nude",
        "https://example.org/big-black-cat", "https://example.org/bigblackcat", "https://example.org/analytics",
        "https://user:pass@blocked-domain.com:8080/x", "https://sub.blocked-domain.com/", "https://BLOCKED-DOMAIN.COM/",
        "https://blocked-domain.com./", "https://deep.sub.blocked-sub.example.net/", "https://blocked-sub.example.net/",
        "https://other.example.net/", "https://10.0.0.66/", "http://10.0.0.6/", "https://notblocked-domain.com/",
    ]
    for _ in range(380):
        kind = rng.randrange(9)
        scheme = rng.choice(["https://", "http://", "", "//", "ftp://", "HTTPS://"])
        path = "/".join(rng.choices(CLEAN_WORDS, k=rng.randrange(0, 4)))
        host = rng.choice(CLEAN_HOSTS)
        if kind == 0:  # a listed domain, maybe under subdomains, in any case, with port or user
            d = rng.choice(listed_domains)
            sub = rng.choice(["", "www.", "a.", "x.y."])
            hostname = sub + d
            if rng.random() < 0.3:
                hostname = hostname.upper()
            if rng.random() < 0.2:
                hostname += ":8080"
            if rng.random() < 0.1:
                hostname = "user@" + hostname
            urls.append(f"{scheme}{hostname}/{path}")
        elif kind == 1:  # a listed URL, as listed or with another scheme
            u = rng.choice(listed_urls)
            bare = url_filter.re.sub(r"^([A-Za-z0-9+.-]+:)?//", "", u, count=1)
            urls.append(rng.choice([u, "https://" + bare, "http://" + bare, bare, u + "/"]))
        elif kind == 2:  # a banned word as a URL word, in any case
            w = rng.choice(banned)
            w = rng.choice([w, w.upper(), w.title()])
            sep = rng.choice(["-", "/", "_", ".", "?q="])
            urls.append(f"{scheme}{host}/{path}{sep}{w}{rng.choice(['', '/', '.html', '-1'])}")
        elif kind == 3:  # soft-banned words, one to three, in any case
            ws = rng.sample(soft, rng.randrange(1, 4))
            ws = [rng.choice([w, w.upper()]) for w in ws]
            urls.append(f"{scheme}{host}/" + "-".join(ws + rng.choices(CLEAN_WORDS, k=2)))
        elif kind == 4:  # a banned subword inside other words
            w = rng.choice(subwords)
            urls.append(f"{scheme}{host}/{rng.choice(CLEAN_WORDS)}{w.replace(' ', rng.choice(['', '-', '_']))}x")
        elif kind == 5:  # banned word glued to other letters (not a URL word)
            urls.append(f"{scheme}{host}/{rng.choice(CLEAN_WORDS)}{rng.choice(banned)}{rng.choice(CLEAN_WORDS)}")
        else:  # clean
            urls.append(f"{scheme}{host}/{path}" + rng.choice(["", "/", "?id=7", "#top", ".html"]))
    return urls


def main() -> None:
    datatrove = make_filter(url_filter.URLFilter)
    quarry = make_filter(WithQuarryDifferences)
    differ = collections.Counter()
    for url in synthetic_urls(random.Random(20240605)):
        d, e = decide(datatrove, url), decide(quarry, url)
        if d != e:
            differ[f"{d} -> {e}"] += 1
        print(json.dumps({"url": url, "datatrove": d, "expected": e}, ensure_ascii=False))
    print(f"differences from datatrove: {sum(differ.values())}: {dict(differ)}", file=sys.stderr)


if __name__ == "__main__":
    main()

"""Measures how often Quarry's RuleTokenizer.english gives the same words and sentences as
spaCy 3.8.18 under datatrove 0.10.1 (SpaCyTokenizer("en").word_tokenize / sent_tokenize) on
real documents, and shows the typical differences (--lang xx: RuleTokenizer.generic against
spacy.blank("xx")). Not a fixture: the documents are web text.

Quarry's side is written by a test tool of Tests/QuarryTextTests/RuleTokenizerTests.swift:

  QUARRY_TOKENS_DUMP_INPUT=/work/parity/en-docs.jsonl QUARRY_TOKENS_DUMP_OUTPUT=/tmp/quarry-tokens.jsonl \\
      swift test --filter RuleTokenizerTests/dumpTokens
  .venv-ref/bin/python scripts/reference/spacy_agreement.py /work/parity/en-docs.jsonl /tmp/quarry-tokens.jsonl

Input: JSONL documents with "text"; Quarry's dump has one {"w": [...], "s": [...]} line per
document, in the same order. spaCy's output is cached beside the dump (--spacy-cache) because it
is slow. Prints the share of documents with identical word lists, identical sentence counts and
identical sentence lists, and the most frequent differing word spans.
(spacy==3.8.18, datatrove==0.10.1; see scripts/reference/requirements-reference.txt)
"""
import argparse
import collections
import difflib
import json
import os
from importlib.metadata import version


def spacy_side(docs_path: str, cache: str, lang: str):
    if os.path.exists(cache):
        with open(cache, encoding="utf-8") as f:
            return [json.loads(line) for line in f]
    from datatrove.utils.word_tokenizers import SpaCyTokenizer

    tokenizer = SpaCyTokenizer(lang)
    out = []
    with open(docs_path, encoding="utf-8") as f:
        for line in f:
            text = json.loads(line).get("text", "")
            out.append({"w": tokenizer.word_tokenize(text), "s": tokenizer.sent_tokenize(text)})
    with open(cache, "w", encoding="utf-8") as f:
        for record in out:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("docs")
    parser.add_argument("quarry_dump")
    parser.add_argument("--spacy-cache", default=None, help="default: <quarry_dump>.spacy.jsonl")
    parser.add_argument("--examples", type=int, default=25)
    parser.add_argument("--lang", default="en", help='"en" (RuleTokenizer.english) or "xx" (.generic; dump with '
                        "QUARRY_TOKENS_DUMP_LANGUAGE=xx)")
    args = parser.parse_args()
    assert version("spacy") == "3.8.18" and version("datatrove") == "0.10.1"
    reference = spacy_side(args.docs, args.spacy_cache or args.quarry_dump + ".spacy.jsonl", args.lang)
    with open(args.quarry_dump, encoding="utf-8") as f:
        quarry = [json.loads(line) for line in f]
    assert len(quarry) == len(reference), (len(quarry), len(reference))

    same_words = same_count = same_sentences = 0
    words_total = words_diff = 0
    spans = collections.Counter()
    examples = []
    for index, (ref, got) in enumerate(zip(reference, quarry)):
        words_total += len(ref["w"])
        if ref["w"] == got["w"]:
            same_words += 1
        else:
            matcher = difflib.SequenceMatcher(a=ref["w"], b=got["w"], autojunk=False)
            for tag, a0, a1, b0, b1 in matcher.get_opcodes():
                if tag != "equal":
                    words_diff += max(a1 - a0, b1 - b0)
                    key = (" ".join(ref["w"][a0:a1]), " ".join(got["w"][b0:b1]))
                    spans[key] += 1
                    if len(examples) < args.examples:
                        examples.append((index, key))
        same_count += len(ref["s"]) == len(got["s"])
        same_sentences += ref["s"] == got["s"]
    n = len(reference)
    print(f"documents: {n}, spaCy words: {words_total}")
    print(f"identical word lists:     {same_words}/{n} = {100 * same_words / n:.2f}%")
    print(f"identical sentence count: {same_count}/{n} = {100 * same_count / n:.2f}%")
    print(f"identical sentence lists: {same_sentences}/{n} = {100 * same_sentences / n:.2f}%")
    print(f"words in differing spans: {words_diff} ({100 * words_diff / max(words_total, 1):.4f}% of spaCy's words)")
    if spans:
        print("most frequent differences (spaCy -> Quarry):")
        for (a, b), count in spans.most_common(args.examples):
            print(f"  {count:5d}  {a!r} -> {b!r}")


if __name__ == "__main__":
    main()

"""Writes Tests/QuarryFiltersTests/Fixtures/filter-examples.json: per-rule examples with datatrove's decisions.

Each example is a short text built to keep, or to trip exactly one rule of the Gopher quality,
Gopher repetition, C4 quality or FineWeb quality filter; the fixture records what datatrove 0.10.1
(spaCy 3.8.18 blank `en` tokenizer) decides for every example under all four filters, and for C4
the text it leaves. Quarry's tests assert the same decisions and texts.

usage: .venv-ref/bin/python scripts/reference/filter_examples.py > Tests/QuarryFiltersTests/Fixtures/filter-examples.json
(environment: scripts/reference/requirements-reference.txt)
"""
import json
from importlib.metadata import version

from datatrove.data import Document
from datatrove.pipeline.filters import (C4QualityFilter, FineWebQualityFilter, GopherQualityFilter,
                                        GopherRepetitionFilter)

PROSE = ("The committee met on Tuesday to review the budget and the plans for the new library. "
         "Members agreed that the project should move forward with the design that was chosen last year. "
         "They also discussed how to keep the costs under control while the building is under construction. ")
SENTENCES = [
    "The river flows through the old town and past the mill.",
    "Children play in the park while their parents talk on the benches.",
    "A new bakery opened last week and it already has a long queue every morning.",
    "The museum will host an exhibition of local painters in the spring.",
    "Most people in the village walk or ride bicycles to work.",
    "The mayor said that the bridge would be repaired before the winter.",
    "Tourists often stop at the square to take pictures of the fountain.",
    "The library is open every day except Sunday, and entry is free.",
]
BODY = "\n".join(SENTENCES)


def examples():
    yield "good_prose", BODY + "\n" + PROSE * 2
    yield "empty", ""
    yield "whitespace_only", "   \n\t\n  "
    yield "short_doc", "The cat sat on the mat and that was the end of it."
    yield "long_words", " ".join(["incomprehensibilities", "internationalization", "the", "and"] * 30)
    yield "short_words", " ".join(["a", "to", "be", "of", "the", "and", "it", "is"] * 20)
    yield "hashes", PROSE + " ".join(["#tag"] * 40) + " " + PROSE
    yield "ellipsis_words", PROSE + " ".join(["wait..."] * 40) + " " + PROSE
    yield "bullets", "\n".join(f"- item number {i} of the list that goes on with the and to" for i in range(40))
    yield "bullet_dots", "\n".join(f"• point {i} is about the plan and the cost of it" for i in range(40))
    yield "end_ellipsis", "\n".join(f"The story of the day number {i} continues with the hero and…" for i in range(30))
    yield "non_alpha", PROSE + " " + " ".join(str(1000 + i) for i in range(400))
    yield "no_stop_words", " ".join(["apple", "banana", "cherry", "grape", "lemon", "mango", "olive", "peach"] * 10)
    yield "dup_lines", "\n".join([SENTENCES[0]] * 10 + SENTENCES)
    yield "dup_paragraphs", "\n\n".join([PROSE] * 5 + SENTENCES)
    yield "dup_line_chars", "\n".join(SENTENCES + [PROSE * 3] * 2)
    yield "top_2_gram", PROSE + " ".join(["hello world"] * 200)
    yield "top_3_gram", PROSE + " ".join(["buy cheap shoes", "today"] * 60)
    yield "dup_5_grams", PROSE + " ".join(f"one two three four five word{i}" for i in range(60))
    yield "dup_10_grams", (PROSE + " ") * 3
    yield "no_terminal_punct", "\n".join(s.rstrip(".") for s in SENTENCES)
    yield "few_words_lines", "\n".join(["Yes.", "No way.", "Go!", "Stop now."] * 5)
    yield "lorem_ipsum", BODY + "\nLorem ipsum dolor sit amet, consectetur adipiscing elit."
    yield "javascript_line", BODY + "\nPlease enable JavaScript to view the comments."
    yield "curly_bracket", BODY + "\nThe function returns {a: 1} to the caller."
    yield "policy_line", BODY + "\nBy using this site you agree to our Privacy Policy."
    yield "citations", "\n".join(s[:-1] + "[1]." for s in SENTENCES) + "\nSee the notes [edit] and more [citation needed]."
    yield "few_sentences", "\n".join(SENTENCES[:3])
    yield "ellipsis_line_end", "\n".join(s[:-1] + "..." for s in SENTENCES)
    yield "long_word_line", BODY + "\n" + "x" * 1200 + " is a long word."
    yield "line_punct_ratio", "\n".join(["Home", "About us", "Contact", "Products and services", "News"] * 4 + [SENTENCES[0]])
    yield "short_lines", "\n".join([f"Short line {i}." for i in range(20)] + SENTENCES[:2])
    yield "char_dup", "\n".join(SENTENCES + [SENTENCES[1]])
    yield "list_ratio", "\n".join(f"Apples {i}." for i in range(50))
    yield "list_ratio_lines", "\n".join(f"Extraordinarilywonderfulthing number{i}." for i in range(30))
    yield "unicode_mix", "Ｔｈｅ ｆｕｌｌ－ｗｉｄｔｈ text — “quoted” — and the café's naïve résumé.\n" + BODY
    yield "crlf_lines", BODY.replace("\n", "\r\n") + "\r\n" + PROSE
    yield "contractions", ("I don't think we'll go, but they're sure it's the right day and that's fine. " * 12)
    yield "urls_and_mail", PROSE + " Visit https://example.com/path?q=1 or write to info@example.org today. " * 3


def decide(f, text):
    doc = Document(text=text, id="x")
    try:
        out = f.filter(doc)
    except ZeroDivisionError:
        return {"decision": "error"}, None
    if out is True or out == (True, None):
        return {"decision": "keep"}, doc.text
    if isinstance(out, tuple):
        return {"decision": out[1]}, None
    return {"decision": "keep" if out else "drop"}, doc.text if out else None


def main():
    filters = {
        "gopher_quality_v1": GopherQualityFilter,
        "gopher_repetition_v1": GopherRepetitionFilter,
        "c4_quality_v1": C4QualityFilter,
        "fineweb_quality_v1": FineWebQualityFilter,
    }
    rows = []
    for name, text in examples():
        row = {"name": name, "text": text}
        for stage, cls in filters.items():
            result, after = decide(cls(), text)
            row[stage] = result["decision"]
            if stage == "c4_quality_v1" and result["decision"] == "keep":
                row["c4_text"] = after
        rows.append(row)
    print(json.dumps({"made_with": {"datatrove": version("datatrove"), "spacy": version("spacy")},
                      "examples": rows}, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()

"""Writes the golden token fixtures of RuleTokenizer (Tests/QuarryTextTests/RuleTokenizerTests.swift):
spaCy's words and sentences, as datatrove 0.10.1 computes them (SpaCyTokenizer.word_tokenize and
sent_tokenize: `spacy.blank(lang)` + the sentencizer, whitespace-only tokens removed, sentences
stripped), for hand-written strings and seeded random concatenations of tricky pieces.

  Tests/QuarryTextTests/Fixtures/spacy-en-tokens.jsonl       English (spacy.blank("en"))
  Tests/QuarryTextTests/Fixtures/spacy-generic-tokens.jsonl  base language (spacy.blank("xx"))

One JSON object per line: {"t": text, "w": [words], "s": [sentences]}. Deterministic: same
seed, same output.

usage: .venv-ref/bin/python scripts/reference/spacy_tokens.py [--out-dir Tests/QuarryTextTests/Fixtures]
(spacy==3.8.18, datatrove==0.10.1; see scripts/reference/requirements-reference.txt)
"""
import argparse
import json
import os
import random
from importlib.metadata import version

from datatrove.utils.word_tokenizers import SpaCyTokenizer

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))

WORDS = ["the", "The", "THE", "word", "Words", "cat's", "James'", "O'Neil", "rock'n'roll", "naïve", "café",
         "Straße", "über", "Ελλάδα", "москва", "Київ", "עברית", "العربية", "हिन्दी", "ไทย", "한국어", "中文",
         "日本語です", "カタカナ", "e\u0301t\u0301e\u0301", "ﬁne", "Ａｂｃ", "ǅemal", "İstanbul", "ıi", "x", "I", "a",
         "A", "ok", "OK", "hello", "World", "USA", "U.S.A", "NASA", "iPhone", "eBay", "x86_64", "snake_case",
         "camelCase", "C++", "C#", "F#", ".NET", "Node.js", "a1b2", "abc123", "123abc", "2nd", "3rd", "4th",
         "1990s", "'90s", "ll", "s", "S", "re", "ve", "em", "m", "d", "t", "nt", "n't", "'", "''", "'''"]
CONTRACTIONS = ["don't", "Don't", "DON'T", "dont", "Dont", "DONT", "can't", "Can't", "CAN'T", "cant", "cannot",
                "Cannot", "won't", "Won't", "WON'T", "wont", "ain't", "Ain't", "aint", "y'all", "Y'all", "yall",
                "'tis", "'Tis", "I'm", "i'm", "Im", "im", "I'ma", "you're", "You're", "YOU'RE", "youre",
                "we'll", "We'll", "well", "it's", "It's", "its", "IT'S", "she'd", "She'd", "shed", "would've",
                "would'nt", "wouldn't", "couldn't've", "shouldn't", "gonna", "Gonna", "gotta", "wanna", "lemme",
                "gimme", "let's", "Let's", "LET'S", "o'clock", "ma'am", "Ma'am", "'cause", "'Cause", "cuz",
                "'bout", "'em", "'ll", "'re", "'s", "'S", "'d", "'ve", "'m", "n't", "N'T", "he's", "He’s",
                "don’t", "Don’t", "can’t", "I’m", "you’re", "it’s", "’s", "’S", "‘tis", "doesn`t", "there's",
                "What's", "whats", "Who's", "how'd", "Howd", "nothin'", "goin'", "ol'", "y’all", "c'mon", "C'mon"]
ABBREVIATIONS = ["e.g.", "E.g.", "E.G.", "i.e.", "I.e.", "etc.", "etc", "vs.", "vs", "Mr.", "Mrs.", "Ms.", "Dr.",
                 "Prof.", "St.", "Jr.", "Sr.", "Inc.", "Ltd.", "Co.", "Corp.", "No.", "no.", "Jan.", "Feb.",
                 "Sept.", "Dec.", "a.m.", "p.m.", "A.M.", "P.M.", "10a.m.", "10p.m.", "5a.m.", "12p.m.", "am",
                 "pm", "U.S.", "U.K.", "U.S.A.", "N.Y.", "Calif.", "Mass.", "Wash.", "Ala.", "a.", "b.", "z.",
                 "ä.", "ö.", "ü.", "A.", "Z.", "x.", "ca.", "approx.", "fig.", "Fig.", "p.", "pp.", "vol.",
                 "ed.", "cf.", "Ph.D.", "Ph.D", "M.D.", "B.A.", "D.C.", "L.A.", "U.N.", "o.k.", "O.K."]
URLS = ["http://example.com", "https://www.example.com/path/to/page.html", "http://example.com/foo.",
        "https://example.com/?q=1&r=2#frag", "www.example.org", "example.com", "example.co.uk/a",
        "sub.domain.example.io:8080/x", "localhost:8080", "http://localhost:8080/", "ftp://files.example.net/a.zip",
        "user@example.com", "first.last+tag@mail.example.org", "mailto:me@example.com", "me@localhost",
        "192.168.1.1", "8.8.8.8", "8.8.8.8:53/dns", "10.0.0.1", "127.0.0.1:80", "172.16.0.1", "172.32.0.1",
        "224.0.0.1", "1.2.3.4", "255.255.255.255", "1.2.3", "http://1.2.3.4/x", "//example.com", "http://例子.测试",
        "http://пример.рф/путь", "https://de.wikipedia.org/wiki/Straße", "example.COM", "Example.Com", "a.b",
        "a.bc", "x.y.z", "foo.bar.baz/qux", "file.txt", "index.html", "script.js", "v1.2.3", "3.14.15",
        "github.com/user/repo", "t.co/AbC123", "bit.ly/x", "http://example.com:99999", "http://ex-ample.com",
        "http://-bad.com", "http://bad-.com", "http://a_b.com", "https://example.com.", "(http://example.com)",
        "<https://example.com>", "\"www.example.com\"", "http://example.com/path)", "www.example.com,",
        "https://example.com/a_(b)", "http://x.com/😀", "http://x.com/a…b", "https://xn--80ak6aa92e.com",
        "user:pass@host.com", "a@b@c.com", "@handle", "#hashtag", "http://", "https://.com", "s3://bucket.name/key"]
EMOTICONS = [":)", ":-)", ":))", ":-))", ":)))", "(:", "(-:", "=)", "(=", ":]", ":-]", "[:", "[-:", "[=", "=]",
             ":o)", "(o:", ":}", ":-}", "8)", "8-)", "(-8", ";)", ";-)", "(;", "(-;", ":(", ":-(", ":((", ":-((",
             "):", ")-:", "=(", ">:(", ":')", ":'-)", ":'(", ":'-(", ":/", ":-/", "=/", "=|", ":|", ":-|", "]=",
             "=[", ":1", ":P", ":-P", ":p", ":-p", ":O", ":-O", ":o", ":-o", ":0", ":-0", ":()", ">:o", ":*",
             ":-*", ":3", ":-3", "=3", ":>", ":->", ":X", ":-X", ":x", ":-x", ":D", ":-D", ";D", ";-D", "=D",
             "xD", "XD", "xDD", "XDD", "8D", "8-D", "^_^", "^__^", "^___^", ">.<", ">.>", "<.<", "._.", ";_;",
             "-_-", "-__-", "v.v", "V.V", "v_v", "V_V", "o_o", "o_O", "O_o", "O_O", "0_o", "o_0", "0_0", "o.O",
             "O.o", "O.O", "o.o", "0.0", "o.0", "0.o", "@_@", "<3", "<33", "<333", "</3", "(^_^)", "(-_-)",
             "(._.)", "(>_<)", "(*_*)", "(¬_¬)", "ಠ_ಠ", "ಠ︵ಠ", "(ಠ_ಠ)", "¯\\(ツ)/¯", "(╯°□°）╯︵┻━┻", "><(((*>",
             ":-))))", "xDDD", ";-)))", "<3333", "C++", "\\n", "\\t", "\\\")", "<space>", "°C.", "°F.", "°K.",
             "°c.", "°C", "5°C.", "5°C", "-40°F.", "30°"]
NUMBERS = ["3", "42", "3.5", "3,5", "1,000", "1,000,000", "1.000.000", "10%", "10 %", "%10", "$5", "$5.00", "5$",
           "US$5", "5US$", "C$10", "A$3", "€10", "10€", "£3.50", "¥100", "₹500", "₿0.1", "5₽", "10km", "10km.",
           "5kg", "5kg.", "3.5mm", "12cm²", "100m/s", "60km/h", "60mph", "5ft", "6in", "2lb", "8oz", "16GB",
           "500MB", "1TB", "3T", "5G", "10M", "5K", "10K.", "3x4", "3*4", "2+2", "2^8", "1-2", "1--2", "-5", "+5",
           "+a", "+", "5+", "C+", "+-", "1/2", "3:30", "12:30pm", "10:00am", "1990-2000", "2020-01-01", "#1",
           "No.1", "no.5", "5th.", "1.", "1.5.", "2.0.", "3..", "v2", "0.5km", "5km/h.", "5м", "10кг", "5 км",
           "10كم", "20мб", "7тб", "5°", "5°C", "5°F.", "98.6°F", "1e10", "1E-5", "0x1F", "½", "²", "5²", "5x",
           "5X", "12kmh", "5hPa", "30mbar", "3mb", "2Kb", "4KB", "9gb", "1tb", "7ha", "3µm", "4µg", "2nm", "5yd",
           "5dm³", "5t", "5g.", "5m.", "5M.", "5 m."]
HYPHENATED = ["well-known", "Well-Known", "state-of-the-art", "5-star", "e-mail", "E-Mail", "x-ray", "A--B",
              "a--b", "a---b", "a----b", "x—y", "x–y", "x~y", "x——y", "x-", "-x", "--x", "x--", "-", "--", "---",
              "—", "–", "——", "~", "1-a", "a-1", "1-1", "1—a", "a—1", "co-op", "re-enter", "non-ASCII",
              "café-bar", "Москва-река", "日本-中国", "T-shirt", "U-turn", "up-to-date", "twenty-one", "A-",
              "-A", "a-", "ÉTÉ-été", "x-_-y", "a-b-c-d-e", "a~b~c", "—word—", "–word–"]
ELLIPSES = ["...", "..", "....", ".....", "…", "……", "word...", "word..", "word.", "...word", "..word",
            "word...word", "word…", "…word", "word…word", "word……word", "a..b", "a...B", "a.b", "a.B", "A.B",
            "a.B.c", "end.Start", "end.\"Start", "end.'Start", "“end.”", "x.x.x", ". . .", "!!!", "?!", "?!?",
            "!?", "??", "...!", "!...", "?..", "。。。", "！", "？", "。", "．", "｡", "‼", "⁉", "‽", "؟", "।", "॥",
            "۔", "፧"]
QUOTES = ["'", '"', "”", "“", "`", "‘", "´", "’", "‚", ",", "„", "»", "«", "「", "」", "『", "』", "（", "）",
          "〔", "〕", "【", "】", "《", "》", "〈", "〉", "〈", "〉", "⟦", "⟧", "''", '""', "``", "‹", "›", "'word'",
          '"word"', "“word”", "‘word’", "«word»", "»word«", "„word“", "「言葉」", "(word)", "[word]", "{word}",
          "<word>", "('word')", '("word")', "'(word)'", "word'", "'word", "word’", "’word", "words'", "''word''",
          '"quoted."', "'quoted.'", "“quoted.”", "(paren.)", "[1]", "[a]", "(1)", "(a)", "(ii)", "word)",
          "(word", "word]", "[word", "word}", "{word"]
PUNCT = [",", ":", ";", "!", "?", "¿", "¡", "(", ")", "[", "]", "{", "}", "<", ">", "_", "#", "*", "&", "。", "？",
         "！", "，", "、", "；", "：", "～", "·", "।", "،", "۔", "؛", "٪", "§", "%", "=", "—", "–", "+", "/", "\\",
         "|", "@", "^", "$", "€", "£", "¥", "©", "®", "°", "™", "•", "◦", "→", "←", "★", "☆", "♥", "✓", "✔", "✗",
         "¶", "†", "‡", "※", "¦", "‰", "′", "″", "×", "÷", "±", "≤", "≥", "≠", "∞", "√", "∑", "µ", "¬", "¯",
         "¨", "·", "‐", "‑", "‒", "―", "⁄", "℃", "№", "™", "℠", "⌘", "⌚", "☀", "☎", "☺", "♪", "✂", "❤", "➡",
         "⬆", "〜", "﹏", "＿", "＃", "＆", "＊", "＠", "￥", "￡"]
LINES = ["-----", "=====", "*****", "#####", "_____", "~~~~~", "+++++", "/////", "|||||", "......", "------>",
         "<------", "<!-- comment -->", "/* c */", "// c", "#!/bin/sh", "===>", "=>", "->", "<-", "<=", ">=",
         "!=", "==", "&&", "||", "::", ":=", "**bold**", "__init__", "*emph*", "_emph_", "`code`", "~~s~~",
         "[link](http://x.com)", "![img](a.png)", "<b>bold</b>", "<br/>", "&amp;", "&nbsp;", "&#39;", "a&b",
         "AT&T", "Q&A", "R&D", "a/b", "and/or", "km/h", "w/o", "c/o", "N/A", "n/a", "TCP/IP", "he/she",
         "24/7", "1/2/2020", "a\\b", "C:\\Windows", "~/path", "./run.sh", "../up", "/usr/bin", "@user",
         "#tag", "$var", "%d", "{{x}}", "${x}", "f(x)", "f(x,y)", "a[i]", "x=1", "x==y", "a<b", "a>b",
         "a<=b", "a:b", "a:1", "1:a", "a=b", "1=a", "a/1", "1/a", "ab:cd", "Re:", "RE:", "Fwd:", "Note:",
         "Q:", "A:", "1:", "10:", "a:", ":a", "http:", "https:"]
EMOJI = ["😀", "👍", "👍🏽", "🇺🇸", "🇬🇧", "❤️", "❤", "✨", "🔥", "👨‍👩‍👧", "🏳️‍🌈", "😂😂", "🙂", "🤔", "🎉",
         "💯", "⭐", "☕", "⚽", "🚀", "1️⃣", "#️⃣", "©️", "™️", "word😀", "😀word", "word😀word", "😀.", "😀!", "(😀)",
         "🀄", "🃏", "🅰", "🆗", "🈯", "🌍", "🧡", "🪐", "🫠", "𝐀𝐁𝐂", "𝔸", "𓀀", "𠀀", "𡀀", "𪀀", "𫝀"]
SPACES = [" ", " ", " ", " ", "  ", "   ", "\t", "\n", "\n\n", "\r\n", " \n", "\n ", " \t ", "\xa0", "\u2003",
          "\u3000", "\u2009", "\u202f", "\u205f", "\u1680", "\u2028", "\u2029", "\x0b", "\x0c", "\x1c", "\x1f",
          "\x85", "\r", "\u200b", "\ufeff", "\u00ad", "", "", ""]
PIECE_SETS = [WORDS, WORDS, WORDS, CONTRACTIONS, ABBREVIATIONS, URLS, EMOTICONS, NUMBERS, HYPHENATED, ELLIPSES,
              QUOTES, PUNCT, PUNCT, LINES, EMOJI]

HAND_WRITTEN = [
    "", " ", "  ", "\n", "\n\n", "\t", " \n ", "\xa0", "a", " a", "a ", " a ", "a  b", "a \n b", "a\n b", "a \nb",
    "Hello, world!", "Hello world. This is a test.", "Is it? Yes! No... Maybe.", "Hi.\n!", "Hi. !", "Hi.!",
    "Hi. \"Quoted.\" Next.", "He said \"Stop.\" Then left.", "Ends with dot.", "No final punctuation",
    "One. Two. Three.", "Wait... what?", "U.S. is big. So is the U.K. Right?", "Dr. Smith went home.",
    "It costs $5.00. Really!", "Version 2.0. Released.", "(Parenthetical.) Sentence.", "Line one\nLine two",
    "Line one.\nLine two.", "Para one.\n\nPara two.", "First.\tSecond.", "A.\xa0B.", "x:)", "x:-)", "x:)y",
    ":):)", ":) :)", "hello :) world", "8 ):x", "(a.m.)", "word''", "''word", "w''w", "('s)", "x's", "x'S",
    "rock'n'roll", "don't.", "(don't)", "\"don't\"", "don't!", "DON'T!", "can't've", "y'all'd've", "'tis'",
    "10a.m.", "10a.m", "10 a.m.", "10am", "10AM", "5p.m.)", "e.g.,", "(e.g.", "i.e.:", "etc.)", "etc.,",
    "U.S.A.!", "http://example.com.", "(www.example.com).", "email me@x.com.", "see:http://x.com",
    "a-b", "a - b", "5-star", "5 - star", "1-2-3", "x--y--z", "a—b—c", "what?!", "no!!!", "yes???",
    "°C.", "5°C.", "It was 30°C.", "temp:-5°F.", "\\n", "\\t", "C++", "C++.", "(C++)", "<space>", "\\\")",
    "ﬁ", "Ⅻ", "①", "½", "a\u0301", "\u0301a", "\u0301", "e\u0301.", "e\u0301-e\u0301", "Ä.", "ä.", "ä.b",
    "x" * 300, "a." * 100, "-" * 100, "." * 100, "…" * 50, "😀" * 50, "a-" * 80, "(" * 50 + "x" + ")" * 50,
    "'" * 30, ":)" * 20, "http://" + "a" * 70 + ".com", "a" * 65 + ".com", "a" * 64 + ".com",
    "x." + "a" * 63, "x." + "a" * 64, "a.b" * 40, "1.2" * 40, "1" * 100, "@" * 20 + "x.com",
    "中文句子。第二句！第三句？", "日本語の文。次の文。", "Ελληνικά. Και άλλα.", "Русский текст. Ещё.",
    "Mixed 中文 and English.", "Tab\tseparated\tvalues", "Windows\r\nline\r\nendings",
    "nbsp\xa0separated\xa0words", "em\u2003space", "ideographic\u3000space", "zero\u200bwidth",
    "soft\u00adhyphen", "\ufeffBOM at start", "trailing spaces   ", "   leading spaces",
    "multiple     spaces", "\x1cfile\x1dgroup\x1erecord\x1funit", "next\x85line", "line\u2028sep",
    "It's 5:30pm. Let's go!", "He's 6'2\" tall.", "She said, 'Hi.'", "“Smart quotes.” Next.",
    "‘Single smart.’ Next.", "«French.» Next.", "「Japanese。」 Next.", "(Nested (parens).) End.",
    "[Citation needed.] End.", "End?\" he asked.", "End!' she said.", "Really?! Yes.", "Ok.. fine.",
    "a.b.c.d", "A.B.C.D.", "end.Next sentence", "end,next", "end;next", "end:next", "1,000.50",
    "1.000,50", "$1,000.50.", "50%.", "(50%)", "#1.", "No. 1.", "p. 5.", "pp. 5-10.", "vol. 3, no. 2.",
    "This is the end", "?", "!", ".", "...", "?!", "。", ". . .", "! ! !", "a . b", "a .b", "a. b",
    "8):x", "8 ):x ):y", "( ):x", "x.)):", "f(**kwargs):", "def f(self, x):\n    return x", "a :):)",
    ":):):)", "x:):)", "w'''", "x-a.", "x-a. b-c.", "(:)", "if (a):", "print('x'):", "a(b)):", "[1]):",
    "8 (:", "x (-:", "x 8-)", ";) :)", "(8 ):", "b.) x", "the 'em' x'em", "f''(x)", "a''b", "'" * 3, "'" * 4,
]


def cases(seed: int, count: int):
    rng = random.Random(seed)
    out = list(HAND_WRITTEN)
    for _ in range(count):
        n = rng.randint(1, 12)
        parts = []
        for _ in range(n):
            pieces = rng.choice(PIECE_SETS)
            parts.append(rng.choice(pieces))
            r = rng.random()
            parts.append(" " if r < 0.55 else "" if r < 0.8 else rng.choice(SPACES))
        out.append("".join(parts))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out-dir", default=os.path.join(REPO, "Tests", "QuarryTextTests", "Fixtures"))
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--count", type=int, default=3000)
    args = parser.parse_args()
    assert version("spacy") == "3.8.18" and version("datatrove") == "0.10.1"
    for lang, name, seed_offset, count in [("en", "spacy-en-tokens.jsonl", 0, args.count),
                                           ("xx", "spacy-generic-tokens.jsonl", 1, args.count // 3)]:
        tokenizer = SpaCyTokenizer(lang)
        path = os.path.join(args.out_dir, name)
        with open(path, "w", encoding="utf-8") as f:
            for text in cases(args.seed + seed_offset, count):
                record = {"t": text, "w": tokenizer.word_tokenize(text), "s": tokenizer.sent_tokenize(text)}
                f.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
        print(f"wrote {path}")


if __name__ == "__main__":
    main()

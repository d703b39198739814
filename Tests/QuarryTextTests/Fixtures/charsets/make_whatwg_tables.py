#!/usr/bin/env python3
"""Writes whatwg-<charset>.txt: what the WHATWG Encoding Standard's decoder gives for every
two-byte sequence of a multi-byte encoding, from the standard's index files. One line per lead
byte (in order), holding the decodings of that lead with each trail byte in order, joined; an
unmapped pair is U+FFFD, followed by the trail byte when that is ASCII (the decoder hands an
ASCII trail back to be decoded again). Usage (Python 3.11):
    python3 make_whatwg_tables.py PATH/TO/whatwg-encoding   # a checkout; we used commit a985b62
"""
import pathlib
import sys

source = pathlib.Path(sys.argv[1])
here = pathlib.Path(__file__).parent


def index(name):
    table = {}
    for line in (source / f"index-{name}.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            pointer, code_point = line.split("\t")[:2]
            table[int(pointer)] = chr(int(code_point, 16))
    return table


def write(charset, leads, trails, pointer, lookup):
    lines = []
    for lead in leads:
        out = []
        for trail in trails:
            text = lookup(pointer(lead, trail))
            out.append(text if text is not None else "\ufffd" + (chr(trail) if trail < 0x80 else ""))
        lines.append("".join(out))
    (here / f"whatwg-{charset}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


jis0208, euc_kr, gb18030, big5 = index("jis0208"), index("euc-kr"), index("gb18030"), index("big5")
sjis_trails = list(range(0x40, 0x7F)) + list(range(0x80, 0xFD))
write("shift_jis", list(range(0x81, 0xA0)) + list(range(0xE0, 0xFD)), sjis_trails,
      lambda l, t: (l - 0x81 if l < 0xA0 else l - 0xC1) * 188 + t - (0x40 if t < 0x7F else 0x41),
      lambda p: chr(0xE000 - 8836 + p) if 8836 <= p <= 10715 else jis0208.get(p))
write("euc-kr", range(0x81, 0xFF), range(0x41, 0xFF), lambda l, t: (l - 0x81) * 190 + t - 0x41, euc_kr.get)
write("gbk", range(0x81, 0xFF), list(range(0x40, 0x7F)) + list(range(0x80, 0xFF)),
      lambda l, t: (l - 0x81) * 190 + t - (0x40 if t < 0x7F else 0x41), gb18030.get)
special = {1133: "\u00ca\u0304", 1135: "\u00ca\u030c", 1164: "\u00ea\u0304", 1166: "\u00ea\u030c"}
write("big5", range(0x81, 0xFF), list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)),
      lambda l, t: (l - 0x81) * 157 + t - (0x40 if t < 0x7F else 0x62), lambda p: special.get(p) or big5.get(p))
write("euc-jp", range(0xA1, 0xFF), range(0xA1, 0xFF), lambda l, t: (l - 0xA1) * 94 + t - 0xA1, jis0208.get)
for charset in ["shift_jis", "euc-kr", "gbk", "big5", "euc-jp"]:
    print(f"whatwg-{charset}.txt: {(here / f'whatwg-{charset}.txt').stat().st_size} bytes")

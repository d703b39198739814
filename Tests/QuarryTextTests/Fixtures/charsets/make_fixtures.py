#!/usr/bin/env python3
"""Encodes each hand-written UTF-8 page in utf8/ into the charset its name ends with, using
Python's own codecs (an implementation independent of ICU and of Quarry), strict errors.
Run from this folder: python3 make_fixtures.py  (Python 3.11)."""
import pathlib

CODECS = {  # file-name suffix -> (Python codec, byte order mark)
    "windows-1250": ("cp1250", b""),
    "windows-1251": ("cp1251", b""),
    "windows-1252": ("cp1252", b""),
    "iso-8859-2": ("iso8859_2", b""),
    "iso-8859-15": ("iso8859_15", b""),
    "gbk": ("gbk", b""),
    "gb18030": ("gb18030", b""),
    "big5": ("big5", b""),
    "shift_jis": ("cp932", b""),  # WHATWG shift_jis is Windows-31J (code page 932)
    "euc-jp": ("euc_jp", b""),
    "euc-kr": ("cp949", b""),  # WHATWG euc-kr is Unified Hangul Code (code page 949)
    "koi8-r": ("koi8_r", b""),
    "iso-2022-jp": ("iso2022_jp", b""),
    "utf-16le-bom": ("utf_16_le", b"\xff\xfe"),
    "utf-16be-bom": ("utf_16_be", b"\xfe\xff"),
    "utf-8-bom": ("utf_8", b"\xef\xbb\xbf"),
}

here = pathlib.Path(__file__).parent
for source in sorted((here / "utf8").glob("*.html")):
    stem = source.stem.removesuffix("-nometa")
    suffix = next(s for s in sorted(CODECS, key=len, reverse=True) if stem.endswith("-" + s))
    codec, bom = CODECS[suffix]
    encoded = bom + source.read_text(encoding="utf-8").encode(codec, errors="strict")
    (here / source.name).write_bytes(encoded)
    print(f"{source.name}: {codec}{' + BOM' if bom else ''}, {len(encoded)} bytes")

# Python's decoding of bytes 0x80-0xFF in each single-byte encoding Python knows, for checking
# Quarry's WHATWG tables against an independent source: "name<TAB>byte<TAB>code point", with
# "-" where Python's codec has no mapping.
SINGLE_BYTE = {
    "ibm866": "cp866", "iso-8859-2": "iso8859_2", "iso-8859-3": "iso8859_3", "iso-8859-4": "iso8859_4",
    "iso-8859-5": "iso8859_5", "iso-8859-6": "iso8859_6", "iso-8859-7": "iso8859_7", "iso-8859-8": "iso8859_8",
    "iso-8859-10": "iso8859_10", "iso-8859-13": "iso8859_13", "iso-8859-14": "iso8859_14",
    "iso-8859-15": "iso8859_15", "iso-8859-16": "iso8859_16", "koi8-r": "koi8_r", "koi8-u": "koi8_u",
    "macintosh": "mac_roman", "windows-874": "cp874", "windows-1250": "cp1250", "windows-1251": "cp1251",
    "windows-1252": "cp1252", "windows-1253": "cp1253", "windows-1254": "cp1254", "windows-1255": "cp1255",
    "windows-1256": "cp1256", "windows-1257": "cp1257", "windows-1258": "cp1258", "x-mac-cyrillic": "mac_cyrillic",
}
rows = []
for name, codec in SINGLE_BYTE.items():
    for byte in range(0x80, 0x100):
        try:
            code_point = "%04X" % ord(bytes([byte]).decode(codec))
        except UnicodeDecodeError:
            code_point = "-"
        rows.append(f"{name}\t{byte:02X}\t{code_point}\n")
(here / "python-single-byte.tsv").write_text("".join(rows))
print(f"python-single-byte.tsv: {len(rows)} rows")

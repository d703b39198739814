"""Readers for the Debian packages that hold Quarry's language-ID text (issue 7 item 3):
gettext catalogues (.po/.mo, any package) and prose documents (man pages, HTML/Mallard help,
fortunes). Package list and licences: scripts/lid/README.md.

Formats followed: GNU gettext manual, "The Format of GNU MO Files" and "The Format of PO
Files"; groff_man(7) for man pages (only the text-bearing macros are kept).
Standard library only.
"""
import ast
import gzip
import html
import os
import re
import struct
import subprocess

from lidtext import FMT, WS, clean_ui, mostly_text, norm_lang, sentences

# ---------------------------------------------------------------- package lists (bookworm)
MANPAGES = ("cs da de el es fi fr hu id it ja mk nb nl pl pt-br ro ru sr sv tr uk vi zh").split()
FORTUNES = "zh bg br cs de eo es ga it pl ru".split()
LO_HELP = ("ca cs da de dz el en-us es et eu fi fr gl hi hu id it ja km ko nl om pl pt pt-br ru sk sl "
           "sv tr vi zh-cn zh-tw").split()
DEBS_DOCS = (["manpages-" + l for l in MANPAGES] + ["fortunes-" + l for l in FORTUNES]
             + ["libreoffice-help-" + l for l in LO_HELP]
             + ["debian-handbook", "installation-guide-amd64", "iso-codes", "gnome-user-docs", "vlc-l10n",
                "harden-doc", "apache2-doc", "locales", "apt", "dpkg", "debconf-i18n", "gimp-data",
                "xkb-data", "tuxpaint-data", "inkscape", "util-linux-locales", "coreutils"]
             + ["debian-reference-" + l for l in "de en es fr id it ja pt zh-cn zh-tw".split()]
             + ["debian-faq-" + l for l in "ko ru ja zh-cn".split()])
DEBS_MO = ["wesnoth-1.16-data", "libgtk-3-common", "libglib2.0-data", "gnome-control-center-data",
           "nautilus-data", "cinnamon-l10n", "mate-desktop-common", "gnome-shell-common", "evince-common",
           "gedit-common"]
LO_L10N_GLOB = "^libreoffice-l10n-"


def download(work):
    """apt-get download + dpkg-deb -x into WORK/x (docs, full trees) and WORK/x2 (*.mo only)."""
    def sh(cmd, cwd=None):
        print("+", cmd if isinstance(cmd, str) else " ".join(cmd), flush=True)
        return subprocess.run(cmd, cwd=cwd, check=True, shell=isinstance(cmd, str),
                              stdout=subprocess.PIPE, text=True).stdout
    lo = [l.split()[0] for l in sh("apt-cache search --names-only '%s'" % LO_L10N_GLOB).splitlines()]
    for sub, pkgs in (("debs", DEBS_DOCS), ("debs2", DEBS_MO + sorted(lo))):
        d = os.path.join(work, sub)
        os.makedirs(d, exist_ok=True)
        sh(["apt-get", "download"] + pkgs, cwd=d)
    for sub, xdir, full in (("debs", "x", True), ("debs2", "x2", False)):
        for f in sorted(os.listdir(os.path.join(work, sub))):
            if not f.endswith(".deb"):
                continue
            out = os.path.join(work, xdir, f.split("_")[0])
            os.makedirs(out, exist_ok=True)
            deb = os.path.join(work, sub, f)
            if full:
                sh(["dpkg-deb", "-x", deb, out])
            else:
                sh("dpkg-deb --fsys-tarfile '%s' | tar -x -C '%s' --wildcards '*.mo'" % (deb, out))
    return [os.path.join(work, "x"), os.path.join(work, "x2")]


# ---------------------------------------------------------------- gettext catalogues
SKIP_NAMES = {"LC_MESSAGES", "po", "locale", "share", "usr", "help", "C"}


def lang_from_path(path):
    parts = path.split(os.sep)
    if "LC_MESSAGES" in parts:
        i = parts.index("LC_MESSAGES")
        return norm_lang(parts[i - 1]) if i > 0 else None
    stem = os.path.basename(path).rsplit(".", 1)[0]
    for cand in (stem, stem.rsplit(".", 1)[-1], stem.rsplit("-", 1)[-1], stem.rsplit("_", 1)[-1]):
        if cand not in SKIP_NAMES:
            lang = norm_lang(cand)
            if lang:
                return lang
    return None


def header_field(header, name):
    for line in header.splitlines():
        if line.lower().startswith(name.lower() + ":"):
            return line.split(":", 1)[1].strip()
    return ""


def read_mo(path):
    """-> (header, [(msgid, msgstr)]) ; plural forms give one pair each."""
    data = open(path, "rb").read()
    if len(data) < 28:
        return "", []
    magic = struct.unpack("<I", data[:4])[0]
    end = "<" if magic == 0x950412de else ">" if magic == 0xde120495 else None
    if end is None:
        return "", []
    _, n, oo, to = struct.unpack(end + "4I", data[4:20])
    raw = []
    for i in range(n):
        ol, op = struct.unpack(end + "2I", data[oo + 8 * i: oo + 8 * i + 8])
        tl, tp = struct.unpack(end + "2I", data[to + 8 * i: to + 8 * i + 8])
        raw.append((data[op:op + ol], data[tp:tp + tl]))
    header = next((t for m, t in raw if m == b""), b"").decode("utf-8", "replace")
    cs = re.search(r"charset=([\w-]+)", header)
    enc = cs.group(1) if cs else "utf-8"
    try:
        "".encode(enc)
    except LookupError:
        enc = "utf-8"
    out = []
    for m, t in raw:
        if not m:
            continue
        mid = m.split(b"\x04")[-1].split(b"\x00")[0].decode(enc, "replace")
        for s in t.split(b"\x00"):
            out.append((mid, s.decode(enc, "replace")))
    return header, out


def _unquote(s):
    s = s.strip()
    try:
        return ast.literal_eval(s) if s.startswith('"') else ""
    except Exception:
        return s.strip('"')


def read_po(path):
    """-> (header, [(msgid, msgstr)]) for non-fuzzy, non-obsolete entries."""
    header, entries, block = "", [], []

    def handle(block):
        nonlocal header
        fuzzy = any(l.startswith("#,") and "fuzzy" in l for l in block)
        fields, k = {}, None
        for l in block:
            if l.startswith("#"):
                continue
            m = re.match(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(\".*)$", l)
            if m:
                k = m.group(1)
                fields[k] = _unquote(m.group(2))
            elif l.startswith('"') and k:
                fields[k] += _unquote(l)
        if "msgid" not in fields:
            return
        strs = [v for kk, v in fields.items() if kk.startswith("msgstr")]
        if fields["msgid"] == "":
            header = strs[0] if strs else ""
        elif not fuzzy:
            entries.extend((fields["msgid"], s) for s in strs)

    with open(path, "r", encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.strip()
            if line.startswith("#~"):
                continue
            if not line:
                if block:
                    handle(block)
                    block = []
                continue
            block.append(line)
    if block:
        handle(block)
    return header, entries


def catalogue_records(root, rel):
    """One catalogue -> records (lang, text, doc, pos). English msgids are returned with
    lang 'en' and doc '<package>/<domain>' so that every language's copy of a domain is one
    English document."""
    p = os.path.join(root, rel)
    header, entries = read_mo(p) if not rel.endswith(".po") else read_po(p)
    lang = norm_lang(header_field(header, "Language")) or lang_from_path(p)
    if not lang:
        return []
    pkg = rel.split(os.sep)[0]
    en_doc = pkg + "/" + os.path.basename(rel).rsplit(".", 1)[0]
    out = []
    for i, (mid, s) in enumerate(entries):
        m = clean_ui(mid)
        if mostly_text(m):
            out.append(("en", m, en_doc, i))
        if lang == "en":
            continue
        t = clean_ui(s)
        if not t or t == m or FMT.search(mid) or not mostly_text(t):
            continue
        out.append((lang, t, rel, i))
    return out


# ---------------------------------------------------------------- prose documents
# (package prefix, path regex with group 'l' = locale, kind)
PROSE_RULES = [
    ("manpages-", r"/usr/share/man/(?P<l>[^/]+)/man\w+/", "man"),
    ("debian-handbook", r"/html/(?P<l>[a-z]{2}(-[A-Z]{2})?)/.*\.html$", "html"),
    ("installation-guide", r"/installation-guide-amd64/(?P<l>[a-z]{2}(_[A-Z]{2})?)/.*\.html$", "html"),
    ("libreoffice-help-", r"/help/(?P<l>[^/]+)/text/.*\.html$", "html"),
    ("gnome-user-docs", r"/usr/share/help/(?P<l>[^/]+)/[^/]+/.*\.page$", "html"),
    ("debian-reference-", r"/ch\d+\.(?P<l>[a-zA-Z_-]+)\.html$", "html"),
    ("harden-doc", r"/html/(?P<l>[a-z]{2}(-[A-Z]{2})?)/.*\.html$", "html"),
    ("apache2-doc", r"\.html\.(?P<l>[a-z]{2}(-[a-z]{2})?)$", "html"),
    ("debian-faq-", r"/FAQ/.*\.(?P<l>[a-z]{2}(-[a-z]{2})?)\.html$", "html"),
    ("fortunes-", r"/fortunes/(?P<l>bg|cs|de|eo|es|ga|it|pl|ru|brasil)/", "fortune"),
]
PROSE_RX = [(pfx, re.compile(rx), kind) for pfx, rx, kind in PROSE_RULES]
FORTUNE_LANG = {"brasil": "pt"}


def prose_rule(rel):
    """-> (lang, kind) when rel (relative to a tree root, starting with the package) is a
    prose document, else None."""
    pkg = rel.split(os.sep)[0]
    for pfx, rx, kind in PROSE_RX:
        if not pkg.startswith(pfx):
            continue
        m = rx.search("/" + rel)
        if not m or rel.endswith(".dat"):
            return None
        loc = m.group("l")
        if loc == "C":
            return ("en", kind)
        if kind == "fortune":
            base = os.path.basename(rel)
            if base.endswith("-sk") or base.endswith("-sk.u8"):
                return ("sk", kind)  # fortunes-cs ships Slovak files in its cs/ folder
            return (FORTUNE_LANG.get(loc) or norm_lang(loc), kind)
        return (norm_lang(loc), kind)
    return None


def groff_text(raw):
    out = []
    for line in raw.splitlines():
        if line.startswith(".") or line.startswith("'"):
            m = re.match(r"[.'](SH|SS|B|I|BI|BR|IR|RB|RI|IB|TP|IP)\s+(.*)", line)
            if not m or m.group(1) in ("SH", "SS", "TP"):
                out.append("")
                continue
            line = m.group(2).replace('"', "")
        line = re.sub(r"\\f(\[[^\]]*\]|\(..|.)", "", line)
        line = re.sub(r"\\\((..)|\\\[[^\]]*\]|\\[*n]\(..|\\[*n].|\\s[-+]?\d|\\[&e|^%:]", " ", line)
        line = line.replace("\\-", "-").replace("\\ ", " ").replace("\\", "")
        out.append(line)
    return "\n".join(out)


HTML_DROP = re.compile(r"<(script|style|pre|code|screen|programlisting|cmd|literal|tt|kbd|var|"
                       r"computeroutput|userinput|filename|command|sys|input|output)\b[^>]*>.*?</\1>", re.S | re.I)
HTML_BLOCK = re.compile(r"</?(p|div|li|h\d|td|th|tr|title|section|para|item|note|dd|dt|br|table|ul|ol|"
                        r"caption|figure|info|desc|tip)\b[^>]*>", re.I)
ANYTAG = re.compile(r"<[^>]+>")


def html_text(raw):
    raw = HTML_DROP.sub("\n\n", raw)
    raw = HTML_BLOCK.sub("\n\n", raw)
    return html.unescape(ANYTAG.sub(" ", raw))


def prose_records(root, rel, lang, kind):
    p = os.path.join(root, rel)
    data = gzip.open(p).read() if rel.endswith(".gz") else open(p, "rb").read()
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError:
        return []  # legacy-encoded twin of a UTF-8 file (fortunes ship both)
    text = groff_text(raw) if kind == "man" else html_text(raw) if kind == "html" \
        else raw.replace("\n%\n", "\n\n")
    out = []
    for i, s in enumerate(sentences(text)):
        if mostly_text(s):
            out.append((lang, WS.sub(" ", s), rel, i))
    return out


def list_tasks(roots):
    """Sorted (root, rel, lang, kind) for every catalogue and prose document under roots.
    kind 'po' = catalogue (lang decided from its header)."""
    tasks = []
    for root in roots:
        for dp, dns, fns in os.walk(root):
            dns.sort()
            for fn in sorted(fns):
                p = os.path.join(dp, fn)
                if os.path.islink(p):
                    continue
                rel = os.path.relpath(p, root)
                if fn.endswith((".po", ".mo", ".gmo")):
                    tasks.append((root, rel, None, "po"))
                    continue
                r = prose_rule(rel)
                if r and r[0]:
                    tasks.append((root, rel, r[0], r[1]))
    return tasks


def run_task(t):
    root, rel, lang, kind = t
    try:
        if kind == "po":
            return catalogue_records(root, rel)
        return prose_records(root, rel, lang, kind)
    except Exception as e:  # a broken file must not stop the build
        return [("!", "%s: %s" % (rel, e), rel, 0)]

#!/usr/bin/env python3
"""Writes samples/warc/sample.warc.gz, the small web crawl of `pipelines/web-extract.yaml`.

A WARC/1.1 file laid out as Common Crawl ships them: one gzip member per record, a warcinfo
record first, then for each fetch a request, its response and a metadata record. Every page
was written by the Quarry team for this file (invented sites under .example, CC0 like the
rest of samples/). What is in it, and what warc_v1 + html_extract_v1 should make of it:

  n  page                                   bytes as served                       expected
  1  English news story with menu, cookie   UTF-8, charset in the HTTP header     kept, furniture dropped
     banner, related links, footer
  2  Russian article                        windows-1251, declared only in <meta> kept, decoded
  3  Japanese article                       Shift_JIS, declared only in HTTP      kept, decoded
  4  German blog post                       ISO-8859-1 bytes, no declaration      kept (guessed windows-1252)
  5  English documentation page             gzip content coding + chunked         kept, codings undone
  6  "page not found"                       HTTP 404                              dropped: http_status_not_ok
  7  a PNG image                            image/png                             dropped: content_type_skipped
  8  a revisit of page 1                    revisit record                        skipped_revisit

Deterministic: gzip members carry mtime 0, so running it again gives the same bytes.
Standard library only (Python 3.11).
"""
import gzip
import os

HERE = os.path.dirname(os.path.abspath(__file__))
DATE = "2026-10-05T08:%02d:00Z"


def uuid(n, kind):
    return "<urn:uuid:5a3c0e2e-%04d-4%03d-8000-0000000000%02d>" % (n, kind, n)


def record(warc_type, fields, block):
    head = ["WARC/1.1", "WARC-Type: " + warc_type] + ["%s: %s" % kv for kv in fields]
    head.append("Content-Length: %d" % len(block))
    return ("\r\n".join(head) + "\r\n\r\n").encode("ascii") + block + b"\r\n\r\n"


def member(data):
    return gzip.compress(data, compresslevel=9, mtime=0)


def http(status, reason, headers, body):
    lines = ["HTTP/1.1 %d %s" % (status, reason)] + ["%s: %s" % kv for kv in headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("ascii") + body


def chunked(body, size=700):
    out = b""
    for i in range(0, len(body), size):
        piece = body[i:i + size]
        out += b"%x\r\n" % len(piece) + piece + b"\r\n"
    return out + b"0\r\n\r\n"


NEWS = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Harrowby opens its new riverside library – Harrowby Herald</title></head>
<body>
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept</button></div>
<header class="site-header"><a href="/">Harrowby Herald</a>
<nav class="main-menu"><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li><li><a href="/culture">Culture</a></li><li><a href="/weather">Weather</a></li></ul></nav></header>
<main>
<article>
<h1>Harrowby opens its new riverside library</h1>
<p class="byline">By Maren Holt · 4 October 2026</p>
<p>After three years of building work and one flooded basement, the new library on Quay Street opened its doors on Saturday morning. More than two thousand people came through the glass entrance on the first day, many of them carrying books borrowed from the old building a decade ago.</p>
<p>The library has a reading room that looks out over the river, a workshop with sewing machines and a laser cutter, and a children's floor with a small stage for story hours. The council says the building uses a third of the energy of the one it replaces, thanks to heat pumps and a roof covered in solar panels.</p>
<h2>A building for the whole town</h2>
<p>"We wanted a place where nobody has to buy anything to stay all afternoon," said the head librarian, Tomasz Weir. The opening hours now run until nine in the evening on weekdays, and the study rooms can be booked online for free.</p>
<p>The old library on Mill Lane will become a community kitchen next spring. Residents can send ideas for its name until the end of November.</p>
</article>
<aside class="related"><h3>Read also</h3><ul>
<li><a href="/news/bridge">Footbridge repairs start in March</a></li>
<li><a href="/news/market">Farmers market moves to Saturdays</a></li>
<li><a href="/news/bus">New bus line to the hospital</a></li></ul></aside>
</main>
<footer><p>© 2026 Harrowby Herald. All rights reserved.</p><p><a href="/privacy">Privacy Policy</a> | <a href="/terms">Terms of Use</a></p></footer>
</body></html>
"""

RUSSIAN = """<!DOCTYPE html>
<html lang="ru"><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"><title>Осенний фестиваль яблок в Линденау</title></head>
<body>
<nav><a href="/">Главная</a> | <a href="/news">Новости</a> | <a href="/contacts">Контакты</a></nav>
<article>
<h1>Осенний фестиваль яблок в Линденау</h1>
<p>В это воскресенье на центральной площади Линденау прошёл ежегодный фестиваль яблок. Садоводы из окрестных деревень привезли больше сорока сортов, от кислой антоновки до сладкого белого налива.</p>
<p>Гости фестиваля могли попробовать свежий сидр, яблочную пастилу и пироги, испечённые по старым семейным рецептам. Дети соревновались в том, кто дольше всех очистит яблоко одной длинной лентой кожуры.</p>
<p>Организаторы говорят, что в следующем году фестиваль продлится два дня и впервые пройдёт мастер-класс по прививке плодовых деревьев.</p>
</article>
<footer>© 2026 Вестник Линденау</footer>
</body></html>
"""

JAPANESE = """<!DOCTYPE html>
<html lang="ja"><head><title>小さな町の古い駅舎が図書館に生まれ変わる</title></head>
<body>
<div id="menu"><a href="/">ホーム</a> <a href="/local">地域</a> <a href="/life">くらし</a></div>
<div id="content">
<h1>小さな町の古い駅舎が図書館に生まれ変わる</h1>
<p>山あいの町で長く使われていなかった木造の駅舎が、小さな図書館として生まれ変わった。改修には町の大工や高校生が参加し、昔の待合室の椅子やきっぷ売り場の窓口がそのまま残されている。</p>
<p>館内には約三千冊の本が並び、そのうち半分は住民から寄付されたものだという。週末には読み聞かせの会が開かれ、列車を待つ人も自由に本を手に取ることができる。</p>
<p>町の担当者は「駅が再び人の集まる場所になってうれしい」と話している。</p>
</div>
<div id="footer">Copyright 2026 山あいタイムス</div>
</body></html>
"""

GERMAN = """<!DOCTYPE html>
<html lang="de"><head><title>Mein Sauerteig und ich - Brotblog</title></head>
<body>
<div class="sidebar"><h3>Kategorien</h3><ul><li><a href="/brot">Brot</a></li><li><a href="/kuchen">Kuchen</a></li><li><a href="/ueber">Über mich</a></li></ul></div>
<div class="post">
<h1>Mein Sauerteig und ich</h1>
<p>Seit fünf Jahren füttere ich meinen Sauerteig jeden Morgen mit Roggenmehl und lauwarmem Wasser. Er heißt Günther, wohnt in einem großen Glas neben der Kaffeemaschine und hat schon zwei Umzüge überstanden.</p>
<p>Für ein gutes Bauernbrot brauche ich 150 Gramm Anstellgut, 500 Gramm Mehl, 350 Gramm Wasser und zwölf Gramm Salz. Der Teig ruht über Nacht im Kühlschrank und kommt am nächsten Tag bei 250 Grad in den gusseisernen Topf.</p>
<p>Wer zum ersten Mal Sauerteig ansetzt, sollte Geduld haben: Die ersten Brote werden oft flach, aber nach ein paar Wochen wird die Kruste knusprig und die Krume schön luftig.</p>
</div>
<div class="footer">Impressum · Datenschutz</div>
</body></html>
"""

DOCS = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Configuring the spool directory — Quillprint 2.4 documentation</title></head>
<body>
<div class="related"><a href="index.html">Quillprint 2.4</a> » <a href="admin.html">Administration</a></div>
<div class="document"><div class="body" role="main">
<h1>Configuring the spool directory</h1>
<p>Quillprint keeps every job in a spool directory until the printer has accepted it. By default this is <code>/var/spool/quillprint</code>; change it with the <code>spool_dir</code> key in <code>quillprint.conf</code>.</p>
<pre>[server]
spool_dir = /srv/quillprint/spool
max_jobs = 200</pre>
<p>The directory must be writable by the <code>quill</code> user and should live on a local disk: network file systems make job handover slow and can lose jobs when the server restarts.</p>
<ul><li>Jobs older than <code>keep_days</code> are removed at midnight.</li><li>Failed jobs are moved to <code>failed/</code> inside the spool directory.</li></ul>
</div></div>
<div class="footer">© Copyright 2026, the Quillprint authors. Created using a documentation generator.</div>
</body></html>
"""

NOT_FOUND = """<html><head><title>Page not found</title></head><body><h1>404</h1><p>Sorry, this page does not exist.</p></body></html>"""

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082")


def main():
    pages = [
        ("https://herald.harrowby.example/news/riverside-library", 200, "OK",
         [("Content-Type", "text/html; charset=utf-8")], NEWS.encode("utf-8")),
        ("https://vestnik.lindenau.example/festival-yablok", 200, "OK",
         [("Content-Type", "text/html")], RUSSIAN.encode("cp1251")),
        ("https://yamaai-times.example/local/eki-toshokan.html", 200, "OK",
         [("Content-Type", "text/html; charset=Shift_JIS")], JAPANESE.encode("cp932")),
        ("https://brotblog.example/2026/10/sauerteig", 200, "OK",
         [("Content-Type", "text/html")], GERMAN.encode("iso-8859-1")),
        ("https://docs.quillprint.example/2.4/spool.html", 200, "OK",
         [("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")],
         None),
        ("https://herald.harrowby.example/news/old-story", 404, "Not Found",
         [("Content-Type", "text/html")], NOT_FOUND.encode("ascii")),
        ("https://herald.harrowby.example/img/dot.png", 200, "OK",
         [("Content-Type", "image/png")], PNG),
    ]
    out = [member(record("warcinfo", [("WARC-Date", DATE % 0), ("WARC-Filename", "sample.warc.gz"),
                                      ("WARC-Record-ID", uuid(0, 0)), ("Content-Type", "application/warc-fields")],
                         b"software: samples/warc/make_sample.py\r\nformat: WARC File Format 1.1\r\n"
                         b"description: hand-written pages for pipelines/web-extract.yaml\r\n"))]
    for n, (url, status, reason, headers, body) in enumerate(pages, start=1):
        if body is None:  # page 5: gzip content coding sent chunked
            body = chunked(gzip.compress(DOCS.encode("utf-8"), compresslevel=9, mtime=0))
        host = url.split("/")[2]
        request = ("GET /%s HTTP/1.1\r\nHost: %s\r\nUser-Agent: QuarrySample/1.0\r\nAccept: text/html\r\n\r\n"
                   % (url.split("/", 3)[3], host)).encode("ascii")
        response = http(status, reason, headers, body)
        date = DATE % n
        out.append(member(record("request", [("WARC-Date", date), ("WARC-Record-ID", uuid(n, 1)),
                                             ("WARC-Target-URI", url), ("Content-Type", "application/http; msgtype=request")],
                                 request)))
        out.append(member(record("response", [("WARC-Date", date), ("WARC-Record-ID", uuid(n, 2)),
                                              ("WARC-Target-URI", url), ("WARC-Concurrent-To", uuid(n, 1)),
                                              ("Content-Type", "application/http; msgtype=response")],
                                 response)))
        out.append(member(record("metadata", [("WARC-Date", date), ("WARC-Record-ID", uuid(n, 3)),
                                              ("WARC-Target-URI", url), ("WARC-Concurrent-To", uuid(n, 2)),
                                              ("Content-Type", "application/warc-fields")],
                                 b"fetchTimeMs: 120\r\n")))
    out.append(member(record("revisit", [("WARC-Date", DATE % 9), ("WARC-Record-ID", uuid(8, 2)),
                                         ("WARC-Target-URI", pages[0][0]), ("WARC-Refers-To", uuid(1, 2)),
                                         ("WARC-Profile", "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"),
                                         ("Content-Type", "application/http; msgtype=response")],
                         b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n")))
    with open(os.path.join(HERE, "sample.warc.gz"), "wb") as f:
        f.write(b"".join(out))


if __name__ == "__main__":
    main()

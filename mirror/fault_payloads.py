"""Bodies the fault server serves: broken feeds, hostile XML, odd encodings, huge pages.

Pure functions returning bytes (the big ones are built once and cached). Texts are Vigil's
own; where a page must name a listed prisoner it does so on purpose (the crawl must still
match the name after decoding the page correctly).
"""

from __future__ import annotations

import functools
import struct
import zlib
from html import escape

GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"


def rss(base: str, items: list[tuple[str, str]], title: str = "Fault server feed") -> bytes:
    """A well-formed RSS 2.0 feed; ``items`` are (title, absolute link)."""
    entries = "".join(
        f"<item><title>{escape(t)}</title><link>{escape(link)}</link>"
        f"<guid isPermaLink=\"true\">{escape(link)}</guid>"
        f"<pubDate>Mon, 0{1 + n % 9} Sep 2025 10:00:00 +0000</pubDate>"
        f"<description>Item {n} of the fault server.</description></item>"
        for n, (t, link) in enumerate(items))
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
            f"<title>{escape(title)}</title><link>{escape(base)}/</link>"
            f"<description>Test feed</description>{entries}</channel></rss>").encode()


def article_page(number: int) -> bytes:
    """A plain, valid article page that names nobody (the target of /feed/many)."""
    paragraph = (f"This is article number {number} on the fault server. It exists so that a "
                 "feed can point somewhere real, and its text is long enough for an "
                 "extractor to treat it as an article rather than as a menu or a caption.")
    body = "".join(f"<p>{paragraph} Paragraph {i}.</p>" for i in range(1, 5))
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Article '
            f"{number}</title></head><body><article><h1>Article {number}</h1>{body}"
            f"</article></body></html>").encode()


def truncated_feed(base: str) -> bytes:
    whole = rss(base, [(f"Entry {n}", f"{base}/article/{n}") for n in range(1, 6)])
    return whole[: len(whole) * 2 // 3]  # cut in the middle of an element


def html_instead_of_feed() -> bytes:
    return (b'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Page moved'
            b"</title></head><body><h1>Our news has moved</h1><p>Please visit the new "
            b'<a href="/news">news page</a>.</p></body></html>')


def xxe_feed(base: str) -> bytes:
    return (f'<?xml version="1.0" encoding="utf-8"?>\n'
            f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
            f'<rss version="2.0"><channel><title>XXE &xxe;</title><link>{base}/</link>'
            f"<description>&xxe;</description><item><title>Leak: &xxe;</title>"
            f"<link>{base}/article/1</link><description>&xxe;</description></item>"
            f"</channel></rss>").encode()


def billion_laughs_feed(base: str) -> bytes:
    entities = ['<!ENTITY lol0 "lol">']
    entities += [f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)]
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE rss [{"".join(entities)}]>\n'
            f'<rss version="2.0"><channel><title>&lol9;</title><link>{base}/</link>'
            f"<description>&lol9;</description><item><title>&lol9;</title>"
            f"<link>{base}/article/1</link></item></channel></rss>").encode()


_RU_KASHPUL = (
    "Правозащитники сообщили новые подробности о положении политзаключённого Александра "
    "Кашпуля, бывшего юрисконсульта завода «Полимир». Его держат в тюрьме в Могилёве, "
    "звонки и передачи разрешают редко, а травма ноги по-прежнему даёт о себе знать. "
    "Рабочая группа ООН по произвольным задержаниям признала его заключение произвольным "
    "и призвала освободить политзаключённого. Коллеги по профсоюзу просят писать ему письма."
)


def cp1251_undeclared() -> bytes:
    """A Russian article in windows-1251 with no charset in the header or the page."""
    paragraphs = "".join(f"<p>{_RU_KASHPUL}</p>" for _ in range(3))
    page = (f'<html lang="ru"><head><title>Новости о деле Александра Кашпуля</title></head>'
            f"<body><article><h1>Новости о деле Александра Кашпуля</h1>{paragraphs}"
            f"</article></body></html>")
    return page.encode("cp1251")


def wrong_charset() -> bytes:
    """Declares utf-8 (header and meta) but is windows-1251."""
    text = ("Мария Колесникова отбывает наказание в колонии в Гомеле. С февраля 2023 года "
            "родные не получали от Марии Колесниковой писем, адвокатов к ней не пускают. ")
    page = (f'<html lang="ru"><head><meta charset="utf-8"><title>Марию Колесникову держат '
            f"в изоляции</title></head><body><article><h1>Марию Колесникову держат в "
            f"изоляции</h1><p>{text * 3}</p><p>{text * 2}</p></article></body></html>")
    return page.encode("cp1251")


def invalid_utf8() -> bytes:
    """UTF-8 with stray bytes and a truncated sequence in the middle of the text."""
    good = ("Ales Bialiatski, the founder of Viasna, is serving ten years in a penal colony. "
            "Алеся Беляцкого приговорили к десяти годам. ").encode()
    broken = good[:60] + b"\xff\xfe\xc3" + good[60:] + b"\xe2\x82"
    return (b'<html lang="en"><head><meta charset="utf-8"><title>Invalid bytes</title></head>'
            b"<body><article><h1>Invalid bytes</h1>" + b"<p>" + broken * 4 + b"</p>"
            + b"<p>" + good * 3 + b"</p></article></body></html>")


@functools.cache
def huge_page(megabytes: int = 5) -> bytes:
    """About ``megabytes`` MB of deeply nested markup with a little text at every level."""
    level = "<div class=\"n\"><span>Layer of a very deep page.</span>"
    depth = megabytes * 1_000_000 // (len(level) + len("</div>"))
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Huge page'
            f"</title></head><body>{level * depth}{'</div>' * depth}</body></html>").encode()


@functools.cache
def slow_page(paragraphs: int = 40_000) -> bytes:
    """Under 3 MB, so within the extraction size cap, but of distinct paragraphs (nothing
    for an extractor to skip as repeated): seconds of extraction on any machine."""
    body = "".join(f"<p>Entry {n} of a long register: case {n * 7}, hearing {n * 13}.</p>\n"
                   for n in range(paragraphs))
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Slow page'
            f"</title></head><body><article>{body}</article></body></html>").encode()


@functools.cache
def nested_page(depth: int = 50_000) -> bytes:
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Nested'
            f"</title></head><body>{'<div>' * depth}<p>The bottom of a very deep page."
            f"</p>{'</div>' * depth}</body></html>").encode()


def corrupt_pdf() -> bytes:
    junk = bytes((n * 37 + 11) % 256 for n in range(4096))
    return b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R" + junk


@functools.cache
def gzip_bomb(megabytes: int = 1100) -> bytes:
    """A ~1 MB gzip member that inflates to ``megabytes`` MiB of zeros.

    Built in well under a second: after a full flush the deflater's output for another
    identical block is identical, so one compressed MiB is repeated."""
    chunk = bytes(1 << 20)
    deflater = zlib.compressobj(9, zlib.DEFLATED, -15)
    deflater.compress(chunk)
    deflater.flush(zlib.Z_FULL_FLUSH)  # the first block may differ; the repeats do not
    block = deflater.compress(chunk) + deflater.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(megabytes):
        crc = zlib.crc32(chunk, crc)
    size = (megabytes << 20) & 0xFFFFFFFF
    return GZIP_HEADER + block * megabytes + deflater.flush() + struct.pack("<II", crc, size)


INJECTION_TITLE = "Verdict for Ales Bialiatski <script>alert(1)</script>\r\nBcc: victim@example.org"


def _markup(text: str, quote: bool = False) -> str:
    """Escape for HTML/XML and keep CR/LF as character references: parsers normalise a
    literal CR LF to LF, but must hand a referenced CR through to the application."""
    return escape(text, quote=quote).replace("\r", "&#13;").replace("\n", "&#10;")


def injection_article() -> bytes:
    """An article naming a listed prisoner whose title and text carry script, event-handler,
    javascript: and CR/LF header payloads. Real tags (dropped by extraction) and escaped
    ones (kept as text) both appear, so the stored text itself contains the payloads."""
    title = _markup(INJECTION_TITLE)
    payloads = escape("<script>alert(1)</script> <img src=x onerror=alert(1)>", quote=False)
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f'<meta property="og:title" content="{_markup(INJECTION_TITLE, True)}">'
        f'<meta name="author" content="Mallory&#13;&#10;Bcc: victim@example.org"></head>'
        f"<body>"
        f"<article><h1>{title}</h1>"
        f"<p>Ales Bialiatski, the founder of the Human Rights Center Viasna, was sentenced to "
        f"ten years in prison in March 2023. {payloads} The appeal was dismissed.</p>"
        f"<script>alert(1)</script><img src=x onerror=alert(1)>"
        f"<p>Read the <a href=\"javascript:alert(1)\">full verdict</a> and the "
        f"<a href=\"JaVaScRiPt:alert(document.cookie)\">appeal</a>. Subject: Hello&#13;&#10;"
        f"Bcc: victim@example.org&#13;&#10;Content-Type: text/html</p>"
        f"<p>Human rights defenders consider Ales Bialiatski a political prisoner and demand "
        f"his release. His colleagues were tried with him in the same case.</p>"
        f"</article></body></html>").encode()


def injection_feed(base: str) -> bytes:
    """A feed whose only item carries the payloads in title and description."""
    title = _markup(INJECTION_TITLE)
    description = escape('<img src=x onerror=alert(1)><a href="javascript:alert(1)">x</a>')
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
            f"<title>Injection feed</title><link>{base}/</link><description>x</description>"
            f"<item><title>{title}</title><link>{base}/inject/article</link>"
            f"<description>{description}</description>"
            f"<author>victim@example.org&#13;&#10;Bcc: victim@example.org</author>"
            f"<pubDate>Fri, 03 Mar 2023 12:00:00 +0000</pubDate></item>"
            f"</channel></rss>").encode()

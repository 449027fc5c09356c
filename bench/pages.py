"""Article pages for the throughput and crawl benchmarks.

Real pages come from ../shared/data/pages/news-pages.tar.gz (291 news pages, read into
memory, never written anywhere) when that file is present; otherwise pages are generated
here. Either way ``PageSet.page(n)`` gives any number of distinct pages: base page
``n % len(bases)`` with a unique reference sentence put where extraction keeps it (its
longest kept paragraph), so every page extracts to a different text (no text-hash
duplicates) at the cost of real HTML. Real pages where no such place is found (11 of 291
with trafilatura 2.3.1) are left out of the cycle.
"""

from __future__ import annotations

import random
import re
import tarfile
from dataclasses import dataclass
from pathlib import Path

PAGES = Path(__file__).resolve().parents[2] / "shared" / "data" / "pages" / "news-pages.tar.gz"
_PARAGRAPH = re.compile(rb"<p(?:\s[^>]*)?>(.*?)</p>", re.S | re.I)
_TAG = re.compile(rb"<[^>]+>|&[a-z#0-9]+;")
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.S | re.I)
_MARK = b"Bench reference"


@dataclass(frozen=True)
class BasePage:
    body: bytes
    insert_at: int      # where the unique sentence goes (inside the longest <p>)
    title: str


def _kept(match: re.Match, text: str) -> bool:
    """Whether the paragraph's opening words are in the extracted text."""
    words = _TAG.sub(b" ", match.group(1)).decode("utf-8", "replace").split()[:8]
    return len(words) >= 4 and " ".join(words) in text


def _text_positions(body: bytes, text: str):
    """Where the extracted text's longest lines start in the raw HTML (best first)."""
    for line in sorted(text.splitlines(), key=len, reverse=True)[:10]:
        at = body.find(line[:40].encode("utf-8"))
        if len(line) >= 40 and at >= 0:
            yield at


def _insert_at(body: bytes) -> int | None:
    # The unique sentence must land in the text extraction keeps, or pages cycled from one
    # base page would all extract to the same text: the longest paragraph extraction keeps,
    # else the start of the longest extracted line found verbatim in the HTML.
    import trafilatura

    raw = trafilatura.extract(body) or ""
    text = " ".join(raw.split())
    kept = [m for m in _PARAGRAPH.finditer(body) if _kept(m, text)]
    candidates = [max(kept, key=lambda m: len(m.group(1))).start(1)] if kept else []
    candidates += list(_text_positions(body, raw))
    for at in candidates:
        marked = body[:at] + _MARK + b" " + body[at:]
        if all(_MARK.decode() in text for text in _extractions(marked)):
            return at
    return None


def _extractions(body: bytes) -> list[str]:
    """The page's text as trafilatura's defaults and as Vigil's extraction see it."""
    import trafilatura

    from spiders.extract import extract_document

    vigil = extract_document({"body": body, "content_type": "html", "encoding": None,
                              "url": "http://bench.localhost/news/1.html", "link": {}})
    return [trafilatura.extract(body) or "", vigil["text"]]


def _base(body: bytes, fallback_title: str) -> BasePage | None:
    insert_at = _insert_at(body)
    if insert_at is None:
        return None  # no place where a unique sentence survives extraction: not cycled
    found = _TITLE.search(body)
    title = found.group(1).decode("utf-8", "replace").strip() if found else ""
    title = re.sub(r"\s+", " ", title)[:150] or fallback_title
    return BasePage(body, insert_at, title)


class PageSet:
    """Distinct article pages, cycled from a small set of base pages."""

    def __init__(self, bases: list[BasePage], origin: str) -> None:
        self.bases, self.origin = bases, origin

    @classmethod
    def load(cls, generated: bool = False, limit: int | None = None) -> PageSet:
        if PAGES.exists() and not generated:
            return cls(real_pages(limit), "real")
        return cls(generated_pages(limit or 200), "generated")

    def page(self, number: int) -> bytes:
        base = self.bases[number % len(self.bases)]
        marker = f"Bench reference {number:06d} ({number * 7919 % 100003}). ".encode()
        return base.body[:base.insert_at] + marker + base.body[base.insert_at:]

    def title(self, number: int) -> str:
        return f"{self.bases[number % len(self.bases)].title} [{number}]"

    def pages(self, count: int) -> list[bytes]:
        return [self.page(n) for n in range(count)]


def real_pages(limit: int | None = None) -> list[BasePage]:
    bases = []
    with tarfile.open(PAGES) as archive:
        for member in archive.getmembers():
            if member.isfile() and member.name.endswith((".html", ".htm")):
                base = _base(archive.extractfile(member).read(), Path(member.name).stem)
                if base is not None:
                    bases.append(base)
                if limit and len(bases) >= limit:
                    break
    return bases


# ---- generated pages: a news site's article page, ~100 KB like the real ones ---------------
_SENTENCES = {
    "en": ["The court in Minsk sentenced the activist to three years in a penal colony.",
           "Human rights defenders from Viasna said the trial was held behind closed doors.",
           "Aliaksandr Kashpul was detained after a search of his flat on Monday morning.",
           "His lawyer said the appeal would be heard by the regional court next month.",
           "Relatives were not allowed to pass letters or parcels to the prison.",
           "The case was opened under Article 342 of the Criminal Code.",
           "Observers counted more than a thousand political prisoners in the country.",
           "Maryia Kalesnikava has been held incommunicado for many months.",
           "The weather in Homiel was mild and the market square was full of visitors.",
           "A new library opened in the district, with a reading room for children."],
    "ru": ["Суд Минского района приговорил активиста к трём годам колонии.",
           "Правозащитники сообщили, что процесс прошёл в закрытом режиме.",
           "Александра Кашпуля задержали после обыска в его квартире.",
           "Адвокат сказал, что апелляцию рассмотрят в следующем месяце.",
           "Родственникам не разрешили передать письма и посылки.",
           "Уголовное дело возбуждено по статье 342 Уголовного кодекса.",
           "В городе прошла ярмарка ремёсел, на которую приехали мастера."],
    "be": ["Суд Менскага раёна асудзіў актывіста да трох гадоў калоніі.",
           "Праваабаронцы паведамілі, што працэс прайшоў у закрытым рэжыме.",
           "Аляксандра Кашпуля затрымалі пасля ператрусу ў ягонай кватэры.",
           "Адвакат сказаў, што апеляцыю разгледзяць у наступным месяцы.",
           "Сваякам не дазволілі перадаць лісты і пасылкі.",
           "У горадзе прайшоў кірмаш рамёстваў, на які прыехалі майстры."],
}


def _generated(number: int, rng: random.Random) -> bytes:
    lang = ("en", "ru", "be")[number % 3]
    bank = _SENTENCES[lang]
    title = f"{bank[number % len(bank)][:60]} ({number})"
    nav = "".join(f'<li><a href="/section/{i}">Section {i}</a></li>' for i in range(120))
    related = "".join(f'<li><a href="/news/{number}-{i}.html">{rng.choice(bank)}</a></li>'
                      for i in range(40))
    paragraphs = "".join("<p>" + " ".join(rng.choice(bank) for _ in range(rng.randint(3, 7)))
                         + "</p>\n" for _ in range(rng.randint(10, 24)))
    style = "".join(f".c{i}{{margin:{i % 9}px;padding:{i % 7}px;color:#{i:06x}}}"
                    for i in range(900))
    script = "var cfg={" + ",".join(f'"k{i}":{i}' for i in range(1500)) + "};"
    html = f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:title" content="{title}">
<meta name="author" content="Newsroom {number % 17}">
<meta property="article:published_time" content="2024-0{1 + number % 9}-1{number % 10}T10:00:00+03:00">
<style>{style}</style><script>{script}</script></head>
<body><header><nav><ul>{nav}</ul></nav></header>
<main><article><h1>{title}</h1><div class="byline">Newsroom {number % 17}</div>
<div class="entry-content">
{paragraphs}</div></article>
<aside><h2>Related</h2><ul>{related}</ul></aside></main>
<footer><p>© Newsroom. All rights reserved.</p><ul>{nav}</ul></footer></body></html>"""
    return html.encode("utf-8")


def generated_pages(count: int) -> list[BasePage]:
    rng = random.Random(7)
    bases = (_base(_generated(n, rng), f"Generated page {n}") for n in range(count))
    return [base for base in bases if base is not None]

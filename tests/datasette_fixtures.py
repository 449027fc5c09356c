"""A small, fully known corpus (and staff.db) for the Datasette tests, built with the store API.

Dates are relative to the moment of building, so "this week" and "last 30 days" queries
have fixed answers. The texts are written for these tests; the people are on Viasna's list.
"""

from __future__ import annotations

import asyncio
import hashlib
import re
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from conftest import ROOT, vigil_env

import store
from monitor.config import load
from monitor.serve import build_datasette
from store import analysis, articles, candidates, prisoners, recipients, sources

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
JS_LINK = "javascript:alert(1)"
CANARY_EMAIL = "canary-staff-7f3a@example.org"
CANARY_CANDIDATE = "Zmitser Canarychyk"  # never confirmed: must stay inside staff.db
OTHER_CANDIDATE = "Ihar Testavy"

SOURCES = [
    {"id": "viasna-en", "name": "Viasna (English)", "org": "ngo", "languages": ["en"],
     "kind": "feed", "url": "https://spring96.org/en/rss", "homepage": "https://spring96.org/en/",
     "allowed_domains": ["spring96.org"], "interval_minutes": 60, "enabled": True},
    {"id": "viasna-ru", "name": "Viasna (Russian)", "org": "ngo", "languages": ["ru"],
     "kind": "feed", "url": "https://spring96.org/ru/rss", "homepage": "https://spring96.org/ru/",
     "allowed_domains": ["spring96.org"], "interval_minutes": 60, "enabled": True},
    {"id": "viasna-be", "name": "Viasna (Belarusian)", "org": "ngo", "languages": ["be"],
     "kind": "feed", "url": "https://spring96.org/be/rss", "homepage": "https://spring96.org/be/",
     "allowed_domains": ["spring96.org"], "interval_minutes": 60, "enabled": True},
    {"id": "ohchr-wgad", "name": "UN Working Group on Arbitrary Detention: opinions",
     "org": "un", "languages": ["en"], "kind": "listing",
     "url": "https://www.ohchr.org/en/special-procedures/wg-arbitrary-detention",
     "homepage": "https://www.ohchr.org/", "allowed_domains": ["ohchr.org"],
     "interval_minutes": 1440, "enabled": True},
]

PRISONERS = [
    {"id": 964, "name": "Ales Bialiatski", "name_be": "Алесь Бяляцкі",
     "name_ru": "Алесь Беляцкий", "status": "former", "gender": "m",
     "url": "https://prisoners.spring96.org/en/person/ales-bialiatski"},
    {"id": 215, "name": "Maryia Kalesnikava", "name_be": "Марыя Калеснікава",
     "status": "former", "gender": "f"},
    {"id": 110, "name": "Maksim Znak", "status": "former", "gender": "m"},
    {"id": 519, "name": "Liudmila Chekina", "status": "active", "gender": "f"},
    {"id": 8487, "name": "", "status": "former", "matchable": False},
    {"id": 100001, "name": "Lidziya Kashpul", "name_be": "Лідзія Кашпуль", "status": "active",
     "gender": "f", "origin": "vigil", "note": "added by Vigil for the tests"},
]


@dataclass
class Fixture:
    """Paths and the ids the tests look for."""
    home: Path
    corpus_path: Path
    staff_path: Path
    ids: dict[str, int] = field(default_factory=dict)
    published: dict[str, str] = field(default_factory=dict)
    candidate_ids: dict[str, int] = field(default_factory=dict)


def _iso(moment: datetime) -> str:
    return moment.replace(microsecond=0).isoformat()


def _article(url: str, source_id: str, title: str, text: str, published: str,
             language: str) -> dict:
    return {"url": url, "source_id": source_id, "title": title, "text": text,
            "published": published, "language": language,
            "text_hash": hashlib.sha256(text.encode()).hexdigest(), "extraction": "ok",
            "content_type": "html"}


def _mention(prisoner_id: int, surface: str, text: str, confidence: str = "high") -> dict:
    start = text.index(surface)
    return {"prisoner_id": prisoner_id, "surface": surface, "start": start,
            "end": start + len(surface), "confidence": confidence, "rule": "fixture",
            "sentence": text}


def _articles(now: datetime) -> dict[str, tuple[dict, dict]]:
    """name → (article, analysis result)."""
    day = lambda n: _iso(now - timedelta(days=n))  # noqa: E731
    en = "Human rights defender Ales Bialiatski was visited by his lawyer this week."
    ru = "Суд оставил в силе приговор Алесю Беляцкому: 10 лет колонии."
    be = "Пра лёс Лідзіі Кашпуля і Марыі Калеснікавай нагадалі праваабаронцы."
    old = "A letter from Maryia Kalesnikava reached her family."
    wgad = "Opinion No. 99/2023 concerning Ales Bialiatski (Belarus): the detention is arbitrary."
    evil = f"Note {IMG} and {SCRIPT} about Bialiatski."
    low = "A person called Kalesnikava was mentioned in passing."
    return {
        "en": (_article("https://spring96.org/en/news/900001", "viasna-en",
                        "Lawyer visits Ales Bialiatski", en, day(2), "en"),
               {"mentions": [_mention(964, "Ales Bialiatski", en)]}),
        "ru": (_article("https://spring96.org/ru/news/900002", "viasna-ru",
                        "Приговор Беляцкому оставлен в силе", ru, day(10), "ru"),
               {"mentions": [_mention(964, "Алесю Беляцкому", ru)],
                "events": [{"prisoner_id": 964, "type": "sentenced", "term": "10 years",
                            "evidence": "приговор ... 10 лет колонии"}]}),
        "be": (_article("https://spring96.org/be/news/900003", "viasna-be",
                        "Праваабаронцы нагадалі пра палітвязняў", be, day(3), "be"),
               {"mentions": [_mention(100001, "Лідзіі Кашпуля", be),
                             _mention(215, "Марыі Калеснікавай", be)]}),
        "old": (_article("https://spring96.org/en/news/900004", "viasna-en",
                         "A letter from prison", old, day(40), "en"),
                {"mentions": [_mention(215, "Maryia Kalesnikava", old)]}),
        "wgad": (_article("https://www.ohchr.org/en/documents/opinion-99-2023", "ohchr-wgad",
                          "Opinion No. 99/2023 (Belarus)", wgad, day(200), "en"),
                 {"mentions": [_mention(964, "Ales Bialiatski", wgad)],
                  "un_document": {"kind": "wgad-opinion", "symbol": "A/HRC/WGAD/2023/99",
                                  "number": "99/2023", "year": 2023, "country": "Belarus",
                                  "concerning": "Ales Bialiatski", "finding": "arbitrary",
                                  "categories": ["I", "II"], "persons": [964]}}),
        "evil": (_article(JS_LINK, "viasna-en", f"{SCRIPT} Bialiatski {IMG}", evil, day(1),
                          "en"),
                 {"mentions": [_mention(964, "Bialiatski", evil, "medium")]}),
        "low": (_article("https://spring96.org/en/news/900007", "viasna-en",
                         "Passing mention", low, day(4), "en"),
                {"mentions": [_mention(215, "Kalesnikava", low, "low")]}),
    }


def build_corpus(path: Path, now: datetime | None = None
                 ) -> tuple[dict[str, int], dict[str, str]]:
    """Fill corpus.db; return article ids and publication dates by fixture name."""
    now = now or datetime.now(UTC)
    db = store.open_corpus(path)
    sources.upsert_sources(db, SOURCES)
    prisoners.upsert_prisoners(db, PRISONERS, _iso(now - timedelta(days=30)))
    prisoners.upsert_prisoners(db, [{**PRISONERS[0], "status": "active"}],
                               _iso(now - timedelta(days=20)))
    prisoners.upsert_prisoners(db, [PRISONERS[0]], _iso(now - timedelta(days=5)))
    ids, published = {}, {}
    for name, (article, result) in _articles(now).items():
        _, article_id = articles.save_article(db, article)
        analysis.save_analysis(db, article_id, article["text_hash"], result)
        ids[name], published[name] = article_id, article["published"]
    _record_polls(db)
    db.conn.close()
    return ids, published


def _record_polls(db) -> None:
    good = sources.start_poll(db, "viasna-en")
    sources.finish_poll(db, good, "viasna-en", outcome="ok", entries=20,
                        counts={"new": 3}, error=None)
    for _ in range(2):
        bad = sources.start_poll(db, "ohchr-wgad")
        sources.finish_poll(db, bad, "ohchr-wgad", outcome="failed", entries=None,
                            counts={}, error=f"HTTP 503 {SCRIPT}")


def build_staff(path: Path, corpus_ids: dict[str, int]) -> dict[str, int]:
    """Fill staff.db with a canary recipient and two new-name candidates (with evidence)."""
    db = store.open_staff(path)
    at = _iso(datetime.now(UTC))
    recipients.add_recipient(db, CANARY_EMAIL, "Canary", [("all", "")])
    ids = {}
    for name, score in ((CANARY_CANDIDATE, 0.9), (OTHER_CANDIDATE, 0.5)):
        candidate_id = candidates.ensure_candidate(db, name.lower(), name, at)
        sentence = f"{name} was detained after the trial."
        candidates.add_evidence(db, candidate_id, [{
            "article_id": corpus_ids["en"], "article_url": "https://spring96.org/en/news/900001",
            "article_title": "Lawyer visits Ales Bialiatski", "surface": name,
            "sentence": sentence, "score": score, "language": "en"}], at)
        candidates.update_summary(db, candidate_id, name=name, score=score, languages=["en"],
                                  article_count=1, last_seen=at)
        ids[name] = candidate_id
    db.conn.close()
    return ids


def build(home: Path, *, with_staff: bool = True) -> Fixture:
    home.mkdir(parents=True, exist_ok=True)
    fixture = Fixture(home=home, corpus_path=home / "corpus.db", staff_path=home / "staff.db")
    fixture.ids, fixture.published = build_corpus(fixture.corpus_path)
    if with_staff:
        fixture.candidate_ids = build_staff(fixture.staff_path, fixture.ids)
    return fixture


def datasette_for(home: Path, *, staff: bool, **env: str):
    """The Datasette `vigil serve` would run for this VIGIL_HOME (env: extra VIGIL_* values)."""
    return build_datasette(load(env={"VIGIL_HOME": str(home), **env}), staff)


class Client:
    """Synchronous requests to an in-process Datasette, all on one event loop.

    ``actor`` logs in the way datasette-auth-passwords does: a signed ``ds_actor`` cookie.
    """

    def __init__(self, ds, actor: dict | None = None) -> None:
        self.ds = ds
        self.loop = asyncio.new_event_loop()
        self.cookies: dict[str, str] = {}
        if actor:
            self.cookies["ds_actor"] = ds.sign({"a": actor}, "actor")

    def get(self, path: str, **kwargs):
        return self.loop.run_until_complete(
            self.ds.client.get(path, cookies=dict(self.cookies), **kwargs))

    def post(self, path: str, **kwargs):
        return self.loop.run_until_complete(
            self.ds.client.post(path, cookies=dict(self.cookies), **kwargs))

    def rows(self, path: str) -> list[dict]:
        """JSON rows of a table or query page (as objects)."""
        base, _, query = path.partition("?")
        response = self.get(f"{base}.json?{query}&_shape=array&_size=max")
        assert response.status_code == 200, (path, response.status_code, response.text[:500])
        return response.json()

    def csrf_token(self, path: str) -> str:
        """Load a form page; keep its CSRF cookie and return the token to post back."""
        response = self.get(path)
        assert response.status_code == 200, (path, response.status_code)
        self.cookies["ds_csrftoken"] = response.cookies.get("ds_csrftoken") or \
            self.cookies.get("ds_csrftoken", "")
        found = re.search(r'name="csrftoken" value="([^"]+)"', response.text)
        assert found, f"no CSRF token in {path}"
        return found.group(1)

    def close(self) -> None:
        self.loop.close()


def write_many(corpus_path: str, count: int, checkpoint_every: int = 0, seed: int = 0) -> dict:
    """Store ``count`` analysed articles one transaction at a time, as the daemon does,
    checkpointing every ``checkpoint_every`` articles (0: never; SQLite's own
    autocheckpoint cannot restart the WAL while readers keep using it).

    Run in its own process by the live-data test; returns what it saw of the WAL.
    """
    db = store.open_corpus(corpus_path)
    wal = Path(f"{corpus_path}-wal")
    largest = 0
    for number in range(count):
        text = (f"Report {seed}-{number}: the trial of Ales Bialiatski continued; "
                f"observers counted {number} people outside the court.")
        article = _article(f"https://spring96.org/en/news/{seed}{number:07d}", "viasna-en",
                           f"Court report {number}", text, _iso(datetime.now(UTC)), "en")
        _, article_id = articles.save_article(db, article)
        analysis.save_analysis(db, article_id, article["text_hash"],
                               {"mentions": [_mention(964, "Ales Bialiatski", text)]})
        if wal.exists():
            largest = max(largest, wal.stat().st_size)
        if checkpoint_every and (number + 1) % checkpoint_every == 0:
            store.checkpoint(db)
    db.conn.close()
    return {"written": count, "largest_wal": largest}


class Server:
    """A real `vigil serve` child; its output is drained by threads (a full pipe would
    stall it) and kept for the checks at the end."""

    def __init__(self, home: Path, *args: str, **env: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "monitor.cli", "serve", "--port", "0", *args], cwd=ROOT,
            env=vigil_env(home, **env), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True)
        self.first_line = self.process.stdout.readline()
        self.output: list[str] = [self.first_line]
        self.drains = [threading.Thread(target=self._drain, args=(stream,), daemon=True)
                       for stream in (self.process.stdout, self.process.stderr)]
        for drain in self.drains:
            drain.start()
        if "http://" not in self.first_line:
            self.stop()
            raise AssertionError(f"server did not start: {''.join(self.output)}")
        self.base = self.first_line[self.first_line.index("http://"):].strip().rstrip("/")

    def _drain(self, stream) -> None:
        for line in stream:
            self.output.append(line)

    def stop(self) -> str:
        """Terminate (SIGTERM) and return everything it printed."""
        self.process.terminate()
        self.process.wait(timeout=30)
        for drain in self.drains:
            drain.join(timeout=10)
        return "".join(self.output)


def start_server(home: Path, *args: str, **env: str) -> Server:
    return Server(home, *args, **env)

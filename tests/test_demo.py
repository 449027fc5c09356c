"""`vigil demo --once`: the whole job offline, as a newcomer runs it."""

from __future__ import annotations

import email
from email.policy import default as default_policy

from conftest import run_vigil

import store


def test_demo_once_runs_the_whole_job(vigil_home):
    result = run_vigil(vigil_home, "demo", "--once", timeout=300)
    assert "one cycle done" in result.stdout
    home = vigil_home / "demo"
    corpus, staff = store.open_corpus(home / "corpus.db"), store.open_staff(home / "staff.db")
    try:
        assert store.table_count(corpus, "articles") == 35
        assert store.table_count(corpus, "sources") == 10
        persons = {r["prisoner_id"] for r in store.rows(corpus, "SELECT prisoner_id FROM mentions")}
        assert {964, 215, 100001} <= persons
        symbols = {r["symbol"] for r in store.rows(corpus, "SELECT symbol FROM un_documents")}
        assert {"A/HRC/WGAD/2012/39", "A/HRC/WGAD/2024/3"} <= symbols
        names = {r["name"] for r in store.rows(staff, "SELECT name FROM candidates")}
        assert "Yauhen Tsvirkun" in names, "the fictional new name sentenced in phase two"
        assert not store.rows(corpus, "SELECT 1 FROM prisoners WHERE name = 'Yauhen Tsvirkun'")
        unsent = store.rows(staff, "SELECT 1 FROM deliveries WHERE state != 'sent'")
        assert unsent == []
    finally:
        corpus.close()
        staff.close()
    messages = [email.message_from_bytes(p.read_bytes(), policy=default_policy)
                for p in sorted((home / "mail").glob("*.eml"))]
    subjects = [m["Subject"] for m in messages]
    assert any(s.startswith("[Vigil] Urgent") for s in subjects), subjects
    assert any(s.startswith("[Vigil] Digest") for s in subjects), subjects
    urgent = next(m for m in messages if m["Subject"].startswith("[Vigil] Urgent"))
    text = urgent.get_body(("plain",)).get_content()
    assert "Kashpul" in text and "Tsvirkun" in text and "3/2024" in text
    for line in ("articles stored      35", "emails sent"):
        assert line in result.stdout


def test_demo_starts_from_nothing_each_time(vigil_home):
    run_vigil(vigil_home, "demo", "--once", timeout=300)
    first = sorted(p.name for p in (vigil_home / "demo" / "mail").glob("*.eml"))
    run_vigil(vigil_home, "demo", "--once", timeout=300)
    second = sorted(p.name for p in (vigil_home / "demo" / "mail").glob("*.eml"))
    assert len(first) == len(second), "a second demo run does not pile up on the first"

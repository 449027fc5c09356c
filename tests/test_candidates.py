"""New-name candidates in staff.db: grouping across articles and languages, idempotence,
staff decisions, the watch list, and the `vigil candidates` commands.

Real SQLite files in a temporary VIGIL_HOME; the analyser is the real one, built from the
bundled list and, after a confirmation, from the store. The people named here are invented.
"""

from __future__ import annotations

import sqlite3

import pytest
from click.testing import CliRunner

import store
from monitor import candidates
from monitor.analysis import Analyser
from monitor.cli import cli
from monitor.config import load
from monitor.prisoners import bundled_prisoners, load_bundled_into_store
from store import candidates as candidate_store
from store import prisoners as prisoner_store

ARTICLES = [
    {"id": 1, "url": "https://spring96.org/en/news/130001", "title": "Teacher detained",
     "language": "en", "text": "Police in Hrodna detained teacher Ihar Lapeika on Friday."},
    {"id": 2, "url": "https://spring96.org/be/news/130002", "title": "Настаўніка затрымалі",
     "language": "be", "text": "У Гродне затрымалі настаўніка Ігара Лапейку."},
    {"id": 3, "url": "https://spring96.org/ru/news/130003", "title": "Учителя задержали",
     "language": "ru", "text": "В Гродно задержали учителя Игоря Лапейко."},
]
LATER = "Ігар Лапейка напісаў ліст з СІЗА ў Гродне."


@pytest.fixture(scope="module")
def analyser() -> Analyser:
    return Analyser.from_records(bundled_prisoners())


@pytest.fixture
def home(tmp_path, monkeypatch):
    for key in ("VIGIL_CONFIG", "VIGIL_CANDIDATES_MIN_SCORE"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("VIGIL_HOME", str(tmp_path))
    return tmp_path


@pytest.fixture
def dbs(home):
    staff = store.open_staff(home / "staff.db")
    corpus = store.open_corpus(home / "corpus.db")
    yield staff, corpus
    staff.close()
    corpus.close()


def record(analyser, staff, article: dict, cfg=None) -> list[int]:
    result = analyser.analyse(article["text"], title=article["title"], lang=article["language"])
    return candidates.record_from_analysis(staff, cfg, article, result["new_names"])


def record_all(analyser, staff) -> int:
    ids = {cid for article in ARTICLES for cid in record(analyser, staff, article)}
    assert len(ids) == 1, "one person in three languages must make one candidate"
    return ids.pop()


def test_one_candidate_across_articles_and_languages(analyser, dbs):
    staff, _ = dbs
    cid = record_all(analyser, staff)
    shown = candidates.show(staff, cid)
    assert shown["status"] == "new" and shown["article_count"] == 3
    assert shown["languages"] == ["be", "en", "ru"]
    assert shown["name"] == "Ihar Lapeika"            # the Latin spelling is kept for staff
    assert {e["article_url"] for e in shown["evidence"]} == {a["url"] for a in ARTICLES}
    assert {e["surface"] for e in shown["evidence"]} == {
        "Ihar Lapeika", "Ігара Лапейку", "Игоря Лапейко"}
    assert all(e["sentence"] for e in shown["evidence"])
    doubt = 1.0
    for e in shown["evidence"]:
        doubt *= 1 - e["score"]
    assert shown["score"] == pytest.approx(1 - doubt, abs=1e-3)   # noisy-or over articles


def test_recording_is_idempotent(analyser, dbs):
    staff, _ = dbs
    cid = record_all(analyser, staff)
    before = candidates.show(staff, cid)
    record_all(analyser, staff)
    after = candidates.show(staff, cid)
    assert len(after["evidence"]) == len(before["evidence"]) == 3
    assert after["score"] == before["score"] and after["article_count"] == 3


def test_score_grows_with_independent_articles(analyser, dbs):
    staff, _ = dbs
    weak = "Ihar Lapeika teaches music in Hrodna. Three teachers were detained."
    cid = record(analyser, staff, {"id": 7, "url": "u7", "title": "", "language": "en",
                                   "text": weak})[0]
    one = candidates.show(staff, cid)["score"]
    record(analyser, staff, {"id": 8, "url": "u8", "title": "", "language": "en", "text": weak})
    two = candidates.show(staff, cid)["score"]
    assert 0 < one < two < 1 and two == pytest.approx(1 - (1 - one) ** 2, abs=1e-3)


def test_min_score_setting_keeps_weak_names_out(analyser, dbs, home):
    staff, _ = dbs
    cfg = load(env={"VIGIL_HOME": str(home), "VIGIL_CANDIDATES_MIN_SCORE": "0.9"})
    weak = {"id": 9, "url": "https://example.org/9", "title": "", "language": "en",
            "text": "Ihar Lapeika teaches music in Hrodna. Three teachers were detained."}
    assert record(analyser, staff, weak, cfg) == []
    assert record(analyser, staff, weak, load(env={"VIGIL_HOME": str(home)})) != []


def test_dismissed_candidate_stays_dismissed(analyser, dbs):
    staff, _ = dbs
    cid = record(analyser, staff, ARTICLES[0])[0]
    candidates.dismiss(staff, cid, by="reviewer", note="a teacher of the same name, not held")
    record(analyser, staff, ARTICLES[1])
    shown = candidates.show(staff, cid)
    assert shown["status"] == "dismissed" and shown["article_count"] == 2
    assert (shown["decided_by"], shown["note"]) == ("reviewer",
                                                    "a teacher of the same name, not held")
    assert [c["id"] for c in candidates.list_candidates(staff, status="new")] == []
    with pytest.raises(candidates.CandidateError):
        candidates.confirm(staff, dbs[1], cid)


def test_confirm_puts_the_person_on_the_watch_list_and_later_mentions_match(analyser, dbs):
    staff, corpus = dbs
    load_bundled_into_store(corpus)
    cid = record_all(analyser, staff)
    prisoner_id = candidates.confirm(staff, corpus, cid, by="reviewer")
    assert prisoner_id == candidates.WATCH_ID_BASE + cid
    row = prisoner_store.get_prisoner(corpus, prisoner_id)
    assert (row["name"], row["origin"], row["status"], row["matchable"]) == (
        "Ihar Lapeika", "staff", "watch", True)
    assert "reviewer" not in (row["note"] or "")      # who decided stays in staff.db
    assert candidate_store.watchlist(staff)[0]["prisoner_id"] == prisoner_id
    assert candidates.confirm(staff, corpus, cid) == prisoner_id     # idempotent
    assert len(candidate_store.watchlist(staff)) == 1

    fresh = Analyser.from_store(corpus)
    result = fresh.analyse(LATER, lang="be")
    assert [m["prisoner_id"] for m in result["mentions"]] == [prisoner_id]
    detained = fresh.analyse("В Гродно снова задержали Игоря Лапейко.", lang="ru")
    assert [m["prisoner_id"] for m in detained["mentions"]] == [prisoner_id]
    assert detained["new_names"] == []
    assert [e["type"] for e in detained["events"]] == ["detained"]
    with pytest.raises(candidates.CandidateError):
        candidates.dismiss(staff, cid)


def test_confirmation_made_in_datasette_is_completed_by_sync(analyser, dbs):
    staff, corpus = dbs
    cid = record(analyser, staff, ARTICLES[0])[0]
    # What the writable canned query does: it only flips the status.
    candidate_store.set_decision(staff, cid, status="confirmed", by=None, now="2026-11-22")
    assert candidate_store.watchlist(staff) == []
    assert candidates.sync_confirmed(staff, corpus) == 1
    assert candidates.sync_confirmed(staff, corpus) == 0
    assert prisoner_store.get_prisoner(corpus, candidates.WATCH_ID_BASE + cid)["origin"] == "staff"


def test_candidate_names_stay_out_of_the_public_database(analyser, dbs, home):
    staff, corpus = dbs
    record_all(analyser, staff)
    raw = sqlite3.connect(home / "corpus.db")
    tables = [r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table in tables:
        for row in raw.execute(f'SELECT * FROM "{table}"'):
            assert "Lapeika" not in repr(row) and "Лапейк" not in repr(row)
    raw.close()


def test_unknown_candidate_and_wrong_status_are_typed_errors(dbs):
    staff, corpus = dbs
    with pytest.raises(candidates.CandidateNotFound):
        candidates.confirm(staff, corpus, 404)
    with pytest.raises(candidates.CandidateError):
        candidates.list_candidates(staff, status="maybe")


# ------------------------------------------------------------------------------- CLI

def test_cli_list_show_confirm_dismiss(analyser, home):
    staff = store.open_staff(home / "staff.db")
    first = record_all(analyser, staff)
    other = record(analyser, staff, {"id": 4, "url": "https://example.org/4", "title": "",
                                     "language": "en",
                                     "text": "Police detained Kiryl Shautsou in Brest."})[0]
    staff.close()
    runner = CliRunner()

    listed = runner.invoke(cli, ["candidates", "list", "--status", "new"])
    assert listed.exit_code == 0, listed.output
    assert "Ihar Lapeika" in listed.output and "Kiryl Shautsou" in listed.output
    assert "2 candidate(s)" in listed.output

    shown = runner.invoke(cli, ["candidates", "show", str(first)])
    assert shown.exit_code == 0, shown.output
    assert "Police in Hrodna detained teacher Ihar Lapeika on Friday." in shown.output
    assert "https://spring96.org/be/news/130002" in shown.output

    confirmed = runner.invoke(cli, ["candidates", "confirm", str(first), "--by", "anna"])
    assert confirmed.exit_code == 0, confirmed.output
    assert f"prisoner {candidates.WATCH_ID_BASE + first}" in confirmed.output

    dismissed = runner.invoke(cli, ["candidates", "dismiss", str(other), "--by", "anna",
                                    "--note", "not detained, a witness"])
    assert dismissed.exit_code == 0, dismissed.output
    only_new = runner.invoke(cli, ["candidates", "list", "--status", "new"])
    assert "0 candidate(s)" in only_new.output
    strong = runner.invoke(cli, ["candidates", "list", "--min-score", "0.99"])
    assert "Ihar Lapeika" in strong.output

    missing = runner.invoke(cli, ["candidates", "show", "999"])
    assert missing.exit_code != 0 and "no candidate with id 999" in missing.output
    refused = runner.invoke(cli, ["candidates", "dismiss", str(first)])
    assert refused.exit_code != 0 and "confirmed" in refused.output

"""Reading prisoner files in all three formats, and importing them into a real corpus.db."""

from __future__ import annotations

from pathlib import Path

import pytest

import store
from monitor.data.derive_prisoners import derive
from monitor.prisoners import (
    VIGIL_ID_START,
    PrisonerFileError,
    bundled_prisoners,
    import_prisoner_file,
    load_bundled_into_store,
    read_prisoner_file,
    records_from_store,
    repair_name,
)
from store.prisoners import get_prisoner, prisoner_count, search_prisoners, status_history

DATA = Path(__file__).parent / "data"


@pytest.fixture
def corpus(tmp_path):
    db = store.open_corpus(tmp_path / "corpus.db")
    yield db
    db.close()


def by_id(records):
    return {r.id: r for r in records}


# ----------------------------------------------------------------------- the three formats

def test_viasna_export_is_read_with_gender_and_url():
    records = by_id(read_prisoner_file(DATA / "prisoners_viasna_export.csv"))
    assert records[964].name == "Ales Bialiatski"
    assert records[964].gender == "m" and records[215].gender == "f"
    assert records[964].url == "https://prisoners.spring96.org/en/person/ales-bialiatski"
    assert records[964].status == "active" and records[964].matchable


def test_viasna_export_keeps_non_names_but_never_matchable():
    records = by_id(read_prisoner_file(DATA / "prisoners_viasna_export.csv"))
    for anonymous in (9001, 9002, 9004):
        assert not records[anonymous].matchable
    assert records[9002].name == ""


def test_derived_file_with_crlf_quirks_is_repaired():
    records = by_id(read_prisoner_file(DATA / "prisoners_regime.csv"))
    assert len(records) == 11
    assert records[9102].name == "Ruslan Slutski"          # Cyrillic і, trailing space
    assert records[9103].name == "Kseniya Khodyrava"        # Cyrillic о and а inside
    assert records[9108].name == "Darja Zachar"             # stray combining mark
    assert all(r.name.isascii() for r in records.values() if r.id != 9108)
    assert records[964].status == "former"


def test_derived_file_marks_anonymised_rows_unmatchable():
    records = by_id(read_prisoner_file(DATA / "prisoners_regime.csv"))
    assert not records[9101].matchable                      # empty name
    assert not records[9104].matchable                      # Citizen S.
    assert not records[9105].matchable                      # A resident of ...
    assert not records[9106].matchable                      # surname known by initial only
    assert records[9107].matchable and records[9109].matchable


def test_gender_is_inferred_when_the_file_has_none():
    records = by_id(read_prisoner_file(DATA / "prisoners_regime.csv"))
    assert records[215].gender == "f"                       # Maryia, -ava
    assert records[964].gender == "m"
    assert records[9109].gender == "f"                      # surname-first "Lioukina Natallia"
    assert records[9107].gender == "f"


def test_vigil_format_carries_cyrillic_aliases_notes_and_replacements():
    records = by_id(read_prisoner_file(DATA / "prisoners_vigil.csv"))
    kashpul = records[100001]
    assert kashpul.name_be == "Аляксандр Кашпул" and kashpul.name_ru == "Александр Кашпуль"
    assert kashpul.aliases == ["Alexander Kashpul", "Aliaksandr Kapshul"]   # + replaced spelling
    assert kashpul.origin == "vigil" and "15 years" in kashpul.note
    assert kashpul.replaces == [9201]
    assert not records[9201].matchable and "same person as 100001" in records[9201].note
    assert records[964].gender == "m"                       # inferred: the column was empty


def test_repair_name_handles_lookalikes_and_doubled_capitals():
    assert repair_name("Aliaksandrа Kasko") == "Aliaksandra Kasko"
    assert repair_name("Viktoryia Lazar-ZHykh ") == "Viktoryia Lazar-Zhykh"
    assert repair_name("Alʹbert  Satsyuk") == "Albert Satsyuk"
    assert repair_name("Аляксандр Кашпул") == "Аляксандр Кашпул"   # Cyrillic names untouched


@pytest.mark.parametrize("content, message", [
    ("name,status\nX,active\n", "no id and name columns"),
    ("id,name\nabc,Ales Bialiatski\n", "row 2: id 'abc' is not a whole number"),
    ("id,name\n5,A B\n5,C D\n", "row 3: id 5 appears twice"),
    ("id,name,replaces\n5,A B,x\n", "row 2: replaces 'x'"),
])
def test_bad_files_raise_errors_naming_file_and_row(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(PrisonerFileError) as caught:
        read_prisoner_file(path)
    assert str(path) in str(caught.value) and message in str(caught.value)


def test_non_utf8_file_is_a_clear_error(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("id,name\n1,Bialiacki Ale\xf3\n".encode("latin-1"))
    with pytest.raises(PrisonerFileError, match="not UTF-8"):
        read_prisoner_file(path)


# ----------------------------------------------------------------------- the store

def test_import_then_reimport_updates_in_place_and_logs_status_changes(corpus, tmp_path):
    first = import_prisoner_file(corpus, DATA / "prisoners_regime.csv", now="2025-01-01T00:00:00Z")
    assert (first.added, first.updated, first.unchanged) == (11, 0, 0)
    assert first.unmatchable == 4
    again = import_prisoner_file(corpus, DATA / "prisoners_regime.csv", now="2025-01-02T00:00:00Z")
    assert (again.added, again.updated, again.unchanged) == (0, 0, 11)

    changed = tmp_path / "changed.csv"
    text = (DATA / "prisoners_regime.csv").read_text("utf-8")
    changed.write_text(text.replace("215,Maryia Kalesnikava,\"357,361\",2,2020,False,0,former",
                                    "215,Maryia Kalesnikava,\"357,361\",2,2020,False,0,active"),
                       encoding="utf-8")
    third = import_prisoner_file(corpus, changed, now="2025-02-01T00:00:00Z")
    assert third.status_changes == [(215, "former", "active")]
    assert (third.added, third.updated, third.unchanged) == (0, 1, 10)
    assert get_prisoner(corpus, 215)["status"] == "active"
    history = status_history(corpus, 215)
    assert [(h["old_status"], h["new_status"], h["changed_at"]) for h in history] == [
        ("former", "active", "2025-02-01T00:00:00Z")]
    assert prisoner_count(corpus) == 11


def test_store_round_trip_keeps_aliases_and_generates_cyrillic(corpus):
    import_prisoner_file(corpus, DATA / "prisoners_vigil.csv")
    records = by_id(records_from_store(corpus))
    assert records[100001].aliases == ["Alexander Kashpul", "Aliaksandr Kapshul"]
    assert records[100001].name_ru == "Александр Кашпуль"          # given, kept
    assert records[964].name_be == "Алесь Бяляцкі"                 # generated on import
    assert records[215].name_ru.startswith("Мария ")
    assert not records[9701].matchable and records[9701].name_be is None


def test_search_finds_cyrillic_forms_and_status(corpus):
    import_prisoner_file(corpus, DATA / "prisoners_vigil.csv")
    assert [r["id"] for r in search_prisoners(corpus, search="Кашпуль")] == [100001]
    former = {r["id"] for r in search_prisoners(corpus, status="former", limit=500)}
    assert 964 in former and 100001 not in former


def test_failed_import_leaves_the_store_untouched(corpus):
    import_prisoner_file(corpus, DATA / "prisoners_vigil.csv")
    before = prisoner_count(corpus)

    class Broken:
        id = "not a number"

    with pytest.raises(ValueError):
        from store.prisoners import upsert_prisoners
        upsert_prisoners(corpus, [bundled_prisoners()[0], Broken()], "2025-01-01T00:00:00Z")
    assert prisoner_count(corpus) == before


# ----------------------------------------------------------------------- the bundled list

def test_bundled_list_has_viasna_rows_and_sourced_additions():
    records = by_id(bundled_prisoners())
    assert len(records) > 8400
    for pid in (100001, 100002, 100003, 100004):
        assert records[pid].origin == "vigil" and records[pid].note
        assert pid >= VIGIL_ID_START
    assert records[100001].name == "Aliaksandr Kashpul"
    assert records[100002].name_ru == "Артём Жернак"
    assert records[100003].status == "active"
    assert records[100004].status == "former"
    assert not records[1874].matchable and not records[1269].matchable   # duplicates replaced
    assert all(r.origin == "viasna" for r in records.values() if r.id < VIGIL_ID_START)


def test_bundled_file_names_viasna_and_has_no_analysis_columns():
    text = (Path(__file__).parents[1] / "monitor" / "data" / "prisoners.csv").read_text("utf-8")
    assert 'Human Rights Center "Viasna"' in text and "prisoners.spring96.org" in text
    header = next(line for line in text.splitlines() if not line.startswith("#"))
    assert header == "id,name,status,gender"


def test_load_bundled_into_store_is_idempotent(corpus):
    first = load_bundled_into_store(corpus, now="2025-01-01T00:00:00Z")
    second = load_bundled_into_store(corpus, now="2025-01-02T00:00:00Z")
    assert first.added == prisoner_count(corpus) and first.added > 8400
    assert (second.added, second.updated) == (0, 0)


def test_derivation_is_reproducible(tmp_path):
    out = tmp_path / "derived.csv"
    assert derive(DATA / "prisoners_regime.csv", out) == 11
    derived = by_id(read_prisoner_file(out))
    source = by_id(read_prisoner_file(DATA / "prisoners_regime.csv"))
    assert {i: (r.name, r.status, r.gender) for i, r in derived.items()} == {
        i: (r.name, r.status, r.gender) for i, r in source.items()}
    assert "community" not in out.read_text("utf-8")

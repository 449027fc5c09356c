"""Alias rows in Vigil's prisoner format: names added to a person already on the list."""

from __future__ import annotations

import pytest

from monitor.names import Matcher
from monitor.prisoners import (
    PrisonerFileError,
    apply_aliases,
    bundled_prisoners,
    parse_prisoner_text,
    read_prisoner_file,
)

HEADER = "id,name,status,gender,name_be,name_ru,aliases,origin,note,url,replaces\n"


def test_an_alias_row_adds_names_and_a_note_and_is_no_person_of_its_own(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text(HEADER + "7,Hanna Kniha,former,f,,,,viasna,,,\n"
                    "7,Hanna Kniha,,,,,Hanna Pyarova; Ганна Пяровая,alias,pen name (test),,\n",
                    "utf-8")
    [record] = read_prisoner_file(path)
    assert record.aliases == ["Hanna Pyarova", "Ганна Пяровая"]
    assert record.note == "pen name (test)" and record.origin == "viasna"
    matcher = Matcher.from_records([record])
    assert {m.prisoner_id for m in matcher.find("Ганну Пяровую асудзілі.")} == {7}


def test_an_alias_row_for_an_unknown_id_or_another_name_is_an_error():
    rows = parse_prisoner_text(HEADER + "7,Hanna Kniha,former,f,,,,viasna,,,\n"
                               "8,Olga Nova,,,,,Olga Stara,alias,x,,\n")
    with pytest.raises(PrisonerFileError, match="alias row for 8"):
        apply_aliases(rows)
    rows = parse_prisoner_text(HEADER + "7,Hanna Kniha,former,f,,,,viasna,,,\n"
                               "7,Hanna Knihina,,,,,Hanna Stara,alias,x,,\n")
    with pytest.raises(PrisonerFileError, match="is 'Hanna Kniha'"):
        apply_aliases(rows)


def test_a_repeated_id_that_is_not_an_alias_row_is_still_an_error():
    with pytest.raises(PrisonerFileError, match="appears twice"):
        parse_prisoner_text(HEADER + "7,Hanna Kniha,former,f,,,,viasna,,,\n"
                            "7,Hanna Kniha,former,f,,,,viasna,,,\n")


def test_the_bundled_list_knows_katsiaryna_andreyeva_as_id_42():
    records = {r.id: r for r in bundled_prisoners()}
    assert "Katsiaryna Andreyeva" in records[42].aliases
    assert "Belsat" in records[42].note
    assert sum(r.id == 42 for r in bundled_prisoners()) == 1

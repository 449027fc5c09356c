"""The labelled sets themselves: well-formed, large enough, and covering what the gates need.

These tests guard the ground truth of tests/test_quality_gates.py: a set that silently lost
its Russian instrumental case or its UN-expert decoys would make a passing gate meaningless.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

LABELLED = Path(__file__).parent / "data" / "labelled"
SETS = ("names.jsonl", "new_names.jsonl", "events.jsonl", "un_documents.jsonl")
NAME_LANGS = ("en", "ru", "be", "be-latn")
CASES = ("nom", "gen", "dat", "acc", "ins", "loc")
EVENT_TYPES = {"detained", "charged", "sentenced", "released", "transferred", "hunger_strike",
               "health", "died", "recognised_political_prisoner", "un_opinion"}
UN_KINDS = {"wgad_opinion", "treaty_body_views", "special_procedures", "press_release",
            "hrc_report"}
LACINKA_LETTERS = set("łŭćśźčšžńĺŁŬĆŚŹČŠŽŃ")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LATIN = re.compile(r"[A-Za-z]")

# Phenomena every language of names.jsonl must show at least once.
TAGS_PER_LANGUAGE = ("full-name", "followup", "initial", "diminutive", "surname-first",
                     "female-form", "namesake", "list-namesake", "public-figure",
                     "decoy:official", "decoy:un-expert", "decoy:place", "multi")
# Phenomena the whole names set must show at least this often.
TAGS_OVERALL = {"decoy:judge": 3, "decoy:prosecutor": 3, "decoy:kgb": 3, "decoy:relative": 6,
                "decoy:common-word": 5, "decoy:surname-as-word": 5, "sex-mismatch": 8,
                "surname-alone": 20, "patronymic": 3, "alias": 4, "hyphenated": 2,
                "lookalike": 1, "given-variant": 4, "indeclinable": 3, "same-name-official": 1}
# Spellings the English lines must carry (romanisations of listed persons).
ENGLISH_SPELLINGS = ("Ales Bialiatski", "Aleksandr Bialiatski", "Alexander Byalyatski",
                     "Ales Beliatski", "Belyatsky", "Tikhanovsky", "Kolesnikova",
                     "Kalyesnikava", "Statkevich", "Statkievič", "Statkyevich", "Kashpul",
                     "Severinets", "Zhernak", "Poczobut", "Pochobut")


def load(name: str) -> list[dict]:
    lines = (LABELLED / name).read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def by_lang(records: list[dict]) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = {}
    for rec in records:
        grouped.setdefault(rec["lang"], []).append(rec)
    return grouped


def tags_of(records: list[dict]) -> Counter:
    return Counter(tag for rec in records for tag in rec["tags"])


# ------------------------------------------------------------------------ well-formed

@pytest.mark.parametrize("name", SETS)
def test_every_line_is_a_json_object_with_the_common_fields(name):
    for number, line in enumerate((LABELLED / name).read_text("utf-8").splitlines(), 1):
        rec = json.loads(line)
        assert isinstance(rec, dict), f"{name}:{number}"
        assert isinstance(rec["id"], str) and rec["id"], f"{name}:{number}"
        assert rec["lang"] in NAME_LANGS, f"{name}:{number} lang {rec['lang']!r}"
        assert isinstance(rec["text"], str) and rec["text"].strip(), f"{name}:{number}"
        assert isinstance(rec["tags"], list) and rec["tags"], f"{name}:{number} has no tags"
        assert rec["text"] == unicodedata.normalize("NFC", rec["text"]), f"{name}:{number} not NFC"


def test_ids_are_unique_across_all_sets():
    ids = Counter(rec["id"] for name in SETS for rec in load(name))
    assert [i for i, n in ids.items() if n > 1] == []


def test_texts_are_in_their_declared_script():
    for name in SETS:
        for rec in load(name):
            if rec["lang"] in ("ru", "be"):
                assert CYRILLIC.search(rec["text"]), rec["id"]
                mixed = [w for w in re.findall(r"\w+", rec["text"])
                         if CYRILLIC.search(w) and LATIN.search(w)]
                assert mixed == [], f"{rec['id']}: mixed-script words {mixed}"
            else:
                assert not CYRILLIC.search(rec["text"]), rec["id"]


def test_lacinka_lines_are_written_in_lacinka():
    for name in SETS:
        for rec in load(name):
            if rec["lang"] == "be-latn":
                assert LACINKA_LETTERS & set(rec["text"]), f"{rec['id']} has no Łacinka letter"


# --------------------------------------------------------------------------- names

def test_names_size_and_languages():
    records = load("names.jsonl")
    assert len(records) >= 200
    counts = Counter(rec["lang"] for rec in records)
    assert all(counts[lang] >= 35 for lang in NAME_LANGS), counts


def test_names_fields():
    for rec in load("names.jsonl"):
        persons = rec["persons"]
        assert isinstance(persons, list) and all(isinstance(p, int) for p in persons), rec["id"]
        assert len(set(persons)) == len(persons), rec["id"]


@pytest.mark.parametrize("lang", ["ru", "be"])
@pytest.mark.parametrize("sex", ["m", "f"])
def test_names_cover_every_case_for_both_sexes(lang, sex):
    tags = tags_of(by_lang(load("names.jsonl"))[lang])
    missing = [case for case in CASES if not tags[f"case:{sex}:{case}"]]
    assert missing == [], f"{lang} {sex}: no line for cases {missing}"


@pytest.mark.parametrize("lang", NAME_LANGS)
def test_names_phenomena_in_every_language(lang):
    tags = tags_of(by_lang(load("names.jsonl"))[lang])
    assert [t for t in TAGS_PER_LANGUAGE if not tags[t]] == []


def test_names_phenomena_overall():
    tags = tags_of(load("names.jsonl"))
    short = {t: tags[t] for t, n in TAGS_OVERALL.items() if tags[t] < n}
    assert short == {}


def test_names_romanisations():
    english = by_lang(load("names.jsonl"))["en"]
    tags = tags_of(english)
    for tag in ("rom:passport", "rom:bgn", "rom:russian", "rom:lacinka", "rom:polish"):
        assert tags[tag] >= 1, tag
    text = "\n".join(rec["text"] for rec in english)
    assert [s for s in ENGLISH_SPELLINGS if s not in text] == []


def test_belarusian_lines_name_their_orthography():
    be_lines = by_lang(load("names.jsonl"))["be"]
    for rec in be_lines:
        marks = {t for t in rec["tags"] if t.startswith("ortho:")}
        assert len(marks) == 1, rec["id"]
    tags = tags_of(be_lines)
    assert tags["ortho:narkam"] >= 10 and tags["ortho:tarask"] >= 10, tags


def test_names_many_distinct_persons_and_real_decoys():
    records = load("names.jsonl")
    assert len({p for rec in records for p in rec["persons"]}) >= 40
    empty = [rec for rec in records if not rec["persons"]]
    assert len(empty) >= 40
    for rec in records:
        if "decoy:un-expert" in rec["tags"]:
            assert rec["persons"] == [], rec["id"]
        if "list-namesake" in rec["tags"]:
            assert len(rec["persons"]) >= 2, rec["id"]


# ------------------------------------------------------------------------ new names

def test_new_names_set():
    records = load("new_names.jsonl")
    assert len(records) >= 60
    counts = Counter(rec["lang"] for rec in records)
    assert all(counts[lang] >= 10 for lang in NAME_LANGS), counts
    positives = [rec for rec in records if rec["candidates"]]
    assert len(positives) >= 30 and len(records) - len(positives) >= 25
    for rec in records:
        assert ("positive" in rec["tags"]) == bool(rec["candidates"]), rec["id"]
        for cand in rec["candidates"]:
            assert len(cand.split()) >= 2, f"{rec['id']}: {cand!r} is not 'Given Surname'"
            assert bool(CYRILLIC.search(cand)) == (rec["lang"] in ("ru", "be")), rec["id"]
        if rec["candidates"]:
            assert "fictional" in rec.get("note", ""), f"{rec['id']}: say the name is invented"


def test_new_names_negatives_cover_each_kind():
    tags = tags_of(load("new_names.jsonl"))
    kinds = ("neg:official", "neg:judge", "neg:prosecutor", "neg:journalist",
             "neg:spokesperson", "neg:place", "neg:listed", "neg:no-context", "listed-present")
    assert [k for k in kinds if tags[k] < 2] == []


# ---------------------------------------------------------------------------- events

def test_events_set():
    records = load("events.jsonl")
    assert len(records) >= 80
    grouped = by_lang(records)
    assert set(grouped) == {"en", "ru", "be"}
    for lang, recs in grouped.items():
        types = {e["type"] for rec in recs for e in rec["events"]}
        assert types == EVENT_TYPES, f"{lang} lacks {EVENT_TYPES - types}"
    tags = tags_of(records)
    assert tags["no-event"] >= 4 and tags["other-person"] >= 3 and tags["negated"] >= 3


def test_event_fields():
    for rec in load("events.jsonl"):
        assert isinstance(rec["prisoner_id"], int), rec["id"]
        for event in rec["events"]:
            assert event["type"] in EVENT_TYPES, rec["id"]
            assert set(event) <= {"type", "term"}, rec["id"]
            if "term" in event:
                assert event["type"] == "sentenced", rec["id"]
                assert re.fullmatch(r"\d+ years?( \d+ months?)?|\d+ months?", event["term"])


# ---------------------------------------------------------------------- UN documents

def test_un_documents_set():
    records = load("un_documents.jsonl")
    assert len(records) >= 25
    docs = [rec["un_document"] for rec in records if rec["un_document"]]
    assert {d["kind"] for d in docs} == UN_KINDS
    assert len(records) - len(docs) >= 5
    assert {"iccpr-article", "mentions-un"} <= set(tags_of(records))


def test_un_document_fields_agree_with_each_other():
    for rec in load("un_documents.jsonl"):
        doc = rec["un_document"]
        if doc is None:
            continue
        assert set(doc) == {"kind", "symbol", "number", "year", "persons"}, rec["id"]
        assert doc["kind"] in UN_KINDS and isinstance(doc["persons"], list), rec["id"]
        if doc["kind"] == "wgad_opinion" and doc["number"]:
            n, year = doc["number"].split("/")
            assert doc["symbol"] == f"A/HRC/WGAD/{year}/{n}" and doc["year"] == int(year)
        if doc["kind"] == "treaty_body_views":
            assert doc["symbol"].endswith(f"/D/{doc['number']}"), rec["id"]
        if doc["symbol"]:
            assert doc["symbol"] in rec["text"] or doc["kind"] == "wgad_opinion", rec["id"]


# ------------------------------------------------------- ids against the bundled list

def normal_name(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


@pytest.fixture(scope="module")
def listed():
    from monitor.prisoners import bundled_prisoners

    return {int(rec.id): rec.name for rec in bundled_prisoners()}


def used_ids() -> dict[int, list[str]]:
    used: dict[int, list[str]] = {}
    for rec in load("names.jsonl"):
        for pid in rec["persons"]:
            used.setdefault(pid, []).append(rec["id"])
    for rec in load("events.jsonl"):
        used.setdefault(rec["prisoner_id"], []).append(rec["id"])
    for rec in load("un_documents.jsonl"):
        for pid in (rec["un_document"] or {}).get("persons", []):
            used.setdefault(pid, []).append(rec["id"])
    return used


def test_every_labelled_id_is_on_the_bundled_list(listed):
    missing = {pid: where[:3] for pid, where in used_ids().items() if pid not in listed}
    assert missing == {}


def test_list_namesakes_name_every_holder_of_the_name(listed):
    holders: dict[str, set[int]] = {}
    for pid, name in listed.items():
        holders.setdefault(normal_name(name), set()).add(pid)
    for rec in load("names.jsonl"):
        if "list-namesake" in rec["tags"]:
            names = {normal_name(listed[p]) for p in rec["persons"]}
            assert len(names) == 1, f"{rec['id']}: ids carry different names {names}"
            assert holders[names.pop()] == set(rec["persons"]), rec["id"]


def test_same_person_groups_are_on_the_list(listed):
    groups = json.loads((LABELLED / "same_person.json").read_text("utf-8"))["groups"]
    for group in groups:
        assert group["ids"][0] in listed, group["ids"]


def test_invented_new_names_are_not_listed_persons(listed):
    from monitor.names import person_key

    listed_keys = {person_key(name) for name in listed.values()}
    clashes = [(rec["id"], cand) for rec in load("new_names.jsonl")
               for cand in rec["candidates"] if person_key(cand) in listed_keys]
    assert clashes == []

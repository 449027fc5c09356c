"""The known-prisoner list: reading Viasna's files and Vigil's own into PersonRecords.

Three formats are read, told apart by their header:

* **Viasna's CSV export** (``id,url,name,status,gender,photo,...,clusters``).
* **The derived analysis file** ``04_person_regime.csv`` (``id,name,articles,...,status,clusters``;
  CRLF, empty names, trailing spaces, Cyrillic look-alike letters inside Latin names).
* **Vigil's own format** (``monitor/data/prisoners.csv``): optional ``#`` comment lines, then
  ``id,name,status,gender,name_be,name_ru,aliases,origin,note,url[,replaces]``; every column
  but ``id`` and ``name`` may be left out. ``aliases`` holds extra surface forms separated
  by ``;`` (any script). ``replaces`` lists ids of rows that are the same human being
  (they stay, unmatchable, so one person is reported under one id). ``origin`` is ``viasna``
  (Viasna's id and data), ``vigil`` (an addition made by this project, id >= 100001, with a
  source ``note``), ``staff``, or ``alias``: an **alias row** adds names to a person already
  on the list (same ``id``, ``name`` repeating the listed name, the new names in
  ``aliases``, the source in ``note``); it is merged into that person's row and is no
  person of its own ("Katsiaryna Bakhvalava" also writes as "Katsiaryna Andreyeva").

Rows that are not names ("Citizen S.", "Resident of Vitebsk", empty) are kept with
``matchable=False`` so the record stays complete, but the matcher never sees them.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from monitor.names.index import infer_gender
from monitor.names.variants import generated_forms, parse_name
from store.prisoners import load_prisoner_records, upsert_prisoners

VIGIL_ID_START = 100001   # ids from here on are Vigil's own additions, not Viasna ids
ALIAS = "alias"           # origin of a row that only adds names to a listed person
VIGIL_COLUMNS = ["id", "name", "status", "gender", "name_be", "name_ru", "aliases", "origin",
                 "note", "url"]
VIASNA_EXPORT_MARKERS = {"photo", "penalty", "prison", "judge"}
DERIVED_MARKERS = {"community", "n_articles", "pre"}

# Cyrillic letters that look like Latin ones, as found inside Viasna's Latin names.
LOOKALIKES = str.maketrans("аеорсхуікмтнвАВЕКМНОРСТХІУЈј", "aeopcxyikmtHBABEKMHOPCTXIYJj")
NON_NAME_WORDS = {"citizen", "resident", "defendant", "accused", "convicted", "uradzhenets",
                  "zhykhar", "lab", "student", "unknown", "anonymous", "woman", "man"}
NON_NAME_LINKS = {"of", "from", "by", "the"}


class PrisonerFileError(ValueError):
    """A prisoner file cannot be read; the message names the file and the row."""


@dataclass
class PersonRecord:
    id: int
    name: str
    status: str | None
    gender: str | None                      # 'm' | 'f' | None
    name_be: str | None = None
    name_ru: str | None = None
    aliases: list[str] = field(default_factory=list)
    origin: str = "viasna"
    note: str | None = None
    matchable: bool = True
    url: str | None = None
    replaces: list[int] = field(default_factory=list)   # ids of duplicate rows this one stands for


# ----------------------------------------------------------------------- name repair

def repair_name(raw: str | None) -> str:
    """Fix what Viasna's data carries: look-alike Cyrillic letters in Latin names, stray
    combining marks and primes, doubled capitals ("ZHuchenka"), extra spaces."""
    name = unicodedata.normalize("NFC", raw or "")
    name = re.sub(r"\s[\u0300-\u036f]", "", name).replace("ʹ", "")
    latin = sum(c.isascii() and c.isalpha() for c in name)
    cyrillic = sum("\u0400" <= c <= "\u04ff" for c in name)
    if latin > cyrillic:
        name = name.translate(LOOKALIKES)
    name = re.sub(r"\b([A-Z])([A-Z])(?=[a-z])", lambda m: m.group(1) + m.group(2).lower(), name)
    return " ".join(name.split())


def is_matchable(name: str) -> bool:
    """False for empty and anonymised rows: "Citizen S.", "Resident of Vitebsk", "Pavel A."."""
    words = name.replace("(", " ").replace(")", " ").split()
    if not words:
        return False
    lowered = [w.lower().strip(".") for w in words]
    if lowered[0] in NON_NAME_WORDS or NON_NAME_LINKS & set(lowered) or (
            lowered[0] == "a" and len(words) > 1 and lowered[1] in NON_NAME_WORDS):
        return False
    surname = parse_name(name).surname
    return len(surname.replace(".", "")) > 1 and not surname.endswith(".")


# ----------------------------------------------------------------------- reading

def _norm_gender(value: str | None) -> str | None:
    value = (value or "").strip().lower()
    if value[:1] in ("m", "м"):
        return "m"
    if value[:1] in ("f", "w", "ж"):
        return "f"
    return None


def _norm_status(value: str | None) -> str | None:
    value = " ".join((value or "").lower().split())
    if not value:
        return None
    if "former" in value or "released" in value or "былы" in value:
        return "former"
    if value in ("political prisoner", "palitviazen", "палітвязень", "current"):
        return "active"
    return value


def _split_aliases(value: str | None) -> list[str]:
    return [a.strip() for a in (value or "").split(";") if a.strip()]


def _ids(value: str | None) -> list[int]:
    parts = (value or "").replace(";", " ").split()
    if not all(p.isdigit() for p in parts):
        raise ValueError(f"replaces {value!r} must list whole-number ids")
    return [int(p) for p in parts]


def _record(row: dict, fmt: str) -> PersonRecord:
    name = repair_name(row.get("name"))
    parsed = parse_name(name) if name else None
    gender = _norm_gender(row.get("gender")) or (infer_gender(parsed) if parsed else None)
    return PersonRecord(
        id=int(row["id"]), name=name, status=_norm_status(row.get("status")), gender=gender,
        name_be=(row.get("name_be") or "").strip() or None,
        name_ru=(row.get("name_ru") or "").strip() or None,
        aliases=_split_aliases(row.get("aliases")),
        origin=(row.get("origin") or "").strip() or ("viasna" if fmt != "vigil" else "viasna"),
        note=(row.get("note") or "").strip() or None,
        matchable=is_matchable(name),
        url=(row.get("url") or "").strip() or None,
        replaces=_ids(row.get("replaces")))


def detect_format(fields: list[str]) -> str:
    names = {f.strip().lower() for f in fields}
    if "id" not in names or "name" not in names:
        raise ValueError(f"header has no id and name columns: {','.join(fields)}")
    if names & VIASNA_EXPORT_MARKERS:
        return "viasna"
    if names & DERIVED_MARKERS:
        return "derived"
    return "vigil"


def parse_prisoner_text(text: str, source: str = "<text>") -> list[PersonRecord]:
    """Records from the text of a prisoner file in any of the three formats."""
    lines = [line for line in io.StringIO(text, newline=None) if not line.startswith("#")]
    reader = csv.DictReader(lines)
    try:
        fmt = detect_format(reader.fieldnames or [])
    except ValueError as exc:
        raise PrisonerFileError(f"{source}: {exc}") from None
    records, seen = [], set()
    for row_number, row in enumerate(reader, start=2):
        row = {(k or "").strip().lower(): v for k, v in row.items()}
        where = f"{source}: row {row_number}"
        if not str(row.get("id") or "").strip().isdigit():
            raise PrisonerFileError(f"{where}: id {row.get('id')!r} is not a whole number")
        try:
            record = _record(row, fmt)
        except ValueError as exc:
            raise PrisonerFileError(f"{where}: {exc}") from None
        if record.id in seen and record.origin != ALIAS:
            raise PrisonerFileError(f"{source}: row {row_number}: id {record.id} appears twice")
        seen.add(record.id)
        records.append(record)
    return records


def apply_aliases(records: list[PersonRecord], source: str = "<list>") -> list[PersonRecord]:
    """Merge alias rows into the person of the same id (their names become aliases, their
    note is kept after the person's); an alias row whose person is not in ``records``, or
    whose name is not that person's, is an error."""
    people = {r.id: r for r in records if r.origin != ALIAS}
    for row in (r for r in records if r.origin == ALIAS):
        person = people.get(row.id)
        if person is None or person.name != row.name:
            found = f"is {person.name!r}" if person else "is not on the list"
            raise PrisonerFileError(f"{source}: alias row for {row.id} ({row.name}): that id "
                                    f"{found}")
        person.aliases += [a for a in row.aliases if a not in person.aliases]
        if row.note:
            person.note = f"{person.note} | {row.note}" if person.note else row.note
    return [r for r in records if r.origin != ALIAS]


def apply_replacements(records: list[PersonRecord]) -> list[PersonRecord]:
    """A record whose ``replaces`` names other ids stands for the same human being: those
    rows are kept for the record but made unmatchable, and their spelling becomes an alias,
    so one person is reported under one id whichever spelling a text uses."""
    by_id = {r.id: r for r in records}
    for record in records:
        for other_id in record.replaces:
            other = by_id.get(other_id)
            if other is not None and other is not record:
                if other.matchable and other.name and other.name not in record.aliases:
                    record.aliases.append(other.name)
                other.matchable = False
                other.note = f"same person as {record.id} ({record.name}); matched under that id"
    return records


def read_prisoner_file(path: str | Path) -> list[PersonRecord]:
    """Read a Viasna export, the derived 04_person_regime.csv, or Vigil's own format."""
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise PrisonerFileError(f"{path}: no such file") from None
    except UnicodeDecodeError as exc:
        raise PrisonerFileError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") \
            from None
    return apply_replacements(apply_aliases(parse_prisoner_text(text, str(path)), str(path)))


def bundled_prisoners() -> list[PersonRecord]:
    """The list shipped with Vigil: Viasna-derived rows plus Vigil's sourced additions."""
    data = resources.files("monitor").joinpath("data")
    records = []
    for name in ("prisoners.csv", "prisoners_additions.csv"):
        records += parse_prisoner_text(data.joinpath(name).read_text("utf-8"), name)
    return apply_replacements(apply_aliases(records, "prisoners_additions.csv"))


def with_cyrillic(record: PersonRecord) -> PersonRecord:
    """Fill name_be / name_ru with generated spellings when the file gave none."""
    if record.matchable and not (record.name_be and record.name_ru):
        forms = generated_forms(record.name)
        record.name_be = record.name_be or forms.get("be")
        record.name_ru = record.name_ru or forms.get("ru")
    return record


# ----------------------------------------------------------------------- writing

def write_vigil_file(path: str | Path, records: list[PersonRecord], comment: str = "",
                     columns: list[str] | None = None) -> None:
    columns = columns or VIGIL_COLUMNS
    with open(path, "w", encoding="utf-8", newline="") as handle:
        for line in comment.strip().splitlines():
            handle.write(f"# {line}\n" if line else "#\n")
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        for record in records:
            values = {**record.__dict__, "aliases": "; ".join(record.aliases)}
            writer.writerow(["" if values.get(c) is None else values[c] for c in columns])


# ----------------------------------------------------------------------- the store

def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def import_records(corpus_db, records: list[PersonRecord], now: str | None = None):
    """Upsert records (Cyrillic forms generated where missing) into corpus.db's prisoners
    table; return the store's ImportReport (added/updated/unchanged/status changes)."""
    return upsert_prisoners(corpus_db, [with_cyrillic(r) for r in records], now or _now())


def import_prisoner_file(corpus_db, path: str | Path, now: str | None = None):
    """`vigil prisoners import FILE`: read any of the three formats and upsert it."""
    return import_records(corpus_db, read_prisoner_file(path), now)


def load_bundled_into_store(corpus_db, now: str | None = None):
    """Load the list shipped with Vigil into corpus.db (used by `vigil init`)."""
    return import_records(corpus_db, bundled_prisoners(), now)


def record_from_row(row: dict) -> PersonRecord:
    names = {f for f in PersonRecord.__dataclass_fields__}
    return PersonRecord(**{k: v for k, v in row.items() if k in names})


def records_from_store(corpus_db) -> list[PersonRecord]:
    """The list as stored in corpus.db, as PersonRecords."""
    return [record_from_row(row) for row in load_prisoner_records(corpus_db)]

"""UN documents: recognising a WGAD opinion, treaty-body views, a Special Procedures
statement, a press release or a Human Rights Council report from a text and its source.

What counts (the decision the issue leaves open):

* A text from a UN source (``source_org == "un"``), or one that *is* a UN document by its
  own marks (a symbol on its own line, "Opinion No. N/YYYY concerning ..." opening the text,
  "Opinions adopted by the Working Group", a "Concerning:" line, "Views adopted by the
  Committee", a "Press releases" header, a "GENEVA (date) –" dateline, "UN News,"), is
  recorded with its kind. The marks matter because the pipeline does not always know the
  source. UN press material is kept only when it is about Belarus or names a listed person:
  Vigil is not a general UN archive.
* An article from anyone that *reports* a WGAD opinion, treaty-body views or a statement
  of UN experts about a listed person is recorded too, as that kind, with
  ``"reported": True``. OHCHR publishes opinions months later and answers scripts with 403,
  so the NGO report is often the first and only signal. "Reports" means: a WGAD opinion
  number, or one sentence naming the body, a decision or statement verb ("found ...
  arbitrary", "признала", "заклікалі") and a listed person.
* An article that merely mentions the UN (a statement to the Human Rights Council, a
  complaint sent, an article of the Covenant, a count of opinions) is not a UN document.

``persons`` are the listed persons the text names (all of them, first named first).
``symbol`` of a WGAD opinion is always A/HRC/WGAD/YYYY/N, derived from the number when the
text prints only "Opinion No. N/YYYY", and ``number`` from the symbol the other way round.
"""

from __future__ import annotations

import re

from monitor import undoc_patterns as p
from monitor.newnames.sentences import SentenceIndex

HEAD_CHARS = 800


def detect_un_document(text: str, title: str | None, source_org: str | None,
                       mentions: list[dict]) -> dict | None:
    """The UN document ``text`` is (or reports), or None. See the module docstring."""
    whole = f"{title or ''}\n{text or ''}"
    head = whole[:HEAD_CHARS]
    official = source_org == "un" or bool(p.DOCUMENT_MARKS.search(head) or
                                           p.PRESS_HEADER.search(head))
    if not official and not p.may_report(whole):
        return None
    offset = len(title or "") + 1
    shifted = [{**m, "start": m["start"] + offset, "end": m["end"] + offset} for m in mentions]
    doc = (_wgad(whole, head, official, shifted) or _treaty(whole, official, shifted)
           or (_un_material(whole, head, shifted) if official
               else _reported_statement(whole, shifted)))
    if doc is None:
        return None
    doc["reported"] = not official
    doc["year"] = doc["year"] or p.stated_year(whole, head)
    doc["country"] = doc["country"] or ("Belarus" if p.BELARUS.search(whole) else None)
    doc["persons"] = list(dict.fromkeys(m["prisoner_id"] for m in
                                        sorted(shifted, key=lambda m: m["start"])))
    return doc


def _blank(kind: str) -> dict:
    return {"kind": kind, "symbol": None, "number": None, "year": None, "country": None,
            "concerning": None, "finding": None, "categories": [], "persons": []}


def _wgad(whole: str, head: str, official: bool, mentions: list[dict]) -> dict | None:
    symbol, number = p.WGAD_SYMBOL.search(whole), p.WGAD_NUMBER.search(whole)
    if symbol or number:
        # "Opinion No." alone is also used by other bodies; the Working Group must be named.
        if not (symbol or p.WORKING_GROUP.search(whole) or p.OPENING_OPINION.search(head)):
            return None
    elif not _reporting(whole, p.WGAD_NAME, p.DECISION, mentions):
        return None
    doc = _blank("wgad_opinion")
    if symbol:
        year, no = int(symbol.group(1)), int(symbol.group(2))
    elif number:
        year, no = int(number.group(2)), int(number.group(1))
    if symbol or number:
        doc.update(symbol=f"A/HRC/WGAD/{year}/{no}", number=f"{no}/{year}", year=year)
    country = p.COUNTRY_AFTER_NUMBER.search(head)
    doc["country"] = country.group(1).strip() if country else None
    doc["concerning"] = _concerning(whole, mentions)
    doc["finding"], doc["categories"] = p.finding_and_categories(whole)
    return doc


def _treaty(whole: str, official: bool, mentions: list[dict]) -> dict | None:
    symbol = p.CCPR_SYMBOL.search(whole)
    if not symbol and not _reporting(whole, p.COMMITTEE_NAME, p.DECISION, mentions):
        return None
    doc = _blank("treaty_body_views")
    communication = p.COMMUNICATION.search(whole)
    if symbol:
        doc.update(symbol=symbol.group(0), number=f"{symbol.group(2)}/{symbol.group(3)}")
    if communication:
        doc["number"] = f"{communication.group(1)}/{communication.group(2)}"
    doc["concerning"] = _concerning(whole, mentions)
    return doc


def _un_material(whole: str, head: str, mentions: list[dict]) -> dict | None:
    """Special Procedures statements, HRC reports and other releases (UN texts only)."""
    if not (p.BELARUS.search(whole) or mentions):
        return None
    report = p.HRC_SYMBOL.search(head)
    if report or re.search(r"^\s*report of the|\breport of the special rapporteur", head,
                           re.IGNORECASE | re.MULTILINE):
        doc = _blank("hrc_report")
        doc["symbol"] = report.group(0) if report else None
        return doc
    if p.SPECIAL_PROCEDURES.search(head):
        return _blank("special_procedures")
    return _blank("press_release")


def _reported_statement(whole: str, mentions: list[dict]) -> dict | None:
    """An article reporting what UN experts said about a listed person."""
    if _reporting(whole, p.SPECIAL_PROCEDURES, p.STATEMENT, mentions):
        return _blank("special_procedures")
    return None


def _reporting(whole: str, body: re.Pattern, verb: re.Pattern, mentions: list[dict]) -> bool:
    """Does one sentence name the body, a decision or statement of it, and a listed person?"""
    if not mentions or not body.search(whole):
        return False
    for sentence in SentenceIndex(whole).sentences:
        if body.search(sentence.text) and verb.search(sentence.text) and any(
                sentence.start <= m["start"] < sentence.end for m in mentions):
            return True
    return False


def _concerning(whole: str, mentions: list[dict]) -> str | None:
    """The "Concerning: <name>" line of an opinion, or "concerning <listed person>" in prose."""
    for match in p.CONCERNING.finditer(whole):
        start, end = match.span(1)
        line_start = whole.rfind("\n", 0, match.start()) + 1
        line_form = not whole[line_start:match.start()].strip() and ":" in whole[
            match.start():start]
        if line_form or any(start <= m["start"] < end for m in mentions):
            return " ".join(match.group(1).split()).strip(" ,:")
    return None

"""What UN documents look like in text: symbols, numbers, bodies, headers, dates, findings.

Used by ``monitor.undocs``; written from the formats of real documents (WGAD opinions
"Opinion No. 39/2012", symbols A/HRC/WGAD/2012/39; treaty-body views CCPR/C/134/D/2911/2016;
OHCHR press releases with a "GENEVA (date) –" dateline; HRC reports A/HRC/55/61).
"""

from __future__ import annotations

import re

IC = re.IGNORECASE
IM = re.IGNORECASE | re.MULTILINE

WGAD_NUMBER = re.compile(
    r"(?:opinion|мнени\w*|меркаванн\w*|mierkavann\w*)\s+(?:no\.?|number|№|n°|nr\.?)\s*"
    r"(\d{1,3})\s*/\s*(\d{4})", IC)
WGAD_SYMBOL = re.compile(r"A/HRC/WGAD/(\d{4})/(\d{1,3})", IC)
CCPR_SYMBOL = re.compile(r"CCPR/C/(\d{2,3})/D/(\d{1,5})/(\d{4})", IC)
COMMUNICATION = re.compile(
    r"(?:communication|сообщени\w*|паведамленн\w*)\s+(?:no\.?|№)\s*(\d{1,5})/(\d{4})", IC)
HRC_SYMBOL = re.compile(r"A/HRC/(\d{1,2})/(\d{1,3})(?:/Add\.\d+)?", IC)

WGAD_NAME = re.compile(
    r"working group on arbitrary detention|\bwgad\b|рабоч\w+ групп\w+ (?:оон )?по "
    r"произвольн\w+ задержани\w*|працоўн\w+ груп\w+ (?:аан )?па адвольн\w+ затрыман\w*", IC)
# Inside an opinion the body calls itself just "the Working Group".
WORKING_GROUP = re.compile(r"working group|рабоч\w+ групп\w+|працоўн\w+ груп\w+", IC)
COMMITTEE_NAME = re.compile(
    r"human rights committee|комитет\w* (?:оон )?по правам человека|"
    r"камітэт\w* (?:аан )?па правах чалавека", IC)
DECISION = re.compile(
    r"adopt\w*|issued|found|finds|concluded|recogni[sz]ed|ruled|decided|opinion|conclusion|"
    r"views|decision|признал\w*|приш\w+ к выводу|мнени\w+|решени\w+|заключени\w+|"
    r"прызнал\w*|выснов\w*|меркаванн\w+|рашэнн\w+", IC)
SPECIAL_PROCEDURES = re.compile(
    r"special procedures|special rapporteur|un experts?|independent experts?|"
    r"специальн\w+ докладчи\w*|эксперт\w* оон|спецыяльн\w+ дакладчы\w*|эксперт\w* аан", IC)
STATEMENT = re.compile(
    r"call\w*|urg\w*|said|say|expressed|demand\w*|condemn\w*|deplor\w*|welcom\w*|"
    r"призвал\w*|призыва\w*|заявил\w*|выразил\w*|осудил\w*|потребовал\w*|требу\w*|"
    r"заклікал\w*|заклікаю\w*|заявіл\w*|выказал\w*|асудзіл\w*|патрабавал\w*|патрабую\w*", IC)

# "Opinion No. 41/2023 concerning ..." opening a text: the opinion itself.
OPENING_OPINION = re.compile(
    r"^\s*(?:opinion|мнение|меркаванне)\s+(?:no\.?|№)\s*\d{1,3}\s*/\s*\d{4}", IM)

# Marks of a text that *is* a UN document or release (not an article about one).
DOCUMENT_MARKS = re.compile(
    r"opinions? adopted by the working group|^\s*concerning\s*:|^\s*distr\.\s*:|"
    r"views adopted by the (?:human rights )?committee|^\s*GE\.\d{2}-\d+|"
    r"^\s*(?:opinion|мнение|меркаванне)\s+(?:no\.?|№)\s*\d{1,3}/\d{4}|"
    r"^\s*(?:A/HRC/[\w/.]+|CCPR/C/[\w/.]+)\s*$|соображения, принятые комитетом", IM)
PRESS_HEADER = re.compile(
    r"press releases?|press briefing|^\s*(?:GENEVA|ЖЕНЕВА|ЖЭНЕВА|NEW YORK|НЬЮ-ЙОРК)\s*\(|"
    r"^\s*UN News\b|^\s*Новости ООН\b", IM)

CONCERNING = re.compile(
    r"(?:concerning|относительно|касательно|касающ\w+|адносна)\s*:?\s*([^\n(.;]{3,160})", IC)
COUNTRY_AFTER_NUMBER = re.compile(r"\d{1,3}/\d{4},?\s*[^(\n]{0,60}\(([A-ZА-Я][\w .'-]{2,60})\)")
BELARUS = re.compile(r"belarus|беларус", IC)
FINDING = re.compile(r"(not\s+)?arbitrar\w*|(не\s+)?произвольн\w*|(не\s+)?адвольн\w*", IC)
CATEGORIES = re.compile(
    r"(?:categor\w*|категори\w*|катэгоры\w*)\s+((?:[IV]{1,3}|V)(?:\s*(?:,|and|и|і|&)\s*"
    r"(?:[IV]{1,3}|V))*)(?![\w])")

_MONTHS = (
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря|"
    r"студзеня|лютага|сакавіка|красавіка|траўня|чэрвеня|ліпеня|жніўня|верасня|кастрычніка|"
    r"лістапада|снежня")
ADOPTION_DATE = re.compile(
    r"(?:date of adoption[^:\n]*|adopted on|дата принятия[^:\n]*|дата прыняцця[^:\n]*)"
    r"\s*:?\s*[^\n]{0,30}?(\d{4})", IC)
DATELINE = re.compile(
    r"^\s*(?:GENEVA|ЖЕНЕВА|ЖЭНЕВА|NEW YORK|НЬЮ-ЙОРК)\s*\([^)]*?(\d{4})[^)]*\)", IM)
SESSION_DATES = re.compile(r"(?:session|сессия|сесія)\b[^\n]{0,80}?((?:19|20)\d{2})", IC)
A_DATE = re.compile(rf"\b\d{{1,2}}\s+(?:{_MONTHS})\s+((?:19|20)\d{{2}})", IC)


def stated_year(whole: str, head: str) -> int | None:
    """Year of adoption or issue as the text states it: an adoption date, a dateline, the
    session dates, or the first full date near the top."""
    for pattern, where in ((ADOPTION_DATE, whole), (DATELINE, head), (SESSION_DATES, head),
                           (A_DATE, head)):
        match = pattern.search(where)
        if match:
            return int(match.group(1))
    return None


def finding_and_categories(whole: str) -> tuple[str | None, list[str]]:
    """'arbitrary' / 'not arbitrary' and the categories, from the last statement of them."""
    finding, categories = None, []
    for match in CATEGORIES.finditer(whole):
        before = whole[max(0, match.start() - 200):match.start()]
        verdict = list(FINDING.finditer(before))
        if verdict:
            finding = "not arbitrary" if any(verdict[-1].groups()) else "arbitrary"
            categories = re.findall(r"[IV]+", match.group(1))
    if finding is None:
        verdict = re.search(r"(?:is|was|as|be|being)\s+(not\s+)?arbitrary|(не\s+)?является "
                            r"произвольн|(не\s+)?(?:з'яўляецца|было) адвольн|"
                            r"признал\w* произвольн|прызнал\w* (?:\w+ ){0,4}адвольн", whole, IC)
        if verdict:
            finding = "not arbitrary" if any(verdict.groups()) else "arbitrary"
    return finding, categories


# Substrings without which a non-UN text cannot report a UN document. Plain substring tests
# are far cheaper than the patterns above on the many articles that never mention the UN.
_QUICK = ("opinion", "мнени", "меркаванн", "mierkavann", "a/hrc/wgad", "ccpr/c", "wgad",
          "working group", "рабоч", "працоўн", "committee", "комитет", "камітэт", "rapporteur",
          "expert", "эксперт", "докладчи", "дакладчы", "special procedures")


def may_report(whole: str) -> bool:
    lowered = whole.lower()
    return any(marker in lowered for marker in _QUICK)

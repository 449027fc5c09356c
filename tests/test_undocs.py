"""UN documents: a WGAD opinion PDF, treaty-body views, press releases, HRC reports and
NGO reports of them recognised with their numbers; mere mentions of the UN are not.

Every document text here was written for these tests; the numbers of Ales Bialiatski's
opinion (No. 39/2012, A/HRC/WGAD/2012/39) are real, the other numbers are illustrative.
"""

from __future__ import annotations

import pytest
from fpdf import FPDF

import store
from monitor.analysis import Analyser
from monitor.prisoners import bundled_prisoners
from monitor.undocs import detect_un_document
from spiders.pdf import pdf_text
from store import analysis as analysis_store
from store import articles as article_store
from store import prisoners as prisoner_store
from store import sources as source_store

OPINION_LINES = [
    "United Nations                                   A/HRC/WGAD/2012/39",
    "General Assembly                                 Distr.: General",
    "Human Rights Council",
    "Working Group on Arbitrary Detention",
    "Opinions adopted by the Working Group on Arbitrary Detention at its sixty-fourth "
    "session, 27-31 August 2012",
    "No. 39/2012 (Belarus)",
    "Communication addressed to the Government on 14 March 2012",
    "Concerning: Ales Bialiatski",
    "The Government has not replied to the communication.",
    "1. The Working Group recalls the five categories under which it assesses a deprivation "
    "of liberty.",
    "2. According to the source, Mr. Bialiatski, the head of a human rights centre, was "
    "arrested in Minsk in August 2011 and convicted of tax evasion.",
    "3. In the light of the foregoing, the Working Group renders the following opinion: the "
    "deprivation of liberty of Ales Bialiatski is arbitrary and falls within categories II "
    "and III of the categories applicable to the cases submitted to the Working Group.",
    "4. The Working Group requests the Government to release Mr. Bialiatski.",
]

PRESS_RELEASE = (
    "Press releases Special Procedures\n"
    "Belarus: UN experts alarmed by new term for jailed rights defender\n"
    "12 March 2024\n"
    "GENEVA (12 March 2024) - UN experts said today they were alarmed that Ales Bialiatski "
    "remains behind bars and urged Belarus to free him and all rights defenders.\n"
    "The experts: the Special Rapporteur on the situation of human rights in Belarus and "
    "the Special Rapporteur on human rights defenders.")


@pytest.fixture(scope="module")
def analyser() -> Analyser:
    return Analyser.from_records(bundled_prisoners())


@pytest.fixture(scope="module")
def opinion_pdf(tmp_path_factory) -> bytes:
    pdf = FPDF()
    pdf.set_title("Opinion No. 39/2012 concerning Ales Bialiatski (Belarus)")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for line in OPINION_LINES:
        pdf.multi_cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    path = tmp_path_factory.mktemp("pdf") / "a-hrc-wgad-39-2012-belarus.pdf"
    pdf.output(str(path))
    return path.read_bytes()


def test_wgad_opinion_pdf_is_recognised_with_its_numbers(analyser, opinion_pdf):
    text, info = pdf_text(opinion_pdf)
    title = info.title
    assert title.startswith("Opinion No. 39/2012")
    result = analyser.analyse(text, title=title, lang="en", source_org="un")
    doc = result["un_document"]
    assert {k: doc[k] for k in ("kind", "symbol", "number", "year", "country", "concerning",
                                "finding", "categories", "persons", "reported")} == {
        "kind": "wgad_opinion", "symbol": "A/HRC/WGAD/2012/39", "number": "39/2012",
        "year": 2012, "country": "Belarus", "concerning": "Ales Bialiatski",
        "finding": "arbitrary", "categories": ["II", "III"], "persons": [964],
        "reported": False}
    assert {"prisoner_id": 964, "type": "un_opinion"}.items() <= next(
        e for e in result["events"] if e["type"] == "un_opinion").items()


def test_opinion_is_recognised_without_knowing_the_source(analyser, opinion_pdf):
    text, info = pdf_text(opinion_pdf)
    title = info.title
    doc = analyser.analyse(text, title=title, lang="en")["un_document"]
    assert (doc["kind"], doc["number"], doc["reported"]) == ("wgad_opinion", "39/2012", False)


def test_press_release_of_special_procedures(analyser):
    doc = analyser.analyse(PRESS_RELEASE, lang="en", source_org="un")["un_document"]
    assert (doc["kind"], doc["year"], doc["persons"], doc["symbol"]) == (
        "special_procedures", 2024, [964], None)


def test_treaty_body_views_with_symbol_and_communication_number(analyser):
    text = ("CCPR/C/140/D/3111/2018\nViews adopted by the Committee concerning communication "
            "No. 3111/2018\nSubmitted by: Mikalai Statkevich\nState party: Belarus\n"
            "Date of adoption of Views: 21 March 2024")
    doc = analyser.analyse(text, lang="en")["un_document"]
    assert (doc["kind"], doc["symbol"], doc["number"], doc["year"], doc["persons"]) == (
        "treaty_body_views", "CCPR/C/140/D/3111/2018", "3111/2018", 2024, [184])


def test_hrc_report_and_high_commissioner_release(analyser):
    report = ("A/HRC/58/70\nHuman Rights Council, Fifty-eighth session, 24 February-4 April 2025\n"
              "Situation of human rights in Belarus. Report of the Special Rapporteur.")
    doc = analyser.analyse(report, lang="en", source_org="un")["un_document"]
    assert (doc["kind"], doc["symbol"], doc["number"], doc["year"]) == (
        "hrc_report", "A/HRC/58/70", None, 2025)
    release = ("GENEVA (2 May 2025) - The High Commissioner for Human Rights asked Belarus to "
               "free everyone held for their views.")
    doc = analyser.analyse(release, lang="en", source_org="un")["un_document"]
    assert (doc["kind"], doc["year"]) == ("press_release", 2025)


@pytest.mark.parametrize("text, lang, pid", [
    ("The UN Working Group on Arbitrary Detention found the detention of Maryia Kalesnikava "
     "arbitrary in its Opinion No. 27/2024, her sister said.", "en", 215),
    ("Рабочая группа ООН по произвольным задержаниям в мнении № 27/2024 признала "
     "произвольным лишение свободы Марии Колесниковой.", "ru", 215),
    ("Працоўная група ААН па адвольных затрыманнях прызнала пазбаўленне волі Марыі "
     "Калеснікавай адвольным.", "be", 215),
])
def test_ngo_report_of_an_opinion_is_recorded_as_reported(analyser, text, lang, pid):
    doc = analyser.analyse(text, lang=lang, source_org="ngo")["un_document"]
    assert (doc["kind"], doc["reported"], doc["persons"]) == ("wgad_opinion", True, [pid])
    if "27/2024" in text:
        assert (doc["symbol"], doc["number"], doc["year"]) == ("A/HRC/WGAD/2024/27",
                                                               "27/2024", 2024)


@pytest.mark.parametrize("text, org", [
    ("Viasna will send new information about political prisoners to the UN.", "ngo"),
    ("The Office met diplomats in Geneva during the session of the UN Human Rights Council.",
     "exile-office"),
    ("Lawyers say the verdict breaks Article 14 of the International Covenant on Civil and "
     "Political Rights.", "ngo"),
    ("The Venice Commission adopted Opinion No. 1205/2024 on the electoral code.", "ngo"),
    ("Viasna counts seven opinions of the Working Group on Arbitrary Detention on Belarus.",
     "ngo"),
])
def test_mere_mentions_of_the_un_are_not_documents(analyser, text, org):
    assert analyser.analyse(text, lang="en", source_org=org)["un_document"] is None


def test_un_text_about_another_country_is_not_kept():
    text = "GENEVA (3 June 2025) - UN experts urged the release of a blogger held in Ruritania."
    assert detect_un_document(text, None, "un", []) is None


def test_un_document_is_stored_with_its_persons(tmp_path, analyser, opinion_pdf):
    corpus = store.open_corpus(tmp_path / "corpus.db")
    source_store.upsert_sources(corpus, [{
        "id": "ohchr-wgad", "name": "WGAD opinions", "org": "un", "languages": ["en"],
        "kind": "listing", "url": "https://www.ohchr.org/en/wgad", "allowed_domains": ["ohchr.org"],
        "interval_minutes": 1440, "enabled": True}])
    prisoner_store.upsert_prisoners(corpus, bundled_prisoners(), "2026-11-01T00:00:00+00:00")
    text, info = pdf_text(opinion_pdf)
    title = info.title
    status, article_id = article_store.save_article(corpus, {
        "url": "https://www.ohchr.org/a-hrc-wgad-39-2012-belarus.pdf", "source_id": "ohchr-wgad",
        "title": title, "text": text, "text_hash": "h1", "language": "en",
        "content_type": "pdf", "extraction": "ok"})
    result = analyser.analyse(text, title=title, lang="en", source_org="un")
    analysis_store.save_analysis(corpus, article_id, "h1", result)
    stored = analysis_store.article_analysis(corpus, article_id)["un_document"]
    assert (stored["kind"], stored["symbol"], stored["persons"]) == (
        "wgad_opinion", "A/HRC/WGAD/2012/39", [964])
    assert stored["categories"] == '["II", "III"]'

"""WGAD opinions as PDF files with a real text layer, generated with fpdf2.

Layout after the UN document template (source-structure.md §5): symbol and distribution
block, "Opinions adopted by the Working Group on Arbitrary Detention at its <Nth>
session", "No. N/YYYY (Belarus)", "Communication addressed to the Government on ...",
"Concerning: <Name>", then numbered paragraphs. The bytes are deterministic: the creation
date is the distribution date and the file id is derived from the content.
"""

from __future__ import annotations

import functools
from datetime import UTC, datetime

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from .catalog import Article

WG = "Working Group on Arbitrary Detention"
# fpdf2's core fonts cover Latin-1; typography outside it is replaced, never dropped.
_ASCII = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-",
                        "…": "...", "\u00a0": " "})


def _latin1(text: str) -> str:
    return text.translate(_ASCII).encode("latin-1", "replace").decode("latin-1")


def _header(pdf: FPDF, opinion: dict) -> None:
    pdf.set_font("Helvetica", "B", 11)
    pdf.cell(95, 6, "United Nations")
    pdf.cell(0, 6, opinion["symbol"], align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Helvetica", "B", 14)
    pdf.cell(95, 8, "General Assembly")
    pdf.set_font("Helvetica", "", 9)
    pdf.multi_cell(0, 4.5, f"Distr.: General\n{opinion['distributed']}\n\nOriginal: English",
                   align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.line(pdf.l_margin, pdf.get_y() + 1, pdf.w - pdf.r_margin, pdf.get_y() + 1)
    pdf.ln(4)
    pdf.set_font("Helvetica", "B", 12)
    pdf.cell(0, 6, "Human Rights Council", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.cell(0, 6, WG, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)


def _title_block(pdf: FPDF, opinion: dict) -> None:
    pdf.set_font("Times", "B", 13)
    pdf.multi_cell(0, 6, f"Opinions adopted by the {WG} at its {opinion['session']} session, "
                         f"{opinion['session_dates']}", align="L",
                   new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    pdf.cell(0, 6, f"No. {opinion['number']} (Belarus)", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)
    pdf.set_font("Times", "", 11)
    for line in (f"Communication addressed to the Government on {opinion['communication']}",
                 f"Concerning: {opinion['concerning']}"):
        pdf.cell(0, 6, _latin1(line), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)


def _paragraphs(pdf: FPDF, paragraphs: tuple[str, ...], adopted: str) -> None:
    pdf.set_font("Times", "", 11)
    for number, paragraph in enumerate(paragraphs, start=1):
        if paragraph.startswith("In the light of the foregoing"):
            pdf.set_font("Times", "B", 11)
            pdf.cell(0, 7, "Disposition", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.set_font("Times", "", 11)
        pdf.cell(10, 5.5, f"{number}.")
        pdf.multi_cell(0, 5.5, _latin1(paragraph), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(2)
    pdf.ln(2)
    pdf.cell(0, 6, f"[Adopted on {adopted}]", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


class _OpinionPDF(FPDF):
    def __init__(self, symbol: str) -> None:
        super().__init__(format="A4")
        self.symbol = symbol

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Helvetica", "", 8)
        self.cell(0, 5, f"{self.symbol} - page {self.page_no()}", align="C")


@functools.cache
def opinion_pdf(article: Article) -> bytes:
    """The PDF of a WGAD opinion article (``article.extra['opinion']``)."""
    opinion = article.extra["opinion"]
    pdf = _OpinionPDF(opinion["symbol"])
    pdf.set_creation_date(datetime.fromisoformat(article.published).astimezone(UTC))
    pdf.set_title(_latin1(article.title))
    pdf.set_author(WG)
    pdf.set_subject(opinion["symbol"])
    pdf.set_producer("Vigil mirror (fpdf2)")
    pdf.set_creator("Vigil mirror")
    pdf.set_margins(22, 20, 22)
    pdf.set_auto_page_break(True, margin=22)
    pdf.add_page()
    _header(pdf, opinion)
    _title_block(pdf, opinion)
    _paragraphs(pdf, article.body, opinion["adopted"])
    return bytes(pdf.output())

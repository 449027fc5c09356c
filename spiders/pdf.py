"""Text of PDF documents (UN opinions are PDFs), read with pypdfium2."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pypdfium2 as pdfium

MAX_PAGES = 300


class UnreadablePdf(ValueError):
    """The bytes are not a PDF pypdfium2 can open."""


_PDF_DATE = re.compile(r"D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Z+-])?(\d{2})?'?(\d{2})?")


@dataclass
class PdfInfo:
    title: str | None = None
    author: str | None = None
    created: str | None = None   # ISO 8601


def pdf_date(value: str | None) -> str | None:
    """PDF dates look like D:20121123110000Z or D:20240301120000+01'00'."""
    match = _PDF_DATE.match(value or "")
    if not match:
        return None
    year, month, day, hour, minute, second, sign, tz_h, tz_m = match.groups()
    stamp = f"{year}-{month or '01'}-{day or '01'}T{hour or '00'}:{minute or '00'}:{second or '00'}"
    if sign in ("+", "-"):
        return f"{stamp}{sign}{tz_h or '00'}:{tz_m or '00'}"
    return stamp + "+00:00"


def _info(document) -> PdfInfo:
    meta = document.get_metadata_dict()
    return PdfInfo(title=(meta.get("Title") or "").strip() or None,
                   author=(meta.get("Author") or "").strip() or None,
                   created=pdf_date(meta.get("CreationDate")))


def pdf_text(body: bytes) -> tuple[str, PdfInfo]:
    """Return the text of every page and the document information."""
    try:
        document = pdfium.PdfDocument(body)
    except pdfium.PdfiumError as exc:
        raise UnreadablePdf(f"unreadable PDF: {exc}") from exc
    try:
        info = _info(document)
        pages = []
        for index in range(min(len(document), MAX_PAGES)):
            page = document[index]
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
        text = "\n".join(pages).replace("\r\n", "\n").replace("\r", "\n")
        return text, info
    finally:
        document.close()

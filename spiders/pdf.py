"""Text of PDF documents (UN opinions are PDFs), read with pypdfium2."""

from __future__ import annotations

import pypdfium2 as pdfium

MAX_PAGES = 300


class UnreadablePdf(ValueError):
    """The bytes are not a PDF pypdfium2 can open."""


def pdf_text(body: bytes) -> tuple[str, str | None]:
    """Return (text, title from the document information, if any)."""
    try:
        document = pdfium.PdfDocument(body)
    except pdfium.PdfiumError as exc:
        raise UnreadablePdf(f"unreadable PDF: {exc}") from exc
    try:
        title = (document.get_metadata_dict().get("Title") or "").strip() or None
        pages = []
        for index in range(min(len(document), MAX_PAGES)):
            page = document[index]
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
        text = "\n".join(pages).replace("\r\n", "\n").replace("\r", "\n")
        return text, title
    finally:
        document.close()

"""Turn page bytes into text whatever the page claims about its charset."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes
from w3lib.encoding import html_body_declared_encoding, read_bom


def _try(body: bytes, encoding: str | None) -> str | None:
    if not encoding:
        return None
    try:
        codecs.lookup(encoding)
        return body.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        return None


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Valid multi-byte UTF-8 characters per damaged byte above which a page is UTF-8 with a
# few broken bytes. Text in a single-byte code page (windows-1251) forms almost no valid
# UTF-8 sequences, so it never comes near this.
MOSTLY_UTF8_RATIO = 4


def _mostly_utf8(body: bytes) -> str | None:
    """UTF-8 with a few invalid bytes, decoded with replacement characters; else None."""
    text = body.decode("utf-8", errors="replace")
    damaged = text.count("\ufffd")
    valid = len(_NON_ASCII.findall(text)) - damaged
    return text if valid and valid >= MOSTLY_UTF8_RATIO * damaged else None


def decode_html(body: bytes, header_encoding: str | None) -> tuple[str, str]:
    """Return (text, encoding used). A declared charset is trusted only if the bytes
    decode cleanly with it; otherwise UTF-8, then UTF-8 with a few broken bytes replaced,
    then statistical detection (which recognises undeclared windows-1251), then UTF-8
    with replacement characters."""
    bom_encoding, bom = read_bom(body)
    if bom_encoding:
        return body[len(bom):].decode(bom_encoding, errors="replace"), bom_encoding
    for candidate in (header_encoding, html_body_declared_encoding(body), "utf-8"):
        text = _try(body, candidate)
        if text is not None:
            return text, candidate
    text = _mostly_utf8(body)
    if text is not None:
        return text, "utf-8"
    guess = from_bytes(body[:200_000]).best()
    if guess is not None and guess.encoding:
        return body.decode(guess.encoding, errors="replace"), guess.encoding
    return body.decode("utf-8", errors="replace"), "utf-8"

"""HTML rendering for the mirror sites: one Jinja environment, date formats, responses."""

from __future__ import annotations

import functools
from datetime import datetime

from jinja2 import Environment, PackageLoader, select_autoescape

from .server import Response

RU_MONTHS = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
             "сентября", "октября", "ноября", "декабря")
BE_MONTHS = ("студзеня", "лютага", "сакавіка", "красавіка", "мая", "чэрвеня", "ліпеня",
             "жніўня", "верасня", "кастрычніка", "лістапада", "снежня")
HTML_LANG = {"en": "en", "ru": "ru", "be": "be", "be-latn": "be-Latn"}


def long_date(moment: datetime, lang: str = "en") -> str:
    """'10 October 2022', '25 марта 2024', '14 снежня 2021'."""
    months = {"ru": RU_MONTHS, "be": BE_MONTHS}.get(lang)
    if months:
        return f"{moment.day} {months[moment.month - 1]} {moment.year}"
    return f"{moment.day} {moment:%B %Y}"


def us_date(moment: datetime) -> str:
    """'September 09, 2024' (tsikhanouskaya.org style)."""
    return moment.strftime("%B %d, %Y")


def short_date(moment: datetime) -> str:
    """'Apr 2, 2025' (blog style)."""
    return f"{moment:%b} {moment.day}, {moment.year}"


def compact_offset(moment: datetime) -> str:
    """'2024-07-31T15:04:13+0300', the form spring96.org puts in its page metadata."""
    return moment.strftime("%Y-%m-%dT%H:%M:%S%z")


def rfc822(moment: datetime) -> str:
    return moment.strftime("%a, %d %b %Y %H:%M:%S %z")


@functools.cache
def environment() -> Environment:
    env = Environment(loader=PackageLoader("mirror", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(long_date=long_date, us_date=us_date, short_date=short_date,
                       compact_offset=compact_offset, iso=datetime.isoformat)
    env.globals.update(html_lang=HTML_LANG)
    return env


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)


def html(template: str, last_modified: datetime | None = None, status: int = 200,
         **context) -> Response:
    body = render(template, **context).encode("utf-8")
    return Response(status, body, "text/html; charset=utf-8", last_modified=last_modified)


def text(body: str, content_type: str = "text/plain; charset=utf-8", status: int = 200,
         last_modified: datetime | None = None) -> Response:
    return Response(status, body.encode("utf-8"), content_type, last_modified=last_modified)


def redirect(location: str, status: int = 301) -> Response:
    return Response(status, b"", "text/html; charset=utf-8", {"Location": location})


def not_found() -> Response:
    return text("<!DOCTYPE html><title>404 Not Found</title><h1>Not Found</h1>",
                "text/html; charset=utf-8", status=404)

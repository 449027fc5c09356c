"""Dates from feeds, sitemaps and pages, normalised to UTC ISO 8601 strings."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime


def normalise_date(value: str | None) -> str | None:
    """Return ``value`` as 'YYYY-MM-DDTHH:MM:SS+00:00' (date-only stays a date), or None."""
    if not value:
        return None
    value = value.strip()
    if len(value) == 10 and value[4] == "-" and value[7] == "-":
        return value
    moment = _parse(value)
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).replace(microsecond=0).isoformat()


def _parse(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None

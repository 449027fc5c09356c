"""Who receives alerts, and which ones: the library behind `vigil recipients`.

Addresses are checked strictly when they are added (one plain address, no display
name, no line breaks, a real domain): the mailer uses them as the SMTP envelope and the
To header, so nothing may ride along with them.
"""

from __future__ import annotations

import re

from store import recipients as recipient_store

KINDS = ("mention", "event", "un_document", "candidate", "health")
_LOCAL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")
_LABEL = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")
_CONTROLS = re.compile(r"[\x00-\x1f\x7f\u2028\u2029\x85]")


class InvalidRecipient(ValueError):
    """An address, name or filter that cannot be used; the message says which and why."""


def validate_address(text: str) -> str:
    """The address in a normal form (domain in lower case), or InvalidRecipient."""
    raw = text or ""
    if _CONTROLS.search(raw):
        raise InvalidRecipient("an address must be on one line (it holds a line break "
                               "or a control character)")
    address = raw.strip()
    if not address or any(ch.isspace() for ch in address) or address.count("@") != 1:
        raise InvalidRecipient(f"{address!r} is not one plain address like name@example.org")
    local, domain = address.split("@")
    if len(local) > 64 or not _LOCAL.match(local):
        raise InvalidRecipient(f"{address!r}: the part before @ is not valid")
    try:
        ascii_domain = domain.encode("idna").decode("ascii").lower()
    except UnicodeError:
        raise InvalidRecipient(f"{address!r}: {domain!r} is not a domain name") from None
    labels = ascii_domain.split(".")
    if len(labels) < 2 or not all(_LABEL.match(label) for label in labels) \
            or labels[-1].isdigit() or len(ascii_domain) > 253:
        raise InvalidRecipient(f"{address!r}: {domain!r} is not a domain name")
    return f"{local}@{ascii_domain}"


def clean_name(name: str | None) -> str | None:
    if name is None:
        return None
    cleaned = " ".join(_CONTROLS.sub(" ", name).split())
    if len(cleaned) > 100:
        raise InvalidRecipient("a name may be at most 100 characters")
    return cleaned or None


def _filters(persons, sources, kinds, urgent_only: bool,
             known_sources: set[str] | None) -> list[tuple[str, str]]:
    filters: list[tuple[str, str]] = []
    for person in persons:
        if not str(person).strip().isdigit():
            raise InvalidRecipient(f"--person takes a prisoner id (a number), not {person!r}")
        filters.append(("person", str(int(person))))
    for source in sources:
        if known_sources is not None and source not in known_sources:
            raise InvalidRecipient(f"unknown source {source!r}; see `vigil sources list`")
        filters.append(("source", source))
    for kind in kinds:
        if kind not in KINDS:
            raise InvalidRecipient(f"unknown alert kind {kind!r}; one of {', '.join(KINDS)}")
        filters.append(("kind", kind))
    if not filters:
        filters.append(("all", ""))
    if urgent_only:
        filters.append(("urgent", ""))
    return filters


def add(staff_db, email: str, *, name: str | None = None, persons=(), sources=(), kinds=(),
        urgent_only: bool = False, known_sources: set[str] | None = None) -> dict:
    """Add a recipient; no person/source/kind filter means every alert."""
    address = validate_address(email)
    filters = _filters(persons, sources, kinds, urgent_only, known_sources)
    if recipient_store.get_recipient(staff_db, address):
        raise InvalidRecipient(f"{address} is already a recipient")
    recipient_id = recipient_store.add_recipient(staff_db, address, clean_name(name), filters)
    return {"id": recipient_id, "email": address, "filters": filters}


def remove(staff_db, email: str) -> None:
    """Remove a recipient with its subscriptions and its unsent mail (store.NotFound if absent)."""
    recipient_store.remove_recipient(staff_db, (email or "").strip())


def list_all(staff_db) -> list[dict]:
    return recipient_store.list_recipients(staff_db)


def describe_filters(filters: list[tuple[str, str]]) -> str:
    """Filters in words, for `vigil recipients list`."""
    if not filters:
        return "all alerts"
    parts: dict[str, list[str]] = {}
    for scope, value in filters:
        parts.setdefault(scope, []).append(value)
    words = []
    if "all" in parts or not set(parts) - {"urgent"}:
        words.append("all alerts")
    for scope in ("person", "source", "kind"):
        if scope in parts:
            words.append(f"{scope}: {', '.join(parts[scope])}")
    if "urgent" in parts:
        words.append("urgent only")
    return "; ".join(words)

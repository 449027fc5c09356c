"""Which recipients an alert goes to, from their subscription filters.

Filters of one scope are alternatives (``--person 1 --person 2``: either person);
filters of different scopes must all hold (``--person 1 --kind event``: events about
person 1). A recipient with no person/source/kind filter gets every alert; 'urgent'
narrows whatever else was chosen to urgent alerts. Health notices are about the
monitor itself, not about people or sources: they go to those who take everything
and to those who asked for kind 'health'.
"""

from __future__ import annotations

from collections import defaultdict

FILTER_SCOPES = ("person", "source", "kind")


def alert_persons(alert: dict) -> set[str]:
    """Prisoner ids an alert concerns (a UN document may name several)."""
    persons = {str(p["id"]) for p in (alert.get("payload") or {}).get("persons") or []}
    if alert.get("prisoner_id") is not None:
        persons.add(str(alert["prisoner_id"]))
    return persons


def wants(filters: list[tuple[str, str]], alert: dict) -> bool:
    chosen: dict[str, set[str]] = defaultdict(set)
    for scope, value in filters:
        chosen[scope].add(str(value))
    if "urgent" in chosen and not alert.get("urgent"):
        return False
    restricted = any(scope in chosen for scope in FILTER_SCOPES)
    if not restricted:
        return True
    if alert["kind"] == "health":
        return "health" in chosen.get("kind", set())
    checks = {
        "person": lambda values: bool(alert_persons(alert) & values),
        "source": lambda values: str(alert.get("source_id")) in values,
        "kind": lambda values: alert["kind"] in values,
    }
    return all(check(chosen[scope]) for scope, check in checks.items() if scope in chosen)


def recipients_for(alert: dict, subscriptions: dict[int, list[tuple[str, str]]]) -> list[int]:
    """The recipient ids (from ``store.recipients.subscriptions_by_recipient``) to deliver to."""
    return [rid for rid, filters in subscriptions.items() if wants(filters, alert)]

"""Recipients: strict addresses, filters, and the `vigil recipients` commands."""

from __future__ import annotations

import pytest
from alerts_kit import open_corpus

import store
from monitor import recipients
from monitor.alerts.routing import wants
from store.errors import NotFound


@pytest.mark.parametrize("address, normal", [
    ("desk@example.org", "desk@example.org"),
    ("  Desk.Team+alerts@Example.ORG ", "Desk.Team+alerts@example.org"),
    ("a@xn--80ak6aa92e.com", "a@xn--80ak6aa92e.com"),
    ("staff@правозащита.by", "staff@" + "правозащита.by".encode("idna").decode()),
])
def test_good_addresses(address, normal):
    assert recipients.validate_address(address) == normal


@pytest.mark.parametrize("address", [
    "desk@example.org\r\nBcc: victim@example.org", "desk@example.org\nx", "desk@exa\x00mple.org",
    "desk@example.org, other@example.org", "desk@example.org other@example.org",
    "Desk <desk@example.org>", "desk", "desk@", "@example.org", "desk@localhost",
    "desk@@example.org", "de..sk@example.org", ".desk@example.org", "desk@-example.org",
    "desk@example..org", "desk@192.168.0.1", "desk@example.org;rm", "",
])
def test_bad_addresses(address):
    with pytest.raises(recipients.InvalidRecipient):
        recipients.validate_address(address)


@pytest.fixture
def staff(tmp_path):
    db = store.open_staff(tmp_path / "staff.db")
    yield db
    db.close()


def test_add_list_remove(staff):
    recipients.add(staff, "desk@example.org", name="News\r\ndesk")
    recipients.add(staff, "legal@example.org", persons=["964", "215"], kinds=["event"],
                   urgent_only=True)
    found = {r["email"]: r for r in recipients.list_all(staff)}
    assert found["desk@example.org"]["name"] == "News desk"
    assert found["desk@example.org"]["filters"] == [("all", "")]
    assert sorted(found["legal@example.org"]["filters"]) == [
        ("kind", "event"), ("person", "215"), ("person", "964"), ("urgent", "")]
    assert recipients.describe_filters(found["legal@example.org"]["filters"]) == \
        "person: 215, 964; kind: event; urgent only"

    with pytest.raises(recipients.InvalidRecipient, match="already"):
        recipients.add(staff, "DESK@example.org")
    recipients.remove(staff, "desk@example.org")
    assert [r["email"] for r in recipients.list_all(staff)] == ["legal@example.org"]
    with pytest.raises(NotFound):
        recipients.remove(staff, "desk@example.org")


def test_bad_filters_are_refused(staff):
    with pytest.raises(recipients.InvalidRecipient, match="prisoner id"):
        recipients.add(staff, "a@example.org", persons=["Bialiatski"])
    with pytest.raises(recipients.InvalidRecipient, match="unknown alert kind"):
        recipients.add(staff, "a@example.org", kinds=["gossip"])
    with pytest.raises(recipients.InvalidRecipient, match="unknown source"):
        recipients.add(staff, "a@example.org", sources=["nowhere"], known_sources={"viasna-en"})
    assert recipients.list_all(staff) == []


def alert(kind="mention", urgent=False, person=964, source="viasna-en", persons=()):
    return {"kind": kind, "urgent": urgent, "prisoner_id": person, "source_id": source,
            "payload": {"persons": [{"id": p} for p in persons]}}


@pytest.mark.parametrize("filters, item, expected", [
    ([("all", "")], alert(), True),
    ([], alert(), True),
    ([("person", "964")], alert(), True),
    ([("person", "215")], alert(), False),
    ([("person", "215")], alert(kind="un_document", person=964, persons=[964, 215]), True),
    ([("person", "215"), ("person", "964")], alert(), True),
    ([("person", "964"), ("kind", "event")], alert(), False),
    ([("person", "964"), ("kind", "event")], alert(kind="event"), True),
    ([("source", "salidarnast")], alert(), False),
    ([("all", ""), ("urgent", "")], alert(), False),
    ([("all", ""), ("urgent", "")], alert(urgent=True), True),
    ([("kind", "health")], alert(kind="health", person=None), True),
    ([("person", "964")], alert(kind="health", person=None), False),
    ([("all", "")], alert(kind="health", person=None), True),
])
def test_subscription_filters(filters, item, expected):
    assert wants(filters, item) is expected


def test_cli(vigil, vigil_home):
    open_corpus(vigil_home).close()
    added = vigil("recipients", "add", "desk@example.org", "--name", "Desk",
                  "--source", "viasna-en", "--kind", "event", "--kind", "un_document")
    assert added.stdout.strip() == ("added desk@example.org: source: viasna-en; "
                                    "kind: event, un_document")
    vigil("recipients", "add", "all@example.org")
    listed = vigil("recipients", "list").stdout
    assert "desk@example.org" in listed and "all alerts" in listed

    for args, message in [
        (("add", "x@example.org\r\nBcc: victim@example.org"), "must be on one line"),
        (("add", "all@example.org"), "already a recipient"),
        (("add", "y@example.org", "--source", "nowhere"), "unknown source 'nowhere'"),
        (("remove", "nobody@example.org"), "no recipient nobody@example.org"),
    ]:
        failed = vigil("recipients", *args, check=False)
        assert failed.returncode == 1
        assert failed.stderr.startswith("vigil: error: ") and message in failed.stderr
        assert failed.stderr.count("\n") == 1  # one line, no traceback

    assert vigil("recipients", "remove", "desk@example.org").stdout.strip() == \
        "removed desk@example.org"
    assert "desk@example.org" not in vigil("recipients", "list").stdout

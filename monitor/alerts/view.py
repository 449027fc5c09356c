"""Turn a batch's alerts into what the email templates show, grouped by person.

Everything that becomes a link passes ``safe_url``: only absolute http(s) URLs are
linked; anything else a scraped page carried (``javascript:``, ``data:``...) is shown as
plain text. Escaping is the templates' job (jinja2 autoescape).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from monitor.alerts.snippets import split_marked

UN_FIELDS = ("kind", "symbol", "number", "year", "country", "concerning", "finding")
# What a reader calls each kind of UN document, for when its symbol is not known
UN_KIND_LABELS = {"wgad_opinion": "WGAD opinion", "treaty_body_views": "Treaty-body views",
                  "hrc_report": "Human Rights Council report",
                  "special_procedures": "Special Procedures statement",
                  "press_release": "UN press release"}
_FORBIDDEN_IN_URL = {chr(c) for c in range(0x21)} | {"\x7f", "<", ">", '"', "`"}


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an absolute http or https URL without spaces or controls."""
    if not url or any(ch in _FORBIDDEN_IN_URL for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url


class Links:
    """Links to the public Datasette pages (fixed paths: /corpus/articles, /corpus/person)."""

    def __init__(self, datasette_url: str) -> None:
        base = safe_url((datasette_url or "").rstrip("/"))
        self.base = base

    def article(self, article_id) -> str | None:
        return f"{self.base}/corpus/articles/{int(article_id)}" if self.base else None

    def person(self, prisoner_id) -> str | None:
        return f"{self.base}/corpus/person?id={int(prisoner_id)}" if self.base else None


def _date(value: str | None) -> str:
    return (value or "")[:10]


def article_view(article: dict, links: Links) -> dict:
    return {"title": article.get("title") or "(untitled)",
            "source": article.get("source_name") or article.get("source_id") or "",
            "date": _date(article.get("published")),
            "url": safe_url(article.get("url")), "raw_url": article.get("url") or "",
            "datasette": links.article(article["id"]) if article.get("id") is not None else None}


def _person_group(groups: dict, person: dict, links: Links) -> dict:
    key = person["id"]
    if key not in groups:
        groups[key] = {"id": key, "name": person.get("name") or f"person #{key}",
                       "status": person.get("status"), "link": links.person(key),
                       "items": {}, "urgent": False}
    return groups[key]


def _add_person_item(groups: dict, alert: dict, links: Links) -> None:
    payload = alert["payload"]
    group = _person_group(groups, payload["person"], links)
    article = payload["article"]
    item = group["items"].setdefault(article["id"], {
        "article": article_view(article, links), "quote": None, "events": [],
        "urgent": False})
    # a mention and an event of the same article are one item; the mention's quote wins
    if alert["kind"] == "mention" or item["quote"] is None:
        item["quote"] = split_marked(payload.get("sentence"), payload.get("mark")) or item["quote"]
    if alert["kind"] == "event":
        item["events"].append(payload["event"])
    item["urgent"] = item["urgent"] or bool(alert["urgent"])
    group["urgent"] = group["urgent"] or bool(alert["urgent"])


def _un_item(alert: dict, links: Links) -> dict:
    payload = alert["payload"]
    persons = [{"name": p.get("name"), "link": links.person(p["id"])}
               for p in payload.get("persons") or []]
    doc = {key: (payload.get("un_document") or {}).get(key) for key in UN_FIELDS}
    doc["label"] = doc["symbol"] or UN_KIND_LABELS.get(doc["kind"], doc["kind"])
    return {"article": article_view(payload["article"], links), "persons": persons,
            "doc": doc, "urgent": bool(alert["urgent"])}


def _candidate_item(alert: dict, links: Links) -> dict:
    payload = alert["payload"]
    return {"name": payload["candidate"]["name"], "score": payload["candidate"]["score"],
            "article": article_view(payload["article"], links),
            "quote": split_marked(payload.get("sentence"), payload.get("mark")),
            "urgent": bool(alert["urgent"])}


def _health_item(alert: dict) -> dict:
    payload = alert["payload"]
    return {"source": payload["source"]["name"], "state": payload["state"],
            "problem": payload.get("problem"), "since": payload.get("since"),
            "detail": payload.get("detail") or "", "urgent": bool(alert["urgent"])}


def batch_view(alerts: list[dict], datasette_url: str) -> dict:
    """Sections of an email: persons (urgent first, then by name), candidates, UN, health."""
    links = Links(datasette_url)
    persons: dict = {}
    sections = {"candidates": [], "un_documents": [], "health": []}
    for alert in alerts:
        kind = alert["kind"]
        if kind in ("mention", "event"):
            _add_person_item(persons, alert, links)
        elif kind == "un_document":
            sections["un_documents"].append(_un_item(alert, links))
        elif kind == "candidate":
            sections["candidates"].append(_candidate_item(alert, links))
        elif kind == "health":
            sections["health"].append(_health_item(alert))
    groups = sorted(persons.values(), key=lambda g: (not g["urgent"], g["name"].casefold()))
    for group in groups:
        newest_first = sorted(group["items"].values(), key=lambda i: i["article"]["date"],
                              reverse=True)
        group["items"] = sorted(newest_first, key=lambda i: not i["urgent"])
    sections["candidates"].sort(key=lambda c: -(c["score"] or 0))
    # persons a UN document concerns count too: an urgent opinion is about someone
    listed = set(persons) | {p["id"] for a in alerts if a["kind"] == "un_document"
                             for p in a["payload"].get("persons") or []}
    return {"persons": groups, **sections, "count": len(alerts),
            "urgent_count": sum(1 for a in alerts if a["urgent"]),
            "listed_count": len(listed)}

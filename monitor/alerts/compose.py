"""Write one batch's email: HTML and plain-text parts from jinja2 templates.

Header values are built by us from cleaned text (CR/LF and other controls removed),
the recipient comes only from the recipients table, and the Message-ID was fixed when
the batch was formed, so a re-send of the batch is recognisably the same message.
"""

from __future__ import annotations

import re
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from monitor.alerts.view import batch_view
from monitor.config import Config, ConfigError

SUBJECT_LIMIT = 180
_CONTROLS = re.compile(r"[\x00-\x1f\x7f\u2028\u2029\x85]+")


def header_safe(value: str | None, limit: int = SUBJECT_LIMIT) -> str:
    """One line of text fit for a header: controls become spaces, length is capped."""
    text = " ".join(_CONTROLS.sub(" ", value or "").split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


@cache
def environment() -> Environment:
    # autoescape for the HTML part only: the text part is never read as markup
    return Environment(loader=PackageLoader("monitor.alerts", "templates"),
                       autoescape=select_autoescape(enabled_extensions=("html.j2",),
                                                    default_for_string=True),
                       undefined=StrictUndefined, trim_blocks=False, lstrip_blocks=False,
                       keep_trailing_newline=True)


def sender_address(cfg: Config) -> Address:
    """The From address from ``[smtp] from``; a ConfigError when it is not one address."""
    raw = cfg.smtp["from"]
    if _CONTROLS.search(raw or ""):
        raise ConfigError("[smtp] from must be one address on one line")
    try:
        address = Address(addr_spec=raw.strip())
    except (ValueError, IndexError) as exc:
        raise ConfigError(f"[smtp] from is not an email address: {raw!r}") from exc
    if not address.username or "." not in address.domain:
        raise ConfigError(f"[smtp] from is not an email address: {raw!r}")
    return address


def _names(view: dict) -> list[str]:
    return [p["name"] for p in view["persons"]]


def subject_for(kind: str, view: dict, slot: str | None = None) -> str:
    people = _names(view)
    if kind == "urgent":
        about = ", ".join(people[:3]) or _first_other(view)
        more = f" and {len(people) - 3} more" if len(people) > 3 else ""
        return header_safe(f"[Vigil] Urgent: {about}{more}")
    when = f" {slot.replace('T', ' ')}" if slot else ""
    people_part = f" about {_count(len(people), 'person', 'people')}" if people else ""
    return header_safe(f"[Vigil] Digest{when}: {_count(view['count'], 'alert')}{people_part}")


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _first_other(view: dict) -> str:
    if view["un_documents"]:
        doc = view["un_documents"][0]["doc"]
        return f"UN document {doc['label']}"
    if view["candidates"]:
        return f"possible new name {view['candidates'][0]['name']}"
    if view["health"]:
        return f"source {view['health'][0]['source']}"
    return "alert"


def render(cfg: Config, alerts: list[dict], *, kind: str = "digest",
           recipient: str = "staff", slot: str | None = None) -> tuple[str, str, str]:
    """(subject, text, html) for ``alerts``; used by the mailer and by `alerts preview`."""
    view = batch_view(alerts, cfg.alerts.datasette_url)
    subject = subject_for(kind, view, slot)
    heading = "Vigil: urgent alert" if kind == "urgent" else "Vigil digest"
    summary = (f"{view['count']} alert(s), {view['urgent_count']} urgent, "
               f"about {view['listed_count']} listed person(s).")
    context = {"view": view, "subject": subject, "heading": heading, "summary": summary,
               "recipient": recipient}
    env = environment()
    text = env.get_template("email.txt.j2").render(context)
    html = env.get_template("email.html.j2").render(context)
    return subject, text, html


def compose(cfg: Config, batch: dict, alerts: list[dict]) -> EmailMessage:
    """The whole message for ``batch`` (a row of ``store.batches`` with email and name)."""
    to = Address(display_name=header_safe(batch.get("name") or "", 80),
                 addr_spec=batch["email"])
    subject, text, html = render(cfg, alerts, kind=batch["kind"], recipient=batch["email"])
    message = EmailMessage(policy=SMTP)
    message["Subject"] = subject
    message["From"] = Address(display_name="Vigil", addr_spec=sender_address(cfg).addr_spec)
    message["To"] = to
    # the batch's own time, so every attempt sends the same bytes
    message["Date"] = format_datetime(datetime.fromisoformat(batch["created_at"]))
    message["Message-ID"] = header_safe(batch["message_id"], 250)
    message["Auto-Submitted"] = "auto-generated"
    message["X-Vigil-Batch"] = str(int(batch["id"]))
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    return message

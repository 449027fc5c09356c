"""`vigil alerts preview|send|list|uncertain|resolve`: the outbox from the command line."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from monitor.alerts import compose as compose_lib
from monitor.alerts import mailer
from monitor.alerts.mailer import make_message_id
from monitor.cli.common import pass_vigil
from store import batches as batch_store
from store import outbox
from store import recipients as recipient_store
from store.errors import NotFound

FORMATS = ("text", "html", "eml")


@click.group("alerts")
def alerts_group() -> None:
    """Inspect and send the alert outbox."""


def _format_for(output: str | None, chosen: str | None) -> str:
    if chosen:
        return chosen
    suffix = Path(output).suffix.lower() if output else ""
    return {".html": "html", ".htm": "html", ".eml": "eml"}.get(suffix, "text")


def _preview_message(cfg, alerts: list[dict], email: str | None) -> bytes:
    batch = {"id": 0, "kind": "digest", "email": email or "preview@example.org", "name": None,
             "message_id": make_message_id(compose_lib.sender_address(cfg).domain),
             "created_at": datetime.now(UTC).replace(microsecond=0).isoformat()}
    return compose_lib.compose(cfg, batch, alerts).as_bytes()


@alerts_group.command("preview")
@click.option("--output", type=click.Path(dir_okay=False), help="Write to FILE, not stdout.")
@click.option("--recipient", metavar="EMAIL", help="What this recipient would receive.")
@click.option("--format", "fmt", type=click.Choice(FORMATS),
              help="text, html or eml (default: from the file suffix, else text).")
@pass_vigil
def preview_command(vigil, output, recipient, fmt) -> None:
    """Render the next digest (everything pending) without sending or marking anything."""
    recipient_id = None
    if recipient:
        row = recipient_store.get_recipient(vigil.staff, recipient)
        if row is None:
            raise NotFound(f"no recipient {recipient.strip()}")
        recipient_id = row["id"]
    alerts = outbox.pending_alerts(vigil.staff, recipient_id)
    if not alerts:
        click.echo("nothing pending", err=True)
        return
    fmt = _format_for(output, fmt)
    if fmt == "eml":
        data = _preview_message(vigil.config, alerts, recipient)
    else:
        _, text, html = compose_lib.render(vigil.config, alerts, recipient=recipient or "staff")
        data = (html if fmt == "html" else text).encode("utf-8")
    if output:
        Path(output).write_bytes(data)
        click.echo(f"{len(alerts)} alert(s) written to {output}", err=True)
    else:
        click.echo(data.decode("utf-8", "replace"), nl=False)


@alerts_group.command("send")
@pass_vigil
def send_command(vigil) -> None:
    """Send everything pending now, the digest included; exit 1 if anything did not go."""
    report = mailer.send_due(vigil.staff, vigil.config, include_digest=True)
    click.echo(str(report))
    for problem in report.problems:
        click.echo(f"  {problem}")
    if report.failed or report.uncertain or report.retry or report.deferred:
        raise SystemExit(1)


def _about(alert: dict) -> str:
    payload = alert["payload"]
    who = (payload.get("person") or payload.get("candidate") or payload.get("source") or {})
    if alert["kind"] == "un_document":
        who = {"name": payload["un_document"].get("symbol") or "UN document"}
    title = (payload.get("article") or {}).get("title") or payload.get("detail") or ""
    event = payload.get("event") or {}
    what = f" [{event['type']}]" if event else (f" [{payload['state']}]"
                                                if alert["kind"] == "health" else "")
    return f"{who.get('name', '')}{what}: {title}"[:100]


@alerts_group.command("list")
@click.option("--state", type=click.Choice((*outbox.DELIVERY_STATES, "none")),
              help="Only alerts with a delivery in this state ('none': no recipient).")
@click.option("--limit", default=50, show_default=True)
@pass_vigil
def list_command(vigil, state, limit) -> None:
    """List recent alerts, newest first, with their deliveries."""
    table = Table("id", "kind", "urgent", "created", "about", "deliveries")
    for alert in outbox.list_alerts(vigil.staff, state, limit):
        deliveries = ", ".join(f"{k} {v}" for k, v in sorted(alert["deliveries"].items()))
        table.add_row(str(alert["id"]), alert["kind"], "yes" if alert["urgent"] else "",
                      alert["created_at"], _about(alert), deliveries or "-")
    Console(width=180).print(table)
    summary = mailer.pending_summary(vigil.staff)
    click.echo(f"queued {summary['queued']}, uncertain {summary['uncertain']}, "
               f"failed {summary['failed']}, last digest {summary['last_digest'] or 'never'}")


@alerts_group.command("uncertain")
@pass_vigil
def uncertain_command(vigil) -> None:
    """List batches held because nobody knows whether the server got them."""
    held = batch_store.list_batches(vigil.staff, "uncertain")
    if not held:
        click.echo("no uncertain batches")
        return
    table = Table("batch", "to", "alerts", "formed", "attempts", "why", "message-id")
    for b in held:
        table.add_row(str(b["id"]), b["email"], str(b["alerts"]), b["created_at"],
                      str(b["attempts"]), (b["last_error"] or "")[:70], b["message_id"])
    Console(width=200).print(table)
    click.echo("check the recipient's mailbox (or the server log) for the Message-ID, then run "
               "`vigil alerts resolve BATCH --sent` or `--resend`")


@alerts_group.command("resolve")
@click.argument("batch_id", type=int)
@click.option("--sent", "decision", flag_value="sent", help="It arrived: mark it sent.")
@click.option("--resend", "decision", flag_value="resend",
              help="It did not arrive: send it again (same Message-ID).")
@pass_vigil
def resolve_command(vigil, batch_id, decision) -> None:
    """Decide what happened to an uncertain batch (or re-queue a failed one)."""
    if decision is None:
        raise click.UsageError("say --sent or --resend")
    batch_store.resolve_batch(vigil.staff, batch_id, decision)
    click.echo(f"batch {batch_id}: {'marked sent' if decision == 'sent' else 'queued again'}")


COMMANDS = [alerts_group]

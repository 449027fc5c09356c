"""`vigil recipients add|list|remove`: who gets alert emails, and which ones."""

from __future__ import annotations

import click
from rich.console import Console
from rich.table import Table

from monitor import recipients as recipient_lib
from monitor.cli.common import pass_vigil
from store import sources as source_store


@click.group("recipients")
def recipients_group() -> None:
    """Manage the staff who receive alert emails (kept in the private staff.db)."""


@recipients_group.command("add")
@click.argument("email")
@click.option("--name", help="Name shown in the To: line.")
@click.option("--person", "persons", multiple=True, metavar="ID",
              help="Only alerts about this prisoner id (repeatable).")
@click.option("--source", "sources", multiple=True, metavar="ID",
              help="Only alerts from this source (repeatable).")
@click.option("--kind", "kinds", multiple=True, type=click.Choice(recipient_lib.KINDS),
              help="Only alerts of this kind (repeatable).")
@click.option("--urgent-only", is_flag=True, help="Only urgent alerts.")
@pass_vigil
def add_command(vigil, email, name, persons, sources, kinds, urgent_only) -> None:
    """Add EMAIL as a recipient; without filters it receives every alert."""
    known = {s["id"] for s in source_store.list_sources(vigil.corpus)} if sources else None
    added = recipient_lib.add(vigil.staff, email, name=name, persons=persons, sources=sources,
                              kinds=kinds, urgent_only=urgent_only, known_sources=known)
    click.echo(f"added {added['email']}: {recipient_lib.describe_filters(added['filters'])}")


@recipients_group.command("list")
@pass_vigil
def list_command(vigil) -> None:
    """Print every recipient and what it receives."""
    found = recipient_lib.list_all(vigil.staff)
    if not found:
        click.echo("no recipients yet: add one with `vigil recipients add EMAIL`")
        return
    table = Table("email", "name", "receives", "active", "added")
    for r in found:
        table.add_row(r["email"], r["name"] or "", recipient_lib.describe_filters(r["filters"]),
                      "yes" if r["active"] else "no", r["created_at"])
    Console(width=160).print(table)


@recipients_group.command("remove")
@click.argument("email")
@pass_vigil
def remove_command(vigil, email) -> None:
    """Remove EMAIL, its subscriptions and any mail not yet sent to it."""
    recipient_lib.remove(vigil.staff, email)
    click.echo(f"removed {email.strip()}")


COMMANDS = [recipients_group]

"""`vigil prisoners import|list|show`: the known-prisoner list in corpus.db."""

from __future__ import annotations

import click
from rich.console import Console
from rich.table import Table

from monitor.cli.common import pass_vigil
from monitor.names import name_key, person_key
from monitor.names.variants import diminutives, generated_forms, parse_name
from monitor.prisoners import import_prisoner_file
from store import prisoners as prisoner_store


@click.group()
def prisoners() -> None:
    """The known-prisoner list (Viasna's, plus Vigil's sourced additions)."""


@prisoners.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@pass_vigil
def import_command(vigil, path: str) -> None:
    """Import a Viasna CSV export, the derived 04_person_regime.csv, or Vigil's format."""
    report = import_prisoner_file(vigil.corpus, path)
    click.echo(f"added: {report.added}")
    click.echo(f"updated: {report.updated}")
    click.echo(f"unchanged: {report.unchanged}")
    click.echo(f"status changes: {len(report.status_changes)}")
    for prisoner_id, old, new in report.status_changes:
        click.echo(f"  {prisoner_id}: {old or '-'} -> {new or '-'}")
    click.echo(f"unmatchable: {report.unmatchable}")


@prisoners.command("list")
@click.option("--status", help="Only this status (active, former, np, ...).")
@click.option("--search", help="Part of a name in any stored form, or an id.")
@click.option("--limit", default=100, show_default=True, help="Most rows shown.")
@pass_vigil
def list_command(vigil, status: str | None, search: str | None, limit: int) -> None:
    """List persons in the store."""
    found = prisoner_store.search_prisoners(vigil.corpus, status, search, limit)
    table = Table("id", "name", "status", "gender", "be", "ru", "origin", "matchable")
    for row in found:
        table.add_row(str(row["id"]), row["name"], row["status"] or "", row["gender"] or "",
                      row["name_be"] or "", row["name_ru"] or "", row["origin"],
                      "yes" if row["matchable"] else "no")
    Console(width=200).print(table)
    click.echo(f"{len(found)} shown, {prisoner_store.prisoner_count(vigil.corpus)} in the list")


@prisoners.command("show")
@click.argument("prisoner_id", type=int)
@pass_vigil
def show_command(vigil, prisoner_id: int) -> None:
    """Show one person with the spellings Vigil generates for matching."""
    row = prisoner_store.get_prisoner(vigil.corpus, prisoner_id)
    if row is None:
        raise click.ClickException(f"no person with id {prisoner_id} in the list")
    for key in ("id", "name", "status", "gender", "origin", "note", "url", "name_be",
                "name_ru"):
        click.echo(f"{key}: {row[key] if row[key] is not None else ''}")
    click.echo(f"aliases: {'; '.join(row['aliases'])}")
    click.echo(f"matchable: {'yes' if row['matchable'] else 'no'}")
    parsed = parse_name(row["name"])
    for script, form in generated_forms(row["name"]).items():
        click.echo(f"generated {script}: {form}")
    click.echo(f"diminutives: {', '.join(diminutives(parsed))}")
    if parsed.surname:
        click.echo(f"surname key: {name_key(parsed.surname)}")
        click.echo(f"person key: {person_key(row['name'])}")
    for change in prisoner_store.status_history(vigil.corpus, prisoner_id):
        click.echo(f"status change {change['changed_at']}: "
                   f"{change['old_status'] or '-'} -> {change['new_status'] or '-'}")


COMMANDS = [prisoners]

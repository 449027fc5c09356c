"""`vigil candidates list|show|confirm|dismiss`: staff review of new names."""

from __future__ import annotations

import click
from rich.console import Console
from rich.table import Table

from monitor import candidates as candidates_lib
from monitor.cli.common import pass_vigil


def _fail_on(error: candidates_lib.CandidateError) -> None:
    raise click.ClickException(str(error))


@click.group("candidates")
def candidates_group() -> None:
    """Review new names found near words of repression (private: staff.db only)."""


@candidates_group.command("list")
@click.option("--status", type=click.Choice(candidates_lib.STATUSES),
              help="Only candidates with this status.")
@click.option("--min-score", type=click.FloatRange(0, 1), help="Only candidates scoring this or more.")
@click.option("--limit", type=click.IntRange(1), default=200, show_default=True)
@pass_vigil
def list_command(vigil, status: str | None, min_score: float | None, limit: int) -> None:
    """Print candidates, best score first."""
    found = candidates_lib.list_candidates(vigil.staff, status, min_score, limit)
    table = Table("id", "name", "status", "score", "articles", "languages", "last seen")
    for c in found:
        table.add_row(str(c["id"]), c["name"], c["status"], f"{c['score']:.2f}",
                      str(c["article_count"]), ",".join(c["languages"]), c["last_seen"])
    Console(width=160).print(table)
    click.echo(f"{len(found)} candidate(s)")


@candidates_group.command("show")
@click.argument("candidate_id", type=int)
@pass_vigil
def show_command(vigil, candidate_id: int) -> None:
    """Print one candidate with the sentences and articles that support it."""
    try:
        c = candidates_lib.show(vigil.staff, candidate_id)
    except candidates_lib.CandidateError as error:
        _fail_on(error)
    click.echo(f"#{c['id']} {c['name']}  [{c['status']}]  score {c['score']:.2f}  "
               f"articles {c['article_count']}  languages {','.join(c['languages']) or '-'}")
    click.echo(f"first seen {c['first_seen']}, last seen {c['last_seen']}")
    if c["status"] != "new":
        click.echo(f"decided {c['decided_at']} by {c['decided_by'] or '-'}"
                   + (f": {c['note']}" if c["note"] else ""))
    if c["prisoner_id"]:
        click.echo(f"on the watch list as prisoner {c['prisoner_id']}")
    for e in c["evidence"]:
        click.echo("")
        click.echo(f"- [{e['language'] or '?'}] {e['surface']} (score {e['score']:.2f})")
        click.echo(f"  {e['sentence']}")
        click.echo(f"  {e['article_title'] or '(no title)'} <{e['article_url']}>")


@candidates_group.command("confirm")
@click.argument("candidate_id", type=int)
@click.option("--by", help="Who decided (kept in staff.db only).")
@pass_vigil
def confirm_command(vigil, candidate_id: int, by: str | None) -> None:
    """Add the candidate to the watch list so that later mentions match."""
    try:
        prisoner_id = candidates_lib.confirm(vigil.staff, vigil.corpus, candidate_id, by)
    except candidates_lib.CandidateError as error:
        _fail_on(error)
    click.echo(f"candidate {candidate_id} confirmed: on the watch list as prisoner {prisoner_id}")


@candidates_group.command("dismiss")
@click.argument("candidate_id", type=int)
@click.option("--by", help="Who decided (kept in staff.db only).")
@click.option("--note", help="Why (kept in staff.db only).")
@pass_vigil
def dismiss_command(vigil, candidate_id: int, by: str | None, note: str | None) -> None:
    """Suppress the candidate: it is never alerted again."""
    try:
        candidates_lib.dismiss(vigil.staff, candidate_id, by, note)
    except candidates_lib.CandidateError as error:
        _fail_on(error)
    click.echo(f"candidate {candidate_id} dismissed")


COMMANDS = [candidates_group]

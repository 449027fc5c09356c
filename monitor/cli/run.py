"""`vigil run` (the daemon) and `vigil status`."""

from __future__ import annotations

import json
import logging

import click
from rich.console import Console
from rich.table import Table

from monitor.cli.common import pass_vigil
from store import sources as source_store


@click.command("run")
@click.argument("source_ids", nargs=-1)
@click.option("--log-level", default="INFO", show_default=True,
              type=click.Choice(["DEBUG", "INFO", "WARNING", "ERROR"]))
@pass_vigil
def run_command(vigil, source_ids, log_level) -> None:
    """Run the monitor: poll sources on their schedule and email staff (Ctrl-C stops)."""
    from monitor.daemon import Daemon
    from monitor.setup import initialise

    logging.basicConfig(level=log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    initialise(vigil.config, load_prisoners=_store_is_empty(vigil))
    Daemon(vigil.config, vigil.config_path).run(list(source_ids) or None)


def _store_is_empty(vigil) -> bool:
    from store.prisoners import prisoner_count

    return prisoner_count(vigil.corpus) == 0


@click.command("status")
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")
@pass_vigil
def status_command(vigil, as_json) -> None:
    """Sources' health, the alert queue and the last digest."""
    from monitor.alerts.mailer import pending_summary

    sources = source_store.list_sources(vigil.corpus)
    mail = pending_summary(vigil.staff)
    daemon_file = vigil.config.home / "daemon.json"
    daemon = json.loads(daemon_file.read_text()) if daemon_file.exists() else None
    if as_json:
        click.echo(json.dumps({"sources": sources, "mail": mail, "daemon": daemon},
                              default=str, indent=2))
        return
    table = Table("source", "health", "last poll", "last success", "failures", "entries",
                  "last error")
    for s in sources:
        table.add_row(s["id"], s["health"], s["last_poll_at"] or "-", s["last_success_at"] or "-",
                      str(s["consecutive_failures"]), str(s["last_entry_count"] or "-"),
                      (s["last_error"] or "")[:60])
    console = Console(width=180)
    console.print(table)
    console.print(f"alert queue: {json.dumps(mail, default=str)}")
    console.print(f"daemon: {json.dumps(daemon) if daemon else 'never started here'}")


COMMANDS = [run_command, status_command]

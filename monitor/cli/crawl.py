"""`vigil crawl`: poll sources once, with progress and a closing summary."""

from __future__ import annotations

import click
from rich.console import Console
from rich.table import Table
from scrapy import signals

from monitor.cli.common import pass_vigil
from monitor.crawl import run_crawl, select_sources
from spiders.signals import article_stored


def _progress_handlers(console: Console) -> dict:
    def on_response(response, request, **kwargs):
        source = request.meta.get("vigil_source") or "-"
        console.print(f"[dim]{response.status}[/dim] {source:<16} {response.url}", highlight=False)

    def on_stored(page, **kwargs):
        colour = {"new": "green", "updated": "yellow"}.get(page.status, "dim")
        console.print(f"  [{colour}]{page.status:<9}[/{colour}] {page.article.get('title') or page.url}",
                      highlight=False)

    return {signals.response_received: on_response, article_stored: on_stored}


def _summary_table(summaries: list[dict]) -> Table:
    table = Table("source", "outcome", "entries", "new", "updated", "unchanged", "failed", "error")
    for s in summaries:
        outcome = "[green]ok[/green]" if s["outcome"] == "ok" else "[red]failed[/red]"
        table.add_row(s["source"], outcome, str(s["entries"] if s["entries"] is not None else "-"),
                      str(s["new"]), str(s["updated"]), str(s["unchanged"] + s["duplicate"]),
                      str(s["failed"]), (s["error"] or "")[:80])
    return table


@click.command("crawl")
@click.argument("source_ids", nargs=-1)
@click.option("--sources", "sources_file", type=click.Path(dir_okay=False),
              help="Sources file (default: [crawl] sources, or the bundled list).")
@click.option("--refresh", is_flag=True, help="Fetch known articles again to detect edits.")
@click.option("--quiet", is_flag=True, help="Only print the closing summary.")
@pass_vigil
def crawl_command(vigil, source_ids, sources_file, refresh, quiet) -> None:
    """Poll every enabled source (or the SOURCE_IDS given) once."""
    cfg = vigil.config
    sources = select_sources(cfg, list(source_ids), sources_file)
    console = Console(stderr=True, width=160)
    handlers = {} if quiet else _progress_handlers(console)
    summaries = run_crawl(cfg, sources, refresh=refresh, sources_file=sources_file or "",
                          handlers=handlers)
    Console(width=160).print(_summary_table(summaries))
    if summaries and all(s["outcome"] == "failed" for s in summaries):
        raise SystemExit(1)


COMMANDS = [crawl_command]

"""`vigil init`, `vigil sources list`, `vigil config check`."""

from __future__ import annotations

import click
from rich.console import Console
from rich.table import Table

from monitor import setup as setup_lib
from monitor.cli.common import pass_vigil
from spiders.sources import load_sources


@click.command()
@pass_vigil
def init(vigil) -> None:
    """Create the databases and load the sources and the bundled prisoner list."""
    report = setup_lib.initialise(vigil.config)
    for line in report:
        click.echo(line)


@click.group()
def sources() -> None:
    """Inspect the configured sources."""


@sources.command("list")
@click.option("--sources", "sources_path", type=click.Path(dir_okay=False),
              help="Sources file (default: [crawl] sources, or the bundled list).")
@pass_vigil
def sources_list(vigil, sources_path: str | None) -> None:
    """Print every configured source."""
    table = Table("id", "name", "org", "lang", "kind", "every", "enabled", "url")
    for s in load_sources(sources_path or vigil.config.crawl.sources):
        table.add_row(s.id, s.name, s.org, ",".join(s.languages), s.kind,
                      f"{s.interval_minutes} min", "yes" if s.enabled else "no", s.url)
    Console(width=200).print(table)


@click.group("config")
def config_group() -> None:
    """Inspect the configuration."""


@config_group.command("check")
@pass_vigil
def config_check(vigil) -> None:
    """Validate vigil.toml and the environment; print effective settings (secrets masked)."""
    cfg = vigil.config
    load_sources(cfg.crawl.sources)
    click.echo(f"# config file: {cfg.path or '(none, defaults)'}")
    click.echo(f"# data folder: {cfg.home}")
    for section, values in cfg.masked().items():
        click.echo(f"[{section}]")
        for key, value in values.items():
            click.echo(f"{key} = {value!r}")
    click.echo("configuration OK")


COMMANDS = [init, sources, config_group]

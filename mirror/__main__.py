"""`python -m mirror`: serve the fixture sites (and the fault server) until Ctrl-C."""

from __future__ import annotations

import threading
from pathlib import Path

import click

from .core import Mirror
from .faults import FaultServer


@click.command()
@click.option("--phase", type=click.IntRange(1, 2), default=1, show_default=True,
              help="2 also publishes the articles that normally appear later.")
@click.option("--sources-out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write a Vigil sources file pointing at the mirror here.")
@click.option("--faults/--no-faults", default=True, show_default=True,
              help="Also start the fault server.")
def main(phase: int, sources_out: Path | None, faults: bool) -> None:
    """Serve Vigil's mirror of the real sources on 127.0.0.1 until Ctrl-C."""
    with Mirror(phase=phase) as mirror:
        fault_server = FaultServer().start() if faults else None
        for site, url in mirror.base_urls.items():
            click.echo(f"{site:<16} {url}/")
        if fault_server:
            click.echo(f"{'faults':<16} {fault_server.base_url}/")
        if sources_out:
            sources_out.write_text(mirror.sources_toml(), encoding="utf-8")
            click.echo(f"sources file: {sources_out}")
        click.echo(f"phase {phase}, {len(mirror.expected_articles())} articles. Ctrl-C stops.")
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            click.echo("stopping")
        finally:
            if fault_server:
                fault_server.stop()


if __name__ == "__main__":
    main()

"""The `vigil` command: a thin shell over the library.

Each command group lives in its own module and is registered here. Library errors
(StoreError, ConfigError, SourceError, ...) become one clear line and exit code 1.
"""

from __future__ import annotations

import importlib
import sys

import click

from monitor.cli.common import VigilContext, handle_errors

COMMAND_MODULES = [
    "monitor.cli.setup",
    "monitor.cli.crawl",
    "monitor.cli.run",
    "monitor.cli.demo",
    "monitor.cli.alerts",
    "monitor.cli.recipients",
    "monitor.cli.serve",
    "monitor.cli.prisoners",
    "monitor.cli.analyze",
    "monitor.cli.candidates",
]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", "config_path", type=click.Path(dir_okay=False),
              help="vigil.toml to use (default: $VIGIL_CONFIG or $VIGIL_HOME/vigil.toml).")
@click.pass_context
def cli(ctx: click.Context, config_path: str | None) -> None:
    """Vigil: monitor news about political prisoners in Belarus."""
    ctx.obj = VigilContext(config_path)


def _register() -> None:
    for name in COMMAND_MODULES:
        module = importlib.import_module(name)
        for command in module.COMMANDS:
            cli.add_command(command)


_register()


def main() -> None:
    with handle_errors():
        cli()


if __name__ == "__main__":
    sys.exit(main())

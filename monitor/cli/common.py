"""Shared pieces of the CLI: lazy config, error handling, database handles."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property

import click

import store
from monitor.config import Config, ConfigError, load
from spiders.sources import SourceError

EXPECTED_ERRORS = (ConfigError, SourceError, store.StoreError, OSError, ValueError)


class VigilContext:
    """Holds what commands share; opened lazily so `--help` never touches the disk."""

    def __init__(self, config_path: str | None) -> None:
        self.config_path = config_path

    @cached_property
    def config(self) -> Config:
        return load(self.config_path)

    @cached_property
    def corpus(self):
        return store.open_corpus(self.config.corpus_path)

    @cached_property
    def staff(self):
        return store.open_staff(self.config.staff_path)


pass_vigil = click.make_pass_decorator(VigilContext)


@contextmanager
def handle_errors() -> Iterator[None]:
    """Turn the library's typed errors into one line on stderr and exit code 1."""
    try:
        yield
    except EXPECTED_ERRORS as exc:
        click.echo(f"vigil: error: {exc}", err=True)
        sys.exit(1)

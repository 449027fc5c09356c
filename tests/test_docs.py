"""The README documents every command, setting and environment variable Vigil has."""

from __future__ import annotations

import re

import click
import pytest
from conftest import ROOT

from monitor.cli import cli
from monitor.config import ENVIRONMENT, SECTIONS

README = (ROOT / "README.md").read_text()


def _commands(command: click.Command, path: list[str]):
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            yield from _commands(sub, [*path, name])
    else:
        yield " ".join(path)


@pytest.mark.parametrize("command", sorted(_commands(cli, ["vigil"])))
def test_every_command_is_in_the_readme(command):
    assert f"`{command}" in README, f"README does not document `{command}`"


def _section_rows(section: str) -> str:
    """The reference-table rows of one [section] (up to the next section's first row)."""
    start = README.index(f"| `[{section}]` |")
    following = [README.find(f"| `[{other}]` |", start + 1) for other in SECTIONS]
    ends = [i for i in following if i > start] + [README.index("Environment only:", start)]
    return README[start:min(ends)]


@pytest.mark.parametrize("section, key", [(s, k) for s, keys in SECTIONS.items() for k in keys])
def test_every_setting_is_in_the_reference_table(section, key):
    assert re.search(rf"\| `{re.escape(key)}` \|", _section_rows(section)), \
        f"[{section}] {key} is missing from the README's configuration table"


@pytest.mark.parametrize("variable", sorted(ENVIRONMENT))
def test_every_environment_variable_is_documented(variable):
    assert f"`{variable}`" in README


def test_the_override_rule_and_the_two_commands_are_there():
    assert "VIGIL_<SECTION>_<KEY>" in README
    assert "make demo" in README and "make test" in README


def test_no_unfilled_placeholders():
    assert not re.search(r"\b[A-Z]+_SECTION\b|TODO|TBD", README)

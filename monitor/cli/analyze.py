"""`vigil analyze`: the stable way to run Vigil's analysis on a text from outside."""

from __future__ import annotations

import json

import click

from monitor.analysis import Analyser
from monitor.cli.common import pass_vigil
from monitor.prisoners import bundled_prisoners, read_prisoner_file, records_from_store

LANG_CHOICES = ["auto", "en", "ru", "be", "be-latn"]


def _analyser(vigil, prisoners_file: str | None) -> Analyser:
    if prisoners_file:
        return Analyser.from_records(read_prisoner_file(prisoners_file))
    records = records_from_store(vigil.corpus) if vigil.config.corpus_path.exists() else []
    return Analyser.from_records(records or bundled_prisoners())


def _dump(result: dict) -> str:
    return json.dumps(result, ensure_ascii=False)


def _jsonl(analyser: Analyser, source, lang: str) -> None:
    for number, line in enumerate(source, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise click.ClickException(f"line {number}: not valid JSON ({exc.msg})") from None
        if not isinstance(item, dict):
            raise click.ClickException(f"line {number}: expected a JSON object")
        result = analyser.analyse(item.get("text") or "", title=item.get("title"),
                                  lang=item.get("lang") or lang)
        click.echo(_dump({"id": item.get("id"), **result}))


@click.command()
@click.argument("source", type=click.File("r", encoding="utf-8"), default="-")
@click.option("--lang", type=click.Choice(LANG_CHOICES), default="auto", show_default=True,
              help="Language of the text; auto tells it from the letters.")
@click.option("--title", help="The article's title, analysed with the text.")
@click.option("--prisoners", "prisoners_file", type=click.Path(exists=True, dir_okay=False),
              help="Prisoner file to match against (default: the list in the store).")
@click.option("--jsonl", is_flag=True,
              help='Read JSON lines {"id", "title", "text", "lang"?}; write one result each.')
@pass_vigil
def analyze(vigil, source, lang: str, title: str | None, prisoners_file: str | None,
            jsonl: bool) -> None:
    """Print the analysis of a text (FILE or - for stdin) as one JSON object."""
    analyser = _analyser(vigil, prisoners_file)
    if jsonl:
        _jsonl(analyser, source, lang)
        return
    click.echo(_dump(analyser.analyse(source.read(), title=title, lang=lang)))


COMMANDS = [analyze]

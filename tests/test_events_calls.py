"""A release that is asked for, or called a remedy, is not news of a release."""

from __future__ import annotations

import pytest

from monitor.analysis import Analyser
from monitor.prisoners import bundled_prisoners


@pytest.fixture(scope="module")
def analyser():
    return Analyser.from_records(bundled_prisoners())


@pytest.mark.parametrize("text, released", [
    ("Рабочая группа считает, что надлежащим средством правовой защиты было бы немедленное "
     "освобождение Александра Кашпуля.", False),
    ("Праваабаронцы патрабуюць неадкладнага вызвалення Аляксандра Кашпула.", False),
    ("The Working Group said the remedy would be to release Aliaksandr Kashpul at once.", False),
    ("Александра Кашпуля освободили в субботу после пяти лет заключения.", True),
    ("Аляксандр Кашпул вызвалены пасля поўнага адбыцця тэрміну.", True),
    ("Aliaksandr Kashpul was released on Saturday after serving his full term.", True),
])
def test_release_news_versus_calls_for_release(analyser, text, released):
    types = {e["type"] for e in analyser.analyse(text)["events"] if e["prisoner_id"] == 100001}
    assert ("released" in types) is released, types

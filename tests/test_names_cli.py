"""`vigil analyze` and `vigil prisoners ...` through the real command, in a temp VIGIL_HOME."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, vigil_env

DATA = Path(__file__).parent / "data"
KEYS = {"language", "mentions", "new_names", "un_document", "events"}
MENTION_KEYS = {"prisoner_id", "name", "status", "surface", "start", "end", "confidence", "rule"}


def vigil_in(home: Path, *args: str, stdin: str = "", check: bool = True):
    result = subprocess.run([sys.executable, "-m", "monitor.cli", *args], cwd=ROOT,
                            env=vigil_env(home), input=stdin, capture_output=True, text=True,
                            timeout=120)
    if check:
        assert result.returncode == 0, result.stderr
    return result


def test_analyze_stdin_without_a_store_uses_the_bundled_list(vigil_home):
    text = "Суд над Аляксандрам Кашпулем. Кашпуля асудзілі на 15 гадоў."
    result = json.loads(vigil_in(vigil_home, "analyze", stdin=text).stdout)
    assert set(result) >= KEYS and result["language"] == "be"
    first, second = result["mentions"]
    assert set(first) >= MENTION_KEYS
    assert (first["prisoner_id"], first["confidence"], first["rule"]) == (100001, "high",
                                                                          "full-name")
    assert text[first["start"]:first["end"]] == first["surface"] == "Аляксандрам Кашпулем"
    assert (second["surface"], second["rule"]) == ("Кашпуля", "surname-promoted")
    assert not (vigil_home / "corpus.db").exists()      # reading needs no database


def test_analyze_file_with_title_and_language(vigil_home, tmp_path):
    article = tmp_path / "article.txt"
    article.write_text("Беляцкого перевели в другую колонию.", encoding="utf-8")
    out = vigil_in(vigil_home, "analyze", "--lang", "ru", "--title", "Алесь Беляцкий",
                   str(article)).stdout
    result = json.loads(out)
    assert result["language"] == "ru"
    fields = {(m["field"], m["surface"], m["confidence"]) for m in result["mentions"]}
    assert fields == {("title", "Алесь Беляцкий", "high"), ("text", "Беляцкого", "high")}


def test_analyze_jsonl_keeps_ids_and_order(vigil_home):
    lines = [{"id": "b", "title": "", "text": "Maryia Kalesnikava was freed."},
             {"id": "a", "text": "Nothing about anyone here.", "lang": "en"},
             {"id": 7, "title": "Ales Bialiatski", "text": "Bialiatski wrote a book."}]
    out = vigil_in(vigil_home, "analyze", "--jsonl",
                   stdin="\n".join(json.dumps(x) for x in lines) + "\n").stdout
    results = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in results] == ["b", "a", 7]
    assert [{m["prisoner_id"] for m in r["mentions"]} for r in results] == [{215}, set(), {964}]
    assert all(set(r) >= KEYS for r in results)


def test_analyze_jsonl_reports_a_bad_line(vigil_home):
    result = vigil_in(vigil_home, "analyze", "--jsonl", stdin='{"id": 1, "text": "x"}\nnot json\n',
                      check=False)
    assert result.returncode == 1 and "line 2" in result.stderr
    assert json.loads(result.stdout.splitlines()[0])["id"] == 1


def test_analyze_with_a_prisoner_file_uses_only_that_list(vigil_home):
    text = "Ihar Losik and Aliaksandr Kashpul were named."
    out = vigil_in(vigil_home, "analyze", "--prisoners", str(DATA / "prisoners_vigil.csv"),
                   stdin=text).stdout
    assert {m["prisoner_id"] for m in json.loads(out)["mentions"]} == {100001}


def test_import_list_show_and_analyze_from_the_store(vigil_home, tmp_path):
    imported = vigil_in(vigil_home, "prisoners", "import", str(DATA / "prisoners_vigil.csv"))
    assert "added: 16" in imported.stdout and "unmatchable: 2" in imported.stdout
    listed = vigil_in(vigil_home, "prisoners", "list", "--search", "Kobryn").stdout
    assert "9501" in listed and "Viachaslau Kobryn" in listed
    shown = vigil_in(vigil_home, "prisoners", "show", "964").stdout
    assert "generated be: Алесь Бяляцкі" in shown and "generated be-latn: Aleś Bialacki" in shown
    assert "surname key: BLTK" in shown
    # The store holds the small list, so its ids (not the bundled ones) come back.
    out = vigil_in(vigil_home, "analyze", stdin="Viachaslau Kobryn was sentenced.").stdout
    assert [m["prisoner_id"] for m in json.loads(out)["mentions"]] == [9501]

    changed = tmp_path / "changed.csv"
    changed.write_text((DATA / "prisoners_vigil.csv").read_text("utf-8").replace(
        "9501,Viachaslau Kobryn,former", "9501,Viachaslau Kobryn,active"), encoding="utf-8")
    again = vigil_in(vigil_home, "prisoners", "import", str(changed)).stdout
    assert "status changes: 1" in again and "9501: former -> active" in again
    assert "status change" in vigil_in(vigil_home, "prisoners", "show", "9501").stdout


def test_import_of_a_bad_file_is_one_clear_error(vigil_home, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("id,name\nx,Someone Somebody\n", encoding="utf-8")
    result = vigil_in(vigil_home, "prisoners", "import", str(bad), check=False)
    assert result.returncode == 1
    assert result.stderr.strip() == f"vigil: error: {bad}: row 2: id 'x' is not a whole number"


def test_show_of_an_unknown_id_fails(vigil_home):
    vigil_in(vigil_home, "prisoners", "import", str(DATA / "prisoners_vigil.csv"))
    result = vigil_in(vigil_home, "prisoners", "show", "424242", check=False)
    assert result.returncode == 1 and "no person with id 424242" in result.stderr

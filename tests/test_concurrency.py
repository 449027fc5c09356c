"""The staff Datasette (a real `vigil serve --staff`, logged in through its form) under
heavy and runaway SQL while other processes keep writing thousands of rows to both
databases the way the daemon does (store API, one transaction per item, checkpoints).

Expected: every heavy query either answers or is cut by the time limit with a clear
error; no "database is locked" on the reading or the writing side; a runaway
`WITH RECURSIVE` query is cut within the limit and the server keeps answering others;
the WAL stays bounded while both run and folds back to nothing at a checkpoint.
"""

from __future__ import annotations

import http.cookiejar
import json
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT
from datasette_auth_passwords.utils import hash_password
from datasette_fixtures import build, start_server

import store

pytestmark = pytest.mark.slow

TESTS = Path(__file__).resolve().parent
PASSWORD = "a concurrency test password"
TIME_LIMIT_MS = 800
ARTICLES = 1200
ALERTS = 600
WAL_LIMIT = 32 * 1024 * 1024
RUNAWAY = ("with recursive c(x) as (select 1 union all select x + 1 from c) "
           "select count(*) from c")
HEAVY = [  # (database, sql): each may take longer than the limit, none may fail otherwise
    ("corpus", "select count(*) from articles a join articles b on a.source_id = b.source_id "
               "where a.text like '%' || b.id || '%'"),
    ("corpus", "select source_id, count(*), sum(length(text)) from articles group by 1"),
    ("corpus", "select a.id, count(m.id) from articles a left join mentions m "
               "on m.article_id = a.id group by a.id order by 2 desc limit 20"),
    ("corpus", "select rowid from articles_trigram where articles_trigram match 'Bialiat'"),
    ("staff", "select kind, count(*) from alerts group by kind"),
    ("staff", "select a.id from alerts a join alerts b on b.id > a.id "
              "where a.payload like '%' || b.id || '%' limit 5"),
    ("corpus", RUNAWAY),
]
CORPUS_WRITER = (
    "import json, sys; sys.path.insert(0, {tests!r});"
    "from datasette_fixtures import write_many;"
    "print(json.dumps(write_many({path!r}, {count}, checkpoint_every=100)))"
)
STAFF_WRITER = """
import sys
import store
from store import outbox
db = store.open_staff(sys.argv[1])
for n in range(int(sys.argv[2])):
    outbox.add_alerts(db, [{{"dedupe_key": f"load:{{n}}", "kind": "mention", "urgent": False,
        "prisoner_id": 964, "article_id": n, "source_id": "viasna-en",
        "payload": {{"n": n, "text": "load " * 20}}}}], lambda alert, subs: [])
    if n % 100 == 99:
        store.checkpoint(db)
db.close()
print("ok")
"""


def login(base: str) -> urllib.request.OpenerDirector:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/-/login", timeout=30).read().decode()
    token = re.search(r'name="csrftoken" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"username": "staff", "password": PASSWORD,
                                   "csrftoken": token}).encode()
    opener.open(base + "/-/login", data=form, timeout=30)
    assert any(cookie.name == "ds_actor" for cookie in jar), "login failed"
    return opener


def get(opener, url: str) -> tuple[int, str, float]:
    started = time.monotonic()
    try:
        with opener.open(url, timeout=60) as response:
            return response.status, response.read().decode(), time.monotonic() - started
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), time.monotonic() - started


def sql_url(base: str, database: str, sql: str) -> str:
    return f"{base}/{database}.json?" + urllib.parse.urlencode({"sql": sql, "_shape": "array"})


class Readers:
    def __init__(self, base: str, opener, threads: int = 4) -> None:
        self.base, self.opener = base, opener
        self.done = threading.Event()
        self.lock = threading.Lock()
        self.answered = self.cut = 0
        self.failures: list[tuple] = []
        self.threads = [threading.Thread(target=self._run, args=(n,), daemon=True)
                        for n in range(threads)]

    def _run(self, offset: int) -> None:
        step = offset
        while not self.done.is_set():
            database, sql = HEAVY[step % len(HEAVY)]
            status, body, _ = get(self.opener, sql_url(self.base, database, sql))
            with self.lock:
                if status == 200:
                    self.answered += 1
                elif status == 400 and "too long" in body:
                    self.cut += 1
                else:
                    self.failures.append((sql[:60], status, body[:200]))
                if "locked" in body:
                    self.failures.append((sql[:60], status, "locked"))
            step += 1

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.done.set()
        for thread in self.threads:
            thread.join(timeout=120)


@pytest.fixture(scope="module")
def staff_server(tmp_path_factory):
    fixture = build(tmp_path_factory.mktemp("concurrency") / "home")
    server = start_server(fixture.home, "--staff",
                          VIGIL_STAFF_PASSWORD_HASH=hash_password(PASSWORD),
                          VIGIL_SERVE_SQL_TIME_LIMIT_MS=str(TIME_LIMIT_MS))
    yield fixture, server
    server.stop()


def test_runaway_recursive_query_is_cut_by_the_time_limit(staff_server):
    fixture, server = staff_server
    staff = login(server.base)
    for database in ("corpus", "staff"):
        status, body, seconds = get(staff, sql_url(server.base, database, RUNAWAY))
        assert status == 400 and "too long" in json.loads(body)["error"], body[:300]
        assert seconds < TIME_LIMIT_MS / 1000 + 3, seconds
    status, body, _ = get(staff, server.base + "/staff/candidates.json?_shape=array")
    assert status == 200 and json.loads(body)
    # anonymous visitors cannot even start one (JSON gets a refusal, not the login form)
    status, body, _ = get(urllib.request.build_opener(), sql_url(server.base, "corpus", RUNAWAY))
    assert status == 403 and "too long" not in body


def test_heavy_queries_while_both_databases_take_thousands_of_rows(staff_server):
    fixture, server = staff_server
    staff = login(server.base)
    wal = {name: Path(f"{path}-wal") for name, path in
           (("corpus", fixture.corpus_path), ("staff", fixture.staff_path))}
    largest = dict.fromkeys(wal, 0)
    with Readers(server.base, staff) as readers:
        writers = [
            subprocess.Popen([sys.executable, "-c", CORPUS_WRITER.format(
                tests=str(TESTS), path=str(fixture.corpus_path), count=ARTICLES)],
                cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True),
            subprocess.Popen([sys.executable, "-c", STAFF_WRITER.format(),
                              str(fixture.staff_path), str(ALERTS)],
                             cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True),
        ]
        while any(w.poll() is None for w in writers):
            for name, path in wal.items():
                largest[name] = max(largest[name], path.stat().st_size if path.exists() else 0)
            time.sleep(0.05)
        outputs = [w.communicate() for w in writers]
    for writer, (_out, err) in zip(writers, outputs, strict=True):
        assert writer.returncode == 0 and "locked" not in err, err[-2000:]
    print(f"answered {readers.answered}, cut {readers.cut}, largest WAL {largest}")
    assert readers.failures == [], readers.failures[:5]
    assert readers.answered >= 10 and readers.cut >= 2, (readers.answered, readers.cut)
    assert all(size < WAL_LIMIT for size in largest.values()), largest
    counts = {db: json.loads(get(staff, sql_url(server.base, db, sql))[1])[0]["n"]
              for db, sql in (("corpus", "select count(*) as n from articles"),
                              ("staff", "select count(*) as n from alerts"))}
    assert counts["corpus"] >= ARTICLES and counts["staff"] == ALERTS
    for path in (fixture.corpus_path, fixture.staff_path):
        db = store.connect(path)
        store.checkpoint(db)  # the server is still up, idle
        db.close()
        assert Path(f"{path}-wal").stat().st_size == 0
    output = server.stop()
    assert "locked" not in output and "Traceback" not in output, output[-2000:]

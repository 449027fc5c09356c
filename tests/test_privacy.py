"""Nothing private leaks: a full run (the daemon polling and mailing, the mail CLI, the
public and the staff Datasette) with a canary staff address and a canary SMTP password
in the environment of every command. Afterwards neither canary is in any log, command
output, corpus.db, file of the data folder or public page; anonymous visitors get
nothing of staff.db from either Datasette; and the crawl never opens a listening socket
or writes anything outside the data folder.

Only the commands whose job is to show recipients (`recipients add` echoes the address
it was given) and staff.db itself (which must hold the address) are exempt.
"""

from __future__ import annotations

import contextlib
import json
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import pytest
from alerts_kit import PASSWORD_CANARY, SmtpServer
from conftest import ROOT, run_vigil, vigil_env
from datasette_auth_passwords.utils import hash_password
from datasette_fixtures import start_server

import store
from mirror import FaultServer, Mirror

pytestmark = pytest.mark.slow

CANARY_ADDRESS = "canary-desk-5b8e1f@example.org"
CANARIES = (CANARY_ADDRESS, PASSWORD_CANARY)
STAFF_HASH = hash_password("a privacy test staff password")


@dataclass
class World:
    home: Path
    state_dir: Path
    outputs: dict[str, str] = field(default_factory=dict)
    public: dict[str, tuple[int, str]] = field(default_factory=dict)
    staff: dict[str, tuple[int, str, str]] = field(default_factory=dict)
    listening: list[str] = field(default_factory=list)
    outside_files: set[str] = field(default_factory=set)
    mails: list[dict] = field(default_factory=list)
    logins: list[tuple[bytes, bytes]] = field(default_factory=list)


def _config(sources: Path, smtp_port: int) -> str:
    return "\n".join([
        "[crawl]", f'sources = "{sources}"', "download_delay = 0",
        "allow_private_networks = true", "workers = 1", "timeout = 3", "retries = 0",
        "[smtp]", 'host = "127.0.0.1"', f"port = {smtp_port}", 'username = "vigil"',
        'from = "vigil@vigil.example"', "timeout = 5",
        # a source that fails once raises an urgent health alert: the daemon mails at once
        "[alerts]", "digest_times = []", 'datasette_url = "http://127.0.0.1:8001"',
        'timezone = "UTC"', "health_failures = 1", "health_urgent = true",
        "[daemon]", "poll_every = 3", "mail_interval = 1", "jitter = 0", ""])


def _fetch(url: str) -> tuple[int, str]:
    request = urllib.request.Request(url)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _fetch_no_redirect(url: str) -> tuple[int, str, str]:
    """(status, body, Location header) without following redirects."""
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8", "replace"), ""
    except urllib.error.HTTPError as error:
        return (error.code, error.read().decode("utf-8", "replace"),
                error.headers.get("Location") or "")


def _watch(process: psutil.Process, world: World) -> None:
    """Record listening sockets in the daemon's process tree and files outside VIGIL_HOME."""
    with contextlib.suppress(psutil.Error):
        family = [process, *process.children(recursive=True)]
    for member in family:
        with contextlib.suppress(psutil.Error):
            for conn in member.net_connections(kind="inet"):
                if conn.status == psutil.CONN_LISTEN:
                    world.listening.append(f"{' '.join(member.cmdline()[:4])} on {conn.laddr}")
    world.outside_files |= {str(p) for p in world.state_dir.rglob("*") if p.is_file()}


def _run_daemon(world: World, smtp: SmtpServer, env: dict[str, str], expected: int) -> None:
    log = world.home / "daemon.log"
    with open(log, "wb") as handle:
        daemon = subprocess.Popen([sys.executable, "-m", "monitor.cli", "run"], cwd=ROOT,
                                  env=vigil_env(world.home, **env), stdout=handle, stderr=handle)
    watched = psutil.Process(daemon.pid)
    deadline = time.monotonic() + 90
    try:
        while time.monotonic() < deadline:
            _watch(watched, world)
            if smtp.sink.count() >= 1 and _stored(world.home) >= expected:
                break
            time.sleep(0.1)
    finally:
        daemon.send_signal(signal.SIGTERM)
        daemon.wait(timeout=90)
    world.outputs["vigil run (daemon log)"] = log.read_text()
    assert smtp.sink.count() >= 1, world.outputs["vigil run (daemon log)"][-3000:]


def _stored(home: Path) -> int:
    db = store.connect(home / "corpus.db")
    try:
        return store.scalar(db, "SELECT COUNT(*) FROM articles")
    finally:
        db.close()


PUBLIC_PATHS = [
    "/", "/corpus", "/corpus.json", "/-/databases.json", "/-/metadata.json", "/-/plugins.json",
    "/-/settings.json", "/-/versions.json", "/-/threads.json", "/-/actor.json",
    "/corpus?sql=select+1", "/corpus.json?sql=select+*+from+pragma_database_list",
    "/corpus.json?sql=attach+database+'staff.db'+as+s", "/corpus.db", "/staff.db", "/staff",
    "/staff.json", "/staff/recipients", "/staff/recipients.json", "/staff/alerts.json",
    "/corpus/articles.json?_size=max", "/corpus/sources.json", "/corpus/fetch_log.json?_size=max",
    "/corpus/polls.json", "/corpus/articles.csv?_size=max", "/corpus/source_health",
    "/-/dashboards", "/_internal", "/_memory.json?sql=select+1",
]
STAFF_PATHS = [
    "/", "/staff", "/staff.json", "/staff/recipients", "/staff/recipients.json",
    "/staff/recipients.csv", "/staff/batches.json", "/staff.db", "/corpus.db",
    "/staff.json?sql=select+*+from+recipients",
    "/corpus.json?sql=select+*+from+pragma_database_list", "/-/databases.json",
    "/-/metadata.json", "/-/plugins.json", "/-/settings.json", "/_internal",
]


def _serve(world: World, env: dict[str, str]) -> None:
    server = start_server(world.home, **env)
    try:
        tables = _fetch(server.base + "/corpus.json")[1]
        names = [t["name"] for t in json.loads(tables)["tables"]]
        paths = PUBLIC_PATHS + [f"/corpus/{n}.json?_size=max" for n in names]
        world.public = {path: _fetch(server.base + path) for path in paths}
    finally:
        world.outputs["vigil serve"] = server.stop()
    staff = start_server(world.home, "--staff", VIGIL_STAFF_PASSWORD_HASH=STAFF_HASH, **env)
    try:
        world.staff = {path: _fetch_no_redirect(staff.base + path) for path in STAFF_PATHS}
    finally:
        world.outputs["vigil serve --staff"] = staff.stop()


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    root = tmp_path_factory.mktemp("privacy")
    world = World(home=root / "home", state_dir=root / "user-state")
    world.home.mkdir()
    world.state_dir.mkdir()
    env = {"VIGIL_SMTP_PASSWORD": PASSWORD_CANARY, "XDG_STATE_HOME": str(world.state_dir),
           "XDG_CACHE_HOME": str(world.state_dir / "cache"),
           "XDG_DATA_HOME": str(world.state_dir / "data")}
    smtp = SmtpServer().start()
    try:
        with Mirror() as mirror, FaultServer() as faults:
            sources = world.home / "sources.toml"
            # the broken source first: the daemon polls sources staggered in file order
            sources.write_text(
                '[[source]]\nid = "broken"\nname = "Broken feed"\norg = "ngo"\n'
                f'languages = ["en"]\nkind = "feed"\nurl = "{faults.url("/feed/empty")}"\n'
                'allowed_domains = ["127.0.0.1"]\ninterval_minutes = 30\n\n'
                + mirror.sources_toml(sites=["viasna-en"]))
            (world.home / "vigil.toml").write_text(_config(sources, smtp.port))
            world.outputs["vigil init"] = _both(run_vigil(world.home, "init", **env))
            run_vigil(world.home, "recipients", "add", CANARY_ADDRESS, "--name", "Desk", **env)
            expected = len([a for a in mirror.expected_articles() if a.source == "viasna-en"])
            _run_daemon(world, smtp, env, expected)
            for command in (["alerts", "send"], ["alerts", "list"], ["status", "--json"],
                            ["config", "check"]):
                result = run_vigil(world.home, *command, check=False, **env)
                world.outputs["vigil " + " ".join(command)] = _both(result)
        _serve(world, env)
        world.mails = list(smtp.sink.received)
        world.logins = list(smtp.sink.logins)
        yield world
    finally:
        smtp.stop()


def _both(result) -> str:
    return (result.stdout or "") + (result.stderr or "")


def _leaks(text: str | bytes) -> list[str]:
    if isinstance(text, bytes):
        return [c for c in CANARIES if c.encode() in text]
    return [c for c in CANARIES if c in text]


def test_the_run_really_used_both_canaries(world):
    # Without this the other tests could pass by never touching the secrets.
    assert world.mails and all(m["rcpt_tos"] == [CANARY_ADDRESS] for m in world.mails)
    assert (b"vigil", PASSWORD_CANARY.encode()) in world.logins
    assert all(PASSWORD_CANARY.encode() not in m["content"] for m in world.mails)


def test_no_output_or_log_holds_a_canary(world):
    assert len(world.outputs) >= 8
    for name, text in world.outputs.items():
        assert not _leaks(text), name


def test_no_file_of_the_data_folder_but_staff_db_holds_a_canary(world):
    checked = 0
    for path in world.home.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if path.name.startswith("staff.db"):
            assert PASSWORD_CANARY.encode() not in data, path
            continue
        assert not _leaks(data), path
        checked += 1
    assert (world.home / "corpus.db").exists() and checked >= 4


def test_public_pages_and_json_reveal_nothing_private(world):
    for path, (_status, body) in world.public.items():
        assert not _leaks(body), path
        for word in ("staff.db", "recipients", "deliveries", "batches", STAFF_HASH):
            assert word not in body, (path, word)
    assert world.public["/"][0] == 200 and world.public["/corpus/articles.json?_size=max"][0] == 200
    databases = world.public["/-/databases.json"][1]
    assert '"name": "corpus"' in databases and '"staff"' not in databases


@pytest.mark.parametrize("path", [
    "/corpus?sql=select+1", "/corpus.json?sql=select+*+from+pragma_database_list",
    "/corpus.json?sql=attach+database+'staff.db'+as+s", "/corpus.db", "/staff.db", "/staff",
    "/staff.json", "/staff/recipients.json", "/_memory.json?sql=select+1",
])
def test_public_sql_downloads_and_staff_paths_are_refused(world, path):
    status, body = world.public[path]
    assert status in (400, 403, 404), (path, status, body[:300])


def test_the_staff_view_refuses_anonymous_visitors_everything(world):
    for path, (status, body, location) in world.staff.items():
        assert status == 403 or (status == 302 and location.endswith("/-/login")), \
            (path, status, location)
        assert not _leaks(body), path


def test_the_crawl_opens_no_listening_socket_and_writes_nothing_outside_vigil_home(world):
    assert world.listening == [], world.listening
    assert world.outside_files == set(), world.outside_files

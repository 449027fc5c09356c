"""Publishing with Datasette: the public corpus, and the staff view behind a login.

* **Public** (`vigil serve`): corpus.db only. staff.db is not even attached (DESIGN §2:
  Datasette 0.65 leaks "hidden" tables through ``?sql=`` and FTS tables), arbitrary SQL is
  off, canned queries and charts answer the usual questions.
* **Staff** (`vigil serve --staff`): corpus.db and staff.db, every page behind
  datasette-auth-passwords; staff may run SQL and confirm or dismiss candidates.

Both serve the live files in mutable mode (read-only WAL readers), never immutable, so the
daemon keeps writing while people read.

The server runs in this process (uvicorn, as ``datasette serve`` does inside) rather than
as a ``datasette serve`` child: the Vigil plugin is registered directly, the password hash
goes from the config to the login plugin in memory (never through argv, a file or
``/-/metadata.json``), and tests exercise exactly the object that is served.
"""

from __future__ import annotations

import asyncio
import copy
import json
import re
import socket
from collections.abc import Callable
from pathlib import Path

import uvicorn
from datasette.app import Datasette
from datasette.plugins import pm

import store
from monitor import serve_plugin
from monitor.config import Config, ConfigError

METADATA_PATH = Path(__file__).resolve().parent.parent / "datasette_metadata.json"
STAFF_ACTOR = "staff"
AUTH_PLUGIN = "datasette-auth-passwords"
DASHBOARDS_PLUGIN = "datasette-dashboards"
# The shape datasette-auth-passwords writes: pbkdf2_sha256$<iterations>$<salt>$<hash>.
PASSWORD_HASH = re.compile(r"^pbkdf2_sha256\$\d+\$[^$]+\$[^$]+$")


class VigilDatasette(Datasette):
    """Datasette that hands the staff password hash to the login plugin from memory.

    Plugin settings normally live in metadata, and all metadata is shown at
    ``/-/metadata.json``; the hash is added only when the login plugin asks for it.
    """

    def __init__(self, *args, password_hash: str = "", **kwargs) -> None:
        self._staff_password_hash = password_hash  # before: the constructor reads plugin config
        super().__init__(*args, **kwargs)

    def plugin_config(self, plugin_name, database=None, table=None, fallback=True):
        config = super().plugin_config(plugin_name, database=database, table=table,
                                       fallback=fallback)
        if plugin_name == AUTH_PLUGIN and self._staff_password_hash:
            config = {**(config or {}),
                      f"{STAFF_ACTOR}_password_hash": self._staff_password_hash}
        return config


def load_metadata(path: Path = METADATA_PATH) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"Datasette metadata not found: {path}") from None
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{path}: not valid JSON: {exc}") from None


def public_metadata(metadata: dict) -> dict:
    """The metadata minus everything about staff.db (not even its table names), and minus
    the dashboards that run SQL (datasette-dashboards fetches ``?sql=``, refused here)."""
    public = copy.deepcopy(metadata)
    public.get("databases", {}).pop("staff", None)
    public["allow_sql"] = False
    dashboards = public.get("plugins", {}).get(DASHBOARDS_PLUGIN)
    if dashboards:
        public["plugins"][DASHBOARDS_PLUGIN] = {
            slug: board for slug, board in dashboards.items()
            if not any("db" in chart for chart in board.get("charts", {}).values())
            and not any("db" in f for f in board.get("filters", {}).values())}
    return public


def staff_metadata(metadata: dict) -> dict:
    """The whole metadata, with every page and SQL limited to the logged-in staff actor."""
    staff = copy.deepcopy(metadata)
    staff["allow"] = {"id": STAFF_ACTOR}
    staff["allow_sql"] = {"id": STAFF_ACTOR}
    staff.setdefault("plugins", {}).setdefault("vigil", {})["login_required"] = True
    return staff


def checked_password_hash(value: str) -> str:
    if not value:
        raise ConfigError("VIGIL_STAFF_PASSWORD_HASH is not set; make one with "
                          "`vigil staff-password` and put it in the environment")
    if not PASSWORD_HASH.match(value.strip()):
        raise ConfigError("VIGIL_STAFF_PASSWORD_HASH is not a password hash made by "
                          "`vigil staff-password` (pbkdf2_sha256$...)")
    return value.strip()


def _prepare_files(cfg: Config, staff: bool) -> list[str]:
    """Create or migrate the databases first: Datasette only ever opens them read-only."""
    files = [cfg.corpus_path]
    store.open_corpus(cfg.corpus_path).conn.close()
    if staff:
        store.open_staff(cfg.staff_path).conn.close()
        files.append(cfg.staff_path)
    return [str(path) for path in files]


def datasette_settings(cfg: Config) -> dict:
    return {
        "sql_time_limit_ms": cfg.serve.sql_time_limit_ms,
        # Live files are never offered for download: a copy taken mid-write may be torn.
        "allow_download": False,
        "default_page_size": 50,
        # Suggestions probe every column of the page's table: 0.4 s of 0.45 s per articles
        # page at 20,000 articles (bench/bench_datasette.py). Configured facets stay.
        "suggest_facets": False,
    }


def register_plugin() -> None:
    if not pm.is_registered(serve_plugin):
        pm.register(serve_plugin, name="vigil")
    # With rich installed (the CLI uses it), Datasette 0.65 prints every 403/404 with
    # show_locals=True: request headers and session cookies would land in the server log,
    # slowly (0.25 s each). Without rich it prints only real errors (500), without locals.
    # Imported here, after datasette.app: imported first, it would register half-loaded.
    from datasette import handle_exception as default_error_handler

    default_error_handler.rich = None


def build_datasette(cfg: Config, staff: bool, metadata: dict | None = None) -> Datasette:
    """The Datasette that `vigil serve` runs (public, or with ``staff`` the private view)."""
    register_plugin()
    metadata = load_metadata() if metadata is None else metadata
    password_hash = checked_password_hash(cfg.staff_password_hash) if staff else ""
    ds = VigilDatasette(
        files=_prepare_files(cfg, staff),
        immutables=[],
        metadata=staff_metadata(metadata) if staff else public_metadata(metadata),
        settings=datasette_settings(cfg),
        crossdb=False,
        password_hash=password_hash,
    )
    expected = {"corpus", "staff"} if staff else {"corpus"}
    if set(ds.databases) - {"_internal"} != expected:
        raise ConfigError(f"unexpected database names {sorted(ds.databases)}; "
                          "the files must be called corpus.db and staff.db")
    return ds


def listen_address(cfg: Config, staff: bool, host: str | None, port: int | None
                   ) -> tuple[str, int]:
    """Command-line values first, then [serve] host and port (staff_port for the staff
    view, so both instances can run side by side with their defaults)."""
    if port is None:
        port = cfg.serve.staff_port if staff else cfg.serve.port
    return host or cfg.serve.host, port


def open_socket(host: str, port: int) -> socket.socket:
    """Bind and listen now: port 0 gets a real port, announced before serving, and
    connections made before uvicorn is ready wait in the backlog instead of failing."""
    family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(2048)
    return sock


def run_server(cfg: Config, *, staff: bool = False, host: str | None = None,
               port: int | None = None, announce: Callable[[str], None] = print,
               log_level: str = "info") -> None:
    """Serve until interrupted (SIGINT/SIGTERM end it cleanly)."""
    ds = build_datasette(cfg, staff)
    asyncio.run(ds.invoke_startup())  # fail now on a broken plugin or template, not later
    sock = open_socket(*listen_address(cfg, staff, host, port))
    bound_host, bound_port = sock.getsockname()[:2]
    shown_host = f"[{bound_host}]" if ":" in bound_host else bound_host
    kind = "staff view (login required)" if staff else "public corpus"
    announce(f"Vigil Datasette, {kind}: http://{shown_host}:{bound_port}/")
    # No access log: visitors' addresses and what they looked up (a person's id) are not
    # kept by default on a site that people at risk, and those watching them, visit.
    config = uvicorn.Config(ds.app(), lifespan="on", log_level=log_level, access_log=False)
    uvicorn.Server(config).run(sockets=[sock])

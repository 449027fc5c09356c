"""Vigil's settings: read in this one module, from vigil.toml and the environment.

Lookup order for the file: ``--config``, ``$VIGIL_CONFIG``, ``$VIGIL_HOME/vigil.toml``;
without one, the defaults below apply. Every key can be overridden by an environment
variable named ``VIGIL_<SECTION>_<KEY>`` (``VIGIL_SMTP_HOST``, ``VIGIL_CRAWL_DOWNLOAD_DELAY``).
Secrets are read from the environment only and are never written anywhere.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class ConfigError(Exception):
    """The configuration is unreadable or a value is wrong; the message names the key."""


@dataclass(frozen=True)
class Setting:
    default: Any
    kind: type
    doc: str
    choices: tuple = ()


SECTIONS: dict[str, dict[str, Setting]] = {
    "crawl": {
        "sources": Setting("", str, "sources file (TOML); empty means the bundled real sources"),
        "download_delay": Setting(1.0, float, "seconds between requests to one host"),
        "allow_private_networks": Setting(
            False, bool, "allow loopback/private addresses (tests and the demo only)"),
        "user_agent": Setting(
            "Vigil/0.1 (+https://github.com/vigil-monitor/vigil; contact: vigil@example.org)",
            str, "User-Agent sent with every request; keep a contact in it"),
        "timeout": Setting(30.0, float, "seconds before one HTTP request is abandoned"),
        "max_bytes": Setting(5_000_000, int, "largest response body accepted, in bytes"),
        "retries": Setting(2, int, "retries of a request after a 5xx, 429 or network error"),
        "max_pages": Setting(3, int, "listing pages followed per poll (pagination limit)"),
        "max_articles": Setting(200, int, "most new article pages fetched per source per poll"),
        "workers": Setting(0, int, "extraction processes; 0 means one per CPU core"),
        "extract_timeout": Setting(20.0, float, "seconds one page may spend in extraction"),
        "poll_timeout": Setting(900.0, float, "seconds before a whole poll is cut off"),
    },
    "smtp": {
        "host": Setting("localhost", str, "SMTP server"),
        "port": Setting(25, int, "SMTP port"),
        "security": Setting("none", str, "transport security", ("none", "starttls", "ssl")),
        "username": Setting("", str, "SMTP login; the password comes from VIGIL_SMTP_PASSWORD"),
        "from": Setting("vigil@example.org", str, "sender address of alert emails"),
        "timeout": Setting(30.0, float, "seconds before an SMTP conversation is abandoned"),
        "ca_file": Setting("", str, "extra CA certificate (PEM) to trust for a relay with a "
                           "private certificate; empty means the system's CAs only"),
    },
    "alerts": {
        "digest_times": Setting(["08:00", "17:00"], list, "local times at which digests go out"),
        "datasette_url": Setting("http://localhost:8001", str, "public Datasette base URL for links"),
        "health_failures": Setting(3, int, "consecutive failed polls before a source alert"),
        "urgent_events": Setting(["released", "died", "sentenced"], list,
                                 "event types that are sent at once instead of in the digest"),
        "candidate_urgent_score": Setting(0.8, float, "new-name score at which an alert is urgent"),
        "urgent_max_age_days": Setting(30, int, "an article published longer ago than this is "
                                       "past news: its alerts go to the digest (0: no limit)"),
        "retry_base": Setting(60.0, float, "first retry delay after a temporary SMTP failure (s)"),
        "retry_max": Setting(3600.0, float, "longest retry delay (s)"),
        "give_up_after_hours": Setting(72.0, float, "how long temporary SMTP failures are "
                                       "retried before a batch is marked failed (hours)"),
        "timezone": Setting("", str, "IANA time zone of digest_times (e.g. Europe/Vilnius); "
                            "empty means the system's local time"),
        "health_urgent": Setting(False, bool, "send source-health notices at once "
                                 "instead of in the next digest"),
    },
    "daemon": {
        "jitter": Setting(30, int, "random seconds added to each scheduled poll"),
        "misfire_grace": Setting(600, int, "seconds a late poll may still run"),
        "mail_interval": Setting(60, int, "seconds between outbox checks"),
        "poll_every": Setting(0, int, "seconds between polls of every source, overriding each "
                              "source's interval_minutes when above 0 (demo and tests)"),
        "empty_feed_after": Setting(5, int, "a feed that had at least this many entries and "
                                    "suddenly has none raises a health alert"),
    },
    "candidates": {
        "min_score": Setting(0.3, float, "new names scored below this (0..1) are not "
                             "recorded as candidates"),
    },
    "serve": {
        "host": Setting("127.0.0.1", str, "address Datasette listens on"),
        "port": Setting(8001, int, "port Datasette listens on"),
        "staff_port": Setting(8002, int, "port of the staff view (vigil serve --staff)"),
        "sql_time_limit_ms": Setting(
            3000, int, "milliseconds before Datasette cuts off a query (runaway SQL)"),
    },
}

# Secrets and paths that only come from the environment.
ENVIRONMENT = {
    "VIGIL_HOME": "data folder (databases, logs); default ./var",
    "VIGIL_CONFIG": "path of vigil.toml",
    "VIGIL_SMTP_PASSWORD": "SMTP password (secret; environment only)",
    "VIGIL_STAFF_PASSWORD_HASH": "password hash for the staff Datasette login (secret)",
}


@dataclass(frozen=True)
class Section:
    name: str
    values: dict[str, Any]

    def __getattr__(self, key: str) -> Any:
        try:
            return self.values[key]
        except KeyError:
            raise AttributeError(f"[{self.name}] has no setting {key!r}") from None

    def __getitem__(self, key: str) -> Any:
        return self.values[key]


@dataclass(frozen=True)
class Config:
    home: Path
    path: Path | None
    sections: dict[str, Section]
    secrets: dict[str, str] = field(default_factory=dict, repr=False)

    def __getattr__(self, name: str) -> Section:
        try:
            return self.sections[name]
        except KeyError:
            raise AttributeError(name) from None

    @property
    def corpus_path(self) -> Path:
        return self.home / "corpus.db"

    @property
    def staff_path(self) -> Path:
        return self.home / "staff.db"

    @property
    def smtp_password(self) -> str:
        return self.secrets.get("VIGIL_SMTP_PASSWORD", "")

    @property
    def staff_password_hash(self) -> str:
        return self.secrets.get("VIGIL_STAFF_PASSWORD_HASH", "")

    def masked(self) -> dict[str, dict[str, Any]]:
        """Effective settings for display, secrets replaced by a mask."""
        shown = {name: dict(section.values) for name, section in self.sections.items()}
        shown["environment"] = {
            key: ("********" if value else "(not set)") for key, value in self.secrets.items()
        }
        return shown


def _coerce(section: str, key: str, setting: Setting, raw: Any, origin: str) -> Any:
    where = f"{origin}: [{section}] {key}"
    try:
        value = _convert(setting.kind, raw)
    except (TypeError, ValueError):
        raise ConfigError(
            f"{where} must be {setting.kind.__name__}, got {raw!r}") from None
    if setting.choices and value not in setting.choices:
        raise ConfigError(f"{where} must be one of {', '.join(setting.choices)}, got {value!r}")
    return value


def _convert(kind: type, raw: Any) -> Any:
    if kind is bool:
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, str) and raw.lower() in {"1", "true", "yes", "on", "0", "false", "no", "off"}:
            return raw.lower() in {"1", "true", "yes", "on"}
        raise ValueError(raw)
    if kind is list:
        if isinstance(raw, str):
            return [part.strip() for part in raw.split(",") if part.strip()]
        if not isinstance(raw, list):
            raise TypeError(raw)
        return list(raw)
    if kind in (int, float) and isinstance(raw, bool):
        raise TypeError(raw)
    if kind is int and isinstance(raw, float):
        raise TypeError(raw)
    return kind(raw)


def find_config_file(explicit: str | Path | None, env: dict[str, str], home: Path) -> Path | None:
    if explicit:
        return Path(explicit)
    if env.get("VIGIL_CONFIG"):
        return Path(env["VIGIL_CONFIG"])
    candidate = home / "vigil.toml"
    return candidate if candidate.exists() else None


def _read_file(path: Path | None) -> dict[str, Any]:
    if path is None:
        return {}
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError(f"config file not found: {path}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None


def load(explicit: str | Path | None = None, env: dict[str, str] | None = None) -> Config:
    """Build the effective configuration; raise ConfigError naming any bad key."""
    env = dict(os.environ if env is None else env)
    home = Path(env.get("VIGIL_HOME") or "var").expanduser().resolve()
    path = find_config_file(explicit, env, home)
    data = _read_file(path)
    origin = str(path) if path else "defaults"
    for name in data:
        if name not in SECTIONS:
            raise ConfigError(f"{origin}: unknown section [{name}]")
    sections = {}
    for name, settings in SECTIONS.items():
        given = data.get(name, {})
        if not isinstance(given, dict):
            raise ConfigError(f"{origin}: [{name}] must be a table")
        unknown = set(given) - set(settings)
        if unknown:
            raise ConfigError(f"{origin}: [{name}] has unknown key {sorted(unknown)[0]!r}")
        values = {}
        for key, setting in settings.items():
            raw, where = given.get(key, setting.default), origin
            env_key = f"VIGIL_{name}_{key}".upper()
            if env_key in env:
                raw, where = env[env_key], f"environment {env_key}"
            values[key] = _coerce(name, key, setting, raw, where)
        sections[name] = Section(name, values)
    secrets = {key: env.get(key, "") for key in ("VIGIL_SMTP_PASSWORD", "VIGIL_STAFF_PASSWORD_HASH")}
    return Config(home=home, path=path, sections=sections, secrets=secrets)


def environment_variables() -> list[str]:
    """Every environment variable Vigil reads, for the docs test and `config check`."""
    names = list(ENVIRONMENT)
    for section, settings in SECTIONS.items():
        names += [f"VIGIL_{section}_{key}".upper() for key in settings]
    return names

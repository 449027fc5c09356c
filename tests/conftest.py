"""Fixtures shared by the whole suite: a temporary VIGIL_HOME and the `vigil` command."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def vigil_home(tmp_path, monkeypatch) -> Path:
    """An empty data folder; VIGIL_* variables from the outer environment are cleared."""
    for key in list(os.environ):
        if key.startswith("VIGIL_"):
            monkeypatch.delenv(key)
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("VIGIL_HOME", str(home))
    return home


def vigil_env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VIGIL_")}
    env.update({"VIGIL_HOME": str(home), "PYTHONUNBUFFERED": "1", **extra})
    return env


def run_vigil(home: Path, *args: str, timeout: float = 120, check: bool = True,
              **env: str) -> subprocess.CompletedProcess:
    """Run the real `vigil` command in a subprocess (its own Twisted reactor)."""
    result = subprocess.run(
        [sys.executable, "-m", "monitor.cli", *args], cwd=ROOT, env=vigil_env(home, **env),
        capture_output=True, text=True, timeout=timeout)
    if check and result.returncode != 0:
        raise AssertionError(f"vigil {' '.join(args)} failed ({result.returncode}):\n"
                             f"{result.stdout}\n{result.stderr}")
    return result


@pytest.fixture
def vigil(vigil_home):
    def call(*args, **kwargs):
        return run_vigil(vigil_home, *args, **kwargs)
    return call

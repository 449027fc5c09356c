"""Host names that resolve to 127.0.0.1, for the peer crawler.

trafilatura 2.3's ``--feed`` rejects URLs whose host is a bare IP address or a name
without a dot (``localhost``), so the benchmark serves every mirror site under its own
name, ``sNN.vigil-bench.localhost``. Names under ``.localhost`` are reserved for loopback
(RFC 6761) but glibc does not resolve them by itself, so when they do not resolve already
and the benchmark runs as root, ``loopback_names`` appends them to /etc/hosts (mapped to
127.0.0.1 only, between marker lines) and removes exactly that block afterwards. Without
root the names stay unresolved and the caller skips what needs them.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
from pathlib import Path

HOSTS = Path("/etc/hosts")


def resolves_to_loopback(name: str) -> bool:
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(name, 80, socket.AF_INET)}
    except OSError:
        return False
    return addresses == {"127.0.0.1"}


@contextlib.contextmanager
def loopback_names(names: list[str]):
    """Yield True when every name resolves to 127.0.0.1 (adding them if need be)."""
    missing = [name for name in names if not resolves_to_loopback(name)]
    if not missing:
        yield True
        return
    if os.geteuid() != 0 or not os.access(HOSTS, os.W_OK):
        yield False
        return
    begin, end = f"# vigil-bench {os.getpid()} begin", f"# vigil-bench {os.getpid()} end"
    block = "\n".join([begin, *(f"127.0.0.1 {name}" for name in missing), end]) + "\n"
    original = HOSTS.read_text()
    # SIGTERM must not skip the clean-up below.
    previous = signal.signal(signal.SIGTERM, _exit_on_term)
    # Written in place (not replaced): /etc/hosts is often a bind mount.
    with HOSTS.open("a") as handle:
        if original and not original.endswith("\n"):
            handle.write("\n")
        handle.write(block)
    try:
        yield all(resolves_to_loopback(name) for name in missing)
    finally:
        _remove_block(begin, end)
        signal.signal(signal.SIGTERM, previous)


def _exit_on_term(signum, frame):
    raise SystemExit(128 + signum)


def _remove_block(begin: str, end: str) -> None:
    kept, inside = [], False
    for line in HOSTS.read_text().splitlines(keepends=True):
        if line.strip() == begin:
            inside = True
        elif inside and line.strip() == end:
            inside = False
        elif not inside:
            kept.append(line)
    with HOSTS.open("w") as handle:
        handle.write("".join(kept))

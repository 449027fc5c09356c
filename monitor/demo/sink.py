"""A local SMTP server that keeps every message it receives as an .eml file."""

from __future__ import annotations

import re
import socket
import threading
from datetime import UTC, datetime
from pathlib import Path

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class EmlFolderHandler:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self.lock = threading.Lock()
        self.count = len(list(self.folder.glob("*.eml")))

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
            recipient = re.sub(r"[^A-Za-z0-9@._-]", "_", envelope.rcpt_tos[0])[:60]
            path = self.folder / f"{self.count:04d}-{stamp}-{recipient}.eml"
            path.write_bytes(envelope.original_content or envelope.content)
        return "250 Message accepted for delivery"


class MailSink:
    """``with MailSink(folder) as sink:`` — SMTP on 127.0.0.1:``sink.port``."""

    def __init__(self, folder: Path, port: int | None = None) -> None:
        self.handler = EmlFolderHandler(folder)
        self.port = port or free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    def __enter__(self) -> MailSink:
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.controller.stop()

    @property
    def received(self) -> int:
        return self.handler.count

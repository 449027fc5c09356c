"""One SMTP conversation, step by step, so the outcome of a failure is known exactly.

``smtplib.sendmail`` hides where a failure happened. Here the DATA command and the
message content are sent separately: until the content is on the wire a failure means
"not delivered, try again"; after it, a lost reply means "the server may have it"
(uncertain), which must never be retried blindly.
"""

from __future__ import annotations

import re
import smtplib
import socket
import ssl
from dataclasses import dataclass, field

from monitor.config import Config

SENT, RETRY, FAILED, UNCERTAIN = "sent", "retry", "failed", "uncertain"
SERVER_WIDE_CODES = {421}  # "service not available": the next batch would fare no better


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    security: str
    username: str
    password: str = field(repr=False)
    timeout: float
    ca_file: str = ""

    @classmethod
    def from_config(cls, cfg: Config) -> SmtpSettings:
        smtp = cfg.smtp
        return cls(host=smtp.host, port=smtp.port, security=smtp.security,
                   username=smtp.username, password=cfg.smtp_password, timeout=smtp.timeout,
                   ca_file=smtp.ca_file)

    def scrub(self, text: str) -> str:
        """``text`` with the password masked, in case a server or library echoed it."""
        return text.replace(self.password, "********") if self.password else text


@dataclass(frozen=True)
class Outcome:
    state: str               # sent | retry | failed | uncertain
    detail: str
    stop_run: bool = False   # the server is unreachable or closing: try no more batches now


class _Refused(Exception):
    def __init__(self, stage: str, code: int, text: str) -> None:
        super().__init__(f"{stage}: {code} {text}")
        self.code = code


def _text(reply: bytes | str) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)


def _expect(stage: str, reply: tuple[int, bytes], wanted: int) -> None:
    code, text = reply
    if code != wanted:
        raise _Refused(stage, code, _text(text))


def _by_code(code: int, detail: str) -> Outcome:
    if 400 <= code < 500:
        return Outcome(RETRY, detail, stop_run=code in SERVER_WIDE_CODES)
    if 500 <= code < 600:
        return Outcome(FAILED, detail)
    return Outcome(RETRY, detail)  # not an SMTP answer at all: treat as transient


def _tls_context(settings: SmtpSettings) -> ssl.SSLContext:
    context = ssl.create_default_context()
    if settings.ca_file:
        context.load_verify_locations(settings.ca_file)
    return context


def _open(settings: SmtpSettings) -> smtplib.SMTP:
    # an explicit local name: the default asks DNS for our own FQDN, which can hang
    local = socket.gethostname() or "localhost"
    if settings.security == "ssl":
        return smtplib.SMTP_SSL(settings.host, settings.port, local_hostname=local,
                                timeout=settings.timeout, context=_tls_context(settings))
    return smtplib.SMTP(settings.host, settings.port, local_hostname=local,
                        timeout=settings.timeout)


def _greet(client: smtplib.SMTP) -> None:
    code, text = client.ehlo()
    if code != 250:
        _expect("HELO", client.helo(), 250)


def _prepare(message: bytes) -> bytes:
    """CRLF line ends, leading dots doubled, the end-of-data line appended (RFC 5321)."""
    lines = re.sub(rb"\r\n|\r|\n", b"\r\n", message)
    if not lines.endswith(b"\r\n"):
        lines += b"\r\n"
    return re.sub(rb"(?m)^\.", b"..", lines) + b".\r\n"


def _before_content(client: smtplib.SMTP, settings: SmtpSettings, sender: str,
                    recipient: str) -> None:
    _greet(client)
    if settings.security == "starttls":
        client.starttls(context=_tls_context(settings))
        _greet(client)
    if settings.username:
        client.login(settings.username, settings.password)
    _expect("MAIL FROM", client.mail(sender), 250)
    _expect("RCPT TO", client.rcpt(recipient), 250)
    client.putcmd("data")
    _expect("DATA", client.getreply(), 354)


def _converse(client: smtplib.SMTP, settings: SmtpSettings, sender: str, recipient: str,
              message: bytes) -> Outcome:
    try:
        _before_content(client, settings, sender, recipient)
        client.send(_prepare(message))  # raises before returning if any byte was not sent
    except _Refused as exc:
        return _by_code(exc.code, str(exc))
    except smtplib.SMTPNotSupportedError as exc:
        return Outcome(FAILED, f"the server does not offer this: {exc}")
    except smtplib.SMTPResponseException as exc:
        return _by_code(exc.smtp_code, f"{exc.smtp_code} {_text(exc.smtp_error)}")
    except (OSError, smtplib.SMTPException) as exc:
        return Outcome(RETRY, f"connection lost before the message was sent: {exc!r}",
                       stop_run=True)
    try:
        code, text = client.getreply()
    except (OSError, smtplib.SMTPException) as exc:
        return Outcome(UNCERTAIN, f"no answer after the message was sent: {exc!r}")
    if code == 250:
        return Outcome(SENT, f"{code} {_text(text)}")
    return _by_code(code, f"after the message: {code} {_text(text)}")


def deliver(settings: SmtpSettings, sender: str, recipient: str, message: bytes) -> Outcome:
    """Send ``message`` to exactly one envelope recipient; report what is known of the result."""
    try:
        client = _open(settings)
    except smtplib.SMTPResponseException as exc:
        outcome = _by_code(exc.smtp_code, f"greeting: {exc.smtp_code} {_text(exc.smtp_error)}")
        return Outcome(outcome.state, settings.scrub(outcome.detail), stop_run=True)
    except (OSError, smtplib.SMTPException) as exc:
        detail = f"cannot reach {settings.host}:{settings.port}: {exc!r}"
        return Outcome(RETRY, settings.scrub(detail), stop_run=True)
    outcome = _converse(client, settings, sender, recipient, message)
    try:
        if outcome.state == SENT:
            client.quit()
    except (OSError, smtplib.SMTPException):
        pass  # the message is accepted; a lost goodbye changes nothing
    finally:
        client.close()
    return Outcome(outcome.state, settings.scrub(outcome.detail), outcome.stop_run)

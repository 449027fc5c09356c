"""Deliver the outbox: form batches, send what is due, hold what is uncertain.

One attempt per batch per run, and the run stops at the first sign that the server is
unreachable, so a dead relay costs one connection attempt per run, not one per batch.
A batch is marked 'sending' (committed, synchronous=FULL) before the conversation
starts; see ``store.batches`` for what happens to it after a crash.
"""

from __future__ import annotations

import logging
import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from monitor.alerts import smtp
from monitor.alerts.compose import compose, sender_address
from monitor.alerts.schedule import aware, digest_due, iso
from monitor.config import Config
from store import batches as batch_store
from store import outbox

__all__ = ["SendReport", "digest_due", "pending_summary", "recover_after_crash", "send_due"]

log = logging.getLogger("vigil.mail")
CRASH_REASON = "the mailer stopped while sending; the server may or may not have this message"
STALE_REASON = "a send that began long ago never finished; the server may have this message"


@dataclass
class SendReport:
    formed: int = 0
    attempted: int = 0
    sent: int = 0
    retry: int = 0
    failed: int = 0
    uncertain: int = 0
    deferred: int = 0       # due, but not tried this run (server unreachable)
    digest_slot: str | None = None
    problems: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        digest = f", digest {self.digest_slot}" if self.digest_slot else ""
        return (f"{self.formed} batch(es) formed{digest}; {self.attempted} attempted: "
                f"{self.sent} sent, {self.retry} to retry, {self.failed} failed, "
                f"{self.uncertain} uncertain; {self.deferred} deferred")


def _stale_after(cfg: Config) -> timedelta:
    # a live conversation is a handful of socket operations, each bounded by the timeout
    return timedelta(seconds=max(600.0, 20 * cfg.smtp.timeout))


def recover_after_crash(staff_db) -> int:
    """At daemon start: every batch still 'sending' becomes 'uncertain'; return how many."""
    return batch_store.hold_sending(staff_db, CRASH_REASON)


def _retry_delay(cfg: Config, attempts: int) -> timedelta:
    seconds = cfg.alerts.retry_base * (2 ** max(attempts - 1, 0))
    return timedelta(seconds=min(seconds, cfg.alerts.retry_max))


def _record(staff_db, cfg: Config, batch: dict, outcome: smtp.Outcome,
            now: datetime) -> str:
    """Store the outcome of one attempt; return the state the batch ends in."""
    state, next_at, detail = outcome.state, None, outcome.detail
    if state == smtp.RETRY:
        # Time, not a count of attempts, ends the retries (as an MTA's queue lifetime
        # does): a relay down for a few hours must not cost an alert however often the
        # mailer looked in the meantime.
        lifetime = timedelta(hours=cfg.alerts.give_up_after_hours)
        if now - datetime.fromisoformat(batch["created_at"]) >= lifetime:
            state = smtp.FAILED
            detail = (f"gave up after {cfg.alerts.give_up_after_hours:g} h of temporary "
                      f"failures; last: {detail}")
        else:
            next_at = iso(now + _retry_delay(cfg, batch["attempts"] + 1))
    batch_store.finish_batch(staff_db, batch["id"], state, iso(now), error=detail,
                             next_attempt_at=next_at)
    return state


def _attempt(staff_db, cfg: Config, settings: smtp.SmtpSettings, batch: dict) -> smtp.Outcome:
    alerts = outbox.alerts_by_id(staff_db, batch_store.batch_alert_ids(staff_db, batch["id"]))
    try:
        message = compose(cfg, batch, alerts).as_bytes()
        sender = sender_address(cfg).addr_spec
    except Exception as exc:  # nothing went out; record why instead of leaving it 'sending'
        log.exception("batch %s could not be composed", batch["id"])
        return smtp.Outcome(smtp.FAILED, f"could not compose the message: {exc!r}")
    outcome = smtp.deliver(settings, sender, batch["email"], message)
    # servers quote the address in refusals; logs and reports name the recipient by number
    detail = re.sub(re.escape(batch["email"]), f"recipient #{batch['recipient_id']}",
                    outcome.detail, flags=re.IGNORECASE)
    return smtp.Outcome(outcome.state, detail, outcome.stop_run)


def _send_batches(staff_db, cfg: Config, now: datetime, report: SendReport) -> None:
    settings = smtp.SmtpSettings.from_config(cfg)
    due = batch_store.due_batches(staff_db, iso(now))
    for index, batch in enumerate(due):
        if not batch_store.claim_batch(staff_db, batch["id"], iso(now)):
            continue  # another mailer took it
        report.attempted += 1
        outcome = _attempt(staff_db, cfg, settings, batch)
        state = _record(staff_db, cfg, batch, outcome, now)
        setattr(report, state, getattr(report, state) + 1)
        if state != smtp.SENT:
            report.problems.append(f"batch {batch['id']}: {state}: {outcome.detail}")
            log.warning("mail batch %s %s: %s", batch["id"], state, outcome.detail)
        if outcome.stop_run:
            report.deferred = len(due) - index - 1
            break


def send_due(staff_db, cfg: Config, *, now: datetime | None = None,
             include_digest: bool = False) -> SendReport:
    """Form batches (urgent ones always; digests of the rest when ``include_digest``), then send
    every batch that is due. The digest slot due now, if any, is recorded with the batches."""
    now = aware(now, cfg)
    report = SendReport()
    stale = batch_store.hold_sending(staff_db, STALE_REASON,
                                     started_before=iso(now - _stale_after(cfg)), at=iso(now))
    if stale:
        report.problems.append(f"{stale} stale batch(es) held as uncertain")
    if include_digest:
        report.digest_slot = digest_due(staff_db, cfg, now) or f"manual {iso(now)}"
    domain = sender_address(cfg).domain
    formed = batch_store.form_batches(
        staff_db, include_digest=include_digest, digest_slot=report.digest_slot, at=iso(now),
        new_message_id=lambda: make_message_id(domain))
    report.formed = len(formed)
    _send_batches(staff_db, cfg, now, report)
    return report


def make_message_id(domain: str) -> str:
    """A Message-ID that no other message will have; fixed per batch when it is formed."""
    return f"<vigil.{uuid.uuid4().hex}@{domain}>"


def pending_summary(staff_db) -> dict:
    """Queue figures for `vigil status` and `vigil alerts list`."""
    deliveries = outbox.delivery_counts(staff_db)
    batches = batch_store.batch_counts(staff_db)
    last = batch_store.last_digest(staff_db)
    return {"alerts": outbox.alert_count(staff_db),
            "queued": deliveries["pending"] + deliveries["batched"],
            "pending_deliveries": deliveries["pending"],
            "batches_waiting": batches["ready"] + batches["retry"],
            "sending": batches["sending"], "uncertain": batches["uncertain"],
            "failed": batches["failed"], "sent": batches["sent"],
            "last_digest": last["slot"] if last else None,
            "last_digest_at": last["ran_at"] if last else None}

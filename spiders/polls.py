"""Per-source bookkeeping of one crawl: counts, entries seen, the error if any."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from store import sources as source_store

COUNTED = ("new", "updated", "unchanged", "duplicate", "failed")


@dataclass
class Poll:
    source_id: str
    poll_id: int
    counts: Counter = field(default_factory=Counter)
    entries: int | None = None
    error: str | None = None

    @property
    def outcome(self) -> str:
        return "failed" if self.error else "ok"

    def summary(self) -> dict:
        return {"source": self.source_id, "outcome": self.outcome, "entries": self.entries,
                "error": self.error, **{k: self.counts.get(k, 0) for k in COUNTED}}


class PollTracker:
    """Opens a poll row per source at start and closes it with the outcome."""

    def __init__(self, db) -> None:
        self.db = db
        self.polls: dict[str, Poll] = {}

    def open(self, source_id: str) -> Poll:
        poll = Poll(source_id, source_store.start_poll(self.db, source_id))
        self.polls[source_id] = poll
        return poll

    def count(self, source_id: str, status: str, n: int = 1) -> None:
        self.polls[source_id].counts[status] += n

    def add_entries(self, source_id: str, n: int) -> None:
        poll = self.polls[source_id]
        poll.entries = (poll.entries or 0) + n

    def fail(self, source_id: str, error: str) -> None:
        poll = self.polls[source_id]
        poll.error = poll.error or error

    def close_all(self) -> list[dict]:
        summaries = []
        for poll in self.polls.values():
            counts = dict(poll.counts)
            counts["unchanged"] = counts.get("unchanged", 0) + counts.get("duplicate", 0)
            source_store.finish_poll(self.db, poll.poll_id, poll.source_id, outcome=poll.outcome,
                                     entries=poll.entries, counts=counts, error=poll.error)
            summaries.append(poll.summary())
        return summaries


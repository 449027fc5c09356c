"""Source health after each poll: raise a staff alert when a source keeps failing or
its feed suddenly goes empty, and a notice when it recovers (once per episode)."""

from __future__ import annotations

from monitor.config import Config
from store import sources as source_store

FAILING, EMPTY, RECOVERED = "failing", "empty", "recovered"


def assess(source: dict, cfg: Config) -> tuple[str, str] | None:
    """The health state a source's row shows now, with a human explanation."""
    failures = source.get("consecutive_failures") or 0
    if failures >= cfg.alerts.health_failures:
        return FAILING, f"{failures} polls in a row failed; last error: {source.get('last_error')}"
    peak = source.get("peak_entry_count") or 0
    if source.get("last_entry_count") == 0 and peak >= cfg.daemon.empty_feed_after:
        return EMPTY, f"the source listed no entries this time, after up to {peak} before"
    return None


def check_source(corpus, staff, cfg: Config, source_id: str) -> str | None:
    """Assess one source after a poll and enqueue the matching alert; return the state."""
    from monitor.alerts.enqueue import enqueue_health

    source = source_store.get_source(corpus, source_id)
    if source is None:
        return None
    verdict = assess(source, cfg)
    if verdict:
        state, detail = verdict
        enqueue_health(staff, cfg, source, state, detail)
        return state
    if source.get("health") == "ok" and source.get("last_success_at"):
        enqueue_health(staff, cfg, source, RECOVERED, "the source answers normally again")
    return None

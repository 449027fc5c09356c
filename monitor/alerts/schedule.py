"""Digest slots: which configured time is due, in the configured time zone.

A slot is named by its local date and time ('2026-11-22T08:00'). The slot due at a
moment is the latest configured time at or before it (today or yesterday) that is not
yet in ``digest_runs``. Slots missed while the daemon was down are not replayed one by
one: the latest missed slot sends everything still pending.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from monitor.config import Config, ConfigError
from store import batches as batch_store


def zone(cfg: Config) -> tzinfo | None:
    """The zone of ``[alerts] digest_times``; None means the system's local time."""
    name = cfg.alerts.timezone
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"[alerts] timezone: unknown time zone {name!r}") from None


def aware(moment: datetime | None, cfg: Config) -> datetime:
    """``moment`` (default: now) with a time zone; a naive value is taken as local time."""
    if moment is None:
        return datetime.now(UTC)
    if moment.tzinfo is None:
        return moment.replace(tzinfo=zone(cfg)) if zone(cfg) else moment.astimezone()
    return moment


def iso(moment: datetime) -> str:
    """The store's timestamp form: UTC, second precision."""
    return moment.astimezone(UTC).replace(microsecond=0).isoformat()


def digest_times(cfg: Config) -> list[time]:
    found = []
    for value in cfg.alerts.digest_times:
        try:
            hour, minute = (int(part) for part in str(value).split(":"))
            found.append(time(hour, minute))
        except ValueError:
            raise ConfigError(f"[alerts] digest_times: {value!r} is not HH:MM") from None
    return found


def latest_slot(cfg: Config, moment: datetime) -> str | None:
    """The latest configured digest time at or before ``moment``, as a slot name."""
    tz = zone(cfg)
    local = moment.astimezone(tz) if tz else moment.astimezone()
    candidates = []
    for day in (local.date(), local.date() - timedelta(days=1)):
        for at in digest_times(cfg):
            slot = datetime.combine(day, at, tzinfo=local.tzinfo if tz is None else tz)
            if slot <= local:
                candidates.append(slot)
    return max(candidates).strftime("%Y-%m-%dT%H:%M") if candidates else None


def digest_due(staff_db, cfg: Config, now: datetime | None) -> str | None:
    """The digest slot that is due and not yet recorded, or None."""
    slot = latest_slot(cfg, aware(now, cfg))
    if slot is None or batch_store.digest_recorded(staff_db, slot):
        return None
    return slot

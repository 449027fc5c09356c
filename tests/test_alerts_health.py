"""Source-health alerts: once per episode, one recovery notice, routed to 'all'/'health'."""

from __future__ import annotations

import pytest
from alerts_kit import SOURCE, make_config

import store
from monitor import recipients
from monitor.alerts.enqueue import enqueue_health
from store import outbox

FAILING_SOURCE = {**SOURCE, "consecutive_failures": 3, "last_error": "HTTP 503"}


@pytest.fixture
def env(tmp_path):
    staff = store.open_staff(tmp_path / "staff.db")
    recipients.add(staff, "everything@example.org")
    recipients.add(staff, "ops@example.org", kinds=["health"])
    recipients.add(staff, "people@example.org", persons=["964"])
    recipients.add(staff, "urgent@example.org", urgent_only=True)
    yield make_config(tmp_path), staff
    staff.close()


def health_alerts(staff) -> list[dict]:
    return [a for a in reversed(outbox.list_alerts(staff)) if a["kind"] == "health"]


def test_failing_source_alerts_once_per_episode_and_recovers_once(env):
    cfg, staff = env
    assert enqueue_health(staff, cfg, FAILING_SOURCE, "failing", "3 polls failed") is True
    # the daemon asks after every poll: the open episode is not reported again
    assert enqueue_health(staff, cfg, FAILING_SOURCE, "failing", "4 polls failed") is False
    assert enqueue_health(staff, cfg, SOURCE, "recovered", "answers again") is True
    assert enqueue_health(staff, cfg, SOURCE, "recovered", "answers again") is False

    first, recovery = health_alerts(staff)
    assert first["payload"]["state"] == "failing"
    assert first["payload"]["detail"] == "3 polls failed"
    assert first["payload"]["source"]["name"] == "Viasna (English)"
    assert recovery["dedupe_key"] == first["dedupe_key"] + ":recovered"
    assert recovery["payload"]["problem"] == "failing"
    assert recovery["payload"]["since"] == first["payload"]["since"]


def test_a_new_episode_after_recovery_alerts_again(env, monkeypatch):
    cfg, staff = env
    moments = iter(["2026-11-20T10:00:00+00:00", "2026-11-20T12:00:00+00:00",
                    "2026-11-21T09:00:00+00:00", "2026-11-21T10:00:00+00:00"])
    monkeypatch.setattr("monitor.alerts.health.now", lambda: next(moments))
    assert enqueue_health(staff, cfg, FAILING_SOURCE, "failing", "down")
    assert enqueue_health(staff, cfg, SOURCE, "recovered", "up")
    assert enqueue_health(staff, cfg, FAILING_SOURCE, "failing", "down again")
    keys = [a["dedupe_key"] for a in health_alerts(staff)]
    assert keys == ["health:viasna-en:failing:2026-11-20T10:00:00+00:00",
                    "health:viasna-en:failing:2026-11-20T10:00:00+00:00:recovered",
                    "health:viasna-en:failing:2026-11-21T09:00:00+00:00"]


def test_recovery_without_a_problem_says_nothing(env):
    cfg, staff = env
    assert enqueue_health(staff, cfg, SOURCE, "recovered", "fine") is False
    assert outbox.alert_count(staff) == 0


def test_empty_feed_is_its_own_episode(env):
    cfg, staff = env
    assert enqueue_health(staff, cfg, SOURCE, "empty", "no entries after 40")
    assert not enqueue_health(staff, cfg, SOURCE, "empty", "no entries after 40")
    assert enqueue_health(staff, cfg, FAILING_SOURCE, "failing", "and now it fails")
    assert enqueue_health(staff, cfg, SOURCE, "recovered", "all good")
    states = [(a["payload"]["state"], a["payload"].get("problem")) for a in health_alerts(staff)]
    assert sorted(states, key=str) == sorted(
        [("empty", None), ("failing", None), ("recovered", "empty"), ("recovered", "failing")],
        key=str)


def test_health_goes_to_everything_and_health_subscribers_only(env):
    cfg, staff = env
    enqueue_health(staff, cfg, FAILING_SOURCE, "failing", "down")
    alert = health_alerts(staff)[0]
    got = {r["email"] for r in recipients.list_all(staff)
           if alert["id"] in {a["id"] for a in outbox.pending_alerts(staff, r["id"])}}
    assert got == {"everything@example.org", "ops@example.org"}
    assert alert["urgent"] == 0


def test_health_urgent_setting(tmp_path):
    staff = store.open_staff(tmp_path / "staff.db")
    recipients.add(staff, "urgent@example.org", urgent_only=True)
    cfg = make_config(tmp_path, vigil_alerts_health_urgent="true")
    enqueue_health(staff, cfg, FAILING_SOURCE, "failing", "down")
    assert outbox.delivery_counts(staff)["pending"] == 1
    staff.close()


def test_unknown_state_is_refused(env):
    cfg, staff = env
    with pytest.raises(ValueError):
        enqueue_health(staff, cfg, SOURCE, "sleepy", "?")

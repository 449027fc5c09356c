"""Alert rows from stored analyses: kinds, urgency, payloads, dedupe, deliveries."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from alerts_kit import TEXT, add_article, add_candidate, analyse, make_config, mention, open_corpus

import store
from monitor import recipients
from monitor.alerts.enqueue import enqueue_for_article
from store import articles as article_store
from store import outbox


@pytest.fixture
def env(tmp_path):
    corpus = open_corpus(tmp_path)
    staff = store.open_staff(tmp_path / "staff.db")
    cfg = make_config(tmp_path)
    recipients.add(staff, "desk@example.org")
    yield cfg, corpus, staff
    corpus.close()
    staff.close()


def alerts_of(staff) -> dict[str, dict]:
    return {a["dedupe_key"]: a for a in outbox.list_alerts(staff)}


def test_mention_alert_carries_everything_an_email_needs(env):
    cfg, corpus, staff = env
    article_id = add_article(corpus, published="2026-11-20T09:30:00+00:00")
    analyse(corpus, article_id, mentions=[mention(TEXT, 964, "Ales Bialiatski")])

    assert enqueue_for_article(corpus, staff, cfg, article_id) == 1

    alert = alerts_of(staff)[f"mention:{article_id}:964"]
    payload = alert["payload"]
    assert (alert["kind"], alert["urgent"], alert["prisoner_id"], alert["source_id"]) == \
        ("mention", 0, 964, "viasna-en")
    assert payload["person"] == {"id": 964, "name": "Ales Bialiatski", "status": "former"}
    assert payload["article"]["title"] == "Founder moved again"
    assert payload["article"]["source_name"] == "Viasna (English)"
    assert payload["article"]["url"] == "https://spring96.org/en/news/120001"
    assert payload["article"]["published"].startswith("2026-11-20")
    # the analyser gave no sentence: the alert finds it in the text, and the name in it
    assert payload["sentence"] == ("According to relatives, Ales Bialiatski has not been "
                                   "allowed to write letters since spring.")
    start, end = payload["mark"]
    assert payload["sentence"][start:end] == "Ales Bialiatski"
    assert alert["deliveries"] == {"pending": 1}


def test_mark_uses_the_mention_offset_when_the_name_occurs_twice(env):
    cfg, corpus, staff = env
    text = "Ales wrote to Ales Bialiatski, and Ales Bialiatski answered him."
    article_id = add_article(corpus, text=text)
    sentence = text
    analyse(corpus, article_id, mentions=[
        mention(text, 964, "Ales Bialiatski", sentence=sentence, occurrence=1)])
    enqueue_for_article(corpus, staff, cfg, article_id)
    payload = alerts_of(staff)[f"mention:{article_id}:964"]["payload"]
    assert payload["mark"] == [text.rindex("Ales Bialiatski"), text.rindex("Ales Bialiatski") + 15]


def test_enqueue_twice_adds_nothing(env):
    cfg, corpus, staff = env
    article_id = add_article(corpus)
    analyse(corpus, article_id, mentions=[mention(TEXT, 964, "Ales Bialiatski")])
    assert enqueue_for_article(corpus, staff, cfg, article_id) == 1
    assert enqueue_for_article(corpus, staff, cfg, article_id) == 0
    assert outbox.alert_count(staff) == 1
    assert outbox.delivery_counts(staff)["pending"] == 1


def test_edited_article_does_not_alert_twice_but_a_new_event_does(env):
    cfg, corpus, staff = env
    article_id = add_article(corpus)
    analyse(corpus, article_id, mentions=[mention(TEXT, 964, "Ales Bialiatski")])
    enqueue_for_article(corpus, staff, cfg, article_id)

    edited = TEXT + " On Friday Ales Bialiatski was released and left the country."
    assert add_article(corpus, text=edited) == article_id  # same URL: a new version
    assert article_store.get_article(corpus, article_id)["version"] == 2
    analyse(corpus, article_id,
            mentions=[mention(edited, 964, "Ales Bialiatski"),
                      mention(edited, 964, "Ales Bialiatski", occurrence=1)],
            events=[{"prisoner_id": 964, "type": "released", "term": None,
                     "evidence": "On Friday Ales Bialiatski was released and left the country."}])

    assert enqueue_for_article(corpus, staff, cfg, article_id) == 1
    keys = set(alerts_of(staff))
    assert keys == {f"mention:{article_id}:964", f"event:{article_id}:964:released"}
    event = alerts_of(staff)[f"event:{article_id}:964:released"]
    assert event["urgent"] == 1
    assert event["payload"]["event"] == {"type": "released", "term": None}
    start, end = event["payload"]["mark"]
    assert event["payload"]["sentence"][start:end] == "Ales Bialiatski"


def test_low_confidence_mentions_are_skipped_unless_promoted(env):
    cfg, corpus, staff = env
    text = "Kalesnikava and Poczobut were named. Later Andrzej Poczobut spoke."
    article_id = add_article(corpus, text=text)
    analyse(corpus, article_id, mentions=[
        mention(text, 215, "Kalesnikava", confidence="low", rule="surname-only"),
        mention(text, 425, "Poczobut", confidence="high", rule="surname-promoted"),
        mention(text, 425, "Andrzej Poczobut")])
    enqueue_for_article(corpus, staff, cfg, article_id)
    assert set(alerts_of(staff)) == {f"mention:{article_id}:425"}


def test_urgency_rules(env):
    cfg, corpus, staff = env
    text = "Maryia Kalesnikava was moved to another colony. Andrzej Poczobut was sentenced."
    article_id = add_article(corpus, text=text)
    analyse(corpus, article_id,
            mentions=[mention(text, 215, "Maryia Kalesnikava"), mention(text, 425, "Andrzej Poczobut")],
            events=[{"prisoner_id": 215, "type": "transferred", "term": None, "evidence": None},
                    {"prisoner_id": 425, "type": "sentenced", "term": "8 years",
                     "evidence": "Andrzej Poczobut was sentenced."}],
            un_document={"kind": "wgad_opinion", "symbol": "A/HRC/WGAD/2026/9", "number": "9/2026",
                          "year": 2026, "concerning": "Andrzej Poczobut", "persons": [425, 964]})
    novik = add_candidate(staff, name="Ihar Novik", article_id=article_id, score=0.92,
                          sentence="Ihar Novik was detained in Hrodna.")
    lis = add_candidate(staff, name="Pavel Lis", article_id=article_id, score=0.4,
                        sentence="Pavel Lis was questioned.")
    add_candidate(staff, name="Old Case", article_id=article_id, score=0.99,
                  sentence="Old Case is known.", status="rejected")

    assert enqueue_for_article(corpus, staff, cfg, article_id) == 7
    urgent = {key: bool(a["urgent"]) for key, a in alerts_of(staff).items()}
    assert urgent == {
        f"mention:{article_id}:215": False, f"mention:{article_id}:425": False,
        f"event:{article_id}:215:transferred": False, f"event:{article_id}:425:sentenced": True,
        f"un_document:{article_id}": True,
        f"candidate:{article_id}:{novik}": True, f"candidate:{article_id}:{lis}": False}
    un = alerts_of(staff)[f"un_document:{article_id}"]["payload"]
    # Bialiatski is not named in the text: his name comes from the prisoner list
    assert [p["name"] for p in un["persons"]] == ["Andrzej Poczobut", "Ales Bialiatski"]
    assert un["un_document"]["symbol"] == "A/HRC/WGAD/2026/9"
    candidate = alerts_of(staff)[f"candidate:{article_id}:{novik}"]["payload"]
    assert candidate["sentence"][slice(*candidate["mark"])] == "Ihar Novik"


def test_un_document_without_listed_person_is_not_urgent(env):
    cfg, corpus, staff = env
    article_id = add_article(corpus, text="The Working Group adopted an opinion on Belarus.")
    analyse(corpus, article_id, un_document={"kind": "wgad_opinion", "symbol": "A/HRC/WGAD/2026/3",
                                             "persons": []})
    enqueue_for_article(corpus, staff, cfg, article_id)
    assert alerts_of(staff)[f"un_document:{article_id}"]["urgent"] == 0


def test_deliveries_follow_subscriptions(env):
    cfg, corpus, staff = env
    recipients.add(staff, "kalesnikava-desk@example.org", persons=["215"])
    recipients.add(staff, "other-source@example.org", sources=["salidarnast"])
    recipients.add(staff, "urgent@example.org", urgent_only=True)
    recipients.add(staff, "events-on-425@example.org", persons=["425"], kinds=["event"])
    text = "Maryia Kalesnikava and Andrzej Poczobut were sentenced."
    article_id = add_article(corpus, text=text)
    analyse(corpus, article_id,
            mentions=[mention(text, 215, "Maryia Kalesnikava"), mention(text, 425, "Andrzej Poczobut")],
            events=[{"prisoner_id": 425, "type": "sentenced", "term": None, "evidence": text}])
    enqueue_for_article(corpus, staff, cfg, article_id)

    got = {r["email"]: {a["dedupe_key"] for a in outbox.pending_alerts(staff, r["id"])}
           for r in recipients.list_all(staff)}
    assert got == {
        "other-source@example.org": set(),
        "desk@example.org": {f"mention:{article_id}:215", f"mention:{article_id}:425",
                             f"event:{article_id}:425:sentenced"},
        "kalesnikava-desk@example.org": {f"mention:{article_id}:215"},
        "urgent@example.org": {f"event:{article_id}:425:sentenced"},
        "events-on-425@example.org": {f"event:{article_id}:425:sentenced"},
    }


def test_missing_article_queues_nothing(env):
    cfg, corpus, staff = env
    assert enqueue_for_article(corpus, staff, cfg, 4242) == 0
    assert outbox.alert_count(staff) == 0


RELEASE = {"prisoner_id": 964, "type": "released", "term": None,
           "evidence": "On Friday Ales Bialiatski was released and left the country."}


def _released_article(corpus, **article):
    text = TEXT + " " + RELEASE["evidence"]
    article_id = add_article(corpus, text=text, **article)
    analyse(corpus, article_id, mentions=[mention(text, 964, "Ales Bialiatski")],
            events=[RELEASE])
    return article_id


def test_a_sources_back_catalogue_is_never_urgent(tmp_path):
    corpus = open_corpus(tmp_path, polled_before=False)  # this is the source's first poll
    staff = store.open_staff(tmp_path / "staff.db")
    cfg = make_config(tmp_path)
    article_id = _released_article(corpus)
    enqueue_for_article(corpus, staff, cfg, article_id)
    event = alerts_of(staff)[f"event:{article_id}:964:released"]
    assert event["urgent"] == 0, "old news found when a source is first polled goes to the digest"


@pytest.mark.parametrize("limit, age_days, urgent", [(30, 2, 1), (30, 400, 0), (0, 400, 1)])
def test_urgency_ends_with_the_age_limit(tmp_path, limit, age_days, urgent):
    corpus = open_corpus(tmp_path)
    staff = store.open_staff(tmp_path / "staff.db")
    cfg = make_config(tmp_path, vigil_alerts_urgent_max_age_days=limit)
    published = (datetime.now(UTC) - timedelta(days=age_days)).isoformat()
    article_id = _released_article(corpus, published=published)
    enqueue_for_article(corpus, staff, cfg, article_id)
    assert alerts_of(staff)[f"event:{article_id}:964:released"]["urgent"] == urgent


@pytest.mark.parametrize("evidence, published, urgent", [
    ("On Friday Ales Bialiatski was released and left the country.", "2026-11-20", True),
    ("Напомним, Алеся Беляцкого освободили в 2025 году.", "2026-11-20", False),
    ("On 3 March 2023 Ales Bialiatski was sentenced to 10 years.", "2024-07-18", False),
    ("On 3 March 2023 Ales Bialiatski was sentenced to 10 years.", "2023-03-03", True),
])
def test_an_event_told_as_background_is_not_urgent(evidence, published, urgent):
    from monitor.alerts.build import is_recap

    assert is_recap(evidence, published) is not urgent

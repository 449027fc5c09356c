"""Who may see and do what: the public instance vs the staff instance, anonymous vs staff."""

from __future__ import annotations

import re

import pytest
from datasette_auth_passwords.utils import hash_password
from datasette_fixtures import (
    CANARY_CANDIDATE,
    CANARY_EMAIL,
    OTHER_CANDIDATE,
    Client,
    build,
    datasette_for,
)

import store
from monitor import candidates as candidate_domain
from monitor.serve import load_metadata
from store import candidates, prisoners

STAFF = {"id": "staff"}
PASSWORD = "a long staff password"
PASSWORD_HASH = hash_password(PASSWORD)
RECURSIVE = ("with recursive c(x) as (select 1 union all select x + 1 from c) "
             "select count(*) from c")
PUBLIC_REFUSED = {
    "/corpus?sql=select+1": 403,
    "/corpus.json?sql=select+*+from+pragma_database_list": 403,
    "/corpus.json?sql=select+name+from+sqlite_master": 403,
    "/corpus/articles.json?_where=1=1": 403,
    "/corpus.db": 403,
    "/staff": 404,
    "/staff.json": 404,
    "/staff/candidates": 404,
    "/staff/candidates.json": 404,
    "/staff.db": 404,
    "/staff/review_queue": 404,
    "/_memory.json?sql=select+1": 404,
    "/_internal": 403,
    "/-/permissions": 403,
}
STAFF_ONLY = [
    "/", "/staff", "/staff.json", "/staff/candidates", "/staff/candidates.json",
    "/staff/recipients.json", "/staff/review_queue.json", "/corpus", "/corpus/articles.json",
    "/corpus.json?sql=select+1", "/staff.json?sql=select+*+from+recipients",
    "/-/metadata.json", "/-/databases.json", "/-/plugins.json", "/staff.db",
    "/corpus/articles_fts", "/corpus/articles_trigram_data.json", "/-/dashboards/staff-review",
]


@pytest.fixture(scope="module")
def fixture(tmp_path_factory):
    return build(tmp_path_factory.mktemp("permissions") / "home")


def make_client(fixture, *, staff: bool, actor=None, **env) -> Client:
    env.setdefault("VIGIL_STAFF_PASSWORD_HASH", PASSWORD_HASH)
    return Client(datasette_for(fixture.home, staff=staff, **env), actor)


@pytest.fixture
def public(fixture):
    client = make_client(fixture, staff=False)
    yield client
    client.close()


@pytest.fixture
def anonymous(fixture):
    client = make_client(fixture, staff=True)
    yield client
    client.close()


@pytest.fixture
def staff(fixture):
    client = make_client(fixture, staff=True, actor=STAFF)
    yield client
    client.close()


@pytest.fixture
def fresh(tmp_path):
    """A fixture of its own, for tests that change staff.db."""
    return build(tmp_path / "home")


def candidate(fixture, name: str) -> dict:
    db = store.open_staff(fixture.staff_path)
    try:
        return candidates.get_candidate(db, fixture.candidate_ids[name])
    finally:
        db.conn.close()


def refused(response) -> bool:
    """Refused outright, or sent to the login form."""
    if response.status_code == 302:
        return response.headers["location"].endswith("/-/login")
    return response.status_code == 403


# ------------------------------------------------------------------ public instance

def test_public_instance_does_not_attach_staff_db(public):
    assert set(public.ds.databases) == {"corpus", "_internal"}
    assert all("staff" not in str(db.path or "") for db in public.ds.databases.values())
    listed = public.get("/-/databases.json").json()
    assert [db["name"] for db in listed] == ["corpus"]
    assert all(db["is_mutable"] for db in listed)


def test_public_instance_refuses_sql_downloads_and_staff_paths(public):
    for path, status in PUBLIC_REFUSED.items():
        response = public.get(path)
        assert response.status_code == status, (path, response.status_code)


def test_public_instance_serves_tables_fts_and_canned_queries(public):
    for path in ("/", "/corpus", "/corpus/articles", "/corpus/articles_fts",
                 "/corpus/articles_trigram_data", "/corpus/prisoners", "/corpus/person?id=964",
                 "/corpus/source_health"):
        assert public.get(path).status_code == 200, path


def test_public_pages_reveal_nothing_of_staff_db(public):
    paths = ["/", "/corpus", "/corpus.json", "/-/metadata.json", "/-/databases.json",
             "/-/plugins.json", "/-/settings.json", "/-/versions.json", "/-/actor.json",
             "/-/threads.json", "/corpus/articles.json?_size=max"]
    tables = public.get("/corpus.json").json()["tables"]
    paths += [f"/corpus/{t['name']}.json?_size=max" for t in tables]
    for path in paths:
        body = public.get(path).text
        for secret in (CANARY_EMAIL, CANARY_CANDIDATE, "candidates", "recipients",
                       "staff.db", PASSWORD_HASH):
            assert secret not in body, (path, secret)


def test_the_staff_password_opens_nothing_on_the_public_instance(public):
    token = public.csrf_token("/-/login")
    response = public.post("/-/login", data={"username": "staff", "password": PASSWORD,
                                             "csrftoken": token})
    assert response.status_code == 200 and "ds_actor" not in response.cookies
    assert "Invalid username or password" in response.text


def test_public_metadata_has_no_staff_section(public):
    meta = public.get("/-/metadata.json").json()
    assert set(meta["databases"]) == {"corpus"}
    assert meta["allow_sql"] is False


# ------------------------------------------------------------------- staff instance

def test_staff_instance_refuses_anonymous_visitors(anonymous):
    for path in STAFF_ONLY:
        response = anonymous.get(path)
        assert refused(response), (path, response.status_code)
        assert CANARY_EMAIL not in response.text and CANARY_CANDIDATE not in response.text
    assert anonymous.get("/").headers["location"] == "/-/login"
    assert anonymous.get("/staff/candidates.json").status_code == 403  # APIs get no redirect
    assert anonymous.get("/-/login").status_code == 200


def test_staff_sees_staff_db_and_may_run_sql(staff):
    assert CANARY_CANDIDATE in staff.get("/staff/candidates").text
    rows = staff.get("/staff.json?sql=select+count(*)+as+n+from+candidates&_shape=array").json()
    assert rows == [{"n": 2}]
    attached = staff.rows("/corpus?sql=select+name+from+pragma_database_list")
    assert [r["name"] for r in attached] == ["main"]  # each database has its own connection
    assert staff.get("/staff.db").status_code == 403  # live files are never downloaded


def test_staff_dashboard_and_its_chart_queries_work(staff, fixture):
    assert staff.get("/-/dashboards/staff-review?source=viasna-en").status_code == 200
    board = load_metadata()["plugins"]["datasette-dashboards"]["staff-review"]
    results = {}
    for slug, chart in board["charts"].items():
        sql = chart["query"].replace("[[", "").replace("]]", "")
        response = staff.get(f"/{chart['db']}.json",
                             params={"sql": sql, "source": "viasna-en", "_shape": "array"})
        assert response.status_code == 200, (slug, response.text[:300])
        results[slug] = response.json()
    assert results["candidates-status"] == [{"status": "new", "candidates": 2}]
    assert sum(r["articles"] for r in results["articles-day"]) == 4  # viasna-en's articles


def test_staff_metadata_never_shows_the_password_hash(staff):
    for path in ("/-/metadata.json", "/-/plugins.json", "/-/settings.json", "/"):
        response = staff.get(path)
        assert response.status_code == 200, path
        assert PASSWORD_HASH not in response.text
        assert PASSWORD_HASH.split("$")[-1] not in response.text


def test_login_with_the_password_from_the_environment(anonymous):
    token = anonymous.csrf_token("/-/login")
    wrong = anonymous.post("/-/login", data={"username": "staff", "password": "not it",
                                             "csrftoken": token})
    assert wrong.status_code == 200 and "Invalid username or password" in wrong.text
    good = anonymous.post("/-/login", data={"username": "staff", "password": PASSWORD,
                                            "csrftoken": token})
    assert good.status_code == 302
    anonymous.cookies["ds_actor"] = good.cookies["ds_actor"]
    assert CANARY_CANDIDATE in anonymous.get("/staff/candidates").text


def decide(client: Client, query: str, candidate_id: int, note: str = ""):
    token = client.csrf_token(f"/staff/{query}")
    return client.post(f"/staff/{query}", data={"id": str(candidate_id), "note": note,
                                                "csrftoken": token})


def test_staff_confirm_and_dismiss_candidates(fresh):
    staff = make_client(fresh, staff=True, actor=STAFF)
    other, canary = fresh.candidate_ids[OTHER_CANDIDATE], fresh.candidate_ids[CANARY_CANDIDATE]
    try:
        response = decide(staff, "confirm_candidate", other, "seen in two sources")
        assert response.status_code == 302
        row = candidate(fresh, OTHER_CANDIDATE)
        assert (row["status"], row["decided_by"], row["note"]) == (
            "confirmed", "staff", "seen in two sources")
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", row["decided_at"])
        decide(staff, "dismiss_candidate", canary)
        assert candidate(fresh, CANARY_CANDIDATE)["status"] == "dismissed"
        decide(staff, "dismiss_candidate", other)  # a confirmed person is not silently dropped
        decide(staff, "confirm_candidate", canary)  # nor is a dismissed one revived here
        assert candidate(fresh, OTHER_CANDIDATE)["status"] == "confirmed"
        assert candidate(fresh, CANARY_CANDIDATE)["status"] == "dismissed"
        assert staff.rows("/staff/review_queue") == []
    finally:
        staff.close()


def test_a_confirmation_made_in_datasette_reaches_the_public_list(fresh):
    staff = make_client(fresh, staff=True, actor=STAFF)
    other = fresh.candidate_ids[OTHER_CANDIDATE]
    try:
        decide(staff, "confirm_candidate", other)
    finally:
        staff.close()
    staff_db, corpus_db = store.open_staff(fresh.staff_path), store.open_corpus(fresh.corpus_path)
    try:
        assert candidate_domain.sync_confirmed(staff_db, corpus_db) == 1  # the daemon's step
        added = prisoners.get_prisoner(corpus_db, candidate_domain.WATCH_ID_BASE + other)
    finally:
        staff_db.conn.close()
        corpus_db.conn.close()
    assert (added["name"], added["origin"]) == (OTHER_CANDIDATE, "staff")
    public = make_client(fresh, staff=False)
    try:
        rows = public.rows(f"/corpus/person?id={added['id']}")
        assert rows[0]["what"] == "on the list" and OTHER_CANDIDATE in rows[0]["detail"]
        assert CANARY_CANDIDATE not in public.get("/corpus/prisoners.json?_size=max").text
    finally:
        public.close()


def test_anonymous_cannot_run_writable_queries(anonymous, public, fixture):
    target = fixture.candidate_ids[OTHER_CANDIDATE]
    before = candidate(fixture, OTHER_CANDIDATE)
    for client in (anonymous, public):
        for query in ("confirm_candidate", "dismiss_candidate"):
            response = client.post(f"/staff/{query}", data={"id": str(target), "note": "x"})
            assert response.status_code in (403, 404), (query, response.status_code)
    assert candidate(fixture, OTHER_CANDIDATE) == before


def test_runaway_query_is_cut_off_by_the_time_limit(fixture):
    client = make_client(fixture, staff=True, actor=STAFF, VIGIL_SERVE_SQL_TIME_LIMIT_MS="200")
    try:
        assert client.ds.setting("sql_time_limit_ms") == 200
        response = client.get("/corpus.json", params={"sql": RECURSIVE})
        assert response.status_code == 400
        assert "too long" in response.json()["error"]
        assert client.get("/corpus/source_health.json").status_code == 200
    finally:
        client.close()


def test_staff_instance_needs_a_valid_password_hash(fixture):
    from monitor.config import ConfigError

    with pytest.raises(ConfigError, match="VIGIL_STAFF_PASSWORD_HASH is not set"):
        datasette_for(fixture.home, staff=True, VIGIL_STAFF_PASSWORD_HASH="")
    with pytest.raises(ConfigError, match="not a password hash"):
        datasette_for(fixture.home, staff=True, VIGIL_STAFF_PASSWORD_HASH="hunter2")

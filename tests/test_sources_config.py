"""sources.toml and vigil.toml: loading, validation, clear errors naming the field."""

from __future__ import annotations

import tomllib

import pytest

from monitor.config import ConfigError, environment_variables, load
from spiders.sources import SourceError, load_sources, parse_sources

MINIMAL = """
[[source]]
id = "viasna-en"
name = "Viasna (English)"
org = "ngo"
languages = ["en"]
kind = "feed"
url = "https://spring96.org/en/rss"
allowed_domains = ["spring96.org"]
interval_minutes = 30
"""


def test_bundled_sources_cover_the_required_organisations():
    sources = {s.id: s for s in load_sources()}
    for required in ("viasna-en", "viasna-ru", "viasna-be", "salidarnast", "bkdp",
                     "tsikhanouskaya", "ohchr-press", "ohchr-wgad", "un-news-en", "baj",
                     "pen-belarus"):
        assert required in sources, required
    assert {s.org for s in sources.values()} >= {"ngo", "union", "exile-office", "un"}
    assert {s.kind for s in sources.values()} == {"feed", "listing", "sitemap"}
    assert all(s.note for s in sources.values()), "every real source says it is unverified"


def test_minimal_entry_from_the_issue_is_valid():
    (source,) = parse_sources(tomllib.loads(MINIMAL), "test")
    assert source.url == "https://spring96.org/en/rss"
    assert source.enabled and source.interval_minutes == 30


@pytest.mark.parametrize("change, message", [
    (('kind = "feed"', 'kind = "rss"'), "field 'kind' must be one of"),
    (('org = "ngo"', 'org = "party"'), "field 'org' must be one of"),
    (("interval_minutes = 30", 'interval_minutes = "30"'), "field 'interval_minutes' must be int"),
    (('url = "https://spring96.org/en/rss"', 'url = "file:///etc/passwd"'), "http(s) URL"),
    (('url = "https://spring96.org/en/rss"', 'url = "https://evil.example/rss"'),
     "not on an allowed domain"),
    (('languages = ["en"]', 'languages = ["de"]'), "field 'languages'"),
    (('id = "viasna-en"', 'id = "Viasna EN"'), "field 'id'"),
    (('name = "Viasna (English)"', 'colour = "red"'), "unknown field 'colour'"),
])
def test_invalid_source_names_the_source_and_field(change, message):
    old, new = change
    with pytest.raises(SourceError) as error:
        parse_sources(tomllib.loads(MINIMAL.replace(old, new)), "sources.toml")
    assert message in str(error.value)
    assert "sources.toml: source" in str(error.value)


def test_duplicate_ids_are_refused():
    with pytest.raises(SourceError, match="duplicate id"):
        parse_sources(tomllib.loads(MINIMAL + MINIMAL), "x")


def test_config_file_environment_and_errors(tmp_path):
    path = tmp_path / "vigil.toml"
    path.write_text('[crawl]\ndownload_delay = 2.5\n[smtp]\nport = 587\nsecurity = "starttls"\n')
    cfg = load(path, env={"VIGIL_SMTP_PORT": "2525", "VIGIL_HOME": str(tmp_path)})
    assert cfg.crawl.download_delay == 2.5
    assert cfg.smtp.port == 2525, "environment overrides the file"
    assert cfg.smtp.security == "starttls"
    assert cfg.crawl.allow_private_networks is False
    path.write_text('[smtp]\nsecurity = "tls13"\n')
    with pytest.raises(ConfigError, match=r"\[smtp\] security must be one of"):
        load(path, env={})
    path.write_text("[crawl]\ndelay = 1\n")
    with pytest.raises(ConfigError, match="unknown key 'delay'"):
        load(path, env={})


def test_config_is_found_in_vigil_home_and_secrets_are_masked(tmp_path):
    (tmp_path / "vigil.toml").write_text('[alerts]\ndatasette_url = "https://vigil.example"\n')
    cfg = load(env={"VIGIL_HOME": str(tmp_path), "VIGIL_SMTP_PASSWORD": "canary-secret-77"})
    assert cfg.alerts.datasette_url == "https://vigil.example"
    assert cfg.smtp_password == "canary-secret-77"
    assert "canary-secret-77" not in repr(cfg.masked())
    assert "canary-secret-77" not in repr(cfg)
    assert "VIGIL_SMTP_HOST" in environment_variables()

"""`vigil staff-password` and `vigil serve --staff` as a staff member would use them."""

from __future__ import annotations

import http.cookiejar
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request

import pytest
from conftest import ROOT, vigil_env
from datasette_auth_passwords.utils import verify_password
from datasette_fixtures import CANARY_CANDIDATE, build, start_server

from monitor.config import load
from monitor.serve import listen_address

PASSWORD = "staff password for the cli test"


def vigil(home, *args, stdin: str = "", **env) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "monitor.cli", *args], cwd=ROOT,
                          env=vigil_env(home, **env), input=stdin, capture_output=True,
                          text=True, timeout=60)


def test_staff_password_prints_a_hash_of_the_password(tmp_path):
    result = vigil(tmp_path, "staff-password", stdin=PASSWORD + "\n")
    assert result.returncode == 0, result.stderr
    hashed = result.stdout.strip()
    assert verify_password(PASSWORD, hashed)
    assert not verify_password("something else", hashed)
    assert PASSWORD not in result.stdout + result.stderr


def test_staff_password_refuses_a_short_password(tmp_path):
    result = vigil(tmp_path, "staff-password", stdin="short\n")
    assert result.returncode == 2
    assert "at least 10 characters" in result.stderr


def test_serve_staff_needs_the_hash_in_the_environment(tmp_path):
    missing = vigil(tmp_path, "serve", "--staff", "--port", "0")
    assert missing.returncode == 1
    assert "VIGIL_STAFF_PASSWORD_HASH is not set" in missing.stderr
    wrong = vigil(tmp_path, "serve", "--staff", "--port", "0",
                  VIGIL_STAFF_PASSWORD_HASH="plain-text-password")
    assert wrong.returncode == 1 and "not a password hash" in wrong.stderr
    assert "plain-text-password" not in wrong.stderr


def login(base: str, password: str) -> urllib.request.OpenerDirector:
    """A browser-like client, logged in through the real form; ``opener.jar`` holds cookies."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/-/login").read().decode()
    token = page.split('name="csrftoken" value="', 1)[1].split('"', 1)[0]
    form = urllib.parse.urlencode({"username": "staff", "password": password,
                                   "csrftoken": token}).encode()
    opener.open(base + "/-/login", data=form)
    opener.jar = jar
    return opener


def test_serve_staff_logs_staff_in_and_keeps_the_hash_out_of_its_output(tmp_path):
    fixture = build(tmp_path / "home")
    hashed = vigil(tmp_path, "staff-password", stdin=PASSWORD + "\n").stdout.strip()
    server = start_server(fixture.home, "--staff", VIGIL_STAFF_PASSWORD_HASH=hashed)
    try:
        assert "login required" in server.first_line
        base = server.base
        anonymous = urllib.request.urlopen(base + "/staff/candidates")
        assert anonymous.url.endswith("/-/login")  # redirected to the form
        staff = login(base, PASSWORD)
        assert CANARY_CANDIDATE in staff.open(base + "/staff/candidates").read().decode()
        assert hashed not in staff.open(base + "/-/metadata.json").read().decode()
        with pytest.raises(urllib.error.HTTPError):  # errors must not log the request
            staff.open(base + "/staff/no_such_table")
        session = {cookie.name: cookie.value for cookie in staff.jar}["ds_actor"]
    finally:
        output = server.stop()
    assert hashed not in output and PASSWORD not in output and session not in output
    assert "Traceback" not in output  # a refused or missing page is not an error to print
    assert "/staff/candidates" not in output  # no access log of who looked at what


def test_public_and_staff_views_have_their_own_default_ports(tmp_path):
    cfg = load(env={"VIGIL_HOME": str(tmp_path)})
    assert listen_address(cfg, False, None, None) == ("127.0.0.1", 8001)
    assert listen_address(cfg, True, None, None) == ("127.0.0.1", 8002)
    assert listen_address(cfg, True, "0.0.0.0", 0) == ("0.0.0.0", 0)
    moved = load(env={"VIGIL_HOME": str(tmp_path), "VIGIL_SERVE_PORT": "9000"})
    assert listen_address(moved, False, None, None) == ("127.0.0.1", 9000)

"""`vigil serve` (Datasette, public or staff) and `vigil staff-password` (the login hash)."""

from __future__ import annotations

import sys

import click

from monitor.cli.common import pass_vigil

MIN_PASSWORD_LENGTH = 10


@click.command("serve")
@click.option("--host", help="Address to listen on (default: [serve] host, 127.0.0.1).")
@click.option("--port", type=click.IntRange(0, 65535),
              help="Port to listen on; 0 picks a free one (default: [serve] port, 8001, "
                   "or with --staff [serve] staff_port, 8002).")
@click.option("--staff", is_flag=True,
              help="The private view: adds staff.db behind a login "
                   "(needs VIGIL_STAFF_PASSWORD_HASH).")
@pass_vigil
def serve_command(vigil, host: str | None, port: int | None, staff: bool) -> None:
    """Publish corpus.db with Datasette while the daemon keeps writing to it."""
    from monitor.serve import run_server  # Datasette takes a second to import: only here

    run_server(vigil.config, staff=staff, host=host, port=port,
               announce=click.echo)


@click.command("staff-password")
def staff_password_command() -> None:
    """Ask for a staff password and print its hash for VIGIL_STAFF_PASSWORD_HASH.

    The login name is "staff". The password is read from the terminal (asked twice),
    or as one line from standard input when that is a pipe; it is never stored.
    """
    from datasette_auth_passwords.utils import hash_password

    password = _read_password()
    if len(password) < MIN_PASSWORD_LENGTH:
        raise click.UsageError(f"use at least {MIN_PASSWORD_LENGTH} characters")
    click.echo(hash_password(password))
    click.echo("Set it in the environment of `vigil serve --staff`, e.g. "
               "export VIGIL_STAFF_PASSWORD_HASH='<the line above>'", err=True)


def _read_password() -> str:
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt("Staff password", hide_input=True, confirmation_prompt=True, err=True)


COMMANDS = [serve_command, staff_password_command]

"""The `marsad serve` command: the web interface and JSON API over a database (docs/web.md).

`cli.py` calls `register(main)`; the web stack (FastAPI, uvicorn, Jinja2) is the optional `web`
extra, imported only when the command runs.
"""

from __future__ import annotations

import ipaddress
import os
import sqlite3
import sys

import click

from .cli_common import Run


def register(main: click.Group) -> None:
    """Adds `serve` to the command group."""
    main.add_command(serve)


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _check_database(db: str) -> None:
    """Refuses at start-up, in one line, a database the app could not read: missing, not SQLite,
    without marsad's tables (an empty file), or missing migrations. Opens it read-only: writes nothing."""
    from .store import Store, open_error

    if not os.path.exists(db):
        click.echo(f"marsad: {db}: no such database (create it with `marsad ingest`)", err=True)
        sys.exit(1)
    try:
        Store(db, read_only=True).close()
    except sqlite3.Error as err:
        click.echo(f"marsad: {db}: {open_error(db, err)}", err=True)
        sys.exit(1)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but loopback exposes the database to the network.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="TCP port.")
@click.pass_obj
def serve(run: Run, host: str, port: int) -> None:
    """Serve the web interface (Arabic, right to left) and the JSON API over the database.

    Every page has a JSON twin at the same path with `.json`; the API is documented at /docs
    (schema at /openapi.json). Opens the database read-only and writes nothing, not even
    the schema: a file that is not a marsad database is refused at start-up. Works offline.
    Needs the web extra: pip install 'marsad[web]'.

    \b
    Example:
      marsad --db events.db serve --port 8000
      marsad: serving events.db at http://127.0.0.1:8000/ (Ctrl-C stops)
    """
    try:
        import uvicorn

        from .web import create_app
    except ImportError as err:
        click.echo(f"marsad: serve: the web extra is missing ({err.name}): pip install 'marsad[web]'", err=True)
        sys.exit(1)
    _check_database(run.db)
    if not _loopback(host):
        click.echo(f"marsad: serve: warning: listening on {host}, reachable from other machines", err=True)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"marsad: serving {run.db} at http://{shown}:{port}/ (Ctrl-C stops)", err=True)
    uvicorn.run(create_app(run.db), host=host, port=port, log_level="warning")

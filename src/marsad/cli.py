"""The `marsad` command group: parses options, calls the library, formats output.

JSON Lines on stdout by default; errors as one line on stderr naming the file (and line);
exit code 0 when every input was read, 1 when some were skipped (spec §1). The commands live in
cli_pages.py (clean, annotate, extract), cli_store.py (ingest, events, search, show, export,
quarantine) and cli_web.py (serve); what they share is in cli_common.py. This module imports
them; none of them imports it.
"""

from __future__ import annotations

import os

import click

from . import __version__, cli_pages, cli_store, cli_web
from .cli_common import Run


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="marsad")
@click.option("--db", default=lambda: os.environ.get("MARSAD_DB", "marsad.db"), show_default="marsad.db or $MARSAD_DB",
              help="SQLite database file.")
@click.pass_context
def main(ctx: click.Context, db: str) -> None:
    """marsad: Arabic news pages -> a database of security and diplomatic engagement events.

    \b
    Example:
      marsad extract pages/ --ref-date 2026-11-22 > events.jsonl
      marsad ingest pages/ && marsad events --country PAK
    """
    ctx.obj = Run(db)


cli_pages.register(main)
cli_store.register(main)
cli_web.register(main)

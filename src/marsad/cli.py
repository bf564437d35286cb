"""The `marsad` command group: parses options, calls the library, formats output.

JSON Lines on stdout by default; errors as one line on stderr naming the file (and line);
exit code 0 when every input was read, 1 when some were skipped (spec §1).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Iterable
from typing import Any

import click

from . import __version__
from .model import InputError
from .settings import Settings


class Run:
    """Per-invocation state: settings, database path, and whether an input was skipped."""

    def __init__(self, db: str):
        self.db = db
        self.failed = False

    def error(self, err: InputError) -> None:
        self.failed = True
        click.echo(str(err), err=True)


def _settings(ref_date: str | None) -> Settings:
    return Settings(ref_date=dt.date.fromisoformat(ref_date)) if ref_date else Settings()


def _emit(records: Iterable[dict[str, Any]]) -> None:
    out = sys.stdout
    for rec in records:
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")


def _date_option(f):
    return click.option("--ref-date", metavar="YYYY-MM-DD", callback=_check_date,
                        help="Date that resolves yearless/relative dates of undated pages. Default: today.")(f)


def _check_date(ctx, param, value):
    if value is None:
        return None
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter("expected YYYY-MM-DD") from None
    return value


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


def _finish(run: Run) -> None:
    sys.stdout.flush()
    sys.exit(1 if run.failed else 0)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@_date_option
@click.pass_obj
def clean(run: Run, paths: tuple[str, ...], ref_date: str | None) -> None:
    """Print the article segments of pages as JSON Lines (spec §5).

    \b
    Example:
      marsad clean page.txt
      {"doc": "page.txt", "segment": 0, "title": "...", "text": "..."}
    """
    settings = _settings(ref_date)
    for segments in _segments_of(run, paths, settings):
        _emit(seg.to_dict() for seg in segments)
    _finish(run)


def _segments_of(run: Run, paths: tuple[str, ...], settings: Settings):
    """Each readable page's cleaned segments; bad inputs and broken pages reported and skipped."""
    from .clean import clean_document
    from .ingest import read_inputs

    for item in read_inputs(paths, settings):
        if isinstance(item, InputError):
            run.error(item)
            continue
        try:
            segments = clean_document(item, settings)
        except Exception as err:  # noqa: BLE001 - one broken page must not stop a run
            run.error(InputError(item.path or item.doc, f"could not clean: {err}"))
            continue
        yield segments


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", metavar="YYYY-MM-DD", callback=_check_date, help="Publication date of the pages.")
@_date_option
@click.pass_obj
def annotate(run: Run, paths: tuple[str, ...], published: str | None, ref_date: str | None) -> None:
    """Print every mention the extractors find: date, person, title, organization, country, place.

    \b
    Example:
      marsad annotate page.txt --ref-date 2026-11-22
      {"doc": "page.txt", "segment": 0, "label": "date", "text": "20 يناير 2025", "value": "2025-01-20", ...}
    """
    from .annotate import annotate_segment

    settings = _settings(ref_date)
    for segments in _segments_of(run, paths, settings):
        for seg in segments:
            seg.published = published or seg.published
            try:
                _emit(m.to_dict(seg.doc, seg.index) for m in annotate_segment(seg, settings))
            except Exception as err:  # noqa: BLE001 - one broken page must not stop a run
                run.error(InputError(seg.doc, f"could not annotate: {err}"))
    _finish(run)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@_date_option
@click.option("--table", is_flag=True, help="A readable table instead of JSON Lines.")
@click.pass_obj
def extract(run: Run, paths: tuple[str, ...], ref_date: str | None, table: bool) -> None:
    """Print the engagement events of pages as JSON Lines (spec §2), fused across pages.

    \b
    Example:
      marsad extract ../shared/seeds --ref-date 2026-11-22
      marsad extract examples --table
    """
    from .pipeline import run as run_pipeline

    events = run_pipeline(paths, _settings(ref_date), run.error)
    if table:
        print_table(events)
    else:
        _emit(ev.to_dict() for ev in events)
    _finish(run)


def print_table(events) -> None:
    """Events as a terminal table (Arabic kept in logical order)."""
    from rich.console import Console
    from rich.table import Table

    grid = Table("date", "kind", "participants", "place", "topics", "sources")
    for ev in events:
        people = "\n".join(f"{p.name or p.title or '?'} ({p.country}, {p.role})" for p in ev.participants)
        place = ", ".join(x for x in (ev.location.city, ev.location.country) if x)
        grid.add_row(ev.date or "?", ev.kind, people, place, ", ".join(ev.topics), str(len(ev.sources)))
    Console(width=160).print(grid)
    click.echo(f"{len(events)} events", err=True)


from .cli_store import register  # noqa: E402  (store commands live beside, same group)

register(main)

from .cli_web import register as register_web  # noqa: E402

register_web(main)

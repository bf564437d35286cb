"""The store commands of the `marsad` group: ingest, events, search, show, export.

They only parse options, call `Store` (store/) and `export()` (export.py) and format output.
`cli.py` adds them to the group with `register(main)`; the store is imported when a command runs.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import click

from .cli_common import Run, finish
from .export import FORMATS, export, participant_label

if TYPE_CHECKING:
    from .model import Event
    from .store import IngestStats, Store

PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def register(main: click.Group) -> None:
    """Adds the store commands to the command group."""
    for command in (ingest, events, search, show, export_command, quarantine):
        main.add_command(command)


def _partial_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not PARTIAL_DATE.match(value):
        raise click.BadParameter("expected YYYY, YYYY-MM or YYYY-MM-DD")
    return value


def _filters(f: Callable[..., Any]) -> Callable[..., Any]:
    """The event filters shared by `events` and `export`."""
    options = [
        click.option("--person", help="Part of a participant's name (Arabic folded: أ/ا, ة/ه, ى/ي, diacritics)."),
        click.option("--country", help="ISO3 of a participant or of the place, e.g. PAK."),
        click.option("--topic", help="A topic of the vocabulary, e.g. counterterrorism."),
        click.option("--kind", type=click.Choice(["meeting", "call", "agreement"])),
        click.option("--since", metavar="YYYY[-MM[-DD]]", callback=_partial_date, help="Events on or after."),
        click.option("--until", metavar="YYYY[-MM[-DD]]", callback=_partial_date, help="Events on or before."),
        click.option("--outlet", help="Part of a source's outlet name."),
    ]
    for option in reversed(options):
        f = option(f)
    return f


@contextmanager
def _open(run: Run, write: bool = False) -> Iterator[Store]:
    """The run's store: read-only, and never created, unless `write`. Any SQLite error on it,
    opening or later, is one line on stderr (`marsad: PATH: reason`) and exit code 1."""
    if not write and run.db != ":memory:" and not os.path.exists(run.db):
        click.echo(f"marsad: {run.db}: no such database (create it with `marsad ingest`)", err=True)
        sys.exit(1)
    with _database_errors(run.db), _store(run.db, write) as store:
        yield store


def _store(db: str, write: bool) -> Store:
    """Store(db), read-only unless `write`; a database of an older marsad is migrated (opened to write)."""
    from .store import OutdatedStore, Store, StoreError

    try:
        return Store(db, read_only=not write)
    except OutdatedStore as old:
        try:
            return Store(db)
        except StoreError as err:
            raise StoreError(db, f"written by an older marsad (missing {', '.join(old.missing)}), "
                                 f"and cannot be migrated: {err.reason}") from err


@contextmanager
def _database_errors(db: str) -> Iterator[None]:
    """SQLite's errors on `db` as one line, `marsad: PATH: reason`, and exit code 1 (no traceback)."""
    from .store import open_error

    try:
        yield
    except sqlite3.Error as err:
        click.echo(f"marsad: {db}: {open_error(db, err)}", err=True)
        sys.exit(1)


@contextmanager
def _progress() -> Iterator[Callable[[IngestStats], None]]:
    """A rich progress line on stderr (pages, pages/s, new, skipped); silent when not a TTY."""
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    if not console.is_terminal:
        yield lambda stats: None
        return
    columns = (SpinnerColumn(), TextColumn("{task.completed} pages"),
               TextColumn("{task.fields[rate]} pages/s"), TextColumn("{task.fields[counts]}"), TimeElapsedColumn())
    with Progress(*columns, console=console, redirect_stderr=True) as bar:
        task = bar.add_task("ingest", total=None, rate="-", counts="")
        shown = [0.0]

        def update(stats: IngestStats) -> None:
            now = time.monotonic()
            if now - shown[0] < 0.1:
                return  # the line refreshes 10 times a second: no need to rebuild it per page
            shown[0] = now
            speed = bar.tasks[0].speed
            bar.update(task, completed=stats.read, rate=f"{speed:.0f}" if speed else "-",
                       counts=f"{stats.new} new, {stats.skipped} skipped")

        yield update


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--ref-date", type=click.DateTime(["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help="Date that resolves yearless/relative dates of undated pages. Default: today.")
@click.option("--batch", type=click.IntRange(1), default=200, show_default=True,
              help="Pages per transaction: what a kill can lose and a re-run redoes.")
@click.pass_obj
def ingest(run: Run, paths: tuple[str, ...], ref_date: dt.datetime | None, batch: int) -> None:
    """Store pages and their events in the database; pages already stored are skipped.

    Idempotent and incremental: a page is keyed by its content hash, new pages are fused with
    the stored events (same ids as `marsad extract` on all the pages). Every batch is one
    transaction: a killed run loses at most one batch, and a re-run completes it.

    \b
    Example:
      marsad --db events.db ingest ../shared/seeds --ref-date 2026-11-22
      marsad: ingest: 5 pages read, 5 new, 0 skipped, 6 events in events.db (0.4 s, 12 pages/s)
    """
    from .model import InputError
    from .pipeline import pages
    from .settings import Settings

    settings = Settings(ref_date=ref_date.date()) if ref_date else Settings()
    with _open(run, write=True) as store, _progress() as progress:
        stats = store.ingest(pages(paths, settings, run.error, skip=store.known, on_empty=run.no_text), settings, batch=batch,
                             progress=progress)
    rate = stats.read / stats.seconds if stats.seconds else 0
    if stats.set_aside:
        with _open(run) as store:
            for item in store.quarantined()[-stats.set_aside:]:
                run.error(InputError(item.doc, f"event set aside ({item.stage}): {item.reason}"))
    aside = f", {stats.set_aside} set aside (marsad quarantine)" if stats.set_aside else ""
    aside += f", {run.without_text} without article text" if run.without_text else ""
    click.echo(f"marsad: ingest: {stats.read} pages read, {stats.new} new, {stats.skipped} skipped, "
               f"{stats.events} events in {run.db}{aside} ({stats.seconds:.1f} s, {rate:.0f} pages/s)", err=True)
    finish(run)


@click.command()
@click.option("--jsonl", is_flag=True, help='JSON Lines: {"doc", "stage", "reason", "event"}.')
@click.pass_obj
def quarantine(run: Run, jsonl: bool) -> None:
    """List the events set aside because they broke a stage (fusion, the store), with the reason.

    An event that cannot be fused (an impossible date, a bug) is moved out of the way so that
    every other event is stored; it stays here for a look.

    \b
    Example:
      marsad quarantine
      page.txt  check  unsound date '2025-12-00'
    """
    with _open(run) as store:
        items = store.quarantined()
    for item in items:
        if jsonl:
            click.echo(json.dumps(item.to_dict(), ensure_ascii=False))
        else:
            click.echo(f"{item.doc}\t{item.stage}\t{item.reason}")
    if not jsonl:
        click.echo(f"{len(items)} events set aside", err=True)


@click.command()
@_filters
@click.option("--jsonl", "fmt", flag_value="jsonl", help="JSON Lines (spec §2) instead of a table.")
@click.option("--csv", "fmt", flag_value="csv", help="CSV instead of a table.")
@click.pass_obj
def events(run: Run, fmt: str | None, **filters: str | None) -> None:
    """List stored events matching every filter given: a table, or --jsonl / --csv.

    \b
    Example:
      marsad events --country PAK --since 2025
      marsad events --person حموشي --topic counterterrorism --jsonl
    """
    with _open(run) as store:
        found = store.events(**filters)
    if fmt:
        sys.stdout.writelines(export(found, fmt))
    else:
        _table(found)


def _table(found: list[Event]) -> None:
    """A rich table on stdout; Arabic is printed as stored (the terminal does the bidi)."""
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=True)
    table.add_column("date", no_wrap=True, min_width=10)
    table.add_column("kind", no_wrap=True)
    for name in ("participants", "place", "topics"):
        table.add_column(name)
    table.add_column("sources", no_wrap=True, justify="right")
    table.add_column("id", no_wrap=True, min_width=16)
    for ev in found:
        place = ", ".join(x for x in (ev.location.city, ev.location.country) if x)
        table.add_row(ev.date or "", ev.kind, "\n".join(participant_label(p) for p in ev.participants),
                      place, "\n".join(ev.topics), str(len(ev.sources)), ev.id)
    console = Console() if sys.stdout.isatty() else Console(width=160)  # a file has no width: keep rows whole
    console.print(table)
    console.print(f"{len(found)} events")


@click.command()
@click.argument("text")
@click.option("--limit", type=click.IntRange(1), default=20, show_default=True, help="Most hits shown.")
@click.option("--jsonl", is_flag=True, help='JSON Lines: {"doc", "segment", "title", "snippet", "events"}.')
@click.pass_obj
def search(run: Run, text: str, limit: int, jsonl: bool) -> None:
    """Full-text search of stored articles; matches are shown «like this» in the original text.

    Both sides are folded (diacritics, tatweel, أ/إ/آ->ا, ى->ي, ة->ه), and a match may be part
    of a word (الإرهاب finds والإرهاب). Each hit lists the events of its page.

    \b
    Example:
      marsad search "الاتجار بالبشر" --limit 5
      marsad search "حموشي" --jsonl
    """
    with _open(run) as store:
        hits = store.search(text, limit)
    for hit in hits:
        if jsonl:
            click.echo(json.dumps(hit.to_dict(), ensure_ascii=False))
        else:
            click.echo(f"{hit.doc} #{hit.segment}" + (f"  {hit.title}" if hit.title else "") + f"\n  {hit.snippet}\n"
                       f"  events: {', '.join(hit.events) or '-'}\n")


@click.command()
@click.argument("event_id")
@click.pass_obj
def show(run: Run, event_id: str) -> None:
    """Print one event as indented JSON, each source with its sentence and its document.

    \b
    Example:
      marsad show 7fd75d33d4644485
    """
    with _open(run) as store:
        ev = store.event(event_id)
        if ev is None:
            click.echo(f"marsad: show: no event with id {event_id!r}", err=True)
            sys.exit(1)
        record = ev.to_dict()
        for src in record["sources"]:
            src["document"] = store.document(src["doc"])
    click.echo(json.dumps(record, ensure_ascii=False, indent=2))


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True,
              help="jsonl: spec §2; csv: one row per event; plover: JSON Lines; cameo: CSV of dyads.")
@_filters
@click.pass_obj
def export_command(run: Run, fmt: str, **filters: str | None) -> None:
    """Write stored events to stdout as jsonl, csv, plover or cameo (see docs/store.md).

    \b
    Example:
      marsad export --format cameo --since 2025-01 > events.csv
      id,date,source,target,cameo
      7fd75d33d4644485,2025-01-20,PAKCOP,MARSPY,042
    """
    with _open(run) as store:
        sys.stdout.writelines(export(store.events(**filters), fmt))

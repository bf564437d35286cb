"""The page commands of the `marsad` group: clean, annotate, extract (no database).

They read files, run the library (`clean_document`, `annotate_segment`, `pipeline.run`) and
print JSON Lines (or a table); `cli.py` adds them to the group with `register(main)`.
"""

from __future__ import annotations

from collections.abc import Iterator

import click

from .cli_common import Run, check_date, emit, finish, ref_date_option, settings_for
from .model import Event, InputError, Segment
from .settings import Settings


def register(main: click.Group) -> None:
    """Adds the page commands to the command group."""
    for command in (clean, annotate, extract):
        main.add_command(command)


@click.command()
@click.argument("paths", nargs=-1, required=True)
@ref_date_option
@click.pass_obj
def clean(run: Run, paths: tuple[str, ...], ref_date: str | None) -> None:
    """Print the article segments of pages as JSON Lines (spec §5).

    \b
    Example:
      marsad clean page.txt
      {"doc": "page.txt", "segment": 0, "title": "...", "text": "..."}
    """
    settings = settings_for(ref_date)
    for segments in _segments_of(run, paths, settings):
        emit(seg.to_dict() for seg in segments)
    finish(run)


def _segments_of(run: Run, paths: tuple[str, ...], settings: Settings) -> Iterator[list[Segment]]:
    """Each readable page's cleaned segments; bad inputs and broken pages reported and skipped."""
    from .clean import clean_document, no_article_text
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
        if not segments:
            run.no_text(no_article_text(item))
        yield segments


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", metavar="YYYY-MM-DD", callback=check_date, help="Publication date of the pages.")
@ref_date_option
@click.pass_obj
def annotate(run: Run, paths: tuple[str, ...], published: str | None, ref_date: str | None) -> None:
    """Print every mention the extractors find: date, person, title, organization, country, place.

    \b
    Example:
      marsad annotate page.txt --ref-date 2026-11-22
      {"doc": "page.txt", "segment": 0, "label": "date", "text": "20 يناير 2025", "value": "2025-01-20", ...}
    """
    from .annotate import annotate_segment

    settings = settings_for(ref_date)
    for segments in _segments_of(run, paths, settings):
        for seg in segments:
            seg.published = published or seg.published
            try:
                emit(m.to_dict(seg.doc, seg.index) for m in annotate_segment(seg, settings))
            except Exception as err:  # noqa: BLE001 - one broken page must not stop a run
                run.error(InputError(seg.doc, f"could not annotate: {err}"))
    finish(run)


@click.command()
@click.argument("paths", nargs=-1, required=True)
@ref_date_option
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

    events = run_pipeline(paths, settings_for(ref_date), run.error, run.no_text)
    if table:
        print_table(events)
    else:
        emit(ev.to_dict() for ev in events)
    finish(run)


def print_table(events: list[Event]) -> None:
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

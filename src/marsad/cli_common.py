"""What the command modules share: the per-run state, settings, output, exit codes, options.

`cli.py` (the command group) imports the command modules (cli_pages, cli_store, cli_web); they
import this module and never `cli.py`, so there is no import cycle.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable, Iterable
from typing import Any, NoReturn, TypeVar

import click

from .model import InputError
from .settings import Settings

F = TypeVar("F", bound=Callable[..., Any])


class Run:
    """Per-invocation state: the database path, and whether an input was skipped."""

    def __init__(self, db: str):
        self.db = db
        self.failed = False
        self.without_text = 0  # documents read in which cleaning found no article

    def error(self, err: InputError) -> None:
        self.failed = True
        click.echo(str(err), err=True)

    def no_text(self, err: InputError) -> None:
        """A document without article text: said on stderr and counted, not an error (exit code 0)."""
        self.without_text += 1
        click.echo(str(err), err=True)


def settings_for(ref_date: str | None) -> Settings:
    """The run's settings: `--ref-date` (YYYY-MM-DD) or today."""
    return Settings(ref_date=dt.date.fromisoformat(ref_date)) if ref_date else Settings()


def emit(records: Iterable[dict[str, Any]]) -> None:
    """Records as JSON Lines on stdout."""
    out = sys.stdout
    for rec in records:
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")


def finish(run: Run) -> NoReturn:
    """Exit code 1 when an input was skipped, else 0 (spec §1)."""
    sys.stdout.flush()
    sys.exit(1 if run.failed else 0)


def check_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A YYYY-MM-DD option, kept as text."""
    if value is None:
        return None
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter("expected YYYY-MM-DD") from None
    return value


def ref_date_option(f: F) -> F:
    """`--ref-date`: the date that resolves yearless and relative dates of undated pages."""
    return click.option("--ref-date", metavar="YYYY-MM-DD", callback=check_date,
                        help="Date that resolves yearless/relative dates of undated pages. Default: today.")(f)

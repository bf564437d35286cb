"""The whole flow on one screen.

`run()`: 1 ingest (files -> documents), 2 clean (document -> article segments), 3 extract
(segment -> events with evidence), 4 fuse (reports of one event -> one record). Step 5, storing,
is `Store.ingest()` (store.py), which `marsad ingest` feeds with `pages()`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from .clean import clean_document, no_article_text
from .copies import fingerprints, marks
from .extract.events import extract_events
from .fuse import fuse_guarded
from .ingest import read_inputs
from .model import Document, Event, InputError, Page

__all__ = ["Page", "mark_duplicates", "pages", "process", "run"]
from .normalize import fold
from .settings import Settings


def process(doc: Document, settings: Settings) -> Page:
    """Steps 2-3 for one document."""
    segments = clean_document(doc, settings)  # 2
    folded = [fold(seg.text) for seg in segments]
    events = [ev for seg, f in zip(segments, folded, strict=True) for ev in extract_events(seg, settings, f)]  # 3
    return Page(doc, segments, events, fingerprints=fingerprints(segments[:1]), folded=[f.text for f in folded])


def pages(paths: Iterable[str], settings: Settings, on_error: Callable[[InputError], None],
          skip: Callable[[Document], bool] | None = None,
          on_empty: Callable[[InputError], None] | None = None) -> Iterator[Page]:
    """Steps 1-3, one page at a time; bad inputs go to `on_error` and the run goes on.
    Documents for which `skip` says True (already stored) are yielded unprocessed; a page in
    which cleaning finds no article text is yielded too, and told to `on_empty`."""
    for item in read_inputs(paths, settings):  # 1
        if isinstance(item, InputError):
            on_error(item)
            continue
        if skip is not None and skip(item):
            yield Page(item, [], [])
            continue
        try:
            page = process(item, settings)
        except Exception as err:  # noqa: BLE001 - one broken page must not stop a run
            on_error(InputError(item.path or item.doc, f"could not process: {err.__class__.__name__}: {err}",
                                item.line))
            continue
        if not page.segments and on_empty is not None:
            on_empty(no_article_text(item))
        yield page


def mark_duplicates(all_pages: list[Page], settings: Settings) -> None:
    """Syndicated copies (`copies.marks`): each copy and its events' sources name the page it copies."""
    owners = marks({page.document.doc: page.fingerprints for page in all_pages}, settings.duplicate_overlap)
    for page in all_pages:
        owner = owners.get(page.document.doc)
        if owner:
            page.duplicate_of = owner
            for ev in page.events:
                for src in ev.sources:
                    src.duplicate_of = owner


def run(paths: Iterable[str], settings: Settings, on_error: Callable[[InputError], None],
        on_empty: Callable[[InputError], None] | None = None) -> list[Event]:
    """Steps 1-4: every fused event found in `paths` (pages without article text to `on_empty`)."""
    all_pages = list(pages(paths, settings, on_error, on_empty=on_empty))
    mark_duplicates(all_pages, settings)
    events, aside = fuse_guarded((ev for page in all_pages for ev in page.events), settings)  # 4
    for item in aside:
        on_error(InputError(item.doc, f"event set aside ({item.stage}): {item.reason}"))
    return events

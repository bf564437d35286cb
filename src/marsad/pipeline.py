"""The whole flow on one screen.

`run()`: 1 ingest (files -> documents), 2 clean (document -> article segments), 3 extract
(segment -> events with evidence), 4 fuse (reports of one event -> one record). Step 5, storing,
is `Store.ingest()` (store.py), which `marsad ingest` feeds with `pages()`.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .clean import clean_document
from .clean.lines import split_words
from .extract.events import extract_events
from .fuse import fuse_guarded
from .ingest import read_inputs
from .model import Document, Event, InputError, Segment
from .normalize import fold, fold_word
from .settings import Settings


@dataclass(slots=True)
class Page:
    """One document after steps 2-3: its segments and the events found in them."""

    document: Document
    segments: list[Segment]
    events: list[Event]
    duplicate_of: str | None = None
    fingerprints: set[str] = field(default_factory=set)
    folded: list[str] = field(default_factory=list)  # each segment's folded text (the store indexes it)


def process(doc: Document, settings: Settings) -> Page:
    """Steps 2-3 for one document."""
    segments = clean_document(doc, settings)  # 2
    folded = [fold(seg.text) for seg in segments]
    events = [ev for seg, f in zip(segments, folded, strict=True) for ev in extract_events(seg, settings.ref_date, f)]  # 3
    return Page(doc, segments, events, fingerprints=fingerprints(segments[:1]), folded=[f.text for f in folded])


def fingerprints(segments: list[Segment]) -> set[str]:
    """Hashes of the longer paragraphs, folded and without punctuation: pages sharing most of them
    are copies of one story."""
    out = set()
    for seg in segments:
        paragraphs = seg.text.split("\n\n")
        keys = seg.keys if len(seg.keys) == len(paragraphs) else ["".join(split_words(fold_word(p))) for p in paragraphs]
        out |= {hashlib.blake2b(key.encode(), digest_size=8).hexdigest()
                for p, key in zip(paragraphs, keys, strict=True) if len(p) > 80}
    return out


def pages(paths: Iterable[str], settings: Settings, on_error: Callable[[InputError], None],
          skip: Callable[[Document], bool] | None = None) -> Iterator[Page]:
    """Steps 1-3, one page at a time; bad inputs go to `on_error` and the run goes on.
    Documents for which `skip` says True (already stored) are yielded unprocessed."""
    for item in read_inputs(paths, settings):  # 1
        if isinstance(item, InputError):
            on_error(item)
            continue
        if skip is not None and skip(item):
            yield Page(item, [], [])
            continue
        try:
            yield process(item, settings)
        except Exception as err:  # noqa: BLE001 - one broken page must not stop a run
            on_error(InputError(item.path or item.doc, f"could not process: {err.__class__.__name__}: {err}",
                                item.line))


def mark_duplicates(all_pages: list[Page], settings: Settings) -> None:
    """Syndicated copies: a page sharing most paragraphs of the smaller of itself and an earlier page
    (a trimmed copy is a copy whichever of the two sorts first)."""
    first: dict[str, str] = {}  # paragraph print -> the first page (in doc order) that has it
    for page in all_pages:
        doc = page.document.doc
        for h in page.fingerprints:
            if h not in first or doc < first[h]:
                first[h] = doc
    size = {page.document.doc: len(page.fingerprints) for page in all_pages}
    for page in all_pages:
        owner = copy_of(page.document.doc, page.fingerprints, first, size, settings.duplicate_overlap)
        if owner:
            page.duplicate_of = owner
            for ev in page.events:
                for src in ev.sources:
                    src.duplicate_of = owner


def copy_of(doc: str, prints: set[str], first: dict[str, str], size: dict[str, int], overlap: float) -> str | None:
    """The page that `doc` copies, if any: of the earlier pages that first had some of its
    paragraph `prints`, one holding at least `overlap` of the smaller page's prints (and two,
    unless a page has one), the one with most, then the first. `size`: prints per page."""
    shared = Counter(first[h] for h in prints if first[h] < doc)
    owners = [o for o, n in shared.items() if n >= min(2, len(prints)) and n / min(len(prints), size[o]) >= overlap]
    return min(owners, key=lambda o: (-shared[o], o)) if owners else None


def run(paths: Iterable[str], settings: Settings, on_error: Callable[[InputError], None]) -> list[Event]:
    """Steps 1-4: every fused event found in `paths`."""
    all_pages = list(pages(paths, settings, on_error))
    mark_duplicates(all_pages, settings)
    events, aside = fuse_guarded((ev for page in all_pages for ev in page.events), settings)  # 4
    for item in aside:
        on_error(InputError(item.doc, f"event set aside ({item.stage}): {item.reason}"))
    return events

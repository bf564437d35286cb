"""Reads the web pages need beyond `Store`'s own: filters, article text, free-text matches.

Every statement is parameterised; the connection of a request is `query_only` (see app.py).

>>> from marsad.store import Store
>>> with Store(":memory:") as store:
...     len(select(store, Filters(country="PAK", q="حموشي")))
0
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any
from urllib.parse import urlencode

from .. import search
from ..model import Event
from ..store import Store

CONTEXT = 90  # characters of snippet context on each side of the first match (~14 Arabic words)


@dataclass(slots=True, frozen=True)
class Filters:
    """The event filters shared by every page: Store.events()'s, plus free text `q`."""

    person: str | None = None
    country: str | None = None
    topic: str | None = None
    kind: str | None = None
    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    q: str | None = None

    def store_kwargs(self) -> dict[str, str | None]:
        return {k: v for k, v in asdict(self).items() if k != "q"}

    def given(self) -> dict[str, str]:
        """The filters that are set, in a stable order (the JSON twins echo them)."""
        return {k: v for k, v in asdict(self).items() if v}

    def query(self, **changes: Any) -> str:
        """The query string of these filters with `changes` (None removes a key): `?country=PAK`."""
        params = self.given() | {k: v for k, v in changes.items() if v is not None}
        for k, v in changes.items():
            if v is None:
                params.pop(k, None)
        return "?" + urlencode(params) if params else ""

    def __bool__(self) -> bool:
        return bool(self.given())


def select(store: Store, filters: Filters) -> list[Event]:
    """Reads events matching every filter (ordered by date, then id); `q` is matched as in search."""
    found = store.events(**filters.store_kwargs())
    if filters.q:
        ids = text_event_ids(store, filters.q)
        found = [ev for ev in found if ev.id in ids]
    return found


def text_event_ids(store: Store, text: str) -> set[str]:
    """Ids of the events whose source articles match `text`, as `Store.search` matches it."""
    keys = list(store.matching_segments(search.Query.parse(text)))
    rows = store.db.execute("SELECT DISTINCT s.event_id FROM sources s JOIN segments g ON g.doc = s.doc "
                            "WHERE g.id IN (SELECT value FROM json_each(?))", (json.dumps(keys),))
    return {r[0] for r in rows}


def segment(store: Store, doc: str, index: int) -> dict[str, Any] | None:
    """Reads one cleaned article segment: title, text (as stored), publication date, outlet, url."""
    row = store.db.execute("SELECT title, text, published, published_from, outlet, url FROM segments "
                           "WHERE doc = ? AND segment = ?", (doc, index)).fetchone()
    names = ("title", "text", "published", "published_from", "outlet", "url")
    return dict(zip(names, row, strict=True)) if row else None


def evidence_span(text: str, evidence: str, start: int, end: int) -> tuple[int, int] | None:
    """Where the evidence sentence is in the article: the stored offsets when they still point at
    it, else its first occurrence; None when the article does not contain it."""
    if evidence and 0 <= start < end <= len(text) and text[start:end].strip() == evidence.strip():
        lead = len(text[start:end]) - len(text[start:end].lstrip())
        return start + lead, start + lead + len(evidence.strip())
    at = text.find(evidence.strip()) if evidence.strip() else -1
    return (at, at + len(evidence.strip())) if at >= 0 else None


def marked(text: str, query: str | search.Query) -> list[tuple[str, bool]]:
    """The original text around the first match of `query` as (piece, is_match) pairs: the
    matches are data, not «marks» (an article may use «» itself). See `marsad.search.marked`.

    >>> marked("بحث مكافحة الإرهابِ والتطرف", "الارهاب")
    [('بحث مكافحة ', False), ('الإرهابِ', True), (' والتطرف', False)]
    """
    return search.marked(text, query, CONTEXT)

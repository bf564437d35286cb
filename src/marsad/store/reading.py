"""The store's queries: events by filters, one event, a document, full-text search, counts.

Events are read back from `events.json` with `Event.from_dict`, so what comes out is what went
in; the child tables (participants, sources, topics) only serve the filters.

>>> with Reader(":memory:") as store:
...     store.events(country="PAK"), store.search("الاتجار بالبشر")
([], [])
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..model import Event, SetAside
from ..normalize import fold_word
from ..search import CONTEXT, Query, highlight
from .schema import Database, pad_date

COUNTED = ("documents", "segments", "events", "participants", "sources", "topics", "quarantine")
DOCUMENT = ("doc", "path", "url", "outlet", "published", "title", "duplicate_of", "added")


@dataclass(slots=True)
class Hit:
    """One search result: a segment, its highlighted snippet, and the events of its page."""

    doc: str
    segment: int
    title: str | None
    snippet: str
    events: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"doc": self.doc, "segment": self.segment, "title": self.title,
                "snippet": self.snippet, "events": self.events}


def _where(person: str | None, country: str | None, topic: str | None, kind: str | None,
           since: str | None, until: str | None, outlet: str | None) -> tuple[str, list[str]]:
    """The WHERE clause of `Reader.events` over `events e`, and its parameters."""
    where, params = ["1"], []
    sub = "e.key IN (SELECT event_key FROM {} WHERE {})"
    filters = [
        (kind, "e.kind = ?", kind),
        (person, sub.format("participants", "instr(folded_name, ?) > 0"), fold_word(person or "")),
        (topic, sub.format("topics", "topic = ?"), topic),
        (outlet, sub.format("sources", "instr(lower(outlet), ?) > 0"), (outlet or "").lower()),
        (since, "e.date_hi >= ?", pad_date(since or "", True)),
        (until, "e.date_lo <= ?", pad_date(until or "", False)),
    ]
    for value, clause, param in filters:
        if value:
            where.append(clause)
            params.append(param or "")
    if country:
        where.append("(e.country = ? OR " + sub.format("participants", "country = ?") + ")")
        params += [country.upper()] * 2
    return " AND ".join(where), params


class Reader(Database):
    """The reading verbs of `Store`: `events`, `event`, `document`, `search`, `counts`, `quarantined`."""

    def counts(self) -> dict[str, int]:
        """Rows in the main tables."""
        return {t: self.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in COUNTED}

    def quarantined(self) -> list[SetAside]:
        """Reads quarantine: every event set aside, oldest first."""
        return [SetAside(doc, stage, reason, json.loads(text)) for doc, stage, reason, text in
                self.db.execute("SELECT doc, stage, reason, json FROM quarantine ORDER BY rowid")]

    def events(self, person: str | None = None, country: str | None = None, topic: str | None = None,
               kind: str | None = None, since: str | None = None, until: str | None = None,
               outlet: str | None = None) -> list[Event]:
        """Reads events: every filter given must hold; ordered by date then id.

        `person` is part of a participant's name (folded); `country` a participant's or the
        place's ISO3; `since`/`until` are YYYY[-MM[-DD]] and keep partial dates that overlap.
        """
        where, params = _where(person, country, topic, kind, since, until, outlet)
        sql = f"SELECT json FROM events e WHERE {where} ORDER BY coalesce(e.date, '9999'), e.id"
        return [Event.from_dict(json.loads(r[0])) for r in self.db.execute(sql, params)]

    def event(self, event_id: str) -> Event | None:
        """Reads one event by id (None when unknown)."""
        row = self.db.execute("SELECT json FROM events WHERE id = ? ORDER BY key LIMIT 1", (event_id,)).fetchone()
        return Event.from_dict(json.loads(row[0])) if row else None

    def document(self, doc: str) -> dict[str, Any] | None:
        """Reads a stored document's metadata (no text)."""
        row = self.db.execute(f"SELECT {', '.join(DOCUMENT)} FROM documents WHERE doc = ?", (doc,)).fetchone()
        return dict(zip(DOCUMENT, row, strict=True)) if row else None

    def search(self, text: str | Query, limit: int = 20) -> list[Hit]:
        """Reads segments_fts: segments matching `text` (see `marsad.search`), best first."""
        query = Query.parse(text) if isinstance(text, str) else text
        hits: list[Hit] = []
        if query is None:  # nothing to look for (no word)
            return hits
        for key in self.matching_segments(query):
            doc, segment, title, body = self.db.execute(
                "SELECT doc, segment, title, text FROM segments WHERE id = ?", (key,)).fetchone()
            snippet = highlight(body, query) or highlight(title or "", query) or body[:2 * CONTEXT]
            events = [r[0] for r in self.db.execute(
                "SELECT DISTINCT event_id FROM sources WHERE doc = ? ORDER BY event_id", (doc,))]
            hits.append(Hit(doc, segment, title, snippet, events))
            if len(hits) == limit:
                break
        return hits

    def matching_segments(self, query: Query | None) -> Iterator[int]:
        """Reads segments_fts: the ids of the segments whose title or text match, best first. The
        index gives the segments holding every word; the pattern keeps those where they follow
        one another."""
        if query is None:
            return
        rows = self.db.execute("SELECT rowid, title, text FROM segments_fts WHERE segments_fts MATCH ? ORDER BY rank",
                               (query.match,))
        for key, title, text in rows:
            if query.pattern.search(text) or query.pattern.search(title):
                yield key

"""The store's writes: ingest of pages, copy marking, fusion of pending blocks, quarantine, save.

Every page is keyed by the hash of its content and stored with the events extracted from it
(`page_events`, before fusion). Fusion only ever compares events of one *block* (the sorted
countries of their principals, `fuse.candidates`), so when new pages arrive only their blocks
are re-fused, from the stored page events, and replace the old fused events of those blocks.

>>> from marsad.settings import Settings
>>> with Writer(":memory:") as store:
...     store.ingest([], Settings()).events
0
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from ..copies import copy_of
from ..fuse import block_key as fusion_block  # the store must partition exactly as fuse() blocks
from ..fuse import fuse_guarded
from ..model import Document, Event, Page, SetAside
from ..normalize import fold_word
from ..search import searchable
from ..settings import Settings
from .reading import Reader
from .schema import EVENT_TABLES, json_ids, pad_date

Row = tuple[Event, str, dict[str, Any], str]  # an event, its fusion block, its dict, its JSON


@dataclass(slots=True)
class IngestStats:
    """What one `Store.ingest()` did; `events` is the total in the database afterwards."""

    read: int = 0
    new: int = 0
    skipped: int = 0
    replaced: int = 0
    events: int = 0
    set_aside: int = 0  # events moved to quarantine by this run
    seconds: float = 0.0


def content_hash(page: Page | Document) -> str:
    """sha256 of what was read for the page (the HTML of .html inputs, else the text)."""
    doc = page.document if isinstance(page, Page) else page
    return hashlib.sha256((doc.html or doc.text).encode()).hexdigest()


def _chunks(items: Iterable[Page], size: int) -> Iterator[list[Page]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _row(ev: Event, block: str) -> Row:
    """An event to write: with its fusion block, its dict and its JSON (made once)."""
    d = ev.to_dict()
    return ev, block, d, json.dumps(d, ensure_ascii=False)


def _counted(pages: Iterable[Page], stats: IngestStats,
             progress: Callable[[IngestStats], None] | None) -> Iterator[Page]:
    for page in pages:
        stats.read += 1
        if progress:
            progress(stats)
        yield page


class Writer(Reader):
    """The writing verbs of `Store`: `ingest` (with `known` and `fuse_pending`) and `save`."""

    def known(self, doc: Document) -> bool:
        """Is this content already stored? (`pipeline.pages(skip=...)`: a re-run extracts nothing twice)"""
        return self.db.execute("SELECT 1 FROM documents WHERE hash = ?", (content_hash(doc),)).fetchone() is not None

    def ingest(self, pages: Iterable[Page], settings: Settings, batch: int = 200,
               progress: Callable[[IngestStats], None] | None = None, fuse_every: int = 5000) -> IngestStats:
        """Reads `pages`; writes every table. Each batch of pages is one transaction:

        1 skip pages whose content hash is stored; 2 write the new pages (documents, segments,
        search index, fingerprints, page events), replacing an older version of the same doc;
        3 mark syndicated copies and queue the blocks touched in `pending`; commit.
        4 every `fuse_every` new pages and at the end, `fuse_pending()` the queued blocks. Fusing a
        block costs the same for 1 new page as for 5,000, so it is not done per batch.
        """
        stats, started, fused_at = IngestStats(), time.perf_counter(), 0
        aside_before = self.counts()["quarantine"]
        for chunk in _chunks(_counted(pages, stats, progress), batch):
            with self.transaction() as db:
                new, blocks, prints = self._add_pages(chunk, stats)  # 1, 2
                if new:
                    blocks |= self._mark_duplicates(new, prints, settings)  # 3
                db.executemany("INSERT OR IGNORE INTO pending VALUES (?)", [(b,) for b in blocks])
            if stats.new - fused_at >= fuse_every:
                self.fuse_pending(settings)  # 4
                fused_at = stats.new
            if progress:
                progress(stats)
        self.fuse_pending(settings)  # 4, also finishing the work of a killed run
        counts = self.counts()
        stats.events, stats.set_aside = counts["events"], counts["quarantine"] - aside_before
        stats.seconds = time.perf_counter() - started
        return stats

    def fuse_pending(self, settings: Settings) -> int:
        """Reads/writes `pending` and the event tables: re-fuses the queued blocks in one transaction."""
        with self.transaction() as db:
            blocks = {r[0] for r in db.execute("SELECT block FROM pending")}
            if blocks:
                self._fuse_blocks(blocks, settings)
                db.execute("DELETE FROM pending")
        return len(blocks)

    # -- pages (steps 1-3) -----------------------------------------------------------------

    def _add_pages(self, chunk: list[Page], stats: IngestStats) -> tuple[set[str], set[str], set[str]]:
        """Steps 1-2. Returns the new docs, blocks and fingerprints of replaced versions."""
        new: set[str] = set()
        blocks: set[str] = set()
        prints: set[str] = set()
        for page in chunk:
            digest = content_hash(page)
            if self.db.execute("SELECT 1 FROM documents WHERE hash = ?", (digest,)).fetchone():
                stats.skipped += 1
                continue
            doc = page.document.doc
            if self.db.execute("SELECT 1 FROM documents WHERE doc = ?", (doc,)).fetchone():
                stats.replaced += 1
                old_blocks, old_prints = self._forget(doc)
                blocks |= old_blocks
                prints |= old_prints
            self._write_page(page, digest)
            stats.new += 1
            new.add(doc)
        return new, blocks, prints

    def _write_page(self, page: Page, digest: str) -> None:
        """Writes documents, segments, segments_fts, fingerprints and page_events for one page."""
        d, db = page.document, self.db
        db.execute("INSERT INTO documents (doc, hash, path, url, outlet, published, title, text, html) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (d.doc, digest, d.path, d.url, d.outlet, d.published, d.title, d.text, d.html))
        for n, s in enumerate(page.segments):
            key = db.execute("INSERT INTO segments (doc, segment, title, text, published, published_from, "
                             "outlet, author, url) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             (d.doc, s.index, s.title, s.text, s.published, s.published_from, s.outlet,
                              s.author, s.url)).lastrowid
            db.execute("INSERT INTO segments_fts (rowid, title, text) VALUES (?, ?, ?)",
                       (key, searchable(s.title or ""), page.folded[n] if page.folded else searchable(s.text)))
        db.executemany("INSERT OR IGNORE INTO fingerprints VALUES (?, ?)", [(h, d.doc) for h in page.fingerprints])
        db.executemany("INSERT INTO page_events VALUES (?, ?, ?, ?)",
                       [(d.doc, n, "|".join(fusion_block(ev)), json.dumps(ev.to_dict(), ensure_ascii=False))
                        for n, ev in enumerate(page.events)])

    def _forget(self, doc: str) -> tuple[set[str], set[str]]:
        """Deletes a stored document and what was derived from it; returns its blocks and prints."""
        db = self.db
        blocks = {r[0] for r in db.execute("SELECT block FROM page_events WHERE doc = ?", (doc,))}
        prints = {r[0] for r in db.execute("SELECT print FROM fingerprints WHERE doc = ?", (doc,))}
        db.execute("DELETE FROM segments_fts WHERE rowid IN (SELECT id FROM segments WHERE doc = ?)", (doc,))
        for table in ("segments", "fingerprints", "page_events", "documents"):
            db.execute(f"DELETE FROM {table} WHERE doc = ?", (doc,))
        return blocks, prints

    def _mark_duplicates(self, new: set[str], prints: set[str], settings: Settings) -> set[str]:
        """Step 3: `copies.copy_of` for the new docs and the stored docs whose mark may change.

        A mark depends only on the first doc (in doc order) holding each of the page's paragraph
        prints and on those docs' sizes, so a stored doc is marked again only if it holds a print
        whose first doc is new, or a print of a replaced version (`prints`). Writes
        documents.duplicate_of; returns the blocks of the docs whose mark changed and of the new docs.
        """
        own = self._held(new)
        first = self._first(set().union(prints, *own.values()))
        moved = {h for h, doc in first.items() if doc in new} | prints
        touched = new | {r[0] for r in self.db.execute("SELECT DISTINCT doc FROM fingerprints WHERE print IN "
                                                         "(SELECT value FROM json_each(?))", (json_ids(moved),))}
        held = own | self._held(touched - new)
        first = self._first(set().union(*held.values()))
        size = {doc: len(hs) for doc, hs in self._held(set(first.values())).items()}
        marks = {doc: copy_of(doc, held.get(doc, set()), first, size, settings.duplicate_overlap) for doc in touched}
        before = dict(self.db.execute("SELECT doc, duplicate_of FROM documents "
                                      "WHERE doc IN (SELECT value FROM json_each(?))", (json_ids(touched),)))
        changed = {doc for doc in touched if before.get(doc) != marks[doc]} | new
        self.db.executemany("UPDATE documents SET duplicate_of = ? WHERE doc = ?", [(marks[doc], doc) for doc in changed])
        return {r[0] for r in self.db.execute("SELECT DISTINCT block FROM page_events "
                                              "WHERE doc IN (SELECT value FROM json_each(?))", (json_ids(changed),))}

    def _held(self, docs: set[str]) -> dict[str, set[str]]:
        """Reads fingerprints: the paragraph prints of each doc."""
        held: dict[str, set[str]] = {}
        for doc, h in self.db.execute("SELECT doc, print FROM fingerprints WHERE doc IN "
                                      "(SELECT value FROM json_each(?))", (json_ids(docs),)):
            held.setdefault(doc, set()).add(h)
        return held

    def _first(self, prints: set[str]) -> dict[str, str]:
        """Reads fingerprints: the first doc (in doc order) holding each print."""
        return dict(self.db.execute("SELECT print, min(doc) FROM fingerprints WHERE print IN "
                                    "(SELECT value FROM json_each(?)) GROUP BY print", (json_ids(prints),)))

    # -- fusion (step 4) and quarantine ----------------------------------------------------

    def _fuse_blocks(self, blocks: set[str], settings: Settings) -> None:
        """Step 4: fuse every stored page event of `blocks`; replace those blocks' fused events."""
        raw, block_of, row_of = [], {}, []
        rows = self.db.execute("SELECT p.doc, p.n, p.json, p.block, d.duplicate_of FROM page_events p JOIN documents d "
                               "USING (doc) WHERE p.block IN (SELECT value FROM json_each(?)) "
                               "ORDER BY p.doc, p.n", (json_ids(blocks),))
        for doc, n, text, block, duplicate_of in rows:
            try:
                ev = Event.from_dict(json.loads(text))
            except (ValueError, KeyError, TypeError) as err:
                self._quarantine(doc, n, SetAside(doc, "store", f"unreadable page event: {err}", {"json": text}))
                continue
            for src in ev.sources:
                src.duplicate_of = duplicate_of
            raw.append(ev)
            block_of[id(ev)] = block
            row_of.append((doc, n))
        fused, aside = fuse_guarded(raw, settings)
        for item in aside:
            self._quarantine(*row_of[item.position or 0], item)
        self._replace_fused(fused, [block_of.get(id(ev)) or "|".join(fusion_block(ev)) for ev in fused], blocks)

    def _quarantine(self, doc: str, n: int, item: SetAside) -> None:
        """Moves one page event out of page_events into quarantine."""
        self.db.execute("INSERT INTO quarantine (doc, stage, reason, json) VALUES (?, ?, ?, ?)",
                        (item.doc, item.stage, item.reason, json.dumps(item.event, ensure_ascii=False)))
        self.db.execute("DELETE FROM page_events WHERE doc = ? AND n = ?", (doc, n))

    def _replace_fused(self, fused: list[Event], blocks_of: list[str], blocks: set[str]) -> None:
        """Makes the fused events of `blocks` equal `fused`, writing only what changed."""
        old: dict[str, list[int]] = {}
        for key, text in self.db.execute("SELECT key, json FROM events WHERE fused = 1 AND block IN "
                                         "(SELECT value FROM json_each(?))", (json_ids(blocks),)):
            old.setdefault(text, []).append(key)
        changed = []
        for ev, block in zip(fused, blocks_of, strict=True):
            row = _row(ev, block)
            same = old.get(row[3])
            if same:
                same.pop()  # stored exactly so: keep that row
            else:
                changed.append(row)
        gone = [key for keys in old.values() for key in keys]
        self._delete_events("key IN (SELECT value FROM json_each(?))", (json.dumps(gone),))
        self._write_events(changed, fused=True)

    # -- events ----------------------------------------------------------------------------

    def save(self, events: Iterable[Event]) -> None:
        """Writes events as given (no fusion), replacing stored events with the same ids.

        For events that do not come from pages (e.g. an imported JSONL file): `ingest()`
        keeps its own fused events apart (`events.fused = 1`) and never deletes these.
        """
        events = list(events)
        with self.transaction():
            self._delete_events("id IN (SELECT value FROM json_each(?))", (json_ids(e.id for e in events),))
            self._write_events([_row(ev, "|".join(fusion_block(ev))) for ev in events], fused=False)

    def _delete_events(self, where: str, params: tuple[Any, ...]) -> None:
        """Deletes the events matching `where` and their rows in the child tables."""
        keys = json.dumps([r[0] for r in self.db.execute(f"SELECT key FROM events WHERE {where}", params)])
        for table in EVENT_TABLES:
            self.db.execute(f"DELETE FROM {table} WHERE event_key IN (SELECT value FROM json_each(?))", (keys,))
        self.db.execute("DELETE FROM events WHERE key IN (SELECT value FROM json_each(?))", (keys,))

    def _write_events(self, rows: list[Row], fused: bool) -> None:
        """Writes events (event, block, its dict, its JSON) and their participants, sources, topics
        and conflicts."""
        db = self.db
        for ev, block, d, text in rows:
            lo, hi = (pad_date(ev.date, True), pad_date(ev.date, False)) if ev.date else (None, None)
            key = db.execute(
                "INSERT INTO events (id, kind, date, date_lo, date_hi, city, country, confidence, date_how, "
                "block, fused, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (ev.id, ev.kind, ev.date, lo, hi, ev.location.city, ev.location.country, d["confidence"],
                 ev.date_how, block, int(fused), text)).lastrowid
            head = (key, ev.id)
            db.executemany("INSERT INTO participants VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           [(*head, n, p.role, p.name, p.title, p.country, p.organization, p.sector,
                             fold_word(p.name or "")) for n, p in enumerate(ev.participants)])
            db.executemany("INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           [(*head, n, s.doc, s.segment, s.start, s.end, s.evidence, s.outlet, s.duplicate_of)
                            for n, s in enumerate(ev.sources)])
            db.executemany("INSERT INTO topics VALUES (?, ?, ?)", [(*head, t) for t in ev.topics])
            db.executemany("INSERT INTO conflicts VALUES (?, ?, ?, ?)",
                           [(*head, c.get("field"), json.dumps(c, ensure_ascii=False)) for c in ev.conflicts])

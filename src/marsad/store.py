"""Step 5 of the pipeline: the SQLite store. Pages in, fused events and full-text search out.

Problem: a corpus grows page by page, runs get killed, and the same folder is loaded twice.
Idea: every page is keyed by the hash of its content and stored with the events extracted from
it (`page_events`, before fusion). Fusion only ever compares events of one *block* (the sorted
countries of their principals, `fuse.candidates`), so when new pages arrive only their blocks
are re-fused, from the stored page events, and replace the old fused events of those blocks.
The result is the same as fusing every page at once, whatever the batches, order or kills.

>>> from marsad.store import Store
>>> with Store(":memory:") as store:
...     store.counts()["events"]
0

Limits: a page whose content is already stored under another name is skipped (it adds no
source); a page stored again under its old name with new content replaces the old version.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from .copies import copy_of
from .fuse import block_key as fusion_block  # the store must partition exactly as fuse() blocks
from .fuse import fuse_guarded
from .model import Document, Event, Page, SetAside
from .normalize import fold_word
from .search import CONTEXT, Query, highlight, searchable
from .settings import Settings

MIGRATIONS: list[tuple[str, str]] = [
    ("0001_documents", """
CREATE TABLE documents (
  doc TEXT PRIMARY KEY, hash TEXT NOT NULL UNIQUE, path TEXT, url TEXT, outlet TEXT,
  published TEXT, title TEXT, text TEXT, html TEXT, duplicate_of TEXT,
  added TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now')));
CREATE TABLE segments (
  id INTEGER PRIMARY KEY, doc TEXT NOT NULL, segment INTEGER NOT NULL, title TEXT,
  text TEXT NOT NULL, published TEXT, published_from TEXT, outlet TEXT, author TEXT, url TEXT,
  UNIQUE (doc, segment));
CREATE TABLE fingerprints (print TEXT NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (print, doc)) WITHOUT ROWID;
CREATE INDEX fingerprints_doc ON fingerprints (doc);
"""),
    ("0002_events", """
CREATE TABLE page_events (
  doc TEXT NOT NULL, n INTEGER NOT NULL, block TEXT NOT NULL, json TEXT NOT NULL, PRIMARY KEY (doc, n));
CREATE INDEX page_events_block ON page_events (block);
CREATE TABLE pending (block TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE events (
  key INTEGER PRIMARY KEY, id TEXT NOT NULL, kind TEXT NOT NULL, date TEXT, date_lo TEXT, date_hi TEXT,
  city TEXT, country TEXT, confidence REAL, date_how TEXT, block TEXT, fused INTEGER NOT NULL,
  json TEXT NOT NULL);
CREATE INDEX events_id ON events (id);
CREATE INDEX events_block ON events (block, fused);
CREATE INDEX events_date ON events (date_lo);
CREATE TABLE participants (
  event_key INTEGER NOT NULL, event_id TEXT NOT NULL, n INTEGER NOT NULL, role TEXT, name TEXT,
  title TEXT, country TEXT, organization TEXT, sector TEXT, folded_name TEXT);
CREATE INDEX participants_event ON participants (event_key);
CREATE INDEX participants_country ON participants (country);
CREATE TABLE sources (
  event_key INTEGER NOT NULL, event_id TEXT NOT NULL, n INTEGER NOT NULL, doc TEXT NOT NULL,
  segment INTEGER, start INTEGER, "end" INTEGER, evidence TEXT, outlet TEXT, duplicate_of TEXT);
CREATE INDEX sources_event ON sources (event_key);
CREATE INDEX sources_doc ON sources (doc);
CREATE TABLE topics (event_key INTEGER NOT NULL, event_id TEXT NOT NULL, topic TEXT NOT NULL);
CREATE INDEX topics_event ON topics (event_key);
CREATE INDEX topics_topic ON topics (topic);
CREATE TABLE conflicts (event_key INTEGER NOT NULL, event_id TEXT NOT NULL, field TEXT, json TEXT);
CREATE INDEX conflicts_event ON conflicts (event_key);
"""),
    ("0003_search", """
CREATE VIRTUAL TABLE segments_fts USING fts5 (title, text, tokenize = 'trigram');
"""),
    # A word index: a third of the trigram index's cost to write, and proclitics are handled by
    # the query (marsad.search); rebuilt from the stored segments (`searchable` is registered as
    # marsad_searchable on every connection).
    ("0004_search_words", """
DROP TABLE segments_fts;
CREATE VIRTUAL TABLE segments_fts USING fts5 (title, text, tokenize = 'unicode61 remove_diacritics 0');
INSERT INTO segments_fts (rowid, title, text)
  SELECT id, marsad_searchable(coalesce(title, '')), marsad_searchable(text) FROM segments;
"""),
    # Events that broke fusion (or were unsound), moved out of page_events so that no later run
    # meets them again; `marsad quarantine` lists them.
    ("0005_quarantine", """
CREATE TABLE quarantine (
  doc TEXT NOT NULL, stage TEXT NOT NULL, reason TEXT NOT NULL, json TEXT NOT NULL,
  added TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now')));
"""),
]
EVENT_TABLES = ("participants", "sources", "topics", "conflicts")


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


def content_hash(page: Page | Document) -> str:
    """sha256 of what was read for the page (the HTML of .html inputs, else the text)."""
    doc = page.document if isinstance(page, Page) else page
    return hashlib.sha256((doc.html or doc.text).encode()).hexdigest()


def _ids(values: Iterable[str]) -> str:
    """A list as one JSON parameter, read in SQL with `IN (SELECT value FROM json_each(?))`."""
    return json.dumps(sorted(set(values)))


def _statements(sql: str) -> Iterator[str]:
    """The complete statements of a script (semicolons inside strings or triggers kept)."""
    buf = ""
    for part in sql.split(";"):
        buf += part + ";"
        if sqlite3.complete_statement(buf):
            if buf.strip(" \n;"):
                yield buf.strip()
            buf = ""


def _chunks(items: Iterable[Page], size: int) -> Iterator[list[Page]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _row(ev: Event, block: str) -> tuple[Event, str, dict[str, Any], str]:
    """An event to write: with its fusion block, its dict and its JSON (made once)."""
    d = ev.to_dict()
    return ev, block, d, json.dumps(d, ensure_ascii=False)


def _pad(date: str, low: bool) -> str:
    """A partial ISO date as the first ("2025-01" -> "2025-01-01") or a last-sorting day."""
    return (date + ("-01-01" if low else "-99-99"))[:10]


NOT_MARSAD = "not a marsad database (no marsad tables; `marsad ingest` makes one)"


class StoreError(sqlite3.OperationalError):
    """A database that cannot be opened as asked; `reason` is one line, for `marsad: PATH: reason`.

    An sqlite3.OperationalError, so whoever catches SQLite's errors catches it too.
    """

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path, self.reason = path, reason


class OutdatedStore(StoreError):
    """A marsad database missing migrations (`missing`), opened read-only, which cannot apply them."""

    def __init__(self, path: str, missing: list[str]):
        self.missing = missing
        super().__init__(path, f"written by an older marsad (missing {', '.join(missing)}): "
                               "`marsad events` on it migrates it")


def open_error(path: str, err: sqlite3.Error) -> str:
    """Why SQLite could not use the file at `path`, in one line.

    >>> open_error("/no/such/dir/x.db", sqlite3.OperationalError("unable to open database file"))
    'no such directory: /no/such/dir'
    """
    if isinstance(err, StoreError):
        return err.reason
    file, message = Path(path), (str(err).splitlines() or [type(err).__name__])[0]
    folder = file.absolute().parent
    if file.is_dir():
        return "is a directory, not a database file"
    if not folder.is_dir():
        return f"no such directory: {folder}"
    if not file.exists():
        return "no such database" + ("" if os.access(folder, os.W_OK) else ", and no permission to create one here")
    if not os.access(file, os.R_OK):
        return "permission denied"
    if message == "file is not a database":
        return "not an SQLite database"
    if "readonly" in message:
        return "read-only: no permission to write " + ("the file" if not os.access(file, os.W_OK) else "its directory")
    return message


def _connect_read_only(path: str) -> sqlite3.Connection:
    """`file:PATH?mode=ro`; `&immutable=1` when the directory is read-only to us and cannot take
    the -shm file a WAL database needs (the file is then read as it is: a concurrent write by
    someone allowed to write there would not be seen consistently)."""
    uri = Path(path).absolute().as_uri() + "?mode=ro"
    db = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=60)
    try:
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return db
    except sqlite3.OperationalError:
        db.close()
        if os.access(Path(path).absolute().parent, os.W_OK) or not os.access(path, os.R_OK):
            raise
    return sqlite3.connect(uri + "&immutable=1", uri=True, isolation_level=None)


class Store:
    """A SQLite file of documents, segments and fused events (WAL mode, named migrations).

    >>> store = Store(":memory:")
    >>> [name for name, _ in MIGRATIONS] == store.migrations()
    True
    """

    def __init__(self, path: str = "marsad.db", read_only: bool = False):
        """Opens the database at `path` for writing: created and migrated if need be, and refused
        at once (StoreError) when SQLite may only read it, rather than at the first page written.

        `read_only=True` opens `file:PATH?mode=ro` and writes nothing, not even the schema: a file
        without marsad's tables is refused (StoreError), so is one missing migrations
        (OutdatedStore). An in-memory store is created, then made read-only.
        """
        self.path, self.read_only = path, read_only
        try:
            self.db = (_connect_read_only(path) if read_only and path != ":memory:"
                       else sqlite3.connect(path, isolation_level=None, timeout=60))
        except sqlite3.Error as err:
            raise StoreError(path, open_error(path, err)) from err
        try:
            self._prepare()
        except BaseException as err:
            self.db.close()
            if isinstance(err, sqlite3.Error) and not isinstance(err, StoreError):
                raise StoreError(path, open_error(path, err)) from err
            raise

    def _prepare(self) -> None:
        """Read-only: checks the schema. Else: WAL, migrations, and a write probe."""
        self.db.create_function("marsad_searchable", 1, searchable, deterministic=True)
        if self.read_only and self.path != ":memory:":
            self._check_schema()
        else:
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA synchronous = NORMAL")  # WAL + NORMAL: a killed process loses nothing committed
            self.migrate()
            if not self.read_only:
                self._check_writable()
        if self.read_only:
            self.db.execute("PRAGMA query_only = ON")

    def _check_schema(self) -> None:
        """Refuses a file without marsad's tables, or missing migrations (read-only cannot add them)."""
        tables = {r[0] for r in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "migrations" not in tables:
            raise StoreError(self.path, NOT_MARSAD)
        missing = [name for name, _ in MIGRATIONS if name not in self.migrations()]
        if missing:
            raise OutdatedStore(self.path, missing)

    def _check_writable(self) -> None:
        """SQLite opens a file it may not write read-only without a word: ask it to write now."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            self.db.execute("DELETE FROM migrations WHERE 0")
        finally:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error (also KeyboardInterrupt)."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def migrations(self) -> list[str]:
        """Names of the applied migrations, in order."""
        return [r[0] for r in self.db.execute("SELECT name FROM migrations ORDER BY rowid")]

    def migrate(self) -> list[str]:
        """Reads/writes `migrations`: applies each missing migration in its own transaction."""
        self.db.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied TEXT NOT NULL)")
        done = []
        for name, sql in MIGRATIONS:
            if name in self.migrations():
                continue
            with self.transaction() as db:
                if db.execute("SELECT 1 FROM migrations WHERE name = ?", (name,)).fetchone():
                    continue  # another process applied it while we waited for the lock
                for statement in _statements(sql):
                    db.execute(statement)
                db.execute("INSERT INTO migrations VALUES (?, strftime('%Y-%m-%dT%H:%M:%S', 'now'))", (name,))
            done.append(name)
        return done

    def counts(self) -> dict[str, int]:
        """Rows in the main tables."""
        tables = ("documents", "segments", "events", "participants", "sources", "topics", "quarantine")
        return {t: self.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}

    # -- ingest ----------------------------------------------------------------------------

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
        for chunk in _chunks(self._counted(pages, stats, progress), batch):
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

    @staticmethod
    def _counted(pages: Iterable[Page], stats: IngestStats,
                 progress: Callable[[IngestStats], None] | None) -> Iterator[Page]:
        for page in pages:
            stats.read += 1
            if progress:
                progress(stats)
            yield page

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
                                                         "(SELECT value FROM json_each(?))", (_ids(moved),))}
        held = own | self._held(touched - new)
        first = self._first(set().union(*held.values()))
        size = {doc: len(hs) for doc, hs in self._held(set(first.values())).items()}
        marks = {doc: copy_of(doc, held.get(doc, set()), first, size, settings.duplicate_overlap) for doc in touched}
        before = dict(self.db.execute("SELECT doc, duplicate_of FROM documents "
                                      "WHERE doc IN (SELECT value FROM json_each(?))", (_ids(touched),)))
        changed = {doc for doc in touched if before.get(doc) != marks[doc]} | new
        self.db.executemany("UPDATE documents SET duplicate_of = ? WHERE doc = ?", [(marks[doc], doc) for doc in changed])
        return {r[0] for r in self.db.execute("SELECT DISTINCT block FROM page_events "
                                              "WHERE doc IN (SELECT value FROM json_each(?))", (_ids(changed),))}

    def _held(self, docs: set[str]) -> dict[str, set[str]]:
        """Reads fingerprints: the paragraph prints of each doc."""
        held: dict[str, set[str]] = {}
        for doc, h in self.db.execute("SELECT doc, print FROM fingerprints WHERE doc IN "
                                      "(SELECT value FROM json_each(?))", (_ids(docs),)):
            held.setdefault(doc, set()).add(h)
        return held

    def _first(self, prints: set[str]) -> dict[str, str]:
        """Reads fingerprints: the first doc (in doc order) holding each print."""
        return dict(self.db.execute("SELECT print, min(doc) FROM fingerprints WHERE print IN "
                                    "(SELECT value FROM json_each(?)) GROUP BY print", (_ids(prints),)))

    def _fuse_blocks(self, blocks: set[str], settings: Settings) -> None:
        """Step 4: fuse every stored page event of `blocks`; replace those blocks' fused events."""
        raw, block_of, row_of = [], {}, []
        rows = self.db.execute("SELECT p.doc, p.n, p.json, p.block, d.duplicate_of FROM page_events p JOIN documents d "
                               "USING (doc) WHERE p.block IN (SELECT value FROM json_each(?)) "
                               "ORDER BY p.doc, p.n", (_ids(blocks),))
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

    def quarantined(self) -> list[SetAside]:
        """Reads quarantine: every event set aside, oldest first."""
        return [SetAside(doc, stage, reason, json.loads(text)) for doc, stage, reason, text in
                self.db.execute("SELECT doc, stage, reason, json FROM quarantine ORDER BY rowid")]

    def _replace_fused(self, fused: list[Event], blocks_of: list[str], blocks: set[str]) -> None:
        """Makes the fused events of `blocks` equal `fused`, writing only what changed."""
        old: dict[str, list[int]] = {}
        for key, text in self.db.execute("SELECT key, json FROM events WHERE fused = 1 AND block IN "
                                         "(SELECT value FROM json_each(?))", (_ids(blocks),)):
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
            self._delete_events("id IN (SELECT value FROM json_each(?))", (_ids(e.id for e in events),))
            self._write_events([_row(ev, "|".join(fusion_block(ev))) for ev in events], fused=False)

    def _delete_events(self, where: str, params: tuple[Any, ...]) -> None:
        """Deletes the events matching `where` and their rows in the child tables."""
        keys = json.dumps([r[0] for r in self.db.execute(f"SELECT key FROM events WHERE {where}", params)])
        for table in EVENT_TABLES:
            self.db.execute(f"DELETE FROM {table} WHERE event_key IN (SELECT value FROM json_each(?))", (keys,))
        self.db.execute("DELETE FROM events WHERE key IN (SELECT value FROM json_each(?))", (keys,))

    def _write_events(self, rows: list[tuple[Event, str, dict[str, Any], str]], fused: bool) -> None:
        """Writes events (event, block, its dict, its JSON) and their participants, sources, topics
        and conflicts."""
        db = self.db
        for ev, block, d, text in rows:
            lo, hi = (_pad(ev.date, True), _pad(ev.date, False)) if ev.date else (None, None)
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

    def events(self, person: str | None = None, country: str | None = None, topic: str | None = None,
               kind: str | None = None, since: str | None = None, until: str | None = None,
               outlet: str | None = None) -> list[Event]:
        """Reads events: every filter given must hold; ordered by date then id.

        `person` is part of a participant's name (folded); `country` a participant's or the
        place's ISO3; `since`/`until` are YYYY[-MM[-DD]] and keep partial dates that overlap.
        """
        where, params = ["1"], []
        sub = "e.key IN (SELECT event_key FROM {} WHERE {})"
        filters = [
            (kind, "e.kind = ?", kind),
            (person, sub.format("participants", "instr(folded_name, ?) > 0"), fold_word(person or "")),
            (topic, sub.format("topics", "topic = ?"), topic),
            (outlet, sub.format("sources", "instr(lower(outlet), ?) > 0"), (outlet or "").lower()),
            (since, "e.date_hi >= ?", _pad(since or "", True)),
            (until, "e.date_lo <= ?", _pad(until or "", False)),
        ]
        for value, clause, param in filters:
            if value:
                where.append(clause)
                params.append(param)
        if country:
            where.append("(e.country = ? OR " + sub.format("participants", "country = ?") + ")")
            params += [country.upper()] * 2
        sql = f"SELECT json FROM events e WHERE {' AND '.join(where)} ORDER BY coalesce(e.date, '9999'), e.id"
        return [Event.from_dict(json.loads(r[0])) for r in self.db.execute(sql, params)]

    def event(self, event_id: str) -> Event | None:
        """Reads one event by id (None when unknown)."""
        row = self.db.execute("SELECT json FROM events WHERE id = ? ORDER BY key LIMIT 1", (event_id,)).fetchone()
        return Event.from_dict(json.loads(row[0])) if row else None

    def document(self, doc: str) -> dict[str, Any] | None:
        """Reads a stored document's metadata (no text)."""
        row = self.db.execute("SELECT doc, path, url, outlet, published, title, duplicate_of, added "
                              "FROM documents WHERE doc = ?", (doc,)).fetchone()
        names = ("doc", "path", "url", "outlet", "published", "title", "duplicate_of", "added")
        return dict(zip(names, row, strict=True)) if row else None

    # -- search ----------------------------------------------------------------------------

    def search(self, text: str | Query, limit: int = 20) -> list[Hit]:
        """Reads segments_fts: segments matching `text` (see `marsad.search`), best first.

        >>> Store(":memory:").search("الاتجار بالبشر")
        []
        """
        query = Query.parse(text) if isinstance(text, str) else text
        hits: list[Hit] = []
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

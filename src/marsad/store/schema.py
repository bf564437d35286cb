"""The store's schema: the named migrations, opening a file (to write, or read-only) and its errors.

`Database` holds the connection: it opens the file, applies the missing migrations (each in its
own transaction with its row in `migrations`) or, read-only, refuses a file without marsad's
tables or with migrations missing. The verbs that read and write are in reading.py and writing.py.

>>> with Database(":memory:") as db:
...     db.migrations() == [name for name, _ in MIGRATIONS]
True
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Self

from ..search import searchable

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
EVENT_TABLES = ("participants", "sources", "topics", "conflicts")  # an event's child rows, by event_key
NOT_MARSAD = "not a marsad database (no marsad tables; `marsad ingest` makes one)"


def json_ids(values: Iterable[str]) -> str:
    """A list as one JSON parameter, read in SQL with `IN (SELECT value FROM json_each(?))`."""
    return json.dumps(sorted(set(values)))


def pad_date(date: str, low: bool) -> str:
    """A partial ISO date as the first or a last-sorting day: `events.date_lo` / `date_hi`.

    >>> pad_date("2025-01", True), pad_date("2025", False)
    ('2025-01-01', '2025-99-99')
    """
    return (date + ("-01-01" if low else "-99-99"))[:10]


def _statements(sql: str) -> Iterator[str]:
    """The complete statements of a script (semicolons inside strings or triggers kept)."""
    buf = ""
    for part in sql.split(";"):
        buf += part + ";"
        if sqlite3.complete_statement(buf):
            if buf.strip(" \n;"):
                yield buf.strip()
            buf = ""


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


def _when_unlocked(step: Callable[[], object], seconds: float = 60.0) -> None:
    """Runs `step`, again while SQLite answers "database is locked" without waiting for it: turning
    a new file to WAL needs it to itself, and a second process creating the same file at the same
    moment is told so at once, not after the connection's timeout."""
    deadline, pause = time.monotonic() + seconds, 0.01
    while True:
        try:
            step()
            return
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) or time.monotonic() > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.5)


class Database:
    """The connection to a marsad SQLite file (WAL mode, named migrations); `Store`'s base."""

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
            _when_unlocked(lambda: self.db.execute("PRAGMA journal_mode = WAL"))
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

    def __enter__(self) -> Self:
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

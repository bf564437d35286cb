"""Step 5 of the pipeline: the SQLite store. Pages in, fused events and full-text search out.

Problem: a corpus grows page by page, runs get killed, and the same folder is loaded twice.
Idea: every page is keyed by the hash of its content and stored with the events extracted from
it (`page_events`, before fusion). Fusion only ever compares events of one *block* (the sorted
countries of their principals, `fuse.candidates`), so when new pages arrive only their blocks
are re-fused, from the stored page events, and replace the old fused events of those blocks.
The result is the same as fusing every page at once, whatever the batches, order or kills.

One class, `Store`, in three modules: `schema` (migrations, opening, errors), `writing` (ingest,
copies, fusion, quarantine, save) and `reading` (events, search, counts).

>>> from marsad.store import Store
>>> with Store(":memory:") as store:
...     store.counts()["events"]
0

Limits: a page whose content is already stored under another name is skipped (it adds no
source); a page stored again under its old name with new content replaces the old version.
"""

from __future__ import annotations

from .reading import Hit
from .schema import EVENT_TABLES, MIGRATIONS, NOT_MARSAD, OutdatedStore, StoreError, open_error
from .writing import IngestStats, Writer, content_hash

__all__ = ["EVENT_TABLES", "MIGRATIONS", "NOT_MARSAD", "Hit", "IngestStats", "OutdatedStore", "Store",
           "StoreError", "content_hash", "open_error"]


class Store(Writer):
    """A SQLite file of documents, segments and fused events (WAL mode, named migrations).

    `Store(path)` opens (creates, migrates) the file; `Store(path, read_only=True)` only reads it.
    Writing: `ingest`, `fuse_pending`, `save`; reading: `events`, `event`, `document`, `search`,
    `counts`, `quarantined`.

    >>> store = Store(":memory:")
    >>> [name for name, _ in MIGRATIONS] == store.migrations()
    True
    """

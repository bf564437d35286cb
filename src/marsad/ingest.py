"""Reading inputs (spec §1): paths, directories, .txt/.html/.jsonl (and their .gz) -> Documents.

`read_inputs()` yields `Document`s and `InputError`s in input order; it never raises for a bad
file or record, so one bad page cannot stop a run or lose the others' results. Nothing is
skipped without a line: unreadable folders, special files (FIFOs, devices, sockets), broken
links, link loops and repeated documents are reported.

A document's identity (`Document.doc`) is its file name, or its path below the folder given for
a file in a subfolder (`a/index.html`, `b/index.html`), or a JSON Lines record's `id`. Two inputs
that would share one identity keep apart: the later one is named by its path (or `id@file:line`),
and a message says so; an input whose content repeats an earlier one of the run is reported
and read once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .encodings import GZIP_MAGIC, decode, gunzip, read_capped
from .model import Document, InputError
from .settings import Settings

SUFFIXES = {".txt", ".html", ".htm", ".jsonl"}
DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}")
SPECIAL = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
           (stat.S_ISSOCK, "a socket"))
SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(slots=True, frozen=True)
class Input:
    """One file to read and the identity its document takes."""

    path: Path
    doc: str


def kind(name: str) -> str | None:
    """".txt", ".html", ".htm" or ".jsonl" for an input name (a trailing ".gz" is looked through)."""
    name = name.lower().removesuffix(".gz")
    suffix = os.path.splitext(name)[1]
    return suffix if suffix in SUFFIXES else None


def discover(paths: Iterable[str]) -> Iterator[Input | InputError]:
    """Every input file under `paths`, sorted within each directory; symlinked folders followed
    once (a link loop, or a folder reached twice, is reported)."""
    seen: set[tuple[int, int]] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path, path, seen)
        elif path.exists():
            yield Input(path, path.name)
        elif path.is_symlink():
            yield InputError(raw, "broken link")
        else:
            yield InputError(raw, "no such file or directory")


def _walk(folder: Path, root: Path, seen: set[tuple[int, int]]) -> Iterator[Input | InputError]:
    info = folder.stat()
    if (info.st_dev, info.st_ino) in seen:
        yield InputError(str(folder), "folder already read (a link loop or a second link to it): skipped")
        return
    seen.add((info.st_dev, info.st_ino))
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as err:
        yield InputError(str(folder), f"unreadable folder ({err.strerror or err}): skipped")
        return
    for entry in entries:
        path = Path(entry.path)
        try:
            if entry.is_dir():
                yield from _walk(path, root, seen)
            elif kind(entry.name) is None:
                continue
            elif entry.is_file():
                yield Input(path, path.relative_to(root).as_posix())
            elif entry.is_symlink() and not path.exists():
                yield InputError(str(path), "broken link: skipped")
            else:
                yield InputError(str(path), f"not a regular file ({_special(path)}): skipped")
        except OSError as err:
            yield InputError(str(path), f"unreadable ({err.strerror or err}): skipped")


def _special(path: Path) -> str:
    mode = path.stat().st_mode
    return next((what for test, what in SPECIAL if test(mode)), "not a file")


def read_bytes(path: Path, settings: Settings) -> bytes:
    """A file's content, gunzipped, at most `max_file_bytes` (the cap counts what is read)."""
    with path.open("rb") as f:
        data = read_capped(f, settings.max_file_bytes)
    if data.startswith(GZIP_MAGIC):
        data = gunzip(data, settings.max_file_bytes)
    return data


def read_file(path: Path, settings: Settings, doc: str | None = None) -> Iterator[Document | InputError]:
    """One input file -> its documents (one for .txt/.html, one per line for .jsonl)."""
    name = str(path)
    try:
        text = decode(read_bytes(path, settings))
    except ValueError as err:
        yield InputError(name, str(err))
        return
    except OSError as err:
        yield InputError(name, f"{err.__class__.__name__}: {err.strerror or err}")
        return
    suffix = kind(path.name) or ".txt"
    if suffix == ".jsonl":
        yield from read_jsonl(path, text, settings)
        return
    long_line = next((i for i, ln in enumerate(text.splitlines(), 1) if len(ln) > settings.max_line_chars), None)
    if long_line:
        yield InputError(name, f"line longer than {settings.max_line_chars} characters", long_line)
        return
    doc = doc or path.name
    if suffix in {".html", ".htm"}:
        yield Document(doc=doc, html=text, path=name)
    else:
        yield Document(doc=doc, text=text, path=name)


def read_jsonl(path: Path, text: str, settings: Settings) -> Iterator[Document | InputError]:
    """One document per JSON line; a bad line is one error, a bad field one error for its line
    (the record's valid fields are kept)."""
    name = str(path)
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        if len(line) > settings.max_line_chars * 10:
            yield InputError(name, "line too long", number)
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield InputError(name, f"invalid JSON ({err.msg}, column {err.colno})", number)
            continue
        except (RecursionError, ValueError) as err:  # nested too deep; a number of too many digits
            reason = "nested too deep" if isinstance(err, RecursionError) else str(err).split(";")[0]
            yield InputError(name, f"invalid JSON ({reason})", number)
            continue
        if not isinstance(record, dict):
            yield InputError(name, "a record must be a JSON object", number)
            continue
        fields, problems = record_fields(record)
        if not (fields.get("text") or fields.get("html")):
            problems.append('a record needs a "text" or "html" string')
            yield InputError(name, "; ".join(problems), number)
            continue
        if problems:
            yield InputError(name, "; ".join(problems) + " (the record's other fields are read)", number)
        yield Document(doc=fields.get("id") or f"{path.name}:{number}", text=fields.get("text") or "",
                       html=fields.get("html"), path=name, url=fields.get("url"), outlet=fields.get("source"),
                       title=fields.get("title"), published=fields.get("published"), line=number)


def record_fields(record: dict[str, Any]) -> tuple[dict[str, str], list[str]]:
    """The valid fields of a JSON Lines record (spec §1) and one phrase per invalid one."""
    fields: dict[str, str] = {}
    problems: list[str] = []
    for key in ("id", "url", "source", "published", "title", "text", "html"):
        value = record.get(key)
        if value is None:
            continue
        if key == "id" and isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            problems.append(f'"{key}" must be a string, not {_json_type(value)}: ignored')
            continue
        if SURROGATE.search(value):
            problems.append(f'"{key}" has a lone surrogate: replaced by U+FFFD')
            value = SURROGATE.sub("\ufffd", value)
        if key == "published":
            if not _valid_date(value):
                problems.append(f'"published" is not a date ({value[:20]!r}): ignored')
                continue
            value = value[:10]
        fields[key] = value
    return fields, problems


def _json_type(value: object) -> str:
    names = {bool: "a boolean", int: "a number", float: "a number", list: "a list", dict: "an object"}
    return names.get(type(value), type(value).__name__)


def _valid_date(value: str) -> bool:
    if not DATE_PREFIX.match(value):
        return False
    try:
        dt.date.fromisoformat(value[:10])
    except ValueError:
        return False
    return True


class Identities:
    """Keeps document identities apart within a run, and spots repeated content."""

    def __init__(self) -> None:
        self.owner: dict[str, str] = {}  # doc -> where it was read (path, or path:line)
        self.content: dict[str, str] = {}  # content hash -> the first doc with it

    def admit(self, doc: Document) -> tuple[Document | None, InputError | None]:
        """The document under an identity of its own (None when it repeats an earlier one),
        and the message to give."""
        where = f"{doc.path}:{doc.line}" if doc.line else (doc.path or doc.doc)
        digest = hashlib.sha256((doc.html or doc.text).encode("utf-8", "surrogatepass")).hexdigest()
        first = self.content.get(digest)
        if first is not None and doc.doc in {first, self.owner.get(first)}:
            return None, InputError(doc.path or doc.doc, f"repeats {first} (same identity and content): read once",
                                    doc.line)
        note = None
        if doc.doc in self.owner:
            old = doc.doc
            doc.doc = f"{old}@{Path(doc.path or '').name}:{doc.line}" if doc.line else (doc.path or old)
            n = 2
            while doc.doc in self.owner:
                doc.doc, n = f"{doc.doc}#{n}", n + 1
            note = InputError(doc.path or old, f"{old!r} is already the identity of {self.owner[old]}: "
                                               f"read as {doc.doc!r}", doc.line)
        self.owner[doc.doc] = where
        self.content.setdefault(digest, doc.doc)
        return doc, note


def read_inputs(paths: Iterable[str], settings: Settings) -> Iterator[Document | InputError]:
    """Step 1 of the pipeline: every document of every input, and every input error."""
    names = Identities()
    for item in discover(paths):
        if isinstance(item, InputError):
            yield item
            continue
        for doc in read_file(item.path, settings, item.doc):
            if isinstance(doc, InputError):
                yield doc
                continue
            kept, note = names.admit(doc)
            if note is not None:
                yield note
            if kept is not None:
                yield kept

"""Reading inputs (spec §1): paths, directories, .txt/.html/.jsonl, encodings -> Documents.

`read_inputs()` yields `Document`s and `InputError`s in input order; it never raises for a bad
file, so one unreadable page cannot stop a run or lose the others' results.

Encodings met in Arabic news dumps: UTF-8 (with or without BOM), UTF-16 with BOM and
Windows-1256. A file that is none of these, is empty, or holds binary data is refused with a
one-line reason.
"""

from __future__ import annotations

import codecs
import json
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from .model import Document, InputError
from .settings import Settings

SUFFIXES = {".txt", ".html", ".htm", ".jsonl"}
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
ARABIC_LETTER = re.compile("[\u0621-\u064a]")
DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}")


def discover(paths: Iterable[str]) -> Iterator[Path | InputError]:
    """Every readable input file under `paths`, sorted within each directory."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs.sort()
                for name in sorted(files):
                    if Path(name).suffix.lower() in SUFFIXES:
                        yield Path(root) / name
        elif path.exists():
            yield path
        else:
            yield InputError(raw, "no such file or directory")


def decode(data: bytes) -> str:
    """Bytes -> text: BOMs first, then strict UTF-8, then Windows-1256. Raises ValueError."""
    if not data.strip():
        raise ValueError("empty file")
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise ValueError("binary file (NUL bytes), not a text page")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1256", errors="replace")
        if text.count("\ufffd") > 10 or not ARABIC_LETTER.search(text):
            raise ValueError("unknown encoding (neither UTF-8, UTF-16 nor Windows-1256)") from None
    if len(CONTROL.findall(text[:4096])) > 8:
        raise ValueError("binary file (control characters), not a text page")
    return text


def read_file(path: Path, settings: Settings) -> Iterator[Document | InputError]:
    """One input file -> its documents (one for .txt/.html, one per line for .jsonl)."""
    name = str(path)
    try:
        size = path.stat().st_size
        if size > settings.max_file_bytes:
            yield InputError(name, f"file too large ({size} bytes > {settings.max_file_bytes})")
            return
        text = decode(path.read_bytes())
    except (OSError, ValueError, UnicodeDecodeError) as err:
        yield InputError(name, str(err) if isinstance(err, ValueError) else err.__class__.__name__ + ": " + str(err))
        return
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from read_jsonl(path, text, settings)
        return
    if suffix != ".jsonl" and any(len(line) > settings.max_line_chars for line in text.splitlines()):
        line = next(i for i, ln in enumerate(text.splitlines(), 1) if len(ln) > settings.max_line_chars)
        yield InputError(name, f"line longer than {settings.max_line_chars} characters", line)
        return
    if suffix in {".html", ".htm"}:
        yield Document(doc=path.name, html=text, path=name)
    else:
        yield Document(doc=path.name, text=text, path=name)


def read_jsonl(path: Path, text: str, settings: Settings) -> Iterator[Document | InputError]:
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
            yield InputError(name, f"invalid JSON ({err.msg} at column {err.colno})", number)
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text") or record.get("html"), str):
            yield InputError(name, 'a record needs a "text" or "html" string', number)
            continue
        published = record.get("published")
        yield Document(
            doc=str(record.get("id") or f"{path.name}:{number}"),
            text=record.get("text") or "", html=record.get("html"), path=name,
            url=record.get("url"), outlet=record.get("source"), title=record.get("title"),
            published=published[:10] if isinstance(published, str) and DATE_PREFIX.match(published) else None,
        )


def read_inputs(paths: Iterable[str], settings: Settings) -> Iterator[Document | InputError]:
    """Step 1 of the pipeline: every document of every input, and every input error."""
    for item in discover(paths):
        if isinstance(item, InputError):
            yield item
        else:
            yield from read_file(item, settings)

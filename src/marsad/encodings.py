"""Bytes -> text for one input page: BOMs, UTF-16 without BOM, UTF-8, Windows-1256, gzip.

Problem: Arabic news dumps come in UTF-8 (with or without BOM), UTF-16 (with or without BOM) and
Windows-1256, often gzipped. A single-byte decoder accepts any bytes, so a Latin-1 page decoded
as Windows-1256 is mojibake, not an error.
Idea: a decoding is accepted only when the text is plausible for it: letters of the script the
encoding claims, few replacement or control characters, and no word that mixes Latin letters
with Arabic-script signs (the mark of a Latin-1 page read as Windows-1256).

>>> decode("سفير".encode("utf-16-le"))
'سفير'
>>> decode("café crème".encode("latin-1"))
Traceback (most recent call last):
ValueError: unknown encoding (neither UTF-8, UTF-16 nor Windows-1256)
"""

from __future__ import annotations

import codecs
import gzip
import re
import zlib

GZIP_MAGIC = b"\x1f\x8b"
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
ARABIC_LETTER = re.compile("[\u0621-\u064a]")
MIXED_WORD = re.compile(r"[A-Za-z\u00c0-\u024f][\u0600-\u06ff]|[\u0600-\u06ff][A-Za-z\u00c0-\u024f]")
UNKNOWN = "unknown encoding (neither UTF-8, UTF-16 nor Windows-1256)"
SAMPLE = 4096  # bytes looked at to tell UTF-16 and binary data apart: a page's first screen


def read_capped(stream, limit: int) -> bytes:
    """At most `limit` bytes of a binary stream; ValueError when there is more (the cap applies
    to what is read, so /dev/zero or a gzip bomb cannot exhaust memory)."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise ValueError(f"file too large (more than {limit} bytes)")
    return data


def gunzip(data: bytes, limit: int) -> bytes:
    """The content of gzip `data`, at most `limit` bytes."""
    import io

    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as f:
            return read_capped(f, limit)
    except (OSError, EOFError, zlib.error) as err:
        raise ValueError(f"corrupt gzip file ({err})") from None


def decode(data: bytes) -> str:
    """Bytes -> text: BOMs first, then UTF-16 without BOM, strict UTF-8, then Windows-1256, each
    kept only when plausible. Raises ValueError with a one-line reason."""
    if not data.strip():
        raise ValueError("empty file")
    if data.startswith(codecs.BOM_UTF8):
        return _checked(_strict(data[3:], "utf-8"))
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _checked(_strict(data, "utf-16"))
    wide = _utf16_order(data[:SAMPLE])
    if wide is not None:
        return _checked(_strict(data, wide))
    if b"\x00" in data[:SAMPLE]:
        raise ValueError("binary file (NUL bytes), not a text page")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1256", errors="replace")
        if not plausible_arabic(text):
            raise ValueError(UNKNOWN) from None
    return _checked(text)


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise ValueError(f"invalid {encoding.upper()} text") from None


def _utf16_order(sample: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" when the high byte of (almost) every character is 0x00 (ASCII)
    or 0x06 (Arabic), at one parity: text in UTF-16 without BOM; else None (binary data)."""
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    for order, high in (("utf-16-le", sample[1:2 * pairs:2]), ("utf-16-be", sample[0:2 * pairs:2])):
        if high.count(0) + high.count(6) + high.count(0x20) >= 0.9 * pairs:  # bytes.count: no loop per byte
            return order
    return None


def plausible_arabic(text: str) -> bool:
    """Windows-1256 decoded text that reads as Arabic: Arabic letters, few replacement
    characters, and (almost) no word mixing Latin letters with Arabic-script signs."""
    letters = len(ARABIC_LETTER.findall(text))
    if letters == 0 or text.count("\ufffd") > 10:
        return False
    return len(MIXED_WORD.findall(text)) <= letters // 200


def _checked(text: str) -> str:
    if len(CONTROL.findall(text[:SAMPLE])) > 8:
        raise ValueError("binary file (control characters), not a text page")
    return text

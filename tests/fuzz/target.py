"""One fuzz input through the pipeline's steps 2-4, and the properties checked on the way.

`check(name, text)` runs `process()` on the input as a page, `mark_duplicates()` over it, an
identical copy and the page it was made from, and `fuse()` over their events; then checks that
nothing raised, that the time stayed within `MS_PER_KB` per KB (+ `MS_FIXED`), and that every
fused event is well formed (kind, roles, ISO partial dates, 16-hex ids, offsets inside their
segment, a JSON-able dict) with the same ids when the same input is fused again.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
import traceback
from dataclasses import dataclass, field

from marsad.fuse import fuse
from marsad.model import KINDS, ROLES, Document, Event
from marsad.pipeline import Page, mark_duplicates, process
from marsad.settings import Settings

REF = dt.date(2026, 11, 22)
MS_PER_KB = 50.0  # the acceptance of issue 14: at most 50 ms of CPU per KB of input ...
MS_FIXED = 100.0  # ... plus this (a page's fixed costs; lexicons are loaded before timing)
RETIME_MS = 50.0  # a page slower than this is timed twice, and the faster run counts
HEX_ID = re.compile(r"[0-9a-f]{16}")
STATE = re.compile(r"[A-Z]{3}")


@dataclass
class Result:
    """What one input did: `error` (stage: exception) if something raised, `problems` for the
    properties it broke, the CPU milliseconds of steps 2-4 and the input's size in KB."""

    name: str
    kb: float
    ms: float = 0.0
    events: int = 0
    error: str | None = None
    trace: str | None = None
    problems: list[str] = field(default_factory=list)
    soft: list[str] = field(default_factory=list)

    @property
    def too_slow(self) -> bool:
        return self.ms > MS_PER_KB * self.kb + MS_FIXED

    @property
    def ms_per_kb(self) -> float:
        return self.ms / max(self.kb, 1.0)


def warm_up() -> None:
    """What a first page pays once, paid before timing: lexicons, every seed page's code paths, and
    the date parser trafilatura's metadata step falls back to (dateparser: ~3 s to load its locales,
    when a page's meta date is malformed: "2025-0514T20:15:00+03:00")."""
    from . import mutate

    try:
        from htmldate.extractors import get_external_parser

        for text in ("استقبل الوزير السفير", "2025", "2025-0514T20:15:00+03:00", "lundi 3 mars 2025"):
            get_external_parser().get_date_data(text)
    except ImportError:  # another htmldate: its first use is then timed
        pass
    for name, text in mutate.seed_pages():
        check(name, text)


def document(name: str, text: str, doc: str) -> Document:
    """`text` as the page it came from: HTML for .html seeds, else plain text."""
    return Document(doc=doc, html=text) if name.endswith((".html", ".htm")) else Document(doc=doc, text=text)


def check(name: str, text: str, original: str | None = None, settings: Settings | None = None) -> Result:
    """Run the input through steps 2-4 and check every property (see the module docstring)."""
    settings = settings or Settings(ref_date=REF)
    res = Result(name, len(text.encode("utf-8", "surrogatepass")) / 1024)
    stage = "process"
    try:
        start = time.process_time()
        pages = [process(document(name, text, "b-input"), settings)]
        res.ms = (time.process_time() - start) * 1e3
        if res.ms > RETIME_MS:  # a first call may load something once (trafilatura, a stoplist): time it again
            start = time.process_time()
            process(document(name, text + " ", "b-input"), settings)
            res.ms = min(res.ms, (time.process_time() - start) * 1e3)
        pages.append(process(document(name, text, "c-copy"), settings))
        if original is not None:
            pages.append(_original(name, original, settings))
        stage = "mark_duplicates"
        res.problems += _copy_marked(pages[0], pages[1], settings)
        mark_duplicates(pages, settings)
        stage = "fuse"
        events = [ev.copy() for page in pages for ev in page.events]
        start = time.process_time()
        fused = fuse(events, settings)
        res.ms += (time.process_time() - start) * 1e3
        res.events = len(fused)
        stage = "check"
        res.problems += problems(pages, fused, settings)
        res.soft += soft_problems(pages, fused, settings)
    except Exception as err:  # noqa: BLE001 - the finding itself
        res.error = f"{stage}: {err.__class__.__name__}: {err}"
        res.trace = traceback.format_exc()
    if res.too_slow:
        res.problems.append(f"slow: {res.ms:.0f} ms for {res.kb:.1f} KB")
    return res


_ORIGINALS: dict[tuple[str, str], Page] = {}  # the unmutated pages, processed once per process


def _original(name: str, text: str, settings: Settings) -> Page:
    """The page an input was made from, as a fresh copy (marking and fusion change pages and events)."""
    key = (name, text)
    if key not in _ORIGINALS:
        _ORIGINALS[key] = process(document(name, text, "a-original"), settings)
    p = _ORIGINALS[key]
    return Page(p.document, p.segments, [ev.copy() for ev in p.events], fingerprints=set(p.fingerprints),
                folded=p.folded)


def _copy_marked(page: Page, copy: Page, settings: Settings) -> list[str]:
    """Of a page and an identical later copy alone, the copy is the copy (when it has paragraph prints)."""
    pair = [Page(p.document, p.segments, [], fingerprints=p.fingerprints) for p in (page, copy)]
    mark_duplicates(pair, settings)
    if pair[0].duplicate_of is not None or (page.fingerprints and pair[1].duplicate_of != page.document.doc):
        return [f"copy marking: {pair[0].duplicate_of}, {pair[1].duplicate_of}"]
    return []


def problems(pages: list[Page], fused: list[Event], settings: Settings) -> list[str]:
    """The properties of marked pages and fused events that do not hold."""
    docs = {p.document.doc for p in pages}
    out = [f"{p.document.doc} marked a copy of {p.duplicate_of}" for p in pages
           if p.duplicate_of is not None and (p.duplicate_of >= p.document.doc or p.duplicate_of not in docs)]
    segments = {(p.document.doc, s.index): s.text for p in pages for s in p.segments}
    for ev in fused:
        out += [f"{ev.id}: {p}" for p in event_problems(ev, segments)]
    again = fuse([ev.copy() for page in pages for ev in page.events], settings)
    if [e.to_dict() for e in again] != [e.to_dict() for e in fused]:
        out.append("fusing the same events again gives other events or ids")
    return out


def soft_problems(pages: list[Page], fused: list[Event], settings: Settings) -> list[str]:
    """Findings that are not failures of the CI slice: reported by the long run."""
    out = []
    if len(pages) > 2 and pages[0].fingerprints and pages[1].duplicate_of is None:
        out.append("copy chain: an identical copy of the input is not marked once the original is there")
    backwards = fuse([ev.copy() for page in reversed(pages) for ev in reversed(page.events)], settings)
    if sorted(e.id for e in backwards) != sorted(e.id for e in fused):
        out.append("order: the same events in another order fuse to other ids")
    ids = [e.id for e in fused]
    if len(set(ids)) < len(ids):
        out.append("two fused events share an id")
    return out


def event_problems(ev: Event, segments: dict[tuple[str, int], str]) -> list[str]:
    """What is wrong with one fused event (empty when nothing is)."""
    out = list(ev.problems())
    out += [f"date {d!r}" for d in [ev.date, *(s.date for s in ev.sources)] if d is not None and not iso_partial(d)]
    if not HEX_ID.fullmatch(ev.id or ""):
        out.append(f"id {ev.id!r}")
    if ev.kind not in KINDS or any(p.role not in ROLES for p in ev.participants):
        out.append("kind or role")
    if any(p.country is not None and not STATE.fullmatch(p.country) for p in ev.participants):
        out.append("participant state")
    if not 0.0 <= ev.confidence <= 1.0:
        out.append(f"confidence {ev.confidence}")
    for s in ev.sources:
        text = segments.get((s.doc, s.segment))
        if text is None or not 0 <= s.start <= s.end <= len(text) or text[s.start:s.end].strip() != s.evidence:
            out.append(f"source {s.doc}:{s.segment}:{s.start}-{s.end} is not its evidence")
    try:
        json.dumps(ev.to_dict(), ensure_ascii=False).encode("utf-8")
    except (TypeError, ValueError) as err:
        out.append(f"to_dict: {err}")
    return out


def iso_partial(value: str) -> bool:
    """YYYY, YYYY-MM or a real YYYY-MM-DD (year 0001-9999)."""
    try:
        if re.fullmatch(r"\d{4}", value):
            return value != "0000"
        if re.fullmatch(r"\d{4}-\d{2}", value):
            dt.date.fromisoformat(value + "-01")
            return True
        return re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) is not None and bool(dt.date.fromisoformat(value))
    except ValueError:
        return False

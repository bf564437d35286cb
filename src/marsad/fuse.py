"""One real-world event, one record: cross-source fusion, syndicated copies, stable ids.

Outlets paraphrase (two reports of one reception share almost no 5-grams), so fusion compares
what was extracted, not the text: cheap `candidates()` (blocking on the participant countries;
dates within a window, an unknown date being compatible), then `same_event()` (names, kind,
place, dates), then `merge()` (union of sources; each field from the most specific source;
disagreements kept in `conflicts`).

Stable ids: an event's id is a hash of its earliest source (document, segment, sentence start)
and the states of its sides, after sorting, so the same inputs in any order give the same ids and an unrelated new page
changes none. When a new source that sorts earlier joins an event, the event's id becomes that
source's: `Event.sources` lists every document, so the old id can be found again from its doc.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from difflib import SequenceMatcher

from .model import Event, Participant
from .normalize import fold_word
from .settings import Settings

HONORIFIC = re.compile(r"^(?:السيد|السيده|الدكتور|الدكتوره)\s+")


def fuse(events: Iterable[Event], settings: Settings) -> list[Event]:
    """Step 4 of the pipeline: merge reports of one event; give every event its stable id."""
    pool = sorted(events, key=_source_key)
    merged: list[Event] = []
    blocks: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for ev in pool:
        target = next((i for i in candidates(ev, blocks, merged) if same_event(merged[i], ev, settings)), None)
        if target is None:
            blocks[block_key(ev)].append(len(merged))
            merged.append(ev)
        else:
            merged[target] = merge(merged[target], ev)
    for ev in merged:
        ev.id = stable_id(ev)
    return sorted(merged, key=lambda e: (e.date or "9999", e.id))


def _source_key(ev: Event) -> tuple[str, int, int]:
    s = min(ev.sources, key=lambda s: (s.doc, s.segment, s.start))
    return s.doc, s.segment, s.start


def stable_id(ev: Event) -> str:
    """Hash of the earliest source and the sides' states: one sentence may state two events."""
    doc, seg, start = _source_key(ev)
    sides = ",".join(block_key(ev))
    return hashlib.sha1(f"{doc}|{seg}|{start}|{ev.kind}|{sides}".encode()).hexdigest()[:16]


def block_key(ev: Event) -> tuple[str, ...]:
    return tuple(sorted(p.country or "?" for p in ev.principals()))


def candidates(ev: Event, blocks: dict[tuple[str, ...], list[int]], merged: list[Event]) -> list[int]:
    """Indices of already-kept events with the same participant countries."""
    return blocks.get(block_key(ev), [])


def same_event(a: Event, b: Event, settings: Settings) -> bool:
    """Same kind family, compatible dates and places, and the same people on each side."""
    if {a.kind, b.kind} == {"call", "meeting"}:
        return False
    if not _dates_compatible(a.date, b.date, settings.fusion_date_window_days):
        return False
    if a.location.city and b.location.city and a.location.city != b.location.city:
        return False
    if {s.doc for s in a.sources} & {s.doc for s in b.sources}:
        return False  # one page's distinct events stay distinct
    return all(_person_matches(p, b.principals()) for p in a.principals())


def _dates_compatible(x: str | None, y: str | None, window: int) -> bool:
    if not x or not y:
        return True
    if len(x) < 10 or len(y) < 10:
        return x.startswith(y) or y.startswith(x)
    gap = abs(dt.date.fromisoformat(x) - dt.date.fromisoformat(y))
    return gap.days <= window


def _person_matches(p: Participant, others: list[Participant]) -> bool:
    same = [o for o in others if o.country == p.country]
    if not same:
        return False
    if not p.name or not any(o.name for o in same):
        return True
    return any(o.name and same_name(p.name, o.name) for o in same)


def same_name(a: str, b: str) -> bool:
    """Full or partial: "حموشي" ~ "عبد اللطيف حموشي"; spelling variants by similarity."""
    fa, fb = (HONORIFIC.sub("", fold_word(x)).split() for x in (a, b))
    if not fa or not fb:
        return False
    if set(fa) <= set(fb) or set(fb) <= set(fa):
        return True
    return SequenceMatcher(None, " ".join(fa), " ".join(fb)).ratio() >= 0.85


def merge(a: Event, b: Event) -> Event:
    """Union of sources; each field from the more specific report; disagreements recorded."""
    docs_a = [s.doc for s in a.sources]
    docs_b = [s.doc for s in b.sources]
    if a.date and b.date and a.date != b.date:
        a.conflicts.append({"field": "date", "values": {a.date: docs_a, b.date: docs_b}})
    if len(b.date or "") > len(a.date or ""):
        a.date, a.date_how = b.date, b.date_how
    if not a.location.city and b.location.city:
        a.location = b.location
    a.location.country = a.location.country or b.location.country
    for p in a.participants:
        match = next((o for o in b.participants if o.country == p.country and o.role != "attendee"), None)
        if match is None:
            continue
        if p.role != match.role and match.role in {"host", "guest"} and p.role == "participant":
            p.role = match.role
        p.name = p.name or match.name
        p.title = p.title or match.title
        p.organization = p.organization or match.organization
        p.sector = p.sector or match.sector
    a.topics = sorted(set(a.topics) | set(b.topics))
    a.sources = a.sources + b.sources
    if b.kind == "agreement":
        a.kind = "agreement"
    a.confidence = min(0.99, max(a.confidence, b.confidence) + 0.05)
    return a

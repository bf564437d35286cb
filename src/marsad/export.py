"""Exports of events: `jsonl` (the contract, spec §2), `csv`, `plover` and `cameo`.

`export(events, fmt)` yields lines (each ending in a newline), so a large export streams:

>>> from marsad.model import Event, Location, Participant, Source
>>> ev = Event("call", "2025-03-02", Location(), [Participant("participant", "أ", None, "TUN", sector="GOV"),
...     Participant("participant", "ب", None, "DZA")], ["border_security"], [Source("a.txt", "...")], id="e1")
>>> print("".join(export([ev], "cameo")), end="")
id,date,source,target,cameo
e1,2025-03-02,TUNGOV,DZAGOV,041

CAMEO rows: a call is 041 (discuss by telephone) between the principals; a hosted visit gives
the visitor's row 042 (make a visit) and the host's row 043 (host a visit); a meeting with no
host (third location, sidelines) is 044; an agreement is 057. An actor code is the ISO3 country
plus the sector (GOV when unknown; `---` stands for an unknown country).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from itertools import chain, combinations
from typing import Any

from .model import Event, Participant

FORMATS = ("jsonl", "csv", "plover", "cameo")
CSV_COLUMNS = ["id", "kind", "date", "city", "country", "participants", "topics", "sources"]
CAMEO_COLUMNS = ["id", "date", "source", "target", "cameo"]
CAMEO_CODES = {"call": "041", "visit": "042", "host": "043", "third": "044", "agreement": "057"}


def export(events: Iterable[Event], fmt: str) -> Iterator[str]:
    """Reads events; yields the lines of `fmt` (one of FORMATS). Raises ValueError otherwise."""
    writers = {"jsonl": _jsonl, "csv": _csv, "plover": _plover, "cameo": _cameo}
    if fmt not in writers:
        raise ValueError(f"unknown export format {fmt!r} (expected one of {', '.join(FORMATS)})")
    return writers[fmt](events)


def participant_label(p: Participant) -> str:
    """"name (ISO3, role)"; the title stands in for a missing name."""
    return f"{p.name or p.title or '?'} ({p.country or '?'}, {p.role})"


def csv_row(ev: Event) -> list[Any]:
    """One CSV row of CSV_COLUMNS; lists are joined with "; "."""
    return [ev.id, ev.kind, ev.date or "", ev.location.city or "", ev.location.country or "",
            "; ".join(participant_label(p) for p in ev.participants), "; ".join(ev.topics), len(ev.sources)]


def plover_record(ev: Event) -> dict[str, Any]:
    """`Event.plover()` with the id, date, first evidence sentence (`event_text`) and its doc."""
    first = ev.sources[0] if ev.sources else None
    return {"id": ev.id, "date": ev.date, **ev.plover(),
            "event_text": first.evidence if first else None, "citation": first.doc if first else None}


def cameo_rows(ev: Event) -> list[list[str]]:
    """CAMEO rows [id, date, source, target, code]; at least one row per event."""
    principals = ev.principals()
    hosts = [p for p in principals if p.role == "host"]
    guests = [p for p in principals if p.role == "guest"]
    if ev.kind == "meeting" and hosts and guests:
        pairs: list[tuple[Participant | None, Participant | None, str]] = [
            (g, h, CAMEO_CODES["visit"]) for g in guests for h in hosts]
        pairs += [(h, g, CAMEO_CODES["host"]) for g in guests for h in hosts]
    else:
        code = CAMEO_CODES[ev.kind if ev.kind in {"call", "agreement"} else "third"]
        pairs = [(a, b, code) for a, b in combinations(principals, 2) if a.country != b.country]
        if not pairs:
            pairs = [(principals[0] if principals else None, None, code)]
    return [[ev.id, ev.date or "", actor_code(a), actor_code(b), code] for a, b, code in pairs]


def actor_code(p: Participant | None) -> str:
    """"MARCOP": country and sector (GOV when unknown); "" for no actor."""
    return "" if p is None else f"{p.country or '---'}{p.sector or 'GOV'}"


def _jsonl(events: Iterable[Event]) -> Iterator[str]:
    for ev in events:
        yield json.dumps(ev.to_dict(), ensure_ascii=False) + "\n"


def _plover(events: Iterable[Event]) -> Iterator[str]:
    for ev in events:
        yield json.dumps(plover_record(ev), ensure_ascii=False) + "\n"


def _csv(events: Iterable[Event]) -> Iterator[str]:
    return _csv_lines(CSV_COLUMNS, (csv_row(ev) for ev in events))


def _cameo(events: Iterable[Event]) -> Iterator[str]:
    return _csv_lines(CAMEO_COLUMNS, (row for ev in events for row in cameo_rows(ev)))


def _csv_lines(header: list[str], rows: Iterable[list[Any]]) -> Iterator[str]:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    for row in chain([header], rows):
        writer.writerow(row)
        yield buf.getvalue()
        buf.seek(0)
        buf.truncate()

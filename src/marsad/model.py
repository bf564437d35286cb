"""The data model of marsad: read this module first.

A `Document` is one input page as read from disk. Cleaning turns it into `Segment`s (the main
article, then any second full article appended to the page). Extractors add `Mention`s, which
are character offsets into `Segment.text` (the text is never rewritten). Event extraction turns
mentions into `Event`s; `Event.to_dict()` is the JSON of the output contract (spec §2) and
nothing else builds it: the web API's schema is derived from these classes (web/shapes.py).
The dicts inside an event that are not dataclasses are spelled as TypedDicts: `Plover`,
`Actor`, `Conflict`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any, TypedDict


@dataclass(slots=True)
class Document:
    """One input page. `doc` is its identity in a run: the file name (its path below the folder
    given, for a file in a subfolder), or the `id` of a JSON Lines record."""

    doc: str
    text: str = ""
    html: str | None = None
    path: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    title: str | None = None
    author: str | None = None
    line: int | None = None  # the line of a JSON Lines record, for messages


@dataclass(slots=True)
class Segment:
    """One article of a page: `text` is its body, paragraphs separated by a blank line."""

    doc: str
    index: int
    text: str
    title: str | None = None
    published: str | None = None
    published_from: str | None = None  # "metadata" | "dateline"
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    dateline: str | None = None  # the article's dateline line ("الرياض 13 ربيع الآخر ... واس")
    outlet_country: str | None = None  # ISO3 of the outlet's state (data/outlets.tsv), from its url or name
    outlet_home: str | None = None  # outlet_country when the outlet is national: its officials' state
    # Each paragraph's folded words without punctuation, when cleaning made them (for near-duplicates).
    keys: list[str] = field(default_factory=list, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The `marsad clean` record (spec §5) plus metadata."""
        return {
            "doc": self.doc, "segment": self.index, "title": self.title, "text": self.text,
            "published": self.published, "published_from": self.published_from,
            "outlet": self.outlet, "author": self.author, "url": self.url, "dateline": self.dateline,
        }

    def paragraphs(self) -> list[tuple[int, int]]:
        """(start, end) offsets of each paragraph of `text`."""
        spans, start = [], 0
        for part in self.text.split("\n\n"):
            spans.append((start, start + len(part)))
            start += len(part) + 2
        return spans


@dataclass(slots=True)
class Mention:
    """A span of `Segment.text` with a label (date, person, title, country, place, ...)."""

    label: str
    start: int
    end: int
    text: str
    value: Any = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self, doc: str, segment: int) -> dict[str, Any]:
        return {"doc": doc, "segment": segment, "label": self.label, "text": self.text,
                "start": self.start, "end": self.end, "value": self.value, **self.extra}


@dataclass(slots=True)
class Participant:
    role: str  # host | guest | participant | attendee
    name: str | None
    title: str | None
    country: str | None
    organization: str | None = None
    sector: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"role": self.role, "name": self.name, "title": self.title, "country": self.country,
                "organization": self.organization, "sector": self.sector}

    @property
    def title_class(self) -> str | None:
        """The class of the title's head noun (minister, envoy, chief, deputy: data/titles.yaml
        `classes`), or None. Derived from `title` whenever it is read, so it follows a title that
        fusion completes; not part of `to_dict()`.

        >>> Participant("guest", None, "السفيرة الفرنسية", "FRA").title_class
        'envoy'
        """
        from .lexicons import lexicons  # the data model imports no lexicon until one is needed

        return lexicons().title_classes.of(self.title)


@dataclass(slots=True)
class Location:
    city: str | None = None
    country: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"city": self.city, "country": self.country}
        if self.geonameid is not None:
            out.update(geonameid=self.geonameid, lat=self.lat, lon=self.lon)
        return out


@dataclass(slots=True)
class Source:
    """Where an event is stated: a document, the evidence sentence and its offsets."""

    doc: str
    evidence: str
    segment: int = 0
    start: int = 0
    end: int = 0
    outlet: str | None = None
    duplicate_of: str | None = None
    date: str | None = None  # the date this document gives the event (set by fuse.fuse())

    def to_dict(self) -> dict[str, Any]:
        out = {"doc": self.doc, "evidence": self.evidence, "segment": self.segment,
               "start": self.start, "end": self.end, "outlet": self.outlet}
        if self.duplicate_of:
            out["duplicate_of"] = self.duplicate_of
        if self.date:
            out["date"] = self.date
        return out


class Actor(TypedDict):
    """A PLOVER actor or recipient."""

    country: str | None
    sector: str | None
    name: str | None


class Plover(TypedDict):
    """`Event.plover()`: the event's PLOVER coding."""

    event: str  # CONSULT | SUPPORT
    mode: str  # visit | phone | third-party | multilateral
    actor: Actor | None
    recipient: Actor | None
    contexts: list[str]


class Conflict(TypedDict, total=False):
    """A field the sources disagree on, and the documents behind each value (fuse.py)."""

    field: str
    values: dict[str, list[str]]


@dataclass(slots=True)
class Event:
    kind: str  # meeting | call | agreement
    date: str | None
    location: Location
    participants: list[Participant]
    topics: list[str]
    sources: list[Source]
    id: str = ""
    date_how: str | None = None
    confidence: float = 0.5
    conflicts: list[Conflict] = field(default_factory=list)

    def principals(self) -> list[Participant]:
        return [p for p in self.participants if p.role != "attendee"]

    def plover(self) -> Plover:
        """PLOVER coding: a hosted visit is CONSULT/visit with the visitor as actor."""
        guests = [p for p in self.participants if p.role == "guest"]
        hosts = [p for p in self.participants if p.role == "host"]
        others = [p for p in self.participants if p.role == "participant"]
        actor: Participant | None = (guests or others or self.principals() or [None])[0]  # type: ignore[list-item]
        recipient: Participant | None = (hosts or [p for p in others if p is not actor] or [None])[0]  # type: ignore[list-item]
        mode = {"call": "phone"}.get(self.kind, "visit" if hosts else "third-party")
        if len(self.principals()) > 2:
            mode = "multilateral"

        def code(p: Participant | None) -> Actor | None:
            return None if p is None else {"country": p.country, "sector": p.sector, "name": p.name}

        return {"event": "SUPPORT" if self.kind == "agreement" else "CONSULT", "mode": mode,
                "actor": code(actor), "recipient": code(recipient), "contexts": list(self.topics)}

    def outlets(self) -> int:
        """How many distinct outlets (or documents, when the outlet is unknown) carried it."""
        return len({s.outlet or s.doc for s in self.sources if not s.duplicate_of})

    def to_dict(self) -> dict[str, Any]:
        """The event JSON of spec §2, with the allowed extra fields."""
        return {
            "id": self.id, "kind": self.kind, "date": self.date,
            "location": self.location.to_dict(),
            "participants": [p.to_dict() for p in self.participants],
            "topics": list(self.topics),
            "sources": [s.to_dict() for s in self.sources],
            "date_how": self.date_how, "confidence": round(self.confidence, 2),
            "plover": self.plover(), "outlets": self.outlets(), "conflicts": self.conflicts,
        }

    def copy(self) -> Event:
        """A copy that fusion may change without touching this one."""
        return Event(self.kind, self.date, replace(self.location), [replace(p) for p in self.participants],
                     list(self.topics), [replace(s) for s in self.sources], self.id, self.date_how,
                     self.confidence, [c.copy() for c in self.conflicts])

    def problems(self) -> list[str]:
        """What makes this event unfit for fusion and the store (empty when it is sound)."""
        out = []
        if self.kind not in KINDS:
            out.append(f"kind {self.kind!r}")
        if self.date is not None and not _partial_date(self.date):
            out.append(f"date {self.date!r}")
        if not self.sources:
            out.append("no source")
        out += [f"role {p.role!r}" for p in self.participants if p.role not in ROLES]
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        loc = d.get("location") or {}
        return cls(
            id=d.get("id", ""), kind=d["kind"], date=d.get("date"),
            location=Location(loc.get("city"), loc.get("country"), loc.get("geonameid"),
                              loc.get("lat"), loc.get("lon")),
            participants=[Participant(p["role"], p.get("name"), p.get("title"), p.get("country"),
                                      p.get("organization"), p.get("sector"))
                          for p in d.get("participants", [])],
            topics=list(d.get("topics", [])),
            sources=[Source(s["doc"], s.get("evidence", ""), s.get("segment", 0), s.get("start", 0),
                            s.get("end", 0), s.get("outlet"), s.get("duplicate_of"), s.get("date"))
                     for s in d.get("sources", [])],
            date_how=d.get("date_how"), confidence=d.get("confidence", 0.5),
            conflicts=list(d.get("conflicts", [])),
        )


KINDS = {"meeting", "call", "agreement"}
ROLES = {"host", "guest", "participant", "attendee"}


def _partial_date(value: str) -> bool:
    """YYYY, YYYY-MM or a real YYYY-MM-DD."""
    try:
        if len(value) == 4:
            return value.isdigit()
        dt.date.fromisoformat(value if len(value) == 10 else value + "-01")
    except ValueError:
        return False
    return len(value) in (7, 10)


@dataclass(slots=True)
class SetAside:
    """An event that broke a stage (fusion, the store), kept apart with the reason: the rest of
    the run goes on, and `marsad quarantine` lists it."""

    doc: str
    stage: str
    reason: str
    event: dict[str, Any]
    position: int | None = None  # its place in the list of events given to the stage

    def to_dict(self) -> dict[str, Any]:
        return {"doc": self.doc, "stage": self.stage, "reason": self.reason, "event": self.event}


@dataclass(slots=True)
class InputError:
    """A bad input: reported as one line on stderr, never raised through a run."""

    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"marsad: {where}: {self.message}"


@dataclass(slots=True)
class Page:
    """One document after steps 2-3: its segments and the events found in them."""

    document: Document
    segments: list[Segment]
    events: list[Event]
    duplicate_of: str | None = None
    fingerprints: set[str] = field(default_factory=set)
    folded: list[str] = field(default_factory=list)  # each segment's folded text (the store indexes it)

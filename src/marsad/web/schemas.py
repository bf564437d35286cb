"""The JSON API's response models: what /openapi.json documents and FastAPI checks.

They describe the dicts of views.py; routes use `response_model_exclude_unset`, so a key the
view did not write (e.g. `location.lat` of an event without coordinates) stays absent, as in the
output contract (spec §2). The event's models (Event, Participant, Location, Source, Plover,
Actor, Conflict) are derived from model.py by `shapes.derive`, never written here: a key
`Event.to_dict()` writes is in the schema and in the response. The pages' models are below.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from .. import model
from . import shapes

NOTES = {
    "Event": "An event of the output contract (spec §2) with its extra fields and its page's address.",
    "Participant.role": "host | guest | participant | attendee",
    "Participant.country": "ISO 3166-1 alpha-3",
    "Participant.sector": "GOV, SPY, COP, MIL, JUD",
    "Location.country": "ISO 3166-1 alpha-3",
    "Source.date": "the date this document gives the event (fuse.fuse)",
    "Source.duplicate_of": "the document this one is a syndicated copy of",
    "Event.kind": "meeting | call | agreement",
    "Event.date": "YYYY-MM-DD, YYYY-MM or YYYY",
    "Event.date_how": "how the date was resolved",
    "Event.outlets": "distinct outlets (or documents) that carried it, copies left out",
    "Event.conflicts": "fields the sources disagree on, with the documents behind each value",
    "Plover.event": "CONSULT | SUPPORT",
    "Plover.mode": "visit | phone | third-party | multilateral",
}
_EVENT = shapes.derive(model.Event, NOTES, extra={"Event": {"url": (str, Field(description="the event's page"))}})
if TYPE_CHECKING:  # built at run time; to a type checker each is a model
    Participant = BaseModel
    Location = BaseModel
    Source = BaseModel
    Actor = BaseModel
    Plover = BaseModel
    Conflict = BaseModel
    Event = BaseModel
else:
    Participant, Location, Source = _EVENT["Participant"], _EVENT["Location"], _EVENT["Source"]
    Actor, Plover, Conflict, Event = _EVENT["Actor"], _EVENT["Plover"], _EVENT["Conflict"], _EVENT["Event"]


class Count(BaseModel):
    value: str
    count: int


class Paged(BaseModel):
    total: int = Field(description="events matching the filters (all pages)")
    page: int
    per_page: int
    pages: int
    events: list[Event]


class EventsPage(Paged):
    filters: dict[str, str]
    sort: str
    facets: dict[str, list[Count]] = Field(description="counts over all matching events by kind, country, "
                                                       "topic, outlet, year")


class Document(BaseModel):
    doc: str
    path: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    title: str | None = None
    duplicate_of: str | None = None
    added: str | None = None


class Article(BaseModel):
    title: str | None = None
    text: str
    published: str | None = None
    published_from: str | None = None
    outlet: str | None = None
    url: str | None = None


class Span(BaseModel):
    start: int
    end: int


class SourceDetail(Source):
    document: Document | None = None
    article: Article | None = Field(None, description="the cleaned article segment the evidence comes from")
    highlight: Span | None = Field(None, description="offsets of the evidence sentence in article.text")


class Cameo(BaseModel):
    source: str
    target: str
    code: str


class EventPage(BaseModel):
    event: Event
    sources: list[SourceDetail]
    cameo: list[Cameo]


class Series(BaseModel):
    key: str = Field(description="ISO3, a topic, *multi (several partners), *other or *none")
    counts: list[int]


class Timeline(BaseModel):
    by: str
    focus: str | None = Field(None, description="the state whose partners are counted")
    months: list[str]
    series: list[Series]
    totals: list[int]
    undated: int


class TimelinePage(Timeline, Paged):
    filters: dict[str, str]


class Node(BaseModel):
    id: str
    events: int
    degree: int
    country: str | None = None


class Edge(BaseModel):
    source: str
    target: str
    weight: int


class NetworkPage(Paged):
    filters: dict[str, str]
    by: str
    nodes: list[Node]
    edges: list[Edge]


class CountryCount(BaseModel):
    code: str
    events: int


class Place(BaseModel):
    city: str | None = None
    country: str | None = None
    lat: float
    lon: float
    events: int


class MapPage(Paged):
    filters: dict[str, str]
    countries: list[CountryCount]
    places: list[Place]
    unplaced: int


class Counterpart(BaseModel):
    name: str
    country: str | None = None
    count: int


class PersonPage(Paged):
    name: str
    titles: list[Count]
    countries: list[Count]
    roles: list[Count]
    counterparts: list[Counterpart]
    partner_countries: list[Count]
    topics: list[Count]
    timeline: Timeline


class CountryPage(Paged):
    code: str
    partner_countries: list[Count]
    persons: list[Count]
    cities: list[Count]
    topics: list[Count]
    hosted: int
    timeline: Timeline


class PersonRow(BaseModel):
    name: str
    events: int
    countries: list[str]


class PersonsPage(BaseModel):
    filters: dict[str, str]
    total: int
    persons: list[PersonRow]


class CountryRow(BaseModel):
    code: str
    events: int
    hosted: int


class CountriesPage(BaseModel):
    filters: dict[str, str]
    total: int
    countries: list[CountryRow]


class Part(BaseModel):
    text: str
    match: bool


class Hit(BaseModel):
    doc: str
    segment: int
    title: str | None = None
    snippet: str = Field(description="the text around the first match, every match «marked»")
    events: list[str]
    parts: list[Part] = Field(description="the same snippet as pieces, the matches flagged")


class SearchPage(BaseModel):
    q: str
    limit: int
    total: int
    hits: list[Hit]


class StatsPage(BaseModel):
    counts: dict[str, int]
    first: str | None = None
    last: str | None = None
    by_kind: list[Count]
    by_country: list[Count]
    by_topic: list[Count]
    by_outlet: list[Count]
    by_year: list[Count]


class Missing(BaseModel):
    detail: str = Field(description="why nothing was found")

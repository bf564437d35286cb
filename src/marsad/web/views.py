"""The views: one function per page, returning the dict that IS the page's `.json` twin.

Datasette's rule: `/events` and `/events.json` are made by the same call; the HTML template only
lays out that dict (plus the SVG geometry of `svg.py`, computed from the same dict). So the
two can never disagree about which events a filter keeps.

>>> from marsad.store import Store
>>> with Store(":memory:") as store:
...     events_view(store, Filters(country="PAK"))["total"]
0
"""

from __future__ import annotations

from collections import Counter
from itertools import combinations
from typing import Any

from ..export import cameo_rows
from ..model import Event
from ..normalize import fold_word
from ..search import Query
from ..store import Store
from .queries import Filters, evidence_span, marked, segment, select

SORTS = ("-date", "date", "-sources", "-confidence", "kind")
TOP_SERIES = 8  # timeline series shown apart; the rest are stacked as "*other" (9 colours in all)
TOP_NODES = 40  # network nodes drawn; more make an unreadable circle
MULTI, OTHER, NONE = "*multi", "*other", "*none"


def sort_events(events: list[Event], sort: str) -> list[Event]:
    """Events in the order `sort` names (one of SORTS); undated events always last."""
    dated = [e for e in events if e.date]
    undated = [e for e in events if not e.date]
    keys = {
        "date": lambda e: (e.date, e.id), "-date": lambda e: (e.date, e.id),
        "-sources": lambda e: (-len(e.sources), e.date or "", e.id),
        "-confidence": lambda e: (-e.confidence, e.date or "", e.id),
        "kind": lambda e: (e.kind, e.date or "", e.id),
    }
    if sort in {"-sources", "-confidence", "kind"}:
        return sorted(events, key=keys[sort])
    return sorted(dated, key=keys[sort], reverse=sort == "-date") + sorted(undated, key=lambda e: e.id)


def summary(ev: Event) -> dict[str, Any]:
    """An event of a list: the contract's JSON plus the page's address."""
    return ev.to_dict() | {"url": f"/events/{ev.id}"}


def page_of(events: list[Event], page: int = 1, per_page: int = 50) -> dict[str, Any]:
    """One page of events with the counts a pager needs."""
    pages = max(1, -(-len(events) // per_page))
    chunk = events[(page - 1) * per_page: page * per_page]
    return {"total": len(events), "page": page, "per_page": per_page, "pages": pages,
            "events": [summary(ev) for ev in chunk]}


def countries_of(ev: Event) -> set[str]:
    """The states of an event: its principals' and its place's."""
    found = {p.country for p in ev.principals() if p.country}
    return found | ({ev.location.country} if ev.location.country else set())


def facets(events: list[Event]) -> dict[str, list[dict[str, Any]]]:
    """Counts of the filtered events by kind, country, topic, outlet and year (most first)."""
    counters: dict[str, Counter[str]] = {name: Counter() for name in ("kind", "country", "topic", "outlet", "year")}
    for ev in events:
        counters["kind"][ev.kind] += 1
        counters["country"].update(countries_of(ev))
        counters["topic"].update(set(ev.topics))
        counters["outlet"].update({s.outlet for s in ev.sources if s.outlet})
        if ev.date:
            counters["year"][ev.date[:4]] += 1
    return {name: [{"value": v, "count": n} for v, n in sorted(c.items(), key=lambda x: (-x[1], x[0]))]
            for name, c in counters.items()}


def events_view(store: Store, filters: Filters, sort: str = "-date", page: int = 1,
                per_page: int = 50) -> dict[str, Any]:
    """Events: every filter, a sort order, one page, and the facet counts of the whole selection."""
    found = select(store, filters)
    return {"filters": filters.given(), "sort": sort, **page_of(sort_events(found, sort), page, per_page),
            "facets": facets(found)}


def event_view(store: Store, event_id: str) -> dict[str, Any] | None:
    """Event: the record, each source with its article and where the evidence is, CAMEO rows."""
    ev = store.event(event_id)
    if ev is None:
        return None
    sources = []
    for src in ev.sources:
        article = segment(store, src.doc, src.segment)
        span = evidence_span(article["text"], src.evidence, src.start, src.end) if article else None
        sources.append(src.to_dict() | {"document": store.document(src.doc), "article": article,
                                        "highlight": {"start": span[0], "end": span[1]} if span else None})
    cameo = [{"source": r[2], "target": r[3], "code": r[4]} for r in cameo_rows(ev)]
    return {"event": summary(ev), "sources": sources, "cameo": cameo}


def _month(ev: Event) -> str | None:
    return ev.date[:7] if ev.date and len(ev.date) >= 7 else None


def _months(first: str, last: str) -> list[str]:
    """Every month from `first` to `last` (YYYY-MM), gaps included."""
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def focus_country(events: list[Event], filters: Filters) -> str | None:
    """The state whose partners are counted: the country filter, else the most frequent state."""
    if filters.country:
        return filters.country.upper()
    counts = Counter(c for ev in events for c in {p.country for p in ev.principals() if p.country})
    return min(counts, key=lambda c: (-counts[c], c)) if counts else None


def _keys(ev: Event, by: str, focus: str | None) -> list[str]:
    if by == "topic":
        return sorted(set(ev.topics)) or [NONE]
    partners = sorted({p.country for p in ev.principals() if p.country and p.country != focus})
    return partners if len(partners) <= 1 and partners else [MULTI] if partners else [NONE]


def timeline_data(events: list[Event], by: str, focus: str | None) -> dict[str, Any]:
    """Engagements per month, split by partner country (of `focus`) or by topic.

    A topic series counts an engagement once under each of its topics, so a stack may be taller
    than `totals`, which counts engagements.
    """
    dated = [(m, ev) for ev in events if (m := _month(ev))]
    if not dated:
        return {"by": by, "focus": focus, "months": [], "series": [], "totals": [], "undated": len(events)}
    months = _months(min(m for m, _ in dated), max(m for m, _ in dated))
    at = {m: i for i, m in enumerate(months)}
    grid: dict[str, list[int]] = {}
    totals = [0] * len(months)
    for m, ev in dated:
        totals[at[m]] += 1
        for key in _keys(ev, by, focus):
            grid.setdefault(key, [0] * len(months))[at[m]] += 1
    ranked = sorted(grid, key=lambda k: (-sum(grid[k]), k))
    series = [{"key": k, "counts": grid[k]} for k in ranked[:TOP_SERIES]]
    if len(ranked) > TOP_SERIES:
        rest = [sum(grid[k][i] for k in ranked[TOP_SERIES:]) for i in range(len(months))]
        series.append({"key": OTHER, "counts": rest})
    return {"by": by, "focus": focus, "months": months, "series": series, "totals": totals,
            "undated": len(events) - len(dated)}


def timeline_view(store: Store, filters: Filters, by: str = "country", page: int = 1,
                  per_page: int = 50) -> dict[str, Any]:
    found = select(store, filters)
    return {"filters": filters.given(), **timeline_data(found, by, focus_country(found, filters)),
            **page_of(sort_events(found, "-date"), page, per_page)}


def network_data(events: list[Event], nodes: str) -> dict[str, Any]:
    """Nodes (countries or named people) weighted by engagements, edges by shared engagements."""
    weight: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    home: dict[str, Counter[str]] = {}
    for ev in events:
        if nodes == "person":
            ids = {p.name for p in ev.principals() if p.name}
            for p in ev.principals():
                if p.name and p.country:
                    home.setdefault(p.name, Counter())[p.country] += 1
        else:
            ids = {p.country for p in ev.principals() if p.country}
        weight.update(ids)
        pairs.update(combinations(sorted(ids), 2))
    kept = sorted(weight, key=lambda k: (-weight[k], k))[:TOP_NODES]
    degree = Counter(x for pair in pairs for x in pair if set(pair) <= set(kept))
    return {
        "by": nodes,
        "nodes": [{"id": k, "events": weight[k], "degree": degree[k],
                   "country": (home[k].most_common(1)[0][0] if k in home else None) if nodes == "person" else k}
                  for k in kept],
        "edges": [{"source": a, "target": b, "weight": n} for (a, b), n in sorted(pairs.items(), key=lambda x: (-x[1], x[0]))
                  if a in kept and b in kept],
    }


def network_view(store: Store, filters: Filters, nodes: str = "country", page: int = 1,
                 per_page: int = 50) -> dict[str, Any]:
    found = select(store, filters)
    return {"filters": filters.given(), **network_data(found, nodes),
            **page_of(sort_events(found, "-date"), page, per_page)}


def map_data(events: list[Event]) -> dict[str, Any]:
    """Engagements per state (principals' or place's) and per city with coordinates."""
    per_country: Counter[str] = Counter(c for ev in events for c in countries_of(ev))
    places: dict[tuple[str, float, float], dict[str, Any]] = {}
    for ev in events:
        loc = ev.location
        if loc.lat is not None and loc.lon is not None:
            place = places.setdefault((loc.city or "", loc.lat, loc.lon), {
                "city": loc.city, "country": loc.country, "lat": loc.lat, "lon": loc.lon, "events": 0})
            place["events"] += 1
    return {
        "countries": [{"code": c, "events": n} for c, n in sorted(per_country.items(), key=lambda x: (-x[1], x[0]))],
        "places": sorted(places.values(), key=lambda p: (-p["events"], p["city"] or "")),
        "unplaced": sum(1 for ev in events if ev.location.lat is None),
    }


def map_view(store: Store, filters: Filters, page: int = 1, per_page: int = 50) -> dict[str, Any]:
    found = select(store, filters)
    return {"filters": filters.given(), **map_data(found), **page_of(sort_events(found, "-date"), page, per_page)}


def _ranked(counter: Counter[str]) -> list[dict[str, Any]]:
    return [{"value": k, "count": n} for k, n in sorted(counter.items(), key=lambda x: (-x[1], x[0]))]


def person_view(store: Store, name: str, page: int = 1, per_page: int = 50) -> dict[str, Any] | None:
    """Person: the engagements whose participant names contain `name` (folded), counterparts, topics."""
    found = select(store, Filters(person=name))
    if not found or not fold_word(name).strip():
        return None
    key = fold_word(name)
    titles, countries, roles, counterparts, partner_states = (Counter[str]() for _ in range(5))
    for ev in found:
        mine = [p for p in ev.participants if key in fold_word(p.name or "")]
        titles.update({p.title for p in mine if p.title})
        countries.update({p.country for p in mine if p.country})
        roles.update({p.role for p in mine})
        own = {p.country for p in mine}
        others = [p for p in ev.principals() if p not in mine]
        counterparts.update({f"{p.name or p.title or '?'}\t{p.country or ''}" for p in others})
        partner_states.update({p.country for p in others if p.country and p.country not in own})
    focus = min(countries, key=lambda c: (-countries[c], c)) if countries else None
    return {
        "name": name, "titles": _ranked(titles), "countries": _ranked(countries), "roles": _ranked(roles),
        "counterparts": [{"name": k.split("\t")[0], "country": k.split("\t")[1] or None, "count": n}
                         for k, n in sorted(counterparts.items(), key=lambda x: (-x[1], x[0]))],
        "partner_countries": _ranked(partner_states),
        "topics": _ranked(Counter(t for ev in found for t in set(ev.topics))),
        "timeline": timeline_data(found, "country", focus),
        **page_of(sort_events(found, "-date"), page, per_page),
    }


def country_view(store: Store, code: str, page: int = 1, per_page: int = 50) -> dict[str, Any]:
    """Country: its engagements (as a participant's state or the place), partners, people, topics."""
    code = code.upper()
    found = select(store, Filters(country=code))
    partners, people, cities = Counter[str](), Counter[str](), Counter[str]()
    for ev in found:
        partners.update({p.country for p in ev.principals() if p.country and p.country != code})
        people.update({p.name for p in ev.participants if p.country == code and p.name})
        if ev.location.country == code and ev.location.city:
            cities[ev.location.city] += 1
    return {
        "code": code, "partner_countries": _ranked(partners), "persons": _ranked(people), "cities": _ranked(cities),
        "topics": _ranked(Counter(t for ev in found for t in set(ev.topics))),
        "hosted": sum(1 for ev in found if ev.location.country == code),
        "timeline": timeline_data(found, "country", code),
        **page_of(sort_events(found, "-date"), page, per_page),
    }


def persons_view(store: Store, filters: Filters) -> dict[str, Any]:
    """Persons: every named participant of the selected events, with their states and counts."""
    found = select(store, filters)
    counts: Counter[str] = Counter()
    states: dict[str, Counter[str]] = {}
    for ev in found:
        for p in ev.participants:
            if p.name:
                states.setdefault(p.name, Counter())
                if p.country:
                    states[p.name][p.country] += 1
        counts.update({p.name for p in ev.participants if p.name})
    return {"filters": filters.given(), "total": len(counts),
            "persons": [{"name": n, "events": c, "countries": sorted(states[n], key=lambda x: (-states[n][x], x))}
                        for n, c in sorted(counts.items(), key=lambda x: (-x[1], x[0]))]}


def countries_view(store: Store, filters: Filters) -> dict[str, Any]:
    """Countries: every state of the selected events, with engagements and those it hosted."""
    found = select(store, filters)
    counts = Counter(c for ev in found for c in countries_of(ev))
    hosted = Counter(ev.location.country for ev in found if ev.location.country)
    return {"filters": filters.given(), "total": len(counts),
            "countries": [{"code": c, "events": n, "hosted": hosted[c]}
                          for c, n in sorted(counts.items(), key=lambda x: (-x[1], x[0]))]}


def search_view(store: Store, q: str, limit: int = 20) -> dict[str, Any]:
    """Search: article segments containing `q` (folded), each with its matches marked."""
    hits = []
    query = Query.parse(q)  # once, for the search and every hit's marks
    for hit in store.search(query, limit) if query else []:
        assert query is not None  # hits come from a query
        article = segment(store, hit.doc, hit.segment) or {"text": "", "title": None}
        parts = marked(article["text"], query) or marked(article["title"] or "", query)
        hits.append(hit.to_dict() | {"parts": [{"text": t, "match": m} for t, m in parts]})
    return {"q": q, "limit": limit, "total": len(hits), "hits": hits}


def stats_view(store: Store) -> dict[str, Any]:
    """Stats: rows per table and events per kind, year, state and topic."""
    found = store.events()
    dates = sorted(e.date for e in found if e.date)
    return {"counts": store.counts(), "first": dates[0] if dates else None, "last": dates[-1] if dates else None,
            **{"by_" + k: v for k, v in facets(found).items()}}

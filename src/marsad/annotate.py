"""Every mention the extractors find in a segment, for `marsad annotate`."""

from __future__ import annotations

from .model import Mention, Segment
from .settings import Settings


def annotate_segment(segment: Segment, settings: Settings) -> list[Mention]:
    """Labels: date, person, title, organization, country, place (offsets into segment.text)."""
    from .extract.document import analyse

    a = analyse(segment, settings)
    text = segment.text
    out = list(a.dates)
    for p in a.people:
        ent = a.entities[p.entity] if p.entity >= 0 else None
        if p.name_span:
            s, e = p.name_span
            out.append(Mention("person", s, e, text[s:e], p.name, {
                "title": p.title, "country": p.country or (ent.country if ent else None),
                "entity": p.entity, "organization": p.organization}))
        if p.title_span:
            s, e = p.title_span
            out.append(Mention("title", s, e, text[s:e], p.title, {"country": p.country, "sector": p.sector}))
    for x, y, entry in a.gazetteer_mentions("agency"):
        out.append(Mention("organization", x, y, text[x:y], entry.attrs.get("name_en"),
                           {"country": None if entry.key == "*" else entry.key, "sector": entry.attrs.get("sector")}))
    for x, y, entry in a.gazetteer_mentions("place"):
        if entry.kind == "nisba":
            out.append(Mention("country", x, y, text[x:y], entry.key, {"form": "nisba"}))
    for place in a.places:
        label = "place" if place.kind == "city" else "country"
        extra = {"country": place.iso3, "geonameid": place.geonameid, "locative": place.locative}
        out.append(Mention(label, place.start, place.end, place.text,
                           place.name_en if place.kind == "city" else place.iso3, extra))
    out.sort(key=lambda m: (m.start, m.label))
    return out

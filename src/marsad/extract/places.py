"""City and country mentions, with GeoNames ids, and which of them say where something happened.

A city counts as the place of an engagement only when a preposition introduces it (بالرباط،
في العاصمة الرباط، بمدينة طرابلس); "شواطئ الداخلة" names a place without locating the meeting.
A name shared by a country and its capital (الجزائر، الكويت، تونس) is the country unless the text
says العاصمة or مدينة just before it (spec §3). A city name shared by two cities takes the row
marked `default` in data/cities.tsv (طرابلس -> Tripoli, Libya) unless the sentence names the
other city's country (طرابلس اللبنانية، شمال لبنان).
"""

from __future__ import annotations

import functools
import itertools
import re
from bisect import bisect_left
from dataclasses import dataclass
from operator import itemgetter

from ..lexicons import Entry, Lexicons, lexicons
from ..matching import Cue
from ..normalize import Folded, fold
from ..settings import Reach
from .tokens import place_readings


def _either(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in words)


@dataclass(frozen=True, slots=True)
class PlaceCues:
    """The tests of the words before a name, built from data/place_words.yaml (`PlaceWords`)."""

    city: re.Pattern[str]  # "بالعاصمة الرباط", "العاصمة الأردنية عمان": a city follows
    preposition: re.Pattern[str]  # "في الرباط", "في مدينة طرابلس": the place says where
    with_ba: re.Pattern[str]  # "بمدينة طرابلس"
    state: re.Pattern[str]  # "سلطنة عمان": a state follows
    destination: re.Pattern[str]  # "إلى الرباط": where someone goes
    event: re.Pattern[str]  # "معرض إسطنبول": the city of an event named after it
    visiting: Cue  # "الذي يزور القاهرة": where the visitor is
    seat: Cue  # "بمقر وزارة الداخلية الإيطالية": in the state the nisba names
    situation: re.Pattern[str]  # "احتواء التصعيد في العاصمة طرابلس": a topic's place, not the venue
    origin: re.Pattern[str]  # "وفدا من جمهورية مصر العربية": where a delegation comes from, not the venue
    words: tuple[str, ...]  # the city, with_ba and state tests need one of these: a substring test spares them
    destination_words: tuple[str, ...]  # the destination test needs one of these


@functools.cache
def cues() -> PlaceCues:
    w = lexicons().place_words
    return PlaceCues(
        city=re.compile(rf"(?:{_either(w.city_cues)})\s*(?:ال\w+\s+)?$"),
        preposition=re.compile(rf"(?:^|\s)(?:{_either(w.locative_prepositions)})\s+(?:(?:ال)?(?:{_either(w.nouns)})\s+)?$"),
        with_ba=re.compile(rf"(?:^|\s)[وف]?ب(?:ال)?(?:{_either(w.city_nouns)})\s+(?:ال\w+\s+)?$"),
        state=re.compile(rf"(?:{_either(w.state_nouns)})\s*$"),
        destination=re.compile(rf"(?:{_either(w.destination_prepositions)})\s+"
                               rf"(?:(?:ال)?(?:{_either(w.city_nouns + w.state_nouns)})\s+)?$"),
        event=re.compile(rf"(?:^|\s)(?:{_either(w.event_nouns)})\s+$"),
        visiting=Cue(rf"(?:^|\s)[وف]?(?:{_either(w.visiting_verbs)})\s+(?:(?:ال)?(?:{_either(w.nouns)})\s+)?$"),
        seat=Cue(rf"(?:^|\s)[وف]?(?:ب|في\s+)(?:ال)?(?:{_either(w.seat_words)})\s+(?:ال)?"
                        rf"(?:{_either(w.seat_institutions)})\s+(?:\S+\s+){{0,2}}$"),
        situation=re.compile(rf"(?:^|\s)(?:[وفبل]|وال|بال|لل|ال)?(?:{_either(w.situation_nouns)})\s+(?:ال\w+\s+|علي\s+\S+\s+)?(?:في\s+|ب)"
                             rf"(?:(?:ال)?(?:{_either(w.nouns)})\s+(?:ال\w+\s+)?)?$"),
        origin=re.compile(rf"(?:^|\s)[وفبل]?(?:{_either(w.origin_nouns)})\s+(?:\S+\s+){{0,3}}?من\s+(?:(?:ال)?(?:{_either(w.nouns)})\s+)?$"),
        words=w.nouns, destination_words=w.destination_prepositions)


@dataclass(slots=True)
class Place:
    kind: str  # city | country
    iso3: str
    start: int
    end: int
    text: str
    name_en: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    locative: bool = False  # introduced by ب / في: says where something happened
    destination: bool = False  # introduced by إلى / ل: where someone travels
    visited: bool = False  # after the present of زار ("الذي يزور واشنطن حاليا"): where a visitor is now


def find_places(text: str, lex: Lexicons | None = None, folded: Folded | None = None,
                hits: list | None = None, within: tuple[int, int] | None = None,
                named: dict[str, set[str]] | None = None, reach: Reach = Reach()) -> list[Place]:
    """City and country mentions of `text` (nisba adjectives are not places). `folded`, the
    gazetteer `hits` and `states_named(hits)` may be passed in when the caller has them already;
    with `within` (a span of `text`), only the mentions that start there (read in the context of
    the whole text)."""
    lex = lex or lexicons()
    folded = folded or fold(text)
    t = folded.text
    hits = place_readings(lex, t) if hits is None else hits
    lo, hi = (folded.fpos(within[0]), folded.fpos(within[1])) if within else (0, len(t))
    named = states_named(hits) if named is None else named
    c = cues()
    out = []
    first = bisect_left(hits, lo, key=itemgetter(0)) if within else 0  # hits are in text order
    for start, end, entries in itertools.islice(hits, first, None):
        if start >= hi:
            break
        capital_cue = t[max(0, start - reach.capital_before):start]
        if entries[0].kind == "nisba" and CAPITAL_OF.search(capital_cue):
            out.append(_capital(text, folded, start, end, entries[0].key, lex, capital_cue))
            continue  # "بالعاصمة الجزائرية": the capital of the state the adjective names
        if entries[0].kind == "nisba" and c.seat.search(t, max(0, start - reach.seat_before), start):
            s, e = folded.span(start, end)  # "بمقر وزارة الداخلية الإيطالية": in Italy
            out.append(Place("country", entries[0].key, s, e, text[s:e], locative=True))
            continue
        entries = [e for e in entries if e.kind in {"city", "country"}]
        if not entries:
            continue
        s, e = folded.span(start, end)
        entries = as_written(entries, text[s:e])  # "عمّان" is Amman
        prefix = _proclitic(t, start)
        before = t[max(0, start - reach.place_cue_before):start - len(prefix)]
        cue_word = any(w in before for w in c.words)  # most names have none of these before them
        state_word = cue_word and bool(c.state.search(before + prefix))
        city_cue = cue_word and bool(c.city.search(before + prefix))
        entry = _choose(entries, city_cue, t[end:end + reach.state_after_city], named, state_word)
        place = Place(entry.kind, entry.state or "", s, e, text[s:e])
        if entry.kind == "city":
            a = entry.attrs
            place.name_en, place.geonameid, place.lat, place.lon = a["name_en"], a["geonameid"], a["lat"], a["lon"]
        cue = cue_word and bool(c.city.search(before) or c.with_ba.search(before))  # "بمدينة"، "ببلدية"
        visited = place.visited = not prefix and bool(c.visiting.search(before))
        place.locative = "ب" in prefix or bool(c.preposition.search(before)) \
            or cue_word and bool(c.with_ba.search(before)) \
            or entry.kind == "city" and (cue or not prefix and bool(c.event.search(before))) \
            or not prefix and visited  # "تستضيفه العاصمة السعودية الرياض"،
            # "على هامش معرض إسطنبول الدولي"، "الذي يزور القاهرة"
        if place.locative and (c.situation.search(before + prefix[-1:] if prefix.endswith("ب") else before)
                               or "من" in before and c.origin.search(before)):
            place.locative = False  # "تطورات الأوضاع في ليبيا": what was discussed; "وفدا من مصر": whence
        if entry.kind == "city" and entry.attrs.get("common") and (
                not ("ب" in prefix and not entry.attrs["person"] or cue) or _construct(t, end, hits)):
            place.locative = False  # "في إطار" is "within the framework", not the town Atar; "بمعسكر
            # المرتفعة" is "at the Murtafa'a camp", not in Mascara
        place.destination = prefix.endswith("ل") or any(w in before for w in c.destination_words) \
            and bool(c.destination.search(before))
        out.append(place)
    return out


def as_written(entries: list[Entry], written: str) -> list[Entry]:
    """"عمّان": a shadda, kept in the text as written though folded away, marks the city Amman, not
    Oman (عُمان): a name written with one is read as a city when it can be."""
    if SHADDA in written:
        cities = [e for e in entries if e.kind == "city"]
        return cities or entries
    return entries


SHADDA = "\u0651"


def states_named(hits: list) -> dict[str, set[str]]:
    """iso3 -> the forms that name the state in the text (names and nisbas)."""
    named: dict[str, set[str]] = {}
    for _, _, entries in hits:
        for e in entries:
            if e.kind in {"country", "nisba"}:
                named.setdefault(e.key, set()).add(e.form)
    return named


CAPITAL_OF = re.compile(r"(?:^|\s)([وف]?(?:ب|في\s+)?)(?:ال)?عاصمه\s+$")


def _construct(t: str, end: int, hits: list) -> bool:
    """Is a town named like a common word followed by a definite word that names no place, as that
    word's complement ("معسكر المرتفعة", "العين السخنة")?"""
    if not (t[end:end + 1] == " " and t[end + 1:end + 3] == "ال"):
        return False
    k = bisect_left(hits, end + 1, key=itemgetter(0))
    return not (k < len(hits) and hits[k][0] == end + 1)


def _capital(text: str, folded, start: int, end: int, iso3: str, lex: Lexicons, before: str) -> Place:
    capital = lex.capitals.get(iso3)
    s, e = folded.span(start, end)
    if capital is None:
        return Place("country", iso3, s, e, text[s:e])
    a = capital.attrs
    found = CAPITAL_OF.search(before)
    locative = bool(found.group(1)) if found else False
    return Place("city", iso3, s, e, text[s:e], a["name_en"], a["geonameid"], a["lat"], a["lon"], locative)


def _proclitic(t: str, start: int) -> str:
    k = start
    while k > 0 and t[k - 1].isalpha():
        k -= 1
    return t[k:start]


def _choose(entries: list[Entry], city_cue: bool, after: str, named: dict[str, set[str]],
            state_word: bool = False) -> Entry:
    countries = [e for e in entries if e.kind == "country"]
    cities = [e for e in entries if e.kind == "city"]
    if countries and cities and not city_cue:
        # عمان: the city Amman unless Oman is named otherwise (سلطنة عمان، العماني) in the text.
        form = countries[0].form
        other = [c for c in cities if c.attrs["iso3"] != countries[0].key
                 and not (named.get(countries[0].key, set()) - {form}) and not state_word]
        if other:
            return other[0]
    if countries and (not city_cue or not cities):
        return countries[0]
    if len(cities) > 1:
        mentioned = [c for c in cities if c.attrs["iso3"] in _countries_named(after)]
        cities = mentioned or sorted(cities, key=lambda c: not c.attrs.get("default", True))
    return cities[0]


def _countries_named(text: str) -> set[str]:
    return {e.key for _, _, e in lexicons().places.find(text) if e.kind in {"country", "nisba"}}

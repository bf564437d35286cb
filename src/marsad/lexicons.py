"""Loads the data tables in `src/marsad/data/` once and offers typed look-ups.

Every lexicon entry is folded (see `normalize.fold`) when loaded, so data files are written in
ordinary spelling and matched against folded text. Where a month name or a title lives:
`data/months.yaml`, `data/titles.yaml` (see docs/data.md for how to add one).
"""

from __future__ import annotations

import csv
import functools
import itertools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .literals import anchors, leads
from .matching import (
    PLACE_PROCLITICS,
    PROCLITIC_SET,
    PROCLITICS,
    Cue,
    Entry,
    Gazetteer,
    Gazetteers,
    Prefilter,
    Starts,
    automaton,
    matches_at,
)
from .normalize import fold, fold_word
from .outlets import OutletTable, outlet_table
from .word_tables import PlaceWords, TitleClasses

DATA = Path(__file__).parent / "data"


def _read(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def _yaml(name: str) -> Any:
    return yaml.load(_read(name), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml when built


def _tsv(name: str) -> list[dict[str, str]]:
    rows = csv.DictReader(_read(name).splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
    return [r for r in rows if r and not next(iter(r.values()), "").startswith("#")]


def _lines(name: str) -> list[str]:
    return [ln.strip() for ln in _read(name).splitlines() if ln.strip() and not ln.startswith("#")]


def _split(cell: str | None) -> list[str]:
    return [x.strip() for x in (cell or "").split("|") if x.strip()]


__all__ = ["PROCLITICS", "PROCLITIC_SET", "Cue", "Entry", "Gazetteer", "Lexicons", "Prefilter", "Starts", "anchors",
           "automaton", "leads", "lexicons", "matches_at"]


@dataclass(frozen=True, slots=True)
class Cues:
    """The cues of the event rules (data/cues.yaml), compiled: regular expressions over folded text."""

    negated: Cue  # "لم يلتق": end-anchored, searched before a trigger
    recalled_near: Cue  # "وكان ... قد" just before a trigger
    recalled_far: Cue  # "وكان الطرفان قد التقيا"
    comes_after: Cue  # "ويأتي هذا اللقاء بعد ... حيث التقيا": an earlier meeting
    attending: tuple[str, ...]  # "بحضور": the officials named after it attend
    at_home: Cue  # "في مكتبه"
    office: Cue  # "في مكتبه": the side that hosts by the verb is in his own state
    own_office: Cue  # "بمكتبه": the office of the side named last before it, when no verb receives
    diplomat: Cue  # an ambassador's, chargé's or consul's title
    sidelines: Cue  # "على هامش ...": neutral ground
    refers_back: Cue  # "وجاء ذلك ...": a sentence opening on the meeting just told
    delegation_led: Cue  # "وفدا من مصر برئاسة Y": a visiting delegation and its head
    accompanied: Cue  # "Y والوفد المرافق له": Y visits
    delegation_subject: Cue  # "كما التقى الوفد بـX": the delegation's leader is the subject
    residence: Cue  # "في مقر إقامته": where a visitor stays, neutral ground too
    calls_listed: Cue  # "سلسلة اتصالات هاتفية، شملت:": the talks listed after it were calls
    by_phone: Cue  # "بحث الرئيسان ... هاتفيا": a meeting verb's talks, held by phone
    visit: Cue  # "زيارة ... إلى": the state visited
    summing_up: Cue  # "هذه اللقاءات": a paragraph about every meeting
    each_of: Cue  # "كلا من": each member of the list that follows is met in turn
    side_of: Cue  # "ترأس الجانب العماني X": the head of a side named by its nisba
    members_of: Cue  # "ضمت كلا من": a delegation's members, not met one by one
    listed: Cue  # "التقى X، وY، وZ": the comma link of a list of people met in turn
    series: Cue  # "كما التقى": the protagonist's series goes on
    with_before: Cue  # "عقد X مع Y جلسة مباحثات": the other side before a noun trigger
    passive_agent: Cue  # "من قبل" before the name of the one who receives
    received: Cue  # "حظي ... باستقبال": the subject was received
    between: Cue  # "بين" just before the first state of a pair
    pair_link: Cue  # the "و" between the two states of a pair
    between_sides: Cue  # "الاجتماع بين وزارتي الداخلية بدولة قطر و...": a noun's two states
    dual_subject: Cue  # "التقى الوزيران": the article's two sides
    dual_after: Cue  # "جلسة مباحثات برئاسة الوزيرين": the article's two sides, after a noun
    joined: Cue  # "X، وY": the و before the second of two sides
    counterparts_of: Cue  # "مع وزراء العدل: الأردن، وتونس": sides named by their state
    list_link: Cue  # "، و" between two states of a list
    our_country: Cue  # "شعبنا"، "بلادنا": the outlet speaks as its state
    joint: Cue  # "اجتماع ثلاثي": one event for every side of the sentence
    later_today_after: Cue  # "يلتقي ... ظهر اليوم": the present before a later part of today is a programme
    future_after: Cue  # "يلتقي ... الأسبوع المقبل": a plan, told after the trigger
    future_verb_after: Cue  # "محادثات X ستتمحور حول": after a noun, the talks are still to come


def _trigger_words(triggers: dict[str, Any]) -> set[str]:
    """The first word of every trigger form, and of every verb its dual ("أجرى" -> "أجريا", "بحث"
    -> "بحثا"): "وحسين أشتري أجريا مباحثات": a name ends before the verb of its two sides."""
    words = {fold_word(f.split()[0]) for fam in triggers.values() if isinstance(fam, dict)
             for forms in fam.values() for f in forms}
    verbs = {fold_word(v.split()[0]) for fam in triggers.values() if isinstance(fam, dict) for v in fam.get("verbs", [])}
    return words | {v + "ا" for v in verbs if not v.endswith(("ا", "ت"))}


def _cues(spec: dict[str, Any]) -> Cues:
    fields: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else Cue(v) for k, v in spec.items()}
    return Cues(**fields)


@dataclass(frozen=True, slots=True)
class PeopleWords:
    """The closed word classes of the people grammar (data/people_words.yaml), folded."""

    name_binders: frozenset[str]
    patronymics: frozenset[str]  # بن، ولد: a town's name before one is a person's
    particles: frozenset[str]
    foreign_particles: frozenset[str]  # "دي مايو": the word after one is a name word
    title_prefixes: frozenset[str]
    title_trailing: frozenset[str]
    title_prepositions: frozenset[str]
    purpose: frozenset[str]
    state_words: frozenset[str]
    missions: frozenset[str]
    place_words: frozenset[str]
    counterpart: frozenset[str]
    qualifiers: frozenset[str]
    side_words: frozenset[str]
    weak_nisbas: frozenset[str]
    weak_nisba_after: frozenset[str]
    day_parts: frozenset[str]
    honorific_conjunctions: tuple[str, ...]  # in the order written: the forms are built from them
    honorific_prepositions: tuple[str, ...]
    possessed_endings: tuple[str, ...]  # "أهميتها": a noun with its pronoun, no name
    capacity_proclitics: frozenset[str]  # "كمبعوث": a capacity, not a person
    honorific_titles: frozenset[str]  # "الأمير", "المستشار": an office, but an honorific right before a first name


def _people_words(spec: dict[str, list[str]]) -> PeopleWords:
    ordered = {"honorific_conjunctions", "honorific_prepositions", "possessed_endings"}
    fields: dict[str, Any] = {k: tuple(fold_word(str(w)) for w in v) if k in ordered
                              else frozenset(fold_word(str(w)) for w in v) for k, v in spec.items()}
    return PeopleWords(**fields)


@dataclass(slots=True)
class Lexicons:
    months: dict[str, int]
    hijri_months: dict[str, int]
    ambiguous_months: set[str]
    weekdays: dict[str, int]
    chrome: dict[str, list[str]]
    function_words: set[str]
    honorifics: list[str]
    titles: dict[str, Any]
    places: Gazetteer  # countries, nisbas, cities
    agencies: Gazetteer
    title_heads: Gazetteer
    segment_gazetteers: Gazetteers  # places, agencies and title heads, read in one walk of a segment
    countries: dict[str, dict[str, str]]
    topics: Prefilter  # topic -> its cue expressions
    triggers: dict[str, Any]
    date_words: dict[str, Any]  # data/date_words.yaml as written: folded by extract/date_words.py
    org_words: set[str]  # words that make a name an organisation's (data/org_words.txt)
    not_names: set[str]  # words never part of a person's name (data/not_names.txt)
    common_words: set[str]  # common words and function words: a small town so named needs a cue
    first_names: set[str]  # data/first_names.txt, word by word
    news_agencies: list[tuple[str, str]]  # (folded name, iso3) of the state news agencies
    ruling_families: dict[str, str]  # data/ruling_families.tsv: a folded surname (آل ثاني) -> its state
    capitals: dict[str, Entry]  # iso3 -> its capital's gazetteer entry
    trigger_words: set[str]  # the first word of every trigger form (function words left out)
    frequent_words: frozenset[str]  # data/frequent_words.txt: frequent words a name does not run on into
    outlets: OutletTable  # data/outlets.tsv: domain and name -> outlet, country (outlets.outlet_of)
    cues: Cues  # data/cues.yaml: what the event rules read around a trigger
    people_words: PeopleWords  # data/people_words.yaml: the people grammar's word classes
    day_words: frozenset[str]  # data/date_words.yaml `day_words`: اليوم، أمس، غدا (one-word relative days)
    title_classes: TitleClasses  # data/titles.yaml `classes`: a title head's class (minister, envoy ...)
    place_words: PlaceWords  # data/place_words.yaml: the words around a place name


def _places(common: set[str] | frozenset[str], calendar: set[str] | frozenset[str] = frozenset(),
            first_names: set[str] | frozenset[str] = frozenset()) -> tuple[list[Entry], dict[str, dict[str, str]]]:
    """Countries, nisbas and cities. A small town named like a common word (إطار، العين), and any
    city named like a month or a weekday (إب is written آب, August, once folded), is marked
    `common`: it needs a city cue (مدينة، ب) before it to count as a place. One named like a first
    name (مسعد) is also `person`: ب is no cue for it ("التقى بمسعد بولس")."""
    entries, countries = [], {}
    for row in _tsv("countries.tsv"):
        iso = row["iso3"]
        countries[iso] = {"name_en": row["name_en"], "iso2": row["iso2"]}
        entries += [Entry("country", iso, fold_word(n)) for n in _split(row["names"])]
        entries += [Entry("nisba", iso, fold_word(n)) for n in _split(row["nisbas"])]
    for row in _tsv("cities.tsv"):
        attrs: dict[str, Any] = {"name_en": row["name_en"], "geonameid": int(row["geonameid"]), "iso3": row["iso3"],
                 "lat": float(row["lat"]), "lon": float(row["lon"]), "capital": row["capital"] == "1",
                 "default": row.get("default", "1") != "0", "population": int(row["population"] or 0)}
        for name in _split(row["names_ar"]):
            form = fold_word(name)
            small = attrs["population"] < 500_000 and not attrs["capital"]
            person = small and form in first_names
            entries.append(Entry("city", row["name_en"], form,
                                 {**attrs, "common": small and form in common or form in calendar or person, "person": person}))
    by_name = {(e.key, e.attrs["iso3"]): e.attrs for e in entries if e.kind == "city"}
    for row in _tsv("seats.tsv"):  # "في قصر بيان": a seat of state places the meeting as a city does
        city = by_name[row["city"], row["iso3"]] if row["city"] else None
        attrs = {"name_en": None, "geonameid": None, "lat": None, "lon": None, "capital": False, "default": True,
                 "population": 0, **(city or {}), "iso3": row["iso3"], "common": False, "seat": True}
        entries += [Entry("city", attrs["name_en"] or row["iso3"], fold_word(n), attrs) for n in _split(row["names_ar"])]
    return entries, countries


def _agencies() -> list[Entry]:
    return [Entry("agency", row["iso3"], fold_word(n), {"sector": row["sector"], "name_en": row["name_en"]})
            for row in _tsv("agencies.tsv") for n in _split(row["names"])]


def _title_heads(titles: dict[str, Any]) -> list[Entry]:
    out = []
    for concept, spec in (titles.get("functions") or {}).items():
        out += [Entry("title", concept, fold_word(f), {"sector": spec.get("sector")}) for f in spec["forms"]]
    out += [Entry("rank", r, fold_word(r)) for r in titles.get("ranks") or []]
    return out


def _topic_cues(spec: dict[str, list[str]]) -> dict[str, list[str]]:
    return {topic: [fold(p, lower=False).text for p in cues] for topic, cues in spec.items()}


@functools.cache
def lexicons() -> Lexicons:
    """All lexicons, loaded and folded once per process."""
    months = _yaml("months.yaml")
    titles = _yaml("titles.yaml")
    function_words = {fold_word(w) for w in _lines("function_words.txt")}
    common = {fold_word(w) for w in _lines("common_words.txt")} | function_words
    weekdays = {fold_word(v): int(k) for k, vs in _yaml("weekdays.yaml").items() for v in vs}
    calendar = {fold_word(v) for part in ("gregorian", "hijri") for vs in months[part].values() for v in vs} | set(weekdays)
    frequent = frozenset(_lines("frequent_words.txt"))
    first_names = {fold_word(w) for line in _lines("first_names.txt") for w in line.split()} \
        | {fold_word("عبد" + w) for line in _lines("first_names.txt") for a, w in itertools.pairwise(line.split())
           if a == "عبد"}  # "عبد السلام" is written joined as often: عبدالسلام
    place_entries, countries = _places(common | frequent, calendar, first_names)  # "العبور" is a word before a town
    triggers = _yaml("triggers.yaml")
    date_words = _yaml("date_words.yaml")
    topic_cues = _topic_cues(_yaml("topics.yaml"))
    places, agencies, title_heads = Gazetteer(place_entries, PLACE_PROCLITICS), Gazetteer(_agencies()), \
        Gazetteer(_title_heads(titles))
    return Lexicons(
        months={fold_word(v): int(k) for k, vs in months["gregorian"].items() for v in vs},
        hijri_months={fold_word(v): int(k) for k, vs in months["hijri"].items() for v in vs},
        ambiguous_months={fold_word(v) for v in months["ambiguous"]},
        weekdays=weekdays,
        chrome={k: [fold_word(v) for v in vs] for k, vs in _yaml("chrome.yaml").items()},
        function_words=function_words,
        honorifics=sorted((fold_word(h) for h in _lines("honorifics.txt")), key=len, reverse=True),
        titles=titles,
        places=places,
        agencies=agencies,
        title_heads=title_heads,
        segment_gazetteers=Gazetteers([places, agencies, title_heads]),
        countries=countries,
        topics=Prefilter(topic_cues),
        triggers=triggers,
        date_words=date_words,
        org_words={fold_word(w) for w in _lines("org_words.txt")},
        not_names={fold_word(w) for w in _lines("not_names.txt")},
        common_words=common,
        first_names=first_names,
        news_agencies=[(fold_word(n), r["iso3"]) for r in _tsv("news_agencies.tsv") for n in _split(r["names"])],
        ruling_families={fold_word(r["surname"]): r["iso3"] for r in _tsv("ruling_families.tsv")},
        capitals={e.attrs["iso3"]: e for e in place_entries if e.kind == "city" and e.attrs["capital"]},
        trigger_words=_trigger_words(triggers) - function_words,
        outlets=outlet_table(_tsv("outlets.tsv"), _tsv("national_domains.tsv")),
        frequent_words=frequent,
        cues=_cues(_yaml("cues.yaml")),
        people_words=_people_words(_yaml("people_words.yaml")),
        day_words=frozenset(fold_word(w) for w in date_words["day_words"]),
        title_classes=TitleClasses.load(titles.get("classes")),
        place_words=PlaceWords.load(_yaml("place_words.yaml")),
    )

"""Engagement events from one article segment (spec §2): triggers, sides, roles, date, place, topics.

1. Analyse the segment: people (linked into entities), places, dates, sentences, paragraphs.
2. In each sentence, find triggers (data/triggers.yaml); drop those that are planned, negated or
   recalled as background.
3. For each trigger, the subject (the entity right after a verb, else before the trigger, else
   the article's protagonist) and the objects (entities after it): one engagement per object of
   another state. Collective objects ("سفراء كل من ...") give no event by themselves.
4. Engagements between the same two entities in one segment are one event.
5. Each event gets its roles, date, place and topics, scoped to the paragraphs about it.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..lexicons import Entry, Lexicons, Starts, lexicons, matches_at
from ..model import Event, Location, Mention, Participant, Segment, Source
from ..normalize import Folded, fold, fold_word, one_space, positions, word_start
from .dates import find_dates
from .people import WEAK_NISBAS, PeopleFinder, Person
from .places import Place, find_places, states_named
from .topics import topics_in

SENTENCE = re.compile(r"[^.!?؟\n]+(?:[.!?؟]+|(?=\n)|$)")  # a paragraph may end without a full stop
VISIT = re.compile(r"زيار(?:ه|ت\w*)\s*(?:\S+\s+){0,3}?(?:الي|ل)")
AT_HOME = re.compile(r"(?:في|ب)\s*مكتب(?:ه|ها)|بمقر\s+(?:ال)?وزاره|في\s+مقر\s+(?:ال)?وزاره")
DIPLOMAT = re.compile(r"سفير|القايم\s+باعمال|قنصل")
SIDELINES = re.compile(r"(?:علي|في)\s+هامش\s+(?:\S+\s+){0,3}?(?:لل|ال)?(?:اجتماع|مؤتمر|منتدي|قمه|دوره|جمعيه|"
                       r"ملتقي|اشغال|معرض|اجتماعات|منتديات|مؤتمرات|قمم|لجنه)")
ATTENDING = re.compile(r"(?:بحضور|وبحضور|رفقه|برفقه|بمعيه|بمشاركه|وحضر|حضره)")
ALL_EVENTS = re.compile(r"(?:هذه|تلك)\s+(?:ال)?(?:لقاءات|اللقاءات|المباحثات|الاجتماعات|الزيارات)|اللقاءات|اللقاءين|الاجتماعين")


@dataclass(slots=True)
class Entity:
    id: int
    name: str | None
    title: str | None
    country: str | None
    organization: str | None = None
    sector: str | None = None
    concept: str | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)


@dataclass(slots=True)
class Analysis:
    """One segment, read once: its folded text, gazetteer hits and mentions, shared by every step."""

    segment: Segment
    entities: list[Entity]
    people: list[Person]
    sentences: list[tuple[int, int]]
    paragraphs: list[tuple[int, int]]
    folded: Folded
    ref_date: dt.date = dt.date.min
    hits: list[tuple[int, int, list[Entry]]] = field(default_factory=list)  # places gazetteer, every reading
    votes: dict[str, tuple[int, int]] | None = None  # home-state votes, counted when first needed
    trigger_starts: list[int] | None = None  # where trigger forms may start (folded offsets), once known
    place_hits: list[tuple[int, int, Entry]] = field(default_factory=list)  # gazetteer hits (folded offsets)
    agency_hits: list[tuple[int, int, Entry]] = field(default_factory=list)
    _dates: dict[tuple[int, int] | None, list[Mention]] = field(default_factory=dict)
    _places: dict[tuple[int, int] | None, list[Place]] = field(default_factory=dict)
    _named: dict[str, set[str]] = field(default_factory=dict)  # states the text names (for find_places)

    def fold(self, start: int, end: int) -> str:
        """The folded text of the segment span [start, end)."""
        return self.folded.sub(start, end)

    @property
    def dates(self) -> list[Mention]:
        """Every date mention of the segment (found when first asked for)."""
        return self.dates_within(None)

    @property
    def places(self) -> list[Place]:
        """Every city and country mention of the segment (found when first asked for)."""
        return self.places_within(None)

    def places_within(self, span: tuple[int, int] | None) -> list[Place]:
        """The place mentions that start in `span` (None: the whole segment)."""
        if span not in self._places:
            whole = self._places.get(None)
            if not self._named and self.hits:
                self._named = states_named(self.hits)
            self._places[span] = find_places(self.segment.text, lexicons(), self.folded, self.hits, span, self._named) \
                if whole is None else [p for p in whole if span[0] <= p.start < span[1]]  # type: ignore[index]
        return self._places[span]

    def read_dates(self, spans: list[tuple[int, int]]) -> None:
        """Finds the date mentions of these spans in one pass (`dates_within` then filters them)."""
        merged: list[tuple[int, int]] = []
        for lo, hi in sorted(spans):
            if merged and lo <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
            else:
                merged.append((lo, hi))
        found = find_dates(self.segment.text, self.segment.published, self.ref_date, self.folded, merged)
        for span in merged:
            self._dates[span] = [d for d in found if span[0] <= d.start < span[1]]

    def dates_within(self, span: tuple[int, int] | None) -> list[Mention]:
        """The date mentions that start in `span` (None: the whole segment); an event reads only
        its sentence and the lede, so the rest of a long segment is never searched for dates."""
        if span not in self._dates:
            known = self._dates.get(None)
            if known is None and span is not None:  # read already as part of a larger span?
                known = next((ds for (lo, hi), ds in ((k, v) for k, v in self._dates.items() if k)
                              if lo <= span[0] and span[1] <= hi), None)
            self._dates[span] = find_dates(self.segment.text, self.segment.published, self.ref_date, self.folded,
                                           None if span is None else [span]) if known is None \
                else [d for d in known if span[0] <= d.start < span[1]]  # type: ignore[index]
        return self._dates[span]


@dataclass(slots=True)
class Engagement:
    kind: str
    family: str
    subject: int
    obj: int
    sentence: tuple[int, int]


def analyse(segment: Segment, ref_date: dt.date, lex: Lexicons | None = None,
            folded: Folded | None = None) -> Analysis:
    lex = lex or lexicons()
    text = segment.text
    folded = folded or fold(text)
    hits = lex.places.find_all(folded.text)
    place_hits = [(s, e, entries[0]) for s, e, entries in hits]
    agency_hits = lex.agencies.find(folded.text)
    people = _finder().find(text, folded, place_hits, agency_hits)
    entities = link(people, text, folded)
    a = Analysis(
        segment, entities, people,
        sentences(text),
        segment.paragraphs(), folded, ref_date, place_hits=place_hits, agency_hits=agency_hits, hits=hits,
    )
    return a


STOPS = ".!?؟"


def sentences(text: str) -> list[tuple[int, int]]:
    """The spans of `SENTENCE.finditer(text)` that are not blank, from the positions of the few stop
    characters (str.find, no scan of every character by the regex engine).

    >>> sentences("التقى الوزير بنظيره. وبحثا التعاون!؟\\nفي الرباط")
    [(0, 20), (20, 37), (38, 47)]
    """
    out = []
    start, n = 0, len(text)
    for p in sorted(p for c in STOPS + "\n" for p in positions(text, c)):
        if p < start:
            continue  # inside a run of stops already taken
        if p == start:
            start = p + 1  # a sentence has at least one character that is not a stop
            continue
        end = p
        if text[p] != "\n":
            while end < n and text[end] in STOPS:
                end += 1
        if not text[start:end].isspace():
            out.append((start, end))
        start = end + 1 if text[p] == "\n" else end
    if start < n and not text[start:].isspace():
        out.append((start, n))
    return out


@functools.cache
def _finder() -> PeopleFinder:
    return PeopleFinder()


# 1. people -> entities ------------------------------------------------------------------------
def link(people: list[Person], text: str, folded: Folded | None = None) -> list[Entity]:
    """Group mentions of one person: full names, short references, title-only mentions."""
    entities: list[Entity] = []
    words_of: dict[str, frozenset[str]] = {}
    for p in people:
        ent = _same_entity(p, entities, words_of)
        if ent is None:
            ent = Entity(len(entities), p.name, p.title, p.country, p.organization, p.sector, p.concept)
            entities.append(ent)
        else:
            if p.name and (not ent.name or len(p.name) > len(ent.name)):
                ent.name = p.name
            ent.title = ent.title or p.title
            ent.country = ent.country or p.country
            ent.organization = ent.organization or p.organization
            ent.sector = ent.sector or p.sector
        p.entity = ent.id
        ent.spans.append((p.start, p.end))
    _short_references(entities, text, folded or fold(text))
    return entities


def _same_entity(p: Person, entities: list[Entity], words_of: dict[str, frozenset[str]]) -> Entity | None:
    if p.name:
        words = _words(p.name, words_of)
        for e in entities:
            if e.name and (words <= (other := _words(e.name, words_of)) or other <= words):
                return e
        return None
    title = fold_word(p.title or "")
    for e in entities:  # a title-only mention: the start of a known title, or the same state's official
        if title and fold_word(e.title or "").startswith(title) and (not p.country or p.country == e.country):
            return e
    same_state = [e for e in entities if p.country and e.country == p.country and e.name]
    return same_state[0] if len(same_state) == 1 else None


def _words(name: str, known: dict[str, frozenset[str]]) -> frozenset[str]:
    """The folded words of a name, folded once per segment (`known`)."""
    words = known.get(name)
    if words is None:
        words = known[name] = frozenset(fold_word(name).split())
    return words


def _short_references(entities: list[Entity], text: str, folded: Folded) -> None:
    for e in entities:
        if not e.name:
            continue
        last = fold_word(e.name).split()[-1]
        if len(last) < 4:
            continue
        for at, end in _occurrences(folded.text, last):
            s, t = folded.span(at, end)
            if not any(a <= s < b for ent in entities for a, b in ent.spans):
                e.spans.append((s, t))


def _occurrences(text: str, word: str) -> Iterator[tuple[int, int]]:
    """Where `word` (or ال + word) stands as a whole word in `text`: str.find, not a regex per name.

    >>> list(_occurrences("التقى حموشي، ثم الحموشي وبحموشي", "حموشي"))
    [(6, 11), (16, 23)]
    """
    for at in positions(text, word):
        end = at + len(word)
        lead = at - 2 if at >= 2 and text.startswith("ال", at - 2) else at
        if (lead == 0 or not text[lead - 1].isalnum() and text[lead - 1] != "_") \
                and (end == len(text) or not text[end].isalnum() and text[end] != "_"):
            yield lead, end


# 2. triggers -------------------------------------------------------------------------------------
@functools.cache
def _trigger_pattern() -> tuple[re.Pattern[str], dict[str, tuple[str, bool]], Starts]:
    """The trigger forms as one expression (longest first), their (family, is_verb), and where their
    first words start: the expression is only tried there."""
    table: dict[str, tuple[str, bool]] = {}
    for family, spec in lexicons().triggers.items():
        if not isinstance(spec, dict):
            continue
        for is_verb, key in ((True, "verbs"), (False, "nouns")):
            for form in spec.get(key) or []:
                table.setdefault(fold_word(form), (family, is_verb))
    forms = sorted(table, key=len, reverse=True)
    alternation = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms)
    return re.compile(rf"({alternation})(?!\w)"), table, Starts([f.split()[0] for f in forms])


@functools.cache
def _guard_pattern(kind: str) -> re.Pattern[str]:
    words = sorted((fold_word(w) for w in lexicons().triggers[kind]), key=len, reverse=True)
    alternation = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return re.compile(rf"(?<!\w)[وف]?(?:{alternation})(?!\w)")


NEGATED = re.compile(r"(?<!\w)(?:لم|لن|لا)\s+(?:\S+\s+)?$")  # "لم يلتق"، "لن يستقبل"
RECALLED = (re.compile(r"(?<!\w)[وف]?(?:كان|كانت|كانا|كانوا)(?!\w).{0,40}(?<!\w)قد\s+$"),
            re.compile(r"(?<!\w)[وف]?(?:كان|كانت|كانا|كانوا)\s+(?:\S+\s+){0,3}قد\s+\S+"))  # "وكان الطرفان قد التقيا"
TAIL = 80  # the end-anchored guards above match fewer characters: they are searched from here


def _blocked(before: str) -> bool:
    """Is a trigger preceded (in its clause) by a plan, a negation or a recalled meeting?"""
    if _guard_pattern("planned").search(before[-60:]):
        return True
    tail = max(0, len(before) - TAIL)  # the lookbehinds still see the text before `tail`
    if NEGATED.search(before, tail) or _guard_pattern("negated").search(before[-40:]):
        return True
    return "كان" in before and (bool(RECALLED[0].search(before, tail)) or bool(RECALLED[1].search(before))) \
        or bool(_guard_pattern("background").search(before[-40:]))  # "وكان الطرفان قد التقيا ... في اجتماع جمع"


# 3. engagements ---------------------------------------------------------------------------------
def engagements(a: Analysis) -> list[Engagement]:
    pattern, table, first_words = _trigger_pattern()
    found: list[Engagement] = []
    protagonist = next((e.id for e in a.entities if e.name), None)
    folded = a.folded
    starts = a.trigger_starts if a.trigger_starts is not None else first_words.find(folded.text)
    for s, t in a.sentences:
        fs, ft = folded.fpos(s), folded.fpos(t)
        mentions = None
        for m in matches_at(pattern, folded.text, starts, fs, ft):
            if not word_start(folded.text, m.start()):
                continue
            family, is_verb = table[one_space(m.group(1))]
            if _blocked(folded.text[fs:m.start()]):
                continue
            p0, p1 = folded.span(m.start(), m.end())
            mentions = _mentions_in(a, s, t) if mentions is None else mentions
            subject = _subject(mentions, p0, p1, is_verb, protagonist, a.segment.text)
            if subject is None:
                continue
            protagonist = protagonist if protagonist is not None else subject
            kind = {"call": "call", "agreement": "agreement"}.get(family, "meeting")
            for obj in _objects(a, mentions, p1, subject):
                found.append(Engagement(kind, family, subject, obj, (s, t)))
    return found


def _has_trigger(folded: str, starts: list[int]) -> bool:
    return any(True for _ in matches_at(_trigger_pattern()[0], folded, starts))


def _mentions_in(a: Analysis, s: int, t: int) -> list[tuple[int, int, int]]:
    out = [(x, y, e.id) for e in a.entities for x, y in e.spans if s <= x and y <= t]
    return sorted(out)


def _subject(mentions, p0: int, p1: int, is_verb: bool, protagonist: int | None, text: str) -> int | None:
    after = [m for m in mentions if m[0] >= p1]
    before = [m for m in mentions if m[1] <= p0]
    if is_verb and after and len(text[p1:after[0][0]].split()) <= 2:
        if len({m[2] for m in after}) == 1 and not before and protagonist not in {None, after[0][2]}:
            return protagonist  # "ثم استقبل سفيرة كندا ...": the subject is the article's protagonist
        return after[0][2]
    if before:
        return before[-1][2]
    return protagonist


def _objects(a: Analysis, mentions, p1: int, subject: int) -> list[int]:
    ents = a.entities
    out: list[int] = []
    countries = {ents[subject].country}
    for start, _, eid in (m for m in mentions if m[1] > p1):
        ent = ents[eid]
        if ATTENDING.search(a.fold(p1, start)):
            break  # "بحضور والي مدنين": attendees, not the other side
        if eid == subject or eid in out or (ent.country and ent.country in countries):
            continue
        if not ent.country and (out or not ents[subject].country or not ent.name):
            continue  # a side of unknown state: only one named counterpart of a known foreigner
        out.append(eid)
        countries.add(ent.country)
    return out


# 4-5. events ------------------------------------------------------------------------------------
def extract_events(segment: Segment, ref_date: dt.date, folded: Folded | None = None) -> list[Event]:
    """Step 3 of the pipeline: the engagement events stated in one segment (`folded`: its text
    folded, when the caller has it)."""
    folded = folded or fold(segment.text)
    starts = _trigger_pattern()[2].find(folded.text)
    if not _has_trigger(folded.text, starts):
        return []  # no meeting, call or agreement is written here: nothing to read closely
    a = analyse(segment, ref_date, folded=folded)
    a.trigger_starts = starts
    groups: dict[frozenset[int], list[Engagement]] = {}
    for eng in engagements(a):
        groups.setdefault(frozenset((eng.subject, eng.obj)), []).append(eng)
    if groups:  # what `_date` may read, in one pass
        a.read_dates([engs[0].sentence for engs in groups.values()] + (a.paragraphs[:1] or [(0, len(segment.text))]))
    events = [_event(a, engs) for engs in groups.values()]
    _scope_topics(a, events, list(groups.values()))
    pub = segment.published
    kept = []
    for ev in events:
        states = [p.country for p in ev.principals()]
        if None in states or len(set(states)) < 2 or (pub and ev.date and ev.date[:10] > pub):
            continue  # an unknown side, one state only, or a meeting still to come
        kept.append(ev)
    return kept


def _posting_state(participants: list[Participant], known: set[str | None]) -> str | None:
    """The state a known diplomat is posted to, from the second state named in the title."""
    for p in participants:
        if p.country and p.title and DIPLOMAT.search(fold(p.title).text):
            states = [e.key for _, _, e in lexicons().places.find(fold(p.title).text) if e.kind == "country"]
            later = [s for s in states if s not in known]
            if later:
                return later[0]
    return None


def home_country(a: Analysis, exclude: set[str]) -> str | None:
    """The state the article is written from, other than `exclude`: the one its dateline names, else
    the one its title and text name most (names, nisbas, places); a tie goes to the first named."""
    if a.votes is None:
        a.votes = _home_votes(a, a.hits)
    votes = {k: v for k, v in a.votes.items() if k not in exclude}
    return max(votes, key=votes.__getitem__) if votes else None


def _home_votes(a: Analysis, text_hits: list) -> dict[str, tuple[int, int]]:
    """Votes for the article's home state: dateline (a news agency or a place) 5 or 10, title and
    text 1 per mention. Ambiguous names (عمان), common-word towns and weak nisbas do not vote."""
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    lex = lexicons()
    seg = a.segment
    dateline = fold(seg.dateline or "").text
    for name, iso in lex.extra["news_agencies"]:  # "عمّان-سانا"
        if dateline and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", dateline):
            counts[iso] = counts.get(iso, 0) + 10
            first.setdefault(iso, -1)
    for weight, hits in ((5, lex.places.find_all(dateline) if dateline else []),
                         (1, lex.places.find_all(fold(seg.title or "").text)), (1, text_hits)):
        for _, _, entries in hits:
            if len({x.key if x.kind != "city" else x.attrs["iso3"] for x in entries}) > 1 \
                    and any(x.kind == "country" for x in entries):
                continue  # عمان: Oman or Amman, no vote
            e = next((x for x in entries if x.attrs.get("default", True)), entries[0])  # طرابلس -> Libya
            if e.attrs.get("common") or e.form in WEAK_NISBAS:
                continue  # "إطار" is not the town Atar, "المالية" is finance more often than Mali
            iso = e.key if e.kind in {"country", "nisba"} else e.attrs.get("iso3")
            if iso and iso not in {"ESH", "IGO"}:
                counts[iso] = counts.get(iso, 0) + weight
                first.setdefault(iso, len(first))
    return {iso: (n, -first[iso]) for iso, n in counts.items()}


def _fill_home(a: Analysis, participants: list[Participant], location: Location,
               neutral: bool) -> Participant | None:
    """A side of unknown state facing a foreigner is the home side: the meeting place's state, else
    (and always on neutral ground) the state the article is written from."""
    unknown = [p for p in participants if not p.country and p.role != "attendee"]
    known = {p.country for p in participants if p.country}
    if len(unknown) != 1:
        return None
    posted = _posting_state(participants, known)  # "سفير جمهورية قبرص في لبنان" -> LBN receives
    state = None if neutral or location.country in known else location.country
    state = state or (None if neutral else posted)
    exclude = known | ({location.country} if neutral and location.country else set())
    state = state or home_country(a, {k for k in exclude if k})
    if state and state not in known:
        unknown[0].country = state
        return unknown[0]
    return None


def _event(a: Analysis, engs: list[Engagement]) -> Event:
    first = engs[0]
    kinds = {e.kind for e in engs}
    kind = "agreement" if "agreement" in kinds else "call" if "call" in kinds else "meeting"
    if kind == "meeting" and _signed_nearby(a, first.sentence):
        kind = "agreement"  # "وتوجت هذه المباحثات بالتوقيع على مذكرة تفاهم": one event, an agreement
    date, how = _date(a, first.sentence)
    location = _location(a, first)
    s, t = first.sentence
    text = a.segment.text
    neutral = bool(SIDELINES.search(a.fold(s, t)))  # on the sidelines of a conference
    participants = _participants(a, first, location, kind, neutral)
    filled = _fill_home(a, participants, location, neutral)
    if filled and not neutral and kind != "call" and all(p.role == "participant" for p in participants) \
            and (AT_HOME.search(a.fold(s, t)) or any(DIPLOMAT.search(fold(p.title or "").text)
                                                              for p in participants if p is not filled)):
        # "اجتمع الوزير، في مكتبه، بسفير المملكة المتحدة": the home side receives the foreigner
        filled.role = "host"
        for p in participants:
            p.role = "guest" if p is not filled else "host"
        location.country = location.country or filled.country
    if not location.country and any(p.role == "host" for p in participants):
        location.country = next(p.country for p in participants if p.role == "host")
    source = Source(a.segment.doc, text[s:t].strip(), a.segment.index, s, t, a.segment.outlet)
    ev = Event(kind, date, location, participants, [], [source], date_how=how)
    ev.confidence = _confidence(ev, first)
    return ev


def _signed_nearby(a: Analysis, sentence: tuple[int, int]) -> bool:
    """Is an agreement signed in the trigger's paragraph or the next one?"""
    k = next((k for k, (x, y) in enumerate(a.paragraphs) if x <= sentence[0] < y), 0)
    text = " ".join(a.fold(x, y) for x, y in a.paragraphs[k:k + 2])
    pattern, first_words = _signing_pattern()
    return bool(first_words.find(text)) and bool(pattern.search(text))  # no signing word: no regex scan


@functools.cache
def _signing_pattern() -> tuple[re.Pattern[str], Starts]:
    spec = lexicons().triggers["agreement"]
    forms = sorted({fold_word(f) for f in spec.get("verbs", []) + spec.get("nouns", [])}, key=len, reverse=True)
    alternation = "|".join(re.escape(f).replace(chr(92) + " ", chr(92) + "s+") for f in forms)
    return re.compile(rf"(?<!\w)[وف]?(?:ب|ل)?(?:{alternation})(?!\w)"), Starts([f.split()[0] for f in forms])


def _date(a: Analysis, sentence: tuple[int, int]) -> tuple[str | None, str | None]:
    here = a.dates_within(sentence)
    if here:
        best = next((d for d in here if d.value), None)
        return (best.value, best.extra.get("how")) if best else (None, None)
    lede = a.paragraphs[0] if a.paragraphs else (0, 0)
    for d in a.dates_within(lede):
        if d.value:
            return d.value, d.extra.get("how")
    return None, None


def _location(a: Analysis, eng: Engagement) -> Location:
    titles = [p.title_span for p in a.people if p.title_span]

    def usable(p: Place) -> bool:  # "... على أن تجتمع اللجنة المشتركة المقبلة في برلين": a future venue is not the meeting place
        return p.locative and not any(x <= p.start < y for x, y in titles) \
            and not _guard_pattern("planned").search(a.fold(max(0, p.start - 50), p.start))

    s, t = eng.sentence
    k = next((k for k, (x, y) in enumerate(a.paragraphs) if x <= s < y), 0)
    para = a.paragraphs[k] if a.paragraphs else (s, t)
    after = a.paragraphs[k + 1] if k + 1 < len(a.paragraphs) else (t, t)
    lede = a.paragraphs[0] if a.paragraphs else (s, t)
    scopes = ((s, t), para, after, lede)  # the sentence, its paragraph, the next one, the lede
    pool = a.places_within((min(lo for lo, _ in scopes), max(hi for _, hi in scopes)))  # one reading
    for lo, hi in scopes:
        cities = [p for p in pool if lo <= p.start < hi and p.kind == "city" and usable(p)]
        if cities:
            c = cities[0]
            return Location(c.name_en, c.iso3, c.geonameid, c.lat, c.lon)
    for lo, hi in scopes:  # "بمقر الوزارة بالجزائر": only the state
        states = [p for p in pool if lo <= p.start < hi and p.kind == "country" and usable(p)]
        if states:
            return Location(None, states[0].iso3)
    for p in a.places:
        if p.kind == "country" and p.destination and VISIT.search(a.fold(max(0, p.start - 40), p.start)):
            return Location(None, p.iso3)
    return Location(None, None)


def _participants(a: Analysis, eng: Engagement, location: Location, kind: str,
                  neutral: bool = False) -> list[Participant]:
    subj, obj = a.entities[eng.subject], a.entities[eng.obj]
    home = None if neutral else location.country
    countries = [subj.country, obj.country]
    if home and kind != "call":  # the side of unknown state meeting a foreigner at this place is at home
        if subj.country is None and obj.country not in {None, home}:
            countries[0] = home
        elif obj.country is None and subj.country not in {None, home}:
            countries[1] = home
    if eng.family == "reception":
        roles = ("host", "guest")
    elif eng.family == "guest_of":
        roles = ("guest", "host")
    elif kind == "call":
        roles = ("participant", "participant")
    elif home and home == countries[1]:
        roles = ("guest", "host")
    elif home and home == countries[0]:
        roles = ("host", "guest")
    else:
        roles = ("participant", "participant")
    out = []
    for ent, role, known in zip((subj, obj), roles, countries, strict=True):
        country = known or (home if role == "host" else None)
        out.append(Participant(role, ent.name, ent.title, country, ent.organization, ent.sector))
    return out


def _scope_topics(a: Analysis, events: list[Event], groups: list[list[Engagement]]) -> None:
    """Paragraphs about one engagement give it their topics; lede and summing-up ones give to all."""
    if not events:
        return
    lex = lexicons()
    if len(events) == 1:  # one engagement: every paragraph is about it (one scan of the segment)
        events[0].topics = sorted(topics_in(a.folded.text, lex))
        return
    owner: dict[int, int] = {}
    for i, engs in enumerate(groups):
        for eng in engs:
            k = next((k for k, (x, y) in enumerate(a.paragraphs) if x <= eng.sentence[0] < y), 0)
            owner.setdefault(k, i)
    for k, (x, y) in enumerate(a.paragraphs):  # "وتناول اللقاء مع السفير الإيطالي ...": whose paragraph
        if k in owner or k == 0:
            continue
        named = {i for i, engs in enumerate(groups) for eng in engs[:1]
                 if any(x <= s < y for s, _ in a.entities[eng.obj].spans)}
        if len(named) == 1:
            owner[k] = named.pop()
    current = None
    for k, (x, y) in enumerate(a.paragraphs):
        topics = topics_in(a.fold(x, y), lex)
        summing_up = k not in owner and ALL_EVENTS.search(a.fold(x, y))
        current = owner.get(k, current)
        targets = events if len(events) == 1 or current is None or summing_up else [events[current]]
        for ev in targets:
            ev.topics = sorted(set(ev.topics) | topics)


def _confidence(ev: Event, eng: Engagement) -> float:
    score = 0.5
    score += 0.1 * sum(1 for p in ev.participants if p.name)
    score += 0.1 if ev.date and len(ev.date) == 10 else 0.0
    score += 0.05 if ev.location.city else 0.0
    score += 0.05 if eng.family in {"reception", "call", "agreement"} else 0.0
    return min(score, 0.95)

"""Engagement events from one article segment (spec §2): triggers, sides, roles, date, place, topics.

1. Analyse the segment (document.py): people linked into entities (entities.py), places, dates,
   sentences, paragraphs.
2. In each sentence, find triggers (triggers.py, data/triggers.yaml); drop those that are planned,
   negated or recalled as background.
3. For each trigger, its subject and objects (sides.py): one engagement per object of another
   state. Collective objects ("سفراء كل من ...") give no event by themselves.
4. Engagements between the same two entities in one segment are one event.
5. Each event gets its roles and home states (roles.py), date, place and topics, scoped to the
   paragraphs about it.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left

from ..lexicons import lexicons
from ..model import Event, Location, Participant, Segment, Source
from ..normalize import Folded, fold
from ..settings import Settings
from .clauses import mentions_in
from .document import Analysis, analyse, in_title, paragraph_in, paragraph_of, says
from .places import Place, find_places
from .roles import assign_roles, fill_home, office_host, posted_host
from .sides import Engagement, delegation_leader, delegations, engagements
from .topics import topics_in
from .triggers import guard_pattern, has_trigger, signing_pattern, trigger_pattern


def extract_events(segment: Segment, settings: Settings, folded: Folded | None = None) -> list[Event]:
    """Step 3 of the pipeline: the engagement events stated in one segment (`folded`: its text
    folded, when the caller has it), by the reaches of `settings.reach`."""
    folded = folded or fold(segment.text)
    starts = trigger_pattern()[2].find(folded.text)
    if not has_trigger(folded.text, starts):
        return []  # no meeting, call or agreement is written here: nothing to read closely
    a = analyse(segment, settings, folded, starts)
    groups: dict[object, list[Engagement]] = {}
    joint = lexicons().cues.joint
    for eng in engagements(a):  # one event per pair of sides; a three-party meeting is one event of all
        key = ("joint", eng.sentence) if says(a, joint, eng.sentence) else frozenset((eng.subject, eng.obj))
        groups.setdefault(key, []).append(eng)
    if groups:  # what `_date` may read, in one pass
        a.read_dates([engs[0].sentence for engs in groups.values()] + (a.paragraphs[:1] or [(0, len(segment.text))]))
    events = [_event(a, engs) for engs in groups.values()]
    _scope_topics(a, events, list(groups.values()))
    pub = segment.published
    recalled_before = (dt.date.fromisoformat(pub[:10]) - dt.timedelta(days=settings.reach.recalled_days)).isoformat() \
        if pub else ""
    kept = []
    for ev in events:
        states = [p.country for p in ev.principals()]
        known = {s for s in states if s}
        if states.count(None) > 1 or len(known) < (2 if None not in states else 1) \
                or (pub and ev.date and ev.date[:10] > pub):
            continue  # one state only, two unknown sides, or a meeting still to come; one unknown side is kept (spec §3)
        if pub and ev.date and ev.date[:10] < recalled_before and paragraph_of(a, ev.sources[0].start) > 0:
            continue  # "أجرى يوم 21 يوليو الماضي محادثات" in the body of a September report: background
        kept.append(ev)
    return _without_restatements(kept)


def _without_restatements(events: list[Event]) -> list[Event]:
    """The events less those that restate another of the segment with fewer names: "السفير السعودي
    يلتقي وزير الدفاع التونسي" in the lede, then the two named in the body, is one meeting. A
    restatement's sides are the other's states, each of them the same name or, nameless, a title
    of the same head (سفير، وزير، قائد); it gives the meeting its topics and, if missing, its date."""
    out = []
    named = [ev for ev in events if any(p.name for p in ev.principals())]  # a long sentence of nameless
    for ev in events:  # officials ("عقد وزير الداخلية مع نظيره ... ، و" again and again) compares nothing
        fuller = next((o for o in named if o is not ev and _restates(ev, o)), None) \
            if any(not p.name for p in ev.principals()) else None
        if fuller is None:
            out.append(ev)
            continue
        fuller.topics = sorted(set(fuller.topics) | set(ev.topics))
        if fuller.date is None and ev.date is not None:
            fuller.date, fuller.date_how = ev.date, ev.date_how
    return out


def _restates(ev: Event, other: Event) -> bool:
    """Is `ev` a restatement of `other` (see `_without_restatements`)?"""
    mine, theirs = ev.principals(), other.principals()
    if ev.kind != other.kind or len(mine) != len(theirs) or all(p.name for p in mine) \
            or sum(bool(p.name) for p in mine) >= sum(bool(p.name) for p in theirs) \
            or ev.date and other.date and ev.date != other.date \
            or {p.country for p in mine if p.country} - {p.country for p in theirs if p.country}:
        return False
    free = list(theirs)
    for p in mine:  # one to one: each side of the restatement is a different side of the other
        q = next((q for q in free if (p.name == q.name if p.name else _same_office(p.title, q.title))), None)
        if q is None:
            return False
        free.remove(q)
    return True


def _same_office(a: str | None, b: str | None) -> bool:
    """Are two titles the same office, told shorter or longer: the words before the first place
    named in each, without their article, one the start of the other (السفير لدى ليبيا ~ سفير
    فرنسا لدى ليبيا; وزير الدفاع التونسي ~ وزير الدفاع; not وزير الدفاع ~ وزير الداخلية)?"""
    x, y = _office(a), _office(b)
    return bool(x) and bool(y) and x[:len(y)] == y[:len(x)]


def _office(title: str | None) -> list[str]:
    folded = fold(title or "").text
    hits = lexicons().places.find(folded)
    return [w.removeprefix("ال") for w in folded[:hits[0][0] if hits else len(folded)].split()]


def _event(a: Analysis, engs: list[Engagement]) -> Event:
    cues = lexicons().cues
    first = engs[0]
    kinds = {e.kind for e in engs}
    kind = "agreement" if "agreement" in kinds else "call" if "call" in kinds else "meeting"
    if kind == "meeting" and (_listed_call(a, first.sentence) or says(a, cues.by_phone, first.sentence)):
        kind = "call"  # "أجرى سلسلة اتصالات هاتفية، شملت: ... بحث الصفدي مع نظيره الجزائري ..."; "بحثا هاتفيا"
    if kind == "meeting" and _signed_nearby(a, first.sentence):
        kind = "agreement"  # "وتوجت هذه المباحثات بالتوقيع على مذكرة تفاهم": one event, an agreement
    date, how = _date(a, first.sentence)
    location = _location(a, first) if kind != "call" else Location(None, None)  # a call has no meeting place
    s, t = first.sentence
    text = a.segment.text
    neutral = says(a, cues.sidelines, first.sentence) or says(a, cues.residence, first.sentence) \
        or _series_on_sidelines(a, first) or _occasion_after(a, first.sentence)
    # on the sidelines of a conference (told in the sentence, or in the next: "وجاء ذلك على هامش"); at a visitor's residence
    participants = assign_roles(a, first, location, kind, neutral)
    sides = {first.subject, first.obj}
    for eng in engs[1:]:  # a three-party meeting: every other side of its sentence
        if eng.obj not in sides:
            sides.add(eng.obj)
            participants.append(assign_roles(a, eng, location, kind, neutral)[1])
    if says(a, cues.joint, first.sentence):  # "عقد X وY محادثات ثلاثية مع Z": the sides before it too
        states, attending = {a.entities[e].country for e in sides}, a.attending_after(s)
        for x, _, eid in mentions_in(a, s, t).items:
            ent = a.entities[eid]
            if eid not in sides and ent.country and ent.country not in states and attending > x:
                sides.add(eid)
                states.add(ent.country)
                participants.append(assign_roles(a, Engagement(first.kind, first.family, first.subject, eid, first.sentence),
                                                 location, kind, neutral)[1])
    filled = fill_home(a, participants, location, neutral)
    led = (_delegation_head(a, first, participants) or _accompanied(a, first, participants)) \
        if not neutral and kind != "call" else None  # the visiting side, by its delegation: the office is not his
    at_office = led is not participants[0] and not neutral and kind != "call" and says(a, cues.office, first.sentence) \
        and office_host(a, first, participants, location)  # "استقبل الوزير بمكتبه ...": the host, at home
    if not at_office and filled and not neutral and kind != "call" and all(p.role == "participant" for p in participants) \
            and (says(a, cues.at_home, first.sentence) or any(cues.diplomat.search(fold(p.title or "").text)
                                                         for p in participants if p is not filled)
                 or _home_report(a, filled, location, first)):
        # "اجتمع الوزير، في مكتبه، بسفير المملكة المتحدة": the home side receives the foreigner
        filled.role = "host"
        for p in participants:
            p.role = "guest" if p is not filled else "host"
        location.country = location.country or filled.country
    if led is not None and all(p.role == "participant" for p in participants):  # "التقى X وفدا من مصر برئاسة Y"
        for p in participants:
            p.role = "guest" if p is led else "host"
    if not at_office and not neutral and kind != "call" and all(p.role == "participant" for p in participants):
        posted = posted_host(participants)  # "بحث السفير الإيراني لدى بغداد ووزير الداخلية العراقي": the official
        if posted is not None and location.country in {None, posted.country}:  # of the state the envoy serves in hosts
            for p in participants:
                p.role = "host" if p is posted else "guest"
    if any(p.role == "host" for p in participants):  # "اجتماع ثلاثي في الدوحة": the others are the host's guests
        for p in participants:
            p.role = "guest" if p.role == "participant" else p.role
    if not location.country and any(p.role == "host" for p in participants):
        location.country = next(p.country for p in participants if p.role == "host")
    evidence = a.cached(("evidence", first.sentence), lambda: text[s:t].strip())  # one string per sentence
    source = Source(a.segment.doc, evidence, a.segment.index, s, t, a.segment.outlet)
    ev = Event(kind, date, location, participants, [], [source], date_how=how)
    ev.confidence = _confidence(ev, first)
    return ev


def _home_report(a: Analysis, filled: Participant, location: Location, eng: Engagement) -> bool:
    """"بحث وزير الداخلية مع محافظ العاصمة البحرينية ...", in a national outlet that names neither a
    place nor a visit: its own official, whose state it leaves unsaid, meets the foreigner at home."""
    return location.country is None and filled.country is not None and filled.country == a.segment.outlet_home \
        and not says(a, lexicons().cues.visit, eng.sentence) \
        and not any(_usable(a, p) for p in a.places_within(a.paragraphs[0] if a.paragraphs else eng.sentence))


def _delegation_head(a: Analysis, eng: Engagement, participants: list[Participant]) -> Participant | None:
    """The head of the delegation the other side meets ("وفدا من جمهورية مصر العربية برئاسة Y"): the
    side first mentioned after "برئاسة", when it is one of two."""
    s, t = eng.sentence
    if len(participants) != 2:
        return None
    found = delegations(a)[0]
    k = bisect_left(found, s)
    at = found[k] if k < len(found) and found[k] < t else None
    if at is None:  # "كما التقى الوفد بالمستشار X": the leader of the delegation told before still visits
        return participants[0] if delegation_leader(a, s) == eng.subject else None
    sides = [eng.subject, eng.obj]
    after = [k for k, eid in enumerate(sides) if any(x > at for x, _ in a.entities[eid].spans if s <= x < t)]
    before = [k for k, eid in enumerate(sides) if any(x < at for x, _ in a.entities[eid].spans if s <= x < t)]
    return participants[after[0]] if len(after) == 1 and before and after[0] not in before else None


def _accompanied(a: Analysis, eng: Engagement, participants: list[Participant]) -> Participant | None:
    """"التقى X مع Y، المدعي العام لروسيا، والوفد المرافق له": the side mentioned last before "والوفد
    المرافق له" visits, when the other is mentioned before him."""
    s, t = eng.sentence
    at = a.cached(("accompanied", eng.sentence), lambda: a.where(lexicons().cues.accompanied, s, t)) \
        if len(participants) == 2 else None
    if at is None:
        return None
    last = [max((y for _, y in a.entities[eid].spans if s <= y <= at), default=-1) for eid in (eng.subject, eng.obj)]
    k = 0 if last[0] > last[1] else 1
    return participants[k] if min(last) >= 0 and last[k] > last[1 - k] else None


def _occasion_after(a: Analysis, sentence: tuple[int, int]) -> bool:
    """Does the next sentence open on this meeting to tell it was on the sidelines ("وجاء ذلك على هامش")?"""
    k = bisect_left(a.sentences, sentence)
    nxt = a.sentences[k + 1] if k + 1 < len(a.sentences) and a.sentences[k] == sentence else None
    cues = lexicons().cues
    return nxt is not None and says(a, cues.refers_back, nxt) and says(a, cues.sidelines, nxt)


def _series_on_sidelines(a: Analysis, eng: Engagement) -> bool:
    """"على هامش مشاركته في أشغال المؤتمر ... المنعقد بفيينا، أجرى ... سلسلة من اللقاءات" and, a
    paragraph on, "فقد التقى الخميري ...": a meeting told after a lede on the sidelines of a
    conference, in a paragraph that names no place of its own, is on those sidelines too."""
    k = paragraph_of(a, eng.sentence[0])
    if eng.family != "meeting" or not a.paragraphs or k == 0:
        return False
    para = a.paragraphs[k]
    return says(a, lexicons().cues.sidelines, a.paragraphs[0]) \
        and not any(_first_usable(a, kind, *para) for kind in ("city", "country"))


def _listed_call(a: Analysis, sentence: tuple[int, int]) -> bool:
    """Is the sentence an item of a list of calls: does the last colon written before it, in its
    paragraph or a few before, close an announcement of calls ("سلسلة اتصالات هاتفية، شملت:")?"""
    k = paragraph_of(a, sentence[0])
    lo = a.paragraphs[max(0, k - a.reach.listed_items)][0] if a.paragraphs else 0
    if ":" not in a.segment.text[lo:sentence[0]]:
        return False  # most sentences: no colon before them
    window = a.fold(lo, sentence[0])
    colon = window.rfind(":")
    return colon >= 0 and bool(lexicons().cues.calls_listed.search(window, 0, colon + 1))


def _signed_nearby(a: Analysis, sentence: tuple[int, int]) -> bool:
    """Is an agreement signed in the trigger's paragraph or the next one?"""
    k = paragraph_of(a, sentence[0])

    def signed() -> bool:
        text = " ".join(a.fold(x, y) for x, y in a.paragraphs[k:k + 2])
        pattern, first_words = signing_pattern()
        return bool(first_words.find(text)) and bool(pattern.search(text))  # no signing word: no regex scan
    return a.cached(("signed", k), signed)


def _date(a: Analysis, sentence: tuple[int, int]) -> tuple[str | None, str | None]:
    here = a.dates_within(sentence)
    if here:
        best = next((d for d in here if d.value), None)
        if best and best.extra.get("precision") != "day" and here[0].extra.get("precision") == "day" and not here[0].value:
            best = None  # "أمس الأربعاء" unresolved, then "السنة الحالية": the event's day is unknown, not its year
        return (best.value, best.extra.get("how")) if best else (None, None)
    lede = a.paragraphs[0] if a.paragraphs else (0, 0)
    dated = [d for d in a.dates_within(lede) if d.value]
    text = a.segment.text
    if len(dated) > 1 and len(text[lede[0]:dated[0].start].split()) <= 3 and DATELINE_END.match(text, dated[0].end):
        dated = dated[1:]  # "الرياض في 14 أبريل /قنا/ عقد ... أمس الاثنين": the dateline dates the report
    return (dated[0].value, dated[0].extra.get("how")) if dated else (None, None)


DATELINE_END = re.compile(r"\s*[/(\-–—:]")  # after a lede's opening date: the agency or the dash of its dateline


def _location(a: Analysis, eng: Engagement) -> Location:
    s, t = eng.sentence
    k = paragraph_of(a, s)
    para = a.paragraphs[k] if a.paragraphs else (s, t)
    after = a.paragraphs[k + 1] if k + 1 < len(a.paragraphs) else (t, t)
    lede = a.paragraphs[0] if a.paragraphs else (s, t)
    scopes = ((s, t), para, after, lede)  # the sentence, its paragraph, the next one, the lede
    for k, (lo, hi) in enumerate(scopes):
        c = _first_usable(a, "city", lo, hi)
        if c is not None and c.name_en is None:  # "في البيت الأبيض": a seat; its city may be named further on
            c = next((p for x, y in scopes[k:] for p in a.places_within((x, y))
                      if p.kind == "city" and p.iso3 == c.iso3 and p.name_en and _usable(a, p)), c)
        if c is not None:
            return Location(c.name_en, c.iso3, c.geonameid, c.lat, c.lon)
    headline = a.cached(("headline city", None), lambda: next(
        (p for p in find_places(a.segment.title or "") if p.kind == "city" and p.locative and p.name_en), None))
    found = next(((k, c) for k, (lo, hi) in enumerate(scopes) if (c := _first_usable(a, "country", lo, hi)) is not None),
                 (None, None))
    state = found[1]
    if found[0] == len(scopes) - 1 and (dest := _visited_state(a)) and state is not None and dest != state.iso3:
        return Location(None, dest)  # "قام بزيارة رسمية إلى المملكة العربية السعودية": the lede's other state is no venue
    if headline is not None and (state is None or state.iso3 == headline.iso3):
        # "وزير الداخلية يوقع مع نظيره الفرنسي في نواكشوط": the headline's venue, unless the text places it elsewhere
        return Location(headline.name_en, headline.iso3, headline.geonameid, headline.lat, headline.lon)
    if state is not None:  # "بمقر الوزارة بالجزائر": only the state
        return Location(None, state.iso3)
    states = {a.entities[eng.subject].country, a.entities[eng.obj].country}
    visited = next((p for p in a.places if p.visited and p.kind == "city" and p.iso3 in states), None)
    if visited is not None:  # "... الذي يزور واشنطن حاليا" told anywhere: where the visitor meets his host
        return Location(visited.name_en, visited.iso3, visited.geonameid, visited.lat, visited.lon)
    return Location(None, _visited_state(a))


def _visited_state(a: Analysis) -> str | None:
    """The state a visit is told to go to ("زيارة العمل التي يقوم بها إلى تونس"), anywhere in the text."""
    return a.cached(("visit", None), lambda: next(
        (p.iso3 for p in a.places if p.kind == "country" and p.destination
         and lexicons().cues.visit.search(a.fold(max(0, p.start - a.reach.visit_before), p.start))), None))


def _first_usable(a: Analysis, kind: str, lo: int, hi: int) -> Place | None:
    """The first place of `kind` starting in [lo, hi) that can be the meeting's (per scope, once)."""
    def first() -> Place | None:
        return next((p for p in a.places_within((lo, hi)) if p.kind == kind and _usable(a, p)), None)
    return a.cached(("first usable", (kind, lo, hi)), first)


def _usable(a: Analysis, p: Place) -> bool:
    """"... على أن تجتمع اللجنة المشتركة المقبلة في برلين": a future venue is not the meeting place;
    nor is a place inside a title (سفير المغرب في تونس)."""
    return a.cached(("usable", (p.start, p.locative)), lambda: bool(
        p.locative and not in_title(a, p.start)
        and not guard_pattern("planned").search(a.fold(max(0, p.start - a.reach.plan_before_place), p.start))))


def _scope_topics(a: Analysis, events: list[Event], groups: list[list[Engagement]]) -> None:
    """Paragraphs about one engagement give it their topics; lede and summing-up ones give to all."""
    if not events:
        return
    lex = lexicons()
    if len(events) == 1:  # one engagement: every paragraph is about it (one scan of the segment)
        events[0].topics = sorted(topics_in(a.fold(0, len(a.segment.text)), lex))
        return
    owner: dict[int, int] = {}
    for i, engs in enumerate(groups):
        for eng in engs:
            owner.setdefault(paragraph_of(a, eng.sentence[0]), i)
    _owners_by_name(a, groups, owner)
    current = None
    shared: set[str] = set()  # the topics of paragraphs about every engagement
    own: list[set[str]] = [set(ev.topics) for ev in events]
    for k, (x, y) in enumerate(a.paragraphs):
        topics = topics_in(a.fold(x, y), lex)
        summing_up = k not in owner and lex.cues.summing_up.search(a.fold(x, y))
        current = owner.get(k, current)
        (shared if current is None or summing_up else own[current]).update(topics)
    for ev, topics in zip(events, own, strict=True):
        ev.topics = sorted(topics | shared)


def _owners_by_name(a: Analysis, groups: list[list[Engagement]], owner: dict[int, int]) -> None:
    """"وتناول اللقاء مع السفير الإيطالي ...": a paragraph naming the other side of one engagement
    only (a mention of it starts there) is that engagement's."""
    groups_of: dict[int, list[int]] = {}
    for i, engs in enumerate(groups):
        groups_of.setdefault(engs[0].obj, []).append(i)
    named: dict[int, list[int]] = {}  # paragraph -> the groups whose other side it names
    for eid, gs in groups_of.items():
        for k in sorted({k for k in (paragraph_in(a, s) for s, _ in a.entities[eid].spans) if k is not None}):
            named.setdefault(k, []).extend(gs)
    for k, gs in named.items():
        if k not in owner and k != 0 and len(gs) == 1:
            owner[k] = gs[0]


def _confidence(ev: Event, eng: Engagement) -> float:
    score = 0.5
    score += 0.1 * sum(1 for p in ev.participants if p.name)
    score += 0.1 if ev.date and len(ev.date) == 10 else 0.0
    score += 0.05 if ev.location.city else 0.0
    score += 0.05 if eng.family in {"reception", "call", "agreement"} else 0.0
    return min(score, 0.95)

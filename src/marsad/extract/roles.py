"""Roles and home states: who hosts and who is the guest, and the state of a side the text does
not name (the meeting place's, the posting of a diplomat, else the state the article is written from).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import NamedTuple

from ..lexicons import lexicons
from ..matching import one_state
from ..model import Location, Participant
from ..normalize import fold
from .document import Analysis
from .places import as_written
from .sides import Engagement


class TitlePlace(NamedTuple):
    kind: str  # country | nisba | city
    state: str | None
    sure: bool  # every reading names one state (not عمان: Oman or Amman)


@functools.lru_cache(maxsize=4096)
def diplomat_places(title: str | None) -> tuple[TitlePlace, ...] | None:
    """The places a diplomat's title names, in order ("سفير جمهورية قبرص في لبنان"); None for the
    title of someone who is no diplomat. Read once per title."""
    folded = fold(title or "").text
    if not title or not lexicons().cues.diplomat.search(folded):
        return None
    return tuple(TitlePlace(entries[0].kind, entries[0].state, one_state(entries) is not None)
                 for _, _, entries in lexicons().places.find_all(folded))


def _posting_state(participants: list[Participant], known: set[str]) -> str | None:
    """The state a known diplomat is posted to, from the second state named in the title."""
    for p in participants:
        if p.country and (places := diplomat_places(p.title)) is not None:
            later = [x.state for x in places if x.kind == "country" and x.sure and x.state not in known]  # not عمان
            if later:
                return later[0]
    return None


def posted_host(participants: list[Participant]) -> Participant | None:
    """"السفير الإيراني لدى بغداد" meeting "وزير الداخلية العراقي": the one principal of the state a
    diplomat's title posts him to (a city or a country of it, after his own), if any."""
    principals = [p for p in participants if p.role != "attendee"]
    for p in principals:
        if p.country and (places := diplomat_places(p.title)) is not None:
            states = {x.state for x in places if x.sure} - {p.country}
            hosts = [q for q in principals if q is not p and q.country in states]
            if len(states) == 1 and len(hosts) == 1:
                return hosts[0]
    return None


def home_country(a: Analysis, exclude: set[str]) -> str | None:
    """The state the article is written from, other than `exclude`: the one its dateline names, else
    the one its title and text name most (names, nisbas, places); none when two tie."""
    exclude = exclude | _envoys_states(a)
    votes = {k: v for k, v in _votes(a).items() if k not in exclude}
    for x, y in _pairs(a):  # "التعاون بين مصر وإيطاليا" with Italy a known side: Egypt is the other
        for known, other in ((x, y), (y, x)):
            if known in exclude and other in votes:
                votes[other] = (votes[other][0] + 2, votes[other][1])
    counts = sorted((n for n, _ in votes.values()), reverse=True)
    if not counts or len(counts) > 1 and counts[0] == counts[1]:
        return None  # no state, or two named as often: unsure, and a wrong state is worse than none
    return max(votes, key=votes.__getitem__)


def _envoys_states(a: Analysis) -> set[str]:
    """"سفير دولة قطر الشقيقة"، "سفير جمهورية جيبوتي لدى البلاد": the state of a diplomat whose title
    names it and no other sent him here; it is not the state the article is written from."""
    def find() -> set[str]:
        return {e.country for e in a.entities if e.country and (places := diplomat_places(e.title)) is not None
                and {x.state for x in places} == {e.country}}  # his own state written in his title, and no other
    return a.cached(("envoys' states", None), find)


def _pairs(a: Analysis) -> list[tuple[str, str]]:
    """The states written as a pair, "بين مصر وإيطاليا" (country names, unambiguous)."""
    def find() -> list[tuple[str, str]]:
        cues, before = lexicons().cues, a.reach.pair_between_before
        hits = [(s, e, entries[0].key) for s, e, entries in a.place_hits()
                if entries[0].kind == "country" and one_state(entries)]
        return [(p, q) for (s1, e1, p), (s2, _, q) in zip(hits, hits[1:], strict=False)
                if p != q and cues.pair_link.match(a.fold(e1, s2)) and a.search_before(cues.between, s1, before)]
    return a.cached(("state pairs", None), find)


def _votes(a: Analysis) -> dict[str, tuple[int, int]]:
    text = a.segment.text
    return a.cached(("home votes", None), lambda: _home_votes(
        a, ((x, y, as_written(entries, text[x:y])) for x, y, entries in a.place_hits()), _lede_dateline(a)))


LEDE_DATELINE = re.compile(r"\s*(?:\(\S+\)\s*)?[-–—:]")  # after a place opening the text: a dateline


def _lede_dateline(a: Analysis) -> list[tuple[int, int, list]]:
    """"عمّان – أجرى الوزير ...": a place opening the text before a dash or colon is its dateline."""
    text = a.segment.text
    lead = len(text) - len(text.lstrip())
    hit = next(a.place_hits(lead, lead + 1), None)
    if hit is None or not LEDE_DATELINE.match(text, hit[1]):
        return []
    return [(hit[0], hit[1], as_written(hit[2], text[hit[0]:hit[1]]))]


def _home_votes(a: Analysis, text_hits: Iterable, lede: list | None = None) -> dict[str, tuple[int, int]]:
    """Votes for the article's home state: dateline (a news agency or a place) 5 or 10, title and
    text 1 per mention. Ambiguous names (عمان), common-word towns and weak nisbas do not vote."""
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    lex = lexicons()
    seg = a.segment
    written = fold(seg.dateline or "")
    dateline = written.text
    for name, iso in lex.news_agencies:  # "عمّان-سانا"
        if dateline and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", dateline):
            counts[iso] = counts.get(iso, 0) + 10
            first.setdefault(iso, -1)
    dated = [(x, y, as_written(entries, (seg.dateline or "")[written.pos(x):written.pos(y)]))
             for x, y, entries in lex.places.find_all(dateline)] if dateline else []  # "عمّان-سانا"
    for weight, hits in ((5, dated + (lede or [])),
                         (1, lex.places.find_all(fold(seg.title or "").text)), (1, text_hits)):
        for _, _, entries in hits:
            if one_state(entries) is None and any(x.kind == "country" for x in entries):
                continue  # عمان: Oman or Amman, no vote
            e = next((x for x in entries if x.attrs.get("default", True)), entries[0])  # طرابلس -> Libya
            if e.attrs.get("common") or e.form in lex.people_words.weak_nisbas:
                continue  # "إطار" is not the town Atar, "المالية" is finance more often than Mali
            state = e.state
            if state and state not in {"ESH", "IGO"}:
                counts[state] = counts.get(state, 0) + weight
                first.setdefault(state, len(first))
    return {iso: (n, -first[iso]) for iso, n in counts.items()}


def fill_home(a: Analysis, participants: list[Participant], location: Location,
               neutral: bool) -> Participant | None:
    """A side of unknown state facing a foreigner is the home side: the meeting place's state, else
    (and always on neutral ground) the state the article is written from."""
    unknown = [p for p in participants if not p.country and p.role != "attendee"]
    known = {p.country for p in participants if p.country}
    if len(unknown) != 1:
        return None
    colleague = next((q for q in participants if q.country and _deputy_of(unknown[0].title, q.title)), None)
    if colleague is not None:  # "وزير الداخلية السعودي ... ونائب وزير الداخلية الأمير X": his deputy, of his state
        unknown[0].country = colleague.country
        return None
    outlet = a.segment.outlet_home  # a national outlet names its own officials without their state,
    if outlet in known and _posting_state([p for p in participants if p.country == outlet], {outlet}):
        unknown[0].country = outlet  # "سفير السودان لدى ليبيا" in a Sudanese outlet: its own envoy, met at home
        return unknown[0]
    posted = _posting_state(participants, known)  # "سفير جمهورية قبرص في لبنان" -> LBN receives
    abroad = _abroad(a, [p.country for p in participants], location.country)
    state = outlet if abroad else None if neutral or location.country in known else location.country
    state = state or (None if neutral else posted)
    others = set(_votes(a)) - known  # unless the article names a third state, not the outlet's, more
    ours = bool(outlet) and a.cached(("our country", None), lambda: a.search(lexicons().cues.our_country, 0, len(a.segment.text)))
    named = any(n >= a.reach.third_state_votes for iso, (n, _) in _votes(a).items() if iso in others)  # than in passing
    if outlet and outlet not in known and (outlet in others or not named or ours):
        state = state or outlet
    exclude = known | ({location.country} if neutral and location.country else set())
    state = state or home_country(a, {k for k in exclude if k})
    # One person, one state on a page: a side filled in an earlier event keeps it ("التقى الخميري
    # نظيره الإيطالي ... كما التقى مفوض الشرطة المالطية": the page's vote would change with the guest).
    filled: dict[tuple[str | None, str | None], str] = a.cached(("filled states", None), dict)
    who = (unknown[0].name, unknown[0].title)  # a named person: two nameless officials may share a title
    if unknown[0].name and filled.get(who) and filled[who] not in known:
        state = filled[who]
    if state and state not in known:
        if unknown[0].name:
            filled.setdefault(who, state)
        unknown[0].country = state
        return unknown[0]
    return None


def _abroad(a: Analysis, countries: list[str | None], place: str | None) -> bool:
    """"التقى الأمير X، في تونس اليوم، وزير الداخلية العراقي" in a Saudi outlet that names a Saudi
    too (his aides, his envoy there): the one side of unknown state is the outlet's own official
    (its state left unsaid), not at home in a place's state that is neither his nor the other side's."""
    outlet = a.segment.outlet_home
    known = {c for c in countries if c}
    return bool(outlet and place and place != outlet and countries.count(None) == 1 and known
                and outlet not in known and place not in known
                and any(e.country == outlet for e in a.entities))  # his own staff or envoy named there


def _deputy_of(title: str | None, other: str | None) -> bool:
    """Is `title` a deputy's of the office `other` names ("نائب وزير الداخلية المكلف" of "وزير الداخلية
    السعودي")? The office: `other`'s first two words; the deputy: one of the title prefixes before them."""
    if not title or not other:
        return False
    words, office = fold(title).text.split(), fold(other).text.split()[:2]
    return len(office) == 2 and len(words) > 2 and words[0] in lexicons().people_words.title_prefixes \
        and words[1:3] == office


def assign_roles(a: Analysis, eng: Engagement, location: Location, kind: str,
                  neutral: bool = False) -> list[Participant]:
    subj, obj = a.entities[eng.subject], a.entities[eng.obj]
    # on neutral ground ("على هامش ...") no one is at home, unless one side is of the venue's state
    home = None if neutral and location.country not in {subj.country, obj.country} else location.country
    countries = [subj.country, obj.country]
    if _abroad(a, countries, home):  # a national outlet's own official, met in a third state: no one at home
        home = None
    if home and kind != "call":  # the side of unknown state meeting a foreigner at this place is at home
        if subj.country is None and obj.country not in {None, home}:
            countries[0] = home
        elif obj.country is None and subj.country not in {None, home}:
            countries[1] = home
    if neutral and not home and kind != "agreement":  # "استقبل ... على هامش الدورة": neutral ground, no host
        roles = ("participant", "participant")
    elif eng.family == "reception":
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


def office_host(a: Analysis, eng: Engagement, participants: list[Participant], location: Location) -> bool:
    """"بحث المدير في مكتبه مع السفير ..."، "استقبل الوزير بمكتبه ...": the meeting is in the office
    of the side that hosts it by its verb (the subject; the object of a guest_of), or, when that
    side is a diplomat and another is not, of the other. That side is the host, in his own state,
    whatever place the paragraph names elsewhere; the principals of other states are his guests.
    Nothing changes while his state is unknown."""
    principals = [p for p in participants if p.role != "attendee"]
    owner = participants[1] if eng.family == "guest_of" else participants[0]
    cue = a.where(lexicons().cues.own_office, *eng.sentence) if eng.family not in {"reception", "guest_of"} else None
    if cue is not None:  # "عقد الوفد اجتماعا مع الفريق X قائد الأركان بمكتبه": a meeting (no receiving verb) is in
        # the office of the side named last before the word
        last = {side: max((e for s, e in a.entities[ent].spans if e <= cue), default=-1)
                for side, ent in ((0, eng.subject), (1, eng.obj))}
        named = max((e for ent in a.entities for s, e in ent.spans if eng.sentence[0] <= s and e <= cue), default=-1)
        if named > max(last.values()):
            return False  # "... مع الفريق X بمكتبه، كما عقد اجتماعا آخر مع الوزير Y": X's office, not this meeting's
        if last[0] != last[1] and max(last.values()) >= eng.sentence[0]:
            owner = participants[max(last, key=last.__getitem__)]
    diplomat = lexicons().cues.diplomat
    if owner.title and diplomat.search(fold(owner.title).text):
        owner = next((p for p in principals if p is not owner and not (p.title and diplomat.search(fold(p.title).text))),
                     owner)
    if not owner.country or not any(p.country and p.country != owner.country for p in principals):
        return False
    if location.country != owner.country:
        location.city = location.geonameid = location.lat = location.lon = None
        location.country = owner.country
    for p in principals:
        p.role = "host" if p is owner else "guest" if p.country != owner.country else p.role
    return True

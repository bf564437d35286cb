"""Engagements: for each trigger of a sentence, its subject (the entity right after a verb, else
before the trigger, else the article's protagonist) and its objects (the entities after it, one per
other state). Attendees ("بحضور ...") are not objects.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from ..lexicons import lexicons, matches_at
from ..normalize import Folded, one_space, word_start
from .document import Analysis, says
from .triggers import Clause, blocked, trigger_pattern


@dataclass(slots=True)
class Engagement:
    kind: str
    family: str
    subject: int
    obj: int
    sentence: tuple[int, int]


def engagements(a: Analysis) -> list[Engagement]:
    pattern, table, first_words = trigger_pattern()
    cues, reach = lexicons().cues, a.reach
    found: list[Engagement] = []
    protagonist = next((e.id for e in a.entities if e.name), None)
    folded = a.folded
    starts = a.trigger_starts if a.trigger_starts is not None else first_words.find(folded.text)
    for n, (s, t) in enumerate(a.sentences):
        fs, ft = folded.fpos(s), folded.fpos(t)
        mentions = clause = None
        for m in matches_at(pattern, folded.text, starts, fs, ft):
            if not word_start(folded.text, m.start()):
                continue
            family, is_verb = table[one_space(m.group(1))]
            clause = clause or Clause(folded.text, fs, ft)
            if blocked(clause, m.start(), reach) or cues.future_after.match(folded.text[m.end():min(ft, m.end() + reach.future_after)]):
                continue  # planned, negated or recalled before it; a future time just after it
            p0, p1 = folded.span(m.start(), m.end())
            mentions = _mentions_in(a, s, t) if mentions is None else mentions
            each = is_verb and (_each_of(mentions, m.end(), p1, folded, cues.each_of)  # "التقى كلا من ..."
                                or protagonist is not None and _listed(a, mentions, p1, cues.listed))
            goes_on = is_verb and (each or bool(cues.series.search(folded.text, max(fs, m.start() - reach.series_before), m.start())))
            if family == "welcomed":  # "في استقبال X ... Y": X is received by Y
                subject, family, p1 = _welcomed(mentions, p1)
            elif (told := _told_pair(a, mentions, found, m.end(), p1, (s, t), is_verb))[0]:
                if told[1] is not None:
                    found.append(Engagement(_kind(family), family, told[1][0], told[1][1], (s, t)))
                continue
            else:
                subject = _subject(mentions, p0, p1, is_verb, protagonist, a.segment.text, goes_on,
                                   reach.mention_chars)
            if subject is None:
                continue
            if family == "reception" and not is_verb and cues.received.search(folded.text, fs, m.start()):
                family = "guest_of"  # "حظي الوزير ... باستقبال من الرئيس"
            protagonist = protagonist if protagonist is not None else subject
            nxt = a.sentences[n + 1] if n + 1 < len(a.sentences) else None
            subject, objects = _other_sides(a, mentions, subject, is_verb, each, (p0, p1), m.end(), (s, t), nxt)
            for obj in objects:
                flipped = family == "reception" and _after_agent(a, mentions, obj, p1, cues.passive_agent)
                found.append(Engagement(_kind(family), "guest_of" if flipped else family, subject, obj, (s, t)))
    return found


def _kind(family: str) -> str:
    """The event kind of a trigger family: calls and agreements are their own, the rest meetings."""
    return family if family in {"call", "agreement"} else "meeting"


def _other_sides(a: Analysis, mentions: Mentions, subject: int, is_verb: bool, each: bool, trigger: tuple[int, int],
                 fend: int, sentence: tuple[int, int], nxt: tuple[int, int] | None) -> tuple[int, list[int]]:
    """(subject, objects) of the trigger at `trigger` (folded end `fend`): the entities after it;
    else, for a verb, those opening the next sentence ("استقبل X بمكتبه. سفير ...": a stray stop);
    else sides named by their state ("لقاءات مع وزراء العدل: الأردن، وتونس"); else, for a noun,
    both sides before it ("عقد X مع Y جلسة مباحثات")."""
    p0, p1 = trigger
    objects = _objects(a, mentions, p1, subject, each)
    if not objects and is_verb and nxt is not None:
        objects = _objects_next(a, subject, p1, sentence, nxt, each)
    if not objects:
        objects = _state_sides(a, subject, fend, a.folded.fpos(sentence[1]))
    if not objects and not is_verb and (pair := _between_states(a, fend, a.folded.fpos(sentence[1]))):
        return pair[0], [pair[1]]  # "الاجتماع التنسيقي بين وزارتي الداخلية بدولة قطر والمملكة ..."
    if not objects and not is_verb:
        return _sides_before(a, mentions, p0, subject, lexicons().cues.with_before)
    return subject, objects


class Mentions:
    """The entity mentions of one sentence, (start, end, entity) in text order, with what every
    trigger asks of them found once: their starts (also folded), the furthest end so far, the
    first mentions of each state, whether one entity alone is mentioned from k on."""

    __slots__ = ("items", "starts", "folded", "fstarts", "reach", "by_state", "alone", "least_end", "ordered")

    def __init__(self, a: Analysis, items: list[tuple[int, int, int]]):
        self.items = items
        self.starts = [x for x, _, _ in items]
        self.folded = a.folded
        self.fstarts: list[int] | None = None
        self.reach: list[int] = []
        self.by_state: dict[str | None, list[int]] = {}
        self.alone = [True] * len(items)
        furthest = -1
        for k, (_, y, eid) in enumerate(items):
            furthest = max(furthest, y)
            self.reach.append(furthest)
            ent = a.entities[eid]
            if ent.country or ent.name:  # a side of unknown state without a name is never an object
                self.by_state.setdefault(ent.country or None, []).append(k)
        for k in range(len(items) - 2, -1, -1):
            self.alone[k] = self.alone[k + 1] and items[k][2] == items[k + 1][2]
        self.least_end = min((y for _, y, _ in items), default=float("inf"))
        self.ordered = all(x <= y for x, y, _ in items)

    def first_from(self, fat: float) -> int:
        """The index of the first mention starting at folded offset `fat` or later."""
        if fat == float("inf"):
            return len(self.items)
        if self.fstarts is None:
            self.fstarts = [self.folded.fpos(x) for x in self.starts]
        return bisect_left(self.fstarts, fat)

    def ending_by(self, p0: int) -> int | None:
        """The entity of the last mention (in text order) that ends by `p0`."""
        if self.least_end > p0:
            return None
        if not self.ordered:
            return [m for m in self.items if m[1] <= p0][-1][2]
        k = bisect_right(self.starts, p0) - 1
        while self.items[k][1] > p0:  # mentions holding p0 (few)
            k -= 1
        return self.items[k][2]

    def objects(self, p1: int, cut: int) -> list[int]:
        """Indices, in order, of the mentions ending after `p1` and before index `cut` that could
        be objects: those that start before `p1` (they hold it) and each state's first one after."""
        lo = bisect_left(self.starts, p1)
        picks = [k for k in range(bisect_right(self.reach, p1), lo) if self.items[k][1] > p1]
        for ks in self.by_state.values():
            j = bisect_left(ks, lo)
            while j < len(ks) and self.items[ks[j]][1] <= p1:
                j += 1
            if j < len(ks):
                picks.append(ks[j])
        return sorted(k for k in picks if k < cut)


def _every_mention(a: Analysis) -> tuple[list[tuple[int, int, int]], list[int], bool]:
    """Every mention (start, end, entity), sorted; their starts; whether their ends are in order too."""
    every = sorted((x, y, e.id) for e in a.entities for x, y in e.spans)
    return every, [x for x, _, _ in every], all(x <= y for x, y, _ in every)


def _mentions_in(a: Analysis, s: int, t: int) -> Mentions:
    """The mentions that lie inside the sentence [s, t)."""
    every, starts, ordered = a.cached(("mentions", None), lambda: _every_mention(a))
    if ordered:  # a mention inside [s, t) starts in [s, t]
        inside = [m for m in every[bisect_left(starts, s):bisect_right(starts, t)] if m[1] <= t]
    else:
        inside = [m for m in every if s <= m[0] and m[1] <= t]
    return Mentions(a, inside)


THREE_WORDS = re.compile(r"\s*\S+\s+\S+\s+\S")  # matches where `len(text.split()) > 2`


def _subject(mentions: Mentions, p0: int, p1: int, is_verb: bool, protagonist: int | None,
             text: str, goes_on: bool, mention_chars: int) -> int | None:
    """The subject of the trigger at [p0, p1). `goes_on`: the verb continues the protagonist's
    series ("كما التقى"، "التقى كلا من"): it is the subject unless it is named after the verb."""
    items = mentions.items
    i = bisect_left(mentions.starts, p1)  # the mentions after the trigger: items[i:]
    before = mentions.ending_by(p0)
    if is_verb and before is not None and _adjacent(mentions, before, p0, text, mention_chars):
        return before  # "أن الوزير سالم العبدالله استقبل سفير ...": the subject stands right before its verb
    if goes_on and protagonist is not None and i < len(items) and items[i][2] != protagonist:
        return protagonist
    if is_verb and i < len(items) and not THREE_WORDS.match(text, p1, items[i][0]):
        if mentions.alone[i] and mentions.least_end > p0 and protagonist not in {None, items[i][2]}:
            return protagonist  # "ثم استقبل سفيرة كندا ...": the subject is the article's protagonist
        return items[i][2]
    return before if before is not None else protagonist


def _objects_next(a: Analysis, subject: int, p1: int, sentence: tuple[int, int], nxt: tuple[int, int],
                  each: bool) -> list[int]:
    """The objects of a verb whose sentence a stray full stop ends before them: when the next
    sentence opens with a mention (no word before it), the two are read as one."""
    first = _mentions_in(a, nxt[0], nxt[1])
    if not first.items or a.segment.text[nxt[0]:first.items[0][0]].strip(" .،,"):
        return []
    return _objects(a, _mentions_in(a, sentence[0], nxt[1]), p1, subject, each)


def _state_sides(a: Analysis, subject: int, fend: int, ft: int) -> list[int]:
    """Sides named by their state only, in a list led by "مع نظرائه/وزراء ..." after the trigger
    (folded end `fend`, sentence end `ft`); a state one of whose officials the segment names is
    left to that official's own mention."""
    cues, reach = lexicons().cues, a.reach
    starts = a.cached(("hit starts", None), lambda: [s for s, _, _ in a.hits])
    hits: list[tuple[int, int, str]] = []
    for s, e, entries in a.hits[bisect_left(starts, fend):bisect_left(starts, ft)]:
        if not hits and s > fend + reach.state_list:
            break  # the list starts right after the trigger ("لقاءات ثنائية مع وزراء الداخلية: ...")
        state = next((x for x in entries if x.kind == "country"), None)  # a list of states: عمان is Oman
        if state is not None:
            hits.append((s, e, state.key))
        if len(hits) > 1 and not cues.list_link.match(a.folded.text[hits[-2][1]:hits[-1][0]]):
            break  # the list has ended
    if not hits or not cues.counterparts_of.search(a.folded.text, max(fend, hits[0][0] - reach.counterparts_before), hits[0][0]):
        return []
    run = hits[:1]
    for prev, nxt in zip(hits, hits[1:], strict=False):
        if not cues.list_link.match(a.folded.text[prev[1]:nxt[0]]):
            break
        run.append(nxt)
    named = {e.country for e in a.entities if e.name or e.title}
    own = a.entities[subject].country
    return [a.state_side(iso, a.folded.span(s, e)) for s, e, iso in run if iso != own and iso not in named]


def _told_pair(a: Analysis, mentions: Mentions, found: list[Engagement], fend: int, p1: int,
               sentence: tuple[int, int], is_verb: bool) -> tuple[bool, tuple[int, int] | None]:
    """(told, pair): are the two sides told by the words right after the trigger (folded end
    `fend`, sentence end `ft`), and which? A dual ("والتقى الوزيران"، "برئاسة الوزيرين": the sides of
    the engagement told last, in a series the meeting just told, else the article's two); two
    states ("وقعت موريتانيا والولايات المتحدة"); two people after بين ("توقيع مذكرة بين X وY")."""
    cues, ft = lexicons().cues, a.folded.fpos(sentence[1])
    near = a.folded.text[fend:min(ft, fend + a.reach.future_after)]  # the few words after it, not the sentence
    if (cues.dual_subject if is_verb else cues.dual_after).match(near):
        return True, (found[-1].subject, found[-1].obj) if found else a.cached(("two sides", None), lambda: _two_sides(a))
    pair = _state_pair(a, fend, ft) if is_verb else None
    if pair is None and (pair := _between_people(a, mentions, fend, p1)) is not None and says(a, cues.joint, sentence):
        pair = None  # "اجتماعا ثلاثيا بين X وY ومع Z": one meeting of all, not a pair
    return pair is not None, pair


def _between_people(a: Analysis, mentions: Mentions, fend: int, p1: int) -> tuple[int, int] | None:
    """"رعى توقيع مذكرة تفاهم بين X وY"، "لقاء بين الوزير X ونظيره Y": the first mention after the
    trigger follows بين (a few words before it, no مع between) and the next one of another side is
    joined to it by و: the two are the sides (a sponsor before the trigger is not one)."""
    items, text = mentions.items, a.folded.text
    i = bisect_left(mentions.starts, p1)
    if i >= len(items):
        return None
    fx = a.folded.fpos(items[i][0])
    if fx - fend > a.reach.state_list:
        return None  # بين stands a few words after the trigger
    gap = text[fend:fx]
    if not lexicons().cues.between_sides.search(gap) or " مع " in gap:
        return None
    for j in range(i + 1, len(items)):
        if items[j][2] != items[i][2] and items[j][0] >= items[i][1]:
            if _joined(a, items[j][0]) and _differ(a, items[i][2], items[j][2]):
                return items[i][2], items[j][2]
            return None
    return None


def _state_pair(a: Analysis, fend: int, ft: int) -> tuple[int, int] | None:
    """"وقعت (كل من) موريتانيا والولايات المتحدة": two state names, joined by و, right after the verb
    ending at folded `fend` (sentence end `ft`): for each, the official of that state the text names,
    else the state alone."""
    starts = a.cached(("hit starts", None), lambda: [s for s, _, _ in a.hits])
    k = bisect_left(starts, fend)
    pair = a.hits[k:k + 2]
    if not pair or pair[0][0] - fend > a.reach.state_list:
        return None
    gap = a.folded.text[fend:pair[0][0]]
    each = lexicons().cues.each_of.search(gap)  # "وقعت كل من موريتانيا و..."
    if len(pair) < 2 or (gap[:each.start()] if each else gap).strip() or pair[1][1] > ft:
        return None
    first, second = (next((x.key for x in entries if x.kind == "country"), None) for _, _, entries in pair)
    if first is None or second is None or first == second \
            or not lexicons().cues.pair_link.match(a.folded.text[pair[0][1]:pair[1][0]]):
        return None
    return _state_or_official(a, first, pair[0][:2]), _state_or_official(a, second, pair[1][:2])


def _state_or_official(a: Analysis, iso: str, span: tuple[int, int]) -> int:
    """The side a state stands for: its official the segment names; else the one named official
    whose state is not written (the home side of a national outlet); else the state alone (folded `span`)."""
    named = next((e.id for e in a.entities if e.country == iso and e.name), None)
    if named is None:
        unplaced = [e.id for e in a.entities if e.name and not e.country]
        named = unplaced[0] if len(unplaced) == 1 else None
    return named if named is not None else a.state_side(iso, a.folded.span(*span))


def _between_states(a: Analysis, fend: int, ft: int) -> tuple[int, int] | None:
    """"بين (وزارتي الداخلية ب)دولة قطر والمملكة العربية السعودية" after a noun trigger (folded end
    `fend`, sentence end `ft`): the sides the two states stand for."""
    cues, reach, text = lexicons().cues, a.reach, a.folded.text
    starts = a.cached(("hit starts", None), lambda: [s for s, _, _ in a.hits])
    hits = a.hits[bisect_left(starts, fend):bisect_left(starts, ft)]
    for (s1, e1, en1), (s2, e2, en2) in zip(hits, hits[1:], strict=False):
        if s1 > fend + reach.state_list:
            break
        first = next((x.key for x in en1 if x.kind == "country"), None)
        second = next((x.key for x in en2 if x.kind == "country"), None)
        if first and second and first != second and cues.pair_link.match(text[e1:s2]) \
                and cues.between_sides.search(text, max(fend, s1 - reach.counterparts_before), s1):
            return _state_or_official(a, first, (s1, e1)), _state_or_official(a, second, (s2, e2))
    return None


def _welcomed(mentions: Mentions, p1: int) -> tuple[int | None, str, int]:
    """"في استقبال X ... Y": (X, "guest_of", the end of X's mention: Y is looked for after it)."""
    i = bisect_left(mentions.starts, p1)
    if i == len(mentions.items):
        return None, "guest_of", p1
    return mentions.items[i][2], "guest_of", mentions.items[i][1]


def _after_agent(a: Analysis, mentions: Mentions, obj: int, p1: int, pattern: re.Pattern[str]) -> bool:
    """Is the first mention of `obj` after p1 led by "من قبل/من طرف" (a passive's agent)?"""
    items = mentions.items
    x = next((items[k][0] for k in range(bisect_left(mentions.starts, p1), len(items)) if items[k][2] == obj), None)
    return x is not None and bool(pattern.search(a.folded.text, max(0, a.folded.fpos(x) - a.reach.agent_before), a.folded.fpos(x)))


def _sides_before(a: Analysis, mentions: Mentions, p0: int, subject: int,
                  pattern: re.Pattern[str]) -> tuple[int, list[int]]:
    """(subject, [object]) of a noun trigger at p0 whose sides both precede it: the first mention
    after "مع" and, before it, the first of another state; else (subject, [])."""
    lo = bisect_left(mentions.starts, p0 - a.reach.sides_before)  # the sides stand in the clause before the noun
    before = [(x, eid) for x, y, eid in mentions.items[lo:bisect_right(mentions.starts, p0)] if y <= p0]
    for k, (x, eid) in enumerate(before):
        if not pattern.search(a.folded.text, max(0, a.folded.fpos(x) - a.reach.with_before), a.folded.fpos(x)):
            continue
        other = a.entities[eid]
        for _, sid in before[:k]:
            ent = a.entities[sid]
            if sid != eid and (ent.name or ent.country) and not (ent.country and ent.country == other.country):
                return sid, [eid]
        break
    for (x, eid), (_, sid) in zip(before[1:], before, strict=False):  # "عقد X، وY، اجتماعا"
        if sid != eid and _differ(a, sid, eid) and _joined(a, x):
            return sid, [eid]
    return subject, []


def _differ(a: Analysis, x: int, y: int) -> bool:
    """Two entities that can be two sides: each named or of a known state, and not of one state."""
    ex, ey = a.entities[x], a.entities[y]
    return bool((ex.name or ex.country) and (ey.name or ey.country)) and not (ex.country and ex.country == ey.country)


def _joined(a: Analysis, at: int) -> bool:
    """Is the mention at `at` joined to the one before it by و ("X، وY"), also through the
    honorific the mention leaves out ("X، ومعالي Y")?"""
    fat, lex = a.folded.fpos(at), lexicons()
    if lex.cues.joined.search(a.folded.text, max(0, fat - a.reach.joined_before), fat):
        return True
    words = a.folded.text[max(0, fat - a.reach.word_chars):fat].split()
    return bool(words) and words[-1][:1] == "و" and words[-1][1:] in _honorific_words()


@functools.cache
def _honorific_words() -> frozenset[str]:
    """The one-word honorifics (data/honorifics.txt, folded)."""
    return frozenset(h for h in lexicons().honorifics if " " not in h)


def _two_sides(a: Analysis) -> tuple[int, int] | None:
    """The article's two sides: its first named entity and the first named after it of another
    state (one of the two may be of a state not written: the home side of a national outlet)."""
    named = [e for e in a.entities if e.name]
    for e in named[1:]:
        if (e.country or named[0].country) and _differ(a, named[0].id, e.id):
            return named[0].id, e.id
    return None


def _each_of(mentions: Mentions, fend: int, p1: int, folded: Folded, pattern: re.Pattern[str]) -> bool:
    """Does `pattern` end just before the first mention after the trigger (folded end `fend`)?"""
    i = bisect_left(mentions.starts, p1)
    return i < len(mentions.items) and bool(pattern.search(folded.text, fend, folded.fpos(mentions.items[i][0])))


def _listed(a: Analysis, mentions: Mentions, p1: int, link: re.Pattern[str]) -> bool:
    """"التقى X، وY، وZ": do `Reach.listed` mentions of different entities, linked by commas, follow
    the verb ending at p1 (at most two words before the first)? Then each is met in turn, by the
    article's protagonist: "التقى X وY" is left to the usual reading (X met Y)."""
    items, text, least = mentions.items, a.segment.text, a.reach.listed
    i = bisect_left(mentions.starts, p1)
    if i >= len(items) or THREE_WORDS.match(text, p1, items[i][0]):
        return False
    run, k = 1, i
    for j in range(i + 1, len(items)):
        if items[j][2] == items[k][2] or items[j][0] < items[k][1]:
            continue  # another mention of the same entity, or one inside it
        if not link.match(a.fold(items[k][1], items[j][0])):
            break
        run, k = run + 1, j
        if run >= least:
            return True
    return False


def _adjacent(mentions: Mentions, eid: int, p0: int, text: str, reach: int) -> bool:
    """Does a mention of entity `eid` end right before the verb at `p0` (only spaces between)?"""
    gap = p0 - len(text[:p0].rstrip())  # the spaces before p0: the mention must end inside them
    k = bisect_right(mentions.starts, p0) - 1
    while k >= 0 and mentions.starts[k] >= p0 - gap - reach:  # mentions are not longer than that
        x, y, e = mentions.items[k]
        if e == eid and p0 - gap <= y <= p0:
            return True
        k -= 1
    return False


class Cuts:
    """Where the attending words (cues.yaml) are written in a folded text: a search for any of them in `text[i:j]`
    matches when `j >= cuts.after(i)`, the end of the first of them that starts at i or later."""

    __slots__ = ("starts", "ends")

    def __init__(self, text: str):
        found = sorted((at, at + len(w)) for w in lexicons().cues.attending for at in _overlapping(text, w))
        self.starts = [at for at, _ in found]
        self.ends = [end for _, end in found]
        for k in range(len(found) - 2, -1, -1):
            self.ends[k] = min(self.ends[k], self.ends[k + 1])

    def after(self, i: int) -> float:
        k = bisect_left(self.starts, i)
        return self.ends[k] if k < len(self.ends) else float("inf")


def _overlapping(text: str, word: str) -> Iterator[int]:
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + 1)


def _objects(a: Analysis, mentions: Mentions, p1: int, subject: int, each: bool = False) -> list[int]:
    """The other sides of the trigger ending at p1: one per other state, or (`each`: "كلا من")
    every entity of the list after it."""
    ents = a.entities
    out: list[int] = []
    countries = {ents[subject].country}
    cuts = a.cached(("cuts", None), lambda: Cuts(a.folded.text))
    # "بحضور والي مدنين": the mentions after an attending word are attendees, not the other side
    cut = mentions.first_from(cuts.after(a.folded.fpos(p1)))
    picks = range(bisect_left(mentions.starts, p1), cut) if each else mentions.objects(p1, cut)
    for k in picks:  # the others would be passed over: same state or entity
        eid = mentions.items[k][2]
        ent = ents[eid]
        if eid == subject or eid in out or (ent.country and ent.country in countries):
            continue
        if not ent.country and not each and (out or not ents[subject].country or not ent.name):
            continue  # a side of unknown state: only one named counterpart of a known foreigner
        out.append(eid)
        if not each:
            countries.add(ent.country)
    return out

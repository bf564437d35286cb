"""Engagements: for each trigger of a sentence, its subject (the entity right after a verb, else
before the trigger, else the article's protagonist) and its objects (the entities after it, one per
other state). Attendees ("بحضور ...") are not objects. The sides told together (duals, pairs of
states, lists) are read by extract/pairs.py; the mentions of a sentence are extract/clauses.py's.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right

from ..lexicons import Cue, lexicons
from ..normalize import one_space
from .clauses import THREE_WORDS, Engagement, Mentions, mentions_in
from .document import Analysis
from .pairs import between_states, differ, each_of, joined, listed, side_heads, state_sides, told_pair
from .triggers import trigger_pattern

__all__ = ["Engagement", "Mentions", "engagements"]


def engagements(a: Analysis) -> list[Engagement]:
    table = trigger_pattern()[1]
    cues, reach = lexicons().cues, a.reach
    found: list[Engagement] = []
    protagonist = next((e.id for e in a.entities if e.name), None)
    meeting: tuple[int, int] | None = None  # the first sentence that tells a meeting (not planned, negated, recalled)
    for n, (s, t) in enumerate(a.sentences):
        mentions = None
        for p0, p1, form, after, guarded in a.triggers_in((s, t)):
            family, is_verb = table[one_space(form)]
            if guarded or cues.future_after.match(after) \
                    or not is_verb and cues.future_verb_after.match(after) \
                    or is_verb and form.lstrip("وف")[:1] == "ي" and cues.later_today_after.match(after):
                continue  # planned, negated or recalled before it; a future time (or verb, after a noun) just after it
            meeting = meeting or (s, t)
            mentions = mentions_in(a, s, t) if mentions is None else mentions
            each = each_of(a, mentions, p1, cues.each_of) and not each_of(a, mentions, p1, cues.members_of) \
                or is_verb and protagonist is not None and listed(a, mentions, p1, cues.listed)  # "التقى كلا من ..."،
            # "أجرى ... محادثات مع كل من X، وY، وZ": each of a listed three is met, after a verb or a noun
            goes_on = is_verb and (each or a.search_before(cues.series, p0, reach.series_before, floor=s))
            if family == "welcomed":  # "في استقبال X ... Y": X is received by Y
                subject, family, p1 = _welcomed(mentions, p1)
            elif (told := told_pair(a, mentions, found, p1, after, (s, t), is_verb))[0]:
                if told[1] is not None:
                    found.append(Engagement(_kind(family), family, told[1][0], told[1][1], (s, t)))
                continue
            elif family == "guest_of" and is_verb and _visits_a_place(a, mentions, p1):
                continue  # "يزور الشيخ تميم، أمير دولة قطر، العاصمة الإماراتية أبو ظبي": a visit, no one met here
            else:
                subject = _subject(mentions, p0, p1, is_verb, protagonist, a.segment.text, goes_on,
                                   reach.mention_chars)
            if is_verb and cues.delegation_subject.match(after):  # "كما التقى الوفد بالمستشار X"
                subject = delegation_leader(a, p0)
            if subject is None:
                continue
            if family == "reception" and not is_verb and a.search(cues.received, s, p0):
                family = "guest_of"  # "حظي الوزير ... باستقبال من الرئيس"
            protagonist = protagonist if protagonist is not None else subject
            nxt = a.sentences[n + 1] if n + 1 < len(a.sentences) else None
            subject, objects = _other_sides(a, mentions, subject, is_verb, each, (p0, p1), (s, t), nxt)
            for obj in objects:
                flipped = family == "reception" and _after_agent(a, mentions, obj, p1, cues.passive_agent)
                found.append(Engagement(_kind(family), "guest_of" if flipped else family, subject, obj, (s, t)))
    return found or (side_heads(a, meeting) if meeting else [])  # a joint body's meeting: its sides by their heads


@functools.cache
def _visited_gap() -> re.Pattern[str]:
    """What may stand between a visitor and the place he visits: a comma, a city noun and its nisba
    ("، العاصمة الإماراتية")."""
    nouns = "|".join(re.escape(w) for w in lexicons().place_words.city_nouns)
    return re.compile(rf"[\s،,]*(?:(?:ال)?(?:{nouns})\s*(?:ال\w+\s*)?)?")


def delegations(a: Analysis) -> tuple[list[int], list[tuple[int, int]]]:
    """Where each delegation "led by" is told ("وفدا ... برئاسة X", cues.yaml `delegation_led`), and
    the first mention after each (start, entity; (-1, -1) if none), found once a segment."""
    def find() -> tuple[list[int], list[tuple[int, int]]]:
        cue, at, found = lexicons().cues.delegation_led, 0, []
        while (hit := a.where(cue, at, len(a.segment.text))) is not None:
            found.append(hit)
            at = hit + 1
        firsts = sorted((x, e.id) for e in a.entities for x, _ in e.spans) if found else []
        return found, [firsts[k] if k < len(firsts) else (-1, -1) for k in (bisect_right(firsts, (x, 1 << 30)) for x in found)]
    return a.cached(("delegations", None), find)


def delegation_leader(a: Analysis, before: int) -> int | None:
    """The one said to lead the last delegation told before `before`, or None."""
    found, firsts = delegations(a)
    k = bisect_left(found, before) - 1
    return firsts[k][1] if k >= 0 and 0 <= firsts[k][0] < before else None


def _visits_a_place(a: Analysis, mentions: Mentions, p1: int) -> bool:
    """Is the first mention after a visit verb its subject, followed by the place he visits ("زار
    الوزير X، الرياض"، "يزور X العاصمة الإماراتية أبو ظبي")? Then the verb names no one he meets."""
    i = bisect_left(mentions.starts, p1)
    if i >= len(mentions.items) or a.folded_length(p1, mentions.items[i][0]) > a.reach.visitor_after:
        return False
    items, end = mentions.items, mentions.items[i][1]
    for x, y, eid in items[i + 1:]:  # the rest of the same person's mention ("X، أمير دولة قطر")
        if eid != items[i][2] or x > end + 3:
            break
        end = max(end, y)
    return any(p.start >= end and _visited_gap().fullmatch(a.fold(end, p.start))
               for p in a.places_within((end, end + a.reach.place_cue_before)))


def _kind(family: str) -> str:
    """The event kind of a trigger family: calls and agreements are their own, the rest meetings."""
    return family if family in {"call", "agreement"} else "meeting"


def _other_sides(a: Analysis, mentions: Mentions, subject: int, is_verb: bool, each: bool, trigger: tuple[int, int],
                 sentence: tuple[int, int], nxt: tuple[int, int] | None) -> tuple[int, list[int]]:
    """(subject, objects) of the trigger at `trigger`: the entities after it;
    else, for a verb, those opening the next sentence ("استقبل X بمكتبه. سفير ...": a stray stop);
    else sides named by their state ("لقاءات مع وزراء العدل: الأردن، وتونس"); else, for a noun,
    both sides before it ("عقد X مع Y جلسة مباحثات")."""
    p0, p1 = trigger
    objects = _objects(a, mentions, p1, subject, each)
    if not objects and is_verb and nxt is not None:
        objects = _objects_next(a, subject, p1, sentence, nxt, each)
    if not objects:
        objects = state_sides(a, subject, p1, sentence[1])
    if not objects and not is_verb and (pair := between_states(a, p1, sentence[1])):
        return pair[0], [pair[1]]  # "الاجتماع التنسيقي بين وزارتي الداخلية بدولة قطر والمملكة ..."
    if not objects and not is_verb:
        return _sides_before(a, mentions, p0, subject, lexicons().cues.with_before)
    return subject, objects


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
    if is_verb and i < len(items) and not THREE_WORDS.match(text, p1, items[i][0]) \
            and not (text[items[i][0] - 1:items[i][0]] == "ب" and not text[items[i][0] - 2:items[i][0] - 1].isalpha()):
        # ("التقى برئيس الوزراء": a mention glued to ب is the verb's object, never its subject)
        if mentions.alone[i] and mentions.least_end > p0 and protagonist not in {None, items[i][2]}:
            return protagonist  # "ثم استقبل سفيرة كندا ...": the subject is the article's protagonist
        return items[i][2]
    return before if before is not None else protagonist


def _objects_next(a: Analysis, subject: int, p1: int, sentence: tuple[int, int], nxt: tuple[int, int],
                  each: bool) -> list[int]:
    """The objects of a verb whose sentence a stray full stop ends before them: when the next
    sentence opens with a mention (no word before it), the two are read as one."""
    first = mentions_in(a, nxt[0], nxt[1])
    if not first.items or a.segment.text[nxt[0]:first.items[0][0]].strip(" .،,"):
        return []
    return _objects(a, mentions_in(a, sentence[0], nxt[1]), p1, subject, each)


def _welcomed(mentions: Mentions, p1: int) -> tuple[int | None, str, int]:
    """"في استقبال X ... Y": (X, "guest_of", the end of X's mention: Y is looked for after it)."""
    i = bisect_left(mentions.starts, p1)
    if i == len(mentions.items):
        return None, "guest_of", p1
    return mentions.items[i][2], "guest_of", mentions.items[i][1]


def _after_agent(a: Analysis, mentions: Mentions, obj: int, p1: int, pattern: Cue) -> bool:
    """Is the first mention of `obj` after p1 led by "من قبل/من طرف" (a passive's agent)?"""
    items = mentions.items
    x = next((items[k][0] for k in range(bisect_left(mentions.starts, p1), len(items)) if items[k][2] == obj), None)
    return x is not None and a.search_before(pattern, x, a.reach.agent_before)


def _sides_before(a: Analysis, mentions: Mentions, p0: int, subject: int,
                  pattern: Cue) -> tuple[int, list[int]]:
    """(subject, [object]) of a noun trigger at p0 whose sides both precede it: the first mention
    after "مع" and, before it, the first of another state; else (subject, [])."""
    lo = bisect_left(mentions.starts, p0 - a.reach.sides_before)  # the sides stand in the clause before the noun
    before = [(x, eid) for x, y, eid in mentions.items[lo:bisect_right(mentions.starts, p0)] if y <= p0]
    for k, (x, eid) in enumerate(before):
        if not a.search_before(pattern, x, a.reach.with_before):
            continue
        other = a.entities[eid]
        for _, sid in before[:k]:
            ent = a.entities[sid]
            if sid != eid and (ent.name or ent.country) and not (ent.country and ent.country == other.country):
                return sid, [eid]
        break
    for (x, eid), (_, sid) in zip(before[1:], before, strict=False):  # "عقد X، وY، اجتماعا"
        if sid != eid and differ(a, sid, eid) and joined(a, x):
            return sid, [eid]
    return subject, []


def _adjacent(mentions: Mentions, eid: int, p0: int, text: str, reach: int) -> bool:
    """Does a mention of entity `eid` end right before the verb at `p0` (only spaces between, or the
    comma closing its apposition: "X، ولي عهد دبي، تلقى اتصالا")?"""
    gap = p0 - len(text[:p0].rstrip().rstrip("،,").rstrip())  # the mention must end in the spaces before p0
    k = bisect_right(mentions.starts, p0) - 1
    while k >= 0 and mentions.starts[k] >= p0 - gap - reach:  # mentions are not longer than that
        x, y, e = mentions.items[k]
        if e == eid and p0 - gap <= y <= p0:
            return True
        k -= 1
    return False


def _objects(a: Analysis, mentions: Mentions, p1: int, subject: int, each: bool = False) -> list[int]:
    """The other sides of the trigger ending at p1: one per other state, or (`each`: "كلا من")
    every entity of the list after it."""
    ents = a.entities
    out: list[int] = []
    countries = {ents[subject].country}
    # "بحضور والي مدنين": the mentions after an attending word are attendees, not the other side
    cut = mentions.first_from(a.attending_after(p1))
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

"""Sides told together, read right after or around a trigger: a dual ("والتقى الوزيران"), two
states ("وقعت موريتانيا والولايات المتحدة"، "بين دولة قطر والمملكة ..."), two people after بين, a
comma list of people met in turn ("التقى X، وY، وZ"), sides named by their state only ("مع وزراء
الداخلية: الأردن، وتونس"), and two mentions joined by و (extract/sides.py asks).
"""

from __future__ import annotations

import functools
import itertools
from bisect import bisect_left

from ..lexicons import Cue, lexicons
from .clauses import THREE_WORDS, Engagement, Mentions
from .document import Analysis, says


def state_sides(a: Analysis, subject: int, p1: int, t: int) -> list[int]:
    """Sides named by their state only, in a list led by "مع نظرائه/وزراء ..." after the trigger
    (ending at p1, in a sentence ending at t); a state one of whose officials the segment names is
    left to that official's own mention."""
    cues, reach = lexicons().cues, a.reach
    hits: list[tuple[int, int, str]] = []
    for s, e, entries in a.place_hits(p1, t):
        if not hits and a.folded_length(p1, s) > reach.state_list:
            break  # the list starts right after the trigger ("لقاءات ثنائية مع وزراء الداخلية: ...")
        state = next((x for x in entries if x.kind == "country"), None)  # a list of states: عمان is Oman
        if state is not None:
            hits.append((s, e, state.key))
        if len(hits) > 1 and not cues.list_link.match(a.fold(hits[-2][1], hits[-1][0])):
            break  # the list has ended
    if not hits or not a.search_before(cues.counterparts_of, hits[0][0], reach.counterparts_before, floor=p1):
        return []
    run = hits[:1]
    for prev, nxt in zip(hits, hits[1:], strict=False):
        if not cues.list_link.match(a.fold(prev[1], nxt[0])):
            break
        run.append(nxt)
    named = {e.country for e in a.entities if e.name or e.title}
    own = a.entities[subject].country
    return [a.state_side(iso, (s, e)) for s, e, iso in run if iso != own and iso not in named]


def told_pair(a: Analysis, mentions: Mentions, found: list[Engagement], p1: int, near: str,
              sentence: tuple[int, int], is_verb: bool) -> tuple[bool, tuple[int, int] | None]:
    """(told, pair): are the two sides told by the words right after the trigger (ending at p1,
    in `sentence`; `near`: its folded words right after it, `Trigger.after`), and which? A dual ("والتقى الوزيران"، "برئاسة الوزيرين": the sides of
    the engagement told last, in a series the meeting just told, else the article's two); two
    states ("وقعت موريتانيا والولايات المتحدة"); two people after بين ("توقيع مذكرة بين X وY")."""
    cues = lexicons().cues
    if (cues.dual_subject if is_verb else cues.dual_after).match(near):
        return True, (found[-1].subject, found[-1].obj) if found else a.cached(("two sides", None), lambda: _two_sides(a))
    pair = _state_pair(a, p1, sentence[1]) if is_verb else None
    if pair is None and (pair := _between_people(a, mentions, p1)) is not None and says(a, cues.joint, sentence):
        pair = None  # "اجتماعا ثلاثيا بين X وY ومع Z": one meeting of all, not a pair
    return pair is not None, pair


def _between_people(a: Analysis, mentions: Mentions, p1: int) -> tuple[int, int] | None:
    """"رعى توقيع مذكرة تفاهم بين X وY"، "لقاء بين الوزير X ونظيره Y": the first mention after the
    trigger follows بين (a few words before it, no مع between) and the next one of another side is
    joined to it by و: the two are the sides (a sponsor before the trigger is not one)."""
    items = mentions.items
    i = bisect_left(mentions.starts, p1)
    if i >= len(items):
        return None
    if a.folded_length(p1, items[i][0]) > a.reach.state_list:
        return None  # بين stands a few words after the trigger
    gap = a.fold(p1, items[i][0])
    if not lexicons().cues.between_sides.search(gap) or " مع " in gap:
        return None
    for j in range(i + 1, len(items)):
        if items[j][2] != items[i][2] and items[j][0] >= items[i][1]:
            if joined(a, items[j][0]) and differ(a, items[i][2], items[j][2]):
                return items[i][2], items[j][2]
            return None
    return None


def _state_pair(a: Analysis, p1: int, t: int) -> tuple[int, int] | None:
    """"وقعت (كل من) موريتانيا والولايات المتحدة": two state names, joined by و, right after the verb
    ending at p1 (in a sentence ending at t): for each, the official of that state the text names,
    else the state alone."""
    pair = list(itertools.islice(a.place_hits(p1), 2))
    if not pair or a.folded_length(p1, pair[0][0]) > a.reach.state_list:
        return None
    gap = a.fold(p1, pair[0][0])
    each = lexicons().cues.each_of.search(gap)  # "وقعت كل من موريتانيا و..."
    if len(pair) < 2 or (gap[:each.start()] if each else gap).strip() or pair[1][1] > t:
        return None
    first, second = (next((x.key for x in entries if x.kind == "country"), None) for _, _, entries in pair)
    if first is None or second is None or first == second \
            or not lexicons().cues.pair_link.match(a.fold(pair[0][1], pair[1][0])):
        return None
    return _state_or_official(a, first, pair[0][:2]), _state_or_official(a, second, pair[1][:2])


def _state_or_official(a: Analysis, iso: str, span: tuple[int, int]) -> int:
    """The side a state stands for: its official the segment names; else the one named official
    whose state is not written (the home side of a national outlet); else the state alone (at `span`)."""
    named = next((e.id for e in a.entities if e.country == iso and e.name), None)
    if named is None:
        unplaced = [e.id for e in a.entities if e.name and not e.country]
        named = unplaced[0] if len(unplaced) == 1 else None
    return named if named is not None else a.state_side(iso, span)


def between_states(a: Analysis, p1: int, t: int) -> tuple[int, int] | None:
    """"بين (وزارتي الداخلية ب)دولة قطر والمملكة العربية السعودية" after a noun trigger (ending at
    p1, in a sentence ending at t): the sides the two states stand for."""
    cues, reach = lexicons().cues, a.reach
    for (s1, e1, en1), (s2, e2, en2) in itertools.pairwise(a.place_hits(p1, t)):
        if a.folded_length(p1, s1) > reach.state_list:
            break
        first = next((x.key for x in en1 if x.kind == "country"), None)
        second = next((x.key for x in en2 if x.kind == "country"), None)
        if first and second and first != second and cues.pair_link.match(a.fold(e1, s2)) \
                and a.search_before(cues.between_sides, s1, reach.counterparts_before, floor=p1):
            return _state_or_official(a, first, (s1, e1)), _state_or_official(a, second, (s2, e2))
    return None


def differ(a: Analysis, x: int, y: int) -> bool:
    """Two entities that can be two sides: each named or of a known state, and not of one state."""
    ex, ey = a.entities[x], a.entities[y]
    return bool((ex.name or ex.country) and (ey.name or ey.country)) and not (ex.country and ex.country == ey.country)


def joined(a: Analysis, at: int) -> bool:
    """Is the mention at `at` joined to the one before it by و ("X، وY"), also through the
    honorific the mention leaves out ("X، ومعالي Y")?"""
    if a.search_before(lexicons().cues.joined, at, a.reach.joined_before):
        return True
    first = a.fold(at, at + a.reach.word_chars).split(maxsplit=1)[:1]
    if first and first[0][:1] == "و" and _joins_a_title(first[0][1:]):
        return True  # the mention holds its own و: "X ونظيره المصري Y"، "X ووزير الداخلية Y"
    words = a.fold_before(at, a.reach.word_chars).split()
    return bool(words) and words[-1][:1] == "و" and words[-1][1:] in _honorific_words()


def _joins_a_title(word: str) -> bool:
    """Is this word, its و taken off, a counterpart word or a title's head (نظيره، وزير، سفير)?"""
    lex = lexicons()
    return word in lex.people_words.counterpart or any(s == 0 and e == len(word) for s, e, _ in lex.title_heads.find(word))


@functools.cache
def _honorific_words() -> frozenset[str]:
    """The one-word honorifics (data/honorifics.txt, folded)."""
    return frozenset(h for h in lexicons().honorifics if " " not in h)


def _two_sides(a: Analysis) -> tuple[int, int] | None:
    """The article's two sides: its first named entity and the first named after it of another
    state (one of the two may be of a state not written: the home side of a national outlet)."""
    named = [e for e in a.entities if e.name]
    for e in named[1:]:
        if (e.country or named[0].country) and differ(a, named[0].id, e.id):
            return named[0].id, e.id
    return None


def each_of(a: Analysis, mentions: Mentions, p1: int, pattern: Cue) -> bool:
    """Does `pattern` end just before the first mention after the trigger (ending at p1)?"""
    i = bisect_left(mentions.starts, p1)
    return i < len(mentions.items) and a.search(pattern, p1, mentions.items[i][0])


def listed(a: Analysis, mentions: Mentions, p1: int, link: Cue) -> bool:
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


def side_heads(a: Analysis, sentence: tuple[int, int]) -> list[Engagement]:
    """"انعقد اجتماع اللجنة العسكرية العمانية الأمريكية المشتركة ... وترأس الجانب العماني X، بينما
    ترأس الجانب الأمريكي Y": when a meeting (in `sentence`) names no side, the heads of the two sides
    named by their nisbas (the person right after "الجانب <nisba>", in its sentence) are its sides."""
    cue, heads = lexicons().cues.side_of, dict[str, int]()  # state -> the entity heading its side
    for x, y, entries in a.place_hits():
        if entries[0].kind != "nisba" or not a.search_before(cue, x, a.reach.side_of_before):
            continue
        span = next(((s, t) for s, t in a.sentences if s <= x < t), None)
        head = next((p for p in a.people if p.start >= y and p.entity >= 0), None)
        if span is None or head is None or head.start >= span[1] or a.entities[head.entity].country not in {None, entries[0].key}:
            continue
        heads.setdefault(entries[0].key, head.entity)
    if len(heads) != 2 or len(set(heads.values())) != 2:
        return []
    (s1, e1), (s2, e2) = heads.items()
    for state, eid in ((s1, e1), (s2, e2)):
        a.entities[eid].country = a.entities[eid].country or state
    return [Engagement("meeting", "meeting", e1, e2, sentence)]

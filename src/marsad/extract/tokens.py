"""The tokens of a segment's folded text, and the gazetteer entry (place, agency, title head)
covering each: what the people grammar (people.py) reads.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from ..lexicons import Entry, Lexicons
from ..normalize import Folded, positions
from ..speedups import tokens

TOKEN = re.compile(r"[A-Za-z][\w'-]*|[^\W_]+(?:-[^\W_]+)*|[^\w\s]")
PROCLITIC = re.compile(r"^(?:و|ف)?(?:ب|ل|ك)?(?:ال)?")


class Tokens:
    """The tokens of a segment's folded text as parallel lists (one object per token costs more to
    build than the grammar costs to run): folded text, offsets, and the gazetteer entry covering each."""

    __slots__ = ("text", "start", "end", "hit", "hit_start", "folded", "source", "hon")

    def __init__(self, text: list[str], start: list[int], end: list[int], folded: Folded, source: str):
        self.text = text
        self.start = start  # folded offsets
        self.end = end
        self.hit: list[Entry | None] = [None] * len(text)  # gazetteer entry covering the token
        self.hit_start = [-1] * len(text)  # where that hit starts (after any proclitic)
        self.folded = folded  # the offset map back to `source`, the text as written
        self.source = source
        self.hon: list[list[str] | None] = [None] * len(text)  # the honorific (folded words) starting at each token

    def __len__(self) -> int:
        return len(self.text)

    def latin(self, k: int) -> bool:
        return "a" <= self.text[k][0] <= "z"

    def hamza(self, k: int) -> bool:
        """Written with أ/إ/آ: "ال" in أليساندرو is not the article."""
        return self.source[self.folded.pos(self.start[k])] in "أإآ"


def tokenize(folded: Folded, text: str) -> Tokens:
    """Words, numbers and punctuation marks of the folded text, as TOKEN.finditer gives them
    (`speedups.tokens`: one C loop, or its Python twin); `text` is the same text as written."""
    words, starts, ends = tokens(folded.text)
    return Tokens(words, starts, ends, folded, text)


def strip(word: str) -> str:
    """A word without its proclitics and article: وللأمن -> امن."""
    stripped = PROCLITIC.sub("", word)
    return stripped if len(stripped) >= 2 else word


def place_readings(lex: Lexicons, folded: str, found: list | None = None) -> list[tuple[int, int, list[Entry]]]:
    """The places gazetteer's readings of a folded text (`found`: its `find_all`, when read
    already), less the towns named right before a patronymic (بن، ولد): "الشيخ زايد بن حمد" is a
    person, not the town of Sheikh Zayed."""
    patronymics = lex.people_words.patronymics
    return [(s, e, entries) for s, e, entries in (lex.places.find_all(folded) if found is None else found)
            if not (folded[e:e + 1] == " " and folded[e + 1:e + 5].split(" ", 1)[0] in patronymics
                    and next((x.kind for x in entries if x.kind in {"city", "country"}), None) == "city")]


def mark_hits(lex: Lexicons, folded: str, toks: Tokens, place_hits: list | None = None,
              agency_hits: list | None = None, title_hits: list | None = None) -> set[int]:
    """Sets each token's gazetteer hit (the hits of each gazetteer may be given: found already);
    returns the tokens that are title heads."""
    offsets, ends = toks.start, toks.end
    heads: set[int] = set()
    if place_hits is None:
        place_hits = [(s, e, entries[0]) for s, e, entries in place_readings(lex, folded)]
    given = {id(lex.places): place_hits, id(lex.agencies): agency_hits, id(lex.title_heads): title_hits}
    for gaz in (lex.places, lex.agencies, lex.title_heads):
        found = given.get(id(gaz))
        found = gaz.find(folded) if found is None else found
        for s, e, entry in found:
            holder = bisect_right(offsets, s) - 1  # the token holding the hit's start (after a proclitic)
            k0 = holder if holder >= 0 and s < toks.end[holder] else None
            k1 = bisect_left(ends, e)  # the token ending where the hit ends
            if k0 is None or k1 == len(ends) or ends[k1] != e:
                continue
            if entry.kind == "title" and k0 == k1 and k1 + 1 < len(toks) and toks.text[k1 + 1] == "ولد":
                continue  # "الفريق السلطان ولد محمد": a first name (before بن a one-word title stays one:
                # "الوزير بن علي" may be a family name)
            free = [k for k in range(k0, k1 + 1) if toks.hit[k] is None]
            if gaz is lex.title_heads and free and free[0] == k0:
                free = [k for k in free if k - k0 == free.index(k)]  # "مدير" of "مدير جهاز" ...
            elif len(free) != k1 + 1 - k0 and not (gaz is lex.agencies and free == list(range(k0, k0 + len(free)))
                                                   and all((h := toks.hit[k]) is not None and h.kind == "nisba" for k in range(k0 + len(free), k1 + 1))):
                continue  # places first, then agencies: the longest wins in each pass, but an agency's name
                # may end with its nisba ("خفر السواحل الأمريكي": the nisba keeps its hit)
            for k in free:
                toks.hit[k] = entry
                toks.hit_start[k] = s
            if entry.kind == "title":
                heads.update(free)
    return heads


def agency_at(toks: Tokens, k: int) -> bool:
    """Is token k (if there is one) covered by an agency's name?"""
    return 0 <= k < len(toks) and (h := toks.hit[k]) is not None and h.kind == "agency"


def tokens_with(folded: str, toks: Tokens, part: str) -> set[int]:
    """The tokens whose text contains `part`."""
    return {bisect_right(toks.start, at) - 1 for at in positions(folded, part)}


def named_amir(toks: Tokens, goes_on: frozenset[str] | set[str], first_names: frozenset[str] | set[str] = frozenset()) -> set[int]:
    """"وزير الأمن الداخلي الإسرائيلي أمير أوحنا": a bare أمير right after a title's nisba, or inside a
    name after a first name ("نظيره الإيراني حسين أمير عبداللهيان"), and before a bare word that does
    not go on with a title (`goes_on`: org, state and place words) is the name Amir, not the title
    emir (أمير قطر، أمير منطقة الرياض). Clears those tokens' hits; returns them."""
    found = set()
    for k in tokens_with(toks.folded.text, toks, "امير"):
        h = toks.hit[k - 1] if k > 0 else None
        after_name = h is None and k > 0 and toks.text[k - 1] in first_names
        if toks.text[k] == "امير" and 0 < k < len(toks) - 1 and (h is not None and h.kind == "nisba" or after_name) \
                and toks.hit[k + 1] is None and toks.text[k + 1].isalpha() \
                and not toks.text[k + 1].startswith("ال") and strip(toks.text[k + 1]) not in goes_on \
                and toks.text[k + 1] not in goes_on:
            toks.hit[k] = None
            found.add(k)
    return found


def verb_after(folded: Folded, toks: Tokens, end: int, verbs: frozenset[str] | set[str]) -> bool:
    """Is the word after `end` (and a comma) one of `verbs`, or a full stop ("X، الوزير ...، رئيس الأركان.")?"""
    k = bisect_left(toks.start, folded.fpos(end))
    if k < len(toks) and toks.text[k] == ".":
        return True
    k += k < len(toks) and toks.text[k] in {"،", ","}
    return k < len(toks) and toks.text[k] in verbs

"""People, their titles, organisations and countries, from the grammar of protocol news.

Problem: Arabic news names officials in both orders around their titles ("عبد اللطيف حموشي
المدير العام ..."، "مدير جهاز أمن الدولة الإماراتي، طلال راشد الزعابي،"), and marks their state
with nisba adjectives, country names or agencies inside the title. No offline NER does this.

Idea: 1. find title heads (data/titles.yaml) and gazetteer hits in one Aho-Corasick pass each;
2. grow each title to the right over its organisation (prepositional and definite words, agency
and country names, qualifiers) up to a comma, a date, a verb or a name; 3. take the name on its
left (NAME TITLE, NAME، TITLE) or else on its right (TITLE NAME, TITLE، NAME،); 4. the person's
country is the first country or nisba inside the title, else the agency's country; 5. later
short references (حموشي، السيدة بوستين) and title-only mentions join the same person.

Limits: a name is only found next to a title or an honorific; a title written after a long
relative clause is missed; a surname that is also a nisba (المصري) may be read as a country.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..lexicons import Entry, Lexicons, lexicons
from ..normalize import Folded, fold, fold_word

TOKEN = re.compile(r"[A-Za-z][\w'-]*|[^\W_]+|[^\w\s]")
PROCLITIC = re.compile(r"^(?:و|ف)?(?:ب|ل|ك)?(?:ال)?")
STOP_PUNCT = set("،,.:؛;()«»\"“”!?؟[]{}–—")
QUALIFIERS_FIRST = {"بالنيابه", "بالوكاله", "لدي", "فوق", "العاده", "والمفوض", "المفوض", "المعتمد",
                    "المعتمده", "المعتمدين", "المكلف", "المكلفه", "المنتدب", "المنتدبه", "الجديد", "الجديده"}
WEAK_NISBA_AFTER = {"وزير", "وزيره", "وزاره", "الشوون", "السياسه", "الموارد", "السنه", "الاوراق", "لجنه", "المفتشيه"}


@dataclass(slots=True)
class Tok:
    start: int  # folded offsets
    end: int
    text: str  # folded
    latin: bool = False
    hit: Entry | None = None  # gazetteer entry covering this token


@dataclass(slots=True)
class Person:
    """One person mention in a segment (offsets into the segment's original text)."""

    name: str | None
    title: str | None
    country: str | None
    start: int
    end: int
    name_span: tuple[int, int] | None = None
    title_span: tuple[int, int] | None = None
    organization: str | None = None
    sector: str | None = None
    concept: str | None = None  # the title head's concept (ambassador, director_general ...)
    entity: int = -1  # index of the person this mention refers to
    evidence: list[str] = field(default_factory=list)  # how the country was found


def tokenize(folded: Folded) -> list[Tok]:
    return [Tok(m.start(), m.end(), m.group(), bool(re.match("[A-Za-z]", m.group())))
            for m in TOKEN.finditer(folded.text)]


def _strip(word: str) -> str:
    """A word without its proclitics and article: وللأمن -> امن."""
    stripped = PROCLITIC.sub("", word)
    return stripped if len(stripped) >= 2 else word


class PeopleFinder:
    """Finds `Person` mentions in a segment's text; holds the lexicons it needs."""

    def __init__(self, lex: Lexicons | None = None):
        self.lex = lex or lexicons()
        self.honorifics = self.lex.honorifics
        self.org_words = set(self.lex.extra["org_words"])
        self.not_names = set(self.lex.extra["not_names"]) | self.lex.function_words
        self.modifiers = {fold_word(m) for m in self.lex.titles.get("modifiers") or []}
        self.qualifiers = {fold_word(q) for q in self.lex.titles.get("qualifiers") or []} | QUALIFIERS_FIRST
        self.date_words = set(self.lex.weekdays) | set(self.lex.months) | {"اليوم", "امس", "غدا", "صباح", "مساء"}
        self.trigger_words = self.lex.extra["trigger_words"]
        self.common = self.lex.extra["common_words"]

    def find(self, text: str) -> list[Person]:
        folded = fold(text)
        toks = tokenize(folded)
        self._mark_hits(folded.text, toks)
        people: list[Person] = []
        claimed: set[int] = set()
        i = 0
        while i < len(toks):
            hit = toks[i].hit
            if hit is not None and hit.kind in {"title", "rank"} and toks[i].text not in self.not_names:
                start = self._extend_left(toks, i)
                end = self._extend_right(toks, i)
                person = self._person(text, folded, toks, start, end, claimed)
                if person:
                    people.append(person)
                i = max(end, i + 1)
                continue
            i += 1
        people += self._honorific_people(text, folded, toks, claimed)
        people.sort(key=lambda p: p.start)
        return people

    # 1. gazetteer hits, token by token
    def _mark_hits(self, folded: str, toks: list[Tok]) -> None:
        starts = {t.start: k for k, t in enumerate(toks)}
        ends = {t.end: k for k, t in enumerate(toks)}
        for gaz in (self.lex.places, self.lex.agencies, self.lex.title_heads):
            for s, e, entry in gaz.find(folded):
                k0 = starts.get(s) if s in starts else next((k for k, t in enumerate(toks) if t.start <= s < t.end), None)
                k1 = ends.get(e)
                if k0 is None or k1 is None:
                    continue
                free = [k for k in range(k0, k1 + 1) if toks[k].hit is None]
                if gaz is self.lex.title_heads and free and free[0] == k0:
                    free = [k for k in free if k - k0 == free.index(k)]  # "مدير" of "مدير جهاز" ...
                elif len(free) != k1 + 1 - k0:
                    continue  # places first, then agencies: the longest wins in each pass
                for k in free:
                    toks[k].hit = entry

    # 2. the title span
    def _extend_left(self, toks: list[Tok], i: int) -> int:
        while i > 0 and _strip(toks[i - 1].text) in self.modifiers | {"نايب", "مساعد"}:
            i -= 1
        return i

    def _extend_right(self, toks: list[Tok], i: int) -> int:
        head = toks[i].hit
        j = i + 1
        while j < len(toks) and toks[j].hit is head:
            j += 1
        limit = min(len(toks), i + 18)
        while j < limit and self._continues(toks, j):
            j += 1
        while j > i + 1 and toks[j - 1].text in {"و", "في"}:
            j -= 1
        return j

    def _continues(self, toks: list[Tok], j: int) -> bool:
        tok = toks[j]
        word = tok.text
        if tok.latin or word in STOP_PUNCT or word.isdigit() or len(word) == 1 and not word.isalpha():
            return False
        if word in self.date_words or word.lstrip("و") in self.date_words or word in self.trigger_words:
            return False
        if tok.hit is not None:
            return tok.hit.kind in {"country", "nisba", "agency", "title", "city"} and word not in self.not_names
        if word in self.qualifiers or word in {"لدي", "فوق", "العاده"}:
            return True
        if word in self.not_names or word.lstrip("و") in self.not_names or word in self.lex.function_words:
            return False
        stem = _strip(word)
        if stem in self.org_words or word in self.org_words:
            return True
        return bool(re.match(r"^(?:و|ف)?(?:ب|ل|ك)?(?:ال|ل)", word)) and stem not in self.not_names

    # 3. the name next to the title
    def _person(self, text: str, folded: Folded, toks: list[Tok], start: int, end: int,
                claimed: set[int]) -> Person | None:
        name = self._name_left(toks, start, claimed) or self._name_right(toks, end, claimed)
        title_span = folded.span(toks[start].start, toks[end - 1].end)
        head = toks[start].hit if toks[start].hit else toks[min(start + 1, end - 1)].hit
        country, org, sector, how = self._country(toks, start, end)
        name_span = None
        if name:
            claimed.update(range(name[0], name[1]))
            name_span = folded.span(toks[name[0]].start, toks[name[1] - 1].end)
        spans = [title_span] + ([name_span] if name_span else [])
        return Person(
            name=text[name_span[0]:name_span[1]] if name_span else None,
            title=text[title_span[0]:title_span[1]], country=country,
            start=min(s for s, _ in spans), end=max(e for _, e in spans),
            name_span=name_span, title_span=title_span, organization=org,
            sector=sector or (head.attrs.get("sector") if head else None),
            concept=head.key if head and head.kind == "title" else None, evidence=how,
        )

    def _name_token(self, tok: Tok, claimed: set[int], k: int) -> bool:
        word = tok.text
        if k in claimed or tok.hit is not None and tok.hit.kind != "city":
            return False
        if tok.latin:
            return True
        if word in STOP_PUNCT or not word[0].isalpha() or word.isdigit():
            return False
        return word not in self.not_names and word not in self.date_words and word not in self.trigger_words \
            and word.lstrip("و") not in self.trigger_words and word not in self.org_words

    def _name_left(self, toks: list[Tok], start: int, claimed: set[int]) -> tuple[int, int] | None:
        k = start - 1
        if k >= 0 and toks[k].text in {"،", ","}:
            k -= 1
        end = k + 1
        while k >= 0 and end - k <= 6 and self._name_token(toks[k], claimed, k) and not self._honorific_at(toks, k):
            k -= 1
        k += 1
        if self._honorific_ends_at(toks, k - 1) or end - k >= 2 or (end - k == 1 and toks[k].latin):
            return (k, end) if end - k >= 1 and self._plausible(toks[k:end]) else None
        return None

    def _name_right(self, toks: list[Tok], end: int, claimed: set[int]) -> tuple[int, int] | None:
        k = end
        comma = k < len(toks) and toks[k].text in {"،", ","}
        if comma:
            k += 1
        while (parts := self._honorific_at(toks, k)) if k < len(toks) else None:
            k += len(parts)
        start = k
        while k < len(toks) and k - start < 6 and self._name_token(toks[k], claimed, k):
            k += 1
        if k - start >= 2 or (k - start == 1 and toks[start].latin):
            closed = k >= len(toks) or toks[k].text in STOP_PUNCT or not comma
            return (start, k) if closed and self._plausible(toks[start:k]) else None
        return None

    def _plausible(self, toks: list[Tok]) -> bool:
        """Not a single Arabic word, not all definite words, not led by a common noun (برنامج)."""
        words = [t.text for t in toks]
        if len(words) == 1 and not toks[0].latin:
            return False
        if all(w.startswith("ال") for w in words) or words[0] in self.common:
            return False
        return sum(w in self.common for w in words) * 2 < len(words)

    def _honorific_at(self, toks: list[Tok], k: int) -> list[str] | None:
        for h in self.honorifics:
            parts = h.split()
            if [t.text for t in toks[k:k + len(parts)]] == parts:
                return parts
        return None

    def _honorific_ends_at(self, toks: list[Tok], k: int) -> bool:
        return k >= 0 and any(toks[k].text == h.split()[-1] for h in self.honorifics)

    # 4. the person's country
    def _country(self, toks: list[Tok], start: int, end: int) -> tuple[str | None, str | None, str | None, list[str]]:
        org = sector = None
        for k in range(start, end):
            hit = toks[k].hit
            if hit is None or (k > start and hit is toks[k - 1].hit):
                continue
            if hit.kind == "agency":
                org = org or hit.form
                sector = sector or hit.attrs.get("sector")
            if hit.kind in {"country", "nisba"} and not (
                    hit.kind == "nisba" and k > 0 and _strip(toks[k - 1].text) in WEAK_NISBA_AFTER):
                return hit.key, org, sector, [hit.kind]
        for k in range(start, end):
            hit = toks[k].hit
            if hit is not None and hit.kind == "agency" and hit.key not in {"*", ""}:
                return hit.key, hit.form, hit.attrs.get("sector"), ["agency"]
        return None, org, sector, []

    # 5. people named with an honorific but no title
    def _honorific_people(self, text: str, folded: Folded, toks: list[Tok], claimed: set[int]) -> list[Person]:
        out = []
        for k in range(len(toks)):
            parts = self._honorific_at(toks, k)
            if not parts or k + len(parts) in claimed:
                continue
            s = k + len(parts)
            e = s
            while e < len(toks) and e - s < 5 and self._name_token(toks[e], claimed, e):
                e += 1
            if e > s:
                claimed.update(range(s, e))
                span = folded.span(toks[s].start, toks[e - 1].end)
                out.append(Person(name=text[span[0]:span[1]], title=None, country=None,
                                  start=span[0], end=span[1], name_span=span))
        return out

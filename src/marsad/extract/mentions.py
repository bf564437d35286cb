"""A person mention (`Person`), as the people grammar finds it and the entity linker groups it."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from ..lexicons import Cue, PeopleWords
from ..normalize import Folded, fold_word
from .tokens import Tokens, tokens_with

APPOSITION_MARKS = re.compile(r"[،,؛;]")
COMMAS = re.compile(r"[\s،,]*")
# "ونظيره الليبي بحكومة الوحدة الوطنية بدولة ليبيا، اللواء X": a counterpart's government or state after
# ب or في, then the comma of the apposition that names him.
QUALIFIED = re.compile(r"\s*(?:ب|في\s+)\S+(?:\s+\S+){0,6}?\s*[،,]\s*")
# An agency's short name in quotes or brackets after it: "قائد القيادة العسكرية لإفريقيا "أفريكوم"، الجنرال X".
SHORT_NAME = re.compile(r"^\s*(?:\"[^\"\n]{1,30}\"|«[^»\n]{1,30}»|“[^”\n]{1,30}”|\([^)\n]{1,30}\))")


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


def _honorifics_only(gap: str, honorific_words: frozenset[str]) -> bool:
    """Are the words of the gap honorifics, its commas (، ؛) aside?"""
    return all(w in honorific_words for w in APPOSITION_MARKS.sub(" ", fold_word(gap)).split())


def merge_ranks(people: list[Person], text: str, honorific_words: frozenset[str] = frozenset()) -> list[Person]:
    """"الفريق X، رئيس أركان ..." and "قائد الدرك، اللواء X": the rank's name joins the function;
    "بنظيره النيجري، وزير الداخلية سليمان داودا": the counterpart is the apposition's person. Between
    the two stand only punctuation (، ؛) and honorifics ("وزير خارجية السعودية، سمو الأمير X")."""
    out: list[Person] = []

    def apposed(gap: str) -> bool:
        gap = SHORT_NAME.sub("", gap, count=1)
        if COMMAS.fullmatch(gap):
            return True  # most gaps: a comma, or nothing
        return _honorifics_only(gap, honorific_words)

    for p in people:
        prev = out[-1] if out else None
        if prev and prev.evidence == ["counterpart"] and prev.name is None and p.title \
                and (COMMAS.fullmatch(text[prev.end:p.start]) or p.name and QUALIFIED.fullmatch(text[prev.end:p.start])):
            p.country = p.country or prev.country
            p.start = prev.start
            out[-1] = p
            continue
        if prev and prev.name is None and prev.title and " " not in prev.title.strip() and p.name \
                and prev.evidence != ["counterpart"] and fold_word(gap := text[prev.end:p.start]).split() \
                and not APPOSITION_MARKS.search(gap) and _honorifics_only(gap, honorific_words):
            # one or more honorifics and no comma: "الرئيس الدكتور X", not "الرئيس، رئيس الوزراء X"
            p.start, p.country = prev.start, p.country or prev.country  # "فخامة الرئيس الدكتور X، رئيس مجلس ...":
            out[-1] = p  # the one-word title and the name after an honorific are one person
            continue
        if prev and apposed(text[prev.end:p.start]):
            def weak(x: Person) -> bool:  # a rank, an honorific-like title (الأمير) or none
                return x.evidence == ["rank"] or x.title is None or len(x.title.split()) == 1
            ranked, titled = (prev, p) if weak(prev) and prev.name else (p, prev)
            # "استقبل الرئيس X الوزيرَ السوداني": after a name, a definite title with no comma between is
            # the verb's object, not an apposition (a rank's apposition may lack the comma: "اللواء X مدير ...")
            definite_object = ranked is prev and ranked.evidence != ["rank"] and bool(titled.title) \
                and (titled.title or "").startswith("ال") and "،" not in text[prev.end:p.start] and "," not in text[prev.end:p.start]
            if weak(ranked) and ranked.name and titled.name is None and titled.title and not weak(titled) \
                    and not definite_object and ranked.evidence != ["counterpart"]:  # "الوزير الأميركي لنظيره، X": two people
                titled.name, titled.name_span = ranked.name, ranked.name_span
                titled.start, titled.end = min(prev.start, p.start), max(prev.end, p.end)
                out[-1] = titled
                continue
        out.append(p)
    return out


def offices_before_verb(people: list[Person], text: str, verb_after: Callable[[int], bool]) -> list[Person]:
    """"X، ولي عهد دبي، نائب رئيس مجلس الوزراء، وزير الدفاع، تلقى اتصالا": the nameless titles that
    follow a named person one comma after another, up to a verb (`verb_after(end)`), are his other
    offices."""
    out: list[Person] = []
    k = 0
    while k < len(people):
        p, run = people[k], k + 1
        while p.name and run < len(people) and people[run].name is None and people[run].title \
                and (p.country is None or people[run].country in {None, p.country}) \
                and COMMAS.fullmatch(text[people[run - 1].end:people[run].start]):
            run += 1
        if run > k + 1 and verb_after(people[run - 1].end):
            p.end = people[run - 1].end
            p.country = p.country or next((q.country for q in people[k + 1:run] if q.country), None)
        else:
            run = k + 1
        out.append(p)
        k = run
    return out


def offices_before_name(people: list[Person], text: str) -> list[Person]:
    """"المفتش العام للقوات المسلحة الملكية، قائد المنطقة الجنوبية، الفريق أول X": a nameless title
    followed, one comma away, by a named person's title is his first office (two people in a list
    are joined by و). Not across two states, nor into a counterpart ("نظيره")."""
    out: list[Person] = []
    for p in people:
        prev = out[-1] if out else None
        gap = text[prev.end:p.start] if prev else ""
        if prev and prev.name is None and prev.title and p.name and p.title \
                and COMMAS.fullmatch(gap) and APPOSITION_MARKS.search(gap) \
                and "counterpart" not in prev.evidence + p.evidence \
                and (prev.country is None or p.country in {None, prev.country}):
            p.title, p.title_span, p.concept = prev.title, prev.title_span, prev.concept or p.concept
            p.organization, p.sector = prev.organization or p.organization, prev.sector or p.sector
            p.country, p.start = prev.country or p.country, prev.start
            p.evidence = prev.evidence if prev.country else p.evidence
            out[-1] = p
            continue
        out.append(p)
    return out


def side_states(folded: Folded, toks: Tokens, people: list[Person], w: PeopleWords, delegation_led: Cue) -> None:
    """"وترأس الجانب المصري ... اللواء X": the side's nisba is X's state; so is a delegation's
    ("وفد السفارة التركية برئاسة الممثل التجاري X"، "وفد من جمهورية مصر برئاسة X") for the one said to lead it."""
    for k in sorted(tokens_with(folded.text, toks, "لجانب")):
        hit = toks.hit[k + 1] if k + 1 < len(toks) else None
        if toks.text[k] in w.side_words and hit is not None and hit.kind == "nisba":
            _first_after(people, folded.pos(toks.end[k + 1]), hit.key)
    if "وفد" not in folded.text:
        return  # most texts: no delegation
    for m in delegation_led.finditer(folded.text):  # "وفد ... برئاسة" (cues.yaml delegation_led)
        k, led = bisect_right(toks.start, m.start()) - 1, bisect_left(toks.end, m.end())
        states = {h.key for j in range(k + 1, led) if (h := toks.hit[j]) is not None and h.kind in {"nisba", "country"}}
        if led < len(toks) and len(states) == 1:  # "وفد من مصر" too; not a joint committee's ("العراقية الكويتية")
            _first_after(people, folded.pos(toks.end[led]), states.pop(), nearest=True)


def _first_after(people: list[Person], start: int, state: str, nearest: bool = False) -> None:
    """The first person of unknown state mentioned from `start` on is of `state` (`nearest`: the
    first person mentioned from there, if his state is unknown: the one the words before lead to)."""
    after = next((p for p in people if p.start >= start and (nearest or p.country is None)), None)
    if after is not None and after.country is None:
        after.country = state


MONARCHS = {"king", "emir", "crown_prince", "deputy_crown_prince"}  # titles.yaml concepts of the ruling houses


def family_states(people: list[Person], families: dict[str, str]) -> None:
    """"الشيخ خليفة بن حمد آل ثاني، قائد عمليات أمن ...": a ruling family's member (`families`: folded
    surname -> state) in office is of its state; not the monarch himself, who, named as the sender of
    a letter or of greetings, is no side."""
    for p in people:
        if p.country is None and p.name and p.concept not in MONARCHS and len(words := fold_word(p.name).split()) >= 2:
            p.country = families.get(" ".join(words[-2:])) or families.get(words[-1])
            p.evidence = ["family"] if p.country else p.evidence

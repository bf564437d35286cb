"""A person mention (`Person`), as the people grammar finds it and the entity linker groups it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..normalize import fold_word

APPOSITION_MARKS = re.compile(r"[،,؛;]")


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


def merge_ranks(people: list[Person], text: str, honorific_words: frozenset[str] = frozenset()) -> list[Person]:
    """"الفريق X، رئيس أركان ..." and "قائد الدرك، اللواء X": the rank's name joins the function;
    "بنظيره النيجري، وزير الداخلية سليمان داودا": the counterpart is the apposition's person. Between
    the two stand only punctuation (، ؛) and honorifics ("وزير خارجية السعودية، سمو الأمير X")."""
    out: list[Person] = []

    def apposed(gap: str) -> bool:
        return all(w in honorific_words for w in APPOSITION_MARKS.sub(" ", fold_word(gap)).split())

    for p in people:
        prev = out[-1] if out else None
        if prev and prev.evidence == ["counterpart"] and prev.name is None and p.title \
                and re.fullmatch(r"[\s،,]*", text[prev.end:p.start]):
            p.country = p.country or prev.country
            p.start = prev.start
            out[-1] = p
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
                    and not definite_object:
                titled.name, titled.name_span = ranked.name, ranked.name_span
                titled.start, titled.end = min(prev.start, p.start), max(prev.end, p.end)
                out[-1] = titled
                continue
        out.append(p)
    return out

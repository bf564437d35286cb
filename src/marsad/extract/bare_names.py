"""People named without a title: after an honorific ("السيد X"، a rank: "اللواء X"), and the
subject named right after a meeting verb ("والتقى محمد جواد ظريف ... بوزير الخارجية"), whose title
is given elsewhere or not at all. Part of the people grammar (`people.PeopleFinder.find`).
"""

from __future__ import annotations

from itertools import compress
from typing import TYPE_CHECKING

from ..normalize import Folded
from .mentions import Person
from .tokens import Tokens

if TYPE_CHECKING:
    from .people import PeopleFinder


def honorific_people(f: PeopleFinder, text: str, folded: Folded, toks: Tokens, claimed: set[int]) -> list[Person]:
    """People named with an honorific but no title ("السيد X"، "الفريق X": a rank is their title)."""
    out = []
    after = 0
    for k, parts in enumerate(toks.hon):
        if not parts or k < after or k + len(parts) in claimed:
            continue
        s = k + len(parts)
        s += s < len(toks) and toks.text[s] == "/"  # "السيد/ إسماعيل عمر جيله": a slash after the honorific
        while s < len(toks) and (more := f.honorific_table.at(toks, s)):
            s += len(more)  # "الفريق سمو الشيخ راشد ...": a chain of honorifics
        e = f._name_run(toks, s, claimed, bounded=True)
        while e - s > 2 and toks.text[e - 1].startswith("ال") and toks.text[e - 1] in f.common:
            e -= 1
        while e - s > 3 and toks.text[e - 1].startswith("ال") and toks.text[e - 2].startswith("ال") \
                and toks.text[e - 2] in f.common:
            e -= 2  # "فيصل بن فرحان العلاقات الثنائية"
        if e > s and f._plausible(toks, s, e, honored=True):
            claimed.update(range(s, e))
            span = folded.span(toks.start[s], toks.end[e - 1])
            rank = f.honorific_table.is_rank(parts)
            tspan = folded.span(toks.start[k], toks.end[k + len(parts) - 1]) if rank else None
            out.append(Person(name=text[span[0]:span[1]], title=text[tspan[0]:tspan[1]] if tspan else None,
                              country=None, start=(tspan or span)[0], end=span[1], name_span=span,
                              title_span=tspan, evidence=["rank"] if rank else []))
        after = max(k + 1, e)
    return out


def verb_subjects(f: PeopleFinder, text: str, folded: Folded, toks: Tokens, claimed: set[int]) -> list[Person]:
    """"والتقى محمد جواد ظريف، الموجود في الدوحة، بوزير الخارجية": a meeting verb followed by a first
    name and more name words that no titled person holds names its subject (title: none here)."""
    out: list[Person] = []
    for k in compress(range(len(toks)), map(f.verb_words.__contains__, toks.text)):  # the verbs' tokens
        s = k + 1
        if s >= len(toks) or s in claimed or toks.hit[s] is not None or toks.text[s] not in f.first_names:
            continue
        e = f._name_run(toks, s, claimed, bounded=True)
        if e - s >= 2 and f._plausible(toks, s, e):
            claimed.update(range(s, e))
            span = folded.span(toks.start[s], toks.end[e - 1])
            out.append(Person(name=text[span[0]:span[1]], title=None, country=None, start=span[0], end=span[1],
                              name_span=span, evidence=["after verb"]))
    return out


def collective_people(f: PeopleFinder, text: str, folded: Folded, toks: Tokens, claimed: set[int]) -> list[Person]:
    """"وزراء الخارجية العراقي فؤاد حسين، والإيراني عباس عرقجي، والسوري بسام الصباغ": a plural title
    (titles.yaml `collective`) and its organisation, then each member as his nisba and his name."""
    out: list[Person] = []
    if f.collective.isdisjoint(toks.text):
        return out  # most texts: no plural title
    for k in compress(range(len(toks)), map(f.collective.__contains__, toks.text)):
        j = k + 1
        while j < len(toks) and toks.text[j].startswith("ال") and toks.hit[j] is None:
            j += 1  # the organisation: "الخارجية"، "الداخلية العرب"
        if j == k + 1 and not (j < len(toks) and (h := toks.hit[j]) is not None and h.kind == "nisba"):
            continue  # no organisation, and no nisba right after ("الرئيسان الروسي ..."): no members here
        tspan = folded.span(toks.start[k], toks.end[j - 1])
        while j < len(toks) and (hit := toks.hit[j]) is not None and hit.kind == "nisba" and j not in claimed:
            e = f._name_run(toks, j + 1, claimed, bounded=True)
            if e - (j + 1) < 2 or not f._plausible(toks, j + 1, e):
                break
            claimed.update(range(j, e))
            span = folded.span(toks.start[j + 1], toks.end[e - 1])
            out.append(Person(name=text[span[0]:span[1]], title=text[tspan[0]:tspan[1]], country=hit.key,
                              start=folded.span(toks.start[j], toks.end[j])[0], end=span[1], name_span=span,
                              title_span=tspan, evidence=["collective"]))
            j = e + (e < len(toks) and toks.text[e] in {"،", ","})
    return out

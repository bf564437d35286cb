"""Typed tables of small word lists in `data/`, folded once by `lexicons()` (fields of `Lexicons`):
the words around a place name (`PlaceWords`, data/place_words.yaml) and the classes of title heads
(`TitleClasses`, the `classes` of data/titles.yaml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .normalize import fold_word


def _folded(words: list[str]) -> tuple[str, ...]:
    return tuple(fold_word(str(w)) for w in words)


@dataclass(frozen=True, slots=True)
class PlaceWords:
    """data/place_words.yaml, folded (that file says what each list means)."""

    city_cues: tuple[str, ...]  # "العاصمة", "مدينة": a city follows
    city_nouns: tuple[str, ...]  # "بمدينة طرابلس", "في العاصمة الرباط"
    other_city_nouns: tuple[str, ...]  # "في حاضرة الفاتيكان": after a locative preposition only
    state_nouns: tuple[str, ...]  # "سلطنة عمان": a state follows
    locative_prepositions: tuple[str, ...]  # "في الرباط"
    destination_prepositions: tuple[str, ...]  # "إلى الرباط"
    event_nouns: tuple[str, ...]  # "معرض إسطنبول": an event named after its city
    visiting_verbs: tuple[str, ...]  # "الذي يزور القاهرة": where the visitor is
    seat_words: tuple[str, ...]  # "بمقر وزارة الداخلية الإيطالية": the seat ...
    seat_institutions: tuple[str, ...]  # ... of an institution of the state its nisba names
    situation_nouns: tuple[str, ...]  # "الأوضاع في ليبيا": the place is a topic, not the venue
    origin_nouns: tuple[str, ...]  # "وفدا من جمهورية مصر": the delegation's origin, not the venue

    @classmethod
    def load(cls, spec: dict[str, list[str]]) -> PlaceWords:
        return cls(**{k: _folded(v) for k, v in spec.items()})

    @property
    def nouns(self) -> tuple[str, ...]:
        """Every noun that names a city or a state before its name."""
        return self.city_nouns + self.other_city_nouns + self.state_nouns


# A title's head: its first word without the article or the (folded) ta marbuta.
HEAD = re.compile(r"^(?:ال)?(.+?)ه?$")


@dataclass(frozen=True, slots=True)
class TitleClasses:
    """The class of a title's head noun (data/titles.yaml `classes`): "وزير الداخلية" is a minister,
    "السفيرة" an envoy, "نائب المدير العام" a deputy.

    >>> TitleClasses.load({"envoy": ["سفير"]}).of("السفيرة الفرنسية")
    'envoy'
    """

    heads: dict[str, str]  # folded head noun -> class

    @classmethod
    def load(cls, spec: dict[str, list[str]] | None) -> TitleClasses:
        return cls({fold_word(str(h)): kind for kind, heads in (spec or {}).items() for h in heads})

    def of(self, title: str | None) -> str | None:
        """The class of `title`'s head noun, or None (no title, or a head of no class)."""
        words = fold_word(title or "").split()
        return self.heads.get(HEAD.sub(r"\1", words[0]) if words else "")

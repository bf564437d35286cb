"""Mutations of real-looking Arabic pages, each a pure function of (text, rng).

Every mutation draws what it needs from the `random.Random` it is given, so an input is named by
its seed page and a list of (mutation, seed) pairs: `apply()` rebuilds it exactly (the long run
prints that recipe for every failure; hypothesis shrinks the list).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from functools import cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "src" / "marsad" / "data"
PAGE_DIRS = [ROOT / "tests" / "pages", ROOT / "examples", ROOT.parent / "shared" / "seeds"]

PUNCTUATION = list(".,،؛:!?؟«»\"'-–—()[]{}/\\…*•|") + ["\n", "\n\n", " - ", "...", "؟!", "\r\n", "\t"]
RTL_MARKS = ["\u200f", "\u202b", "\u202c", "\u202d", "\u202e", "\u200e", "\u202a", "\u2066", "\u2067", "\u2069"]
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\ufeff", "\u00ad", "\u2060"]
SPACES = ["\u00a0", "\u2009", "\u202f", "\u3000", "  ", "\t", "\u2028", "\u0085"]
ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهويةىءأإآؤئ"
MARKS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0640\u0670"  # diacritics and tatweel
BRACKETS = [("(", ")"), ("[", "]"), ("{", "}"), ("«", "»"), ("\"", "\""), ("<", ">"), ("﴿", "﴾")]
# Dates that cannot be, or can barely be (issue 14): each must give no date or a real one.
IMPOSSIBLE_DATES = [
    "يومي 0 و1 ديسمبر 2025", "31 فبراير", "32 مايو 2025", "29-02-1433 هـ", "0 يناير 0000", "31 ديسمبر 9999",
    "30 فبراير 2024", "29 فبراير 2025", "31/04/2025", "00/00/0000", "99/99/9999", "2025-13-45", "0000-00-00",
    "يوم 31 شتنبر 2025", "من 30 إلى 2 فبراير 2025", "ما بين 31 و32 يناير 2026", "30 ذو الحجة 1445 هـ",
    "1 محرم 0 هـ", "45 رمضان 1446", "يوم الأحد 0 مارس", "في 9999", "عام 0000", "سنة 10000", "الاثنين 32",
    "٣١ فبراير ٢٠٢٥", "۳۰ فبراير ۲۰۲۴", "يومي 31 و32 مايو 2025", "يوم 00 أبريل 2025", "في 1 يناير 1",
    "بتاريخ 31.02.2025", "28-02-0000", "29/02/2100", "01/01/10000", "أول أمس الموافق 31 فبراير",
    "من 5 حتى 3 ديسمبر 2025", "يومي 30 و31 فبراير 2025", "في 7 كانون الثاني 0", "1446/13/01 هـ",
]


@cache
def lexicon_words() -> dict[str, list[str]]:
    """Month and weekday names and trigger words, as written in data/."""
    months = yaml.safe_load((DATA / "months.yaml").read_text(encoding="utf-8"))
    triggers = yaml.safe_load((DATA / "triggers.yaml").read_text(encoding="utf-8"))
    out = {"months": [w for cal in ("gregorian", "hijri") for ws in months[cal].values() for w in ws]}
    out["triggers"] = [w for spec in triggers.values() if isinstance(spec, dict)
                       for key in ("verbs", "nouns") for w in spec.get(key) or []]
    out["guards"] = [w for key in ("planned", "negated", "background") for w in triggers.get(key) or []]
    return out


@cache
def seed_pages() -> list[tuple[str, str]]:
    """(name, text) of every shipped page: tests/pages/**, examples/ and the shared seeds (.txt and .html)."""
    out = []
    for folder in PAGE_DIRS:
        for path in sorted(folder.rglob("*")):
            if path.suffix in {".txt", ".html", ".htm"} and path.is_file():
                out.append((str(path.relative_to(folder.parent)), path.read_text(encoding="utf-8")))
    return out


def _at(text: str, rng: random.Random) -> int:
    return rng.randrange(len(text) + 1)


def _insert(text: str, rng: random.Random, pieces: list[str], most: int = 20) -> str:
    for _ in range(rng.randint(1, most)):
        at = _at(text, rng)
        text = text[:at] + rng.choice(pieces) + text[at:]
    return text


def insert_punctuation(text: str, rng: random.Random) -> str:
    return _insert(text, rng, PUNCTUATION, 40)


def delete_punctuation(text: str, rng: random.Random) -> str:
    gone = set(rng.sample(".,،؛:!?؟«»\"'-()\n", rng.randint(1, 6)))
    return "".join(c for c in text if c not in gone or rng.random() < 0.2)


def digits(text: str, rng: random.Random) -> str:
    """Digits into the other scripts (and back), some at random."""
    table = [str(d) for d in range(10)], list(ARABIC_DIGITS), list(PERSIAN_DIGITS)
    out = []
    for c in text:
        if c.isdigit() and rng.random() < 0.7:
            value = next((i for t in table for i, d in enumerate(t) if d == c), None)
            out.append(rng.choice(table)[value] if value is not None else c)
        else:
            out.append(c)
    return _insert("".join(out), rng, [str(rng.randint(0, 99999)), "٢٠٢٥", "١٤٤٦", "۱۴۰۳", "0", "٠٠"], 5)


def rtl_marks(text: str, rng: random.Random) -> str:
    return _insert(text, rng, RTL_MARKS, 40)


def zero_width(text: str, rng: random.Random) -> str:
    return _insert(text, rng, ZERO_WIDTH, 40)


def odd_spaces(text: str, rng: random.Random) -> str:
    return "".join(rng.choice(SPACES) if c == " " and rng.random() < 0.1 else c for c in text)


def diacritics(text: str, rng: random.Random) -> str:
    return "".join(c + rng.choice(MARKS) if c.isalpha() and rng.random() < 0.15 else c for c in text)


def long_word(text: str, rng: random.Random) -> str:
    n = rng.choice([60, 300, 2000, 20000])
    word = rng.choice(LETTERS) * n if rng.random() < 0.5 else "".join(rng.choice(LETTERS) for _ in range(n))
    at = _at(text, rng)
    return text[:at] + rng.choice(["", " "]) + word + rng.choice(["", " "]) + text[at:]


def nested_brackets(text: str, rng: random.Random) -> str:
    depth = rng.choice([3, 30, 300])
    opening, closing = zip(*(rng.choice(BRACKETS) for _ in range(depth)), strict=True)
    inner = rng.choice(["", "سفير", "وزير الداخلية", "20 يناير 2025", "استقبل", "(("])
    balanced = rng.random() < 0.7
    piece = "".join(opening) + inner + ("".join(reversed(closing)) if balanced else "")
    at = _at(text, rng)
    return text[:at] + piece + text[at:]


def repeat_words(text: str, rng: random.Random) -> str:
    """Month names, trigger words and guards, repeated in a run or scattered."""
    words = lexicon_words()[rng.choice(["months", "triggers", "triggers", "guards"])]
    word = rng.choice(words)
    if rng.random() < 0.5:
        run = rng.choice([" ", "، ", " و", "\n", ""]).join([word] * rng.choice([2, 10, 100, 400]))
        at = _at(text, rng)
        return text[:at] + " " + run + " " + text[at:]
    return _insert(text, rng, [f" {w} " for w in rng.sample(words, min(5, len(words)))], 60)


def impossible_dates(text: str, rng: random.Random) -> str:
    return _insert(text, rng, [f" {d} " for d in IMPOSSIBLE_DATES], 6)


def delete_span(text: str, rng: random.Random) -> str:
    a = _at(text, rng)
    return text[:a] + text[a + rng.choice([1, 5, 50, 500, 5000]):]


def duplicate_span(text: str, rng: random.Random) -> str:
    a = _at(text, rng)
    b = min(len(text), a + rng.choice([10, 100, 1000, 10000]))
    return text[:b] + text[a:b] * rng.choice([1, 2, 8]) + text[b:]


def shuffle_lines(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    k = rng.randrange(len(lines))
    j = rng.randrange(len(lines))
    lines[k], lines[j] = lines[j], lines[k]
    return "\n".join(lines)


def splice(text: str, rng: random.Random) -> str:
    """Part of another shipped page in the middle of this one."""
    other = rng.choice(seed_pages())[1]
    a = rng.randrange(len(other) + 1)
    at = _at(text, rng)
    return text[:at] + other[a:a + rng.choice([100, 1000, 5000])] + text[at:]


def no_stops(text: str, rng: random.Random) -> str:
    """Full stops and line breaks away: the whole page one long sentence."""
    return text.replace(".", " ،").replace("\n", " ") if rng.random() < 0.5 else text.replace(".", "")


def repeat_page(text: str, rng: random.Random) -> str:
    """The page two to eight times over (a long page: time must grow with it, not faster)."""
    return rng.choice(["\n\n", "\n", " ", ""]).join([text] * rng.choice([2, 4, 8]))


def weird_chars(text: str, rng: random.Random) -> str:
    pieces = ["\x00", "\x1f", "\x7f", "\ufffd", "\U0001f600", "\u0301", "ـــ", "\u06dd", "\u0605", "ﷲ", "ﻻ",
              "&amp;", "<br>", "</p>", "<script>", "&#x200F;", "\\n", "%s", "{0}", "$(x)"]
    return _insert(text, rng, pieces, 20)


MUTATIONS: dict[str, Callable[[str, random.Random], str]] = {f.__name__: f for f in [
    insert_punctuation, delete_punctuation, digits, rtl_marks, zero_width, odd_spaces, diacritics,
    long_word, nested_brackets, repeat_words, impossible_dates, delete_span, duplicate_span,
    shuffle_lines, splice, no_stops, repeat_page, weird_chars,
]}


MAX_CHARS = 200_000  # an input is cut here after each mutation (repeat_page compounds: 8 x 8 x 8 ...)


def apply(text: str, recipe: list[tuple[str, int]], limit: int = MAX_CHARS) -> str:
    """`text` after each (mutation, seed) of `recipe`, in order, never longer than `limit` characters."""
    for name, seed in recipe:
        text = MUTATIONS[name](text, random.Random(seed))[:limit]
    return text


def random_recipe(rng: random.Random) -> list[tuple[str, int]]:
    return [(rng.choice(list(MUTATIONS)), rng.randrange(2**32)) for _ in range(rng.choice([1, 1, 2, 3, 5]))]

"""Relative date mentions: اليوم، أمس، الاثنين الماضي، الأسبوع المقبل، العام الماضي، منذ يومين، قبل 3
أيام، بعد عامين، اليوم التالي.

Each finder yields `(start, end, value, extra)` spans of folded text, as the finders of `dates.py`
do. Words that count from the publication date resolve only against it (spec §3): without one
the value is None. A shift ("اليوم السابق"، "اليوم التالي"، "بعد يومين") counts from the date the
text is speaking of, the last day written before it, or else from the publication date: such
spans carry `extra["delta"]` until `resolve_shifts` gives them their value.

>>> import datetime as dt
>>> [s[2] for s in durations("منذ ثلاثه ايام", dt.date(2014, 9, 1), dt.date(2014, 9, 1), lexicons(), None, Reach())]
['2014-08-29']
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterator

from ..lexicons import Lexicons, lexicons
from ..normalize import one_space, word_start
from ..settings import Reach
from .date_words import Day, Scope, alternation, before, previous_word, scan, words

Span = tuple[int, int, str | None, dict]
HOW = "relative-to-publication"


@functools.cache
def _patterns() -> dict[str, re.Pattern[str]]:
    lex, w = lexicons(), words()
    weekdays = alternation(list(lex.weekdays))
    return {
        "relative": re.compile(
            rf"({alternation(list(w.relative_days))})(?!\w)(?!\s*\d)"
            rf"(?!\s+(?:{alternation(w.not_relative_after)})(?!\w))(?:\s+({weekdays})(?!\w))?"),
        "shift": re.compile(rf"({alternation(list(w.shifts))})(?!\w)"),
        "weekday": re.compile(rf"({weekdays})(?!\w)(?:\s+({alternation(sorted(w.past | w.next))})(?!\w))?"),
        "day_word_before": re.compile(r"(?<!\w)[وف]?ل?يوم\s+$"),  # "يوم الأحد", "ليوم الجمعة"
        "period": re.compile(rf"({alternation(list(w.periods))})\s+({alternation(sorted(w.qualifiers))})(?!\w)"),
        "year": re.compile(rf"({alternation(w.year_words)})(?:\s+({alternation(sorted(w.qualifiers))}))?(?!\w)"),
        "duration": re.compile(
            rf"({alternation(w.back + w.forward)})\s+(?:(\d{{1,2}})(?!\d)\s*|({alternation(list(w.numbers))})\s+)?"
            rf"({alternation(list(w.units))})(?!\w)(?:\s+({alternation(w.one_words)})(?!\w))?"),
        "next_word": re.compile(r"\s*(\w*)"),
    }


def finders() -> tuple[tuple[Callable[..., Iterator[Span]], str], ...]:
    """The relative finders, with the label of the words they start at, in the order their spans
    take precedence."""
    return ((shifts, "shift"), (durations, "duration"), (relative_words, "relative"), (weekdays, "weekday"),
            (periods, "period"), (years, "year"))


def _step(q: str | None) -> int:
    w = words()
    return -1 if q in w.past else 1 if q in w.next else 0


def relative_words(t: str, pub: Day, ref: dt.date, lex: Lexicons, scope: Scope, reach: Reach) -> Iterator[Span]:
    """اليوم، أمس، البارحة، أول أمس، غدا، بعد غد (and "أمس الأحد": one mention)."""
    w = words()
    for m in scan(_patterns()["relative"], "relative", t, scope):
        if not word_start(t, m.start()):
            continue
        word = one_space(m.group(1))
        if word == "اليوم" and before(t, m.start(), w.not_relative_before, reach.word_before):
            continue
        day = pub + dt.timedelta(days=w.relative_days[word]) if pub else None
        if day and m.group(2) and day.weekday() != lex.weekdays[one_space(m.group(2))]:
            day = None  # "أمس الأربعاء" on a page dated a Tuesday: that date is not the one the text speaks from
        yield m.start(1), m.end(), day.isoformat() if day else None, {"precision": "day", "how": HOW if day else "unresolved"}


def shifts(t: str, pub: Day, ref: dt.date, lex: Lexicons, scope: Scope, reach: Reach) -> Iterator[Span]:
    """اليوم السابق، اليوم التالي، اليوم الموالي: a day from the date the text is speaking of. Followed by
    "ل..." ("اليوم التالي لوصوله") it counts from something unnamed: no value."""
    w = words()
    for m in scan(_patterns()["shift"], "shift", t, scope):
        if not word_start(t, m.start()):
            continue
        extra: dict = {"precision": "day", "how": "unresolved"}
        if not re.match(r"\s+ل", t[m.end():m.end() + 3]):
            extra["delta"] = ("day", w.shifts[one_space(m.group(1))])
        yield m.start(), m.end(), None, extra


def durations(t: str, pub: Day, ref: dt.date, lex: Lexicons, scope: Scope, reach: Reach) -> Iterator[Span]:
    """منذ يومين، قبل 3 أيام، منذ ثلاثة أيام، منذ أسبوع، قبل عامين (back from the publication date);
    بعد يومين (forward from the date the text is speaking of). Hours and minutes are no dates."""
    w = words()
    for m in scan(_patterns()["duration"], "duration", t, scope):
        if not word_start(t, m.start()):
            continue
        n = _count(t, m, reach.word_chars)
        if n is None or _next_word(t, m.end(), reach.word_chars) in w.not_followed_by:
            continue
        unit = w.units[one_space(m.group(4))]
        precision = "day" if unit == "day" else unit
        if m.group(1) in w.forward:
            yield m.start(), m.end(), None, {"precision": precision, "how": "unresolved", "delta": (unit, n)}
            continue
        value = shifted(pub, unit, -n)[0] if pub else None
        yield m.start(), m.end(), value, {"precision": precision, "how": HOW if pub else "unresolved"}


def _count(t: str, m: re.Match[str], word_chars: int) -> int | None:
    """How many units a duration counts, or None when it is no precise duration ("منذ أيام")."""
    w = words()
    digits, number, form = m.group(2), m.group(3), m.group(4)
    if digits or number:
        n = int(digits) if digits else w.numbers[number]
        return n if n and form in w.many and not m.group(5) else None
    if form in w.two:
        return 2
    if form in w.one and (m.group(5) or _free_after(t, m.end(), word_chars)):
        return 1
    return None


def _next_word(t: str, end: int, reach: int) -> str:
    m = _patterns()["next_word"].match(t, end, end + reach)
    return m.group(1) if m else ""


def _free_after(t: str, end: int, reach: int) -> bool:
    """After "منذ يوم" / "قبل شهر" no name of a day, month or year may follow ("قبل شهر رمضان"، "منذ
    يوم الجمعة"، "قبل عام 2020"): then the word is no duration."""
    word = _next_word(t, end, reach)
    if not word:
        return True
    lex = lexicons()
    names = (lex.months, lex.hijri_months, lex.weekdays, words().relative_days)
    return not (word.startswith("ال") or word[0].isdigit() or any(word in table for table in names))


def shifted(anchor: dt.date, unit: str, n: int) -> tuple[str, str]:
    """(value, precision) of `anchor` moved by `n` days, weeks, months or years."""
    if unit in ("day", "week"):
        return (anchor + dt.timedelta(days=n * (7 if unit == "week" else 1))).isoformat(), unit
    if unit == "month":
        y, m = divmod(anchor.month - 1 + n, 12)
        return f"{anchor.year + y:04d}-{m + 1:02d}", "month"
    return f"{anchor.year + n:04d}", "year"


def weekdays(t: str, pub: Day, ref: dt.date, lex: Lexicons, scope: Scope, reach: Reach) -> Iterator[Span]:
    """الاثنين، يوم الأحد، الخميس المقبل: the weekday on or before the publication date (strictly
    before with الماضي, after with المقبل)."""
    p, w = _patterns(), words()
    for m in scan(p["weekday"], "weekday", t, scope):
        if not word_start(t, m.start(), proclitic=False):
            continue
        word = one_space(m.group(1))
        day = p["day_word_before"].search(t, max(0, m.start() - reach.word_before), m.start())
        if not word.startswith("ال") and not day:
            continue  # bare اثنين/أحد/جمعة are numbers and names, not weekdays
        if before(t, m.start(), w.not_day_before_weekday, reach.word_before):
            continue
        value = _weekday_value(lex.weekdays[word], m.group(2), pub) if pub else None
        yield (day.start() if day else m.start()), m.end(), value, {"precision": "day", "how": HOW if pub else "unresolved"}


def _weekday_value(weekday: int, qualifier: str | None, pub: dt.date) -> str:
    back = (pub.weekday() - weekday) % 7
    step = _step(qualifier)
    if step > 0:
        return (pub + dt.timedelta(days=(weekday - pub.weekday()) % 7 or 7)).isoformat()
    return (pub - dt.timedelta(days=back or (7 if step < 0 else 0))).isoformat()


def periods(t: str, pub: Day, ref: dt.date, lex: Lexicons, scope: Scope, reach: Reach) -> Iterator[Span]:
    """الأسبوع الماضي (publication - 7 days, week precision), الشهر المقبل (the next month)."""
    w = words()
    for m in scan(_patterns()["period"], "period", t, scope):
        if not word_start(t, m.start(), proclitic=False):
            continue
        unit = w.periods[m.group(1)]
        if pub is None:
            yield m.start(), m.end(), None, {"precision": unit, "how": "unresolved"}
            continue
        value, precision = shifted(pub, unit, _step(m.group(2)))
        yield m.start(), m.end(), value, {"precision": precision, "how": HOW}


def years(t: str, pub: Day, ref: dt.date, lex: Lexicons, scope: Scope, reach: Reach) -> Iterator[Span]:
    """العام الماضي، السنة المقبلة، العام الجاري، هذا العام: a year from the publication date. After a
    definite noun the word is an adjective: "المدير العام السابق" is no year."""
    w = words()
    for m in scan(_patterns()["year"], "year", t, scope):
        if not (word_start(t, m.start()) or t[m.start() - 1] == "ب" and word_start(t, m.start() - 1)):
            continue  # "العام الماضي", "والعام", "بالعام"
        this = not m.group(2) and t.endswith(tuple(d + " " for d in w.this_year), 0, m.start())
        if not (m.group(2) or this) or previous_word(t, m.start(), reach.word_chars).startswith("ال"):
            continue
        start = t.rfind(" ", 0, m.start() - 1) + 1 if this else m.start()
        value = f"{pub.year + _step(m.group(2)):04d}" if pub else None
        yield start, m.end(), value, {"precision": "year", "how": HOW if pub else "unresolved"}


def resolve_shifts(spans: list[Span], pub: dt.date | None, reach: int,
                   window: Callable[[int, int], list[Span]] | None = None) -> list[Span]:
    """Give each shift (`extra["delta"]`) its value: counted from the last day written in the
    `reach` characters before it, else from the publication date. `window(lo, hi)` reads the
    spans starting in [lo, hi) when `spans` are not the whole text's."""
    out: list[Span] = []
    for start, end, value, extra in spans:
        delta = extra.pop("delta", None)
        if delta is not None:
            anchor = _anchor(out, start, reach)
            if anchor is None and window is not None:
                anchor = _anchor(resolve_shifts(window(max(0, start - reach), start), pub, reach), start, reach)
            base = anchor or pub
            if base is not None:
                value, extra["precision"] = shifted(base, *delta)
                extra["how"] = "relative-to-date" if anchor else HOW
        out.append((start, end, value, extra))
    return out


def _anchor(spans: list[Span], start: int, reach: int) -> dt.date | None:
    for s, e, value, extra in reversed(spans):
        if e <= start and s >= start - reach and value and len(value) == 10 and extra.get("precision") == "day":
            return dt.date.fromisoformat(extra.get("until") or value)
    return None

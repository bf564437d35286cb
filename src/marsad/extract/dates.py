"""Arabic date mentions: every month variant, numeric, Hijri, ordinal, yearless and relative dates.

`find_dates(text, published, ref_date)` returns `Mention`s labelled `date` whose `value` is
`YYYY-MM-DD`, `YYYY-MM`, `YYYY` or None (found but not resolvable), with `precision`, `how`
(explicit | year-from-publication | weekday-inferred | relative-to-publication |
relative-to-date | hijri | ref-date-inferred | unplaceable-year | unresolved) and, for ranges, `until`.

Rules (spec §3): a yearless day+month takes the publication year; without a publication date
it needs a weekday (written before or after it), and then takes the most recent year on or
before `ref_date` in which that day falls on that weekday (Hijri days too, in the Hijri
calendar). Relative words (اليوم، أمس، الاثنين الماضي، منذ يومين، العام الماضي) resolve only
against a publication date (see `relative_dates`). A lone year is never a date. A weekday that
contradicts an explicit date keeps the date and flags `conflict`. A written year marsad cannot
place (before 1900, or after the year following `ref_date` and the publication) gives no value.
Numeric Hijri dates (marked هـ, or with a year in 1300-1499) are converted to Gregorian.
The words are data: data/date_words.yaml, months.yaml, weekdays.yaml (`date_words`).

>>> [m.value for m in find_dates("اليوم الاثنين 20 يناير 2025 بالرباط", None, dt.date(2026, 11, 22))]
['2025-01-20']
>>> [m.value for m in find_dates("يوم الثلاثاء 23 شتنبر الجاري", None, dt.date(2026, 11, 22))]
['2025-09-23']
>>> [m.value for m in find_dates("الأول من رمضان 1446 هـ", None, dt.date(2026, 11, 22))]
['2025-03-01']
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterator

from hijridate import Gregorian, Hijri

from ..lexicons import Lexicons, lexicons
from ..model import Mention
from ..normalize import Folded, fold, one_space, word_start
from ..settings import Reach
from . import relative_dates
from .date_words import (
    Day,
    Scope,
    alternation,
    at_digits,
    before,
    digit_starts,
    previous_word,
    scan,
    weekday_year,
    word_starts,
    words,
)

Span = tuple[int, int, str | None, dict]
HIJRI_YEARS = range(1300, 1500)  # a numeric date with such a year is Hijri, marked or not


@functools.cache
def _patterns() -> dict[str, re.Pattern[str]]:
    lex, w = lexicons(), words()
    months = alternation(list(lex.months))
    bare = "".join(f"|(?<={re.escape(b)}\\s)" for b in w.bare_ordinals)  # "فاتح ماي": no "من" between
    hijri = alternation(list(lex.hijri_months))
    weekdays = alternation(list(lex.weekdays))
    qual = alternation(sorted(w.qualifiers))
    year_noun = alternation(w.year_nouns)  # "عام 2025"
    period_nouns = alternation([p for p, kind in w.periods.items() if kind == "month"] + list(w.year_words))  # الشهر، العام
    year = rf"(?:\s*[،,/-]?\s*(?:من\s+)?(?:{year_noun})?\s*(\d{{4}})(?!\d)(?:\s*م)?(?!\w))?"
    other_name = rf"(?:\s*[/(]\s*(?:{months})(?:\s*\))?)?"  # "كانون الثاني/يناير", "يناير (كانون الثاني)"
    return {
        "day_month": re.compile(
            rf"(?:(\d{{1,2}})\s*(?:-|–|/|{alternation(w.range_links)}|و)\s*)?(\d{{1,2}})\s*(?:[/-]\s*)?(?:من\s+)?(?:شهر\s+)?"
            rf"({months})(?![^\W\d_]){other_name}" + year),  # "06ديسمبر2023": digits glued to the month
        "numeric": re.compile(r"(\d{1,2})\s?([/.-])\s?(\d{1,2})\s?\2\s?(\d{4})(?:\s?(ه|م)(?!\w))?(?![\w/-]|\.\d)"),
        "iso": re.compile(r"(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?:\s?(ه|م)(?!\w))?(?![\w/-]|\.\d)"),
        "short": re.compile(r"(\d{1,2})\s?/\s?(\d{1,2})(?![\w/.-])"),
        "month_before": re.compile(rf"(?<!\w)(?:({alternation(w.month_parts)})\s+)?(?:(شهر)\s+)?$"),
        "month_year": re.compile(
            rf"({months})(?!\w){other_name}"
            rf"(?:\s+(?:من\s+)?(?:{year_noun})?\s*(\d{{4}})(?!\d)|\s+({qual})(?!\w))?"),
        "hijri": re.compile(
            rf"(\d{{1,2}})\s+(?:من\s+)?(?:شهر\s+)?({hijri})(?!\w)"
            rf"(?:\s*(?:من\s+)?(?:{year_noun})?\s*(\d{{4}})(?!\d))?(?:\s*(?:ه|هجري\w*)(?!\w))?"),
        "ordinal": re.compile(
            rf"({alternation(list(w.ordinals))})\s+(?:من\s+(?:شهر\s+)?|شهر\s+{bare})(?:({months})|({hijri}))(?!\w)"
            rf"{other_name}(?:\s*[،,]?\s*(?:من\s+)?(?:{year_noun})?\s*(\d{{4}})(?!\d))?(?:\s*(ه|هجري\w*|م)(?!\w))?"),
        "weekday_before": re.compile(  # "الخميس، الموافق 15 سبتمبر"؛ "الخميس الماضي، الموافق 15 سبتمبر"
            rf"(?:((?:ال)?يوم)\s+)?({weekdays})(?:\s+(?:{alternation(sorted(w.past | w.next))})\s*[،,]?\s*\(?\s*الموافق\s+"
            rf"|\s*[،,]?\s*\(?\s*(?:الموافق\s+)?)(?:ال)?$"),
        "weekday_after": re.compile(
            rf"\s*[،,]?\s*\(?\s*(?:(?:ال)?يوم\s+)?({weekdays})(?!\w)\)?"
            rf"(?!\s*(?:{alternation(sorted(w.past | w.next))})(?!\w))"),
        "qualifier_after": re.compile(rf"\s*(?:من\s+)?(?:(?:{period_nouns})\s+)?({qual})(?!\w)"),
        "this_month": re.compile(rf"(\d{{1,2}})\s+من\s+(?:هذا\s+)?(?:الشهر)\s+({qual})(?!\w)"),
        "range_link": re.compile(rf"\s*(?:{alternation(w.range_links)}|-|–)\s*$"),  # من 30 يناير "إلى" 2 فبراير
        "range_start": re.compile(rf"(?:{alternation(w.range_starts)})\s+$"),
    }


def find_dates(text: str, published: dt.date | str | None, ref_date: dt.date,
               folded: Folded | None = None, within: list[tuple[int, int]] | None = None,
               reach: Reach = Reach()) -> list[Mention]:
    """Every date mention of `text`, resolved per spec §3 (see the module docstring); `folded` is
    `fold(text)` when the caller has it already. With `within` (sorted, disjoint spans of `text`),
    only the mentions that start inside them: the rest of the text is not read (`reach`: `Reach`)."""
    pub = dt.date.fromisoformat(published) if isinstance(published, str) else published
    folded = folded or fold(text)
    scope = None if within is None else tuple((folded.fpos(lo), folded.fpos(hi)) for lo, hi in within)
    t = folded.text
    spans = _read(t, pub, ref_date, scope, reach)
    window = None if scope is None else (lambda lo, hi: _read(t, pub, ref_date, ((lo, hi),), reach))
    mentions = []
    for start, end, value, extra in relative_dates.resolve_shifts(spans, pub, reach.shift_anchor, window):
        s, e = folded.span(start, end)
        mentions.append(Mention("date", s, e, text[s:e], value, extra))
    return mentions


def _read(t: str, pub: dt.date | None, ref: dt.date, scope: Scope, reach: Reach) -> list[Span]:
    """The spans of folded text `t` in text order, ranges joined, shifts not yet resolved."""
    spans: list[Span] = []
    lex = lexicons()
    starts, digits = word_starts(t), digit_starts(t)
    for finder, label in _finders():
        if not (digits if label == "digits" else starts[label]):
            continue  # nothing where this finder's pattern could start
        for start, end, value, extra in finder(t, pub, ref, lex, scope, reach):
            if not any(start < e and s < end for s, e, _, _ in spans):
                spans.append((start, end, value, extra))
    return [_placed(s, pub, ref, reach.first_year) for s in _join_ranges(t, sorted(spans, key=lambda s: s[0]), reach)]


@functools.cache
def _finders() -> tuple[tuple[Callable[..., Iterator[Span]], str], ...]:
    """Every finder with where its pattern starts (digits, or a label of `word_starts`), in the
    order their spans take precedence."""
    return ((_day_month, "digits"), (_ordinal, "ordinal"), (_this_month, "digits"), (_numeric, "digits"),
            (_hijri, "digits"), (_month_year, "month_year"), *relative_dates.finders())


def _placed(span: Span, pub: dt.date | None, ref: dt.date, first_year: int) -> Span:
    """A written year marsad cannot place gives no value (spec: null rather than wrong)."""
    start, end, value, extra = span
    if extra.get("how") not in ("explicit", "hijri") or not value:
        return span
    last = max(ref.year, pub.year if pub else ref.year) + 1
    if extra.get("until") and not first_year <= int(extra["until"][:4]) <= last:
        extra["until"] = None
    if first_year <= int(value[:4]) <= last:
        return span
    return start, end, None, {**extra, "how": "unplaceable-year", "until": None}


def _join_ranges(t: str, spans: list[Span], reach: Reach) -> list[Span]:
    """"من 30 يناير إلى 2 فبراير 2025": two day mentions joined by إلى become one range."""
    out: list[Span] = []
    link, opening = _patterns()["range_link"], _patterns()["range_start"]
    for span in spans:
        if out and out[-1][3].get("precision") == span[3].get("precision") == "day" and span[2] \
                and (out[-1][2] or "dm" in out[-1][3]) \
                and link.match(t[out[-1][1]:span[0]]) and not out[-1][3].get("until") \
                and opening.search(t[max(0, out[-1][0] - reach.range_open_before):out[-1][0]]):
            first, second = out[-1], span
            value = first[2]
            if first[3].get("how") != "explicit" and second[3].get("how") == "explicit" and "dm" in first[3] \
                    and second[2]:
                day, month = first[3]["dm"]
                year = int(second[2][:4])
                value = _iso(year, month, day)
                if value and value > second[2]:
                    value = _iso(year - 1, month, day)
            out[-1] = (first[0], second[1], value, {**first[3], "until": second[2]})
            continue
        out.append(span)
    return out


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def _hijri_iso(y: int, m: int, d: int) -> str | None:
    try:
        return Hijri(y, m, d).to_gregorian().isoformat()
    except (ValueError, OverflowError):
        return None


def _weekday_before(t: str, start: int, lex: Lexicons, reach: Reach) -> tuple[int, int | None]:
    """(new start, weekday) for a weekday written just before a date."""
    window = t[max(0, start - reach.weekday_before):start]
    m = _patterns()["weekday_before"].search(window)
    if not m:
        return start, None
    return start - (len(window) - m.start()), lex.weekdays[one_space(m.group(2))]


def _weekday_after(t: str, end: int, lex: Lexicons) -> tuple[int, int | None]:
    """(new end, weekday) for a weekday written just after a date: "في 23 شتنبر، يوم الثلاثاء"."""
    m = _patterns()["weekday_after"].match(t, end)
    return (m.end(), lex.weekdays[one_space(m.group(1))]) if m else (end, None)


def _weekday(t: str, start: int, end: int, lex: Lexicons, reach: Reach) -> tuple[int, int, int | None]:
    """(start, end, weekday) of a date with the weekday written before or after it."""
    start, weekday = _weekday_before(t, start, lex, reach)
    if weekday is None:
        end, weekday = _weekday_after(t, end, lex)
    return start, end, weekday


def _named(t: str, start: int, reach: Reach) -> bool:
    return before(t, start, words().named_before, reach.named_before)


def _qualifier(t: str, end: int) -> tuple[int, str | None]:
    q = _patterns()["qualifier_after"].match(t, end)
    return (q.end(), q.group(1)) if q else (end, None)


def _day_month(t: str, pub: Day, ref: dt.date, lex: Lexicons, scope: Scope, reach: Reach) -> Iterator[Span]:
    for m in at_digits(_patterns()["day_month"], t, scope):
        if _named(t, m.start(), reach):
            continue
        day, month = int(m.group(2)), lex.months[one_space(m.group(3))]
        first = int(m.group(1)) if m.group(1) else None
        year = int(m.group(4)) if m.group(4) else None
        end, qualifier = _qualifier(t, m.end()) if year is None else (m.end(), None)
        start, end, weekday = _weekday(t, m.start(), end, lex, reach)
        value, extra = resolve_day(day, month, year, weekday, qualifier, pub, ref, reach.weekday_years)
        extra["dm"] = (day, month)
        start_day = _iso(int(value[:4]), month, first) if value and first is not None and first < day else None
        if start_day:  # "يومي 0 و1 ديسمبر" has no first day: the date stays the second
            extra["until"], value = value, start_day
        yield start, end, value, extra


def _ordinal(t: str, pub: Day, ref: dt.date, lex: Lexicons, scope: Scope, reach: Reach) -> Iterator[Span]:
    """"الأول من رمضان 1446 هـ", "في العاشر من أكتوبر", "الثاني والعشرين من شهر مايو"."""
    for m in scan(_patterns()["ordinal"], "ordinal", t, scope):
        if not word_start(t, m.start()) or not _ordinal_here(t, m.start(), lex, reach) or _named(t, m.start(), reach):
            continue
        day = words().ordinals[one_space(m.group(1)).replace(" و ", " و")]  # "الثاني و العشرين"
        year = int(m.group(4)) if m.group(4) else None
        end, qualifier = _qualifier(t, m.end()) if year is None else (m.end(), None)
        start, end, weekday = _weekday(t, m.start(), end, lex, reach)
        if m.group(2):
            value, extra = resolve_day(day, lex.months[one_space(m.group(2))], year, weekday, qualifier, pub, ref, reach.weekday_years)
        else:
            value, extra = resolve_hijri_day(day, lex.hijri_months[one_space(m.group(3))], year, weekday, qualifier, pub, ref, reach.weekday_years)
        yield start, end, value, extra


def _ordinal_here(t: str, start: int, lex: Lexicons, reach: Reach) -> bool:
    """Is an ordinal at `start` a day? After و/ف, punctuation, a preposition or a weekday it is;
    after a noun it is that noun's rank ("الأسبوع الأول من رمضان")."""
    if start and t[start - 1].isalpha():
        return True  # "والعاشر من": word_start let only و/ف through
    word = previous_word(t, start, reach.word_chars)
    word = word[1:] if word[:1] in ("و", "ف") and word[1:] in words().before_ordinal else word
    return not word or word in words().before_ordinal or word in lex.weekdays


def resolve_day(day: int, month: int, year: int | None, weekday: int | None, qualifier: str | None,
                pub: dt.date | None, ref: dt.date, weekday_years: int) -> tuple[str | None, dict]:
    """Resolve day+month(+year) per spec §3 -> (value or None, {precision, how, ...})."""
    extra: dict = {"precision": "day"}
    w = words()
    if year is not None:
        value, extra["how"] = _iso(year, month, day), "explicit"
    elif pub is not None:
        year = pub.year
        candidate = _iso(year, month, day)
        if candidate and qualifier in w.past and candidate > pub.isoformat():
            year -= 1
        elif candidate and qualifier in w.next and candidate < pub.isoformat():
            year += 1
        value, extra["how"] = _iso(year, month, day), "year-from-publication"
    elif weekday is not None:
        value, extra["how"] = weekday_year(day, month, weekday, ref, _iso, ref.year, weekday_years), "weekday-inferred"
    else:
        value, extra["how"] = None, "unresolved"
    return value, _checked(extra, value, weekday)


def resolve_hijri_day(day: int, month: int, year: int | None, weekday: int | None, qualifier: str | None,
                      pub: dt.date | None, ref: dt.date, weekday_years: int) -> tuple[str | None, dict]:
    """resolve_day for a Hijri day and month: the Hijri year written, or the publication's, or the
    most recent one on or before `ref` in which that day falls on the weekday written."""
    extra: dict = {"precision": "day"}
    w = words()
    if year is not None:
        value, extra["how"] = _hijri_iso(year, month, day), "hijri"
    elif pub is not None and (pub_year := _hijri_year(pub)) is not None:
        value = _hijri_iso(pub_year, month, day)
        if value and (qualifier in w.past and value > pub.isoformat() or qualifier in w.next and value < pub.isoformat()):
            value = _hijri_iso(pub_year + (-1 if qualifier in w.past else 1), month, day)
        extra["how"] = "year-from-publication"
    elif weekday is not None and (ref_year := _hijri_year(ref)) is not None:
        value, extra["how"] = weekday_year(day, month, weekday, ref, _hijri_iso, ref_year, weekday_years), "weekday-inferred"
    else:
        value, extra["how"] = None, "unresolved"
    return value, _checked(extra, value, weekday)


def _hijri_year(day: dt.date) -> int | None:
    try:
        return Gregorian(day.year, day.month, day.day).to_hijri().year
    except (ValueError, OverflowError):
        return None


def _checked(extra: dict, value: str | None, weekday: int | None) -> dict:
    if value and weekday is not None and dt.date.fromisoformat(value).weekday() != weekday:
        extra["conflict"] = "weekday"
    return extra


def _this_month(t: str, pub: Day, ref: dt.date, lex: Lexicons, scope: Scope, reach: Reach) -> Iterator[Span]:
    """"15 من الشهر الجاري": the day in the publication's month (or the one before or after)."""
    for m in at_digits(_patterns()["this_month"], t, scope):
        if pub is None:
            yield m.start(), m.end(), None, {"precision": "day", "how": "unresolved"}
            continue
        q = m.group(2)
        month = pub.month + (-1 if q in words().past else 1 if q in words().next else 0)
        y, month = pub.year + (month - 1) // 12, (month - 1) % 12 + 1
        yield m.start(), m.end(), _iso(y, month, int(m.group(1))), {"precision": "day", "how": "year-from-publication"}


def _numeric(t: str, pub: Day, ref: dt.date, lex: Lexicons, scope: Scope, reach: Reach) -> Iterator[Span]:
    """"20/01/2025", "16-5-2023", "2025-01-20", Hijri "14-09-1432 هـ", "1432/09/14هـ"; "الثلاثاء 23/9"
    (day/month without a year, only after a weekday)."""
    p = _patterns()
    for kind, order in (("numeric", (4, 3, 1)), ("iso", (1, 3, 4))):
        for m in at_digits(p[kind], t, scope):
            y, mo, d = (int(m.group(k)) for k in order)
            hijri = m.group(5) == "ه" or m.group(5) is None and y in HIJRI_YEARS
            value = _hijri_iso(y, mo, d) if hijri else _iso(y, mo, d)
            if value and not _named(t, m.start(), reach):
                start, end, weekday = _weekday(t, m.start(), m.end(), lex, reach)
                yield start, end, value, _checked({"precision": "day", "how": "hijri" if hijri else "explicit"}, value, weekday)
    for m in at_digits(p["short"], t, scope):
        start, weekday = _weekday_before(t, m.start(), lex, reach)
        if weekday is not None and not _named(t, start, reach):
            value, extra = resolve_day(int(m.group(1)), int(m.group(2)), None, weekday, None, pub, ref, reach.weekday_years)
            if value:
                yield start, m.end(), value, extra


def _hijri(t: str, pub: Day, ref: dt.date, lex: Lexicons, scope: Scope, reach: Reach) -> Iterator[Span]:
    """"10 ذو الحجة 1446 هـ"; yearless "الثلاثاء 10 رمضان" by the publication or the weekday."""
    for m in at_digits(_patterns()["hijri"], t, scope):
        if _named(t, m.start(), reach):
            continue
        year = int(m.group(3)) if m.group(3) else None
        end, qualifier = _qualifier(t, m.end()) if year is None else (m.end(), None)
        start, end, weekday = _weekday(t, m.start(), end, lex, reach)
        month = lex.hijri_months[one_space(m.group(2))]
        value, extra = resolve_hijri_day(int(m.group(1)), month, year, weekday, qualifier, pub, ref, reach.weekday_years)
        if year is not None and value is None:
            continue  # "30 صفر 1433": no such day
        yield start, end, value, extra


def _month_year(t: str, pub: Day, ref: dt.date, lex: Lexicons, scope: Scope, reach: Reach) -> Iterator[Span]:
    p, w = _patterns(), words()
    for m in scan(p["month_year"], "month_year", t, scope):
        if not word_start(t, m.start(), proclitic=False):
            continue
        name, year, qualifier = m.groups()
        before_month = p["month_before"].search(t, max(0, m.start() - reach.month_before), m.start())
        part, shahr = before_month.groups() if before_month else (None, None)
        start = before_month.start() if before_month and (part or shahr) else m.start()
        name = one_space(name)
        if year is None and not (part or shahr or qualifier):
            continue  # a bare month name: too often a verb or a name (مارس، آب)
        if re.search(r"\d\s+(?:من\s+)?(?:شهر\s+)?$", t[max(0, m.start() - reach.day_before_month):m.start()]):
            continue  # a day stands before it: the day-month finder took or refused it
        if year is None and name in lex.ambiguous_months and not (part or shahr):
            continue
        month = lex.months[name]
        if year is not None:
            yield start, m.end(), f"{int(year):04d}-{month:02d}", {"precision": "month", "how": "explicit"}
            continue
        anchor, how = (pub, "year-from-publication") if pub else (ref, "ref-date-inferred")
        y = anchor.year
        if (qualifier in w.past or (pub is None and qualifier not in w.next)) and month > anchor.month:
            y -= 1
        elif qualifier in w.next and month < anchor.month:
            y += 1
        yield start, m.end(), f"{y:04d}-{month:02d}", {"precision": "month", "how": how}

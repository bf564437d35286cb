"""Arabic date mentions: every month variant, numeric, Hijri, yearless and relative dates.

`find_dates(text, published, ref_date)` returns `Mention`s labelled `date` whose `value` is
`YYYY-MM-DD`, `YYYY-MM` or None (found but not resolvable), with `precision`, `how`
(explicit | year-from-publication | weekday-inferred | relative-to-publication | hijri |
ref-date-inferred) and, for ranges, `until`.

Rules (spec §3): a yearless day+month takes the publication year; without a publication date
it needs a weekday, and then takes the most recent year on or before `ref_date` in which that
day falls on that weekday. Relative words (اليوم، أمس، الاثنين الماضي) resolve only against a
publication date. A lone year is never a date. A weekday that contradicts an explicit date keeps
the date and flags `conflict`.

>>> [m.value for m in find_dates("اليوم الاثنين 20 يناير 2025 بالرباط", None, dt.date(2026, 11, 22))]
['2025-01-20']
>>> [m.value for m in find_dates("يوم الثلاثاء 23 شتنبر الجاري", None, dt.date(2026, 11, 22))]
['2025-09-23']
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from bisect import bisect_left
from collections.abc import Sequence

from hijridate import Hijri

from ..lexicons import Lexicons, Starts, lexicons, matches_at
from ..model import Mention
from ..normalize import Folded, fold, one_space, positions, word_start

RELATIVE_DAYS = {"اليوم": 0, "امس": -1, "البارحه": -1, "الامس": -1, "اول امس": -2, "اول من امس": -2,
                 "غدا": 1, "بعد غد": 2}
# "اليوم العالمي" is a day of the year, "المصري اليوم"/"روسيا اليوم" are outlets, "اليوم التالي" is
# relative to the story, not to the publication.
NOT_RELATIVE_AFTER = "العالمي|الوطني|الدولي|السابع|التالي|الاول|الثاني|الاخير|الموعود|نفسه|ذاته"
NOT_RELATIVE_BEFORE = re.compile(r"(?:المصري|روسيا|صحيفه|جريده|قناه|موقع|الجزائر|العرب|عرب)\s*$")
PAST = {"الماضي", "المنصرم", "الفائت", "السابق"}
NEXT = {"المقبل", "القادم"}
CURRENT = {"الجاري", "الحالي"}
# A date that names a street, a revolution or a university is not the date of anything here.
NAMED_BEFORE = re.compile(
    r"(?:شارع|ثوره|ساحه|جامعه|حركه|مدرسه|ملعب|مستشفي|نادي|ذكري|انتفاضه|مسيره|ثانويه|اعداديه|حي|زنقه"
    r"|مطار|جسر|قاعه|مجمع|تجزئه|اقامه|عيد|احداث|دستور|رقم|عدد|قانون|قرار|ظهير|مرسوم)\s*$")


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


@functools.cache
def _patterns() -> dict[str, re.Pattern[str]]:
    lex = lexicons()
    months = _alternation(list(lex.months))
    hijri = _alternation(list(lex.hijri_months))
    weekdays = _alternation(list(lex.weekdays))
    year = r"(?:\s*[،,]?\s*(?:من\s+)?(?:عام|سنه|سنة)?\s*(\d{4})(?!\d)\s*م?(?!\w))?"
    return {
        "day_month": re.compile(
            r"(?:(\d{1,2})\s*(?:-|–|/|الي|حتي|و)\s*)?(\d{1,2})\s+(?:من\s+)?(?:شهر\s+)?"
            rf"({months})(?!\w)(?:\s*[/(]\s*(?:{months})\s*\)?)?" + year),
        "numeric": re.compile(r"(\d{1,2})\s?([/.-])\s?(\d{1,2})\s?\2\s?(\d{4})(?![\w/-]|\.\d)"),
        "iso": re.compile(r"(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?![\w/.-])"),
        "month_before": re.compile(r"(?<!\w)(?:(مطلع|بدايه|منتصف|اواسط|اواخر|نهايه|اوائل|خلال|اخر)\s+)?(?:(شهر)\s+)?$"),
        "month_year": re.compile(
            rf"({months})(?!\w)(?:\s*[/(]\s*(?:{months})(?:\s*\))?)?"
            r"(?:\s+(?:من\s+)?(?:عام|سنه)?\s*(\d{4})(?!\d)|\s+(الماضي|المنصرم|المقبل|القادم|الجاري|الحالي)(?!\w))?"),
        "hijri": re.compile(
            rf"(\d{{1,2}})\s+(?:من\s+)?(?:شهر\s+)?({hijri})(?!\w)\s*(?:من\s+)?(?:عام|سنه)?\s*"
            r"(\d{4})\s*(?:ه(?!\w)|هجري\w*)?"),
        "weekday_before": re.compile(rf"(?:(اليوم|يوم)\s+)?({weekdays})\s*[،,]?\s*(?:الموافق\s+)?$"),
        "qualifier_after": re.compile(r"\s*(?:من\s+)?(?:الشهر\s+|العام\s+|السنه\s+)?(الجاري|الحالي|الماضي|المنصرم|المقبل|القادم)(?!\w)"),
        "relative": re.compile(
            r"(اول\s+من\s+امس|اول\s+امس|بعد\s+غد|اليوم|البارحه|الامس|امس|غدا)(?!\w)(?!\s*\d)"
            rf"(?!\s+(?:{NOT_RELATIVE_AFTER})(?!\w))(?:\s+({weekdays})(?!\w))?"),
        "this_month": re.compile(
            r"(\d{1,2})\s+من\s+(?:هذا\s+)?(?:الشهر)\s+(الجاري|الحالي|الماضي|المنصرم|المقبل|القادم)(?!\w)"),
        "weekday": re.compile(rf"({weekdays})(?!\w)(?:\s+(الماضي|المنصرم|المقبل|القادم))?"),
        "day_word_before": re.compile(r"(?<!\w)[وف]?(?:يوم|ليوم)\s+$"),
        "period": re.compile(r"(الاسبوع|الشهر)\s+(الماضي|المنصرم|المقبل|القادم|الجاري|الحالي)(?!\w)"),
    }


@functools.cache
def _starts() -> Starts:
    """The words the non-numeric patterns start with: they are tried only where one is written."""
    lex = lexicons()
    return Starts({
        "month_year": [m.split()[0] for m in lex.months],
        "relative": ["اول", "بعد", "اليوم", "البارحه", "الامس", "امس", "غدا"],
        "weekday": [w.split()[0] for w in lex.weekdays],
        "period": ["الاسبوع", "الشهر"],
    })


@functools.lru_cache(maxsize=4)
def _word_starts(t: str) -> dict[str, list[int]]:
    return _starts().find_labelled(t)


Scope = tuple[tuple[int, int], ...] | None  # folded spans where a mention may start (None: anywhere)


def _in_scope(positions: Sequence[int], scope: Scope) -> Sequence[int]:
    if scope is None:
        return positions
    return [p for lo, hi in scope for p in positions[bisect_left(positions, lo):bisect_left(positions, hi)]]


def _scan(kind: str, t: str, scope: Scope = None):
    """`_patterns()[kind].finditer(t)`, tried only where the pattern's first words are."""
    return matches_at(_patterns()[kind], t, _in_scope(_word_starts(t)[kind], scope))


def find_dates(text: str, published: dt.date | str | None, ref_date: dt.date,
               folded: Folded | None = None, within: list[tuple[int, int]] | None = None) -> list[Mention]:
    """Every date mention of `text`, resolved per spec §3 (see the module docstring); `folded` is
    `fold(text)` when the caller has it already. With `within` (sorted, disjoint spans of `text`),
    only the mentions that start inside them: the rest of the text is not read."""
    pub = dt.date.fromisoformat(published) if isinstance(published, str) else published
    folded = folded or fold(text)
    scope = None if within is None else tuple((folded.fpos(lo), folded.fpos(hi)) for lo, hi in within)
    spans: list[tuple[int, int, str | None, dict]] = []
    lex = lexicons()
    for finder in (_day_month, _this_month, _numeric, _hijri, _month_year, _relative):
        for start, end, value, extra in finder(folded.text, pub, ref_date, lex, scope):
            if any(start < e and s < end for s, e, _, _ in spans):
                continue
            spans.append((start, end, value, extra))
    mentions = []
    for start, end, value, extra in _join_ranges(folded.text, sorted(spans, key=lambda s: s[0])):
        s, e = folded.span(start, end)
        mentions.append(Mention("date", s, e, text[s:e], value, extra))
    return mentions




@functools.lru_cache(maxsize=4)
def _digit_starts(t: str) -> tuple[int, ...]:
    """Where runs of digits start: every numeric date form is anchored there. Found with str.find
    per digit (folded text has ASCII digits only): a character-class regex scans ten times slower."""
    found = sorted(at for digit in "0123456789" for at in positions(t, digit))
    return tuple(p for p in found if not p or not (t[p - 1].isdigit() or t[p - 1] in FREE_BEFORE or t[p - 1].isalpha()))


FREE_BEFORE = set("/.:-_")


def _at_digits(t: str, pattern: re.Pattern[str], scope: Scope = None):
    """Non-overlapping matches of `pattern` starting at a digit run not glued to a word or a number."""
    return matches_at(pattern, t, _in_scope(_digit_starts(t), scope))


RANGE_LINK = re.compile(r"\s*(?:الي|حتي|-|–)\s*$")


def _join_ranges(t: str, spans: list) -> list:
    """"من 30 يناير إلى 2 فبراير 2025": two day mentions joined by إلى become one range."""
    out: list = []
    for span in spans:
        if out and out[-1][3].get("precision") == span[3].get("precision") == "day" and span[2] \
                and (out[-1][2] or "dm" in out[-1][3]) \
                and RANGE_LINK.match(t[out[-1][1]:span[0]]) and not out[-1][3].get("until") \
                and re.search(r"(?:من|بين)\s+$", t[max(0, out[-1][0] - 6):out[-1][0]]):
            first, second = out[-1], span
            value = first[2]
            if first[3].get("how") != "explicit" and second[3].get("how") == "explicit" and "dm" in first[3]:
                day, month = first[3]["dm"]
                year = int(second[2][:4])
                value = _iso(year, month, day)
                if value and value > second[2]:
                    value = _iso(year - 1, month, day)
            out[-1] = (first[0], second[1], value, {**first[3], "until": second[2]})
            continue
        out.append(span)
    return out


def _this_month(t: str, pub: dt.date | None, ref: dt.date, lex: Lexicons, scope: Scope = None):
    for m in _at_digits(t, _patterns()["this_month"], scope):
        if pub is None:
            yield m.start(), m.end(), None, {"precision": "day", "how": "unresolved"}
            continue
        q = m.group(2)
        month = pub.month + (-1 if q in PAST else 1 if q in NEXT else 0)
        y, month = pub.year + (month - 1) // 12, (month - 1) % 12 + 1
        value = _iso(y, month, int(m.group(1)))
        yield m.start(), m.end(), value, {"precision": "day", "how": "year-from-publication"}


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def _weekday_before(t: str, start: int, lex: Lexicons) -> tuple[int, int | None, bool]:
    """(new start, weekday, says اليوم) for a weekday written just before a date."""
    window = t[max(0, start - 30):start]
    m = _patterns()["weekday_before"].search(window)
    if not m:
        return start, None, False
    return start - (len(window) - m.start()), lex.weekdays[one_space(m.group(2))], m.group(1) == "اليوم"


def _named(t: str, start: int) -> bool:
    return bool(NAMED_BEFORE.search(t[max(0, start - 12):start]))


def _day_month(t: str, pub: dt.date | None, ref: dt.date, lex: Lexicons, scope: Scope = None):
    for m in _at_digits(t, _patterns()["day_month"], scope):
        if _named(t, m.start()):
            continue
        day, month = int(m.group(2)), lex.months[one_space(m.group(3))]
        first = int(m.group(1)) if m.group(1) else None
        year = int(m.group(4)) if m.group(4) else None
        start, weekday, _ = _weekday_before(t, m.start() if first is None else m.start(), lex)
        end = m.end()
        qualifier = None
        if year is None:
            q = _patterns()["qualifier_after"].match(t, end)
            if q:
                qualifier, end = q.group(1), q.end()
        value, extra = resolve_day(day, month, year, weekday, qualifier, pub, ref)
        extra["dm"] = (day, month)
        start_day = _iso(int(value[:4]), month, first) if value and first is not None and first < day else None
        if start_day:  # "يومي 0 و1 ديسمبر" has no first day: the date stays the second
            extra["until"], value = value, start_day
        yield start, end, value, extra


def resolve_day(day: int, month: int, year: int | None, weekday: int | None, qualifier: str | None,
                pub: dt.date | None, ref: dt.date) -> tuple[str | None, dict]:
    """Resolve day+month(+year) per spec §3 -> (value or None, {precision, how, ...})."""
    extra: dict = {"precision": "day"}
    if year is not None:
        value, extra["how"] = _iso(year, month, day), "explicit"
    elif pub is not None:
        year = pub.year
        candidate = _iso(year, month, day)
        if candidate and qualifier in PAST and candidate > pub.isoformat():
            year -= 1
        elif candidate and qualifier in NEXT and candidate < pub.isoformat():
            year += 1
        value, extra["how"] = _iso(year, month, day), "year-from-publication"
    elif weekday is not None:
        value, extra["how"] = _weekday_year(day, month, weekday, ref), "weekday-inferred"
    else:
        value, extra["how"] = None, "unresolved"
    if value and weekday is not None and dt.date.fromisoformat(value).weekday() != weekday:
        extra["conflict"] = "weekday"
    return value, extra


def _weekday_year(day: int, month: int, weekday: int, ref: dt.date) -> str | None:
    for year in range(ref.year, ref.year - 40, -1):
        value = _iso(year, month, day)
        if value and value <= ref.isoformat() and dt.date.fromisoformat(value).weekday() == weekday:
            return value
    return None


def _numeric(t: str, pub: dt.date | None, ref: dt.date, lex: Lexicons, scope: Scope = None):
    for m in _at_digits(t, _patterns()["numeric"], scope):
        value = _iso(int(m.group(4)), int(m.group(3)), int(m.group(1)))
        if value and not _named(t, m.start()):
            start, weekday, _ = _weekday_before(t, m.start(), lex)
            yield start, m.end(), value, _checked({"precision": "day", "how": "explicit"}, value, weekday)
    for m in _at_digits(t, _patterns()["iso"], scope):
        value = _iso(int(m.group(1)), int(m.group(3)), int(m.group(4)))
        if value and not _named(t, m.start()):
            yield m.start(), m.end(), value, {"precision": "day", "how": "explicit"}


def _checked(extra: dict, value: str, weekday: int | None) -> dict:
    if weekday is not None and dt.date.fromisoformat(value).weekday() != weekday:
        extra["conflict"] = "weekday"
    return extra


def _hijri(t: str, pub: dt.date | None, ref: dt.date, lex: Lexicons, scope: Scope = None):
    for m in _at_digits(t, _patterns()["hijri"], scope):
        try:
            g = Hijri(int(m.group(3)), lex.hijri_months[one_space(m.group(2))], int(m.group(1))).to_gregorian()
        except (ValueError, OverflowError):
            continue
        yield m.start(), m.end(), g.isoformat(), {"precision": "day", "how": "hijri"}


def _month_year(t: str, pub: dt.date | None, ref: dt.date, lex: Lexicons, scope: Scope = None):
    p = _patterns()
    for m in _scan("month_year", t, scope):
        if not word_start(t, m.start(), proclitic=False):
            continue
        name, year, qualifier = m.groups()
        before = p["month_before"].search(t, max(0, m.start() - 20), m.start())
        part, shahr = before.groups() if before else (None, None)
        start = before.start() if before and (part or shahr) else m.start()
        name = one_space(name)
        if year is None and not (part or shahr or qualifier):
            continue  # a bare month name: too often a verb or a name (مارس، آب)
        if re.search(r"\d\s+(?:من\s+)?(?:شهر\s+)?$", t[max(0, m.start() - 10):m.start()]):
            continue  # a day stands before it: the day-month finder took or refused it
        if year is None and name in lex.ambiguous_months and not (part or shahr):
            continue
        month = lex.months[name]
        if year is not None:
            yield start, m.end(), f"{int(year):04d}-{month:02d}", {"precision": "month", "how": "explicit"}
            continue
        anchor, how = (pub, "year-from-publication") if pub else (ref, "ref-date-inferred")
        y = anchor.year
        if (qualifier in PAST or (pub is None and qualifier not in NEXT)) and month > anchor.month:
            y -= 1
        elif qualifier in NEXT and month < anchor.month:
            y += 1
        yield start, m.end(), f"{y:04d}-{month:02d}", {"precision": "month", "how": how}


def _relative(t: str, pub: dt.date | None, ref: dt.date, lex: Lexicons, scope: Scope = None):
    p = _patterns()
    how = "relative-to-publication"
    for m in _scan("relative", t, scope):
        if not word_start(t, m.start()):
            continue
        word = one_space(m.group(1))
        if word == "اليوم" and NOT_RELATIVE_BEFORE.search(t[max(0, m.start() - 8):m.start()]):
            continue
        value = (pub + dt.timedelta(days=RELATIVE_DAYS[word])).isoformat() if pub else None
        yield m.start(1), m.end(), value, {"precision": "day", "how": how if pub else "unresolved"}
    for m in _scan("weekday", t, scope):
        if not word_start(t, m.start(), proclitic=False):
            continue
        word = one_space(m.group(1))
        day = p["day_word_before"].search(t, max(0, m.start() - 8), m.start())
        if not word.startswith("ال") and not day:
            continue  # bare اثنين/أحد/جمعة are numbers and names, not weekdays
        if re.search(r"(?:صلاه|خطبه|صلاة)\s*$", t[max(0, m.start() - 8):m.start()]):
            continue
        value = _weekday_value(lex.weekdays[word], m.group(2), pub) if pub else None
        yield (day.start() if day else m.start()), m.end(), value, {"precision": "day", "how": how if pub else "unresolved"}
    for m in _scan("period", t, scope):
        if not word_start(t, m.start(), proclitic=False):
            continue
        unit, q = m.groups()
        if pub is None:
            yield m.start(), m.end(), None, {"precision": unit == "الشهر" and "month" or "week", "how": "unresolved"}
        elif unit == "الاسبوع":
            shift = -7 if q in PAST else 7 if q in NEXT else 0
            yield m.start(), m.end(), (pub + dt.timedelta(days=shift)).isoformat(), {"precision": "week", "how": how}
        else:
            month = pub.month + (-1 if q in PAST else 1 if q in NEXT else 0)
            y, month = pub.year + (month - 1) // 12, (month - 1) % 12 + 1
            yield m.start(), m.end(), f"{y:04d}-{month:02d}", {"precision": "month", "how": how}


def _weekday_value(weekday: int, qualifier: str | None, pub: dt.date) -> str:
    back = (pub.weekday() - weekday) % 7
    if qualifier in PAST:
        back = back or 7
    elif qualifier in NEXT:
        return (pub + dt.timedelta(days=(weekday - pub.weekday()) % 7 or 7)).isoformat()
    return (pub - dt.timedelta(days=back)).isoformat()

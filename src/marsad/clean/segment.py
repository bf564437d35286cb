"""From classified lines to article segments (spec §5).

0. Sentences broken over lines are joined first (`join.py`); datelines, source lines
   ("الرباط - الأفق 24") and lists of places are marked; the article's lines that do not read as
   paragraphs by themselves (subheadings, closing attendance lists, a last paragraph cut short, a
   page that is one sentence) become body lines (`edges.py`).
1. Body lines are grouped into articles: the first run is the main article; after a "read also"
   marker, a headline followed by a real run of paragraphs starts a new segment, while
   headline lists and teasers (a headline plus truncated first words) stay chrome.
2. A paragraph already seen on the page (compared folded, without punctuation) is kept once.
3. Each segment's title is the headline line before its body that sums it up (`titles.py`); its
   publication date is the dateline near that headline (never a masthead date at the top of the
   page); outlet and author lines become metadata.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..extract.dates import find_dates
from ..lexicons import Lexicons
from ..model import Segment
from ..normalize import fold_word
from ..settings import Settings
from .edges import extend_article, is_place_list
from .join import join_lines
from .lines import Line, chrome_tables, classify, dateline_rest, split_words
from .titles import headline_first_paragraph, is_source_line, title_index

DIGIT = re.compile(r"\d")
# A run of paragraphs after a "read also" marker is an article, not a list, from this size on.


@dataclass(slots=True)
class Draft:
    header: list[Line] = field(default_factory=list)
    body: list[Line] = field(default_factory=list)
    outlet: str | None = None
    author: str | None = None
    stamp: Line | None = None  # a dated line right after the body: the page's publication stamp


def split_page(text: str, doc: str, settings: Settings, lex: Lexicons) -> list[Segment]:
    """A page's text -> its article segments, main article first."""
    folded: list[str | None]
    raws, folded = text.splitlines(), list(fold_word(text).splitlines())
    if len(folded) != len(raws):
        folded = [None] * len(raws)  # folding changed the line structure (never seen): fold line by line
    tables = chrome_tables(lex)
    lines = [classify(i, raw, settings, lex, f, tables)
             for i, (raw, f) in enumerate(zip(raws, folded, strict=True), 1) if raw.strip()]
    lines = join_lines(lines, settings, lex, tables)
    for line in lines:
        if line.kind in {"short", "menu", "latin"} and line.words <= 14 and DIGIT.search(line.folded or line.text):
            _mark_dateline(line, settings, lex)
        if line.kind in {"short", "menu"} and is_source_line(line, lex, settings):
            line.kind = "dateline"  # "الرباط - الأفق 24": where the story was filed, no date
        elif line.kind == "short" and is_place_list(line, lex):
            line.kind = "menu"  # "الرباط فاس مراكش طنجة": a menu of cities, never a headline
    extend_article(lines, settings, lex, tables)
    drafts = _group(lines, settings)
    return [_finish(d, doc, i, lex, settings) for i, d in enumerate(drafts)]


def _mark_dateline(line: Line, settings: Settings, lex: Lexicons) -> None:
    """A line that is a date (and a city, agency, time or label): "عمان 13 كانون الثاني (بترا) -".
    Its value is the date when the line gives it in full, else None (still not a headline)."""
    found = find_dates(line.text, None, settings.ref_date)
    dates = [m for m in found if m.extra.get("precision") == "day"]
    if not dates:
        return
    head, *sources = SOURCE_PARTS.split(line.text)  # "الخميس 4 سبتمبر 2025 / عدن نت - قسم الأخبار"
    if sources and all(_is_source(s, lex) or _is_counter(s) for s in sources) and dates[-1].end <= len(head):
        if _rest_words(head, found, lex) <= 3:
            _set_dateline(line, dates)
        return
    if _rest_words(line.text, found, lex) <= 3:
        _set_dateline(line, dates)


# A dateline followed by where the story comes from: " / عدن نت", " | وام", " - قسم الأخبار".
SOURCE_PARTS = re.compile(r"\s+[/|]+\s+|\s+[-–—]\s+")


def _is_source(part: str, lex: Lexicons) -> bool:
    words = split_words(fold_word(part))
    return 0 < len(words) <= 4 and not any(w in lex.function_words for w in words)


def _is_counter(part: str) -> bool:
    """"عدد المشاهدات: 215": a page counter beside the date (a few words ending with a number)."""
    words = split_words(fold_word(part))
    return 0 < len(words) <= 3 and words[-1].isdigit()


def _rest_words(text: str, dates: list, lex: Lexicons) -> int:
    """How many words of `text` are neither its dates nor dateline labels and times."""
    rest, last = [], 0
    for m in dates:
        if m.start >= len(text):
            break
        rest.append(text[last:m.start])
        last = m.end
    rest.append(text[last:])
    words = dateline_rest(fold_word(" ".join(rest)), lex).split()
    return len([w for w in words if w not in {"الموافق", "م", "هـ", "ه"}])


def _set_dateline(line: Line, dates: list) -> None:
    full = [m.value for m in dates if m.value and m.extra.get("how") in {"explicit", "hijri"}]
    line.kind, line.value = "dateline", (full[-1] if full else None)


def _group(lines: list[Line], settings: Settings) -> list[Draft]:
    drafts: list[Draft] = []
    pending: list[Line] = []  # lines since the last kept body paragraph
    seen: set[str] = set()
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.kind != "body":
            pending.append(line)
            i += 1
            continue
        run = [line]
        while i + len(run) < len(lines) and lines[i + len(run)].kind == "body":
            run.append(lines[i + len(run)])
        i += len(run)
        after_marker = any(p.kind == "related" for p in pending)
        if drafts and after_marker and not _is_article(run, pending, settings):
            pending.clear()
            continue  # a related headline list, not an article
        if not drafts or (after_marker and _has_headline(pending)):
            drafts.append(Draft(header=list(pending)))
        else:
            _absorb_metadata(drafts[-1], pending)
            _stamp(drafts[-1], pending, settings)
        draft = drafts[-1]
        for para in run:
            if para.key not in seen:
                seen.add(para.key)
                draft.body.append(para)
        pending = []
    if drafts:
        _absorb_metadata(drafts[-1], pending)
        _stamp(drafts[-1], pending, settings)
    return [d for d in drafts if d.body]


def _stamp(draft: Draft, after: list[Line], settings: Settings) -> None:
    """"تاريخ الإضافة: 18-11-2013 14:49"، "ثلاثاء, 31/12/2019 - 16:15": a full date on a line of its
    own within `settings.stamp_lines` lines after a body paragraph, before any list of related
    articles, is the page's publication stamp (used when no dateline stands near the headline)."""
    for line in after[:settings.stamp_lines]:
        if line.kind == "related":
            return
        if line.kind == "dateline" and line.value and draft.stamp is None:
            draft.stamp = line
            return


def _is_article(run: list[Line], pending: list[Line], settings: Settings) -> bool:
    words = sum(line.words for line in run)
    return len(run) >= settings.article_min_paragraphs or words >= settings.article_min_words


def _has_headline(pending: list[Line]) -> bool:
    last_marker = max(i for i, p in enumerate(pending) if p.kind == "related")
    return any(p.kind == "short" for p in pending[last_marker + 1:])


def _absorb_metadata(draft: Draft, lines: list[Line]) -> None:
    for line in lines:
        if line.kind == "outlet" and not draft.outlet:
            draft.outlet = line.value
        elif line.kind == "author" and not draft.author:
            draft.author = line.value


def _finish(draft: Draft, doc: str, index: int, lex: Lexicons, settings: Settings) -> Segment:
    header, body = draft.header, list(draft.body)
    title_at = title_index(header, body, lex, settings)
    title = header[title_at].text if title_at is not None else None
    if title is None and headline_first_paragraph(body, lex):
        title, body = body[0].text, body[1:]  # a headline that ends with a full stop
    line = _dateline(header, title_at)
    head = body[0].text[:80] if body else ""
    lede = LEDE_DATELINE.match(head) if any(c in head for c in "/-–(:") else None  # its closing mark
    published = (line.value if line else None) or (_lede_dateline(lede.group(0)) if lede else None) \
        or (draft.stamp.value if draft.stamp else None)
    _absorb_metadata(draft, header)
    return Segment(
        doc=doc, index=index, text="\n\n".join(p.text for p in body), title=title,
        published=published, published_from="dateline" if published else None,
        outlet=draft.outlet, author=draft.author,
        dateline=line.text if line else (lede.group(0) if lede and published else None),
        keys=[p.key for p in body],
    )


LEDE_DATELINE = re.compile(r"^\s*(?:\S+\s+){0,3}?(?:في\s+)?(?P<date>[^/\-–(:]{6,40}?)\s*(?:/|-|–|\(|:)")


def _lede_dateline(text: str) -> str | None:
    """"أبوظبي في 3 مارس 2026 / وام / عقد ...": a dateline opening the first paragraph."""
    dates = [d for d in find_dates(text, None, dt.date.today())
             if d.value and len(d.value) == 10 and d.extra.get("how") in {"explicit", "hijri"}]
    return dates[0].value if dates else None


def _dateline(header: list[Line], title_at: int | None) -> Line | None:
    """The article's own dateline: after its headline, or at most two lines before it (or the body);
    never a masthead date at the top of the page."""
    anchor = title_at if title_at is not None else len(header)
    near = [h for i, h in enumerate(header) if h.kind == "dateline" and i >= anchor - 2]
    dated = [h for h in near if h.value]
    found = dated or near
    return found[-1] if found else None

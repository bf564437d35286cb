"""Line features and line kinds for cleaning text dumps of news pages.

Each non-blank line of a page gets one kind, from markers in `data/chrome.yaml` and from its
features (word count, final punctuation, share of Arabic function words, script). Deciding
what to keep from these kinds is `segment.py`'s job.

Kinds: body (prose paragraph), short (a headline candidate), related (a "read also" marker
alone on its line: a list follows), link (a "read also: headline" link inside the article), tag,
copyright, footer (feed, CMS and comment-form lines), caption (photo credits), loading, widget,
menu, bullet, teaser (truncated text), latin, outlet, author, dateline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicons import Lexicons, Starts
from ..normalize import fold, fold_word
from ..outlets import outlet_of
from ..settings import Settings
from ..speedups import word_runs

WORD = re.compile(r"[^\W_]+")
ARABIC = re.compile("[\u0621-\u064a]")
LATIN = re.compile("[A-Za-z]")
SENTENCE_END = frozenset(".!?؟»”\"')]:")  # a line's last character (a `$` regex would scan the line)
TRUNCATED = ("..", "…")  # a line's end: "...", "..", "…"
BULLET = re.compile(r"^\s*(?:[•·▪●◦■□►▸\-–—*]|\d{1,2}[.)-])\s+")
TIME = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:ص|م|am|pm|AM|PM)?")


@dataclass(slots=True)
class Line:
    number: int
    text: str
    kind: str
    words: int
    value: str | None = None  # outlet/author name, or the dateline's date
    folded: str = ""
    key: str = ""  # the folded words without punctuation: a paragraph seen twice on a page is kept once


def split_words(folded: str) -> list[str]:
    """`WORD.findall(folded)` (`speedups.word_runs`: one C loop, or its Python twin).

    >>> split_words("الداخلية، (بترا) 13/1/2025 --")
    ['الداخلية', 'بترا', '13', '1', '2025']
    """
    return word_runs(folded)


def classify(number: int, raw: str, settings: Settings, lex: Lexicons, folded: str | None = None,
             tables: ChromeTables | None = None) -> Line:
    """One line's kind; `folded` is the line already folded (the page is folded once), `tables`
    the chrome tables of `lex` (looked up when not given)."""
    text = raw.strip().replace("\u00a0", " ")
    folded = fold_word(text) if folded is None else folded.strip()
    words = split_words(folded)
    n = len(words)
    tables = tables or chrome_tables(lex)
    meta = _metadata(folded, text, tables)
    if meta:
        return Line(number, text, meta[0], n, meta[1], folded)
    if _outlet_name(folded, n, tables) or _known_outlet(number, text, n, lex, settings):
        return Line(number, text, "outlet", n, text.strip(" .:-–—|/"), folded)
    kind = _chrome(folded, n, tables)
    if kind:
        return Line(number, text, kind, n, folded=folded)
    if BULLET.match(text):
        if n < settings.body_long_words or not _ends_sentence(text):
            return Line(number, text, "bullet", n, folded=folded)
        text, folded, words = _strip_widgets(text, folded, tables)  # "* email * facebook Long paragraph."
        n = len(words)
    if _truncated(text):
        return Line(number, text, "teaser", n, folded=folded)
    if not ARABIC.search(text):
        return Line(number, text, "latin" if LATIN.search(text) or not n else "menu", n, folded=folded)
    if _is_body(text, words, settings, lex):
        return Line(number, text, "body", n, folded=folded, key="".join(words))
    if settings.title_min_words <= n <= settings.title_max_words:
        return Line(number, text, "short", n, folded=folded)
    return Line(number, text, "menu", n, folded=folded)


def _truncated(text: str) -> bool:
    return text.rstrip().endswith(TRUNCATED)


def _ends_sentence(text: str) -> bool:
    return text.rstrip()[-1:] in SENTENCE_END


def _is_body(text: str, words: list[str], settings: Settings, lex: Lexicons) -> bool:
    n = len(words)
    if n < settings.body_min_words:
        return False
    ends = _ends_sentence(text)
    if ends and n >= 12:
        return True  # a long line that ends like a sentence is prose, names and all
    function = sum(1 for w in words if w in lex.function_words or w[1:] in lex.function_words and w[0] == "و")
    if function / n < settings.body_min_function_ratio or not function:
        return False
    return ends or n >= settings.body_long_words


def _strip_widgets(text: str, folded: str, tables: ChromeTables) -> tuple[str, str, list[str]]:
    """A paragraph that starts with share buttons ("* email * facebook * twitter استقبل ..."): the
    paragraph without them (the buttons were glued to it when the page was turned into text)."""
    m = tables.widget_prefix.match(folded)
    cut = m.end() if m else 0
    if cut:
        text, folded = text[fold(text).pos(cut):].lstrip(), folded[cut:].lstrip()
    else:
        text, folded = BULLET.sub("", text, count=1), BULLET.sub("", folded, count=1)
    return text, folded, split_words(folded)


@dataclass(slots=True)
class ChromeTables:
    """The chrome lexicon made ready for matching once: one expression per kind of marker (matching
    them one by one is slow) and the word lists as sets."""

    related: re.Pattern[str]  # at the line start
    tags: re.Pattern[str]  # at the line start
    anywhere: Starts  # words that mark a short line wherever they are written: copyright, loading,
    # footer, weather (one automaton pass, where a regular expression would try each word everywhere)
    widgets: re.Pattern[str]  # the whole line ("Radio Player Radio Live", "شارك فيسبوك")
    outlet_prefixes: frozenset[str]
    outlet_suffixes: frozenset[str]
    author_prefixes: frozenset[str]
    starts: re.Pattern[str]  # at the line start, one group per kind: link ("ننصح بقراءة: ...", or a
    # widget word then | or :), caption ("صورة أرشيفية"), ticker ("عاجل |")
    feed_footers: re.Pattern[str]  # "the post … appeared first on": start, any text, end
    feed_ends: tuple[str, ...]  # their closing words ("appeared first on"), looked for first
    outlet_names: re.Pattern[str]  # at the line end
    widget_prefix: re.Pattern[str]  # widget words at the line start (with bullets between them)
    closing: re.Pattern[str]  # at the line start: an article's own closing paragraph
    open_words: frozenset[str]  # a line ending with one of these goes on in the next line


_TABLES: dict[int, tuple[dict[str, list[str]], ChromeTables]] = {}


def chrome_tables(lex: Lexicons) -> ChromeTables:
    chrome = lex.chrome
    known = _TABLES.get(id(chrome))
    if known is not None and known[0] is chrome:
        return known[1]

    def alternation(kind: str) -> str:
        return "|".join(re.escape(w) for w in sorted(chrome[kind], key=len, reverse=True))

    widgets = alternation("widgets")
    feed = "|".join(".{0,300}?".join(re.escape(part.strip()) for part in w.split("…")) for w in chrome["feed_footers"])
    related, tags = (re.compile(f"(?:{alternation(kind)})") for kind in ("related", "tags"))
    outlet_prefixes, outlet_suffixes, author_prefixes = (frozenset(chrome[kind]) for kind in
                                                         ("outlet_prefixes", "outlet_suffixes", "author_prefixes"))
    tables = ChromeTables(
        related, tags, Starts({"copyright": chrome["copyright"], "loading": chrome["loading"],
                               "footer": chrome["footers"], "weather": chrome["weather"]}),
        re.compile(rf"[\W_]*(?:(?:{widgets})(?!\w)[\W_]*)+"),
        outlet_prefixes, outlet_suffixes, author_prefixes,
        starts=re.compile(rf"(?P<link>(?:{alternation('links')})(?!\w)|(?:{widgets})\s*[|:])"
                          rf"|(?P<caption>(?:{alternation('captions')})(?!\w))|(?P<ticker>(?:{alternation('tickers')})(?!\w))"),
        feed_footers=re.compile(f"(?:{feed})"),
        feed_ends=tuple({w.split("…")[-1].strip() for w in chrome["feed_footers"]}),
        outlet_names=re.compile(rf"(?<!\w)(?:{alternation('outlet_names')})[\W_]*$"),
        widget_prefix=re.compile(rf"(?:[\W_]*(?:{widgets})(?!\w))+[\W_]*"),
        closing=re.compile(rf"(?:{alternation('closing')})(?!\w)"),
        open_words=frozenset(chrome["open_words"]),
    )
    _TABLES[id(chrome)] = (chrome, tables)
    return tables


def _chrome(folded: str, n: int, tables: ChromeTables) -> str | None:
    bare = folded.strip(" :：-–—|»«")
    related = tables.related.match(bare)
    if related:
        if not bare[related.end():].strip(" :：-–—|»«،,.()"):
            return "related"  # the marker alone: a list of other articles follows
        if n <= 30:
            return "link"  # "اقرأ أيضا: <headline>", a link inside the article
    if tables.tags.match(folded):
        return "tag"
    marks = tables.anywhere.find_labelled(folded) if n <= 20 else None
    if marks and n <= 14 and marks["copyright"]:
        return "copyright"
    where = _first_of(marks["footer"], marks["weather"]) if marks else None
    if where and (where == "footer" or n <= 8) or n >= 6 and _feed_footer(folded, tables):
        return "footer" if not where or where == "footer" else "widget"
    if marks and n <= 6 and marks["loading"]:
        return "loading"
    if n <= 8 and tables.widgets.fullmatch(bare):
        return "widget"
    start = tables.starts.match(bare) if n <= 30 else None
    if start and (start.lastgroup == "link" or n <= 12):
        return {"link": "link", "caption": "caption"}.get(start.lastgroup or "", "widget")
    if n <= 2:
        return "menu"
    return None


def _first_of(footers: list[int], weather: list[int]) -> str | None:
    """Which kind of marker is written first (a footer where both start at one place), if any."""
    if footers and (not weather or footers[0] <= weather[0]):
        return "footer"
    return "weather" if weather else None


def _feed_footer(folded: str, tables: ChromeTables) -> bool:
    """"The post ... appeared first on ...": tried only where the closing words are written."""
    for end in tables.feed_ends:
        if end in folded:
            return tables.feed_footers.search(folded) is not None
    return False


def _metadata(folded: str, text: str, tables: ChromeTables) -> tuple[str, str] | None:
    """("outlet"|"author", name) for source and byline lines ("المصدر: وام", "بقلم فلان")."""
    space = folded.find(" ")
    first = folded[:space] if space > 0 else None
    if ":" not in text and first not in tables.author_prefixes:
        return None  # most lines: no label, no byline word
    head, sep, tail = text.partition(":")
    if sep and len(tail) <= 300 and len(split_words(tail)) <= 6 and not _truncated(text):
        fhead, ftail = fold_word(head).strip(), fold_word(tail).strip(" .")
        if fhead in tables.outlet_prefixes and tail.strip():
            return "outlet", tail.strip(" .")
        if ftail in tables.outlet_suffixes and len(split_words(head)) <= 4:
            return "outlet", head.strip()
        if (fhead in tables.author_prefixes or fhead in tables.outlet_suffixes) and tail.strip():
            return "author", tail.strip(" .")  # "بقلم: فلان", "متابعة: فلان"
    if first in tables.author_prefixes and len(split_words(text)) <= 5 \
            and not _truncated(text) and not _ends_sentence(text):
        return "author", text.split(" ", 1)[1].strip(" :")
    return None


def _outlet_name(folded: str, n: int, tables: ChromeTables) -> bool:
    """A short line that is an outlet's name: "وكالة الساحل الإخبارية", "الوادي نيوز"."""
    return n <= 5 and tables.outlet_names.search(folded) is not None


def _known_outlet(number: int, text: str, n: int, lex: Lexicons, settings: Settings) -> bool:
    """A masthead line near the top that is a known outlet's name (data/outlets.tsv): "ليبيا أوبزرفر"."""
    return number <= settings.masthead_lines and n <= 5 and outlet_of(None, text, lex) is not None


def dateline_rest(folded: str, lex: Lexicons) -> str:
    """What is left of a line once labels, times and separators are removed (for datelines)."""
    rest = TIME.sub(" ", folded)
    for label in lex.chrome["dateline_labels"]:
        rest = rest.replace(label, " ")
    return re.sub(r"[\s\-–—|/،,:()]+", " ", rest).strip()

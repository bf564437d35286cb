"""Line features and line kinds for cleaning text dumps of news pages.

Each non-blank line of a page gets one kind, from markers in `data/chrome.yaml` and from its
features (word count, final punctuation, share of Arabic function words, script). Deciding
what to keep from these kinds is `segment.py`'s job.

Kinds: body (prose paragraph), short (a headline candidate), related (a "read also" marker),
tag, copyright, loading, widget, menu, bullet, teaser (truncated text), latin, outlet, author,
dateline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicons import Lexicons
from ..normalize import fold_word
from ..settings import Settings

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


def classify(number: int, raw: str, settings: Settings, lex: Lexicons, folded: str | None = None) -> Line:
    """One line's kind; `folded` is the line already folded (the page is folded once)."""
    text = raw.strip().replace("\u00a0", " ")
    folded = fold_word(text) if folded is None else folded.strip()
    words = WORD.findall(folded)
    n = len(words)
    meta = _metadata(folded, text, lex)
    if meta:
        return Line(number, text, meta[0], n, meta[1], folded)
    kind = _chrome(folded, n, lex)
    if kind:
        return Line(number, text, kind, n, folded=folded)
    if BULLET.match(text):
        return Line(number, text, "bullet", n, folded=folded)
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


_PATTERNS: dict[int, tuple[dict[str, list[str]], dict[str, re.Pattern[str]]]] = {}
_SETS: dict[int, tuple[dict[str, list[str]], dict[str, frozenset[str]]]] = {}


def _sets(chrome: dict[str, list[str]]) -> dict[str, frozenset[str]]:
    """The chrome word lists as sets, made once per lexicon (membership tests on every line)."""
    known = _SETS.get(id(chrome))
    if known is None or known[0] is not chrome:
        known = _SETS[id(chrome)] = (chrome, {kind: frozenset(words) for kind, words in chrome.items()})
    return known[1]


def _markers(chrome: dict[str, list[str]]) -> dict[str, re.Pattern[str]]:
    """One regular expression per kind of chrome marker (matching them one by one is slow),
    compiled once per lexicon: related/tags match at the line start, copyright/loading anywhere,
    widgets must make up the whole line ("Radio Player Radio Live", "شارك فيسبوك")."""
    known = _PATTERNS.get(id(chrome))
    if known is not None and known[0] is chrome:
        return known[1]

    def alternation(kind: str) -> str:
        return "|".join(re.escape(w) for w in sorted(chrome[kind], key=len, reverse=True))

    patterns = {kind: re.compile(f"(?:{alternation(kind)})") for kind in ("related", "tags", "copyright", "loading")}
    patterns["widgets"] = re.compile(rf"[\W_]*(?:(?:{alternation('widgets')})(?!\w)[\W_]*)+")
    _PATTERNS[id(chrome)] = (chrome, patterns)
    return patterns


def _chrome(folded: str, n: int, lex: Lexicons) -> str | None:
    bare = folded.strip(" :：-–—|»«")
    markers = _markers(lex.chrome)
    related = markers["related"].match(bare)
    if related and (related.end() == len(bare) or n <= 12):
        return "related"
    if markers["tags"].match(folded):
        return "tag"
    if n <= 14 and markers["copyright"].search(folded):
        return "copyright"
    if n <= 6 and markers["loading"].search(folded):
        return "loading"
    if n <= 8 and markers["widgets"].fullmatch(bare):
        return "widget"
    if n <= 2:
        return "menu"
    return None


def _metadata(folded: str, text: str, lex: Lexicons) -> tuple[str, str] | None:
    """("outlet"|"author", name) for source and byline lines; ("dateline", "") for date lines."""
    chrome = _sets(lex.chrome)
    head, sep, tail = text.partition(":")
    if sep and len(tail) <= 300 and len(WORD.findall(tail)) <= 6 and not _truncated(text):
        fhead, ftail = fold_word(head).strip(), fold_word(tail).strip(" .")
        if fhead in chrome["outlet_prefixes"] and tail.strip():
            return "outlet", tail.strip(" .")
        if ftail in chrome["outlet_suffixes"] and len(WORD.findall(head)) <= 4:
            return "outlet", head.strip()
        if fhead in chrome["author_prefixes"] and tail.strip():
            return "author", tail.strip(" .")
    space = folded.find(" ")
    if space > 0 and folded[:space] in chrome["author_prefixes"] and len(WORD.findall(text)) <= 5 \
            and not _truncated(text) and not _ends_sentence(text):
        return "author", text.split(" ", 1)[1].strip(" :")
    return None


def dateline_rest(folded: str, lex: Lexicons) -> str:
    """What is left of a line once labels, times and separators are removed (for datelines)."""
    rest = TIME.sub(" ", folded)
    for label in lex.chrome["dateline_labels"]:
        rest = rest.replace(label, " ")
    return re.sub(r"[\s\-–—|/،,:()]+", " ", rest).strip()

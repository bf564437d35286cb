"""The article's own lines that do not read as paragraphs by themselves.

Line features find most paragraphs; these rules find the rest, from where a line stands. A line
right after a paragraph of the article (photo ids and credits in between do not count) goes on
with the article, full stop or not (a page excerpt is often cut mid-sentence), when it
- opens with a conjunction ("وأضاف", "ولفت"), a trigger verb ("التقى"), or a closing phrase
  (`closing` in data/chrome.yaml: "حضر اللقاء", "من جانبه", "وجرى اللقاء بحضور");
- or is a line of prose (function words) with a comma, or of 15 words or more, or the page's
  last line (a headline of the next story has neither);
- or is a subheading (a few words) followed by a paragraph or by such a line.
A page with no paragraph at all (a feed description, one sentence) has its sentences as the
article. And a long line just before the first paragraph that reads as a lede (a comma inside, a dozen
words or more) is the first paragraph, not the headline. Chrome, datelines and lists of places
(a menu of cities or regions) never join the article.
"""

from __future__ import annotations

from ..lexicons import Lexicons
from ..settings import Settings
from .lines import ARABIC, ChromeTables, Line, _ends_sentence, split_words

INSIDE = frozenset({"short", "menu"})  # kinds a line of the article may have been given
SKIPPED = frozenset({"latin", "caption"})  # photo ids and credits between two paragraphs
LONE = frozenset({"short", "menu", "teaser"})  # kinds a lone paragraph may have been given


def extend_article(lines: list[Line], settings: Settings, lex: Lexicons, tables: ChromeTables) -> None:
    """Gives the kind body to the lines of the article that the line features missed (in place)."""
    if not any(line.kind == "body" for line in lines):
        _lone_paragraph(lines, settings, lex)
        return
    for i, line in enumerate(lines):
        if line.kind == "body" or not _after_paragraph(lines, i, settings.skipped_lines):
            continue
        after = lines[i + 1] if i + 1 < len(lines) else None
        if goes_on(line, settings, lex, tables, last=after is None) or _subheading(line, lex, settings.subheading_words) and after is not None \
                and (after.kind == "body" or goes_on(after, settings, lex, tables, opener=True)):
            promote(line)
    _before(lines, settings, lex)


def promote(line: Line) -> None:
    line.kind = "body"
    line.key = "".join(split_words(line.folded))


def _after_paragraph(lines: list[Line], i: int, skipped: int) -> bool:
    j = i - 1
    while j >= 0 and i - j <= skipped and lines[j].kind in SKIPPED:
        j -= 1
    return j >= 0 and lines[j].kind == "body"


def _subheading(line: Line, lex: Lexicons, most_words: int) -> bool:
    return (line.kind in INSIDE and line.words <= most_words and ARABIC.search(line.text) is not None
            and not _ends_sentence(line.text) and not is_place_list(line, lex))


def goes_on(line: Line, settings: Settings, lex: Lexicons, tables: ChromeTables, opener: bool = False,
            last: bool = False) -> bool:
    """Does this line, right after a paragraph of the article, go on with the article? With
    `opener`, only a line that opens like a sentence of the article counts. An opening needs
    three words ("ولايات الجنوب" heads a menu) unless the line is the page's `last` (cut short)."""
    if line.kind not in INSIDE or not ARABIC.search(line.text) or is_place_list(line, lex):
        return False
    words = split_words(line.folded)
    if not words:
        return False
    if (len(words) >= 3 or last or _ends_sentence(line.text)) and (
            tables.closing.match(line.folded) or words[0] in lex.trigger_words
            or _conjunction(words[0], line, lex)):
        return True
    if opener:
        return False
    if not (last or "،" in line.text or len(words) >= settings.prose_words):
        return False  # a headline of the next story: no comma, not cut at the page's end
    function = sum(1 for w in words if w in lex.function_words)
    return len(words) >= 2 * settings.body_min_words and function >= 2  # a paragraph without its full stop


def _conjunction(first: str, line: Line, lex: Lexicons) -> bool:
    """"وأضاف", "ولفت", "وكان": a first word made of the conjunction و and a word (not وزير, وزارة,
    وكالة, وفد, a name or a place that starts with و)."""
    if len(first) < 3 or first[0] != "و":
        return False
    if first in lex.org_words or first in lex.not_names or first in lex.first_names:
        return False
    return not any(s == 0 for s, _, _ in lex.places.find(line.folded[:30])) \
        and not any(s == 0 for s, _, _ in lex.title_heads.find(line.folded[:30]))


def _lone_paragraph(lines: list[Line], settings: Settings, lex: Lexicons) -> None:
    """A page without a paragraph that reads as one (a feed description, a wire brief, a single
    sentence given to `marsad annotate`): its sentences are the article; and a page of one line
    is that line, cut or not. Headlines, menus and chrome stay out (they end no sentence)."""
    prose = [line for line in lines if line.kind in LONE and line.words >= settings.body_min_words
             and ARABIC.search(line.text) and not is_place_list(line, lex)]
    sentences = [line for line in prose if line.kind != "teaser" and _ends_sentence(line.text)]
    for line in sentences or (prose if len(lines) == 1 else []):
        promote(line)


def _before(lines: list[Line], settings: Settings, lex: Lexicons) -> None:
    first = next(i for i, line in enumerate(lines) if line.kind == "body")
    if first and _lede(lines[first - 1], settings, lex):
        promote(lines[first - 1])


def _lede(line: Line, settings: Settings, lex: Lexicons) -> bool:
    """A long line with a comma inside that reads as prose: a lede that lost its full stop."""
    text = line.text.rstrip(" .،,")
    if line.kind != "short" or line.words < 12 or not ("،" in text or "," in text):
        return False
    words = split_words(line.folded)
    return any(w in lex.function_words for w in words) or line.words >= 18


def is_place_list(line: Line, lex: Lexicons) -> bool:
    """A line most of whose words are places: a menu of cities or regions ("الرباط فاس مراكش")."""
    if not 2 <= line.words <= 12 or any(w in lex.function_words for w in line.folded.split()):
        return False
    covered = sum(len(line.folded[s:e].split()) for s, e, entry in lex.places.find(line.folded) if entry.kind != "nisba")
    return covered >= 2 and covered >= 0.6 * line.words

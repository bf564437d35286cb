"""Sentences broken over lines are made one line again, before lines are given their kinds.

A page turned into text often puts each inline element (a link, a bold name) on a line of its
own, or keeps the hard line breaks of a wrapped paragraph: "اجتمع وزير" / "الداخلية" /
"الإسباني، فرناندو ..." is one sentence, not three menu items. A line that does not end a
sentence goes on in the next one when

- (strong) the next line starts with punctuation that continues a sentence ("،", ".", ")"), or
  the line ends with a comma or an opening mark, or with a word after which no line can end
  (في، من، على ...: `open_words` in data/chrome.yaml);
- (weak) the line ends with a bare title head ("اجتمع وزير", "التقى مدير": no article, which a
  headline never ends with), or it is a piece of at most three words that ends with a trigger
  verb ("استقبل") or is followed by a line that starts with a nisba ("الإسباني"); or a sentence
  known to be broken runs through it: it continues a linked piece, or it is a line of prose (a
  paragraph, or a line with a comma) followed by a piece linked strongly to the next, or it is
  one line of a hard-wrapped paragraph (three or more lines of the same width) that breaks at
  least once after a comma or a preposition. A weak join is kept only when the joined line
  reads as a paragraph.

Menus stay apart: each of their lines is a complete label (no signal), and labels joined would
not read as a paragraph anyway.
"""

from __future__ import annotations

from ..lexicons import Lexicons
from ..settings import Settings
from .lines import ChromeTables, Line, _ends_sentence, _truncated, classify, split_words

CONTINUES = frozenset("،,؛;.:)]»”’!?؟")  # a line starting with one of these goes on from the last
OPENS = frozenset("،,؛;([«“")  # a line ending with one of these goes on in the next
JOINABLE = frozenset({"short", "menu", "body", "latin"})
NONE, WEAK, STRONG = 0, 1, 2


def join_lines(lines: list[Line], settings: Settings, lex: Lexicons, tables: ChromeTables) -> list[Line]:
    """`lines` with each broken sentence made one line (classified again)."""
    open_ = [_joinable(line) and not _ends_sentence(line.text) and not _truncated(line.text) for line in lines]
    if sum(open_[:-1]) == 0:
        return lines  # every line ends a sentence or is chrome: nothing to join (most pages)
    links = [_link(a, b, lex, tables, settings) if open_[i] and _joinable(b) else NONE
             for i, (a, b) in enumerate(zip(lines, lines[1:], strict=False))]
    if not any(links):
        return lines
    _continuations(lines, open_, links, settings.wrap_slack)
    if not any(links):
        return lines
    out: list[Line] = []
    start = 0
    for i in range(len(lines)):
        if i == len(lines) - 1 or not links[i]:
            out += _chain(lines[start:i + 1], links[start:i], settings, lex, tables)
            start = i + 1
    return out


def _chain(pieces: list[Line], links: list[int], settings: Settings, lex: Lexicons,
           tables: ChromeTables) -> list[Line]:
    """A run of linked pieces: one line when every link is strong or the whole reads as a
    paragraph; else only the strongly linked parts are joined."""
    if len(pieces) == 1:
        return pieces
    whole = _merge(pieces, settings, lex, tables)
    if all(link == STRONG for link in links) or whole.kind == "body":
        return [whole]
    out: list[Line] = []
    start = 0
    for i in range(len(pieces)):
        if i == len(pieces) - 1 or links[i] != STRONG:
            part = pieces[start:i + 1]
            out.append(part[0] if len(part) == 1 else _merge(part, settings, lex, tables))
            start = i + 1
    return out


def _merge(pieces: list[Line], settings: Settings, lex: Lexicons, tables: ChromeTables) -> Line:
    text, folded = pieces[0].text, pieces[0].folded
    for piece in pieces[1:]:
        sep = "" if piece.text[:1] in CONTINUES else " "
        text, folded = text + sep + piece.text, folded + sep + piece.folded
    return classify(pieces[0].number, text, settings, lex, folded, tables)


def _joinable(line: Line) -> bool:
    """A line that may be a piece of a sentence: prose, a headline-like or menu-like line with
    words, or the closing marks of the sentence before (")."); "|" alone or chrome never is."""
    return line.kind in JOINABLE and bool(line.text) and (line.words > 0 or line.text[0] in CONTINUES)


def _link(a: Line, b: Line, lex: Lexicons, tables: ChromeTables, settings: Settings) -> int:
    """How surely line `a`, which ends no sentence, goes on in line `b` (NONE, WEAK, STRONG)."""
    blanks = b.number - a.number - 1
    if blanks > 1:
        return NONE
    last = _last_word(a.folded)
    if b.text[0] in CONTINUES or a.text[-1] in OPENS or last in tables.open_words:
        return STRONG
    if blanks:
        return NONE
    if _ends_with_head(a.folded, last, a.words, lex, settings.fragment_words) or a.words <= settings.fragment_words and _starts_with_nisba(b.folded, lex):
        return WEAK
    return NONE


def _continuations(lines: list[Line], open_: list[bool], links: list[int], slack: float) -> None:
    """Weak links between adjacent open lines that a sentence already known to be broken runs
    through: after a linked piece (it goes on until a line ends a sentence), before a piece
    strongly linked to the next (a paragraph line then "شبكات تهريب" then "، إلى جانب ..."), and
    between the lines of a hard-wrapped paragraph that breaks at least once after a comma or a
    preposition."""
    for i in range(len(links)):
        a, b = lines[i], lines[i + 1]
        if links[i] or not open_[i] or not _joinable(b) or b.number != a.number + 1:
            continue
        after = i > 0 and links[i - 1] != NONE
        prose = a.kind == "body" or "،" in a.text  # a headline has no comma
        before = prose and i + 1 < len(links) and links[i + 1] == STRONG
        if after or before:
            links[i] = WEAK
    for start, end in _wrapped(lines, open_, slack):
        if any(links[k] == STRONG for k in range(start, end)):
            for k in range(start, end):
                links[k] = links[k] or WEAK


def _last_word(folded: str) -> str:
    words = split_words(folded[-40:])  # the end of the line is enough
    return words[-1] if words else ""


def _ends_with_head(folded: str, last: str, words: int, lex: Lexicons, fragment_words: int) -> bool:
    """"اجتمع وزير", "التقى مدير": the line ends with a bare title head (no article: a headline
    never does) or, in a piece of at most three words, a trigger verb; both need what follows."""
    if not last:
        return False
    if words <= fragment_words and last in lex.trigger_words:
        return True
    if last.startswith("ال"):
        return False
    tail = folded.rstrip()[-40:]  # the end of the line is enough
    return any(e == len(tail) and tail[s:e] == last for s, e, _ in lex.title_heads.find(tail))


def _starts_with_nisba(folded: str, lex: Lexicons) -> bool:
    """"الإسباني، فرناندو ...": a line that starts with a nisba adjective qualifies the line before."""
    return any(s == 0 and entry.kind == "nisba" for s, _, entry in lex.places.find(folded[:40]))


def _wrapped(lines: list[Line], open_: list[bool], slack: float) -> list[tuple[int, int]]:
    """(start, end) link indices of each run of three or more adjacent lines of about the same
    width, none but the last ending a sentence: maybe one hard-wrapped paragraph."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(lines) - 2:
        j = i
        while j + 1 < len(lines) and open_[j] and _wraps(lines[j], lines[j + 1], lines[i], slack):
            j += 1
        if j - i >= 2:
            out.append((i, j))
        i = j + 1
    return out


def _wraps(a: Line, b: Line, first: Line, slack: float) -> bool:
    width = max(len(first.text), len(a.text))
    return (b.number == a.number + 1 and a.words >= 5 and abs(len(a.text) - len(first.text)) <= slack * width
            and len(b.text) <= (1 + slack) * width)

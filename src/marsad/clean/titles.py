"""Which line is an article's headline, and which short lines only say where the story comes from.

- Source lines: a city, agency or outlet and the writer, split by a dash, bar, slash or dot
  ("الرباط - الأفق 24", "قناة الساحل | طرابلس", "القاهرة / وكالة الأنباء الإقليمية //"), and a
  line that is only a time ("09:40 م"), are datelines (without a date), never headlines.
- The headline sums up the story: of the headline-like lines just before the body (after any
  "read also" marker), the one that shares most words with the first paragraphs; on a tie, the
  nearest to the body. A photo caption or an advertisement between the headline and the body
  shares fewer words with the lede than the headline does.
- A first paragraph is the headline only when it reads like one: short, without a comma or a
  day of the week, and followed by a paragraph at least twice as long.
"""

from __future__ import annotations

import re

from ..lexicons import Lexicons
from ..settings import Settings
from .lines import TIME, Line, split_words

SOURCE_SEPARATORS = re.compile(r"[-–—_|/.ـ«»:()]+")


def is_source_line(line: Line, lex: Lexicons, settings: Settings) -> bool:
    """"الرباط - الأفق 24", "09:40 م": a line naming where (and by whom) the story was filed."""
    if line.words > settings.source_max_words:
        return False
    text = line.text.strip()
    if ":" in text and TIME.fullmatch(text):
        return True
    if not SOURCE_SEPARATORS.search(text):
        return False
    parts = [p.strip() for p in SOURCE_SEPARATORS.split(line.folded) if p.strip()]
    words = split_words(line.folded)
    if len(parts) < 2 or any(w in lex.function_words or w in lex.trigger_words for w in words):
        return False
    return any(_names_a_source(p, lex) for p in parts)


def _names_a_source(part: str, lex: Lexicons) -> bool:
    """A part that is a place, a news agency or a compiler's label (متابعات، رصد)."""
    if part in lex.chrome["outlet_suffixes"] or part in lex.chrome["source_labels"]:
        return True
    if any(part == name for name, _ in lex.news_agencies):
        return True
    return any(s == 0 and e == len(part) and entry.kind in {"city", "country"} for s, e, entry in lex.places.find(part))


def title_index(header: list[Line], body: list[Line], lex: Lexicons, settings: Settings) -> int | None:
    """The index in `header` of the article's headline, or None."""
    start = max((i + 1 for i, h in enumerate(header) if h.kind == "related"), default=0)
    candidates = [i for i in range(start, len(header)) if header[i].kind == "short"][-settings.title_candidates:]
    if len(candidates) < 2:
        return candidates[-1] if candidates else None
    lede = _stems(" ".join(p.folded for p in body[:2])[:settings.lede_chars], lex)
    return max(candidates, key=lambda i: (len(_stems(header[i].folded, lex) & lede), i))


def headline_first_paragraph(body: list[Line], lex: Lexicons) -> bool:
    """Is the first paragraph a headline that ends with a full stop?"""
    if len(body) < 2 or body[0].words > 15 or body[1].words < 2 * body[0].words:
        return False
    first = body[0]
    if "،" in first.text or "," in first.text:
        return False  # a comma: a lede ("غادر القاهرة، مساء الأحد، ...")
    return not any(w in lex.weekdays or w in lex.day_words for w in split_words(first.folded))


def _stems(folded: str, lex: Lexicons) -> set[str]:
    """The content words of a text, without their proclitics (والتعاون -> تعاون)."""
    out = set()
    function = lex.function_words
    for w in split_words(folded):
        if w in function or w.isdigit():
            continue
        if len(w) > 5 and w.startswith(("وال", "بال")):
            w = w[3:]
        elif len(w) > 4 and w.startswith(("ال", "لل")):
            w = w[2:]
        elif len(w) > 3 and w[0] in "وبل":
            w = w[1:]
        out.add(w)
    return out

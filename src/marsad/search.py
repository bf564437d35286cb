"""Full-text search: what a query matches, written once for the index, the check and the highlight.

Problem: Arabic attaches conjunctions and prepositions to the next word (والإرهاب، بالإرهاب،
للإرهاب) and writes one word with or without hamza, diacritics or tatweel; a search for الإرهاب
must find every one of them, and show where.

Idea: the store indexes the folded text (`searchable`) word by word (FTS5's unicode61 tokenizer;
a trigram index costs three times as much to write). A query is folded the same way. Each of its
words matches a text word that is the same word, or the same word after proclitics (و ف, then
ب ل ك; "لل" for ل + ال); the last word may also be the start of a longer word (حموش finds
حموشي). Words must follow one another, with only spaces or punctuation between them.
`Query.match` is the FTS5 expression that finds candidate segments (each word in any of its
written forms, anywhere); `Query.pattern`, run over the folded text, keeps the segments where the
words follow one another and gives the spans to highlight.

>>> q = Query.parse("الإرهاب")
>>> [m.group() for m in q.pattern.finditer(searchable("والإرهاب وللإرهاب والإرهابيين الارهاب"))]
['والارهاب', 'وللارهاب', 'والارهابيين', 'الارهاب']
>>> marked("بحث مكافحة الإرهابِ والتطرف", "الارهاب")
[('بحث مكافحة ', False), ('الإرهابِ', True), (' والتطرف', False)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .normalize import fold

SPACES = re.compile(r"\s+")
WORD = re.compile(r"[^\W_]+")  # letters and digits: the words of FTS5's unicode61 tokenizer
CONJUNCTIONS = ("", "و", "ف")
PREPOSITIONS = ("", "ب", "ل", "ك")
MARK = ("«", "»")  # `highlight` shows each match as «match»
CONTEXT = 80  # characters of snippet context on each side of the first match: about 12 Arabic words


def searchable(text: str) -> str:
    """The folded copy indexed for search and searched by `Query.pattern` (`fold(text).text`: the
    index and the pattern take any run of spaces, line breaks or punctuation between words alike)."""
    return fold(text).text


def written_forms(word: str) -> list[str]:
    """A folded word as it may be written after proclitics: بالارهاب، والارهاب، للارهاب."""
    forms = [c + p + word for c in CONJUNCTIONS for p in PREPOSITIONS]
    if word.startswith("ال") and len(word) > 2:
        forms += [c + "ل" + word[1:] for c in CONJUNCTIONS]  # ل + الإرهاب = للإرهاب
    return forms


@dataclass(frozen=True, slots=True)
class Query:
    words: tuple[str, ...]  # folded
    match: str  # FTS5 MATCH expression: the candidates
    pattern: re.Pattern[str]  # over searchable text: the matches; group "at" starts the marked part

    @classmethod
    def parse(cls, text: str) -> Query | None:
        """The query for `text`, None if it has no word (only spaces or punctuation)."""
        words = tuple(WORD.findall(searchable(text)))
        if not words:
            return None
        groups, parts = [], []
        for n, word in enumerate(words):
            last = n == len(words) - 1
            groups.append("(" + " OR ".join(f'"{form}"' + ("*" if last else "")
                                            for form in written_forms(word)) + ")")
            core = "[بلك]?" + re.escape(word)
            if word.startswith("ال") and len(word) > 2:
                core = f"(?:{core}|ل{re.escape(word[1:])})"
            marked_from = "(?P<at>" if n == 0 else "(?:"
            parts.append("[وف]?" + marked_from + core + (r"[^\W_]*)" if last else r")(?![^\W_])"))
        pattern = r"(?<![^\W_])" + r"[\W_]+".join(parts)
        return cls(words, " AND ".join(groups), re.compile(pattern))

    def spans(self, folded: str) -> list[tuple[int, int]]:
        """The matches in searchable text, from the first word (after its conjunction) to the end
        of the last word."""
        return [(m.start("at"), m.end()) for m in self.pattern.finditer(folded)]


def marked(text: str, query: str | Query, context: int = CONTEXT) -> list[tuple[str, bool]]:
    """The original text around the first match of `query` as (piece, is_match) pairs, every
    match in that window marked; [] if nothing matches."""
    q = Query.parse(query) if isinstance(query, str) else query
    if q is None:
        return []
    folded = fold(text)
    spans = [folded.span(a, b) for a, b in q.spans(folded.text)]
    if not spans:
        return []
    lo, hi = max(0, spans[0][0] - context), min(len(text), spans[0][1] + context)
    lo = text.rfind(" ", 0, lo) + 1 if lo else 0  # widen to whole words
    hi = len(text) if text.find(" ", hi) < 0 else text.find(" ", hi)
    parts: list[tuple[str, bool]] = [("… ", False)] if lo else []
    cursor = lo
    for start, stop in spans:
        if start >= cursor and stop <= hi:
            parts += [(text[cursor:start], False), (text[start:stop], True)]
            cursor = stop
    parts.append((text[cursor:hi], False))
    if hi < len(text):
        parts.append((" …", False))
    return [(SPACES.sub(" ", piece), match) for piece, match in parts if piece]


def highlight(text: str, query: str | Query, context: int = CONTEXT) -> str:
    """`marked` as one string, every match «marked»; "" if nothing matches.

    >>> highlight("تعزيز التعاون والإرهاب", "الارهاب")
    'تعزيز التعاون و«الإرهاب»'
    """
    return "".join(MARK[0] + piece + MARK[1] if match else piece
                   for piece, match in marked(text, query, context)).strip()

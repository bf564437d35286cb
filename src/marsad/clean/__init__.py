"""Cleaning (spec §5): a `Document` -> its article `Segment`s, chrome removed.

>>> from marsad.model import Document
>>> from marsad.settings import Settings
>>> page = "الرئيسية\\nسياسة\\nوزير يستقبل سفيرا\\nاستقبل الوزير اليوم سفير فرنسا في مكتبه بالعاصمة، وتباحث الطرفان في سبل التعاون.\\nجميع الحقوق محفوظة © 2025"
>>> [(s.title, s.text[:13]) for s in clean_document(Document("a.txt", text=page), Settings())]
[('وزير يستقبل سفيرا', 'استقبل الوزير')]
"""

from __future__ import annotations

from ..lexicons import lexicons
from ..model import Document, InputError, Segment
from ..outlets import outlet_of
from ..settings import Settings
from .html import html_to_text
from .segment import split_page

__all__ = ["clean_document", "no_article_text"]

NO_ARTICLE = "no article text found"


def no_article_text(doc: Document) -> InputError:
    """The stderr line for a document in which cleaning found no article (`marsad: FILE[:LINE]:
    no article text found`): a finding about the page, not a read error (the exit code stays 0)."""
    return InputError(doc.path or doc.doc, NO_ARTICLE, doc.line)


def clean_document(doc: Document, settings: Settings) -> list[Segment]:
    """Step 2 of the pipeline: a document's article segments, main article first."""
    text, meta = doc.text, dict[str, str | None]()
    if doc.html is not None:
        text, meta = html_to_text(doc.html)
    segments = split_page(text, doc.doc, settings, lexicons())
    if segments:
        main = segments[0]
        main.title = doc.title or meta.get("title") or main.title
        main.author = meta.get("author") or main.author
    for seg in segments:
        published = doc.published or (meta.get("published") if seg.index == 0 else None)
        if published and seg.published_from != "dateline":  # the article's own dateline wins
            seg.published, seg.published_from = published, "metadata"
        found = outlet_of(doc.url or meta.get("url"), doc.outlet or meta.get("outlet") or seg.outlet, lexicons())
        seg.outlet = doc.outlet or seg.outlet or meta.get("outlet") or (found.display or None if found else None)
        seg.outlet_country = found.country if found else None
        seg.outlet_home = found.country if found and found.scope in {"national", "aggregator"} else None  # a one-state aggregator too
        seg.url = doc.url or meta.get("url")
    return segments

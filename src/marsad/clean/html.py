"""HTML pages: trafilatura finds the main text and the page metadata (title, date, author).

trafilatura and lxml are imported when the first HTML page comes: importing trafilatura takes
~0.2 s, a tenth of a 2,000-page run of text files that never needs it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

TITLE_SUFFIX = re.compile(r"\s+[|\-–—]\s+[^|\-–—]{2,40}$")
# Characters XML forbids: lxml refuses a whole page for one of them ("All strings must be XML compatible").
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# The publication date from the page's markup only (never guessed from its text): meta tags,
# JSON-LD, <time datetime>, then a /YYYY/MM/DD/ URL path; a full date, never a bare year.
ISO_DAY = r"(\d{4})-(\d{2})-(\d{2})"
DATE_MARKUP = [
    re.compile(r"<meta[^>]+(?:property|name|itemprop)=[\"'](?:article:published_time|og:published_time|"
               r"datePublished|pubdate|publishdate|publish-date|date|dc\.date\.issued|dc\.date|sailthru\.date|"
               r"parsely-pub-date)[\"'][^>]*?content=[\"']\s*" + ISO_DAY, re.I),
    re.compile(r"<meta[^>]+content=[\"']\s*" + ISO_DAY + r"[^\"']*[\"'][^>]*?(?:property|name|itemprop)=[\"']"
               r"(?:article:published_time|og:published_time|datePublished|pubdate|date)[\"']", re.I),
    re.compile(r"[\"']datePublished[\"']\s*:\s*[\"']\s*" + ISO_DAY),
    re.compile(r"<time[^>]+datetime=[\"']\s*" + ISO_DAY, re.I),
    re.compile(r"<link[^>]+rel=[\"']canonical[\"'][^>]+href=[\"'][^\"']*/(\d{4})/(\d{1,2})/(\d{1,2})/", re.I),
]


def markup_date(html: str) -> str | None:
    """The page's publication date as written in its markup, or None.

    >>> markup_date('<meta property="article:published_time" content="2025-03-04T10:00:00+01:00">')
    '2025-03-04'
    >>> markup_date('<footer>© 2025</footer>') is None
    True
    """
    for pattern in DATE_MARKUP:
        for m in pattern.finditer(html):
            try:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
            except ValueError:
                continue
    return None


def html_to_text(html: str) -> tuple[str, dict[str, str | None]]:
    """(main text with one paragraph per line, {title, published, author, outlet, url})."""
    import trafilatura

    html = NOT_XML.sub(" ", html)
    result: Any = None  # a trafilatura Document (with_metadata=True), or None
    try:
        result = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                             include_tables=False, deduplicate=False)
    except Exception:  # trafilatura raises many kinds on broken markup; fall back below
        result = None
    if result is None or not (getattr(result, "text", None) or "").strip():
        return _fallback(html), {"title": None, "published": markup_date(html), "author": None, "outlet": None}
    title = _h1(html) or getattr(result, "title", None)
    if title:
        title = TITLE_SUFFIX.sub("", title.strip())
    return result.text, {
        "title": title or None,
        "published": markup_date(html),
        "author": getattr(result, "author", None),
        "outlet": getattr(result, "sitename", None),
        "url": getattr(result, "url", None),  # <link rel=canonical> or og:url
    }


H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S | re.I)


def _h1(html: str) -> str | None:
    """The page's first <h1>: trafilatura's title sometimes drops its second half."""
    m = H1.search(html)
    text = re.sub(r"<[^>]+>|\s+", " ", m.group(1)).strip() if m else ""
    return text or None


def _fallback(html: str) -> str:
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return re.sub(r"<[^>]+>", "\n", html)
    for bad in root.xpath("//script|//style|//nav|//footer|//aside"):
        bad.drop_tree()
    for block in root.iter(*BLOCKS):  # one paragraph per line, as trafilatura gives them
        block.tail = "\n" + (block.tail or "")
    return root.text_content()


# Elements that end a line of text (the fallback keeps paragraphs and list items apart).
BLOCKS = ("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section",
          "article", "header", "figcaption", "dd", "dt")

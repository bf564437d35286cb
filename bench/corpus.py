"""In-memory benchmark corpus: N pages made from the five seed pages, each copy different.

Copy i is seed i % 5 with one line changed: a nonsense word (Arabic letters spelling i) goes at
the end of one of its longer lines, just before the final punctuation, cycling through the lines.
So no two pages are equal (nothing can be served from a cache keyed on the text), the article is
otherwise untouched and the events found stay the same. Nothing is written to disk.
"""

from __future__ import annotations

import html
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold" / "seeds.json"
SCORER = SHARED / "gold" / "score.py"
DATES_TABLE = ROOT / "tests" / "data" / "dates.tsv"

# Letters that spell the copy number; no digits, so no date or number finder can see the tag.
LETTERS = "بتثجحخدذرزسشصضطظغفقك"
FINAL = ".!؟?»\"'"


def seed_pages() -> list[tuple[str, str]]:
    """(file name, text) of the seed pages, sorted by name."""
    paths = sorted(SEEDS.glob("*.txt"))
    if not paths:
        raise SystemExit(f"bench: no seed pages in {SEEDS}")
    return [(p.name, p.read_text(encoding="utf-8")) for p in paths]


def tag(i: int) -> str:
    out = ""
    while True:
        i, r = divmod(i, len(LETTERS))
        out = LETTERS[r] + out
        if not i:
            return "ظ" + out + "غ"


def _vary(line: str, word: str) -> str:
    body = line.rstrip()
    cut = len(body)
    while cut and body[cut - 1] in FINAL:
        cut -= 1
    return f"{body[:cut]} {word}{body[cut:]}{line[len(body):]}"


def build_pages(n: int) -> list[tuple[str, str]]:
    """`n` (name, text) pages; page i is a varied copy of seed i % 5, named p{i}.txt."""
    seeds = seed_pages()
    split = [text.split("\n") for _, text in seeds]
    longer = [[j for j, line in enumerate(lines) if len(line.split()) >= 3] for lines in split]
    out = []
    for i in range(n):
        k = i % len(seeds)
        lines = list(split[k])
        j = longer[k][(i // len(seeds)) % len(longer[k])]
        lines[j] = _vary(lines[j], tag(i))
        out.append((f"p{i}.txt", "\n".join(lines)))
    return out


def as_html(text: str) -> str:
    """The minimal HTML the peers need: one <p> per non-empty line."""
    paras = "".join(f"<p>{html.escape(line.strip())}</p>\n" for line in text.splitlines() if line.strip())
    return f'<html><head><meta charset="utf-8"></head><body>\n{paras}</body></html>'

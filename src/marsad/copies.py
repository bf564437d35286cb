"""Syndicated copies: pages that carry another page's story, told apart from its rewrites.

Problem: agencies' wires are reprinted whole or trimmed by many outlets; a reprint is not a
second witness of an event. Idea: hash each longer paragraph of the main article (folded,
without punctuation); a page holding most of the prints of the smaller of itself and an earlier
page is a copy of it. Used by the pipeline (`mark_duplicates`) and by the store, which marks
pages across runs with the same rule.
"""

from __future__ import annotations

import hashlib
from collections import Counter

from .clean.lines import split_words
from .model import Segment
from .normalize import fold_word


def fingerprints(segments: list[Segment]) -> set[str]:
    """Hashes of the longer paragraphs, folded and without punctuation: pages sharing most of them
    are copies of one story."""
    out = set()
    for seg in segments:
        paragraphs = seg.text.split("\n\n")
        keys = seg.keys if len(seg.keys) == len(paragraphs) else ["".join(split_words(fold_word(p))) for p in paragraphs]
        out |= {hashlib.blake2b(key.encode(), digest_size=8).hexdigest()
                for p, key in zip(paragraphs, keys, strict=True) if len(p) > 80}
    return out


def marks(prints: dict[str, set[str]], overlap: float) -> dict[str, str]:
    """Every copy among pages (doc -> its paragraph prints) and the page it copies."""
    first: dict[str, str] = {}  # paragraph print -> the first page (in doc order) that has it
    for doc, hashes in prints.items():
        for h in hashes:
            if h not in first or doc < first[h]:
                first[h] = doc
    size = {doc: len(hashes) for doc, hashes in prints.items()}
    found = {doc: copy_of(doc, hashes, first, size, overlap) for doc, hashes in prints.items()}
    return {doc: owner for doc, owner in found.items() if owner}


def copy_of(doc: str, prints: set[str], first: dict[str, str], size: dict[str, int], overlap: float) -> str | None:
    """The page that `doc` copies, if any: of the earlier pages that first had some of its
    paragraph `prints`, one holding at least `overlap` of the smaller page's prints (and two,
    unless a page has one), the one with most, then the first. `size`: prints per page."""
    shared = Counter(first[h] for h in prints if first[h] < doc)
    owners = [o for o, n in shared.items() if n >= min(2, len(prints)) and n / min(len(prints), size[o]) >= overlap]
    return min(owners, key=lambda o: (-shared[o], o)) if owners else None

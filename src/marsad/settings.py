"""Settings: every threshold of a run in one object, each with the reason for its value."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(slots=True)
class Settings:
    # Resolves yearless/relative dates when a document has no publication date (spec §1).
    ref_date: dt.date = field(default_factory=dt.date.today)
    # Larger inputs are refused: a real news page is < 2 MB; a 50 MB file is a dump or an error.
    max_file_bytes: int = 20_000_000
    # A line longer than this is not prose (minified HTML/JSON in a .txt): the file is refused.
    max_line_chars: int = 200_000
    # Body paragraphs: at least this many words when they end like a sentence ...
    body_min_words: int = 4  # "وأحيل الموقوفون إلى القضاء." is a real one-line paragraph
    # ... or this many words without final punctuation (long paragraphs lose their full stop).
    body_long_words: int = 25
    # Arabic prose has one function word (في، من، التي ...) in 5-15 words; protocol ledes full of
    # names and titles drop to 1 in 20 (measured on the seeds); keyword and name lists have none.
    body_min_function_ratio: float = 0.03
    # A headline has 3..25 words: fewer is a menu item, more is a paragraph.
    title_min_words: int = 3
    title_max_words: int = 25
    # Syndicated copies: share of a document's paragraph hashes found in an earlier document.
    duplicate_overlap: float = 0.8
    # Fusion: two reports of one event whose dates differ by more than this are two events.
    fusion_date_window_days: int = 3

"""Topics of spec §4 from the cue patterns in data/topics.yaml.

>>> sorted(find_topics("تبادل الخبرات والمعلومات ومكافحة الإرهاب"))
['counterterrorism', 'expertise_exchange', 'information_sharing']
"""

from __future__ import annotations

from ..lexicons import Lexicons, lexicons
from ..normalize import fold


def find_topics(text: str, lex: Lexicons | None = None) -> set[str]:
    """The topics whose cues appear in `text`."""
    return topics_in(fold(text).text, lex)


def topics_in(folded: str, lex: Lexicons | None = None) -> set[str]:
    """The topics whose cues appear in already folded text."""
    return (lex or lexicons()).topics.matching(folded)

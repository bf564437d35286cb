"""marsad: Arabic news pages -> a deduplicated, evidence-linked database of engagement events.

>>> from marsad import Settings, extract_events_from
>>> events = extract_events_from(["examples"], Settings())  # doctest: +SKIP
"""

from __future__ import annotations

__version__ = "0.1.0"

from .model import Document, Event, Location, Mention, Participant, Segment, Source  # noqa: E402
from .settings import Settings  # noqa: E402

__all__ = ["Document", "Event", "Location", "Mention", "Participant", "Segment", "Settings", "Source",
           "clean_page", "extract_events_from", "Store", "__version__"]


def clean_page(text: str, doc: str = "page.txt", settings: Settings | None = None) -> list[Segment]:
    """The article segments of one page of text."""
    from .clean import clean_document

    return clean_document(Document(doc, text=text), settings or Settings())


def extract_events_from(paths: list[str], settings: Settings | None = None) -> list[Event]:
    """Every fused event in `paths` (files or directories); bad inputs are skipped."""
    from .pipeline import run

    return run(paths, settings or Settings(), lambda err: None)


def __getattr__(name: str):
    if name == "Store":
        from .store import Store

        return Store
    raise AttributeError(name)

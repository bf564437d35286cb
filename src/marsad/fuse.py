"""One real-world event, one record: cross-source fusion, syndicated copies, stable ids.

Outlets paraphrase (two reports of one reception share almost no 5-grams), so fusion compares
what was extracted, not the text: cheap `candidates()` (blocking on the participant countries;
dates within a window, an unknown date being compatible), then `same_event()` (names, kind,
place, dates), then `merge()` (union of sources; each field from the most specific source;
disagreements kept in `conflicts`).

Stable ids: an event's id is a hash of its earliest source (document, segment, sentence start)
and the states of its sides, after sorting, so the same inputs in any order give the same ids and an unrelated new page
changes none. When a new source that sorts earlier joins an event, the event's id becomes that
source's: `Event.sources` lists every document, so the old id can be found again from its doc.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from difflib import SequenceMatcher

from .lexicons import lexicons
from .model import Event, Participant, SetAside, Source
from .normalize import fold_word
from .settings import Settings


def fuse(events: Iterable[Event], settings: Settings) -> list[Event]:
    """Step 4 of the pipeline: merge reports of one event; give every event its stable id."""
    pool = sorted(events, key=_source_key)
    for ev in pool:  # what each document said, before any merge (kept in `Source.date`)
        for s in ev.sources:
            s.date = s.date or ev.date
    merged: list[Event] = []
    blocks = Blocks(settings.fusion_date_window_days)
    for ev in pool:
        target = _target(ev, merged, blocks, settings)
        if target is None:
            blocks.add(len(merged), ev)
            merged.append(ev)
        else:
            blocks.remove(target, merged[target])
            merged[target] = merge(merged[target], ev)
            blocks.add(target, merged[target])
    for ev in merged:
        if len(ev.sources) > 1:
            _date_conflict(ev)
        ev.id = stable_id(ev)
    return sorted(merged, key=lambda e: (e.date or "9999", e.id))


def fuse_guarded(events: Iterable[Event], settings: Settings) -> tuple[list[Event], list[SetAside]]:
    """`fuse()` that no single event can break: an unsound event (`Event.problems`) is set aside,
    and each block (the sides' states, which fusion never crosses) is fused on its own, so that
    an error there costs only the events that cause it. Returns the fused events (as `fuse()`
    orders them) and the events set aside, each with its reason and its place in `events`."""
    aside: list[SetAside] = []
    blocks: dict[tuple[str, ...], list[tuple[int, Event]]] = defaultdict(list)
    for i, ev in enumerate(events):
        problems = ev.problems()
        if problems:
            aside.append(set_aside(ev, i, "check", "unsound " + ", ".join(problems)))
        else:
            blocks[block_key(ev)].append((i, ev))
    merged: list[Event] = []
    for block in blocks.values():
        merged += _fuse_block(block, settings, aside)
    return sorted(merged, key=lambda e: (e.date or "9999", e.id)), aside


def _fuse_block(block: list[tuple[int, Event]], settings: Settings, aside: list[SetAside]) -> list[Event]:
    """One block fused; if that fails, each event is tried alone, and the ones that fail alone
    are set aside (the others fused again, or kept unfused if they still fail together)."""
    originals = [(i, ev.copy()) for i, ev in block]
    try:
        return fuse([ev for _, ev in block], settings)
    except Exception:  # noqa: BLE001 - a bug in fusion must cost one block, not the run
        good = []
        for i, ev in originals:
            try:
                fuse([ev.copy()], settings)
                good.append(ev)
            except Exception as err:  # noqa: BLE001
                aside.append(set_aside(ev, i, "fuse", f"{err.__class__.__name__}: {err}"))
    try:
        return fuse([ev.copy() for ev in good], settings)
    except Exception:  # noqa: BLE001 - sound alone, not together: unfused
        return [out for ev in good for out in fuse([ev], settings)]


def set_aside(ev: Event, position: int, stage: str, reason: str) -> SetAside:
    doc = min(ev.sources, key=lambda s: (s.doc, s.segment, s.start)).doc if ev.sources else "?"
    return SetAside(doc, stage, reason, ev.to_dict(), position)


def _source_key(ev: Event) -> tuple[str, int, int]:
    s = min(ev.sources, key=lambda s: (s.doc, s.segment, s.start))
    return s.doc, s.segment, s.start


def stable_id(ev: Event) -> str:
    """Hash of the earliest source and the sides' states: one sentence may state two events."""
    doc, seg, start = _source_key(ev)
    sides = ",".join(block_key(ev))
    return hashlib.sha1(f"{doc}|{seg}|{start}|{ev.kind}|{sides}".encode()).hexdigest()[:16]


def block_key(ev: Event) -> tuple[str, ...]:
    return tuple(sorted(p.country or "?" for p in ev.principals()))


class Blocks:
    """Kept events indexed by their sides' states and a date bucket of `window` days, so that a new
    report is compared only with events it could be: same states, dates within the window, or no
    full date (an unknown or month-only date is compatible with any)."""

    def __init__(self, window: int):
        self.size = max(window, 1)
        self.index: dict[tuple[str, ...], dict[int | None, set[int]]] = defaultdict(lambda: defaultdict(set))

    def _bucket(self, ev: Event) -> int | None:
        if ev.date and len(ev.date) == 10:
            return dt.date.fromisoformat(ev.date).toordinal() // self.size
        return None

    def add(self, i: int, ev: Event) -> None:
        self.index[block_key(ev)][self._bucket(ev)].add(i)

    def remove(self, i: int, ev: Event) -> None:
        self.index[block_key(ev)][self._bucket(ev)].discard(i)

    def near(self, ev: Event) -> list[int]:
        block = self.index.get(block_key(ev), {})
        bucket = self._bucket(ev)
        keys = list(block) if bucket is None else [bucket - 1, bucket, bucket + 1, None]
        return sorted(i for k in keys for i in block.get(k, ()))


def candidates(ev: Event, blocks: Blocks) -> list[int]:
    """Indices of kept events with the same participant states and a compatible date bucket."""
    return blocks.near(ev)


def _target(ev: Event, merged: list[Event], blocks: Blocks, settings: Settings) -> int | None:
    """The kept event `ev` reports, if any: the first that `same_event` accepts, unless a side of
    `ev` is known there by its title only; then the one that resembles `ev` most (`_affinity`),
    the first on a tie. "مستشار الأمن القومي العراقي" without a name joins the report that gives
    that title, not an earlier agreement of another adviser with another visitor."""
    best, best_score = None, -1.0
    for i in candidates(ev, blocks):
        if not same_event(merged[i], ev, settings):
            continue
        score, named = _affinity(merged[i], ev)
        if best is None and named:
            return i  # every side named on both: the names decided
        if score > best_score:
            best, best_score = i, score
    return best


def _affinity(a: Event, b: Event) -> tuple[float, bool]:
    """How much kept event `a` resembles report `b`: 2 for each side of `b` named in both, else the
    share of title words the two sides have in common, and 1 for the same full date; and whether
    every side of `b` was named in both."""
    score, named = 0.0, True
    kept = a.principals()
    for p in b.principals():
        same = [o for o in kept if o.country == p.country]
        if p.name and any(o.name and same_name(p.name, o.name) for o in same):
            score += 2
            continue
        named = False
        words = _title_words(p.title)
        score += max((len(words & w) / len(words | w) for o in same if (w := _title_words(o.title)) and words),
                     default=0.0)
    if a.date and b.date and len(a.date) == 10 and a.date == b.date:
        score += 1
    return score, named


def _title_words(title: str | None) -> set[str]:
    return set(fold_word(title).split()) if title else set()


def same_event(a: Event, b: Event, settings: Settings) -> bool:
    """Same kind family, compatible dates and places, and the same people on each side."""
    if {a.kind, b.kind} == {"call", "meeting"}:
        return False
    if not _dates_compatible(a.date, b.date, settings.fusion_date_window_days):
        return False
    if a.location.city and b.location.city and a.location.city != b.location.city:
        return False
    if a.location.country and b.location.country and a.location.country != b.location.country:
        return False  # a reception in Cairo is not a council's sidelines in Tunis
    if {s.doc for s in a.sources} & {s.doc for s in b.sources}:
        return False  # one page's distinct events stay distinct
    if (ha := _host_state(a)) and (hb := _host_state(b)) and ha != hb:
        return False  # one meeting has one host: Rabat's reception of X is not X's visit to Madrid
    return all(_person_matches(p, b.principals()) for p in a.principals())


def _host_state(ev: Event) -> str | None:
    """The state of the event's host, when one side hosts."""
    return next((p.country for p in ev.participants if p.role == "host" and p.country), None)


def _dates_compatible(x: str | None, y: str | None, window: int) -> bool:
    if not x or not y:
        return True
    if len(x) < 10 or len(y) < 10:
        return x.startswith(y) or y.startswith(x)
    gap = abs(dt.date.fromisoformat(x) - dt.date.fromisoformat(y))
    return gap.days <= window


def _person_matches(p: Participant, others: list[Participant]) -> bool:
    same = [o for o in others if o.country == p.country]
    if not same:
        return False
    if not p.name or not any(o.name for o in same):
        return any(not _classes_clash(p.title_class, o.title_class) for o in same)
    return any(o.name and same_name(p.name, o.name) for o in same)


def _classes_clash(cx: str | None, cy: str | None) -> bool:
    """Without names, an ambassador is not a police chief: two title classes (`Participant.title_class`,
    data/titles.yaml `classes`) clash when both are known and differ."""
    return cx is not None and cy is not None and cx != cy


@functools.cache
def _honorific() -> re.Pattern[str]:
    """An honorific (data/honorifics.txt, longest first) at the start of a folded name."""
    return re.compile(r"^(?:" + "|".join(re.escape(h) for h in lexicons().honorifics) + r")\s+")


@functools.lru_cache(maxsize=200_000)
def same_name(a: str, b: str) -> bool:
    """Full or partial: "حموشي" ~ "عبد اللطيف حموشي"; spelling variants by similarity. Memoised:
    fusion asks about the same pairs of names again and again."""
    honorific = _honorific()
    fa, fb = (honorific.sub("", fold_word(x)).split() for x in (a, b))
    if not fa or not fb:
        return False
    if set(fa) <= set(fb) or set(fb) <= set(fa):
        return True
    if SequenceMatcher(None, " ".join(fa), " ".join(fb)).ratio() >= 0.85:
        return True
    if bool(LATIN.search(" ".join(fa))) != bool(LATIN.search(" ".join(fb))):
        return _same_sound(fa, fb)  # one name in Latin script, the other in Arabic
    return False


LATIN = re.compile(r"[a-z]")
# A consonant skeleton shared by both scripts: vowels, alif, waw, ya and ain dropped; letters that
# transliterations confuse share a class (ج/غ/g/j, ق/ك/خ/k/q, س/ص/ز/s/z, ش/sh/ch, ت/ط/ث/th, د/ض/ذ/ظ/dh, ب/p).
AR_KEY = str.maketrans({"ب": "b", "پ": "b", "ت": "t", "ط": "t", "ث": "t", "ج": "j", "غ": "j", "گ": "j",
                        "ح": "h", "ه": "h", "خ": "k", "ق": "k", "ك": "k", "د": "d", "ذ": "d", "ض": "d",
                        "ظ": "d", "ر": "r", "ز": "s", "س": "s", "ص": "s", "ش": "c", "ف": "f", "ڤ": "f",
                        "ل": "l", "م": "m", "ن": "n", "ا": None, "و": None, "ي": None, "ع": None, "ء": None})
LATIN_DIGRAPHS = [("tch", "c"), ("sch", "c"), ("sh", "c"), ("ch", "c"), ("kh", "k"), ("gh", "j"), ("th", "t"),
                  ("dh", "d"), ("ph", "f"), ("dj", "j"), ("ck", "k"), ("qu", "k"), ("x", "ks")]
LATIN_KEY = str.maketrans({"p": "b", "g": "j", "q": "k", "z": "s", "v": "f",
                           **{v: None for v in "aeiouyw'-"}})


def skeleton(word: str) -> str:
    """`skeleton("Hammouchi") == skeleton("حموشي") == "hmc"`."""
    if LATIN.search(word):
        word = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
        word = re.sub(r"c(?=[eiy])", "s", word)
        for a, b in LATIN_DIGRAPHS:
            word = word.replace(a, b)
        word = word.translate(LATIN_KEY)
    else:
        word = re.sub(r"ه$", "", word).translate(AR_KEY)  # a final ه is the folded ta marbuta
    return re.sub(r"(.)\1+", r"\1", re.sub(r"[^a-z]", "", word))


def _same_sound(fa: list[str], fb: list[str]) -> bool:
    ka, kb = [k for k in map(skeleton, fa) if k], [k for k in map(skeleton, fb) if k]
    ja, jb = "".join(ka), "".join(kb)
    if min(len(ja), len(jb)) < 3:
        return False
    if SequenceMatcher(None, ja, jb).ratio() >= 0.8:
        return True
    short, long_ = sorted((ka, kb), key=len)
    return all(len(k) >= 3 and any(SequenceMatcher(None, k, m).ratio() >= 0.8 for m in long_) for k in short)


def merge(a: Event, b: Event) -> Event:
    """Union of sources; each field from the more specific report (date disagreements are recorded
    by `_date_conflict` once all reports are merged)."""
    a.sources = a.sources + b.sources
    # Reports that give the best date again (or none) cannot change it: no recount (copies are many).
    same = all(s.date in {None, a.date} for s in b.sources) and a.date is not None
    best = a.date if same else _best_date(a.sources)
    if best != a.date:
        a.date, a.date_how = best, (b.date_how if best == b.date else a.date_how)
    if not a.location.city and b.location.city:
        a.location = b.location
    a.location.country = a.location.country or b.location.country
    for p in a.participants:
        match = next((o for o in b.participants if o.country == p.country and o.role != "attendee"), None)
        if match is None:
            continue
        if p.role != match.role and match.role in {"host", "guest"} and p.role == "participant":
            p.role = match.role
        p.name = _fuller(p.name, match.name)
        p.title = _fuller(p.title, match.title)
        p.organization = p.organization or match.organization
        p.sector = p.sector or match.sector
    a.topics = sorted(set(a.topics) | set(b.topics))
    if b.kind == "agreement":
        a.kind = "agreement"
    a.confidence = min(0.99, max(a.confidence, b.confidence) + 0.05)
    return a


def _fuller(x: str | None, y: str | None) -> str | None:
    """The more complete of two spellings of one thing ("حموشي" < "عبد اللطيف حموشي"); else the first."""
    if not x or not y or x == y:
        return x or y
    wx, wy = set(fold_word(x).split()), set(fold_word(y).split())
    return y if wx < wy else x


def _best_date(sources: list[Source]) -> str | None:
    """The most precise date, then the one given by most documents (a copy is not a second
    witness), then the earliest-sorting document's."""
    support: dict[str, set[str]] = defaultdict(set)
    first: dict[str, tuple[str, int, int]] = {}
    for s in sources:
        if s.date:
            support[s.date].add(s.duplicate_of or s.doc)
            key = (s.doc, s.segment, s.start)
            if key < first.get(s.date, key):
                first[s.date] = key
            first.setdefault(s.date, key)
    if not support:
        return None
    return min(support, key=lambda d: (-len(d), -len(support[d]), first[d]))


def _date_conflict(ev: Event) -> None:
    """One `conflicts` entry for the date: the documents behind each value; a value that only
    refines another ("2025-01" -> "2025-01-20") is no disagreement."""
    claims: dict[str, set[str]] = defaultdict(set)
    for s in ev.sources:
        if s.date:
            claims[s.date].add(s.doc)
    values = [d for d in claims if not any(o != d and o.startswith(d) for o in claims)]
    ev.conflicts = [c for c in ev.conflicts if c.get("field") != "date"]
    if len(values) > 1:
        ev.conflicts.append({"field": "date", "values": {d: sorted(claims[d]) for d in sorted(values)}})

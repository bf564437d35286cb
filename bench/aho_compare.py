"""The gazetteer scans: marsad's C automaton (marsad._speedups.Automaton.words) against
ahocorasick_rs with the word and proclitic filter in Python (issue 16, "One compiled path").

    python bench/aho_compare.py [--mb 4] [--rounds 7] [--only c|rs] [--json PATH]

Needs `pip install ahocorasick_rs` (a measurement, not a dependency of marsad). Results of
2026-12-02 and the decision: docs/benchmarks.md, "Session 2026-12-02".

Corpus: every page of examples/, tests/pages/** and ../shared/seeds/ (HTML through
marsad.clean.html.html_to_text), folded as the pipeline folds a segment (normalize.fold), repeated
until the folded text is at least `--mb` MB of UTF-8. Each text is scanned by the three gazetteers
of `lexicons()` (places, agencies, title heads), one text at a time, as `extract` does.

Both sides get the same folded entry forms (`Gazetteer.pairs`); for ahocorasick_rs the automaton
is built from them in the same order (pattern index = pair index), searched with overlapping
matches, and each raw match goes through the filter the C automaton applies (`words` in
src/marsad/_speedups.c, twin `_native.Automaton.words`): the match must end a word (next character
not alphanumeric), whatever alphabetic run stands before it must be a proclitic chain of
PROCLITIC_SET (a form whose article was dropped, "لمغرب" of "للمغرب", needs a lam there), then
the longest hits that do not overlap, leftmost first on equal length, in text order. The script
asserts that both give identical match lists on every text before timing anything.

ahocorasick_rs works on UTF-8: a `str` is encoded on its first search and CPython keeps that copy
on the object. Every timing round therefore scans fresh copies of the texts (built outside the
clock), so the encoding is paid once per text and shared by its three scans, as in the pipeline.

Times are CPU seconds of this process (time.process_time), rounds of C and ahocorasick_rs
alternated (A B A B ...) so drift on this shared machine hits both; the minimum over rounds is
the figure (as timeit reports), the median beside it.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "examples", ROOT / "tests" / "pages", ROOT.parent / "shared" / "seeds"]

from marsad import speedups  # noqa: E402
from marsad._native import longest_apart  # noqa: E402
from marsad.clean.html import html_to_text  # noqa: E402
from marsad.ingest import read_inputs  # noqa: E402
from marsad.lexicons import PROCLITIC_SET, lexicons  # noqa: E402
from marsad.normalize import fold  # noqa: E402
from marsad.settings import Settings  # noqa: E402

GAZETTEERS = ("places", "agencies", "title_heads")


# ----------------------------------------------------------------------------------- corpus


def page_texts() -> list[str]:
    """The folded text of every page in SOURCES (missing folders are skipped, and said)."""
    paths = [str(p) for p in SOURCES if p.is_dir()]
    for p in SOURCES:
        if not p.is_dir():
            print(f"note: {p} missing, skipped", file=sys.stderr)
    out = []
    for doc in read_inputs(paths, Settings()):
        if not hasattr(doc, "doc"):  # an InputError
            continue
        text = doc.text or (html_to_text(doc.html)[0] if doc.html else "")
        if text.strip():
            out.append(fold(text).text)
    if not out:
        raise SystemExit("aho_compare: no pages found")
    return out


def corpus(mb: float) -> tuple[list[str], int]:
    """The page texts repeated to at least `mb` MB of UTF-8; (texts, distinct pages)."""
    pages = page_texts()
    size = sum(len(t.encode()) for t in pages)
    reps = max(1, -(-int(mb * 1e6) // size))
    return pages * reps, len(pages)


def fresh(texts: list[str]) -> list[str]:
    """New str objects with the same content (no cached UTF-8 copy from an earlier round)."""
    return [t[:1] + t[1:] for t in texts]


# ----------------------------------------------------------------------- ahocorasick_rs side


class RsGazetteer:
    """One gazetteer on ahocorasick_rs: the same (form, (length, hits, dropped)) pairs, the
    filter and the longest-match choice in Python."""

    def __init__(self, pairs: list[tuple[str, Any]], proclitics: frozenset[str], implementation: Any = None,
                 longest: bool = False):
        import ahocorasick_rs as rs

        self.forms = [form for form, _ in pairs]
        self.hits = [value[1] for _, value in pairs]
        self.dropped = [bool(value[2]) for _, value in pairs]
        self.proclitics = proclitics
        # An alphabetic run longer than this before a hit cannot be a proclitic chain (+1: the lam
        # of a dropped article), so the walk back over it can stop there.
        self.reach = max(map(len, proclitics)) + 1
        # longest: leftmost-longest, non-overlapping matches (cheaper, but not the same answers:
        # a long match inside a word hides a shorter one that is a word). Only for the note.
        kind = rs.MatchKind.LeftmostLongest if longest else rs.MatchKind.Standard
        self.overlapping = not longest
        self.ac = rs.AhoCorasick(self.forms, matchkind=kind, implementation=implementation)

    def raw(self, folded: str) -> list[tuple[int, int, int]]:
        return self.ac.find_matches_as_indexes(folded, overlapping=self.overlapping)

    def words(self, folded: str) -> list[tuple[int, int, Any]]:
        """As `Automaton.words(folded, proclitics)` of the C module."""
        n = len(folded)
        dropped_of, proclitics, reach = self.dropped, self.proclitics, self.reach
        found = []
        add = found.append
        for k, start, stop in self.ac.find_matches_as_indexes(folded, overlapping=self.overlapping):
            if stop < n and folded[stop].isalnum():
                continue  # inside a word
            dropped = dropped_of[k]
            if dropped or (start and folded[start - 1].isalpha()):
                lead = start
                limit = start - reach
                while lead > 0 and folded[lead - 1].isalpha():
                    lead -= 1
                    if lead < limit:
                        break
                if lead < limit:
                    continue  # too long for a proclitic chain
                prefix = folded[lead:start]
                if dropped:
                    if not prefix.endswith("ل"):
                        continue
                    prefix = prefix[:-1]
                if prefix not in proclitics:
                    continue
            add((start, stop, k))
        if not found:
            return []
        if len(found) > 1:
            found = longest_apart(found, n)  # the twin's choice, shared
        hits = self.hits
        return [(start, stop, hits[k]) for start, stop, k in found]


# ---------------------------------------------------------------------------------- timing


def cpu(fn: Callable[[], object]) -> float:
    t0 = time.process_time()
    fn()
    return time.process_time() - t0


def build_times(pairs: list[tuple[str, Any]], impl: Any, repeat: int = 5) -> tuple[float, float]:
    """Fastest build (CPU s) of the C automaton and of the ahocorasick_rs one, from `pairs`."""
    c = min(cpu(lambda: speedups.Automaton(pairs)) for _ in range(repeat))
    r = min(cpu(lambda: RsGazetteer(pairs, PROCLITIC_SET, impl)) for _ in range(repeat))
    return c, r


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=4.0, help="MB of folded UTF-8 text to scan per round")
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--only", choices=("c", "rs"), help="only this side's scans, --rounds times (for timing whole processes)")
    ap.add_argument("--json", metavar="PATH", help="write the figures as JSON")
    args = ap.parse_args(argv)

    if speedups.IMPLEMENTATION != "marsad._speedups":
        raise SystemExit(f"aho_compare: the C module is not in use ({speedups.IMPLEMENTATION}); build it first")
    try:
        import ahocorasick_rs as rs
    except ImportError:
        raise SystemExit("aho_compare: needs ahocorasick_rs (not a marsad dependency): .venv/bin/pip install ahocorasick_rs") from None

    lex = lexicons()
    gaz = {name: getattr(lex, name) for name in GAZETTEERS}
    texts, distinct = corpus(args.mb)
    nbytes = sum(len(t.encode()) for t in texts)
    nchars = sum(map(len, texts))
    mb = nbytes / 1e6

    impls = {"default": None, "DFA": rs.Implementation.DFA, "ContiguousNFA": rs.Implementation.ContiguousNFA}
    rs_by_impl = {label: {name: RsGazetteer(g.pairs, PROCLITIC_SET, impl) for name, g in gaz.items()}
                  for label, impl in impls.items()}
    c_auto = {name: g.automaton for name, g in gaz.items()}
    rs_longest = {name: RsGazetteer(g.pairs, PROCLITIC_SET, rs.Implementation.DFA, longest=True)
                  for name, g in gaz.items()}

    def c_scan(batch: list[str]) -> None:
        autos = list(c_auto.values())
        for t in batch:
            for a in autos:
                a.words(t, PROCLITIC_SET)

    def rs_scan(label: str) -> Callable[[list[str]], None]:
        gs = list(rs_by_impl[label].values())

        def run(batch: list[str]) -> None:
            for t in batch:
                for g in gs:
                    g.words(t)
        return run

    if args.only:
        scan = c_scan if args.only == "c" else rs_scan("DFA")
        for _ in range(args.rounds):
            scan(fresh(texts))
        return 0

    # 1. the same matches, text by text
    raw_hits = kept_hits = 0
    longest_differ: set[str] = set()
    for t in set(texts):
        for name in gaz:
            want = c_auto[name].words(t, PROCLITIC_SET)
            for label, gs in rs_by_impl.items():
                got = gs[name].words(t)
                assert got == want, (name, label, t[:80])
                assert [h[2] is w[2] for h, w in zip(got, want, strict=True)] == [True] * len(want)
            if rs_longest[name].words(t) != want:
                longest_differ.add(t)
            raw = rs_by_impl["default"][name].raw(t)
            assert len(raw) == len(c_auto[name].iter(t)), (name, "raw count", t[:80])
            raw_hits += len(raw) * texts.count(t)
            kept_hits += len(want) * texts.count(t)

    # 2. scans, alternated
    sides: dict[str, Callable[[list[str]], None]] = {"C automaton (marsad._speedups)": c_scan}
    for label in impls:
        sides[f"ahocorasick_rs {label} + Python filter"] = rs_scan(label)

    def raw_c(batch: list[str]) -> None:
        for t in batch:
            for a in c_auto.values():
                a.iter(t)

    def raw_rs(label: str) -> Callable[[list[str]], None]:
        gs = list(rs_by_impl[label].values())

        def run(batch: list[str]) -> None:
            for t in batch:
                for g in gs:
                    g.raw(t)
        return run

    def encode_only(batch: list[str]) -> None:
        for t in batch:
            t.encode()

    def longest_scan(batch: list[str]) -> None:
        gs = list(rs_longest.values())
        for t in batch:
            for g in gs:
                g.words(t)

    sides["(not the same matches) rs leftmost-longest + filter"] = longest_scan
    sides["raw matches, C .iter (no filter)"] = raw_c
    for label in impls:
        sides[f"raw matches, ahocorasick_rs {label} (no filter)"] = raw_rs(label)
    sides["str -> UTF-8 once per text (t.encode())"] = encode_only
    times: dict[str, list[float]] = {k: [] for k in sides}
    for _ in range(args.rounds):
        for label, fn in sides.items():
            batch = fresh(texts)
            times[label].append(cpu(lambda fn=fn, batch=batch: fn(batch)))

    # 3. build
    builds = {name: build_times(g.pairs, rs.Implementation.DFA) for name, g in gaz.items()}
    builds_default = {name: build_times(g.pairs, None)[1] for name, g in gaz.items()}

    c_best = min(times["C automaton (marsad._speedups)"])
    rows = []
    for label, ts in times.items():
        best = min(ts)
        rows.append({"side": label, "best_s": best, "median_s": statistics.median(ts),
                     "ms_per_mb": 1000 * best / mb, "ratio_vs_c": best / c_best})
    rs_best = min(r["best_s"] for r in rows if r["side"].startswith("ahocorasick_rs"))  # same matches only
    verdict = "replace: within 20%" if rs_best <= 1.2 * c_best else "keep C: ahocorasick_rs is more than 20% slower"

    out = {
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "python": platform.python_version(),
        "ahocorasick_rs": _version("ahocorasick_rs"),
        "corpus": {"distinct_pages": distinct, "texts": len(texts), "chars": nchars, "utf8_mb": round(mb, 3),
                   "raw_matches": raw_hits, "kept_matches": kept_hits,
                   "distinct_texts_where_leftmost_longest_differs": len(longest_differ)},
        "forms": {name: len(g.pairs) for name, g in gaz.items()},
        "rounds": args.rounds,
        "scans": rows,
        "build_ms": {name: {"c": 1000 * c, "rs_dfa": 1000 * r, "rs_default": 1000 * builds_default[name]}
                     for name, (c, r) in builds.items()},
        "verdict": verdict,
        "rs_best_ratio": rs_best / c_best,
    }
    print(f"corpus: {distinct} distinct pages x{len(texts) // distinct} = {len(texts)} texts, {nchars:,} chars, "
          f"{mb:.2f} MB UTF-8 (folded); raw matches {raw_hits:,}, kept {kept_hits:,} (three gazetteers)")
    print("forms: " + ", ".join(f"{k} {v:,}" for k, v in out["forms"].items()))
    print("identical match lists on every text: yes (all three gazetteers, every ahocorasick_rs implementation)")
    print(f"leftmost-longest non-overlapping matches + the filter: different answers on {len(longest_differ)} "
          f"of {distinct} distinct pages (so not a candidate; timed for reference)")
    print(f"\n{'scan (3 gazetteers per text)':<52} {'best s':>8} {'median s':>9} {'ms/MB':>8} {'x C':>6}")
    for r in rows:
        print(f"{r['side']:<52} {r['best_s']:8.3f} {r['median_s']:9.3f} {r['ms_per_mb']:8.1f} {r['ratio_vs_c']:6.2f}")
    print(f"\n{'build (CPU ms, fastest of 5)':<28} {'C':>8} {'rs DFA':>8} {'rs default':>11}")
    for name, b in out["build_ms"].items():
        print(f"{name:<28} {b['c']:8.1f} {b['rs_dfa']:8.1f} {b['rs_default']:11.1f}")
    print(f"\nbest ahocorasick_rs / C = {out['rs_best_ratio']:.2f} -> {verdict}")
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


def _version(dist: str) -> str:
    from importlib.metadata import version

    return version(dist)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

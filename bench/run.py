"""marsad benchmarks: throughput per core of each stage, peers in the same run, date accuracy.

    python bench/run.py [--pages N] [--quick] [--budget S] [--only clean,dates,...] [--profile]
                        [--write docs/benchmarks.md]

Stages: clean (vs jusText, trafilatura), dates (vs dateparser), annotate, extract (end to end,
one process, then two worker processes given index ranges), fuse (synthetic events in a fresh
process, 10% and full size), ingest (only if marsad.store exists), scaling (process() on each seed
page, then with its article doubled and quadrupled: bench/scaling.py; `--only scaling` runs it
alone in ~15 s). Pages are built in memory
from the five seed pages (bench/corpus.py); nothing is written unless `--write PATH`.

A stage that would run longer than `--budget` seconds stops there and reports how many items it
did (the rate is what matters; the page mix repeats every 5 pages). `--budget 0`: no limit.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import csv
import datetime as dt
import importlib.util
import io
import json
import multiprocessing
import os
import platform
import pstats
import resource
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import corpus  # noqa: E402
import report  # noqa: E402

from marsad.annotate import annotate_segment  # noqa: E402
from marsad.clean import clean_document  # noqa: E402
from marsad.extract.dates import find_dates  # noqa: E402
from marsad.model import Document  # noqa: E402
from marsad.pipeline import process  # noqa: E402
from marsad.settings import Settings  # noqa: E402

REF = dt.date(2026, 11, 22)
STAGES = ("clean", "dates", "annotate", "extract", "fuse", "ingest", "scaling")
TARGETS = {"clean": 3000, "annotate": 2000, "extract": 1000}  # items/s on one core
DATES_SPEEDUP = 20  # find_dates must be this many times faster than dateparser


@dataclass
class Row:
    stage: str
    items: int
    seconds: float
    unit: str
    target: float | None = None
    note: str = ""
    cpu: float | None = None  # CPU seconds of this process for the work (None: not measured)
    done: bool = True  # False: stopped by a time limit before the end
    result: str | None = None  # a verdict that is not a rate against a target (fuse scaling)
    best: float | None = None  # items per CPU second in the fastest block of BLOCK items (see `timed`)

    @property
    def mean_rate(self) -> float:
        """Items per second of one core over the whole run: per CPU second when measured, else wall."""
        spent = self.cpu if self.cpu else self.seconds
        return self.items / spent if spent > 0 else float("nan")

    @property
    def rate(self) -> float:
        """The rate compared with the target: the fastest block when blocks were timed (the least
        disturbed by other work on a shared machine, as `timeit` takes the minimum), else the mean."""
        return self.best if self.best else self.mean_rate

    @property
    def wall_rate(self) -> float:
        return self.items / self.seconds if self.seconds > 0 else float("nan")

    @property
    def verdict(self) -> str:
        if self.result is not None:
            return self.result
        if self.target is None:
            return "-"
        return "pass" if self.rate >= self.target else "FAIL"


@dataclass
class Results:
    args: argparse.Namespace
    rows: list[Row] = field(default_factory=list)
    clean_peers: list[dict] = field(default_factory=list)
    date_scores: list[dict] = field(default_factory=list)
    seed_dates: list[dict] = field(default_factory=list)
    fuse: list[dict] = field(default_factory=list)
    scaling: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    profiles: dict[str, str] = field(default_factory=dict)
    machine: dict[str, str] = field(default_factory=dict)

    def add(self, row: Row) -> Row:
        self.rows.append(row)
        done = "" if row.done else " (stopped by a time limit)"
        print(f"  {row.stage:<32} {row.items:>9,} {row.unit:<6} {row.seconds:8.2f} s "
              f"{row.rate:>10,.0f}/s  {row.verdict}{done}", flush=True)
        return row


BLOCK = 1000  # items per timed block: the page mix repeats every 5 pages, so blocks are alike


def timed(items: Sequence, fn: Callable, budget: float) -> tuple[int, float, float, list]:
    """Apply `fn` to items in order until done or `budget` seconds are spent.

    Returns (count, wall seconds, CPU seconds, outputs); `timed.best` is then the rate (items per
    CPU second) of the fastest whole block of BLOCK items, or None if there was none."""
    out = []
    append = out.append
    clock = time.perf_counter
    cpu = cpu_block = time.process_time()
    blocks = []
    start = clock()
    deadline = start + budget if budget > 0 else float("inf")
    for x in items:
        append(fn(x))
        if len(out) % BLOCK == 0:
            now = time.process_time()
            blocks.append(now - cpu_block)
            cpu_block = now
        if clock() > deadline:
            break
    timed.best = BLOCK / min(blocks) if blocks and min(blocks) > 0 else None  # type: ignore[attr-defined]
    return len(out), clock() - start, time.process_time() - cpu, out


def repeat(fn: Callable[[], object], min_seconds: float) -> tuple[int, float, float]:
    """Run `fn` until `min_seconds` have passed: (runs, wall seconds, CPU seconds)."""
    runs, start, cpu = 0, time.perf_counter(), time.process_time()
    while True:
        fn()
        runs += 1
        spent = time.perf_counter() - start
        if spent >= min_seconds:
            return runs, spent, time.process_time() - cpu


def load_scorer():
    spec = importlib.util.spec_from_file_location("gold_score", corpus.SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ----------------------------------------------------------------------------------------- clean


def stage_clean(res: Results, pages: list[tuple[str, str]], settings: Settings) -> list[list]:
    budget = res.args.budget
    docs = [Document(doc=name, text=text) for name, text in pages]
    # Timed as a pipeline uses it: each page's segments are dropped after use (keeping 10,000 pages of
    # segments alive makes the garbage collector ~10% slower); kept afterwards, untimed, for annotate.
    n, secs, cpu, counts = timed(docs, lambda d: len(clean_document(d, settings)), budget)
    res.add(Row("clean", n, secs, "pages", TARGETS["clean"], cpu=cpu, done=n == len(docs),
                note=f"{sum(counts) / max(n, 1):.2f} segments/page", best=timed.best))
    segs = [clean_document(d, settings) for d in docs]

    scorer = load_scorer()
    gold = json.loads(corpus.GOLD.read_text(encoding="utf-8"))
    seeds = corpus.seed_pages()
    ours = [s.to_dict() for name, text in seeds for s in clean_document(Document(doc=name, text=text), settings)]
    score = scorer.score_clean(gold, ours)
    res.clean_peers.append({"tool": "marsad clean_document", "pages": n, "seconds": cpu,
                            "f1": score["main_article_token_f1"], "count": score["segment_count_accuracy"],
                            "per_doc": score["per_doc"]})

    htmls = [corpus.as_html(text) for _, text in pages]
    seed_htmls = [(name, corpus.as_html(text)) for name, text in seeds]
    for tool, fn in _peers():
        if fn is None:
            res.notes.append(f"{tool} is not installed: `pip install -e '.[bench]'`")
            continue
        fn(seed_htmls[0][1])  # warm up
        m, psecs, pcpu, _ = timed(htmls, fn, budget)
        segs_peer = [{"doc": name, "segment": 0, "title": None, "text": fn(h)} for name, h in seed_htmls]
        sc = scorer.score_clean(gold, segs_peer)
        res.clean_peers.append({"tool": tool, "pages": m, "seconds": pcpu, "f1": sc["main_article_token_f1"],
                                "count": sc["segment_count_accuracy"], "per_doc": sc["per_doc"]})
        res.add(Row(f"  peer: {tool}", m, psecs, "pages", None, cpu=pcpu, done=m == len(htmls), best=timed.best))
    return segs


def _peers() -> list[tuple[str, Callable[[str], str] | None]]:
    out: list[tuple[str, Callable[[str], str] | None]] = []
    try:
        import justext

        stoplist = justext.get_stoplist("Arabic")

        def run_justext(h: str) -> str:
            return "\n\n".join(p.text for p in justext.justext(h, stoplist) if not p.is_boilerplate)

        out.append(("jusText", run_justext))
    except ImportError:
        out.append(("jusText", None))
    try:
        import trafilatura

        def run_trafilatura(h: str) -> str:
            return trafilatura.extract(h) or ""

        out.append(("trafilatura", run_trafilatura))
    except ImportError:
        out.append(("trafilatura", None))
    return out


# ----------------------------------------------------------------------------------------- dates


def _expected(cell: str) -> list[str]:
    return [v.strip() for v in cell.split("|") if v.strip()]


def _ours(text: str, published: str | None, ref: dt.date) -> list[str]:
    out = []
    for m in find_dates(text, published or None, ref):
        if m.value:
            out.append(f"{m.value}..{m.extra['until']}" if m.extra.get("until") else m.value)
    return out


def _dateparser(search_dates, text: str, published: str | None, ref: dt.date) -> list[str]:
    base = dt.datetime.fromisoformat(published) if published else dt.datetime.combine(ref, dt.time())
    found = search_dates(text, languages=["ar"], settings={"RELATIVE_BASE": base}) or []
    return [d.date().isoformat() for _, d in found]


def _score(name: str, got_all: list[list[str]], want_all: list[list[str]], key=lambda v: v) -> dict:
    """Multiset matching per row: a found value hits at most one expected value."""
    tp = fp = fn = 0
    for got, want in zip(got_all, want_all, strict=True):
        left = Counter(key(w) for w in want)
        hits = 0
        for g in got:
            if left[g] > 0:
                left[g] -= 1
                hits += 1
        tp, fp, fn = tp + hits, fp + len(got) - hits, fn + len(want) - hits
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"tool": name, "tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r,
            "f1": 2 * p * r / (p + r) if p + r else 0.0}


def stage_dates(res: Results, page_segments: list[list], settings: Settings) -> None:
    """Accuracy on the table; speed on the table and on cleaned page articles (all distinct texts)."""
    with open(corpus.DATES_TABLE, encoding="utf-8") as f:
        table = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    refs = [dt.date.fromisoformat(r["ref_date"]) for r in table]
    want = [_expected(r["expected"]) for r in table]

    ours = [_ours(r["text"], r["published"], ref) for r, ref in zip(table, refs, strict=True)]
    runs, secs, cpu = repeat(lambda: [_ours(r["text"], r["published"], ref) for r, ref in zip(table, refs, strict=True)],
                             1.0)
    ours_row = res.add(Row("dates: find_dates (table)", runs * len(table), secs, "texts", cpu=cpu))
    res.date_scores.append(_score("marsad find_dates", ours, want) | {"rate": ours_row.rate})

    # Speed on seed articles: the cleaned main article of each in-memory page, each text seen once
    # (no cache on either side can help), for at most 3 s per tool.
    texts = [(segs[0].text, segs[0].published) for segs in page_segments if segs]
    n, secs, cpu, _ = timed(texts, lambda tp: find_dates(tp[0], tp[1], REF), 3.0)
    ours_seed = res.add(Row("dates: find_dates (seed articles)", n, secs, "texts", cpu=cpu, done=n == len(texts)))

    try:
        from dateparser.search import search_dates
    except ImportError:
        res.notes.append("dateparser is not installed: `pip install -e '.[bench]'`; no date comparison")
        return
    _dateparser(search_dates, "استقبل الوزير يوم 20 يناير 2025 سفير فرنسا", None, REF)  # warm up
    start, cpu = time.perf_counter(), time.process_time()
    theirs = [_dateparser(search_dates, r["text"], r["published"], ref) for r, ref in zip(table, refs, strict=True)]
    secs, cpu = time.perf_counter() - start, time.process_time() - cpu
    dp_row = res.add(Row("  peer: dateparser (table)", len(table), secs, "texts", cpu=cpu))
    res.date_scores.append(_score("dateparser search_dates", theirs, want, key=lambda v: v.split("..")[0])
                           | {"rate": dp_row.rate})
    n, secs, cpu, _ = timed(texts, lambda tp: _dateparser(search_dates, tp[0], tp[1], REF), 3.0)
    dp_seed = res.add(Row("  peer: dateparser (seed articles)", n, secs, "texts", cpu=cpu, done=n == len(texts)))
    # The speed target is relative: rewrite the two rows of ours with it.
    ours_row.target = DATES_SPEEDUP * dp_row.rate
    ours_seed.target = DATES_SPEEDUP * dp_seed.rate
    ours_row.note = f"{ours_row.rate / dp_row.rate:.0f}x dateparser"
    ours_seed.note = f"{ours_seed.rate / dp_seed.rate:.0f}x dateparser"
    print(f"    speed vs dateparser: table {ours_row.rate / dp_row.rate:.1f}x, seeds {ours_seed.rate / dp_seed.rate:.1f}x "
          f"(target {DATES_SPEEDUP}x)")
    f1_ours, f1_dp = res.date_scores[0]["f1"], res.date_scores[1]["f1"]
    print(f"    table F1: marsad {f1_ours:.3f}, dateparser {f1_dp:.3f} -> {'pass' if f1_ours > f1_dp else 'FAIL'}")

    gold = json.loads(corpus.GOLD.read_text(encoding="utf-8"))
    names = [name for name, _ in corpus.seed_pages()]
    originals = [clean_document(Document(doc=name, text=text), settings) for name, text in corpus.seed_pages()]
    for name, segs in zip(names, originals, strict=True):
        text, published = segs[0].text, segs[0].published
        gold_dates = sorted({e["date"] for e in gold["events"] if name in e["docs"] and e.get("date")})
        res.seed_dates.append({
            "doc": name, "gold": gold_dates,
            "ours": [m.value for m in find_dates(text, published, REF)],
            "dateparser": [f"{d} ({s})" for s, d in _dateparser_spans(search_dates, text, published)]})


def _dateparser_spans(search_dates, text: str, published: str | None) -> list[tuple[str, str]]:
    base = dt.datetime.fromisoformat(published) if published else dt.datetime.combine(REF, dt.time())
    found = search_dates(text, languages=["ar"], settings={"RELATIVE_BASE": base}) or []
    return [(s, d.date().isoformat()) for s, d in found]


# ------------------------------------------------------------------------------ annotate, extract


def stage_annotate(res: Results, segs: list[list], settings: Settings) -> None:
    def one(page_segments):
        return sum(len(annotate_segment(s, settings)) for s in page_segments)

    n, secs, cpu, counts = timed(segs, one, res.args.budget)
    res.add(Row("annotate", n, secs, "pages", TARGETS["annotate"], cpu=cpu, done=n == len(segs),
                note=f"{sum(counts) / max(n, 1):.1f} mentions/page", best=timed.best))


_DOCS: list[Document] = []  # set before forking: workers read their index range from it


def _process_range(bounds: tuple[int, int]) -> tuple[int, int]:
    settings = Settings(ref_date=REF)
    events = 0
    for doc in _DOCS[bounds[0]:bounds[1]]:
        events += len(process(doc, settings).events)
    return bounds[1] - bounds[0], events


def stage_extract(res: Results, pages: list[tuple[str, str]], settings: Settings) -> None:
    global _DOCS
    docs = [Document(doc=name, text=text) for name, text in pages]
    n, secs, cpu, out = timed(docs, lambda d: process(d, settings), res.args.budget)
    events = sum(len(p.events) for p in out)
    one = res.add(Row("extract (pipeline.process)", n, secs, "pages", TARGETS["extract"], cpu=cpu, done=n == len(docs),
                      note=f"{events / max(n, 1):.2f} events/page", best=timed.best))
    del out
    if res.args.workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return
    _DOCS = docs[:n]
    w = res.args.workers
    bounds = [(k * n // w, (k + 1) * n // w) for k in range(w)]
    ctx = multiprocessing.get_context("fork")
    start = time.perf_counter()
    with ctx.Pool(w) as pool:
        done = pool.map(_process_range, bounds, chunksize=1)
    secs2 = time.perf_counter() - start
    _DOCS = []
    total = sum(d for d, _ in done)
    row = Row(f"extract, {w} processes (total)", total, secs2, "pages",
              note=f"x{(total / secs2) / one.wall_rate:.2f} vs one process (wall); {sum(e for _, e in done) / max(total, 1):.2f} events/page")
    res.add(row)


# ------------------------------------------------------------------------------------------- fuse


def _fuse_run(n: int, timeout: int) -> dict:
    cmd = [sys.executable, str(BENCH / "fuse_worker.py"), str(n), str(timeout)]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        return {"n": n, "error": (proc.stderr.strip().splitlines() or ["?"])[-1]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def stage_fuse(res: Results) -> None:
    n = res.args.fuse_events
    # The 10% run is short, so one disturbed second moves it by half: its baseline is the median of
    # three runs, two before the full run and one after it (the machine's speed drifts over minutes).
    smalls = [_fuse_run(n // 10, 0) for _ in range(2)]
    full = _fuse_run(n, res.args.fuse_timeout) if all("error" not in r for r in smalls) else {}
    smalls.append(_fuse_run(n // 10, 0))
    failed = next((r for r in [*smalls, full] if "error" in r), None)
    if failed is not None:
        res.notes.append(f"fuse failed on {failed['n']:,} synthetic events: {failed['error']}")
        print(f"  fuse: FAILED: {failed['error']}")
        return
    small = sorted(smalls, key=lambda r: r["fuse_cpu"])[1]
    res.fuse.append(small)
    runs = ", ".join(format(r["fuse_cpu"], ".2f") for r in smalls)
    res.add(Row(f"fuse, {n // 10:,} events (10%)", n // 10, small["fuse_s"], "events", cpu=small["fuse_cpu"],
                note=f"median of 3 runs ({runs} CPU s); peak RSS {small['peak_mb']:.0f} MB"))
    res.fuse.append(full)
    per_small = small["fuse_cpu"] / small["n"]
    per_full = full["fuse_cpu"] / full["n"]
    ratio = per_full / per_small
    full["cost_ratio"] = ratio
    if full["timed_out"]:
        note = (f"DID NOT FINISH in {full['fuse_s']:.0f} s (--fuse-timeout); per-event cost already "
                f">= {ratio:.1f}x the 10% run; peak RSS {full['peak_mb']:.0f} MB")
    else:
        note = f"per-event cost x{ratio:.2f} vs 10% run; peak RSS {full['peak_mb']:.0f} MB"
    # Target: near-linear scaling, i.e. at most twice the per-event cost at ten times the size.
    full["linear"] = (not full["timed_out"]) and ratio <= 2.0
    res.add(Row(f"fuse, {n:,} events", n, full["fuse_s"], "events", cpu=full["fuse_cpu"], note=note,
                done=not full["timed_out"],
                result="pass" if full["linear"] else "FAIL"))
    print(f"    scaling: per-event cost x{ratio:.2f} at 10x the events -> "
          f"{'near-linear (pass)' if full['linear'] else 'NOT near-linear (FAIL)'}")


# ----------------------------------------------------------------------------------------- ingest


def stage_ingest(res: Results, pages: list[tuple[str, str]], settings: Settings) -> None:
    """2,000 page files -> a temp SQLite DB: the CLI if it has `ingest`, else the library."""
    if importlib.util.find_spec("marsad.store") is None:
        res.notes.append("ingest: skipped, `marsad.store` does not exist yet")
        print("  ingest: skipped (no marsad.store)")
        return
    n = min(2000, len(pages))
    with tempfile.TemporaryDirectory(prefix="marsad-bench-") as tmp:
        pages_dir = Path(tmp) / "pages"
        pages_dir.mkdir()
        for name, text in pages[:n]:
            (pages_dir / name).write_text(text, encoding="utf-8")
        db = Path(tmp) / "cli.db"
        cmd = [sys.executable, "-m", "marsad", "--db", str(db), "ingest", str(pages_dir)]
        start, before = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
        proc = subprocess.run(cmd, capture_output=True, text=True)
        secs, after = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        if proc.returncode == 0:
            res.add(Row("ingest (CLI: files -> SQLite)", n, secs, "pages", cpu=cpu,
                        note=f"whole command incl. start-up; DB {db.stat().st_size / 1e6:.1f} MB"))
            return
        why = (proc.stderr.strip().splitlines() or ["no message"])[-1]
        res.notes.append(f"ingest: `marsad --db X ingest DIR` failed (exit {proc.returncode}): {why}; "
                         "measured through the library instead")
        print(f"  ingest: CLI failed (exit {proc.returncode}): {why} -> library")
        try:
            from marsad.pipeline import pages as read_pages
            from marsad.store import Store

            db = Path(tmp) / "lib.db"
            errors: list = []
            start = time.perf_counter()
            done = list(read_pages([str(pages_dir)], settings, errors.append))
            mid = time.perf_counter()
            with Store(str(db)) as store:
                stats = store.ingest(done, settings)
            end = time.perf_counter()
        except Exception as err:  # noqa: BLE001 - the store is being written: report, don't crash
            res.notes.append(f"ingest: the library failed too: {err.__class__.__name__}: {err}")
            print(f"  ingest: library FAILED: {err.__class__.__name__}: {err}")
            return
        size = db.stat().st_size + sum(f.stat().st_size for f in Path(tmp).glob("lib.db-*"))
    res.add(Row("ingest (library: read+process+store)", n, end - start, "pages",
                note=f"{len(errors)} input errors; {getattr(stats, 'events', '?')} events in DB; DB {size / 1e6:.1f} MB"))
    res.add(Row("  of which Store.ingest", n, end - mid, "pages",
                note=f"read+process {mid - start:.1f} s; store {end - mid:.1f} s"))


# ---------------------------------------------------------------------------------------- scaling


def stage_scaling(res: Results, settings: Settings) -> None:
    """process() on the seed pages at 1x, 2x and 4x their article's length: each doubling may cost
    at most x2.5 (issue 14). One row per shape (bench/scaling.py)."""
    import scaling

    for shape in scaling.SHAPES:
        rows = scaling.measure(shape, [1, 2, 4], 1.0, settings)
        res.scaling += rows
        ms = sum(r["ms"] for r in rows)
        note = ", ".join(f"{r['times']}x {r['kb']:.0f} KB {r['ms']:.1f} ms" for r in rows) \
            + " (5 pages); per doubling " + ", ".join(f"x{r['ratio']:.2f}" for r in rows[1:]) + f" (limit x{scaling.LIMIT})"
        res.add(Row(f"scaling: process(), {shape}, 1x/2x/4x", 5 * len(rows), ms / 1e3, "pages", cpu=ms / 1e3,
                    note=note, result=scaling.verdict(rows)))


# ---------------------------------------------------------------------------------------- profile


def profile_stage(stage: str, pages: list[tuple[str, str]], settings: Settings, n: int = 200) -> str:
    docs = [Document(doc=name, text=text) for name, text in pages[:n]]
    segs = [clean_document(d, settings) for d in docs]
    work = {
        "clean": lambda: [clean_document(d, settings) for d in docs],
        "annotate": lambda: [annotate_segment(s, settings) for page in segs for s in page],
        "extract": lambda: [process(d, settings) for d in docs],
    }[stage]
    prof = cProfile.Profile()
    prof.runcall(work)
    buf = io.StringIO()
    stats = pstats.Stats(prof, stream=buf)
    stats.sort_stats("tottime").print_stats(14)
    lines = buf.getvalue().splitlines()
    start = next((i for i, line in enumerate(lines) if line.lstrip().startswith("ncalls")), 0)
    root = str(BENCH.parent / "src") + "/"
    lib = os.path.dirname(os.__file__) + "/"
    return "\n".join(line.replace(root, "").replace(lib, "").rstrip() for line in lines[start:] if line.strip())


# ------------------------------------------------------------------------------------------- main


def machine() -> dict[str, str]:
    model = "?"
    with contextlib.suppress(OSError), open("/proc/cpuinfo") as f:
        model = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), "?")
    versions = {}
    for pkg in ("dateparser", "justext", "trafilatura"):
        try:
            from importlib.metadata import version

            versions[pkg] = version(pkg if pkg != "justext" else "jusText")
        except Exception:  # noqa: BLE001
            versions[pkg] = "not installed"
    git = "?"
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        root = str(BENCH.parent)
        head = subprocess.run(["git", "-C", root, "log", "-1", "--format=%h %s"], capture_output=True,
                              text=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", root, "status", "--short", "--", "src"], capture_output=True,
                               text=True).stdout.split("\n")
        changed = [line[3:].removeprefix("src/marsad/") for line in dirty
                   if line.strip() and line.endswith(".py") and "/web/" not in line]
        git = head[:90] + (f" + uncommitted changes in {', '.join(changed)}" if changed else "")
    from marsad import speedups

    base = os.path.realpath(os.path.join(sys.base_prefix, "bin", "python3"))  # the interpreter the venv was made from
    return {"nproc": str(os.cpu_count()), "git": git, "cpu": model,
            "python": f"{platform.python_version()}, {base}",
            "inner_loops": speedups.IMPLEMENTATION,
            "platform": platform.platform(), "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
            "peers": ", ".join(f"{k} {v}" for k, v in versions.items())}


def parse_args(argv: list[str]) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=None, help="in-memory pages (default 10,000; --quick 2,000)")
    ap.add_argument("--quick", action="store_true", help="2,000 pages, 100,000 fuse events")
    ap.add_argument("--budget", type=float, default=60.0, help="seconds per stage and tool (0: no limit)")
    ap.add_argument("--fuse-events", type=int, default=None, help="default 1,000,000 (--quick 100,000)")
    ap.add_argument("--fuse-timeout", type=int, default=200, help="seconds for the full fuse run (0: none)")
    ap.add_argument("--workers", type=int, default=2, help="processes for the end-to-end run (1: skip)")
    ap.add_argument("--only", default=",".join(STAGES), help="comma-separated stages: " + ",".join(STAGES))
    ap.add_argument("--profile", action="store_true", help="cProfile each stage that misses its target")
    ap.add_argument("--write", metavar="PATH", help="write the markdown report (e.g. docs/benchmarks.md)")
    args = ap.parse_args(argv)
    args.pages = args.pages or (2000 if args.quick else 10000)
    args.fuse_events = args.fuse_events or (100_000 if args.quick else 1_000_000)
    args.only = [s.strip() for s in args.only.split(",") if s.strip()]
    bad = set(args.only) - set(STAGES)
    if bad:
        ap.error(f"unknown stage(s): {', '.join(sorted(bad))}")
    args.argv = argv
    return args


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    res = Results(args)
    res.machine = machine()
    settings = Settings(ref_date=REF)
    wall = time.perf_counter()
    print(f"marsad bench: {args.pages:,} pages, {res.machine['nproc']} cores ({res.machine['cpu']}), "
          f"Python {res.machine['python']}, inner loops in {res.machine['inner_loops']}, "
          f"load {res.machine['load']}", flush=True)

    start = time.perf_counter()
    pages = corpus.build_pages(args.pages)
    build_s = time.perf_counter() - start

    def guarded(stage: str, fn: Callable, *fn_args):
        """One broken stage (the source is edited while we measure) is reported, not fatal."""
        try:
            return fn(*fn_args)
        except Exception as err:  # noqa: BLE001
            where = traceback.extract_tb(err.__traceback__)[-1]
            msg = (f"{stage}: FAILED with {err.__class__.__name__}: {err} "
                   f"({Path(where.filename).name}:{where.lineno})")
            res.notes.append(msg)
            print(f"  {msg}", flush=True)
            return None

    def warm_up() -> None:
        start = time.perf_counter()
        clean_document(Document(doc="warm.txt", text=pages[0][1]), settings)
        first_clean = time.perf_counter() - start
        start = time.perf_counter()
        process(Document(doc="warm.txt", text=pages[0][1]), settings)
        first_process = time.perf_counter() - start
        for _, text in pages[:5]:  # warm every code path once
            for s in process(Document(doc="warm.txt", text=text), settings).segments:
                annotate_segment(s, settings)
        res.notes.append(f"building {args.pages:,} pages in memory: {build_s:.2f} s; first call (lexicons load): "
                         f"clean_document {first_clean * 1e3:.0f} ms, then process {first_process * 1e3:.0f} ms")

    guarded("warm-up", warm_up)

    segs: list[list] = []
    if "clean" in args.only:
        segs = guarded("clean", stage_clean, res, pages, settings) or []
    if not segs and {"annotate", "dates"} & set(args.only):
        segs = guarded("clean", lambda: [clean_document(Document(doc=n, text=t), settings) for n, t in pages]) or []
    if "dates" in args.only and segs:
        guarded("dates", stage_dates, res, segs, settings)
    if "annotate" in args.only and segs:
        guarded("annotate", stage_annotate, res, segs, settings)
    del segs
    if "extract" in args.only:
        guarded("extract", stage_extract, res, pages, settings)
    if "fuse" in args.only:
        guarded("fuse", stage_fuse, res)
    if "ingest" in args.only:
        guarded("ingest", stage_ingest, res, pages, settings)
    if "scaling" in args.only:
        guarded("scaling", stage_scaling, res, settings)

    if args.profile:
        for row in res.rows:
            if row.verdict == "FAIL" and row.stage.split(" ")[0] in ("clean", "annotate", "extract"):
                stage = row.stage.split(" ")[0]
                print(f"\nprofile of {stage} (cProfile, 200 pages, by own time):")
                text = guarded(f"profile {stage}", profile_stage, stage, pages, settings)
                if text:
                    res.profiles[stage] = text
                    print(text)

    res.machine["load_end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    res.machine["wall"] = f"{time.perf_counter() - wall:.0f} s"
    print()
    print(report.text_table(res))
    if args.write:
        path = Path(args.write)
        old = path.read_text(encoding="utf-8") if path.exists() else ""
        path.write_text(report.markdown(res, old), encoding="utf-8")
        print(f"\nwrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

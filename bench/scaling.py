"""Time of process() against a page's length: each seed page as written, then with its article
doubled and quadrupled (issue 14: "doubling a page's length at most doubles its time, x2.5
allowed for noise").

    python bench/scaling.py [--min-seconds S] [--sizes 1,2,4,8]
    python bench/run.py --only scaling          # the same, as rows of the benchmark table

Two shapes: `page` (the article's paragraphs written again after the last one, each copy with a
nonsense word of its own so that cleaning does not drop it as a repeat) and `one sentence` (the
article as one paragraph without full stops, repeated inside it: a sentence as long as the page,
where the per-trigger scans of events.py were cubic). Time: CPU milliseconds of process() over
the five seed pages, the least of several runs (the least disturbed by other work on the
machine); ratio: time at 2x the length over time at 1x, 4x over 2x.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402

from marsad.clean import clean_document  # noqa: E402
from marsad.model import Document  # noqa: E402
from marsad.pipeline import process  # noqa: E402
from marsad.settings import Settings  # noqa: E402

REF = dt.date(2026, 11, 22)
LIMIT = 2.5  # a doubling may cost at most this much more time
SHAPES = ("page", "one sentence")


def _copies(paragraphs: list[str], times: int) -> list[str]:
    """The paragraphs `times` over; copy k > 0 of each carries the word `corpus.tag(k)`."""
    return [p if k == 0 else corpus._vary(p, corpus.tag(k)) for k in range(times) for p in paragraphs]


def scaled_page(text: str, times: int, shape: str, settings: Settings) -> str:
    """`text` (a seed page) with its first article `times` as long (see the module docstring)."""
    article = clean_document(Document(doc="seed.txt", text=text), settings)[0]
    paragraphs = article.text.split("\n\n")
    lines = text.split("\n")
    last = max(i for i, line in enumerate(lines) if line.strip() in paragraphs)
    if shape == "page":
        extra = [line for p in _copies(paragraphs, times)[len(paragraphs):] for line in ("", p)]
        return "\n".join(lines[:last + 1] + extra + lines[last + 1:])
    sentence = " ، ".join(p.replace(".", " ،").rstrip(" ،") for p in _copies(paragraphs, times)) + "."
    first = min(i for i, line in enumerate(lines) if line.strip() in paragraphs)
    return "\n".join(lines[:first] + [sentence] + lines[last + 1:])


def cpu_ms(docs: list[Document], settings: Settings, min_seconds: float) -> tuple[float, int]:
    """The least CPU milliseconds of process() over `docs`, and how many runs it took the least of."""
    best, runs, spent = float("inf"), 0, 0.0
    while runs < 5 or spent < min_seconds:
        gc.collect()  # each run starts from the same heap: a collection inside one run is its own cost
        start = time.process_time()
        for doc in docs:
            process(doc, settings)
        took = time.process_time() - start
        best, runs, spent = min(best, took), runs + 1, spent + took
    return best * 1e3, runs


def measure(shape: str, sizes: list[int], min_seconds: float, settings: Settings) -> list[dict]:
    """One dict per size: times, KB of the five pages, CPU ms, ms per KB, ratio to the size before."""
    seeds = corpus.seed_pages()
    out: list[dict] = []
    for times in sizes:
        docs = [Document(doc=f"{name}.x{times}", text=scaled_page(text, times, shape, settings)) for name, text in seeds]
        kb = sum(len(d.text.encode()) for d in docs) / 1024
        chars = sum(len(s.text) for d in docs for s in clean_document(d, settings))
        ms, runs = cpu_ms(docs, settings, min_seconds)
        row = {"shape": shape, "times": times, "kb": kb, "article_chars": chars, "ms": ms, "runs": runs,
               "ms_per_kb": ms / kb}
        if out:
            row["ratio"] = ms / out[-1]["ms"]
        out.append(row)
    return out


def verdict(rows: list[dict]) -> str:
    return "pass" if all(r.get("ratio", 1.0) <= LIMIT for r in rows) else "FAIL"


def table(rows: list[dict]) -> str:
    lines = ["shape          size   KB (5 pages)  article chars   CPU ms  ms/KB   ratio to the size before"]
    for r in rows:
        ratio = f"x{r['ratio']:.2f}" if "ratio" in r else "-"
        lines.append(f"{r['shape']:<13} {r['times']:>3}x {r['kb']:>13.1f} {r['article_chars']:>14,} {r['ms']:>8.1f} "
                     f"{r['ms_per_kb']:>6.2f}   {ratio}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--min-seconds", type=float, default=1.0, help="CPU seconds per size at least (5 runs at least)")
    ap.add_argument("--sizes", default="1,2,4", help="multiples of the article's length (doubling each time)")
    args = ap.parse_args(argv)
    settings = Settings(ref_date=REF)
    sizes = [int(s) for s in args.sizes.split(",")]
    if any(b != 2 * a for a, b in zip(sizes, sizes[1:], strict=False)):
        ap.error("--sizes must double each time (1,2,4,...)")
    process(Document(doc="warm.txt", text=corpus.seed_pages()[0][1]), settings)  # lexicons loaded before timing
    failed = False
    for shape in SHAPES:
        rows = measure(shape, sizes, args.min_seconds, settings)
        print(table(rows), flush=True)
        print(f"  -> {verdict(rows)} (each doubling at most x{LIMIT})\n")
        failed |= verdict(rows) != "pass"
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

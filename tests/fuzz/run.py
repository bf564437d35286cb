"""The long fuzz run: N mutated pages through process(), mark_duplicates() and fuse().

    python -m tests.fuzz [--inputs N] [--jobs J] [--seed S] [--out DIR]
    python -m tests.fuzz --replay I [--seed S]      # input I again, with its recipe and traceback

Input i is named by (seed, i): its page and its mutations are drawn from `random.Random(f"{seed}:{i}")`,
so any finding can be rebuilt from the two numbers. Prints a progress line now and then and a
summary at the end: inputs, exceptions (each kind once, with an example), broken properties,
soft findings, the slowest ms/KB, the time taken. Failing inputs are written to DIR.
Exit code 1 when an input raised or broke a property (soft findings do not count).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as a script: tests/fuzz/run.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from tests.fuzz import mutate, target
else:
    from . import mutate, target

CHUNK = 50  # inputs per task given to a worker


@dataclass
class Finding:
    """One input that raised or broke a property, with what rebuilds it."""

    index: int
    page: str
    recipe: list[tuple[str, int]]
    kb: float
    ms: float
    error: str | None
    trace: str | None
    problems: list[str]
    soft: list[str]


@dataclass
class Summary:
    inputs: int = 0
    kb: float = 0.0
    ms: float = 0.0
    exceptions: int = 0
    broken: int = 0  # inputs that broke a property (slow ones included)
    slow: int = 0
    errors: Counter = field(default_factory=Counter)  # signature -> inputs
    problems: Counter = field(default_factory=Counter)
    soft: Counter = field(default_factory=Counter)
    examples: dict[str, Finding] = field(default_factory=dict)  # signature -> first input
    slowest: tuple[float, int, float, float] = (0.0, -1, 0.0, 0.0)  # ms/KB, input, ms, KB (inputs of 1 KB or more)
    longest: tuple[float, int, float] = (0.0, -1, 0.0)  # ms, input, KB

    def add(self, i: int, res: target.Result, page: str, recipe: list[tuple[str, int]]) -> Finding | None:
        self.inputs += 1
        self.kb += res.kb
        self.ms += res.ms
        if res.kb >= 1 and res.ms_per_kb > self.slowest[0]:
            self.slowest = (res.ms_per_kb, i, res.ms, res.kb)
        if res.ms > self.longest[0]:
            self.longest = (res.ms, i, res.kb)
        self.slow += res.too_slow
        for key in {_kind(p) for p in res.soft}:
            self.soft[key] += 1
            self.examples.setdefault("soft: " + key, Finding(i, page, recipe, res.kb, res.ms, None, None, [], res.soft))
        if res.error is None and not res.problems:
            return None
        finding = Finding(i, page, recipe, res.kb, res.ms, res.error, res.trace, res.problems, res.soft)
        keys = [signature(res)] if res.error else sorted({_kind(p) for p in res.problems})
        if res.error:
            self.exceptions += 1
            self.errors[keys[0]] += 1
        else:
            self.broken += 1
            self.problems.update(keys)
        for key in keys:
            self.examples.setdefault(key, finding)
        return finding


def _kind(problem: str) -> str:
    """A problem without its particulars (ids, numbers): the kind counted in the summary."""
    return re.sub(r"\b[0-9a-f]{16}\b|\d+(?:\.\d+)?", "#", problem)[:120]


def signature(res: target.Result) -> str:
    """An exception's kind: its type and the innermost marsad line of its traceback."""
    frames = re.findall(r'File "([^"]*marsad[^"]*)", line (\d+), in (\w+)', res.trace or "")
    where = f" at {Path(frames[-1][0]).name}:{frames[-1][1]} ({frames[-1][2]})" if frames else ""
    return f"{(res.error or '').split(':')[0]}: {(res.error or '').split(':')[1].strip()}{where}"


def make_input(seed: int, i: int) -> tuple[str, str, str, list[tuple[str, int]]]:
    """(page name, page text, mutated text, recipe) of input i."""
    rng = random.Random(f"{seed}:{i}")
    name, text = rng.choice(mutate.seed_pages())
    recipe = mutate.random_recipe(rng)
    return name, text, mutate.apply(text, recipe), recipe


def _work(task: tuple[int, int, int]) -> list[tuple[int, target.Result, str, list[tuple[str, int]]]]:
    seed, lo, hi = task
    out = []
    for i in range(lo, hi):
        name, original, text, recipe = make_input(seed, i)
        res = target.check(name, text, original)
        res.trace = res.trace if res.error else None
        out.append((i, res, name, recipe))
    return out


def run(args: argparse.Namespace) -> Summary:
    summary = Summary()
    out = Path(args.out)
    tasks = [(args.seed, lo, min(lo + CHUNK, args.inputs)) for lo in range(0, args.inputs, CHUNK)]
    start = time.perf_counter()
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with ctx.Pool(args.jobs, initializer=target.warm_up) as pool:
        for batch in pool.imap_unordered(_work, tasks):
            for i, res, name, recipe in batch:
                finding = summary.add(i, res, name, recipe)
                if finding is not None:
                    _save(out, finding, args.seed)
            if summary.inputs % args.every < CHUNK:
                _progress(summary, time.perf_counter() - start)
    summary.wall = time.perf_counter() - start  # type: ignore[attr-defined]
    return summary


def _save(out: Path, finding: Finding, seed: int) -> None:
    out.mkdir(parents=True, exist_ok=True)
    text = make_input(seed, finding.index)[2]
    (out / f"{finding.index}.txt").write_text(text, encoding="utf-8", errors="surrogatepass")
    (out / f"{finding.index}.json").write_text(json.dumps(finding.__dict__, ensure_ascii=False, indent=1), encoding="utf-8")


def _progress(s: Summary, secs: float) -> None:
    print(f"  {s.inputs:>8,} inputs  {secs:7.0f} s  exceptions {s.exceptions}  broken {s.broken}  "
          f"slowest {s.slowest[0]:.1f} ms/KB", flush=True)


def report(s: Summary, args: argparse.Namespace) -> str:
    wall = getattr(s, "wall", 0.0)
    lines = [
        f"fuzz: seed {args.seed}, {s.inputs:,} inputs ({s.kb / 1024:.1f} MB, mean {s.kb / max(s.inputs, 1):.1f} KB), "
        f"{args.jobs} processes, {wall:.0f} s wall ({s.inputs / max(wall, 1e-9):.0f} inputs/s)",
        f"  exceptions: {s.exceptions} inputs, {len(s.errors)} kinds",
        f"  properties broken: {s.broken} inputs (too slow: {s.slow}; limit {target.MS_PER_KB:.0f} ms/KB + {target.MS_FIXED:.0f} ms)",
        f"  slowest: {s.slowest[0]:.1f} ms/KB (input {s.slowest[1]}: {s.slowest[2]:.0f} ms for {s.slowest[3]:.1f} KB); "
        f"longest: {s.longest[0]:.0f} ms (input {s.longest[1]}, {s.longest[2]:.1f} KB); "
        f"mean {s.ms / max(s.kb, 1e-9):.2f} ms/KB",
    ]
    for title, counts in (("exception", s.errors), ("property", s.problems)):
        for key, n in counts.most_common():
            ex = s.examples[key]
            lines.append(f"  {title} x{n}: {key}")
            lines.append(f"      e.g. input {ex.index} ({ex.page}, {ex.kb:.1f} KB): {ex.recipe}")
    for key, n in s.soft.most_common():
        ex = s.examples["soft: " + key]
        lines.append(f"  soft finding x{n}: {key}")
        lines.append(f"      e.g. input {ex.index} ({ex.page}, {ex.kb:.1f} KB): {ex.recipe}")
    if s.exceptions or s.broken:
        lines.append(f"  inputs and tracebacks in {args.out}/; replay one: python -m tests.fuzz --seed {args.seed} --replay I")
    return "\n".join(lines)


def replay(args: argparse.Namespace) -> int:
    target.warm_up()
    name, original, text, recipe = make_input(args.seed, args.replay)
    res = target.check(name, text, original)
    print(f"input {args.replay}: {name} {recipe}\n{res.kb:.1f} KB, {res.ms:.0f} ms, {res.events} events")
    print(res.trace or res.error or "no exception")
    print("\n".join(res.problems + res.soft) or "no problem")
    return 1 if res.error or res.problems else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.fuzz", description=__doc__.split("\n\n")[0])
    ap.add_argument("--inputs", type=int, default=10_000)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--out", default="/tmp/marsad-fuzz", help="where failing inputs are written")
    ap.add_argument("--every", type=int, default=5000, help="a progress line every this many inputs")
    ap.add_argument("--replay", type=int, default=None, help="run input I alone, with its traceback")
    args = ap.parse_args(argv)
    if args.replay is not None:
        return replay(args)
    summary = run(args)
    print(report(summary, args))
    return 1 if summary.exceptions or summary.broken else 0


if __name__ == "__main__":
    sys.exit(main())

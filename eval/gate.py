"""The evaluation gate: score the seeds and our own event pages with ../shared/gold/score.py.

    python eval/gate.py            prints the scores next to the floors in eval/baseline.json

A change that lowers a floor fails `make test` (tests/test_eval_gate.py) unless the floor is
consciously re-pinned in baseline.json. Without ../shared (the scorer, the seeds and their gold)
the gate fails: it cannot say the floors hold.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "gold" / "score.py"
NEEDED = (SCORER, SHARED / "gold" / "seeds.json", SHARED / "seeds")


class SharedMissing(RuntimeError):
    """../shared, which holds the scorer and the seeds, is not next to the clone."""


def missing() -> list[Path]:
    """The paths of ../shared the gate reads that are not there."""
    return [p for p in NEEDED if not p.exists()]


def require_shared() -> None:
    if gone := missing():
        raise SharedMissing(f"the evaluation gate needs ../shared next to the clone ({SHARED}); missing: "
                            + ", ".join(str(p) for p in gone))


def score(gold: Path, inputs: Path) -> dict:
    require_shared()
    events = subprocess.run([sys.executable, "-m", "marsad", "extract", str(inputs), "--ref-date", "2026-11-22"],
                            capture_output=True, text=True, check=True).stdout
    out = subprocess.run([sys.executable, str(SCORER), "--json", str(gold), "/dev/stdin"], input=events,
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def flatten(result: dict, prefix: str = "") -> dict[str, float]:
    flat: dict[str, float] = {}
    for key, value in result.items():
        if isinstance(value, dict):
            flat.update(flatten(value, f"{prefix}{key}."))
        elif isinstance(value, int | float):
            flat[f"{prefix}{key}"] = float(value)
    return flat


def check(name: str, result: dict, floors: dict[str, float]) -> list[str]:
    flat = flatten(result)
    return [f"{name}: {k} = {flat.get(k, 0.0):.3f} < floor {v}" for k, v in floors.items() if flat.get(k, 0.0) < v]


def main() -> int:
    try:
        require_shared()
    except SharedMissing as e:
        print(f"gate: {e}", file=sys.stderr)
        return 2
    floors = json.loads((ROOT / "eval" / "baseline.json").read_text())
    problems = check("seeds", score(SHARED / "gold" / "seeds.json", SHARED / "seeds"), floors["seeds"])
    own = score(ROOT / "tests" / "pages" / "events" / "gold.json", ROOT / "tests" / "pages" / "events")
    problems += check("own_pages", own, floors["own_pages"])
    held = score(ROOT / "tests" / "pages" / "heldout" / "gold.json", ROOT / "tests" / "pages" / "heldout")
    problems += check("heldout_pages", held, floors["heldout_pages"])
    unseen = score(ROOT / "tests" / "pages" / "unseen" / "gold.json", ROOT / "tests" / "pages" / "unseen")
    problems += check("unseen_pages", unseen, floors["unseen_pages"])
    structures = score(ROOT / "tests" / "pages" / "structures" / "gold.json", ROOT / "tests" / "pages" / "structures")
    problems += check("structures_pages", structures, floors["structures_pages"])
    print(json.dumps(flatten(own), indent=1))
    print("\n".join(problems) or "all floors met")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

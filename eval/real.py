"""Score marsad on the real development set (eval/real/): `make eval-real`.

    python eval/real.py            scores, next to the floors of eval/baseline.json "real_pages"
    python eval/real.py --misses   also every missed and spurious event, per page
    python eval/real.py --json     one JSON line
    python eval/real.py --set set2 a later real set (eval/real/set2/: its own manifest and gold, the
                                   texts in eval/real/docs/ too), floors "real_pages_set2"
    python eval/real.py --all      every set in turn (make eval-real); fails if one does

The texts are third-party and git-ignored: only the pages present in eval/real/docs/ with the
hash of MANIFEST.tsv are scored (`tools/real_pages.py restore` or `rebuild` brings them back).
Pages that share an event form a group, scored only when all its pages are present. Each page
is given to marsad as a JSON Lines record with the manifest's metadata (id, url, source,
published), as a scraper would; the outlet's country is not given. Events: ../shared/gold/score.py;
cleaning: its --clean on the article lines of the gold; negatives: events on pages whose gold
has none.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "eval" / "real"
SCORER = ROOT.parent / "shared" / "gold" / "score.py"
sys.path.insert(0, str(ROOT / "tools"))
from real_pages import LATER_SETS, read_manifest  # noqa: E402


def present(rows: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    """Manifest rows whose text is in docs/ with the recorded hash."""
    out = {}
    for row in rows:
        path = REAL / "docs" / row["file"]
        if path.exists() and hashlib.sha256(path.read_bytes()).hexdigest() == row["sha256"]:
            out[row["file"]] = row
    return out


def groups(gold: dict) -> list[set[str]]:
    """Pages linked by a shared event (union-find over each event's docs)."""
    parent = {page: page for page in gold["pages"]}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for ev in gold["events"]:
        for doc in ev["docs"][1:]:
            parent[root(doc)] = root(ev["docs"][0])
    out: dict[str, set[str]] = {}
    for page in parent:
        out.setdefault(root(page), set()).add(page)
    return list(out.values())


def scored_gold(gold: dict, pages: dict[str, dict[str, str]]) -> dict:
    """The gold of the complete groups, in score.py's format (article lines turned into text)."""
    keep = set().union(*(g for g in groups(gold) if g <= pages.keys()))
    articles = {}
    for page in sorted(keep):
        lines = (REAL / "docs" / page).read_text(encoding="utf-8").split("\n")
        articles[page] = [{"title": lines[a["title_line"] - 1].strip() if a.get("title_line") else None,
                           "paragraphs": [lines[n - 1].strip() for n in a["paragraph_lines"]]}
                          for a in gold["articles"][page]]
    events = [ev for ev in gold["events"] if set(ev["docs"]) <= keep]
    return {"ref_date": gold["ref_date"], "events": events, "articles": articles}


def feed(pages: list[str], rows: dict[str, dict[str, str]], path: Path) -> None:
    with path.open("w", encoding="utf-8") as f:
        for page in pages:
            row = rows[page]
            record = {"id": page, "url": row["url"], "source": row["source"] or None,
                      "published": row["published"] or None,
                      "text": (REAL / "docs" / page).read_text(encoding="utf-8")}
            f.write(json.dumps({k: v for k, v in record.items() if v}, ensure_ascii=False) + "\n")


def marsad(*args: str) -> str:
    return subprocess.run([sys.executable, "-m", "marsad", *args], capture_output=True, text=True).stdout


def score(gold_path: Path, output: str, clean: bool) -> dict:
    args = [sys.executable, str(SCORER), "--json"] + (["--clean"] if clean else []) + [str(gold_path), "/dev/stdin"]
    return json.loads(subprocess.run(args, input=output, capture_output=True, text=True, check=True).stdout)


SETS = {"real_pages": REAL} | {f"real_pages_{d.name}": d for d in LATER_SETS}  # floors' key -> its folder


def run(where: Path = REAL) -> dict:
    """Every score of the present complete groups of the set in `where`, and the negatives' spurious events."""
    full = json.loads((where / "gold.json").read_text(encoding="utf-8"))
    gold = scored_gold(full, present(read_manifest(where / "MANIFEST.tsv")))
    pages = sorted(gold["articles"])
    with tempfile.TemporaryDirectory() as tmp:
        records, gold_path = Path(tmp) / "real.jsonl", Path(tmp) / "gold.json"
        feed(pages, {r["file"]: r for r in read_manifest(where / "MANIFEST.tsv")}, records)
        gold_path.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
        events = marsad("extract", str(records), "--ref-date", gold["ref_date"])
        segments = marsad("clean", str(records), "--ref-date", gold["ref_date"])
        result = {"events": score(gold_path, events, False), "clean": score(gold_path, segments, True)}
    negatives = {p for p in pages if full["pages"][p]["class"].startswith("negative")}
    spurious = [ev for ev in map(json.loads, events.splitlines())
                if {s["doc"] for s in ev["sources"]} & negatives]
    raw = score_raw(gold, pages)
    result["counts"] = {"pages": len(pages), "of_pages": len(full["pages"]), "gold_events": len(gold["events"]),
                        "negative_pages": len(negatives), "events_on_negative_pages": len(spurious)}
    result["clean"]["raw_text_token_f1"] = raw
    result["spurious"] = [f'{sorted({s["doc"] for s in ev["sources"]})} {ev["kind"]}' for ev in spurious]
    return result


def score_raw(gold: dict, pages: list[str]) -> float:
    """The main-article token F1 of the raw texts, unchanged: what cleaning must beat."""
    raw = "".join(json.dumps({"doc": p, "segment": 0, "title": None,
                              "text": (REAL / "docs" / p).read_text(encoding="utf-8")}, ensure_ascii=False) + "\n"
                  for p in pages)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "gold.json"
        path.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
        return score(path, raw, True)["main_article_token_f1"]


def flat(result: dict) -> dict[str, float]:
    ev, cl = result["events"], result["clean"]
    out = {f"events.{k}": v for k, v in ev["events"].items() if isinstance(v, float)}
    out |= {f"fields.{k}": v for k, v in ev["fields"].items()}
    out |= {"title_token_f1": ev["title_token_f1"], "topics.precision": ev["topics"]["precision"],
            "topics.recall": ev["topics"]["recall"], "clean.main_article_token_f1": cl["main_article_token_f1"],
            "clean.segment_count_accuracy": cl["segment_count_accuracy"]}
    return out


def main(argv: list[str]) -> int:
    if not SCORER.exists():
        print(f"eval-real: {SCORER} is missing", file=sys.stderr)
        return 1
    if "--all" in argv:
        rest = [x for x in argv if x != "--all"]
        return max(main(rest + (["--set", d.name] if d != REAL else [])) for d in SETS.values())
    name = f"real_pages_{argv[argv.index('--set') + 1]}" if "--set" in argv[:-1] else "real_pages"
    if name not in SETS:
        print(f"eval-real: no set {name}", file=sys.stderr)
        return 1
    result = run(SETS[name])
    scores = flat(result)
    floors = json.loads((ROOT / "eval" / "baseline.json").read_text(encoding="utf-8")).get(name, {})
    counts = result["counts"]
    problems = [f"{k} = {scores.get(k, 0.0):.3f} < floor {v}" for k, v in floors.items()
                if k in scores and scores[k] < v]
    if "events_on_negative_pages" in floors and counts["events_on_negative_pages"] > floors["events_on_negative_pages"]:
        problems.append(f"events_on_negative_pages = {counts['events_on_negative_pages']}")
    if "--json" in argv:
        print(json.dumps({"counts": counts, "scores": scores, "problems": problems}, ensure_ascii=False))
        return 1 if problems else 0
    print(f"{name.replace('_', ' ')}: {counts['pages']} of {counts['of_pages']} scored (complete groups), "
          f"{counts['gold_events']} gold events, {counts['negative_pages']} negative pages")
    for key, value in scores.items():
        floor = floors.get(key)
        print(f"  {key:34} {value:.3f}" + (f"   floor {floor}" if floor is not None else ""))
    print(f"  {'clean.raw_text_token_f1':34} {result['clean']['raw_text_token_f1']:.3f}   (the raw text, unchanged)")
    print(f"  events on negative pages          {counts['events_on_negative_pages']}")
    if "--misses" in argv:
        print("missed:", *result["events"]["events"].get("missed", result["events"].get("missed", [])), sep="\n  ")
        print("spurious on negatives:", *result["spurious"], sep="\n  ")
    print("\n".join(problems) or "all real-page floors met")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

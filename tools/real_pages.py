"""Build and rebuild the real development set (eval/real/) from search results, byte for byte.

The texts are third-party: only their url, query, sha256 and metadata are committed (MANIFEST.tsv);
the texts live in the git-ignored eval/real/docs/ and in a cache outside the repository.

    python tools/real_pages.py add RESPONSE.json --url URL --name NAME --query Q [--manifest M]
        take the result with that url from a saved search response (the JSON the search tool
        returned: {"query", "results": [{"url", "excerpt"}, ...]}), refuse it if reserved,
        write eval/real/docs/NAME.txt and the cache copy, and add its manifest row
    python tools/real_pages.py rebuild RESPONSE.json...
        write every manifest page found in these responses whose text hash still matches
    python tools/real_pages.py restore      copy the cached texts whose hash matches into docs/
    python tools/real_pages.py status       how many manifest pages are present, missing, changed

A leading " date YYYY-MM-DD " marker is dropped from the text and kept as `published`.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "eval" / "real"
DOCS = REAL / "docs"
MANIFEST = REAL / "MANIFEST.tsv"
# The later real sets (set2/, set3/ ...): each its own manifest and gold, their texts in DOCS too.
LATER_SETS = sorted((p.parent for p in REAL.glob("set*/MANIFEST.tsv")), key=lambda d: int(d.name[3:] or 0))
SETS = [d / "MANIFEST.tsv" for d in LATER_SETS]
CACHE = Path.home() / ".cache" / "marsad" / "real"
RESERVED = ROOT.parent / "shared" / "eval" / "reserved.tsv"
COLUMNS = ["file", "url", "query", "fallback_query", "sha256", "published", "source", "country"]
DATE_MARK = re.compile(r"^ ?date (\d{4}-\d{2}-\d{2}) ")


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def split_date(excerpt: str) -> tuple[str, str | None]:
    """The excerpt without its page-date marker, and the marker's date."""
    found = DATE_MARK.match(excerpt)
    return (excerpt[found.end():], found.group(1)) if found else (excerpt, None)


def reserved() -> set[str]:
    if not RESERVED.exists():
        sys.exit(f"real_pages: {RESERVED} is missing: cannot check the reserved pages")
    rows = RESERVED.read_text(encoding="utf-8").split("\n")[1:]
    return {h for row in rows for h in row.split("\t") if h}


def is_reserved(url: str, excerpt: str, hashes: set[str]) -> bool:
    text, _ = split_date(excerpt)
    return bool({sha(url), sha(excerpt), sha(text), sha(excerpt.lstrip())} & hashes)


def read_manifest(path: Path = MANIFEST) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def write_manifest(rows: list[dict[str, str]], path: Path = MANIFEST) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.DictWriter(f, COLUMNS, delimiter="\t", lineterminator="\n", extrasaction="ignore")
        out.writeheader()
        out.writerows(sorted(rows, key=lambda r: r["file"]))


def results(path: Path) -> list[dict]:
    data = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(data, dict):
        data = data.get("results", [data])
    return [r for r in data if isinstance(r, dict) and "url" in r and "excerpt" in r]


def save(name: str, text: str) -> None:
    for folder in (DOCS, CACHE):
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{name}.txt").write_bytes(text.encode("utf-8"))


def add(args: argparse.Namespace) -> int:
    manifest = Path(args.manifest) if args.manifest else MANIFEST
    found = [r for r in results(Path(args.response)) if r["url"] == args.url]
    if not found:
        print(f"real_pages: {args.url} is not in {args.response}", file=sys.stderr)
        return 1
    excerpt = found[0]["excerpt"]
    if is_reserved(args.url, excerpt, reserved()):
        print(f"real_pages: {args.url} is reserved for the independent evaluation: skipped", file=sys.stderr)
        return 2
    text, published = split_date(excerpt)
    rows = [r for r in read_manifest(manifest) if r["file"] != f"{args.name}.txt"]
    if any(r["url"] == args.url for r in rows):
        print(f"real_pages: {args.url} is already in {manifest}", file=sys.stderr)
        return 1
    rows.append({"file": f"{args.name}.txt", "url": args.url, "query": args.query,
                 "fallback_query": args.fallback or "", "sha256": sha(text), "published": published or "",
                 "source": args.source or "", "country": args.country or ""})
    save(args.name, text)
    write_manifest(rows, manifest)
    print(f"{args.name}.txt {sha(text)[:12]} {len(text)} chars published={published or '-'}")
    return 0


def rebuild(args: argparse.Namespace) -> int:
    by_url = {r["url"]: r for r in every_row()}
    written = changed = 0
    for response in args.responses:
        for result in results(Path(response)):
            row = by_url.get(result["url"])
            if row is None:
                continue
            text, _ = split_date(result["excerpt"])
            if sha(text) != row["sha256"]:
                changed += 1
                print(f"real_pages: {row['file']}: text changed (hash differs): left out", file=sys.stderr)
                continue
            save(row["file"].removesuffix(".txt"), text)
            written += 1
    print(f"{written} written, {changed} changed")
    return 0


def every_row() -> list[dict[str, str]]:
    """The rows of every set's manifest: the first set (MANIFEST.tsv), then the later ones in order."""
    return read_manifest() + [row for path in SETS for row in read_manifest(path)]


def restore(_: argparse.Namespace) -> int:
    DOCS.mkdir(parents=True, exist_ok=True)
    restored = 0
    for row in every_row():
        cached = CACHE / row["file"]
        if cached.exists() and sha(cached.read_text(encoding="utf-8")) == row["sha256"]:
            shutil.copyfile(cached, DOCS / row["file"])
            restored += 1
    print(f"{restored} of {len(every_row())} restored from {CACHE}")
    return 0


def status(_: argparse.Namespace) -> int:
    present = missing = changed = 0
    for row in every_row():
        path = DOCS / row["file"]
        if not path.exists():
            missing += 1
        elif sha(path.read_text(encoding="utf-8")) != row["sha256"]:
            changed += 1
        else:
            present += 1
    print(f"present {present}, missing {missing}, changed {changed}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    verbs = parser.add_subparsers(dest="verb", required=True)
    one = verbs.add_parser("add")
    one.add_argument("response")
    one.add_argument("--url", required=True)
    one.add_argument("--name", required=True)
    one.add_argument("--query", required=True)
    one.add_argument("--fallback")
    one.add_argument("--source", help="outlet name")
    one.add_argument("--country", help="outlet country, ISO3")
    one.add_argument("--manifest", help="manifest to write (default eval/real/MANIFEST.tsv)")
    one.set_defaults(run=add)
    many = verbs.add_parser("rebuild")
    many.add_argument("responses", nargs="+")
    many.set_defaults(run=rebuild)
    verbs.add_parser("restore").set_defaults(run=restore)
    verbs.add_parser("status").set_defaults(run=status)
    args = parser.parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())

"""Regenerate src/marsad/data/common_words.txt: frequent Arabic words that are not first names.

Source: jusText's Arabic stoplist (2,770 frequent words, BSD licence), folded, minus the common
Arabic first names in src/marsad/data/first_names.txt and every name token of tests/data/people.tsv (the
stoplist holds محمد، علي، خالد ...). The people grammar uses the list to refuse "برنامج اللقاءات"
as a name after a title.

    pip install justext && python tools/build_common_words.py
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import justext

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
from marsad.normalize import fold_word  # noqa: E402


def main() -> None:
    stop = {fold_word(w) for w in justext.get_stoplist("Arabic")}
    names = {fold_word(w) for w in (ROOT / "src" / "marsad" / "data" / "first_names.txt").read_text(encoding="utf-8").split()}
    with open(ROOT / "tests" / "data" / "people.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            names |= {fold_word(w) for w in (row["name"] or "").split()}
    words = sorted(w for w in stop if w not in names and " " not in w and w.isalpha())
    header = "# Frequent Arabic words that are not names (folded). Built by tools/build_common_words.py.\n"
    (ROOT / "src" / "marsad" / "data" / "common_words.txt").write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} words")


if __name__ == "__main__":
    main()

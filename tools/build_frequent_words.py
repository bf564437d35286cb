"""Regenerate src/marsad/data/frequent_words.txt: the 30,000 most frequent Arabic words, as the
people grammar uses them to end a name.

Source: wordfreq 3.x (`top_n_list("ar", 30000)`: Wikipedia, subtitles, news, web text; data CC BY-SA
4.0, see https://github.com/rspeer/wordfreq). Kept: folded words of Arabic letters, three letters
or more, neither a first name (data/first_names.txt) nor a name token of tests/data/people.tsv.
The people grammar ends a name before one ("اللواء فارس الخطيب جولة جديدة"; definite and ي-final
words excepted: family names البصري، الطيب); a small town named like one (العبور) needs a city cue.

    pip install 'wordfreq>=3.1' && python tools/build_frequent_words.py
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from wordfreq import top_n_list

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
from marsad.normalize import fold_word  # noqa: E402

TOP = 30_000


def main() -> None:
    data = ROOT / "src" / "marsad" / "data"
    names = {fold_word(w) for w in (data / "first_names.txt").read_text(encoding="utf-8").split()}
    with open(ROOT / "tests" / "data" / "people.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            names |= {fold_word(w) for w in (row["name"] or "").split()}
    words: list[str] = []
    seen: set[str] = set()
    for word in top_n_list("ar", TOP):
        form = fold_word(word)
        if form in seen or len(form) < 3 or not all("\u0621" <= c <= "\u064a" for c in form):
            continue
        seen.add(form)
        if form not in names:
            words.append(form)
    header = ("# The most frequent Arabic words (folded), first names left out: a name does not run on into one,\n"
              "# and a small town so named needs a city cue. Built by tools/build_frequent_words.py from wordfreq\n"
              "# (data CC BY-SA 4.0); in frequency order.\n")
    (data / "frequent_words.txt").write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} words")


if __name__ == "__main__":
    main()

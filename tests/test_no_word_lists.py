r"""No word list in rule code (issue 16): the words a rule reads live in src/marsad/data/.

Every module of `extract/`, `clean/` and `fuse.py` is parsed with `ast`, and the test fails,
naming file:line, on

- a set, tuple or list display (also inside a `set(...)`, `frozenset(...)`, `tuple(...)` or
  `list(...)` call), or a dict display, whose keys or values hold two or more Arabic words
  (string constants with Arabic letters, U+0600-U+06FF), or a string of several Arabic words
  split into a list (`"رصد خاص".split()`), and
- a string constant (an f-string read whole) that is a regular expression with a group
  alternating two or more plain Arabic words (`(?:عاصمه|مدينه)`, `(الي|حتي|-)`, `(?:الشهر\s+|العام\s+)`).

A rule about one word may name that word (`"ب" in prefix`, `r"(?:ال)?يوم"`). A single letter (the
era marks ه and م) and the proclitics with or without the article (و، ب، لل، بال) are morphology,
not words. A list belongs in a data file with its header, a line in docs/data.md, and a typed
field of `Lexicons`.

`PENDING` lists the modules whose lists are still being moved: their findings are expected
failures. Empty it as they are moved.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from marsad.lexicons import PROCLITICS

SRC = Path(__file__).resolve().parent.parent / "src" / "marsad"
PENDING: set[str] = set()

ARABIC_BLOCK = range(0x0600, 0x0700)
# Morphemes that are no words: the proclitics (و ف ب ل ك and their chains), the article and a
# proclitic with the article (وال، بال، لل). A single letter (ب, the era marks ه and م) is none either.
MORPHEMES = set(PROCLITICS) | {p + "ال" for p in PROCLITICS}
# A plain word as an alternative of a regex group: letters only (no regex syntax, digit or space).
PLAIN = re.compile(r"^[^\W\d_]+$")


def arabic_letters(s: str) -> str:
    return "".join(c for c in s if ord(c) in ARABIC_BLOCK and c.isalpha() and c != "\u0640")  # not tatweel


def is_arabic_word(s: str) -> bool:
    """A string naming an Arabic word: two Arabic letters or more, and not a proclitic or the article."""
    return len(arabic_letters(s)) >= 2 and s.strip() not in MORPHEMES


def _arabic(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and is_arabic_word(node.value)


def _alternatives(pattern: str) -> list[list[str]]:
    """The alternatives of every group of `pattern` (and of the pattern itself), as written:
    `"(?:a|b(?:c|d))"` -> `[["a", "b(?:c|d)"], ["c", "d"]]` (and the top level `["(?:a|b(?:c|d))"]`).
    Escapes and character classes are kept whole, so `[|]` and `\\|` are no alternation."""
    groups: list[list[str]] = [[""]]  # a stack of the groups being read: their alternatives so far
    done: list[list[str]] = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            piece, i = pattern[i:i + 2], i + 2
        elif c == "[":
            j = i + 1
            if j < len(pattern) and pattern[j] == "^":
                j += 1
            if j < len(pattern) and pattern[j] == "]":
                j += 1
            while j < len(pattern) and pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            piece, i = pattern[i:j + 1], j + 1
        elif c == "(":
            head = re.match(r"\(\?(?:[:=!>]|<[=!]|P?<\w+>|[aiLmsux-]+:)?", pattern[i:])
            skip = len(head.group(0)) if head and head.group(0) != "(?" else 1
            for alts in groups:
                alts[-1] += pattern[i:i + skip]
            groups.append([""])
            i += skip
            continue
        elif c == ")" and len(groups) > 1:
            alts = groups.pop()
            done.append(alts)
            for outer in groups:
                outer[-1] += "(" + "|".join(alts) + ")"
            i += 1
            continue
        elif c == "|":
            groups[-1].append("")
            i += 1
            continue
        else:
            piece, i = c, i + 1
        for alts in groups:
            alts[-1] += piece
    return done + groups


# Spaces and word boundaries around a word leave it a plain word: `(?:الشهر\s+|العام\s+)`.
AROUND = re.compile(r"\\s[+*?]?|\\b|\(\?<?!\\w\)|\(\?=\\s\)")


def _bare(alternative: str) -> str:
    return AROUND.sub("", alternative)


def alternated_words(pattern: str) -> list[list[str]]:
    """The groups of `pattern` alternating two or more plain Arabic words (their words)."""
    out = []
    for alts in _alternatives(pattern):
        plain = [w for w in map(_bare, alts) if PLAIN.match(w) and is_arabic_word(w)]
        if len(plain) >= 2:
            out.append(plain)
    return out


def word_lists(source: str) -> list[tuple[int, str]]:
    """(line, what) for every list of Arabic words that `source` defines: a set, tuple or list
    display (in a `set()`, `frozenset()`, `tuple()` or `list()` call or not) or a dict display
    with two Arabic words or more; a string of several words split into a list (`"ا ب".split()`);
    a regular expression alternating two Arabic words or more. An f-string is read whole, each
    `{...}` standing for an unknown piece."""
    found: list[tuple[int, str]] = []
    tree = ast.parse(source)
    in_fstrings = {id(n) for f in ast.walk(tree) if isinstance(f, ast.JoinedStr) for n in f.values}
    for node in ast.walk(tree):
        items: list[ast.AST] = []
        if isinstance(node, (ast.Set, ast.Tuple, ast.List)):
            items = list(node.elts)
        elif isinstance(node, ast.Dict):
            keys = [k for k in node.keys if k is not None]
            items = keys if sum(map(_arabic, keys)) >= 2 else list(node.values)
        words = [n.value for n in items if _arabic(n)]  # type: ignore[attr-defined]
        if len(words) >= 2:
            found.append((node.lineno, f"{type(node).__name__.lower()} of {len(words)} Arabic words: {words[:4]}"))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "split" \
                and isinstance(node.func.value, ast.Constant) and isinstance(node.func.value.value, str):
            split = [w for w in node.func.value.value.split() if is_arabic_word(w)]
            if len(split) >= 2:
                found.append((node.lineno, f"split string of {len(split)} Arabic words: {split[:4]}"))
        if isinstance(node, ast.JoinedStr):
            pattern = "".join(v.value if isinstance(v, ast.Constant) else "\x00" for v in node.values)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in in_fstrings:
            pattern = node.value
        else:
            continue
        if "|" in pattern and arabic_letters(pattern):
            for group in alternated_words(pattern):
                found.append((node.lineno, f"regex alternation of Arabic words: {'|'.join(group[:6])}"))
    return sorted(found)


def modules() -> list[str]:
    files = sorted(SRC.glob("extract/*.py")) + sorted(SRC.glob("clean/*.py")) + [SRC / "fuse.py"]
    return [str(f.relative_to(SRC)) for f in files]


# --- the detector itself ---------------------------------------------------------------------

@pytest.mark.parametrize("code", [
    'CUE_WORDS = ("عاصمه", "مدينه", "حاضره")',
    'DAY_WORDS = frozenset({"امس", "اليوم", "غدا"})',
    'x = ["السيد", "الدكتور"]',
    'if word in {"صباح", "مساء"}: pass',
    'TITLE_CLASS = {"وزير": "minister", "سفير": "envoy"}',
    'f(("او", "ثم"))',
    'CUE = re.compile(r"(?:العاصمه|مدينه|بالعاصمه)\\s*$")',
    'HONORIFIC = re.compile(r"^(?:السيد|السيده|الدكتور|الدكتوره)\\s+")',
    'R = re.compile(r"\\s*(?:الي|حتي|-|–)\\s*$")',
    'R = re.compile(rf"(?:(?:ال)?(?:عاصمه|مدينه)\\s+)?{x}")',
    'R = r"(?<!\\w)[وف]?(?:يوم|ليوم)\\s+$"',
    'R = re.compile(rf"(?:{x}|عام|سنه)\\s*")',
    'R = re.compile(r"\\s*(?:من\\s+)?(?:الشهر\\s+|العام\\s+|السنه\\s+)?")',
    'WORDS = set("رصد خاص".split())',
])
def test_the_detector_finds_lists(code):
    assert word_lists(code), code


@pytest.mark.parametrize("code", [
    'if "ب" in prefix: pass',
    'WORD = "العاصمه"',
    'R = re.compile(r"(?:ال)?يوم\\s+")',
    'R = re.compile(r"[وف]?ب(?:ال)?\\w+|\\d+")',
    'R = re.compile(r"(\\d{4})(?:\\s*م)?|(ه|\\w+)")',
    'ok = word[:1] in set("وف")',
    'ok = w.startswith(("وال", "بال")) or w[:1] in ("و", "ف")',
    'MARKS = {"الموافق", "م", "هـ", "ه"}',
    'R = re.compile(r"(?:ص|م|am|pm)?|(?:بال|لل|ب|ل)")',
    'END = frozenset("،,؛;.")',
    'x = ("،", ",")',
    'COUNTS = {"a": "b", "c": "d"}',
    'PAIR = ("ب", 1)',
    'R = re.compile(rf"(?:{a}|{b})\\s+ال")',
    'KEY = str.maketrans({"ب": "b"})',
])
def test_the_detector_lets_single_words_pass(code):
    assert not word_lists(code), word_lists(code)


def test_the_alternatives_of_a_regex():
    assert alternated_words(r"^(?:السيد|السيده)\s+(?:ال)?(ب|في\s+)$") == [["السيد", "السيده"]]
    assert alternated_words(r"[عاصمه|مدينه]") == []  # a character class holds no alternation
    assert alternated_words(r"\(من|بين\)") == []  # escaped parentheses open no group
    assert alternated_words(r"(?:من\s+)?(?:عام|سنه)?\s*") == [["عام", "سنه"]]


# --- the modules ---------------------------------------------------------------------------

@pytest.mark.parametrize("module", modules())
def test_no_word_list_in_rule_code(module):
    found = word_lists((SRC / module).read_text(encoding="utf-8"))
    report = "\n".join(f"src/marsad/{module}:{line}: {what}" for line, what in found)
    if module in PENDING and found:
        pytest.xfail(f"PENDING, still to move:\n{report}")
    assert not found, report


def test_pending_modules_exist():
    assert set(modules()) >= PENDING

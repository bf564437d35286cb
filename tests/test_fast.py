"""The C inner loops (marsad._fast) against their pure-Python twins: same output on real pages,
on generated text, and on the edge cases of each one (see src/marsad/fast.py for the pairs)."""

from __future__ import annotations

import os
import shutil
import sysconfig
from pathlib import Path

import ahocorasick
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad import _compiled
from marsad.clean.lines import WORD, split_words_py
from marsad.extract.people import TOKEN, tokenize_py
from marsad.fast import C
from marsad.lexicons import PROCLITIC_SET, PROCLITICS, keep_words, lexicons
from marsad.normalize import _fold_chars, fold, fold_py

ROOT = Path(__file__).resolve().parent.parent
needs_c = pytest.mark.skipif(C is None, reason="marsad._fast is not built (or MARSAD_PURE=1)")

# Letters, every deleted mark, every replaced character, three digit scripts, spaces, punctuation.
ALPHABET = ("ابتجدرسعقلمنهويءأإآٱىةؤئکیًٌٍَُِّْٰـİΣσÉé\u0610\u06d6\u200c\u200f\u202b"
            "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹0123456789AaZzéÇ_-' \u00a0\n\t،؛؟«»()./:,")
texts = st.text(alphabet=ALPHABET, max_size=120)


def real_texts() -> list[str]:
    """Every page the project ships (examples and test pages): Arabic news as it is written."""
    paths = [p for d in (ROOT / "examples", ROOT / "tests" / "pages") for p in sorted(d.rglob("*"))
             if p.suffix in {".txt", ".html", ".jsonl"}]
    return [p.read_text(encoding="utf-8", errors="replace") for p in paths]


def test_built_where_a_compiler_is() -> None:
    """The extension is optional for installs without a compiler; with one, a silent build
    failure would only show as a slow run, so it fails here instead."""
    if os.environ.get("MARSAD_PURE", "") not in ("", "0"):
        pytest.skip("MARSAD_PURE is set")
    has_compiler = shutil.which(str(sysconfig.get_config_var("CC") or "cc").split()[0]) is not None
    if has_compiler:
        assert C is not None, "a C compiler is here but marsad._fast was not built: pip install -e . (see its output)"
        import marsad.pipeline  # noqa: F401 - imports every compiled module

        assert _compiled.compiled_modules() or _compiled.skipped, "no module was compiled by Cython (setup.py)"


def test_stale_compiled_module_is_skipped(tmp_path: Path) -> None:
    """A compiled module older than its source is passed over for the source (an edit counts at once)."""
    import importlib.machinery

    source = tmp_path / "probe.py"
    source.write_text("X = 1\n", encoding="utf-8")
    compiled = tmp_path / ("probe" + importlib.machinery.EXTENSION_SUFFIXES[0])
    compiled.write_bytes(b"not loaded by this test")
    finder = _compiled.SourceWhenStale()
    os.utime(source, (1_000_000, 1_000_000))
    os.utime(compiled, (2_000_000, 2_000_000))
    spec = finder.find_spec("marsad.probe", [str(tmp_path)])
    assert spec is not None and spec.origin == str(compiled) or _compiled.PURE
    os.utime(source, (3_000_000, 3_000_000))
    spec = finder.find_spec("marsad.probe", [str(tmp_path)])
    assert spec is not None and spec.origin == str(source)
    assert finder.find_spec("other.probe", [str(tmp_path)]) is None  # only marsad's modules


@needs_c
@given(texts, st.booleans(), st.booleans())
@settings(max_examples=400, deadline=None)
def test_fold_matches_python(text: str, lower: bool, offsets: bool) -> None:
    assert fold(text, lower, offsets) == fold_py(text, lower, offsets)
    assert C.fold(text, offsets, False)[:2] == _fold_chars(text, offsets)


@needs_c
@pytest.mark.parametrize("text", ["Alex PINFIELD", "İstanbul وİ", "ΟΔΥΣΣΕΥΣ Σ", "ÉCOLE école", "DGSN وDGST"])
def test_fold_lowers_like_str_lower(text: str) -> None:
    """ASCII is lowered in C; other cased letters (İ lowers to two characters) go to str.lower,
    and a text whose length lowering would change is left as it is, as in Python."""
    assert fold(text) == fold_py(text)


@needs_c
def test_fold_on_real_pages() -> None:
    for text in real_texts():
        assert fold(text) == fold_py(text)


@needs_c
def test_fold_offsets_map_back() -> None:
    f = fold("الإمـــارات ١٢")
    assert f.text == "الامارات 12"
    assert f.span(0, 8) == (0, 11)


@needs_c
@given(texts)
@settings(max_examples=400, deadline=None)
def test_word_runs_match_regex(text: str) -> None:
    assert C.word_runs(text) == WORD.findall(text) == split_words_py(text)


@needs_c
@given(texts)
@settings(max_examples=400, deadline=None)
def test_tokens_match_regex(text: str) -> None:
    matches = list(TOKEN.finditer(text))
    expected = ([m.group() for m in matches], [m.start() for m in matches], [m.end() for m in matches])
    assert C.tokens(text) == expected == tokenize_py(text)


@needs_c
def test_tokens_on_real_pages() -> None:
    for text in real_texts():
        folded = fold(text).text
        assert C.tokens(folded) == tokenize_py(folded)
        assert C.word_runs(folded) == WORD.findall(folded)


@pytest.mark.parametrize(("text", "tokens"), [
    ("Pinfield-Smith's visit", ["Pinfield-Smith's", "visit"]),
    ("كذا-كذا- و-", ["كذا-كذا", "-", "و", "-"]),
    ("a_b _x 12abc", ["a_b", "x", "12abc"]),
    ("«الداخلية»،", ["«", "الداخلية", "»", "،"]),
])
def test_tokens_edge_cases(text: str, tokens: list[str]) -> None:
    assert tokenize_py(text)[0] == tokens
    if C is not None:
        assert C.tokens(text)[0] == tokens


def _pyahocorasick(pairs: list) -> ahocorasick.Automaton:
    a = ahocorasick.Automaton()
    for key, value in pairs:
        a.add_word(key, value)
    a.make_automaton()
    return a


keys = st.lists(st.text(alphabet="ابتلمنو ", min_size=1, max_size=5), min_size=1, max_size=25, unique=True)


@needs_c
@given(keys, st.text(alphabet="ابتلمنو ،x", max_size=80))
@settings(max_examples=300, deadline=None)
def test_automaton_iter_matches_pyahocorasick(words: list[str], text: str) -> None:
    pairs = [(w, (len(w), k)) for k, w in enumerate(words)]
    ours, theirs = C.Automaton(pairs), _pyahocorasick(pairs)
    assert ours.iter(text) == list(theirs.iter(text))
    assert ours.starts(text) == sorted({end - length + 1 for end, (length, _) in theirs.iter(text)})


@needs_c
def test_gazetteers_match_python_on_real_pages() -> None:
    lex = lexicons()
    for text in real_texts():
        folded = fold(text).text
        for gaz in (lex.places, lex.agencies, lex.title_heads):
            expected = keep_words(folded, _pyahocorasick(gaz.pairs).iter(folded))
            assert gaz.automaton.words(folded, PROCLITIC_SET) == expected


@needs_c
@given(st.lists(st.tuples(st.sampled_from(PROCLITICS + ("ال", "س", "")), st.integers(0, 10 ** 6),
                          st.sampled_from([" ", "، ", "", "و", ". "])), max_size=12))
@settings(max_examples=300, deadline=None)
def test_gazetteer_words_with_proclitics(parts: list[tuple[str, int, str]]) -> None:
    """Place names glued to proclitics, the article, other letters or each other."""
    gaz = lexicons().places
    forms = [form for form, _ in gaz.pairs]
    text = "".join(prefix + forms[k % len(forms)] + sep for prefix, k, sep in parts)
    assert gaz.automaton.words(text, PROCLITIC_SET) == keep_words(text, _pyahocorasick(gaz.pairs).iter(text))


@needs_c
def test_automaton_rejects_bad_input() -> None:
    with pytest.raises(TypeError):
        C.Automaton([("ab", 1, 2)])
    with pytest.raises(ValueError):
        C.Automaton([("", 1)])
    empty = C.Automaton([])
    assert empty.iter("نص") == [] and empty.starts("نص") == []
    with pytest.raises(TypeError):
        C.Automaton([("ab", 1)]).words("ab", PROCLITIC_SET)  # values are not (length, hits, dropped)


def test_pure_python_run_gives_the_same_events(tmp_path: Path) -> None:
    """The whole pipeline with MARSAD_PURE=1 (the install without a compiler) finds the same events."""
    import subprocess
    import sys

    def run(pure: str) -> str:
        env = {**os.environ, "MARSAD_PURE": pure}
        out = subprocess.run([sys.executable, "-m", "marsad", "extract", str(ROOT / "examples"), "--ref-date", "2026-11-22"],
                             capture_output=True, text=True, env=env, check=True)
        return out.stdout

    fast, pure = run("0"), run("1")
    assert fast.strip() and fast == pure


def _topics_plain(folded: str) -> set[str]:
    cues = lexicons().topics.compiled
    return {topic for topic, patterns in cues.items() if any(p.search(folded) for p in patterns)}


def test_topic_prefilter_equals_searching_every_cue() -> None:
    """`Prefilter.matching` (cues tried only where their leading literals are) = a search of every cue,
    over whole pages and over each paragraph of them (topics are also read per event)."""
    texts = real_texts()
    seeds = ROOT.parent / "shared" / "seeds"
    texts += [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))] if seeds.is_dir() else []
    pieces = [fold(t).text for t in texts] + [fold(p).text for t in texts for p in t.split("\n") if p.strip()]
    assert any(_topics_plain(p) for p in pieces)
    for piece in pieces:
        assert lexicons().topics.matching(piece) == _topics_plain(piece), piece[:80]


cue_words = st.sampled_from(["مكافحه", "الارهاب", "والارهاب", "الجريمه", "المنظمه", "تبادل", "الخبرات", "المعلومات",
                             "الهجره", "غير", "الشرعيه", "الاتجار", "بالبشر", "المخدرات", "الحدود", "امن", "و", "في"])


@given(st.lists(cue_words, max_size=12), st.sampled_from([" ", "  ", "، ", " و"]))
@settings(max_examples=300, deadline=None)
def test_topic_prefilter_on_word_salad(words: list[str], sep: str) -> None:
    text = sep.join(words)
    assert lexicons().topics.matching(text) == _topics_plain(text)


@given(st.text(alphabet="اب ت.!?؟\n\t،", max_size=60))
@settings(max_examples=500, deadline=None)
def test_sentences_match_the_regex(text: str) -> None:
    from marsad.extract.events import SENTENCE, sentences

    assert sentences(text) == [(m.start(), m.end()) for m in SENTENCE.finditer(text) if m.group().strip()]


def test_sentences_on_real_pages() -> None:
    from marsad.extract.events import SENTENCE, sentences

    for text in real_texts():
        assert sentences(text) == [(m.start(), m.end()) for m in SENTENCE.finditer(text) if m.group().strip()]


@needs_c
def test_word_classes_agree_on_every_bmp_code_point() -> None:
    """The C loops' character classes (with their ASCII and Arabic fast paths) = Python's."""
    chars = [chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF]
    text = " ".join(chars)
    assert C.word_runs(text) == WORD.findall(text)
    assert C.tokens(text) == tokenize_py(text)


@needs_c
@pytest.mark.parametrize("keys", [3000, 30000])  # ~7,000 and ~71,000 states: 16-bit and 32-bit tables
def test_automaton_tables_of_both_widths(keys: int) -> None:
    pairs = [(f"{k * 7919 % 10**6:06d}", k) for k in range(keys)]
    text = " ".join(f"{k * 104729 % 10**7:07d}" for k in range(2000))
    assert C.Automaton(pairs).iter(text) == list(_pyahocorasick(pairs).iter(text))

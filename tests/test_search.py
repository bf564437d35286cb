"""Search semantics (marsad.search): folding, proclitics, word order; the index and the pattern agree."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from marsad.search import Query, highlight, searchable
from marsad.store import MIGRATIONS, Store

# (text, query, matches?)
CASES = [
    ("مكافحة الإرهاب والتطرف", "الارهاب", True),
    ("تعزيز التعاون والإرهاب", "الإرهاب", True),  # و
    ("في مجال مكافحة بالإرهاب", "الارهاب", True),  # ب
    ("التصدي للإرهاب العابر للحدود", "الإرهاب", True),  # ل + ال: the alef drops
    ("وللإرهاب وجوه كثيرة", "الإرهاب", True),  # و + ل + ال
    ("فبالإرهاب تهدد الجماعات", "الإرهاب", True),  # ف + ب
    ("كالإرهاب تماما", "الإرهاب", True),  # ك
    ("الإرْهَاب", "الارهاب", True),  # diacritics
    ("الإرهـــاب", "الارهاب", True),  # tatweel
    ("وزارة الداخلية", "وزاره الداخليه", True),  # ta marbuta
    ("مستشفى المدينة", "مستشفي", True),  # alef maqsura
    ("الجماعات الإرهابية", "الإرهاب", True),  # the last word may be the start of a longer one
    ("استقبل حموشي السفير", "حموش", True),
    ("مكافحة الاتجار بالبشر والهجرة", "الاتجار بالبشر", True),
    ("مكافحة الاتجار، بالبشر", "الاتجار بالبشر", True),  # punctuation between the words
    ("مكافحة الاتجار  بالبشر", "الاتجار   بالبشر", True),  # runs of spaces
    ("مكافحة الاتجار في البشر", "الاتجار بالبشر", False),  # another word between
    ("بالبشر الاتجار", "الاتجار بالبشر", False),  # order
    ("الاتجاره بالبشر", "الاتجار بالبشر", False),  # only the last word may go on
    ("مكافحة الاتجار", "تجار", False),  # not inside a word
    ("سلامة الإرهابي", "رهاب", False),
    ("السفير Alex Pinfield", "alex pinfield", True),  # Latin, case folded
    ("السفير Alex Pinfield", "PINF", True),
    ("الدورة 2025 للمؤتمر", "2025", True),
    ("الدورة 20255", "2025", True),
    ("الدورة 12025", "2025", False),
    ("شرطة دبي", "بي", False),  # a word, not a suffix of one
]


@pytest.mark.parametrize(("text", "query", "matches"), CASES)
def test_query_pattern(text: str, query: str, matches: bool):
    q = Query.parse(query)
    assert q is not None
    assert bool(q.pattern.search(searchable(text))) is matches


@pytest.mark.parametrize(("text", "query", "matches"), CASES)
def test_index_finds_every_match(text: str, query: str, matches: bool):
    """The FTS5 expression never loses a segment the pattern matches (it only finds candidates)."""
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE f USING fts5 (text, tokenize = 'unicode61 remove_diacritics 0')")
    db.execute("INSERT INTO f (rowid, text) VALUES (1, ?)", (searchable(text),))
    q = Query.parse(query)
    found = db.execute("SELECT rowid FROM f WHERE f MATCH ?", (q.match,)).fetchall()
    if matches:
        assert found == [(1,)]


@pytest.mark.parametrize("query", ["", "   ", "،؟!", "\x00", '"', "*", "()", "AND OR NOT"])
def test_queries_without_words_or_with_syntax(tmp_path: Path, query: str):
    with Store(str(tmp_path / "s.db")) as store:
        assert store.search(query) == []  # no error from FTS5's query syntax


@pytest.mark.parametrize(("text", "query", "snippet"), [
    ("التصدي للإرهاب العابر", "الإرهاب", "التصدي «للإرهاب» العابر"),  # ل + ال: the whole word
    ("تعزيز التعاون بالإرهاب", "الارهاب", "تعزيز التعاون «بالإرهاب»"),  # a preposition is marked with the word
    ("مكافحة الاتجار، بالبشر", "الاتجار بالبشر", "مكافحة «الاتجار، بالبشر»"),
    ("الجماعات الإرهابية", "الإرهاب", "الجماعات «الإرهابية»"),  # the whole last word
])
def test_highlight_marks_the_words(text: str, query: str, snippet: str):
    assert highlight(text, query) == snippet


def test_migration_rebuilds_the_trigram_index_as_a_word_index(tmp_path: Path):
    """A database made before 0004 (trigram index) keeps its segments, searchable with the new rules."""
    path = str(tmp_path / "old.db")
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied TEXT NOT NULL)")
    for name, sql in MIGRATIONS[:3]:
        db.executescript(sql)
        db.execute("INSERT INTO migrations VALUES (?, '2025-01-01T00:00:00')", (name,))
    text = "بحث الطرفان سبل التصدي للإرهاب والجريمة المنظمة"
    db.execute("INSERT INTO documents (doc, hash, text) VALUES ('a.txt', 'h', ?)", (text,))
    db.execute("INSERT INTO segments (id, doc, segment, title, text) VALUES (7, 'a.txt', 0, 'لقاء أمني', ?)", (text,))
    db.execute("INSERT INTO segments_fts (rowid, title, text) VALUES (7, ?, ?)", ("لقاء امني", searchable(text)))
    db.commit()
    db.close()
    with Store(path) as store:
        assert store.migrations() == [name for name, _ in MIGRATIONS]
        sql = store.db.execute("SELECT sql FROM sqlite_master WHERE name = 'segments_fts'").fetchone()[0]
        assert "unicode61" in sql
        [hit] = store.search("الإرهاب")  # للإرهاب: not found by the trigram index
        assert (hit.doc, hit.segment, hit.snippet) == ("a.txt", 0, "بحث الطرفان سبل التصدي «للإرهاب» والجريمة المنظمة")
        assert [h.doc for h in store.search("امني")] == ["a.txt"]  # the title is indexed too

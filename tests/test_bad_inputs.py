"""The bad-input matrix: one row per input class, each fed as real files through the real CLI.

Every row puts one bad (or odd but good) input beside a good page in a folder, runs `marsad ingest`
on it as a separate process, and checks: exactly one line on stderr naming the bad file (and its
line or record), the exit code, no traceback, and that the good page is stored with its events.
Permissions are real: as root (who bypasses them) the CLI runs without CAP_DAC_OVERRIDE.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

GOOD = ("استقبل وزير الداخلية المغربي عبد الوافي لفتيت، يوم الثلاثاء 12 مارس 2024 بالرباط، سفير مملكة إسبانيا "
        "بالمغرب إنريكي أوخيدا، وبحث الجانبان سبل تعزيز التعاون الأمني في مجال مكافحة الإرهاب والهجرة غير "
        "الشرعية.\n\nوأكد الطرفان أهمية تبادل المعلومات بين الأجهزة الأمنية في البلدين لمواجهة الجريمة المنظمة.\n")
OTHER = ("أجرى وزير الداخلية التونسي كمال الفقي، يوم الأربعاء 6 نوفمبر 2024، اتصالا هاتفيا بنظيره الإيطالي "
         "ماتيو بيانتيدوسي، تناول التعاون في مجال مكافحة الهجرة غير النظامية.\n")
AS_USER = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--"] if os.geteuid() == 0 else []


def marsad(*args: str, user: bool = True) -> subprocess.CompletedProcess[str]:
    prefix = AS_USER if user and shutil.which("setpriv") else []
    return subprocess.run([*prefix, sys.executable, "-m", "marsad", *args], capture_output=True, text=True,
                          timeout=120, stdin=subprocess.DEVNULL)


@pytest.fixture
def folder() -> Iterator[Path]:
    """A short path (a socket's name must fit in 108 bytes) that the CLI may read and write."""
    path = Path(tempfile.mkdtemp(prefix="mb", dir="/tmp"))
    yield path
    for p in [path, *path.rglob("*")]:
        if not p.is_symlink():
            p.chmod(0o700)
    for p in [path, *ELSEWHERE]:
        shutil.rmtree(p, ignore_errors=True)
    ELSEWHERE.clear()


ELSEWHERE: list[Path] = []  # folders outside the inputs (link targets), removed after each test


def elsewhere(name: str, text: str) -> Path:
    path = Path(tempfile.mkdtemp(prefix="mbx", dir="/tmp"))
    ELSEWHERE.append(path)
    write(path / name, text)
    return path


def jsonl(*records: object) -> str:
    return "\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records) + "\n"


def write(path: Path, data: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def field_row(field: str, value: object) -> Callable[[Path], tuple[str, str]]:
    def build(d: Path) -> tuple[str, str]:
        write(d / "feed.jsonl", jsonl({"id": f"r-{field}-{type(value).__name__}", "text": OTHER, field: value}))
        return "feed.jsonl:1", f'"{field}" must be a string'
    return build


def fifo(d: Path) -> tuple[str, str]:
    os.mkfifo(d / "pipe.txt")
    return "pipe.txt", "a FIFO"


def sock(d: Path) -> tuple[str, str]:
    s = socket.socket(socket.AF_UNIX)
    s.bind(str(d / "s.txt"))
    s.close()
    return "s.txt", "a socket"


def unreadable_folder(d: Path) -> tuple[str, str]:
    write(d / "locked" / "x.txt", OTHER)
    (d / "locked").chmod(0)
    return "locked", "unreadable folder"


def unreadable_file(d: Path) -> tuple[str, str]:
    write(d / "secret.txt", OTHER)
    (d / "secret.txt").chmod(0)
    return "secret.txt", "Permission"


def loop(d: Path) -> tuple[str, str]:
    write(d / "sub" / "x.txt", OTHER)
    (d / "sub" / "again").symlink_to(d / "sub")
    return "again", "folder already read"


def jsonl_line(text: str) -> Callable[[Path], tuple[str, str]]:
    def build(d: Path) -> tuple[str, str]:
        write(d / "feed.jsonl", text + "\n")
        return "feed.jsonl:1", "invalid JSON"
    return build


ROWS: dict[str, Callable[[Path], tuple[str, str] | None]] = {
    "empty": lambda d: (write(d / "empty.txt", b""), ("empty.txt", "empty file"))[1],
    "whitespace": lambda d: (write(d / "blank.txt", b" \n\n \t"), ("blank.txt", "empty file"))[1],
    "binary": lambda d: (write(d / "bin.txt", bytes(range(256)) * 20), ("bin.txt", "binary file"))[1],
    "control-chars": lambda d: (write(d / "ctl.txt", "\x01\x02\x03\x04" * 10 + OTHER), ("ctl.txt", "control"))[1],
    "latin-1": lambda d: (write(d / "fr.txt", "Le ministre a reçu l'ambassadeur à Alger, Größe".encode("latin-1")),
                          ("fr.txt", "unknown encoding"))[1],
    "spanish-latin-1": lambda d: (write(d / "es.txt", "Reunión del Ministro en España, según fuentes".encode("latin-1")),
                                  ("es.txt", "unknown encoding"))[1],
    "utf-16-no-bom": lambda d: write(d / "wide.txt", OTHER.encode("utf-16-le")),
    "utf-16-be-no-bom": lambda d: write(d / "wideb.txt", OTHER.encode("utf-16-be")),
    "cp1256": lambda d: write(d / "win.txt", OTHER.encode("cp1256")),
    "bad-utf-16": lambda d: (write(d / "w.txt", b"\xff\xfe" + b"\x00\xd8" * 5), ("w.txt", "invalid UTF-16"))[1],
    "too-large": lambda d: (write(d / "big.txt", b"a" * 20_000_001), ("big.txt", "file too large"))[1],
    "long-line": lambda d: (write(d / "line.txt", "ا" * 200_001), ("line.txt:1", "line longer"))[1],
    "broken-json": jsonl_line("{broken json"),
    "unterminated-string": jsonl_line('{"text": "abc'),
    "deep-nesting": jsonl_line("[" * 100_000 + "]" * 100_000),
    "huge-number": jsonl_line('{"id": ' + "9" * 5000 + ', "text": "x"}'),
    "not-an-object": lambda d: (write(d / "feed.jsonl", "[1, 2]\n"), ("feed.jsonl:1", "JSON object"))[1],
    "no-text": lambda d: (write(d / "feed.jsonl", jsonl({"id": "n"})), ("feed.jsonl:1", '"text" or "html"'))[1],
    "title-int": field_row("title", 5),
    "title-list": field_row("title", ["a"]),
    "url-dict": field_row("url", {"a": 1}),
    "source-list": field_row("source", ["a"]),
    "id-list": field_row("id", [1]),
    "html-int": lambda d: (write(d / "feed.jsonl", jsonl({"id": "h", "text": OTHER, "html": 5})),
                           ("feed.jsonl:1", '"html" must be a string'))[1],
    "html-list-only": lambda d: (write(d / "feed.jsonl", jsonl({"id": "h", "html": ["<p>"]})),
                                 ("feed.jsonl:1", '"html" must be a string'))[1],
    "published-invalid": lambda d: (write(d / "feed.jsonl", jsonl({"id": "p", "text": OTHER, "published": "2025-02-30"})),
                                    ("feed.jsonl:1", '"published" is not a date'))[1],
    "lone-surrogate": lambda d: (write(d / "feed.jsonl", '{"id": "s", "title": "\\ud800", "text": ' +
                                       json.dumps(OTHER) + "}\n"), ("feed.jsonl:1", "lone surrogate"))[1],
    "same-id-other-text": lambda d: (write(d / "feed.jsonl", jsonl({"id": "twice", "text": OTHER},
                                                                   {"id": "twice", "text": OTHER + " ثانية"})),
                                     ("feed.jsonl:2", "already the identity"))[1],
    "malformed-html": lambda d: write(d / "m.html", "<html><body><div><p>" + OTHER + "<span><b>"),
    "html-control-char": lambda d: write(d / "c.html", "<html><body><nav>قائمة</nav>\x1c<p>" + OTHER + "</p>"),
    "fifo": fifo,
    "socket": sock,
    "broken-link": lambda d: ((d / "gone.txt").symlink_to(d / "nowhere.txt"), ("gone.txt", "broken link"))[1],
    "linked-folder": lambda d: (d / "linked").symlink_to(elsewhere("x.txt", OTHER)),
    "link-loop": loop,
    "unreadable-folder": unreadable_folder,
    "unreadable-file": unreadable_file,
    "same-name-in-subfolders": lambda d: (write(d / "a" / "index.txt", OTHER), write(d / "b" / "index.txt", OTHER))[1],
    "gzip-text": lambda d: write(d / "z.txt.gz", gzip.compress(OTHER.encode())),
    "gzip-jsonl": lambda d: write(d / "z.jsonl.gz", gzip.compress(jsonl({"id": "gz1", "text": OTHER}).encode())),
    "corrupt-gzip": lambda d: (write(d / "bad.txt.gz", gzip.compress(OTHER.encode())[:30]), ("bad.txt.gz", "gzip"))[1],
}


def stored(db: Path) -> dict[str, int]:
    """Events per stored document."""
    with sqlite3.connect(db) as con:
        rows = con.execute("SELECT d.doc, count(s.doc) FROM documents d LEFT JOIN sources s USING (doc) GROUP BY d.doc")
        return dict(rows.fetchall())


@pytest.mark.parametrize("row", list(ROWS), ids=list(ROWS))
def test_bad_input_is_one_line_and_the_good_page_is_stored(folder, row):
    inputs = folder / "in"
    write(inputs / "good.txt", GOOD)
    expected = ROWS[row](inputs)
    db = folder / "t.db"
    folder.chmod(0o777)
    res = marsad("--db", str(db), "ingest", str(inputs), "--ref-date", "2026-11-22")
    lines = [ln for ln in res.stderr.splitlines() if not ln.startswith("marsad: ingest:")]
    assert "Traceback" not in res.stderr
    if expected is None:
        assert (res.returncode, lines) == (0, [])
    else:
        name, message = expected
        assert res.returncode == 1, res.stderr
        assert len(lines) == 1 and name in lines[0] and message in lines[0], lines
        assert lines[0].startswith("marsad: ")
    assert stored(db).get("good.txt", 0) >= 1, res.stderr


def test_fields_of_a_bad_record_are_kept(folder):
    write(folder / "feed.jsonl", jsonl({"id": "r1", "title": 5, "url": "https://example.org/x", "text": OTHER}))
    res = marsad("extract", str(folder), "--ref-date", "2026-11-22")
    (event,) = [json.loads(line) for line in res.stdout.splitlines()]
    assert event["sources"][0]["doc"] == "r1" and res.returncode == 1
    with_source_list = folder / "feed2.jsonl"
    write(with_source_list, jsonl({"id": "r2", "source": ["x"], "text": GOOD}))
    res = marsad("extract", str(with_source_list), "--ref-date", "2026-11-22")
    assert "Traceback" not in res.stderr and len(res.stdout.splitlines()) == 1


def test_dev_zero_given_explicitly_is_refused_without_reading_it_all(folder):
    res = marsad("extract", "/dev/zero", user=False)
    assert res.returncode == 1 and res.stderr.strip() == "marsad: /dev/zero: file too large (more than 20000000 bytes)"


def test_same_id_same_text_is_read_once(folder):
    write(folder / "feed.jsonl", jsonl({"id": "x", "text": OTHER}, {"id": "x", "text": OTHER}))
    res = marsad("extract", str(folder / "feed.jsonl"), "--ref-date", "2026-11-22")
    assert res.returncode == 1 and "feed.jsonl:2: repeats x" in res.stderr
    assert len(res.stdout.splitlines()) == 1


def test_same_file_name_in_two_folders_keeps_both(folder):
    write(folder / "a" / "page.txt", GOOD)
    write(folder / "b" / "page.txt", OTHER)
    res = marsad("extract", str(folder), "--ref-date", "2026-11-22")
    docs = {s["doc"] for line in res.stdout.splitlines() for s in json.loads(line)["sources"]}
    assert res.returncode == 0 and docs == {"a/page.txt", "b/page.txt"}
    res = marsad("extract", str(folder / "a" / "page.txt"), str(folder / "b" / "page.txt"), "--ref-date", "2026-11-22")
    docs = {s["doc"] for line in res.stdout.splitlines() for s in json.loads(line)["sources"]}
    assert docs == {"page.txt", str(folder / "b" / "page.txt")} and "already the identity" in res.stderr


def test_processing_error_names_the_jsonl_line(folder):
    """A record whose html is not a page at all still gives one line with its line number, or is read."""
    write(folder / "feed.jsonl", jsonl({"id": "a", "text": OTHER}, {"id": "b", "html": "\x00" * 10}))
    res = marsad("extract", str(folder / "feed.jsonl"), "--ref-date", "2026-11-22")
    assert "Traceback" not in res.stderr
    assert all(":2:" in line for line in res.stderr.splitlines())


def events_json(db: Path) -> list[str]:
    with sqlite3.connect(db) as con:
        return sorted(r[0] for r in con.execute("SELECT json FROM events"))


def test_one_run_over_every_bad_class_and_twenty_good_pages(folder):
    """The acceptance run: each bad input one line, every good page stored with its events, exit
    code 1, a second run changes nothing, and a later ingest into the same database works."""
    pages_dir = Path(__file__).parent / "pages" / "events"
    gold = json.loads((pages_dir / "gold.json").read_text(encoding="utf-8"))
    good = sorted({d for ev in gold["events"] for d in ev["docs"] if d.endswith(".txt")})[:20]
    inputs, alone = folder / "in", folder / "alone"
    for name in good:
        for target in (inputs, alone):
            write(target / name, (pages_dir / name).read_bytes())
    expected = {}
    for row in ROWS:
        (inputs / row).mkdir(parents=True)
        expected[row] = ROWS[row](inputs / row)
    folder.chmod(0o777)
    db, ref = folder / "t.db", folder / "ref.db"
    assert marsad("--db", str(ref), "ingest", str(alone), "--ref-date", "2026-11-22").returncode == 0
    res = marsad("--db", str(db), "ingest", str(inputs), "--ref-date", "2026-11-22")
    assert res.returncode == 1 and "Traceback" not in res.stderr
    lines = [ln for ln in res.stderr.splitlines() if not ln.startswith("marsad: ingest:")]
    for row, want in expected.items():
        named = [ln for ln in lines if f"/{row}/" in ln]
        assert len(named) == (0 if want is None else 1), (row, named)
    assert len(lines) == sum(want is not None for want in expected.values()), [
        ln for ln in lines if not any(f"/{row}/" in ln for row in ROWS)]
    counts = stored(db)
    assert {name: counts.get(name) for name in good} == stored(ref)
    before = events_json(db)
    again = marsad("--db", str(db), "ingest", str(inputs), "--ref-date", "2026-11-22")
    assert again.returncode == 1 and events_json(db) == before and " 0 new" in again.stderr
    write(folder / "later" / "later.txt", OTHER.replace("6 نوفمبر", "9 ديسمبر"))  # content not stored yet
    later = marsad("--db", str(db), "ingest", str(folder / "later"), "--ref-date", "2026-11-22")
    assert later.returncode == 0 and stored(db)["later.txt"] == 1

"""Database-level errors (issue 14, item 9): the real CLI on real files that are not usable databases.

Every command that opens `--db` answers a text file, random bytes, a directory, a path in a
missing directory, an unreadable file or (for `ingest`, which writes) a read-only file or
directory with ONE line on stderr, `marsad: PATH: reason`, exit code 1 and no traceback;
reading commands still read a read-only database. `serve` refuses such files at start-up,
opens the database read-only (an empty file stays empty), and reaches ids and names holding `/`
sent as %2F.

Permissions bind only a process that cannot override them. Run as root, the CLI goes through
`setpriv`, which drops CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH: root's uid stays (the venv's
interpreter lives under /root, out of reach of `nobody`), but file modes now apply to it. Those
rows skip when setpriv cannot do that.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import ROOT

from marsad.cli import main
from marsad.model import Event, Location, Participant
from marsad.store import MIGRATIONS, Store, StoreError

EXAMPLES = ROOT / "examples"
READERS = {"events": ["--jsonl"], "search": ["حموشي"], "show": ["0000000000000000"], "export": [],
           "quarantine": []}
COMMANDS = {"ingest": [str(EXAMPLES)], **{k: v for k, v in READERS.items() if k in main.commands}}
NOT_MARSAD = "not a marsad database (no marsad tables; `marsad ingest` makes one)"
SLASH_ID, SLASH_NAME = "slash/event", "عبد/الله"


def _unprivileged() -> list[str] | None:
    """A prefix that runs a command bound by file permissions; None when there is none."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    prefix = [setpriv or "setpriv", "--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-all", "--"]
    if setpriv is None or subprocess.run([*prefix, "true"], capture_output=True).returncode != 0:
        return None
    return prefix


UNPRIVILEGED = _unprivileged()
needs_permissions = pytest.mark.skipif(UNPRIVILEGED is None, reason="root, and setpriv cannot drop DAC capabilities")


def marsad(db: Path, *args: str, bound: bool = False, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """`python -m marsad --db DB ARGS` (bound by file permissions when `bound`)."""
    env = {k: v for k, v in os.environ.items() if k != "MARSAD_DB"}
    prefix = (UNPRIVILEGED or []) if bound else []
    return subprocess.run([*prefix, sys.executable, "-m", "marsad", "--db", str(db), *args], capture_output=True,
                          text=True, encoding="utf-8", env=env, timeout=timeout)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""


def assert_one_line(done: subprocess.CompletedProcess[str], db: Path, reason: str) -> None:
    assert "Traceback" not in done.stderr
    assert done.stderr == f"marsad: {db}: {reason}\n"
    assert done.returncode == 1


# -- the files -------------------------------------------------------------------------------

def text_file(tmp: Path, made: Path) -> Path:
    (tmp / "notes.txt").write_text("هذا ليس قاعدة بيانات\nnot a database\n", encoding="utf-8")
    return tmp / "notes.txt"


def random_bytes(tmp: Path, made: Path) -> Path:
    (tmp / "noise.db").write_bytes(bytes((i * 131 + 7) % 256 for i in range(8192)))
    return tmp / "noise.db"


def directory(tmp: Path, made: Path) -> Path:
    (tmp / "folder.db").mkdir()
    return tmp / "folder.db"


def missing_directory(tmp: Path, made: Path) -> Path:
    return tmp / "no_such_dir" / "x.db"


def unreadable(tmp: Path, made: Path) -> Path:
    path = marsad_db(tmp, made)
    path.chmod(0)
    return path


def read_only_file(tmp: Path, made: Path) -> Path:
    path = marsad_db(tmp, made)
    path.chmod(0o444)
    return path


def read_only_dir(tmp: Path, made: Path) -> Path:
    path = marsad_db(tmp / "ro", made)
    path.parent.chmod(0o555)
    return path


def empty_file(tmp: Path, made: Path) -> Path:
    (tmp / "empty.db").write_bytes(b"")
    return tmp / "empty.db"


def marsad_db(folder: Path, made: Path) -> Path:
    """A current marsad database in `folder`: a copy of `made`, ingested once for the module."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(made, folder / "m.db")
    return folder / "m.db"


Maker = Callable[[Path, Path], Path]


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`marsad ingest` on the examples, with one page in a subfolder (its doc is `sub/...`)."""
    pages = tmp_path_factory.mktemp("pages")
    shutil.copytree(EXAMPLES, pages / "sub")
    db = tmp_path_factory.mktemp("db") / "made.db"
    done = marsad(db, "ingest", str(pages))
    assert done.returncode in (0, 1) and "Traceback" not in done.stderr, done.stderr
    return db


@pytest.fixture(autouse=True)
def restore_modes(tmp_path: Path) -> Iterator[None]:
    """Gives every file back its write bit, so that pytest can remove tmp_path."""
    yield
    for path in [tmp_path, *tmp_path.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)


# -- store commands --------------------------------------------------------------------------

BAD = [  # (make the file, reason, run bound by file permissions)
    pytest.param(text_file, "not an SQLite database", False, id="text-file"),
    pytest.param(random_bytes, "not an SQLite database", False, id="random-bytes"),
    pytest.param(directory, "is a directory, not a database file", False, id="directory"),
    pytest.param(unreadable, "permission denied", True, id="unreadable", marks=needs_permissions),
]


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(("make", "reason", "bound"), BAD)
def test_a_bad_database_is_one_line(tmp_path: Path, made: Path, command: str, make: Maker, reason: str,
                                    bound: bool) -> None:
    db = make(tmp_path, made)
    before = digest(db)
    assert_one_line(marsad(db, command, *COMMANDS[command], bound=bound), db, reason)
    assert digest(db) == before  # nothing written into it


@pytest.mark.parametrize("command", COMMANDS)
def test_a_missing_directory_is_one_line(tmp_path: Path, made: Path, command: str) -> None:
    db = missing_directory(tmp_path, made)
    reason = (f"no such directory: {db.parent}" if command == "ingest"
              else "no such database (create it with `marsad ingest`)")
    assert_one_line(marsad(db, command, *COMMANDS[command]), db, reason)
    assert not db.parent.exists()


@needs_permissions
@pytest.mark.parametrize(("make", "reason"), [
    pytest.param(read_only_file, "read-only: no permission to write the file", id="read-only-file"),
    pytest.param(read_only_dir, "read-only: no permission to write its directory", id="read-only-dir"),
])
def test_ingest_into_a_read_only_database_is_one_line(tmp_path: Path, made: Path, make: Maker,
                                                      reason: str) -> None:
    db = make(tmp_path, made)
    before = digest(db)
    assert_one_line(marsad(db, "ingest", str(EXAMPLES), bound=True), db, reason)
    assert digest(db) == before


@needs_permissions
@pytest.mark.parametrize("command", [c for c in COMMANDS if c != "ingest"])
@pytest.mark.parametrize("make", [read_only_file, read_only_dir], ids=["read-only-file", "read-only-dir"])
def test_reading_commands_read_a_read_only_database(tmp_path: Path, made: Path, command: str,
                                                    make: Maker) -> None:
    db = make(tmp_path, made)
    before = digest(db)
    done = marsad(db, command, *COMMANDS[command], bound=True)
    assert "Traceback" not in done.stderr
    assert done.returncode == (1 if command == "show" else 0), done.stderr  # show: no such event id
    assert digest(db) == before


@needs_permissions
def test_read_only_events_are_the_stored_events(tmp_path: Path, made: Path) -> None:
    expected = marsad(made, "events", "--jsonl").stdout
    done = marsad(read_only_dir(tmp_path, made), "events", "--jsonl", bound=True)
    assert done.returncode == 0 and done.stdout == expected and len(expected.splitlines()) >= 5


@pytest.mark.parametrize("command", [c for c in COMMANDS if c != "ingest"])
def test_reading_an_empty_file_is_one_line_and_writes_nothing(tmp_path: Path, made: Path, command: str) -> None:
    db = empty_file(tmp_path, made)
    assert_one_line(marsad(db, command, *COMMANDS[command]), db, NOT_MARSAD)
    assert db.read_bytes() == b""


def test_ingest_makes_an_empty_file_a_database(tmp_path: Path, made: Path) -> None:
    db = empty_file(tmp_path, made)
    assert marsad(db, "ingest", str(EXAMPLES)).returncode in (0, 1)
    with Store(str(db), read_only=True) as store:
        assert store.counts()["events"] > 0


def test_read_only_store_never_writes(tmp_path: Path, made: Path) -> None:
    db = empty_file(tmp_path, made)
    with pytest.raises(StoreError, match="no marsad tables"):
        Store(str(db), read_only=True)
    with Store(str(marsad_db(tmp_path, made)), read_only=True) as store, pytest.raises(sqlite3.OperationalError):
        store.db.execute("DELETE FROM events")
    assert db.read_bytes() == b""


# -- serve -----------------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def outdated(tmp: Path, made: Path) -> Path:
    path = marsad_db(tmp, made)
    with sqlite3.connect(path) as db:
        db.execute("DELETE FROM migrations WHERE name = ?", (MIGRATIONS[-1][0],))
    return path


SERVE_REFUSES = [
    pytest.param(text_file, "not an SQLite database", id="text-file"),
    pytest.param(random_bytes, "not an SQLite database", id="random-bytes"),
    pytest.param(empty_file, NOT_MARSAD, id="empty-file"),
    pytest.param(directory, "is a directory, not a database file", id="directory"),
    pytest.param(missing_directory, "no such database (create it with `marsad ingest`)", id="missing-directory"),
    pytest.param(outdated, f"written by an older marsad (missing {MIGRATIONS[-1][0]}): `marsad events` on it "
                 "migrates it", id="outdated"),
]


@pytest.mark.parametrize(("make", "reason"), SERVE_REFUSES)
def test_serve_refuses_a_bad_database_at_start_up(tmp_path: Path, made: Path, make: Maker, reason: str) -> None:
    db = make(tmp_path, made)
    before = digest(db)
    assert_one_line(marsad(db, "serve", "--port", str(_free_port()), timeout=60), db, reason)
    assert digest(db) == before


@needs_permissions
def test_serve_refuses_an_unreadable_database(tmp_path: Path, made: Path) -> None:
    db = unreadable(tmp_path, made)
    assert_one_line(marsad(db, "serve", "--port", str(_free_port()), bound=True, timeout=60), db, "permission denied")


def slash_db(folder: Path, made: Path) -> Path:
    """A copy of the ingested database plus an event whose id and host's name hold `/`."""
    db = marsad_db(folder, made)
    with Store(str(db)) as store:
        real = store.events()[0]
        people = [Participant("host", SLASH_NAME, None, "MAR"), Participant("guest", "ضيف", None, "PAK")]
        store.save([Event("meeting", "2025-03-01", Location(None, "MAR"), people, [], real.sources, id=SLASH_ID)])
    return db


@contextmanager
def serving(db: Path, bound: bool = False) -> Iterator[str]:
    """`marsad --db DB serve` as a real process on a free port; yields its URL, stops it after."""
    port = _free_port()
    prefix = (UNPRIVILEGED or []) if bound else []
    proc = subprocess.Popen([*prefix, sys.executable, "-m", "marsad", "--db", str(db), "serve", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait(url, proc)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, made: Path) -> Iterator[tuple[str, Path]]:
    """`marsad serve` over `slash_db`; yields its URL and the database."""
    db = slash_db(tmp_path_factory.mktemp("served"), made)
    with serving(db) as url:
        yield url, db


def _wait(url: str, proc: subprocess.Popen[str]) -> None:
    for _ in range(150):
        try:
            urllib.request.urlopen(url + "/stats.json", timeout=1).read()
            return
        except OSError:
            if proc.poll() is not None:
                pytest.fail(f"marsad serve exited: {proc.stderr.read() if proc.stderr else ''}")
            time.sleep(0.2)
    pytest.fail(f"marsad serve did not answer on {url}")


def get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=10) as answer:
        return answer.status, answer.read().decode()


@pytest.mark.parametrize("path", [
    "/events/" + quote(SLASH_ID, safe="") + ".json",
    "/events/" + quote(SLASH_ID, safe=""),
    "/persons/" + quote(SLASH_NAME, safe="") + ".json",
    "/persons/" + quote(SLASH_NAME, safe=""),
    "/events.json?person=" + quote(SLASH_NAME, safe=""),
])
def test_served_ids_and_names_with_a_slash(served: tuple[str, Path], path: str) -> None:
    status, body = get(served[0] + path)
    assert status == 200 and (SLASH_ID in body or quote(SLASH_ID, safe="") in body)


def test_served_event_of_a_document_in_a_subfolder(served: tuple[str, Path]) -> None:
    status, body = get(served[0] + "/events/" + quote(SLASH_ID, safe="") + ".json")
    source = json.loads(body)["sources"][0]
    assert status == 200 and source["doc"].startswith("sub/") and source["highlight"]


def test_served_twin_link_of_a_slash_id_answers(served: tuple[str, Path]) -> None:
    _, page = get(served[0] + "/events/" + quote(SLASH_ID, safe=""))
    twin = page.split('rel="alternate" type="application/json" href="', 1)[1].split('"', 1)[0]
    status, body = get(served[0] + twin)
    assert status == 200 and json.loads(body)["event"]["id"] == SLASH_ID


def test_serve_writes_nothing(served: tuple[str, Path]) -> None:
    before = digest(served[1])
    for path in ("/events", "/events.json", "/stats.json", "/search.json?q=" + quote("وزير")):
        assert get(served[0] + path)[0] == 200
    assert digest(served[1]) == before


@needs_permissions
@pytest.mark.parametrize("make", [read_only_file, read_only_dir], ids=["read-only-file", "read-only-dir"])
def test_serve_reads_a_read_only_database(tmp_path: Path, made: Path, make: Maker) -> None:
    db = make(tmp_path, made)
    before = digest(db)
    with serving(db, bound=True) as url:
        status, body = get(url + "/events.json")
    assert status == 200 and json.loads(body)["total"] >= 5 and digest(db) == before

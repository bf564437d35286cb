"""Inputs of every form and every kind of bad input, through the real CLI process."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

PAGE = ("وزير يستقبل سفير فرنسا\n"
        "استقبل وزير الداخلية اليوم سفير فرنسا في مكتبه بالعاصمة، وتباحث الطرفان في سبل التعاون الأمني بين البلدين.\n"
        "وأكد الجانبان على أهمية تبادل المعلومات في مجال مكافحة الإرهاب والجريمة المنظمة.\n")


def marsad(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "marsad", *args], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("encoding, prefix", [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16", b""),
                                               ("cp1256", b"")], ids=["utf8", "utf8-bom", "utf16-bom", "cp1256"])
def test_encodings_are_detected(tmp_path, encoding, prefix):
    page = tmp_path / "p.txt"
    page.write_bytes(prefix + PAGE.encode(encoding))
    res = marsad("clean", str(page))
    assert res.returncode == 0, res.stderr
    (seg,) = [json.loads(line) for line in res.stdout.splitlines()]
    assert seg["title"] == "وزير يستقبل سفير فرنسا" and "تبادل المعلومات" in seg["text"]


def test_bad_inputs_are_reported_and_skipped(tmp_path):
    good = tmp_path / "a_good.txt"
    good.write_text(PAGE, encoding="utf-8")
    (tmp_path / "b_empty.txt").write_bytes(b"")
    (tmp_path / "c_binary.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "d_latin1.txt").write_bytes("caf\xe9 cr\xe8me br\xfbl\xe9e".encode("latin-1"))
    with open(tmp_path / "e_long.txt", "w") as f:  # a 50 MB one-line file
        f.write("ا" * 25_000_000)
    feed = tmp_path / "f_feed.jsonl"
    feed.write_text(json.dumps({"id": "ok1", "text": PAGE}, ensure_ascii=False) + "\n{broken json\n"
                    + json.dumps({"id": "nobody"}) + "\n", encoding="utf-8")
    (tmp_path / "g_broken.html").write_text("<html><body><p>" + PAGE.replace("\n", "</p><p>") + "<div><span>",
                                            encoding="utf-8")
    res = marsad("clean", str(tmp_path), str(tmp_path / "missing.txt"))
    assert res.returncode == 1
    errors = res.stderr.strip().splitlines()
    for name in ("b_empty.txt", "c_binary.txt", "d_latin1.txt", "e_long.txt", "f_feed.jsonl:2", "f_feed.jsonl:3",
                 "missing.txt"):
        assert sum(name in e for e in errors) == 1, (name, errors)
    assert all(e.startswith("marsad: ") and "\n" not in e for e in errors)
    docs = {json.loads(line)["doc"] for line in res.stdout.splitlines()}
    assert {"a_good.txt", "ok1", "g_broken.html"} <= docs


def test_every_input_read_gives_exit_zero(tmp_path):
    (tmp_path / "p.txt").write_text(PAGE, encoding="utf-8")
    assert marsad("extract", str(tmp_path), "--ref-date", "2026-11-22").returncode == 0


def test_jsonl_metadata_is_kept(tmp_path):
    feed = tmp_path / "feed.jsonl"
    rec = {"id": "x1", "url": "https://example.org/a", "source": "منبر", "published": "2025-03-04T10:00:00",
           "title": "عنوان", "text": PAGE}
    feed.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    (seg,) = [json.loads(line) for line in marsad("clean", str(feed)).stdout.splitlines()]
    assert (seg["doc"], seg["published"], seg["outlet"], seg["title"]) == ("x1", "2025-03-04", "منبر", "عنوان")

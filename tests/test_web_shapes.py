"""One event shape: every key of `Event.to_dict()` is in /openapi.json and in the API's answer.

The API's event models are derived from model.py (web/shapes.py). Checked on a database made by
a real `marsad ingest` of the seeds plus a retold copy of one seed (a syndicated copy whose date
moved by two days: `duplicate_of`, `Source.date` and a date conflict), or of tests/pages/events
without ../shared, through FastAPI's TestClient.
"""

from __future__ import annotations

import doctest
import subprocess
import sys
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import pytest
from conftest import PAGES, REF, SEEDS

pytest.importorskip("fastapi", reason="the web extra is not installed: pip install 'marsad[web]'")
pytest.importorskip("httpx", reason="fastapi.testclient needs httpx")

from fastapi.testclient import TestClient  # noqa: E402

from marsad.model import Event  # noqa: E402
from marsad.web import create_app, schemas, shapes  # noqa: E402
from marsad.web.app import read_only  # noqa: E402

SEED_PAK = "001_b5a8de8f3c704cbb.txt"  # the 2025-01-20 meeting


@pytest.fixture(scope="module")
def ingested_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """`marsad ingest` (a real process) of the seeds, plus a retold copy of one of them that moves
    its date by two days: a syndicated copy (`duplicate_of`) and a date conflict. Without
    ../shared, tests/pages/events."""
    folder = tmp_path_factory.mktemp("shape")
    inputs = [PAGES / "events"]
    if SEEDS.is_dir():
        text = (SEEDS / SEED_PAK).read_text(encoding="utf-8")
        (folder / "copy").mkdir()
        (folder / "copy" / "zz_copy.txt").write_text(
            text.replace("20 يناير 2025", "22 يناير 2025").replace("الاثنين", "الأربعاء"), encoding="utf-8")
        inputs = [SEEDS, folder / "copy"]
    db = str(folder / "shape.db")
    res = subprocess.run([sys.executable, "-m", "marsad", "--db", db, "ingest", *map(str, inputs),
                          "--ref-date", REF.isoformat()], capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    return db


def _resolve(schema: dict[str, Any], spec: dict[str, Any]) -> dict[str, Any]:
    """An OpenAPI schema with its `$ref` followed and `X | None` taken as X."""
    if "$ref" in schema:
        return _resolve(spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]], spec)
    branches = [b for b in schema.get("anyOf", []) if b.get("type") != "null"]
    return _resolve(branches[0], spec) if len(branches) == 1 else schema


def undocumented(value: Any, schema: dict[str, Any], spec: dict[str, Any], where: str = "$") -> list[str]:
    """The keys in `value`, at any depth, that `schema` does not name (a map's keys are data)."""
    schema = _resolve(schema, spec)
    if isinstance(value, list):
        return [m for i, v in enumerate(value) for m in undocumented(v, schema.get("items", {}), spec, f"{where}[{i}]")]
    if not isinstance(value, dict):
        return []
    named = schema.get("properties")
    if named is None and isinstance(schema.get("additionalProperties"), dict):  # dict[str, X]
        return [m for k, v in value.items() for m in undocumented(v, schema["additionalProperties"], spec, f"{where}.{k}")]
    named = named or {}
    return [f"{where}.{k}" for k in value if k not in named] + [
        m for k, v in value.items() if k in named for m in undocumented(v, named[k], spec, f"{where}.{k}")]


def paths(value: Any, where: str = "") -> set[str]:
    """Every key path in `value` (list items as [])."""
    if isinstance(value, list):
        return {p for v in value for p in paths(v, where + "[]")}
    if isinstance(value, dict):
        return {where + "." + k for k in value} | {p for k, v in value.items() for p in paths(v, f"{where}.{k}")}
    return set()


def test_every_key_of_an_event_is_in_the_schema_and_comes_back(ingested_db: str):
    client = TestClient(create_app(ingested_db))
    spec = client.get("/openapi.json").json()
    operation = spec["paths"]["/events/{event_id}.json"]["get"]
    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    with read_only(ingested_db) as store:
        events = [store.event(i) for i in sorted({ev.id for ev in store.events()})]
    seen: set[str] = set()
    for ev in events:
        assert ev is not None
        expected = ev.to_dict()
        res = client.get(f"/events/{quote(ev.id, safe='')}.json")
        assert res.status_code == 200
        assert undocumented(expected, spec["components"]["schemas"]["Event"], spec) == [], ev.id
        assert undocumented(res.json(), schema, spec) == [], ev.id
        assert res.json()["event"] == expected | {"url": f"/events/{ev.id}"}
        seen |= paths(expected)
    assert {".location.city", ".participants[].role", ".sources[].evidence", ".plover.actor.sector"} <= seen
    if SEEDS.is_dir():  # the retold copy: every optional key of a source, and a conflict
        assert {".location.geonameid", ".sources[].duplicate_of", ".sources[].date", ".conflicts[].field",
                ".conflicts[].values"} <= seen


def test_the_api_models_are_derived_from_the_data_model():
    """A key `to_dict()` writes is in the derived schema, whether a field, a method or neither."""

    @dataclass
    class Toy:
        a: int
        b: str | None = None

        def extra(self) -> list[str]:
            return ["x"]

        def to_dict(self) -> dict[str, Any]:
            return {"a": self.a, "extra": self.extra(), "untyped": 1} | ({"b": self.b} if self.b else {})

    toy = shapes.derive(Toy)["Toy"].model_json_schema()
    assert list(toy["properties"]) == ["a", "extra", "untyped", "b"] and toy["required"] == ["a", "extra", "untyped"]
    assert toy["properties"]["extra"]["type"] == "array"
    assert schemas.Event.model_fields.keys() == Event.from_dict({"kind": "call"}).to_dict().keys() | {"url"}
    with pytest.raises(ValueError, match="Participant.rank"):
        shapes.derive(Event, {"Participant.rank": "no such key"})
    assert doctest.testmod(shapes).failed == 0

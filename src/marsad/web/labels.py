"""Arabic labels for the codes shown by the web pages (topics, kinds, roles, countries, cities).

The JSON twins keep the codes of the output contract; only templates call these look-ups.
Loaded once per app (`create_app`) and passed explicitly, never held at module level.

>>> labels = Labels.load()
>>> labels.country("PAK"), labels.topic("counterterrorism"), labels.topic("no_such_topic")
('باكستان', 'مكافحة الإرهاب', 'no_such_topic')
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).parent
DATA = HERE.parent / "data"


def _tsv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


@dataclass(slots=True)
class Labels:
    """Look-ups code -> Arabic label; an unknown code is returned as it is."""

    tables: dict[str, dict[str, str]] = field(default_factory=dict)
    countries: dict[str, str] = field(default_factory=dict)
    cities: dict[str, str] = field(default_factory=dict)  # English GeoNames name -> Arabic

    @classmethod
    def load(cls) -> Labels:
        tables = yaml.safe_load((HERE / "labels.yaml").read_text(encoding="utf-8"))
        countries = {r["iso3"]: (r["names"].split("|")[0] or r["name_en"]) for r in _tsv(DATA / "countries.tsv")}
        cities: dict[str, str] = {}
        for row in _tsv(DATA / "cities.tsv"):
            if row["names_ar"]:
                cities.setdefault(row["name_en"], row["names_ar"].split("|")[0])
        return cls({k: {str(c): str(v) for c, v in t.items()} for k, t in tables.items()}, countries, cities)

    def _get(self, table: str, code: Any) -> str:
        return self.tables.get(table, {}).get(str(code), "" if code is None else str(code))

    def country(self, code: str | None) -> str:
        return self.countries.get(code or "", code or "؟")

    def city(self, name: str | None) -> str:
        return self.cities.get(name or "", name or "")

    def topic(self, code: str) -> str:
        return self._get("topics", code)

    def kind(self, code: str) -> str:
        return self._get("kinds", code)

    def role(self, code: str) -> str:
        return self._get("roles", code)

    def sector(self, code: str | None) -> str:
        return self._get("sectors", code)

    def date_how(self, code: str | None) -> str:
        return self._get("date_how", code) if code else "غير معروف"

    def cameo(self, code: str) -> str:
        return self._get("cameo", code)

    def plover(self, table: str, code: str) -> str:
        return self._get("plover_" + table, code)

    def field_name(self, code: str) -> str:
        return self._get("fields", code)

    def sort(self, code: str) -> str:
        return self._get("sorts", code)

    def for_templates(self) -> dict[str, Any]:
        """The look-ups as Jinja globals: `{{ country(p.country) }}`."""
        names = ("country", "city", "topic", "kind", "role", "sector", "date_how", "cameo", "plover", "field_name", "sort")
        return {name: getattr(self, name) for name in names} | {"TOPICS": list(self.tables["topics"]),
                                                                  "KINDS": list(self.tables["kinds"]),
                                                                  "SORTS": list(self.tables["sorts"])}

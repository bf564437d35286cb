#!/usr/bin/env python3
"""Regenerate ``src/marsad/web/static/world.json``, the country shapes of the web Map page.

Where the data comes from
  * the npm package ``world-atlas`` 2.0.2 (ISC licence, Copyright 2013-2019 Michael Bostock),
    file ``countries-50m.json``: Natural Earth 1:50m Admin 0 countries (public domain) as
    TopoJSON, keyed by ISO 3166-1 *numeric* code;
  * ``pycountry``: numeric -> alpha-3 codes (marsad stores alpha-3).

What the script does
  1 decode the TopoJSON arcs (quantized, delta-encoded);
  2 simplify every arc with Douglas-Peucker (TOLERANCE degrees); arcs are shared between
    neighbours, so borders stay closed after simplification;
  3 assemble each country's rings, round to 0.01 degree and write one SVG path per country in
    the equirectangular plane x = longitude, y = -latitude (the projection the web module uses
    for cities too), with its bounding box. Antarctica is left out.

The runtime never needs npm, pycountry or the TopoJSON: only this script does.

How to run (from the repository root)::

    python3 -m venv /tmp/h-world && /tmp/h-world/bin/pip install pycountry
    /tmp/h-world/bin/python tools/build_world.py            # runs `npm pack world-atlas@2.0.2`
    /tmp/h-world/bin/python tools/build_world.py PATH/countries-50m.json
"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "marsad" / "web" / "static" / "world.json"
PACKAGE = "world-atlas@2.0.2"
TOLERANCE = 0.1  # degrees (~10 km): invisible at the map's scale (1 degree is a few pixels), a third of the size
EXTRA = {"Kosovo": "XKX", "Somaliland": "SOM", "N. Cyprus": "CYP"}  # shapes without a numeric id
SKIP = {"ATA"}  # Antarctica: no engagement happens there, and it costs a fifth of the height


def fetch() -> Path:
    """`npm pack` the package into a temporary folder; the path of countries-50m.json."""
    tmp = Path(tempfile.mkdtemp(prefix="world-atlas-"))
    subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=tmp, check=True, stdout=subprocess.DEVNULL)
    with tarfile.open(next(tmp.glob("*.tgz"))) as tar:
        tar.extractall(tmp, filter="data")
    return tmp / "package" / "countries-50m.json"


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """Step 1: absolute (lon, lat) points of every arc."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Step 2: Douglas-Peucker, iterative; the end points are always kept."""
    if len(points) < 3:
        return points
    keep = {0, len(points) - 1}
    stack = [(0, len(points) - 1)]
    while stack:
        lo, hi = stack.pop()
        (x1, y1), (x2, y2) = points[lo], points[hi]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        best, at = 0.0, -1
        for i in range(lo + 1, hi):
            px, py = points[i]
            d = abs(dy * (px - x1) - dx * (py - y1)) / norm if norm else ((px - x1) ** 2 + (py - y1) ** 2) ** 0.5
            if d > best:
                best, at = d, i
        if best > tolerance:
            keep.add(at)
            stack += [(lo, at), (at, hi)]
    return [points[i] for i in sorted(keep)]


def ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """A ring from arc indexes (~i is arc i reversed); shared end points once."""
    out: list[tuple[float, float]] = []
    for i in indexes:
        points = arcs[i] if i >= 0 else arcs[~i][::-1]
        out += points[1:] if out else points
    return out


def path(rings: list[list[tuple[float, float]]]) -> str:
    """Step 3: SVG path data in the plane x = lon, y = -lat, 0.01 degree precision."""
    parts = []
    for r in rings:
        parts.append("M" + "L".join(f"{_num(x)} {_num(-y)}" for x, y in r) + "Z")
    return "".join(parts)


def _num(v: float) -> str:
    text = f"{v:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def iso3(geometry: dict) -> str | None:
    name = geometry.get("properties", {}).get("name", "")
    if "id" not in geometry:
        return EXTRA.get(name)
    country = pycountry.countries.get(numeric=geometry["id"])
    return country.alpha_3 if country else None


def main(argv: list[str]) -> int:
    source = Path(argv[1]) if len(argv) > 1 else fetch()
    topo = json.loads(source.read_text(encoding="utf-8"))
    raw = decode_arcs(topo)  # 1
    arcs = [simplify(a, TOLERANCE) for a in raw]  # 2
    shapes: dict[str, list[list[tuple[float, float]]]] = {}
    names: dict[str, str] = {}
    for g in topo["objects"]["countries"]["geometries"]:
        code = iso3(g)
        if not code or code in SKIP or g["type"] not in {"Polygon", "MultiPolygon"}:
            continue
        polygons = [g["arcs"]] if g["type"] == "Polygon" else g["arcs"]
        rings = [r for r in (ring(r, arcs) for poly in polygons for r in poly) if len(r) >= 4]
        if not rings and code not in shapes:  # a small island state: keep its full outline
            rings = [ring(r, raw) for poly in polygons for r in poly]
        shapes.setdefault(code, []).extend(rings)
        names.setdefault(code, g["properties"]["name"])
    countries = {}
    for code in sorted(shapes):
        xs = [x for r in shapes[code] for x, _ in r]
        ys = [-y for r in shapes[code] for _, y in r]
        countries[code] = {"name": names[code], "d": path(shapes[code]),  # 3
                           "bbox": [round(min(xs), 2), round(min(ys), 2), round(max(xs), 2), round(max(ys), 2)]}
    OUT.write_text(json.dumps({
        "source": f"npm {PACKAGE} countries-50m.json (Natural Earth 1:50m, public domain; "
                  "world-atlas ISC licence, Copyright 2013-2019 Michael Bostock)",
        "projection": "equirectangular: x = longitude, y = -latitude (degrees)",
        "tolerance_degrees": TOLERANCE,
        "countries": countries,
    }, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(countries)} countries, {OUT.stat().st_size // 1024} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

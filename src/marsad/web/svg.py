"""Server-side chart geometry: numbers in, shapes out. No JavaScript, no markup.

Each function reads the dict of a view (views.py) and returns plain shapes (rectangles, circles,
lines, paths with their coordinates and labels); the templates draw them as inline SVG, escaping
every label like any other text. Layouts are deterministic: the same data draws the same picture.

Right-to-left: the time axis of the timeline runs from right (oldest) to left (newest), with the
value axis on the right, as the reading direction of the page does.

>>> bars = timeline({"months": ["2025-01"], "series": [{"key": "PAK", "counts": [1]}], "totals": [1]})
>>> [(b["key"], b["count"]) for b in bars["bars"]]
[('PAK', 1)]
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

WORLD = Path(__file__).parent / "static" / "world.json"
WORLD_BOX = (-180.0, -84.0, 360.0, 143.0)  # x, y, width, height in degrees (y = -latitude)
SHADES = 5  # choropleth classes s1..s5 (s0: no engagement)


def _ticks(top: int) -> list[int]:
    """Round tick values (steps 1, 2, 5, 10, 20, 50 ...) from 0 to at least `top`, at most 6."""
    step, k = 1, 0
    while top / step > 5:
        k += 1
        step = (1, 2, 5)[k % 3] * 10 ** (k // 3)
    return list(range(0, max(1, math.ceil(top / step)) * step + 1, step))


def timeline(data: dict[str, Any], height: int = 260) -> dict[str, Any]:
    """Stacked bars per month; x mirrored (oldest month on the right)."""
    months, series = data["months"], data["series"]
    slot = 34 if len(months) <= 24 else 16 if len(months) <= 72 else 8
    left, right, top, bottom = 16, 48, 16, 56
    width = max(1000, left + right + slot * len(months))  # ~1:1 on a laptop: labels stay 11 px
    plot_w, plot_h = width - left - right, height - top - bottom
    stacks = [sum(s["counts"][i] for s in series) for i in range(len(months))]
    ticks = _ticks(max(stacks, default=0))
    scale = plot_h / max(ticks[-1], 1)
    step = plot_w / max(len(months), 1)
    bars, labels = [], []
    every = max(1, math.ceil(len(months) / (plot_w / 64)))  # a month label every ~64 px
    for i, month in enumerate(months):
        x = width - right - (i + 1) * step  # mirrored: month 0 at the right
        base = top + plot_h
        for n, s in enumerate(series):
            count = s["counts"][i]
            if count:
                h = count * scale
                base -= h
                bars.append({"x": round(x + step * 0.12, 1), "y": round(base, 1), "w": round(step * 0.76, 1),
                             "h": round(h, 1), "key": s["key"], "colour": n if s["key"] != "*other" else 9,
                             "month": month, "count": count})
        if i % every == 0:
            labels.append({"x": round(x + step / 2, 1), "y": top + plot_h + 18, "text": month})
    axis = [{"y": round(top + plot_h - t * scale, 1), "text": str(t)} for t in ticks]
    legend = [{"key": s["key"], "colour": n if s["key"] != "*other" else 9, "total": sum(s["counts"])}
              for n, s in enumerate(series)]
    return {"width": width, "height": height, "bars": bars, "labels": labels, "axis": axis, "legend": legend,
            "x0": left, "x1": width - right, "y0": top + plot_h, "axis_x": width - right + 6,
            "totals": [{"x": round(width - right - (i + 0.5) * step, 1), "y": round(top + plot_h - s * scale - 4, 1),
                        "text": str(t)} for i, (s, t) in enumerate(zip(stacks, data["totals"], strict=True)) if t]}


def network(data: dict[str, Any], size: int = 640) -> dict[str, Any]:
    """Nodes on a circle (the hub in the middle when it touches a third of them), weighted edges."""
    nodes, edges = data["nodes"], data["edges"]
    c, radius = size / 2, size / 2 - 110
    most = max((n["events"] for n in nodes), default=1)
    heaviest = max((e["weight"] for e in edges), default=1)
    ring = list(nodes)
    placed: dict[str, dict[str, Any]] = {}
    if len(nodes) >= 4 and nodes[0]["degree"] * 3 >= len(nodes) - 1:
        hub = ring.pop(0)
        placed[hub["id"]] = {"x": c, "y": c, "lx": c, "ly": c + _r(hub, most) + 16, "anchor": "middle"}
    for i, node in enumerate(ring):
        angle = -math.pi / 2 + 2 * math.pi * i / max(len(ring), 1)
        x, y = c + radius * math.cos(angle), c + radius * math.sin(angle)
        out = radius + _r(node, most) + 8
        lx, ly = c + out * math.cos(angle), c + out * math.sin(angle) + 5
        anchor = "middle" if abs(math.cos(angle)) < 0.2 else "start" if math.cos(angle) > 0 else "end"
        placed[node["id"]] = {"x": x, "y": y, "lx": lx, "ly": ly + (8 if math.sin(angle) > 0.9 else 0), "anchor": anchor}
    shapes = [{**n, **{k: round(v, 1) if isinstance(v, float) else v for k, v in placed[n["id"]].items()},
               "r": round(_r(n, most), 1)} for n in nodes]
    lines = [{"x1": round(placed[e["source"]]["x"], 1), "y1": round(placed[e["source"]]["y"], 1),
              "x2": round(placed[e["target"]]["x"], 1), "y2": round(placed[e["target"]]["y"], 1),
              "w": round(1 + 7 * e["weight"] / heaviest, 1), **e} for e in edges]
    return {"size": size, "nodes": shapes, "edges": lines}


def _r(node: dict[str, Any], most: int) -> float:
    return 7 + 21 * math.sqrt(node["events"] / max(most, 1))


@dataclass(slots=True)
class World:
    """Country outlines from vendored Natural Earth data (see tools/build_world.py)."""

    countries: dict[str, dict[str, Any]]
    source: str

    @classmethod
    def load(cls, path: Path = WORLD) -> World:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return cls(raw["countries"], raw["source"])


def _fit(boxes: list[tuple[float, float, float, float]]) -> tuple[float, float, float, float]:
    """A viewBox around the boxes (x0, y0, x1, y1), padded, at least 50 degrees wide, ratio 1.3-2.4."""
    if not boxes:
        return WORLD_BOX
    x0, y0 = min(b[0] for b in boxes) - 6, min(b[1] for b in boxes) - 6
    x1, y1 = max(b[2] for b in boxes) + 6, max(b[3] for b in boxes) + 6
    w, h = max(x1 - x0, 50.0), max(y1 - y0, 25.0)
    w, h = max(w, h * 1.3), max(h, w / 2.4)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    x, y = max(-180.0, cx - w / 2), max(-84.0, cy - h / 2)
    w, h = min(w, 180.0 - x), min(h, 60.0 - y)
    return round(x, 2), round(y, 2), round(w, 2), round(h, 2)


def world_map(data: dict[str, Any], world: World) -> dict[str, Any]:
    """Countries shaded by engagements (classes s0-s5), cities as circles sized by engagements."""
    counts = {c["code"]: c["events"] for c in data["countries"]}
    most = max(counts.values(), default=1)
    boxes = [tuple(world.countries[c]["bbox"]) for c in counts if c in world.countries]
    boxes += [(p["lon"], -p["lat"], p["lon"], -p["lat"]) for p in data["places"]]
    box = _fit([b for b in boxes if b[2] - b[0] < 120])  # Russia, USA, Fiji span the globe: not fitted
    unit = box[2] / 100  # 1% of the view width, in degrees
    shapes = [{"code": code, "d": shape["d"], "events": counts.get(code, 0),
               "shade": math.ceil(SHADES * counts[code] / most) if counts.get(code) else 0}
              for code, shape in world.countries.items()]
    top = max((p["events"] for p in data["places"]), default=1)
    dots: list[dict[str, Any]] = []
    labelled: list[dict[str, Any]] = []
    for p in data["places"]:  # most engagements first: a label is dropped when it would overlap one drawn
        r = unit * (0.7 + 1.3 * math.sqrt(p["events"] / top))
        label = not any(abs(p["lon"] - q["lon"]) < unit * 9 and abs(p["lat"] - q["lat"]) < unit * 2.2 for q in labelled)
        if label:
            labelled.append(p)
        dots.append(p | {"x": p["lon"], "y": -p["lat"], "r": round(r, 3), "label": label,
                         "lx": round(p["lon"] - r - unit * 0.6, 3), "ly": round(-p["lat"] + unit * 0.6, 3)})
    return {"box": box, "shapes": shapes, "dots": dots, "font": round(unit * 1.6, 3), "halo": round(unit * 0.35, 3),
            "missing": [c for c in counts if c not in world.countries], "source": world.source}

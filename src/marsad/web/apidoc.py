"""The /docs page's content: the app's OpenAPI schema flattened into rows a template can show.

FastAPI's own /docs loads Swagger UI from a CDN; marsad works offline, so /docs is a plain
server-rendered page made from the same schema that /openapi.json serves.

>>> type_text({"anyOf": [{"type": "string", "maxLength": 200}, {"type": "null"}]})
'string ≤200 | null'
"""

from __future__ import annotations

from typing import Any

REF = "#/components/schemas/"


def type_text(schema: dict[str, Any]) -> str:
    """A short description of a JSON schema: type, enum, pattern, bounds, default."""
    if "anyOf" in schema:
        return " | ".join(type_text(alt) for alt in schema["anyOf"])
    if "$ref" in schema:
        return schema["$ref"].removeprefix(REF)
    text = str(schema.get("type", "any"))
    if text == "array" and "items" in schema:
        text = f"array of {type_text(schema['items'])}"
    if "enum" in schema:
        text += " " + " | ".join(map(str, schema["enum"]))
    if "pattern" in schema:
        text += f" /{schema['pattern']}/"
    for key, sign in (("minimum", "≥"), ("maximum", "≤"), ("maxLength", "≤")):
        if key in schema:
            text += f" {sign}{schema[key]}"
    return text


def operations(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per path and method: summary, tags, parameters, responses (status, text, schema)."""
    rows = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            params = [{"name": p["name"], "in": p["in"], "required": p.get("required", False),
                       "type": type_text(p.get("schema", {})) + (f" = {p['schema']['default']}"
                                                                  if "default" in p.get("schema", {}) else ""),
                       "description": p.get("description", p.get("schema", {}).get("description", ""))}
                      for p in op.get("parameters", [])]
            responses = []
            for status, r in op.get("responses", {}).items():
                schema = r.get("content", {}).get("application/json", {}).get("schema", {})
                responses.append({"status": status, "description": r.get("description", ""),
                                  "schema": schema["$ref"].removeprefix(REF) if "$ref" in schema else None})
            rows.append({"id": op.get("operationId", ""), "method": method.upper(), "path": path,
                         "summary": op.get("summary", ""), "tags": op.get("tags", []),
                         "parameters": params, "responses": responses})
    return rows


def schemas(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per component schema with its properties."""
    out = []
    for name, s in spec.get("components", {}).get("schemas", {}).items():
        required = set(s.get("required", []))
        props = [{"name": p, "required": p in required, "type": type_text(ps), "description": ps.get("description", "")}
                 for p, ps in s.get("properties", {}).items()]
        out.append({"name": name, "description": s.get("description", ""), "properties": props})
    return out


def page(spec: dict[str, Any]) -> dict[str, Any]:
    info = spec.get("info", {})
    return {"title": info.get("title", ""), "version": info.get("version", ""),
            "description": info.get("description", ""), "operations": operations(spec), "schemas": schemas(spec)}

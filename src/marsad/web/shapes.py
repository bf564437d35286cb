"""Pydantic models derived from model.py, so that the event's shape is spelled once.

Problem: FastAPI serialises a response through its model and drops every key the model does not
name, so a key added to `Event.to_dict()` but not to a hand-written schema would vanish from the
API. Idea: the API's models are built from the model's classes, once, at import:

- a dataclass's keys are those its `to_dict()` writes, then any field it does not write: a key
  that is a field has the field's type, a key that is not (`Event.plover`, `Event.outlets`) the
  return type of the method of that name;
- a key is required when `to_dict()` writes it even for the emptiest instance (every field
  without a default empty); the others are optional (`Location.geonameid`, written only with
  coordinates, `Source.duplicate_of`);
- a TypedDict (`Plover`, `Actor`, `Conflict`) gives its keys and their types, required as declared;
- nested classes become nested models; every model also lets through keys it does not name, so
  even a key written without a field or a method (an untyped `Any`) is never dropped.

>>> from marsad import model
>>> models = derive(model.Event)
>>> sorted(models)
['Actor', 'Conflict', 'Event', 'Location', 'Participant', 'Plover', 'Source']
>>> location = models["Location"].model_json_schema()
>>> sorted(location["properties"]), sorted(location["required"])
(['city', 'country', 'geonameid', 'lat', 'lon'], ['city', 'country'])

Limits: a key's type is the field's, so `to_dict()` must write each field as its type's JSON
(a dataclass as its dict); the descriptions of the keys are the API's (`notes`).
"""

from __future__ import annotations

import operator
import types
from collections.abc import Callable, Mapping
from dataclasses import MISSING, fields, is_dataclass
from functools import reduce
from typing import Any, Union, get_args, get_origin, get_type_hints, is_typeddict

from pydantic import BaseModel, ConfigDict, Field, create_model

CONFIG = ConfigDict(extra="allow")  # a key the model writes and the schema misses still goes out


def derive(root: type, notes: Mapping[str, str] | None = None,
           extra: Mapping[str, Mapping[str, Any]] | None = None) -> dict[str, type[BaseModel]]:
    """Pydantic models of `root` and of every dataclass or TypedDict it holds, by class name.

    `notes` describes keys (`"Participant.role": "host | guest | ..."`, or a class by its name);
    `extra` adds fields to a model (`{"Event": {"url": (str, ...)}}`).
    """
    notes, extra, built = notes or {}, extra or {}, {}

    def convert(tp: Any) -> Any:
        if isinstance(tp, type) and (is_dataclass(tp) or is_typeddict(tp)):
            if tp.__name__ not in built:
                spec = _fields(tp, convert, notes) | dict(extra.get(tp.__name__, {}))
                built[tp.__name__] = create_model(tp.__name__, __config__=CONFIG, __doc__=notes.get(tp.__name__),
                                                  **spec)
            return built[tp.__name__]
        args = tuple(convert(a) for a in get_args(tp))
        origin = get_origin(tp)
        if not args or origin is None:
            return tp
        if origin in (Union, types.UnionType):
            return reduce(operator.or_, args)
        return origin[args]

    convert(root)
    unknown = _unknown(notes, built)
    if unknown:
        raise ValueError(f"notes on classes or keys the model does not have: {unknown}")
    return built


def _unknown(notes: Mapping[str, str], built: Mapping[str, type[BaseModel]]) -> list[str]:
    """The notes naming a class or a key that no model has (a typo would document nothing)."""
    out = []
    for note in notes:
        name, _, key = note.partition(".")
        if name not in built or (key and key not in built[name].model_fields):
            out.append(note)
    return sorted(out)


def _fields(cls: type, convert: Callable[[Any], Any], notes: Mapping[str, str]) -> dict[str, Any]:
    """create_model's field definitions for a dataclass or TypedDict."""
    hints = get_type_hints(cls)
    keys, required = _keys(cls, hints)
    spec = {}
    for key in keys:
        note = notes.get(f"{cls.__name__}.{key}")
        spec[key] = (convert(_type_of(cls, key, hints)), Field(... if key in required else None, description=note))
    return spec


def _type_of(cls: type, key: str, hints: dict[str, Any]) -> Any:
    """A key's type: its field's, else the return type of the method of that name, else Any."""
    if key in hints:
        return hints[key]
    method = getattr(cls, key, None)
    return get_type_hints(method).get("return", Any) if callable(method) else Any


def _keys(cls: type, hints: dict[str, Any]) -> tuple[list[str], set[str]]:
    """Every key of the class's dict, in order, and the keys always written."""
    if is_typeddict(cls):
        return list(hints), set(getattr(cls, "__required_keys__", hints))
    written = list(emptiest(cls).to_dict())
    return written + [f.name for f in fields(cls) if f.name not in written], set(written)


def emptiest(cls: type) -> Any:
    """An instance of the dataclass `cls` with every field that has no default empty.

    >>> from marsad.model import Source
    >>> emptiest(Source)
    Source(doc='', evidence='', segment=0, start=0, end=0, outlet=None, duplicate_of=None, date=None)
    """
    hints = get_type_hints(cls)
    return cls(**{f.name: _empty(hints[f.name]) for f in fields(cls)
                  if f.default is MISSING and f.default_factory is MISSING})


def _empty(tp: Any) -> Any:
    """The empty value of a type: None when it may be None, else `type()` ('' , 0, [], ...)."""
    if isinstance(tp, type) and is_dataclass(tp):
        return emptiest(tp)
    if type(None) in get_args(tp):
        return None
    return (get_origin(tp) or tp)()

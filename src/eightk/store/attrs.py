"""Event attribute conditions (``former_action=resigned``, ``changes.action=appointed``,
``court``) as SQL conditions on ``events e``, for both backends: the one reading of them, used by
``eightk search --attr`` (filings with such an event) and by ``GET /api/events`` (the events).

A key is a dotted path into the event's attributes; a list on the way (a list of records like
``changes``, or of names like ``counterparties``) matches when any element does, and a number in
the path picks one element (``counterparties.0``). A value matches text without regard to case,
a number by value (``amount=500000000``), a boolean as ``true``/``false``; a key alone matches
when the attribute is set (neither null, empty text nor an empty list). The path is checked
against the attribute models of :data:`eightk.kinds.EVENT_ATTRIBUTES` (of the event type when
given, else of any type), so a misspelt key is an error naming the valid ones, and user input
reaches the database only as bound parameters (SQLite walks the JSON with ``json_tree``,
PostgreSQL with a bound jsonpath).
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import get_close_matches
from typing import Any

from pydantic import BaseModel

from eightk.store.errors import StoreError

_NAME = re.compile(r"^[a-z_][a-z0-9_]*$")
_INDEX = re.compile(r"^[0-9]{1,6}$")

#: Most attribute conditions in one query.
MAX_ATTRS = 8


@dataclass(frozen=True)
class AttrFilter:
    #: attribute names, and element numbers of lists (``("changes", "0", "person")``)
    path: tuple[str, ...]
    #: the value asked for; None: the attribute is set
    value: str | None


def parse_attr(text: str, event: str | None) -> AttrFilter:
    """``key=value`` (or ``key`` alone) as a condition, the key checked against the models of
    ``event`` (else of every event type); a StoreError says what is wrong."""
    key, sep, value = text.partition("=")
    key, value = key.strip(), value.strip()
    if not key or len(key) > 128 or (sep and not value):
        raise StoreError(f"attribute {text!r}: expected key=value or a key alone "
                         "(e.g. former_action=resigned, changes.action=appointed, court)")
    path = tuple(key.split("."))
    if not _NAME.match(path[0]) or not all(_NAME.match(p) or _INDEX.match(p) for p in path):
        raise StoreError(f"attribute {key!r} is not an attribute path (names joined by dots, a number picking "
                         "an element of a list: changes.action, counterparties.0)")
    _check_path(tuple(p for p in path if not _INDEX.match(p)), event)
    return AttrFilter(path, value if sep else None)


def _models(event: str | None) -> list[type[BaseModel]]:
    from eightk.kinds import EVENT_ATTRIBUTES

    return [m for t, m in EVENT_ATTRIBUTES.items() if event is None or str(t) == event]


def _inner(annotation: Any) -> type[BaseModel] | None:
    """The model a field holds (``X | None``, ``list[X] | None`` -> X), if any."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, list):
        for arg in typing.get_args(annotation):
            found = _inner(arg)
            if found is not None:
                return found
        return None
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


def _check_path(path: tuple[str, ...], event: str | None) -> None:
    level: list[type[BaseModel]] = _models(event)
    for i, name in enumerate(path):
        known = {n: f for m in level for n, f in _fields(m).items()}
        if name not in known:
            where = f"{'.'.join(path[:i])} of " if i else ""
            near = get_close_matches(name, list(known), n=1)
            hint = f" (did you mean {near[0]}?)" if near else ""
            raise StoreError(f"{where}{event or 'any event'} has no attribute {name!r}{hint}; "
                             f"one of: {', '.join(sorted(known)) or '(none)'}")
        level = [m for m in (_inner(known[name]),) if m is not None]


def _fields(model: type[BaseModel]) -> dict[str, Any]:
    return {(f.alias or n): f.annotation for n, f in model.model_fields.items()}


def _number(value: str) -> float | None:
    try:
        return float(value.replace(",", ""))
    except ValueError:
        return None


def condition(flt: AttrFilter, dialect: str) -> tuple[str, list[Any]]:
    """A condition on ``events e``: some value at the filter's path equals its value (is set,
    when the filter has no value)."""
    if dialect == "postgres":
        return _postgres(flt)
    # SQLite: the leaves of the JSON whose full key is the path, with any list indices on the way
    # (and, for a key alone, the leaves below it: an object is set when something in it is)
    patterns = _like_patterns(flt.path, below=flt.value is None)
    at = ("EXISTS (SELECT 1 FROM json_tree(e.attributes) j WHERE j.atom IS NOT NULL AND ("
          + " OR ".join("replace(j.fullkey, '\"', '') LIKE ?" for _ in patterns) + ") AND ")
    if flt.value is None:
        return at + "CAST(j.atom AS TEXT) <> '')", patterns
    num = _number(flt.value)
    sql = (at + "((CASE WHEN j.type IN ('true', 'false') THEN j.type ELSE lower(CAST(j.atom AS TEXT)) END) = ?"
           + (" OR (j.type IN ('integer', 'real') AND j.atom = ?)" if num is not None else "") + "))")
    return sql, [*patterns, flt.value.lower(), *([num] if num is not None else [])]


def conditions(texts: Sequence[str], event: str | None, dialect: str) -> tuple[list[str], list[Any]]:
    """The SQL conditions on ``events e`` of the attribute conditions ``texts`` (each read by
    :func:`parse_attr` against ``event``'s models), and their parameters; a StoreError for a
    malformed one."""
    conds: list[str] = []
    params: list[Any] = []
    for text in texts:
        c, p = condition(parse_attr(text, event), dialect)
        conds.append(c)
        params += p
    return conds, params


def _postgres(flt: AttrFilter) -> tuple[str, list[Any]]:
    # lax mode looks into the lists on the way; the final [*] into a list at the path's end
    path = "lax $" + "".join(f"[{p}]" if _INDEX.match(p) else f'."{p}"' for p in flt.path) + "[*]"
    at = "EXISTS (SELECT 1 FROM jsonb_path_query(CAST(e.attributes AS jsonb), CAST(? AS jsonpath)) v WHERE "
    if flt.value is None:  # JSON null reads as NULL; an empty object or list as '{}' / '[]'
        return at + "coalesce(v #>> '{}', '') NOT IN ('', '{}', '[]'))", [path]
    num = _number(flt.value)
    sql = (at + "lower(v #>> '{}') = ?"
           + (" OR (jsonb_typeof(v) = 'number' AND CAST(v #>> '{}' AS double precision) = ?)" if num is not None
              else "") + ")")
    return sql, [path, flt.value.lower(), *([num] if num is not None else [])]


def _like_patterns(path: tuple[str, ...], *, below: bool = False) -> list[str]:
    """``$.changes.action`` with or without ``[n]`` after each name (``[0]`` where the path has
    a number); ``below``: also every key under it. (In LIKE a ``_`` of a name matches any one
    character: harmless, the names are checked against the models.)"""
    out = ["$"]
    for name in path:
        if _INDEX.match(name):
            out = [p + f"[{name}]" for p in out]
        else:
            out = [p + "." + name + tail for p in out for tail in ("", "[%]")]
    return [p + tail for p in out for tail in (("", ".%", "[%") if below else ("",))]


__all__ = ["MAX_ATTRS", "AttrFilter", "condition", "conditions", "parse_attr"]

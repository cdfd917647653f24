"""Event attributes as export tables of their own, built from the attribute models
(:data:`eightk.kinds.EVENT_ATTRIBUTES`), so they follow the models whatever their fields:

- a **record table** for every list-of-records field (``officer_director_change.changes`` ->
  ``officer_changes``, one row per change; ``shareholder_vote.proposals`` -> ``vote_proposals``;
  other such fields ``<type>_<field>``), with the record's fields as columns;
- an **event table** for the types of :data:`EVENT_TABLES` (``auditor_changes``, ``dividends``,
  ``earnings_figures``...), one row per event, with the type's own fields as columns.

Every row starts with the filing (``filing_id``, ``accession_number``, ``year``) and the event
(``event_seq``, ``item``); a record row adds its position (``record``). A nested object is
flattened into ``<field>_<sub-field>`` columns (``consideration_amount``); a list of values is
a JSON text column; booleans are 0/1 integers; dates ISO.
"""

from __future__ import annotations

import datetime as dt
import json
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from eightk.kinds import EVENT_ATTRIBUTES, EventAttributes

if TYPE_CHECKING:
    from eightk.store.base import Store
    from eightk.store.filters import Filters

#: Names of record tables (event type, list field) that differ from ``<type>_<field>``.
RECORD_TABLE_NAMES: dict[tuple[str, str], str] = {
    ("officer_director_change", "changes"): "officer_changes",
    ("shareholder_vote", "proposals"): "vote_proposals",
    ("earnings_release", "figures"): "earnings_figures",
}
#: Event types exported one row per event, and their table names.
EVENT_TABLES: dict[str, str] = {
    "auditor_change": "auditor_changes",
    "non_reliance": "non_reliance",
    "dividend": "dividends",
    "earnings_release": "earnings_figures",
    "material_agreement": "material_agreements",
    "acquisition_disposition": "acquisitions_dispositions",
    "debt_obligation": "debt_obligations",
}
_LEAD = [("filing_id", "int"), ("accession_number", "str"), ("year", "int"), ("event_seq", "int"), ("item", "str")]


@dataclass(frozen=True)
class AttrTable:
    name: str
    event_type: str
    field: str | None  # the list-of-records field, None for an event table
    columns: list[tuple[str, str, tuple[str, ...]]]  # (column, kind, path in the record or attributes)

    def export_columns(self) -> list[tuple[str, str]]:
        lead = [*_LEAD, ("record", "int")] if self.field else _LEAD
        return [*lead, *((c, k) for c, k, _ in self.columns)]


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """(the non-null type of a field, whether it is a list)."""
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        if len(args) == 1:
            return _unwrap(args[0])
        if all(a in (int, float) for a in args):
            return float, False
        return str, False
    if typing.get_origin(annotation) is list:
        return (args[0] if args else str), True
    return annotation, False


def _is_model(t: Any) -> bool:
    return isinstance(t, type) and issubclass(t, BaseModel)


def _kind(t: Any) -> str:
    if t is bool or t is int:
        return "int"
    if t is float:
        return "float"
    if t is dt.date:
        return "date"
    return "str"


def _columns(model: type[BaseModel], prefix: tuple[str, ...] = (), skip: frozenset[str] = frozenset()) -> list:
    out = []
    for name, f in model.model_fields.items():
        key = f.alias or name
        if not prefix and (key in skip or name in EventAttributes.model_fields):
            continue
        t, is_list = _unwrap(f.annotation)
        if _is_model(t) and not is_list and len(prefix) < 2:
            out += _columns(t, (*prefix, key))
        else:
            out.append(("_".join((*prefix, key)), "str" if is_list or _is_model(t) else _kind(t), (*prefix, key)))
    return out


def _tables() -> dict[str, AttrTable]:
    out: dict[str, AttrTable] = {}
    for etype, model in EVENT_ATTRIBUTES.items():
        lists = {}
        for name, f in model.model_fields.items():
            t, is_list = _unwrap(f.annotation)
            if is_list and _is_model(t):
                lists[f.alias or name] = t
        for field, sub in lists.items():
            tname = RECORD_TABLE_NAMES.get((str(etype), field), f"{etype}_{field}")
            out[tname] = AttrTable(tname, str(etype), field, _columns(sub))
        flat = EVENT_TABLES.get(str(etype))
        cols = _columns(model, skip=frozenset(lists))
        if flat and flat not in out and cols:
            out[flat] = AttrTable(flat, str(etype), None, cols)
    return out


#: Every attribute table, by name.
ATTR_TABLES: dict[str, AttrTable] = _tables()


def _cell(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind == "str":
        return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    if kind == "int":
        return int(value) if isinstance(value, (bool, int, float)) else None
    if kind == "float":
        return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None
    return str(value)


def _get(obj: Any, path: tuple[str, ...]) -> Any:
    for p in path:
        obj = obj.get(p) if isinstance(obj, dict) else None
    return obj


def rows_of(table: AttrTable, lead: tuple, attributes: dict[str, Any]) -> list[tuple]:
    """The table's rows for one event (``lead``: filing_id, accession_number, year, seq, item)."""
    if table.field is None:
        return [(*lead, *(_cell(_get(attributes, p), k) for _, k, p in table.columns))]
    records = attributes.get(table.field)
    if not isinstance(records, list):
        return []
    return [(*lead, i, *(_cell(_get(r, p), k) for _, k, p in table.columns))
            for i, r in enumerate(records) if isinstance(r, dict)]


def attr_rows(db: Store, table: AttrTable, filters: Filters | None, *, chunk: int = 2000) -> Iterator[list[tuple]]:
    """The rows of an attribute table for the events of the filings ``filters`` selects."""
    from eightk.store.filters import Filters

    conds, params = (filters or Filters()).where("f", db.backend)
    where = " AND ".join(["e.type = ?", *conds])
    cur = db._exec(
        "SELECT e.filing_id, f.accession_number, f.year, e.seq, e.item, e.attributes FROM events e"
        f" JOIN filings f ON f.id = e.filing_id WHERE {where} ORDER BY e.filing_id, e.seq",
        [table.event_type, *params],
    )
    out: list[tuple] = []
    while True:
        with db._guard():
            part = cur.fetchmany(chunk)
        if not part:
            break
        for fid, acc, year, seq, item, attrs in part:
            try:
                parsed = json.loads(attrs) if attrs else {}
            except ValueError:
                continue
            out += rows_of(table, (fid, acc, year, seq, item), parsed if isinstance(parsed, dict) else {})
        if len(out) >= chunk:
            yield out
            out = []
    if out:
        yield out


__all__ = ["ATTR_TABLES", "EVENT_TABLES", "RECORD_TABLE_NAMES", "AttrTable", "attr_rows", "rows_of"]

"""Structured events across filings: by type, by attribute (``key`` or ``key=value``) and by the
filing :class:`Filters`, newest filing first.

Attributes are kept as JSON text on both backends and differ from one event type to the next
(and grow as the extractors learn more), so they are matched generically: SQL narrows the rows
to events of the type whose attributes name every key asked for, and :func:`attribute_matches`
decides on the decoded value (any case; a list matches when one of its elements does; numbers
compare as numbers; ``changes.person`` looks into nested attributes).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from eightk.store.errors import StoreError
from eightk.store.filters import Filters, like_escape
from eightk.store.results import date_str

if TYPE_CHECKING:
    from eightk.store.base import Store

#: Most attribute conditions in one query.
MAX_ATTRS = 8

_COLUMNS = ("e.filing_id, e.seq, e.type, e.item, e.equivalent_item, e.confidence, e.attributes,"
            " f.accession_number, f.company, f.cik, f.date")


@dataclass
class EventResult:
    """A page of events: ``total`` matching, ``events`` each a dict (see :func:`find_events`)."""

    total: int
    events: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"total": self.total, "events": self.events}


def parse_attr(spec: str) -> tuple[str, str | None]:
    """``"court=Delaware"`` -> ``("court", "Delaware")``; ``"court"`` -> ``("court", None)``.
    The key may be a path into nested attributes: ``changes.person=Jane Roe``."""
    key, sep, value = spec.partition("=")
    key = key.strip()
    if not key or len(key) > 128 or not all(part and all(c.isalnum() or c == "_" for c in part)
                                            for part in key.split(".")):
        raise StoreError(f"attribute {spec!r}: expected key=value (or key alone) with a key of letters, digits "
                         "and '_' (a path into nested attributes with '.': changes.person), e.g. court=Delaware "
                         "(`eightk events` lists each type's attributes)")
    return key, (value.strip() if sep else None)


def attribute_at(attributes: Any, path: str) -> list[Any]:
    """The values at ``path`` (``court``, ``changes.person``): a list is looked into element by
    element, a number in the path picks one element (``proposals.0.for``)."""
    found = [attributes]
    for part in path.split("."):
        nxt: list[Any] = []
        for v in found:
            if isinstance(v, dict) and part in v:
                nxt.append(v[part])
            elif isinstance(v, list):
                if part.isdigit():
                    nxt += [v[int(part)]] if int(part) < len(v) else []
                else:
                    nxt += [x[part] for x in v if isinstance(x, dict) and part in x]
        found = nxt
    return found


def attribute_matches(value: Any, wanted: str | None) -> bool:
    """Whether an attribute's decoded ``value`` matches ``wanted`` (None: the attribute is set):
    any case; a list when one of its elements does; numbers as numbers."""
    if value is None or value == "" or value == [] or value == {}:
        return False
    if wanted is None:
        return True
    if isinstance(value, list):
        return any(attribute_matches(v, wanted) for v in value)
    if isinstance(value, dict):
        return False  # an object is matched by a path into it (changes.person=...)
    if isinstance(value, bool):
        return wanted.strip().lower() == str(value).lower()
    if isinstance(value, int | float):
        try:
            return float(wanted) == float(value)
        except ValueError:
            return False
    return str(value).strip().lower() == wanted.strip().lower()


def find_events(db: Store, etype: str | None = None, attrs: Sequence[str] = (), filters: Filters | None = None,
                *, limit: int = 50, offset: int = 0) -> EventResult:
    """Events of type ``etype`` (any type when None) with every attribute in ``attrs``
    (``key=value`` or ``key``), in filings matching ``filters``; one page of them."""
    from eightk.store.vocabulary import check_event_type

    if limit < 1 or limit > 10_000 or offset < 0:
        raise StoreError("limit must be between 1 and 10000 and offset at least 0")
    if len(attrs) > MAX_ATTRS:
        raise StoreError(f"at most {MAX_ATTRS} attribute conditions")
    wanted = [parse_attr(a) for a in attrs]
    conds, params = (filters or Filters()).where("f")
    if etype:
        conds.append("e.type = ?")
        params.append(check_event_type(etype))
    for key, _ in wanted:  # the top-level key is in the JSON text
        conds.append("e.attributes LIKE ? ESCAPE '\\'")
        params.append("%" + like_escape(json.dumps(key.split(".")[0])) + ":%")
    where = ("WHERE " + " AND ".join(conds)) if conds else ""
    sql = f"SELECT {_COLUMNS} FROM events e JOIN filings f ON f.id = e.filing_id {where}" \
          " ORDER BY f.date DESC, e.filing_id DESC, e.seq"
    if not wanted:
        total_row = db.one(f"SELECT count(*) FROM events e JOIN filings f ON f.id = e.filing_id {where}", params)
        rows = db.rows(sql + " LIMIT ? OFFSET ?", [*params, limit, offset])
        return EventResult(total=int(total_row[0]) if total_row else 0, events=[_event(r, _attrs(r[6])) for r in rows])
    return _scan(db, sql, params, wanted, limit, offset)


def _scan(db: Store, sql: str, params: list[Any], wanted: list[tuple[str, str | None]], limit: int,
          offset: int) -> EventResult:
    """The candidates SQL found, decided on their decoded attributes; the page and the count."""
    out = EventResult(total=0)
    for r in db.rows(sql, params):
        attributes = _attrs(r[6])
        if all(any(attribute_matches(x, v) for x in attribute_at(attributes, k)) for k, v in wanted):
            if offset <= out.total < offset + limit:
                out.events.append(_event(r, attributes))
            out.total += 1
    return out


def _attrs(text: str | None) -> dict[str, Any]:
    if not text:
        return {}
    try:
        v = json.loads(text)
    except ValueError:
        return {}
    return v if isinstance(v, dict) else {}


def _event(r: tuple, attributes: dict[str, Any]) -> dict[str, Any]:
    return {
        "filing_id": int(r[0]), "handle": r[7] or str(r[0]), "accession_number": r[7], "company": r[8],
        "cik": r[9], "date": date_str(r[10]), "seq": int(r[1]), "type": r[2], "item": r[3],
        "equivalent_item": r[4], "confidence": r[5], "attributes": attributes,
    }


__all__ = ["MAX_ATTRS", "EventResult", "attribute_at", "attribute_matches", "find_events", "parse_attr"]

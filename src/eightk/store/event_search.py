"""Structured events across filings: by type, by attribute (``key=value`` or ``key``) and by the
filing :class:`Filters`, newest filing first, one page at a time.

An attribute condition is read and turned into SQL by :mod:`eightk.store.attrs`, the same
reading ``eightk search --attr`` uses: here it selects the events themselves (each condition
holds on the event), there the filings holding one. The database does the matching, the
counting and the paging.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from eightk.store.attrs import MAX_ATTRS, conditions
from eightk.store.errors import StoreError
from eightk.store.filters import Filters
from eightk.store.results import date_str

if TYPE_CHECKING:
    from eightk.store.base import Store

_COLUMNS = ("e.filing_id, e.seq, e.type, e.item, e.equivalent_item, e.confidence, e.attributes,"
            " f.accession_number, f.company, f.cik, f.date")


@dataclass
class EventResult:
    """A page of events: ``total`` matching, ``events`` each a dict (see :func:`find_events`)."""

    total: int
    events: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"total": self.total, "events": self.events}


def check_attrs(etype: str | None, attrs: Sequence[str]) -> None:
    """Raise a StoreError naming the problem when ``etype`` or one of ``attrs`` cannot be asked
    for (an unknown type, a malformed condition, an attribute the type does not have)."""
    _conditions(etype, attrs, "sqlite")


def _conditions(etype: str | None, attrs: Sequence[str], dialect: str) -> tuple[list[str], list[Any]]:
    """The conditions on ``events e`` of the type and the attribute conditions, checked."""
    from eightk.store.vocabulary import check_event_type

    if len(attrs) > MAX_ATTRS:
        raise StoreError(f"at most {MAX_ATTRS} attribute conditions")
    event = check_event_type(etype) if etype else None
    conds, params = conditions(attrs, event, dialect)
    if event is not None:
        conds, params = ["e.type = ?", *conds], [event, *params]
    return conds, params


def find_events(db: Store, etype: str | None = None, attrs: Sequence[str] = (), filters: Filters | None = None,
                *, limit: int = 50, offset: int = 0) -> EventResult:
    """Events of type ``etype`` (any type when None) with every attribute in ``attrs``
    (``key=value`` or ``key``), in filings matching ``filters``; one page of them."""
    if limit < 1 or limit > 10_000 or offset < 0:
        raise StoreError("limit must be between 1 and 10000 and offset at least 0")
    conds, params = (filters or Filters()).where("f", db.backend)
    c, p = _conditions(etype, attrs, db.backend)
    conds, params = conds + c, params + p
    where = ("WHERE " + " AND ".join(conds)) if conds else ""
    frm = f"FROM events e JOIN filings f ON f.id = e.filing_id {where}"
    total_row = db.one(f"SELECT count(*) {frm}", params)
    rows = db.rows(f"SELECT {_COLUMNS} {frm} ORDER BY f.date DESC, e.filing_id DESC, e.seq LIMIT ? OFFSET ?",
                   [*params, limit, offset])
    return EventResult(total=int(total_row[0]) if total_row else 0, events=[_event(r) for r in rows])


def _attrs(text: str | None) -> dict[str, Any]:
    if not text:
        return {}
    try:
        v = json.loads(text)
    except ValueError:
        return {}
    return v if isinstance(v, dict) else {}


def _event(r: tuple) -> dict[str, Any]:
    return {
        "filing_id": int(r[0]), "handle": r[7] or str(r[0]), "accession_number": r[7], "company": r[8],
        "cik": r[9], "date": date_str(r[10]), "seq": int(r[1]), "type": r[2], "item": r[3],
        "equivalent_item": r[4], "confidence": r[5], "attributes": _attrs(r[6]),
    }


__all__ = ["MAX_ATTRS", "EventResult", "check_attrs", "find_events"]

"""Structured filters (CIK, company, form, item, event, dates, fact values) as SQL conditions.

Written once with ``?`` placeholders for both backends; user input only ever reaches the
database as bound parameters.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from eightk.digits import ascii_digits
from eightk.itemcodes import equivalent as item_equivalent
from eightk.itemcodes import normalise_code
from eightk.store.errors import StoreError


def normalise_cik(value: str) -> str:
    digits = value.strip()
    if not ascii_digits(digits) or len(digits) > 10:
        raise StoreError(f"CIK must be up to 10 digits, got {value!r}")
    return digits.zfill(10)


def like_escape(s: str) -> str:
    """``s`` as a literal inside a ``LIKE ... ESCAPE '\\'`` pattern."""
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _iso(value: str | dt.date | None, what: str, *, end: bool = False) -> str | None:
    """The store's date reader: ``--since``/``--until`` values as ISO dates."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    from eightk.dates import bound_date  # the one date reader

    # a month or a year means its first day (--since) or its last day (--until)
    d = bound_date(str(value), end=end)
    if d is not None:
        return d.isoformat()
    raise StoreError(f"{what}: expected a date like 2004-08-23 (or 2004-08, 2004), got {value!r}")


@dataclass
class Filters:
    """Structured filters; all optional, combined with AND.

    ``event``: the filing reports an event of this type (whatever item number it was filed under
    in its time). ``fact_kind``: the filing has a fact of this kind. ``fact_min``/``fact_max``: a
    fact's value (of ``fact_kind`` when given) is in the range; with ``event`` (and ``fact_kind``
    money or none) the range applies to the event's own amount when the event has one (a
    settlement's amount, an offering's gross proceeds), else to the filing's money facts.
    Unknown event types and fact kinds are a StoreError naming the valid ones.
    """

    cik: str | None = None
    company: str | None = None
    form: str | None = None
    item: str | None = None
    event: str | None = None
    since: str | dt.date | None = None
    until: str | dt.date | None = None
    fact_kind: str | None = None
    fact_min: float | None = None
    fact_max: float | None = None
    #: also the versions a later copy of the same accession number superseded
    all_versions: bool = False
    #: event attributes, each ``path=value`` (``former_action=resigned``, ``changes.action=appointed``):
    #: the filing has an event (of ``event`` when given) with all of them (see :mod:`eightk.store.attrs`)
    attrs: tuple[str, ...] | list[str] = ()

    def where(self, alias: str = "f", dialect: str = "sqlite") -> tuple[list[str], list[Any]]:
        """SQL conditions on ``filings AS alias`` and their parameters (``dialect``: the
        backend, ``sqlite`` or ``postgres``, for the attribute conditions)."""
        conds: list[str] = [] if self.all_versions else [f"{alias}.superseded_by IS NULL"]
        params: list[Any] = []
        for part in (self._company_conds, self._item_conds, self._date_conds, self._value_conds):
            c, p = part(alias)
            conds += c
            params += p
        c, p = self._attr_conds(alias, dialect)
        return conds + c, params + p

    def _attr_conds(self, alias: str, dialect: str) -> tuple[list[str], list[Any]]:
        if not self.attrs:
            return [], []
        from eightk.store.attrs import conditions
        from eightk.store.vocabulary import check_event_type

        event = check_event_type(self.event) if self.event else None
        sub, params = conditions(self.attrs, event, dialect)
        if event is not None:
            sub, params = ["e.type = ?", *sub], [event, *params]
        return [f"{alias}.id IN (SELECT e.filing_id FROM events e WHERE {' AND '.join(sub)})"], params

    def _company_conds(self, alias: str) -> tuple[list[str], list[Any]]:
        conds: list[str] = []
        params: list[Any] = []
        if self.cik:
            conds.append(
                f"({alias}.cik = ? OR EXISTS (SELECT 1 FROM filing_companies fc"
                f" WHERE fc.filing_id = {alias}.id AND fc.cik = ?))"
            )
            c = normalise_cik(self.cik)
            params += [c, c]
        if self.company:
            # the names a search finds (the 'cover' passage), so a name search and --company agree
            conds.append(
                f"EXISTS (SELECT 1 FROM passages cp WHERE cp.filing_id = {alias}.id AND cp.kind = 'cover'"
                " AND lower(cp.text) LIKE ? ESCAPE '\\')"
            )
            params.append("%" + like_escape(self.company.lower()) + "%")
        if self.form:
            conds.append(f"upper({alias}.form_type) = ?")
            params.append(self.form.strip().upper())
        return conds, params

    def _item_conds(self, alias: str) -> tuple[list[str], list[Any]]:
        conds: list[str] = []
        params: list[Any] = []
        if self.item:
            code = normalise_code(self.item)
            if code is None:
                raise StoreError(f"--item: {self.item!r} is not an 8-K item code (e.g. 2.02, or 5 before 2004)")
            codes = {code}
            eq = item_equivalent(code)
            if eq:
                codes.add(eq)
            ph = ", ".join("?" for _ in codes)
            conds.append(f"{alias}.id IN (SELECT i.filing_id FROM items i WHERE i.code IN ({ph}))")
            params += sorted(codes)
        return conds, params

    def _event_amount(self) -> bool:
        """Whether the value range applies to the event's own amount."""
        has_range = self.fact_min is not None or self.fact_max is not None
        return bool(self.event) and has_range and (not self.fact_kind or self.fact_kind.strip() == "money")

    def _value_conds(self, alias: str) -> tuple[list[str], list[Any]]:
        """The event, fact and value conditions."""
        from eightk.store.vocabulary import check_event_type, check_fact_kind

        event = check_event_type(self.event) if self.event else None
        if self.fact_kind:
            check_fact_kind(self.fact_kind)
        if event is None:
            return self._fact_conds(alias)
        if not self._event_amount():
            c, p = self._fact_conds(alias)
            return [f"{alias}.id IN (SELECT e.filing_id FROM events e WHERE e.type = ?)", *c], [event, *p]
        rng, rparams = [], []
        if self.fact_min is not None:
            rng.append("e.amount >= ?")
            rparams.append(float(self.fact_min))
        if self.fact_max is not None:
            rng.append("e.amount <= ?")
            rparams.append(float(self.fact_max))
        facts, fparams = self._fact_conds(alias, kind="money")
        cond = (f"({alias}.id IN (SELECT e.filing_id FROM events e WHERE e.type = ? AND {' AND '.join(rng)})"
                f" OR ({alias}.id IN (SELECT e.filing_id FROM events e WHERE e.type = ? AND e.amount IS NULL)"
                f" AND {facts[0]}))")
        return [cond], [event, *rparams, event, *fparams]

    def _date_conds(self, alias: str) -> tuple[list[str], list[Any]]:
        conds: list[str] = []
        params: list[Any] = []
        since, until = _iso(self.since, "--since"), _iso(self.until, "--until", end=True)
        if since:
            conds.append(f"{alias}.date >= ?")
            params.append(since)
        if until:
            conds.append(f"{alias}.date <= ?")
            params.append(until)
        return conds, params

    def _fact_conds(self, alias: str, kind: str | None = None) -> tuple[list[str], list[Any]]:
        kind = kind or (self.fact_kind.strip() if self.fact_kind else None)
        if not (kind or self.fact_min is not None or self.fact_max is not None):
            return [], []
        sub = ["1 = 1"]
        params: list[Any] = []
        if kind:
            sub.append("x.kind = ?")
            params.append(kind)
        if self.fact_min is not None:
            sub.append("x.value_num >= ?")
            params.append(float(self.fact_min))
        if self.fact_max is not None:
            sub.append("x.value_num <= ?")
            params.append(float(self.fact_max))
        # uncorrelated IN: computed once, not once per candidate filing (a correlated EXISTS
        # made SQLite range-scan the (kind, value) index for every row)
        return [f"{alias}.id IN (SELECT x.filing_id FROM facts x WHERE " + " AND ".join(sub) + ")"], params


__all__ = ["Filters", "like_escape", "normalise_cik"]

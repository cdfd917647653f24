"""A parsed :class:`~eightk.model.Filing` as the rows of the store's tables (pure)."""

from __future__ import annotations

import json
import re
from typing import Any

from eightk.itemcodes import equivalent as item_equivalent
from eightk.itemcodes import normalise_code, scheme_of
from eightk.model import Filing
from eightk.store.prepare import Prepared, clean, modern_code
from eightk.store.results import date_str


def cik_of(value: str | None) -> str | None:
    """A CIK as the store keeps it (ten digits), or None when ``value`` is not one."""
    if not value:
        return None
    digits = re.sub(r"\D", "", value)
    if not digits or len(digits) > 10:
        return None
    return digits.zfill(10)


def companies_of(f: Filing) -> list[tuple[str | None, str | None, str]]:
    """(cik, name, role) of the filing's companies: header filers first (FILER, then SUBJECT
    COMPANY, FILED BY), then registrants from the cover page not already listed."""
    out: list[tuple[str | None, str | None, str]] = []
    rank = {"FILER": 0, "SUBJECT COMPANY": 1, "FILED BY": 2}
    filers = sorted(f.header.filers if f.header else [], key=lambda x: rank.get((x.role or "").upper(), 3))
    for x in filers:
        out.append((cik_of(x.cik), clean(x.name), (x.role or "filer").lower()))
    known = {c for c, _, _ in out if c}
    names = {(n or "").lower() for _, n, _ in out}
    for r in f.registrants:
        c = cik_of(r.cik)
        if (c and c in known) or (not c and (r.name or "").lower() in names):
            continue
        if c or r.name:
            out.append((c, clean(r.name), "registrant"))
    return out


def item_rows(f: Filing) -> list[tuple]:
    """Items parsed from the body, then codes the header lists that the body did not give."""
    rows: list[tuple] = []
    seen: set[str] = set()
    for it in f.items:
        code = it.code
        seen.add(code)
        eq = it.equivalent or item_equivalent(code)
        rows.append((code, it.scheme, eq, modern_code(code), clean(it.title), clean(it.text) or "", "body"))
    for raw in f.header.items if f.header else []:
        listed = normalise_code(raw)
        if listed is None or listed in seen:
            continue
        seen.add(listed)
        rows.append((listed, scheme_of(listed), item_equivalent(listed), modern_code(listed), None, "", "header"))
    return rows


def filing_row(p: Prepared, items: list[tuple]) -> dict[str, Any]:
    """The columns of a parsed filing's row in ``filings`` (``items``: its :func:`item_rows`); the
    store writes it, the batch dataset (:mod:`eightk.batch`) too: one flattening for both."""
    f = p.filing
    assert f is not None
    companies = companies_of(f)
    cik, company = (companies[0][0], companies[0][1]) if companies else (None, None)
    date = f.date_of_report or f.filed
    form = (f.form_type or "").upper() or None
    return {
        "accession_number": clean(f.accession_number), "sha256": p.sha256, "form_type": clean(form),
        "is_amendment": 1 if form and form.endswith("/A") else 0, "filed": date_str(f.filed),
        "date_of_report": date_str(f.date_of_report), "date": date_str(date), "year": date.year if date else None,
        "cik": cik, "company": clean(company), "path": clean(p.name), "size": p.size,
        "container": f.source.container, "n_items": len(items), "n_passages": len(p.passages),
        "item_codes": ",".join(dict.fromkeys(r[0] for r in items)),
        "accession_source": p.accession_source or ("header" if f.accession_number else None),
    }


def exhibit_rows(f: Filing) -> list[tuple]:
    return [(i, clean(x.number), clean(x.description), x.document) for i, x in enumerate(f.exhibits)]


def fact_rows(f: Filing) -> list[tuple]:
    return [(i, clean(x.kind), clean(x.text), *value_of(x.value), clean(x.unit), clean(x.per), clean(x.item),
             x.document if x.document is not None else x.span.document, to_json(x.attributes))
            for i, x in enumerate(f.facts)]


def event_rows(f: Filing) -> list[tuple]:
    return [(i, clean(e.type), clean(e.item), clean(e.equivalent_item), e.confidence, to_json(e.attributes),
             event_amount(e.attributes))
            for i, e in enumerate(f.events)]


#: The attributes that hold an event's own amount, in order of preference.
AMOUNT_KEYS = ("amount", "gross_proceeds")


def event_amount(attributes: dict[str, Any] | None) -> float | None:
    """An event's own amount (a settlement's, a deal's, an offering's gross proceeds); None when
    it has none (an amount of 0 is no amount)."""
    for k in AMOUNT_KEYS:
        v = (attributes or {}).get(k)
        if isinstance(v, int | float) and not isinstance(v, bool) and v > 0:
            return float(v)
    return None


def value_of(v: Any) -> tuple[float | None, str | None]:
    """A fact's value as (number, json): numbers go to value_num so ranges can be queried."""
    if isinstance(v, bool) or v is None:
        return None, (None if v is None else json.dumps(v))
    if isinstance(v, int | float):
        return float(v), None
    if isinstance(v, dict):
        for k in ("amount", "value", "number"):
            if isinstance(v.get(k), int | float) and not isinstance(v.get(k), bool):
                return float(v[k]), to_json(v)
        return None, to_json(v)
    if isinstance(v, str):
        try:
            return float(v.replace(",", "")), None
        except ValueError:
            return None, json.dumps(clean(v))
    return None, to_json(v)


def to_json(v: Any) -> str | None:
    if v is None or v == {}:
        return None
    return clean(json.dumps(v, default=str, ensure_ascii=False))


__all__ = ["AMOUNT_KEYS", "cik_of", "companies_of", "event_amount", "event_rows", "exhibit_rows", "fact_rows",
           "filing_row", "item_rows", "to_json", "value_of"]

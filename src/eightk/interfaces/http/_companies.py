"""``GET /api/companies/{cik}`` (a company: its names over time, counts) and
``/api/companies/{cik}/timeline`` (its 8-Ks over time, items aligned across numbering eras)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from fastapi import APIRouter, Request

from eightk.interfaces.http._errors import ApiError
from eightk.interfaces.http._models import CompanyOut, ErrorOut, TimelineOut
from eightk.interfaces.http._params import cik_param
from eightk.store import Timeline

router = APIRouter(prefix="/api/companies", tags=["companies"])


def _timeline(request: Request, cik: str) -> Timeline:
    store = request.app.state.store
    key = cik_param(cik)
    if not store.companies_matching(key):
        raise ApiError(404, f"no company with CIK {cik!r} in the database",
                       "/api/search?cik=... or ?company=... finds companies")
    return store.timeline(key)


def summary(tl: Timeline) -> dict[str, Any]:
    """A company from its timeline: the names it filed under (first and last date of each),
    how many filings, the first and last date, events by type."""
    names: dict[str, dict[str, Any]] = {}
    events: Counter[str] = Counter()
    for f in tl.filings:
        events.update(f["events"])
        if f["company"]:
            n = names.setdefault(f["company"], {"name": f["company"], "first": f["date"], "last": f["date"]})
            n["last"] = f["date"] or n["last"]
    dates = [f["date"] for f in tl.filings if f["date"]]
    return {"cik": tl.cik, "company": tl.company, "names": list(names.values()), "filings": len(tl.filings),
            "first": min(dates, default=None), "last": max(dates, default=None), "events": dict(events.most_common())}


@router.get("/{cik}", response_model=CompanyOut, responses={404: {"model": ErrorOut}})
def company(request: Request, cik: str) -> Any:
    """A company by CIK: the names it filed under, its filings' count and span, events by type."""
    return summary(_timeline(request, cik))


@router.get("/{cik}/timeline", response_model=TimelineOut, responses={404: {"model": ErrorOut}})
def timeline(request: Request, cik: str) -> Any:
    """A company's current 8-K filings, oldest first, items aligned on modern codes."""
    return _timeline(request, cik).as_dict()


__all__ = ["router", "summary"]

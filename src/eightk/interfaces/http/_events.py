"""``GET /api/events`` (structured events across filings, by type and attribute) and
``GET /api/stats`` (the counts of ``eightk stats``)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request

from eightk.interfaces.http._errors import BadRequest
from eightk.interfaces.http._models import ErrorOut, EventsOut
from eightk.interfaces.http._paging import next_url
from eightk.interfaces.http._params import Page, filters, page
from eightk.store import Filters, StoreError
from eightk.store.event_search import MAX_ATTRS, check_attrs

router = APIRouter(prefix="/api", tags=["events"])


@router.get("/events", response_model=EventsOut, responses={400: {"model": ErrorOut}})
def events(
    request: Request,
    f: Annotated[Filters, Depends(filters)],
    p: Annotated[Page, Depends(page)],
    type: Annotated[str | None, Query(max_length=64, description="The event type (e.g. legal_settlement; "
                                      "`eightk events` lists them).")] = None,
    attr: Annotated[list[str] | None, Query(max_length=MAX_ATTRS, description="An attribute condition, "
                                            "key=value (any case; a list attribute matches when one element "
                                            "does; a path looks into nested attributes: changes.person=Jane Roe, "
                                            "a number picks a list's element: counterparties.0=...) or key alone "
                                            "(the attribute is set); checked against the type's attributes; "
                                            "repeat for several.")] = None,
) -> Any:
    """Events across filings, newest filing first, with the filing they are in; the filters are
    those of /api/search (on the filing)."""
    try:  # the request's values, checked before the database is asked
        check_attrs(type or None, attr or [])
    except StoreError as e:
        raise BadRequest(str(e).replace("--event", "type"), "see /docs; `eightk events` lists types and attributes") \
            from e
    result = request.app.state.store.events(type or None, attr or [], f, limit=p.limit, offset=p.offset)
    out = result.as_dict()
    out["next"] = next_url(request, p, result.total)
    return out


@router.get("/stats", tags=["stats"])
def stats(request: Request) -> Any:
    """Counts over the current filings by year, item, event type and form; ingest outcomes."""
    return request.app.state.store.stats()


__all__ = ["router"]

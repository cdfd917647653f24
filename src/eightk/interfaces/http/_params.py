"""Query parameters the routes share: the search filters (the CLI's ``search`` options) and
pagination with a bounded page size; and the names of filings a request may give."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated

from fastapi import Query, Request

from eightk.interfaces.http._errors import ApiError, BadRequest
from eightk.store import Filters, StoreError

#: Largest page a client may ask for, and the deepest offset (a deeper page is a filter away).
MAX_PAGE = 100
MAX_OFFSET = 10_000


# The dependencies below are ``async def`` though they never wait: FastAPI runs a plain ``def``
# dependency in the thread pool, a hop (and a wait for one of the pool's few threads) per
# dependency per request; these only check their arguments, so they run on the event loop.


async def no_nul(request: Request) -> None:
    """Every route's guard: a query parameter holding a NUL character is a 400 (PostgreSQL
    cannot take one in a text value; no filing, name or query has one)."""
    for key, value in request.query_params.multi_items():
        if "\x00" in value or "\x00" in key:
            raise BadRequest(f"the query parameter {key!r} contains a NUL character", "remove it")


async def filters(
    item: Annotated[str | None, Query(max_length=16, description="Filings with this item, matched across eras "
                                      "(2.02 also finds legacy 12, 8.01 legacy 5).")] = None,
    event: Annotated[str | None, Query(max_length=64, description="Filings reporting an event of this type "
                                       "(e.g. legal_settlement).")] = None,
    cik: Annotated[str | None, Query(max_length=16, description="Filings by or about this company CIK.")] = None,
    company: Annotated[str | None, Query(max_length=200, description="Filings naming a company whose name "
                                         "(or former name) contains this (any case).")] = None,
    form: Annotated[str | None, Query(max_length=20, description="Form type, e.g. 8-K or 8-K/A.")] = None,
    since: Annotated[str | None, Query(max_length=10, description="Date of report (else filing date) from "
                                       "this day (YYYY-MM-DD, YYYY-MM or YYYY).")] = None,
    until: Annotated[str | None, Query(max_length=10, description="Date of report (else filing date) up to "
                                       "this day.")] = None,
    fact: Annotated[str | None, Query(max_length=16, description="Filings with a fact of this kind: money, "
                                      "shares, percent, date, period, party, security.")] = None,
    min: Annotated[float | None, Query(description="A fact's value (of `fact`'s kind) at least this; with "
                                       "`event`, the event's own amount when it has one.",
                                       allow_inf_nan=False)] = None,
    max: Annotated[float | None, Query(description="Like `min`, at most this.", allow_inf_nan=False)] = None,
) -> Filters:
    """The filters of ``eightk search``, checked now: a bad one is a 400 naming it."""
    f = Filters(cik=cik or None, company=company or None, form=form or None, item=item or None,
                event=event or None, since=since or None, until=until or None, fact_kind=fact or None,
                fact_min=min, fact_max=max)
    try:
        f.where("f")
    except StoreError as e:
        raise BadRequest(str(e).replace("--min", "min").replace("--", ""), "see /docs for the filters") from e
    return f


@dataclass(frozen=True)
class Page:
    limit: int
    offset: int


async def page(
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"Results per page (at most {MAX_PAGE}).")] = 20,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Results to skip.")] = 0,
) -> Page:
    return Page(limit, offset)


_CIK = re.compile(r"[0-9]{1,10}")


def cik_param(cik: str) -> str:
    if not _CIK.fullmatch(cik):
        raise ApiError(404, f"no company {cik!r}", "a CIK is up to 10 digits, e.g. 0000320193 or 320193")
    return cik.zfill(10)


__all__ = ["MAX_OFFSET", "MAX_PAGE", "Page", "cik_param", "filters", "no_nul", "page"]

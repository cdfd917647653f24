"""``GET /api/search``: the CLI's ``search`` (its query language and every filter), paginated;
the JSON of ``eightk search --format json`` plus ``next``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from eightk.interfaces.http._models import ErrorOut, SearchOut
from eightk.interfaces.http._paging import next_url
from eightk.interfaces.http._params import Page, filters, page
from eightk.store import Filters, SearchResult
from eightk.store.search import cached

router = APIRouter(prefix="/api", tags=["search"])


@router.get("/search", response_model=None, responses={200: {"model": SearchOut}, 400: {"model": ErrorOut}})
async def search(
    request: Request,
    f: Annotated[Filters, Depends(filters)],
    p: Annotated[Page, Depends(page)],
    q: Annotated[str, Query(max_length=2000, description='Words, "phrases", AND/OR/NOT, prefix*; empty to list '
                                                         "by the filters only, newest first.")] = "",
) -> JSONResponse:
    """Ranked filings, one per filing with its best passage; the filters combine with AND."""
    stores = request.app.state.store
    # a search the store's cache holds is answered here, on the event loop (a dictionary
    # lookup after one PRAGMA); any other is run in a thread with that thread's own store
    result = cached(stores.current(), q, f, limit=p.limit, offset=p.offset)
    if result is None:
        result = await run_in_threadpool(_search, stores, q, f, p)
    out = result.as_dict()
    out["next"] = next_url(request, p, result.total)
    return JSONResponse(out)  # the store's dict as it is: SearchOut documents it


def _search(stores, q: str, f: Filters, p: Page) -> SearchResult:
    return stores.current().search(q, f, limit=p.limit, offset=p.offset)  # current(): this thread's store


__all__ = ["router"]

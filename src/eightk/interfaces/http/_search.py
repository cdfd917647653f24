"""``GET /api/search``: the CLI's ``search`` (its query language and every filter), paginated;
the JSON of ``eightk search --format json`` plus ``next``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse

from eightk.interfaces.http._models import ErrorOut, SearchOut
from eightk.interfaces.http._paging import next_url
from eightk.interfaces.http._params import Page, filters, page
from eightk.store import Filters

router = APIRouter(prefix="/api", tags=["search"])


@router.get("/search", response_model=None, responses={200: {"model": SearchOut}, 400: {"model": ErrorOut}})
def search(
    request: Request,
    f: Annotated[Filters, Depends(filters)],
    p: Annotated[Page, Depends(page)],
    q: Annotated[str, Query(max_length=2000, description='Words, "phrases", AND/OR/NOT, prefix*; empty to list '
                                                         "by the filters only, newest first.")] = "",
) -> JSONResponse:
    """Ranked filings, one per filing with its best passage; the filters combine with AND."""
    result = request.app.state.store.search(q, f, limit=p.limit, offset=p.offset)
    out = result.as_dict()
    out["next"] = next_url(request, p, result.total)
    return JSONResponse(out)  # the store's dict as it is: SearchOut documents it


__all__ = ["router"]

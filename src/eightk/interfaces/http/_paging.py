"""The ``next`` link of a paginated answer."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import Request

from eightk.interfaces.http._params import MAX_OFFSET, Page


def next_url(request: Request, page: Page, total: int) -> str | None:
    """The same request one page on (a relative URL), or None on the last page."""
    nxt = page.offset + page.limit
    if nxt >= total or nxt > MAX_OFFSET:
        return None
    params = [(k, v) for k, v in request.query_params.multi_items() if k not in ("offset", "limit")]
    params += [("limit", str(page.limit)), ("offset", str(nxt))]
    return f"{request.url.path}?{urlencode(params)}"


__all__ = ["next_url"]

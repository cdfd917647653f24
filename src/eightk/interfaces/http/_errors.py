"""Errors as JSON a person can act on: ``{"error": what went wrong, "detail": what to do}``.

400 a bad query or filter (the parser's message, with the query), 404 nothing by that name,
413 an upload over the limit, 422 a parameter of the wrong form or a file that is not an 8-K,
503 the database (or the parse worker) failed; anything else is a 500 that names no code and shows no traceback
(the traceback goes to the server's log).
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from eightk.errors import EightKError
from eightk.store import QuerySyntaxError, StoreError

log = logging.getLogger("eightk.http")


class ApiError(Exception):
    """An error a route raises on purpose: its status, what went wrong and what to do."""

    def __init__(self, status: int, error: str, detail: Any = None) -> None:
        super().__init__(error)
        self.status, self.error, self.detail = status, error, detail


class BadRequest(ApiError):
    """A query or filter the store refused (a StoreError about the input, not the database)."""

    def __init__(self, error: str, detail: Any = None) -> None:
        super().__init__(400, error, detail)


def error_body(error: str, detail: Any = None) -> dict[str, Any]:
    return {"error": error, "detail": detail}


def _json(status: int, error: str, detail: Any = None) -> JSONResponse:
    return JSONResponse(error_body(error, detail), status_code=status)


async def _api_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return _json(exc.status, exc.error, exc.detail)


async def _query_error(request: Request, exc: Exception) -> JSONResponse:
    pos = getattr(exc, "position", None)
    detail: dict[str, Any] = {"query": request.query_params.get("q", ""),
                              "hint": 'words, "phrases", AND/OR/NOT, prefix*, (grouping)'}
    if pos is not None:
        detail["position"] = pos
    return _json(400, f"search query: {exc}", detail)


async def _store_error(request: Request, exc: Exception) -> JSONResponse:
    log.error("database error on %s: %s", request.url.path, exc)
    return _json(503, "the database failed", str(exc))


async def _eightk_error(request: Request, exc: Exception) -> JSONResponse:
    log.error("%s on %s: %s", type(exc).__name__, request.url.path, exc)
    return _json(503, "the server cannot do this now", str(exc))


async def _validation(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    problems = [{"where": ".".join(str(p) for p in e.get("loc", ())), "problem": e.get("msg", "")}
                for e in exc.errors()]
    return _json(422, "invalid request parameters", problems)


async def _http(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 404:
        return _json(404, f"no such page: {request.url.path}", "the API is described at /docs")
    if exc.status_code == 405:
        return _json(405, f"{request.method} is not allowed on {request.url.path}", "see /docs")
    return _json(exc.status_code, str(exc.detail), None)


async def _internal(request: Request, exc: Exception) -> JSONResponse:
    log.exception("internal error on %s %s", request.method, request.url.path)
    return _json(500, "internal error", "the server's log has the details; please report it")


def install(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(QuerySyntaxError, _query_error)
    app.add_exception_handler(StoreError, _store_error)
    app.add_exception_handler(EightKError, _eightk_error)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(StarletteHTTPException, _http)
    app.add_exception_handler(Exception, _internal)


__all__ = ["ApiError", "BadRequest", "error_body", "install"]

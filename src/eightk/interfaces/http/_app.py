"""``create_app``: the FastAPI application ``eightk serve`` runs (the API, and the web UI when
its package is present), on a store opened read-only at start."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI

from eightk import __version__
from eightk.interfaces.http import _errors
from eightk.interfaces.http._params import no_nul
from eightk.interfaces.http._parse import ParseLimits, Parser
from eightk.interfaces.http._security import SecurityHeaders
from eightk.interfaces.http._stores import ThreadStores

#: Threads serving requests, each with its own database connection. Few: the work between the
#: queries holds the GIL, and on SQLite 16 threads answered fewer searches per second than 4
#: (bench/bench_http.py); PostgreSQL, which works in its own process, gains little from more.
THREADS = 4

DESCRIPTION = """The eightk store over HTTP: search, read and export 8-K filings.

Errors are JSON: `{"error": what went wrong, "detail": what to do}`. The store is read-only."""


def create_app(db_url: str | None = None, *, read_only: bool = True, parse_limits: ParseLimits | None = None,
               threads: int = THREADS) -> FastAPI:
    """The app on the store at ``db_url`` (default ``$EIGHTK_DB``, else ``./eightk.db``), opened
    at once (a database that does not exist is a :class:`~eightk.store.StoreError` now) and kept
    on ``app.state.store``; ``read_only`` opens it read-only (never created nor changed)."""
    stores = ThreadStores(db_url, readonly=read_only)
    parser = Parser(parse_limits or ParseLimits())

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        import anyio.to_thread

        anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        try:
            yield
        finally:
            parser.close()
            stores.close()

    app = FastAPI(title="eightk", version=__version__, description=DESCRIPTION, lifespan=lifespan,
                  dependencies=[Depends(no_nul)])
    app.state.store = stores
    app.state.parser = parser
    _errors.install(app)
    app.add_middleware(SecurityHeaders)
    _routes(app)
    try:
        from eightk.interfaces.web import make_router as _web_router
    except ImportError:  # the web UI package is not installed in this build
        _web_router = None
    if _web_router is not None:
        app.include_router(_web_router())
    return app


def _routes(app: FastAPI) -> None:
    from eightk.interfaces.http import _companies, _events, _export, _filings, _parse, _search

    for module in (_search, _filings, _companies, _events, _export, _parse):
        app.include_router(module.router)


#: The environment variable ``eightk serve`` passes the database URL in to each worker process.
DB_ENV = "EIGHTK_SERVE_DB"


def app_from_env() -> FastAPI:
    """The app of ``eightk serve --workers N``: each worker process builds it from the environment."""
    return create_app(os.environ.get(DB_ENV) or None)


__all__ = ["DB_ENV", "THREADS", "app_from_env", "create_app"]

"""The HTTP API (FastAPI): the store over HTTP, served by ``eightk serve``.

``create_app(db_url)`` builds the app on a store opened read-only; its routes call the same
store and core functions as the command line: ``/api/search`` (the query language and every
filter of ``eightk search``, paginated), ``/api/filings/{accession}`` (the Filing model, its
raw submission, items, exhibits, facts, events), ``/api/companies/{cik}`` and its
``/timeline``, ``/api/events``, ``/api/stats``, ``/api/export`` (streamed) and ``POST
/api/parse`` (a filing uploaded, its model returned, nothing stored). The OpenAPI schema is at
``/openapi.json``, its docs at ``/docs``. One module per job:

- ``_app``: the app (store, errors, security headers, routers, the web UI when present)
- ``_stores``: a store per server thread; ``_errors``: JSON errors; ``_security``: headers
- ``_params``: the shared query parameters; ``_paging``: ``next`` links; ``_models``: shapes
- one module per group of routes: ``_search``, ``_filings``, ``_companies``, ``_events``,
  ``_export``, ``_parse``
"""

from eightk.interfaces.http._app import DB_ENV, app_from_env, create_app

__all__ = ["DB_ENV", "app_from_env", "create_app"]

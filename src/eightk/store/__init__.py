"""Store, search and export: SQLite by default, PostgreSQL when shared.

``open_store(url)`` picks the backend from the URL: ``sqlite:///path/eightk.db`` (the default,
``./eightk.db``; ``?mode=ro`` opens it read-only), a bare file path, or ``postgresql://...`` (psycopg 3). The schema is created
or upgraded on open by the versioned migrations in ``migrations/<backend>/``.
"""

from __future__ import annotations

import os

from eightk.store.base import EXPORT_COLUMNS, Filters, IngestOutcome, SearchHit, SearchResult, Store, StoreError
from eightk.store.prepare import Prepared, prepare, prepare_filing
from eightk.store.query import QuerySyntaxError, parse_query

DEFAULT_URL = "sqlite:///eightk.db"


def default_url() -> str:
    """``$EIGHTK_DB`` when set, else ``./eightk.db``."""
    return os.environ.get("EIGHTK_DB") or DEFAULT_URL


def open_store(url: str | None = None, *, migrate: bool = True) -> Store:
    """Open (and by default create or upgrade) the database at ``url``."""
    url = (url or default_url()).strip()
    if url.startswith(("postgresql://", "postgres://")):
        from eightk.store.postgres import PostgresStore

        store: Store = PostgresStore(url)
    elif url.startswith("sqlite:"):
        rest = url[len("sqlite:"):]
        if rest.startswith("///"):
            path = rest[3:]
        elif rest.startswith("//"):
            raise StoreError(f"SQLite URL {url!r}: use sqlite:///relative/path.db or sqlite:////absolute/path.db")
        else:
            path = rest
        path, _, query = path.partition("?")
        if not path:
            raise StoreError(f"SQLite URL {url!r} names no file")
        if query not in ("", "mode=ro", "mode=rw"):
            raise StoreError(f"SQLite URL {url!r}: the only option is ?mode=ro (open read-only), got {query!r}")
        from eightk.store.sqlite import SQLiteStore

        store = SQLiteStore(url, path, readonly=query == "mode=ro")
    elif "://" in url:
        raise StoreError(f"unsupported database URL {url!r}: use sqlite:///path.db or postgresql://host/db")
    else:
        from eightk.store.sqlite import SQLiteStore

        store = SQLiteStore("sqlite:///" + url, url)
    if migrate:
        try:
            store.migrate()
        except StoreError:
            store.close()
            raise
        except Exception as e:
            store.close()
            raise StoreError(f"cannot prepare the database at {url}: {type(e).__name__}: {e}") from e
    return store


__all__ = [
    "DEFAULT_URL", "EXPORT_COLUMNS", "Filters", "IngestOutcome", "Prepared", "QuerySyntaxError", "SearchHit",
    "SearchResult", "Store", "StoreError", "default_url", "open_store", "parse_query", "prepare", "prepare_filing",
]

"""Store, search and export: SQLite by default, PostgreSQL when shared.

``open_store(url)`` picks the backend from the URL: ``sqlite:///path/eightk.db`` (the default,
``./eightk.db``; ``?mode=ro`` opens it read-only), a bare file path, or ``postgresql://...``
(psycopg 3). The schema is created or upgraded on open by the versioned migrations in
``migrations/<backend>/``. The :class:`Store` it returns is the Python API the command line
mirrors: ``ingest``, ``search``, ``get``, ``timeline``, ``stats``, ``export``.
"""

from __future__ import annotations

import os

from eightk.store.base import EXPORT_COLUMNS, Store
from eightk.store.errors import StoreError
from eightk.store.filters import Filters
from eightk.store.prepare import Prepared, prepare, prepare_filing
from eightk.store.query import QuerySyntaxError, parse_query
from eightk.store.results import IngestOutcome, SearchHit, SearchResult, Timeline

DEFAULT_URL = "sqlite:///eightk.db"


def default_url() -> str:
    """``$EIGHTK_DB`` when set, else ``./eightk.db``."""
    return os.environ.get("EIGHTK_DB") or DEFAULT_URL


def open_store(url: str | None = None, *, migrate: bool = True, readonly: bool = False) -> Store:
    """Open the database at ``url`` (default ``$EIGHTK_DB``, else ``./eightk.db``) and, unless
    ``migrate=False``, create or upgrade its schema. A :class:`StoreError` says what is wrong
    with a URL or a database that cannot be opened.

    ``readonly=True`` (what the reading commands use) never creates nor changes anything: a
    database that does not exist is a StoreError ("no database at ./eightk.db — run `eightk
    ingest` first"), and a read-only file, folder or mount can be read.

    >>> with open_store("sqlite:///eightk.db") as store:
    ...     store.ingest("samples/")
    ...     store.search('"private placement"', Filters(since="1996")).total
    """
    url = (url or default_url()).strip()
    store = _connect(url, readonly=readonly)
    if readonly:
        try:
            _check_readable(store)
        except BaseException:
            store.close()
            raise
        return store
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


def _check_readable(store: Store) -> None:
    """A read-only store must already hold an eightk schema at this version."""
    where = getattr(store, "path", None) or getattr(store, "where", store.url)
    pending = store.pending_migrations()
    if not pending:
        return
    version = store.schema_version()
    if version == 0:
        raise StoreError(f"no eightk database at {where} (it holds no eightk tables) — run `eightk ingest` first")
    raise StoreError(f"the database at {where} has schema version {version}, older than this eightk's "
                     f"{max(pending)}: open it once for writing (`eightk ingest` upgrades it), then read it")


def _connect(url: str, *, readonly: bool = False) -> Store:
    if url.startswith(("postgresql://", "postgres://")):
        from eightk.store.postgres import PostgresStore

        return PostgresStore(url, readonly=readonly)
    from eightk.store.sqlite import SQLiteStore

    if not url.startswith("sqlite:"):
        if "://" in url:
            raise StoreError(f"unsupported database URL {url!r}: use sqlite:///path.db or postgresql://host/db")
        return SQLiteStore("sqlite:///" + url, url, readonly=readonly)
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
    return SQLiteStore(url, path, readonly=readonly or query == "mode=ro")


__all__ = [
    "DEFAULT_URL", "EXPORT_COLUMNS", "Filters", "IngestOutcome", "Prepared", "QuerySyntaxError", "SearchHit",
    "SearchResult", "Store", "StoreError", "Timeline", "default_url", "open_store", "parse_query", "prepare",
    "prepare_filing",
]

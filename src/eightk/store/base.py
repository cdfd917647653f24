"""The :class:`Store`: the documented Python API of the database, shared by both backends.

Each public method says what it does and hands the work to the module whose one job it is
(:mod:`~eightk.store.schema`, :mod:`~eightk.store.write`, :mod:`~eightk.store.search`,
:mod:`~eightk.store.read`, :mod:`~eightk.store.export`, :mod:`~eightk.store.ingest`). The
backends (:mod:`~eightk.store.sqlite`, :mod:`~eightk.store.postgres`) supply the connection
and what differs: placeholders, locking, scripts, full-text search, the driver's failures.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

import zstandard

from eightk.store import read, schema
from eightk.store.errors import RetryBatch, StoreError
from eightk.store.filters import Filters
from eightk.store.query import Node, QuerySyntaxError
from eightk.store.read import EXPORT_COLUMNS
from eightk.store.results import MARK_END, MARK_START, IngestOutcome, SearchHit, SearchResult, Timeline

if TYPE_CHECKING:
    from eightk.model import Filing
    from eightk.store.event_search import EventResult
    from eightk.store.ingest import Budgets, IngestSummary, Progress, Source
    from eightk.store.prepare import Prepared


class Store:
    """A database of filings. Open one with :func:`eightk.open_store`; close it with
    :meth:`close` (or use it as a context manager)."""

    backend: str = "?"
    #: transient errors worth retrying a batch for (set by each backend)
    retry_errors: tuple[type[BaseException], ...] = ()
    #: the driver's errors, some of which :meth:`_translate` turns into a StoreError
    db_errors: tuple[type[BaseException], ...] = ()

    def __init__(self, url: str):
        self.url = url
        self._zc = zstandard.ZstdCompressor(level=6)
        self._zd = zstandard.ZstdDecompressor()
        #: the schema version the writer writes for: read once, by the first write
        #: (:func:`eightk.store.write._version`), and read anew after :meth:`migrate`
        self._written_version: int | None = None

    # --- the public API: what the command line (and any other front end) calls -----------
    def ingest(self, inputs: Source | Iterable[Source], *, workers: int = 1, batch_size: int = 50,
               resume: bool = False, keep_raw: bool = True, progress: Progress | None = None,
               budgets: Budgets | None = None) -> IngestSummary:
        """Parse and store filings; returns an :class:`~eightk.store.ingest.IngestSummary`.

        ``inputs`` is one input or several: a path (a file, a folder, a ``.tar``/``.tar.gz``/
        ``.zip``/``.gz`` archive), the bytes of one filing, or a ``(name, bytes)`` pair. Bad files
        are logged (``stats()["errors"]``), never fatal. Idempotent: content already stored is a
        duplicate; ``resume=True`` skips it without parsing. ``workers`` > 1 parses in worker
        processes, each file under ``budgets`` (time and memory)."""
        from eightk.store.ingest import Budgets, ingest_paths

        return ingest_paths(self, inputs, workers=workers, batch_size=batch_size, resume=resume,
                            keep_raw=keep_raw, progress=progress, budgets=budgets or Budgets())

    def write(self, batch: Sequence[Prepared], *, run_id: str | None = None) -> list[IngestOutcome]:
        """Store already prepared filings (:func:`eightk.store.prepare`) in one transaction, one
        outcome each: ``stored``, ``duplicate`` or ``error`` (the database refused that filing;
        the rest of the batch is kept). A conflict with a concurrent writer retries the batch."""
        from eightk.store.write import write

        return write(self, batch, run_id=run_id)

    def search(self, query: str, filters: Filters | None = None, *, limit: int = 20, offset: int = 0) -> SearchResult:
        """Ranked filings, one per filing with its best passage, matching ``query`` (words,
        ``"phrases"``, ``AND``/``OR``/``NOT``, ``prefix*``) and :class:`Filters`; an empty query
        lists the filings matching the filters, newest first. A malformed query raises
        :class:`~eightk.store.query.QuerySyntaxError` saying what is wrong."""
        from eightk.store.search import search

        return search(self, query, filters, limit=limit, offset=offset)

    def get(self, ident: str | int) -> Filing | None:
        """The stored :class:`~eightk.model.Filing` for an accession number (with or without
        dashes; its current version), a content hash, a store id or the path a file was ingested
        under (what a search hit's ``handle`` gives); None when there is none."""
        return read.get(self, ident)

    def timeline(self, who: str) -> Timeline:
        """A company's current filings over time, oldest first, items aligned on modern codes.

        ``who`` is a CIK or part of any name the company had; when several companies match and
        none by its full name, a :class:`StoreError` lists them. With a CIK, documents that carry
        no CIK but one of the company's names are included; a company known only by name (no
        EDGAR header) is its name."""
        return read.timeline(self, who)

    def stats(self) -> dict[str, Any]:
        """Counts over the current filings (``filings``, ``companies``, ``by_year``, ``by_item``,
        ``by_event``, ``by_form``; superseded versions apart in ``superseded``), the ingest log's
        outcomes (``ingest``) and its 20 most recent errors (``errors``); per year, filings, items
        and events (``per_year``: (year, filings, items, events)) and events by type
        (``events_by_year``: (year, type, events)), as :meth:`counts_by_year` gives them."""
        return read.stats(self)

    def counts_by_year(self) -> dict[str, Any]:
        """Per year of the current filings: ``per_year`` (year, filings, items, events) rows and
        ``events_by_year`` (year, event type, events) rows, one GROUP BY per table."""
        return read.counts_by_year(self)

    def export(self, out: str | os.PathLike[str], fmt: str = "parquet", filters: Filters | None = None,
               tables: Sequence[str] = tuple(EXPORT_COLUMNS)) -> dict[str, int]:
        """Write filings, items, exhibits, facts and events (or ``tables``) matching ``filters``
        to the folder ``out`` as ``parquet`` (partitioned by year), ``jsonl`` or ``csv``; returns
        the rows written per table."""
        from eightk.store.export import export

        return export(self, out, fmt, filters, tuple(tables))

    # --- more reading -------------------------------------------------------------------
    def resolve(self, ident: str | int, *, paths: bool = True) -> int | None:
        """The store id of a filing named as :meth:`get` takes it; ``paths=False`` takes only an
        accession number, an id or a sha256 (a StoreError for anything else) and never looks at
        the file system (what a server calls with an identifier from a request)."""
        return read.resolve(self, ident, paths=paths)

    def raw(self, ident: str | int) -> bytes | None:
        """The original submission's bytes (None when only a reference was kept)."""
        return read.raw(self, ident)

    def filing_row(self, ident: str | int) -> dict[str, Any] | None:
        """What the store records about a filing beside its model: ``id``, ``amends_id`` (the
        report an 8-K/A amends), ``company`` and ``cik`` (its first company), ``superseded_by``..."""
        return read.filing_row(self, ident)

    def companies_matching(self, who: str) -> list[tuple[str | None, str | None]]:
        """(cik, name) of every company whose CIK is ``who`` or whose names contain it."""
        return read.companies_matching(self, who)

    def export_rows(self, table: str, filters: Filters | None = None, *, chunk: int = 2000) -> Iterator[list[tuple]]:
        """Rows of one exported table (columns: :data:`EXPORT_COLUMNS`), in chunks."""
        return read.export_rows(self, table, filters, chunk=chunk)

    def events(self, etype: str | None = None, attrs: Sequence[str] = (), filters: Filters | None = None, *,
               limit: int = 50, offset: int = 0) -> EventResult:
        """Structured events across filings: of type ``etype``, with every attribute of ``attrs``
        (``key=value`` or ``key``), in filings matching ``filters``, newest first; one page."""
        from eightk.store.event_search import find_events

        return find_events(self, etype, attrs, filters, limit=limit, offset=offset)

    def count(self, table: str = "filings") -> int:
        """Rows in one of the store's tables."""
        return read.count(self, table)

    # --- schema -------------------------------------------------------------------------
    def migrations(self) -> list[tuple[int, str, str]]:
        return schema.migrations(self.backend)

    def pending_migrations(self) -> list[int]:
        return schema.pending_migrations(self)

    def migrate(self, *, upto: int | None = None) -> int:
        """Create or upgrade the schema (up to version ``upto``); returns the schema version."""
        self._written_version = None  # the writer reads the schema version anew
        return schema.migrate(self, upto=upto)

    def schema_version(self) -> int:
        return schema.schema_version(self)

    def analyze(self) -> None:
        """Refresh the planner's statistics (after a bulk ingest)."""
        self._exec("ANALYZE")

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- plain SQL (``?`` placeholders on both backends) ------------------------------
    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        cur = self._exec(sql, params)
        with self._guard():
            return list(cur.fetchall())

    def one(self, sql: str, params: Sequence[Any] = ()) -> tuple | None:
        cur = self._exec(sql, params)
        with self._guard():
            return cur.fetchone()

    # --- backend hooks ------------------------------------------------------------------
    def _exec(self, sql: str, params: Sequence[Any] = ()) -> Any:
        raise NotImplementedError

    def _execmany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        raise NotImplementedError

    def _insert_rows(self, table: str, cols: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """Insert plain rows (no ON CONFLICT, nothing returned) into ``table``'s columns ``cols``,
        in the open transaction and in order (an identity column numbers them in that order):
        an ``executemany`` INSERT here, PostgreSQL's ``COPY ... FROM STDIN`` in its backend. The
        values are those an INSERT takes: str, int, float, bytes or None."""
        if rows:
            self._execmany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", rows)

    def _run_script(self, script: str) -> None:
        """Run a migration script (several statements, no parameters) in the open transaction."""
        raise NotImplementedError

    def _has_table(self, name: str) -> bool:
        raise NotImplementedError

    def _begin_write(self) -> None:
        self._exec("BEGIN")

    def _lock_migrations(self) -> None:
        pass

    def _safe_rollback(self) -> None:
        with contextlib.suppress(Exception):
            self._exec("ROLLBACK")

    def _search_sql(self, node: Node, conds: list[str], params: list[Any], limit: int, offset: int):
        """The ranked search: SQL and parameters returning ``search.HIT_COLUMNS``, the best
        passage's id, the score and the total count, best first."""
        raise NotImplementedError

    def _snippets(self, node: Node, pids: list[int]) -> dict[int, str]:
        """Highlighted snippets (marked with MARK_START/MARK_END) of these passages."""
        raise NotImplementedError

    def _translate(self, e: BaseException) -> StoreError | None:
        """A StoreError naming the database and what to do, for a failure of the database itself
        (read-only, disk full, damaged, unreachable); None for an error about one statement or
        row, which its caller handles (a filing the database refuses is logged, not fatal)."""
        return None

    @contextlib.contextmanager
    def _guard(self) -> Iterator[None]:
        """Run database calls with the driver's failures of the database turned into StoreError."""
        try:
            yield
        except self.db_errors as e:
            err = self._translate(e)
            if err is None:
                raise
            raise err from e


__all__ = ["EXPORT_COLUMNS", "MARK_END", "MARK_START", "Filters", "IngestOutcome", "QuerySyntaxError", "RetryBatch",
           "SearchHit", "SearchResult", "Store", "StoreError", "Timeline"]

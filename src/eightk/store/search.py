"""The one search query builder: the query language and the filters to SQL, ranked hits back.

The CLI and any other front end call :meth:`Store.search`, which lands here; what differs
between the engines (FTS5 and bm25, tsvector and ts_rank_cd, snippets) is asked of the
backend through ``_search_sql`` and ``_snippets``.

A store that can say when its data changed (SQLite: ``PRAGMA data_version`` with the
connection's own changes) keeps a small :class:`SearchCache` of the
rows and snippets of its last searches: a server answering the same query again skips the
ranking and the snippets (most of a search's time). The cache is emptied whenever the data
version changes, i.e. after any committed write by any connection, so it never answers from
data that is gone.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any

from eightk.store.errors import StoreError
from eightk.store.filters import Filters
from eightk.store.query import QuerySyntaxError, parse_query
from eightk.store.results import SearchHit, SearchResult, date_str

if TYPE_CHECKING:
    from eightk.store.base import Store

#: Columns of ``filings f`` every hit reads, in :func:`_hit`'s order.
HIT_COLUMNS = "f.id, f.accession_number, f.path, f.company, f.cik, f.date_of_report, f.item_codes"

#: Searches a store remembers (``$EIGHTK_SEARCH_CACHE`` overrides it; 0 turns the cache off).
CACHE_ENTRIES = 256

#: What a cached search keeps: the total, the page's rows and their snippets by passage id.
_Page = tuple[int, list[tuple], dict[int, str]]


class SearchCache:
    """The last ``size`` searches' pages (LRU), valid for one data version of the store:
    ``version()`` is the store's current one (a value that changes on every committed write,
    by this connection or any other; None when nothing may be cached now), and the whole cache is dropped when it differs from the
    one the entries were made under. Safe to share between threads."""

    def __init__(self, size: int, version: Callable[[], Hashable | None]) -> None:
        self.size = size
        self.version = version
        self._lock = threading.Lock()
        self._version: Hashable = None
        self._pages: OrderedDict[Hashable, _Page] = OrderedDict()

    def get(self, version: Hashable | None, key: Hashable) -> _Page | None:
        if version is None:
            return None
        with self._lock:
            if version != self._version:
                self._pages.clear()
                self._version = version
                return None
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
            return page

    def put(self, version: Hashable | None, key: Hashable, page: _Page) -> None:
        with self._lock:
            if version is None or version != self._version or self.size < 1:
                return  # the data changed while this search ran: it may be stale already
            self._pages[key] = page
            if len(self._pages) > self.size:
                self._pages.popitem(last=False)


def cache_size() -> int:
    """The cache's size: ``$EIGHTK_SEARCH_CACHE`` when set to a number, else CACHE_ENTRIES."""
    value = os.environ.get("EIGHTK_SEARCH_CACHE", "").strip()
    return int(value) if value.isdigit() else CACHE_ENTRIES


def search(db: Store, query: str, filters: Filters | None = None, *, limit: int = 20, offset: int = 0) -> SearchResult:
    """Ranked filings (one per filing, with its best passage) matching ``query`` and ``filters``;
    an empty query lists the filings matching the filters, newest first."""
    if limit < 1 or limit > 10_000:
        raise StoreError("--limit must be between 1 and 10000")
    node = parse_query(query or "")
    if node is None and (query or "").strip():
        raise QuerySyntaxError(f"the query {query!r} has no word to search for (use \"\" to list by filters only)")
    conds, params = (filters or Filters()).where("f", db.backend)
    if node is None:
        return _list(db, query or "", conds, params, limit, offset)
    sql, sparams = db._search_sql(node, conds, params, limit, offset)
    cache: SearchCache | None = getattr(db, "search_cache", None)
    version = cache.version() if cache is not None else None
    key = (sql, *sparams)
    page = cache.get(version, key) if cache is not None else None
    if page is None:
        page = _ranked(db, node, sql, sparams)
        if not page[1] and offset:  # past the last page: the total is still wanted
            page = (search(db, query, filters, limit=1).total, [], {})
        if cache is not None:
            cache.put(version, key, page)
    total, rows, snippets = page
    hits = [_hit(r, snippets.get(int(r[7])), float(r[8])) for r in rows]
    return SearchResult(query=query, total=total, results=hits)


def _ranked(db: Store, node: Any, sql: str, sparams: list[Any]) -> _Page:
    rows = db.rows(sql, sparams)
    total = int(rows[0][9]) if rows else 0
    snippets = db._snippets(node, [int(r[7]) for r in rows]) if rows else {}
    return total, rows, snippets


def _list(db: Store, query: str, conds: list[str], params: list[Any], limit: int, offset: int) -> SearchResult:
    where = ("WHERE " + " AND ".join(conds)) if conds else ""
    rows = db.rows(
        f"SELECT {HIT_COLUMNS}, count(*) OVER () FROM filings f {where} ORDER BY f.date DESC, f.id DESC LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    total = int(rows[0][7]) if rows else 0
    return SearchResult(query=query, total=total, results=[_hit(r, None, None) for r in rows])


def _hit(r: tuple, snippet: str | None, score: float | None) -> SearchHit:
    return SearchHit(id=int(r[0]), accession_number=r[1], path=r[2], company=r[3], cik=r[4],
                     date_of_report=date_str(r[5]), items=[c for c in (r[6] or "").split(",") if c],
                     snippet=snippet, score=score)


__all__ = ["CACHE_ENTRIES", "HIT_COLUMNS", "SearchCache", "cache_size", "search"]

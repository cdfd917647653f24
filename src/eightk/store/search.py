"""The one search query builder: the query language and the filters to SQL, ranked hits back.

The CLI and any other front end call :meth:`Store.search`, which lands here; what differs
between the engines (FTS5 and bm25, tsvector and ts_rank_cd, snippets) is asked of the
backend through ``_search_sql`` and ``_snippets``.

A store that can say when its data changed (SQLite) has a ``search_cache``
(:mod:`eightk.store.searchcache`) of the rows and snippets of the last searches: a server
answering the same query again skips the ranking and the snippets (most of a search's time).
The cache is dropped after any write by any connection, so it never answers from data that
changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from eightk.store.errors import StoreError
from eightk.store.filters import Filters
from eightk.store.query import Node, QuerySyntaxError, parse_query
from eightk.store.results import SearchHit, SearchResult, date_str
from eightk.store.searchcache import CacheView, Page

if TYPE_CHECKING:
    from eightk.store.base import Store

#: Columns of ``filings f`` every hit reads, in :func:`_hit`'s order.
HIT_COLUMNS = "f.id, f.accession_number, f.path, f.company, f.cik, f.date_of_report, f.item_codes"


def search(db: Store, query: str, filters: Filters | None = None, *, limit: int = 20, offset: int = 0) -> SearchResult:
    """Ranked filings (one per filing, with its best passage) matching ``query`` and ``filters``;
    an empty query lists the filings matching the filters, newest first."""
    node, conds, params = _where(db, query, filters, limit)
    if node is None:
        return _list(db, query or "", conds, params, limit, offset)
    sql, sparams = db._search_sql(node, conds, params, limit, offset)
    cache: CacheView | None = getattr(db, "search_cache", None)
    generation = cache.generation() if cache is not None else None
    key = (sql, *sparams)
    page = cache.get(generation, key) if cache is not None else None
    if page is None:
        page = _ranked(db, node, sql, sparams)
        if not page[1] and offset:  # past the last page: the total is still wanted
            page = (search(db, query, filters, limit=1).total, [], {})
        if cache is not None:
            cache.put(generation, key, page)
    return _result(query, page)


def cached(db: Store, query: str, filters: Filters | None = None, *, limit: int = 20,
           offset: int = 0) -> SearchResult | None:
    """What :func:`search` answers when its store's cache holds it (the data unchanged since),
    else None: a check cheap enough for a server's event loop, which then needs no thread for
    a repeated search. A malformed query or filter raises as :func:`search` does."""
    cache: CacheView | None = getattr(db, "search_cache", None)
    if cache is None or cache.cache.size < 1:
        return None
    node, conds, params = _where(db, query, filters, limit)
    if node is None:
        return None
    sql, sparams = db._search_sql(node, conds, params, limit, offset)
    page = cache.get(cache.generation(), (sql, *sparams))
    return None if page is None else _result(query, page)


def _where(db: Store, query: str, filters: Filters | None, limit: int) -> tuple[Node | None, list[str], list[Any]]:
    """The query's tree (None: list by filters) and the filters' SQL conditions, checked."""
    if limit < 1 or limit > 10_000:
        raise StoreError("--limit must be between 1 and 10000")
    node = parse_query(query or "")
    if node is None and (query or "").strip():
        raise QuerySyntaxError(f"the query {query!r} has no word to search for (use \"\" to list by filters only)")
    conds, params = (filters or Filters()).where("f", db.backend)
    return node, conds, params


def _result(query: str, page: Page) -> SearchResult:
    total, rows, snippets = page
    hits = [_hit(r, snippets.get(int(r[7])), float(r[8])) for r in rows]
    return SearchResult(query=query, total=total, results=hits)


def _ranked(db: Store, node: Node, sql: str, sparams: list[Any]) -> Page:
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


__all__ = ["HIT_COLUMNS", "cached", "search"]

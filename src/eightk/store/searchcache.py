"""The search cache: the pages (total, rows, snippets) of the last searches on one database,
shared by every connection of this process to it, never answering from data that changed.

How it knows: each connection has a *token* that changes whenever the data it reads may have
(SQLite: ``PRAGMA data_version``, which moves on a commit by any other connection, with the
connection's own ``total_changes``). Before a lookup the connection compares its token with the
one it saw last; when it differs (or it never looked), the data changed since and the whole
cache is dropped (a new *generation*). A page is stored only under the generation its search
started in, so a search that raced with a write and a drop is never kept. A write thus drops
the cache at the latest at the next lookup by any connection: every connection last looked
before the write, so each sees its token move.
"""

from __future__ import annotations

import os
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable

from eightk.digits import ascii_digits

#: Searches remembered per database (``$EIGHTK_SEARCH_CACHE`` overrides it; 0 turns caching off).
CACHE_ENTRIES = 256

#: What a cached search keeps: the total, the page's rows and their snippets by passage id.
Page = tuple[int, list[tuple], dict[int, str]]


def cache_size() -> int:
    """``$EIGHTK_SEARCH_CACHE`` when it is a number, else CACHE_ENTRIES."""
    value = os.environ.get("EIGHTK_SEARCH_CACHE", "").strip()
    return int(value) if ascii_digits(value) else CACHE_ENTRIES


class SearchCache:
    """The last ``size`` pages (LRU) of one database. Safe to share between threads."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._lock = threading.Lock()
        self._generation = 0
        self._pages: OrderedDict[Hashable, Page] = OrderedDict()

    def view(self, token: Callable[[], Hashable | None]) -> CacheView:
        """One connection's way in; ``token()`` is its current token (None: cache nothing now)."""
        return CacheView(self, token)

    def _check(self, view: CacheView, token: Hashable | None) -> int | None:
        if token is None or self.size < 1:
            return None
        with self._lock:
            if view.seen is None or view.seen != token:  # the data changed since this view looked
                view.seen = token
                self._pages.clear()
                self._generation += 1
            return self._generation

    def get(self, generation: int | None, key: Hashable) -> Page | None:
        with self._lock:
            if generation is None or generation != self._generation:
                return None
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
            return page

    def put(self, generation: int | None, key: Hashable, page: Page) -> None:
        with self._lock:
            if generation is None or generation != self._generation:
                return  # dropped while this search ran: the page may be stale already
            self._pages[key] = page
            if len(self._pages) > self.size:
                self._pages.popitem(last=False)


class CacheView:
    """A connection's handle on its database's cache."""

    def __init__(self, cache: SearchCache, token: Callable[[], Hashable | None]) -> None:
        self.cache = cache
        self.token = token
        self.seen: Hashable | None = None

    def generation(self) -> int | None:
        """The generation to look up and store under, after dropping the cache if the data
        changed since this connection last looked; None when nothing may be cached now."""
        return self.cache._check(self, self.token())

    def get(self, generation: int | None, key: Hashable) -> Page | None:
        return self.cache.get(generation, key)

    def put(self, generation: int | None, key: Hashable, page: Page) -> None:
        self.cache.put(generation, key, page)


_SHARED: weakref.WeakValueDictionary[Hashable, SearchCache] = weakref.WeakValueDictionary()
_SHARED_LOCK = threading.Lock()


def shared(database: Hashable) -> SearchCache:
    """The cache of ``database`` (a key naming one database, e.g. a file's device and inode),
    the same object for every connection to it while any holds it."""
    with _SHARED_LOCK:
        cache = _SHARED.get(database)
        if cache is None:
            cache = SearchCache(cache_size())
            _SHARED[database] = cache
        return cache


__all__ = ["CACHE_ENTRIES", "CacheView", "Page", "SearchCache", "cache_size", "shared"]

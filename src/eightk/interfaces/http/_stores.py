"""The app's store: one read-only :class:`~eightk.store.Store` per server thread.

A store holds one database connection, which two requests must not share at the same moment;
the route handlers run in a pool of threads, so each thread gets a store of its own, opened on
its first request and closed with the app. ``app.state.store`` is a :class:`ThreadStores`: it
answers every :class:`~eightk.store.Store` method with the calling thread's store, so a route
calls ``request.app.state.store.search(...)`` as it would call a store.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from eightk.store import Store


class ThreadStores:
    """Stores at ``url``, one per thread; ``readonly`` opens them read-only (never created nor
    changed). The first is opened at once, so a database that is missing is an error at start."""

    def __init__(self, url: str | None, *, readonly: bool = True) -> None:
        from eightk.store import default_url

        self.url = (url or default_url()).strip()
        self.readonly = readonly
        self._local = threading.local()
        self._lock = threading.Lock()
        self._open: list[Store] = []
        self.current()

    def new(self) -> Store:
        """A store of its own for the caller (a long export); the caller closes it."""
        from eightk.store import open_store

        return open_store(self.url, readonly=self.readonly)

    def current(self) -> Store:
        """The calling thread's store."""
        store = getattr(self._local, "store", None)
        if store is None:
            store = self.new()
            self._local.store = store
            with self._lock:
                self._open.append(store)
        return store

    def __getattr__(self, name: str) -> Any:
        return getattr(self.current(), name)

    def close(self) -> None:
        with self._lock:
            stores, self._open = self._open, []
        for s in stores:
            s.close()


__all__ = ["ThreadStores"]

"""The store's errors."""

from __future__ import annotations

from eightk.errors import EightKError


class StoreError(EightKError):
    """The database cannot be opened, migrated or queried; the message says why."""


class RetryBatch(Exception):
    """A transient conflict with another writer (deadlock, busy): the batch is retried."""


__all__ = ["RetryBatch", "StoreError"]

"""On-disk cache of EDGAR answers, keyed by URL.

Hand-written (instead of hishel or requests-cache) because the policy is EDGAR's own: anything
under ``/Archives/edgar/data/`` never changes and is kept forever; indexes and JSON are fresh for
a TTL and then revalidated with ETag / Last-Modified. Each entry is one file (a JSON meta line,
then the body) that lands by ``os.replace`` from a temporary file in the same folder: a killed
download leaves at most a ``.tmp-*`` file, which is never read and is swept later, never a half
entry.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

IMMUTABLE_PREFIX = "/Archives/edgar/data/"
TMP_PREFIX = ".tmp-"


def is_immutable(url: str) -> bool:
    return urlsplit(url).path.startswith(IMMUTABLE_PREFIX)


@dataclass(frozen=True)
class CacheEntry:
    url: str
    body: bytes
    fetched_at: float
    etag: str | None = None
    last_modified: str | None = None


class DiskCache:
    def __init__(self, root: str | Path, ttl: float) -> None:
        self.root = Path(root)
        self.ttl = ttl

    def path_for(self, url: str) -> Path:
        h = hashlib.sha256(url.encode()).hexdigest()
        return self.root / "http" / h[:2] / h

    def get(self, url: str) -> CacheEntry | None:
        try:
            with open(self.path_for(url), "rb") as f:
                meta = json.loads(f.readline())
                body = f.read()
        except (OSError, ValueError):
            return None
        if meta.get("url") != url or meta.get("size") != len(body):
            return None
        return CacheEntry(url, body, float(meta["fetched_at"]), meta.get("etag"), meta.get("last_modified"))

    def is_fresh(self, entry: CacheEntry, now: float | None = None) -> bool:
        if is_immutable(entry.url):
            return True
        return ((time.time() if now is None else now) - entry.fetched_at) < self.ttl

    def put(self, url: str, body: bytes, *, etag: str | None = None, last_modified: str | None = None,
            fetched_at: float | None = None) -> CacheEntry:
        entry = CacheEntry(url, body, time.time() if fetched_at is None else fetched_at, etag, last_modified)
        meta = {"url": url, "size": len(body), "fetched_at": entry.fetched_at, "etag": etag,
                "last_modified": last_modified}
        final = self.path_for(url)
        final.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=TMP_PREFIX, dir=final.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(json.dumps(meta).encode() + b"\n")
                f.write(body)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, final)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise
        return entry

    def sweep(self, older_than: float = 3600.0) -> int:
        """Remove temporary files a killed download left behind; how many were removed."""
        n = 0
        now = time.time()
        for tmp in (self.root / "http").glob(f"*/{TMP_PREFIX}*"):
            with contextlib.suppress(OSError):
                if now - tmp.stat().st_mtime > older_than:
                    tmp.unlink()
                    n += 1
        return n

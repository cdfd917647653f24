"""The EDGAR HTTP client: httpx for the HTTP, plus the fair-access policy around it.

httpx does connections, gzip/deflate decoding and timeouts. Hand-written here, because EDGAR's
policy is specific: every request waits for the shared rate limit; retries (exponential backoff
with full jitter, ``Retry-After`` honoured up to a cap) happen on 429, 403 "Request Rate
Threshold", 5xx, timeouts, dropped connections and bodies that fail their check; answers go
through the on-disk cache (conditional requests for indexes and JSON); a body that is an HTML
error page, a truncated gzip, or a submission of another accession number is an error, not data.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import gzip
import json
import random
import re
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import httpx

from eightk.edgar import _urls
from eightk.edgar._cache import DiskCache, is_immutable
from eightk.edgar._indexes import IndexEntry, parse_index
from eightk.edgar._json import Submissions, parse_company_tickers, parse_submissions
from eightk.edgar._ratelimit import FileRateLimiter
from eightk.edgar._settings import EdgarSettings
from eightk.errors import EdgarError

_HTML = re.compile(rb"^\s*(<!doctype\s+html|<html|<head|<body)", re.IGNORECASE)
_ACC_HEADER = re.compile(rb"ACCESSION NUMBER:\s*(\d{10}-\d{2}-\d{6})")
_ACC_IN_URL = re.compile(r"/(\d{10}-\d{2}-\d{6})\.txt$")


class _Retry(Exception):
    """One attempt failed in a way worth retrying; ``delay`` is a server-given wait, if any."""

    def __init__(self, reason: str, delay: float | None = None) -> None:
        super().__init__(reason)
        self.delay = delay


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def check_body(url: str, body: bytes, content_type: str = "") -> None:
    """Raise :class:`EdgarError` when ``body`` is not what ``url`` promises."""
    path = urlsplit(url).path
    if path.endswith((".txt", ".idx", ".json", ".gz")) and (_HTML.match(body[:512]) or "text/html" in content_type):
        raise EdgarError(f"{url} answered an HTML page where data was expected (an error page?)", url=url)
    if path.endswith(".gz"):
        try:
            gzip.decompress(body)
        except (OSError, EOFError) as e:
            raise EdgarError(f"{url}: truncated or corrupt gzip ({e})", url=url) from e
    if path.endswith(".json"):
        try:
            json.loads(body)
        except ValueError as e:
            raise EdgarError(f"{url}: body is not JSON ({e})", url=url) from e
    m = _ACC_IN_URL.search(path)
    if m and path.startswith("/Archives/edgar/data/"):
        found = _ACC_HEADER.search(body[:8192])
        if found and found.group(1).decode() != m.group(1):
            raise EdgarError(f"{url}: the submission is {found.group(1).decode()}, not {m.group(1)}", url=url)


class EdgarClient:
    """Polite GETs against EDGAR. Use as a context manager or call :meth:`close`."""

    def __init__(
        self,
        settings: EdgarSettings,
        *,
        transport: httpx.BaseTransport | None = None,
        limiter: FileRateLimiter | None = None,
        cache: DiskCache | None = None,
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
    ) -> None:
        self.settings = settings
        self.limiter = limiter or FileRateLimiter(settings.cache_dir / "ratelimit.state", settings.max_rate)
        self.cache = cache or DiskCache(settings.cache_dir, settings.index_ttl)
        self._sleep = sleep
        self._rng = rng or random.Random()
        self.requests = 0   # HTTP requests sent, retries included
        self.retries = 0
        self._http = httpx.Client(
            headers={"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(settings.timeout),
            follow_redirects=True,
            transport=transport,
        )

    def __enter__(self) -> EdgarClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    # -- the core GET -------------------------------------------------------------------------
    def get(self, url: str, *, offline: bool = False) -> bytes:
        """The body at ``url``, from the cache when fresh, else fetched (and cached)."""
        entry = self.cache.get(url)
        if entry is not None and (offline or self.cache.is_fresh(entry)):
            return entry.body
        if offline:
            raise EdgarError(f"{url} is not in the cache (offline)", url=url)
        conditional: dict[str, str] = {}
        if entry is not None and not is_immutable(url):
            if entry.etag:
                conditional["If-None-Match"] = entry.etag
            if entry.last_modified:
                conditional["If-Modified-Since"] = entry.last_modified
        s = self.settings
        last = ""
        for attempt in range(s.max_attempts):
            try:
                return self._attempt(url, conditional, entry)
            except _Retry as r:
                last = str(r)
                if attempt + 1 == s.max_attempts:
                    break
                self.retries += 1
                backoff = self._rng.uniform(0, min(s.max_backoff, s.backoff * 2**attempt))
                self._sleep(min(s.max_backoff, r.delay) if r.delay is not None else backoff)
        raise EdgarError(f"gave up on {url} after {s.max_attempts} attempts: {last}", url=url)

    def _attempt(self, url: str, conditional: dict[str, str], entry: Any) -> bytes:
        self.limiter.acquire()
        self.requests += 1
        try:
            r = self._http.get(url, headers=conditional)
        except httpx.TimeoutException as e:
            raise _Retry(f"timed out ({type(e).__name__})") from e
        except (httpx.TransportError, httpx.DecodingError) as e:
            raise _Retry(f"connection failed ({type(e).__name__}: {e})") from e
        status = r.status_code
        if status == 304 and entry is not None:
            self.cache.put(url, entry.body, etag=r.headers.get("ETag", entry.etag),
                           last_modified=r.headers.get("Last-Modified", entry.last_modified))
            return bytes(entry.body)
        if status == 429 or status >= 500 or (status == 403 and b"Request Rate Threshold" in r.content):
            raise _Retry(f"HTTP {status}", _retry_after(r.headers.get("Retry-After")))
        if status != 200:
            raise EdgarError(f"{url} answered HTTP {status}", url=url)
        body = r.content
        try:
            check_body(url, body, r.headers.get("Content-Type", ""))
        except EdgarError as e:
            raise _Retry(str(e)) from e
        self.cache.put(url, body, etag=r.headers.get("ETag"), last_modified=r.headers.get("Last-Modified"))
        return body

    # -- EDGAR's resources ----------------------------------------------------------------------
    def company_tickers(self) -> dict[str, int]:
        return parse_company_tickers(self.get(_urls.company_tickers_url(self.settings.edgar_url)))

    def cik_for(self, ticker: str) -> int:
        ciks = self.company_tickers()
        try:
            return ciks[ticker.upper()]
        except KeyError:
            raise EdgarError(f"ticker {ticker!r} is not in EDGAR's company_tickers.json") from None

    def submissions(self, cik: int) -> Submissions:
        return parse_submissions(self.get(_urls.submissions_url(self.settings.data_url, cik)))

    def submissions_page(self, name: str) -> Submissions:
        return parse_submissions(self.get(_urls.submissions_page_url(self.settings.data_url, name)))

    def full_index(self, year: int, quarter: int, kind: str = "form", *, forms: set[str] | None = None) -> list[IndexEntry]:
        return parse_index(self.get(_urls.full_index_url(self.settings.edgar_url, year, quarter, kind)), forms=forms)

    def daily_index(self, day: dt.date, kind: str = "form", *, forms: set[str] | None = None) -> list[IndexEntry]:
        return parse_index(self.get(_urls.daily_index_url(self.settings.edgar_url, day, kind)), forms=forms)

    def filing(self, cik: int, accession: str) -> bytes:
        """The full submission text (``ACCESSION.txt``), checked against its accession number."""
        return self.get(_urls.filing_url(self.settings.edgar_url, cik, accession))

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
import os
import random
import re
import tempfile
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

from eightk.digits import ascii_digits
from eightk.edgar import _urls
from eightk.edgar._cache import DiskCache, is_immutable
from eightk.edgar._indexes import IndexEntry, parse_index
from eightk.edgar._json import Submissions, parse_company_tickers, parse_submissions
from eightk.edgar._ratelimit import FileRateLimiter
from eightk.edgar._settings import EdgarSettings
from eightk.errors import EdgarError

_HTML = re.compile(rb"^\s*(<!doctype\s+html|<html|<head|<body)", re.IGNORECASE)
_ACC_HEADER = re.compile(rb"ACCESSION NUMBER:\s*(" + _urls.ACCESSION.encode() + rb")")
_ACC_IN_URL = re.compile(rf"/({_urls.ACCESSION})\.txt$")


class NotFound(EdgarError):
    """The URL answered 404 (a day without a daily index, a filing that does not exist)."""


class _Retry(Exception):
    """One attempt failed in a way worth retrying; ``delay`` is a server-given wait, if any."""

    def __init__(self, reason: str, delay: float | None = None) -> None:
        super().__init__(reason)
        self.delay = delay


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if ascii_digits(value):
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
        offline: bool = False,
    ) -> None:
        self.settings = settings
        self.limiter = limiter or FileRateLimiter(settings.cache_dir / "ratelimit.state", settings.max_rate)
        self.cache = cache or DiskCache(settings.cache_dir, settings.index_ttl)
        self._sleep = sleep
        self._rng = rng or random.Random()
        self.offline = offline  # answer from the cache only
        self.requests = 0   # HTTP requests sent, retries included
        self.retries = 0
        self.bytes_in = 0   # body bytes received
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
    def get(self, url: str, *, offline: bool | None = None, max_age: float | None = None) -> bytes:
        """The body at ``url``, from the cache when fresh, else fetched (and cached).
        ``max_age`` overrides the TTL for this call (0: always revalidate, as for a live feed)."""
        offline = self.offline if offline is None else offline
        entry = self.cache.get(url)
        if entry is not None and (offline or self._fresh(entry, max_age)):
            return entry.body
        if offline:
            raise EdgarError(f"{url} is not in the cache (offline)", url=url)
        conditional: dict[str, str] = {}
        if entry is not None and not is_immutable(url):
            if entry.etag:
                conditional["If-None-Match"] = entry.etag
            if entry.last_modified:
                conditional["If-Modified-Since"] = entry.last_modified
        return bytes(self._retrying(url, lambda: self._attempt(url, conditional, entry)))

    def _fresh(self, entry: Any, max_age: float | None) -> bool:
        if max_age is None or is_immutable(entry.url):
            return self.cache.is_fresh(entry)
        return time.time() - entry.fetched_at < max_age

    def _retrying(self, url: str, once: Callable[[], Any]) -> Any:
        """``once()`` until it succeeds, retrying :class:`_Retry` with backoff, up to the bound."""
        s = self.settings
        last = ""
        for attempt in range(s.max_attempts):
            try:
                return once()
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
        _check_status(url, r)
        body = r.content
        self.bytes_in += len(body)
        try:
            check_body(url, body, r.headers.get("Content-Type", ""))
        except EdgarError as e:
            raise _Retry(str(e)) from e
        self.cache.put(url, body, etag=r.headers.get("ETag"), last_modified=r.headers.get("Last-Modified"))
        return body

    # -- large downloads, streamed to a file -----------------------------------------------------
    def download(self, url: str, dest: Path) -> int:
        """Stream ``url`` (a feed tarball: gigabytes) into ``dest``, never whole in memory; a gzip
        body is checked to its end. Lands atomically (temporary file, checked, renamed); retried
        like :meth:`get`. Not cached. Returns the size."""
        if self.offline:
            raise EdgarError(f"{url} is not in the cache (offline; feed archives are never cached)", url=url)
        return int(self._retrying(url, lambda: self._stream_once(url, Path(dest))))

    def _stream_once(self, url: str, dest: Path) -> int:
        self.limiter.acquire()
        self.requests += 1
        dest.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=dest.parent)
        try:
            with os.fdopen(fd, "wb") as f, self._http.stream("GET", url) as r:
                _check_status(url, r)
                size = self._copy_checked(url, r, f)
            os.replace(tmp, dest)
            return size
        except httpx.TimeoutException as e:
            raise _Retry(f"timed out ({type(e).__name__})") from e
        except (httpx.TransportError, httpx.DecodingError) as e:
            raise _Retry(f"connection failed ({type(e).__name__}: {e})") from e
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)

    def _copy_checked(self, url: str, r: httpx.Response, f: Any) -> int:
        """Copy the body to ``f``; a gzip body is decompressed on the side (output thrown away)
        to prove it whole: a truncated one is retried, never kept."""
        gz = zlib.decompressobj(wbits=47) if urlsplit(url).path.endswith(".gz") else None
        size = 0
        for chunk in r.iter_bytes(1 << 20):
            if size == 0 and _HTML.match(chunk[:512]):
                raise _Retry(f"{url} answered an HTML page where data was expected (an error page?)")
            if gz is not None:
                _drain(url, gz, chunk)
            f.write(chunk)
            size += len(chunk)
            self.bytes_in += len(chunk)
        expected = r.headers.get("Content-Length")
        if expected and ascii_digits(expected) and "Content-Encoding" not in r.headers and int(expected) != size:
            raise _Retry(f"{url}: got {size} of {expected} bytes")
        if gz is not None and not gz.eof:
            raise _Retry(f"{url}: truncated gzip (the stream ends before its end marker)")
        f.flush()
        os.fsync(f.fileno())
        return size

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

    def daily_index_or_none(self, day: dt.date, *, forms: set[str] | None = None) -> list[IndexEntry] | None:
        """The day's form index; None when EDGAR has none (a weekend, a holiday: HTTP 404)."""
        try:
            return self.daily_index(day, forms=forms)
        except NotFound:
            return None

    def filing(self, cik: int, accession: str) -> bytes:
        """The full submission text (``ACCESSION.txt``), checked against its accession number."""
        return self.get(_urls.filing_url(self.settings.edgar_url, cik, accession))


def _check_status(url: str, r: httpx.Response) -> None:
    """Retry on 429, 5xx and 403 "Request Rate Threshold"; 404 is :class:`NotFound`; any other
    status but 200 an :class:`EdgarError`."""
    status = r.status_code
    if status == 200:
        return
    if status == 429 or status >= 500 or (status == 403 and b"Request Rate Threshold" in r.read()):
        raise _Retry(f"HTTP {status}", _retry_after(r.headers.get("Retry-After")))
    if status == 404:
        raise NotFound(f"{url} answered HTTP 404", url=url)
    raise EdgarError(f"{url} answered HTTP {status}", url=url)


def _drain(url: str, gz: Any, chunk: bytes) -> None:
    """Feed ``chunk`` to a gzip decompressor in bounded steps (a gzip bomb cannot fill memory)."""
    try:
        data = chunk
        while data and not gz.eof:
            gz.decompress(data, 1 << 22)
            data = gz.unconsumed_tail
    except zlib.error as e:
        raise _Retry(f"{url}: corrupt gzip ({e})") from e

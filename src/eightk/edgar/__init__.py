"""EDGAR as a source: a polite client (User-Agent, shared rate limit, retries, on-disk cache,
streamed downloads), parsers of EDGAR's indexes, JSON and latest-filings Atom feed, the reader
of daily feed archives, and plans of what to fetch (a company's filings, a day's). Store-free:
``eightk fetch`` / ``sync`` / ``watch`` (:mod:`eightk.interfaces.cli.edgar_cmd`) write what it
fetches through the store API. Importing this package does no I/O and no network.

>>> from eightk.edgar import EdgarClient, EdgarSettings
>>> with EdgarClient(EdgarSettings.from_env(user_agent="Jane Doe jane@example.com")) as edgar:
...     cik = edgar.cik_for("AAPL")
...     rows = [r for r in edgar.submissions(cik).rows if r.form == "8-K"]
"""

from eightk.edgar._atom import FeedEntry, parse_current_feed
from eightk.edgar._cache import CacheEntry, DiskCache, is_immutable
from eightk.edgar._client import EdgarClient, NotFound, check_body
from eightk.edgar._feed import form_of, iter_feed
from eightk.edgar._indexes import IndexEntry, parse_index
from eightk.edgar._json import SubmissionRow, Submissions, parse_company_tickers, parse_submissions
from eightk.edgar._plan import (
    DEFAULT_FORMS,
    FilingRef,
    company_refs,
    day_refs,
    days,
    items_match,
    quarter_refs,
    spans,
    wanted_items,
)
from eightk.edgar._ratelimit import FileRateLimiter
from eightk.edgar._settings import (
    DEFAULT_DATA_URL,
    DEFAULT_EDGAR_URL,
    EdgarSettings,
    check_user_agent,
    config_path,
    load_config,
)
from eightk.edgar._urls import (
    archive_url,
    company_tickers_url,
    current_feed_url,
    daily_index_url,
    feed_url,
    filing_url,
    full_index_url,
    normalize_accession,
    quarter_of,
    submissions_page_url,
    submissions_url,
)
from eightk.errors import EdgarError

__all__ = [
    "DEFAULT_FORMS", "FeedEntry", "FilingRef", "NotFound", "company_refs", "config_path", "day_refs", "days",
    "form_of", "items_match", "iter_feed", "load_config", "parse_current_feed", "quarter_refs", "spans",
    "wanted_items",
    "DEFAULT_DATA_URL", "DEFAULT_EDGAR_URL", "CacheEntry", "DiskCache", "EdgarClient", "EdgarError",
    "EdgarSettings", "FileRateLimiter", "IndexEntry", "SubmissionRow", "Submissions", "archive_url",
    "check_body", "check_user_agent", "company_tickers_url", "current_feed_url", "daily_index_url",
    "feed_url", "filing_url", "full_index_url", "is_immutable", "normalize_accession", "parse_company_tickers",
    "parse_index", "parse_submissions", "quarter_of", "submissions_page_url", "submissions_url",
]

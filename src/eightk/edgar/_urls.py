"""URL builders for EDGAR's layout (primer section 5). Pure string functions of a base URL, so
tests point them at a local server; the real hosts live only in the settings' defaults."""

from __future__ import annotations

import datetime as dt
import re

from eightk.errors import EdgarError

#: An accession number as EDGAR writes it (filer id, year, sequence); the other modules of this
#: package build their patterns from it
ACCESSION = r"\d{10}-\d{2}-\d{6}"
_ACCESSION = re.compile(r"^(\d{10})-?(\d{2})-?(\d{6})$")


def quarter_of(day: dt.date) -> int:
    return (day.month - 1) // 3 + 1


def normalize_accession(accession: str) -> str:
    """``0000320193-24-000001`` from that or its 18 digits; :class:`EdgarError` otherwise."""
    m = _ACCESSION.match(accession.strip())
    if m is None:
        raise EdgarError(f"{accession!r} is not an accession number (like 0000320193-24-000001)")
    return "-".join(m.groups())


def company_tickers_url(edgar_url: str) -> str:
    return f"{edgar_url}/files/company_tickers.json"


def submissions_url(data_url: str, cik: int) -> str:
    return f"{data_url}/submissions/CIK{int(cik):010d}.json"


def submissions_page_url(data_url: str, name: str) -> str:
    """An older page listed under ``filings.files`` (``CIK##########-submissions-001.json``)."""
    return f"{data_url}/submissions/{name}"


def _check_year(year: int) -> None:
    if year < 1993:
        raise EdgarError(f"EDGAR indexes start in 1993; {year} has none")


def full_index_url(edgar_url: str, year: int, quarter: int, kind: str = "form", *, gz: bool = False) -> str:
    _check_year(year)
    if quarter not in (1, 2, 3, 4) or kind not in ("form", "master", "company"):
        raise EdgarError(f"no full index {kind!r} for quarter {quarter}")
    return f"{edgar_url}/Archives/edgar/full-index/{year}/QTR{quarter}/{kind}.idx" + (".gz" if gz else "")


def daily_index_url(edgar_url: str, day: dt.date, kind: str = "form") -> str:
    _check_year(day.year)
    if kind not in ("form", "master", "company"):
        raise EdgarError(f"no daily index {kind!r}")
    return f"{edgar_url}/Archives/edgar/daily-index/{day.year}/QTR{quarter_of(day)}/{kind}.{day:%Y%m%d}.idx"


def filing_url(edgar_url: str, cik: int, accession: str) -> str:
    acc = normalize_accession(accession)
    return f"{edgar_url}/Archives/edgar/data/{int(cik)}/{acc.replace('-', '')}/{acc}.txt"


def archive_url(edgar_url: str, path: str) -> str:
    """An index entry's file name (``edgar/data/320193/0000320193-24-000001.txt``) as a URL."""
    return f"{edgar_url}/Archives/{path.lstrip('/')}"


def feed_url(edgar_url: str, day: dt.date) -> str:
    return f"{edgar_url}/Archives/edgar/Feed/{day.year}/QTR{quarter_of(day)}/{day:%Y%m%d}.nc.tar.gz"


def current_feed_url(edgar_url: str, form: str = "8-K") -> str:
    return f"{edgar_url}/cgi-bin/browse-edgar?action=getcurrent&type={form}&output=atom"

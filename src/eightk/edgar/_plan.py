"""What to fetch: the filings of a company (submissions API, older pages included when the
dates reach back) or of a day (daily index), filtered by form, date and items where the source
lists items. Store-free: a caller passes ``known`` to pass over what it already has."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from eightk.edgar._client import EdgarClient
from eightk.edgar._json import SubmissionRow
from eightk.edgar._urls import filing_url
from eightk.itemcodes import equivalent

DEFAULT_FORMS = frozenset({"8-K", "8-K/A"})


@dataclass(frozen=True, slots=True)
class FilingRef:
    cik: int
    accession: str
    form: str
    filed: dt.date | None
    items: tuple[str, ...] = ()
    #: the source listed the filing's items (the submissions API does for modern filings);
    #: when False and an items filter is set, the filing is filtered after parsing
    items_listed: bool = False
    company: str = ""

    def url(self, edgar_url: str) -> str:
        return filing_url(edgar_url, self.cik, self.accession)


def wanted_items(codes: Iterable[str]) -> set[str]:
    """The codes asked for with their other-era equivalents (2.02 also matches legacy 12)."""
    out: set[str] = set()
    for c in codes:
        c = c.strip()
        if c:
            out.add(c)
            other = equivalent(c)
            if other:
                out.add(other)
    return out


def items_match(codes: Iterable[str], wanted: set[str] | None) -> bool:
    return not wanted or bool(wanted_items(codes) & wanted)


def _in_range(day: dt.date | None, since: dt.date | None, until: dt.date | None) -> bool:
    if day is None:
        return since is None and until is None
    return (since is None or day >= since) and (until is None or day <= until)


def _row_ref(cik: int, name: str, row: SubmissionRow) -> FilingRef:
    return FilingRef(cik, row.accession_number, row.form, row.filing_date, row.items, bool(row.items), name)


def company_refs(client: EdgarClient, cik: int, *, since: dt.date | None = None, until: dt.date | None = None,
                 forms: frozenset[str] = DEFAULT_FORMS, items: set[str] | None = None) -> list[FilingRef]:
    """The company's filings of ``forms`` filed in [since, until], oldest first; older
    submissions pages are read when ``since`` (or no ``since``: all history) reaches past the
    recent ones. Filings whose items are listed and do not match ``items`` are left out."""
    sub = client.submissions(cik)
    rows = list(sub.rows)
    oldest = min((r.filing_date for r in rows if r.filing_date), default=None)
    if sub.files and (since is None or oldest is None or since < oldest):
        for page in sub.files:
            rows += client.submissions_page(page).rows
    refs = {}
    for row in rows:
        if row.form.upper() not in forms or not _in_range(row.filing_date, since, until):
            continue
        if row.items and not items_match(row.items, items):
            continue
        refs[row.accession_number] = _row_ref(cik, sub.name, row)
    return sorted(refs.values(), key=lambda r: (r.filed or dt.date.min, r.accession))


def days(since: dt.date, until: dt.date) -> Iterator[dt.date]:
    """Every weekday from ``since`` to ``until`` (EDGAR publishes no index on weekends)."""
    day = since
    while day <= until:
        if day.weekday() < 5:
            yield day
        day += dt.timedelta(days=1)


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    first = dt.date(year, 3 * quarter - 2, 1)
    nxt = dt.date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1)
    return first, nxt - dt.timedelta(days=1)


def spans(since: dt.date, until: dt.date, today: dt.date | None = None) -> Iterator[tuple[int, int] | dt.date]:
    """The range as EDGAR indexes it, oldest first: ``(year, quarter)`` for a whole quarter that
    is over (one full-index request instead of some sixty daily ones), else each weekday."""
    today = today or dt.date.today()
    day = since
    while day <= until:
        q = (day.month - 1) // 3 + 1
        first, last = quarter_bounds(day.year, q)
        if day == first and last <= until and last < today:
            yield (day.year, q)
            day = last + dt.timedelta(days=1)
            continue
        if day.weekday() < 5:
            yield day
        day += dt.timedelta(days=1)


def quarter_refs(client: EdgarClient, year: int, quarter: int, *,
                 forms: frozenset[str] = DEFAULT_FORMS) -> list[FilingRef]:
    """The filings of ``forms`` in a quarter's full index, oldest first."""
    out = {}
    for e in client.full_index(year, quarter, forms=set(forms)):
        if e.accession:
            out[e.accession] = FilingRef(e.cik, e.accession, e.form, e.date_filed, company=e.company)
    return sorted(out.values(), key=lambda r: (r.filed or dt.date.min, r.accession))


def day_refs(client: EdgarClient, day: dt.date, *, forms: frozenset[str] = DEFAULT_FORMS) -> list[FilingRef] | None:
    """The filings of ``forms`` in the day's index; None when the day has no index (a holiday)."""
    entries = client.daily_index_or_none(day, forms=set(forms))
    if entries is None:
        return None
    out = {}
    for e in entries:
        if e.accession:
            out[e.accession] = FilingRef(e.cik, e.accession, e.form, e.date_filed, company=e.company)
    return list(out.values())


def unknown(refs: Iterable[FilingRef], known: Callable[[str], bool]) -> tuple[list[FilingRef], int]:
    """The refs not ``known`` (already stored) and how many were."""
    todo, seen = [], 0
    for r in refs:
        if known(r.accession):
            seen += 1
        else:
            todo.append(r)
    return todo, seen

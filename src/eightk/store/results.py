"""What the store hands back: search hits, ingest outcomes, a company's timeline."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

#: Highlight markers inside snippets as the backends return them (control characters that
#: cannot occur in stored text), replaced by the caller's markers on output.
MARK_START, MARK_END = "\x02", "\x03"


def highlight(snippet: str | None, marks: tuple[str, str]) -> str | None:
    if snippet is None:
        return None
    return snippet.replace(MARK_START, marks[0]).replace(MARK_END, marks[1])


def date_str(v: Any) -> str | None:
    """A date the driver returned (a ``date`` or ISO text) as ISO text."""
    if v is None:
        return None
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v)


@dataclass
class SearchHit:
    id: int
    accession_number: str | None
    path: str | None
    company: str | None
    cik: str | None
    date_of_report: str | None
    items: list[str]
    snippet: str | None
    score: float | None

    @property
    def handle(self) -> str:
        """What ``eightk show`` (and :meth:`Store.get`) takes for this hit: the accession number
        when there is one, else the store id."""
        return self.accession_number or str(self.id)

    def as_dict(self, *, marks: tuple[str, str] = ("**", "**")) -> dict[str, Any]:
        return {
            "id": self.id,
            "handle": self.handle,
            "accession_number": self.accession_number,
            "path": self.path,
            "company": self.company,
            "cik": self.cik,
            "date_of_report": self.date_of_report,
            "items": self.items,
            "snippet": highlight(self.snippet, marks),
            "score": self.score,
        }


@dataclass
class SearchResult:
    query: str
    total: int
    results: list[SearchHit] = field(default_factory=list)

    def as_dict(self, *, marks: tuple[str, str] = ("**", "**")) -> dict[str, Any]:
        return {"query": self.query, "total": self.total, "results": [h.as_dict(marks=marks) for h in self.results]}


@dataclass
class IngestOutcome:
    name: str
    status: str  # 'stored' | 'duplicate' | 'skipped' (not an 8-K) | 'error'
    filing_id: int | None = None
    error: str | None = None
    #: ids of the filings this one superseded (stored before under the same accession number)
    supersedes: list[int] = field(default_factory=list)
    note: str | None = None
    #: the stored submission a lone copy of one of its documents was linked to
    copy_of: int | None = None


@dataclass
class Timeline:
    """A company's current filings, oldest first: each a dict with ``id``, ``accession_number``,
    ``form_type``, ``date``, ``filed``, ``company``, ``amends_id``, ``items`` (``code``,
    ``modern``, ``title``) and ``events`` (types)."""

    cik: str | None
    company: str | None
    filings: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"cik": self.cik, "company": self.company, "filings": self.filings}


__all__ = ["MARK_END", "MARK_START", "IngestOutcome", "SearchHit", "SearchResult", "Timeline", "date_str",
           "highlight"]

"""Parsers of EDGAR's JSON: the submissions API and ``company_tickers.json``.

Hand-written because they are small reshapes: ``filings.recent`` is a dict of parallel arrays
(one list per column), turned here into one row per filing; the older pages listed under
``filings.files`` have the same arrays at top level.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from eightk.digits import ascii_digits
from eightk.errors import EdgarError


@dataclass(frozen=True, slots=True)
class SubmissionRow:
    accession_number: str
    filing_date: dt.date | None
    form: str
    items: tuple[str, ...]
    primary_document: str
    report_date: dt.date | None = None
    acceptance_datetime: str = ""


@dataclass(frozen=True)
class Submissions:
    cik: int | None
    name: str
    tickers: tuple[str, ...]
    rows: list[SubmissionRow]
    files: list[str] = field(default_factory=list)  # older pages: "CIK##########-submissions-001.json"


def _load(data: bytes | str | dict[str, Any]) -> Any:
    if isinstance(data, dict):
        return data
    try:
        return json.loads(data)
    except ValueError as e:
        raise EdgarError(f"not JSON: {e}") from e


def _day(value: Any) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _rows(arrays: dict[str, Any]) -> list[SubmissionRow]:
    accessions = arrays.get("accessionNumber")
    if not isinstance(accessions, list):
        raise EdgarError("submissions JSON has no accessionNumber array")
    n = len(accessions)

    def col(name: str) -> list[Any]:
        values = arrays.get(name) or []
        if len(values) not in (0, n):
            raise EdgarError(f"submissions JSON: column {name} has {len(values)} values for {n} filings")
        return values or [""] * n

    rows = []
    for acc, filed, form, items, primary, report, accepted in zip(
        accessions, col("filingDate"), col("form"), col("items"), col("primaryDocument"),
        col("reportDate"), col("acceptanceDateTime"), strict=True,
    ):
        codes = tuple(c.strip() for c in str(items or "").split(",") if c.strip())
        rows.append(SubmissionRow(str(acc), _day(filed), str(form), codes, str(primary or ""),
                                  _day(report), str(accepted or "")))
    return rows


def parse_submissions(data: bytes | str | dict[str, Any]) -> Submissions:
    """A ``CIK##########.json`` answer, or one of its older pages, as rows."""
    doc = _load(data)
    if not isinstance(doc, dict):
        raise EdgarError("submissions JSON is not an object")
    if "filings" in doc:
        filings = doc["filings"] or {}
        rows = _rows(filings.get("recent") or {"accessionNumber": []})
        files = [f["name"] for f in filings.get("files") or [] if isinstance(f, dict) and f.get("name")]
        cik = int(doc["cik"]) if ascii_digits(str(doc.get("cik", ""))) else None
        return Submissions(cik, str(doc.get("name") or ""), tuple(doc.get("tickers") or ()), rows, files)
    return Submissions(None, "", (), _rows(doc))


def parse_company_tickers(data: bytes | str | dict[str, Any]) -> dict[str, int]:
    """``company_tickers.json`` as ticker (upper case) -> CIK."""
    doc = _load(data)
    records = doc.values() if isinstance(doc, dict) else doc
    out: dict[str, int] = {}
    for rec in records:
        if not isinstance(rec, dict):
            raise EdgarError("company_tickers.json: a record is not an object")
        try:
            out[str(rec["ticker"]).upper()] = int(rec["cik_str"])
        except (KeyError, TypeError, ValueError) as e:
            raise EdgarError(f"company_tickers.json: bad record {rec!r}") from e
    return out

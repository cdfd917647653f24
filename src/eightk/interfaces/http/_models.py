"""The shapes of the API's answers, for the OpenAPI schema (the routes hand back the store's
own dicts, which have these fields; the Filing is :class:`eightk.model.Filing` itself)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class ErrorOut(BaseModel):
    error: str = Field(description="what went wrong")
    detail: Any = Field(default=None, description="what to do about it, or the problems found")


class HitOut(BaseModel):
    id: int = Field(description="the store id")
    handle: str = Field(description="what /api/filings/{accession} takes: the accession number, else the id")
    accession_number: str | None = Field(description="the accession number, when known")
    path: str | None = Field(description="the name the file was ingested under")
    company: str | None = Field(description="the first company of the filing")
    cik: str | None = Field(description="its CIK")
    date_of_report: str | None = Field(description="date of report (ISO)")
    items: list[str] = Field(description="item codes as filed")
    snippet: str | None = Field(description="the best passage, matches between ** and **")
    score: float | None = Field(description="rank (higher is better); null when listing by filters only")


class SearchOut(BaseModel):
    query: str = Field(description="the query as given")
    total: int = Field(description="filings matching")
    results: list[HitOut] = Field(description="this page, best first")
    next: str | None = Field(description="the URL of the next page, null on the last")


class EventOut(BaseModel):
    filing_id: int = Field(description="the store id of the filing")
    handle: str = Field(description="the filing's accession number, else its id")
    accession_number: str | None = Field(description="the filing's accession number")
    company: str | None = Field(description="the filing's first company")
    cik: str | None = Field(description="its CIK")
    date: str | None = Field(description="the filing's date of report, else filing date (ISO)")
    seq: int = Field(description="the event's place in its filing")
    type: str = Field(description="the event type")
    item: str | None = Field(description="the item that reports it, as filed")
    equivalent_item: str | None = Field(description="that item in the other numbering")
    confidence: float | None = Field(description="how sure the extractor is (0-1)")
    attributes: dict[str, Any] = Field(description="what the extractor read (amount, counterparty, court...)")


class EventsOut(BaseModel):
    total: int = Field(description="events matching")
    events: list[EventOut] = Field(description="this page, newest filing first")
    next: str | None = Field(description="the URL of the next page, null on the last")


class CompanyOut(BaseModel):
    cik: str | None = Field(description="the CIK")
    company: str | None = Field(description="its current name")
    names: list[dict[str, Any]] = Field(description="every name it filed under: name, first and last date")
    filings: int = Field(description="its current 8-K filings")
    first: str | None = Field(description="date of its first filing")
    last: str | None = Field(description="date of its last filing")
    events: dict[str, int] = Field(description="event type -> count over its filings")


class TimelineOut(BaseModel):
    cik: str | None = Field(description="the CIK")
    company: str | None = Field(description="its name")
    filings: list[dict[str, Any]] = Field(description="oldest first: id, accession_number, form_type, date, "
                                                      "filed, company, amends_id, items, events")


__all__ = ["CompanyOut", "ErrorOut", "EventOut", "EventsOut", "HitOut", "SearchOut", "TimelineOut"]

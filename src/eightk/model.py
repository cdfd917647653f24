"""The output contract: typed models of a parsed 8-K.

This module is the public schema (``eightk schema`` exports it as JSON Schema).
Field names are a contract: add fields freely, rename none. Bump
``SCHEMA_VERSION`` only for incompatible changes.

Every layer imports from here; this module imports nothing from the project.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = 1

Container = Literal["submission", "feed", "document"]
DocFormat = Literal["text", "html", "ixbrl", "xml", "pdf", "uuencoded", "binary", "empty"]
Scheme = Literal["legacy", "modern"]
ValueSource = Literal["text", "ixbrl", "header"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class Span(_Model):
    """Character offsets ``[start, end)`` into the decoded text of one document.

    ``document`` is that document's ``sequence`` (1 for the primary document).
    """

    start: int
    end: int
    document: int | None = None


class Source(_Model):
    path: str | None = None
    sha256: str
    size: int
    container: Container


class Address(_Model):
    street: str | None = None
    street2: str | None = None
    city: str | None = None
    state: str | None = None
    zip: str | None = None
    country: str | None = None


class FormerName(_Model):
    name: str
    changed: dt.date | None = None


class Filer(_Model):
    """One FILER / SUBJECT COMPANY / FILED BY block of the EDGAR header."""

    role: str
    name: str | None = None
    cik: str | None = None
    sic: str | None = None
    irs_number: str | None = None
    state_of_incorporation: str | None = None
    fiscal_year_end: str | None = None
    form_type: str | None = None
    sec_act: str | None = None
    file_number: str | None = None
    film_number: str | None = None
    business_address: Address | None = None
    mail_address: Address | None = None
    phone: str | None = None
    former_names: list[FormerName] = Field(default_factory=list)
    extra: dict[str, str] = Field(default_factory=dict, description="header keys not mapped above")


class Header(_Model):
    """The EDGAR header, normalised (full-submission and feed spellings alike)."""

    accession_number: str | None = None
    form_type: str | None = None
    period: dt.date | None = None
    filed: dt.date | None = None
    accepted: dt.datetime | None = None
    document_count: int | None = None
    items: list[str] = Field(default_factory=list, description="item codes, e.g. '5', '2.02'")
    item_titles: list[str] = Field(default_factory=list, description="ITEM INFORMATION lines as printed")
    filers: list[Filer] = Field(default_factory=list)
    extra: dict[str, str] = Field(default_factory=dict, description="header keys not mapped above")


class DocumentInfo(_Model):
    sequence: int
    type: str | None = None
    filename: str | None = None
    description: str | None = None
    format: DocFormat
    size: int = Field(description="bytes of the document's text in the source")
    byte_span: tuple[int, int] = Field(description="[start, end) of the text in the source bytes")
    encoding: str | None = Field(default=None, description="encoding used to decode the text")


class Registrant(_Model):
    name: str | None = None
    state_of_incorporation: str | None = None
    commission_file_number: str | None = None
    irs_employer_id: str | None = None
    address: Address | None = None
    phone: str | None = None
    former_name: str | None = Field(
        default=None, description="the former company name the cover prints, if changed since the last report "
        "(null when it prints none, 'N/A' or only a former address)")
    former_address: Address | None = Field(
        default=None, description="the former address the cover prints under the former name/address caption")
    trading_symbols: list[str] = Field(default_factory=list)
    exchanges: list[str] = Field(default_factory=list)
    emerging_growth_company: bool | None = None
    cik: str | None = None
    sources: dict[str, ValueSource] = Field(default_factory=dict, description="field -> where its value came from")
    spans: dict[str, Span] = Field(default_factory=dict, description="field -> span of the text it came from")


class Item(_Model):
    code: str
    scheme: Scheme
    title: str | None = None
    equivalent: str | None = Field(default=None, description="the code of the other scheme")
    text: str = ""
    span: Span | None = None


class Exhibit(_Model):
    number: str
    description: str | None = None
    document: int | None = Field(default=None, description="sequence of the attached document, if any")
    span: Span | None = None


class Signature(_Model):
    registrant: str | None = None
    name: str | None = None
    title: str | None = None
    date: dt.date | None = None
    conformed: bool = False
    span: Span | None = None


class Fact(_Model):
    kind: str
    text: str
    value: Any = None
    unit: str | None = None
    per: str | None = None
    span: Span
    document: int | None = None
    item: str | None = None
    attributes: dict[str, Any] = Field(default_factory=dict)


class Event(_Model):
    type: str
    item: str | None = None
    equivalent_item: str | None = None
    confidence: float = 1.0
    attributes: dict[str, Any] = Field(default_factory=dict)
    evidence: list[Span] = Field(default_factory=list)


class Anomaly(_Model):
    code: str
    message: str
    text: str | None = None
    span: Span | None = None


class Filing(_Model):
    """Everything eightk knows about one 8-K submission."""

    schema_version: int = SCHEMA_VERSION
    source: Source
    accession_number: str | None = None
    form_type: str | None = None
    filed: dt.date | None = None
    date_of_report: dt.date | None = Field(
        default=None, description="the date of the earliest event reported (the bracketed date when the cover "
        "prints two); the header's period when the body prints none")
    report_dates: list[dt.date] = Field(
        default_factory=list, description="every date printed in the cover's date-of-report caption, in printed order")
    header: Header | None = None
    registrants: list[Registrant] = Field(default_factory=list)
    items: list[Item] = Field(default_factory=list)
    items_not_applicable: list[str] = Field(default_factory=list)
    exhibits: list[Exhibit] = Field(default_factory=list)
    signatures: list[Signature] = Field(default_factory=list)
    documents: list[DocumentInfo] = Field(default_factory=list)
    facts: list[Fact] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    anomalies: list[Anomaly] = Field(default_factory=list)
    sources: dict[str, ValueSource] = Field(
        default_factory=dict, description="filing-level field (date_of_report) -> where its value came from"
    )


def json_schema() -> dict[str, Any]:
    """The JSON Schema of :class:`Filing`, with its version."""
    schema = Filing.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://eightk.dev/schema/filing/v{SCHEMA_VERSION}.json"
    schema["title"] = f"eightk Filing (schema version {SCHEMA_VERSION})"
    return schema

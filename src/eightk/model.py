"""The output contract: typed models of a parsed 8-K.

This module is the public schema (``eightk schema`` exports it as JSON Schema; the
committed copy is ``schema/filing.vN.json``, N the version). Field names are a contract: add fields
freely, rename none. Bump ``SCHEMA_VERSION`` only for incompatible changes.

Fact kinds, event types and anomaly codes are enumerations, and the attributes of each fact
kind and event type have a model (:mod:`eightk.kinds`): a value that is not listed there is
refused. Every field has a description (``tests/test_contract.py`` checks it).

Every layer imports from here; this module imports only :mod:`eightk.kinds`.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    PlainSerializer,
    ValidationError,
    ValidationInfo,
    field_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from eightk.kinds import (
    EVENT_ATTRIBUTES,
    FACT_ATTRIBUTES,
    AnomalyCode,
    Attributes,
    EventType,
    FactKind,
)

#: 1: the first contract. 2: event types ``restatement`` -> ``non_reliance`` and ``debt_financing`` ->
#: ``debt_obligation`` (the issue-14 names), a ``dividend`` type, structured event attributes.
SCHEMA_VERSION = 2

Container = Literal["submission", "feed", "document"]
DocFormat = Literal["text", "html", "ixbrl", "xml", "pdf", "uuencoded", "binary", "empty"]
Scheme = Literal["legacy", "modern"]
ValueSource = Literal["text", "ixbrl", "header", "path"]


def _plain(value: Any) -> Any:
    """An enumeration member as its plain string (what ``model_dump`` gave before the fields
    were enumerations); a string set without validation (``model_construct``) as it is."""
    return value.value if isinstance(value, Enum) else value


# Validated as enumerations, serialized as plain strings (JSON and ``model_dump`` alike).
FactKindValue = Annotated[FactKind, PlainSerializer(_plain, return_type=str)]
EventTypeValue = Annotated[EventType, PlainSerializer(_plain, return_type=str)]
AnomalyCodeValue = Annotated[AnomalyCode, PlainSerializer(_plain, return_type=str)]


def _check_attributes(attributes: dict[str, Any], model: type[Attributes] | None, what: str) -> dict[str, Any]:
    """Validate ``attributes`` against the model of its kind or type, and keep the dict as it
    is (keys absent stay absent: the JSON output is what the extractor built)."""
    if model is not None:
        try:
            model.model_validate(attributes)
        except ValidationError as e:
            problems = "; ".join(f"{'.'.join(map(str, err['loc']))}: {err['msg']}" for err in e.errors())
            raise ValueError(f"attributes of {what} ({model.__name__}): {problems}") from None
    return attributes


def _attributes_schema(
    core_schema: CoreSchema, handler: GetJsonSchemaHandler, discriminator: str, models: dict[Any, type[Attributes]],
) -> JsonSchemaValue:
    """The model's JSON Schema, with ``attributes`` constrained per kind or type: one
    ``if {discriminator in [...]} then {attributes: <model>}`` per attribute model."""
    ref = handler(core_schema)
    schema = handler.resolve_ref_schema(ref)
    by_model: dict[type[Attributes], list[str]] = {}
    for value, model in models.items():
        by_model.setdefault(model, []).append(_plain(value))
    schema["allOf"] = [
        {
            "if": {"properties": {discriminator: {"enum": values}}, "required": [discriminator]},
            "then": {"properties": {"attributes": handler(model.__pydantic_core_schema__)}},
        }
        for model, values in by_model.items()
    ]
    return ref


# The default factories of the list and dict fields. Not ``list`` and ``dict``: pydantic reads
# each factory's signature when it builds a model, and a builtin's is parsed from its text (the
# tokenizer's pattern compiled, then ~0.3 ms a field: ~12 ms of every start for 25 fields).
def _list() -> list[Any]:
    return []


def _dict() -> dict[Any, Any]:
    return {}


#: The four slots pydantic's BaseModel gives every instance, set through their own descriptors:
#: ``object.__setattr__(m, name, v)`` looks each name up on the model's type first, and
#: ``cls.__new__`` is looked up on the class at each call (measured: the corpus's facts and their
#: spans built in 71-79 us a filing this way against 99-107).
_set_dict = BaseModel.__dict__["__dict__"].__set__
_set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private = BaseModel.__dict__["__pydantic_private__"].__set__
_new = object.__new__


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)

    @classmethod
    def trusted(cls, values: dict[str, Any]) -> Any:
        """``cls.model_construct(**values)`` for ``values`` that name every field, in order:
        the same instance (``tests/test_model_trusted.py`` compares them), without
        model_construct's walk over the fields' aliases and defaults, a third of its cost. For
        what the extractors make by the thousand (facts and their spans), whose values already
        have the fields' types. eightk's models have no aliases, private attributes, post-init
        hook or ``__new__`` of their own, which this leaves out (the test checks that too)."""
        m = _new(cls)
        _set_dict(m, values)
        _set_fields_set(m, set(values))
        _set_extra(m, None)
        _set_private(m, None)
        return m


class Span(_Model):
    """Character offsets ``[start, end)`` into the decoded text of one document.

    ``document`` is that document's ``sequence`` (1 for the primary document).
    """

    start: int = Field(description="offset of the first character")
    end: int = Field(description="offset just past the last character")
    document: int | None = Field(default=None, description="the sequence of the document the offsets point into")

    @classmethod
    def at(cls, start: int, end: int, document: int | None) -> Span:
        """The Span of offsets the reader computed (ints, and a document's sequence), made
        without validation (:meth:`_Model.trusted`): a validated Span cost ~1 us, and the reader
        makes one for every fact, cover field and signature."""
        return cls.trusted({"start": start, "end": end, "document": document})


class Source(_Model):
    """The input the filing was read from."""

    path: str | None = Field(default=None, description="the file or archive member name, if any")
    sha256: str = Field(description="SHA-256 of the input bytes, hex")
    size: int = Field(description="size of the input in bytes")
    container: Container = Field(
        description="'submission' (a full submission .txt), 'feed' (an EDGAR feed .nc) or 'document' (a lone document)")


class Address(_Model):
    """A postal address as printed."""

    street: str | None = Field(default=None, description="first street line")
    street2: str | None = Field(default=None, description="second street line")
    city: str | None = Field(default=None, description="city")
    state: str | None = Field(default=None, description="state or province (a code when the source gives one)")
    zip: str | None = Field(default=None, description="postal code")
    country: str | None = Field(default=None, description="country, when printed")


class FormerName(_Model):
    """A name the company had before (EDGAR header FORMER COMPANY)."""

    name: str = Field(description="the former conformed name")
    changed: dt.date | None = Field(default=None, description="the date the name changed")


class Filer(_Model):
    """One FILER / SUBJECT COMPANY / FILED BY block of the EDGAR header."""

    role: str = Field(
        description="the block: 'filer', 'subject_company', 'filed_by', 'reporting_owner', 'issuer' "
        "(another block's name, lower-cased with underscores)")
    name: str | None = Field(default=None, description="COMPANY CONFORMED NAME")
    cik: str | None = Field(default=None, description="CENTRAL INDEX KEY, as printed (10 digits)")
    sic: str | None = Field(default=None, description="STANDARD INDUSTRIAL CLASSIFICATION code")
    irs_number: str | None = Field(default=None, description="IRS NUMBER (employer identification number)")
    state_of_incorporation: str | None = Field(default=None, description="STATE OF INCORPORATION")
    fiscal_year_end: str | None = Field(default=None, description="FISCAL YEAR END, MMDD")
    form_type: str | None = Field(default=None, description="the filing values' FORM TYPE")
    sec_act: str | None = Field(default=None, description="the filing values' SEC ACT")
    file_number: str | None = Field(default=None, description="the filing values' SEC FILE NUMBER")
    film_number: str | None = Field(default=None, description="the filing values' FILM NUMBER")
    business_address: Address | None = Field(default=None, description="BUSINESS ADDRESS")
    mail_address: Address | None = Field(default=None, description="MAIL ADDRESS")
    phone: str | None = Field(default=None, description="BUSINESS PHONE, as printed")
    former_names: list[FormerName] = Field(default_factory=_list, description="FORMER COMPANY blocks")
    extra: dict[str, str] = Field(default_factory=_dict, description="header keys not mapped above")


class Header(_Model):
    """The EDGAR header, normalised (full-submission and feed spellings alike)."""

    accession_number: str | None = Field(default=None, description="ACCESSION NUMBER, 0000000000-YY-NNNNNN")
    form_type: str | None = Field(default=None, description="CONFORMED SUBMISSION TYPE ('8-K', '8-K/A')")
    period: dt.date | None = Field(default=None, description="CONFORMED PERIOD OF REPORT")
    filed: dt.date | None = Field(default=None, description="FILED AS OF DATE")
    accepted: dt.datetime | None = Field(default=None, description="ACCEPTANCE-DATETIME (EDGAR's clock, no zone)")
    document_count: int | None = Field(default=None, description="PUBLIC DOCUMENT COUNT")
    items: list[str] = Field(default_factory=_list, description="item codes, e.g. '5', '2.02'")
    item_titles: list[str] = Field(default_factory=_list, description="ITEM INFORMATION lines as printed")
    filers: list[Filer] = Field(default_factory=_list, description="the FILER / SUBJECT COMPANY / FILED BY blocks")
    extra: dict[str, str] = Field(default_factory=_dict, description="header keys not mapped above")


class DocumentInfo(_Model):
    """One document of the submission."""

    sequence: int = Field(description="<SEQUENCE>: 1 for the primary document")
    type: str | None = Field(default=None, description="<TYPE> ('8-K', 'EX-99.1', 'GRAPHIC')")
    filename: str | None = Field(default=None, description="<FILENAME>")
    description: str | None = Field(default=None, description="<DESCRIPTION>")
    format: DocFormat = Field(description="what the text is, read from its content")
    size: int = Field(description="bytes of the document's text in the source")
    byte_span: tuple[int, int] = Field(description="[start, end) of the text in the source bytes")
    encoding: str | None = Field(default=None, description="encoding used to decode the text")


class Registrant(_Model):
    """A registrant as the cover page names it (a joint filing names several)."""

    name: str | None = Field(default=None, description="the exact name of the registrant as specified in its charter")
    state_of_incorporation: str | None = Field(default=None, description="state or other jurisdiction of incorporation")
    commission_file_number: str | None = Field(default=None, description="Commission File Number")
    irs_employer_id: str | None = Field(default=None, description="IRS Employer Identification No.")
    address: Address | None = Field(default=None, description="address of principal executive offices")
    phone: str | None = Field(default=None, description="registrant's telephone number, including area code")
    former_name: str | None = Field(
        default=None, description="the former company name the cover prints, if changed since the last report "
        "(null when it prints none, 'N/A' or only a former address)")
    former_address: Address | None = Field(
        default=None, description="the former address the cover prints under the former name/address caption")
    trading_symbols: list[str] = Field(
        default_factory=_list, description="trading symbols of the Section 12(b) securities table")
    exchanges: list[str] = Field(
        default_factory=_list, description="exchanges of the Section 12(b) securities table, as printed")
    emerging_growth_company: bool | None = Field(
        default=None, description="the emerging growth company check box (null when the cover has none)")
    cik: str | None = Field(default=None, description="the CIK (tagged on an inline XBRL cover, else the header's)")
    sources: dict[str, ValueSource] = Field(default_factory=_dict, description="field -> where its value came from")
    spans: dict[str, Span] = Field(default_factory=_dict, description="field -> span of the text it came from")


class Item(_Model):
    """One item the body reports."""

    code: str = Field(description="the item code as numbered in its scheme ('5', '2.02')")
    scheme: Scheme = Field(description="'legacy' (items 1-12, before August 2004) or 'modern' (1.01-9.01)")
    title: str | None = Field(default=None, description="the item's heading as printed")
    equivalent: str | None = Field(default=None, description="the code of the other scheme")
    text: str = Field(default="", description="the item's text")
    span: Span | None = Field(default=None, description="where the item is")


class Exhibit(_Model):
    """One exhibit of the exhibit list."""

    number: str = Field(description="the exhibit number as printed ('99.1')")
    description: str | None = Field(default=None, description="the description as printed")
    document: int | None = Field(default=None, description="sequence of the attached document, if any")
    span: Span | None = Field(default=None, description="where the list entry is")


class Signature(_Model):
    """One signature block."""

    registrant: str | None = Field(default=None, description="the registrant signing")
    name: str | None = Field(default=None, description="the signer's name")
    title: str | None = Field(default=None, description="the signer's title")
    date: dt.date | None = Field(default=None, description="the date of the signature")
    conformed: bool = Field(default=False, description="true for a conformed signature ('/s/ Name')")
    span: Span | None = Field(default=None, description="where the signature block is")


class Fact(_Model):
    """A fact read from the text: a date, an amount, a party... ``attributes`` follows the
    model of its ``kind`` (see :data:`eightk.kinds.FACT_ATTRIBUTES`)."""

    kind: FactKindValue = Field(description="what the fact is")
    text: str = Field(description="the text the fact was read from")
    value: Any = Field(
        default=None, description="the value read: an ISO date (date, period), a number (money, shares, percent) "
        "or a name (party, security); null when the text cannot be read (see anomalies)")
    unit: str | None = Field(
        default=None, description="the unit of the value: an ISO currency code (money), 'shares', 'percent'")
    per: str | None = Field(default=None, description="for a rate, what the amount is per ('share', 'year')")
    span: Span = Field(description="where the text is")
    document: int | None = Field(default=None, description="the sequence of the document the fact is in")
    item: str | None = Field(default=None, description="the code of the item the fact is in, if any")
    attributes: dict[str, Any] = Field(
        default_factory=_dict, description="more about the fact, per kind; a key is present only when it has a value")

    @field_validator("attributes")
    @classmethod
    def _attributes_of_kind(cls, v: dict[str, Any], info: ValidationInfo) -> dict[str, Any]:
        kind = info.data.get("kind")
        return _check_attributes(v, FACT_ATTRIBUTES.get(kind) if kind else None, f"the {kind} fact")

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        return _attributes_schema(core_schema, handler, "kind", dict(FACT_ATTRIBUTES))

    def typed_attributes(self) -> Attributes:
        """``attributes`` as the model of this fact's kind."""
        return FACT_ATTRIBUTES[FactKind(self.kind)].model_validate(self.attributes)


class Event(_Model):
    """What the filing reports, one per item, typed the same way in both item schemes.
    ``attributes`` follows the model of its ``type`` (see :data:`eightk.kinds.EVENT_ATTRIBUTES`)."""

    type: EventTypeValue = Field(description="what happened")
    item: str | None = Field(default=None, description="the code of the item that reports it, as filed")
    equivalent_item: str | None = Field(
        default=None, description="the modern item it is filed under today (for a legacy item, by its type)")
    confidence: float = Field(
        default=1.0, description="how sure the type is, 0-1: the item decides it (0.95) or cues in its text do")
    attributes: dict[str, Any] = Field(
        default_factory=_dict, description="what the event's text says, per type; a key is present only when it "
        "has a value")
    evidence: list[Span] = Field(default_factory=_list, description="the item, and the cues that decided the type")
    attribute_spans: dict[str, Span] = Field(
        default_factory=_dict, description="where each attribute's value was read: the key is the attribute's path "
        "in ``attributes`` (``former_accountant``, ``changes.0.person``, ``proposals.2.for``), the value its span")

    @field_validator("attributes")
    @classmethod
    def _attributes_of_type(cls, v: dict[str, Any], info: ValidationInfo) -> dict[str, Any]:
        etype = info.data.get("type")
        return _check_attributes(v, EVENT_ATTRIBUTES.get(etype) if etype else None, f"the {etype} event")

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        return _attributes_schema(core_schema, handler, "type", dict(EVENT_ATTRIBUTES))

    def typed_attributes(self) -> Attributes:
        """``attributes`` as the model of this event's type."""
        return EVENT_ATTRIBUTES[EventType(self.type)].model_validate(self.attributes)


class Anomaly(_Model):
    """Something wrong in the source, reported (never silently repaired)."""

    code: AnomalyCodeValue = Field(description="what is wrong")
    message: str = Field(description="what is wrong, in words, with the values involved")
    text: str | None = Field(default=None, description="the text or value at fault, if any")
    span: Span | None = Field(default=None, description="where it is, if in a document's text")


class Filing(_Model):
    """Everything eightk knows about one 8-K submission."""

    schema_version: int = Field(default=SCHEMA_VERSION, description="the version of this schema")
    source: Source = Field(description="the input it was read from")
    accession_number: str | None = Field(
        default=None, description="the header's accession number (null without a header)")
    form_type: str | None = Field(default=None, description="the form type: the header's, else the primary document's <TYPE>, else the cover's")
    filed: dt.date | None = Field(default=None, description="the date filed: the header's FILED AS OF DATE (null without a header)")
    date_of_report: dt.date | None = Field(
        default=None, description="the date of the earliest event reported (the bracketed date when the cover "
        "prints two); the header's period when the body prints none")
    report_dates: list[dt.date] = Field(
        default_factory=_list, description="every date printed in the cover's date-of-report caption, in printed order")
    header: Header | None = Field(default=None, description="the EDGAR header, null for a lone document")
    registrants: list[Registrant] = Field(default_factory=_list, description="the cover page, per registrant")
    items: list[Item] = Field(default_factory=_list, description="the items the body reports, in order")
    items_not_applicable: list[str] = Field(
        default_factory=_list, description="items a blanket 'Items 1-4 ... Not applicable' line says the filing "
        "does not report")
    exhibits: list[Exhibit] = Field(default_factory=_list, description="the exhibit list")
    signatures: list[Signature] = Field(default_factory=_list, description="the signature blocks")
    documents: list[DocumentInfo] = Field(default_factory=_list, description="every document of the submission")
    facts: list[Fact] = Field(default_factory=_list, description="facts read from every document's text")
    events: list[Event] = Field(default_factory=_list, description="what the filing reports, one per item")
    anomalies: list[Anomaly] = Field(default_factory=_list, description="what is wrong in the source")
    sources: dict[str, ValueSource] = Field(
        default_factory=_dict, description="filing-level field (date_of_report, accession_number) -> where its value "
        "came from: 'text', 'ixbrl', 'header', or 'path' (an accession number inferred from the file's name or folder)"
    )


def json_schema() -> dict[str, Any]:
    """The JSON Schema of :class:`Filing`, with its version."""
    schema = Filing.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://eightk.dev/schema/filing/v{SCHEMA_VERSION}.json"
    schema["title"] = f"eightk Filing (schema version {SCHEMA_VERSION})"
    return schema

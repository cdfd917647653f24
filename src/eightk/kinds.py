"""The vocabularies of the output contract: fact kinds, event types, anomaly codes, and the
attributes each fact kind and event type carries.

They are str-valued enumerations (:class:`enum.StrEnum`): a member *is* its string, so
``event.type == "earnings_release"`` holds, the JSON output is the plain string, and producers
may pass strings (the model validates them). A value that is not a member is refused: a new
code, kind or type is added here first, with its meaning (``tests/test_contract.py`` checks
that every one the code base produces is listed).

The attribute models describe ``Fact.attributes`` and ``Event.attributes``: a key is present
only when the extractor found a value for it (absent keys are not written as ``null``), so
the model keeps the attributes as the dict the extractor built and validates it against the
model of its kind or type (see :mod:`eightk.model`).

This module imports nothing from the project.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


def _document(enum: type[StrEnum], intro: str, meanings: dict[str, str]) -> None:
    """Give ``enum`` a docstring listing each member with its meaning (the JSON Schema shows
    it as the enumeration's description); every member must have one."""
    missing = [m.value for m in enum if m.value not in meanings]
    extra = sorted(set(meanings) - {m.value for m in enum})
    if missing or extra:  # pragma: no cover - a programming error, caught at import
        raise AssertionError(f"{enum.__name__}: meanings missing for {missing}, or for no member: {extra}")
    enum.__doc__ = intro + "\n\n" + "\n".join(f"- {m.value}: {meanings[m.value]}" for m in enum)


# --- fact kinds -------------------------------------------------------------------------------


class FactKind(StrEnum):
    DATE = "date"
    PERIOD = "period"
    MONEY = "money"
    SHARES = "shares"
    PERCENT = "percent"
    PARTY = "party"
    SECURITY = "security"


FACT_KIND_MEANINGS: dict[str, str] = {
    "date": "a calendar date printed in the text; value: the ISO date (null when the printed date cannot exist)",
    "period": "a reporting period ('three months ended March 31, 2004'); value: the ISO date it ends",
    "money": "an amount of money; value: the number, unit: the ISO currency code, per: 'share', 'year'... "
    "for a rate",
    "shares": "a count of shares or units; value: the number (null when the printed number is malformed), "
    "unit: 'shares'",
    "percent": "a percentage; value: the number (12.5 for 12.5%), unit: 'percent'",
    "party": "a named party: an organization, a court or a person (attributes.type); value: the name",
    "security": "a class of security (common stock, notes, warrants); value: its name as printed",
}
_document(FactKind, "What a fact is.", FACT_KIND_MEANINGS)


# --- event types ------------------------------------------------------------------------------


class EventType(StrEnum):
    MATERIAL_AGREEMENT = "material_agreement"
    MATERIAL_AGREEMENT_TERMINATION = "material_agreement_termination"
    BANKRUPTCY = "bankruptcy"
    MINE_SAFETY = "mine_safety"
    CYBERSECURITY_INCIDENT = "cybersecurity_incident"
    ACQUISITION_DISPOSITION = "acquisition_disposition"
    EARNINGS_RELEASE = "earnings_release"
    DEBT_OBLIGATION = "debt_obligation"
    DEBT_ACCELERATION = "debt_acceleration"
    EXIT_COSTS = "exit_costs"
    IMPAIRMENT = "impairment"
    DELISTING = "delisting"
    EQUITY_FINANCING = "equity_financing"
    SECURITY_HOLDER_RIGHTS_CHANGE = "security_holder_rights_change"
    AUDITOR_CHANGE = "auditor_change"
    NON_RELIANCE = "non_reliance"
    CHANGE_IN_CONTROL = "change_in_control"
    OFFICER_DIRECTOR_CHANGE = "officer_director_change"
    CHARTER_BYLAWS_FISCAL_YEAR_CHANGE = "charter_bylaws_fiscal_year_change"
    BENEFIT_PLAN_TRADING_SUSPENSION = "benefit_plan_trading_suspension"
    CODE_OF_ETHICS_CHANGE = "code_of_ethics_change"
    SHELL_STATUS_CHANGE = "shell_status_change"
    SHAREHOLDER_VOTE = "shareholder_vote"
    DIRECTOR_NOMINATIONS = "director_nominations"
    ABS_REPORT = "abs_report"
    REG_FD_DISCLOSURE = "reg_fd_disclosure"
    OTHER_EVENT = "other_event"
    LEGAL_SETTLEMENT = "legal_settlement"
    DIVIDEND = "dividend"


EVENT_TYPE_MEANINGS: dict[str, str] = {
    "material_agreement": "entry into a material definitive agreement (item 1.01)",
    "material_agreement_termination": "termination of a material definitive agreement (item 1.02)",
    "bankruptcy": "bankruptcy or receivership (item 1.03; legacy item 3)",
    "mine_safety": "mine safety: shutdowns and patterns of violations (item 1.04)",
    "cybersecurity_incident": "a material cybersecurity incident (item 1.05)",
    "acquisition_disposition": "completion of an acquisition or disposition of assets (item 2.01; legacy item 2)",
    "earnings_release": "results of operations and financial condition (item 2.02; legacy item 12)",
    "debt_obligation": "creation of a direct financial obligation (item 2.03)",
    "debt_acceleration": "triggering events that accelerate a financial obligation (item 2.04)",
    "exit_costs": "costs associated with exit or disposal activities (item 2.05)",
    "impairment": "material impairments (item 2.06)",
    "delisting": "notice of delisting or failure to satisfy a listing rule; transfer of listing (item 3.01)",
    "equity_financing": "unregistered sales of equity securities (item 3.02)",
    "security_holder_rights_change": "material modification to rights of security holders (item 3.03)",
    "auditor_change": "changes in the registrant's certifying accountant (item 4.01; legacy item 4)",
    "non_reliance": "non-reliance on previously issued financial statements (item 4.02)",
    "change_in_control": "changes in control of the registrant (item 5.01; legacy item 1)",
    "officer_director_change": "departure or appointment of directors or officers (item 5.02; legacy item 6)",
    "charter_bylaws_fiscal_year_change": "amendments to the articles or bylaws; change in fiscal year "
    "(item 5.03; legacy item 8)",
    "benefit_plan_trading_suspension": "temporary suspension of trading under employee benefit plans "
    "(item 5.04; legacy item 11)",
    "code_of_ethics_change": "amendments to or waiver of the code of ethics (item 5.05; legacy item 10)",
    "shell_status_change": "change in shell company status (item 5.06)",
    "shareholder_vote": "submission of matters to a vote of security holders (item 5.07)",
    "director_nominations": "shareholder director nominations (item 5.08)",
    "abs_report": "an asset-backed securities report (items 6.01-6.06, 6.10)",
    "reg_fd_disclosure": "Regulation FD disclosure (item 7.01; legacy item 9)",
    "other_event": "other events (item 8.01; legacy item 5) that no cue assigns to a more specific type",
    "legal_settlement": "a settlement of litigation, read from the text of a catch-all item (filed under 8.01)",
    "dividend": "a dividend declared, read from the text of a catch-all item (filed under 8.01 or 7.01)",
}
_document(EventType, "What an event is: the modern item it is filed under today, whatever its era.",
          EVENT_TYPE_MEANINGS)


# --- anomaly codes ----------------------------------------------------------------------------


class AnomalyCode(StrEnum):
    # the container: header and documents
    HEADER_UNCLOSED = "header_unclosed"
    HEADER_ITEM_UNKNOWN = "header_item_unknown"
    HEADER_BAD_DATE = "header_bad_date"
    HEADER_BAD_NUMBER = "header_bad_number"
    NO_DOCUMENTS = "no_documents"
    DOCUMENT_BAD_SEQUENCE = "document_bad_sequence"
    DOCUMENT_UNCLOSED = "document_unclosed"
    TEXT_UNCLOSED = "text_unclosed"
    DOCUMENT_COUNT_MISMATCH = "document_count_mismatch"
    DOCUMENT_TOO_LARGE = "document_too_large"
    PRIMARY_NOT_TEXT = "primary_not_text"
    # the documents
    HTML_TOO_DEEP = "html_too_deep"
    IXBRL_FACTS_TOO_DEEP = "ixbrl_facts_too_deep"
    IXBRL_FACTS_TRUNCATED = "ixbrl_facts_truncated"
    IXBRL_TRANSFORM_FAILED = "ixbrl_transform_failed"
    IXBRL_HIDDEN_VALUE_NOT_SHOWN = "ixbrl_hidden_value_not_shown"
    IXBRL_TEXT_MISMATCH = "ixbrl_text_mismatch"
    IXBRL_DATE_MISMATCH = "ixbrl_date_mismatch"
    # the body against the header
    ITEMS_MISMATCH = "items_mismatch"
    ITEM_SCHEME_UNEXPECTED = "item_scheme_unexpected"
    DATE_OF_REPORT_MISMATCH = "date_of_report_mismatch"
    NAME_MISMATCH = "name_mismatch"
    IRS_EMPLOYER_ID_MISMATCH = "irs_employer_id_mismatch"
    STATE_OF_INCORPORATION_MISMATCH = "state_of_incorporation_mismatch"
    COMMISSION_FILE_NUMBER_MISMATCH = "commission_file_number_mismatch"
    # the body
    SIGNATURE_BEFORE_REPORT = "signature_before_report"
    EXHIBIT_NOT_ATTACHED = "exhibit_not_attached"
    EXHIBIT_NOT_LISTED = "exhibit_not_listed"
    MALFORMED_NUMBER = "malformed_number"
    IMPOSSIBLE_DATE = "impossible_date"
    FACTS_TRUNCATED = "facts_truncated"
    EVENTS_TRUNCATED = "events_truncated"
    HEADINGS_TRUNCATED = "headings_truncated"
    EXHIBITS_NOT_READ = "exhibits_not_read"
    ANOMALIES_TRUNCATED = "anomalies_truncated"
    EXTRACT_ERROR = "extract_error"


ANOMALY_CODE_MEANINGS: dict[str, str] = {
    "header_unclosed": "the SEC header has no closing tag",
    "header_item_unknown": "a header ITEM INFORMATION line matches no known item",
    "header_bad_date": "a header date is not a valid date",
    "header_bad_number": "the header's PUBLIC DOCUMENT COUNT is not a number",
    "no_documents": "the submission holds no <DOCUMENT>",
    "document_bad_sequence": "a document's <SEQUENCE> is not a sequence number (its position is used)",
    "document_unclosed": "a <DOCUMENT> has no </DOCUMENT>",
    "text_unclosed": "a document has <TEXT> but no </TEXT>",
    "document_count_mismatch": "the header's PUBLIC DOCUMENT COUNT differs from the documents present",
    "document_too_large": "a document is too large to read as prose; it is listed but not parsed",
    "primary_not_text": "the primary document is not text (PDF, binary...): there is nothing to read",
    "html_too_deep": "the HTML nests deeper than eightk reads; the tags below that depth are left out",
    "ixbrl_facts_too_deep": "inline XBRL facts nest deeper in other facts than eightk reads; those are not read",
    "ixbrl_facts_truncated": "more inline XBRL facts than eightk keeps; the rest are dropped",
    "headings_truncated": "more item headings than eightk reads (1000); the rest are the last item's text",
    "events_truncated": "more items than eightk builds events for (100); `text` is the number of items",
    "exhibits_not_read": "more EX-99 exhibits than eightk reads for facts (100); `text` is how many were skipped",
    "anomalies_truncated": "more anomalies of one code than eightk keeps (100); `text` is that code",
    "ixbrl_transform_failed": "an inline XBRL value cannot be read with its declared format",
    "ixbrl_hidden_value_not_shown": "a hidden tagged cover value is not in the visible text",
    "ixbrl_text_mismatch": "a tagged cover value differs from what the visible text says",
    "ixbrl_date_mismatch": "the tagged date of report differs from the one read from the header (the tagged one is kept)",
    "items_mismatch": "the items the body reports differ from the items the header lists",
    "item_scheme_unexpected": "an item is numbered in the scheme of the other era",
    "date_of_report_mismatch": "the body's date of report differs from the header's period",
    "name_mismatch": "the cover's registrant name differs from the header's company name",
    "irs_employer_id_mismatch": "the cover's IRS employer id differs from the header's IRS number",
    "state_of_incorporation_mismatch": "the cover's state of incorporation differs from the header's",
    "commission_file_number_mismatch": "the cover's commission file number differs from the header's file number",
    "signature_before_report": "a signature is dated before the date of report",
    "exhibit_not_attached": "an exhibit is listed but no document of that exhibit number is attached",
    "exhibit_not_listed": "a document is attached as an exhibit but not listed among the exhibits",
    "malformed_number": "a number is printed malformed ('1,00,000'); its fact has no value",
    "impossible_date": "a printed date cannot exist ('February 30'); its fact has no value",
    "facts_truncated": "a document has more facts than eightk keeps; the rest are dropped",
    "extract_error": "fact extraction failed on a document (a bug in eightk; the rest of the filing is kept)",
}
_document(AnomalyCode, "What is wrong in the source (reported, never silently repaired).", ANOMALY_CODE_MEANINGS)


# --- attributes -------------------------------------------------------------------------------

#: Numbers as the extractors read them: an integer when the text prints one, else a float.
Number = int | float


class Attributes(BaseModel):
    """The attributes of a fact or an event. A key is present only when it has a value.

    Each model is built when it first validates (``defer_build``): a filing validates the
    attributes of a few event types, and building all of them cost a cold start 8 ms."""

    model_config = ConfigDict(extra="forbid", defer_build=True)


# facts


class NoAttributes(Attributes):
    """Attributes of a date or percent fact: none."""


class PeriodAttributes(Attributes):
    """Attributes of a period fact."""

    end: dt.date | None = Field(default=None, description="the ISO date the period ends (the fact's value)")
    lengths: list[str] | None = Field(
        default=None, description="the lengths the phrase names: 'quarter', '3 months', '13 weeks', 'year', 'period'")


class MoneyAttributes(Attributes):
    """Attributes of a money fact."""

    table: bool | None = Field(default=None, description="true for an amount read from a table cell")
    malformed: bool | None = Field(default=None, description="true when the printed number is malformed")


class SharesAttributes(Attributes):
    """Attributes of a shares fact."""

    class_: str | None = Field(default=None, alias="class", description="the class of shares ('common stock')")
    malformed: bool | None = Field(default=None, description="true when the printed number is malformed")


class PartyAttributes(Attributes):
    """Attributes of a party fact."""

    type: Literal["organization", "court", "person"] | None = Field(default=None, description="what the party is")
    role: str | None = Field(default=None, description="a person's title as printed ('Chief Executive Officer')")
    role_span: list[int] | None = Field(
        default=None, description="[start, end) of the role in the fact's document text")
    signatory: bool | None = Field(default=None, description="true for a person who signs the filing")


class SecurityAttributes(Attributes):
    """Attributes of a security fact."""

    class_: str | None = Field(default=None, alias="class", description="the class of security as printed")
    par_value: Number | None = Field(default=None, description="the par value per share (null when printed 'no par')")
    rate_percent: Number | None = Field(default=None, description="a note's interest rate, in percent")
    due: int | None = Field(default=None, description="the year a note is due")
    exercise_price: Number | None = Field(default=None, description="a warrant's exercise price")
    currency: str | None = Field(default=None, description="the currency of the exercise price")
    term_years: int | None = Field(default=None, description="a warrant's term in years")


FACT_ATTRIBUTES: dict[FactKind, type[Attributes]] = {
    FactKind.DATE: NoAttributes,
    FactKind.PERIOD: PeriodAttributes,
    FactKind.MONEY: MoneyAttributes,
    FactKind.SHARES: SharesAttributes,
    FactKind.PERCENT: NoAttributes,
    FactKind.PARTY: PartyAttributes,
    FactKind.SECURITY: SecurityAttributes,
}


# events


class EventAttributes(Attributes):
    """The attributes every event may carry."""

    item_source: Literal["body", "scan", "header"] | None = Field(
        default=None, description="where the item was found: 'body' (the grammar), 'scan' (a fallback heading scan) "
        "or 'header' (only the header lists it)")
    inferred_from: str | None = Field(
        default=None, description="the catch-all item (legacy 5 or 9, modern 8.01) the type was read from, "
        "when its text's cues decided the type")


class EarningsReleaseAttributes(EventAttributes):
    """Attributes of an earnings_release event."""

    period_end: dt.date | None = Field(default=None, description="the ISO date the reported period ends")
    period: str | None = Field(default=None, description="the period phrase as printed")
    period_lengths: list[str] | None = Field(default=None, description="the lengths the period phrase names")
    figures_period: str | None = Field(
        default=None, description="the heading of the figures' column as printed ('Three Months Ended December 31, "
        "2023'): the figures are those of the table's first figure columns (usually the quarter, where the period "
        "phrase may name the year)")
    revenue: Number | None = Field(
        default=None, description="total revenue (or net sales) of the period, from the press release's income "
        "statement table (the first table of the EX-99 exhibit with net income and diluted per-share rows), "
        "in units of ``currency`` (the table's scale applied)")
    revenue_prior: Number | None = Field(
        default=None, description="revenue of the comparable prior period (the table's other figure column)")
    net_income: Number | None = Field(
        default=None, description="net income of the period (attributable to the company when the table says so; "
        "a loss is negative), in units of ``currency``")
    net_income_prior: Number | None = Field(default=None, description="net income of the comparable prior period")
    diluted_eps: Number | None = Field(
        default=None, description="diluted earnings (a loss negative) per share of the period, as printed")
    diluted_eps_prior: Number | None = Field(
        default=None, description="diluted earnings per share of the comparable prior period")
    currency: str | None = Field(default=None, description="the currency of the figures (ISO code)")
    scale: int | None = Field(
        default=None, description="the scale the table prints its figures in (1000 for 'in thousands', "
        "1000000 for 'in millions'), already applied to revenue and net income (not to per-share figures); "
        "null when the table prints none (figures in units)")


class Warrant(Attributes):
    """A warrant issued with an equity financing."""

    exercise_price: Number | None = Field(default=None, description="the exercise price per share")
    currency: str | None = Field(default=None, description="the currency of the exercise price")
    term_years: int | None = Field(default=None, description="the term in years")


class EquityFinancingAttributes(EventAttributes):
    """Attributes of an equity_financing event."""

    shares: Number | None = Field(default=None, description="the number of shares or units issued")
    security: str | None = Field(default=None, description="the class of the shares issued")
    price_per_share: Number | None = Field(default=None, description="the price per share")
    currency: str | None = Field(default=None, description="the currency of the price")
    gross_proceeds: Number | None = Field(default=None, description="shares times price per share")
    purchasers: list[str] | None = Field(
        default=None, description="the organisations named in the sentence of the issuance")
    warrants: list[Warrant] | None = Field(default=None, description="warrants issued alongside")
    malformed_counts: list[str] | None = Field(default=None, description="share counts printed malformed, as printed")


class LegalSettlementAttributes(EventAttributes):
    """Attributes of a legal_settlement event."""

    amount: Number | None = Field(default=None, description="the first amount of money in the item")
    currency: str | None = Field(default=None, description="the currency of the amount")
    court: str | None = Field(default=None, description="the court named")
    counterparty: str | None = Field(default=None, description="the first organisation named")
    counterparties: list[str] | None = Field(default=None, description="every organisation named")
    approval_date: dt.date | None = Field(
        default=None, description="the date of the sentence saying the settlement was approved, else the first date")


class AgreementAttributes(EventAttributes):
    """Attributes of a material_agreement_termination event."""

    counterparties: list[str] | None = Field(default=None, description="the organisations named in the item")
    amount: Number | None = Field(default=None, description="the first amount of money in the item (not a rate)")
    currency: str | None = Field(default=None, description="the currency of the amount")


class MaterialAgreementAttributes(EventAttributes):
    """Attributes of a material_agreement event (item 1.01)."""

    agreement_type: str | None = Field(
        default=None, description="the kind of agreement, lower case as printed: 'credit agreement', "
        "'merger agreement', 'employment agreement'")
    counterparties: list[str] | None = Field(default=None, description="the other parties to the agreement")
    date: dt.date | None = Field(default=None, description="the ISO date the agreement was entered into or dated")


class Consideration(Attributes):
    """The price of an acquisition or disposition."""

    amount: Number | None = Field(default=None, description="the amount, in units of the currency")
    currency: str | None = Field(default=None, description="the ISO currency code of the amount")


class AcquisitionDispositionAttributes(EventAttributes):
    """Attributes of an acquisition_disposition event (item 2.01, legacy 2)."""

    counterparty: str | None = Field(default=None, description="the seller, buyer or merger partner named")
    assets: str | None = Field(
        default=None, description="what was acquired or disposed of, a short phrase as printed")
    consideration: Consideration | None = Field(
        default=None, description="the price paid or received (not revenue, not a per-share price)")
    amount: Number | None = Field(default=None, description="the consideration's amount (as in consideration)")
    currency: str | None = Field(default=None, description="the consideration's currency (as in consideration)")


class DebtObligationAttributes(EventAttributes):
    """Attributes of a debt_obligation event (item 2.03)."""

    amount: Number | None = Field(
        default=None, description="the principal amount of the obligation (a facility's commitment, the notes issued)")
    currency: str | None = Field(default=None, description="the ISO currency code of the amount")
    instrument: str | None = Field(
        default=None, description="the kind of obligation, lower case: 'senior notes', 'revolving credit facility', "
        "'term loan'")
    maturity: str | None = Field(
        default=None, description="when it matures: an ISO date, or the year as printed ('2031')")


class OfficerChange(Attributes):
    """One change of an officer_director_change event: one person, one action."""

    person: str = Field(description="the person's name as printed, without honorifics (Mr., Ms., Dr.)")
    action: Literal["appointed", "elected", "departed", "compensation", "other"] = Field(
        description="what happens to the person: appointed (or promoted) to a position, elected (a director), "
        "departed (resigned, retired, terminated, died, not standing for re-election), compensation (a new "
        "compensatory arrangement only), other")
    positions: list[str] | None = Field(
        default=None, description="the titles concerned, as printed ('Chief Financial Officer', 'director')")
    effective_date: dt.date | None = Field(
        default=None, description="the ISO date the action takes effect (a date after 'effective', else the "
        "date of the sentence reporting it)")
    reason: Literal["retirement", "resignation", "termination", "death", "disagreement"] | None = Field(
        default=None, description="why a person departs, when the text says")
    age: int | None = Field(default=None, description="the person's age, when printed")


class OfficerDirectorChangeAttributes(EventAttributes):
    """Attributes of an officer_director_change event."""

    changes: list[OfficerChange] | None = Field(
        default=None, description="one record per person per action, in the order the item names them")


class AuditorChangeAttributes(EventAttributes):
    """Attributes of an auditor_change event (item 4.01, legacy 4)."""

    former_accountant: str | None = Field(
        default=None, description="the accounting firm that leaves (dismissed, resigning or not standing for "
        "reappointment), as printed")
    new_accountant: str | None = Field(default=None, description="the accounting firm engaged, as printed")
    former_action: Literal["dismissed", "resigned", "declined_reappointment"] | None = Field(
        default=None, description="how the former firm left: dismissed by the company, resigned, or declined to "
        "stand for reappointment")
    date: dt.date | None = Field(
        default=None, description="the ISO date of the dismissal or resignation (the date printed in the sentence "
        "that says the former firm left)")
    disagreements: bool | None = Field(
        default=None, description="whether the filing reports disagreements with the former firm (false when it "
        "says there were none)")
    adverse_opinion: bool | None = Field(
        default=None, description="whether the former firm's reports held an adverse, qualified or disclaimed "
        "opinion (a going-concern paragraph alone is not one)")
    audit_committee_approved: bool | None = Field(
        default=None, description="whether the filing says the audit committee approved or recommended the change")
    letter_exhibit: str | None = Field(
        default=None, description="the exhibit number of the former firm's letter to the SEC ('16.1')")


class NonRelianceAttributes(EventAttributes):
    """Attributes of a non_reliance event (item 4.02)."""

    periods: list[str] | None = Field(
        default=None, description="the periods whose statements should no longer be relied upon, one per period "
        "('quarter ended March 31, 2023', 'fiscal year 2022')")
    identified_by: Literal["company", "auditor", "sec"] | None = Field(
        default=None, description="who found the error: the company's board or officers (4.02(a)), the "
        "independent accountant's notice (4.02(b)), or the SEC staff (a comment letter)")
    restatement: bool | None = Field(
        default=None, description="whether the company says it will restate (or amend its reports to correct) "
        "the statements")
    line_items: list[str] | None = Field(
        default=None, description="the financial statement captions the error affects, as printed "
        "('revenue', 'warrant liabilities')")


class VoteProposal(Attributes):
    """One matter voted on at a meeting (one per director nominee)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    description: str | None = Field(
        default=None, description="what was voted on as printed: the nominee's name (without honorifics) for a "
        "director election, else the proposal's label ('Ratification of the appointment of ...')")
    for_: int | None = Field(default=None, alias="for", description="votes for (null for a frequency proposal)")
    against: int | None = Field(
        default=None, description="votes against, or withheld from a nominee (null for a frequency proposal)")
    abstain: int | None = Field(default=None, description="abstentions")
    broker_non_votes: int | None = Field(default=None, description="broker non-votes")
    one_year: int | None = Field(
        default=None, description="a say-on-pay frequency proposal: votes for holding the vote every year")
    two_years: int | None = Field(
        default=None, description="a say-on-pay frequency proposal: votes for every two years")
    three_years: int | None = Field(
        default=None, description="a say-on-pay frequency proposal: votes for every three years")
    result: Literal["approved", "not_approved", "elected"] | None = Field(
        default=None, description="the outcome the filing states (a result cell, or 'were elected', 'was "
        "approved', 'failed' around the votes); null when it does not say")


class ShareholderVoteAttributes(EventAttributes):
    """Attributes of a shareholder_vote event (item 5.07)."""

    meeting_date: dt.date | None = Field(default=None, description="the ISO date of the meeting")
    proposals: list[VoteProposal] | None = Field(
        default=None, description="each matter voted on, in the order printed, with its vote counts")


class DividendAttributes(EventAttributes):
    """Attributes of a dividend event (a dividend declared; filed under 8.01 or 7.01, legacy 5).
    When an item declares several dividends (common and preferred), the first is read."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    amount_per_share: Number | None = Field(default=None, description="the amount per share, in ``currency``")
    currency: str | None = Field(default=None, description="the currency of the amount (ISO code, e.g. 'USD')")
    class_: str | None = Field(
        default=None, alias="class", description="the class of shares as printed ('common stock', "
        "'7% Cumulative Redeemable Preferred Stock, Series B')")
    declared: dt.date | None = Field(
        default=None, description="the ISO date the dividend was declared: the date of the declaring sentence or "
        "'declared on <date>'; null when the item gives none")
    record_date: dt.date | None = Field(default=None, description="the ISO date of the holders of record")
    payable_date: dt.date | None = Field(default=None, description="the ISO date the dividend is payable")


class BankruptcyAttributes(EventAttributes):
    """Attributes of a bankruptcy event (item 1.03, legacy 3)."""

    court: str | None = Field(default=None, description="the court the case is in, as printed")
    chapter: Literal["7", "9", "11", "12", "13", "15"] | None = Field(
        default=None, description="the chapter of the Bankruptcy Code the case is under (null for a receivership "
        "or another proceeding)")


class DelistingAttributes(EventAttributes):
    """Attributes of a delisting event (item 3.01)."""

    exchange: str | None = Field(default=None, description="the exchange, as printed ('Nasdaq Stock Market', 'NYSE')")
    rule: str | None = Field(
        default=None, description="the listing rule or standard cited, as printed ('Nasdaq Listing Rule "
        "5550(a)(2)', 'Section 802.01C')")


class CybersecurityIncidentAttributes(EventAttributes):
    """Attributes of a cybersecurity_incident event (item 1.05)."""

    discovered_date: dt.date | None = Field(
        default=None, description="the ISO date the company says it detected or became aware of the incident")
    nature: str | None = Field(
        default=None, description="what the incident was, a short phrase as printed ('ransomware attack', "
        "'unauthorized access')")
    material_impact: bool | None = Field(
        default=None, description="whether the company says the incident has had, or is reasonably likely to "
        "have, a material impact (null when it says it has not yet determined that)")
    law_enforcement_notified: bool | None = Field(
        default=None, description="true when the company says it notified or is working with law enforcement")


EVENT_ATTRIBUTES: dict[EventType, type[Attributes]] = {t: EventAttributes for t in EventType}
EVENT_ATTRIBUTES.update({
    EventType.EARNINGS_RELEASE: EarningsReleaseAttributes,
    EventType.EQUITY_FINANCING: EquityFinancingAttributes,
    EventType.LEGAL_SETTLEMENT: LegalSettlementAttributes,
    EventType.MATERIAL_AGREEMENT: MaterialAgreementAttributes,
    EventType.MATERIAL_AGREEMENT_TERMINATION: AgreementAttributes,
    EventType.ACQUISITION_DISPOSITION: AcquisitionDispositionAttributes,
    EventType.DEBT_OBLIGATION: DebtObligationAttributes,
    EventType.OFFICER_DIRECTOR_CHANGE: OfficerDirectorChangeAttributes,
    EventType.AUDITOR_CHANGE: AuditorChangeAttributes,
    EventType.BANKRUPTCY: BankruptcyAttributes,
    EventType.SHAREHOLDER_VOTE: ShareholderVoteAttributes,
    EventType.DIVIDEND: DividendAttributes,
    EventType.NON_RELIANCE: NonRelianceAttributes,
    EventType.DELISTING: DelistingAttributes,
    EventType.CYBERSECURITY_INCIDENT: CybersecurityIncidentAttributes,
})

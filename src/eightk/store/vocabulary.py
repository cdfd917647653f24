"""What ``--event`` and ``--fact`` take: the event types and fact kinds eightk extracts, each
with a line of explanation, and the attributes of each event type (``eightk events``).

A test keeps this list equal to what :mod:`eightk.extract.events` produces.
"""

from __future__ import annotations

from difflib import get_close_matches

from eightk.store.errors import StoreError

#: Attributes every event may carry.
COMMON_ATTRIBUTES: dict[str, str] = {
    "item_source": "where the item came from: 'body' (parsed) or 'header' (listed in the EDGAR header only)",
    "inferred_from": "the legacy or catch-all item (5, 9, 8.01) whose text the type was read from",
}

#: Event type -> (explanation, {attribute: explanation}).
EVENT_TYPES: dict[str, tuple[str, dict[str, str]]] = {
    "material_agreement": ("entry into a material definitive agreement (item 1.01)", {
        "agreement_type": "the kind of agreement ('credit agreement', 'merger agreement')",
        "counterparties": "the other parties to it", "date": "the date it was entered into or is dated"}),
    "material_agreement_termination": ("termination of a material definitive agreement (item 1.02)", {
        "counterparties": "the other parties named", "amount": "the amount involved", "currency": "its currency"}),
    "bankruptcy": ("bankruptcy or receivership (item 1.03, legacy 3)", {
        "court": "the court the case is in", "chapter": "the Bankruptcy Code chapter: 7, 11, 15... (none for a "
        "receivership)"}),
    "mine_safety": ("mine safety violations or orders (item 1.04)", {}),
    "cybersecurity_incident": ("a material cybersecurity incident (item 1.05)", {
        "discovered_date": "when the company detected it", "nature": "what it was ('ransomware attack')",
        "material_impact": "whether the company says it is material (none when not yet determined)",
        "law_enforcement_notified": "true when law enforcement was notified"}),
    "acquisition_disposition": ("completion of an acquisition or disposition of assets (item 2.01, legacy 2)", {
        "counterparty": "the seller, buyer or merger partner", "assets": "what was acquired or sold, as printed",
        "consideration": "the price (amount, currency)", "amount": "the price's amount", "currency": "its currency"}),
    "earnings_release": ("results of operations and financial condition (item 2.02, legacy 12)", {
        "period_end": "the last day of the period reported", "period": "the period as printed",
        "period_lengths": "quarter, year, ...",
        "figures_period": "the heading of the figures' column ('Three Months Ended December 31, 2023')",
        "revenue": "total revenue of the period, from the press release's income statement (in units of currency)",
        "revenue_prior": "revenue of the comparable prior period",
        "net_income": "net income of the period (a loss negative), in units of currency",
        "net_income_prior": "net income of the comparable prior period",
        "diluted_eps": "diluted earnings per share of the period", "diluted_eps_prior": "of the prior period",
        "currency": "the currency of the figures", "scale": "the table's printed scale (already applied)"}),
    "debt_obligation": ("a direct financial obligation: a loan, notes, a credit facility (item 2.03)", {
        "amount": "the principal", "currency": "its currency",
        "instrument": "senior notes, revolving credit facility, term loan...", "maturity": "when it matures"}),
    "debt_acceleration": ("an event that accelerates or increases a financial obligation (item 2.04)", {}),
    "exit_costs": ("costs of exit or disposal activities (item 2.05)", {}),
    "impairment": ("a material impairment (item 2.06)", {}),
    "delisting": ("delisting or failure to meet a listing rule (item 3.01)", {
        "exchange": "the exchange ('Nasdaq Stock Market', 'NYSE')",
        "rule": "the listing rule cited ('Nasdaq Listing Rule 5550(a)(2)')"}),
    "equity_financing": ("unregistered sales of equity securities: a private placement (item 3.02)", {
        "shares": "the number of shares or units sold", "security": "their class",
        "price_per_share": "the price of one", "currency": "its currency",
        "gross_proceeds": "shares x price (the event's amount)", "purchasers": "the buyers named",
        "warrants": "warrants issued with them (exercise price, term)",
        "malformed_counts": "share counts printed in a form that could not be read"}),
    "security_holder_rights_change": ("a material modification of security holders' rights (item 3.03)", {}),
    "auditor_change": ("a change of the certifying accountant (item 4.01, legacy 4)", {
        "former_accountant": "the firm that leaves", "new_accountant": "the firm engaged",
        "former_action": "dismissed, resigned or declined_reappointment", "date": "when the former firm left",
        "disagreements": "whether disagreements with the former firm are reported",
        "adverse_opinion": "whether its reports held an adverse, qualified or disclaimed opinion",
        "audit_committee_approved": "whether the audit committee approved the change",
        "letter_exhibit": "the exhibit number of the former firm's letter ('16.1')"}),
    "non_reliance": ("non-reliance on previously issued financial statements (item 4.02)", {
        "periods": "the periods no longer to be relied upon, as printed",
        "identified_by": "company, auditor (the accountant's notice) or sec (a comment letter)",
        "restatement": "whether the statements will be restated", "line_items": "the captions affected"}),
    "change_in_control": ("a change in control of the registrant (item 5.01, legacy 1)", {}),
    "officer_director_change": ("departure or appointment of directors or officers (item 5.02, legacy 6)", {
        "changes": "one per person per action: person (name as printed, no honorific), action (appointed, "
                   "elected, departed, compensation, other), positions (titles as printed), effective_date (when "
                   "the action takes effect), reason (retirement, resignation, termination, death, disagreement), "
                   "age"}),
    "charter_bylaws_fiscal_year_change": ("amendment of the charter or bylaws, or a change of fiscal year "
                                          "(item 5.03, legacy 8)", {}),
    "benefit_plan_trading_suspension": ("a temporary suspension of trading under benefit plans (item 5.04, "
                                        "legacy 11)", {}),
    "code_of_ethics_change": ("an amendment or waiver of the code of ethics (item 5.05, legacy 10)", {}),
    "shell_status_change": ("a change in shell company status (item 5.06)", {}),
    "shareholder_vote": ("matters submitted to a vote of security holders (item 5.07)", {
        "meeting_date": "the date of the meeting",
        "proposals": "each matter voted on (one per director nominee): description, for, against (or withheld), "
                     "abstain, broker_non_votes, one_year/two_years/three_years (say-on-pay frequency), "
                     "result (approved, not_approved, elected)"}),
    "director_nominations": ("security holder director nominations (item 5.08)", {}),
    "abs_report": ("asset-backed securities information (items 6.01-6.10)", {}),
    "reg_fd_disclosure": ("a Regulation FD disclosure (item 7.01, legacy 9)", {}),
    "other_event": ("other events (item 8.01, legacy 5) that no more specific type fits", {}),
    "legal_settlement": ("settlement of a lawsuit or other legal proceeding (filed under 8.01, legacy 5)", {
        "counterparty": "the first other party named", "counterparties": "every other party named",
        "amount": "the settlement amount", "currency": "its currency", "court": "the court",
        "approval_date": "the date the settlement was approved (else the first date given)"}),
    "dividend": ("a dividend declared (filed under 8.01 or 7.01, legacy 5)", {
        "amount_per_share": "the amount per share", "currency": "its currency",
        "class": "the class of shares ('common stock')", "declared": "the date declared",
        "record_date": "the record date", "payable_date": "the payment date"}),
}

#: Fact kind -> explanation (``--fact``; ``--min``/``--max`` compare the fact's value).
FACT_KINDS: dict[str, str] = {
    "money": "an amount of money ($1,500,000; value in units of the currency, per share when 'per' says so)",
    "shares": "a number of shares or units",
    "percent": "a percentage (value 12.5 for 12.5%)",
    "date": "a date in the text (ISO value)",
    "period": "a reporting period (\"the quarter ended September 30, 2023\"; value: its last day)",
    "party": "a party named: an organization, a person or a court (attribute 'type')",
    "security": "a class of security (common stock, warrants, notes), with its attributes",
}


def check_event_type(value: str) -> str:
    """``value`` stripped, or a StoreError naming the valid event types."""
    return _check(value, EVENT_TYPES, "--event", "event type", "eightk events")


def check_fact_kind(value: str) -> str:
    """``value`` stripped, or a StoreError naming the valid fact kinds."""
    return _check(value, FACT_KINDS, "--fact", "fact kind", "eightk events")


def _check(value: str, valid: dict, option: str, what: str, more: str) -> str:
    v = value.strip()
    if v in valid:
        return v
    near = get_close_matches(v.lower(), list(valid), n=1)
    hint = f" (did you mean {near[0]}?)" if near else ""
    raise StoreError(f"{option}: unknown {what} {value!r}{hint}; one of: {', '.join(sorted(valid))} "
                     f"(`{more}` explains each)")


__all__ = ["COMMON_ATTRIBUTES", "EVENT_TYPES", "FACT_KINDS", "check_event_type", "check_fact_kind"]

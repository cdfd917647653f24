"""Parties, securities, events and anomalies on short synthetic texts (fictional companies)."""

from __future__ import annotations

import datetime as dt

from eightk.containers import read_submission
from eightk.core import new_filing
from eightk.extract import extract_into, extract_text, facts_of_text, scan_items
from eightk.extract.events import Context, ItemRef, classify_text, infer_events
from eightk.extract.parties import find_parties
from eightk.extract.securities import find_securities
from eightk.model import Exhibit, Signature


def _values(hits, kind="party", ptype=None):
    return [h.value for h in hits if h.kind == kind and (ptype is None or h.attributes.get("type") == ptype)]


def test_organisation_lists_give_one_party_each() -> None:
    text = (
        "the Company sold notes to Bramblewood Capital III, L.P., Bramblewood Capital Offshore III, L.P., "
        "The Quillfeather Employee Fund II, L.P., and Ashgrove Partners, L.L.C., pursuant to an agreement."
    )
    assert _values(find_parties(text), ptype="organization") == [
        "Bramblewood Capital III, L.P.",
        "Bramblewood Capital Offshore III, L.P.",
        "The Quillfeather Employee Fund II, L.P.",
        "Ashgrove Partners, L.L.C.",
    ]


def test_organisation_with_commas_in_its_name_and_courts() -> None:
    text = (
        "among the registrant, Pike, Otter, Heron & Crane IV, L.P. and Vellum Paper Company. On May 2, 2011, "
        "the United States District Court for the Southern District of New York approved the settlement "
        "with Tarnwick Holdings, Inc. et al."
    )
    hits = find_parties(text)
    assert _values(hits, ptype="organization") == [
        "Pike, Otter, Heron & Crane IV, L.P.",
        "Vellum Paper Company",
        "Tarnwick Holdings, Inc.",
    ]
    assert _values(hits, ptype="court") == ["United States District Court for the Southern District of New York"]


def test_no_organisation_from_defined_terms() -> None:
    assert _values(find_parties("the Company and the Trust agreed that the Corporation will pay."), ptype="organization") == []


def test_people_with_roles() -> None:
    text = (
        "On March 3, 2021, Marguerite L. Okonkwo, the Company's Chief Financial Officer, resigned. "
        "The Board appointed Desmond Achterberg as Executive Vice President and Chief Financial Officer."
    )
    people = [h for h in find_parties(text) if h.attributes.get("type") == "person"]
    assert [(p.value, p.attributes["role"]) for p in people] == [
        ("Marguerite L. Okonkwo", "Chief Financial Officer"),
        ("Desmond Achterberg", "Executive Vice President and Chief Financial Officer"),
    ]


def test_signature_block_person_and_wrapped_title() -> None:
    text = (
        "Date: May 3, 2004            By:  /s/ Rosalind T. Vargo\n"
        "                                  ------------------------\n"
        "                                  Name:  Rosalind T. Vargo\n"
        "                                  Title: Senior Vice President and Chief\n"
        "                                         Accounting Officer\n"
    )
    (p,) = [h for h in find_parties(text) if h.attributes.get("type") == "person"]
    assert p.value == "Rosalind T. Vargo"
    assert p.attributes["role"] == "Senior Vice President and Chief Accounting Officer"


def test_securities_terms() -> None:
    text = (
        "issued 5,000 shares of its Series B Convertible Preferred Stock, par value $.001 per share, and "
        "three-year warrants to purchase 250,000 shares of common stock at an exercise price of $1.40 per share. "
        "It also sold 6.5% Senior Notes due 2031."
    )
    sec = {h.value: h.attributes for h in find_securities(text)}
    assert sec["Series B Convertible Preferred Stock"]["par_value"] == 0.001
    warrant = next(a for a in sec.values() if a["class"] == "warrants")
    assert warrant["exercise_price"] == 1.4 and warrant["term_years"] == 3
    assert sec["6.5% Senior Notes due 2031"]["rate_percent"] == 6.5
    assert sec["6.5% Senior Notes due 2031"]["due"] == 2031


def test_spans_point_at_the_text() -> None:
    text = "On July 1, 2015 Larchmont Mills, Inc. paid $2.5 million, or 12% of 40,000 shares of Class A Common Stock."
    facts = facts_of_text(text, document=1)
    kinds = {f.kind for f in facts}
    assert {"date", "party", "money", "percent", "shares"} <= kinds
    for f in facts:
        assert text[f.span.start : f.span.end] == f.text
        assert f.document == 1
    shares = next(f for f in facts if f.kind == "shares")
    assert shares.value == 40000 and shares.attributes["class"] == "Class A Common Stock"


def test_table_negatives_only_in_tables() -> None:
    text = "Results (in thousands)\n<TABLE>\nNet loss    $ (1,234)   (567)\n</TABLE>\nSee note (3) and (2,500) units."
    tables = [(text.index("<TABLE>"), text.index("</TABLE>") + 8)]
    money = [h for h in extract_text(text, tables=tables) if h.kind == "money"]
    assert sorted(h.value for h in money) == [-1234, -567]


def test_classify_legacy_texts() -> None:
    assert classify_text("The registrant announced its financial results for the quarter ended March 31, 2003.")[0] == (
        "earnings_release"
    )
    assert classify_text("The company completed a private placement of 1,000,000 shares under Regulation D.")[0] == (
        "equity_financing"
    )
    assert classify_text("The parties entered into a settlement agreement, approved by the court.")[0] == "legal_settlement"
    assert classify_text("Mr. Pell resigned as a director of the Company effective today.")[0] == "officer_director_change"
    assert classify_text("The registrant moved its offices to a new building.")[1] < 2


def test_events_modern_item_decides_and_legacy_infers() -> None:
    modern = infer_events([ItemRef("2.02", "Item 2.02 text", 0, 14, 1)], [], Context())
    assert [(e.type, e.item, e.equivalent_item) for e in modern] == [("earnings_release", "2.02", "12")]
    text = "Item 5. Other Events. On May 1, 2001 the registrant sold 2,000 shares of Series C Preferred Stock in a private placement."
    legacy = infer_events([ItemRef("5", text, 0, len(text), 1)], facts_of_text(text, document=1), Context(legacy=True))
    (ev,) = legacy
    assert ev.type == "equity_financing" and ev.item == "5" and ev.equivalent_item == "3.02"
    assert ev.attributes["shares"] == 2000
    assert ev.attributes["security"] == "Series C Preferred Stock"
    assert ev.evidence and ev.evidence[0].start == 0
    # a legacy "other events" item with no cue stays other_event, filed under 8.01 today
    (plain,) = infer_events([ItemRef("5", "Item 5. The office moved.", 0, 25, 1)], [], Context(legacy=True))
    assert (plain.type, plain.equivalent_item) == ("other_event", "8.01")
    # exhibits items report no event of their own
    assert infer_events([ItemRef("9.01", "", 0, 0, 1), ItemRef("7", "", 0, 0, 1)], [], Context()) == []


def test_officer_change_attributes() -> None:
    text = (
        "Item 5.02 Departure of Directors. On June 2, 2022, Orrin Blackwood, the Company's President, "
        "notified the Board that he will retire."
    )
    (ev,) = infer_events([ItemRef("5.02", text, 0, len(text), 1)], facts_of_text(text, document=1), Context())
    assert ev.type == "officer_director_change"
    # a notice of a later retirement: the day of the notice is not the day it takes effect
    assert ev.attributes["changes"] == [
        {"person": "Orrin Blackwood", "action": "departed", "positions": ["President"], "reason": "retirement"}]
    assert text[ev.attribute_spans["changes.0.person"].start : ev.attribute_spans["changes.0.person"].end] == "Orrin Blackwood"


def test_scan_items_fallback() -> None:
    text = "COVER\nITEM 5.  OTHER EVENTS\nsomething happened\nITEM 7.  EXHIBITS\n99.1 release\n  SIGNATURES\nx"
    items = scan_items(text, 1)
    assert [(i.code, text[i.start : i.end].split("\n")[0]) for i in items] == [
        ("5", "ITEM 5.  OTHER EVENTS"),
        ("7", "ITEM 7.  EXHIBITS"),
    ]
    assert "SIGNATURES" not in items[-1].text


SUBMISSION = """<SEC-DOCUMENT>0000999999-21-000001.txt : 20210305
<SEC-HEADER>0000999999-21-000001.hdr.sgml : 20210305
ACCESSION NUMBER:\t\t0000999999-21-000001
CONFORMED SUBMISSION TYPE:\t8-K
PUBLIC DOCUMENT COUNT:\t\t3
CONFORMED PERIOD OF REPORT:\t20210303
ITEM INFORMATION:\t\tResults of Operations and Financial Condition
FILED AS OF DATE:\t\t20210305
</SEC-HEADER>
<DOCUMENT>
<TYPE>8-K
<SEQUENCE>1
<FILENAME>f8k.txt
<TEXT>
FORM 8-K

Item 2.02  Results of Operations and Financial Condition

On March 3, 2021, Quenby Instruments, Inc. reported results for the fourth quarter and fiscal year
ended December 31, 2020. The release is Exhibit 99.1.

Item 9.01  Financial Statements and Exhibits

99.1 Press release dated March 3, 2021.
99.2 Investor presentation.

SIGNATURES
Date: March 1, 2021        By: /s/ Hollis P. Wren
</TEXT>
</DOCUMENT>
<DOCUMENT>
<TYPE>EX-99.1
<SEQUENCE>2
<FILENAME>ex991.txt
<TEXT>
Quenby Instruments, Inc. reports revenue of $41.2 million for the quarter ended December 31, 2020,
up 15% from a year ago, and net income of $3.1 million, or $0.21 per share.
</TEXT>
</DOCUMENT>
<DOCUMENT>
<TYPE>EX-10.1
<SEQUENCE>3
<FILENAME>ex101.txt
<TEXT>
Agreement.
</TEXT>
</DOCUMENT>
</SEC-DOCUMENT>
"""


def _synthetic_filing():
    data = SUBMISSION.encode()
    sub = read_submission(data)
    filing = new_filing(sub, data)
    # what the grammar would give: the exhibit list and the signature (set here so the test
    # does not depend on the grammar)
    filing.exhibits = [Exhibit(number="99.1", document=2), Exhibit(number="99.2")]
    filing.signatures = [Signature(name="Hollis P. Wren", date=dt.date(2021, 3, 1))]
    extract_into(sub, filing)
    return filing


def test_submission_facts_events_anomalies() -> None:
    filing = _synthetic_filing()
    (ev,) = filing.events
    assert (ev.type, ev.item, ev.equivalent_item) == ("earnings_release", "2.02", "12")
    assert ev.attributes["period_end"] == "2020-12-31"
    ex_money = [f for f in filing.facts if f.kind == "money" and f.document == 2]
    assert [f.value for f in ex_money] == [41200000, 3100000, 0.21]
    assert all(f.item is None for f in ex_money)  # exhibits are outside the items
    in_item = [f for f in filing.facts if f.document == 1 and f.kind == "period"]
    assert in_item and in_item[0].item == "2.02"
    codes = {(a.code, a.text) for a in filing.anomalies}
    assert ("exhibit_not_attached", "99.2") in codes
    assert ("exhibit_not_listed", "EX-10.1") in codes
    assert ("signature_before_report", "2021-03-01") in codes
    assert not any(c == "exhibit_not_attached" and t == "99.1" for c, t in codes)


def _one_event(code: str, text: str):
    (ev,) = infer_events([ItemRef(code, text, 0, len(text), 1)], facts_of_text(text, document=1), Context())
    return ev


def test_auditor_change_former_and_new() -> None:
    ev = _one_event(
        "4.01",
        "Item 4.01 Changes in Registrant's Certifying Accountant. On March 2, 2010, the Audit Committee dismissed "
        "Hartwell & Pruitt LLP as the Company's independent registered public accounting firm. The Committee then "
        "engaged Ostrander Kemp LLP as its new independent registered public accounting firm.",
    )
    assert ev.type == "auditor_change"
    assert ev.attributes["former_accountant"] == "Hartwell & Pruitt LLP"
    assert ev.attributes["new_accountant"] == "Ostrander Kemp LLP"


def test_modern_other_events_settlement_is_refined() -> None:
    ev = _one_event(
        "8.01",
        "Item 8.01 Other Events. On April 9, 2019, the Company entered into a settlement agreement with Dunmore "
        "Textiles, Inc. to resolve the lawsuit pending in the Superior Court of California. Under the agreement the "
        "Company will pay $4.2 million. The court approved the settlement on May 20, 2019.",
    )
    assert (ev.type, ev.item, ev.equivalent_item) == ("legal_settlement", "8.01", "5")
    a = ev.attributes
    assert (a["amount"], a["counterparty"], a["court"], a["approval_date"]) == (
        4200000,
        "Dunmore Textiles, Inc.",
        "Superior Court of California",
        "2019-05-20",
    )


def test_modern_other_events_are_not_refined_to_itemised_types() -> None:
    # an 8.01 that mentions results stays other_event: a modern filing would use 2.02 for that
    ev = _one_event("8.01", "Item 8.01. The Company announced its financial results for the quarter on a call.")
    assert ev.type == "other_event"


def test_debt_obligation_instrument_and_amount() -> None:
    ev = _one_event(
        "2.03",
        "Item 2.03. On June 1, 2015, the Company entered into a $250 million revolving credit facility with "
        "Fernhill National Bank, N.A. and Calloway Capital Corp.",
    )
    assert ev.type == "debt_obligation"
    assert ev.attributes["instrument"] == "revolving credit facility"  # issue 14: amount, instrument, maturity
    assert ev.attributes["amount"] == 250000000


def test_registrant_is_not_a_counterparty() -> None:
    text = "Item 1.01. Kestrel Robotics, Inc. entered into a supply agreement with Marlow Foundry Corp."
    (ev,) = infer_events(
        [ItemRef("1.01", text, 0, len(text), 1)],
        facts_of_text(text, document=1),
        Context(registrant_names={"kestrelrobotics"}),
    )
    assert ev.attributes["counterparties"] == ["Marlow Foundry Corp."]


def test_lone_document_anomalies_through_the_pipeline() -> None:
    import eightk

    doc = (
        b"FORM 8-K\n\nDate of Report (Date of earliest event reported): March 3, 2021\n\n"
        b"ITEM 5.  OTHER EVENTS\n\n    On February 30, 2021 the registrant sold 1,000,0 shares of its common stock.\n\n"
        b"                              SIGNATURES\n\nDate: March 4, 2021     By: /s/ Imogen Crale\n"
    )
    filing = eightk.parse(doc)
    codes = {a.code: a for a in filing.anomalies}
    assert codes["impossible_date"].text == "February 30, 2021"
    assert codes["malformed_number"].text.startswith("1,000,0")
    assert "1,000,000" in codes["malformed_number"].message
    # a lone document carries no exhibits: nothing to compare
    assert "exhibit_not_listed" not in codes and "exhibit_not_attached" not in codes


def test_list_with_and_gives_one_party_each() -> None:
    text = "among Alder Mills, Inc., Birch Foods Corp., Cedar Holdings LLC and Dogwood Partners, L.P. dated today"
    assert _values(find_parties(text), ptype="organization") == [
        "Alder Mills, Inc.",
        "Birch Foods Corp.",
        "Cedar Holdings LLC",
        "Dogwood Partners, L.P.",
    ]


def test_people_in_appointment_and_departure_phrasing() -> None:
    text = (
        "Rowena Saltmarsh, 52, has been appointed as the Company's Chief Financial Officer. "
        "On May 1, 2023, Tobias Wenlock resigned as Chief Operating Officer. "
        "Executive Vice President, General Counsel and Secretary"
    )
    people = [(h.value, h.attributes["role"]) for h in find_parties(text) if h.attributes.get("type") == "person"]
    assert people == [("Rowena Saltmarsh", "Chief Financial Officer"), ("Tobias Wenlock", "Chief Operating Officer")]

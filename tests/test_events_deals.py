"""Deal events (issue 14): material agreements (1.01), acquisitions and dispositions (2.01) and
debt obligations (2.03), read from synthetic texts of several layouts and eras; and the hand
labels of the corpus (tests/labels/events.jsonl) read by ``events-eval``."""

from __future__ import annotations

from pathlib import Path

import pytest

import eightk
from eightk.events_eval import read_field_labels
from eightk.events_fields import evaluate_fields
from tests.conftest import unavailable

JSONL = Path(__file__).parent / "labels" / "events.jsonl"
COVER = ("FORM 8-K\n\nDate of Report (Date of earliest event reported): {date}\n\nOsprey Widgets, Inc.\n"
         "(Exact name of registrant as specified in its charter)\n\n")
MODERN = LEGACY = COVER


def _event(text: str, etype: str, date: str = "May 3, 2021"):
    source = MODERN.format(date=date) + text
    filing = eightk.parse(source.encode(), facts=True)
    found = [e for e in filing.events if e.type == etype]
    assert found, [e.type for e in filing.events]
    return found[0], source


def _spanned(event, source: str, key: str) -> str:
    """The text an attribute's span points at (a plain-text filing is its one document)."""
    span = event.attribute_spans[key]
    assert span.document == 1
    return source[span.start : span.end]


def test_credit_agreement_type_lender_and_date():
    ev, filing = _event(
        "Item 1.01 Entry into a Material Definitive Agreement.\n\n"
        "On April 30, 2021, Osprey Widgets, Inc. (the \"Company\") entered into a Credit Agreement (the \"Credit "
        "Agreement\") with Heron Savings Bank, N.A., as administrative agent, and the lenders party thereto. "
        "The Credit Agreement provides for a $250 million revolving credit facility maturing on April 30, 2026.\n\n"
        "Item 9.01 Financial Statements and Exhibits.\n", "material_agreement")
    a = ev.attributes
    assert a["agreement_type"] == "credit agreement"
    assert a["counterparties"] == ["Heron Savings Bank, N.A."]
    assert str(a["date"]) == "2021-04-30"
    assert _spanned(ev, filing, "agreement_type") == "Credit Agreement"
    assert _spanned(ev, filing, "counterparties.0") == "Heron Savings Bank, N.A."


def test_merger_agreement_leaves_out_the_registrants_own_merger_sub():
    ev, _ = _event(
        "Item 1.01 Entry into a Material Definitive Agreement.\n\n"
        "On June 2, 2021, the Company entered into an Agreement and Plan of Merger, dated as of June 1, 2021 (the "
        "\"Merger Agreement\"), with Kestrel Merger Sub, Inc., a Delaware corporation and a wholly owned subsidiary "
        "of the Company, and Tamarack Labs Corp., a Delaware corporation.\n", "material_agreement")
    a = ev.attributes
    assert a["agreement_type"] == "merger agreement"
    assert a["counterparties"] == ["Tamarack Labs Corp."]
    assert str(a["date"]) == "2021-06-01"  # dated as of


def test_acquisition_price_is_not_revenue_nor_a_per_share_price():
    ev, filing = _event(
        "Item 2.01 Completion of Acquisition or Disposition of Assets.\n\n"
        "On May 1, 2021, the Company completed its acquisition of the marine coatings business of Birch Paints "
        "Corp. from Birch Paints Corp. The business had revenues of approximately $40.0 million in 2020. "
        "The purchase price was $12.5 million in cash, subject to adjustment.\n", "acquisition_disposition")
    a = ev.attributes
    assert a["consideration"] == {"amount": 12_500_000, "currency": "USD"}
    assert a["amount"] == 12_500_000
    assert a["assets"] == "the marine coatings business of Birch Paints Corp."
    assert a["counterparty"] == "Birch Paints Corp."
    assert _spanned(ev, filing, "consideration.amount") == "$12.5 million"
    ev, _ = _event(
        "Item 2.01 Completion of Acquisition or Disposition of Assets.\n\n"
        "On May 1, 2021, Alder Sub, Inc. merged with and into Spruce Analytics, Inc. At the effective time, each "
        "outstanding share of Spruce common stock, par value $0.001 per share, was converted into the right to "
        "receive $18.75 in cash.\n", "acquisition_disposition")
    assert "consideration" not in ev.attributes and "amount" not in ev.attributes


def test_legacy_item_2_disposition():
    filing = eightk.parse((LEGACY.format(date="March 3, 1998") +
        "Item 2. Acquisition or Disposition of Assets.\n\n"
        "On February 27, 1998, the Registrant sold all of the outstanding stock of Larch Freight Lines, Inc. to "
        "Cedar Transport Holdings, Inc. for an aggregate price of $7,250,000.\n\n"
        "Item 7. Financial Statements and Exhibits.\n").encode(), facts=True)
    (ev,) = [e for e in filing.events if e.type == "acquisition_disposition"]
    assert ev.item == "2"
    assert ev.attributes["assets"] == "all of the outstanding stock of Larch Freight Lines, Inc."
    assert ev.attributes["consideration"]["amount"] == 7_250_000


def test_notes_offering_amount_instrument_and_maturity_year():
    ev, filing = _event(
        "Item 2.03 Creation of a Direct Financial Obligation.\n\n"
        "On May 3, 2021, the Company issued $600,000,000 aggregate principal amount of its 3.125% Senior Notes "
        "due 2031 (the \"Notes\") under an indenture with Juniper Trust Company, N.A., as trustee.\n",
        "debt_obligation")
    a = ev.attributes
    assert (a["amount"], a["currency"], a["instrument"], a["maturity"]) == (600_000_000, "USD", "senior notes", "2031")
    assert _spanned(ev, filing, "maturity") == "2031"


def test_debt_item_that_incorporates_the_agreement_item():
    ev, filing = _event(
        "Item 1.01 Entry into a Material Definitive Agreement.\n\n"
        "On April 30, 2021, the Company entered into a Term Loan Agreement with Willow Bank, N.A., as lender. "
        "The Term Loan Agreement provides for borrowings in an aggregate principal amount of $75 million. "
        "Borrowings under the Term Loan Agreement will mature on April 30, 2024.\n\n"
        "Item 2.03 Creation of a Direct Financial Obligation.\n\n"
        "The information set forth under Item 1.01 above is incorporated herein by reference.\n",
        "debt_obligation")
    a = ev.attributes
    assert (a["amount"], a["instrument"], a["maturity"]) == (75_000_000, "term loan", "2024-04-30")
    assert _spanned(ev, filing, "amount") == "$75 million"
    assert ev.item == "2.03"


def test_nothing_said_nothing_read():
    ev, _ = _event(
        "Item 2.03 Creation of a Direct Financial Obligation.\n\nSee the press release attached.\n",
        "debt_obligation")
    assert set(ev.attributes) == {"item_source"} and ev.attribute_spans == {}


# --- the corpus labels --------------------------------------------------------------------------

GOALS = {
    ("material_agreement", "agreement_type"): 0.8,
    ("material_agreement", "counterparties"): 0.75,
    ("material_agreement", "date"): 0.9,
    ("acquisition_disposition", "counterparty"): 0.75,
    ("acquisition_disposition", "consideration.amount"): 0.5,
    ("debt_obligation", "amount"): 0.9,
    ("debt_obligation", "instrument"): 0.9,
    ("debt_obligation", "maturity"): 0.75,
}


@pytest.mark.corpus
def test_corpus_labels_reach_the_goals(shared_dir: Path):
    if not JSONL.is_file():
        unavailable(f"{JSONL} is absent")
    corpus = shared_dir / "corpus"
    labs = [lab for lab in read_field_labels(JSONL, corpus) if lab.type in {t for t, _ in GOALS}]
    assert len({lab.path for lab in labs}) >= 15
    tally = evaluate_fields(labs, corpus)
    for (etype, name), goal in GOALS.items():
        f1 = tally.f1(etype, name)
        assert f1 is not None, f"{etype}.{name}: nothing compared"
        assert f1 >= goal, f"{etype}.{name}: F1 {f1:.2f} < {goal}"


def test_a_list_of_underwriters_is_read_name_by_name():
    ev, source = _event(
        "Item 1.01 Entry into a Material Definitive Agreement.\n\n"
        "On May 3, 2021, the Company entered into an underwriting agreement (the \"Underwriting Agreement\") with "
        "Alder Securities, Inc., K.L. Birch Capital LLC, Cedar Markets, LLC and Dunlin, Egret & Co. (together, "
        "the \"Representatives\"), as representatives of the several underwriters, and Fulmar Bank, N.A., as "
        "trustee.\n", "material_agreement")
    assert ev.attributes["agreement_type"] == "underwriting agreement"
    assert ev.attributes["counterparties"] == ["Alder Securities, Inc.", "K.L. Birch Capital LLC", "Cedar Markets, LLC",
                                               "Dunlin, Egret & Co.", "Fulmar Bank, N.A."]
    assert _spanned(ev, source, "counterparties.3") == "Dunlin, Egret & Co."

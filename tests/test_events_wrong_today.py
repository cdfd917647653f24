"""Events that were wrong (issue "Everyday use"): an offer's settlement is no legal settlement,
a fragment of a sentence is no counterparty, an amount of 0 is no amount. Synthetic texts."""

from __future__ import annotations

import eightk
from eightk.extract.events import _fragment, classify_text


def _events(body: str):
    return eightk.parse(("FORM 8-K\n\n" + body).encode(), facts=True).events


def test_the_settlement_of_an_exchange_offer_is_not_a_legal_settlement():
    etype, _, _ = classify_text(
        "On May 4 the Company announced the settlement of the exchange offers for its senior notes; "
        "the settlement date is expected to be May 8.")
    assert etype != "legal_settlement"


def test_a_lawsuit_settled_in_an_exchange_offer_text_is_still_a_legal_settlement():
    etype, _, _ = classify_text(
        "The Company entered into a settlement agreement resolving the class action lawsuit that challenged "
        "the exchange offer; the court approved the settlement.")
    assert etype == "legal_settlement"


def test_fragments_are_not_counterparties():
    for frag in ("Company, Incorporated", "Sub, Inc.", "Delaware General Corporation", "Merger Sub, Inc.", "the Company"):
        assert _fragment(frag), frag
    for name in ("Kestrel Valley Partners, Inc.", "Osprey Capital Management, L.P.", "Brightwater Bank, N.A."):
        assert not _fragment(name), name


def test_a_settlement_amount_of_zero_is_not_its_amount():
    legacy = ("Date of Report (Date of earliest event reported): March 3, 1999\n\n"
              "Item 5. Other Events.\n\nThe Company settled the lawsuit brought by Tamarack Tools, Inc. in the "
              "United States District Court; the Company pays $0 now and $2,500,000 over two years.\n")
    (ev,) = [e for e in _events(legacy) if e.type == "legal_settlement"]
    assert ev.attributes["amount"] == 2_500_000

"""dividend events from synthetic items (fictional companies): the cue rules that make an 8.01,
7.01 or legacy 5 item a dividend, and the reader's amount, class and dates."""

from __future__ import annotations

from eightk.extract import facts_of_text
from eightk.extract.events import Context, ItemRef, infer_events


def _event(code: str, text: str):
    (ev,) = infer_events([ItemRef(code, text, 0, len(text), 1)], facts_of_text(text, document=1), Context())
    return ev


def test_modern_other_event_declaring_a_dividend() -> None:
    text = (
        "Item 8.01 Other Events. On March 3, 2021, the Board of Directors of Ferncliff Mills, Inc. declared a "
        "quarterly cash dividend of $0.27 per share of common stock, payable on April 15, 2021 to "
        "stockholders of record at the close of business on March 31, 2021."
    )
    ev = _event("8.01", text)
    assert (ev.type, ev.attributes["inferred_from"]) == ("dividend", "8.01")
    a = ev.attributes
    assert (a["amount_per_share"], a["currency"], a["class"]) == (0.27, "USD", "common stock")
    assert (a["declared"], a["payable_date"], a["record_date"]) == ("2021-03-03", "2021-04-15", "2021-03-31")
    for k in ("amount_per_share", "class", "declared", "payable_date", "record_date"):
        s = ev.attribute_spans[k]
        assert text[s.start:s.end] in ("$0.27 per share", "common stock", "March 3, 2021", "April 15, 2021", "March 31, 2021")


def test_declared_on_a_later_sentence_and_preferred_class() -> None:
    text = (
        "The Registrant announced that its Board declared a dividend of $0.4375 per share on its "
        "7.00% Series B Cumulative Preferred Stock. The dividend was declared on May 9, 2022 and is payable "
        "June 15, 2022 to holders of record on June 1, 2022."
    )
    a = _event("8.01", text).attributes
    assert a["amount_per_share"] == 0.4375
    assert a["class"] == "7.00% Series B Cumulative Preferred Stock"
    assert (a["declared"], a["payable_date"], a["record_date"]) == ("2022-05-09", "2022-06-15", "2022-06-01")


def test_regulation_fd_item_refines_only_to_dividend() -> None:
    fd = "Item 7.01. On July 7, 2015, Halberd Corp. declared a special cash dividend of $1.00 per share payable August 3, 2015."
    assert _event("7.01", fd).type == "dividend"
    settlement = "Item 7.01. The Company entered into a settlement agreement resolving the lawsuit filed in court."
    assert _event("7.01", settlement).type == "reg_fd_disclosure"


def test_legacy_other_events_dividend() -> None:
    text = (
        "Item 5. Other Events. The Board of Directors of Caskwell Bancorp declared a cash dividend of ten cents "
        "($.10) per share payable on February 1, 1999 to shareholders of record on January 15, 1999."
    )
    ev = _event("5", text)
    assert ev.type == "dividend" and ev.equivalent_item == "8.01"
    assert ev.attributes["payable_date"] == "1999-02-01" and ev.attributes["record_date"] == "1999-01-15"


def test_rights_plan_and_plans_to_increase_are_not_dividends() -> None:
    rights = (
        "On June 2, 2009, the Board declared a dividend of one preferred share purchase right for each "
        "outstanding share of common stock under a rights agreement."
    )
    assert _event("8.01", rights).type == "other_event"
    plan = "The Corporation plans to increase its quarterly common stock dividend from $0.24 per share to $0.26."
    assert _event("8.01", plan).type == "other_event"

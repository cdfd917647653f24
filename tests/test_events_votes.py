"""shareholder_vote attributes on synthetic 5.07 items (fictional companies), in several layouts."""

from __future__ import annotations

import eightk
from eightk.documents.html import html_view
from eightk.documents.text import text_view
from eightk.extract import facts_of_text
from eightk.extract.ev_votes import header_field, read_votes


def date_facts(text: str, document: int) -> list:
    return [f for f in facts_of_text(text, document=document) if f.kind == "date"]


def _html(body: str) -> str:
    return f"<html><body>{body}</body></html>"


def _table(*rows: list[str]) -> str:
    return "<table>" + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows) + "</table>"


def _votes(html: str) -> dict:
    view = html_view(_html(html))
    return read_votes(view, 0, len(view.text), 1, date_facts(view.text, 1))


def _counts(p: dict) -> tuple:
    return tuple(p.get(k) for k in ("for", "against", "abstain", "broker_non_votes"))


def test_header_words() -> None:
    assert header_field("Votes Withheld") == "against"
    assert header_field("Broker Non-Votes") == "broker_non_votes"
    assert header_field("Abstentions") == "abstain"
    assert header_field("Votes Cast For:") == "for"
    assert header_field("% FOR") == "pct"
    assert header_field("3 Years") == "three_years"
    assert header_field("Nominee") is None
    assert header_field("Ratification of the appointment of Dunmore & Pell LLP for fiscal 2024") is None


def test_nominee_rows_with_withheld_and_a_two_line_header() -> None:
    a = _votes(
        "<p>The annual meeting of stockholders of Quillon Corp. was held on May 14, 2019.</p>"
        "<p>1. The following nominees were elected as directors:</p>"
        + _table(["", "Votes", "Votes", "Broker"], ["Nominee", "For", "Withheld", "Non-Votes"],
                 ["Dr. Ada P. Venn", "1,204,331", "22,910", "310,004"], ["Bram Holt, Jr.", "1,198,002", "29,239", "310,004"])
    )
    assert a["meeting_date"] == "2019-05-14"
    p = a["proposals"]
    assert [x["description"] for x in p] == ["Ada P. Venn", "Bram Holt, Jr."]
    assert _counts(p[0]) == (1204331, 22910, None, 310004)
    assert [x["result"] for x in p] == ["elected", "elected"]
    spans = a["_spans"]
    assert {"proposals.0.for", "proposals.1.broker_non_votes", "proposals.0.description", "meeting_date"} <= set(spans)


def test_columns_in_any_order_and_percentage_columns() -> None:
    a = _votes(
        "<p>Proposal 2 - Ratification of Dunmore &amp; Pell LLP</p>"
        + _table(["Against", "% Against", "For", "% For", "Broker Non-Votes", "Abstain"],
                 ["5,000", "0.50", "995,000", "99.50", "—", "1,200"])
        + "<p>The proposal was approved.</p>"
    )
    (p,) = a["proposals"]
    assert _counts(p) == (995000, 5000, 1200, None)
    assert p["description"] == "Ratification of Dunmore & Pell LLP"
    assert p["result"] == "approved"


def test_one_small_table_per_proposal() -> None:
    a = _votes(
        "<p>Item 2. Advisory vote on executive compensation. Votes were as follows:</p>"
        + _table(["Votes For:", "88,100"], ["Votes Against:", "12,400"], ["Abstentions:", "900"], ["Broker Non-Votes:", "4,000"])
        + "<p>Item 3. Shareholder proposal on a lobbying report. Votes were as follows:</p>"
        + _table(["Votes For:", "20,000"], ["Votes Against:", "80,500"], ["Abstentions:", "900"])
        + "<p>The shareholder proposal failed.</p>"
    )
    p = a["proposals"]
    assert [x["description"] for x in p] == ["Advisory vote on executive compensation", "Shareholder proposal on a lobbying report"]
    assert [_counts(x) for x in p] == [(88100, 12400, 900, 4000), (20000, 80500, 900, None)]
    assert [x["result"] for x in p] == [None, "not_approved"]


def test_frequency_proposal_counts_each_frequency() -> None:
    a = _votes(
        "<p>3. Frequency of future advisory votes on executive compensation.</p>"
        + _table(["1 Year", "2 Years", "3 Years", "Abstain", "Broker Non-Votes"],
                 ["900,000", "1,500", "60,000", "2,000", "40,000"])
    )
    (p,) = a["proposals"]
    assert (p["one_year"], p["two_years"], p["three_years"], p["abstain"], p["broker_non_votes"]) == (
        900000, 1500, 60000, 2000, 40000)
    assert "for" not in p and p["result"] is None


def test_counts_in_prose_and_in_bullets() -> None:
    a = _votes(
        "<p>Proposal No. 1: Election of Directors</p>"
        "<p>Jun Arbel received 5,100,200 votes for, 30,000 votes against and 1,200 abstentions.</p>"
        "<p>Proposal 2: The amendment to the 2015 Equity Plan was approved. The tabulation was as follows:</p>"
        "<ul><li>4,000,000 votes for</li><li>1,100,000 votes against</li><li>20,000 abstentions</li>"
        "<li>90,000 broker non-votes</li></ul>"
    )
    p = a["proposals"]
    assert _counts(p[0]) == (5100200, 30000, 1200, None)
    assert p[0]["description"] == "Election of Directors"
    assert _counts(p[1]) == (4000000, 1100000, 20000, 90000)
    assert p[1]["result"] == "approved"


def test_plain_text_table() -> None:
    text = (
        "The annual meeting of shareholders was held on June 3, 2011.\n\n"
        "                      For          Against      Abstain      Broker Non-Votes\n"
        "Carla Mendez          7,001,222    100,200      3,000        500,000\n"
        "Piotr Slovak          7,050,000    51,422       3,000        500,000\n"
    )
    view = text_view(text)
    a = read_votes(view, 0, len(text), 1, date_facts(text, 1))
    assert a["meeting_date"] == "2011-06-03"
    assert [(x["description"], _counts(x)) for x in a["proposals"]] == [
        ("Carla Mendez", (7001222, 100200, 3000, 500000)), ("Piotr Slovak", (7050000, 51422, 3000, 500000))]
    s = a["_spans"]["proposals.1.against"]
    assert text[s.start:s.end] == "51,422"


FILING = """<html><body>
<p>UNITED STATES SECURITIES AND EXCHANGE COMMISSION</p><p>FORM 8-K</p>
<p>CURRENT REPORT</p>
<p>Date of Report (Date of earliest event reported): April 2, 2024</p>
<p>HARROWGATE SYSTEMS, INC.</p>
<p>Item 5.07 Submission of Matters to a Vote of Security Holders.</p>
<p>On April 2, 2024, Harrowgate Systems, Inc. held its annual meeting of stockholders.</p>
<p>Proposal 1 - Election of Directors. Each nominee was elected.</p>
<table><tr><td>Nominee</td><td>For</td><td>Against</td><td>Abstain</td><td>Broker Non-Votes</td></tr>
<tr><td>Lena Fairweather</td><td>$COUNT</td><td>1,010</td><td>99</td><td>7,000</td></tr></table>
<p>Proposal 2 - Ratification of Tolland &amp; Birch LLP as auditors.</p>
<table><tr><td>For</td><td>Against</td><td>Abstain</td></tr><tr><td>60,100</td><td>400</td><td>12</td></tr></table>
<p>SIGNATURES</p><p>Harrowgate Systems, Inc.</p><p>By: /s/ Owen Pratt, Secretary</p>
</body></html>"""


def test_full_parse_event_and_attribute_spans() -> None:
    filing = eightk.parse(FILING.replace("$COUNT", "52,340").encode())
    (ev,) = [e for e in filing.events if e.type == "shareholder_vote"]
    a = ev.attributes
    assert a["meeting_date"] == "2024-04-02"
    assert [(p["description"], p["for"], p["result"]) for p in a["proposals"]] == [
        ("Lena Fairweather", 52340, "elected"), ("Ratification of Tolland & Birch LLP as auditors", 60100, None)]
    # every attribute set has its evidence span, and the span reads the value
    for i, p in enumerate(a["proposals"]):
        for k, v in p.items():
            if v is not None:
                assert f"proposals.{i}.{k}" in ev.attribute_spans, k
    from eightk.core import parse_full
    from eightk.documents import view_of

    sub, _ = parse_full(FILING.replace("$COUNT", "52,340").encode())
    text = view_of(sub, sub.primary).text
    s = ev.attribute_spans["proposals.0.for"]
    assert text[s.start:s.end] == "52,340"


def test_outcomes_from_a_summary_before_the_proposals() -> None:
    a = _votes(
        "<p>At the meeting the stockholders elected all of the nominees for director; approved proposals two "
        "through three; and did not approve the stockholder proposal regarding a lobbying report.</p>"
        "<p>1. Election of directors</p>"
        + _table(["Nominee", "For", "Against"], ["Ruth Kessler", "700", "20"])
        + "<p>2. Ratification of auditors</p>" + _table(["For", "Against"], ["710", "9"])
        + "<p>3. Approval of the 2024 Incentive Plan</p>" + _table(["For", "Against"], ["600", "120"])
        + "<p>4. Stockholder proposal regarding a lobbying report</p>" + _table(["For", "Against"], ["150", "570"])
    )
    assert [p["result"] for p in a["proposals"]] == ["elected", "approved", "approved", "not_approved"]
    assert {f"proposals.{i}.result" for i in range(4)} <= set(a["_spans"])


def test_key_value_tables_after_a_frequency_vote_and_bare_headings() -> None:
    a = _votes(
        "<p>(iv) Frequency of the advisory vote on compensation:</p>"
        + _table(["One year", "1,900"], ["Two years", "60"], ["Three years", "7,300"], ["Votes Abstained", "31"])
        + _table(["(v)", "With respect to Proposal No. 1:"])
        + _table(["Votes For", "1,100"], ["Votes Against", "8,100"], ["Votes Abstained", "61"])
        + _table(["(vi)", "Proposal 2:"])
        + _table(["Votes For", "220"], ["Votes Against", "8,900"])
    )
    p = a["proposals"]
    assert [(x.get("one_year"), x.get("for"), x.get("against")) for x in p] == [
        (1900, None, None), (None, 1100, 8100), (None, 220, 8900)]
    assert [x["description"] for x in p][1:] == ["With respect to Proposal No. 1", "Proposal 2"]


def test_capitalised_proposal_labels_are_not_nominees() -> None:
    a = _votes(
        _table(["Proposal", "For", "Against", "Abstain"], ["Say On Pay", "5,000", "700", "20"],
               ["Auditor Ratification", "5,600", "90", "30"])
        + "<p>Each proposal was approved.</p>"
    )
    assert [(p["description"], p["result"]) for p in a["proposals"]] == [
        ("Say On Pay", "approved"), ("Auditor Ratification", "approved")]

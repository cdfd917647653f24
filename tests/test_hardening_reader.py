"""Issue 10, the reader: each input the fuzzing run found, written small, with what it must give.

Time and memory are measured by bench/bench_hostile.py, not here: these inputs are sized to
show the behaviour (an anomaly, a cap, a count), not the cost."""

from __future__ import annotations

import random

import pytest

import eightk
from eightk.containers import read_submission
from eightk.core import MAX_ANOMALIES_PER_CODE
from eightk.documents.html import html_view
from eightk.documents.ixbrl import MAX_FACT_DEPTH
from eightk.documents.nesting import MAX_DEPTH, _surely_shallow, flatten, nesting_depth, too_deep
from eightk.extract import MAX_EVENTS, MAX_EXHIBITS, MAX_FACTS_PER_DOCUMENT, _items_at
from eightk.extract.events import ItemRef, _FactIndex
from eightk.model import Fact, Span

HEADER = (
    "<SEC-DOCUMENT>0000999999-24-000001.txt : 20240102\n<SEC-HEADER>0000999999-24-000001.hdr.sgml : 20240102\n"
    "ACCESSION NUMBER:\t\t0000999999-24-000001\nCONFORMED SUBMISSION TYPE:\t8-K\nPUBLIC DOCUMENT COUNT:\t\t{count}\n"
    "FILED AS OF DATE:\t\t20240102\n</SEC-HEADER>\n"
)


def submission(count: str, sequence: str) -> bytes:
    doc = f"<DOCUMENT>\n<TYPE>8-K\n<SEQUENCE>{sequence}\n<TEXT>\nFORM 8-K\n\nItem 8.01 Other Events\n</TEXT>\n</DOCUMENT>\n"
    return (HEADER.format(count=count) + doc + "</SEC-DOCUMENT>\n").encode("latin-1")


def codes(filing) -> list[str]:
    return [a.code for a in filing.anomalies]


@pytest.mark.parametrize("value", ["\u00b2", "\u00b3", "\u00b9\u00b3", "9" * 5000, "9223372036854775808", "-1", "1e3"])
def test_bad_sequence_is_an_anomaly_and_the_position_is_used(value):
    f = eightk.parse(submission("1", value))
    assert f.documents[0].sequence == 1
    assert "document_bad_sequence" in codes(f)
    bad = next(a for a in f.anomalies if a.code == "document_bad_sequence")
    assert len(bad.message) < 300  # thousands of digits are not repeated in the message


@pytest.mark.parametrize("value", ["\u00b2", "\u00b9\u00b3", "9" * 5000, "99999999999999999999"])
def test_bad_document_count_is_an_anomaly(value):
    f = eightk.parse(submission(value, "1"))
    assert f.header.document_count is None
    assert "header_bad_number" in codes(f)
    assert "document_count_mismatch" not in codes(f)


@pytest.mark.parametrize("value,expected", [("1", 1), ("007", 7), ("123456789", 123456789)])
def test_good_numbers_still_read(value, expected):
    f = eightk.parse(submission(value, value))
    assert f.documents[0].sequence == expected and f.header.document_count == expected
    assert not {"document_bad_sequence", "header_bad_number"} & set(codes(f))


def test_unicode_digits_are_not_a_date():
    f = eightk.parse(submission("1", "1").replace(b"20240102\n</SEC", "\u0662\u0660\u0662\u0664\u0660\u0661\u0660\u0662\n</SEC".encode("utf-8")))
    assert f.filed is None


def test_unclosed_documents_each_become_one():
    body = "".join(f"<DOCUMENT>\n<TYPE>EX-99.{i}\n<SEQUENCE>{i + 2}\n<TEXT>\nExhibit {i}.\n" for i in range(300))
    data = (HEADER.format(count="301") + "<DOCUMENT>\n<TYPE>8-K\n<SEQUENCE>1\n<TEXT>\nFORM 8-K\n</TEXT>\n</DOCUMENT>\n"
            + body).encode()
    sub = read_submission(data)
    assert [d.sequence for d in sub.documents] == list(range(1, 302))
    assert sum(a.code == "document_unclosed" for a in sub.anomalies) == 300
    assert sub.documents[5].raw.strip() == b"Exhibit 4."


def test_a_filing_lists_a_hundred_anomalies_of_a_code_and_reads_a_hundred_exhibits():
    body = "".join(f"<DOCUMENT>\n<TYPE>EX-99.{i}\n<SEQUENCE>{i + 2}\n<TEXT>\nWe paid ${i + 1},000.\n" for i in range(300))
    data = (HEADER.format(count="301") + "<DOCUMENT>\n<TYPE>8-K\n<SEQUENCE>1\n<TEXT>\nFORM 8-K\n\nItem 8.01 Other Events\n"
            "</TEXT>\n</DOCUMENT>\n" + body).encode()
    f = eightk.parse(data)
    assert len(f.documents) == 301  # every document is still listed
    unclosed = [a for a in f.anomalies if a.code == "document_unclosed"]
    assert len(unclosed) == MAX_ANOMALIES_PER_CODE and "#2 " in unclosed[0].message  # the first ones, in order
    cut = [a for a in f.anomalies if a.code == "anomalies_truncated"]
    assert [a.text for a in cut] == ["document_unclosed"] and "200 more" in cut[0].message
    # facts from the first MAX_EXHIBITS EX-99 exhibits only, and an anomaly for the others
    assert sorted({x.document for x in f.facts}) == list(range(2, MAX_EXHIBITS + 2))
    left = [a for a in f.anomalies if a.code == "exhibits_not_read"]
    assert len(left) == 1 and left[0].text == str(300 - MAX_EXHIBITS)


def test_items_in_many_tables_get_their_facts():
    tables = "".join(
        f"<table><tr><td>Item {i % 2 + 1}.01</td><td>paid ${i + 1},000 in cash</td></tr></table>" for i in range(60)
    )
    f = eightk.parse(f"<html><body><p>FORM 8-K</p>{tables}</body></html>".encode())
    money = [x for x in f.facts if x.kind == "money"]
    assert len(money) == 60 and all(m.item in ("1.01", "2.01") for m in money)


def test_item_of_each_fact_is_the_first_item_holding_it():
    """The sweep gives what asking every item (in order) for every position gave, overlaps too."""
    rng = random.Random(10)
    refs = []
    for k in range(200):
        s = rng.randrange(0, 5000)
        refs.append(ItemRef(code=f"{k}", text="", start=s, end=s + rng.randrange(0, 400), document=rng.choice([1, 2])))
    positions = sorted(rng.randrange(0, 5500) for _ in range(2000))
    for doc in (1, 2, 3):
        naive = [next((r.code for r in refs if r.document == doc and r.start <= p < r.end), None) for p in positions]
        assert _items_at(refs, doc, positions) == naive
        shuffled = positions[::-1]
        assert _items_at(refs, doc, shuffled) == naive[::-1]


def test_facts_of_an_item_by_bisection_keep_their_order():
    rng = random.Random(11)
    facts = [
        Fact(kind="money", text="x", span=Span(start=s, end=s + 1, document=d), document=d)
        for s, d in ((rng.randrange(0, 1000), rng.choice([1, 2, None])) for _ in range(500))
    ]
    index = _FactIndex(facts)
    for _ in range(100):
        lo = rng.randrange(0, 1000)
        hi = lo + rng.randrange(1, 200)
        for doc in (1, 2, None):
            naive = [f for f in facts if f.document == doc and lo <= f.span.start < hi]
            assert index.within(doc, lo, hi) == naive


def test_nested_ix_facts_past_the_cap_are_not_collected():
    unit = '<ix:nonNumeric name="dei:Security12bTitle" contextRef="c">Stock{} '
    n = MAX_FACT_DEPTH + 10
    html = ('<html xmlns:ix="http://www.xbrl.org/2013/inlineXBRL"><body><p>'
            + "".join(unit.format(i) for i in range(n)) + "</ix:nonNumeric>" * n + "</p><p>after</p></body></html>")
    v = html_view(html)
    facts = v.ixbrl["dei:Security12bTitle"]
    assert len(facts) == MAX_FACT_DEPTH
    assert facts[0]["text"].startswith("Stock0 Stock1") and facts[0]["text"].endswith(f"Stock{n - 1}")
    assert f"Stock{n - 1}" in v.text and "after" in v.text  # the text is all still there
    assert [a.code for a in v.anomalies] == ["ixbrl_facts_too_deep"]
    assert "10 inline XBRL facts" in v.anomalies[0].message
    f = eightk.parse(html.replace("<body>", "<body><p>FORM 8-K</p>", 1).encode())
    assert "ixbrl_facts_too_deep" in codes(f)


def test_ix_scale_must_be_a_small_power():
    html = ('<html xmlns:ix="http://www.xbrl.org/2013/inlineXBRL"><body><p>'
            '<ix:nonFraction name="us-gaap:Cash" scale="99999" contextRef="c">12</ix:nonFraction> '
            '<ix:nonFraction name="us-gaap:Debt" scale="\u00b2" contextRef="c">3</ix:nonFraction> '
            '<ix:nonFraction name="us-gaap:Loan" scale="6" contextRef="c">4</ix:nonFraction></p></body></html>')
    ix = html_view(html).ixbrl
    assert ix["us-gaap:Cash"][0]["error"].startswith("bad scale") and ix["us-gaap:Cash"][0]["value"] == "12"
    assert ix["us-gaap:Debt"][0]["error"].startswith("bad scale")
    assert ix["us-gaap:Loan"][0]["value"] == "4000000"


def test_facts_are_capped_per_document():
    lines = "".join(f"${i} paid\n" for i in range(MAX_FACTS_PER_DOCUMENT + 50))
    f = eightk.parse(f"FORM 8-K\n\nItem 8.01 Other Events\n\n{lines}".encode())
    assert len(f.facts) == MAX_FACTS_PER_DOCUMENT
    cut = [a for a in f.anomalies if a.code == "facts_truncated"]
    # reading stops soon after the cap: the count is a lower bound, and says so
    assert len(cut) == 1 and MAX_FACTS_PER_DOCUMENT < int(cut[0].text) <= MAX_FACTS_PER_DOCUMENT + 50
    assert "at least" in cut[0].message
    assert f.facts[-1].text == f"${MAX_FACTS_PER_DOCUMENT - 1}"


def test_events_are_capped_per_filing():
    n = MAX_EVENTS + 30
    tables = "".join(f"<table><tr><td>Item {i % 8 + 1}.01</td><td>${i},500</td></tr></table>" for i in range(n))
    f = eightk.parse(f"<html><body><p>FORM 8-K</p>{tables}</body></html>".encode())
    assert len(f.events) == MAX_EVENTS
    cut = [a for a in f.anomalies if a.code == "events_truncated"]
    assert len(cut) == 1 and cut[0].text == str(n)
    # every amount is still placed in its item, past the events' cap too
    last = max(f.facts, key=lambda x: x.span.start)
    assert last.text == f"${n - 1},500" and last.item == f"{(n - 1) % 8 + 1}.01"


def _mixed_dump(n: int) -> str:
    """Lines of every kind of fact, some kinds denser than others, with tables of figures."""
    rnd = random.Random(10)
    kinds = [
        lambda i: f"paid ${i},{i % 1000:03d} on March {i % 28 + 1}, 2003 for {i} shares of Common Stock, a {i % 97}% stake",
        lambda i: f"Acme Widget {i} Corp. and Beta Holdings {i}, L.P. in the United States District Court",
        lambda i: f"John Smith{'e' * (i % 3)}, Chief Financial Officer; 5.{i % 9}% Senior Notes due 2012",
        lambda i: f"for the quarter ended June 30, 2004; ({i},000) and 13/45/99 and 2/4/03",
        lambda i: f"<TABLE>\n$ {i} ({i}) ({i + 1})\n</TABLE>",
    ]
    return "\n".join(rnd.choice(kinds)(i) for i in range(n))


@pytest.mark.parametrize("exhibit", [False, True])
def test_stopping_early_keeps_the_first_facts_of_a_full_reading(exhibit):
    from eightk.extract import extract_text

    text = _mixed_dump(3000)
    tables = [(m.start(), m.end()) for m in __import__("re").finditer(r"<TABLE>.*?</TABLE>", text, 16)]
    whole = extract_text(text, tables=tables, exhibit=exhibit)
    assert whole.horizon is None and len(whole) > 3000
    for limit in (25, 200, 500):
        part = extract_text(text, tables=tables, exhibit=exhibit, limit=limit)
        assert part.horizon is not None and len(part) >= limit - 1
        assert part == whole[: len(part)]  # exactly the full reading's first hits
        assert all(h.start < part.horizon for h in part)
        assert whole[len(part)].start >= part.horizon


def test_long_digit_runs_are_not_amounts():
    f = eightk.parse(b"FORM 8-K\n\nItem 8.01 Other Events\n\nWe paid $" + b"9" * 5000 + b" and $12 million.\n"
                     + b"A sum of " + b"hundred " * 3000 + b"dollars.\n")
    money = [x for x in f.facts if x.kind == "money"]
    assert [m.value for m in money][:1] == [12_000_000]
    assert all(len(str(m.value)) < 60 for m in money)


@pytest.mark.parametrize("tags,deep", [("<div>", True), ("<span>", True), ("<div></x>", True),
                                       ("<table><tr><td>", False), ("<b><p>", False)])
def test_deep_html_is_flattened_with_its_text(tags, deep):
    """Tables in cells and paragraphs in bold: the implied ends keep the estimate (and the
    parser's own stack) shallow, and both parse in linear time."""
    n = MAX_DEPTH * 3
    html = "<html><body><p>FORM 8-K</p>" + tags * n + "<p>Item 8.01 Other Events</p><p>We paid $5 million.</p></body></html>"
    f = eightk.parse(html.encode())
    assert [i.code for i in f.items] == ["8.01"]
    assert [x.value for x in f.facts if x.kind == "money"] == [5_000_000]
    assert ("html_too_deep" in codes(f)) is deep


def test_depth_estimate_follows_implied_ends():
    assert nesting_depth(b"<html><body>" + b"<p>text" * 1000 + b"</body></html>") == 3
    assert nesting_depth(b"<table>" + b"<tr><td>a<td>b" * 1000 + b"</table>") == 3
    assert nesting_depth(b"<div>" + b"<br><img src=x><hr>" * 1000 + b"</div>") == 1
    assert nesting_depth(b"<!-- <div><div><div> -->" * 1000) == 0
    assert nesting_depth(b"<div>" * 40 + b"</div>" * 40) == 40
    shallow = b"<html><body>" + b"<div><p>x</p></div>" * 500 + b"</body></html>"
    assert flatten(shallow) == shallow


@pytest.mark.parametrize("doc,cleared", [
    (b"<div>" * 8 + b"x" + b"</div>" * 8, True),  # the bound is exact here: up to the cap ...
    (b"<div>" * 9 + b"x" + b"</div>" * 9, False),  # ... and past it
    (b"<div>" * 9, False), (b"<font>" * 9, False),  # never closed
    (b"</div>" * 50 + b"<div>" * 9, False),  # end tags before the opens close nothing
    (b"<div><span>" * 3 + b"</span></div>" * 3 + b"<p>a<p>b<td>c<td>d" * 20, True),
    (b"<div>" * 5 + b"</div>" * 5 + b"<span>" * 5 + b"</span>" * 5, False),  # 5 deep: not proven, scanned
    (b"<table><tr><td><t><t><t><t><t><t><t><t><t>", False),  # a <t> has the key of <td>: not proven
    (b"<!-- " + b"<div>" * 20 + b" -->" + b"<b>x</b>" * 20, True),  # tags in comments are no tags
])
def test_shallow_bound_never_clears_a_deep_document(doc, cleared):
    """The bound that spares most documents the exact depth scan clears only documents the
    scan finds shallow, and the answer is the scan's either way."""
    cap = 8
    assert _surely_shallow(doc, cap) is cleared
    if cleared:
        assert nesting_depth(doc) <= cap
    depth = nesting_depth(doc)
    assert too_deep(doc, cap) == (depth if depth > cap else None)


def test_shallow_html_has_no_depth_anomaly():
    v = html_view("<html><body>" + "<div>" * 50 + "Item 8.01" + "</div>" * 50 + "</body></html>")
    assert v.anomalies == []


def test_feed_header_nested_containers_then_unmatched_closes():
    from eightk.containers.header import parse_tag_header

    n = 3000  # (the list scan this replaces made it quadratic: 1 MB of it took 22 s)
    text = ("<SUBMISSION>\n<TYPE>8-K\n" + "<FILER>\n" * n + "<COMPANY-DATA>\n<CONFORMED-NAME>Deep\n"
            + "</NOT-OPEN>\n" * n + "</COMPANY-DATA>\n" + "</FILER>\n" * (n - 1) + "<CIK>0000123\n</FILER>\n"
            + "<PERIOD>20240101\n</SUBMISSION>\n")
    raw = parse_tag_header(text)
    assert raw.top == [("CONFORMED SUBMISSION TYPE", "8-K"), ("CONFORMED PERIOD OF REPORT", "20240101")]
    assert len(raw.blocks) == 1 and raw.blocks[0].role == "FILER"
    # the second FILER is the block's one section; closing tags never opened change nothing,
    # and the CIK lands in the outermost FILER once the others are closed
    assert [k for k, _ in raw.blocks[0].sections] == ["FILER"]
    assert raw.blocks[0].fields == {"CENTRAL INDEX KEY": "0000123"}

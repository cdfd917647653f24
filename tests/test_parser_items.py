"""Item text and item headings on synthetic 8-Ks (fictional companies): the grammar's work
grows linearly with the number of headings, and item text carries no page furniture."""

from __future__ import annotations

import re
import sys
import textwrap
from pathlib import Path

import pytest

import eightk
from eightk.model import Filing

_PARSER_DIR = str(Path(eightk.__file__).parent / "parser")

_HEADER = """<SEC-DOCUMENT>0000999999-99-000001.txt : 19990601
<SEC-HEADER>0000999999-99-000001.hdr.sgml : 19990601
ACCESSION NUMBER:\t\t0000999999-99-000001
CONFORMED SUBMISSION TYPE:\t8-K
PUBLIC DOCUMENT COUNT:\t\t1
FILED AS OF DATE:\t\t19990601
</SEC-HEADER>
<DOCUMENT>
<TYPE>8-K
<SEQUENCE>1
<TEXT>
"""
_COVER = "FORM 8-K\nCURRENT REPORT\n\nDate of Report: June 1, 1999\n\nBRINDLEWOOD PUMP WORKS INC.\n\n"


def _document(unit: str, n: int, *, dated: bool = True) -> bytes:
    body = _COVER + "".join(unit.format(k=k, words=" more" * (k % 7)) for k in range(n))
    return ((_HEADER + body + "</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n") if dated else body).encode()


def _grammar_steps(data: bytes) -> tuple[int, Filing]:
    """Lines of Python executed in ``eightk.parser`` while parsing ``data``: a count of the
    grammar's work that does not depend on the machine (no clock)."""
    steps = 0

    def local(frame, event, arg):
        nonlocal steps
        if event == "line":
            steps += 1
        return local

    def tracer(frame, event, arg):
        return local if frame.f_code.co_filename.startswith(_PARSER_DIR) else None

    sys.settrace(tracer)
    try:
        filing = eightk.parse(data, facts=False)
    finally:
        sys.settrace(None)
    return steps, filing


# The units repeated to build hostile documents (issue 10): each was quadratic once.
_HEADING = "Item 5. Other Events\n"
_BLANKET = "Items 1 through 4, 6 and 8. Not applicable.\n"
_PARAGRAPH = "Item 5. Other Events\n\nOn May {k}, 1999 Brindlewood shipped {k} pumps{words}.\n\n"


@pytest.mark.parametrize("unit, dated", [
    (_HEADING, True), (_HEADING, False), (_BLANKET, True), (_PARAGRAPH, True),
], ids=["headings", "headings-lone-document", "not-applicable-lines", "heading-and-paragraph"])
def test_grammar_work_grows_linearly_with_the_number_of_headings(unit, dated):
    small, _ = _grammar_steps(_document(unit, 300, dated=dated))
    large, filing = _grammar_steps(_document(unit, 600, dated=dated))
    # twice the headings: about twice the work (a search per heading over every stop, or a
    # scan of every heading per code, made it about three times at these sizes)
    assert large / small < 2.25, (small, large)
    assert filing.items or filing.items_not_applicable


def test_many_repeated_headings_give_one_item_with_the_longest_text():
    n = 800
    filing = eightk.parse(_document(_PARAGRAPH, n), facts=False)
    assert [it.code for it in filing.items] == ["5"]
    longest = max(range(n), key=lambda k: (k % 7, k))  # ties: the later occurrence wins
    assert filing.items[0].text == f"On May {longest}, 1999 Brindlewood shipped {longest} pumps{' more' * (longest % 7)}."


def test_many_blanket_lines_give_each_code_once():
    filing = eightk.parse(_document(_BLANKET, 500), facts=False)
    assert filing.items == []
    assert filing.items_not_applicable == ["1", "2", "3", "4", "6", "8"]


def test_many_headings_in_a_lone_document_keep_the_numbering_of_the_document():
    # no filing date: decimal headings win when there are any, else the integer ones stay
    body = _COVER + "Item 2.02 Results of Operations\n\nRevenue rose.\n\n" + "Item 3. Widgets\n\nA list.\n\n" * 300
    filing = eightk.parse(body.encode(), facts=False)
    assert [it.code for it in filing.items] == ["2.02"]
    legacy = eightk.parse(_document(_HEADING, 300, dated=False), facts=False)
    assert [it.code for it in legacy.items] == ["5"]


def parse_text(body: str) -> Filing:
    return eightk.parse(textwrap.dedent(body).encode(), facts=False)


# --------------------------------------------------------------------------------------------
# page furniture (issue 9): page numbers, "Table of Contents" links and running page headers
# are not item text


def test_text_page_numbers_at_page_breaks_are_not_item_text():
    f = parse_text("""\
                                   FORM 8-K
                                CURRENT REPORT

        Date of Report: June 1, 1999

                          BRINDLEWOOD PUMP WORKS INC.

        Item 5.  Other Events.

        On May 3, 1999 Brindlewood agreed to sell its foundry in Pellston to
        Marrow Castings LLC for a price set out in the agreement.

                                     - 2 -
        <PAGE>
        The sale is expected to close in the third quarter.

                                    Page 3
        <PAGE>
        Item 7.  Financial Statements and Exhibits.

        None.

                                       4
        <PAGE>
                                  SIGNATURES
        """)
    five, seven = f.items
    assert five.text.endswith("The sale is expected to close in the third quarter.")
    assert "- 2 -" not in five.text and "Page 3" not in five.text
    assert "Marrow Castings LLC for a price set out in the agreement.\n\nThe sale" in five.text
    assert seven.text == "None."


def test_a_number_in_running_text_stays():
    f = parse_text("""\
        FORM 8-K

        Item 5.  Other Events.

        Proposals approved at the meeting, by number:
        2
        The board counted the votes on June 2, 1999.

        Item 7.  Financial Statements and Exhibits.

        None.
        """)
    assert "by number:\n2\nThe board" in f.items[0].text


_HTML = """<html><body>
<p align="center">FORM 8-K</p><p align="center">CURRENT REPORT</p>
<p>Date of Report (Date of earliest event reported): March 2, 2021</p>
<p align="center">QUILLFEATHER SOFTWARE CORP.</p>
<p><b>Item 5.07 Submission of Matters to a Vote of Security Holders.</b></p>
<p>At the annual meeting held on March 1, 2021, the stockholders elected three directors
and approved the plan amendment described below, as</p>
<p style="text-align:center">2</p>
<hr style="page-break-after:always"/>
<p><a href="#toc">Table of Contents</a></p>
<p>follows, with 1,204 broker non-votes on each proposal.</p>
<p style="text-align:center">3</p>
<hr style="page-break-after:always"/>
<p><a href="#toc">Table of Contents</a></p>
<p><b>Item 9.01 Financial Statements and Exhibits.</b></p>
<p>104 Cover Page Interactive Data File</p>
<p style="text-align:center">4</p>
<hr style="page-break-after:always"/>
<p><a href="#toc">Table of Contents</a></p>
<p align="center"><b>SIGNATURES</b></p>
</body></html>"""


def test_html_page_numbers_and_contents_links_are_not_item_text():
    f = eightk.parse(_HTML.encode(), facts=False)
    vote, exhibits = f.items
    assert vote.text == (
        "At the annual meeting held on March 1, 2021, the stockholders elected three directors and "
        "approved the plan amendment described below, as\n\nfollows, with 1,204 broker non-votes on each proposal."
    )
    assert exhibits.text == "104 Cover Page Interactive Data File"


_RUNNING = """\
                                   FORM 8-K

        Date of Report: June 1, 1999

        Item 2.  Acquisition or Disposition of Assets.

        On May 28, 1999 Brindlewood bought the pump line of Ostrander Hydraulics.
        <PAGE>
        BRINDLEWOOD PUMP WORKS INC.
        The price was paid in cash from the company's credit line.
        <PAGE>
        BRINDLEWOOD PUMP WORKS INC.
        Item 7.  Financial Statements and Exhibits.

        The financial statements of the business acquired will be filed by amendment.
        """


def test_a_running_page_header_does_not_end_an_item():
    two, seven = parse_text(_RUNNING).items
    assert two.text.endswith("paid in cash from the company's credit line.")
    # atop a page within the item the line stays (in real filings it is often the title of a
    # financial statement: "EXAMPLE INC. / STATEMENTS OF OPERATIONS")
    assert "BRINDLEWOOD PUMP WORKS INC.\nThe price was paid" in two.text
    assert seven.text == "The financial statements of the business acquired will be filed by amendment."


def test_a_line_atop_one_page_only_is_text():
    once = _RUNNING.replace("<PAGE>\n        BRINDLEWOOD PUMP WORKS INC.\n        The price", "The price")
    two = parse_text(once).items[0]
    assert two.text.endswith("credit line.\n\nBRINDLEWOOD PUMP WORKS INC.")


_PAGE_FOOT = re.compile(r"^(?:[-–—\s]*(?:page\s+)?\d{1,3}[-–—\s]*|table\s+of\s+contents)$", re.I)


def test_corpus_items_do_not_end_with_page_numbers_or_contents_links(shared_dir, filing_rows):
    checked, ending = 0, []
    for row in filing_rows:
        filing = eightk.parse((shared_dir / "corpus" / row["file"]).read_bytes(), facts=False)
        for it in filing.items:
            lines = [x.strip() for x in it.text.splitlines() if x.strip()]
            checked += 1
            if lines and _PAGE_FOOT.match(lines[-1]):
                ending.append((row["file"], it.code, lines[-1]))
    assert checked > 500  # the corpus has about 900 items: a run that read none must fail
    assert ending == []


def test_more_headings_than_the_cap_are_read_as_the_last_items_text():
    """A hostile document of thousands of item headings: the first MAX_HEADINGS are read, the
    parser says it stopped, and nothing is lost (the rest is the last item's text)."""
    import eightk
    from eightk.parser.items import MAX_HEADINGS

    n = MAX_HEADINGS + 500
    data = ("FORM 8-K\n\n" + "".join(f"Item 8.01 Other Events\n\nParagraph {k}.\n\n" for k in range(n))).encode()
    f = eightk.parse(data, facts=False)
    assert [a.code for a in f.anomalies].count("headings_truncated") == 1
    assert [i.code for i in f.items] == ["8.01"]  # one item code, its longest occurrence kept
    assert f"Paragraph {n - 1}." in f.items[0].text

"""Item text and item headings on synthetic 8-Ks (fictional companies): the grammar's work
grows linearly with the number of headings, and item text carries no page furniture."""

from __future__ import annotations

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

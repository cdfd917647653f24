"""The plain-text front end: blocks, spans and layout hints (synthetic documents only)."""

from __future__ import annotations

import contextlib

from hypothesis import given, settings
from hypothesis import strategies as st

import eightk
from eightk.documents.text import text_view

DOC = """\
                      SECURITIES AND EXCHANGE COMMISSION
                            WASHINGTON, D.C. 20549

                        PEBBLEWORTH HOLDINGS CORPORATION
                        --------------------------------
             (Exact name of registrant as specified in its charter)
<PAGE>   2

ITEM 5.  OTHER EVENTS

\tThe company did something.
<TABLE>
<CAPTION>
      Exhibit No.        Description
      -----------        -----------
<S>   <C>                <C>
      99.1               Press release.
</TABLE>
After the table.\f
Next page.
"""


def test_spans_are_exact_slices_and_markup_gives_no_block():
    view = text_view(DOC, sequence=1)
    assert view.format == "text" and view.sequence == 1
    for b in view.blocks:
        assert view.text[b.start:b.end] == b.text
        assert b.text == b.text.strip()
    texts = [b.text for b in view.blocks]
    assert not any(t.startswith("<PAGE>") or t in ("<TABLE>", "<CAPTION>", "</TABLE>") for t in texts)
    assert "<S>   <C>                <C>" not in texts


def test_hints_centred_underlined_caps_page_and_table():
    view = text_view(DOC)
    by_text = {b.text: b for b in view.blocks}
    name = by_text["PEBBLEWORTH HOLDINGS CORPORATION"]
    assert name.centered and name.underlined and name.all_caps
    assert by_text["--------------------------------"].kind == "rule"
    heading = by_text["ITEM 5.  OTHER EVENTS"]
    assert heading.page_break_before and not heading.centered and heading.indent == 0
    assert by_text["The company did something."].indent == 8  # a tab is 8 columns
    row = next(b for b in view.blocks if b.text.startswith("99.1"))
    assert row.in_table
    assert not by_text["After the table."].in_table
    assert by_text["Next page."].page_break_before  # form feed


def test_line_starting_with_tags_starts_after_them():
    view = text_view("<S>  4.7   Warrant issued to a fictional holder\n")
    (b,) = view.blocks
    assert b.text == "4.7   Warrant issued to a fictional holder"
    assert view.text[b.start:b.end] == b.text


def test_empty_and_crlf_text():
    assert text_view("").blocks == []
    assert text_view("\n\n   \n").blocks == []
    view = text_view("FORM 8-K\r\n\r\nItem 5. Other Events\r\n")
    assert [b.text for b in view.blocks] == ["FORM 8-K", "Item 5. Other Events"]
    for b in view.blocks:
        assert view.text[b.start:b.end] == b.text

_pieces = st.sampled_from([
    "<PAGE>", "<TABLE>", "</TABLE>", "<S>", "<C>", "<CAPTION>", "-----", "=====", "ITEM 5.", "\t", "   ",
    "\n", "\r\n", "\f", "Delaware", "99.1", "(Zip Code)", "By: /s/ A. Person", "é", "\x00",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(_pieces, max_size=60).map("".join))
def test_any_text_gives_exact_spans(text):
    view = text_view(text)
    last = -1
    for b in view.blocks:
        assert view.text[b.start:b.end] == b.text and b.text
        assert b.start > last  # in order, no overlap
        last = b.end - 1
    # the grammar never raises on it either
    eightk_parse(text)


def eightk_parse(text: str) -> None:
    with contextlib.suppress(eightk.errors.InputError):
        eightk.parse(text.encode("utf-8"), facts=False)

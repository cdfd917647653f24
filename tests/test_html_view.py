"""The HTML front end: visible text, blocks with spans, rows with cells, hints, normalisation.

Synthetic fixtures only (fictional companies)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eightk.documents.html import html_view


def _texts(view):
    return [b.text for b in view.blocks]


def _check_spans(view):
    for b in view.blocks:
        assert view.text[b.start:b.end] == b.text
        assert b.text == b.text.strip() and b.text
        if b.cells:
            for c in b.cells:
                assert view.text[c.start:c.end] == c.text
    for facts in view.ixbrl.values():
        for f in facts:
            if f["start"] is not None:
                assert 0 <= f["start"] <= f["end"] <= len(view.text)


def test_block_elements_and_br_end_blocks():
    v = html_view("<html><body><p>First para</p><div>Second<br>third</div>tail <span>inline</span></body></html>")
    assert _texts(v) == ["First para", "Second", "third", "tail inline"]
    _check_spans(v)
    assert v.format == "html"


def test_heading_split_across_inline_tags_is_joined():
    v = html_view("<p><b>ITEM</b><font>&nbsp;</font><b><span>2.02</span></b>&nbsp;&nbsp;<b>Results of "
                  "Operations</b></p>")
    assert _texts(v) == ["ITEM 2.02 Results of Operations"]
    assert v.blocks[0].bold


def test_entities_nbsp_soft_hyphen_zero_width_and_cp1252_controls():
    v = html_view("<p>Acme&#146;s co&shy;operation&#8203;agreement&nbsp;&nbsp; and\u00a0more \x93quoted\x94</p>")
    assert _texts(v) == ["Acme\u2019s cooperationagreement and more \u201cquoted\u201d"]


def test_hidden_parts_are_left_out():
    html = (
        "<html><head><title>T</title><style>p {color:red}</style><script>var x = '<p>no</p>';</script></head>"
        "<body><div style='display: none'>secret</div><p style='visibility:hidden'>ghost</p>"
        "<p onclick='alert(1)'>shown</p><noscript>nojs</noscript><!-- comment --></body></html>"
    )
    v = html_view(html)
    assert _texts(v) == ["shown"]
    assert "secret" not in v.text and "alert" not in v.text


def test_bold_underline_centre_hints():
    v = html_view(
        "<p align=center><b>FORM 8-K</b></p>"
        "<div style='text-align: center'><u>Current Report</u></div>"
        "<p style='font-weight:700'>Strong</p>"
        "<p><b>Item 8.01</b> Other Events. A long paragraph of body text follows the heading here.</p>"
        "<center>Centred</center><p>plain</p>"
    )
    b = v.blocks
    assert (b[0].text, b[0].centered, b[0].bold) == ("FORM 8-K", True, True)
    assert b[1].centered and b[1].underlined and not b[1].bold
    assert b[2].bold and not b[2].centered
    assert not b[3].bold  # mostly plain text
    assert b[4].centered
    assert not (b[5].bold or b[5].centered or b[5].underlined)


def test_table_row_with_cells_and_spacers():
    v = html_view(
        "<table><tr><td>Delaware</td><td>&nbsp;</td><td>001-00001</td><td></td><td>12-3456789</td></tr>"
        "<tr><td>(State of incorporation)</td><td></td><td>(Commission File Number)</td><td></td>"
        "<td>(IRS Employer Identification No.)</td></tr></table>"
    )
    r0, r1 = v.blocks
    assert r0.kind == r1.kind == "row" and r0.in_table
    assert r0.text == "Delaware 001-00001 12-3456789"
    assert [c.text for c in r0.cells] == ["Delaware", "", "001-00001", "", "12-3456789"]
    # empty cells are kept so the columns of successive rows line up
    assert len(r0.cells) == len(r1.cells) == 5
    assert r1.cells[2].text == "(Commission File Number)"
    _check_spans(v)


def test_cell_lines_become_row_blocks_values_over_captions():
    v = html_view(
        "<table><tr><td>Nevada<br>(State)</td><td>0-11111<br>(File No.)</td></tr></table>"
        "<table><tr><td>1-2345</td><td><p>ZETA WIDGET CORP</p><p>(a Delaware corporation)</p>"
        "<p>1 Main Street</p></td><td>98-7654321</td></tr></table>"
    )
    rows = [[c.text for c in b.cells] for b in v.blocks]
    assert rows == [
        ["Nevada", "0-11111"], ["(State)", "(File No.)"],
        ["1-2345", "ZETA WIDGET CORP", "98-7654321"], ["", "(a Delaware corporation)", ""],
        ["", "1 Main Street", ""],
    ]
    _check_spans(v)


def test_colspan_counts_as_columns():
    v = html_view("<table><tr><td colspan=3>Wide</td><td>x</td></tr><tr><td>a</td><td>b</td><td>c</td><td>d</td>"
                  "</tr></table>")
    assert [c.text for c in v.blocks[0].cells] == ["Wide", "", "", "x"]
    assert v.blocks[0].cells[3].text == "x" and v.blocks[1].cells[3].text == "d"


def test_single_cell_rows_and_layout_tables_give_plain_blocks():
    v = html_view(
        "<table><tr><td><p>Item 1.01 Entry into a Material Definitive Agreement.</p><p>Body text.</p></td></tr>"
        "<tr><td>left</td><td><table><tr><td>inner a</td><td>inner b</td></tr></table></td></tr></table>"
    )
    kinds = [(b.kind, b.text) for b in v.blocks]
    assert kinds[0] == ("paragraph", "Item 1.01 Entry into a Material Definitive Agreement.")
    assert kinds[1] == ("paragraph", "Body text.")
    assert v.blocks[0].in_table
    # the row holding a nested table is layout: its content comes out in order
    assert [t for _, t in kinds[2:]] == ["left", "inner a inner b"]
    assert v.blocks[3].kind == "row"


def test_item_heading_in_table_cells():
    v = html_view("<table><tr><td><b>Item 2.02</b></td><td><b>Results of Operations and Financial Condition."
                  "</b></td></tr></table><p>On May 1 the company reported.</p>")
    row = v.blocks[0]
    assert row.kind == "row" and row.bold
    assert row.text == "Item 2.02 Results of Operations and Financial Condition."


def test_pre_keeps_lines_and_indentation():
    v = html_view("<pre>ITEM 5.  OTHER EVENTS\n\n    Indented line\nDelaware     <b>0-12345</b>    12-3456789\n</pre>")
    # inner spacing is kept: plain-text covers put columns apart with runs of spaces
    assert _texts(v) == ["ITEM 5.  OTHER EVENTS", "Indented line", "Delaware     0-12345    12-3456789"]
    assert v.blocks[1].indent == 4


def test_page_breaks():
    v = html_view("<p>one</p><hr style='page-break-after:always'><p>two</p>"
                  "<p style='page-break-before: always'>three</p><p>four</p>")
    assert [b.page_break_before for b in v.blocks] == [False, True, True, False]


@pytest.mark.parametrize("html", [
    "<table><tr><td>a</td><td colspan=3></td><td>b</td><td></td></tr><tr><td>c</td><td>d</td></tr></table>",
    "<table><tr><td>a</td><td style='display:none'></td><td>b</td></tr></table>",
    "<table><tr><td>a</td><td style='page-break-before:always'></td><td>b</td></tr></table><p>c</p>",
    "<p>a</p><div style='page-break-after:always'></div><p>b</p><div style='break-before:page'></div>c",
    "<div style='display:none'><p>a</p><div style='page-break-after:always'></div></div><p>b</p>",
    "<p>a<span>b</span><p></p>c<div></div>d<table><tr><td>e<td><td>f</table>",
    "<table><tr><td><ix:nonNumeric name='dei:X' contextRef='c'>1</ix:nonNumeric></td><td></td>"
    "<td>2</td></tr></table>",
])
def test_empty_cells_and_blocks_act_as_ones_with_content(html):
    # the walk opens and closes an empty <td>, <p>, <div> at once: the same view as when it
    # holds something that is not text (a comment), which takes the general path
    def dump(v):
        return v.text, [(b.kind, b.text, b.cells, b.page_break_before, b.in_table) for b in v.blocks], v.ixbrl

    filled = html.replace("></td>", "><!----></td>").replace("></div>", "><!----></div>").replace("<p></p>",
                                                                                                   "<p><!----></p>")
    assert filled != html
    assert dump(html_view(html)) == dump(html_view(filled))


def test_sequence_and_empty_documents():
    v = html_view("<p>x</p>", sequence=3)
    assert v.sequence == 3
    for empty in ("", "   ", "<html></html>", "<!-- only a comment -->", "<p>&nbsp;</p>"):
        v = html_view(empty)
        assert v.blocks == [] and v.text == ""


def test_private_use_markers_in_the_input_cannot_forge_spans():
    v = html_view("<p>a\U000f0000b\U000f0001c</p>")
    assert _texts(v) == ["abc"]


_TAGS = st.sampled_from(["p", "div", "b", "span", "td", "tr", "table", "br", "u", "center", "font", "pre",
                         "ix:nonNumeric name='dei:X' contextRef='c'", "li", "h2", "hr", "i"])
_WORDS = st.sampled_from(["Item", "2.02", "Acme", "&nbsp;", "&#146;", "\u00ad", " ", "\n", "x", "Delaware", "<",
                          "&amp;", "\u200b", "  ", "$1.5", "\U000f0003"])


@st.composite
def html_documents(draw, tags=_TAGS, words=_WORDS, most=40):
    """Random markup: up to ``most`` open or close tags of ``tags`` and ``words``, in any order."""
    parts = []
    for _ in range(draw(st.integers(0, most))):
        if draw(st.booleans()):
            tag = draw(tags)
            parts.append(f"<{tag}>" if draw(st.booleans()) else f"</{tag.split()[0]}>")
        else:
            parts.append(draw(words))
    return "".join(parts)


@settings(max_examples=150, deadline=None)
@given(html_documents())
def test_spans_always_slice_the_visible_text(html):
    v = html_view(html)
    _check_spans(v)
    assert all(not ("\U000f0000" <= ch <= "\U000ffffd") for ch in v.text)
    # blocks are in order and do not overlap
    for a, b in zip(v.blocks, v.blocks[1:], strict=False):
        assert a.end <= b.start


@pytest.mark.parametrize("fmt", ["html", "ixbrl"])
def test_view_of_uses_the_html_front_end(fmt):
    from eightk.containers import read_submission
    from eightk.documents import view_of

    body = b"<html><body><p>FORM 8-K</p><p>Item 8.01 Other Events</p></body></html>"
    if fmt == "ixbrl":
        body = body.replace(b"<p>FORM", b"<p><ix:nonNumeric name='dei:DocumentType' contextRef='c'>8-K"
                            b"</ix:nonNumeric> FORM")
    sub = read_submission(body)
    v = view_of(sub, sub.documents[0])
    assert v is not None and v.format == fmt
    assert "Item 8.01 Other Events" in [b.text for b in v.blocks]


def test_html_filing_grammar_items_in_tables_toc_and_exhibit_table():
    """The grammar over HTML blocks: a table of contents is not items, "Items 2.02 and 9.01"
    is two items, item headings in table cells, an exhibit table with hyperlinked numbers
    whose descriptions start with a digit, linked to the attached documents."""
    import eightk

    primary = (
        "<html><body><p align=center><b>FORM 8-K</b></p>"
        "<p>Date of Report (Date of earliest event reported): June 3, 2024</p>"
        "<p><b>LARKSPUR MILLS CORP.</b></p><p>(Exact name of registrant as specified in its charter)</p>"
        "<table><tr><td>Delaware</td><td>001-55555</td><td>11-2223333</td></tr>"
        "<tr><td>(State or other jurisdiction of incorporation)</td><td>(Commission File Number)</td>"
        "<td>(IRS Employer Identification No.)</td></tr></table>"
        "<p align=center><b>TABLE OF CONTENTS</b></p>"
        "<table><tr><td>Item 1.01 Entry into a Material Definitive Agreement</td><td>2</td></tr>"
        "<tr><td>Item 5.02 Departure of Directors</td><td>3</td></tr></table>"
        "<table><tr><td><b>Items 2.02 and 9.01</b></td><td><b>Results of Operations and Financial Condition; "
        "Financial Statements and Exhibits</b></td></tr></table>"
        "<p>On June 3, 2024 Larkspur Mills Corp. announced its results.</p>"
        "<table><tr><td><b>Exhibit No.</b></td><td><b>Description</b></td></tr>"
        "<tr><td><a href='ex991.htm'>99.1</a></td><td>2024 first quarter press release</td></tr>"
        "<tr><td><a href='ex992.htm'>99.2</a></td><td>Investor presentation</td></tr></table>"
        "<p align=center><b>SIGNATURES</b></p><p>Pursuant to the requirements of the Securities Exchange Act "
        "of 1934, the registrant has duly caused this report to be signed.</p><p>By: /s/ Ivo Lark</p>"
        "</body></html>"
    )

    def doc(seq, typ, name, text):
        return (f"<DOCUMENT>\n<TYPE>{typ}\n<SEQUENCE>{seq}\n<FILENAME>{name}\n<TEXT>\n{text}\n</TEXT>\n"
                "</DOCUMENT>\n")

    sub = (
        "<SEC-DOCUMENT>0000000000-24-000001.txt : 20240604\n<SEC-HEADER>0000000000-24-000001.hdr.sgml : 20240604\n"
        "ACCESSION NUMBER:\t\t0000000000-24-000001\nCONFORMED SUBMISSION TYPE:\t8-K\nPUBLIC DOCUMENT COUNT:\t\t3\n"
        "CONFORMED PERIOD OF REPORT:\t20240603\nFILED AS OF DATE:\t\t20240604\n</SEC-HEADER>\n"
        + doc(1, "8-K", "lm8k.htm", primary)
        + doc(2, "EX-99.1", "ex991.htm", "<html><body><p><b>Larkspur Mills Reports Results</b></p>"
              "<p>Revenue rose 5% to $12.5 million.</p></body></html>")
        + doc(3, "EX-99.2", "ex992.htm", "<html><body><p>Slides</p></body></html>")
        + "</SEC-DOCUMENT>\n"
    )
    f = eightk.parse(sub.encode(), facts=False)
    assert [i.code for i in f.items] == ["2.02", "9.01"]
    assert f.registrants[0].name == "LARKSPUR MILLS CORP."
    assert (f.registrants[0].state_of_incorporation, f.registrants[0].irs_employer_id) == ("DE", "11-2223333")
    ex = {e.number: (e.description, e.document) for e in f.exhibits}
    assert ex == {"99.1": ("2024 first quarter press release", 2), "99.2": ("Investor presentation", 3)}
    # the press release is itself a block view for later fact extraction
    from eightk.containers import read_submission
    from eightk.documents import view_of

    s = read_submission(sub.encode())
    v = view_of(s, s.documents[1])
    assert [b.text for b in v.blocks] == ["Larkspur Mills Reports Results", "Revenue rose 5% to $12.5 million."]

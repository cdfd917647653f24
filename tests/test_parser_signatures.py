"""Signature blocks on synthetic 8-Ks (fictional companies and people), in the layouts issue 9
found missing or misread: "Date:" then "/s/ Name" and a title with no "By:", the registrant
printed after the date, titles over several HTML paragraphs, "Its" titles, and blocks with no
SIGNATURES heading and no "Pursuant to" sentence after the last item."""

from __future__ import annotations

import datetime as dt
import re
import textwrap

import pytest

import eightk
from eightk.model import Filing

_TEXT_COVER = """\
                                   FORM 8-K

Date of Report: March 3, 2021

                         QUILLFEATHER SOFTWARE CORP.

Item 8.01  Other Events.

On March 2, 2021 Quillfeather opened an office in Tarrow Bay.
"""
_SENTENCE = """
                                  SIGNATURES

Pursuant to the requirements of the Securities Exchange Act of 1934, the
registrant has duly caused this report to be signed on its behalf by the
undersigned hereunto duly authorized.
"""
_HTML_COVER = """<html><body><p align="center">FORM 8-K</p>
<p>Date of Report (Date of earliest event reported): March 3, 2021</p>
<p align="center">QUILLFEATHER SOFTWARE CORP.</p>
<p><b>Item 8.01 Other Events.</b></p>
<p>On March 2, 2021 Quillfeather opened an office in Tarrow Bay.</p>
"""
_HTML_SENTENCE = """<p align="center"><b>SIGNATURES</b></p>
<p>Pursuant to the requirements of the Securities Exchange Act of 1934, the registrant has duly caused
this report to be signed on its behalf by the undersigned hereunto duly authorized.</p>
"""


def _parse(body: str) -> Filing:
    return eightk.parse(body.encode(), facts=False)


def _sig(f: Filing) -> tuple:
    (s,) = f.signatures
    return s.registrant, s.name, s.title, s.date, s.conformed


_EXPECTED = ("QUILLFEATHER SOFTWARE CORP.", "Dana Whitcombe", "Chief Financial Officer", dt.date(2021, 3, 3), True)


def test_text_date_then_conformed_name_and_title_without_by():
    f = _parse(_TEXT_COVER + _SENTENCE + """
Date: March 3, 2021                      QUILLFEATHER SOFTWARE CORP.

                                         /s/ Dana Whitcombe
                                         Dana Whitcombe
                                         Chief Financial Officer
""")
    assert _sig(f) == _EXPECTED


def test_html_cells_date_then_registrant_then_signer_without_by():
    f = _parse(_HTML_COVER + _HTML_SENTENCE + """<table>
<tr><td>Date: March 3, 2021</td><td>Quillfeather Software Corp.</td></tr>
<tr><td></td><td>/s/ Dana Whitcombe</td></tr>
<tr><td></td><td>Dana Whitcombe</td></tr>
<tr><td></td><td>Chief Financial Officer</td></tr>
</table></body></html>""")
    assert _sig(f) == ("Quillfeather Software Corp.",) + _EXPECTED[1:]


def test_html_paragraphs_registrant_after_the_date_and_a_two_paragraph_title():
    f = _parse(_HTML_COVER + _HTML_SENTENCE + """<p>Date: March 3, 2021</p>
<p>Quillfeather Software Corp.</p>
<p>/s/ Dana Whitcombe</p>
<p>Dana Whitcombe</p>
<p>Executive Vice President and</p>
<p>Chief Financial Officer</p>
</body></html>""")
    assert _sig(f)[:3] == ("Quillfeather Software Corp.", "Dana Whitcombe", "Executive Vice President and Chief Financial Officer")


@pytest.mark.parametrize("first, second, title", [
    ("Senior Vice President", "and Treasurer", "Senior Vice President and Treasurer"),
    ("Vice President, Associate General", "Counsel and Secretary", "Vice President, Associate General Counsel and Secretary"),
    ("Chief Accounting Officer", "(Principal Accounting Officer)", "Chief Accounting Officer (Principal Accounting Officer)"),
])
def test_html_title_continued_in_the_next_paragraph(first, second, title):
    f = _parse(_HTML_COVER + _HTML_SENTENCE + f"""<table>
<tr><td>QUILLFEATHER SOFTWARE CORP.</td></tr>
<tr><td>By:</td><td>/s/ Dana Whitcombe</td></tr>
<tr><td>Name:</td><td>Dana Whitcombe</td></tr>
<tr><td>Title:</td><td>{first}</td></tr>
</table>
<p>{second}</p>
<p>Date: March 3, 2021</p>
</body></html>""")
    assert _sig(f) == ("QUILLFEATHER SOFTWARE CORP.", "Dana Whitcombe", title, dt.date(2021, 3, 3), True)


def test_html_title_ends_before_a_second_registrant():
    f = _parse(_HTML_COVER + _HTML_SENTENCE + """<p>QUILLFEATHER SOFTWARE CORP.</p>
<p>By: /s/ Dana Whitcombe</p><p>Dana Whitcombe</p><p>Treasurer</p>
<p>QUILLFEATHER HOLDINGS LLC</p>
<p>By: /s/ Omar Pettigrew</p><p>Omar Pettigrew</p><p>Manager</p>
<p>Date: March 3, 2021</p>
</body></html>""")
    assert [(s.registrant, s.name, s.title) for s in f.signatures] == [
        ("QUILLFEATHER SOFTWARE CORP.", "Dana Whitcombe", "Treasurer"),
        ("QUILLFEATHER HOLDINGS LLC", "Omar Pettigrew", "Manager"),
    ]


def test_date_folded_together_with_the_signer_in_one_paragraph():
    # HTML folds the gap of a two-column line: "Date: ... <gap> Name, Title" is one paragraph
    f = _parse(_HTML_COVER + _HTML_SENTENCE + """<p>QUILLFEATHER SOFTWARE CORP.</p>
<p>(Registrant)</p>
<p>/s/ Dana Whitcombe</p>
<p>Date: March 3, 2021 Dana Whitcombe, Senior Vice President</p>
<p>and Chief Financial Officer</p>
</body></html>""")
    assert _sig(f) == ("QUILLFEATHER SOFTWARE CORP.", "Dana Whitcombe",
                       "Senior Vice President and Chief Financial Officer", dt.date(2021, 3, 3), True)


def test_a_label_cell_takes_the_next_cell():
    f = _parse(_HTML_COVER + _HTML_SENTENCE + """<table>
<tr><td>Date: March 3, 2021</td><td>QUILLFEATHER SOFTWARE CORP.</td></tr>
<tr><td></td><td>By</td><td>/s/Dana Whitcombe</td></tr>
<tr><td></td><td></td><td>Dana Whitcombe</td></tr>
<tr><td></td><td></td><td>Chief Financial Officer</td></tr>
</table></body></html>""")
    assert _sig(f) == _EXPECTED


@pytest.mark.parametrize("line, title", [
    ("Its Chief Financial Officer", "Chief Financial Officer"),
    ("Its: Chief Financial Officer", "Chief Financial Officer"),
    ("Title: Chief Financial Officer", "Chief Financial Officer"),
])
def test_its_is_not_part_of_the_title(line, title):
    f = _parse(_TEXT_COVER + _SENTENCE + f"""
                                         QUILLFEATHER SOFTWARE CORP.

Date: March 3, 2021                      By: /s/ Dana Whitcombe
                                             Dana Whitcombe
                                             {line}
""")
    assert _sig(f)[2] == title


def test_footnote_and_caption_lines_are_not_titles():
    f = _parse(_HTML_COVER + _HTML_SENTENCE + """<p>QUILLFEATHER SOFTWARE CORP.</p>
<p>(Registrant)</p>
<p>Date March 3, 2021</p>
<table><tr><td>By</td><td>/s/ Dana Whitcombe</td></tr></table>
<p>(Signature)*</p>
<p>Dana Whitcombe</p>
<table><tr><td>* Print name and title of the signing officer under his signature.</td><td>Chief Financial Officer</td></tr></table>
</body></html>""")
    assert _sig(f) == _EXPECTED


def test_block_after_the_last_item_with_no_heading_and_no_sentence():
    f = _parse(textwrap.dedent("""\
                                       FORM 8-K

        Date of Report: March 3, 2021

                             QUILLFEATHER SOFTWARE CORP.

        Item 8.01  Other Events.

        On March 2, 2021 Quillfeather opened an office in Tarrow Bay.

        Item 9.01  Financial Statements and Exhibits.

        None.

                                                 QUILLFEATHER SOFTWARE CORP.

        Date: March 3, 2021                      By: /s/ Dana Whitcombe
                                                     Dana Whitcombe
                                                     Its Chief Financial Officer
        """))
    assert _sig(f) == _EXPECTED
    # the signature block is not the last item's text
    assert [(it.code, it.text) for it in f.items] == [
        ("8.01", "On March 2, 2021 Quillfeather opened an office in Tarrow Bay."), ("9.01", "None."),
    ]


def test_html_block_after_the_last_item_with_no_heading_and_no_sentence():
    f = _parse(_HTML_COVER + """<p><b>Item 9.01 Financial Statements and Exhibits.</b></p>
<p>(d) Exhibits. 99.1 Press release dated March 2, 2021.</p>
<table>
<tr><td></td><td>QUILLFEATHER SOFTWARE CORP.</td></tr>
<tr><td>Date: March 3, 2021</td><td>By: /s/ Dana Whitcombe</td></tr>
<tr><td></td><td>Name: Dana Whitcombe</td></tr>
<tr><td></td><td>Title: Chief Financial Officer</td></tr>
</table></body></html>""")
    assert _sig(f) == _EXPECTED
    assert f.items[-1].text == "(d) Exhibits. 99.1 Press release dated March 2, 2021."


def test_a_conformed_line_inside_an_item_before_the_signatures_stays_item_text():
    # with a SIGNATURES heading, a "/s/" quoted in an item is the item's
    f = _parse(_TEXT_COVER.replace(
        "Tarrow Bay.", "Tarrow Bay.\nThe lease reads: \"/s/ Landlord\" on its last page.") + _SENTENCE + """
QUILLFEATHER SOFTWARE CORP.

By: /s/ Dana Whitcombe
Name: Dana Whitcombe
Title: Chief Financial Officer
Date: March 3, 2021
""")
    assert _sig(f) == _EXPECTED
    assert "/s/ Landlord" in f.items[0].text


# --------------------------------------------------------------------------------------------
# the corpus: every filing that prints a signature gets a signer with a name

_PRINTS = re.compile(r"/s/|^\s*S\s?I\s?G\s?N\s?A\s?T\s?U\s?R\s?E\s?S?\s*:?\s*$", re.I | re.M)


def test_corpus_filings_that_print_a_signature_get_a_named_signer(shared_dir, filing_rows):
    from eightk.containers import read_submission
    from eightk.documents import view_of

    printed, named, missing = 0, 0, []
    for row in filing_rows:
        data = (shared_dir / "corpus" / row["file"]).read_bytes()
        sub = read_submission(data)
        view = view_of(sub, sub.primary) if sub.primary is not None and sub.primary.is_text else None
        if view is None or not _PRINTS.search(view.text):
            continue
        printed += 1
        if any(s.name for s in eightk.parse(data, facts=False).signatures):
            named += 1
        else:
            missing.append(row["file"])
    assert printed > 400  # the corpus has about 450 such filings: a run that read none must fail
    assert named >= 0.99 * printed, missing

"""Exhibit lists: the reading gaps of issue 9, one synthetic fixture per pattern (fictional
companies, people and numbers), plus the exhibit figures on ../shared/corpus."""

from __future__ import annotations

import re
import textwrap

import pytest

import eightk
from eightk.model import DocumentInfo, Exhibit
from eightk.parser.exhibits import exhibit_key, link_documents, merge

COVER = """\
                       SECURITIES AND EXCHANGE COMMISSION
                             Washington, D.C. 20549

                                    FORM 8-K

                                 CURRENT REPORT

Date of Report (Date of earliest event reported): March 3, 2001

                         TINDERBOX ORCHARD SUPPLY, INC.
             (Exact name of registrant as specified in its charter)

   Delaware                        0-99999                   98-7654321
(State of incorporation)   (Commission File Number)   (IRS Employer Identification No.)

"""

SIGNATURE = """
                                   SIGNATURES

     Pursuant to the requirements of the Securities Exchange Act of 1934, the
registrant has duly caused this report to be signed on its behalf by the
undersigned hereunto duly authorized.

                                     TINDERBOX ORCHARD SUPPLY, INC.

Date: March 5, 2001                  By: /s/ Wilhelmina Corkscrew
                                         Wilhelmina Corkscrew
                                         Treasurer
"""


def _text(body: str) -> eightk.model.Filing:
    return eightk.parse((COVER + textwrap.dedent(body)).encode(), facts=False)


def _submission(body: str, exhibits: list[str]) -> eightk.model.Filing:
    """A full submission: the 8-K (``COVER`` + ``body``), then one document per exhibit type."""
    docs = [f"<DOCUMENT>\n<TYPE>8-K\n<SEQUENCE>1\n<FILENAME>a.txt\n<TEXT>\n{COVER + textwrap.dedent(body)}\n"
            "</TEXT>\n</DOCUMENT>\n"]
    for k, typ in enumerate(exhibits, start=2):
        docs.append(f"<DOCUMENT>\n<TYPE>{typ}\n<SEQUENCE>{k}\n<FILENAME>e{k}.txt\n<TEXT>\nexhibit text {k}\n"
                    "</TEXT>\n</DOCUMENT>\n")
    header = (
        "<SEC-DOCUMENT>0000000000-01-000001.txt : 20010305\n<SEC-HEADER>0000000000-01-000001.hdr.sgml : 20010305\n"
        "ACCESSION NUMBER:\t\t0000000000-01-000001\nCONFORMED SUBMISSION TYPE:\t8-K\n"
        f"PUBLIC DOCUMENT COUNT:\t\t{len(docs)}\nCONFORMED PERIOD OF REPORT:\t20010303\n"
        "FILED AS OF DATE:\t\t20010305\n</SEC-HEADER>\n"
    )
    return eightk.parse((header + "".join(docs) + "</SEC-DOCUMENT>\n").encode(), facts=False)


def _listed(f) -> list[tuple[str, int | None]]:
    return [(e.number, e.document) for e in f.exhibits]


# --------------------------------------------------------------------------------------------
# the same description under two numbers is two exhibits; the same number twice is one


def test_same_description_under_two_numbers_is_two_exhibits():
    f = _submission("""
        Item 7.  Financial Statements and Exhibits

             99.1  Press release dated March 3, 2001.
             99.2  Press release dated March 3, 2001.
             99.3  Press release dated March 3, 2001.
        """ + SIGNATURE, ["EX-99.1", "EX-99.2", "EX-99.3"])
    assert _listed(f) == [("99.1", 2), ("99.2", 3), ("99.3", 4)]
    assert {e.description for e in f.exhibits} == {"Press release dated March 3, 2001."}


def test_item_list_and_exhibit_index_with_repeated_descriptions_merge_by_number():
    f = _submission("""
        Item 7.  Financial Statements and Exhibits

             10.1  Pledge Agreement among the registrant and Fictional Lender, Inc.
             10.2  Pledge Agreement among the registrant and Fictional Lender, Inc.
        """ + SIGNATURE + """
                                 EXHIBIT INDEX

        10.1  Pledge Agreement among the registrant and Fictional Lender, Inc.

        10.2  Pledge Agreement among the registrant and Fictional Lender, Inc.
        """, ["EX-10.1", "EX-10.2"])
    assert _listed(f) == [("10.1", 2), ("10.2", 3)]


def test_merge_renumbers_only_across_lists():
    def entries():
        desc = "Agreement and Plan of Merger among fictional parties"
        return Exhibit(number="1", description=desc), Exhibit(number="99.1", description=desc, document=2)

    a, b = entries()
    assert [(e.number, e.document) for e in merge([[a], [b]])] == [("99.1", 2)]
    a, b = entries()
    assert [(e.number, e.document) for e in merge([[a, b]])] == [("1", None), ("99.1", 2)]


# --------------------------------------------------------------------------------------------
# "99.1" listed, "EX-99" attached: linked when it is the only candidate


def test_dotted_entry_links_to_bare_document_type_when_the_only_candidate():
    f = _submission("""
        Item 7.  Financial Statements and Exhibits

             10.1  Lease between the registrant and Fictional Landlord LLC.
             99.1  Press release dated March 3, 2001.
        """ + SIGNATURE, ["EX-10", "EX-99"])
    assert _listed(f) == [("10.1", 2), ("99.1", 3)]


def test_dotted_entry_stays_unlinked_when_two_bare_documents_compete():
    f = _submission("""
        Item 7.  Financial Statements and Exhibits

             99.1  Press release dated March 3, 2001.
             99.2  Slides shown to fictional analysts.
        """ + SIGNATURE, ["EX-99", "EX-99"])
    assert _listed(f) == [("99.1", None), ("99.2", None)]


def test_only_candidate_ignores_documents_claimed_exactly():
    exhibits = [Exhibit(number="99.1"), Exhibit(number="99.2")]
    docs = [DocumentInfo(sequence=k, type=t, format="text", size=1, byte_span=(0, 1))
            for k, t in ((2, "EX-99.1"), (3, "EX-99"))]
    link_documents(exhibits, docs)
    assert [(e.number, e.document) for e in exhibits] == [("99.1", 2), ("99.2", 3)]


def test_doubled_dot_typo_keeps_the_number_as_written_and_links():
    f = _submission("""
        Item 7.  Financial Statements and Exhibits

             Exhibit 99.1  Letter to fictional employees.
             Exhibit 99..2  Second letter to fictional employees.
        """ + SIGNATURE, ["EX-99.1", "EX-99.2"])
    assert _listed(f) == [("99.1", 2), ("99..2", 3)]


# --------------------------------------------------------------------------------------------
# junk entries


def test_wrapped_form_8k_is_not_exhibit_8():
    f = _text("""
        Item 7.  Financial Statements and Exhibits

             The press release, attached to this report on Form
        8-K As Exhibit 99.1, is incorporated herein by reference.

             99.1  Press release dated March 3, 2001.
        """ + SIGNATURE)
    assert [e.number for e in f.exhibits] == ["99.1"]


def test_notes_to_financial_statements_are_not_exhibits():
    f = _text("""
        Item 7.  Financial Statements and Exhibits

             (a)  Financial statements of business acquired.

                  NOTES TO FINANCIAL STATEMENTS

             1.   ORGANIZATION AND BASIS OF PRESENTATION
                  Fictional Gearworks, Inc. makes brass gears in Ohio.

             2.   INVENTORIES
                  Inventories are stated at the lower of cost or market.

             12.  SUBSEQUENT EVENTS
                  None.

             (c)  Exhibits

             23.1  Consent of Fictional & Partners LLP.
             99.1  Press release dated March 3, 2001.
        """ + SIGNATURE)
    assert [e.number for e in f.exhibits] == ["23.1", "99.1"]


def test_numbered_exhibit_list_without_notes_still_reads():
    f = _text("""
        Item 7.  Financial Statements and Exhibits

             (c)  Exhibits

             1.   Agreement and Plan of Merger among the registrant and Fictional
                  Gearworks, Inc.
        """ + SIGNATURE)
    assert [(e.number, e.description) for e in f.exhibits] == [
        ("1", "Agreement and Plan of Merger among the registrant and Fictional Gearworks, Inc."),
    ]


def test_entry_whose_description_starts_with_a_figure_is_not_swallowed():
    f = _text("""
        Item 7.  Financial Statements and Exhibits

             10.1  Employment Agreement between the registrant and Ada Quill.
             10.2  2001 Stock Option Plan of the registrant.
             10.3  $5,000,000 Promissory Note issued to Fictional Bank.
             10.4  press release of the registrant, in lower case.
        """ + SIGNATURE)
    assert [(e.number, e.description) for e in f.exhibits] == [
        ("10.1", "Employment Agreement between the registrant and Ada Quill."),
        ("10.2", "2001 Stock Option Plan of the registrant."),
        ("10.3", "$5,000,000 Promissory Note issued to Fictional Bank."),
    ]


def test_html_notes_and_figure_descriptions():
    html = """<html><body><p>FORM 8-K</p>
    <p>Date of Report (Date of earliest event reported): March 3, 2011</p>
    <p>Item 9.01 Financial Statements and Exhibits.</p>
    <p>NOTES TO CONSOLIDATED FINANCIAL STATEMENTS</p>
    <p>1.&nbsp;&nbsp;&nbsp;ORGANIZATION</p><p>Fictional Gearworks, Inc. makes brass gears.</p>
    <p>2.&nbsp;&nbsp;&nbsp;INVENTORIES</p><p>Inventories are stated at cost.</p>
    <p>3.&nbsp;&nbsp;&nbsp;INCOME TAXES</p><p>None are due.</p>
    <p>(d) Exhibits</p>
    <table><tr><td>Exhibit No.</td><td>Description</td></tr>
    <tr><td>10.1</td><td>2011 Stock Plan</td></tr></table>
    <p>99.1&nbsp;&nbsp;2010 Annual Letter to Fictional Shareholders</p>
    <p>99.2 Press release dated March 3, 2011<br>99.3 Press release dated March 3, 2011</p>
    <p>SIGNATURES</p></body></html>"""
    f = eightk.parse(html.encode(), facts=False)
    assert [(e.number, e.description) for e in f.exhibits] == [
        ("10.1", "2011 Stock Plan"),
        ("99.1", "2010 Annual Letter to Fictional Shareholders"),
        ("99.2", "Press release dated March 3, 2011"),
        ("99.3", "Press release dated March 3, 2011"),
    ]


def test_table_of_figures_is_not_an_entry():
    f = _text("""
        Item 7.  Financial Statements and Exhibits

             99.1  Press release dated March 3, 2001.

             1.2     3.4     5.6
        """ + SIGNATURE)
    assert [e.number for e in f.exhibits] == ["99.1"]


# --------------------------------------------------------------------------------------------
# exhibits named only in prose


def test_exhibit_named_in_prose_is_an_entry_when_attached():
    f = _submission("""
        Item 4.  Changes in Registrant's Certifying Accountant

             The registrant dismissed Fictional & Partners LLP. A copy of the letter
        of Fictional & Partners LLP is attached as Exhibit 16.
        """ + SIGNATURE, ["EX-16"])
    assert _listed(f) == [("16", 2)]
    assert f.exhibits[0].description is None
    span = f.exhibits[0].span
    assert span is not None and span.document == 1


def test_exhibit_named_in_prose_is_not_an_entry_when_not_attached():
    body = """
        Item 5.  Other Events

             The press release is filed herewith as Exhibit 99.1. The indenture was
        filed as Exhibit 4.1 to the registrant's Form 10-K.
        """ + SIGNATURE
    assert _submission(body, []).exhibits == []
    assert _text(body).exhibits == []
    assert _listed(_submission(body, ["EX-99.1"])) == [("99.1", 2)]


def test_prose_ranges_and_lists_of_exhibits():
    f = _submission("""
        Item 9.  Regulation FD Disclosure

             The release is furnished as Exhibit 99.01, and further figures are
        furnished as Exhibits 99.02 through 99.04. Exhibits 99.05 and 99.06
        hold the slides.
        """ + SIGNATURE, ["EX-99.01", "EX-99.02", "EX-99.03", "EX-99.04", "EX-99.05", "EX-99.06"])
    assert _listed(f) == [("99.01", 2), ("99.02", 3), ("99.03", 4), ("99.04", 5), ("99.05", 6), ("99.06", 7)]


def test_prose_entry_line_keeps_its_description_and_listed_exhibits_are_not_repeated():
    f = _submission("""
        Item 7.  Financial Statements and Exhibits

             99.1  Press release dated March 3, 2001.

        Item 9.  Regulation FD Disclosure

             The release is attached as Exhibit 99.1; the figures follow:

        Exhibit 99.2 Financial Highlights.
        """ + SIGNATURE, ["EX-99.1", "EX-99.2"])
    assert [(e.number, e.document, e.description) for e in f.exhibits] == [
        ("99.1", 2, "Press release dated March 3, 2001."),
        ("99.2", 3, "Financial Highlights."),
    ]


def test_prose_mention_then_entry_line_takes_the_line_description():
    f = _submission("""
        Item 12.  Results of Operations and Financial Condition

             The release is furnished as Exhibit 99.01; Exhibit 99.02 gives the figures.

             Exhibits

             Exhibit 99.01 Press Release.
             Exhibit 99.02 Financial Highlights.
        """ + SIGNATURE, ["EX-99.01", "EX-99.02"])
    assert [(e.number, e.document, e.description) for e in f.exhibits] == [
        ("99.01", 2, "Press Release."),
        ("99.02", 3, "Financial Highlights."),
    ]


# --------------------------------------------------------------------------------------------
# the corpus: attached exhibits linked, no junk entries


def junk(exhibits: list[Exhibit]) -> list[str]:
    """Entries that are not exhibits: a wrapped "Form 8-K" read as exhibit 8, a run of numbered
    notes ("1.", "2.", "3." with no attached document), one number listed twice, and an entry
    whose description holds the next entry ("... 10.2  2001 Stock Plan")."""
    out = [e.number for e in exhibits if re.match(r"\d{1,2}$", e.number) and re.match(r"[KQF]\b", e.description or "")]
    small = [e for e in exhibits if re.fullmatch(r"\d{1,2}", e.number) and int(e.number) <= 12 and e.document is None]
    if len(small) >= 3:
        out += [e.number for e in small]
    keys = [exhibit_key(e.number) for e in exhibits]
    out += [e.number for e, k in zip(exhibits, keys, strict=True) if keys.count(k) > 1]
    out += [e.number for e in exhibits if re.search(r"\s(?:Exhibit\s+)?\d{1,3}\.\d{1,2}\s{2,}\S", e.description or "")]
    return out


def test_junk_detector_finds_each_kind():
    def ex(number, description=None, document=None):
        return Exhibit(number=number, description=description, document=document)

    assert junk([ex("99.1", "Press release"), ex("99.2", "Press release"), ex("1", "Agreement")]) == []
    assert junk([ex("8", "K and incorporated herein")]) == ["8"]
    assert junk([ex("1", "ORGANIZATION"), ex("2", "INVENTORIES"), ex("3", "TAXES")]) == ["1", "2", "3"]
    assert junk([ex("99.1", "Release"), ex("99.01", "Release")]) == ["99.1", "99.01"]
    assert junk([ex("10.1", "Lease 10.2  2001 Stock Plan")]) == ["10.1"]


@pytest.mark.corpus
def test_corpus_attached_exhibits_are_linked_and_entries_are_exhibits(shared_dir, filing_rows):
    """Every 8-K of the corpus: no junk entries; and in every full submission, the attached
    EX- documents (not the XBRL 101/104 files) that an exhibit entry links to. Measured: 241 of 246
    linked (the 5 left: the filer listed another number than the document type it attached,
    or a typo such as "99..2")."""
    attached, linked, unlinked, bad = 0, 0, [], []
    for r in filing_rows:
        f = eightk.parse((shared_dir / "corpus" / r["file"]).read_bytes(), path=r["file"], facts=False)
        bad += [(r["file"], n) for n in junk(f.exhibits)]
        if r["hdr"] != "yes":
            continue
        docs = {e.document for e in f.exhibits if e.document is not None}
        for d in f.documents:
            t = (d.type or "").upper()
            if t.startswith("EX-") and not t.startswith(("EX-101", "EX-104")):
                attached += 1
                linked += d.sequence in docs
                if d.sequence not in docs:
                    unlinked.append((r["file"], d.type))
    assert attached >= 240
    assert linked / attached >= 0.97, unlinked
    assert bad == []

"""The 8-K grammar on short synthetic documents (fictional companies): items, cover page,
exhibits and signatures, in the layouts EDGAR filers used."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest

import eightk
from eightk.documents.blocks import Block, Cell, DocumentView
from eightk.model import Filing, Source
from eightk.parser import parse_view
from eightk.parser.states import state_code


def parse_text(body: str) -> Filing:
    return eightk.parse(textwrap.dedent(body).encode(), facts=False)


# --------------------------------------------------------------------------------------------
# states (dates: tests/test_dates.py)


@pytest.mark.parametrize("raw, code", [
    ("Delaware", "DE"), ("DELAWARE", "DE"), ("Del.", "DE"), ("State of New York", "NY"),
    ("Commonwealth of Pennsylvania", "PA"), ("West Virginia", "WV"), ("Puerto Rico", "PR"), ("NV", "NV"),
    ("Bermuda", None), ("Ontario", None),
])
def test_state_codes(raw, code):
    assert state_code(raw) == code


# --------------------------------------------------------------------------------------------
# items

COVER = """\
                      SECURITIES AND EXCHANGE COMMISSION
                            WASHINGTON, D.C. 20549

                                   FORM 8-K

      Date of Report (Date of earliest event reported): March 3, 1999
                                                        -------------

                          QUILLFEATHER INDUSTRIES, INC.
                          -----------------------------
            (Exact name of registrant as specified in its charter)

          Ohio                       1-12345                31-7654321
          ----                       -------                ----------
(State or other jurisdiction     (Commission File      (IRS Employer
     of incorporation)               Number)            Identification No.)

      400 Lantern Way, Suite 9, Dayton, Ohio                    45402
      --------------------------------------                    -----
      (Address of principal executive offices)               (Zip Code)

      Registrant's telephone number, including area code: (937) 555-0100

                                     N/A
      -------------------------------------------------------------
      (Former name or former address, if changed since last report)
"""


def test_heading_variants():
    f = parse_text(COVER + """
Item 2:  Acquisition or Disposition of Assets

     The registrant bought a fictional mill.

ITEM 4 - CHANGES IN REGISTRANT'S CERTIFYING ACCOUNTANT

     The registrant changed auditors.

Item5.  Other Events.

     Something else happened, as described under Item 2 above and as
Item 404 of Regulation S-K would require.

Item 7.
Financial Statements and Exhibits

     None.
""")
    assert [i.code for i in f.items] == ["2", "4", "5", "7"]
    titles = [i.title for i in f.items]
    assert titles == ["Acquisition or Disposition of Assets", "CHANGES IN REGISTRANT'S CERTIFYING ACCOUNTANT",
                      "Other Events", "Financial Statements and Exhibits"]
    assert f.items[0].text == "The registrant bought a fictional mill."
    assert "Item 404 of Regulation S-K" in f.items[2].text
    assert f.items[3].text == "None."  # a heading followed by "None." is still an item


def test_prose_mentions_are_not_headings():
    f = parse_text(COVER + """
Item 9.  Regulation FD Disclosure

     The information in this report is furnished under
Item 12 of Form 8-K and shall not be deemed filed. See also
Item 404 of Regulation S-K.
""")
    assert [i.code for i in f.items] == ["9"]


def test_modern_codes_and_multi_item_heading():
    f = parse_text(COVER.replace("1999", "2006") + """
Items 2.02 and 9.01  Results of Operations and Financial Condition; Financial Statements and Exhibits

     On March 3, 2006 the registrant released its results.

Item 5.02(b)  Departure of Directors

     A director resigned.
""")
    assert [(i.code, i.scheme, i.equivalent) for i in f.items] == [
        ("2.02", "modern", "12"), ("9.01", "modern", "7"), ("5.02", "modern", "6"),
    ]
    assert f.items[0].text == f.items[1].text == "On March 3, 2006 the registrant released its results."


def test_blanket_not_applicable_line():
    f = parse_text(COVER + """
Item 5.  Other Events

     The registrant renamed a product.

Items 1 through 4, 6 and 8.  Not applicable.

Item 7.  Financial Statements and Exhibits

     (c) Exhibits: none.
""")
    assert [i.code for i in f.items] == ["5", "7"]
    assert f.items_not_applicable == ["1", "2", "3", "4", "6", "8"]
    assert "Not applicable" not in f.items[0].text


def test_item_text_ends_at_signatures_and_index():
    f = parse_text(COVER + """
ITEM 5.  OTHER EVENTS

     The registrant opened a store.

                                  SIGNATURES

     Pursuant to the requirements of the Securities Exchange Act of 1934, the
registrant has duly caused this report to be signed on its behalf by the
undersigned hereunto duly authorized.

                                     QUILLFEATHER INDUSTRIES, INC.

                                     By: /s/ Ada Brightwater
                                         Ada Brightwater, Treasurer
""")
    (item,) = f.items
    assert item.text == "The registrant opened a store."


def test_table_of_contents_line_is_not_a_heading():
    f = parse_text(COVER + """
                                     INDEX
Item 5 - Other Events .......................................   3

ITEM 5 -- OTHER EVENTS

     The registrant moved its offices.
""")
    (item,) = f.items
    assert item.title == "OTHER EVENTS" and item.text == "The registrant moved its offices."


# --------------------------------------------------------------------------------------------
# cover page


def test_cover_three_columns_values_above_captions():
    f = parse_text(COVER + "\nItem 5.  Other Events\n\n     Text.\n")
    assert f.date_of_report == dt.date(1999, 3, 3)
    (r,) = f.registrants
    assert (r.name, r.state_of_incorporation, r.commission_file_number, r.irs_employer_id) == (
        "QUILLFEATHER INDUSTRIES, INC.", "OH", "1-12345", "31-7654321")
    assert (r.address.street, r.address.city, r.address.state, r.address.zip) == (
        "400 Lantern Way, Suite 9", "Dayton", "OH", "45402")
    assert r.phone == "(937) 555-0100"
    assert r.former_name is None


def test_cover_caption_colon_layout_and_foreign_state():
    f = parse_text("""\
FORM 8-K
CURRENT REPORT

Date of Report: 12/01/00

Commission File Number:  0-55555

Harborlight Maritime Ltd.
(Exact name of registrant as specified in its charter)

Bermuda                                        98-0123456
(State or Other Jurisdiction of            (I.R.S. Employer
     Incorporation)                        Identification No.)

Registrant's telephone number, including area code:
(441) 555-0199

Former Harborlight Shipping Ltd.
- ----------------------------------------------------------
(Former name or former address, if changed since last report)

ITEM 5. OTHER EVENTS.

Nothing much.
""")
    assert f.date_of_report == dt.date(2000, 12, 1)
    (r,) = f.registrants
    assert r.name == "Harborlight Maritime Ltd."
    assert r.commission_file_number == "0-55555"
    assert r.state_of_incorporation == "Bermuda"  # foreign jurisdictions as written
    assert r.irs_employer_id == "98-0123456"
    assert r.phone == "(441) 555-0199"
    assert r.former_name == "Former Harborlight Shipping Ltd."


def test_cover_stacked_captions_and_date_above_caption():
    f = parse_text("""\
                                   Form 8-K

                               October 2, 1997
                              (Date of Report)

                          MARBLEHEAD WIDGETS CORP.
            (Exact name of registrant as specified in its charter)

                                   Nevada
                    ---------------------------------------
                    (State of incorporation or organization)

          0-4444                                       88-0111222
   ------------------------             ------------------------------------
   (Commission File Number)             (I.R.S. Employer Identification No.)

ITEM 1.  CHANGES IN CONTROL OF REGISTRANT

     A fictional holder bought control.
""")
    assert f.date_of_report == dt.date(1997, 10, 2)
    (r,) = f.registrants
    assert (r.name, r.state_of_incorporation, r.commission_file_number, r.irs_employer_id) == (
        "MARBLEHEAD WIDGETS CORP.", "NV", "0-4444", "88-0111222")


def test_combined_cover_table():
    f = parse_text("""\
Date of Report (Date of earliest event reported)         June 5, 2006

Commission       Registrant, State of Incorporation,       I.R.S. Employer
File Number      Address and Telephone Number              Identification No.

1-1111           Northwind Power Holding Company           11-1111111
                 (A Delaware Corporation)
                 1 Gale Street
                 Springfield, Illinois 62701
                 (217) 555-0101

0-2222           Northwind Electric Company                22-2222222
                 (An Iowa Corporation)
                 2 Breeze Avenue
                 Ames, Iowa 50010
                 (515) 555-0102

Item 8.01 Other Events

The registrants did something.
""")
    assert [(r.name, r.state_of_incorporation, r.commission_file_number, r.irs_employer_id) for r in f.registrants] == [
        ("Northwind Power Holding Company", "DE", "1-1111", "11-1111111"),
        ("Northwind Electric Company", "IA", "0-2222", "22-2222222"),
    ]
    assert f.registrants[1].address.city == "Ames" and f.registrants[1].address.zip == "50010"
    assert f.registrants[1].phone == "(515) 555-0102"


# --------------------------------------------------------------------------------------------
# exhibits


def test_exhibits_list_and_index_deduplicated_sgml_table_and_wrapping():
    f = parse_text(COVER + """
Item 7.  Financial Statements and Exhibits

     (c) Exhibits

     4.1   Indenture between the registrant and a fictional trustee, dated
           March 1, 1999.
     99.1  Press release dated March 3, 1999.

                                  SIGNATURES

     Pursuant to the requirements of the Securities Exchange Act of 1934, the
registrant has duly caused this report to be signed on its behalf by the
undersigned hereunto duly authorized.

                                     QUILLFEATHER INDUSTRIES, INC.

Date: March 4, 1999                  By: /s/ Ada Brightwater
                                         Ada Brightwater
                                         Treasurer
<PAGE>
                                EXHIBIT INDEX
<TABLE>
<CAPTION>
Exhibit No.      Description
<S>              <C>
4.1              Indenture between the registrant and a fictional trustee,
                 dated March 1, 1999.

99.1             Press release dated March 3, 1999.

99.2             Slides shown to fictional analysts.
</TABLE>
""")
    assert [e.number for e in f.exhibits] == ["4.1", "99.1", "99.2"]
    assert f.exhibits[0].description == "Indenture between the registrant and a fictional trustee, dated March 1, 1999."
    assert f.exhibits[2].description == "Slides shown to fictional analysts."


def test_exhibit_number_forms():
    f = parse_text(COVER + """
ITEM 7.  EXHIBITS

         (c)     Exhibits

                 12(c) --   Statement re: computation of ratios

                 Exhibit 23 - Consent of a fictional auditor

                 99    Letter to fictional shareholders
""")
    assert [(e.number, e.description) for e in f.exhibits] == [
        ("12(c)", "Statement re: computation of ratios"),
        ("23", "Consent of a fictional auditor"),
        ("99", "Letter to fictional shareholders"),
    ]


def _submission(doc_8k: str, exhibits: list[tuple[str, str]], *, header_extra: str = "") -> bytes:
    docs = [f"<DOCUMENT>\n<TYPE>8-K\n<SEQUENCE>1\n<FILENAME>a.txt\n<TEXT>\n{doc_8k}\n</TEXT>\n</DOCUMENT>\n"]
    for k, (typ, body) in enumerate(exhibits, start=2):
        docs.append(f"<DOCUMENT>\n<TYPE>{typ}\n<SEQUENCE>{k}\n<FILENAME>e{k}.txt\n<TEXT>\n{body}\n</TEXT>\n</DOCUMENT>\n")
    header = (
        "<SEC-DOCUMENT>0000000000-99-000001.txt : 19990305\n<SEC-HEADER>0000000000-99-000001.hdr.sgml : 19990305\n"
        "ACCESSION NUMBER:\t\t0000000000-99-000001\nCONFORMED SUBMISSION TYPE:\t8-K\n"
        f"PUBLIC DOCUMENT COUNT:\t\t{len(docs)}\nCONFORMED PERIOD OF REPORT:\t19990303\n"
        f"FILED AS OF DATE:\t\t19990305\n{header_extra}</SEC-HEADER>\n"
    )
    return (header + "".join(docs) + "</SEC-DOCUMENT>\n").encode()


def test_exhibits_link_to_attached_documents():
    body = textwrap.dedent(COVER) + """
Item 7.  Financial Statements and Exhibits

     99.01  Press release.
     99(a)  Letter.
     10.1   Lease.
"""
    data = _submission(body, [("EX-99.1", "release text"), ("EX-99.(A)", "letter text")])
    f = eightk.parse(data, facts=False)
    assert [(e.number, e.document) for e in f.exhibits] == [("99.01", 2), ("99(a)", 3), ("10.1", None)]


# --------------------------------------------------------------------------------------------
# signatures

SIG_HEAD = """
ITEM 5.  OTHER EVENTS

     Text.

                                  SIGNATURES

     Pursuant to the requirements of the Securities Exchange Act of 1934, the
registrant has duly caused this report to be signed on its behalf by the
undersigned hereunto duly authorized.
"""


def test_signature_labels_in_any_order_and_several_signers():
    f = parse_text(COVER + SIG_HEAD + """
                                     QUILLFEATHER INDUSTRIES, INC.

                                     By:    /s/ Ada Brightwater
                                     Title: Treasurer
                                     Name:  Ada Brightwater
                                     Date:  March 4, 1999

                                     By:    /s/ Cyrus Okafor-Lindqvist
                                     Name:  Cyrus Okafor-Lindqvist
                                     Title: Chief Executive Officer and
                                            President
                                     Date:  March 5, 1999
""")
    assert [(s.name, s.title, s.date, s.conformed) for s in f.signatures] == [
        ("Ada Brightwater", "Treasurer", dt.date(1999, 3, 4), True),
        ("Cyrus Okafor-Lindqvist", "Chief Executive Officer and President", dt.date(1999, 3, 5), True),
    ]
    assert {s.registrant for s in f.signatures} == {"QUILLFEATHER INDUSTRIES, INC."}


def test_signature_without_name_line_and_date_column():
    f = parse_text(COVER + SIG_HEAD + """
                                     QUILLFEATHER INDUSTRIES, INC.
                                     -----------------------------
                                            (Registrant)

March 4, 1999                        By: /S/ ADA BRIGHTWATER
- -------------                           ---------------------
Date                                     Ada Brightwater
                                         Vice President, Finance
                                         and Treasurer
""")
    (s,) = f.signatures
    assert (s.registrant, s.name, s.title, s.date, s.conformed) == (
        "QUILLFEATHER INDUSTRIES, INC.", "Ada Brightwater", "Vice President, Finance and Treasurer",
        dt.date(1999, 3, 4), True)


def test_unconformed_signature():
    f = parse_text(COVER + SIG_HEAD + """
QUILLFEATHER INDUSTRIES, INC.

By: Ada Brightwater
Its: Treasurer
Dated: March 4, 1999
""")
    (s,) = f.signatures
    assert (s.name, s.title, s.date, s.conformed) == ("Ada Brightwater", "Treasurer", dt.date(1999, 3, 4), False)


# --------------------------------------------------------------------------------------------
# the same grammar over HTML-like blocks (rows with cells)


def test_grammar_reads_rows_with_cells():
    parts: list[tuple[str, list[str] | None]] = [
        ("Date of Report (Date of earliest event reported): May 2, 2007", None),
        ("Tinderbox Analytics, Inc.", None),
        ("(Exact name of registrant as specified in its charter)", None),
        ("", ["Maryland", "001-33333", "52-1234567"]),
        ("", ["(State or other jurisdiction of incorporation)", "(Commission File Number)",
              "(IRS Employer Identification No.)"]),
        ("Item 1.01 Entry into a Material Definitive Agreement.", None),
        ("The registrant signed a fictional lease.", None),
    ]
    text, blocks = "", []
    for para, cells in parts:
        if cells is None:
            blocks.append(Block(text=para, start=len(text), end=len(text) + len(para), kind="paragraph"))
            text += para + "\n"
        else:
            cs, row_start = [], len(text)
            for c in cells:
                cs.append(Cell(text=c, start=len(text), end=len(text) + len(c)))
                text += c + " "
            blocks.append(Block(text=text[row_start:].strip(), start=row_start, end=len(text) - 1, kind="row", cells=cs))
            text += "\n"
    view = DocumentView(text=text, blocks=blocks, format="html", sequence=1)
    f = Filing(source=Source(sha256="0" * 64, size=len(text), container="document"))
    parse_view(view, f)
    assert f.date_of_report == dt.date(2007, 5, 2)
    (r,) = f.registrants
    assert (r.name, r.state_of_incorporation, r.commission_file_number, r.irs_employer_id) == (
        "Tinderbox Analytics, Inc.", "MD", "001-33333", "52-1234567")
    (item,) = f.items
    assert (item.code, item.title, item.text) == (
        "1.01", "Entry into a Material Definitive Agreement", "The registrant signed a fictional lease.")


def test_joint_headings_sub_paragraphs_long_titles_and_toc_without_pages():
    f = parse_text(COVER.replace("1999", "2011") + """
TABLE OF CONTENTS
Item 1.01 Entry into a Material Definitive Agreement
Item 9.01 Financial Statements and Exhibits
SIGNATURES

Item 1.01 Entry into a Material Definitive Agreement;
Item 2.03 Creation of a Direct Financial Obligation

     The registrant borrowed from a fictional bank.

Item 5.02(b) and (c). Departure of Directors or Certain Officers; Election of Directors; Appointment of Certain Officers; Compensatory Arrangements of Certain Officers

     A fictional officer retired.

Item 9.01(d). Financial Statements and Exhibits.

     99.1  Press release.

                                  SIGNATURES

     Pursuant to the requirements of the Securities Exchange Act of 1934, the
registrant has duly caused this report to be signed on its behalf by the
undersigned hereunto duly authorized.

                                     By: /s/ Ada Brightwater
                                     Name: Ada Brightwater
                                     Title: Treasurer
""")
    assert [i.code for i in f.items] == ["1.01", "2.03", "5.02", "9.01"]
    by = {i.code: i for i in f.items}
    assert by["1.01"].text == by["2.03"].text == "The registrant borrowed from a fictional bank."
    assert by["5.02"].title.startswith("Departure of Directors") and by["5.02"].text == "A fictional officer retired."
    assert by["9.01"].title == "Financial Statements and Exhibits"
    assert [e.number for e in f.exhibits] == ["99.1"]
    assert [s.name for s in f.signatures] == ["Ada Brightwater"]


def test_same_exhibit_under_two_numbers_is_one_and_takes_the_attached_number():
    body = textwrap.dedent(COVER) + """
Item 7.  Financial Statements and Exhibits

     1.  Agreement and Plan of Merger among the registrant and Fictional
         Target, Inc.

                                EXHIBIT INDEX

99.1 Agreement and Plan of Merger among the registrant and Fictional Target,
     Inc.
"""
    f = eightk.parse(_submission(body, [("EX-99.1", "merger agreement text")]), facts=False)
    assert [(e.number, e.document) for e in f.exhibits] == [("99.1", 2)]
    assert f.exhibits[0].description == "Agreement and Plan of Merger among the registrant and Fictional Target, Inc."


def test_foreign_address_and_international_phone():
    f = parse_text("""\
Date of Report (Date of earliest event reported): January 9, 2020

                         Lotusgate Holdings Ltd.
         (Exact name of registrant as specified in its charter)

  Nevada                        000-77777                     98-7654321
(State or other          (Commission File Number)        (IRS Employer
jurisdiction)                                            Identification No.)

      Room 12, Harbour Tower, 8 Fictional Road, Kowloon, Hong Kong
      (Address of principal executive offices)

                           +852 5555 0123
         (Registrant's telephone number, including area code)

Item 8.01 Other Events

Text.
""")
    (r,) = f.registrants
    assert (r.address.street, r.address.city, r.address.country) == (
        "Room 12, Harbour Tower, 8 Fictional Road", "Kowloon", "Hong Kong")
    assert r.phone == "+852 5555 0123"
    assert r.state_of_incorporation == "NV"


def test_inline_captions_without_colons_and_two_on_a_line():
    f = parse_text("""\
                                   FORM 8-K
              Date of Report (Date of earliest event reported)
                                 July 7, 1997

                        BRIGHTWATER CANNERY COMPANY
           (Exact name of registrant as specified in its charter)

                                  Oregon
              (State or other jurisdiction of incorporation)

Commission File No. 0-13579        I.R.S. Employer Identification No. 93-1112223

ITEM 5.  OTHER EVENTS

     The registrant bought a fictional boat.
""")
    assert f.date_of_report == dt.date(1997, 7, 7)
    (r,) = f.registrants
    assert (r.name, r.state_of_incorporation, r.commission_file_number, r.irs_employer_id) == (
        "BRIGHTWATER CANNERY COMPANY", "OR", "0-13579", "93-1112223")


def test_spelled_out_and_numbered_item_headings():
    f = parse_text(COVER + """
ITEM FIVE.  OTHER EVENTS

     The registrant sold a fictional warehouse.

Item No. 7  Financial Statements and Exhibits

     None.

     The item five above is complete.
""")
    assert [(i.code, i.title) for i in f.items] == [("5", "OTHER EVENTS"), ("7", "Financial Statements and Exhibits")]


def test_single_item_not_applicable_is_an_item_without_title():
    f = parse_text(COVER + """
Item 3.  Not applicable.

Item 5.  Other Events

     A fictional event.
""")
    assert [(i.code, i.title, i.text) for i in f.items] == [
        ("3", None, "Not applicable."), ("5", "Other Events", "A fictional event."),
    ]
    assert f.items_not_applicable == []


def test_lone_document_takes_its_form_type_from_the_cover():
    import eightk

    text = b"SECURITIES AND EXCHANGE COMMISSION\n\n        FORM 8-K/A\n\n  CURRENT REPORT\n\nItem 8.01 Other Events.\n\nNone.\n"
    assert eightk.parse(text).form_type == "8-K/A"
    html = b"<html><body><p>UNITED STATES</p><p><b>FORM</b></p><p><b>8-K</b></p><p>Item 8.01 Other Events</p></body></html>"
    assert eightk.parse(html).form_type == "8-K"
    prose = b"Item 8.01 Other Events.\n\nWe filed a report on Form 8-K last year.\n"
    assert eightk.parse(prose).form_type is None

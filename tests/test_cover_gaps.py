"""Cover-page patterns that real 8-Ks print and the reader once got wrong (issue "Reading gaps"):
former names, phone numbers, two report dates, names wrapped over two lines, old layouts and
addresses. Every cover here is synthetic (fictional companies, numbers and people)."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest

import eightk
from eightk.model import Filing, Registrant


def text_filing(body: str) -> Filing:
    return eightk.parse(textwrap.dedent(body).encode(), facts=False)


def html_filing(body: str) -> Filing:
    return eightk.parse(f"<html><body>{body}</body></html>".encode(), facts=False)


def one(filing: Filing) -> Registrant:
    assert len(filing.registrants) == 1, filing.registrants
    return filing.registrants[0]


HEAD = """\
                       SECURITIES AND EXCHANGE COMMISSION
                             Washington, D.C. 20549
                                    FORM 8-K
                                 CURRENT REPORT
"""

ITEM = """
    Item 8.01.  Other Events.

    The Company moved its warehouse to a new site.
"""


def cover(middle: str, date_line: str = "Date of Report (Date of earliest event reported): March 3, 2011") -> str:
    return HEAD + "\n" + date_line + "\n\n" + textwrap.dedent(middle) + ITEM


STANDARD = """\
                          BLUE HERON OUTFITTERS, INC.
    ------------------------------------------------------------------
            (Exact name of registrant as specified in its charter)

        Delaware                  0-41234                  84-1234567
    ----------------         ---------------         -------------------
    (State or other          (Commission File         (I.R.S. Employer
    jurisdiction of            Number)                Identification No.)
    incorporation)

    410 Lakeshore Drive, Suite 12, Fernwood, Colorado          80499
    (Address of principal executive offices)                (Zip Code)
"""


# --------------------------------------------------------------------------------------------
# former name


@pytest.mark.parametrize("value", ["N/A", "Not Applicable", "Inapplicable", "None", "n/a", "Not applicable.", ""])
def test_former_name_none_values_are_null(value):
    f = text_filing(cover(STANDARD + f"""
        (303) 555-0142
        (Registrant's telephone number, including area code)

        {value}
        (Former name or former address, if changed since last report)
    """))
    r = one(f)
    assert r.former_name is None and r.former_address is None
    assert r.phone == "(303) 555-0142"


def test_former_name_blank_does_not_take_the_phone_caption_line():
    # the phone printed on its caption's line; nothing above the former-name caption
    f = text_filing(cover(STANDARD + """
        Registrant's telephone number, including area code: (303) 555-0142

        (Former name or former address, if changed since last report)
    """))
    r = one(f)
    assert r.former_name is None
    assert r.phone == "(303) 555-0142"


def test_former_name_blank_does_not_take_the_address_line():
    # no phone block at all: the line above the former caption is the address caption
    f = text_filing(cover(STANDARD + """
        (Former name or former address, if changed since last report)
    """))
    r = one(f)
    assert r.former_name is None and r.former_address is None
    assert r.address is not None and r.address.zip == "80499"


def test_former_name_is_a_company_name():
    f = text_filing(cover(STANDARD + """
        (303) 555-0142
        (Registrant's telephone number, including area code)

        Blue Heron Trading Company
        (Former name or former address, if changed since last report)
    """))
    assert one(f).former_name == "Blue Heron Trading Company"


def test_former_address_goes_to_its_own_field():
    f = text_filing(cover(STANDARD + """
        (303) 555-0142
        (Registrant's telephone number, including area code)

        77 Old Mill Road, Greyton, Colorado 80411
        (Former name or former address, if changed since last report)
    """))
    r = one(f)
    assert r.former_name is None
    assert r.former_address is not None
    assert (r.former_address.street, r.former_address.city, r.former_address.state, r.former_address.zip) == (
        "77 Old Mill Road", "Greyton", "CO", "80411")


def test_formerly_known_as_under_the_name():
    f = html_filing("""
        <p>FORM 8-K</p><p>Date of Report (Date of earliest event reported): March 3, 2011</p>
        <p>Quill Harbor Holdings Corp.</p><p>(Formerly known as Quill Mining Corp.)</p>
        <p>(Exact name of registrant as specified in its charter)</p>
        <table><tr><td>Nevada</td><td>000-55123</td><td>27-7654321</td></tr>
        <tr><td>(State of incorporation)</td><td>(Commission File Number)</td><td>(IRS Employer Identification No.)</td></tr></table>
        <p>Item 8.01 Other Events</p><p>Text.</p>""")
    r = one(f)
    assert r.name == "Quill Harbor Holdings Corp."
    assert r.former_name == "Quill Mining Corp."


# --------------------------------------------------------------------------------------------
# phone


def test_phone_printed_above_its_caption():
    f = text_filing(cover(STANDARD + """
        (303) 555-0142
        ------------------------------------------------
        (Registrant's telephone number, including area code)
    """))
    assert one(f).phone == "(303) 555-0142"


def test_phone_on_the_caption_line_without_colon():
    f = text_filing(cover(STANDARD + """
        Registrant's telephone number, including area code (303) 555-0142

        Not Applicable
        (Former name or former address, if changed since last report)
    """))
    r = one(f)
    assert r.phone == "(303) 555-0142" and r.former_name is None


MARIGOLD = """
        <p>FORM 8-K</p><p>Date of Report (Date of earliest event reported): May 9, 2016</p>
        <p>Marigold Freight Lines, Inc.</p><p>(Exact name of registrant as specified in its charter)</p>
        <table><tr><td>Ohio</td><td>001-39876</td><td>31-2223334</td></tr>
        <tr><td>(State or other jurisdiction of incorporation)</td><td>(Commission File Number)</td>
        <td>(I.R.S. Employer Identification No.)</td></tr></table>"""


def test_phone_on_the_line_after_a_colon_caption_html():
    f = html_filing(MARIGOLD + """
        <p>900 Canal Street, Dayton, Ohio 45402</p><p>(Address of principal executive offices) (Zip Code)</p>
        <p>Registrant\u2019s telephone number, including area code:</p><p>(937) 555-0188</p>
        <p>(Former name or former address, if changed since last report)</p>
        <p>Item 8.01 Other Events</p><p>Text.</p>""")
    r = one(f)
    assert r.phone == "(937) 555-0188"
    assert r.former_name is None


def test_phone_in_the_same_cell_as_its_caption_html():
    f = html_filing(MARIGOLD + """
        <table><tr><td>Registrant\u2019s telephone number, including area code: (937) 555-0188</td></tr></table>
        <p>N/A</p><p>(Former name or former address, if changed since last report)</p>
        <p>Item 8.01 Other Events</p><p>Text.</p>""")
    r = one(f)
    assert r.phone == "(937) 555-0188"
    assert r.former_name is None


def test_address_and_phone_under_one_caption():
    f = text_filing(cover("""
        Heronsgate Mills, Inc.
        (Exact name of registrant as specified in its charter)

        Delaware
        (State of incorporation or organization)

        001-12345
        (Commission File Number)

        71-0000123
        (IRS Employer Identification No.)

        12 Weaver Lane, Millbrook, AR 72000-1234
        (479) 555-0100
        (Address, including zip code, and telephone number, including area code, of
        Registrant's principal executive offices)

        Not applicable
        (Former name, former address and former fiscal year, if applicable)
    """))
    r = one(f)
    assert r.phone == "(479) 555-0100"
    assert r.address is not None and (r.address.city, r.address.state, r.address.zip) == ("Millbrook", "AR", "72000-1234")
    assert r.former_name is None


# --------------------------------------------------------------------------------------------
# report dates


def test_two_report_dates_on_one_line():
    f = text_filing(cover(STANDARD, date_line="Date of Report (Date of earliest event reported): "
                          "January 10, 2005 (January 7, 2005)"))
    assert f.report_dates == [dt.date(2005, 1, 10), dt.date(2005, 1, 7)]
    assert f.date_of_report == dt.date(2005, 1, 7)


def test_two_report_dates_on_two_lines():
    f = text_filing(cover(STANDARD, date_line="Date of Report (Date of earliest event reported): "
                          "January 10, 2005\n                 (January 7, 2005)"))
    assert f.report_dates == [dt.date(2005, 1, 10), dt.date(2005, 1, 7)]
    assert f.date_of_report == dt.date(2005, 1, 7)


def test_two_report_dates_html_rows():
    f = html_filing("""
        <p>FORM 8-K</p>
        <table><tr><td>Date of Report (Date of earliest event reported):</td><td>January 10, 2005</td></tr>
        <tr><td></td><td>(January 7, 2005)</td></tr></table>
        <p>Tallgrass Signal Corp.</p><p>(Exact name of registrant as specified in its charter)</p>
        <p>Item 8.01 Other Events</p><p>Text.</p>""")
    assert f.report_dates == [dt.date(2005, 1, 10), dt.date(2005, 1, 7)]
    assert f.date_of_report == dt.date(2005, 1, 7)


def test_one_report_date():
    f = text_filing(cover(STANDARD))
    assert f.report_dates == [dt.date(2011, 3, 3)] and f.date_of_report == dt.date(2011, 3, 3)


# --------------------------------------------------------------------------------------------
# names and old layouts


def test_name_wrapped_over_two_lines():
    f = text_filing(cover("""
                       GENERAL INDUSTRIAL MACHINES
                               CORPORATION
    ------------------------------------------------------------------
            (Exact name of registrant as specified in its charter)

        Delaware                  0-41234                  84-1234567
    (State of incorporation)  (Commission File Number)  (IRS Employer Identification No.)
    """))
    assert one(f).name == "GENERAL INDUSTRIAL MACHINES CORPORATION"


def test_name_wrapped_over_two_rows_html():
    f = html_filing("""
        <p>FORM 8-K</p><p>Date of Report (Date of earliest event reported): May 9, 2016</p>
        <table><tr><td>NORTHERN PLAINS RAIL &amp;</td></tr><tr><td>TERMINAL COMPANY</td></tr>
        <tr><td>(Exact name of registrant as specified in its charter)</td></tr></table>
        <p>Item 8.01 Other Events</p><p>Text.</p>""")
    assert one(f).name == "NORTHERN PLAINS RAIL & TERMINAL COMPANY"


def test_commission_file_number_on_the_line_before_the_number():
    f = text_filing(cover("""
        PINECREST DAIRY COOPERATIVE, INC.
        (Exact name of registrant as specified in its charter)

        Wisconsin                                  39-1112223
        (State of incorporation)                   (I.R.S. Employer Identification No.)

        Commission File Number
        0-17788
    """))
    r = one(f)
    assert (r.state_of_incorporation, r.commission_file_number, r.irs_employer_id) == ("WI", "0-17788", "39-1112223")


def test_three_columns_with_dashed_rules_between_values_and_captions():
    f = text_filing(cover(STANDARD))
    r = one(f)
    assert (r.name, r.state_of_incorporation, r.commission_file_number, r.irs_employer_id) == (
        "BLUE HERON OUTFITTERS, INC.", "DE", "0-41234", "84-1234567")


def test_captions_above_values_1990s():
    f = text_filing(cover("""
        (Exact name of registrant as specified in its charter)
        OSPREY VALLEY BANCORP

        (State or other jurisdiction     (Commission        (I.R.S. Employer
         of incorporation)                File Number)       Identification No.)
        Pennsylvania                      0-19876            23-2345678

        (Address of principal executive offices)         (Zip Code)
        18 Market Square, Lewisburg, Pennsylvania         17837
    """))
    r = one(f)
    assert (r.name, r.state_of_incorporation, r.commission_file_number, r.irs_employer_id) == (
        "OSPREY VALLEY BANCORP", "PA", "0-19876", "23-2345678")


# --------------------------------------------------------------------------------------------
# addresses


def test_address_with_doubled_spaces_keeps_street_and_city_whole():
    f = text_filing(cover("""
        Canyon Glass Works, Inc.
        (Exact name of registrant as specified in its charter)

        24843  Del  Prado,  Dana  Point,  CA  92629
        (Address of principal executive offices)
    """))
    a = one(f).address
    assert a is not None
    assert (a.street, a.city, a.state, a.zip) == ("24843 Del Prado", "Dana Point", "CA", "92629")


def test_ixbrl_former_address_is_not_mixed_into_the_address():
    f = html_filing("""
        <p>FORM 8-K</p>
        <p>Date of Report (Date of earliest event reported): <ix:nonNumeric name="dei:DocumentPeriodEndDate"
           contextRef="c1" format="ixt:date-monthname-day-year-en">June 2, 2023</ix:nonNumeric></p>
        <p><ix:nonNumeric name="dei:EntityRegistrantName" contextRef="c1">Saltmarsh Analytics Inc.</ix:nonNumeric></p>
        <p>(Exact name of registrant as specified in its charter)</p>
        <p><ix:nonNumeric name="dei:EntityAddressAddressLine1" contextRef="c1">5 Harbor Way</ix:nonNumeric>,
           <ix:nonNumeric name="dei:EntityAddressCityOrTown" contextRef="c1">Portside</ix:nonNumeric>,
           <ix:nonNumeric name="dei:EntityAddressPostalZipCode" contextRef="c1">04101</ix:nonNumeric></p>
        <p>(Address of principal executive offices) (Zip Code)</p>
        <p><ix:nonNumeric name="dei:EntityAddressAddressLine1" contextRef="c1">90 Elm Street</ix:nonNumeric>,
           <ix:nonNumeric name="dei:EntityAddressCityOrTown" contextRef="c1">Oldtown</ix:nonNumeric>,
           <ix:nonNumeric name="dei:EntityAddressStateOrProvince" contextRef="c1">VT</ix:nonNumeric></p>
        <p>(Former name or former address, if changed since last report)</p>
        <p>Item 8.01 Other Events</p><p>Text.</p>""")
    r = one(f)
    assert r.address is not None and (r.address.street, r.address.city, r.address.state) == ("5 Harbor Way", "Portside", None)
    assert r.former_address is not None
    assert (r.former_address.street, r.former_address.city, r.former_address.state) == ("90 Elm Street", "Oldtown", "VT")


def test_phone_beside_its_bracketed_caption():
    f = text_filing(cover(STANDARD + """
        (Registrant's telephone number, including area code)       800-555-0199
    """))
    assert one(f).phone == "800-555-0199"

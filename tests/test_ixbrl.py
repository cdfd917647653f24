"""Inline XBRL: fact reading and transforms (documents.ixbrl), dei cover facts into the filing
(parser.ixbrl_cover). Synthetic covers of fictional companies."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

import eightk
from eightk.documents.blocks import DocumentView
from eightk.documents.html import html_view
from eightk.documents.ixbrl import _EXCHANGES, _exchange, transform
from eightk.parser.ixbrl_cover import _visible

CTX = (
    "<ix:resources>"
    "<xbrli:context id='c0'><xbrli:entity><xbrli:identifier scheme='http://www.sec.gov/CIK'>0000000001"
    "</xbrli:identifier></xbrli:entity><xbrli:period><xbrli:startDate>2024-05-01</xbrli:startDate>"
    "<xbrli:endDate>2024-05-01</xbrli:endDate></xbrli:period></xbrli:context>"
    "<xbrli:context id='c1'><xbrli:entity><xbrli:identifier scheme='http://www.sec.gov/CIK'>0000000001"
    "</xbrli:identifier><xbrli:segment><xbrldi:explicitMember dimension='dei:LegalEntityAxis'>"
    "zz:SubsidiaryUtilityMember</xbrldi:explicitMember></xbrli:segment></xbrli:entity><xbrli:period>"
    "<xbrli:startDate>2024-05-01</xbrli:startDate><xbrli:endDate>2024-05-01</xbrli:endDate></xbrli:period>"
    "</xbrli:context>"
    "<xbrli:context id='c2'><xbrli:entity><xbrli:identifier scheme='http://www.sec.gov/CIK'>0000000001"
    "</xbrli:identifier><xbrli:segment><xbrldi:explicitMember dimension='us-gaap:StatementClassOfStockAxis'>"
    "us-gaap:CommonStockMember</xbrldi:explicitMember></xbrli:segment></xbrli:entity><xbrli:period>"
    "<xbrli:startDate>2024-05-01</xbrli:startDate><xbrli:endDate>2024-05-01</xbrli:endDate></xbrli:period>"
    "</xbrli:context></ix:resources>"
)


def nn(name: str, text: str, ctx: str = "c0", fmt: str | None = None) -> str:
    f = f" format='{fmt}'" if fmt else ""
    return f"<ix:nonNumeric name='{name}' contextRef='{ctx}'{f}>{text}</ix:nonNumeric>"


def cover(hidden: str = "", body_extra: str = "", date_text: str = "May 1, 2024") -> str:
    return (
        "<html><body><div style='display:none'><ix:header><ix:hidden>"
        + nn("dei:EntityCentralIndexKey", "0000000001") + nn("dei:AmendmentFlag", "false", fmt="ixt:fixed-false")
        + hidden + "</ix:hidden>" + CTX + "</ix:header></div>"
        "<p align=center><b>UNITED STATES SECURITIES AND EXCHANGE COMMISSION</b></p>"
        "<p align=center><b>FORM " + nn("dei:DocumentType", "8-K") + "</b></p>"
        "<p align=center>Date of Report (Date of earliest event reported): "
        + nn("dei:DocumentPeriodEndDate", date_text, fmt="ixt:date-monthname-day-year-en") + "</p>"
        "<p align=center><b>" + nn("dei:EntityRegistrantName", "Quillfeather Instruments, Inc.") + "</b></p>"
        "<p align=center>(Exact name of registrant as specified in its charter)</p>"
        "<table><tr><td>" + nn("dei:EntityIncorporationStateCountryCode", "Delaware", fmt="ixt-sec:stateprovnameen")
        + "</td><td>" + nn("dei:EntityFileNumber", "001-99999") + "</td><td>"
        + nn("dei:EntityTaxIdentificationNumber", "98-7654321") + "</td></tr>"
        "<tr><td>(State or other jurisdiction of incorporation)</td><td>(Commission File Number)</td>"
        "<td>(IRS Employer Identification No.)</td></tr></table>"
        "<table><tr><td>" + nn("dei:EntityAddressAddressLine1", "100 Lantern Way") + ", "
        + nn("dei:EntityAddressCityOrTown", "Springvale") + ", "
        + nn("dei:EntityAddressStateOrProvince", "Ohio", fmt="ixt-sec:stateprovnameen") + "</td><td>"
        + nn("dei:EntityAddressPostalZipCode", "44000") + "</td></tr>"
        "<tr><td>(Address of principal executive offices)</td><td>(Zip Code)</td></tr></table>"
        "<p align=center>Registrant's telephone number, including area code: ("
        + nn("dei:CityAreaCode", "555") + ") " + nn("dei:LocalPhoneNumber", "010-2000") + "</p>"
        "<table><tr><td>Title of each class</td><td>Trading Symbol(s)</td><td>Name of each exchange</td></tr>"
        "<tr><td>" + nn("dei:Security12bTitle", "Common Stock", "c2") + "</td><td>"
        + nn("dei:TradingSymbol", "QFI", "c2") + "</td><td>"
        + nn("dei:SecurityExchangeName", "The Nasdaq Stock Market LLC", "c2", "ixt-sec:exchnameen")
        + "</td></tr></table>"
        "<p>Emerging growth company " + nn("dei:EntityEmergingGrowthCompany", "&#9744;", fmt="ixt-sec:boolballotbox")
        + "</p>" + body_extra +
        "<p><b>Item 8.01 Other Events.</b></p><p>Quillfeather Instruments opened a new plant.</p>"
        "<p><b>Item 9.01 Financial Statements and Exhibits.</b></p>"
        "<table><tr><td>99.1</td><td>Press release</td></tr></table>"
        "<p align=center>SIGNATURES</p><p>Pursuant to the requirements of the Securities Exchange Act of 1934, the "
        "registrant has duly caused this report to be signed on its behalf.</p>"
        "<p>By: /s/ Ada Quill</p><p>Name: Ada Quill</p><p>Title: Chief Executive Officer</p>"
        "</body></html>"
    )


@pytest.mark.parametrize(("fmt", "text", "value"), [
    ("ixt:date-monthname-day-year-en", "March\u00a01, 2023", "2023-03-01"),
    ("ixt:datemonthdayyearen", "Sept. 30, 2021", "2021-09-30"),
    ("ixt:date-day-monthname-year-en", "1st June 2020", "2020-06-01"),
    ("ixt:date-month-day-year", "12/31/24", "2024-12-31"),
    ("ixt:date-year-month-day", "2019-07-04", "2019-07-04"),
    ("ixt-sec:boolballotbox", "\u2612", "true"),
    ("ixt-sec:boolballotbox", "\u2610", "false"),
    ("ixt:fixed-false", "anything", "false"),
    ("ixt:booleantrue", "yes", "true"),
    ("ixt-sec:exchnameen", "New York Stock Exchange", "NYSE"),
    ("ixt-sec:exchnameen", "NYSE American LLC", "NYSEAMER"),
    ("ixt-sec:exchnameen", "NYSE Arca, Inc.", "NYSEArca"),
    ("ixt-sec:exchnameen", "The NASDAQ Global Select Market", "NASDAQ"),
    ("ixt:num-dot-decimal", "1,234.50", "1234.50"),
    ("ixt:num-comma-decimal", "1.234,5", "1234.5"),
    (None, "  spaced\n out ", "spaced out"),
])
def test_transforms(fmt, text, value):
    assert transform(fmt, text) == value


@pytest.mark.parametrize(("fmt", "text"), [
    ("ixt:date-monthname-day-year-en", "sometime soon"),
    ("ixt:date-monthname-day-year-en", "February 30, 2023"),
    ("ixt-sec:exchnameen", "Moon Exchange"),
    ("ixt:no-such-transform", "x"),
])
def test_transform_errors_are_value_errors(fmt, text):
    with pytest.raises(ValueError):
        transform(fmt, text)


def test_exchange_words_skip_only_patterns_that_cannot_match():
    """The words that let _exchange skip a pattern in ASCII text: the same codes as trying every
    pattern, over names built from the patterns' words (non-ASCII ones are read by every pattern:
    the Kelvin sign and the long s match "k" and "s" under re.IGNORECASE)."""
    def every(name: str) -> str | None:
        return next((code for pat, code, _ in _EXCHANGES if pat.search(name)), None)

    parts = ["NYSE", "Arca", "American", "mkt", "National", "Nasdaq", "OMX", "BX", "Boston", "Stock", "Exchange",
             "PHLX", "Philadelphia", "New York", "Chicago", "CHX", "Board Options", "CBOE", "Investors'", "IEX",
             "Long-Term", "LTSE", "Members", "MEMX", "MIAX", "Miami International", "BOX", "Inc.", "\u212aX", "\u017ftock"]
    for a, b in itertools.product(parts, repeat=2):
        for name in (f"{a} {b}", f"{a}{b}"):
            try:
                got: str | None = _exchange(name)
            except ValueError:
                got = None
            assert got == every(name), name


def test_facts_visible_hidden_spans_and_contexts():
    v = html_view(cover())
    assert v.format == "ixbrl"
    cik = v.ixbrl["dei:EntityCentralIndexKey"][0]
    assert cik["hidden"] and cik["start"] is None and cik["value"] == "0000000001"
    assert "0000000001" not in v.text  # hidden facts are not visible text
    name = v.ixbrl["dei:EntityRegistrantName"][0]
    assert not name["hidden"] and v.text[name["start"]:name["end"]] == "Quillfeather Instruments, Inc."
    date = v.ixbrl["dei:DocumentPeriodEndDate"][0]
    assert date["value"] == "2024-05-01" and v.text[date["start"]:date["end"]] == "May 1, 2024"
    assert date["period"] == ("2024-05-01", "2024-05-01") and date["dimensions"] == {}
    sym = v.ixbrl["dei:TradingSymbol"][0]
    assert sym["dimensions"] == {"us-gaap:StatementClassOfStockAxis": "us-gaap:CommonStockMember"}
    for facts in v.ixbrl.values():
        for f in facts:
            if f["start"] is not None:
                assert " ".join(v.text[f["start"]:f["end"]].split()) == f["text"]


def test_nonfraction_scale_sign_and_exclude():
    html = (
        "<p>Revenue <ix:nonFraction name='us-gaap:Revenues' contextRef='c' unitRef='usd' scale='6' "
        "format='ixt:num-dot-decimal' decimals='-5'>1,234.5</ix:nonFraction> million; loss "
        "<ix:nonFraction name='us-gaap:NetIncomeLoss' contextRef='c' sign='-' format='ixt:num-dot-decimal'>"
        "(12)</ix:nonFraction>; <ix:nonNumeric name='x:Note' contextRef='c'>kept<ix:exclude> dropped</ix:exclude>"
        " too</ix:nonNumeric></p>"
    )
    v = html_view(html)
    assert v.ixbrl["us-gaap:Revenues"][0]["value"] == "1234500000"
    assert v.ixbrl["us-gaap:NetIncomeLoss"][0]["value"] == "-12"
    note = v.ixbrl["x:Note"][0]
    assert note["text"] == "kept too"
    assert "dropped" in v.text  # excluded from the fact, still visible


def _parse(html: str):
    return eightk.parse(html.encode(), path="synthetic.htm", facts=False)


def test_cover_facts_into_registrant_and_date():
    f = _parse(cover())
    assert f.date_of_report == dt.date(2024, 5, 1)
    assert f.sources["date_of_report"] == "ixbrl"
    assert len(f.registrants) == 1
    r = f.registrants[0]
    assert r.name == "Quillfeather Instruments, Inc."
    assert r.state_of_incorporation == "DE"
    assert r.commission_file_number == "001-99999"
    assert r.irs_employer_id == "98-7654321"
    assert r.cik == "0000000001"
    assert (r.address.street, r.address.city, r.address.state, r.address.zip) == (
        "100 Lantern Way", "Springvale", "OH", "44000")
    assert r.phone == "(555) 010-2000"
    assert r.trading_symbols == ["QFI"] and r.exchanges == ["NASDAQ"]
    assert r.emerging_growth_company is False
    for fld in ("name", "state_of_incorporation", "commission_file_number", "irs_employer_id", "phone",
                "address", "trading_symbols", "emerging_growth_company"):
        assert r.sources[fld] == "ixbrl", fld
    assert not [a for a in f.anomalies if a.code.startswith("ixbrl")]
    # the grammar still reads the body of the same HTML
    assert [i.code for i in f.items] == ["8.01", "9.01"]


def test_hidden_date_that_disagrees_with_the_text_is_an_anomaly():
    # the visible date is not tagged; a hidden DocumentPeriodEndDate says otherwise
    html = cover(
        hidden=nn("dei:DocumentPeriodEndDate", "2024-04-30"),
        date_text="May 1, 2024",
    ).replace("name='dei:DocumentPeriodEndDate' contextRef='c0' format='ixt:date-monthname-day-year-en'",
              "name='x:Untagged' contextRef='c0'")
    f = _parse(html)
    assert f.date_of_report == dt.date(2024, 4, 30)
    codes = [a.code for a in f.anomalies]
    assert "ixbrl_text_mismatch" in codes or "ixbrl_date_mismatch" in codes


def test_tagged_name_differs_from_text_and_hidden_value_not_shown():
    html = cover(hidden=nn("dei:EntityTaxIdentificationNumber", "11-1111111", "c1")
                 + nn("dei:EntityRegistrantName", "Hidden Subsidiary LLC", "c1"))
    f = _parse(html)
    codes = [a.code for a in f.anomalies]
    assert "ixbrl_hidden_value_not_shown" in codes
    assert [r.name for r in f.registrants][:2] == ["Quillfeather Instruments, Inc.", "Hidden Subsidiary LLC"]


def test_transform_failure_is_recorded_and_the_text_kept():
    f = _parse(cover(date_text="the first of May"))
    assert any(a.code == "ixbrl_transform_failed" for a in f.anomalies)


def test_combined_filing_registrants_by_legal_entity_axis():
    second = (
        "<p align=center><b>" + nn("dei:EntityRegistrantName", "Quillfeather Power Company", "c1") + "</b></p>"
        "<table><tr><td>" + nn("dei:EntityIncorporationStateCountryCode", "Ohio", "c1", "ixt-sec:stateprovnameen")
        + "</td><td>" + nn("dei:EntityFileNumber", "001-88888", "c1") + "</td><td>"
        + nn("dei:EntityTaxIdentificationNumber", "87-6543210", "c1") + "</td></tr></table>"
    )
    f = _parse(cover(body_extra=second))
    assert [r.name for r in f.registrants][:2] == ["Quillfeather Instruments, Inc.", "Quillfeather Power Company"]
    sub = f.registrants[1]
    assert (sub.state_of_incorporation, sub.commission_file_number, sub.irs_employer_id) == (
        "OH", "001-88888", "87-6543210")
    assert sub.sources["name"] == "ixbrl"
    assert f.registrants[0].commission_file_number == "001-99999"


def test_plain_html_without_ixbrl_keeps_text_sources():
    html = cover().replace("<ix:nonNumeric", "<span").replace("</ix:nonNumeric>", "</span>")
    html = html.split("<ix:header>")[0] + html.split("</ix:header>")[1]
    f = _parse(html)
    r = f.registrants[0]
    assert r.sources.get("name") == "text"
    assert "date_of_report" not in f.sources
    # the 12(b) table and the emerging-growth box are read from the text too
    assert (r.trading_symbols, r.exchanges, r.emerging_growth_company) == (["QFI"], ["NASDAQ"], False)
    assert r.sources["trading_symbols"] == r.sources["emerging_growth_company"] == "text"


def test_partly_tagged_exchange_disagrees_with_the_table():
    html = cover().replace(
        nn("dei:SecurityExchangeName", "The Nasdaq Stock Market LLC", "c2", "ixt-sec:exchnameen"),
        nn("dei:SecurityExchangeName", "NYSE", "c2", "ixt-sec:exchnameen") + " American LLC")
    f = _parse(html)
    assert f.registrants[0].exchanges == ["NYSE"]
    assert any(a.code == "ixbrl_text_mismatch" and "NYSEAMER" in a.message for a in f.anomalies)


@pytest.mark.parametrize(("hidden_name", "anomaly"), [
    ("QUILLFEATHER INSTRUMENTS INC /DE/", False),  # the EDGAR conformed spelling of the same name
    ("Brightwater Holdings Corp", True),
])
def test_hidden_tagged_name_never_replaces_the_visible_one(hidden_name, anomaly):
    html = cover(hidden=nn("dei:EntityRegistrantName", hidden_name)).replace(
        nn("dei:EntityRegistrantName", "Quillfeather Instruments, Inc."), "Quillfeather Instruments, Inc.")
    f = _parse(html)
    r = f.registrants[0]
    assert r.name == "Quillfeather Instruments, Inc." and r.sources["name"] == "text"
    codes = [a.code for a in f.anomalies]
    assert ("ixbrl_text_mismatch" in codes) is anomaly
    assert ("ixbrl_hidden_value_not_shown" in codes) is anomaly


@pytest.mark.parametrize(("text", "value", "shown"), [
    ("Acme Widgets Corporation " + "filler " * 300, "ACME WIDGETS CORP /DE/", True),  # in the head
    ("filler " * 300 + "Acme Widgets Corporation", "Acme Widgets Corp.", True),  # past it
    ("x" * 990 + " Acme /DE/ Widgets Inc " + "filler " * 10, "Acme De Widgets", True),  # suffix at the cut
    ("x" * 990 + " Acme /DE/ Widgets Inc " + "filler " * 10, "Acme Widgets", False),
    ("filler " * 300, "Acme Widgets", False),
])
def test_visible_name_reads_the_head_then_the_whole_text(text, value, shown):
    view = DocumentView(text=text, blocks=[], format="html", sequence=1)
    assert _visible(view, value, "name", {}) is shown

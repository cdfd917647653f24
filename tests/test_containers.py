"""The submission reader on synthetic inputs written for these tests."""

from __future__ import annotations

import binascii
import datetime as dt

import pytest

from eightk import itemcodes, read_submission
from eightk.containers import uudecode
from eightk.errors import InputError


def make_submission(*, items=("Other Events", "Financial Statements and Exhibits"), filed="20050301",
                    docs=None, pem=False, close_header=True) -> bytes:
    item_lines = "".join(f"ITEM INFORMATION:\t\t{t}\n" for t in items)
    docs = docs if docs is not None else [
        ("8-K", "1", "form8k.txt", "Item 8.01 Other Events.\nThe board met.\n"),
        ("EX-99.1", "2", "ex991.htm", "<html><body><p>Press release</p></body></html>\n"),
    ]
    body = "".join(
        f"<DOCUMENT>\n<TYPE>{t}\n<SEQUENCE>{s}\n<FILENAME>{f}\n<TEXT>\n{text}</TEXT>\n</DOCUMENT>\n"
        for t, s, f, text in docs
    )
    header = (
        "<SEC-HEADER>0000111111-05-000001.hdr.sgml : 20050301\n"
        "<ACCEPTANCE-DATETIME>20050301120000\n"
        "ACCESSION NUMBER:\t\t0000111111-05-000001\n"
        "CONFORMED SUBMISSION TYPE:\t8-K\n"
        f"PUBLIC DOCUMENT COUNT:\t\t{len(docs)}\n"
        "CONFORMED PERIOD OF REPORT:\t20050225\n"
        f"{item_lines}"
        f"FILED AS OF DATE:\t\t{filed}\n"
        "\nFILER:\n\n\tCOMPANY DATA:\t\n"
        "\t\tCOMPANY CONFORMED NAME:\t\t\tTESTCO HOLDINGS INC\n"
        "\t\tCENTRAL INDEX KEY:\t\t\t0000111111\n"
        "\t\tSTANDARD INDUSTRIAL CLASSIFICATION:\tSERVICES-PREPACKAGED SOFTWARE [7372]\n"
        "\t\tIRS NUMBER:\t\t\t\t123456789\n"
        "\t\tSTATE OF INCORPORATION:\t\t\tDE\n"
        "\t\tFISCAL YEAR END:\t\t\t1231\n"
        "\t\tNEW UNKNOWN KEY:\t\t\tkept\n"
        "\n\tFILING VALUES:\n\t\tFORM TYPE:\t\t8-K\n\t\tSEC ACT:\t\t1934 Act\n"
        "\t\tSEC FILE NUMBER:\t000-12345\n\t\tFILM NUMBER:\t\t05123456\n"
        "\n\tBUSINESS ADDRESS:\t\n\t\tSTREET 1:\t\t1 MAIN ST\n\t\tSTREET 2:\t\tSUITE 9\n"
        "\t\tCITY:\t\t\tSPRINGFIELD\n\t\tSTATE:\t\t\tIL\n\t\tZIP:\t\t\t62701\n"
        "\t\tBUSINESS PHONE:\t\t2175550100\n"
        "\n\tFORMER COMPANY:\t\n\t\tFORMER CONFORMED NAME:\tTESTCO INC\n\t\tDATE OF NAME CHANGE:\t19990101\n"
        "\n\tFORMER COMPANY:\t\n\t\tFORMER CONFORMED NAME:\tOLDCO INC\n\t\tDATE OF NAME CHANGE:\t19900101\n"
        "\nSUBJECT COMPANY:\n\n\tCOMPANY DATA:\t\n\t\tCOMPANY CONFORMED NAME:\t\t\tTARGET CORP\n"
        "\t\tCENTRAL INDEX KEY:\t\t\t0000222222\n"
    )
    if close_header:
        header += "</SEC-HEADER>\n"
    text = "<SEC-DOCUMENT>0000111111-05-000001.txt : 20050301\n" + header + body + "</SEC-DOCUMENT>\n"
    if pem:
        text = ("-----BEGIN PRIVACY-ENHANCED MESSAGE-----\nProc-Type: 2001,MIC-CLEAR\n\n"
                + text.replace("SEC-DOCUMENT", "IMS-DOCUMENT").replace("SEC-HEADER", "IMS-HEADER")
                + "-----END PRIVACY-ENHANCED MESSAGE-----\n")
    return text.encode()


def test_full_submission_header_is_typed():
    sub = read_submission(make_submission())
    h = sub.header
    assert sub.container == "submission"
    assert h.accession_number == "0000111111-05-000001"
    assert h.form_type == "8-K"
    assert h.period == dt.date(2005, 2, 25)
    assert h.filed == dt.date(2005, 3, 1)
    assert h.accepted == dt.datetime(2005, 3, 1, 12, 0, 0)
    assert h.items == ["8.01", "9.01"]  # modern era: titles map to decimal codes
    filer, subject = h.filers
    assert (filer.role, filer.name, filer.cik, filer.sic) == ("filer", "TESTCO HOLDINGS INC", "0000111111", "7372")
    assert (filer.irs_number, filer.state_of_incorporation, filer.fiscal_year_end) == ("123456789", "DE", "1231")
    assert (filer.file_number, filer.film_number, filer.sec_act) == ("000-12345", "05123456", "1934 Act")
    assert filer.business_address.street2 == "SUITE 9" and filer.business_address.zip == "62701"
    assert filer.phone == "2175550100"
    assert [f.name for f in filer.former_names] == ["TESTCO INC", "OLDCO INC"]
    assert filer.former_names[1].changed == dt.date(1990, 1, 1)
    assert filer.extra == {"NEW UNKNOWN KEY": "kept"}
    assert (subject.role, subject.name, subject.cik) == ("subject_company", "TARGET CORP", "0000222222")


def test_documents_split_with_exact_byte_spans():
    data = make_submission()
    sub = read_submission(data)
    assert [(d.sequence, d.type, d.filename, d.format) for d in sub.documents] == [
        (1, "8-K", "form8k.txt", "text"),
        (2, "EX-99.1", "ex991.htm", "html"),
    ]
    first = sub.documents[0]
    assert data[first.start : first.end] == b"Item 8.01 Other Events.\nThe board met.\n"
    assert first.text == "Item 8.01 Other Events.\nThe board met.\n"
    assert sub.primary is first
    assert not sub.anomalies


@pytest.mark.parametrize(
    ("title", "filed", "code"),
    [
        ("Other events", "19980316", "5"),
        ("Other Events", "20100101", "8.01"),
        ("Financial statements and exhibits", "20030101", "7"),
        ("Financial Statements and Exhibits", "20060101", "9.01"),
        ("Regulation FD Disclosure", "20020601", "9"),
        ("Regulation FD Disclosure", "20150601", "7.01"),
        ("Results of Operations and Financial Condition", "20031020", "12"),
        ("Results of Operations and Financial Condition", "20191020", "2.02"),
        ("Acquisition or disposition of assets", "19990101", "2"),
        ("Changes in control of registrant", "19990101", "1"),
        ("Departure of Directors or Certain Officers; Election of Directors; Appointment of Certain "
         "Officers: Compensatory Arrangements of Certain Officers", "20200101", "5.02"),
        ("Departure of Directors or Principal Officers; Election of Directors; Appointment of Principal "
         "Officers", "20050101", "5.02"),
        ("Amendments to Articles of Incorporation or Bylaws; Change in Fiscal Year", "20120101", "5.03"),
        ("Cost Associated with Exit or Disposal Activities", "20120101", "2.05"),
        ("Material Modifications to Rights of Security Holders", "20120101", "3.03"),
        ("Submission of Matters to a Vote of Security Holders", "20120101", "5.07"),
        ("Changes in Registrant's Certifying Accountant", "20120101", "4.01"),
        ("7", "19940101", "7"),
        ("9.01", "20250101", "9.01"),
    ],
)
def test_header_item_titles_map_to_codes_by_era(title, filed, code):
    sub = read_submission(make_submission(items=(title,), filed=filed))
    assert sub.header.items == [code]


def test_pem_wrapped_1990s_submission():
    sub = read_submission(make_submission(pem=True, filed="19960115", items=("Other events",)))
    assert sub.container == "submission"
    assert sub.header.accession_number == "0000111111-05-000001"
    assert sub.header.items == ["5"]
    assert len(sub.documents) == 2


def test_feed_file_with_unclosed_tags_on_one_line():
    data = (
        b"<SUBMISSION><ACCESSION-NUMBER>0000333333-25-000009<TYPE>8-K<PUBLIC-DOCUMENT-COUNT>1"
        b"<PERIOD>20250106<ITEMS>5.02<ITEMS>9.01<FILING-DATE>20250108<FILER><COMPANY-DATA>"
        b"<CONFORMED-NAME>FEEDCO INC<CIK>0000333333<ASSIGNED-SIC>8711<IRS-NUMBER>222786081"
        b"<STATE-OF-INCORPORATION>DE</COMPANY-DATA><FILING-VALUES><FORM-TYPE>8-K<FILE-NUMBER>001-33333"
        b"</FILING-VALUES><BUSINESS-ADDRESS><STREET1>1 ROAD<CITY>DOVER<STATE>DE<ZIP>19901<PHONE>302-555-0100"
        b"</BUSINESS-ADDRESS><FORMER-COMPANY><FORMER-CONFORMED-NAME>OLD FEEDCO<DATE-CHANGED>20060920"
        b"</FORMER-COMPANY></FILER><DOCUMENT><TYPE>8-K<SEQUENCE>1<FILENAME>f.htm<TEXT><html><body>"
        b"<p>Item 5.02</p></body></html></TEXT></DOCUMENT></SUBMISSION>"
    )
    sub = read_submission(data)
    h = sub.header
    assert sub.container == "feed"
    assert (h.accession_number, h.form_type, h.period, h.filed) == (
        "0000333333-25-000009", "8-K", dt.date(2025, 1, 6), dt.date(2025, 1, 8))
    assert h.items == ["5.02", "9.01"]
    f = h.filers[0]
    assert (f.name, f.cik, f.sic, f.file_number, f.phone) == ("FEEDCO INC", "0000333333", "8711", "001-33333", "302-555-0100")
    assert f.business_address.city == "DOVER"
    assert f.former_names[0].name == "OLD FEEDCO"
    assert [(d.type, d.filename, d.format) for d in sub.documents] == [("8-K", "f.htm", "html")]


def test_lone_plain_text_and_html_documents():
    sub = read_submission(b"   FORM 8-K\n\nItem 5. Other Events\n")
    assert sub.container == "document" and sub.header is None
    assert [d.format for d in sub.documents] == ["text"]
    sub = read_submission(b"<html><body><p>FORM 8-K</p></body></html>")
    assert [d.format for d in sub.documents] == ["html"]
    ix = b'<html xmlns:ix="http://www.xbrl.org/2013/inlineXBRL"><body><ix:header></ix:header></body></html>'
    assert read_submission(ix).documents[0].format == "ixbrl"


def test_lone_document_block_without_header():
    data = b"<DOCUMENT>\n<TYPE>EX-99.1\n<SEQUENCE>2\n<FILENAME>ex.htm\n<TEXT>\n<html><p>x</p></html>\n</TEXT>\n</DOCUMENT>\n"
    sub = read_submission(data)
    assert sub.container == "document"
    assert [(d.type, d.sequence, d.format) for d in sub.documents] == [("EX-99.1", 2, "html")]


def test_sgml_table_tags_do_not_make_plain_text_html():
    text = b"ITEM 7. EXHIBITS\n<TABLE>\n<CAPTION>\n<S>     <C>\n99.1    Press release\n</TABLE>\n<PAGE>\n"
    assert read_submission(text).documents[0].format == "text"


def test_uuencoded_documents_are_binary_and_decodable():
    payload = bytes(range(256)) * 3
    lines = [b"begin 644 logo.gif"] + [binascii.b2a_uu(payload[i : i + 45]).rstrip(b"\n")
                                       for i in range(0, len(payload), 45)] + [b"`", b"end"]
    uu = b"\n".join(lines).decode() + "\n"
    data = make_submission(docs=[("8-K", "1", "a.txt", "Item 8.01\n"), ("GRAPHIC", "2", "logo.gif", uu)])
    sub = read_submission(data)
    graphic = sub.documents[1]
    assert graphic.format == "uuencoded"
    assert not graphic.is_text and graphic.text == ""
    assert graphic.decode_binary() == payload
    assert uudecode(data[graphic.start : graphic.end]) == payload
    with pytest.raises(ValueError):
        sub.documents[0].decode_binary()


def test_wrappers_are_unwrapped():
    data = make_submission(docs=[
        ("8-K", "1", "a.htm", "<XBRL>\n<html xmlns:ix=\"x\"><body><ix:header/></body></html>\n</XBRL>\n"),
        ("EX-101.INS", "2", "a.xml", "<XML>\n<?xml version=\"1.0\"?>\n<xbrl></xbrl>\n</XML>\n"),
        ("EX-99", "3", "a.pdf", "<PDF>\nbegin 644 a.pdf\nM\n`\nend\n</PDF>\n"),
    ])
    sub = read_submission(data)
    assert [d.format for d in sub.documents] == ["ixbrl", "xml", "pdf"]
    assert sub.documents[0].text.lstrip().startswith("<html")


@pytest.mark.parametrize(
    ("raw", "encoding", "text"),
    [
        (b"plain ascii", "ascii", "plain ascii"),
        ("caf\u00e9 \u2014 \u201cquoted\u201d".encode("utf-8"), "utf-8", "caf\u00e9 \u2014 \u201cquoted\u201d"),
        ("Registrant\u2019s \u201cCompany\u201d".encode("cp1252"), "cp1252", "Registrant\u2019s \u201cCompany\u201d"),
        (b"undefined in cp1252: \x81", "latin-1", "undefined in cp1252: \x81"),
    ],
)
def test_text_is_decoded_with_the_right_encoding(raw, encoding, text):
    doc = read_submission(b"FORM 8-K\n" + raw).documents[0]
    assert doc.encoding == encoding
    assert doc.text == "FORM 8-K\n" + text


# --- bad input --------------------------------------------------------------------------------


def test_empty_input_is_a_clear_error():
    with pytest.raises(InputError, match="empty"):
        read_submission(b"")
    with pytest.raises(InputError, match="empty"):
        read_submission(b"  \n\n ")


def test_random_bytes_are_a_clear_error():
    import random

    junk = random.Random(7).randbytes(100_000)
    with pytest.raises(InputError, match="binary"):
        read_submission(junk)


def test_truncated_submission_gives_a_partial_result_with_an_anomaly():
    data = make_submission()
    cut = data[: data.index(b"Press release") + 5]
    sub = read_submission(cut)
    assert sub.header.accession_number == "0000111111-05-000001"
    assert len(sub.documents) == 2
    assert sub.documents[0].text == "Item 8.01 Other Events.\nThe board met.\n"
    assert "document_unclosed" in {a.code for a in sub.anomalies}


def test_document_without_closing_tag_stops_at_the_next_document():
    data = make_submission().replace(b"</TEXT>\n</DOCUMENT>\n<DOCUMENT>", b"<DOCUMENT>", 1)
    sub = read_submission(data)
    assert [d.type for d in sub.documents] == ["8-K", "EX-99.1"]
    assert any(a.code == "document_unclosed" for a in sub.anomalies)
    assert "<TYPE>" not in sub.documents[0].text


def test_header_without_closing_tag():
    sub = read_submission(make_submission(close_header=False))
    assert sub.header.accession_number == "0000111111-05-000001"
    assert len(sub.documents) == 2
    assert any(a.code == "header_unclosed" for a in sub.anomalies)


def test_impossible_header_date_is_an_anomaly_not_a_crash():
    sub = read_submission(make_submission(filed="20050231"))
    assert sub.header.filed is None
    assert any(a.code == "header_bad_date" for a in sub.anomalies)


def test_document_count_mismatch_is_reported():
    data = make_submission().replace(b"PUBLIC DOCUMENT COUNT:\t\t2", b"PUBLIC DOCUMENT COUNT:\t\t3")
    assert any(a.code == "document_count_mismatch" for a in read_submission(data).anomalies)


def test_item_code_helpers():
    assert itemcodes.normalise_code("5.") == "5"
    assert itemcodes.normalise_code("2.2") == "2.02"
    assert itemcodes.normalise_code("13") is None
    assert itemcodes.normalise_code("404") is None
    assert itemcodes.equivalent("5") == "8.01"
    assert itemcodes.equivalent("7") == "9.01"
    assert itemcodes.equivalent("2.02") == "12"
    assert itemcodes.equivalent("1.01") is None
    assert itemcodes.scheme_of("9.01") == "modern" and itemcodes.scheme_of("12") == "legacy"


def test_republished_header_with_broken_bracket_and_deeper_sections():
    header = (
        "<SEC-DOCUMENT>x.txt : 20000808\n<SEC-HEADER>x.hdr.sgml : 20000808\n"
        "ACCESSION NUMBER:\t\t0000555555-00-000001\nCONFORMED SUBMISSION TYPE:\t8-K\n"
        "ITEM INFORMATION:\t\t\nFILED AS OF DATE:\t\t20000808\n\nFILER:\n\n\tCOMPANY DATA:\t\n"
        "\t\tCOMPANY CONFORMED NAME:\t\t\tBRACKETCO INC\n\t\tCENTRAL INDEX KEY:\t\t\t0000555555\n"
        "\t\tSTANDARD INDUSTRIAL CLASSIFICATION:\t [6211\n]\t\tIRS NUMBER:\t\t\t\t411234567\n"
        "</COMPANY-DATA>\n\n\t\tFILING VALUES:\n\t\t\tSEC FILE NUMBER:\t001-16000\n</FILING-VALUES>\n\n"
        "\t\t\tBUSINESS ADDRESS:\t\n\t\t\t\tCITY:\t\t\tMINNEAPOLIS\n\t\t\t\tZIP:\t\t\t55416\n"
        "</SEC-HEADER>\n<DOCUMENT>\n<TYPE>8-K\n<TEXT>\nx\n</TEXT>\n</DOCUMENT>\n"
    )
    h = read_submission(header.encode()).header
    f = h.filers[0]
    assert h.items == []
    assert (f.sic, f.irs_number, f.file_number) == ("6211", "411234567", "001-16000")
    assert f.business_address.city == "MINNEAPOLIS" and f.business_address.zip == "55416"

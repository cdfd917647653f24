"""Property: whatever the bytes, ``eightk.parse`` returns a ``Filing`` or raises ``InputError``.

The strategies build what the reader meets: SGML-ish submissions (header keys, <DOCUMENT>
blocks with odd or missing tags and numbers), HTML and inline XBRL fragments nested at random,
plain 8-K lines, and random bytes. Bounded budget: 200 examples, no deadline (a slow example
is the benchmark's business, bench/bench_hostile.py)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import eightk
from eightk.errors import InputError
from eightk.model import Filing

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_numbers = st.one_of(
    st.integers(min_value=-5, max_value=2**70).map(str),
    st.text(alphabet="0123456789\u00b2\u00b3\u00b9\u0663\u00bd -.,", max_size=12),
    st.just("9" * 5000),
)
_words = st.sampled_from([
    "Item 5. Other Events", "Item 2.02 Results of Operations", "Items 1 through 4, 6 and 8. Not applicable.",
    "SIGNATURES", "By: /s/ Jane Roe", "Date: March 3, 2004", "$1,234,56 million", "10,000 shares",
    "Exhibit 99.1 Press release", "FORM 8-K", "Date of Report (Date of earliest event reported): June 1, 2020",
    "Commission File Number 0-12345", "(Exact name of registrant)", "12.5%", "<PAGE>", "<TABLE>", "<S>", "<C>",
])
_text = st.lists(st.one_of(_words, st.text(max_size=30)), max_size=12).map("\n".join)


@st.composite
def submissions(draw) -> bytes:
    keys = ["ACCESSION NUMBER", "CONFORMED SUBMISSION TYPE", "PUBLIC DOCUMENT COUNT", "CONFORMED PERIOD OF REPORT",
            "FILED AS OF DATE", "ITEM INFORMATION", "FILER", "\tCOMPANY DATA", "\t\tCENTRAL INDEX KEY"]
    header = "".join(f"{draw(st.sampled_from(keys))}:\t{draw(st.one_of(_numbers, _text))}\n"
                     for _ in range(draw(st.integers(0, 6))))
    parts = [draw(st.sampled_from(["<SEC-DOCUMENT>x.txt : 20040101\n", "<SUBMISSION>\n", "", "<IMS-DOCUMENT>\n"]))]
    if draw(st.booleans()):
        parts.append(f"<SEC-HEADER>x.hdr.sgml\n{header}" + draw(st.sampled_from(["</SEC-HEADER>\n", ""])))
    for _ in range(draw(st.integers(0, 4))):
        parts.append("<DOCUMENT>\n")
        parts.append(f"<TYPE>{draw(st.sampled_from(['8-K', 'EX-99.1', 'GRAPHIC', '']))}\n")
        if draw(st.booleans()):
            parts.append(f"<SEQUENCE>{draw(_numbers)}\n")
        parts.append(draw(st.sampled_from(["<TEXT>\n", ""])))
        parts.append(draw(st.one_of(_text, html_text(), st.just("begin 644 x.jpg\nM86)C\n`\nend\n"))))
        parts.append(draw(st.sampled_from(["</TEXT>\n</DOCUMENT>\n", "</DOCUMENT>\n", "", "</TEXT>\n"])))
    encoding = draw(st.sampled_from(["utf-8", "latin-1", "cp1252"]))
    return "".join(parts).encode(encoding, "replace")


_TAGS = ["div", "p", "span", "b", "table", "tr", "td", "font", "br", "hr", "center", "u", "pre", "li",
         "ix:nonNumeric", "ix:nonFraction", "ix:exclude", "ix:header", "ix:hidden", "xbrli:context"]


@st.composite
def html_text(draw) -> str:
    out = [draw(st.sampled_from(["", "<html><body>", '<html xmlns:ix="http://www.xbrl.org/2013/inlineXBRL"><body>']))]
    open_tags: list[str] = []
    for _ in range(draw(st.integers(0, 40))):
        choice = draw(st.integers(0, 3))
        if choice == 0:
            tag = draw(st.sampled_from(_TAGS))
            attrs = draw(st.sampled_from([
                "", ' name="dei:EntityRegistrantName" contextRef="c"', ' style="display:none"',
                ' name="us-gaap:Cash" scale="6" format="ixt:num-dot-decimal"', ' colspan="99999999999999999999"',
                ' style="font-weight:bold;text-align:center"', ' scale="\u00b2"', ' format="ixt:date-monthname-day-year-en"',
            ]))
            out.append(f"<{tag}{attrs}>")
            open_tags.append(tag)
        elif choice == 1 and open_tags:
            out.append(f"</{open_tags.pop()}>")
        else:
            out.append(draw(st.one_of(_words, st.text(max_size=20))))
    if draw(st.booleans()):
        out.extend(f"</{t}>" for t in reversed(open_tags))
    return "".join(out)


def _check(data: bytes) -> None:
    try:
        filing = eightk.parse(data)
    except InputError as e:
        assert str(e)
        return
    assert isinstance(filing, Filing)
    filing.model_dump_json()  # and it serialises


@SETTINGS
@given(submissions())
def test_submissions_parse_or_raise_input_error(data):
    _check(data)


@SETTINGS
@given(html_text().map(lambda s: s.encode("utf-8", "surrogatepass")))
def test_html_parses_or_raises_input_error(data):
    _check(data)


@SETTINGS
@given(st.binary(max_size=2000))
def test_random_bytes_parse_or_raise_input_error(data):
    _check(data)


@SETTINGS
@given(_text.map(lambda s: s.encode("utf-8", "surrogatepass")))
def test_plain_text_parses_or_raises_input_error(data):
    _check(data)

"""The compiled HTML walk (eightk.documents._cwalk) against the Python one (html._Walker): the
same view, field for field (text, blocks and cells, format, iXBRL facts, anomalies), on
hand-written edge cases, generated HTML, the samples and (with ../shared) every HTML document
of the corpus; and the compiled nesting estimate (eightk.documents._cnesting) against
nesting.nesting_depth the same way. Where the compiled modules are missing (no C compiler at
install) these tests skip on a user's machine; under CI=true they fail: CI builds them, and
must compare."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from eightk.containers import read_submission
from eightk.documents import html, nesting
from eightk.documents.nesting import flatten, too_deep
from tests.conftest import CORPUS, SAMPLES, load_inventory, unavailable
from tests.test_html_view import html_documents

_FIELDS = ("text", "blocks", "format", "sequence", "ixbrl", "anomalies")


@pytest.fixture(scope="module")
def compiled():
    if html._COMPILED_WALK is None:
        unavailable("the compiled HTML walk (eightk.documents._cwalk) is not built: `make install` builds it "
                    "with the C compiler; without one eightk walks HTML in Python")
    return html._COMPILED_WALK


@pytest.fixture(scope="module")
def depth():
    if nesting._COMPILED_DEPTH is None:
        unavailable("the compiled nesting estimate (eightk.documents._cnesting) is not built: `make install` "
                    "builds it with the C compiler; without one eightk estimates in Python")
    return nesting._COMPILED_DEPTH


def _both(compiled, text: str, sequence: int | None = 1):
    """(Python view, compiled view) of ``text``, from the same Lexbor tree."""
    data = text.encode("utf-8", "replace")
    if too_deep(data) is not None:
        data = flatten(data)
    tree = LexborHTMLParser(data)
    root = tree.root
    return html._Walker(sequence).walk(tree), compiled(root.mem_id if root is not None else 0, sequence)


def _same(compiled, text: str, sequence: int | None = 1, depth=None) -> None:
    if depth is not None:
        data = text.encode("utf-8", "replace")
        assert depth(data) == nesting.nesting_depth(data)
    python, fast = _both(compiled, text, sequence)
    for field in _FIELDS:
        assert getattr(fast, field) == getattr(python, field), field
    # and of the same types (a block's True and 1 are equal, and print differently)
    assert repr(fast.blocks) == repr(python.blocks)


EDGE_CASES = [
    "",
    "plain words, no tags",
    "<p>   </p><p>\u00a0</p><div>\u2003 \u3000</div>",  # white space ASCII and not
    "<p>a\x01b\x1cc\x7fd\u0092e\u00adf\u200bg\u2060h\ufeffi</p>",  # what _TRANSLATE removes and maps
    "<pre>  col one    col two\n\tTabbed\r\n\n   last  </pre><p>after</p>",
    "<p style='display:none'>hidden <b>bold</b></p><span style='visibility: hidden'>x</span><p>shown</p>",
    "<p><b>bold</b> and <span style='font-weight:bold'>also</span> <span style='font-weight:normal'>"
    "plain</span></p><h2>head</h2><p><u>under</u><span style='text-decoration: underline'>lined</span></p>",
    "<p align=center>c</p><div style='text-align:center'>c2<p style='text-align:left'>l</p></div><center>c3</center>",
    "<p style='page-break-before:always'>one</p><p style='page-break-after:always'>two</p><hr><p>three</p>"
    "<div style='page-break-before:always'></div><p>four</p>",
    "<table><tr><td>Delaware<br>(State)</td><td colspan=3>001-1234</td><td></td><td colspan='x'>y</td></tr>"
    "<tr><td>only one</td></tr><tr><th>Head</th><td>cell<hr></td></tr></table>",
    "<table><tr><td><table><tr><td>a</td><td>b</td></tr></table></td><td>outer</td></tr></table>",
    "<td>cell without a row</td><tr><td>row without a table</td><td>x</td></tr>",
    "<head><title>T</title><ix:header><ix:hidden><ix:nonNumeric name='dei:DocumentType' contextRef='c'>8-K"
    "</ix:nonNumeric></ix:hidden></ix:header></head><body><p>Form <ix:nonNumeric name='dei:EntityRegistrantName'"
    " contextRef='c'>Acme <b>Corp</b></ix:nonNumeric></p><table><tr><td><ix:nonFraction name='us-gaap:Revenues'"
    " contextRef='c' unitRef='usd' decimals='-6' scale='6' format='ixt:num-dot-decimal'>1,234</ix:nonFraction>"
    "</td><td>x</td></tr></table><ix:exclude>not part</ix:exclude><ix:nonNumeric name='a:B' contextRef='c'/>"
    "</body>",
    "<script>var x = '<p>no</p>';</script><style>p {}</style><noscript>n</noscript><svg><text>s</text></svg>"
    "<select><option>o</option></select><p>yes<!-- a comment --> after</p>",
    "<p>a\U000f0000b\U000f0001c</p>",
    "<div>" * 300 + "deep" + "</div>" * 300,
    "<p>open <b>bold <i>italic <u>under</p> after</b> tail",
    "<ul><li>one<li>two</ul><dl><dt>t<dd>d</dl><blockquote>q</blockquote>",
    "<p>caf\u00e9 \U0001f600 \u4e2d\u6587 <font face=x>f</font><a href=#>link</a></p><br><br/><wbr>",
]


@pytest.mark.parametrize("text", EDGE_CASES, ids=range(len(EDGE_CASES)))
def test_edge_cases_give_the_same_view(compiled, depth, text):
    _same(compiled, text, depth=depth)


NESTING_CASES = [
    b"", b"<", b"<<<", b"</", b"</>", b"< p>", b"<!-", b"<!--", b"<!-->", b"<!-- a -- b --->x<p>", b"<!---->",
    b"<!-- never closed <div><div>", b"<div title='<b><b>'>", b"<DIV><Div></dIv>", b"<p><p><p>", b"<td><tr><td>",
    b"<li><ul><li><li></ul>", b"<br><br><img><hr>", b"</div></div><div>", b"<ix:nonNumeric><ix:nonnumeric>",
    b"<a-b.c_d:e><a-b.c_d:e>", b"<d\xc3\xa9v><p>", b"<x" + b"y" * 5000 + b">" + b"<div>" * 40,
    b"<div>" * 300 + b"</div>" * 300, b"<span>" * 20_000,
]


@pytest.mark.parametrize("data", NESTING_CASES, ids=range(len(NESTING_CASES)))
def test_nesting_estimate_is_the_same(depth, data):
    assert depth(data) == nesting.nesting_depth(data)


def test_nesting_estimate_of_many_distinct_tags(depth):
    """More distinct tags than the token table starts with: it grows, and keeps every one."""
    data = b"".join(b"<t%d>" % i for i in range(3000)) + b"".join(b"</t%d>" % i for i in range(0, 3000, 2))
    assert depth(data) == nesting.nesting_depth(data) == 3000


def test_no_root_and_sequence_none(compiled):
    assert compiled(0, None) == html._Walker(None).finish("html")
    _same(compiled, "<p>x</p>", None)


_TAGS = st.sampled_from([
    "p", "div", "b", "span style='font-weight:bold'", "span style='display:none'", "td", "td colspan=2", "tr",
    "table", "th", "br", "u", "center", "font", "pre", "li", "h2", "hr", "i", "head", "title", "p align=center",
    "div style='page-break-after:always'", "td style='text-align:center'", "tbody",
    "ix:nonNumeric name='dei:X' contextRef='c'", "ix:nonFraction name='us-gaap:Y' contextRef='c' decimals='0'",
    "ix:exclude", "ix:header", "ix:hidden", "xbrli:context id='c'", "xbrldi:explicitMember dimension='d'",
    "xbrli:context id='d'", "xbrldi:typedMember dimension='t'", "xbrli:startDate", "xbrli:endDate", "xbrli:instant",
    "ix:nonNumeric name='dei:Z' contextRef='d' format='ixt:date-monthname-day-year-en'",
])
_WORDS = st.sampled_from(["Item", "2.02", "Acme", "&nbsp;", "&#146;", "\u00ad", " ", "\n", "\t", "x", "<", "&amp;",
                          "\u200b", "  ", "$1.5", "\U000f0003", "\x01", "\x1f", "\u3000", "caf\u00e9", "(1,234)"])


@settings(max_examples=400, deadline=None)
@given(html_documents(_TAGS, _WORDS, 60))
def test_generated_html_gives_the_same_view(compiled, depth, html_text):
    _same(compiled, html_text, depth=depth)


def test_facts_past_the_caps_are_left_the_same(compiled):
    """The compiled walk's collection (ixbrl.IxCollector's rules, compiled) leaves the facts past
    MAX_FACTS and nested past MAX_FACT_DEPTH as the Python walk's IxCollector does."""
    from eightk.documents.ixbrl import MAX_FACT_DEPTH, MAX_FACTS

    fact = "<ix:nonNumeric name='dei:X' contextRef='c'>{}</ix:nonNumeric>"
    _same(compiled, "<p>" + " ".join(fact.format(i) for i in range(MAX_FACTS + 5)) + "</p>")
    n = MAX_FACT_DEPTH + 3
    _same(compiled, "<p>" + "".join(fact.format(i)[:-len("</ix:nonNumeric>")] for i in range(n))
          + "</ix:nonNumeric>" * n + fact.format("after") + "</p>")


_STYLE_PARTS = [
    "font-weight:", "FONT-WEIGHT:", "font-weight", "text-align:", "Text-Align:", "text-decoration", "-line", ":",
    "display:", "visibility:", "page-break-before:", "break-after:", "break-before:", "page-break-after:",
    " ", "  ", "\t", "\n", "\x1c", "\x0b", "\xa0", ";", "bold", "BOLDER", "normal", "lighter", "600", "900", "500",
    "100", "1000", "6", "center", "CENTER", "left", "right", "justify", "start", "end", "none", "no ne", "NONE",
    "hidden", "hid den", "underline", "UNDERLINE", "always", "page", "avoid", "x", "-", "12pt", "é", "İ", "\u2003",
]

_STYLE_CASES = [
    "", "font-weight:bold", "font-weight: 700", "font-weight:\t600;", "FONT-WEIGHT: BOLD", "font-weight: normal",
    "font-weight:400;font-weight:bold", "font-weight : bold", "text-align:center", "text-align: justify",
    "text-align:left;text-align:center", "text-decoration:underline", "text-decoration-line: underline",
    "text-decoration: none; x: underline", "text-decoration:;underline", "display:none", "display: no ne",
    "visibility : hidden", "display:\x1cnone", "page-break-before:always", "break-after: page",
    "page-break-after:avoid", "font-weight:\xa0bold", "font-weight:bold;color:é", "x" * 5000 + ";font-weight:bold",
    # read at the colons: names that end at one, run into another, or hold spaces
    "text-decorationfont-weight:underline", "font-family:x;display :none", "dis play:none", "visi bility:hidden",
    "display:none;font-weight:normal;font-weight:600", "text-align:left;text-align:center:", ":", "display:",
]


def _style_parts(parts: list[str]) -> str:
    return "".join(parts)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_STYLE_PARTS), max_size=14).map(_style_parts))
def test_generated_styles_read_the_same(compiled, style):
    """The compiled reading of a style attribute (html._style_flags in C for ASCII styles)
    against html._style_flags itself."""
    from eightk.documents import _cwalk  # type: ignore[attr-defined]

    assert _cwalk.style_bits(style) == _cwalk.python_style_bits(style)


@pytest.mark.parametrize("style", _STYLE_CASES, ids=range(len(_STYLE_CASES)))
def test_style_cases_read_the_same(compiled, style):
    from eightk.documents import _cwalk  # type: ignore[attr-defined]

    assert _cwalk.style_bits(style) == _cwalk.python_style_bits(style)
    assert _cwalk.style_bits(style.upper()) == _cwalk.python_style_bits(style.upper())


def test_samples_give_the_same_views(compiled, depth):
    n = 0
    for path in sorted(SAMPLES.iterdir()):
        if path.suffix not in (".txt", ".nc"):
            continue
        sub = read_submission(path.read_bytes())
        for doc in sub.documents:
            if doc.format in ("html", "ixbrl"):
                _same(compiled, doc.text, doc.sequence, depth)
                n += 1
    assert n >= 2  # the samples hold HTML and iXBRL submissions


def test_corpus_html_documents_give_the_same_views(compiled, depth, shared_dir):
    n = 0
    for row in load_inventory():
        if row["fmt"] not in ("HTML", "iXBRL"):
            continue
        sub = read_submission((CORPUS / row["file"]).read_bytes())
        for doc in sub.documents:
            if doc.format in ("html", "ixbrl") and doc.size <= (32 << 20):
                _same(compiled, doc.text, doc.sequence, depth)
                n += 1
    assert n > 500, n  # the corpus holds about 900 HTML documents


@pytest.mark.parametrize("name", ["_cwalk", "_cnesting"])
def test_the_modules_were_built_from_this_source(compiled, depth, name):
    """A module compiled from an older .pyx would work by older rules: `make install` rebuilds
    them when a source changes, and this fails when it did not."""
    import importlib

    module = importlib.import_module(f"eightk.documents.{name}")
    source = Path(html.__file__).with_name(f"{name}.pyx")
    assert hashlib.sha256(source.read_bytes()).hexdigest() == module.SOURCE_SHA256


def test_python_walk_on_request():
    """EIGHTK_PYTHON_WALK=1 makes html_view walk in Python (the reference), with the same output."""
    code = ("from eightk.documents import html, nesting;"
            "print(html._COMPILED_WALK is None and nesting._COMPILED_DEPTH is None);"
            "print(repr(html.html_view('<p>a <b>b</b></p><table><tr><td>1</td><td>2</td></tr></table>').text))")
    env = {**os.environ, "EIGHTK_PYTHON_WALK": "1"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout
    assert out.splitlines() == ["True", repr("a b\n1 2\n")]

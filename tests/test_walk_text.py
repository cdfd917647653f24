"""The compiled walk's reading of text nodes (eightk.documents._cwalk: eight bytes at a time
where they are all space and printable ASCII, else byte by byte) against the Python walk's, on
texts whose odd characters fall at every place of an eight-byte word."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eightk.documents import html
from tests.conftest import unavailable
from tests.test_cwalk import _same


@pytest.fixture(scope="module")
def compiled():
    if html._COMPILED_WALK is None:
        unavailable("the compiled HTML walk (eightk.documents._cwalk) is not built: `make install` builds it")
    return html._COMPILED_WALK


# what each byte-by-byte branch reads: other ASCII white space, controls removed (C0, 28-31,
# DEL), characters past ASCII to keep, to fold (NBSP, U+3000) and to remove (soft hyphen, zero
# width space, BOM, C1)
_ODD = st.sampled_from(["\n", "\t", "\r", "\x0b", "\x01", "\x1c", "\x1f", "\x7f", "\xe9", "\xa0", "\u3000", "\xad",
                        "\u200b", "\ufeff", "\x92", "\u2019"])
_PLAIN = "Acme Corp. (NYSE: ACME) ~ 1,234!  " * 3  # printable ASCII and spaces: the eight-byte path


@st.composite
def _texts(draw) -> str:
    """A plain text with a few odd characters at any places (so at any place of a word)."""
    text = _PLAIN[:draw(st.integers(0, len(_PLAIN)))]
    for odd, at in draw(st.lists(st.tuples(_ODD, st.integers(0, len(_PLAIN))), max_size=3)):
        text = text[:at] + odd + text[at:]
    return text


@settings(max_examples=400, deadline=None)
@given(st.lists(_texts(), min_size=1, max_size=3), st.sampled_from(["p", "td", "pre", "span"]))
def test_texts_read_the_same(compiled, texts, tag):
    body = "<b>x</b>".join(t.replace("&", "&amp;").replace("<", "&lt;") for t in texts)
    _same(compiled, f"<table><tr><td>y</td><{tag}>{body}</{tag}></tr></table><p>{body}</p>")
    fact = f"<ix:nonNumeric name='dei:X' contextRef='c'>{body}</ix:nonNumeric>"
    _same(compiled, f"<p>{fact} {body}</p>")

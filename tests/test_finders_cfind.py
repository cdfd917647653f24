"""The finders' compiled scans (eightk.containers._cfind: lowered, capital_runs, needle_starts)
give what the Python code of eightk.extract.hits gives, on texts of the three widths CPython
stores a str in (ASCII and Latin-1, two-byte, four-byte characters). Where _cfind is not built
the tests skip (under CI=true they fail: CI builds it)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from eightk.extract import hits
from tests.conftest import unavailable

#: pieces the texts are made of: needles in every case, capitals before word ends, and
#: characters of each width (é: Latin-1, — and İ: two bytes, 𝐀: four)
_PIECES = ["Jan. 4, 2003", "DEC 31", "1an 2", "12/31/03", "2003-12-31", "8-K", "Man", "Sec", "Chief", "CEO", "Vice", "office", "Chairwoman", "Dollars", "dOLLARS", "ollar", "DS", "ds", "Ds", "ADSs", "USD", "XUSD", "USD1", "USD_", "ABC", "AB", "é",
           "—", "İ", "𝐀", "\u212a", "%", "per cent", "PERCENT", "pct", "end", "ENDED", " ", "\n", ".", "-", "x", "Z",
           "9", "_", "Common", "NOTES", "bonds", "Warrant"]


def _texts() -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(_PIECES) | st.text(max_size=3), max_size=40).map("".join)


@pytest.fixture(scope="module")
def cfind():
    if hits._CFIND is None:
        unavailable("the compiled scans (eightk.containers._cfind) are not built: `make install` builds them")
    return hits._CFIND


@contextmanager
def _python() -> Iterator[None]:
    """The Python code of eightk.extract.hits, as where _cfind is not built."""
    module, hits._CFIND = hits._CFIND, None
    try:
        yield
    finally:
        hits._CFIND = module


@settings(max_examples=400, deadline=None)
@given(_texts())
@example("")
@example("USD")
@example("ÉTÉ İstanbul 𝐀BC ABC")
def test_lowered_and_capital_runs_are_the_python_ones(cfind, text: str) -> None:
    got = hits.lowered(text), hits.capital_runs(text)
    with _python():
        assert got == (hits.lowered(text), hits.capital_runs(text))
    assert type(got[0]) is str and got[0].isascii()


@settings(max_examples=400, deadline=None)
@given(_texts())
@example("DS")
@example("ADS dS Ds DS")
@example("ollar")
def test_needled_anchors_find_their_starts_as_in_python(cfind, text: str) -> None:
    from eightk.extract.amounts import _MONEY_ANCHORS, _PERCENT_ANCHOR, _SHARES_ANCHOR
    from eightk.extract.dates import _DATE_ANCHOR, _PERIOD_ANCHOR
    from eightk.extract.parties import _ROLE_ANCHOR
    from eightk.extract.securities import _NOTE_ANCHOR, _STOCK_ANCHOR, _WARRANT_ANCHOR

    low = hits.lowered(text)
    for anchor in (_MONEY_ANCHORS[1][1], _SHARES_ANCHOR, _PERCENT_ANCHOR, _PERIOD_ANCHOR, _NOTE_ANCHOR, _STOCK_ANCHOR,
                   _WARRANT_ANCHOR, _DATE_ANCHOR, _ROLE_ANCHOR):
        # the Python starts, less those before the text (never a match: see hits.matches_at),
        # and with the first characters of the pattern only where those are asked for
        python = sorted(p for p in anchor._starts(((low, anchor.folded), (text, anchor.plain))) if p >= 0)
        assert cfind.needle_starts(low, text, anchor.searches) == python, anchor.needles
        assert anchor.first is not None
        firsts = anchor.first.decode()
        assert cfind.needle_starts(low, text, anchor.searches, anchor.first) == [p for p in python if text[p] in firsts]
        got = [m.span() for m in anchor.finditer(text, low)]
        with _python():
            assert got == [m.span() for m in anchor.finditer(text, low)]


def test_needle_starts_checks_its_input(cfind) -> None:
    with pytest.raises(ValueError):
        cfind.needle_starts("é", "é", ())  # not lowered: "é" is no ASCII
    with pytest.raises(ValueError):
        cfind.needle_starts("ab", "abc", ())  # not the text's length
    with pytest.raises(ValueError):
        cfind.needle_starts("ab", "ab", ((b"", (0,), None),))
    with pytest.raises(ValueError):
        cfind.needle_starts("ab", "ab", ((b"ab", (0,), "A"),))
    with pytest.raises(ValueError):
        cfind.needle_starts("ab", "ab", (), "é".encode())


def test_first_characters_are_read_from_a_plain_class_only() -> None:
    import re

    assert hits._first_chars(re.compile("[%Pp]er")) == b"%Pp"
    assert hits._first_chars(re.compile("[0-3]x")) == b"0123"
    assert hits._first_chars(re.compile("[a-c]x", re.I)) is None  # "K" is a "k" then
    assert hits._first_chars(re.compile("[^a]x")) is None
    assert hits._first_chars(re.compile("(?:a|b)")) is None
    assert hits._first_chars(re.compile("[ab]?c")) is None  # a match may start at "c"
    assert hits._first_chars(re.compile("[ab]c|d")) is None  # or at "d"
    assert hits._first_chars(re.compile(r"[ab](?:c|d)[|]\|")) == b"ab"

"""Patterns given a first-letter check match exactly what they match without it."""

import re

from eightk.extract.securities import _STOCK_RE

PHRASES = [
    "Series A Convertible Preferred Stock, par value $.01 per share", "Class B common stock",
    "common stock", "preferred shares", "ordinary shares", "capital stock", "class A common stock",
    "convertible preferred stock", "cumulative preferred stock", "redeemable preferred stock",
    "participating preferred stock", "perpetual preferred stock", "voting common stock",
    "non-voting common stock", "American Depositary Shares", "american depositary shares", "ADSs",
    "6.5% Non-Cumulative Preferred Stock", "Floating Rate Preferred Units", "Common Units",
]


def test_stock_pattern_first_letters_change_nothing():
    bare = re.compile(_STOCK_RE.pattern[_STOCK_RE.pattern.index("(?P<cls>") :])
    text = " The issuer sold ".join(PHRASES) + " and xcommon stock, 7capital stock."
    got = [(m.span(), m.groups()) for m in _STOCK_RE.finditer(text)]
    assert got == [(m.span(), m.groups()) for m in bare.finditer(text)]
    assert len(got) >= len(PHRASES)

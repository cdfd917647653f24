"""hits.windows merges the windows around anchor matches as the plain reading of its rule does
(``max``/``min`` at each match), at the edges of the text too."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from eightk.extract.hits import windows


def _plain(text: str, anchor: re.Pattern[str], before: int, after: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    lo = hi = -1
    for a in anchor.finditer(text):
        s, e = max(0, a.start() - before), min(len(text), a.end() + after)
        if s <= hi:
            hi = max(hi, e)
            continue
        if hi > lo:
            out.append((lo, hi))
        lo, hi = s, e
    if hi > lo:
        out.append((lo, hi))
    return out


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab c", max_size=60), st.integers(0, 70), st.integers(0, 70))
def test_windows_are_the_plain_merge(text: str, before: int, after: int) -> None:
    for anchor in (re.compile("a"), re.compile("ab+"), re.compile("c b")):
        assert list(windows(text, anchor, before, after)) == _plain(text, anchor, before, after)

"""header.small_int reads a run of ASCII digits without its pattern: the same value as the
pattern gives, for every kind of input (spaces, leading zeros, long runs, other digits)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from eightk.containers import header


def _by_pattern(value: str | None) -> int | None:
    m = header._SMALL_INT.fullmatch(value) if value else None
    return int(m.group(1)) if m else None


@settings(max_examples=1000)
@given(st.one_of(st.none(), st.lists(st.sampled_from(["0", "1", "9", "00", "123456789", " ", "\t", "\u00b2",
                                                      "\u0663", "\uff11", "a", "-"]), max_size=8).map("".join)))
def test_small_int_is_the_pattern(value):
    assert header.small_int(value) == _by_pattern(value)

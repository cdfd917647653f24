"""The readers' patterns that start with a check of their first letters find what they found
without it."""

from __future__ import annotations

import random
import re

import pytest

from eightk.extract import ev_officers as O
from eightk.extract import ev_votes as V

CHECKED = [(O, n) for n in ("_SUCCEEDED", "_NEWS", "_CONDITIONAL_BEFORE", "_IF", "_CURRENT", "_EFFECTIVE", "_IMMEDIATE",
                            "_NOTICE", "_SAME_DATE", "_DATED")]
CHECKED += [(V, n) for n in ("_APPROVED", "_NOT_APPROVED", "_PREFACE", "_PROSE_A")]
_CHECK = re.compile(r"^\(\?=(?:\[[A-Za-z:]+\]|\\d)\)")


def _words(pattern: str) -> list[str]:
    """The pattern's words, in several cases, and a few characters the engine folds to letters."""
    words = re.findall(r"[A-Za-z]{2,}", re.sub(r"\\[A-Za-z]", " ", pattern))
    return [*words, *(w.upper() for w in words), *(w.title() for w in words), "\u017fuch", "\u0131f", "\u0130n", "\u212aey",
            "Mr.", "Dr", "the", "Jane", "Roe", ",", ".", ";", ":", "(ii)", "2023", "1,234,567", "12", "\n", "  ", "x"]


@pytest.mark.parametrize(("module", "name"), CHECKED)
def test_first_letter_check_finds_what_the_pattern_found(module: object, name: str) -> None:
    fast = getattr(module, name)
    assert _CHECK.match(fast.pattern), "the check of first letters is the pattern's start"
    plain = re.compile(_CHECK.sub("", fast.pattern), fast.flags)
    words = _words(plain.pattern)
    rng = random.Random(name)
    found = 0
    plain_words = re.findall(r"[A-Za-z]{2,}", re.sub(r"\\[A-Za-z]", " ", plain.pattern))
    for _ in range(4000):
        i, k = rng.randrange(len(plain_words)), rng.randrange(1, 5)  # a run of the pattern's words, in order
        pieces = [rng.choice(words) for _ in range(rng.randrange(0, 6))] + [rng.choice(["", "1,234,567"])] + plain_words[i : i + k]
        text = " ".join(pieces + [rng.choice(words) for _ in range(rng.randrange(0, 3))]) + rng.choice(["", " ", "\n"])
        lo = rng.randrange(0, len(text) // 2 + 1)
        a, b = plain.search(text, lo), fast.search(text, lo)
        assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups())), text
        found += a is not None
    assert found > 150

"""The officer reader relies on these properties of the people of an item."""

from __future__ import annotations

import random

from eightk.extract.people import find_people

PIECES = ["Jane Roe", "John Q. Doe", "Mr. Roe", "Ms. Doe", "Messrs. Roe and Doe", "Dr. Ann Poe", ", 52,", "(age 61)",
          "resigned", "was appointed", "Chief Financial Officer", "the Company", "Board", "and", ",", ".", "\n\n",
          "Mary deGrasse", "Ann-Marie Lee Jr.", "Roe", "Doe", "Smith", "$1,000,000"]


def test_mentions_are_in_text_order() -> None:
    """_Reader.sentence takes a sentence's mentions by bisection of their starts."""
    rng = random.Random(13)
    named = 0
    for _ in range(3000):
        text = " ".join(rng.choice(PIECES) for _ in range(rng.randrange(1, 30)))
        starts = [m.start for m in find_people(text).mentions]
        assert starts == sorted(starts), text
        named += len(starts) > 2
    assert named > 500

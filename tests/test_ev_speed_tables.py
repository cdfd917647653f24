"""Fast paths of the table readers agree with the rules they stand for."""

from __future__ import annotations

import random
import re

from eightk.extract import ev_earnings as E
from eightk.extract.tables import count


def _count_by_substitution(text: str) -> int | None:
    """tables.count as it read before: every separator substituted away."""
    m = re.match(r"^\(?\s*(\d{1,3}(?:[,.\s]\d{3})+|\d+)\s*\)?\*?$", text.strip())
    return int(re.sub(r"[,.\s]", "", m.group(1))) if m else None


def test_count_reads_what_the_substitution_read() -> None:
    rng = random.Random(5)
    pieces = ["1", "23", "456", "7,890", ",", ".", " ", "\u00a0", "\u0663", "(", ")", "*", "-", "a", "1.234", "12 345"]
    counted = 0
    for _ in range(20000):
        t = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 7)))
        assert count(t) == _count_by_substitution(t), t
        counted += count(t) is not None
    assert counted > 2000


WORDS = ["Net", "income", "INCOME", "revenue", "Revenues", "sales", "per", "share", "Diluted", "dilution", "(loss)",
         "profit", "earnings", "EPS", "weighted", "Average", "shares", "Total", "operating", "—", "–", "(1)", "*", "†",
         "GAAP", "reported", "2", ":", "-", "  ", "\n", "attributable", "to", "Orrin", "$", "1,234", "(0.12)"]


def test_a_row_without_the_words_has_no_label_the_patterns_match() -> None:
    """_figure_words and _context_words of the lower-cased first cell hold whenever the
    patterns they stand for match the row's label (the rows without them are passed over)."""
    rng = random.Random(9)
    matched = 0
    for _ in range(20000):
        first = " ".join(" ".join(rng.choice(WORDS) for _ in range(rng.randrange(1, 6))).split())
        label, low = E._label(first), first.lower()
        if E._REVENUE.match(label) or E._NET_INCOME.match(label) or E._DILUTED.search(label):
            matched += 1
            assert E._figure_words(low), first
        if E._EPS_CONTEXT.search(label) or E._SHARES.search(label):
            assert E._context_words(low), first
    assert matched > 1000

"""layout.best_aligned picks what ``max`` over (overlap > 0, overlap, -centre distance) picks:
the loop compares ints (twice the centres), which must order the segments as the floats do."""

from __future__ import annotations

import random

from eightk.parser.layout import Seg, best_aligned


def _by_max(target: Seg, candidates: list[Seg]) -> Seg | None:
    if not candidates:
        return None
    centre = (target.lo + target.hi) / 2

    def key(c: Seg) -> tuple[bool, int, float]:
        ov = min(c.hi, target.hi) - max(c.lo, target.lo)
        return ov > 0, ov, -abs((c.lo + c.hi) / 2 - centre)

    return max(candidates, key=key)


def test_best_aligned_is_max_over_overlap_then_centre() -> None:
    rnd = random.Random(16)
    for _ in range(20000):
        def seg() -> Seg:
            lo = rnd.randint(0, 120)
            return Seg("x", lo, lo + rnd.randint(0, 60), 0, 1)
        target = seg()
        # few distinct columns, so that ties (equal overlap, equal distance) are common
        candidates = [seg() for _ in range(rnd.randint(0, 5))]
        assert best_aligned(target, candidates) is _by_max(target, candidates)

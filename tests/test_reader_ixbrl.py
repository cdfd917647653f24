"""ixbrl_cover._span_over, one pass over the parts of a phone or an address, gives the Span
over the shown ones that a list and its min() and max() gave."""

from __future__ import annotations

import random

from eightk.documents.blocks import DocumentView
from eightk.model import Span
from eightk.parser import ixbrl_cover


def _plain(view: DocumentView, facts: list) -> Span | None:
    shown = [f for f in facts if f is not None and not f["hidden"] and f["start"] is not None]
    if not shown:
        return None
    return Span(start=min(f["start"] for f in shown), end=max(f["end"] for f in shown), document=view.sequence)


def test_span_over_is_min_and_max_of_the_shown_parts() -> None:
    rnd = random.Random(16)
    view = DocumentView(text="", blocks=[], format="ixbrl", sequence=1)
    for _ in range(5000):
        facts = []
        for _ in range(rnd.randint(0, 4)):
            if rnd.random() < 0.2:
                facts.append(None)
                continue
            start = rnd.choice([None, 0, 1, 5, 40, 41, 300])
            facts.append({"start": start, "end": None if start is None else start + rnd.randint(0, 20),
                          "hidden": rnd.random() < 0.3})
        assert ixbrl_cover._span_over(view, facts) == _plain(view, facts)

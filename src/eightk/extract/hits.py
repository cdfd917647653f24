"""The common currency of the extractors: a :class:`Hit` is a fact before it is placed.

Extractors are pure functions ``text -> list[Hit]`` with offsets into the text they were
given; :mod:`eightk.extract` turns hits into :class:`~eightk.model.Fact` s with the
document sequence and the item the span falls in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Hit:
    kind: str
    start: int
    end: int
    text: str
    value: Any = None
    unit: str | None = None
    per: str | None = None
    attributes: dict[str, Any] = field(default_factory=dict)
    #: a problem in the source found while reading this hit: (code, message)
    problem: tuple[str, str] | None = None


def overlaps(a: Hit, b: Hit) -> bool:
    return a.start < b.end and b.start < a.end

"""The parser builds Items and the Spans of its offsets without validation (Item.trusted,
Span.at): their values must already have the fields' types, so validating the same values
gives the same instance."""

from __future__ import annotations

from pathlib import Path

import eightk
from eightk.model import Item, Span
from tests.conftest import SAMPLES


def _same_as_validated(model: Item | Span) -> None:
    validated = type(model).model_validate(model.model_dump())
    assert model == validated
    assert [type(v) for v in model.__dict__.values()] == [type(v) for v in validated.__dict__.values()]
    assert model.model_dump_json() == validated.model_dump_json()


def test_items_and_parser_spans_are_the_validated_ones() -> None:
    n = 0
    for f in sorted(SAMPLES.iterdir()):
        filing = eightk.parse(Path(f).read_bytes(), facts=False)
        for item in filing.items:
            _same_as_validated(item)
            n += 1
        for e in filing.exhibits:
            if e.span is not None:
                _same_as_validated(e.span)
        for a in filing.anomalies:
            if a.span is not None:
                _same_as_validated(a.span)
    assert n >= len(list(SAMPLES.iterdir()))

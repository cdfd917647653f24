"""Facts built by the fast constructor are the instances ``model_construct`` builds."""

from eightk.extract import _constructor, _fact, facts_of_text
from eightk.extract.hits import Hit
from eightk.kinds import FactKind
from eightk.model import Fact, Span


def _old(h: Hit, document: int | None, item: str | None) -> Fact:
    span = Span.model_construct(start=h.start, end=h.end, document=document)
    return Fact.model_construct(
        kind=FactKind(h.kind), text=h.text, value=h.value, unit=h.unit, per=h.per, span=span,
        document=document, item=item, attributes=h.attributes,
    )


def test_fast_fact_equals_model_construct():
    text = "On March 3, 2004 Acme Corp. paid $1.5 million for 20,000 shares, 15% of its stock."
    hits = [Hit("money", 33, 45, "$1.5 million", 1500000, "USD", "share", {"malformed": True}),
            Hit("date", 3, 16, "March 3, 2004", "2004-03-03")]
    for h in hits:
        for document, item in ((1, "2.01"), (None, None)):
            new, old = _fact(h, document, item), _old(h, document, item)
            assert new == old
            assert list(new.__dict__) == list(old.__dict__)
            assert new.model_fields_set == old.model_fields_set
            assert new.span.model_fields_set == old.span.model_fields_set
            assert new.model_dump_json() == old.model_dump_json()
            assert repr(new) == repr(old)
    facts = facts_of_text(text)
    assert {f.kind for f in facts} >= {"money", "date", "shares", "percent"}


def test_a_field_left_out_gets_its_default_as_model_construct_gives_it():
    make = _constructor(Span)
    assert make is not None
    short = make(start=1, end=2)
    assert short == Span.model_construct(start=1, end=2)
    assert short.model_fields_set == {"start", "end"}
    fresh = make(start=1, end=2, document=3)
    assert fresh.model_fields_set == {"start", "end", "document"}
    fresh.document = 4
    assert make(start=5, end=6, document=None).document is None  # no state shared between instances


def test_a_model_with_aliases_is_left_to_model_construct():
    from pydantic import BaseModel, Field

    class Aliased(BaseModel):
        x: int = Field(alias="y")

    assert _constructor(Aliased) is None

"""Model.trusted, the fact reader's fast model_construct: the same instances, and only for models
it may build (no aliases, private attributes, post-init hook or __new__, every field given)."""

from __future__ import annotations

import pytest

from eightk import model
from eightk.kinds import FactKind
from eightk.model import Fact, Span, _Model


def _models() -> list[type[_Model]]:
    return [m for m in vars(model).values() if isinstance(m, type) and issubclass(m, _Model) and m is not _Model]


@pytest.mark.parametrize("cls", _models(), ids=lambda c: c.__name__)
def test_no_model_needs_what_trusted_leaves_out(cls):
    assert not cls.__pydantic_post_init__
    assert not cls.__private_attributes__
    assert not cls.__pydantic_root_model__
    assert cls.__new__ is object.__new__  # trusted makes the instance with object.__new__
    assert all(f.alias is None and f.validation_alias is None for f in cls.model_fields.values())


def test_trusted_is_model_construct():
    values = {"start": 3, "end": 9, "document": 2}
    a, b = Span.trusted(dict(values)), Span.model_construct(**values)
    assert a == b and a.model_fields_set == b.model_fields_set == set(values)
    assert a.__pydantic_extra__ is b.__pydantic_extra__ is None
    assert a.__pydantic_private__ is b.__pydantic_private__ is None
    fact = {"kind": FactKind.MONEY, "text": "$1.5 million", "value": 1_500_000.0, "unit": "USD", "per": None,
            "span": Span.trusted({"start": 0, "end": 12, "document": 1}), "document": 1, "item": "2.02",
            "attributes": {"approx": True}}
    a, b = Fact.trusted(dict(fact)), Fact.model_construct(**fact)
    assert a == b and a.model_fields_set == b.model_fields_set
    assert a.__pydantic_extra__ is b.__pydantic_extra__ is None
    assert a.__pydantic_private__ is b.__pydantic_private__ is None
    assert a.model_dump_json() == b.model_dump_json()
    assert list(a.__dict__) == list(Fact.model_fields)  # every field, in order

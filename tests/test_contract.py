"""The output schema as a contract: enumerations that refuse unknown values and list every
value the code base produces, attributes validated per fact kind and event type, a
description on every field, and the committed JSON Schema equal to the model's."""

from __future__ import annotations

import ast
import itertools
import json
import warnings
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest
from pydantic import ValidationError

import eightk
from eightk.kinds import (
    EVENT_ATTRIBUTES,
    FACT_ATTRIBUTES,
    AnomalyCode,
    EarningsReleaseAttributes,
    EventType,
    FactKind,
)
from eightk.model import SCHEMA_VERSION, Anomaly, Event, Fact, Filing, Span, json_schema
from tests.conftest import CORPUS, ROOT, SAMPLES

SRC = ROOT / "src" / "eightk"
SCHEMA_FILE = ROOT / "schema" / f"filing.v{SCHEMA_VERSION}.json"


# --- enumerations -----------------------------------------------------------------------------


def test_unknown_values_are_refused():
    with pytest.raises(ValidationError, match="code"):
        Anomaly(code="x", message="m")
    with pytest.raises(ValidationError, match="kind"):
        Fact(kind="x", text="t", span=Span(start=0, end=1))
    with pytest.raises(ValidationError, match="type"):
        Event(type="x")


def test_strings_validate_and_serialize_as_the_same_strings():
    a = Anomaly(code="items_mismatch", message="m")
    assert a.code is AnomalyCode.ITEMS_MISMATCH and a.code == "items_mismatch"
    assert json.loads(a.model_dump_json())["code"] == "items_mismatch"
    assert type(a.model_dump()["code"]) is str  # model_dump gives plain strings, as before
    e = Event(type=EventType.EARNINGS_RELEASE)
    assert f"{e.type}" == str(e.type) == "earnings_release"
    # a fact built without validation (as the extractors do) serializes without a warning
    f = Fact.model_construct(kind="money", text="$1", value=1, span=Span(start=0, end=2), attributes={})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert json.loads(f.model_dump_json())["kind"] == "money"


def test_every_member_is_described_in_the_json_schema():
    defs = json_schema()["$defs"]
    for enum in (FactKind, EventType, AnomalyCode):
        d = defs[enum.__name__]
        assert d["enum"] == [m.value for m in enum]
        for m in enum:
            assert f"- {m.value}: " in d["description"], m


# --- attributes -------------------------------------------------------------------------------


def test_event_attributes_are_validated_per_type():
    Event(type="earnings_release", attributes={"period_end": "2004-03-31", "period_lengths": ["quarter"]})
    with pytest.raises(ValidationError, match="earnings_release"):
        Event(type="earnings_release", attributes={"court": "X"})  # a key of another type
    with pytest.raises(ValidationError, match="period_end"):
        Event(type="earnings_release", attributes={"period_end": "not a date"})
    with pytest.raises(ValidationError, match="action"):
        Event(type="officer_director_change", attributes={"changes": [{"person": "A", "action": "promoted"}]})
    with pytest.raises(ValidationError):
        Event(type="other_event", attributes={"amount": 5})


def test_fact_attributes_are_validated_per_kind():
    span = Span(start=0, end=1)
    Fact(kind="party", text="t", span=span, attributes={"type": "person", "signatory": True})
    Fact(kind="security", text="t", span=span, attributes={"class": "common stock", "par_value": None})
    with pytest.raises(ValidationError, match="type"):
        Fact(kind="party", text="t", span=span, attributes={"type": "planet"})
    with pytest.raises(ValidationError):
        Fact(kind="date", text="t", span=span, attributes={"class": "x"})


def test_attributes_keep_the_dict_the_producer_built():
    attrs = {"amount": 5_000_000, "currency": "USD", "counterparties": []}
    e = Event(type="material_agreement_termination", attributes=attrs)
    assert e.attributes == attrs and list(e.attributes) == list(attrs)  # no null keys added, order kept
    assert json.loads(e.model_dump_json())["attributes"] == attrs
    typed = Event(type="earnings_release", attributes={"period_end": "2004-03-31"}).typed_attributes()
    assert isinstance(typed, EarningsReleaseAttributes) and str(typed.period_end) == "2004-03-31"


def test_every_kind_and_type_has_an_attribute_model():
    assert set(FACT_ATTRIBUTES) == set(FactKind)
    assert set(EVENT_ATTRIBUTES) == set(EventType)


# --- descriptions and the schema file ---------------------------------------------------------


def _properties(node: object, path: str = "#") -> Iterator[tuple[str, dict]]:
    """Every (path, property schema) under ``node``: model fields, attribute fields in the
    if/then branches, nested definitions."""
    if isinstance(node, dict):
        props = node.get("properties")
        if isinstance(props, dict):
            for name, prop in props.items():
                yield f"{path}/properties/{name}", prop
        for k, v in node.items():
            if k != "if":  # the condition names the discriminator, it is no field
                yield from _properties(v, f"{path}/{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _properties(v, f"{path}/{i}")


def test_every_field_is_described():
    undescribed = [p for p, prop in _properties(json_schema()) if not prop.get("description")]
    assert not undescribed, f"fields without a description: {undescribed}"
    defs = json_schema()["$defs"]  # models and enumerations: their docstrings
    assert not [n for n, d in defs.items() if not d.get("description")]


def test_every_model_field_has_a_description():
    """The same from the models' side (a $ref'd field too has its own description)."""
    import inspect

    from eightk import kinds, model

    for mod in (model, kinds):
        for _, cls in inspect.getmembers(mod, inspect.isclass):
            fields = getattr(cls, "model_fields", None)
            if not fields or cls.__module__ != mod.__name__:
                continue
            assert not [n for n, f in fields.items() if not f.description], cls


def test_the_committed_schema_file_is_the_models_schema():
    assert SCHEMA_FILE.is_file(), f"{SCHEMA_FILE.relative_to(ROOT)} is missing: run `make schema` and commit it"
    assert json.loads(SCHEMA_FILE.read_text(encoding="utf-8")) == json_schema(), (
        f"{SCHEMA_FILE.relative_to(ROOT)} differs from the model: run `make schema` and commit it "
        "(and bump SCHEMA_VERSION if a field was renamed)"
    )


# --- every value the code base produces is a member -------------------------------------------


def _strings(node: ast.AST | None, fn: ast.AST) -> list[str] | None:
    """The strings an expression can be: a literal, either branch of ``a if c else b``, an
    f-string whose placeholder is a loop variable over literal tuples in ``fn``; None when the
    value is computed elsewhere."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        a, b = _strings(node.body, fn), _strings(node.orelse, fn)
        return None if a is None or b is None else a + b
    if isinstance(node, ast.JoinedStr):
        parts: list[list[str]] = []
        for v in node.values:
            if isinstance(v, ast.Constant):
                parts.append([v.value])
            elif isinstance(v, ast.FormattedValue) and isinstance(v.value, ast.Name):
                values = _loop_values(v.value.id, fn)
                if values is None:
                    return None
                parts.append(values)
            else:
                return None
        return ["".join(p) for p in itertools.product(*parts)]
    return None


def _literal_sequence(node: ast.AST, fn: ast.AST) -> list[ast.AST] | None:
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return list(node.elts)
    if isinstance(node, ast.Name):  # a list assigned in the same function
        for n in ast.walk(fn):
            if isinstance(n, ast.Assign) and any(isinstance(t, ast.Name) and t.id == node.id for t in n.targets):
                return _literal_sequence(n.value, fn)
    return None


def _loop_values(name: str, fn: ast.AST) -> list[str] | None:
    """The literal values ``name`` takes as a ``for`` target in ``fn`` (``for field, a, b in
    checks`` with ``checks = [("name", ...), ...]``)."""
    for n in ast.walk(fn):
        if not isinstance(n, ast.For):
            continue
        targets = n.target.elts if isinstance(n.target, ast.Tuple) else [n.target]
        idx = [i for i, t in enumerate(targets) if isinstance(t, ast.Name) and t.id == name]
        if not idx:
            continue
        elts = _literal_sequence(n.iter, fn)
        if elts is None:
            return None
        out = []
        for e in elts:
            item = e.elts[idx[0]] if isinstance(n.target, ast.Tuple) and isinstance(e, ast.Tuple) else e
            if not (isinstance(item, ast.Constant) and isinstance(item.value, str)):
                return None
            out.append(item.value)
        return out
    return None


def _call_name(call: ast.Call) -> str | None:
    f = call.func
    if isinstance(f, ast.Attribute) and f.attr in ("model_construct", "trusted") and isinstance(f.value, ast.Name):
        return f.value.id
    if isinstance(f, ast.Name):
        return f.id
    return None


#: Where a value is passed on rather than produced: each is fed by a rule below.
_PASSED_ON = {
    ("extract/__init__.py", "Anomaly", "code"),  # `code, message = h.problem`: the `.problem = (...)` codes
    ("extract/__init__.py", "Fact", "kind"),  # `kind=h.kind`: the Hit(...) kinds
    ("extract/events.py", "Event", "type"),  # `type=etype`: ITEM_TYPES and the cue types
}


def _produced(root: Path = SRC) -> tuple[dict[str, set[str]], list[str]]:
    """Scan the sources under ``root`` for the values given as an anomaly code, a fact kind or
    an event type; and the sites whose value the scan cannot resolve."""
    found: dict[str, set[str]] = {"code": set(), "kind": set(), "type": set()}
    unresolved = []
    passed_on: set[tuple[str, str, str]] = set()
    roles = {"Anomaly": "code", "Fact": "kind", "Hit": "kind", "Event": "type"}
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        parents = {c: p for p in ast.walk(tree) for c in ast.iter_child_nodes(p)}

        def enclosing(node: ast.AST, tree: ast.AST = tree, parents: dict = parents) -> ast.AST:
            while node in parents and not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                node = parents[node]
            return node if node in parents else tree

        # helpers that take a code and build an Anomaly: def add(code, message, ...)
        makers = {
            n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)
            and n.args.args and n.args.args[0].arg == "code"
            and any(isinstance(c, ast.Call) and _call_name(c) == "Anomaly" for c in ast.walk(n))
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = _call_name(node)
                args: list[tuple[str, ast.AST]] = [(k.arg, k.value) for k in node.keywords if k.arg]
                if node.args and isinstance(node.args[0], ast.Dict):  # Model.trusted({"kind": ...})
                    args += [(k.value, v) for k, v in zip(node.args[0].keys, node.args[0].values, strict=True)
                             if isinstance(k, ast.Constant) and isinstance(k.value, str)]
                if name == "Hit" and node.args:
                    args.append(("kind", node.args[0]))
                if name in makers and node.args:
                    args.append(("code", node.args[0]))
                    name = "Anomaly"
                for key, value in args:
                    if name == "Hit" and key == "problem" and isinstance(value, ast.Tuple):
                        key, value = "code", value.elts[0]  # Hit(..., problem=(code, message))
                    elif name not in roles or key != roles[name]:
                        continue
                    fn = enclosing(node)
                    if isinstance(fn, ast.FunctionDef) and fn.name in makers and isinstance(value, ast.Name) \
                            and value.id == "code":
                        continue  # the helper's parameter: its calls give the values
                    got = _strings(value, fn)
                    if got is not None:
                        found[key].update(got)
                    elif (rel, name, key) in _PASSED_ON:
                        passed_on.add((rel, name, key))
                    else:
                        unresolved.append(f"{rel}:{node.lineno}: {name}({key}={ast.unparse(value)})")
            # hit.problem = ("malformed_number", ...)
            if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Attribute) and t.attr == "problem" for t in node.targets
            ) and isinstance(node.value, ast.Tuple):
                got = _strings(node.value.elts[0], enclosing(node))
                if got is None:
                    unresolved.append(f"{rel}:{node.lineno}: problem = {ast.unparse(node.value)}")
                else:
                    found["code"].update(got)
            # etype == "earnings_release", etype in ("material_agreement", ...)
            if isinstance(node, ast.Compare) and isinstance(node.left, ast.Name) and node.left.id in (
                "etype", "guess"
            ):
                for comp in node.comparators:
                    elts = comp.elts if isinstance(comp, (ast.Tuple, ast.List, ast.Set)) else [comp]
                    found["type"].update(e.value for e in elts if isinstance(e, ast.Constant))
    if root == SRC:
        unresolved += [f"{site}: listed in _PASSED_ON but no longer in the code" for site in _PASSED_ON - passed_on]
    return found, unresolved


def test_every_value_the_code_produces_is_a_member():
    found, unresolved = _produced()
    assert not unresolved, (
        "values the scan cannot resolve (pass a literal, or add the site to _PASSED_ON with the rule that "
        f"covers its values): {unresolved}"
    )
    # the event layer's tables
    from eightk.extract import events

    found["type"] |= set(events.ITEM_TYPES.values()) | set(events.TYPE_MODERN_ITEM) | set(events._CUES)
    found["type"] |= set(getattr(events, "_MODERN_REFINABLE", ()))
    assert found["code"] - set(AnomalyCode) == set(), "anomaly codes missing from eightk.kinds.AnomalyCode"
    assert found["kind"] - set(FactKind) == set(), "fact kinds missing from eightk.kinds.FactKind"
    assert found["type"] - set(EventType) == set(), "event types missing from eightk.kinds.EventType"
    # and the scan sees them at all: the f-string expansions, the helper calls, the tables
    assert {"name_mismatch", "commission_file_number_mismatch", "signature_before_report",
            "malformed_number", "impossible_date", "ixbrl_date_mismatch"} <= found["code"]
    assert {"money", "party", "period"} <= found["kind"]
    assert {"legal_settlement", "earnings_release"} <= found["type"]


def test_the_scan_sees_every_way_a_value_is_written(tmp_path):
    (tmp_path / "m.py").write_text(
        "def check(reg):\n"
        "    checks = [('name', 1), ('phone', 2)]\n"
        "    for field, n in checks:\n"
        "        Anomaly(code=f'{field}_mismatch', message='m')\n"
        "    Anomaly(code='a' if reg else 'b', message='m')\n"
        "    hit.problem = ('bad_number', 'm')\n"
        "    Hit('money', 0, 1, 'x', problem=('bad_money', 'm'))\n"
        "    Fact.model_construct(kind='shares')\n"
        "    Event(type='vote')\n"
        "    if etype in ('deal', 'loan'): pass\n"
        "    def add(code, message):\n"
        "        out.append(Anomaly(code=code, message=message))\n"
        "    add('late', 'm')\n"
        "    Anomaly(code=compute(), message='m')\n"
        "    Item(code='5.02')\n"
    )
    found, unresolved = _produced(tmp_path)
    assert found == {
        "code": {"name_mismatch", "phone_mismatch", "a", "b", "bad_number", "bad_money", "late"},
        "kind": {"money", "shares"},
        "type": {"vote", "deal", "loan"},
    }
    assert unresolved == ["m.py:14: Anomaly(code=compute())"]


def test_no_member_is_dead():
    """Every member is produced somewhere: a member nothing produces is a stale entry."""
    found, _ = _produced()
    from eightk.extract import events

    found["type"] |= set(events.ITEM_TYPES.values()) | set(events.TYPE_MODERN_ITEM)
    assert set(AnomalyCode) - found["code"] == set()
    assert set(FactKind) - found["kind"] == set()
    assert set(EventType) - found["type"] == set()


# --- every parsed filing validates --------------------------------------------------------------


def _filings() -> Iterator[tuple[str, Filing]]:
    for p in sorted(SAMPLES.iterdir()):
        if p.is_file():
            yield p.name, eightk.parse(p.read_bytes(), path=p.name)


def _check(name: str, filing: Filing, validator: jsonschema.Draft202012Validator) -> None:
    text = filing.model_dump_json()
    again = Filing.model_validate_json(text)  # every fact, event and anomaly validates
    assert again.model_dump_json() == text, name
    errors = list(validator.iter_errors(json.loads(text)))
    assert not errors, f"{name}: {errors[0].json_path}: {errors[0].message}"


def test_sample_filings_validate():
    validator = jsonschema.Draft202012Validator(json_schema())
    n = 0
    for name, filing in _filings():
        _check(name, filing, validator)
        n += 1
    assert n >= 5


def test_the_json_schema_refuses_what_the_model_refuses():
    validator = jsonschema.Draft202012Validator(json_schema())
    base = {"source": {"sha256": "0", "size": 1, "container": "document"}}
    event = {"type": "earnings_release", "attributes": {"period_end": "2004-03-31", "item_source": "body"}}
    assert not list(validator.iter_errors({**base, "events": [event]}))
    bad = [
        {**base, "anomalies": [{"code": "x", "message": "m"}]},
        {**base, "facts": [{"kind": "x", "text": "t", "span": {"start": 0, "end": 1}}]},
        {**base, "events": [{**event, "type": "x"}]},
        {**base, "events": [{**event, "attributes": {"court": "X"}}]},  # a key of another type
        {**base, "events": [{"type": "auditor_change", "attributes": {"period_end": "2004-03-31"}}]},
        {**base, "facts": [{"kind": "party", "text": "t", "span": {"start": 0, "end": 1},
                            "attributes": {"type": "planet"}}]},
    ]
    for doc in bad:
        assert list(validator.iter_errors(doc)), doc
        with pytest.raises(ValidationError):
            Filing.model_validate(doc)


@pytest.mark.corpus
@pytest.mark.slow
def test_corpus_filings_validate(filing_rows, seeds_dir: Path):
    validator = jsonschema.Draft202012Validator(json_schema())
    paths = [CORPUS / r["file"] for r in filing_rows] + sorted(p for p in seeds_dir.iterdir() if p.is_file())
    types: set[str] = set()
    for p in paths:
        filing = eightk.parse(p.read_bytes(), path=p.name)
        _check(p.name, filing, validator)
        types |= {e.type for e in filing.events}
    assert len(paths) > 400 and len(types) > 10

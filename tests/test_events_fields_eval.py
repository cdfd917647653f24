"""Per-field evaluation of event attributes (``eightk events-eval`` over tests/labels/events.jsonl):
true and false positives and misses counted field by field, records matched by key. Synthetic
labels and filings written here; the corpus run reads ../shared/corpus in place."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eightk.events_eval import LabelError, read_field_labels, resolver
from eightk.events_fields import (
    FieldLabel,
    FieldTally,
    evaluate_fields,
    match_records,
    norm_text,
    same_value,
    score_label,
)
from eightk.interfaces.cli import app
from tests.conftest import unavailable

JSONL = Path(__file__).parent / "labels" / "events.jsonl"


def _label(etype: str, attrs: dict, filing: str = "f.txt") -> FieldLabel:
    return FieldLabel(filing, filing, etype, None, attrs, "synthetic", 1)


def _score(etype: str, expected: dict, got: dict | None) -> FieldTally:
    t = FieldTally()
    score_label(t, _label(etype, expected), got)
    return t


def _counts(t: FieldTally, etype: str, name: str) -> tuple[int, int, int]:
    s = t.score(etype, name)
    return s.tp, s.fp, s.fn


def test_names_compare_without_case_punctuation_or_legal_suffix():
    assert norm_text("Ernst & Young LLP") == norm_text("ERNST AND YOUNG, L.L.P.")
    assert norm_text("The Kestrel Bank, N.A.") == norm_text("Kestrel Bank")
    assert norm_text("Osprey Holdings, Inc.") == norm_text("osprey holdings")
    assert norm_text("Osprey Holdings") != norm_text("Osprey Capital")
    assert same_value("2021-03-04", "2021-03-04") and not same_value("2021-03-04", "2021-03-05")
    assert same_value(1250000.25, "1,250,000.25") and not same_value(1250000.25, 1250010.25)
    assert same_value(12.25, 12.251) and not same_value(12.25, 12.26)  # to the cent
    assert same_value(3.2e9, 3.2e9 + 1) and not same_value(3.2e9, 3.2e9 + 10_000)
    assert not same_value(12_345_678, 12_345_679) and same_value(12_345_678, 12_345_678.0)  # vote counts exactly
    assert same_value(4_200_000_000, 4_200_000_000.0000005)  # a computed amount
    assert same_value(True, True) and not same_value(True, 1) and not same_value(False, None)
    assert not same_value(10, "ten")


def test_scalar_fields_count_true_false_positives_and_misses():
    t = _score(
        "auditor_change",
        {"former_accountant": "Tamarack & Co. LLP", "new_accountant": "Birch Partners LLP",
         "former_action": "dismissed", "date": "2020-02-03", "disagreements": False, "letter_exhibit": None},
        {"former_accountant": "TAMARACK & CO, L.L.P.", "new_accountant": "Birch Audit LLP",
         "date": "2020-02-03", "disagreements": False, "letter_exhibit": "16.1"},
    )
    assert _counts(t, "auditor_change", "former_accountant") == (1, 0, 0)
    assert _counts(t, "auditor_change", "new_accountant") == (0, 1, 1)  # wrong value: both
    assert _counts(t, "auditor_change", "former_action") == (0, 0, 1)  # not read: a miss
    assert _counts(t, "auditor_change", "date") == (1, 0, 0)
    assert _counts(t, "auditor_change", "disagreements") == (1, 0, 0)
    assert _counts(t, "auditor_change", "letter_exhibit") == (0, 1, 0)  # labelled null, predicted: FP
    assert t.f1("auditor_change", "new_accountant") == 0.0
    assert t.f1("auditor_change", "former_accountant") == 1.0
    assert {(m.field, m.expected, m.got) for m in t.misses} == {
        ("new_accountant", "Birch Partners LLP", "Birch Audit LLP"),
        ("former_action", "dismissed", None),
        ("letter_exhibit", None, "16.1"),
    }


def test_no_event_misses_every_labelled_value_and_null_labels_cost_nothing():
    t = _score("debt_obligation", {"amount": 5e8, "instrument": "senior notes", "maturity": None}, None)
    assert _counts(t, "debt_obligation", "amount") == (0, 0, 1)
    assert _counts(t, "debt_obligation", "instrument") == (0, 0, 1)
    assert _counts(t, "debt_obligation", "maturity") == (0, 0, 0)
    assert t.found["debt_obligation"] == 0 and t.labelled["debt_obligation"] == 1


def test_lists_of_values_compare_as_sets():
    t = _score("material_agreement", {"counterparties": ["Osprey Bank, N.A.", "Kestrel Capital LLC"]},
               {"counterparties": ["KESTREL CAPITAL", "Heron Trust Company"]})
    assert _counts(t, "material_agreement", "counterparties") == (1, 1, 1)


def test_nested_objects_are_scored_field_by_field():
    t = _score("acquisition_disposition", {"consideration": {"amount": 12_500_000, "currency": "USD"}},
               {"consideration": {"amount": 12_500_000.0, "currency": "EUR"}})
    assert _counts(t, "acquisition_disposition", "consideration.amount") == (1, 0, 0)
    assert _counts(t, "acquisition_disposition", "consideration.currency") == (0, 1, 1)


def test_records_are_matched_by_key_then_scored_by_sub_field():
    expected = {"changes": [
        {"person": "Dana Whitfield", "action": "departed", "reason": "retirement", "positions": ["Chief Executive Officer"]},
        {"person": "Marco Ilves", "action": "appointed", "reason": None, "positions": ["Chief Executive Officer"]},
        {"person": "Ruth Okafor", "action": "elected", "reason": None},
    ]}
    got = {"changes": [
        {"person": "MARCO ILVES", "action": "appointed", "reason": "resignation",
         "positions": ["Chief Executive Officer", "director"]},
        {"person": "Dana Whitfield", "action": "appointed", "reason": "retirement",
         "positions": ["Chief Executive Officer"]},
        {"person": "Leo Brandt", "action": "departed"},
    ]}
    t = _score("officer_director_change", expected, got)
    key = "officer_director_change"
    assert _counts(t, key, "changes.person") == (2, 1, 1)  # Ruth missed, Leo extra
    # Dana wrong (FP+FN), Marco right, Ruth missed (FN), Leo's action on an extra record (FP)
    assert _counts(t, key, "changes.action") == (1, 2, 2)
    # Dana right, Marco predicted where the label says none (FP)
    assert _counts(t, key, "changes.reason") == (1, 1, 0)
    # positions are sets: Marco's "director" is extra
    assert _counts(t, key, "changes.positions") == (2, 1, 0)


def test_record_keys_match_loosely_and_the_best_of_several_wins():
    exp = [{"person": "John A. Smith", "action": "departed"}, {"person": "John A. Smith", "action": "appointed"}]
    got = [{"person": "John A. Smith, Jr.", "action": "appointed"}, {"person": "John A. Smith", "action": "departed"}]
    pairs, lone_e, lone_g = match_records(exp, got, "person")
    assert not lone_e and not lone_g
    assert {(e["action"], g["action"]) for e, g in pairs} == {("departed", "departed"), ("appointed", "appointed")}
    pairs, lone_e, lone_g = match_records([{"person": "Ann Lee"}], [{"person": "Anne Leeds"}], "person")
    assert not pairs and lone_e and lone_g


# --- end to end: synthetic filings and label file in tmp ---------------------------------------

_SETTLED = ("FORM 8-K\n\nDate of Report (Date of earliest event reported): March 3, 1999\n\n"
            "Item 5. Other Events.\n\nThe Company settled the lawsuit brought by {party} in the "
            "United States District Court; the Company pays {amount} over two years.\n")


@pytest.fixture()
def tiny(tmp_path: Path) -> tuple[Path, Path]:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(_SETTLED.format(party="Tamarack Tools, Inc.", amount="$2,500,000"))
    (corpus / "b.txt").write_text(_SETTLED.format(party="Heron Supply Corp.", amount="$40,000"))
    labels = tmp_path / "events.jsonl"
    rows = [
        {"filing": "a.txt", "type": "legal_settlement", "item": "5",
         "attributes": {"amount": 2500000, "counterparty": "Tamarack Tools"}, "reason": "settled for 2.5m"},
        {"filing": "b.txt", "type": "legal_settlement",
         "attributes": {"amount": 45000, "counterparty": "Heron Supply"}, "reason": "settled"},
        {"filing": "b.txt", "type": "bankruptcy", "attributes": {"court": "District Court"}, "reason": "no such event"},
    ]
    labels.write_text("# a comment\n" + "\n".join(json.dumps(r) for r in rows) + "\n")
    return corpus, labels


def test_synthetic_filings_are_parsed_and_scored(tiny: tuple[Path, Path]):
    corpus, labels = tiny
    labs = read_field_labels(labels, corpus)
    assert [(lab.path, lab.type, lab.item) for lab in labs] == [
        ("a.txt", "legal_settlement", "5"), ("b.txt", "legal_settlement", None), ("b.txt", "bankruptcy", None)]
    t = evaluate_fields(labs, corpus)
    assert t.labels == 3 and t.found == {"legal_settlement": 2}
    assert _counts(t, "legal_settlement", "amount") == (1, 1, 1)  # 40,000 is not 45,000
    assert _counts(t, "legal_settlement", "counterparty") == (2, 0, 0)
    assert _counts(t, "bankruptcy", "court") == (0, 0, 1)


def test_cli_reports_fields_as_table_and_json(tiny: tuple[Path, Path]):
    corpus, labels = tiny
    args = ["events-eval", "--corpus", str(corpus), "--field-labels", str(labels), "--fields-only"]
    r = CliRunner().invoke(app, [*args, "--misses"])
    assert r.exit_code == 0, r.output
    assert "per-field precision / recall" in r.output and "counterparty" in r.output
    assert "expected 45000, got 40000" in r.output
    r = CliRunner().invoke(app, [*args, "--format", "json", "--misses"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.output)["fields"]
    amount = next(f for f in out["fields"] if f["type"] == "legal_settlement" and f["field"] == "amount")
    assert (amount["tp"], amount["fp"], amount["fn"], amount["f1"]) == (1, 1, 1, 0.5)
    assert out["misses"][0]["field"] in ("court", "amount")  # the worst fields first


@pytest.mark.parametrize("line, problem", [
    ("{not json", "not JSON"),
    ('{"filing": "a.txt", "type": "no_such_type", "attributes": {"x": 1}, "reason": "r"}', "not an event type"),
    ('{"filing": "nowhere.txt", "type": "bankruptcy", "attributes": {"court": null}, "reason": "r"}', "not a file"),
    ('{"filing": "a.txt", "type": "bankruptcy", "item": "1.3", "attributes": {"court": null}, "reason": "r"}',
     "not an item code"),
    ('{"filing": "a.txt", "type": "bankruptcy", "attributes": {}, "reason": "r"}', "attributes"),
    ('{"filing": "a.txt", "type": "bankruptcy", "attributes": {"court": null}}', "no reason"),
    ('{"filing": "0000000000-99-000001", "type": "bankruptcy", "attributes": {"court": null}, "reason": "r"}',
     "accession"),
])
def test_bad_label_lines_are_named(tiny: tuple[Path, Path], line: str, problem: str):
    corpus, labels = tiny
    labels.write_text(line + "\n")
    with pytest.raises(LabelError, match=problem) as e:
        read_field_labels(labels, corpus)
    assert "events.jsonl:1" in str(e.value)
    r = CliRunner().invoke(app, ["events-eval", "--corpus", str(corpus), "--field-labels", str(labels), "--fields-only"])
    assert r.exit_code == 2 and "events.jsonl:1" in r.output


# --- the corpus labels --------------------------------------------------------------------------


@pytest.mark.corpus
def test_corpus_labels_resolve_and_are_compared(shared_dir: Path):
    corpus = shared_dir / "corpus"
    if not JSONL.is_file():
        unavailable(f"{JSONL} is absent")
    labs = read_field_labels(JSONL, corpus)
    assert labs and all(resolver(corpus)(lab.path, "check") == lab.path for lab in labs)
    t = evaluate_fields(labs, corpus)
    assert t.labels == len(labs)
    assert sum(s.tp + s.fp + s.fn for s in t.scores.values()) >= len(labs)  # every label compared something

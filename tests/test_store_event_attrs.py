"""Event attributes as search filters (``--attr``, issue 14) on both backends, and their
per-attribute tables in exports. Synthetic filings; PostgreSQL in a schema of its own."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from eightk.interfaces.cli import app
from eightk.model import Event
from eightk.store import Filters, StoreError
from tests.test_store_backends import make_filing, put, store, store_url  # noqa: F401 (fixtures)


def _ev(etype: str, **attrs) -> Event:
    return Event(type=etype, item="8.01", attributes=attrs)


@pytest.fixture
def stocked(store):  # noqa: F811
    filings = {
        "notes": make_filing("Notes issued.", events=[
            _ev("debt_obligation", amount=600_000_000, currency="USD", instrument="senior notes", maturity="2031")]),
        "loan": make_filing("A term loan.", events=[
            _ev("debt_obligation", amount=75_000_000.5, currency="USD", instrument="term loan", maturity="2024-04-30")]),
        "deal": make_filing("A deal closed.", events=[
            _ev("acquisition_disposition", counterparty="Birch Paints Corp.",
                consideration={"amount": 12_500_000, "currency": "USD"}),
            _ev("material_agreement", agreement_type="merger agreement",
                counterparties=["Tamarack Labs Corp.", "Heron Bank, N.A."])]),
        "placement": make_filing("Shares sold.", events=[
            _ev("equity_financing", shares=1000, warrants=[{"exercise_price": 1.5, "term_years": 5},
                                                           {"exercise_price": 2.0, "term_years": 3}])]),
    }
    ids = {k: put(store, f)[0].filing_id for k, f in filings.items()}
    return store, ids


def _found(db, **kw) -> set[int]:
    return {h.id for h in db.search("", Filters(**kw), limit=100).results}


def test_scalar_list_nested_and_record_paths(stocked):
    db, ids = stocked
    assert _found(db, event="debt_obligation", attrs=["instrument=Senior Notes"]) == {ids["notes"]}
    assert _found(db, event="debt_obligation", attrs=["maturity=2031"]) == {ids["notes"]}
    assert _found(db, event="debt_obligation", attrs=["amount=600000000"]) == {ids["notes"]}
    assert _found(db, event="debt_obligation", attrs=["amount=75,000,000.5"]) == {ids["loan"]}
    assert _found(db, event="material_agreement", attrs=["counterparties=heron bank, n.a."]) == {ids["deal"]}
    assert _found(db, event="acquisition_disposition", attrs=["consideration.amount=12500000"]) == {ids["deal"]}
    assert _found(db, event="equity_financing", attrs=["warrants.term_years=3"]) == {ids["placement"]}
    assert _found(db, event="equity_financing", attrs=["warrants.term_years=4"]) == set()
    # repeated --attr: all of them, on one event
    assert _found(db, event="debt_obligation", attrs=["instrument=term loan", "maturity=2024-04-30"]) == {ids["loan"]}
    assert _found(db, event="debt_obligation", attrs=["instrument=term loan", "maturity=2031"]) == set()
    # without --event: any event type with that attribute
    assert _found(db, attrs=["currency=usd"]) == {ids["notes"], ids["loan"]}
    # other filters still apply
    assert _found(db, event="debt_obligation", attrs=["currency=USD"], until="1990") == set()


def test_bad_attribute_filters_are_named(stocked):
    db, _ = stocked
    for attrs, problem in ((["instrument="], "key=value"), (["instrumnet=notes"], "did you mean instrument"),
                           (["warrants.price=1"], "warrants of equity_financing"), (["a;b=1"], "attribute path")):
        event = "equity_financing" if attrs[0].startswith("warrants") else "debt_obligation"
        with pytest.raises(StoreError, match=problem):
            db.search("", Filters(event=event, attrs=attrs))


def test_a_key_alone_and_element_numbers(stocked):
    db, ids = stocked
    assert _found(db, event="debt_obligation", attrs=["instrument"]) == {ids["notes"], ids["loan"]}
    assert _found(db, attrs=["consideration"]) == {ids["deal"]}  # an object: set when something in it is
    assert _found(db, attrs=["warrants"]) == {ids["placement"]}  # a list of records
    assert _found(db, attrs=["counterparties.1=heron bank, n.a."]) == {ids["deal"]}
    assert _found(db, attrs=["counterparties.0=heron bank, n.a."]) == set()
    assert _found(db, attrs=["warrants.1.term_years=3"]) == {ids["placement"]}
    assert _found(db, attrs=["warrants.0.term_years=3"]) == set()
    assert _found(db, event="equity_financing", attrs=["shares=1000", "warrants.exercise_price=2"]) == {ids["placement"]}


def test_events_are_matched_and_paged_by_the_database(stocked):
    """The events API (``GET /api/events``) reads conditions as ``--attr`` does; here each
    condition holds on the event itself, and the count is of events."""
    db, ids = stocked
    res = db.events(attrs=["currency=usd"])
    assert res.total == 2 and {e["filing_id"] for e in res.events} == {ids["notes"], ids["loan"]}
    assert [e["attributes"]["instrument"] for e in db.events("debt_obligation", ["amount=600000000"]).events] == \
        ["senior notes"]
    assert db.events("material_agreement", ["counterparties.1=HERON BANK, N.A."]).total == 1
    assert db.events("acquisition_disposition", ["consideration.amount=12500000.0"]).total == 1
    # both conditions on one event: the deal filing has the two, on different events
    assert db.events(attrs=["counterparty=birch paints corp.", "agreement_type=merger agreement"]).total == 0
    pages = [db.events(attrs=["currency"], limit=1, offset=k) for k in range(3)]
    assert [p.total for p in pages] == [2, 2, 2] and [len(p.events) for p in pages] == [1, 1, 0]
    assert {p.events[0]["filing_id"] for p in pages[:2]} == {ids["notes"], ids["loan"]}
    with pytest.raises(StoreError, match="did you mean instrument"):
        db.events("debt_obligation", ["instrumnet=notes"])


def test_cli_search_takes_attr(stocked, store_url):  # noqa: F811
    _, ids = stocked
    r = CliRunner().invoke(app, ["search", "", "--event", "debt_obligation", "--attr", "instrument=senior notes",
                                 "--format", "json", "--db", store_url])
    assert r.exit_code == 0, r.output
    assert [h["id"] for h in json.loads(r.output)["results"]] == [ids["notes"]]
    r = CliRunner().invoke(app, ["search", "", "--event", "debt_obligation", "--attr", "nope=1", "--db", store_url])
    assert r.exit_code == 1 and "no attribute 'nope'" in r.output


# --- attribute tables in exports ------------------------------------------------------------------


def test_attribute_tables_follow_the_models():
    from eightk.kinds import EVENT_ATTRIBUTES
    from eightk.store.attr_tables import ATTR_TABLES

    # a record table for every list of records of every model, with the record's fields
    for etype, model in EVENT_ATTRIBUTES.items():
        for name, f in model.model_fields.items():
            if "list[" in str(f.annotation) and any(t.event_type == etype and t.field == name
                                                    for t in ATTR_TABLES.values()):
                table = next(t for t in ATTR_TABLES.values() if t.event_type == etype and t.field == name)
                sub = next(a for a in f.annotation.__args__ if a is not type(None)).__args__[0]
                assert [c for c, _, _ in table.columns] == [x.alias or n for n, x in sub.model_fields.items()]
    deals = ATTR_TABLES["acquisitions_dispositions"]
    assert ("consideration_amount", "float", ("consideration", "amount")) in deals.columns
    assert ATTR_TABLES["equity_financing_warrants"].field == "warrants"


@pytest.mark.parametrize("fmt", ["parquet", "jsonl", "csv"])
def test_export_writes_attribute_tables_with_rows(stocked, tmp_path, fmt):
    from eightk.store.export import export

    db, ids = stocked
    counts = export(db, tmp_path / "out", fmt)
    assert counts["debt_obligations"] == 2 and counts["equity_financing_warrants"] == 2
    assert counts["acquisitions_dispositions"] == 1 and counts["material_agreements"] == 1
    assert "auditor_changes" not in counts  # no such event stored: no table
    out = tmp_path / "out"
    if fmt == "parquet":
        import pyarrow.dataset as ds

        rows = ds.dataset(out / "equity_financing_warrants", format="parquet", partitioning="hive").to_table().to_pylist()
        debt = ds.dataset(out / "debt_obligations", format="parquet", partitioning="hive").to_table().to_pylist()
    elif fmt == "jsonl":
        rows = [json.loads(x) for x in (out / "equity_financing_warrants.jsonl").read_text().splitlines()]
        debt = [json.loads(x) for x in (out / "debt_obligations.jsonl").read_text().splitlines()]
    else:
        import csv

        with open(out / "equity_financing_warrants.csv", newline="") as fh:
            rows = [{k: (float(v) if k in ("exercise_price", "term_years", "record") else v) for k, v in r.items()}
                    for r in csv.DictReader(fh)]
        with open(out / "debt_obligations.csv", newline="") as fh:
            debt = [{k: (float(v) if k == "amount" else v) for k, v in r.items()} for r in csv.DictReader(fh)]
    assert sorted((r["record"], r["exercise_price"], r["term_years"]) for r in rows) == [(0, 1.5, 5), (1, 2.0, 3)]
    assert {int(r["filing_id"]) for r in rows} == {ids["placement"]}
    assert sorted((r["instrument"], r["amount"]) for r in debt) == [("senior notes", 6e8), ("term loan", 75_000_000.5)]
    # filters (with --attr) select the filings whose rows are exported
    counts = export(db, tmp_path / "f", fmt, Filters(event="debt_obligation", attrs=["instrument=term loan"]))
    assert counts["debt_obligations"] == 1 and counts["filings"] == 1


def test_show_prints_attributes_and_a_table_per_list_of_records(stocked):
    from eightk.report import report_text

    db, ids = stocked
    text = report_text(db.get(ids["placement"]), db.filing_row(ids["placement"]), width=120)
    lines = text.splitlines()
    head = next(i for i, line in enumerate(lines) if "exercise_price" in line)
    assert "term_years" in lines[head]
    body = [line.split() for line in lines[head + 1 : head + 5] if any(c.isdigit() for c in line)]
    assert [[w for w in row if w not in "│┃"] for row in body] == [["1.5", "5"], ["2", "3"]]
    text = report_text(db.get(ids["deal"]), db.filing_row(ids["deal"]), width=120)
    assert "consideration  12,500,000 USD" in text and "agreement type  merger agreement" in text

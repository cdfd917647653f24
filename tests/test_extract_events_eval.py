"""Inferred events against hand labels (tests/labels/events.tsv), by era; and item detection
against EDGAR's item labels (A.gz, corpus headers), which says nothing of types.

Issue 11: the old checks restated item detection (a modern item maps to its event) and counted
any legacy refinement as right. The thresholds below are the figures measured on the labels
(``eightk events-eval --details`` lists every disagreement) less a small margin; raise them
when the extractor improves.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from eightk.events_eval import (
    CATCH_ALL,
    EVENT_TYPES,
    NELSON,
    EraTally,
    LabelError,
    attribute_agrees,
    attribute_value,
    evaluate,
    evaluate_labels,
    read_header_filings,
    read_labels,
    read_nelson,
    report_labels,
)
from tests.conftest import unavailable

LABELS = Path(__file__).parent / "labels" / "events.tsv"

# --- the hand labels --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus(shared_dir: Path) -> Path:
    return shared_dir / "corpus"


@pytest.fixture(scope="module")
def labels(corpus: Path) -> list:
    return read_labels(LABELS, corpus)  # raises on a label naming no corpus file


@pytest.fixture(scope="module")
def tallies(labels: list, corpus: Path) -> dict[str, EraTally]:
    t = evaluate_labels(labels, corpus)
    print(report_labels(t, details=True))
    return t


def _rate(outcomes: list) -> float:
    assert outcomes, "no labelled item compared"
    return sum(o.right for o in outcomes) / len(outcomes)


@pytest.mark.corpus
def test_labels_cover_the_eras_and_all_are_used(labels: list, tallies: dict[str, EraTally], seeds_dir: Path) -> None:
    legacy, modern = tallies["legacy"], tallies["modern"]
    assert legacy.filings >= 25 and legacy.n >= 40
    assert modern.filings >= 35 and modern.n >= 60
    # every label is compared, once
    assert legacy.n + modern.n == len(labels)
    assert {(o.label.path, o.label.item) for t in tallies.values() for o in t.outcomes} == {
        (lab.path, lab.item) for lab in labels
    }
    # the three seeds are labelled
    seeds = {p.name for p in seeds_dir.iterdir() if p.is_file()}
    assert {Path(lab.path).name for lab in labels if lab.path.startswith("../seeds/")} == seeds
    # labels are informative: many types, not only results and exhibits
    assert len({lab.type for lab in labels if lab.era == "legacy"}) >= 10
    assert len({lab.type for lab in labels if lab.era == "modern"}) >= 12
    assert sum(lab.item in CATCH_ALL for lab in labels) >= 20
    assert sum(bool(lab.attributes) for lab in labels) >= 25


@pytest.mark.corpus
def test_legacy_event_types(tallies: dict[str, EraTally]) -> None:
    t = tallies["legacy"]
    # measured 33/41: catch-all items 16/24 (refined from the text), the others 17/17
    assert t.accuracy >= 0.78
    assert _rate(t.subset(CATCH_ALL)) >= 0.65
    assert _rate([o for o in t.outcomes if o.label.item not in CATCH_ALL]) >= 0.94
    # results releases, settlements and private placements under "Other Events" are found
    for etype in ("earnings_release", "legal_settlement", "equity_financing"):
        right, inferred, labelled = t.precision_recall(etype)
        assert labelled and right == labelled == inferred, etype


@pytest.mark.corpus
def test_modern_event_types(tallies: dict[str, EraTally]) -> None:
    t = tallies["modern"]
    # measured 56/63: every item but 8.01 (45/45); 8.01 11/18 (offerings and a merger
    # agreement reported under 8.01 stay other_event; exchange-offer "settlement" read as a lawsuit's)
    assert t.accuracy >= 0.87
    assert _rate([o for o in t.outcomes if o.label.item != "8.01"]) >= 0.97
    assert _rate(t.subset({"8.01"})) >= 0.55


@pytest.mark.corpus
def test_attributes(tallies: dict[str, EraTally]) -> None:
    legacy, modern = tallies["legacy"], tallies["modern"]
    # the type-level labels' attribute checks; the per-field labels of issue 14 are in events.jsonl
    # (tests/test_events_fields_eval.py). Measured: legacy 14/20; modern 13 checked (the officer dates
    # and the 1.01 amounts moved to events.jsonl with issue 14's attribute models)
    assert sum(legacy.attr_checked.values()) >= 15 and legacy.attr_rate >= 0.65
    assert sum(modern.attr_checked.values()) >= 12 and modern.attr_rate >= 0.70


@pytest.mark.corpus
def test_the_seeds_exactly(tallies: dict[str, EraTally]) -> None:
    seeds = [o for o in tallies["legacy"].outcomes if o.label.path.startswith("../seeds/")]
    assert len(seeds) == 3
    for o in seeds:
        assert o.right, o.label
        for key, expected in o.label.attributes.items():
            assert attribute_agrees(expected, attribute_value(o.attributes, key)), (o.label.path, key)


def test_label_file_names_only_known_types_and_codes() -> None:
    rows = [
        line.split("\t")
        for line in LABELS.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ][1:]
    assert rows
    assert {r[3] for r in rows} <= EVENT_TYPES
    assert all(r[5].strip() for r in rows)  # a reason on every row


# --- reading and comparing --------------------------------------------------------------------


def _corpus(tmp_path: Path) -> Path:
    c = tmp_path / "corpus"
    (c / "a").mkdir(parents=True)
    (c / "a" / "one.txt").write_text("x")
    (c / "a" / "two.txt").write_text("x")
    (c / "inventory.tsv").write_text(
        "file\trole\taccession\n"
        "a/one.txt\t8-K filing\t0000000001-01-000001\n"
        "a/two.txt\t8-K filing\t0000000001-01-000002\n"
        "a/two.htm\t8-K filing\t0000000001-01-000002\n"
    )
    return c


HEAD = "accession\tpath\titem\ttype\tattributes\twhy\n"


@pytest.mark.parametrize(
    "row, message",
    [
        ("0000000001-01-000009\t\t5\tother_event\t\tr", "names 0"),
        ("0000000001-01-000002\t\t5\tother_event\t\tr", "names 2"),
        ("\ta/none.txt\t5\tother_event\t\tr", "not a file"),
        ("0000000001-01-000001\t\t5\tpress_release\t\tr", "not an event type"),
        ("0000000001-01-000001\t\t5.5\tother_event\t\tr", "not an item code"),
        ("0000000001-01-000001\t\t5\tother_event\tamount\tr", "key=value"),
        ("0000000001-01-000001\t\t5\tother_event\t\t", "no reason"),
    ],
)
def test_bad_labels_are_refused(tmp_path: Path, row: str, message: str) -> None:
    c = _corpus(tmp_path)
    p = tmp_path / "l.tsv"
    p.write_text(HEAD + row + "\n")
    with pytest.raises(LabelError, match=message):
        read_labels(p, c)


def test_labels_resolve_and_a_repeat_is_refused(tmp_path: Path) -> None:
    c = _corpus(tmp_path)
    p = tmp_path / "l.tsv"
    p.write_text(
        "# a comment\n"
        + HEAD
        + "0000000001-01-000001\t\t5\tlegal_settlement\tamount=1,500,000;counterparty=X Corp\tr\n"
        "\ta/two.txt\t2.02\tearnings_release\t\tr\n"
    )
    one, two = read_labels(p, c)
    assert (one.path, one.era, one.attributes) == (
        "a/one.txt",
        "legacy",
        {"amount": "1,500,000", "counterparty": "X Corp"},
    )
    assert (two.path, two.era) == ("a/two.txt", "modern")
    p.write_text(HEAD + "0000000001-01-000001\t\t5\tother_event\t\tr\n\ta/one.txt\t5\tother_event\t\tr\n")
    with pytest.raises(LabelError, match="twice"):
        read_labels(p, c)


def test_attribute_comparison() -> None:
    assert attribute_agrees("1500000", 1500000.0) and attribute_agrees("1,500,000", 1500000)
    assert not attribute_agrees("1500000", 1600000)
    assert attribute_agrees("Winstar  Communications, Inc.", "winstar communications, inc.")
    assert not attribute_agrees("2002-11-05", None)
    people = [{"name": "Ann Lee", "action": "appointed"}, {"name": "Bo Li", "action": None}]
    assert attribute_agrees("Bo Li|Ann Lee", attribute_value({"people": people}, "people"))
    assert not attribute_agrees("Ann Lee", attribute_value({"people": people}, "people"))
    assert attribute_agrees("A|B", attribute_value({"counterparties": ["B", "A"]}, "counterparties"))


def test_a_file_that_does_not_parse_counts_as_no_event(tmp_path: Path) -> None:
    c = _corpus(tmp_path)
    p = tmp_path / "l.tsv"
    p.write_text(HEAD + "0000000001-01-000001\t\t5\tother_event\tamount=1\tr\n")
    t = evaluate_labels(read_labels(p, c), c)["legacy"]
    assert t.n == 1 and t.right == 0 and t.outcomes[0].got is None
    assert t.attr_checked["amount"] == 1 and not t.attr_agree["amount"]


# --- item mapping (EDGAR item labels: detection, not types) ----------------------------------


@pytest.mark.corpus
def test_item_mapping(shared_dir: Path) -> None:
    path = shared_dir / "corpus" / NELSON
    if not path.is_file():
        unavailable(f"{NELSON} is absent from the corpus")
    nelson = evaluate(read_nelson(path))
    headers = evaluate(read_header_filings(shared_dir / "corpus"))
    # measured: A.gz modern 142/153, legacy 17/18; headers modern 188/189
    assert sum(nelson["modern"].n.values()) > 100 and nelson["modern"].found_rate() >= 0.90
    assert sum(nelson["legacy"].n.values()) >= 15 and nelson["legacy"].found_rate() >= 0.85
    assert sum(headers["modern"].n.values()) > 100 and headers["modern"].found_rate() >= 0.97


def test_nelson_reader_strips_the_labels(tmp_path: Path) -> None:
    raw = (
        "<DOCUMENT>\nFILE:X/X-8K-20060101.txt.gz\nTIME:20060101120000\n"
        "EVENTS:\tResults of Operations and Financial Condition\tFinancial Statements and Exhibits\n"
        "TEXT:\nITEM: Results of Operations and Financial Condition\n"
        "Item 2.02 Results of Operations and Financial Condition\nOn January 1, 2006 Fenwick Loom Corp. "
        "announced results for the quarter ended December 31, 2005.\n</DOCUMENT>\n"
    )
    p = tmp_path / "A.gz"
    p.write_bytes(gzip.compress(raw.encode()))
    (doc,) = read_nelson(p)
    assert doc.codes == ["2.02", "9.01"] and not doc.legacy
    assert b"ITEM: " not in doc.data
    tallies = evaluate(iter([doc]))
    assert tallies["modern"].agree["earnings_release"] == 1 and tallies["modern"].found_rate() == 1.0


@pytest.mark.corpus
def test_cli_reports_both_measures(shared_dir: Path) -> None:
    from typer.testing import CliRunner

    from eightk.interfaces.cli import app

    res = CliRunner().invoke(
        app,
        [
            "events-eval",
            "--corpus",
            str(shared_dir / "corpus"),
            "--labels",
            str(LABELS),
            "--no-item-mapping",
            "--details",
        ],
    )
    assert res.exit_code == 0, res.output
    assert "event types against hand labels" in res.output
    assert "legacy:" in res.output and "modern:" in res.output and "type right" in res.output
    assert "expected" in res.output  # --details lists the disagreements

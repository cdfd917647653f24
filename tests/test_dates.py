"""The one date reader (eightk.dates) on its table of examples (tests/data/dates.tsv), and the
callers that must read dates the same way: the fact extractor, the header, iXBRL, the store."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eightk.dates import (
    bound_date,
    compact_date,
    compact_datetime,
    find_date,
    ordered_date,
    parse_date_text,
    scan_dates,
)
from eightk.extract.dates import find_dates

DATA = Path(__file__).parent / "data" / "dates.tsv"


def _rows() -> list[tuple[str, str, str]]:
    rows = []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            text, expected, span, _source = line.split("\t")
            rows.append((text, expected, span))
    return rows


ROWS = _rows()
MATCH = [r for r in ROWS if r[1] not in ("none", "impossible")]
NONE = [r for r in ROWS if r[1] == "none"]
IMPOSSIBLE = [r for r in ROWS if r[1] == "impossible"]


def test_enough_examples() -> None:
    assert len(MATCH) >= 80 and len(NONE) >= 25 and len(IMPOSSIBLE) >= 4
    assert len({r[0] for r in ROWS}) == len(ROWS)


@pytest.mark.parametrize(("text", "expected", "span"), MATCH)
def test_must_match(text: str, expected: str, span: str) -> None:
    found = find_date(text)
    assert found is not None, text
    value, start, end = found
    assert (value.isoformat(), text[start:end]) == (expected, span)
    assert parse_date_text(text) == value


@pytest.mark.parametrize(("text", "expected", "span"), NONE)
def test_must_not_match(text: str, expected: str, span: str) -> None:
    assert scan_dates(text) == []
    assert find_date(text) is None


@pytest.mark.parametrize(("text", "expected", "span"), IMPOSSIBLE)
def test_impossible_dates_are_kept_without_a_value(text: str, expected: str, span: str) -> None:
    (d,) = scan_dates(text)
    assert d.value is None and text[d.start : d.end] == span
    assert find_date(text) is None


@pytest.mark.parametrize(("text", "expected", "span"), ROWS)
def test_the_extractor_reports_what_the_scanner_reads(text: str, expected: str, span: str) -> None:
    hits = find_dates(text)
    assert [(h.start, h.end, h.value) for h in hits] == [
        (d.start, d.end, d.value and d.value.isoformat()) for d in scan_dates(text)
    ]
    assert all(h.text == text[h.start : h.end] for h in hits)
    assert all((h.value is None) == (h.problem is not None and h.problem[0] == "impossible_date") for h in hits)


def test_every_date_of_a_text_in_order_with_spans() -> None:
    text = "Signed 2/4/03, the 4th day of February, 2003, not February 30, 2003; filed FEBRUARY 5 , 2003."
    got = [(text[d.start : d.end], d.value) for d in scan_dates(text)]
    assert got == [
        ("2/4/03", dt.date(2003, 2, 4)),
        ("4th day of February, 2003", dt.date(2003, 2, 4)),
        ("February 30, 2003", None),
        ("FEBRUARY 5 , 2003", dt.date(2003, 2, 5)),
    ]


def test_first_date_skips_one_that_cannot_exist() -> None:
    text = "February 30, 2003 (corrected: March 3, 2003)"
    assert find_date(text) == (dt.date(2003, 3, 3), 30, 43)


def test_empty_text() -> None:
    assert scan_dates("") == [] and find_date("") is None


@pytest.mark.parametrize(("raw", "expected"), [
    ("19940128", dt.date(1994, 1, 28)), ("1994-01-28", dt.date(1994, 1, 28)), ("19940230", None),
    ("1994012", None), ("", None), (None, None), ("\u0662\u0660\u0662\u0664\u0660\u0661\u0660\u0662", None),
])
def test_header_dates(raw: str | None, expected: dt.date | None) -> None:
    assert compact_date(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("20030204161523", dt.datetime(2003, 2, 4, 16, 15, 23)), ("20030204", dt.datetime(2003, 2, 4)),
    ("20030204256199", None), ("20030230161523", None), (None, None),
])
def test_header_datetimes(raw: str | None, expected: dt.datetime | None) -> None:
    assert compact_datetime(raw) == expected


@pytest.mark.parametrize(("text", "order", "expected"), [
    ("February 4, 2003", "mdy", "2003-02-04"), ("FEB. 4TH, 2003", "mdy", "2003-02-04"),
    ("4 February 2003", "dmy", "2003-02-04"), ("02/04/2003", "mdy", "2003-02-04"), ("04.02.03", "dmy", "2003-02-04"),
    ("2003-02-04", "ymd", "2003-02-04"), ("2003 February 4", "ymd", "2003-02-04"), ("February 4", "md", "--02-04"),
    ("2/4", "md", "--02-04"),
])
def test_ixbrl_ordered_dates(text: str, order: str, expected: str) -> None:
    assert ordered_date(text, order) == expected


@pytest.mark.parametrize(("text", "order"), [("February 30, 2003", "mdy"), ("February 4", "mdy"), ("Item 5", "mdy"), ("13/45/2003", "mdy")])
def test_ixbrl_dates_that_are_not(text: str, order: str) -> None:
    with pytest.raises(ValueError):
        ordered_date(text, order)


@pytest.mark.parametrize("text", ["\u00b2 February 2003", "4 February \u0662\u0660\u0660\u0663", "\u0664 February 2003"])
def test_ixbrl_dates_read_ascii_digits_only(text: str) -> None:
    # a superscript or another script's digit is not a day or a year (int() refuses the one
    # and reads the other as a number nobody typed)
    with pytest.raises(ValueError, match="not a date|no year"):
        ordered_date(text, "dmy")


@pytest.mark.parametrize(("text", "first", "last"), [
    ("2004-08-23", "2004-08-23", "2004-08-23"), ("2004-02", "2004-02-01", "2004-02-29"), ("2004", "2004-01-01", "2004-12-31"),
    ("2004-13", None, None), ("2004-02-30", None, None), ("Aug 2004", None, None),
])
def test_query_bounds(text: str, first: str | None, last: str | None) -> None:
    iso = lambda d: d and d.isoformat()  # noqa: E731
    assert (iso(bound_date(text)), iso(bound_date(text, end=True))) == (first, last)

"""Body versus header: anomalies for every disagreement, and ``eightk eval`` (synthetic filings)."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

import eightk
from eightk.errors import NotAn8KError
from eightk.evaluate import compare, evaluate, load_labels
from eightk.interfaces.cli import app
from eightk.parser.crosscheck import names_agree, norm_file_number

BODY = textwrap.dedent("""\
                                   FORM 8-K

      Date of Report (Date of earliest event reported): March 3, 1999

                          QUILLFEATHER INDUSTRIES, INC.
            (Exact name of registrant as specified in its charter)

          Ohio                       1-12345                31-7654321
          ----                       -------                ----------
(State or other jurisdiction     (Commission File      (IRS Employer
     of incorporation)               Number)            Identification No.)

ITEM 5.  OTHER EVENTS

     The registrant opened a fictional store.

ITEM 7.  FINANCIAL STATEMENTS AND EXHIBITS

     None.
""")


def submission(*, period="19990303", items=("Other events",), name="QUILLFEATHER INDUSTRIES INC",
               irs="317654321", state="OH", file_number="001-12345", accession="0000000000-99-000002") -> bytes:
    item_lines = "".join(f"ITEM INFORMATION:\t\t{i}\n" for i in items)
    header = (
        f"<SEC-DOCUMENT>{accession}.txt : 19990305\n<SEC-HEADER>{accession}.hdr.sgml : 19990305\n"
        f"ACCESSION NUMBER:\t\t{accession}\nCONFORMED SUBMISSION TYPE:\t8-K\nPUBLIC DOCUMENT COUNT:\t\t1\n"
        f"CONFORMED PERIOD OF REPORT:\t{period}\n{item_lines}FILED AS OF DATE:\t\t19990305\n\n"
        "FILER:\n\n\tCOMPANY DATA:\t\n"
        f"\t\tCOMPANY CONFORMED NAME:\t\t\t{name}\n\t\tCENTRAL INDEX KEY:\t\t\t0000000001\n"
        f"\t\tIRS NUMBER:\t\t\t\t{irs}\n\t\tSTATE OF INCORPORATION:\t\t\t{state}\n\n"
        f"\tFILING VALUES:\n\t\tFORM TYPE:\t\t8-K\n\t\tSEC FILE NUMBER:\t{file_number}\n"
        "</SEC-HEADER>\n"
    )
    doc = f"<DOCUMENT>\n<TYPE>8-K\n<SEQUENCE>1\n<FILENAME>a.txt\n<TEXT>\n{BODY}</TEXT>\n</DOCUMENT>\n"
    return (header + doc + "</SEC-DOCUMENT>\n").encode()


def codes(f) -> set[str]:
    return {a.code for a in f.anomalies}


def test_agreeing_header_gives_no_mismatch():
    f = eightk.parse(submission(items=("Other events", "Financial statements and exhibits")), facts=False)
    assert f.date_of_report == dt.date(1999, 3, 3)
    assert [i.code for i in f.items] == ["5", "7"]
    assert not {c for c in codes(f) if c.endswith("_mismatch")}


def test_every_disagreement_is_an_anomaly_and_the_body_wins():
    f = eightk.parse(submission(period="19990228", items=("Changes in control of registrant",),
                                name="OTHER NAME CORP", irs="319999999", state="DE", file_number="000-99999"),
                     facts=False)
    assert f.date_of_report == dt.date(1999, 3, 3)  # the body's value is kept
    assert {"date_of_report_mismatch", "items_mismatch", "irs_employer_id_mismatch",
            "state_of_incorporation_mismatch", "commission_file_number_mismatch"} <= codes(f)
    r = f.registrants[0]
    assert (r.irs_employer_id, r.state_of_incorporation) == ("31-7654321", "OH")
    dor = next(a for a in f.anomalies if a.code == "date_of_report_mismatch")
    assert dor.text == "March 3, 1999" and dor.span is not None


def test_name_and_file_number_normalisation():
    assert names_agree("Stonecrop.com Group, Inc.", "STONECROP COM GROUP INC")
    assert names_agree("Quillfeather Industries Corporation", "QUILLFEATHER INDUSTRIES CORP /OH/")
    assert not names_agree("Quillfeather Industries, Inc.", "Marblehead Widgets Corp")
    assert norm_file_number("000-29375") == norm_file_number("0-29375")
    assert norm_file_number("1-8911") == norm_file_number("001-08911")


def test_evaluate_with_labels(tmp_path: Path):
    f = eightk.parse(submission(items=("Other events",), irs="319999999"), facts=False)
    rep = evaluate([f])
    by = {c.field: c for c in rep.comparisons}
    assert not by["items"].agree and not by["irs_number"].agree and by["state"].agree
    labels = tmp_path / "labels.tsv"
    labels.write_text(
        "# fictional labels\naccession\tfield\tvalue\twhy\n"
        "0000000000-99-000002\titems\t5,7\tbody has items 5 and 7\n"
        "0000000000-99-000002\tirs_number\t31-7654321\tcover prints it\n"
    )
    lab = load_labels(labels)
    by = {c.field: c for c in compare(f, lab)}
    assert by["items"].agree and by["items"].header_wrong
    assert by["irs_number"].agree and by["irs_number"].header_wrong


@pytest.mark.parametrize("content, message", [
    ("accession\tvalue\n", "lacks column"),
    ("accession\tfield\tvalue\twhy\nx\tcolour\tred\twhy\n", "unknown field"),
    ("accession\tfield\tvalue\twhy\nx\titems\t5\ta\nx\titems\t7\tb\n", "disagree"),
])
def test_bad_label_files(tmp_path: Path, content, message):
    p = tmp_path / "l.tsv"
    p.write_text(content)
    with pytest.raises(ValueError, match=message):
        load_labels(p)


def test_eval_command(tmp_path: Path):
    (tmp_path / "a.txt").write_bytes(submission(irs="319999999"))
    (tmp_path / "b.txt").write_bytes(BODY.encode())  # no header: not evaluated
    runner = CliRunner()
    res = runner.invoke(app, ["eval", str(tmp_path), "--details"])
    assert res.exit_code == 0, res.output
    assert "2 filing(s) parsed, 1 with an EDGAR header" in res.output
    assert "1993-2004" in res.output
    assert "irs_number: body='31-7654321' header='319999999'" in res.output
    bad = tmp_path / "bad.tsv"
    bad.write_text("nothing here\n")
    res = runner.invoke(app, ["eval", str(tmp_path), "--labels", str(bad)])
    assert res.exit_code == 1 and "label file" in res.output


@pytest.mark.parametrize("data, items", [
    (b"Item 5.\n", ["5"]), ("\u00a0Item\u00a05.\u00a0Other\n".encode(), ["5"]),
    (b"SIGNATURES\n\nBy:\n", None), (b"<TABLE>\n<S>\n", None), (b"Date of Report:\n(Zip Code)\n", None),
    (b"EXHIBIT INDEX\n99.1\n", None),
])
def test_fragments_give_a_filing_or_a_clear_refusal(data, items):
    """A fragment with an item heading is read; one with none is refused as no 8-K (never a
    traceback)."""
    if items is None:
        with pytest.raises(NotAn8KError, match="not_an_8k"):
            eightk.parse(data, facts=False)
    else:
        assert [i.code for i in eightk.parse(data, facts=False).items] == items


def test_cik_comes_from_the_matching_header_block():
    f = eightk.parse(submission(), facts=False)
    (r,) = f.registrants
    assert r.cik == "0000000001" and r.sources["cik"] == "header"
    assert r.sources["irs_employer_id"] == "text"

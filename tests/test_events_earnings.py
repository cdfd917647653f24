"""Earnings figures from synthetic press releases (fictional companies): income statements in
HTML and plain text, years in either order, scales, negatives, and the capped large-exhibit path."""

from __future__ import annotations

import eightk
from eightk.core import parse_full
from eightk.documents import view_of
from eightk.documents.html import html_view
from eightk.documents.text import text_view
from eightk.extract import MAX_EXHIBIT_BYTES
from eightk.extract.ev_earnings import _read_view, table_end


def _row(*cells: str) -> str:
    return "<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"


STATEMENT = (
    "<p>TARNWICK LABS, INC.</p><p>Condensed Consolidated Statements of Operations</p>"
    "<p>(in thousands, except per share data)</p><table>"
    + _row("", "Three Months Ended June 30,", "")
    + _row("", "2022", "", "2023")
    + _row("Product revenue", "$", "10,100", "$", "12,000")
    + _row("Service revenue", "2,000", "2,500")
    + _row("Total revenues", "12,100", "14,500")
    + _row("Cost of revenues", "6,000", "6,100")
    + _row("Net loss attributable to noncontrolling interest", "(10)", "(12)")
    + _row("Net income (loss) attributable to Tarnwick Labs, Inc.", "$", "(1,250)", "$", "2,430")
    + _row("Net income (loss) per share:")
    + _row("Basic", "$", "(0.12)", "$", "0.23")
    + _row("Diluted", "$", "(0.12)", "$", "0.22")
    + _row("Weighted-average shares used in computing net income (loss) per share:")
    + _row("Diluted", "10,400", "11,050")
    + "</table>"
)


def _figures(html: str) -> dict:
    view = html_view(f"<html><body>{html}</body></html>")
    return _read_view(view, 0, len(view.text), 2)


def test_income_statement_with_ascending_years_scale_and_negatives() -> None:
    a = _figures("<p>Tarnwick Labs reports second quarter results.</p>" + STATEMENT)
    assert (a["revenue"], a["revenue_prior"]) == (14_500_000, 12_100_000)
    assert (a["net_income"], a["net_income_prior"]) == (2_430_000, -1_250_000)
    assert (a["diluted_eps"], a["diluted_eps_prior"]) == (0.22, -0.12)
    assert (a["currency"], a["scale"]) == ("USD", 1000)
    assert a["figures_period"] == "Three Months Ended June 30, 2023"
    assert set(a["_spans"]) >= {"revenue", "net_income_prior", "diluted_eps", "scale", "currency"}


def test_descending_years_summary_table_in_millions() -> None:
    a = _figures(
        "<p>Financial highlights</p><table>"
        + _row("($ in millions, except per share amounts)", "Fourth Quarter", "")
        + _row("", "2024", "2023", "Change")
        + _row("Revenues", "$ 9,001", "$ 8,500", "6%")
        + _row("Reported Net Income/(Loss)", "712", "(88)", "*")
        + _row("Reported Diluted EPS/(LPS)", "1.40", "(0.17)", "*")
        + "</table>"
    )
    assert (a["revenue"], a["revenue_prior"], a["net_income"], a["net_income_prior"]) == (
        9_001_000_000, 8_500_000_000, 712_000_000, -88_000_000)
    assert (a["diluted_eps"], a["diluted_eps_prior"]) == (1.4, -0.17)


def test_plain_text_statement() -> None:
    text = (
        "                    ORRIN MACHINE WORKS, INC.\n"
        "                 STATEMENTS OF INCOME (in thousands)\n\n"
        "                                   Quarter Ended March 31,\n"
        "                                   2003            2002\n"
        "Net sales                       $  45,210       $  40,002\n"
        "Cost of sales                      30,100          28,000\n"
        "Net income                     $   2,015       $   (310)\n"
        "Earnings (loss) per share:\n"
        "   Diluted                      $     .41       $   (.07)\n"
    )
    view = text_view(text)
    a = _read_view(view, 0, len(text), 2)
    assert (a["revenue"], a["revenue_prior"], a["net_income"], a["net_income_prior"]) == (
        45_210_000, 40_002_000, 2_015_000, -310_000)
    assert (a["diluted_eps"], a["diluted_eps_prior"]) == (0.41, -0.07)
    s = a["_spans"]["net_income_prior"]
    assert text[s.start:s.end] == "(310)"


def test_no_statement_no_figures() -> None:
    assert _figures("<p>Tarnwick Labs will hold its conference call on August 1, 2023.</p>") == {}
    # net income without a diluted per-share row is not an income statement read
    assert _figures("<table>" + _row("Net income", "5", "4") + _row("Total revenues", "9", "8") + "</table>") == {}


def _submission(exhibit_html: str) -> bytes:
    return f"""<SEC-DOCUMENT>0000000000-24-000001.txt
<SEC-HEADER>
CONFORMED SUBMISSION TYPE:\t8-K
PUBLIC DOCUMENT COUNT:\t\t2
CONFORMED PERIOD OF REPORT:\t20240801
FILED AS OF DATE:\t\t20240801
FILER:
\tCOMPANY DATA:
\t\tCOMPANY CONFORMED NAME:\t\t\tTARNWICK LABS INC
</SEC-HEADER>
<DOCUMENT>
<TYPE>8-K
<SEQUENCE>1
<FILENAME>form8k.htm
<TEXT>
<html><body><p>FORM 8-K</p><p>TARNWICK LABS, INC.</p>
<p>Item 2.02 Results of Operations and Financial Condition.</p>
<p>On August 1, 2024, the Company announced its results for the quarter ended June 30, 2024.
A copy of the press release is furnished as Exhibit 99.1.</p>
<p>Item 9.01 Financial Statements and Exhibits.</p><p>99.1 Press release</p>
<p>SIGNATURES</p></body></html>
</TEXT>
</DOCUMENT>
<DOCUMENT>
<TYPE>EX-99.1
<SEQUENCE>2
<FILENAME>ex991.htm
<TEXT>
<html><body>{exhibit_html}</body></html>
</TEXT>
</DOCUMENT>
</SEC-DOCUMENT>
""".encode()


def test_full_parse_reads_the_exhibit_and_spans_point_into_its_view() -> None:
    for padding in (0, MAX_EXHIBIT_BYTES):  # a small exhibit (viewed whole) and one past the cap
        filler = "<p>Tarnwick Labs develops instruments.</p>" * (padding // 40)
        tail = "<p>About Tarnwick Labs</p>" + "<table>" + _row("Other data", "1", "2") + "</table>" * 3
        data = _submission(filler + STATEMENT + tail)
        filing = eightk.parse(data)
        (ev,) = [e for e in filing.events if e.type == "earnings_release"]
        assert ev.attributes["revenue"] == 14_500_000
        assert ev.attributes["diluted_eps_prior"] == -0.12
        sub, _ = parse_full(data)
        doc = next(d for d in sub.documents if d.type == "EX-99.1")
        text = view_of(sub, doc).text  # the exhibit's whole view
        s = ev.attribute_spans["net_income"]
        assert (s.document, text[s.start:s.end]) == (2, "2,430")


def test_table_end_finds_the_statement_in_markup() -> None:
    markup = "<p>x</p><table><tr><td>Diluted EPS rose</td></tr></table>" + STATEMENT
    end = table_end(markup)
    assert end is not None and markup[:end].endswith("</table>") and "Total revenues" in markup[:end]

"""Event attributes on the filing page (issue 14's structured attributes): each is marked at its
``Event.attribute_spans`` span; a list of records (officer changes, vote proposals) is a table in
the side list, each value linking to its mark. On a synthetic filing (fictional company and
people) with a 5.02 change and a 5.07 vote, and on a Filing built here for the edge cases."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from selectolax.lexbor import LexborHTMLParser as HTMLParser

import eightk
from eightk.interfaces.web.annotate import Mark
from eightk.interfaces.web.attributes import event_attributes, leaves, place, shown
from eightk.interfaces.web.filing import document_texts
from eightk.model import Event, Fact, Span
from tests.test_store_backends import make_filing
from tests.test_web_pages import _header, build_store, make_app

VOTE_ACC = "0000888004-21-000004"


def _table(*rows: list[str]) -> str:
    return "<table>" + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows) + "</table>"


def vote_submission() -> bytes:
    """An 8-K with an officer leaving and one appointed (5.02) and an annual meeting's votes (5.07)."""
    body = (
        "<html><body><p>FORM 8-K</p><p>CURRENT REPORT</p>"
        "<p>Date of Report (Date of earliest event reported): May 14, 2021</p><p>QUILLON VOTING CORP</p>"
        "<p><b>Item 5.02 Departure of Directors or Certain Officers; Election of Directors; Appointment of Certain"
        " Officers.</b></p>"
        "<p>On May 14, 2021, Ms. Ada P. Venn resigned as Chief Financial Officer of the Company, effective June 1,"
        " 2021. The Board appointed Bram Holt, age 52, as Chief Financial Officer, effective June 1, 2021.</p>"
        "<p><b>Item 5.07 Submission of Matters to a Vote of Security Holders.</b></p>"
        "<p>The annual meeting of stockholders of Quillon Voting Corp. was held on May 14, 2021.</p>"
        "<p>1. The following nominees were elected as directors:</p>"
        + _table(["", "Votes", "Votes", "Broker"], ["Nominee", "For", "Withheld", "Non-Votes"],
                 ["Cora Lind", "1,204,331", "22,910", "310,004"], ["Dev Okafor", "1,198,002", "29,239", "310,004"])
        + "<p>2. Ratification of the appointment of Dunmore &amp; Pell LLP as auditors for fiscal 2021:</p>"
        + _table(["For", "Against", "Abstain"], ["1,500,100", "30,200", "7,700"])
        + "<p>The proposal was approved.</p>"
        "<p>SIGNATURES</p><p>QUILLON VOTING CORP</p><p>By: /s/ Bram Holt</p></body></html>"
    )
    items = "Departure of Directors or Certain Officers\nITEM INFORMATION:\t\tSubmission of Matters to a Vote"
    return (_header(VOTE_ACC, "QUILLON VOTING CORP", "0000888004", "20210517", "20210514", 1, items, "001-88804")
            + f"<DOCUMENT>\n<TYPE>8-K\n<SEQUENCE>1\n<FILENAME>vote.htm\n<TEXT>\n{body}\n</TEXT>\n</DOCUMENT>\n"
            + "</SEC-DOCUMENT>\n").encode()


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    folder = tmp_path_factory.mktemp("votes")
    (folder / "vote.txt").write_bytes(vote_submission())
    app = make_app(build_store(folder / "web.db", folder / "vote.txt"))
    with TestClient(app) as c:
        yield c
    app.state.store.close()


def _marked(page: HTMLParser, anchor: str) -> str:
    """The text of the mark ``anchor`` (all its pieces)."""
    return "".join(p.text() for p in page.css(f'mark#{anchor}, mark[data-part="{anchor}"]'))


def test_records_are_tables_whose_values_jump_to_their_spans(client: TestClient) -> None:
    f = client.app.state.store.get(VOTE_ACC)  # type: ignore[attr-defined]
    assert f is not None
    text = document_texts(client.app.state.store.raw(VOTE_ACC))[1]  # type: ignore[attr-defined]
    page = HTMLParser(client.get(f"/filings/{VOTE_ACC}").text)
    tables = {t.css_first("caption").text(): t for t in page.css("li.event table.attrs")}
    assert set(tables) == {"changes", "proposals"}
    checked = 0
    for ev in f.events:
        for key in ("changes", "proposals"):
            records = ev.attributes.get(key)
            if not records:
                continue
            table = tables[key]
            columns = [th.text() for th in table.css("thead th")]
            rows = table.css("tbody tr")
            assert len(rows) == len(records) >= 2
            for i, (rec, tr) in enumerate(zip(records, rows, strict=True)):
                cells = dict(zip(columns, tr.css("td"), strict=True))
                for field, value in rec.items():
                    for path, scalar in leaves(f"{key}.{i}.{field}", value):
                        cell = cells[field.replace("_", " ")]
                        assert shown(path, scalar) in cell.text()
                        span = ev.attribute_spans.get(path)
                        if span is None:
                            continue
                        link = cell.css_first(f'a.jump[href="#{_anchor(f, ev, path)}"]')
                        assert link is not None and link.text() == shown(path, scalar), path
                        assert _marked(page, _anchor(f, ev, path)) == text[span.start:span.end], path
                        checked += 1
    assert checked >= 20
    votes = next(e for e in f.events if e.type == "shareholder_vote")
    first = tables["proposals"].css("tbody tr")[0]
    assert [td.text() for td in first.css("td")][:3] == ["Cora Lind", "1,204,331", "22,910"]
    assert votes.attributes["proposals"][0]["for"] == 1204331
    change = tables["changes"].css("tbody tr")[0].text()
    assert "Ada P. Venn" in change and "departed" in change and "2021-06-01" in change


def _anchor(f: eightk.Filing, ev: Event, path: str) -> str:
    return f"ev-{f.events.index(ev)}-{path.lower().replace('.', '-').replace('_', '-')}"


def test_every_side_list_link_has_its_place(client: TestClient) -> None:
    page = HTMLParser(client.get(f"/filings/{VOTE_ACC}").text)
    links = page.css("aside a.jump")
    assert len(links) > 30
    for a in links:
        assert page.css_first(a.attributes["href"] or "#none") is not None, a.attributes["href"]


TEXT = "Cora Lind received 1,204,331 votes for."


def _filing(spans: dict[str, Span]) -> eightk.Filing:
    ev = Event(type="shareholder_vote", item="5.07", attributes={"proposals": [
        {"description": "Cora Lind", "for": 1204331, "abstain": 7}]}, attribute_spans=spans)
    return make_filing(TEXT, items=[("5.07", TEXT)], accession="0000888005-21-000001", events=[ev],
                       facts=[Fact(kind="shares", text="1,204,331 votes", value=1204331,
                                   span=Span(start=19, end=34, document=1))])


def test_a_span_crossing_a_fact_links_to_the_fact_and_a_missing_one_to_nothing() -> None:
    f = _filing({"proposals.0.description": Span(start=0, end=9, document=1),
                 "proposals.0.for": Span(start=10, end=28, document=1)})  # "received 1,204,331" cuts the fact
    f.items[0].span = Span(start=0, end=len(TEXT), document=1)
    facts = {1: [Mark(19, 34, "fact-0", "fact k-shares")]}
    places = place(f, {1: TEXT}, facts)
    assert places.anchors[(0, "proposals.0.description")] == "ev-0-proposals-0-description"
    assert places.anchors[(0, "proposals.0.for")] == "fact-0"  # not drawn: it would cut the fact
    assert places.anchors[(0, "proposals.0.abstain")] is None  # 7 is printed nowhere
    assert [(m.start, m.end) for m in places.marks[1]] == [(0, 9)]
    lines, tables = event_attributes(f, 0, places)
    assert lines == [] and [t.name for t in tables] == ["proposals"]
    (row,) = tables[0].rows
    assert [[(p.text, p.anchor) for p in cell] for cell in row] == [
        [("Cora Lind", "ev-0-proposals-0-description")], [("1,204,331", "fact-0")], [("7", None)]]


def test_without_spans_an_attribute_is_found_at_its_fact_or_in_the_text() -> None:
    f = _filing({})
    f.items[0].span = Span(start=0, end=len(TEXT), document=1)
    places = place(f, {1: TEXT}, {1: [Mark(19, 34, "fact-0", "fact k-shares")]})
    assert places.anchors[(0, "proposals.0.for")] == "fact-0"
    assert places.anchors[(0, "proposals.0.description")] == "ev-0-proposals-0-description"
    assert places.marks[1][0].start == 0 and places.marks[1][0].end == len("Cora Lind")


def test_without_the_submission_the_records_are_listed_unlinked(client: TestClient) -> None:
    """A store kept without the raw submission has no text to mark: the tables stay, unlinked."""
    from eightk.interfaces.web.filing import side_list

    f = client.app.state.store.get(VOTE_ACC)  # type: ignore[attr-defined]
    events, _, _ = side_list(f, {})
    assert {t.name for e in events for t in e.tables} == {"changes", "proposals"}
    assert all(p.anchor is None for e in events for t in e.tables for row in t.rows for cell in row for p in cell)

"""The web UI's pages (issue 15), through FastAPI's TestClient, on a SQLite store holding the
repository's samples and synthetic filings written here: one full of attack strings (its text
must come out escaped, with no script, event handler or javascript: link in the page) and one
whose header and body disagree and that prints a malformed number."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from selectolax.lexbor import LexborHTMLParser as HTMLParser

import eightk
from eightk.interfaces.web import make_router, routes
from eightk.store import open_store
from tests.conftest import SAMPLES

HOSTILE_ACC = "0000888001-05-000001"
MISMATCH_ACC = "0000888002-99-000002"


def _header(acc: str, name: str, cik: str, date: str, period: str, count: int, items: str, file_no: str) -> str:
    return f"""<SEC-DOCUMENT>{acc}.txt : {date}
<SEC-HEADER>{acc}.hdr.sgml : {date}
ACCESSION NUMBER:\t\t{acc}
CONFORMED SUBMISSION TYPE:\t8-K
PUBLIC DOCUMENT COUNT:\t\t{count}
CONFORMED PERIOD OF REPORT:\t{period}
ITEM INFORMATION:\t\t{items}
FILED AS OF DATE:\t\t{date}

FILER:

\tCOMPANY DATA:\t
\t\tCOMPANY CONFORMED NAME:\t\t\t{name}
\t\tCENTRAL INDEX KEY:\t\t\t{cik}
\t\tSTATE OF INCORPORATION:\t\t\tDE

\tFILING VALUES:
\t\tFORM TYPE:\t\t8-K
\t\tSEC ACT:\t\t1934 Act
\t\tSEC FILE NUMBER:\t{file_no}
</SEC-HEADER>
"""


def hostile_submission() -> bytes:
    body = (
        "<html><head><script>alert('head')</script></head><body onload=\"alert('body')\">"
        "<p>FORM 8-K</p><p>CURRENT REPORT</p>"
        "<p>Date of Report (Date of earliest event reported): May 2, 2005</p>"
        "<p>HOSTILE WIDGETS CORP</p>"
        "<p><b>Item 8.01 Other Events.</b></p>"
        "<p>On May 2, 2005, the registrant settled its dispute with Trojan Fiction Inc. for $2.5 million."
        " The complaint quoted &lt;script&gt;alert('quoted')&lt;/script&gt; and "
        "&lt;img src=x onerror=alert('img')&gt; and &lt;a href=\"javascript:alert('link')\"&gt;click&lt;/a&gt;.</p>"
        "<img src=\"x\" onerror=\"alert('real-img')\">"
        "<p><a href=\"javascript:alert('real-link')\">a real javascript: link</a></p>"
        "<p>SIGNATURES</p><p>HOSTILE WIDGETS CORP</p><p>By: /s/ Pat Example</p></body></html>"
    )
    exhibit = (
        "Press release. Attack strings in plain text: <script>alert('ex')</script>\n"
        "<a href=\"javascript:alert('ex-link')\">here</a> <img src=y onerror=alert('ex-img')>\n"
    )
    return (_header(HOSTILE_ACC, "HOSTILE WIDGETS CORP <script>alert('name')</script>", "0000888001", "20050503",
                    "20050502", 2, "Other Events", "001-88801")
            + f"<DOCUMENT>\n<TYPE>8-K\n<SEQUENCE>1\n<FILENAME>hostile.htm\n<TEXT>\n{body}\n</TEXT>\n</DOCUMENT>\n"
            + f"<DOCUMENT>\n<TYPE>EX-99.1\n<SEQUENCE>2\n<FILENAME>ex99.txt\n<TEXT>\n{exhibit}</TEXT>\n</DOCUMENT>\n"
            + "</SEC-DOCUMENT>\n").encode()


def mismatch_submission() -> bytes:
    body = """                       SECURITIES AND EXCHANGE COMMISSION
                             WASHINGTON, D.C. 20549

                                    FORM 8-K

                                 CURRENT REPORT

Date of Report (Date of earliest event reported): March 3, 1999

                         QUARRY FICTION INCORPORATED
             (Exact name of registrant as specified in its charter)

     Delaware                    0-55512                    12-3456789
(State of incorporation)  (Commission File Number)  (IRS Employer Identification No.)

ITEM 5.  OTHER EVENTS.

     On March 3, 1999, the registrant sold 40,000,00 shares of common stock to
Lamplight Fiction Partners, L.P. for $4.00 per share.

                                   SIGNATURES

     Pursuant to the requirements of the Securities Exchange Act of 1934.

                                          QUARRY FICTION INCORPORATED
                                          By: /s/ Robin Example
"""
    return (_header(MISMATCH_ACC, "QUILL FICTION INC", "0000888002", "19990304", "19990303", 1, "Other events",
                    "000-55599")
            + f"<DOCUMENT>\n<TYPE>8-K\n<SEQUENCE>1\n<TEXT>\n{body}</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n").encode()


def build_store(path: Path, *extra: Path) -> str:
    """A SQLite store at ``path`` with the samples, the synthetic filings and ``extra`` inputs."""
    url = f"sqlite:///{path}"
    with open_store(url) as store:
        summary = store.ingest([str(SAMPLES), ("hostile.txt", hostile_submission()),
                                ("mismatch.txt", mismatch_submission()), *(str(p) for p in extra)])
        assert summary.errors == 0, summary.failed
    return url


def make_app(url: str) -> FastAPI:
    """The app as ``eightk serve`` builds it for the pages: a read-only store and the web router."""
    app = FastAPI()
    app.state.store = open_store(url, readonly=True)
    app.include_router(make_router())
    return app


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    app = make_app(build_store(tmp_path_factory.mktemp("web") / "web.db"))
    with TestClient(app) as c:
        yield c
    app.state.store.close()


def dom(html: str) -> HTMLParser:
    return HTMLParser(html)


def test_every_page_is_html_with_a_csp_and_only_the_packaged_script(client: TestClient) -> None:
    for url in ("/", "/?q=settled", f"/filings/{HOSTILE_ACC}", "/companies/0000999001", "/stats"):
        r = client.get(url)
        assert r.status_code == 200, url
        assert r.headers["content-type"].startswith("text/html")
        assert "script-src 'self'" in r.headers["content-security-policy"]
        scripts = dom(r.text).css("script")
        assert [s.attributes.get("src") for s in scripts] == ["/assets/app.js"], url
        assert all(not (s.text() or "").strip() for s in scripts), url


def test_assets_are_served_from_the_package_and_nothing_else(client: TestClient) -> None:
    from importlib import resources

    static = resources.files("eightk.interfaces.web").joinpath("static")
    css = client.get("/assets/style.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    assert css.content == static.joinpath("style.css").read_bytes()
    js = client.get("/assets/app.js")
    assert js.status_code == 200 and js.headers["content-type"].startswith("text/javascript")
    assert js.content == static.joinpath("app.js").read_bytes()
    for bad in ("/assets/..%2F__init__.py", "/assets/routes.py", "/assets/%2Fetc%2Fpasswd"):
        assert client.get(bad).status_code == 404, bad


def _hits(html: str) -> list[str]:
    return [a.attributes["href"] or "" for a in dom(html).css("a.hit-title")]


def test_search_highlights_matches_and_shows_items_as_badges(client: TestClient) -> None:
    r = client.get("/", params={"q": "settled"})
    page = dom(r.text)
    expected = client.app.state.store.search("settled", limit=20)  # type: ignore[attr-defined]
    assert len(_hits(r.text)) == min(expected.total, 20) > 0
    assert _hits(r.text)[0] == f"/filings/{expected.results[0].handle}"
    marks = [m.text().lower() for m in page.css(".snippet mark")]
    assert marks and all(m.startswith("settle") for m in marks)
    badges = [b.text() for b in page.css(".hit .badge")]
    assert f"Item {expected.results[0].items[0]}" in badges


def test_search_filters_are_the_clis(client: TestClient) -> None:
    from eightk.store import Filters

    store = client.app.state.store  # type: ignore[attr-defined]
    r = client.get("/", params={"q": "", "event": "legal_settlement", "min": "2000000"})
    want = store.search("", Filters(event="legal_settlement", fact_min=2000000))
    assert want.total > 0
    assert sorted(_hits(r.text)) == sorted(f"/filings/{h.handle}" for h in want.results)
    # the form shows the filters it was given
    page = dom(r.text)
    assert page.css_first('select[name=event] option[selected]').attributes["value"] == "legal_settlement"
    assert page.css_first("input[name=min]").attributes["value"] == "2000000"
    # the CSV link carries the same query and filters to the API's export
    csv = urlsplit(page.css_first("a.csv").attributes["href"] or "")
    assert csv.path == "/api/export"
    assert parse_qs(csv.query) == {"format": ["csv"], "event": ["legal_settlement"], "min": ["2000000"]}


def test_search_problems_are_shown_on_the_page(client: TestClient) -> None:
    r = client.get("/", params={"q": '"unclosed phrase'})
    assert r.status_code == 400
    assert dom(r.text).css_first(".problem").text().strip()
    r = client.get("/", params={"event": "no_such_event"})
    assert r.status_code == 400 and "legal_settlement" in dom(r.text).css_first(".problem").text()
    r = client.get("/", params={"min": "lots"})
    assert r.status_code == 400 and "'lots'" in dom(r.text).css_first(".problem").text()


def test_search_paginates(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(routes, "PAGE_SIZE", 2)
    total = client.app.state.store.search("").total  # type: ignore[attr-defined]
    assert total > 4
    seen: list[str] = []
    url: str | None = "/"
    while url:
        page = dom(client.get(url).text)
        seen += _hits(page.html or "")
        nxt = page.css_first("a[rel=next]")
        url = nxt.attributes["href"] if nxt else None
    assert len(seen) == total == len(set(seen))
    assert client.get("/", params={"page": "zzz"}).status_code == 200


def _stored(client: TestClient, acc: str) -> eightk.Filing:
    f = client.app.state.store.get(acc)  # type: ignore[attr-defined]
    assert f is not None
    return f


@pytest.mark.parametrize("sample", sorted(p.name for p in SAMPLES.iterdir()))
def test_every_fact_is_marked_at_its_span(client: TestClient, sample: str) -> None:
    store = client.app.state.store  # type: ignore[attr-defined]
    fid = store.resolve(str(SAMPLES / sample))  # the path it was ingested under
    f = store.get(fid)
    assert f is not None and f.facts
    page = dom(client.get(f"/filings/{f.accession_number or fid}").text)
    for i, x in enumerate(f.facts):
        assert page.css_first(f"mark#fact-{i}") is not None, (i, x.text)
        pieces = page.css(f'mark#fact-{i}, mark[data-part="fact-{i}"]')
        assert "".join(p.text() for p in pieces) == x.text
        link = page.css_first(f'aside a[href="#fact-{i}"]')
        assert link is not None


def test_filing_page_shows_cover_items_exhibits_signatures(client: TestClient) -> None:
    acc = "0000999001-98-000012"
    f = _stored(client, acc)
    page = dom(client.get(f"/filings/{acc}").text)
    text = page.body.text() if page.body else ""
    assert f.registrants[0].name and f.registrants[0].name in page.css_first("h1").text()
    for it in f.items:
        assert any(h.text().startswith(f"Item {it.code}") for h in page.css("h3.item-head"))
    for x in f.exhibits:
        assert x.number in text
        if x.document:
            assert page.css_first(f'a[href="#doc-{x.document}"]') and page.css_first(f"section#doc-{x.document}")
    for s in f.signatures:
        assert s.name and s.name in page.css_first("ul.signatures").text()
    # the same filing by its store id
    fid = client.app.state.store.resolve(acc)  # type: ignore[attr-defined]
    assert dom(client.get(f"/filings/{fid}").text).css_first("h1").text() == page.css_first("h1").text()


def test_event_attributes_link_to_their_place(client: TestClient) -> None:
    f = _stored(client, HOSTILE_ACC)
    page = dom(client.get(f"/filings/{HOSTILE_ACC}").text)
    settlement = next(e for e in f.events if e.type == "legal_settlement")
    assert settlement.attributes["amount"] == 2500000
    lines = {li.css_first(".attr-name").text(): li.css_first("a") for li in page.css("li.event li")}
    target = (lines["amount"].attributes["href"] or "")[1:]
    assert page.css_first(f"#{target}").text() == "$2.5 million"
    assert page.css_first(f"#{(lines['counterparty'].attributes['href'] or '')[1:]}").text() == "Trojan Fiction Inc."


def test_header_and_body_differences_and_anomalies_are_marked(client: TestClient) -> None:
    f = _stored(client, MISMATCH_ACC)
    page = dom(client.get(f"/filings/{MISMATCH_ACC}").text)
    differs = {tr.css_first("th").text(): [td.text() for td in tr.css("td")] for tr in page.css("table.compare tr.differs")}
    assert differs["company name"][:2] == ["QUILL FICTION INC", "QUARRY FICTION INCORPORATED"]
    assert differs["commission file number"][:2] == ["000-55599", "0-55512"]
    agrees = [tr.css_first("th").text() for tr in page.css("table.compare tr.agrees")]
    assert "form type" in agrees and "differs" not in agrees
    malformed = next(i for i, a in enumerate(f.anomalies) if a.code == "malformed_number")
    mark = page.css_first(f"mark#anomaly-{malformed}")
    assert mark is not None and "anomaly" in (mark.attributes.get("class") or "")
    assert mark.text().startswith("40,000,00 shares")
    assert page.css_first(f'aside a[href="#anomaly-{malformed}"]') is not None


ATTACKS = ("alert('quoted')", "alert('img')", "alert('link')", "alert('ex')", "alert('ex-link')", "alert('name')")


def test_hostile_filing_text_comes_out_escaped(client: TestClient) -> None:
    for url in (f"/filings/{HOSTILE_ACC}", "/?q=trojan", "/?q=hostile", "/companies/0000888001"):
        r = client.get(url)
        assert r.status_code == 200, url
        page = dom(r.text)
        assert [s.attributes.get("src") for s in page.css("script")] == ["/assets/app.js"], url
        for node in page.css("*"):
            for attr, value in node.attributes.items():
                assert not attr.lower().startswith("on"), (url, node.tag, attr)
                assert not (value or "").strip().lower().startswith("javascript:"), (url, node.tag, attr)
        assert page.css("img") == [], url
    r = client.get(f"/filings/{HOSTILE_ACC}")
    # the attack strings are there, as text
    text = dom(r.text).body.text()  # type: ignore[union-attr]
    for attack in ATTACKS:
        assert attack in text or attack in r.text.replace("&#39;", "'"), attack
    assert "&lt;script&gt;alert(" in r.text and "<script>alert" not in r.text
    assert 'href="javascript:' not in r.text.lower()


def test_company_page(client: TestClient) -> None:
    store = client.app.state.store  # type: ignore[attr-defined]
    tl = store.timeline("0000999001")
    page = dom(client.get("/companies/0000999001").text)
    rows = page.css("table.timeline tbody tr")
    assert len(rows) == len(tl.filings) > 0
    first = tl.filings[0]
    badges = [b.text() for b in rows[0].css(".badge")]
    for it in first["items"]:
        want = it["code"] + (f" → {it['modern']}" if it["modern"] and it["modern"] != it["code"] else "")
        assert want in badges
    svg = page.css_first("svg.chart")
    n_events = sum(len(f["events"]) for f in tl.filings)
    titles = [t.text() for t in svg.css("rect title")]
    assert sum(int(t.rsplit(": ", 1)[1]) for t in titles) == n_events > 0
    assert tl.company in page.css_first("h1").text()
    assert client.get("/companies/0000000042").status_code == 404
    assert client.get("/companies/abc").status_code == 404


def test_stats_page_counts_per_year(client: TestClient) -> None:
    store = client.app.state.store  # type: ignore[attr-defined]
    page = dom(client.get("/stats").text)
    rows = {int(tr.css_first("th").text()): [int(td.text()) for td in tr.css("td")]
            for tr in page.css("table.numbers tbody tr")}
    s = store.stats()
    assert {y: r[0] for y, r in rows.items() if r[0]} == {int(y): n for y, n in s["by_year"]}
    assert sum(r[2] for r in rows.values()) == sum(n for _, n in s["by_event"])
    assert len(page.css("svg.chart")) == 3


def test_unknown_filing_is_a_404_page(client: TestClient) -> None:
    for ident in ("0000000000-00-000000", "nope", "999999"):
        r = client.get(f"/filings/{ident}")
        assert r.status_code == 404 and dom(r.text).css_first(".problem").text().strip(), ident


def test_marks_nest_and_crossing_marks_come_in_pieces() -> None:
    from eightk.interfaces.web.annotate import Mark, annotate

    text = "a <b> $1.5 million c"
    out = str(annotate(text, [Mark(6, 18, "x", "fact"), Mark(7, 10, "y", "fact"), Mark(0, 1, "z", "cue")]))
    assert out == ('<mark class="cue" id="z">a</mark> &lt;b&gt; <mark class="fact" id="x">$<mark class="fact" '
                   'id="y">1.5</mark> million</mark> c')
    crossed = annotate(text, [Mark(2, 9, "p", "fact"), Mark(6, 14, "q", "fact")])
    page = dom(f"<pre>{crossed}</pre>")
    assert re.sub(r"<[^>]+>", "", str(crossed)) == "a &lt;b&gt; $1.5 million c"
    for ident, want in (("p", text[2:9]), ("q", text[6:14])):
        assert "".join(m.text() for m in page.css(f'mark#{ident}, mark[data-part="{ident}"]')) == want
    # a segment of the text: a mark begun before it is a piece (no id: the anchor is elsewhere)
    seg = dom(f"<pre>{annotate(text, [Mark(2, 9, 'p', 'fact')], 7, 12)}</pre>")
    assert seg.css("mark#p") == [] and seg.css_first('mark[data-part="p"]').text() == "1."


EARNINGS_BODY = """                                    FORM 8-K

                                 CURRENT REPORT

Date of Report (Date of earliest event reported): October 26, 2006

                         LANTERN FICTION CORP

Item 2.02  Results of Operations and Financial Condition.

     On October 26, 2006, the registrant announced its results for the third
quarter ended September 30, 2006. A copy of the press release is furnished
as Exhibit 99.1.

                                   SIGNATURES

                                          LANTERN FICTION CORP
                                          By: /s/ Sam Example
"""


def earnings_submission() -> bytes:
    return (_header("0000888003-06-000003", "LANTERN FICTION CORP", "0000888003", "20061026", "20061026", 1,
                    "Results of Operations and Financial Condition", "001-88803")
            + f"<DOCUMENT>\n<TYPE>8-K\n<SEQUENCE>1\n<TEXT>\n{EARNINGS_BODY}</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n"
            ).encode()


def test_an_attribute_no_fact_carries_is_marked_where_the_item_prints_it() -> None:
    from eightk.interfaces.web.filing import document_texts, documents, side_list

    data = earnings_submission()
    parsed = eightk.parse(data)
    period = parsed.events[0].attributes["period"]
    assert period.startswith("the third quarter")
    # without the period fact, the attribute is found in the item's text (across a line break)
    f = parsed.model_copy(update={"facts": [x for x in parsed.facts if x.kind != "period"]})
    texts = document_texts(data)
    events, _, _ = side_list(f, texts)
    anchor = dict((name, a) for name, _, a in events[0].attributes)["period"]
    assert anchor and anchor.startswith("ev-0-")
    html = "".join(str(s.html) for d in documents(f, texts) for s in d.sections)
    mark = dom(f"<pre>{html}</pre>").css_first(f"mark#{anchor}")
    assert " ".join(mark.text().split()) == period


def test_a_filing_stored_without_its_submission_shows_the_items_text(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'noraw.db'}"
    with open_store(url) as store:
        store.ingest([("earnings.txt", earnings_submission())], keep_raw=False)
    app = make_app(url)
    try:
        page = dom(TestClient(app).get("/filings/0000888003-06-000003").text)
    finally:
        app.state.store.close()
    assert "not kept" in page.css_first("p.note").text()
    assert "results for the third" in page.css_first("pre.text").text()
    # no link points at a place the page does not have
    for a in page.css("aside a.jump"):
        assert page.css_first(a.attributes["href"] or "#none") is not None

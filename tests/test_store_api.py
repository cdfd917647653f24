"""The store's Python API, as a script or a web server uses it: ``eightk.open_store(url)`` and
the ``Store`` methods the command line mirrors (ingest, search, get, timeline, stats, export),
on both backends. Also: text the document layer hides is not searchable."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import eightk
from eightk.store import Filters, StoreError, Timeline
from tests import test_store_backends as backends
from tests.test_store_backends import submission

store_url = backends.store_url  # the backends' fixture: SQLite and PostgreSQL

SHOWN_WORD = "lighthousekeeper"
HIDDEN_WORDS = ("invisiblecorvette", "ixheadermarmoset", "scriptedpelican")


def html_submission(acc: str = "0000777002-21-000001") -> bytes:
    """A fictional inline-XBRL 8-K with an HTML press release: both hold text a reader never
    sees (``display:none``, the ``ix:header`` of hidden facts, a script)."""
    hidden = (
        f'<div style="display:none">{HIDDEN_WORDS[0]} appears nowhere on the page</div>'
        f"<ix:header><ix:hidden><ix:nonNumeric name=\"ex:FictionalNote\" contextRef=\"c1\">"
        f"{HIDDEN_WORDS[1]}</ix:nonNumeric></ix:hidden></ix:header>"
        f"<script>var x = '{HIDDEN_WORDS[2]}';</script>"
    )
    main = (
        '<html xmlns:ix="http://www.xbrl.org/2013/inlineXBRL"><body>' + hidden
        + "<p>FORM 8-K</p><p>CURRENT REPORT</p><p>ORCHARD FICTION INC</p>"
        + "<p><b>Item 8.01 Other Events.</b></p>"
        + f"<p>The registrant hired a {SHOWN_WORD} for its fictional harbor.</p>"
        + "<p><b>Item 9.01 Financial Statements and Exhibits.</b></p><p>99.1 Press release.</p>"
        + "<p>SIGNATURES</p><p>ORCHARD FICTION INC</p><p>By: /s/ Pat Example</p></body></html>"
    )
    release = (
        "<html><body>" + hidden
        + "<p>Orchard Fiction announces a new beacon on its fictional pier.</p></body></html>"
    )
    return f"""<SEC-DOCUMENT>{acc}.txt : 20210312
<SEC-HEADER>{acc}.hdr.sgml : 20210312
ACCESSION NUMBER:\t\t{acc}
CONFORMED SUBMISSION TYPE:\t8-K
PUBLIC DOCUMENT COUNT:\t\t2
CONFORMED PERIOD OF REPORT:\t20210310
ITEM INFORMATION:\t\tOther Events
FILED AS OF DATE:\t\t20210312

FILER:

\tCOMPANY DATA:\t
\t\tCOMPANY CONFORMED NAME:\t\t\tORCHARD FICTION INC
\t\tCENTRAL INDEX KEY:\t\t\t0000777002
</SEC-HEADER>
<DOCUMENT>
<TYPE>8-K
<SEQUENCE>1
<FILENAME>orchard-8k.htm
<TEXT>
{main}
</TEXT>
</DOCUMENT>
<DOCUMENT>
<TYPE>EX-99.1
<SEQUENCE>2
<FILENAME>orchard-ex991.htm
<TEXT>
{release}
</TEXT>
</DOCUMENT>
</SEC-DOCUMENT>
""".encode()


@pytest.fixture
def api_store(store_url):
    with eightk.open_store(store_url) as s:
        yield s


def test_hidden_text_is_not_searchable(api_store):
    summary = api_store.ingest(html_submission())
    assert (summary.seen, summary.stored, summary.errors) == (1, 1, 0)
    assert api_store.search(SHOWN_WORD).total == 1
    hit = api_store.search("beacon").results[0]  # the press release's visible text is searchable
    assert hit.accession_number == "0000777002-21-000001"
    for word in HIDDEN_WORDS:
        assert api_store.search(word).total == 0, word
    kinds = {k for (k,) in api_store.rows("SELECT DISTINCT kind FROM passages")}
    assert {"item", "exhibit", "cover"} <= kinds


def test_ingest_bytes_pairs_and_paths(api_store, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(submission(11), encoding="utf-8")
    (folder / "junk.txt").write_bytes(b"")
    s = api_store.ingest([str(folder), submission(12).encode(), ("upload/c.txt", submission(13).encode())])
    assert (s.seen, s.stored, s.errors) == (4, 3, 1)
    paths = sorted(p for (p,) in api_store.rows("SELECT path FROM filings"))
    assert paths == sorted([str(folder / "a.txt"), "<bytes>", "upload/c.txt"])
    again = api_store.ingest(folder / "a.txt")  # a single path (PathLike), already stored
    assert (again.seen, again.stored, again.duplicates) == (1, 0, 1)
    assert api_store.ingest([str(folder)], resume=True).skipped == 2
    assert api_store.stats()["errors"][0][0].endswith("junk.txt")


def test_search_get_timeline_stats_export(api_store, tmp_path):
    api_store.ingest([submission(n).encode() for n in (21, 22)] + [submission(23, cik="0000777009",
                                                                             name="OTHER FICTION LLC").encode()])
    r = api_store.search("warehouse", Filters(cik="777001"))
    assert r.total == 2 and {h.accession_number for h in r.results} == {"0000777001-03-000021",
                                                                        "0000777001-03-000022"}
    assert json.loads(json.dumps(r.as_dict()))["results"][0]["snippet"].count("**") >= 2
    f = api_store.get("0000777001-03-000021")
    assert f is not None and f.items[0].code == "5" and "warehouse number 21" in f.items[0].text
    assert api_store.get("0000777001-03-999999") is None
    tl = api_store.timeline("harbor fiction")
    assert isinstance(tl, Timeline) and (tl.cik, tl.company) == ("0000777001", "HARBOR FICTION CORP")
    assert [e["accession_number"] for e in tl.filings] == ["0000777001-03-000021", "0000777001-03-000022"]
    assert tl.filings[0]["items"][0]["modern"] == "8.01"
    with pytest.raises(StoreError, match="2 companies match 'fiction'"):
        api_store.timeline("fiction")
    with pytest.raises(StoreError, match="no company matches"):
        api_store.timeline("nobody at all")
    st = api_store.stats()
    assert st["filings"] == 3 and st["companies"] == 2 and dict(st["by_year"]) == {2003: 3}
    counts = api_store.export(tmp_path / "out", "jsonl", Filters(cik="777009"))
    assert counts == {"filings": 1, "items": 1, "exhibits": 0, "facts": counts["facts"], "events": counts["events"]}
    rows = [json.loads(x) for x in (tmp_path / "out" / "filings.jsonl").read_text().splitlines()]
    assert [r["company"] for r in rows] == ["OTHER FICTION LLC"]


def test_show_report_is_shared_text(api_store):
    from eightk.report import report_text

    api_store.ingest(submission(31).encode())
    acc = "0000777001-03-000031"
    text = report_text(api_store.get(acc), api_store.filing_row(acc))
    assert f"8-K {acc}" in text and "HARBOR FICTION CORP" in text and "warehouse number 31" in text


def test_open_store_is_cheap_to_import():
    """``import eightk`` and reaching ``eightk.open_store`` load neither psycopg nor pyarrow."""
    code = ("import sys, eightk; eightk.open_store; "
            "print(sorted(m for m in ('psycopg', 'pyarrow', 'eightk.store') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['eightk.store']"

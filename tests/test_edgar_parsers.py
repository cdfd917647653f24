"""Unit tests of the EDGAR settings, URL builders and parsers, on synthetic fixtures."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import subprocess
import sys

import pytest

from eightk.edgar import (
    EdgarSettings,
    IndexEntry,
    company_tickers_url,
    daily_index_url,
    feed_url,
    filing_url,
    full_index_url,
    parse_company_tickers,
    parse_index,
    parse_submissions,
    submissions_url,
)
from eightk.errors import EdgarError, EightKError

FORM_IDX = """\
Description:           Master Index of EDGAR Dissemination Feed by Form Type
Last Data Received:    March 31, 2031
Comments:              webmaster@example.invalid
Anonymous FTP:         ftp://ftp.example.invalid/edgar/




Form Type   Company Name                                                  CIK         Date Filed  File Name
---------------------------------------------------------------------------------------------------------------------------------------------
10-K        ZEPHYR WIDGETS CORP                                           1111111     2031-02-01  edgar/data/1111111/0001111111-31-000001.txt
8-K         ACME  &  SONS   HOLDINGS INC                                  2222222     2031-01-05  edgar/data/2222222/0002222222-31-000007.txt
8-K/A       BLUE HERON BANCORP                                            333         2031-03-30  edgar/data/333/0000000333-31-000002.txt
SC 13D      ORCHARD TRUST                                                 44444       2031-02-14  edgar/data/44444/0000044444-31-000003.txt
"""

MASTER_IDX = """\
Description:           Daily Index of EDGAR Dissemination Feed by Company Name
Last Data Received:    Jan 06, 2031
Comments:              webmaster@example.invalid

CIK|Company Name|Form Type|Date Filed|File Name
--------------------------------------------------------------------------------
2222222|ACME & SONS HOLDINGS INC|8-K|20310106|edgar/data/2222222/0002222222-31-000008.txt
333|BLUE HERON BANCORP|4|20310106|edgar/data/333/0000000333-31-000009.txt
"""

COMPANY_IDX = """\
Description:           Daily Index of EDGAR Dissemination Feed by Company Name

Company Name                                                  Form Type   CIK         Date Filed  File Name
---------------------------------------------------------------------------------------------------------------------------------------------
ACME & SONS HOLDINGS INC                                      8-K         2222222     20310106    edgar/data/2222222/0002222222-31-000008.txt
"""


def test_form_idx_fixed_width_with_preamble() -> None:
    entries = parse_index(FORM_IDX.encode())
    assert len(entries) == 4
    assert entries[1] == IndexEntry(2222222, "ACME  &  SONS   HOLDINGS INC", "8-K", dt.date(2031, 1, 5),
                                    "edgar/data/2222222/0002222222-31-000007.txt")
    assert entries[3].form == "SC 13D" and entries[3].company == "ORCHARD TRUST"
    assert entries[1].accession == "0002222222-31-000007"
    assert [e.cik for e in parse_index(FORM_IDX, forms={"8-K", "8-K/A"})] == [2222222, 333]


def test_index_lines_and_json_with_digits_that_are_not_ascii_are_skipped() -> None:
    """A superscript or another script's digit in a CIK field (which str.isdigit takes and
    int() refuses or misreads) is no CIK: the line is skipped, never a crash."""
    idx = MASTER_IDX.replace("333|BLUE", "\u00b2|BLUE").replace("2222222|ACME", "\u0663|ACME")
    assert parse_index(idx.encode()) == []
    doc = {"cik": "\u00b2", "name": "X", "filings": {"recent": {"accessionNumber": []}}}
    assert parse_submissions(json.dumps(doc).encode()).cik is None
    from eightk.edgar._client import _retry_after

    assert _retry_after("\u00b2") is None and _retry_after("\u0663") is None and _retry_after("5") == 5.0


def test_master_idx_pipe_separated_daily_dates_and_gzip() -> None:
    for data in (MASTER_IDX.encode(), gzip.compress(MASTER_IDX.encode())):
        entries = parse_index(data)
        assert [(e.cik, e.form, e.date_filed) for e in entries] == [
            (2222222, "8-K", dt.date(2031, 1, 6)), (333, "4", dt.date(2031, 1, 6))]
        assert entries[0].company == "ACME & SONS HOLDINGS INC"


def test_company_idx_company_first() -> None:
    [e] = parse_index(COMPANY_IDX)
    assert (e.company, e.form, e.cik) == ("ACME & SONS HOLDINGS INC", "8-K", 2222222)


def test_index_errors() -> None:
    with pytest.raises(EdgarError, match="no header rule"):
        parse_index("<html><body>Not found</body></html>")
    with pytest.raises(EdgarError, match="gzip"):
        parse_index(gzip.compress(MASTER_IDX.encode())[:40])


SUBMISSIONS = {
    "cik": "2222222", "name": "ACME & SONS HOLDINGS INC", "tickers": ["ACME"],
    "filings": {
        "recent": {
            "accessionNumber": ["0002222222-31-000008", "0002222222-31-000007"],
            "filingDate": ["2031-01-06", "2031-01-05"],
            "reportDate": ["2031-01-04", ""],
            "acceptanceDateTime": ["2031-01-06T16:05:00.000Z", "2031-01-05T09:00:00.000Z"],
            "form": ["8-K", "10-Q"],
            "items": ["2.02,9.01", ""],
            "primaryDocument": ["acme-8k.htm", "acme-10q.htm"],
        },
        "files": [{"name": "CIK0002222222-submissions-001.json", "filingCount": 1}],
    },
}


def test_submissions_parallel_arrays_to_rows() -> None:
    subs = parse_submissions(json.dumps(SUBMISSIONS).encode())
    assert subs.cik == 2222222 and subs.tickers == ("ACME",)
    first, second = subs.rows
    assert first.accession_number == "0002222222-31-000008" and first.items == ("2.02", "9.01")
    assert first.filing_date == dt.date(2031, 1, 6) and first.report_date == dt.date(2031, 1, 4)
    assert first.primary_document == "acme-8k.htm" and first.form == "8-K"
    assert second.items == () and second.report_date is None
    assert subs.files == ["CIK0002222222-submissions-001.json"]
    # an older page has the same arrays at top level
    page = parse_submissions(SUBMISSIONS["filings"]["recent"])  # type: ignore[arg-type]
    assert [r.form for r in page.rows] == ["8-K", "10-Q"]


def test_submissions_ragged_arrays_refused() -> None:
    bad = {"accessionNumber": ["a", "b"], "form": ["8-K"]}
    with pytest.raises(EdgarError, match="column form"):
        parse_submissions(bad)


def test_company_tickers() -> None:
    data = {"0": {"cik_str": 2222222, "ticker": "ACME", "title": "Acme"},
            "1": {"cik_str": 333, "ticker": "bhb", "title": "Blue Heron"}}
    assert parse_company_tickers(json.dumps(data)) == {"ACME": 2222222, "BHB": 333}


def test_url_builders() -> None:
    base, data = "http://127.0.0.1:1", "http://127.0.0.1:2"
    assert company_tickers_url(base) == f"{base}/files/company_tickers.json"
    assert submissions_url(data, 320) == f"{data}/submissions/CIK0000000320.json"
    assert full_index_url(base, 2024, 1) == f"{base}/Archives/edgar/full-index/2024/QTR1/form.idx"
    assert full_index_url(base, 2024, 4, "master", gz=True).endswith("/2024/QTR4/master.idx.gz")
    assert daily_index_url(base, dt.date(2024, 8, 7)) == f"{base}/Archives/edgar/daily-index/2024/QTR3/form.20240807.idx"
    assert filing_url(base, 320, "000000032024000001") == \
        f"{base}/Archives/edgar/data/320/000000032024000001/0000000320-24-000001.txt"
    assert feed_url(base, dt.date(2024, 1, 8)) == f"{base}/Archives/edgar/Feed/2024/QTR1/20240108.nc.tar.gz"
    with pytest.raises(EdgarError):
        full_index_url(base, 1992, 1)
    with pytest.raises(EdgarError):
        filing_url(base, 1, "not-an-accession")


def test_settings_user_agent_required_with_reason(tmp_path) -> None:
    with pytest.raises(EdgarError, match="fair-access.*EIGHTK_USER_AGENT") as e:
        EdgarSettings.from_env(env={}, cache_dir=tmp_path)
    assert isinstance(e.value, EightKError)
    with pytest.raises(EdgarError, match="no contact e-mail"):
        EdgarSettings.from_env(env={"EIGHTK_USER_AGENT": "Jane Doe"}, cache_dir=tmp_path)
    with pytest.raises(EdgarError, match="no name"):
        EdgarSettings.from_env(user_agent="jane@example.com", env={}, cache_dir=tmp_path)
    s = EdgarSettings.from_env(env={"EIGHTK_USER_AGENT": "Jane Doe jane@example.com",
                                    "EIGHTK_EDGAR_URL": "http://127.0.0.1:9/", "EIGHTK_CACHE_DIR": str(tmp_path)})
    assert s.edgar_url == "http://127.0.0.1:9" and s.data_url == "https://data.sec.gov"
    assert s.cache_dir == tmp_path / "edgar" and s.max_rate == 10


def test_settings_rate_only_downwards(tmp_path) -> None:
    ok = EdgarSettings(user_agent="Jane Doe jane@example.com", cache_dir=tmp_path, max_rate=2)
    assert ok.max_rate == 2
    for bad in (11, 0, -1):
        with pytest.raises(EdgarError, match="only be lowered"):
            EdgarSettings(user_agent="Jane Doe jane@example.com", cache_dir=tmp_path, max_rate=bad)


def test_import_has_no_side_effects(tmp_path) -> None:
    code = ("import socket, builtins\n"
            "def no(*a, **k): raise AssertionError('I/O at import')\n"
            "socket.socket.connect = no\n"
            "import eightk.edgar\n"
            "print('ok')\n")
    env = {"HOME": str(tmp_path / "nohome"), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == "ok"
    assert not (tmp_path / "nohome").exists()

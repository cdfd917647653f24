"""The latest-filings Atom parser (hostile XML refused), the streamed feed archive (only 8-Ks
kept), the client's streamed download (atomic, gzip checked to its end) and the config file."""

from __future__ import annotations

import datetime as dt
import io
import tarfile
from pathlib import Path

import pytest

from eightk.edgar import (
    EdgarClient,
    EdgarSettings,
    NotFound,
    company_refs,
    day_refs,
    form_of,
    items_match,
    iter_feed,
    load_config,
    parse_current_feed,
    wanted_items,
)
from eightk.errors import EdgarError
from tests._edgar_fake import (
    FakeEdgar,
    Resp,
    Synthetic,
    atom_feed,
    build_site,
    fake_edgar,  # noqa: F401  (fixture)
    feed_member,
    feed_tarball,
    other_member,
)

UA = "Test Runner tests@example.com"
DAY = dt.date(2031, 1, 6)
F1 = Synthetic(7770001, "HARBOR FICTION CORP", "HFC", "0007770001-31-000001", DAY, ("2.02",))
F2 = Synthetic(7770002, "LANTERN FICTION INC", "LFI", "0007770002-31-000001", DAY, ("5.02",), form="8-K/A")


def test_atom_entries() -> None:
    entries = parse_current_feed(atom_feed([F1, F2], "https://www.sec.gov"))
    assert [(e.accession, e.cik, e.form, e.company, e.filed) for e in entries] == [
        ("0007770001-31-000001", 7770001, "8-K", "HARBOR FICTION CORP", DAY),
        ("0007770002-31-000001", 7770002, "8-K/A", "LANTERN FICTION INC", DAY),
    ]


@pytest.mark.parametrize("doc", [
    b'<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
    b'<feed xmlns="http://www.w3.org/2005/Atom"><title>&b;</title></feed>',
    b'<?xml version="1.0"?><!DOCTYPE feed SYSTEM "file:///etc/passwd"><feed xmlns="http://www.w3.org/2005/Atom"/>',
])
def test_atom_hostile_xml_is_refused(doc: bytes) -> None:
    with pytest.raises(EdgarError, match="hostile XML"):
        parse_current_feed(doc)


@pytest.mark.parametrize(("doc", "why"), [(b"<html><body>busy</body></html>", "not an Atom feed"),
                                          (b"<feed xmlns='http://www.w3.org/2005/Atom'><entry>", "well-formed")])
def test_atom_not_a_feed(doc: bytes, why: str) -> None:
    with pytest.raises(EdgarError, match=why):
        parse_current_feed(doc)


def test_feed_archive_keeps_only_8ks(tmp_path: Path) -> None:
    tarball = tmp_path / "20310106.nc.tar.gz"
    other = other_member(7770099, "0007770099-31-000001", DAY)
    tarball.write_bytes(feed_tarball([(f"{F1.accession}.nc", feed_member(F1)), ("x.nc", other),
                                      (f"{F2.accession}.nc", feed_member(F2))]))
    got = list(iter_feed(tarball, {"8-K", "8-K/A"}, name="feed"))
    assert got == [(f"feed!{F1.accession}.nc", feed_member(F1)), (f"feed!{F2.accession}.nc", feed_member(F2))]
    skipped = list(iter_feed(tarball, {"8-K"}, skip=lambda acc: acc == F1.accession))
    assert skipped == []
    assert form_of(other[:4000]) == "10-Q"


def test_damaged_feed_archive_is_an_error(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        info = tarfile.TarInfo("a.nc")
        data = feed_member(F1) * 50
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    path = tmp_path / "bad.nc.tar.gz"
    path.write_bytes(buf.getvalue()[:-40])
    with pytest.raises(EdgarError, match="not a readable feed archive"):
        list(iter_feed(path, {"8-K"}))


def settings(fake: FakeEdgar, tmp_path: Path) -> EdgarSettings:
    return EdgarSettings(user_agent=UA, cache_dir=tmp_path / "cache", edgar_url=fake.url, data_url=fake.url,
                         timeout=1.0, max_attempts=3, backoff=0.01)


def test_download_streams_checks_and_lands_atomically(fake_edgar: FakeEdgar, tmp_path: Path) -> None:  # noqa: F811
    path = "/Archives/edgar/Feed/2031/QTR1/20310106.nc.tar.gz"
    whole = feed_tarball([(f"{F1.accession}.nc", feed_member(F1) * 200)])
    fake_edgar.set(path, Resp(body=whole[:-100]), Resp(body=whole, drop_after=len(whole) // 2), Resp(body=whole))
    dest = tmp_path / "out" / "feed.tar.gz"
    with EdgarClient(settings(fake_edgar, tmp_path), sleep=lambda s: None) as c:
        assert c.download(fake_edgar.url + path, dest) == len(whole)
        assert c.retries == 2
    assert dest.read_bytes() == whole
    assert sorted(p.name for p in dest.parent.iterdir()) == ["feed.tar.gz"]  # no temporary left
    fake_edgar.set("/Archives/edgar/Feed/2031/QTR1/20310107.nc.tar.gz", Resp(body=whole[:-100]))
    with EdgarClient(settings(fake_edgar, tmp_path), sleep=lambda s: None) as c, \
            pytest.raises(EdgarError, match="truncated gzip"):
        c.download(fake_edgar.url + "/Archives/edgar/Feed/2031/QTR1/20310107.nc.tar.gz", tmp_path / "x.tar.gz")
    assert not (tmp_path / "x.tar.gz").exists()
    with EdgarClient(settings(fake_edgar, tmp_path)) as c, pytest.raises(NotFound):
        c.download(fake_edgar.url + "/Archives/edgar/Feed/2031/QTR1/20310108.nc.tar.gz", tmp_path / "y.tar.gz")


def test_plans_from_submissions_and_daily_index(fake_edgar: FakeEdgar, tmp_path: Path) -> None:  # noqa: F811
    older = Synthetic(7770001, "HARBOR FICTION CORP", "HFC", "0007770001-01-000001", dt.date(2001, 2, 1), ("5",),
                      listed_items=False)
    fs = [F1, F2, older] + [Synthetic(7770001, "HARBOR FICTION CORP", "HFC", f"0007770001-30-00000{i}",
                                      dt.date(2030, 6, i), ("8.01",)) for i in range(1, 4)]
    build_site(fake_edgar, fs, page_size=2)
    with EdgarClient(settings(fake_edgar, tmp_path)) as c:
        refs = company_refs(c, 7770001, items=wanted_items(["2.02"]))
        # the listed 8.01 filings are left out; the legacy one (items not listed) stays for parsing
        assert [(r.accession, r.items_listed) for r in refs] == [("0007770001-01-000001", False),
                                                                ("0007770001-31-000001", True)]
        recent = company_refs(c, 7770001, since=dt.date(2030, 6, 3))
        assert [r.accession for r in recent] == ["0007770001-30-000003", "0007770001-31-000001"]
        assert fake_edgar.hits("/submissions/CIK0007770001-submissions-001.json") == 1
        day = day_refs(c, DAY)
        assert day is not None and sorted(r.accession for r in day) == [F1.accession, F2.accession]
        assert day_refs(c, dt.date(2031, 1, 7)) is None  # no index that day


def test_items_match_across_eras() -> None:
    assert items_match(["12"], wanted_items(["2.02"]))
    assert items_match(["8.01", "9.01"], wanted_items(["5", "5.02"]))
    assert not items_match(["5.02"], wanted_items(["2.02"]))
    assert items_match(["5.02"], None)


def test_config_file(tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text('[edgar]\nuser_agent = "Conf User conf@example.com"\nrate = 4\ncache_dir = "/tmp/x"\n')
    env = {"EIGHTK_CONFIG": str(cfg)}
    s = EdgarSettings.from_env(env=env, config=load_config(env))
    assert (s.user_agent, s.max_rate, s.cache_dir) == ("Conf User conf@example.com", 4, Path("/tmp/x"))
    # the environment wins over the file, arguments over both
    env2 = {**env, "EIGHTK_USER_AGENT": "Env User env@example.com", "EIGHTK_CACHE_DIR": "/tmp/y"}
    s2 = EdgarSettings.from_env(env=env2, config=load_config(env2), max_rate=2)
    assert (s2.user_agent, s2.max_rate, s2.cache_dir) == ("Env User env@example.com", 2, Path("/tmp/y/edgar"))
    cfg.write_text("[edgar]\nrate = 11\n")
    with pytest.raises(EdgarError, match="at most 10"):
        EdgarSettings.from_env(env={**env2}, config=load_config(env))
    cfg.write_text("[edgar\n")
    with pytest.raises(EdgarError, match="TOML"):
        load_config(env)
    assert load_config({"XDG_CONFIG_HOME": str(tmp_path / "none")}) == {}
    with pytest.raises(EdgarError, match="does not exist"):
        load_config({"EIGHTK_CONFIG": str(tmp_path / "missing.toml")})


def test_spans_use_whole_past_quarters() -> None:
    from eightk.edgar import spans

    got = list(spans(dt.date(2030, 9, 28), dt.date(2031, 1, 3), today=dt.date(2031, 6, 1)))
    # Sat 9-28 and Sun 9-29 are passed over; Q4 is whole and over; January day by day
    assert got == [dt.date(2030, 9, 30), (2030, 4), dt.date(2031, 1, 1), dt.date(2031, 1, 2), dt.date(2031, 1, 3)]
    # a quarter that is not over yet is read day by day
    assert (2031, 1) not in list(spans(dt.date(2031, 1, 1), dt.date(2031, 3, 31), today=dt.date(2031, 3, 31)))
    assert list(spans(dt.date(2031, 1, 1), dt.date(2031, 3, 31), today=dt.date(2031, 4, 1))) == [(2031, 1)]

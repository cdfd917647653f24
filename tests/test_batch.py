"""eightk batch on a real Dask LocalCluster (2 worker processes): the dataset holds the same
filings and rows as a serial run and as the store, a killed worker loses and doubles nothing,
a rerun skips finished chunks, a failed input is an errors row."""

from __future__ import annotations

import datetime as dt
import io
import os
import signal
import tarfile
from collections import Counter
from pathlib import Path

import pytest

pytest.importorskip("distributed")
duckdb = pytest.importorskip("duckdb")

from eightk import parse  # noqa: E402
from eightk.batch import connect, dataset_info, run_batch  # noqa: E402
from eightk.batch.manifest import finished  # noqa: E402
from eightk.batch.tables import COLUMNS, rows_of  # noqa: E402
from eightk.errors import EightKError, NotAn8KError  # noqa: E402
from eightk.sources import iter_inputs  # noqa: E402
from eightk.store import open_store  # noqa: E402
from eightk.store.prepare import prepare  # noqa: E402

from .conftest import CORPUS, SAMPLES, load_inventory, unavailable  # noqa: E402

TABLES = ("filings", "items", "exhibits", "facts", "events")


def synthetic(n: int) -> tuple[str, bytes]:
    """A plain-text 8-K submission: an item (legacy 5 before 2004-08-23, else 8.01) reporting a
    settlement of a distinct amount, so every filing has facts and an event."""
    year = 1996 + n % 28
    d = dt.date(year, 1 + n % 12, 1 + n % 27)
    ymd = d.strftime("%Y%m%d")
    cik = f"{9100000 + n:010d}"
    acc = f"{cik}-{year % 100:02d}-{n:06d}"
    item = "Item 8.01. Other Events." if d >= dt.date(2004, 8, 23) else "Item 5. Other Events."
    body = (f"FORM 8-K\n\nCURRENT REPORT\n\nDate of Report (Date of earliest event reported): {d:%B} {d.day}, {year}\n\n"
            f"SYNTHETIC WIDGETS {n} INC\n(Exact name of registrant as specified in its charter)\n\n{item}\n\n"
            f"On {d:%B} {d.day}, {year}, Synthetic Widgets {n} Inc. agreed to pay ${1000 * (n + 1) + 250:,} to settle "
            "a lawsuit brought by Fictional Supply Co. in the District Court.\n\nSIGNATURES\n\nBy: /s/ Pat Doe\n")
    text = (f"<SEC-DOCUMENT>{acc}.txt : {ymd}\n<SEC-HEADER>{acc}.hdr.sgml : {ymd}\n"
            f"ACCESSION NUMBER:\t\t{acc}\nCONFORMED SUBMISSION TYPE:\t8-K\nPUBLIC DOCUMENT COUNT:\t\t1\n"
            f"CONFORMED PERIOD OF REPORT:\t{ymd}\nFILED AS OF DATE:\t\t{ymd}\n\nFILER:\n\n\tCOMPANY DATA:\t\n"
            f"\t\tCOMPANY CONFORMED NAME:\t\t\tSYNTHETIC WIDGETS {n} INC\n\t\tCENTRAL INDEX KEY:\t\t\t{cik}\n"
            f"</SEC-HEADER>\n<DOCUMENT>\n<TYPE>8-K\n<SEQUENCE>1\n<FILENAME>w{n}.txt\n<TEXT>\n{body}</TEXT>\n"
            "</DOCUMENT>\n</SEC-DOCUMENT>\n")
    return f"{acc}.txt", text.encode()


def annual_report() -> bytes:
    """A synthetic 10-K submission (its header names the form) with a long body."""
    data = synthetic(5)[1].replace(b"SUBMISSION TYPE:\t8-K", b"SUBMISSION TYPE:\t10-K").replace(b"<TYPE>8-K", b"<TYPE>10-K")
    return data.replace(b"SIGNATURES", b"Item 7. Management's discussion.\n" + b"Revenue grew with demand. " * 2000
                        + b"\nSIGNATURES")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[str]:
    """The samples, 40 synthetic filings in two folders, a feed-like .tar.gz of 6 more, a copy
    of one filing (same bytes) in another folder, a binary file, a text that is no 8-K and a 10-K."""
    root = tmp_path_factory.mktemp("inputs")
    for n in range(40):
        folder = root / f"f{n % 2}"
        folder.mkdir(exist_ok=True)
        name, data = synthetic(n)
        (folder / name).write_bytes(data)
    (root / "copy").mkdir()
    (root / "copy" / "again.txt").write_bytes(synthetic(3)[1])
    (root / "f0" / "junk.txt").write_bytes(bytes(range(256)) * 8)
    (root / "f1" / "notes.txt").write_bytes(b"Minutes of the garden club: we planted tulips.\n" * 5)
    (root / "f1" / "annual.txt").write_bytes(annual_report())
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        for n in range(40, 46):
            name, data = synthetic(n)
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    (root / "20240102.nc.tar.gz").write_bytes(buf.getvalue())
    return [str(SAMPLES), str(root)]


@pytest.fixture(scope="module")
def expected(inputs) -> dict[str, Counter]:
    return serial(inputs)


@pytest.fixture(scope="module")
def client():
    with connect(local=2) as c:
        yield c


def serial(paths: list[str]) -> dict[str, Counter]:
    """Every table's rows from a plain loop over the inputs (each filing once by sha256)."""
    out: dict[str, Counter] = {t: Counter() for t in TABLES}
    seen: set[str] = set()
    for item in iter_inputs(paths):
        if item.error is not None:
            continue
        p = prepare(item.name, bytes(item.data), keep_raw=False, passages=False)
        if p.filing is None or p.sha256 in seen:
            continue
        seen.add(p.sha256 or "")
        for table, rows in rows_of(p, store=False).items():
            out[table].update(_key(table, r) for r in rows)
    return out


def _key(table: str, row) -> tuple:
    """A row without its input name (a duplicate's copy may come first in a parallel run)."""
    cols = [c for c, _ in COLUMNS[table]]
    return tuple(v for c, v in zip(cols, row, strict=True) if c != "path")


def read_dataset(out: Path) -> dict[str, Counter]:
    got: dict[str, Counter] = {}
    for table in TABLES:
        cols = [c for c, _ in COLUMNS[table] if c != "path"]
        rel = duckdb.sql(f"SELECT {', '.join(cols)} FROM read_parquet('{out}/{table}/*/*.parquet', hive_partitioning=true)")
        got[table] = Counter(tuple(v.isoformat() if isinstance(v, dt.date) else v for v in r) for r in rel.fetchall())
    return got


def test_batch_equals_serial_run_and_store(client, inputs, expected, tmp_path):
    out = tmp_path / "ds"
    s = run_batch(client, inputs, str(out), files_per_chunk=7)
    assert s.failed == [] and s.chunks == len(finished(out)) and s.chunks >= 8
    assert (s.filings, s.duplicates, s.not_8k) == (51, 1, 2)
    assert s.errors == 1  # the binary file: an errors row; its chunk finished with the others
    want = expected
    got = read_dataset(out)
    for table in TABLES:
        assert got[table] == want[table], table
    assert sum(want["facts"].values()) > 51 * 3 and sum(want["events"].values()) >= 51
    errors = duckdb.sql(f"SELECT input, reason, not_8k FROM read_parquet('{out}/errors/*.parquet')").fetchall()
    assert sorted(Path(e[0]).name for e in errors) == ["annual.txt", "junk.txt", "notes.txt"]
    for name, reason, not_8k in errors:  # the reason eightk.parse gives, whether parsed or judged by its header
        with pytest.raises(EightKError) as e:
            parse(Path(name).read_bytes())
        assert (reason, not_8k) == (str(e.value), isinstance(e.value, NotAn8KError)), name
    # the store, ingesting the same inputs serially, holds the same counts
    with open_store(f"sqlite:///{tmp_path / 'serial.db'}") as store:
        store.ingest(inputs)
        stored = {t: store.one(f"SELECT count(*) FROM {t}")[0] for t in TABLES}
        by_year = dict(store.rows("SELECT year, count(*) FROM filings GROUP BY year"))
    counted = {t: duckdb.sql(f"SELECT count(*) FROM read_parquet('{out}/{t}/*/*.parquet')").fetchall()[0][0]
               for t in TABLES}
    assert counted == stored
    assert dataset_info(out).by_year == by_year
    info = dataset_info(out)
    assert info.filings == 51 and info.by_event.get("legal_settlement", 0) >= 46


def test_rerun_skips_finished_chunks_and_redoes_an_unfinished_one(client, inputs, tmp_path):
    out = tmp_path / "ds"
    first = run_batch(client, inputs, str(out), files_per_chunk=7)
    files = {p: p.stat().st_mtime_ns for p in out.rglob("*.parquet")}
    again = run_batch(client, inputs, str(out), files_per_chunk=7)
    assert (again.skipped, again.done, again.filings) == (first.chunks, 0, 0)
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.parquet")} == files
    # a chunk killed after some of its files: no manifest; its files are replaced, not added to
    victim = max(finished(out).values(), key=lambda f: f.filings)
    (out / "_manifest" / f"{victim.chunk}.json").unlink()
    stray = out / "filings" / "year=1999" / "part-0123456789abcdef0123.parquet"
    stray.write_bytes(next(iter(files)).read_bytes())  # a chunk of an older plan, never finished
    third = run_batch(client, inputs, str(out), files_per_chunk=7)
    assert (third.done, third.filings, third.removed) == (1, victim.filings, len(victim.files) + 1)
    assert not stray.exists()
    assert dataset_info(out).filings == 51


def test_one_run_at_a_time_per_dataset(client, inputs, tmp_path):
    import fcntl

    from eightk.batch import DatasetError

    out = tmp_path / "ds"
    out.mkdir()
    with open(out / ".lock", "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # another run holds the dataset
        with pytest.raises(DatasetError, match="another `eightk batch` is writing this dataset"):
            run_batch(client, inputs, str(out))
    assert not list(out.rglob("*.parquet"))
    assert run_batch(client, [str(SAMPLES)], str(out)).filings == 5  # released: the next run goes


def test_killed_worker_loses_and_doubles_nothing(client, inputs, expected, tmp_path):
    out = tmp_path / "ds"
    before = set(client.run(os.getpid).values())
    killed: list[int] = []

    def kill_one(summary):
        if not killed:  # after the first finished chunk, with the others running or queued
            pid = sorted(before)[0]
            os.kill(pid, signal.SIGKILL)
            killed.append(summary.done)

    s = run_batch(client, inputs, str(out), files_per_chunk=3, progress=kill_one)
    assert killed == [1] and s.done == s.chunks > 10 and s.failed == []
    client.wait_for_workers(2, timeout=60)
    assert sorted(before)[0] not in set(client.run(os.getpid).values())  # it died; the nanny started another
    got = read_dataset(out)
    for table in TABLES:
        assert got[table] == expected[table], table


def test_corpus_same_filings_and_facts_as_serial(client, tmp_path):
    rows = [r for r in load_inventory() if r["role"] == "8-K filing"]
    if not rows:
        unavailable("../shared/corpus is absent")
    files = [str(CORPUS / r["file"]) for r in rows[::15]][:30]  # read in place, a spread of repos and eras
    out = tmp_path / "ds"
    s = run_batch(client, files, str(out), files_per_chunk=8)
    assert s.failed == [] and s.filings + s.errors + s.not_8k + s.duplicates == len(files)
    got, want = read_dataset(out), serial(files)
    assert got["filings"] == want["filings"] and got["facts"] == want["facts"] and got["events"] == want["events"]
    assert sum(want["facts"].values()) > len(files)


@pytest.fixture(scope="module")
def with_store(client, inputs, tmp_path_factory):
    """A dataset written with what --db loads."""
    out = tmp_path_factory.mktemp("with-store") / "ds"
    return out, run_batch(client, inputs, str(out), store=True, files_per_chunk=11)


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_load_into_store_matches_dataset(client, with_store, tmp_path, backend):
    """PostgreSQL is loaded by the cluster's workers at once, SQLite by the client in order."""
    from eightk.batch.load import load

    from .test_store_backends import drop, new_url

    out, s = with_store
    url = new_url(backend, tmp_path)
    try:
        assert load(out, url, client=client) == {"stored": s.filings, "skipped": s.not_8k, "error": s.errors}
        with open_store(url) as store:
            stored = {t: store.one(f"SELECT count(*) FROM {t}")[0] for t in TABLES}
            money = store.one("SELECT count(*), sum(value_num) FROM facts WHERE kind = 'money'")
            hit = store.search("lawsuit").total
        counted = {t: duckdb.sql(f"SELECT count(*) FROM read_parquet('{out}/{t}/*/*.parquet')").fetchall()[0][0]
                   for t in TABLES}
        assert stored == counted
        n, total = duckdb.sql(
            f"SELECT count(*), sum(value_num) FROM read_parquet('{out}/facts/*/*.parquet') WHERE kind = 'money'"
        ).fetchall()[0]
        assert money[0] == n and money[1] == pytest.approx(total)  # sums in another order
        assert hit >= 46  # the passages came along: the synthetic filings are searchable
        assert load(out, url, client=client) == {"duplicate": s.filings, "skipped": s.not_8k, "error": s.errors}
    finally:
        drop(url)


def test_every_column_is_described_in_the_files(tmp_path):
    import pyarrow.parquet as pq

    from eightk.batch.tables import ERROR_COLUMNS, arrow_schema

    for columns in (*COLUMNS.values(), ERROR_COLUMNS):
        for f in arrow_schema(columns):
            assert len(f.metadata[b"description"]) > 10, f.name
    from eightk.batch import dataset

    written = dataset.write_tables(tmp_path, "c1", {}, [("x.txt", "the file is binary data", False, "c1")])
    assert pq.read_schema(tmp_path / written[0]).field("reason").metadata[b"description"] == b"why it failed"


def test_cli_on_a_running_scheduler(client, inputs, expected, tmp_path):
    """`eightk batch --scheduler tcp://…` runs on an existing cluster (this module's)."""
    import json
    import subprocess
    import sys

    out = tmp_path / "ds"
    r = subprocess.run([sys.executable, "-m", "eightk", "batch", *inputs, "--out", str(out), "--json",
                        "--scheduler", client.scheduler.address, "--chunk-files", "9"],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["filings"] == 51
    assert read_dataset(out) == expected

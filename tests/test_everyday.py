"""Everyday use (issue 12): from a fresh clone to an answer with no dead ends. Every input here
is synthetic (samples/ and text written below)."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

import eightk
from eightk.interfaces.cli import app
from eightk.report import event_text, facts_grouped, money, report_text
from eightk.store import Filters, StoreError, open_store
from eightk.store.prepare import accession_from_name

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
COPPERLINE = SAMPLES / "1998-copperline-legacy-submission.txt"
COPPERLINE_ACC = "0000999001-98-000012"
runner = CliRunner()

SETTLEMENT = """UNITED STATES SECURITIES AND EXCHANGE COMMISSION
Washington, D.C. 20549

FORM 8-K

CURRENT REPORT

Date of Report (Date of earliest event reported): May 2, 2005

PLOVER GLASSWORKS, INC.
(Exact name of registrant as specified in its charter)

Item 8.01  Other Events.

On May 2, 2005, Plover Glassworks, Inc. (the "Company") settled the lawsuit brought against it by Acme Sand
Supply, Inc. in the United States District Court for the District of Delaware. Under the settlement agreement,
which the court approved on April 28, 2005, the Company will pay $500,000.

Separately, the Company's revenues for 2004 were $5,000,000.

SIGNATURES

PLOVER GLASSWORKS, INC.
By: /s/ Anna Tern
Anna Tern, President
"""

TEN_K = """UNITED STATES SECURITIES AND EXCHANGE COMMISSION

FORM 10-K

ANNUAL REPORT PURSUANT TO SECTION 13 OR 15(d)

LARKSPUR HOLLOW MINING CORP.

Item 1.  Business.

We dig for gravel.
"""

LONE_EXHIBIT = """<DOCUMENT>
<TYPE>EX-99.1
<SEQUENCE>2
<FILENAME>ex991.htm
<TEXT>
<html><body><p>Larkspur Hollow announces record gravel output.</p></body></html>
</TEXT>
</DOCUMENT>
"""


def cli(*args: str):
    return runner.invoke(app, [str(a) for a in args])


def _run(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT)


def _primary_text(path: Path) -> str:
    """The first document's text of a full submission: what a lone copy of it holds."""
    raw = path.read_text(encoding="latin-1")
    return raw.split("<TEXT>", 1)[1].split("</TEXT>", 1)[0].lstrip("\n")


@pytest.fixture
def db(tmp_path) -> str:
    """A database holding the five samples and the settlement."""
    folder = tmp_path / "in"
    folder.mkdir()
    for p in SAMPLES.iterdir():
        (folder / p.name).write_bytes(p.read_bytes())
    (folder / "plover-settlement.txt").write_text(SETTLEMENT)
    url = f"sqlite:///{tmp_path / 'e.db'}"
    r = cli("ingest", folder, "--db", url)
    assert r.exit_code == 0, r.output
    return url


# --- getting started ----------------------------------------------------------------------


def test_version():
    r = cli("--version")
    assert r.exit_code == 0 and r.stdout.strip() == f"eightk {eightk.__version__}"
    assert tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"] == eightk.__version__


def test_help_and_import_load_neither_the_parser_nor_the_models_nor_the_store():
    """Cold start (timed in bench/bench_startup.py): `eightk --help` and `import eightk` load
    only the command line itself."""
    heavy = ["pydantic", "eightk.model", "eightk.core", "eightk.parser", "eightk.extract", "eightk.store",
             "rich.table", "rich.progress", "psycopg", "pyarrow"]
    code = ("import sys\nsys.argv = ['eightk', '--help']\nfrom eightk.interfaces.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            f"print('LOADED', [m for m in {heavy!r} if m in sys.modules])")
    r = _run(code)
    assert "Usage: eightk" in r.stdout and "LOADED []" in r.stdout, r.stdout + r.stderr
    r = _run(f"import sys, eightk\nprint('LOADED', [m for m in {heavy!r} if m in sys.modules])")
    assert "LOADED []" in r.stdout, r.stdout + r.stderr
    r = _run("import eightk\nprint(eightk.parse.__module__, eightk.Filing.__name__, eightk.open_store.__module__)")
    assert r.stdout.split() == ["eightk.core", "Filing", "eightk.store"], r.stderr


def test_extras_are_optional_and_lxml_is_gone():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    deps = " ".join(project["dependencies"])
    assert "psycopg" not in deps and "pyarrow" not in deps and "lxml" not in deps
    extras = project["optional-dependencies"]
    assert set(extras) == {"postgres", "parquet", "batch", "dev"}
    assert any(d.startswith("dask") for d in extras["batch"])
    assert any(d.startswith("psycopg") for d in extras["postgres"])
    assert any(d.startswith("pyarrow") for d in extras["parquet"])
    assert any("postgres" in d and "parquet" in d for d in extras["dev"] if d.startswith("eightk["))


def test_postgres_without_psycopg_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)  # import psycopg now raises ImportError
    with pytest.raises(StoreError, match=re.escape("pip install 'eightk[postgres]'")):
        open_store("postgresql://127.0.0.1/test")
    r = cli("search", "x", "--db", "postgresql://127.0.0.1/test")
    assert r.exit_code == 1 and "eightk[postgres]" in r.output and "Traceback" not in r.output
    assert len(r.output.strip().splitlines()) == 1


def test_parquet_without_pyarrow_names_the_extra(db, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.dataset", None)
    r = cli("export", "--out", tmp_path / "x", "--db", db)
    assert r.exit_code == 1 and "eightk[parquet]" in r.output and "Traceback" not in r.output
    assert not (tmp_path / "x").exists()
    r = cli("export", "--out", tmp_path / "y", "--format", "jsonl", "--db", db)
    assert r.exit_code == 0 and (tmp_path / "y" / "filings.jsonl").is_file()


def test_readme_examples_need_no_shared_folder():
    readme = (ROOT / "README.md").read_text()
    head, _, developers = readme.partition("## For developers")
    assert developers, "the README has a 'For developers' part"
    assert "../shared" not in head.split("## Output schema")[0]
    assert ". .venv/bin/activate" in head and "pip install" in head
    assert "eightk[postgres]" in head and "eightk[parquet]" in head


# --- from a search hit to the filing --------------------------------------------------------


def test_every_search_result_carries_a_handle_show_takes(db):
    r = cli("search", "", "--db", db, "--format", "json", "--limit", "50")
    hits = json.loads(r.stdout)["results"]
    assert len(hits) == 6
    for h in hits:
        assert isinstance(h["id"], int) and h["handle"] == (h["accession_number"] or str(h["id"]))
        shown = cli("show", h["handle"], "--db", db)
        assert shown.exit_code == 0, shown.output
        assert (h["accession_number"] or f"store id        {h['id']}") in shown.stdout
    lone = [h for h in hits if h["accession_number"] is None]
    assert lone and all(h["handle"].isdigit() for h in lone)
    r = cli("search", "", "--db", db, "--format", "csv", "--limit", "50")
    rows = r.stdout.strip().splitlines()
    assert rows[0].split(",")[:2] == ["id", "accession_number"]
    assert {line.split(",")[0] for line in rows[1:]} == {str(h["id"]) for h in hits}
    table = cli("search", "settled", "--db", db).stdout
    assert COPPERLINE_ACC in table and "COPPERLINE TOOL CO" in table and "samples/" not in table


def test_show_takes_the_path_that_was_ingested(tmp_path):
    url = f"sqlite:///{tmp_path / 'p.db'}"
    assert cli("ingest", COPPERLINE, "--db", url).exit_code == 0
    for given in (str(COPPERLINE), os.path.relpath(COPPERLINE)):
        r = cli("show", given, "--db", url)
        assert r.exit_code == 0 and COPPERLINE_ACC in r.stdout, (given, r.output)
    r = cli("show", "no/such/file.txt", "--db", url)
    assert r.exit_code == 1 and "nor the path of a file that was ingested" in r.output


@pytest.mark.parametrize("name", ["acme_0000950157-18-001155.htm", "0000950157-18-001155.txt",
                                  "0000950157-18-001155/primary.txt", "000095015718001155/d1.txt"])
def test_a_lone_document_named_by_its_accession_number_gets_it_as_inferred(tmp_path, name):
    assert accession_from_name(name) == "0000950157-18-001155"
    path = tmp_path / "in" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(SETTLEMENT)
    url = f"sqlite:///{tmp_path / 'l.db'}"
    assert cli("ingest", tmp_path / "in", "--db", url).exit_code == 0
    with open_store(url) as s:
        assert s.rows("SELECT accession_number, accession_source FROM filings") == [("0000950157-18-001155", "path")]
        got = s.get("0000950157-18-001155")
        assert got.accession_number == "0000950157-18-001155" and got.sources["accession_number"] == "path"
    r = cli("show", "0000950157-18-001155", "--db", url)
    assert r.exit_code == 0 and "inferred from the file's name" in r.stdout


def test_no_accession_number_from_a_name_that_holds_none():
    assert accession_from_name("samples/2002-bluegill-lone-document.txt") is None
    assert accession_from_name("x/10000950157-18-0011551.txt") is None
    assert accession_from_name("123456789012345678.txt") is None  # 18 digits: only as a folder name


@pytest.mark.parametrize("submission_first", [True, False])
def test_a_submission_and_its_own_primary_document_are_one_filing(tmp_path, submission_first):
    lone = tmp_path / f"{COPPERLINE_ACC}.txt"
    lone.write_text(_primary_text(COPPERLINE), encoding="latin-1")
    url = f"sqlite:///{tmp_path / 'one.db'}"
    order = [COPPERLINE, lone] if submission_first else [lone, COPPERLINE]
    for p in order:
        r = cli("ingest", p, "--db", url)
        assert r.exit_code == 0, r.output
    with open_store(url) as s:
        assert s.stats()["filings"] == 1
        assert s.search("", Filters()).total == 1
        sub_id = s.resolve(COPPERLINE_ACC)
        assert s.get(sub_id).source.container == "submission"  # the submission wins
        copy_id = s.resolve(str(lone))
        assert copy_id != sub_id and s.filing_row(copy_id)["superseded_by"] == sub_id  # the copy is linked to it
        statuses = dict(s.rows("SELECT path, status FROM ingest_log"))
        assert statuses[str(lone)] == ("copy" if submission_first else "stored")


# --- show ------------------------------------------------------------------------------------


def test_money_is_written_as_money():
    assert money(1500000, "USD") == "$1,500,000"
    assert money(4.2, "USD", "share") == "$4.20 per share"
    assert money(-2100000, "USD") == "-$2,100,000"
    assert money(0.001, "USD") == "$0.001"
    assert money(1000, "CHF") == "1,000 CHF"


def test_show_prints_each_event_in_words_and_facts_grouped_once(db):
    r = cli("show", COPPERLINE_ACC, "--db", db)
    assert r.exit_code == 0
    text = " ".join(r.stdout.split())
    assert ("legal settlement with Ridgeback Fastener Corporation — $2,250,000, approved 1998-03-10 by the "
            "United States District Court for the Eastern District of Wisconsin") in text
    facts = r.stdout.split("facts")[-1]
    assert facts.count("$2,250,000") == 1 and "2250000" not in facts
    with open_store(db) as s:
        f = s.get(COPPERLINE_ACC)
        kinds = [k for k, _ in facts_grouped(f.facts)]
        assert len(kinds) == len(set(kinds))
        for _kind, values in facts_grouped(f.facts):
            assert len(values) == len(set(values))
        assert "legal settlement" in report_text(f, s.filing_row(COPPERLINE_ACC))
        hit = s.search("", Filters(event="equity_financing")).results[0]
        sale = event_text(s.get(hit.handle).events[0])
        assert sale.startswith("equity financing — 1,500,000 shares of common stock at $4.20 per share "
                               "($6,300,000 in all), to Osprey Life Sciences Fund III, L.P.")


def test_event_amount_filter_uses_the_events_own_amount(db):
    # the Plover settlement is $500,000; the filing also names $5,000,000 of revenue
    r = cli("search", "", "--event", "legal_settlement", "--fact", "money", "--min", "1000000", "--db", db,
            "--format", "json")
    companies = [h["company"] for h in json.loads(r.stdout)["results"]]
    assert "PLOVER GLASSWORKS, INC." not in companies and "COPPERLINE TOOL CO" in companies
    r = cli("search", "", "--event", "legal_settlement", "--max", "600000", "--db", db, "--format", "json")
    assert [h["company"] for h in json.loads(r.stdout)["results"]] == ["PLOVER GLASSWORKS, INC."]
    r = cli("search", "", "--fact", "money", "--min", "1000000", "--db", db, "--format", "json")
    assert "PLOVER GLASSWORKS, INC." in [h["company"] for h in json.loads(r.stdout)["results"]]  # any fact
    # an event type without an amount of its own falls back on the filing's money facts
    r = cli("search", "", "--event", "earnings_release", "--min", "100000000", "--db", db, "--format", "json")
    assert json.loads(r.stdout)["total"] == 1
    help_text = " ".join(cli("search", "--help").stdout.split())
    assert "the event's own amount" in help_text and "--company" in help_text


def test_events_lists_types_and_attributes_and_unknown_kinds_are_errors(db):
    from eightk.extract.events import ITEM_TYPES, TYPE_MODERN_ITEM
    from eightk.store.vocabulary import EVENT_TYPES

    assert set(ITEM_TYPES.values()) | set(TYPE_MODERN_ITEM) == set(EVENT_TYPES)
    r = cli("events")
    assert r.exit_code == 0
    assert "legal_settlement" in r.stdout and "approval_date:" in r.stdout and "money" in r.stdout
    assert json.loads(cli("events", "--json").stdout)["events"]["equity_financing"]["attributes"]["gross_proceeds"]
    r = cli("search", "", "--event", "legal_setlement", "--db", db)
    assert r.exit_code == 1 and "did you mean legal_settlement" in r.output and "equity_financing" in r.output
    r = cli("search", "", "--fact", "dollars", "--db", db)
    assert r.exit_code == 1 and "unknown fact kind 'dollars'" in r.output and "money" in r.output
    assert len(r.output.strip().splitlines()) == 1


def test_upgrade_to_version_3_fills_event_amounts(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    s = open_store(url, migrate=False)
    try:
        assert s.migrate(upto=2) == 2
        s.ingest(str(COPPERLINE))
        assert s.count("filings") == 1
    finally:
        s.close()
    with open_store(url) as s:
        assert s.rows("SELECT type, amount FROM events WHERE type = 'legal_settlement'") == [
            ("legal_settlement", 2250000.0)]
        assert s.search("", Filters(event="legal_settlement", fact_min=2_000_000)).total == 1


# --- reading commands never create or damage anything ---------------------------------------


@pytest.mark.parametrize("args", [["search", "x"], ["show", COPPERLINE_ACC], ["stats"], ["timeline", "999001"],
                                  ["export", "--out", "OUT", "--format", "csv"]])
def test_reading_commands_on_a_missing_database_say_so_and_create_nothing(tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("EIGHTK_DB", raising=False)
    r = cli(*args)
    assert r.exit_code == 1
    assert "no database at eightk.db" in r.output and "run `eightk ingest` first" in r.output
    assert os.listdir(tmp_path) == []
    r = cli(*args, "--db", tmp_path / "typo.db")
    assert r.exit_code == 1 and "typo.db" in r.output and os.listdir(tmp_path) == []


def test_a_read_only_database_file_can_be_searched_and_is_not_changed(db):
    path = db.removeprefix("sqlite:///")
    os.chmod(path, 0o444)
    try:
        before = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        for args in (["search", "settled"], ["show", COPPERLINE_ACC], ["stats"], ["timeline", "999001"]):
            r = cli(*args, "--db", db)
            assert r.exit_code == 0, (args, r.output)
        assert hashlib.sha256(Path(path).read_bytes()).hexdigest() == before
    finally:
        os.chmod(path, 0o644)


def test_ingest_a_missing_path_is_an_error_and_creates_nothing(tmp_path):
    url = f"sqlite:///{tmp_path / 'n.db'}"
    r = cli("ingest", SAMPLES, tmp_path / "nope", "--db", url)
    assert r.exit_code == 1 and "no such file or folder" in r.output and "nope" in r.output
    assert not (tmp_path / "n.db").exists()


def test_not_8ks_are_skipped_and_counted_failures_listed_and_exit_1(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "annual.txt").write_text(TEN_K)
    (folder / "ex991.htm").write_text(LONE_EXHIBIT)
    (folder / "plover.txt").write_text(SETTLEMENT)
    (folder / "logo.jpg").write_bytes(b"\xff\xd8\xff")
    url = f"sqlite:///{tmp_path / 's.db'}"
    r = cli("ingest", folder, "--db", url, "--json")
    assert r.exit_code == 0, r.output  # skipping what is not an 8-K is not a failure
    summary = json.loads(r.stdout.splitlines()[0])
    assert summary["stored"] == 1 and summary["not_8k"] == 2 and summary["errors"] == 0 and summary["ignored"] == 1
    assert "2 skipped (not an 8-K)" in r.output and "1 other files in folders passed over" in r.output
    assert "annual.txt: skipped (not an 8-K): a Form 10-K filing" in " ".join(r.output.split())
    with open_store(url) as s:
        assert dict(s.stats()["ingest"]) == {"skipped": 2, "stored": 1}
        assert s.stats()["errors"] == []
    (folder / "empty.txt").write_text("")
    r = cli("ingest", folder, "--db", url)
    assert r.exit_code == 1 and "1 input(s) failed" in r.output and "empty.txt: the file is empty" in r.output


# --- no tracebacks ---------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["parse", str(COPPERLINE)], ["schema"]])
def test_output_to_a_missing_folder_or_a_folder_is_one_line(tmp_path, command):
    for target, cause in ((tmp_path / "missing" / "out.json", "does not exist"), (tmp_path, "it is a folder")):
        r = cli(*command, "-o", target)
        assert r.exit_code == 1 and "Traceback" not in r.output
        assert str(target) in r.output and cause in r.output
        assert len(r.output.strip().splitlines()) == 1
    assert not (tmp_path / "missing").exists()


# --- make demo -------------------------------------------------------------------------------


@pytest.mark.slow
def test_demo_prints_what_to_run_next_with_a_handle_that_works(tmp_path):
    env = {**os.environ, "EIGHTK_DEMO_DB": str(tmp_path / "demo.db"), "EIGHTK_BIN": str(Path(sys.executable).parent)}
    r = subprocess.run(["bash", str(ROOT / "scripts" / "demo.sh")], capture_output=True, text=True, env=env,
                       timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    assert ". .venv/bin/activate" in r.stdout
    m = re.search(r"^\s*eightk show (\S+)", r.stdout, re.M)
    assert m, r.stdout[-1500:]
    shown = cli("show", m.group(1), "--db", tmp_path / "demo.db")
    assert shown.exit_code == 0 and "legal settlement" in shown.stdout
    assert not (ROOT / "demo.db").exists()


def test_the_readme_command_line_examples_work_in_a_clone(tmp_path, monkeypatch):
    """Each `eightk ...` line of the README's command-line block, in order, in a folder holding
    only samples/ (no ../shared)."""
    import shlex
    import shutil

    readme = (ROOT / "README.md").read_text()
    block = readme.split("## Command line", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    lines = [ln.split("  #")[0].strip() for ln in block.splitlines()]
    commands = [shlex.split(ln)[1:] for ln in lines if ln.startswith("eightk ")]
    assert len(commands) >= 10
    shutil.copytree(SAMPLES, tmp_path / "samples")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("EIGHTK_DB", raising=False)
    for args in commands:
        r = cli(*args)
        assert r.exit_code == 0, (args, r.output[-1000:])
        if args[0] == "search":
            assert "0 filing(s)" not in r.stdout and '"total": 0' not in r.stdout, args


@pytest.mark.postgres
def test_reading_a_postgres_schema_that_does_not_exist_creates_nothing(tmp_path):
    from tests.test_store_backends import drop, new_url

    url = new_url("postgres", tmp_path)
    schema = url.rsplit("schema=", 1)[1]
    r = cli("search", "x", "--db", url)
    assert r.exit_code == 1 and "no eightk database" in r.output and "run `eightk ingest` first" in r.output
    with open_store(url.split("?")[0], migrate=False) as s:
        assert s.one("SELECT count(*) FROM pg_namespace WHERE nspname = ?", (schema,)) == (0,)
    try:
        assert cli("ingest", COPPERLINE, "--db", url).exit_code == 0
        with open_store(url, readonly=True) as s:
            assert s.search("settled").total == 1
            with pytest.raises(StoreError, match="may only read"):
                s.ingest(str(SAMPLES / "2001-harborview-feed.nc"))
    finally:
        drop(url)


def test_parse_reports_a_file_that_is_not_an_8k_in_one_line_and_counts_it(tmp_path):
    (tmp_path / "annual.txt").write_text(TEN_K)
    (tmp_path / "plover.txt").write_text(SETTLEMENT)
    r = cli("parse", tmp_path)
    assert r.exit_code == 1 and len(r.stdout.splitlines()) == 1
    assert "annual.txt: a Form 10-K filing, not an 8-K" in " ".join(r.stderr.split())
    assert "1 file(s) failed (1 not an 8-K), 1 parsed" in r.stderr

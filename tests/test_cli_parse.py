"""`eightk parse` and `eightk schema` as a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from eightk.interfaces.cli import app

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
runner = CliRunner()


def _lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_parse_samples_prints_json_lines():
    result = runner.invoke(app, ["parse", str(SAMPLES)])
    assert result.exit_code == 0, result.output
    filings = _lines(result.stdout)
    assert len(filings) == len([p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".nc")])
    by_name = {Path(f["source"]["path"]).name: f for f in filings}
    legacy = by_name["1998-copperline-legacy-submission.txt"]
    assert legacy["accession_number"] == "0000999001-98-000012"
    assert legacy["header"]["items"] == ["5", "7"]
    assert legacy["date_of_report"] == "1998-03-11"
    feed = by_name["2001-harborview-feed.nc"]
    assert feed["source"]["container"] == "feed"
    modern = by_name["2023-northwind-ixbrl-submission.txt"]
    assert [d["format"] for d in modern["documents"]] == ["ixbrl", "html", "uuencoded"]
    for f in filings:  # lists later work fills are present, never absent
        for key in ("registrants", "items", "exhibits", "signatures", "facts", "events", "anomalies"):
            assert isinstance(f[key], list)


def test_output_validates_against_the_exported_schema(tmp_path):
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["properties"]["schema_version"]
    out = tmp_path / "out.jsonl"
    assert runner.invoke(app, ["parse", str(SAMPLES), "-o", str(out)]).exit_code == 0
    for filing in _lines(out.read_text()):
        jsonschema.validate(filing, schema)


def test_pretty_output_is_indented():
    result = runner.invoke(app, ["parse", "--pretty", str(SAMPLES / "2001-harborview-feed.nc")])
    assert result.exit_code == 0
    assert result.stdout.startswith("{\n  ")
    assert json.loads(result.stdout)["form_type"] == "8-K"


def test_bad_files_get_one_clear_line_and_the_rest_is_processed(tmp_path):
    (tmp_path / "a-empty.txt").write_bytes(b"")
    (tmp_path / "b-binary.txt").write_bytes(bytes(range(256)) * 100)
    (tmp_path / "c-good.nc").write_bytes((SAMPLES / "2001-harborview-feed.nc").read_bytes())
    result = subprocess.run(
        [sys.executable, "-m", "eightk", "parse", str(tmp_path), str(tmp_path / "nope.txt")],
        capture_output=True, text=True, env={**os.environ, "COLUMNS": "200"},
    )
    assert result.returncode == 1
    assert len(_lines(result.stdout)) == 1
    err = result.stderr
    assert "a-empty.txt: the file is empty" in err
    assert "b-binary.txt: the file is binary data" in err
    assert "nope.txt: no such file or folder" in err
    assert "Traceback" not in err


@pytest.mark.slow
def test_200mb_of_junk_is_streamed_in_bounded_memory(tmp_path):
    """A huge file is memory-mapped: random junk is refused from its first bytes, junk text
    is split without being copied; neither holds the file in the Python heap."""
    junk = tmp_path / "junk.bin"
    with junk.open("wb") as f:
        f.write(os.urandom(1 << 20) * 200)
    text = tmp_path / "junk.txt"
    with text.open("wb") as f:
        f.write((b"lorem ipsum dolor sit amet " * 40 + b"\n") * 190_000)
    code = (
        "import sys, tracemalloc\n"
        "from eightk.sources import read_file\n"
        "from eightk.core import parse\n"
        "from eightk.errors import InputError\n"
        "tracemalloc.start()\n"
        "item = read_file(sys.argv[1])\n"
        "try:\n"
        "    parse(item.data, path=sys.argv[1]); print('parsed')\n"
        "except InputError as e:\n"
        "    print('error:', e)\n"
        "print('peak', tracemalloc.get_traced_memory()[1])\n"
    )
    # junk text too large to read as prose is split without being copied (and not judged)
    for path, expect in ((junk, "error: the file is binary"), (text, "parsed")):
        out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=120)
        assert out.returncode == 0, out.stderr
        assert expect in out.stdout
        peak = int(out.stdout.split("peak")[1])
        assert peak < 64 << 20, f"{path.name}: peak Python heap {peak} bytes"

"""bench_parse_html's comparison with another tool (edgartools when it is installed elsewhere):
both sides parse the same files from memory, alternating timed passes. Checked here with a fake
tool, so neither edgartools nor the corpus is needed."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

FAKE_TOOL = r'''
import builtins, io, os
assert sys.argv[1:] == [], f"given arguments (paths?): {sys.argv[1:]}"
_opens = []
_real_open = builtins.open

def _counting_open(file, *args, **kwargs):
    _opens.append(str(file))
    return _real_open(file, *args, **kwargs)

builtins.open = io.open = _counting_open

def parse_one(text):
    assert isinstance(text, str), type(text)
    assert "\n" in text and "<" in text, "given something other than a filing's text"
    assert not os.path.exists(text.splitlines()[0][:200]), "given a path"
    sum(i * i for i in range(20_000))  # some work to time
    return ["Item 9.01", f"opens={len(_opens)}"]
'''


def _bench_module(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    spec = importlib.util.spec_from_file_location("bench_parse_html_t", ROOT / "bench" / "bench_parse_html.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_both_sides_parse_from_memory_and_alternate(tmp_path, monkeypatch):
    mod = _bench_module(monkeypatch)
    samples = sorted((ROOT / "samples").glob("*submission.txt"))
    assert samples
    # names of files that do not exist: a side that read from disk instead of memory would fail
    files = [(str(tmp_path / "absent" / p.name), p.read_bytes()) for p in samples]
    assert not any(Path(n).exists() for n, _ in files)

    cmp = mod.compare_tool(files, sys.executable, FAKE_TOOL, rounds=3)

    assert len(cmp.ours_cpu) == len(cmp.theirs_cpu) == len(cmp.ours_wall) == len(cmp.theirs_wall) == 3
    assert all(t > 0 for t in cmp.ours_cpu + cmp.theirs_cpu)
    assert set(cmp.theirs_items) == {n for n, _ in files}
    # the other tool opened no file while parsing (its imports do not go through open())
    assert all(items == ["Item 9.01", "opens=0"] for items in cmp.theirs_items.values())
    assert cmp.ratio > 0


def test_a_failing_tool_is_reported_not_raised(tmp_path, monkeypatch, capsys):
    mod = _bench_module(monkeypatch)
    sample = sorted((ROOT / "samples").glob("*submission.txt"))[0]
    files = [(sample.name, sample.read_bytes())]
    monkeypatch.setattr(mod, "_EDGARTOOLS", "raise ImportError('no module named edgar')\n")
    mod.compare_edgartools(files, sys.executable, rounds=1)
    out = capsys.readouterr().out
    assert "edgartools comparison failed" in out and "no module named edgar" in out


FAKE_BYTES_TOOL = r'''
def parse_one(data):
    assert isinstance(data, bytes), type(data)
    return [str(len(data))]
'''


def test_bytes_to_the_other_tool_and_our_own_side(tmp_path, monkeypatch):
    # the container comparison (bench_containers, against secsgml): the other tool is given
    # the bytes, and our side is whatever the caller times
    mod = _bench_module(monkeypatch)
    samples = sorted((ROOT / "samples").glob("*submission.txt"))
    files = [(p.name, p.read_bytes()) for p in samples]
    ran = []

    def ours():
        ran.append(len(files))

    cmp = mod.compare_tool(files, sys.executable, FAKE_BYTES_TOOL, rounds=2, ours=ours, as_bytes=True)
    assert len(ran) == 3  # the untimed pass, then one per round
    assert cmp.theirs_items == {n: [str(len(d))] for n, d in files}

"""`make bench` (bench/run.py): every bench_*.py present is run, and a missed goal makes it fail."""

from __future__ import annotations

import importlib.util
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench"


def _runner():
    spec = importlib.util.spec_from_file_location("bench_runner", BENCH / "run.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _bench(tmp_path: Path, name: str, body: str) -> None:
    (tmp_path / f"bench_{name}.py").write_text(f"def run():\n{body}\n")


def test_exit_status_follows_the_goals(tmp_path, monkeypatch, capsys):
    runner = _runner()
    monkeypatch.setattr(runner, "HERE", tmp_path)
    _bench(tmp_path, "quiet", "    print('figures only')")  # states no goal
    _bench(tmp_path, "met", "    return []")
    assert runner.main([]) == 0
    _bench(tmp_path, "slow", "    return ['8 MB: 12.0 s CPU (goal < 10 s)']")
    _bench(tmp_path, "status", "    return 1")
    _bench(tmp_path, "broken", "    raise RuntimeError('boom')")
    assert runner.main([]) == 1
    out = capsys.readouterr().out
    assert "slow: 8 MB: 12.0 s CPU (goal < 10 s)" in out and "status: exit status 1" in out
    assert "broken: failed: RuntimeError: boom" in out and "=== quiet ===" in out
    assert runner.main(["met", "quiet"]) == 0  # only the ones asked for


def test_check_prints_the_figure_beside_its_goal(capsys, monkeypatch):
    monkeypatch.syspath_prepend(str(BENCH))
    from common import check

    assert check("ratio", 1.5, 2.0, "x") == []
    assert check("rate", 117, 167, at_least=True) == ["rate: 117.00 (goal >= 167) MISSED"]
    assert "ratio: 1.50x (goal <= 2x) met" in capsys.readouterr().out

"""bench_write times Store.write alone, every input written once per round into a new store;
checked on the samples with SQLite (no corpus, no PostgreSQL)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_each_round_writes_every_sample_into_a_new_store(monkeypatch, capsys):
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    monkeypatch.setenv("EIGHTK_BENCH_CORPUS", str(ROOT / "samples"))
    monkeypatch.setenv("EIGHTK_BENCH_PG", "none")
    monkeypatch.setenv("EIGHTK_BENCH_ROUNDS", "2")
    spec = importlib.util.spec_from_file_location("bench_write_t", ROOT / "bench" / "bench_write.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert mod.run() == []
    lines = [ln for ln in capsys.readouterr().out.splitlines() if "round" in ln and "sqlite" in ln]
    n = len(list((ROOT / "samples").iterdir()))
    assert len(lines) == 2 and all(f": {n} filings," in ln for ln in lines), lines

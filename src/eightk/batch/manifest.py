"""The manifest: ``DATASET/_manifest/<chunk>.json``, one small file per finished chunk.

A chunk's manifest is written (atomically: a temporary name, then a rename) only after every
Parquet file of the chunk is in place, so its presence means the chunk is complete. It lists the
content hashes (sha256) of the filings the chunk wrote: a rerun skips finished chunks and never
writes those filings again, whatever chunk they turn up in.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

FOLDER = "_manifest"


@dataclass
class Finished:
    """What one chunk wrote."""

    chunk: str
    inputs: list[str]
    filings: int = 0
    errors: int = 0
    not_8k: int = 0
    #: inputs whose bytes were already written (by an earlier chunk or this one): (input, sha256)
    duplicates: list[list[str]] = field(default_factory=list)
    bytes: int = 0
    seconds: float = 0.0
    #: with the ``_store`` table (what ``--db`` loads)
    store: bool = False
    sha256: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def folder(out: str | os.PathLike[str]) -> Path:
    return Path(out) / FOLDER


def write_atomic(path: Path, data: bytes) -> None:
    """``data`` at ``path``, all of it or nothing: written under a hidden temporary name, then renamed."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def record(out: str | os.PathLike[str], done: Finished) -> None:
    d = folder(out)
    d.mkdir(parents=True, exist_ok=True)
    write_atomic(d / f"{done.chunk}.json", json.dumps(asdict(done)).encode("utf-8"))


def finished(out: str | os.PathLike[str]) -> dict[str, Finished]:
    """Every finished chunk of the dataset at ``out``, by chunk id."""
    d = folder(out)
    if not d.is_dir():
        return {}
    found: dict[str, Finished] = {}
    for p in sorted(d.glob("*.json")):
        try:
            found[p.stem] = Finished(**json.loads(p.read_bytes()))
        except (ValueError, TypeError):
            continue  # not ours, or damaged: the chunk is not finished and runs again
    return found


__all__ = ["FOLDER", "Finished", "finished", "folder", "record", "write_atomic"]

"""Planning: the inputs of a batch cut into chunks, the unit of work a Dask worker runs.

A chunk is one archive (a daily feed tarball ``YYYYMMDD.nc.tar.gz``, a ``.zip``...), one URL, or
up to ``files_per_chunk`` plain files. Files are listed by the folder walk's own rule
(:func:`eightk.sources.iter_files`), without being read. A chunk's id is a hash of what it reads
(absolute path, size and modification time of each file; the URL): the same inputs give the
same ids, so a rerun finds its finished chunks in the manifest; a changed file makes a new chunk.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

#: Plain files per chunk: enough to amortise a task's overhead, few enough to balance a cluster.
FILES_PER_CHUNK = 200


@dataclass(frozen=True)
class Chunk:
    """What one task reads: local paths (files, archives) or one URL."""

    id: str
    inputs: tuple[str, ...]
    #: 'files' | 'archive' | 'url'
    kind: str
    #: bytes on disk (0 for a URL: unknown before it is fetched)
    size: int = 0


def is_url(s: str) -> bool:
    return s.startswith(("http://", "https://"))


def _stamp(path: str) -> tuple[str, int, int]:
    try:
        st = os.stat(path)
        return os.path.abspath(path), st.st_size, st.st_mtime_ns
    except OSError:
        return os.path.abspath(path), -1, 0  # read (and reported) by the worker


def _chunk(kind: str, inputs: list[str]) -> Chunk:
    if kind == "url":
        stamps: list[tuple[str, int, int]] = [(inputs[0], 0, 0)]
    else:
        stamps = [_stamp(p) for p in inputs]
    digest = hashlib.sha256(repr((kind, stamps)).encode("utf-8", "surrogateescape")).hexdigest()[:20]
    return Chunk(digest, tuple(inputs), kind, sum(max(s, 0) for _, s, _ in stamps))


def plan(paths: Iterable[str], files_per_chunk: int = FILES_PER_CHUNK) -> list[Chunk]:
    """The chunks for ``paths`` (files, folders, archives, URLs), in a stable order."""
    from eightk.sources import iter_files
    from eightk.sources.base import is_archive

    chunks: list[Chunk] = []
    group: list[str] = []
    for path in _expand(paths, iter_files):
        if is_url(path):
            chunks.append(_chunk("url", [path]))
        elif is_archive(path):
            chunks.append(_chunk("archive", [path]))
        else:
            group.append(path)
            if len(group) >= files_per_chunk:
                chunks.append(_chunk("files", group))
                group = []
    if group:
        chunks.append(_chunk("files", group))
    return chunks


def _expand(paths: Iterable[str], iter_files) -> Iterator[str]:
    for p in paths:
        yield from ([p] if is_url(p) else iter_files([p]))


__all__ = ["FILES_PER_CHUNK", "Chunk", "is_url", "plan"]

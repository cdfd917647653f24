"""Where filings come from: files, folders and archives, read as a stream.

This is the I/O edge in front of the pure core. :func:`iter_inputs` walks paths and
yields one :class:`Input` per filing file: plain files, folders (recursively, sorted),
``.tar``/``.tar.gz``/``.tgz`` (EDGAR's daily ``YYYYMMDD.nc.tar.gz`` feed), ``.zip`` and
``.gz``, nested. Archive members are read in memory, never extracted to disk, so a member
path such as ``../../etc/passwd`` is only a name.

Everything is bounded by :class:`Limits`: only regular files are read (a FIFO or a link to
``/dev/zero`` is refused without reading), one file or member is at most 1 GiB, and an
archive's expansion is checked while it streams, against its compressed size (200:1 once
past 16 MiB) and in total (64 GiB), so a bomb is refused before memory grows. Names are
given once, here, in a printable UTF-8 form (:func:`display_name`). A problem is an
``Input`` with an ``error`` naming what is wrong; it never stops the other inputs.
"""

from __future__ import annotations

import mmap
import os
import stat
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from eightk.errors import InputError
from eightk.sources.base import (
    DEFAULT_LIMITS,
    Budget,
    CountingFile,
    Input,
    Limits,
    display_name,
    is_archive,
    is_filing,
    size_text,
)

#: Files at least this large are memory-mapped instead of read.
MMAP_FROM = 64 << 20

_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def _check_regular(mode: int) -> None:
    if not stat.S_ISREG(mode):
        kind = next((k for test, k in _KINDS if test(mode)), "a special file")
        raise InputError(f"not a regular file ({kind}); not read")


def _open_regular(path: str):
    """``(file, size)`` for a regular file; a folder, pipe or device (even behind a symlink)
    is refused (InputError) before it is opened, and checked again once open."""
    _check_regular(os.stat(path).st_mode)
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        st = os.fstat(fd)
        _check_regular(st.st_mode)
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    # from here the file object owns the descriptor and closes it: closing it here too, when a
    # Ctrl-C arrived just after fdopen, closed it twice; the second close's "Bad file
    # descriptor" replaced the KeyboardInterrupt, and the file was logged as unreadable
    return os.fdopen(fd, "rb"), st.st_size


def read_file(path: str, limits: Limits = DEFAULT_LIMITS, name: str | None = None) -> Input:
    """Read one regular file (memory-mapped when large), at most ``limits.max_file_bytes``."""
    name = name or display_name(path)
    try:
        f, size = _open_regular(path)
    except InputError as e:
        return Input(name, error=str(e))
    except OSError as e:
        return Input(name, error=e.strerror or str(e))
    too_big = f"larger than {size_text(limits.max_file_bytes)} (the limit for one file); not read"
    with f:
        if size > limits.max_file_bytes:
            return Input(name, error=too_big)
        if size >= MMAP_FROM:
            return Input(name, data=mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ))
        data = f.read(limits.max_file_bytes + 1)  # a file may grow while it is read
    if len(data) > limits.max_file_bytes:
        return Input(name, error=too_big)
    return Input(name, data=data)


def _iter_path(path: str, limits: Limits) -> Iterator[Input]:
    name = display_name(path)
    if not is_archive(path):
        yield read_file(path, limits, name)
        return
    try:
        f, _size = _open_regular(path)
    except InputError as e:
        yield Input(name, error=str(e))
        return
    except OSError as e:
        yield Input(name, error=e.strerror or str(e))
        return
    # imported here, for archives only: its readers (tarfile...) cost ~5 ms of every start
    from eightk.sources.archives import iter_archive

    budget = Budget(limits)
    with f:
        try:
            yield from iter_archive(name, CountingFile(f, budget), budget, 1)
        except Exception as e:  # a reader bug: name the input, keep going with the others
            yield Input(name, error=f"cannot read the archive ({type(e).__name__}: {e})")


def _wanted(filename: str) -> bool:
    """The folder walk's rule for a file: it is read when its name says filing or archive."""
    return is_filing(filename) or is_archive(filename)


def _iter_folder(root: str, limits: Limits) -> Iterator[Input]:
    errors: list[OSError] = []
    for folder, dirs, files in os.walk(root, onerror=errors.append):
        while errors:
            e = errors.pop(0)
            yield Input(display_name(e.filename or folder), error=e.strerror or str(e))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for fn in sorted(files):
            if _wanted(fn):
                yield from _iter_path(os.path.join(folder, fn), limits)
    for e in errors:
        yield Input(display_name(e.filename or root), error=e.strerror or str(e))


def iter_inputs(paths: Iterable[str | os.PathLike[str]], limits: Limits = DEFAULT_LIMITS) -> Iterator[Input]:
    """Yield every filing under ``paths`` (files, folders, archives), in a stable order.

    A path named explicitly is always read, whatever its suffix; inside folders only
    files that look like filings or archives are.
    """
    for p in paths:
        p = os.fspath(p)
        if os.path.isdir(p):
            yield from _iter_folder(p, limits)
        elif not os.path.exists(p):
            yield Input(display_name(p), error="no such file or folder")
        else:
            yield from _iter_path(p, limits)


def iter_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[str]:
    """The files :func:`iter_inputs` opens for ``paths``, by the same folder rule, without reading
    them (a path named explicitly is listed as given, even when it does not exist): for planning
    work over them, e.g. ``eightk batch``; ``iter_inputs([file])`` then reads each one."""
    for p in paths:
        p = os.fspath(p)
        if not os.path.isdir(p):
            yield p
            continue
        for folder, dirs, files in os.walk(p):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            yield from (os.path.join(folder, fn) for fn in sorted(files) if _wanted(fn))


class Survey(NamedTuple):
    read: int  # files (not archive members) iter_inputs opens
    passed_over: int  # files a folder walk does not read (not filings or archives by name, or hidden)


def survey(paths: Iterable[str | os.PathLike[str]]) -> Survey:
    """What :func:`iter_inputs` will do with ``paths``, by the same folder rule, without
    reading a file: for progress bars and an ingest's summary."""
    read = passed = 0
    for p in paths:
        p = os.fspath(p)
        if not os.path.isdir(p):
            read += 1
            continue
        for folder, dirs, files in os.walk(p):
            hidden = [d for d in dirs if d.startswith(".")]
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            wanted = sum(1 for fn in files if _wanted(fn))
            read += wanted
            passed += len(files) - wanted
            passed += sum(len(f) for d in hidden for _r, _d, f in os.walk(os.path.join(folder, d)))
    return Survey(read, passed)


def count_inputs(paths: Iterable[str | os.PathLike[str]]) -> int:
    """How many files (not archive members) :func:`iter_inputs` will open: for progress bars."""
    return survey(paths).read


__all__ = [
    "DEFAULT_LIMITS", "Input", "Limits", "Survey", "count_inputs", "display_name", "iter_files", "iter_inputs", "read_file",
    "survey",
]

"""Where filings come from: files, folders and archives, read as a stream.

This is the I/O edge in front of the pure core. :func:`iter_inputs` walks paths and
yields one :class:`Input` per filing file: plain files, folders (recursively, sorted),
``.tar``/``.tar.gz``/``.tgz`` (EDGAR's daily ``YYYYMMDD.nc.tar.gz`` feed), ``.zip`` and
``.gz``. Archive members are read in memory, never extracted to disk, so a member path
such as ``../../etc/passwd`` is only a name. Decompression is capped per member and by
ratio, so a zip or gzip bomb is refused with an error instead of filling memory.
"""

from __future__ import annotations

import gzip
import mmap
import os
import tarfile
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from eightk.errors import ArchiveError

#: Largest file or member read (bytes). Real 8-K submissions reach a few hundred MB.
MAX_MEMBER_BYTES = 1 << 30
#: Largest compression ratio accepted for a member larger than 16 MiB (bombs reach 1000:1).
MAX_RATIO = 200
#: Files at least this large are memory-mapped instead of read.
MMAP_FROM = 64 << 20

FILING_SUFFIXES = (".txt", ".nc", ".htm", ".html", ".xml", ".sgml", ".pds", ".dissem")
ARCHIVE_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".zip", ".gz")


@dataclass
class Input:
    """One filing file: its display name and bytes, or the error that kept it from being read."""

    name: str
    data: bytes | mmap.mmap | None = None
    error: str | None = None

    def close(self) -> None:
        if isinstance(self.data, mmap.mmap):
            self.data.close()
        self.data = None


def _is_archive(name: str) -> bool:
    low = name.lower()
    return low.endswith(ARCHIVE_SUFFIXES)


def _is_filing(name: str) -> bool:
    low = name.lower()
    base = low.rsplit("/", 1)[-1]
    if base.startswith(".") or base.endswith(("index.htm", "index.html", "-index-headers.html")):
        return False
    return low.endswith(FILING_SUFFIXES)


def _read_capped(stream, name: str, *, compressed_size: int | None = None) -> bytes:
    """Read a decompressing stream, refusing more than MAX_MEMBER_BYTES or a bomb's ratio."""
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = stream.read(1 << 20)
        if not chunk:
            break
        total += len(chunk)
        if total > MAX_MEMBER_BYTES:
            raise ArchiveError(f"{name}: larger than {MAX_MEMBER_BYTES >> 20} MiB uncompressed; refused")
        if compressed_size and total > (16 << 20) and total > compressed_size * MAX_RATIO:
            raise ArchiveError(
                f"{name}: decompresses more than {MAX_RATIO} times its size (a zip bomb?); refused"
            )
        chunks.append(chunk)
    return b"".join(chunks)


def _safe_member_name(name: str) -> str:
    """A member's name for display only: absolute or parent-relative parts are kept visible
    but can never be used as a path (nothing is written to disk)."""
    return name.replace("\\", "/")


def _iter_tar(path: str, fileobj=None) -> Iterator[Input]:
    try:
        tf = tarfile.open(name=None if fileobj else path, fileobj=fileobj, mode="r|*")  # noqa: SIM115 (closed in finally)
    except (tarfile.TarError, OSError, EOFError) as e:
        yield Input(path, error=f"cannot open tar archive: {e}")
        return
    try:
        for member in tf:
            mname = f"{path}!{_safe_member_name(member.name)}"
            if not member.isfile():
                continue
            if not (_is_filing(member.name) or _is_archive(member.name)):
                continue
            if member.size > MAX_MEMBER_BYTES:
                yield Input(mname, error=f"member larger than {MAX_MEMBER_BYTES >> 20} MiB; refused")
                continue
            f = tf.extractfile(member)
            if f is None:
                continue
            try:
                data = _read_capped(f, mname)
            except ArchiveError as e:
                yield Input(mname, error=str(e))
                continue
            yield from _expand(mname, data)
    except (tarfile.TarError, OSError, EOFError, zlib.error) as e:
        yield Input(path, error=f"tar archive is corrupt or truncated: {e}")
    finally:
        tf.close()


def _iter_zip(path: str, source) -> Iterator[Input]:
    try:
        zf = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError) as e:
        yield Input(path, error=f"cannot open zip archive: {e}")
        return
    with zf:
        for info in zf.infolist():
            if info.is_dir():
                continue
            mname = f"{path}!{_safe_member_name(info.filename)}"
            if not (_is_filing(info.filename) or _is_archive(info.filename)):
                continue
            if info.file_size > MAX_MEMBER_BYTES:
                yield Input(mname, error=f"member declares {info.file_size} bytes uncompressed; refused")
                continue
            try:
                with zf.open(info) as f:
                    data = _read_capped(f, mname, compressed_size=max(info.compress_size, 1))
            except ArchiveError as e:
                yield Input(mname, error=str(e))
                continue
            except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, zlib.error) as e:
                yield Input(mname, error=f"cannot read zip member: {e}")
                continue
            yield from _expand(mname, data)


def _iter_gz(path: str, source, compressed_size: int | None) -> Iterator[Input]:
    inner = path[:-3]
    try:
        with gzip.GzipFile(fileobj=source) as g:
            data = _read_capped(g, path, compressed_size=compressed_size)
    except ArchiveError as e:
        yield Input(path, error=str(e))
        return
    except (OSError, EOFError, zlib.error) as e:
        yield Input(path, error=f"gzip data is corrupt or truncated: {e}")
        return
    if inner.lower().endswith((".tar",)):
        import io

        yield from _iter_tar(path, fileobj=io.BytesIO(data))
    else:
        yield Input(path, data=data)


def _expand(name: str, data: bytes) -> Iterator[Input]:
    """A member that is itself an archive is opened in memory; a filing is yielded."""
    import io

    low = name.lower()
    if low.endswith((".tar.gz", ".tgz", ".tar")):
        yield from _iter_tar(name, fileobj=io.BytesIO(data))
    elif low.endswith(".zip"):
        yield from _iter_zip(name, io.BytesIO(data))
    elif low.endswith(".gz"):
        yield from _iter_gz(name, io.BytesIO(data), len(data))
    else:
        yield Input(name, data=data)


def read_file(path: str) -> Input:
    """Read one plain file (memory-mapped when large)."""
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as f:
            if size >= MMAP_FROM:
                return Input(path, data=mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ))
            return Input(path, data=f.read())
    except IsADirectoryError:
        return Input(path, error="is a directory")
    except OSError as e:
        return Input(path, error=e.strerror or str(e))


def _iter_path(path: str) -> Iterator[Input]:
    low = path.lower()
    if low.endswith((".tar.gz", ".tgz", ".tar")):
        yield from _iter_tar(path)
    elif low.endswith(".zip"):
        yield from _iter_zip(path, path)
    elif low.endswith(".gz"):
        try:
            with open(path, "rb") as f:
                yield from _iter_gz(path, f, os.path.getsize(path))
        except OSError as e:
            yield Input(path, error=e.strerror or str(e))
    else:
        yield read_file(path)


def iter_inputs(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Input]:
    """Yield every filing under ``paths`` (files, folders, archives), in a stable order.

    A path named explicitly is always read, whatever its suffix; inside folders only
    files that look like filings or archives are.
    """
    for p in paths:
        p = os.fspath(p)
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for fn in sorted(files):
                    full = os.path.join(root, fn)
                    if _is_filing(fn) or _is_archive(fn):
                        yield from _iter_path(full)
        elif not os.path.exists(p):
            yield Input(p, error="no such file or folder")
        else:
            yield from _iter_path(p)


def count_inputs(paths: Iterable[str | os.PathLike[str]]) -> int:
    """How many files (not archive members) :func:`iter_inputs` will open: for progress bars."""
    n = 0
    for p in paths:
        p = os.fspath(p)
        if os.path.isdir(p):
            for _root, _dirs, files in os.walk(p):
                n += sum(1 for fn in files if _is_filing(fn) or _is_archive(fn))
        else:
            n += 1
    return n


__all__ = ["Input", "count_inputs", "iter_inputs", "read_file"]

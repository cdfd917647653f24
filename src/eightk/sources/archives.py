"""Archives read as a stream, in memory: tar (plain, gzip, bzip2, xz), zip and gzip, nested
up to ``Limits.max_depth``. Every byte a decompressor produces is spent from the input's
:class:`Budget` before it is kept, so a bomb is refused after at most ``ratio_floor`` bytes.

In a zip, a refused member is skipped and the others are read. In a compressed tar the
members are one stream: reaching the next member means decompressing the refused one, so
a refusal for the ratio or the total also ends the archive (the members before it are kept).
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import tarfile
import zipfile
import zlib
from collections.abc import Iterator

from eightk.errors import ArchiveError
from eightk.sources.base import (
    Budget,
    Input,
    SpendingStream,
    display_name,
    is_archive,
    is_filing,
    read_capped,
    size_text,
)

#: What a corrupt, truncated or unsupported archive raises from the standard library.
READ_ERRORS = (OSError, EOFError, zlib.error, lzma.LZMAError, tarfile.TarError, zipfile.BadZipFile,
               NotImplementedError, ValueError, RuntimeError)


def iter_archive(name: str, raw, budget: Budget, depth: int, kind: str | None = None) -> Iterator[Input]:
    """The filings in the archive ``raw`` (a seekable binary file), shown as ``name``;
    ``kind`` is the name whose suffix says what the archive is (``name`` by default)."""
    if depth > budget.limits.max_depth:
        yield Input(name, error=f"archives nested more than {budget.limits.max_depth} deep; refused")
        return
    low = (kind or name).lower()
    if low.endswith((".tar", ".tar.gz", ".tgz")):
        yield from _iter_tar(name, raw, budget, depth)
    elif low.endswith(".zip"):
        yield from _iter_zip(name, raw, budget, depth)
    elif low.endswith(".gz"):
        yield from _iter_gz(name, raw, budget, depth, (kind or name)[:-3])


def _expand(name: str, kind: str, data: bytes, budget: Budget, depth: int) -> Iterator[Input]:
    """A member that is itself an archive is opened in memory; a filing is yielded."""
    if is_archive(kind):
        yield from iter_archive(name, io.BytesIO(data), budget, depth + 1, kind)
    else:
        yield Input(name, data=data)


def _member_name(archive: str, member: str) -> str:
    """A member's name for display only: never used as a path (nothing is written to disk)."""
    return f"{archive}!{display_name(member.replace(chr(92), '/'))}"


def _decompressed(raw, budget: Budget) -> SpendingStream:
    """``raw`` decompressed according to its magic bytes (or as it is), spending from the budget."""
    head = raw.read(6)
    raw.seek(0)
    stream: io.BufferedIOBase
    if head.startswith(b"\x1f\x8b"):
        stream = gzip.GzipFile(fileobj=raw, mode="rb")
    elif head.startswith(b"BZh"):
        stream = bz2.BZ2File(raw)
    elif head.startswith(b"\xfd7zXZ\x00"):
        stream = lzma.LZMAFile(raw)  # noqa: SIM115 (closed with the tar stream's owner)
    else:
        stream = raw
    return SpendingStream(stream, budget)


def _iter_tar(name: str, raw, budget: Budget, depth: int) -> Iterator[Input]:
    limits = budget.limits
    try:
        tf = tarfile.open(fileobj=_decompressed(raw, budget), mode="r|")  # noqa: SIM115 (closed in finally)
    except ArchiveError as e:
        yield Input(name, error=str(e))
        return
    except READ_ERRORS as e:
        yield Input(name, error=f"cannot open tar archive: {e}")
        return
    try:
        for member in tf:
            if not member.isfile() or not (is_filing(member.name) or is_archive(member.name)):
                continue
            mname = _member_name(name, member.name)
            if member.size > limits.max_file_bytes:
                yield Input(mname, error=f"member larger than {size_text(limits.max_file_bytes)} (the limit for one file); refused")
                continue
            try:
                data = read_capped(tf.extractfile(member), limits)
            except ArchiveError as e:
                yield Input(mname, error=str(e))
                continue
            yield from _expand(mname, member.name, data, budget, depth)
    except ArchiveError as e:
        yield Input(name, error=f"{e}; the rest of the archive was not read")
    except READ_ERRORS as e:
        yield Input(name, error=f"tar archive is corrupt or truncated: {e}")
    finally:
        tf.close()


def _iter_zip(name: str, raw, budget: Budget, depth: int) -> Iterator[Input]:
    limits = budget.limits
    try:
        zf = zipfile.ZipFile(raw)
    except READ_ERRORS as e:
        yield Input(name, error=f"cannot open zip archive: {e}")
        return
    with zf:
        for info in zf.infolist():
            if info.is_dir() or not (is_filing(info.filename) or is_archive(info.filename)):
                continue
            mname = _member_name(name, info.filename)
            if info.flag_bits & 0x1:
                yield Input(mname, error="member is encrypted (password-protected); not read")
                continue
            if info.file_size > limits.max_file_bytes:
                yield Input(mname, error=f"member declares {info.file_size} bytes uncompressed, more than "
                            f"{size_text(limits.max_file_bytes)} (the limit for one file); refused")
                continue
            try:
                with zf.open(info) as f:
                    data = read_capped(SpendingStream(f, budget), limits)
            except ArchiveError as e:
                yield Input(mname, error=str(e))
                continue
            except READ_ERRORS as e:
                yield Input(mname, error=f"cannot read zip member: {e}")
                continue
            yield from _expand(mname, info.filename, data, budget, depth)


def _iter_gz(name: str, raw, budget: Budget, depth: int, inner: str) -> Iterator[Input]:
    try:
        with gzip.GzipFile(fileobj=raw, mode="rb") as g:
            data = read_capped(SpendingStream(g, budget), budget.limits)
    except ArchiveError as e:
        yield Input(name, error=str(e))
        return
    except READ_ERRORS as e:
        yield Input(name, error=f"gzip data is corrupt or truncated: {e}")
        return
    yield from _expand(name, inner, data, budget, depth)

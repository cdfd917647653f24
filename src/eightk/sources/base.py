"""What the readers share: the :class:`Input` they yield, the :class:`Limits` that bound them,
the per-input :class:`Budget` that enforces those limits while streaming, and one display
form for names (file names and archive member names are not always valid text)."""

from __future__ import annotations

import io
import mmap
import re
from dataclasses import dataclass

from eightk.errors import ArchiveError

MIB = 1 << 20


@dataclass(frozen=True)
class Limits:
    """How much one input may cost. The defaults are far above any real 8-K or EDGAR feed.

    ``max_file_bytes`` bounds one file or archive member; ``max_ratio`` bounds what an
    archive expands to against the compressed bytes read so far, once it has expanded past
    ``ratio_floor`` (small members of blank text compress very well and are harmless);
    ``max_total_bytes`` bounds everything one archive expands to; ``max_depth`` bounds
    archives inside archives.
    """

    max_file_bytes: int = 1 << 30
    max_ratio: int = 200
    ratio_floor: int = 16 * MIB
    max_total_bytes: int = 64 << 30
    max_depth: int = 8


DEFAULT_LIMITS = Limits()


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


def size_text(n: int) -> str:
    return f"{n >> 30} GiB" if n >= 1 << 30 and n % (1 << 30) == 0 else f"{n / MIB:g} MiB"


class Budget:
    """The bytes one input (a file named or found in a folder) has read and expanded to.

    ``compressed`` grows as the file on disk is read; ``spend`` is called for every byte a
    decompressor produces, at any nesting depth, and refuses (``ArchiveError``) as soon as
    the total or the ratio is exceeded, before the bytes are kept.
    """

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.compressed = 0
        self.expanded = 0

    def spend(self, n: int) -> None:
        """Account for ``n`` more bytes, or refuse them (they are then not counted, so a member
        after a refused one is judged by its own ratio)."""
        lim = self.limits
        total = self.expanded + n
        if total > lim.max_total_bytes:
            raise ArchiveError(f"expands to more than {size_text(lim.max_total_bytes)} in all; refused")
        if total > lim.ratio_floor and total > self.compressed * lim.max_ratio:
            raise ArchiveError(
                f"decompresses to more than {lim.max_ratio} times its compressed size (a decompression bomb?); refused"
            )
        self.expanded = total


class CountingFile(io.RawIOBase):
    """The archive file on disk, counting the (compressed) bytes read into the budget."""

    def __init__(self, f, budget: Budget) -> None:
        self._f = f
        self._budget = budget

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return self._f.seekable()

    def read(self, n: int = -1) -> bytes:
        b = self._f.read(n)
        self._budget.compressed += len(b)
        return b

    def readinto(self, buf) -> int:
        b = self.read(len(buf))
        buf[: len(b)] = b
        return len(b)

    def seek(self, pos: int, whence: int = 0) -> int:
        return self._f.seek(pos, whence)

    def tell(self) -> int:
        return self._f.tell()


class SpendingStream(io.RawIOBase):
    """A decompressed stream whose every byte is spent from the budget as it is produced."""

    def __init__(self, f, budget: Budget) -> None:
        self._f = f
        self._budget = budget

    def readable(self) -> bool:
        return True

    def read(self, n: int = -1) -> bytes:
        if n is None or n < 0:
            return b"".join(iter(lambda: self.read(MIB), b""))
        b = self._f.read(n)
        self._budget.spend(len(b))
        return b

    def readinto(self, buf) -> int:
        b = self.read(len(buf))
        buf[: len(b)] = b
        return len(b)


def read_capped(stream, limits: Limits) -> bytes:
    """All of ``stream``, refusing more than ``limits.max_file_bytes`` (ArchiveError)."""
    buf = io.BytesIO()
    while chunk := stream.read(MIB):
        if buf.tell() + len(chunk) > limits.max_file_bytes:
            raise ArchiveError(f"larger than {size_text(limits.max_file_bytes)} uncompressed (the limit for one file); refused")
        buf.write(chunk)
    return buf.getvalue()  # shares the buffer: no second copy


_ODD = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def display_name(name: str) -> str:
    """The one printable, valid-UTF-8 form of a file or member name used everywhere downstream.

    Bytes that are not UTF-8 (``os`` and ``tarfile`` keep them as surrogate escapes) become
    ``\\xe9``; control characters become ``\\n``, ``\\x1b`` and so on. Other names are unchanged.
    """
    if not _ODD.search(name):
        return name
    return _ODD.sub(_escape_char, name)


def _escape_char(m: re.Match[str]) -> str:
    o = ord(m.group())
    if 0xDC80 <= o <= 0xDCFF:
        return f"\\x{o - 0xDC00:02x}"
    return m.group().encode("unicode_escape").decode("ascii")


FILING_SUFFIXES = (".txt", ".nc", ".htm", ".html", ".xml", ".sgml", ".pds", ".dissem")
ARCHIVE_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".zip", ".gz")


def is_archive(name: str) -> bool:
    return name.lower().endswith(ARCHIVE_SUFFIXES)


def is_filing(name: str) -> bool:
    low = name.lower()
    base = low.rsplit("/", 1)[-1]
    if base.startswith(".") or base.endswith(("index.htm", "index.html", "-index-headers.html")):
        return False
    return low.endswith(FILING_SUFFIXES)

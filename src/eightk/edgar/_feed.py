"""Reading a daily feed archive (``YYYYMMDD.nc.tar.gz``) as a stream, keeping only some forms.

``tarfile`` in stream mode (``r|gz``) reads the downloaded archive once, front to back, never
whole in memory: each member's head (:data:`HEAD_BYTES`) tells its form type (``<TYPE>`` of a
``<SUBMISSION>``, or ``CONFORMED SUBMISSION TYPE:``); a member of another form is never read
further (the stream skips it), an 8-K is read whole and handed on.
"""

from __future__ import annotations

import re
import tarfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

from eightk.edgar._urls import ACCESSION
from eightk.errors import EdgarError

HEAD_BYTES = 16_384
#: one member larger than this is refused (a 8-K with its exhibits is far below it)
MAX_MEMBER_BYTES = 512 * 1024 * 1024
_FORM = re.compile(rb"^[ \t]*(?:<TYPE>|CONFORMED SUBMISSION TYPE:)[ \t]*([^\r\n<]+)", re.MULTILINE | re.IGNORECASE)
_ACC = re.compile(rb"(?:<ACCESSION-NUMBER>|ACCESSION NUMBER:)[ \t]*(" + ACCESSION.encode() + rb")", re.IGNORECASE)


def form_of(head: bytes) -> str | None:
    """The submission's form type from the first bytes of a feed member."""
    m = _FORM.search(head)
    return m.group(1).decode("latin-1").strip().upper() if m else None


def accession_of(head: bytes) -> str | None:
    m = _ACC.search(head)
    return m.group(1).decode() if m else None


def iter_feed(path: str | Path, forms: set[str] | frozenset[str], *, skip: Callable[[str], bool] | None = None,
              name: str = "") -> Iterator[tuple[str, bytes]]:
    """``(member name, bytes)`` of every member of the feed archive at ``path`` whose form is in
    ``forms`` and whose accession number ``skip`` does not pass over; ``name`` prefixes the member names."""
    wanted = {f.upper() for f in forms}
    try:
        with tarfile.open(path, mode="r|gz") as tar:
            for member in tar:
                if not member.isfile():
                    continue
                f = tar.extractfile(member)
                if f is None:
                    continue
                head = f.read(HEAD_BYTES)
                if form_of(head) not in wanted:
                    continue
                acc = accession_of(head)
                if skip is not None and acc is not None and skip(acc):
                    continue
                if member.size > MAX_MEMBER_BYTES:
                    raise EdgarError(f"{name}!{member.name}: member of {member.size} bytes is too large")
                yield f"{name}!{member.name}" if name else member.name, head + f.read()
    except (tarfile.TarError, EOFError, OSError, zlib.error) as e:
        raise EdgarError(f"{name or path}: not a readable feed archive ({type(e).__name__}: {e})") from e

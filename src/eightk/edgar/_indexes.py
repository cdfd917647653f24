"""Parser of EDGAR's ``form.idx`` / ``master.idx`` / ``company.idx`` (full-index and daily-index).

Hand-written because no maintained library reads them: two layouts (fixed-width for form and
company, ``|``-separated for master), a free-text preamble, dates as ``YYYY-MM-DD`` (full index)
or ``YYYYMMDD`` (daily index), and company names that hold runs of spaces. Fixed-width lines are
read from the right (file name, date, CIK are space-free) and the left part is split at the
header's column, so neither a long company name nor a form type with a space ("SC 13D") breaks it.
"""

from __future__ import annotations

import datetime as dt
import gzip
import re
from dataclasses import dataclass

from eightk.digits import ascii_digits
from eightk.edgar._urls import ACCESSION
from eightk.errors import EdgarError

_TAIL = re.compile(r"\s(?P<cik>\d{1,10})\s+(?P<date>\d{4}-?\d{2}-?\d{2})\s+(?P<path>\S+)\s*$")
_ACC_IN_PATH = re.compile(f"({ACCESSION})")


@dataclass(frozen=True, slots=True)
class IndexEntry:
    cik: int
    company: str
    form: str
    date_filed: dt.date
    path: str  # "edgar/data/320193/0000320193-24-000001.txt"

    @property
    def accession(self) -> str | None:
        m = _ACC_IN_PATH.search(self.path)
        return m.group(1) if m else None


def _date(text: str) -> dt.date:
    digits = text.replace("-", "")
    return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))


def _text(data: bytes | str) -> str:
    if isinstance(data, str):
        return data
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as e:
            raise EdgarError(f"truncated or corrupt gzip index: {e}") from e
    return data.decode("latin-1")


def parse_index(data: bytes | str, *, forms: set[str] | None = None) -> list[IndexEntry]:
    """The entries of an index file (plain or gzip). ``forms`` keeps only those form types."""
    lines = _text(data).splitlines()
    # the header is the last line before the first dashed rule
    try:
        rule = next(i for i, line in enumerate(lines) if line.startswith("---"))
    except StopIteration:
        raise EdgarError("not an EDGAR index: no header rule (----) found") from None
    header = lines[rule - 1] if rule else ""
    body = lines[rule + 1 :]
    entries = _parse_pipe(body) if "|" in header else _parse_fixed(header, body)
    if forms is not None:
        entries = [e for e in entries if e.form in forms]
    return entries


def _parse_pipe(body: list[str]) -> list[IndexEntry]:
    out = []
    for line in body:
        parts = line.split("|")
        if len(parts) != 5 or not ascii_digits(parts[0].strip()):
            continue
        cik, company, form, date, path = (p.strip() for p in parts)
        out.append(IndexEntry(int(cik), company, form, _date(date), path))
    return out


def _parse_fixed(header: str, body: list[str]) -> list[IndexEntry]:
    form_first = header.lstrip().lower().startswith("form")
    second = header.find("Company Name" if form_first else "Form Type")
    out = []
    for line in body:
        m = _TAIL.search(line)
        if m is None:
            continue
        left = line[: m.start()].rstrip()
        if 0 < second < len(left) and left[second - 1] == " ":
            a, b = left[:second].strip(), left[second:].strip()
        else:  # misaligned line: fall back to the first run of two or more spaces
            split = re.split(r"\s{2,}", left.strip(), maxsplit=1)
            a, b = (split + [""])[:2]
        form, company = (a, b) if form_first else (b, a)
        out.append(IndexEntry(int(m["cik"]), company, form, _date(m["date"]), m["path"]))
    return out

"""Parser of EDGAR's "latest filings" Atom feed (``cgi-bin/browse-edgar?action=getcurrent``).

Stdlib ``xml.etree`` reads it (the feed is small and plain Atom); hostile XML is refused before
parsing: a document with a DOCTYPE or an ENTITY declaration (entity expansion, external
entities) is an error, not data, and so is one over :data:`MAX_BYTES`. Each entry gives the
accession number (from ``<id>``, else the summary), the CIK (from the link's
``/edgar/data/CIK/`` folder, else the title's ``(##########)``), the form (``<category term>``,
else the title) and the filing date.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from eightk.edgar._urls import ACCESSION
from eightk.errors import EdgarError

MAX_BYTES = 20_000_000
_NS = "{http://www.w3.org/2005/Atom}"
_HOSTILE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_ACC = re.compile(f"({ACCESSION})")
_CIK_IN_LINK = re.compile(r"/edgar/data/(\d{1,10})/")
_CIK_IN_TITLE = re.compile(r"\((\d{10})\)")
_FILED = re.compile(r"Filed:\W*(\d{4}-\d{2}-\d{2})")


@dataclass(frozen=True, slots=True)
class FeedEntry:
    accession: str
    cik: int
    form: str
    company: str
    filed: dt.date | None
    link: str


def _text(entry: ET.Element, tag: str) -> str:
    el = entry.find(_NS + tag)
    return (el.text or "").strip() if el is not None else ""


def _entry(entry: ET.Element) -> FeedEntry | None:
    title = _text(entry, "title")
    link_el = entry.find(_NS + "link")
    link = link_el.get("href", "") if link_el is not None else ""
    summary = _text(entry, "summary")
    acc = _ACC.search(_text(entry, "id")) or _ACC.search(summary) or _ACC.search(link)
    cik = _CIK_IN_LINK.search(link) or _CIK_IN_TITLE.search(title)
    if acc is None or cik is None:
        return None
    cat = entry.find(_NS + "category")
    form = (cat.get("term", "") if cat is not None else "") or title.split(" - ", 1)[0]
    company = title.split(" - ", 1)[1] if " - " in title else title
    company = _CIK_IN_TITLE.split(company)[0].strip()
    filed = _FILED.search(summary)
    updated = _text(entry, "updated")[:10]
    day = filed.group(1) if filed else updated
    try:
        date = dt.date.fromisoformat(day) if day else None
    except ValueError:
        date = None
    return FeedEntry(acc.group(1), int(cik.group(1)), form.strip(), company, date, link)


def parse_current_feed(data: bytes) -> list[FeedEntry]:
    """The entries of a latest-filings Atom feed, in the feed's order (newest first); entries
    without an accession number or CIK are passed over."""
    if len(data) > MAX_BYTES:
        raise EdgarError(f"latest-filings feed of {len(data)} bytes is larger than {MAX_BYTES}: refused")
    if _HOSTILE.search(data):
        raise EdgarError("latest-filings feed declares a DOCTYPE or ENTITY: refused (hostile XML)")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as e:
        raise EdgarError(f"latest-filings feed is not well-formed XML ({e})") from e
    if root.tag != _NS + "feed":
        raise EdgarError(f"latest-filings feed is not an Atom feed (root element {root.tag!r})")
    out = []
    for el in root.iter(_NS + "entry"):
        entry = _entry(el)
        if entry is not None:
            out.append(entry)
    return out

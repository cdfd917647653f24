"""The pure core: bytes in, :class:`~eightk.model.Filing` out.

Composes the layers in their one direction (containers -> documents -> parse -> extract).
No I/O and no global state, so it runs unchanged in the CLI, the web server and a
distributed worker.
"""

from __future__ import annotations

import hashlib

from eightk.containers import Submission, read_submission
from eightk.documents import MAX_VIEW_BYTES
from eightk.model import Anomaly, Filing, Source


def new_filing(sub: Submission, data: bytes, *, path: str | None = None) -> Filing:
    """The :class:`Filing` the container layer alone can fill: source, header, documents."""
    header = sub.header
    return Filing(
        source=Source(path=path, sha256=hashlib.sha256(data).hexdigest(), size=len(data), container=sub.container),
        accession_number=header.accession_number if header else None,
        form_type=(header.form_type if header else None) or _form_from_documents(sub),
        filed=header.filed if header else None,
        date_of_report=header.period if header else None,
        header=header,
        documents=[d.info() for d in sub.documents],
        anomalies=list(sub.anomalies) + _too_large(sub),
    )


def _too_large(sub: Submission) -> list[Anomaly]:
    return [
        Anomaly(
            code="document_too_large",
            message=f"document {d.sequence} ({d.size} bytes) exceeds {MAX_VIEW_BYTES} bytes and is not read as prose",
        )
        for d in sub.documents
        if d.is_text and d.size > MAX_VIEW_BYTES
    ]


def _form_from_documents(sub: Submission) -> str | None:
    primary = sub.primary
    return primary.type if primary is not None and primary.type else None


def parse(data: bytes, *, path: str | None = None, facts: bool = True) -> Filing:
    """Parse one 8-K file (any container) into a :class:`Filing`.

    ``path`` is only recorded in ``source.path``; nothing is read from it. ``facts=False``
    skips fact and event extraction (the parse alone, e.g. to measure it).
    """
    from eightk.extract import extract_into
    from eightk.parser import parse_into

    sub = read_submission(data)
    filing = new_filing(sub, data, path=path)
    parse_into(sub, filing)
    if facts:
        extract_into(sub, filing)
    filing.anomalies.extend(_view_anomalies(sub))
    filing.anomalies = cap_anomalies(filing.anomalies)
    return filing


#: Anomalies listed per code: the development corpus has at most 2 of one code in a filing,
#: but a hostile file can give one per document, line or tag (issue 10: 126,000 unclosed
#: <DOCUMENT> blocks), which would bloat every store and export of it.
MAX_ANOMALIES_PER_CODE = 100


def cap_anomalies(anomalies: list[Anomaly]) -> list[Anomaly]:
    """The first :data:`MAX_ANOMALIES_PER_CODE` anomalies of each code, in order, then for
    each code with more one ``anomalies_truncated`` anomaly whose ``text`` is that code."""
    counts: dict[str, int] = {}
    kept = []
    for a in anomalies:
        n = counts[a.code] = counts.get(a.code, 0) + 1
        if n <= MAX_ANOMALIES_PER_CODE:
            kept.append(a)
    for code, n in counts.items():
        if n > MAX_ANOMALIES_PER_CODE:
            kept.append(Anomaly(
                code="anomalies_truncated",
                message=f"{n - MAX_ANOMALIES_PER_CODE} more {code} anomalies are not listed ({n} in all)",
                text=code,
            ))
    return kept


def _view_anomalies(sub: Submission) -> list[Anomaly]:
    """What the document front ends met and did not read in full, for each document read."""
    out = []
    for key, view in sub.cache.items():
        if key[0] == "view" and view is not None:
            out += [a.model_copy(update={"message": f"document {view.sequence}: {a.message}"}) for a in view.anomalies]
    return out

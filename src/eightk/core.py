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
    return parse_full(data, path=path, facts=facts)[1]


def parse_full(data: bytes, *, path: str | None = None, facts: bool = True) -> tuple[Submission, Filing]:
    """:func:`parse`, also handing back the :class:`Submission` it read. The document views the
    parse built are memoised on it, so :func:`eightk.documents.view_of` returns them without
    decoding a document again (the store builds its search passages this way)."""
    from eightk.extract import extract_into
    from eightk.parser import parse_into

    sub = read_submission(data)
    filing = new_filing(sub, data, path=path)
    parse_into(sub, filing)
    if facts:
        extract_into(sub, filing)
    filing.anomalies.extend(_view_anomalies(sub))
    return sub, filing


def _view_anomalies(sub: Submission) -> list[Anomaly]:
    """What the document front ends met and did not read in full, for each document read."""
    out = []
    for key, view in sub.cache.items():
        if key[0] == "view" and view is not None:
            out += [a.model_copy(update={"message": f"document {view.sequence}: {a.message}"}) for a in view.anomalies]
    return out

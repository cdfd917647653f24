"""The pure core: bytes in, :class:`~eightk.model.Filing` out.

Composes the layers in their one direction (containers -> documents -> parse -> extract).
No I/O and no global state, so it runs unchanged in the CLI, the web server and a
distributed worker.
"""

from __future__ import annotations

import hashlib
import re

from eightk.containers import Submission, read_submission
from eightk.documents import MAX_VIEW_BYTES
from eightk.errors import NotAn8KError
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
    skips fact and event extraction (the parse alone, e.g. to measure it). Raises
    :class:`~eightk.errors.InputError` for what cannot be read, and its subclass
    :class:`~eightk.errors.NotAn8KError` for a readable file that is not an 8-K.
    """
    return parse_full(data, path=path, facts=facts)[1]


def parse_full(data: bytes, *, path: str | None = None, facts: bool = True) -> tuple[Submission, Filing]:
    """:func:`parse`, also handing back the :class:`Submission` it read. The document views the
    parse built are memoised on it, so :func:`eightk.documents.view_of` returns them without
    decoding a document again (the store builds its search passages this way)."""
    from eightk.extract import extract_into
    from eightk.parser import parse_into

    if isinstance(data, str):
        raise TypeError(
            "eightk.parse takes the file's bytes, not str: "
            "pass open(path, 'rb').read() (or text.encode() for a str you already hold)")
    sub = read_submission(data)
    filing = new_filing(sub, data, path=path)
    parse_into(sub, filing)
    require_8k(sub, filing)
    if facts:
        extract_into(sub, filing)
    filing.anomalies.extend(_view_anomalies(sub))
    filing.anomalies = cap_anomalies(filing.anomalies)
    return sub, filing


# The 8-K family: 8-K, 8-K/A and the variants filed for successor issuers (8-K12B, 8-K12G3,
# 8-K15D5), each possibly amended.
_8K_FORM = re.compile(r"^8-K(?:12B|12G3|12G|15D5)?(?:/A)?$")


# EDGAR's "-index.html" / "-index-headers.html" pages list a filing's documents (and items).
_INDEX_PAGE = re.compile(r"EDGAR Filing Documents for|Document Format Files|<SEC-HEADER>.{0,4000}</SEC-HEADER>\s*</?(?:pre|body|html)",
                         re.I | re.S)


def require_8k(sub: Submission, filing: Filing) -> None:
    """Raise :class:`NotAn8KError` unless ``filing`` is an 8-K: its header or cover names a form
    of the 8-K family, or (a lone document with no form line) its body holds 8-K items."""
    form = re.sub(r"\s+", "", filing.form_type or "").upper()
    if _8K_FORM.match(form):
        return
    primary = sub.primary
    if primary is None:
        raise NotAn8KError("the file holds no document: not an 8-K filing")
    if any(a.code == "document_too_large" for a in filing.anomalies):
        return  # not read as prose, so not judged: the anomaly says why it is empty
    if form.startswith("EX-"):
        raise NotAn8KError(f"a lone exhibit ({form}), not a filing: parse the submission it belongs to", form=form)
    if form:
        raise NotAn8KError(f"a Form {form} filing, not an 8-K (not_an_8k)", form=form)
    if primary.format in ("xml", "pdf", "binary", "empty", "uuencoded"):
        what = {"xml": "an XML (XBRL) document", "pdf": "a PDF document", "binary": "binary data",
                "empty": "an empty document", "uuencoded": "a uuencoded file"}[primary.format]
        raise NotAn8KError(f"{what} with no 8-K cover or items (not_an_8k)")
    if _INDEX_PAGE.search(primary.text[:65536]):
        raise NotAn8KError("an EDGAR filing index page, not the filing: read the full submission "
                           "(Archives/edgar/data/CIK/ACCESSIONNODASHES/ACCESSION.txt) instead (not_an_8k)")
    if filing.items or filing.items_not_applicable:
        return
    raise NotAn8KError("no 8-K cover (\"FORM 8-K\") and no item heading found (not_an_8k)")


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

"""Document front ends: plain text and HTML/iXBRL to one block representation."""

from __future__ import annotations

from eightk.containers import Document, Submission
from eightk.documents.blocks import Block, Cell, DocumentView

#: Documents larger than this are not turned into blocks (a 200 MB "document" is junk or a
#: data dump, not prose the grammar can read); the caller records an anomaly.
MAX_VIEW_BYTES = 32 << 20


def view_of(sub: Submission, doc: Document) -> DocumentView | None:
    """The block view of ``doc`` (memoised on the submission); None for binary documents
    and documents too large to read as prose."""
    key = ("view", doc.sequence, doc.start)
    if key in sub.cache:
        return sub.cache[key]
    view: DocumentView | None = None
    if doc.size <= MAX_VIEW_BYTES:
        if doc.format in ("html", "ixbrl"):
            from eightk.documents.html import html_view

            view = html_view(doc.text, sequence=doc.sequence)
        elif doc.format == "text":
            from eightk.documents.text import text_view

            view = text_view(doc.text, sequence=doc.sequence)
    sub.cache[key] = view
    return view


__all__ = ["MAX_VIEW_BYTES", "Block", "Cell", "DocumentView", "view_of"]

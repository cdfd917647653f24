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


def text_of(sub: Submission, doc: Document) -> str:
    """The readable text of ``doc`` (for full-text search): the text of its view when the parse
    built one, else the same text without blocks (plain text as decoded, HTML's visible text),
    memoised on the submission; '' for binary documents and documents too large to read."""
    view = sub.cache.get(("view", doc.sequence, doc.start))
    if view is not None:
        return view.text
    key = ("text", doc.sequence, doc.start)
    if key not in sub.cache:
        text = ""
        if doc.size <= MAX_VIEW_BYTES:
            if doc.format in ("html", "ixbrl"):
                from eightk.documents.html import visible_text

                text = visible_text(doc.text)
            elif doc.format == "text":
                text = doc.text  # a plain-text view's text is the decoded text itself
        sub.cache[key] = text
    return sub.cache[key]


__all__ = ["MAX_VIEW_BYTES", "Block", "Cell", "DocumentView", "text_of", "view_of"]

"""Document front ends: plain text and HTML/iXBRL to one block representation."""

from eightk.documents.blocks import Block, Cell, DocumentView

__all__ = ["Block", "Cell", "DocumentView"]

"""The one internal representation of a document that the 8-K grammar reads.

A document (plain text or HTML) becomes a :class:`DocumentView`: the text that spans point
into, and a sequence of :class:`Block` s (a line or paragraph, or a table row with its
cells), each with its character span in that text and layout hints. The plain-text and
HTML front ends produce it; the grammar in :mod:`eightk.parse` is written once over it.

For plain text, ``DocumentView.text`` is the decoded document text itself. For HTML it is
the document's visible text (tags removed, entities resolved, hidden parts left out),
so a span is always a slice a person can read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from eightk.model import Anomaly


@dataclass(slots=True)
class Cell:
    text: str
    start: int
    end: int


@dataclass(slots=True)
class Block:
    """A line or paragraph of a document, or one row of a table.

    ``text`` equals ``view.text[start:end]`` for plain text; for HTML it is the block's
    visible text with white space folded, and ``start``/``end`` delimit it in the view.
    """

    text: str
    start: int
    end: int
    kind: str = "line"  # "line" | "paragraph" | "row" | "rule" | "page_break"
    cells: list[Cell] | None = None  # for kind == "row" (HTML tables, SGML <TABLE> columns)
    indent: int = 0  # leading spaces (plain text)
    centered: bool = False
    bold: bool = False
    underlined: bool = False  # followed by a rule of dashes (plain text) or <u>/border (HTML)
    in_table: bool = False  # inside an SGML <TABLE> or an HTML <table>
    page_break_before: bool = False
    hidden: bool = False

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def all_caps(self) -> bool:
        letters = [c for c in self.text if c.isalpha()]
        return bool(letters) and all(c.isupper() for c in letters)


@dataclass(slots=True)
class DocumentView:
    """A document ready for the grammar: the text spans refer to, and its blocks."""

    text: str
    blocks: list[Block]
    format: str  # "text" | "html" | "ixbrl"
    sequence: int | None = None
    #: inline XBRL facts (``dei:`` cover facts and others) read by the HTML front end:
    #: name -> list of {"value", "context", "text", "start", "end", "hidden"}.
    ixbrl: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    #: what the front end met and did not read in full (markup nested too deep, facts past
    #: a cap); :func:`eightk.parse` adds them to the filing's anomalies
    anomalies: list[Anomaly] = field(default_factory=list)

"""A document's text as escaped HTML with ``<mark>`` elements at spans (facts, anomalies, cues).

The text is always escaped (``markupsafe.escape``): nothing a filing contains is ever markup
in the page. Marks nest; one that crosses the end of an enclosing mark is cut there, so every
mark is one element and an anchor (``#fact-3``) holds the whole text of its span.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Mark:
    """A span of one document's text to mark: ``[start, end)``, the element's ``id`` (an anchor
    the side list links to), its CSS ``cls`` and a ``title`` (the tooltip)."""

    start: int
    end: int
    id: str | None
    cls: str
    title: str = ""


def _open(m: Mark, *, with_id: bool) -> str:
    ident = f' id="{escape(m.id)}"' if with_id and m.id else ""
    title = f' title="{escape(m.title)}"' if m.title else ""
    return f'<mark class="{escape(m.cls)}"{ident}{title}>'


def annotate(text: str, marks: list[Mark], start: int = 0, end: int | None = None) -> Markup:
    """``text[start:end]`` escaped, with each mark of ``marks`` that overlaps it wrapped in
    ``<mark>`` (cut to the segment; the id only where the mark begins)."""
    end = len(text) if end is None else min(end, len(text))
    inside = [m for m in marks if m.end > m.start and m.end > start and m.start < end]
    inside.sort(key=lambda m: (max(m.start, start), -m.end))
    out: list[str] = []
    pos = start
    open_ends: list[int] = []
    for m in inside:
        s = max(m.start, start)
        while open_ends and open_ends[-1] <= s:
            close = open_ends.pop()
            out += [escape(text[pos:close]), "</mark>"]
            pos = close
        e = min(m.end, end, open_ends[-1] if open_ends else end)
        out += [escape(text[pos:s]), _open(m, with_id=m.start >= start)]
        pos = s
        open_ends.append(e)
    while open_ends:
        close = open_ends.pop()
        out += [escape(text[pos:close]), "</mark>"]
        pos = close
    out.append(escape(text[pos:end]))
    return Markup("".join(str(x) for x in out))


__all__ = ["Mark", "annotate"]

"""A document's text as escaped HTML with ``<mark>`` elements at spans (facts, anomalies, cues).

The text is always escaped (``markupsafe.escape``): nothing a filing contains is ever markup
in the page. Marks nest; where two cross, the inner one is split in pieces, the first carrying
the anchor (``id="fact-3"``) and the others ``data-part="fact-3"``, so the pieces of a mark
hold exactly the text of its span.
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


def _open(m: Mark, *, first: bool) -> str:
    """The opening tag: the first piece of a mark carries its id, a later piece (the mark was
    cut by another one's end, or by the segment's start) names it in ``data-part``."""
    if m.id:
        ident = f' id="{escape(m.id)}"' if first else f' data-part="{escape(m.id)}"'
    else:
        ident = ""
    title = f' title="{escape(m.title)}"' if m.title else ""
    return f'<mark class="{escape(m.cls)}"{ident}{title}>'


def annotate(text: str, marks: list[Mark], start: int = 0, end: int | None = None) -> Markup:
    """``text[start:end]`` escaped, with each mark of ``marks`` that overlaps it wrapped in
    ``<mark>``. Where marks cross, the inner one is closed and opened again after the outer
    one's end, so a mark may be several pieces (the first with the id); together they hold
    exactly its text."""
    end = len(text) if end is None else min(end, len(text))
    inside = [m for m in marks if m.end > m.start and m.end > start and m.start < end]
    opens: dict[int, list[int]] = {}
    for i in sorted(range(len(inside)), key=lambda i: -inside[i].end):  # longer first: outermost
        opens.setdefault(max(inside[i].start, start), []).append(i)
    stops = {min(m.end, end) for m in inside}
    out: list[str] = []
    pos = start
    stack: list[int] = []
    for b in sorted(set(opens) | stops):
        out.append(escape(text[pos:b]))
        pos = b
        ending = [k for k, i in enumerate(stack) if min(inside[i].end, end) <= b]
        if ending:
            k = ending[0]
            reopen = [i for i in stack[k:] if min(inside[i].end, end) > b]
            out.append("</mark>" * (len(stack) - k))
            del stack[k:]
            for i in reopen:
                out.append(_open(inside[i], first=False))
                stack.append(i)
        for i in opens.get(b, []):
            out.append(_open(inside[i], first=inside[i].start >= start))
            stack.append(i)
    out.append(escape(text[pos:end]))
    out.append("</mark>" * len(stack))
    return Markup("".join(str(x) for x in out))


__all__ = ["Mark", "annotate"]

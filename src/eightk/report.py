"""The readable report of one stored filing (``eightk show``), for every front end.

:func:`print_report` prints it on a rich console (the command line); :func:`report_text`
returns it as plain text (a web page, a log, a test).
"""

from __future__ import annotations

import io
from typing import Any

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from eightk.itemcodes import title_of
from eightk.model import Filing


def report_text(f: Filing, row: dict[str, Any], *, width: int = 100) -> str:
    """The report as plain text, ``width`` columns wide."""
    buf = io.StringIO()
    out = Console(file=buf, width=width, markup=False, emoji=False, highlight=False, color_system=None)
    print_report(out, f, row)
    return buf.getvalue()


def print_report(out: Console, f: Filing, row: dict[str, Any]) -> None:
    """Print the report of filing ``f`` on ``out``; ``row`` is what the store records beside
    the model (:meth:`eightk.store.Store.filing_row`: ``id``, ``amends_id``, ``company``, ``cik``)."""
    cover = Table.grid(padding=(0, 2))
    cover.add_column(style="bold")
    cover.add_column()
    cover.add_row("accession", str(f.accession_number or "-"))
    cover.add_row("form", f"{f.form_type or '-'}" + (f" (amends filing {row['amends_id']})" if row.get("amends_id") else ""))
    cover.add_row("date of report", str(f.date_of_report or "-"))
    cover.add_row("filed", str(f.filed or "-"))
    cover.add_row("company", f"{row.get('company') or '-'}  CIK {row.get('cik') or '-'}")
    for r in f.registrants:
        bits = [b for b in (r.name, r.state_of_incorporation, r.commission_file_number, r.irs_employer_id) if b]
        if r.trading_symbols:
            bits.append("symbols " + ", ".join(r.trading_symbols))
        cover.add_row("registrant", " · ".join(bits))
    cover.add_row("source", f"{f.source.path or '-'} ({f.source.size} bytes, {f.source.container})")
    out.print(Panel(cover, title=f"8-K {f.accession_number or row['id']}", expand=False))
    if f.items:
        out.rule("items")
        for it in f.items:
            eq = f" (= {it.equivalent})" if it.equivalent else ""
            out.print(Text(f"Item {it.code}{eq}  {it.title or title_of(it.code) or ''}", style="bold"))
            text = it.text.strip()
            out.print(text[:1200] + (" …" if len(text) > 1200 else ""), soft_wrap=True)
    elif f.header and f.header.items:
        out.rule("items (from the header)")
        for code in f.header.items:
            out.print(f"Item {code}  {title_of(code) or ''}")
    if f.items_not_applicable:
        out.print("not applicable: " + ", ".join(f.items_not_applicable))
    if f.exhibits:
        out.rule("exhibits")
        for x in f.exhibits:
            out.print(f"{x.number:>8}  {x.description or ''}", soft_wrap=True)
    if f.signatures:
        out.rule("signatures")
        for s in f.signatures:
            out.print(" · ".join(str(b) for b in (s.registrant, s.name, s.title, s.date) if b))
    if f.facts:
        out.rule("facts")
        t = Table("kind", "value", "text", "item", show_edge=False)
        for fact in f.facts[:100]:
            t.add_row(fact.kind, f"{fact.value}{' ' + fact.unit if fact.unit else ''}", fact.text[:80], fact.item or "")
        out.print(t)
    if f.events:
        out.rule("events")
        for e in f.events:
            out.print(f"{e.type}  item {e.item or '-'}  confidence {e.confidence:.2f}")
    if f.anomalies:
        out.rule("anomalies")
        for a in f.anomalies:
            out.print(f"[{a.code}] {a.message}", markup=False)


__all__ = ["print_report", "report_text"]

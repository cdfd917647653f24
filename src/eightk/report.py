"""The readable report of one stored filing (``eightk show``), for every front end.

:func:`print_report` prints it on a rich console (the command line); :func:`report_text`
returns it as plain text (a web page, a log, a test).
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from eightk.itemcodes import title_of

if TYPE_CHECKING:
    from eightk.model import Event, Fact, Filing

_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}


def money(value: Any, currency: str | None = "USD", per: str | None = None) -> str:
    """An amount as money: ``$1,500,000``, ``$4.20``, ``-$2,100,000``, ``1,000 CHF``; ``a share``
    appended for a per-share price. A value that is not a number is shown as it is."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    v = abs(value)
    body = f"{v:,.0f}" if float(v).is_integer() else (f"{v:,.2f}" if v >= 0.01 else f"{v:,.4f}".rstrip("0"))
    sym = _SYMBOLS.get((currency or "USD").upper())
    text = f"{sym}{body}" if sym else f"{body} {currency}"
    if value < 0:
        text = "-" + text
    return text + (f" per {per}" if per else "")


def number(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def _names(values: Any) -> str:
    names = [str(v) for v in (values or []) if v]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def event_text(e: Event) -> str:
    """One event in words, with its attributes: "legal settlement with Winstar Communications,
    Inc. — $1,500,000, approved 2002-11-05 by the United States Bankruptcy Court for Delaware"."""
    a = dict(e.attributes)
    cur = a.get("currency") or "USD"
    label = e.type.replace("_", " ")
    parts: list[str] = []
    if e.type == "legal_settlement":
        who = a.get("counterparty") or _names(a.get("counterparties"))
        text = label + (f" with {who}" if who else "")
        if a.get("amount"):
            parts.append(money(a["amount"], cur))
        approved = "approved" + (f" {a['approval_date']}" if a.get("approval_date") else "")
        if a.get("court"):
            approved += f" by the {a['court']}" if not str(a["court"]).lower().startswith("the ") else f" by {a['court']}"
        if a.get("approval_date") or a.get("court"):
            parts.append(approved)
    elif e.type == "equity_financing":
        text = label
        sale = ""
        if a.get("shares"):
            sale = f"{number(a['shares'])} shares" + (f" of {a['security']}" if a.get("security") else "")
        if a.get("price_per_share"):
            sale += (" at " if sale else "") + money(a["price_per_share"], cur, "share")
        if a.get("gross_proceeds"):
            sale += f" ({money(a['gross_proceeds'], cur)} in all)"
        if sale:
            parts.append(sale.strip())
        if a.get("purchasers"):
            parts.append(f"to {_names(a['purchasers'])}")
        for w in a.get("warrants") or []:
            if isinstance(w, dict) and w.get("exercise_price"):
                parts.append(f"with warrants at {money(w['exercise_price'], w.get('currency') or cur)}")
    elif e.type == "earnings_release":
        text = label + (f" for {a['period']}" if a.get("period") else "")
        if a.get("period_end") and not a.get("period"):
            parts.append(f"period ending {a['period_end']}")
    elif e.type == "officer_director_change":
        text = label
        for p in a.get("people") or []:
            if isinstance(p, dict) and p.get("name"):
                parts.append(" ".join(str(x) for x in (p["name"], f"({p['role']})" if p.get("role") else None,
                                                       p.get("action")) if x))
        if a.get("effective_date"):
            parts.append(f"effective {a['effective_date']}")
    elif e.type == "auditor_change":
        text = label
        if a.get("former_accountant"):
            parts.append(f"{a['former_accountant']} {str(a.get('former_action') or 'leaves').replace('_', ' ')}")
        if a.get("new_accountant"):
            parts.append(f"{a['new_accountant']} engaged")
    elif e.type == "bankruptcy":
        text = label + (f" before the {a['court']}" if a.get("court") else "")
        if a.get("chapter"):
            parts.append(f"chapter {a['chapter']}")
    elif e.type in ("non_reliance", "delisting", "cybersecurity_incident"):
        text = label
        for key in ("periods", "identified_by", "exchange", "rule", "nature", "discovered_date"):
            if a.get(key):
                shown = ", ".join(a[key]) if isinstance(a[key], list) else str(a[key])
                parts.append(f"found by the {shown}" if key == "identified_by" else shown)
    else:
        who = _names(a.get("counterparties"))
        text = label + (f" with {who}" if who else "")
        if a.get("amount"):
            parts.append(money(a["amount"], cur))
    text += (" — " + ", ".join(parts)) if parts else ""
    where = f"item {e.item}" if e.item else "item -"
    if e.equivalent_item and e.equivalent_item != e.item:
        where += f" (= {e.equivalent_item} today)" if e.item and "." not in e.item else f" (legacy {e.equivalent_item})"
    return f"{text}  [{where}, confidence {e.confidence:.2f}]"


def fact_value(x: Fact) -> str:
    """A fact's value as a reader writes it: money as money, counts with separators."""
    if x.kind == "money":
        return money(x.value, x.unit, x.per)
    if x.kind == "shares":
        return f"{number(x.value)} {x.unit or 'shares'}" if x.value is not None else x.text
    if x.kind == "percent":
        return f"{number(x.value)}%" if x.value is not None else x.text
    if x.kind == "party":
        kind = x.attributes.get("type")
        role = x.attributes.get("role")
        return f"{x.value}" + (f" ({role})" if role else "") + (f" [{kind}]" if kind and kind != "organization" else "")
    if x.kind == "period":
        return " ".join(x.text.split())
    return " ".join(str(x.value if x.value is not None else x.text).split())


def facts_grouped(facts: list[Fact]) -> list[tuple[str, list[str]]]:
    """(kind, values) for each kind of fact, each value once, in the order first met."""
    groups: dict[str, list[str]] = {}
    for x in facts:
        v = fact_value(x)
        vals = groups.setdefault(x.kind, [])
        if v and v not in vals:
            vals.append(v)
    return [(k, v) for k, v in groups.items() if v]


#: Attributes every event carries, shown in the event's line rather than its details.
_COMMON = frozenset({"item_source", "inferred_from"})


def _cell(v: Any) -> str:
    if v is None:
        return "-"
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, int | float):
        return number(v)
    if isinstance(v, list):
        return ", ".join(_cell(x) for x in v)
    if isinstance(v, dict):
        return " ".join(_cell(x) for x in v.values() if x is not None)
    return " ".join(str(v).split())


def _records(v: Any) -> bool:
    return isinstance(v, list) and bool(v) and all(isinstance(r, dict) for r in v)


def event_details(e: Event) -> list[Table]:
    """The event's attributes, readably: a grid of its values (name, value), then a table per
    list of records (one row per change, per proposal...)."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column()
    tables = []
    for name, v in e.attributes.items():
        if name in _COMMON or v is None or v == []:
            continue
        if _records(v):
            cols = list(dict.fromkeys(k for r in v for k in r))
            t = Table(*cols, title=name.replace("_", " "), title_justify="left", show_edge=False, pad_edge=False)
            for r in v:
                t.add_row(*(_cell(r.get(c)) for c in cols))
            tables.append(t)
        else:
            grid.add_row(name.replace("_", " "), _cell(v))
    return ([grid] if grid.row_count else []) + tables


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
    if row.get("accession_source") == "path":
        cover.add_row("note", "accession number inferred from the file's name (no EDGAR header)")
    if row.get("superseded_by"):
        cover.add_row("note", f"superseded by filing id {row['superseded_by']} (a later version, or the full "
                              "submission this document belongs to)")
    cover.add_row("store id", str(row.get("id", "-")))
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
    if f.events:
        out.rule("events")
        for e in f.events:
            out.print(Text("• " + event_text(e)), soft_wrap=True)
            for part in event_details(e):
                out.print(Padding(part, (0, 0, 0, 4)))
    if f.facts:
        out.rule("facts")
        t = Table.grid(padding=(0, 2))
        t.add_column(style="bold", no_wrap=True)
        t.add_column()
        for kind, values in facts_grouped(f.facts):
            shown = values[:40]
            t.add_row(kind, " · ".join(shown) + (f" · … ({len(values) - 40} more)" if len(values) > 40 else ""))
        out.print(t)
    if f.anomalies:
        out.rule("anomalies")
        for a in f.anomalies:
            out.print(f"[{a.code}] {a.message}", markup=False)


__all__ = ["event_details", "event_text", "fact_value", "facts_grouped", "money", "print_report", "report_text"]

"""What the company page shows: the company's 8-Ks over time (legacy and modern items side by
side), the names it filed under, and a chart of its events per year by type."""

from __future__ import annotations

from collections import Counter
from typing import Any

from eightk.digits import ascii_digits
from eightk.interfaces.web.charts import stacked_bars
from eightk.itemcodes import title_of


def name_history(filings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The names the filings carry, oldest first: each with the first and last date it was used."""
    out: list[dict[str, Any]] = []
    for f in filings:
        name = f.get("company")
        if not name:
            continue
        if out and out[-1]["name"] == name:
            out[-1]["last"] = f.get("date") or out[-1]["last"]
        else:
            out.append({"name": name, "first": f.get("date"), "last": f.get("date")})
    return out


def former_names(store: Any, filings: list[dict[str, Any]], cik: str) -> list[tuple[str, str | None]]:
    """The FORMER COMPANY names the newest filing's header gives for this CIK."""
    if not filings:
        return []
    f = store.get(int(filings[-1]["id"]))
    if f is None or f.header is None:
        return []
    for filer in f.header.filers:
        if filer.cik and filer.cik.lstrip("0") == cik.lstrip("0"):
            return [(n.name, n.changed.isoformat() if n.changed else None) for n in filer.former_names]
    return []


def events_per_year(filings: list[dict[str, Any]]) -> dict[str, dict[int, int]]:
    """Event type -> year -> events, from the timeline's filings."""
    counts: dict[str, Counter[int]] = {}
    for f in filings:
        year = (f.get("date") or f.get("filed") or "")[:4]
        if not ascii_digits(year):
            continue
        for etype in f.get("events") or []:
            counts.setdefault(etype, Counter())[int(year)] += 1
    return {k: dict(v) for k, v in sorted(counts.items())}


def context(store: Any, cik: str) -> dict[str, Any]:
    """Everything the company template needs (a StoreError when no company has this CIK)."""
    tl = store.timeline(cik)
    for f in tl.filings:
        for it in f["items"]:
            it["title"] = it.get("title") or title_of(it["modern"] or it["code"])
    chart = stacked_bars(events_per_year(tl.filings), label=f"events per year by type, {tl.company or cik}")
    return {"tl": tl, "names": name_history(tl.filings), "former": former_names(store, tl.filings, tl.cik or cik),
            "chart": chart}


__all__ = ["context", "events_per_year", "former_names", "name_history"]

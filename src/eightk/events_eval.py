"""The events evaluation (``eightk events-eval``): how often the inferred event types agree with EDGAR's item labels.

Two labelled sources in the development corpus (``../shared/corpus``):

* ``nelson-yao__MIDS-W266-Final-MSY/data/8K-data/8K-raw/A.gz``: markup-stripped 8-K texts of
  2002-2013, each with its EDGAR item titles (``EVENTS:``). The ``ITEM:`` label lines are
  removed from the text before parsing, so only the body speaks.
* full submissions with an EDGAR header: the header's ITEM INFORMATION / ITEMS.

For every labelled item (exhibit items 9.01 / legacy 7 excepted) the filing agrees when an
event was inferred from the *body* under that item with the type the item implies. Legacy
catch-all items (5 "Other Events", 9 "Regulation FD") that the text refines to a specific type
(an earnings release, a private placement...) are counted apart as "refined": the label
cannot say whether the refinement is right, so those are listed for reading.
"""

from __future__ import annotations

import datetime as dt
import gzip
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from eightk import itemcodes
from eightk.core import parse
from eightk.extract.events import ITEM_TYPES

NELSON = Path("nelson-yao__MIDS-W266-Final-MSY/data/8K-data/8K-raw/A.gz")


@dataclass
class Labelled:
    name: str
    legacy: bool
    codes: list[str]
    data: bytes
    source: str  # "nelson" | "header"


@dataclass
class Tally:
    n: Counter[str] = field(default_factory=Counter)
    agree: Counter[str] = field(default_factory=Counter)
    refined: Counter[str] = field(default_factory=Counter)
    refined_to: Counter[str] = field(default_factory=Counter)
    misses: list[tuple[str, str, str, str]] = field(default_factory=list)  # name, code, expected, got
    refinements: list[tuple[str, str, str]] = field(default_factory=list)  # name, code, type
    extra: Counter[str] = field(default_factory=Counter)

    def rate(self) -> float:
        total = sum(self.n.values())
        return sum(self.agree.values()) / total if total else 0.0


def read_nelson(path: Path) -> Iterator[Labelled]:
    """The labelled documents of an ``A.gz``-style file (``<DOCUMENT>`` blocks with ``FILE:``,
    ``TIME:``, ``EVENTS:`` and ``TEXT:``)."""
    raw = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
    for block in raw.split("<DOCUMENT>")[1:]:
        body = block.split("</DOCUMENT>")[0]
        name = re.search(r"^FILE:(.*)$", body, re.M)
        time = re.search(r"^TIME:(\d{8})", body, re.M)
        events = re.search(r"^EVENTS:(.*)$", body, re.M)
        text_at = body.find("\nTEXT:")
        if not (name and time and events) or text_at < 0:
            continue
        filed = dt.datetime.strptime(time.group(1), "%Y%m%d").date()
        legacy = filed < itemcodes.MODERN_FROM
        codes = []
        for title in events.group(1).split("\t"):
            if title.strip():
                code = itemcodes.code_for_title(title.strip(), legacy=legacy)
                if code:
                    codes.append(code)
        text = body[text_at + len("\nTEXT:") :]
        text = "\n".join(line for line in text.splitlines() if not line.startswith("ITEM: "))
        yield Labelled(name.group(1).strip(), legacy, codes, text.encode("utf-8"), "nelson")


def read_header_filings(corpus: Path) -> Iterator[Labelled]:
    """Full submissions of the corpus whose EDGAR header lists items."""
    import csv

    inv = corpus / "inventory.tsv"
    with inv.open(newline="", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f, delimiter="\t") if r["role"] == "8-K filing" and r["hdr"] == "yes"]
    from eightk.containers import read_submission

    for r in rows:
        data = (corpus / r["file"]).read_bytes()
        header = read_submission(data).header
        if header is None or not header.items:
            continue
        when = header.filed or header.period
        legacy = bool(itemcodes.is_legacy_date(when))
        codes = []
        for raw in header.items:
            code = itemcodes.normalise_code(raw) or itemcodes.code_for_title(raw, legacy=legacy)
            if code:
                codes.append(code)
        yield Labelled(r["file"], legacy, codes, data, "header")


def evaluate(docs: Iterator[Labelled]) -> dict[str, Tally]:
    """Tallies by era ("modern", "legacy")."""
    out: dict[str, Tally] = defaultdict(Tally)
    for doc in docs:
        era = "legacy" if doc.legacy else "modern"
        t = out[era]
        try:
            filing = parse(doc.data)
        except Exception as e:  # a parse failure counts against every label of the file
            for code in doc.codes:
                if code in ITEM_TYPES:
                    t.n[ITEM_TYPES[code]] += 1
                    t.misses.append((doc.name, code, ITEM_TYPES[code], f"parse error: {e}"))
            continue
        body_events = [e for e in filing.events if e.attributes.get("item_source") != "header"]
        by_item = {e.item: e for e in body_events}
        labelled = set()
        for code in dict.fromkeys(doc.codes):
            expected = ITEM_TYPES.get(code)
            if expected is None:
                continue  # exhibits items report no event
            labelled.add(code)
            t.n[expected] += 1
            ev = by_item.get(code)
            if ev is not None and ev.type == expected:
                t.agree[expected] += 1
            elif ev is not None and ev.attributes.get("inferred_from") == code:
                t.refined[expected] += 1
                t.refined_to[ev.type] += 1
                t.refinements.append((doc.name, code, ev.type))
            else:
                got = ev.type if ev is not None else "none (items found: " + ",".join(sorted(k for k in by_item if k)) + ")"
                t.misses.append((doc.name, code, expected, got))
        for event in body_events:
            if event.item not in labelled:
                t.extra[event.type] += 1
    return out


def report(tallies: dict[str, Tally], *, show: int = 10) -> str:
    lines = []
    for era in ("modern", "legacy"):
        t = tallies.get(era)
        if t is None:
            continue
        total = sum(t.n.values())
        agree = sum(t.agree.values())
        refined = sum(t.refined.values())
        lines.append(
            f"{era}: {agree}/{total} labelled items agree ({t.rate():.1%})"
            + (f"; {refined} catch-all items refined to a specific type" if refined else "")
            + (f"; an event under the labelled item for {agree + refined}/{total} ({(agree + refined) / total:.1%})" if refined and total else "")
        )
        lines.append(f"  {'type':34s} {'labels':>6s} {'agree':>6s} {'rate':>6s} {'refined':>7s}")
        for etype, n in t.n.most_common():
            lines.append(
                f"  {etype:34s} {n:6d} {t.agree[etype]:6d} {t.agree[etype] / n:6.1%} {t.refined[etype]:7d}"
            )
        if t.refined_to:
            lines.append("  refined to: " + ", ".join(f"{k} {v}" for k, v in t.refined_to.most_common()))
        if t.extra:
            lines.append("  events under unlabelled items: " + ", ".join(f"{k} {v}" for k, v in t.extra.most_common()))
        for name, code, expected, got in t.misses[:show]:
            lines.append(f"  miss  {code:5s} {expected:30s} got {got}  [{name}]")
        for name, code, etype in t.refinements[:show]:
            lines.append(f"  refined {code:3s} -> {etype:28s} [{name}]")
    return "\n".join(lines)


def run(corpus: Path) -> dict[str, dict[str, Tally]]:
    results = {}
    nelson = corpus / NELSON
    if nelson.is_file():
        results["A.gz (EDGAR event labels)"] = evaluate(read_nelson(nelson))
    if (corpus / "inventory.tsv").is_file():
        results["corpus headers (ITEM INFORMATION / ITEMS)"] = evaluate(read_header_filings(corpus))
    return results


__all__ = ["NELSON", "Labelled", "Tally", "evaluate", "read_header_filings", "read_nelson", "report", "run"]

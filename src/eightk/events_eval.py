"""The events evaluation (``eightk events-eval``): inferred events against hand labels.

**Event types (the measure).** ``tests/labels/events.tsv`` holds hand-checked labels: for an
item of a corpus filing (or a seed), the event type its text supports and, where checked, some
attributes (``amount=...;counterparty=...``). Every label was made by reading the document. For
each era (legacy items 1-12 before 2004-08-23, modern decimal items after) the evaluation gives,
per (filing, item): whether the inferred type is the labelled one (accuracy), precision and
recall per type, the legacy catch-all items (5 "Other Events", 9 "Regulation FD", whose type is
refined from the text) apart, and exact agreement of the labelled attributes.

**Item mapping (a second, different measure).** EDGAR's own labels, the item titles of
``nelson-yao__MIDS-W266-Final-MSY/data/8K-data/8K-raw/A.gz`` (2002-2013, ``ITEM:`` label lines
removed from the text before parsing) and the ITEM INFORMATION / ITEMS of corpus headers, say
which items a filing reports, not what happened. Against them the evaluation measures item
detection: whether the body yields an event under every item EDGAR lists (exhibit items 9.01 /
legacy 7 excepted). It says nothing of whether a type is right: a modern item's type follows
from its code, and a legacy catch-all refined to another type is only counted as "refined".
"""

from __future__ import annotations

import csv
import gzip
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eightk import events_fields, itemcodes
from eightk.core import parse
from eightk.dates import compact_date
from eightk.events_fields import FieldLabel, FieldTally
from eightk.extract.events import ITEM_TYPES, TYPE_MODERN_ITEM
from eightk.model import Event

NELSON = Path("nelson-yao__MIDS-W266-Final-MSY/data/8K-data/8K-raw/A.gz")
#: The hand labels, from the repository root.
LABELS = Path("tests/labels/events.tsv")
#: eightk's event-type vocabulary: a type per item, and the types with no item of their own.
EVENT_TYPES: frozenset[str] = frozenset(ITEM_TYPES.values()) | frozenset(TYPE_MODERN_ITEM)
#: Legacy items whose event type is refined from the text.
CATCH_ALL = frozenset({"5", "9"})
ERAS = ("legacy", "modern")


class LabelError(ValueError):
    """A label file that cannot be used as it is (a row naming no corpus file, an unknown type...)."""


# --- hand labels ------------------------------------------------------------------------------


@dataclass(frozen=True)
class EventLabel:
    filing: str  # the accession number or path as written in the label file
    path: str  # the document, relative to the corpus
    item: str
    type: str
    attributes: dict[str, str]
    why: str
    line: int

    @property
    def era(self) -> str:
        return "modern" if "." in self.item else "legacy"


def _parse_attributes(text: str, where: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for part in text.split(";"):
        if not part.strip():
            continue
        key, sep, value = part.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise LabelError(f"{where}: attribute {part!r} is not key=value")
        out[key.strip()] = value.strip()
    return out


def resolver(corpus: Path) -> Callable[[str, str], str]:
    """``resolve(filing, where)``: the corpus-relative document a label names: a path under
    ``corpus`` (or ``../seeds/...``), else an accession number naming exactly one ``8-K filing``
    row of the inventory; anything else raises :class:`LabelError` naming ``where``."""
    by_accession: dict[str, list[str]] = defaultdict(list)
    inv = corpus / "inventory.tsv"
    if inv.is_file():
        with inv.open(newline="", encoding="utf-8") as f:
            for r in csv.DictReader(f, delimiter="\t"):
                if r["role"] == "8-K filing" and r["accession"]:
                    by_accession[r["accession"]].append(r["file"])

    def resolve(filing: str, where: str) -> str:
        if filing in by_accession or re.fullmatch(r"\d{10}-\d\d-\d{6}", filing):
            files = by_accession.get(filing, [])
            if len(files) != 1:
                raise LabelError(
                    f"{where}: accession {filing} names {len(files)} '8-K filing' rows of the inventory; give a path"
                )
            return files[0]
        if not (corpus / filing).is_file():
            raise LabelError(f"{where}: {filing} is not a file under {corpus}")
        return filing

    return resolve


def read_labels(path: Path, corpus: Path) -> list[EventLabel]:
    """The labels of ``path``, each resolved to a document of ``corpus``. A row that names no
    existing document, an accession number that is not exactly one ``8-K filing`` row of the
    inventory, an item code that is not a code, a type outside :data:`EVENT_TYPES` or a
    (filing, item) labelled twice raises :class:`LabelError`."""
    resolve = resolver(corpus)
    lines = path.read_text(encoding="utf-8").splitlines()
    body = [(n, line) for n, line in enumerate(lines, 1) if line.strip() and not line.startswith("#")]
    if not body:
        raise LabelError(f"{path}: no header row")
    header = body[0][1].split("\t")
    need = ["accession", "path", "item", "type", "attributes", "why"]
    if header[: len(need)] != need:
        raise LabelError(f"{path}: columns must be {', '.join(need)} (got {', '.join(header)})")
    out: list[EventLabel] = []
    seen: set[tuple[str, str]] = set()
    for n, line in body[1:]:
        where = f"{path.name}:{n}"
        cells = line.split("\t")
        if len(cells) != len(need):
            raise LabelError(f"{where}: {len(cells)} columns, expected {len(need)}")
        accession, rel, item, etype, attrs, why = (c.strip() for c in cells)
        if not (rel or accession):
            raise LabelError(f"{where}: neither accession nor path")
        rel = resolve(rel, where) if rel else resolve(accession, where)
        if itemcodes.normalise_code(item) != item or itemcodes.scheme_of(item) is None:
            raise LabelError(f"{where}: {item!r} is not an item code")
        if etype not in EVENT_TYPES:
            raise LabelError(f"{where}: {etype!r} is not an event type ({', '.join(sorted(EVENT_TYPES))})")
        if not why:
            raise LabelError(f"{where}: no reason given")
        key = (rel, item)
        if key in seen:
            raise LabelError(f"{where}: {rel} item {item} is labelled twice")
        seen.add(key)
        out.append(EventLabel(accession or rel, rel, item, etype, _parse_attributes(attrs, where), why, n))
    return out


def _norm_text(v: Any) -> str:
    return " ".join(str(v).split()).casefold()


def _same_number(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def attribute_value(attributes: dict[str, Any], key: str) -> Any:
    """The inferred value of a labelled attribute, in a comparable form: ``people`` is the set
    of the people's names; other lists are sets of strings."""
    value = attributes.get(key)
    if key == "people" and value is None and isinstance(attributes.get("changes"), list):  # officer changes (issue 14)
        return {_norm_text(c.get("person")) for c in attributes["changes"] if isinstance(c, dict) and c.get("person")}
    if key == "people" and isinstance(value, list):
        return {_norm_text(p.get("name")) for p in value if isinstance(p, dict) and p.get("name")}
    if isinstance(value, list):
        return {_norm_text(v) for v in value}
    return value


def attribute_agrees(expected: str, got: Any) -> bool:
    """Exact agreement of a labelled value with an inferred one: numbers by value, text by its
    words (case and spacing aside), lists (``a|b``) as sets."""
    if got is None:
        return False
    if isinstance(got, set):
        return {_norm_text(v) for v in expected.split("|")} == got
    if isinstance(got, (int, float)) and not isinstance(got, bool):
        try:
            return _same_number(float(expected.replace(",", "")), float(got))
        except ValueError:
            return False
    return _norm_text(expected) == _norm_text(got)


@dataclass
class Outcome:
    label: EventLabel
    got: str | None  # the inferred type under the item, None when no event is there
    attributes: dict[str, Any]  # the inferred event's attributes
    refined: bool  # the event was refined from the item's text

    @property
    def right(self) -> bool:
        return self.got == self.label.type


@dataclass
class EraTally:
    outcomes: list[Outcome] = field(default_factory=list)
    attr_checked: Counter[str] = field(default_factory=Counter)
    attr_agree: Counter[str] = field(default_factory=Counter)
    attr_misses: list[tuple[EventLabel, str, str, Any]] = field(default_factory=list)  # label, key, expected, got
    unlabelled: list[tuple[str, str, str]] = field(default_factory=list)  # path, item, type: events no label covers

    @property
    def n(self) -> int:
        return len(self.outcomes)

    @property
    def filings(self) -> int:
        return len({o.label.path for o in self.outcomes})

    @property
    def right(self) -> int:
        return sum(o.right for o in self.outcomes)

    @property
    def accuracy(self) -> float:
        return self.right / self.n if self.n else 0.0

    def precision_recall(self, etype: str) -> tuple[int, int, int]:
        """(right, inferred as ``etype``, labelled ``etype``) over the labelled items."""
        right = sum(1 for o in self.outcomes if o.right and o.label.type == etype)
        inferred = sum(1 for o in self.outcomes if o.got == etype)
        labelled = sum(1 for o in self.outcomes if o.label.type == etype)
        return right, inferred, labelled

    def types(self) -> list[str]:
        return sorted({o.label.type for o in self.outcomes} | {o.got for o in self.outcomes if o.got})

    def subset(self, items: Iterable[str]) -> list[Outcome]:
        keep = set(items)
        return [o for o in self.outcomes if o.label.item in keep]

    @property
    def attr_rate(self) -> float:
        total = sum(self.attr_checked.values())
        return sum(self.attr_agree.values()) / total if total else 0.0


def evaluate_labels(labels: list[EventLabel], corpus: Path) -> dict[str, EraTally]:
    """Tallies by era of the inferred events of the labelled items. Each file is parsed once;
    a parse failure counts as no event under each of its labelled items."""
    out: dict[str, EraTally] = {era: EraTally() for era in ERAS}
    for labs, events in events_fields.events_by_file(labels, corpus):
        by_item: dict[str | None, Event] = {}
        for e in events:
            by_item.setdefault(e.item, e)
        for lab in labs:
            t = out[lab.era]
            ev = by_item.get(lab.item)
            attrs = dict(ev.attributes) if ev is not None else {}
            t.outcomes.append(Outcome(lab, ev.type if ev else None, attrs, bool(attrs.get("inferred_from"))))
            for key, expected in lab.attributes.items():
                t.attr_checked[key] += 1
                got = attribute_value(attrs, key)
                if attribute_agrees(expected, got):
                    t.attr_agree[key] += 1
                else:
                    t.attr_misses.append((lab, key, expected, got))
        labelled = {lab.item for lab in labs}
        era = labs[0].era
        for e in events:
            if e.item not in labelled:
                out[era].unlabelled.append((labs[0].path, e.item or "", str(e.type)))
    return out


def _pct(a: int, b: int) -> str:
    return f"{a}/{b} ({a / b:.1%})" if b else f"{a}/0"


def _show(v: Any) -> str:
    if isinstance(v, set):
        return "|".join(sorted(v)) or "(none)"
    return "(none)" if v is None else str(v)


def report_labels(tallies: dict[str, EraTally], *, details: bool = False) -> str:
    lines = []
    for era in ERAS:
        t = tallies.get(era)
        if t is None or not t.n:
            continue
        predicted = sum(1 for o in t.outcomes if o.got is not None)
        lines.append(
            f"{era}: {t.n} labelled items of {t.filings} filings; type right {_pct(t.right, t.n)}"
            f"; an event found under {_pct(predicted, t.n)}"
        )
        if era == "legacy":
            cat = t.subset(CATCH_ALL)
            rest = [o for o in t.outcomes if o.label.item not in CATCH_ALL]
            lines.append(
                f"  catch-all items 5 / 9 (type refined from the text): right {_pct(sum(o.right for o in cat), len(cat))}"
                f"; other legacy items: right {_pct(sum(o.right for o in rest), len(rest))}"
            )
        else:
            cat = t.subset({"8.01"})
            if cat:
                lines.append(f"  8.01 Other Events items: right {_pct(sum(o.right for o in cat), len(cat))}")
        total_attr = sum(t.attr_checked.values())
        if total_attr:
            per_key = ", ".join(f"{k} {t.attr_agree[k]}/{n}" for k, n in sorted(t.attr_checked.items()))
            lines.append(f"  attributes agree exactly: {_pct(sum(t.attr_agree.values()), total_attr)}  [{per_key}]")
        lines.append(f"  {'type':34s} {'labels':>6s} {'inferred':>8s} {'right':>5s} {'precision':>9s} {'recall':>6s}")
        for etype in t.types():
            right, inferred, labelled = t.precision_recall(etype)
            p = f"{right / inferred:.0%}" if inferred else "-"
            r = f"{right / labelled:.0%}" if labelled else "-"
            lines.append(f"  {etype:34s} {labelled:6d} {inferred:8d} {right:5d} {p:>9s} {r:>6s}")
        if details:
            for o in t.outcomes:
                if not o.right:
                    lab = o.label
                    lines.append(
                        f"  type  {lab.item:5s} expected {lab.type:30s} got {o.got or '(no event)'}"
                        f"  [{lab.filing}]  ({lab.why})"
                    )
            for lab, key, expected, got in t.attr_misses:
                lines.append(f"  attr  {lab.item:5s} {key}: expected {expected}, got {_show(got)}  [{lab.filing}]")
            for rel, item, etype in t.unlabelled:
                lines.append(f"  unlabelled event  {item:5s} {etype}  [{rel}]")
    return "\n".join(lines)


# --- item mapping against EDGAR's item labels -------------------------------------------------


@dataclass
class Labelled:
    name: str
    legacy: bool
    codes: list[str]
    data: bytes
    source: str  # "nelson" | "header"


@dataclass
class Tally:
    """Item mapping: for each item EDGAR lists, is there a body event under it?"""

    n: Counter[str] = field(default_factory=Counter)
    agree: Counter[str] = field(default_factory=Counter)
    refined: Counter[str] = field(default_factory=Counter)
    refined_to: Counter[str] = field(default_factory=Counter)
    misses: list[tuple[str, str, str, str]] = field(default_factory=list)  # name, code, expected, got
    refinements: list[tuple[str, str, str]] = field(default_factory=list)  # name, code, type
    extra: Counter[str] = field(default_factory=Counter)

    def rate(self) -> float:
        """Items with an event of the item's own type."""
        total = sum(self.n.values())
        return sum(self.agree.values()) / total if total else 0.0

    def found_rate(self) -> float:
        """Items with an event under them, whatever its type."""
        total = sum(self.n.values())
        return (sum(self.agree.values()) + sum(self.refined.values())) / total if total else 0.0


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
        filed = compact_date(time.group(1))
        if filed is None:
            continue
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


def evaluate(docs: Iterable[Labelled]) -> dict[str, Tally]:
    """Item-mapping tallies by era ("modern", "legacy")."""
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
    """The item-mapping report of :func:`evaluate`."""
    lines = []
    for era in ("modern", "legacy"):
        t = tallies.get(era)
        if t is None:
            continue
        total = sum(t.n.values())
        found = sum(t.agree.values()) + sum(t.refined.values())
        refined = sum(t.refined.values())
        lines.append(
            f"{era}: an event under {_pct(found, total)} of the items EDGAR lists"
            + (f" ({refined} catch-all items refined to another type, not checked here)" if refined else "")
        )
        for name, code, expected, got in t.misses[:show]:
            lines.append(f"  no event of the item's type under {code:5s} ({expected}); got {got}  [{name}]")
    return "\n".join(lines)


# --- both -------------------------------------------------------------------------------------


@dataclass
class Results:
    labels: dict[str, EraTally] | None  # None when no label file was given
    label_count: int
    item_mapping: dict[str, dict[str, Tally]]
    fields: FieldTally | None = None  # the per-field evaluation, None when no field label file was given


def read_field_labels(path: Path, corpus: Path) -> list[FieldLabel]:
    """The per-field labels of ``path`` (``events.jsonl``), resolved like the type labels; a
    bad line raises :class:`LabelError`."""
    try:
        return events_fields.read_field_labels(path, corpus, resolver(corpus), EVENT_TYPES)
    except events_fields.FieldLabelError as e:
        raise LabelError(str(e)) from None


def run(
    corpus: Path,
    labels: Path | None = LABELS,
    *,
    item_mapping: bool = True,
    field_labels: Path | None = None,
    types: frozenset[str] | None = None,
) -> Results:
    """The hand-label evaluation (when ``labels`` is a file), the per-field evaluation (when
    ``field_labels`` is, restricted to ``types`` when given) and, with ``item_mapping``, the
    item-mapping check against A.gz and the corpus headers."""
    lab_tallies = None
    count = 0
    if labels is not None:
        labs = read_labels(labels, corpus)
        count = len(labs)
        lab_tallies = evaluate_labels(labs, corpus)
    fields = None
    if field_labels is not None:
        flabs = [lab for lab in read_field_labels(field_labels, corpus) if types is None or lab.type in types]
        fields = events_fields.evaluate_fields(flabs, corpus)
    mapping: dict[str, dict[str, Tally]] = {}
    if item_mapping:
        nelson = corpus / NELSON
        if nelson.is_file():
            mapping["A.gz (EDGAR event labels)"] = evaluate(read_nelson(nelson))
        if (corpus / "inventory.tsv").is_file():
            mapping["corpus headers (ITEM INFORMATION / ITEMS)"] = evaluate(read_header_filings(corpus))
    return Results(lab_tallies, count, mapping, fields)


def report_all(results: Results, *, labels: Path | None = None, details: bool = False, show: int = 10) -> str:
    out = []
    if results.labels is not None:
        out.append(f"== event types against hand labels ({labels or LABELS}: {results.label_count} labelled items)")
        out.append(report_labels(results.labels, details=details))
    for name, tallies in results.item_mapping.items():
        out.append(
            f"== item mapping against {name}: is there a body event under each listed item? "
            "(checks item detection, not event types)"
        )
        out.append(report(tallies, show=show if details else 0))
    return "\n".join(out)


__all__ = [
    "CATCH_ALL",
    "ERAS",
    "EVENT_TYPES",
    "LABELS",
    "NELSON",
    "EraTally",
    "EventLabel",
    "LabelError",
    "Labelled",
    "Outcome",
    "Results",
    "Tally",
    "attribute_agrees",
    "attribute_value",
    "evaluate",
    "evaluate_labels",
    "read_header_filings",
    "read_field_labels",
    "read_labels",
    "resolver",
    "read_nelson",
    "report",
    "report_all",
    "report_labels",
    "run",
]

"""How far the body of a corpus agrees with its EDGAR headers: the data-quality report behind
``eightk eval``.

For every parsed filing that has a header, and per field (items, date of report, name, IRS
number, state of incorporation, file number, phone, former name), the body's value is compared
with the header's. Two fields are compared their own way:

* ``phone``: where the header has a BUSINESS PHONE; a cover that prints none, or prints another
  number, needs a label (the body's missing value counts as a miss, so recall is measured).
* ``former_name``: a *precision* figure. The header lists every name the company ever had, but
  the cover prints a former name only "if changed since last report", so only a body value is
  compared: it must be one of the header's former names (or the label's value).
A *label file* (hand-checked corrections: ``accession<TAB>field<TAB>value<TAB>why``) says where
the header itself is wrong; there the label is the truth the body is compared with.

Pure: takes parsed :class:`~eightk.model.Filing` s, returns figures; no I/O except
:func:`load_labels`.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from eightk.model import Filing
from eightk.parser.crosscheck import header_filers, match_filer, names_agree, norm_file_number, norm_irs

FIELDS = ("items", "date_of_report", "name", "irs_number", "state", "file_number", "phone", "former_name")
ERAS = ("1993-2004", "2005-2018", "2019-2026")


def era_of(d: dt.date | None) -> str:
    if d is None:
        return "unknown"
    if d.year <= 2004:
        return ERAS[0]
    if d.year <= 2018:
        return ERAS[1]
    return ERAS[2]


@dataclass(frozen=True)
class Label:
    accession: str
    field: str
    value: str  # the true value; "" when the body prints none
    why: str
    cik: str = ""  # for combined filings: the filer the label is about ("" = every filer)


def load_labels(path: str | Path) -> dict[tuple[str, ...], Label]:
    """Read a label file (TSV with a header line: accession, field, value, why and, optionally,
    cik for a label about one filer of a combined filing)."""
    out: dict[tuple[str, ...], Label] = {}
    with open(path, newline="", encoding="utf-8") as f:
        rows = csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t")
        missing = {"accession", "field", "value"} - set(rows.fieldnames or [])
        if missing:
            raise ValueError(f"{path}: label file lacks column(s) {', '.join(sorted(missing))}")
        for r in rows:
            fld = (r.get("field") or "").strip()
            if fld not in FIELDS:
                raise ValueError(f"{path}: unknown field {fld!r} (one of {', '.join(FIELDS)})")
            cik = (r.get("cik") or "").strip().lstrip("0")
            lab = Label(r["accession"].strip(), fld, (r.get("value") or "").strip(), (r.get("why") or "").strip(), cik)
            key = (lab.accession, lab.field, cik) if cik else (lab.accession, lab.field)
            if key in out and out[key].value != lab.value:
                raise ValueError(f"{path}: two labels for {' '.join(key)} disagree ({out[key].value!r}, {lab.value!r})")
            out[key] = lab
    return out


@dataclass
class Comparison:
    path: str
    accession: str
    era: str
    field: str
    body: str
    header: str
    truth: str
    agree: bool  # body == truth
    header_wrong: bool  # a label overrides the header


@dataclass
class Report:
    comparisons: list[Comparison] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)

    def table(self) -> dict[str, dict[str, tuple[int, int]]]:
        """era -> field -> (agreeing, compared)."""
        out: dict[str, dict[str, tuple[int, int]]] = {}
        for c in self.comparisons:
            a, n = out.setdefault(c.era, {}).get(c.field, (0, 0))
            out[c.era][c.field] = (a + int(c.agree), n + 1)
        return out

    def disagreements(self) -> list[Comparison]:
        return [c for c in self.comparisons if not c.agree or c.header_wrong]


def _items(codes: list[str]) -> str:
    return ",".join(sorted(set(codes), key=lambda c: [int(x) for x in c.split(".")]))


def _same(fld: str, a: str, b: str) -> bool:
    if fld == "items":
        return set(filter(None, a.split(","))) == set(filter(None, b.split(",")))
    if fld == "name":
        return bool(a) and bool(b) and names_agree(a, b)
    if fld == "irs_number":
        return norm_irs(a) == norm_irs(b)
    if fld == "file_number":
        return norm_file_number(a) == norm_file_number(b)
    if fld == "state":
        return a.upper() == b.upper()
    if fld == "phone":
        return _digits(a) == _digits(b)
    if fld == "former_name":
        return any(names_agree_strict(a, t) for t in b.split("|")) if a else not b
    return a == b


def _digits(phone: str) -> str:
    """The ten digits of a North American number (a leading 1 dropped); other numbers whole."""
    d = "".join(c for c in phone if c.isdigit())
    return d[1:] if len(d) == 11 and d.startswith("1") else d


def names_agree_strict(a: str, b: str) -> bool:
    """Two non-empty company names that agree (see :func:`names_agree`)."""
    return bool(a) and bool(b) and names_agree(a, b)


def compare(filing: Filing, labels: dict[tuple[str, ...], Label] | None = None) -> list[Comparison]:
    """Body-versus-header (or label) comparisons for one filing with a header."""
    header = filing.header
    if header is None:
        return []
    labels = labels or {}
    acc = filing.accession_number or header.accession_number or ""
    era = era_of(filing.filed or header.filed)
    path = filing.source.path or ""
    pairs: list[tuple[str, str, str, tuple[str, ...]]] = []  # field, body, header, label key
    body_items = _items([i.code for i in filing.items])
    if header.items or (acc, "items") in labels:
        pairs.append(("items", body_items, _items(header.items), (acc, "items")))
    if header.period or (acc, "date_of_report") in labels:
        pairs.append((
            "date_of_report", filing.date_of_report.isoformat() if filing.date_of_report else "",
            header.period.isoformat() if header.period else "", (acc, "date_of_report"),
        ))
    filers = header_filers(filing)
    regs = filing.registrants
    for f in filers:
        reg = next((r for r in regs if match_filer(r, [f]) is f), None)
        if reg is None and len(filers) == 1 and len(regs) == 1:
            reg = regs[0]
        if reg is None:
            continue
        for fld, body, head in (
            ("name", reg.name, f.name),
            ("irs_number", reg.irs_employer_id, f.irs_number),
            ("state", reg.state_of_incorporation, f.state_of_incorporation),
            ("file_number", reg.commission_file_number, f.file_number),
            ("phone", reg.phone, f.phone),
            ("former_name", reg.former_name, "|".join(n.name for n in f.former_names)),
        ):
            # compared wherever the header has a value (a field the body did not read is a miss;
            # a label with an empty value says the body prints none), or where a label says what
            # the body prints; a former name wherever the body gives one (precision)
            key: tuple[str, ...] = (acc, fld, (f.cik or "").lstrip("0"))
            wanted = bool(body) if fld == "former_name" else bool(head)
            if wanted or key in labels or (acc, fld) in labels:
                pairs.append((fld, body or "", head or "", key))
    out = []
    for fld, body, head, key in pairs:
        lab = labels.get(key) or labels.get((acc, fld))
        truth = lab.value if lab is not None else head
        out.append(Comparison(
            path=path, accession=acc, era=era, field=fld, body=body, header=head, truth=truth,
            agree=_same(fld, body, truth), header_wrong=lab is not None and not _same(fld, head, truth),
        ))
    return out


def evaluate(filings: list[Filing], labels: dict[tuple[str, ...], Label] | None = None) -> Report:
    rep = Report()
    for f in filings:
        if f.header is None:
            rep.skipped.append((f.source.path or "", "no EDGAR header"))
            continue
        rep.comparisons.extend(compare(f, labels))
    return rep

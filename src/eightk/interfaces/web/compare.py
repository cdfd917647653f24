"""The EDGAR header beside what the body says, field by field, with the parser's own rules for
when two spellings agree (:mod:`eightk.parser.crosscheck`)."""

from __future__ import annotations

from dataclasses import dataclass

from eightk.model import Filing
from eightk.parser.crosscheck import header_filers, match_filer, names_agree, norm_file_number, norm_irs


@dataclass
class Row:
    """One field: the header's value, the body's, and whether they agree (None: one is missing)."""

    field: str
    header: str | None
    body: str | None
    agree: bool | None


def _row(name: str, head: object, body: object, same: bool | None = None) -> Row:
    h = None if head in (None, "", []) else str(head)
    b = None if body in (None, "", []) else str(body)
    if h is None or b is None:
        return Row(name, h, b, None)
    return Row(name, h, b, (h == b) if same is None else same)


def header_vs_body(f: Filing) -> list[Row]:
    """The rows of the comparison (empty for a lone document, which has no header)."""
    h = f.header
    if h is None:
        return []
    body_items = [i.code for i in f.items]
    rows = [
        _row("form type", h.form_type, f.form_type),
        _row("date of report", h.period, f.date_of_report if f.sources.get("date_of_report") != "header" else None),
        _row("items", ", ".join(h.items), ", ".join(body_items), set(h.items) == set(body_items)),
    ]
    filers = header_filers(f)
    for n, reg in enumerate(f.registrants):
        fl = match_filer(reg, filers) or (filers[0] if len(filers) == 1 and len(f.registrants) == 1 else None)
        if fl is None:
            continue
        who = "" if len(f.registrants) == 1 else f" ({n + 1})"
        rows += [
            _row("company name" + who, fl.name, reg.name, names_agree(reg.name, fl.name)),
            _row("state of incorporation" + who, fl.state_of_incorporation, reg.state_of_incorporation,
                 (fl.state_of_incorporation or "").upper() == (reg.state_of_incorporation or "").upper()),
            _row("commission file number" + who, fl.file_number, reg.commission_file_number,
                 norm_file_number(fl.file_number) == norm_file_number(reg.commission_file_number)),
            _row("IRS employer id" + who, fl.irs_number, reg.irs_employer_id,
                 norm_irs(fl.irs_number) == norm_irs(reg.irs_employer_id)),
        ]
    return rows


__all__ = ["Row", "header_vs_body"]

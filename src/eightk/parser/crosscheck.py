"""Body versus header: every disagreement becomes an :class:`~eightk.model.Anomaly`.

The body is what the filer wrote; the EDGAR header was typed into a form (and, in the 1990s,
often left incomplete). Comparisons normalise only spelling ("000-29375" = "0-29375",
"STOCKWALK COM GROUP INC" = "Stockwalk.com Group, Inc."), never meaning.
"""

from __future__ import annotations

import re

from eightk.model import Anomaly, Filer, Filing, Registrant

_SUFFIXES = {
    "corporation": "corp", "incorporated": "inc", "company": "co", "limited": "ltd",
    "the": "", "and": "", "&": "",
}


# compiled once: these run for every name compared (re.sub(str, ...) looks the pattern up per call)
_STATE_SUFFIX = re.compile(r"/[A-Z]{2,3}/?\s*$")
_NAME_CHARS = re.compile(r"[A-Z0-9&]+")
_DIGITS = re.compile(r"\d+")
_NON_DIGIT = re.compile(r"\D")


def norm_name(name: str | None) -> str:
    """Name key: capitals, no punctuation, usual abbreviations, no "/DE/" state suffix."""
    if not name:
        return ""
    s = _STATE_SUFFIX.sub(" ", name.upper())
    # the words are the runs of name characters (cheaper than replacing the
    # runs of others by spaces and splitting: 0.77 -> 0.60 ms on a 15,000-character view text,
    # which ixbrl_cover._visible normalises)
    s = " ".join(_NAME_CHARS.findall(s)).lower()
    get = _SUFFIXES.get
    return " ".join([x for w in s.split() if (x := get(w, w))])


def norm_file_number(v: str | None) -> str:
    """'000-29375' -> '0-29375'; '1-8911' = '001-08911'."""
    if not v:
        return ""
    parts = _DIGITS.findall(v)
    return "-".join(str(int(p)) for p in parts)


def norm_irs(v: str | None) -> str:
    return _NON_DIGIT.sub("", v or "")


def names_agree(body: str | None, header: str | None) -> bool:
    a, b = norm_name(body), norm_name(header)
    if not a or not b:
        return True
    # EDGAR truncates conformed names; one may be a prefix of the other
    return a == b or a.startswith(b) or b.startswith(a) or a.replace(" ", "") == b.replace(" ", "")


def match_filer(reg: Registrant, filers: list[Filer]) -> Filer | None:
    """The header filer block that is this registrant (by IRS number, file number, then name)."""
    for f in filers:
        if reg.irs_employer_id and f.irs_number and norm_irs(reg.irs_employer_id) == norm_irs(f.irs_number):
            return f
    for f in filers:
        if reg.commission_file_number and norm_file_number(reg.commission_file_number) == norm_file_number(f.file_number):
            return f
    for f in filers:
        if reg.name and f.name and names_agree(reg.name, f.name):
            return f
    return None


def header_filers(filing: Filing) -> list[Filer]:
    if filing.header is None:
        return []
    return [f for f in filing.header.filers if f.role in ("filer", "subject_company") and f.name]


def cross_check(filing: Filing) -> None:
    header = filing.header
    if header is None:
        return
    out = filing.anomalies
    body_items = [i.code for i in filing.items]
    if header.items and body_items and set(header.items) != set(body_items):
        out.append(Anomaly(
            code="items_mismatch",
            message=f"the body reports items {', '.join(body_items)}; the header lists {', '.join(header.items)}",
        ))
    filers = header_filers(filing)
    for reg in filing.registrants:
        f = match_filer(reg, filers) or (filers[0] if len(filers) == 1 and len(filing.registrants) == 1 else None)
        if f is None:
            continue
        if reg.cik is None and f.cik:
            # the CIK is printed nowhere in the body: the matching header block is its only source
            reg.cik = f.cik
            reg.sources["cik"] = "header"
        checks = [
            ("name", reg.name, f.name, names_agree(reg.name, f.name)),
            ("irs_employer_id", reg.irs_employer_id, f.irs_number,
             not reg.irs_employer_id or not f.irs_number or norm_irs(reg.irs_employer_id) == norm_irs(f.irs_number)),
            ("state_of_incorporation", reg.state_of_incorporation, f.state_of_incorporation,
             not reg.state_of_incorporation or not f.state_of_incorporation
             or reg.state_of_incorporation.upper() == f.state_of_incorporation.upper()),
            ("commission_file_number", reg.commission_file_number, f.file_number,
             not reg.commission_file_number or not f.file_number
             or norm_file_number(reg.commission_file_number) == norm_file_number(f.file_number)),
        ]
        for field, body, head, ok in checks:
            if ok:
                continue
            span = reg.spans.get(field)
            out.append(Anomaly(
                code=f"{field}_mismatch",
                message=f"the body's {field.replace('_', ' ')} {body!r} differs from the header's {head!r}",
                text=body, span=span,
            ))

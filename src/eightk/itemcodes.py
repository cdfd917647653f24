"""Form 8-K item numbering: the two schemes, their titles, and the mapping between them.

Items were renumbered on 2004-08-23 (integer "legacy" items 1-12 became decimal
"modern" items 1.01-9.01). This module is pure domain knowledge: tables and small
functions, no project imports.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

#: First filing date of the modern (decimal) item scheme.
MODERN_FROM = dt.date(2004, 8, 23)

LEGACY_TITLES: dict[str, str] = {
    "1": "Changes in Control of Registrant",
    "2": "Acquisition or Disposition of Assets",
    "3": "Bankruptcy or Receivership",
    "4": "Changes in Registrant's Certifying Accountant",
    "5": "Other Events",
    "6": "Resignations of Registrant's Directors",
    "7": "Financial Statements, Pro Forma Financial Information and Exhibits",
    "8": "Change in Fiscal Year",
    "9": "Regulation FD Disclosure",
    "10": "Amendments to the Registrant's Code of Ethics, or Waiver of a Provision of the Code of Ethics",
    "11": "Temporary Suspension of Trading Under Registrant's Employee Benefit Plans",
    "12": "Results of Operations and Financial Condition",
}

MODERN_TITLES: dict[str, str] = {
    "1.01": "Entry into a Material Definitive Agreement",
    "1.02": "Termination of a Material Definitive Agreement",
    "1.03": "Bankruptcy or Receivership",
    "1.04": "Mine Safety - Reporting of Shutdowns and Patterns of Violations",
    "1.05": "Material Cybersecurity Incidents",
    "2.01": "Completion of Acquisition or Disposition of Assets",
    "2.02": "Results of Operations and Financial Condition",
    "2.03": "Creation of a Direct Financial Obligation or an Obligation under an Off-Balance Sheet "
    "Arrangement of a Registrant",
    "2.04": "Triggering Events That Accelerate or Increase a Direct Financial Obligation or an "
    "Obligation under an Off-Balance Sheet Arrangement",
    "2.05": "Costs Associated with Exit or Disposal Activities",
    "2.06": "Material Impairments",
    "3.01": "Notice of Delisting or Failure to Satisfy a Continued Listing Rule or Standard; "
    "Transfer of Listing",
    "3.02": "Unregistered Sales of Equity Securities",
    "3.03": "Material Modification to Rights of Security Holders",
    "4.01": "Changes in Registrant's Certifying Accountant",
    "4.02": "Non-Reliance on Previously Issued Financial Statements or a Related Audit Report or "
    "Completed Interim Review",
    "5.01": "Changes in Control of Registrant",
    "5.02": "Departure of Directors or Certain Officers; Election of Directors; Appointment of "
    "Certain Officers; Compensatory Arrangements of Certain Officers",
    "5.03": "Amendments to Articles of Incorporation or Bylaws; Change in Fiscal Year",
    "5.04": "Temporary Suspension of Trading Under Registrant's Employee Benefit Plans",
    "5.05": "Amendments to the Registrant's Code of Ethics, or Waiver of a Provision of the Code of Ethics",
    "5.06": "Change in Shell Company Status",
    "5.07": "Submission of Matters to a Vote of Security Holders",
    "5.08": "Shareholder Director Nominations",
    "6.01": "ABS Informational and Computational Material",
    "6.02": "Change of Servicer or Trustee",
    "6.03": "Change in Credit Enhancement or Other External Support",
    "6.04": "Failure to Make a Required Distribution",
    "6.05": "Securities Act Updating Disclosure",
    "6.06": "Static Pool",
    "6.10": "Alternative Filings of Asset-Backed Issuers",
    "7.01": "Regulation FD Disclosure",
    "8.01": "Other Events",
    "9.01": "Financial Statements and Exhibits",
}

#: legacy code -> nearest modern code (see docs/8k-primer).
LEGACY_TO_MODERN: dict[str, str] = {
    "1": "5.01",
    "2": "2.01",
    "3": "1.03",
    "4": "4.01",
    "5": "8.01",
    "6": "5.02",
    "7": "9.01",
    "8": "5.03",
    "9": "7.01",
    "10": "5.05",
    "11": "5.04",
    "12": "2.02",
}
#: modern code -> the legacy code it replaced, where there is one.
MODERN_TO_LEGACY: dict[str, str] = {v: k for k, v in LEGACY_TO_MODERN.items()}

_MODERN_RE = re.compile(r"^[1-9]\.(0[1-9]|10)$")
_LEGACY_RE = re.compile(r"^(1[0-2]|[1-9])$")


def scheme_of(code: str) -> str | None:
    """'legacy', 'modern' or None for a code that is neither."""
    if _MODERN_RE.match(code):
        return "modern"
    if _LEGACY_RE.match(code):
        return "legacy"
    return None


@functools.lru_cache(maxsize=1024)  # called per heading candidate; a document repeats a few codes
def normalise_code(raw: str) -> str | None:
    """'5.' -> '5', '2.2' -> '2.02', '02.02' -> '2.02', '9.1' -> '9.01'; None if not an item code."""
    s = raw.strip().rstrip(".:").strip()
    m = re.fullmatch(r"0*(\d{1,2})(?:\.(\d{1,2}))?", s)
    if not m:
        return None
    major, minor = m.group(1), m.group(2)
    if minor is None:
        code = str(int(major))
        return code if _LEGACY_RE.match(code) else None
    code = f"{int(major)}.{int(minor):02d}"
    return code if _MODERN_RE.match(code) else None


def equivalent(code: str) -> str | None:
    """The other scheme's code: legacy 5 -> 8.01, modern 2.02 -> 12."""
    if scheme_of(code) == "legacy":
        return LEGACY_TO_MODERN.get(code)
    return MODERN_TO_LEGACY.get(code)


def title_of(code: str) -> str | None:
    return LEGACY_TITLES.get(code) or MODERN_TITLES.get(code)


def is_legacy_date(filed: dt.date | None) -> bool | None:
    if filed is None:
        return None
    return filed < MODERN_FROM


_WORD = re.compile(r"[a-z]+")
_STOP = {"of", "or", "and", "the", "a", "an", "to", "in", "on", "under", "with", "s", "for", "that"}


def _words(title: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(title.lower().replace("'s", "")) if w not in _STOP)


_LEGACY_WORDS = {code: _words(t) for code, t in LEGACY_TITLES.items()}
_MODERN_WORDS = {code: _words(t) for code, t in MODERN_TITLES.items()}
# Variants EDGAR has used for titles over the years (header ITEM INFORMATION lines).
_LEGACY_WORDS["7"] = _LEGACY_WORDS["7"] | _words("financial statements and exhibits")


def code_for_title(title: str, *, legacy: bool | None) -> str | None:
    """Map an item *title* (EDGAR header ITEM INFORMATION) to a code, era-aware.

    ``legacy`` says which scheme the filing date implies; None tries modern first. A title
    that is already a code ("7", "9.01") is normalised and returned.
    """
    code = normalise_code(title)
    if code:
        return code
    words = _words(title)
    if not words:
        return None
    tables = [_LEGACY_WORDS, _MODERN_WORDS] if legacy else [_MODERN_WORDS, _LEGACY_WORDS]
    if legacy is None:
        tables = [_MODERN_WORDS, _LEGACY_WORDS]
    for table in tables:
        best, best_score = None, 0.0
        for code, ref in table.items():
            common = len(words & ref)
            if not common:
                continue
            # how much of the given title the reference covers, and vice versa
            score = common / len(words) * 0.6 + common / len(ref) * 0.4
            if score > best_score:
                best, best_score = code, score
        if best is not None and best_score >= 0.6:
            return best
    return None

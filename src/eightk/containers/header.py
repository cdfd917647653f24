"""EDGAR header parsing: the ``KEY:<tab>value`` header of full submissions and the
tag-style header of feed (``.nc``) files, normalised into one :class:`~eightk.model.Header`.

Hand-written because the header is EDGAR's own format (neither SGML with a DTD we could
give a generic parser, nor XML): indentation or unclosed tags carry the structure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from eightk import itemcodes
from eightk.dates import compact_date, compact_datetime
from eightk.digits import ascii_digits
from eightk.model import Address, Anomaly, Filer, FormerName, Header


@dataclass
class RawBlock:
    """One role block (FILER, SUBJECT COMPANY, ...) with its sub-sections."""

    role: str
    fields: dict[str, str] = field(default_factory=dict)
    sections: list[tuple[str, dict[str, str]]] = field(default_factory=list)


@dataclass
class RawHeader:
    """The header as key/value pairs, before typing. Keys use the full-submission spelling."""

    top: list[tuple[str, str]] = field(default_factory=list)
    blocks: list[RawBlock] = field(default_factory=list)


# Feed-tag spelling (after '-' -> ' ') -> full-submission spelling.
_ALIASES = {
    "CONFORMED NAME": "COMPANY CONFORMED NAME",
    "CIK": "CENTRAL INDEX KEY",
    "ASSIGNED SIC": "STANDARD INDUSTRIAL CLASSIFICATION",
    "ACT": "SEC ACT",
    "FILE NUMBER": "SEC FILE NUMBER",
    "STREET1": "STREET 1",
    "STREET2": "STREET 2",
    "PHONE": "BUSINESS PHONE",
    "DATE CHANGED": "DATE OF NAME CHANGE",
    "TYPE": "CONFORMED SUBMISSION TYPE",
    "PERIOD": "CONFORMED PERIOD OF REPORT",
    "ITEMS": "ITEM INFORMATION",
    "FILING DATE": "FILED AS OF DATE",
    "FORMER NAME": "FORMER COMPANY",
    "EIN": "IRS NUMBER",
}


def _canonical(key: str) -> str:
    k = " ".join(key.replace("-", " ").replace("_", " ").upper().split())
    return _ALIASES.get(k, k)


#: keys seen so far -> their canonical spelling: a header repeats the same few dozen keys.
#: Bounded, so that a hostile header of endless distinct keys cannot grow it without end.
_CANONICAL: dict[str, str] = {}
_CANONICAL_MAX = 4096


def canonical_key(key: str) -> str:
    k = _CANONICAL.get(key)
    if k is None:
        k = _canonical(key)
        if len(_CANONICAL) < _CANONICAL_MAX:
            _CANONICAL[key] = k
    return k


# ---------------------------------------------------------------------------------------------
# Full-submission header: "KEY:\tvalue", nesting by leading tabs.

# The key runs to the first colon (a colon is no key character, so a greedy key is the lazy
# one without its backtracking); the value is the rest of the line, white space stripped at its
# end (``str.rstrip`` strips what ``\s`` matches; a line of ``splitlines`` holds no "\n"), which
# ``(.*?)\s*$`` read character by character.
_LINE = re.compile(r"^([\t ]*)([A-Za-z0-9][A-Za-z0-9 \-/&().']*):[\t ]*")


_SECTION_SUFFIXES = (" DATA", " ADDRESS", " VALUES", "FORMER COMPANY")


def _is_section(key: str) -> bool:
    """A sub-section heading (COMPANY DATA, BUSINESS ADDRESS...), whatever its indentation:
    republished headers do not always indent them by one tab."""
    return key.endswith(_SECTION_SUFFIXES)


def _key_lines_by_line(text: str) -> list[tuple[str, str, str]]:
    """(indentation, key, value) of each "KEY: value" line of ``text``, line by line (the value
    as it runs to the end of its line: white space at its end not stripped)."""
    out = []
    for line in text.splitlines():
        # some republished headers break a value's closing bracket onto the next line
        # ("[6211" / "]\t\tIRS NUMBER: ..."): the stray bracket is not part of the key
        # blank lines and tags ("<SEC-HEADER>", "<ACCEPTANCE-DATETIME>") do not match
        line = line.lstrip("]")
        m = _LINE.match(line)
        if m:
            out.append((m.group(1), m.group(2), line[m.end():]))
    return out


# _LINE over the whole text, a stray "]" and the value taken in: where "\n" is the only line
# break (every corpus header), ^ and . of a multi-line pattern see the lines str.splitlines
# gives. One findall, not a match a line (parse_sgml_header: 0.050 -> 0.040 ms/filing).
_KEY_LINES = re.compile(r"^\]*" + _LINE.pattern[1:] + r"(.*)", re.M)
_OTHER_LINE_BREAK = re.compile("[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")  # the rest of splitlines'


def _key_lines(text: str) -> list[tuple[str, str, str]]:
    """:func:`_key_lines_by_line`, with one search of the whole text where it can be."""
    if _OTHER_LINE_BREAK.search(text):
        return _key_lines_by_line(text)
    return _KEY_LINES.findall(text)


def parse_sgml_header(text: str) -> RawHeader:
    raw = RawHeader()
    block: RawBlock | None = None
    pending: str | None = None  # an empty top-level key: a block if indented lines follow
    section: dict[str, str] | None = None
    for indent_s, key, value in _key_lines(text):
        value = value.rstrip()
        indent = indent_s.count("\t") + indent_s.count(" ") // 4
        key = canonical_key(key)
        if indent == 0:
            if pending is not None:  # "ITEM INFORMATION:" with nothing under it
                raw.top.append((pending, ""))
            section, block, pending = None, None, None
            if value == "":
                pending = key
            else:
                raw.top.append((key, value))
            continue
        if pending is not None:
            block = RawBlock(role=pending)
            raw.blocks.append(block)
            pending = None
        if block is None:  # indented line outside a block: keep it at top level
            raw.top.append((key, value))
            continue
        if value == "" and (indent == 1 or _is_section(key)):
            section = {}
            block.sections.append((key, section))
        elif section is not None and indent >= 2:
            section.setdefault(key, value)
        else:
            block.fields.setdefault(key, value)
    return raw


# ---------------------------------------------------------------------------------------------
# Feed header: <TAG>value, leaf tags unclosed, container tags closed; may all sit on one line.

_TAG = re.compile(r"<(/?)([A-Za-z0-9][A-Za-z0-9\-]*)>([^<]*)")


def parse_tag_header(text: str) -> RawHeader:
    closers = {m.group(1).upper() for m in re.finditer(r"</([A-Za-z0-9\-]+)>", text)}
    raw = RawHeader()
    stack: list[str] = []
    # how many of each tag are open: ``tag in stack`` scanned the stack for every close
    # (quadratic on thousands of nested containers followed by unmatched closes)
    open_count: dict[str, int] = {}
    block: RawBlock | None = None
    section: dict[str, str] | None = None
    for m in _TAG.finditer(text):
        closing, tag, value = m.group(1), m.group(2).upper(), m.group(3).strip()
        if tag in ("SUBMISSION", "SEC-HEADER", "IMS-HEADER"):
            continue
        if closing:
            if open_count.get(tag):
                while True:
                    top = stack.pop()
                    open_count[top] -= 1
                    if top == tag:
                        break
            if len(stack) == 0:
                block, section = None, None
            elif len(stack) == 1:
                section = None
            continue
        if tag in closers and not value:  # a container
            stack.append(tag)
            open_count[tag] = open_count.get(tag, 0) + 1
            key = canonical_key(tag)
            if len(stack) == 1:
                block = RawBlock(role=key)
                raw.blocks.append(block)
                section = None
            elif len(stack) == 2 and block is not None:
                section = {}
                block.sections.append((key, section))
            continue
        key = canonical_key(tag)
        if not stack:
            raw.top.append((key, value))
        elif len(stack) >= 2 and section is not None:
            section.setdefault(key, value)
        elif block is not None:
            block.fields.setdefault(key, value)
    return raw


# ---------------------------------------------------------------------------------------------
# Typing.

#: A count or sequence number as EDGAR writes it: ASCII digits, at most nine significant ones.
#: ``str.isdigit`` is not the test: it accepts superscripts ("²") that ``int`` refuses, and
#: a value of thousands of digits (or one past 2**63, which databases refuse) is no count.
_SMALL_INT = re.compile(r"[ \t]*0*([0-9]{1,9})[ \t]*")


def small_int(value: str | None) -> int | None:
    """The value of a numeric header field ("3", "003"); None when it is not one."""
    if value and len(value) <= 9 and ascii_digits(value):
        # ASCII digits alone (every <SEQUENCE> and count of the corpus), which the pattern takes
        # whole: int() without the match (16 a filing: 0.020 -> 0.013 ms/filing)
        return int(value)
    m = _SMALL_INT.fullmatch(value) if value else None
    return int(m.group(1)) if m else None


def _address(section: dict[str, str] | None) -> Address | None:
    if not section:
        return None
    parts = {
        "street": section.get("STREET 1") or None,
        "street2": section.get("STREET 2") or None,
        "city": section.get("CITY") or None,
        "state": section.get("STATE") or None,
        "zip": section.get("ZIP") or None,
    }
    # tested before the Address is built (not on its model_dump): validation keeps each str as
    # given and the one other field (country) is None, so the test is the same
    return Address(**parts) if any(parts.values()) else None


_ROLE_NAMES = {
    "FILER": "filer",
    "SUBJECT COMPANY": "subject_company",
    "FILED BY": "filed_by",
    "REPORTING OWNER": "reporting_owner",
    "ISSUER": "issuer",
}

_FILER_KEYS = {
    "COMPANY CONFORMED NAME", "CENTRAL INDEX KEY", "STANDARD INDUSTRIAL CLASSIFICATION",
    "IRS NUMBER", "STATE OF INCORPORATION", "FISCAL YEAR END", "FORM TYPE", "SEC ACT",
    "SEC FILE NUMBER", "FILM NUMBER", "BUSINESS PHONE",
}


_SIC_CODE = re.compile(r"\[?(\d{3,4})\]?\s*$")  # "SERVICES-PREPACKAGED SOFTWARE [7372]" -> 7372


def _filer(block: RawBlock) -> Filer:
    flat: dict[str, str] = dict(block.fields)
    business: dict[str, str] | None = None
    mail: dict[str, str] | None = None
    former: list[FormerName] = []
    extra: dict[str, str] = {}
    for name, sec in block.sections:
        if name == "BUSINESS ADDRESS":
            business = sec
        elif name == "MAIL ADDRESS":
            mail = sec
        elif name == "FORMER COMPANY":
            if sec.get("FORMER CONFORMED NAME"):
                former.append(
                    FormerName(name=sec["FORMER CONFORMED NAME"], changed=compact_date(sec.get("DATE OF NAME CHANGE")))
                )
        else:
            for k, v in sec.items():
                flat.setdefault(k, v)
    for k, v in flat.items():
        if k not in _FILER_KEYS:
            extra[k] = v
    sic = flat.get("STANDARD INDUSTRIAL CLASSIFICATION")
    if sic:
        m = _SIC_CODE.search(sic)
        sic = m.group(1) if m else sic
    phone = flat.get("BUSINESS PHONE") or (business or {}).get("BUSINESS PHONE")
    # trusted (every field given, each of its type: str or None, the Addresses and FormerNames
    # built above, a list and a dict of this call's own): tests/test_reader_header.py checks
    # that validating gives the same instance
    return Filer.trusted({
        "role": _ROLE_NAMES.get(block.role, block.role.lower().replace(" ", "_")),
        "name": flat.get("COMPANY CONFORMED NAME"),
        "cik": flat.get("CENTRAL INDEX KEY"),
        "sic": sic or None,
        "irs_number": flat.get("IRS NUMBER") or None,
        "state_of_incorporation": flat.get("STATE OF INCORPORATION") or None,
        "fiscal_year_end": flat.get("FISCAL YEAR END") or None,
        "form_type": flat.get("FORM TYPE") or None,
        "sec_act": flat.get("SEC ACT") or None,
        "file_number": flat.get("SEC FILE NUMBER") or None,
        "film_number": flat.get("FILM NUMBER") or None,
        "business_address": _address(business),
        "mail_address": _address(mail),
        "phone": phone or None,
        "former_names": former,
        "extra": extra,
    })


_TOP_KEYS = {
    "ACCESSION NUMBER", "CONFORMED SUBMISSION TYPE", "CONFORMED PERIOD OF REPORT",
    "FILED AS OF DATE", "ACCEPTANCE DATETIME", "ITEM INFORMATION", "PUBLIC DOCUMENT COUNT",
}


def _clip(value: str, n: int = 80) -> str:
    """A field's value as quoted in an anomaly: hostile values may be megabytes long."""
    return value if len(value) <= n else value[:n] + "..."


#: (ITEM INFORMATION title, legacy era) -> item code: filings repeat the same few titles;
#: bounded like ``_CANONICAL``
_ITEM_CODES: dict[tuple[str, bool | None], str | None] = {}


def _code_for_title(title: str, legacy: bool | None) -> str | None:
    key = (title, legacy)
    if key in _ITEM_CODES:
        return _ITEM_CODES[key]
    code = itemcodes.code_for_title(title, legacy=legacy)
    if len(_ITEM_CODES) < _CANONICAL_MAX:
        _ITEM_CODES[key] = code
    return code


def build_header(raw: RawHeader, *, accepted: str | None = None) -> tuple[Header, list[Anomaly]]:
    """Type a :class:`RawHeader`. Returns the header and anomalies found on the way."""
    anomalies: list[Anomaly] = []
    top: dict[str, str] = {}
    item_values: list[str] = []
    extra: dict[str, str] = {}
    for k, v in raw.top:
        if k == "ITEM INFORMATION":
            if v:
                item_values.append(v)
        elif k in _TOP_KEYS:
            top.setdefault(k, v)
        elif k in extra:
            extra[k] = f"{extra[k]}\n{v}"
        else:
            extra[k] = v
    filed = compact_date(top.get("FILED AS OF DATE"))
    legacy = itemcodes.is_legacy_date(filed)
    codes: list[str] = []
    for v in item_values:
        code = _code_for_title(v, legacy)
        if code is None:
            anomalies.append(
                Anomaly(code="header_item_unknown", message=f"header item {v!r} matches no known item", text=v)
            )
        elif code not in codes:
            codes.append(code)
    for key in ("CONFORMED PERIOD OF REPORT", "FILED AS OF DATE"):
        if top.get(key) and compact_date(top[key]) is None:
            anomalies.append(
                Anomaly(code="header_bad_date", message=f"header {key} {_clip(top[key])!r} is not a valid date",
                        text=_clip(top[key]))
            )
    doc_count = top.get("PUBLIC DOCUMENT COUNT")
    if doc_count and small_int(doc_count) is None:
        anomalies.append(Anomaly(
            code="header_bad_number",
            message=f"header PUBLIC DOCUMENT COUNT {_clip(doc_count)!r} is not a document count",
            text=_clip(doc_count),
        ))
    header = Header.trusted({  # as the Filer (see _filer)
        "accession_number": top.get("ACCESSION NUMBER") or None,
        "form_type": top.get("CONFORMED SUBMISSION TYPE") or None,
        "period": compact_date(top.get("CONFORMED PERIOD OF REPORT")),
        "filed": filed,
        "accepted": compact_datetime(top.get("ACCEPTANCE DATETIME") or accepted),
        "document_count": small_int(doc_count),
        "items": codes,
        "item_titles": item_values,
        "filers": [_filer(b) for b in raw.blocks],
        "extra": extra,
    })
    return header, anomalies

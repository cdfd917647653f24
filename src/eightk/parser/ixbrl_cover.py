"""Inline-XBRL cover facts (``dei:``) into the filing's registrants and date of report.

Since 2019 the cover page of an 8-K is tagged: the registrant's name, state of incorporation,
file number, tax id, address, phone, 12(b) securities and emerging-growth status, and the date
of report (``dei:DocumentPeriodEndDate``). The tags are the filer's own structured statement
of the cover, so they take precedence over what the grammar read from the cover's text; each
value taken from them is marked ``sources[field] = "ixbrl"``, and where the grammar read a
different value from the text (or a hidden tagged value is nowhere in the visible text) an
anomaly records both.

Combined filings (several registrants on one cover) tag each co-registrant's facts in a
context with a ``dei:LegalEntityAxis`` member; facts without that dimension belong to the
first registrant.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

from eightk.documents.blocks import DocumentView
from eightk.documents.ixbrl import transform
from eightk.model import Address, Anomaly, Filing, Registrant, Span
from eightk.parser.crosscheck import names_agree, norm_file_number, norm_irs, norm_name
from eightk.parser.states import state_code

_ENTITY_AXIS = "dei:LegalEntityAxis"

# dei element -> (registrant field, kind)
_SIMPLE = {
    "dei:EntityRegistrantName": "name",
    "dei:EntityIncorporationStateCountryCode": "state_of_incorporation",
    "dei:EntityFileNumber": "commission_file_number",
    "dei:EntityTaxIdentificationNumber": "irs_employer_id",
    "dei:EntityCentralIndexKey": "cik",
    "dei:EntityInformationFormerLegalOrRegisteredName": "former_name",
}
_ADDRESS = {
    "dei:EntityAddressAddressLine1": "street",
    "dei:EntityAddressAddressLine2": "street2",
    "dei:EntityAddressCityOrTown": "city",
    "dei:EntityAddressStateOrProvince": "state",
    "dei:EntityAddressPostalZipCode": "zip",
    "dei:EntityAddressCountry": "country",
}
# values that say "none" rather than give one (a cover's "N/A" former name, "None" symbol)
_NONE = re.compile(r"^(n/?a|none|not applicable|inapplicable|-+|—|–)?\.?$", re.I)
# the separator of a list of symbols or exchanges in one value or cell ("AAA, AAB; AAC")
_LIST_SEP = re.compile(r"\s*[,;]\s*")


def _split_list(value: str) -> list[str] | tuple[str]:
    """The parts of a list of symbols or exchanges (the value itself when it holds no separator)."""
    return _LIST_SEP.split(value) if ("," in value or ";" in value) else (value,)


def _key(fact: dict[str, Any]) -> str | None:
    return fact["dimensions"].get(_ENTITY_AXIS)


def _usable(fact: dict[str, Any]) -> bool:
    return fact["error"] is None and fact["value"] not in (None, "") and not _NONE.match(fact["value"])


def _shown(fact: dict[str, Any]) -> bool:
    """Whether the fact has a span: it is visible and its place was marked."""
    return not fact["hidden"] and fact["start"] is not None


def _span(view: DocumentView, fact: dict[str, Any]) -> Span | None:
    return _span_over(view, (fact,))


def _span_over(view: DocumentView, facts: Iterable[dict[str, Any] | None]) -> Span | None:
    """One Span over the shown facts of ``facts`` (the parts of a phone or an address); None
    when none is shown."""
    start = end = -1
    for f in facts:  # one pass, not a list and a min() and a max() over it (one fact, most often)
        if f is not None and _shown(f):
            if start < 0 or f["start"] < start:
                start = f["start"]
            end = max(end, f["end"])
    return Span.at(start, end, view.sequence) if start >= 0 else None


_TWO_LETTERS = re.compile(r"[A-Za-z]{2}")
_NON_ALNUM = re.compile(r"[^a-z0-9]")


def _state(value: str) -> str:
    v = value.strip()
    if _TWO_LETTERS.fullmatch(v):
        return v.upper()
    return state_code(v) or v


def _same(field: str, a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    if field == "name":
        return names_agree(a, b)
    if field == "commission_file_number":
        return norm_file_number(a) == norm_file_number(b)
    if field in ("irs_employer_id", "phone", "cik"):
        return norm_irs(a).lstrip("0") == norm_irs(b).lstrip("0")
    if field == "state_of_incorporation":
        return _state(a).upper() == _state(b).upper()
    return " ".join(a.lower().split()) == " ".join(b.lower().split())


_NAME_HEAD = 1000


def _visible(view: DocumentView, value: str, field: str, plain: dict[str, str]) -> bool:
    """Whether ``value`` appears in the visible text (letters and digits only, any case; names
    compared as EDGAR conformed names are spelled: "ACME CORP /DE/" = "Acme Corporation").
    ``plain`` keeps the two spellings of the view's text for the parse (each a pass over the
    whole text, ~0.5 ms on a long document, asked once per hidden fact)."""
    if field == "name":
        key = norm_name(value)
        if not key:
            return True
        # the cover names the registrant at the top: the text up to a space past _NAME_HEAD is
        # read first (its normalised words are the first of the whole text's, but for a state
        # suffix at its end, which norm_name drops: a key in them is in the whole text's). The
        # 11 hidden names of the corpus are all there (texts of 3,000-8,300 characters:
        # 3.9 -> 0.9 ms a pass over the corpus); any other is looked up in the whole text as before
        cut = view.text.find(" ", _NAME_HEAD)
        if cut > 0:
            if "name_head" not in plain:
                plain["name_head"] = norm_name(view.text[:cut])
            if key in plain["name_head"]:
                return True
        if "name" not in plain:
            plain["name"] = norm_name(view.text)
        return key in plain["name"]
    key = _NON_ALNUM.sub("", value.lower())
    if not key:
        return True
    if "alnum" not in plain:
        plain["alnum"] = _NON_ALNUM.sub("", view.text.lower())
    return key in plain["alnum"]


def _match(regs: list[Registrant], reg: Registrant) -> Registrant | None:
    """The text registrant ``reg`` describes: same tax id, else same name, else the first."""
    for r in regs:
        if reg.irs_employer_id and r.irs_employer_id and norm_irs(reg.irs_employer_id) == norm_irs(r.irs_employer_id):
            return r
    for r in regs:
        if reg.name and r.name and names_agree(reg.name, r.name):
            return r
    return regs[0] if regs else None


class _AddressFact(NamedTuple):
    """A tagged part of an address, for the registrant it belongs to."""

    reg: Registrant
    fact: dict[str, Any]
    attr: str  # the Address field


def _read_symbols(reg: Registrant, value: str) -> None:
    # one symbol may hold spaces ("JPM PR D", "FDX 25A"): split on commas only
    for sym in _split_list(value):
        if sym and not _NONE.match(sym) and sym not in reg.trading_symbols:
            reg.trading_symbols.append(sym)
    reg.sources["trading_symbols"] = "ixbrl"


def _read_exchange(reg: Registrant, value: str) -> None:
    if value not in reg.exchanges:
        reg.exchanges.append(value)
    reg.sources["exchanges"] = "ixbrl"


def _read_egc(reg: Registrant, value: str) -> None:
    if "emerging_growth_company" not in reg.sources:
        reg.emerging_growth_company = value.lower() == "true"
        reg.sources["emerging_growth_company"] = "ixbrl"


# dei element -> reader of a registrant's list or flag
_OTHER: dict[str, Callable[[Registrant, str], None]] = {
    "dei:TradingSymbol": _read_symbols,
    "dei:SecurityExchangeName": _read_exchange,
    "dei:EntityEmergingGrowthCompany": _read_egc,
}
# the phone's parts: paired per registrant once every fact is read
_PHONE = ("dei:CityAreaCode", "dei:LocalPhoneNumber")


class _Reading:
    """The registrants read from the ``dei:`` facts, one per entity-axis member (``None``: the
    untagged context), and the anomalies met on the way."""

    def __init__(self, view: DocumentView) -> None:
        self.view = view
        self.by_key: dict[str | None, Registrant] = {}
        self.anomalies: list[Anomaly] = []
        self.hidden_checked: set[str] = set()
        self.plain_text: dict[str, str] = {}  # the view's text normalised, for _visible
        self.address_facts: list[_AddressFact] = []

    def registrant(self, fact: dict[str, Any]) -> Registrant:
        k = _key(fact)
        if k not in self.by_key:
            self.by_key[k] = Registrant()
        return self.by_key[k]

    def fact(self, name: str, fact: dict[str, Any]) -> None:
        """One cover fact: its failed transform, then its value into its registrant."""
        if fact["error"] is not None:
            self.anomalies.append(Anomaly(
                code="ixbrl_transform_failed",
                message=f"{name}: {fact['error']}; the value is read from its text",
                text=fact["text"][:200], span=_span(self.view, fact),
            ))
        if not _usable(fact):
            return
        reg = self.registrant(fact)
        if name in _SIMPLE:
            self.simple(reg, _SIMPLE[name], fact)
        elif name in _ADDRESS:
            self.address_facts.append(_AddressFact(reg, fact, _ADDRESS[name]))
        elif name in _OTHER:
            _OTHER[name](reg, fact["value"])

    def simple(self, reg: Registrant, field: str, fact: dict[str, Any]) -> None:
        """A one-value field; the first tagged value wins (covers repeat facts). A hidden name or
        identifier the visible text does not show is an anomaly (once per field)."""
        if field in reg.sources:
            return
        value = fact["value"]
        span = _span(self.view, fact)
        if field == "state_of_incorporation":
            value = _state(value)
        setattr(reg, field, value)
        reg.sources[field] = "ixbrl"
        if span:
            reg.spans[field] = span
        if fact["hidden"] and field in ("name", "commission_file_number", "irs_employer_id") \
                and field not in self.hidden_checked and not _visible(self.view, value, field, self.plain_text):
            self.hidden_checked.add(field)
            self.anomalies.append(Anomaly(
                code="ixbrl_hidden_value_not_shown",
                message=f"the hidden tagged {field.replace('_', ' ')} {value!r} is not in the visible text",
                text=value,
            ))

    def phones(self, facts: dict[str, list[dict[str, Any]]]) -> None:
        """Phone: city area code + local number, per registrant."""
        view = self.view
        areas = {_key(f): f for f in facts.get("dei:CityAreaCode", ()) if _usable(f)}
        for local in facts.get("dei:LocalPhoneNumber", ()):
            if not _usable(local):
                continue
            reg = self.registrant(local)
            if "phone" in reg.sources:
                continue
            area = areas.get(_key(local)) or areas.get(None)
            digits = norm_irs(area["value"]) if area else ""
            reg.phone = f"({digits}) {local['value']}" if digits else local["value"]
            reg.sources["phone"] = "ixbrl"
            span = _span_over(view, (area, local))
            if span is not None:
                reg.spans["phone"] = span

    def registrants(self) -> list[Registrant]:
        """The registrant of the untagged (no entity dimension) context first: the parent of a
        combined filing; co-registrants follow in order of appearance. A registrant with neither
        a name nor an identifier (only 12(b) rows of a class-of-stock context, say) is not a
        registrant of its own: its symbols and exchanges fold into the first."""
        by_key = self.by_key
        regs = ([by_key[None]] if None in by_key else []) + [r for k, r in by_key.items() if k is not None]
        keep = [r for r in regs if r.name or r.commission_file_number or r.irs_employer_id]
        if keep:
            first = keep[0]
            for r in regs:
                if r not in keep:
                    for s in r.trading_symbols:
                        if s not in first.trading_symbols:
                            first.trading_symbols.append(s)
                    for e in r.exchanges:
                        if e not in first.exchanges:
                            first.exchanges.append(e)
        return keep


def ixbrl_registrants(view: DocumentView) -> tuple[list[Registrant], list[Anomaly]]:
    """The registrants the ``dei:`` cover facts describe, in order of first appearance."""
    facts = view.ixbrl
    reading = _Reading(view)
    # names first, so registrants are ordered as their names are
    order = ["dei:EntityRegistrantName", *[n for n in facts if n != "dei:EntityRegistrantName"]]
    for name in order:
        if name not in _SIMPLE and name not in _ADDRESS and name not in _OTHER and name not in _PHONE:
            continue
        for fact in facts.get(name, ()):
            reading.fact(name, fact)
    _apply_addresses(view, reading.address_facts)
    reading.phones(facts)
    return reading.registrants(), reading.anomalies


_ADDRESS_TYPE_AXIS = "dei:EntityAddressesAddressTypeAxis"


def _apply_addresses(view: DocumentView, facts: list[_AddressFact]) -> None:
    """Each registrant's tagged address, and its former address kept apart: facts on the
    address-type axis say which address they describe (a former one, or a mailing address,
    which is not the principal office); untyped facts are read in document order, and a part
    tagged a second time (a second street line 1) starts the second address, which a cover
    prints under "(Former name or former address ...)"."""
    groups: dict[int, list[dict[str, Any]]] = {}
    current: dict[int, int] = {}  # registrant -> the untyped address being read (0, then 1)
    ordered = sorted(facts, key=lambda t: (t.fact["start"] is None, t.fact["start"] or 0))
    for reg, fact, attr in ordered:
        kind = fact["dimensions"].get(_ADDRESS_TYPE_AXIS)
        if kind is not None and "former" not in kind.lower():
            continue  # a mailing or other address: not the principal office
        parts = groups.setdefault(id(reg), [{}, {}])
        if kind is None and attr == "street" and "street" in parts[current.get(id(reg), 0)]:
            current[id(reg)] = 1  # a second first line of street: the second address begins
        parts[1 if kind is not None else current.get(id(reg), 0)].setdefault(attr, (fact, reg))
    for parts in groups.values():
        for which, part in enumerate(parts):
            if not part:
                continue
            field = "address" if which == 0 else "former_address"
            reg = next(iter(part.values()))[1]  # (a group is one registrant's)
            addr = getattr(reg, field) or Address()
            for attr, (fact, _) in part.items():
                value = fact["value"]
                setattr(addr, attr, _state(value) if attr == "state" else value)
            setattr(reg, field, addr)
            reg.sources[field] = "ixbrl"
            # one Span over the visible parts (585 validated Spans, one a part, cost 3 us each)
            span = _span_over(view, (fact for fact, _ in part.values()))
            if span is not None:
                reg.spans[field] = span


def ixbrl_date_of_report(view: DocumentView) -> tuple[dt.date, dict[str, Any]] | None:
    for fact in view.ixbrl.get("dei:DocumentPeriodEndDate", ()):
        if fact["error"] is None and fact["value"] and _key(fact) is None:
            try:
                return dt.date.fromisoformat(fact["value"]), fact
            except ValueError:
                continue
    return None


_FIELDS = ("name", "state_of_incorporation", "commission_file_number", "irs_employer_id", "phone",
           "former_name", "cik", "emerging_growth_company")


_SYMBOL_HEAD = re.compile(r"trading\s+symbol", re.I)
_EXCHANGE_HEAD = re.compile(r"exchange", re.I)
_EGC = re.compile(r"emerging\s+growth\s+company\W{0,3}([☐☒☑✓✔□■xX])\s*$", re.I)
_COVER_BLOCKS = 150
# Cheap tests before the two searches above, run on every block of the cover: a match holds
# "ymbol" / "merg" in some case, and no character but these letters' two cases matches one of
# them under re.IGNORECASE (the non-ASCII ones that match ASCII letters stand for i, k and s),
# so str.lower() of the text holds it too.
_SYMBOL_KEY = "ymbol"
_EGC_KEY = "merg"
_HEAD_LINE = re.compile(r"registered|symbol", re.I)
_SYMBOL = re.compile(r"[A-Za-z][A-Za-z0-9.\-/ ]{0,24}")


def _exchange_code(exc: str, codes: dict[str, str]) -> str:
    """The exchange code of a 12(b) row's exchange name (memoised in ``codes``: every row of a
    table names the same exchange or two)."""
    code = codes.get(exc)
    if code is None:
        try:
            code = transform("ixt-sec:exchnameen", exc)
        except ValueError:
            code = exc
        codes[exc] = code
    return code


def read_12b_table(view: DocumentView) -> tuple[list[str], list[str], Span | None]:
    """Trading symbols and exchange codes printed in the cover's "Securities registered pursuant
    to Section 12(b)" table (HTML rows: the column under "Trading Symbol(s)" and the one under
    "Name of each exchange"). Hand-written: the table is part of the 8-K form since 2019."""
    blocks = view.blocks[:_COVER_BLOCKS]
    for i, b in enumerate(blocks):
        if not b.cells or _SYMBOL_KEY not in b.text.lower() or not _SYMBOL_HEAD.search(b.text):
            continue
        sym_col = next((k for k, c in enumerate(b.cells) if _SYMBOL_HEAD.search(c.text)), None)
        ex_col = next((k for k, c in enumerate(b.cells) if _EXCHANGE_HEAD.search(c.text)), None)
        symbols: list[str] = []
        exchanges: list[str] = []
        start = end = None
        codes: dict[str, str] = {}
        for nb in view.blocks[i + 1:i + 120]:
            if not nb.cells:
                if nb.in_table:
                    continue  # a line of one cell only (a wrapped class title)
                break
            cells = nb.cells
            sym = cells[sym_col].text.strip() if sym_col is not None and sym_col < len(cells) else ""
            exc = cells[ex_col].text.strip() if ex_col is not None and ex_col < len(cells) else ""
            if not sym and _HEAD_LINE.search(nb.text):
                continue  # the header's second line ("on which registered")
            for v in _split_list(sym):
                if v and not _NONE.match(v) and _SYMBOL.fullmatch(v) and v not in symbols:
                    symbols.append(v)
            if exc and not _NONE.match(exc):
                code = _exchange_code(exc, codes)
                if code not in exchanges:
                    exchanges.append(code)
            start = nb.start if start is None else start
            end = nb.end
        span = Span.at(start, end, view.sequence) if start is not None and end is not None else None  # set together
        return symbols, exchanges, span
    return [], [], None


def _text_cover_extras(view: DocumentView, filing: Filing) -> None:
    """12(b) symbols and the emerging-growth check box from the cover's text, for the first
    registrant (the text's values; the tags, read after, take precedence)."""
    if not filing.registrants:
        return
    reg = filing.registrants[0]
    symbols, exchanges, span = read_12b_table(view)
    if symbols and not reg.trading_symbols:
        reg.trading_symbols = symbols
        reg.sources["trading_symbols"] = "text"
        if span:
            reg.spans["trading_symbols"] = span
    if exchanges and not reg.exchanges:
        reg.exchanges = exchanges
        reg.sources["exchanges"] = "text"
    if reg.emerging_growth_company is None:
        for b in view.blocks[:_COVER_BLOCKS]:
            t = b.text
            m = _EGC.search(t) if len(t) < 80 and _EGC_KEY in t.lower() else None
            if m:
                reg.emerging_growth_company = m.group(1) not in "☐□"
                reg.sources["emerging_growth_company"] = "text"
                break


def _merge_fields(view: DocumentView, filing: Filing, i: int, old: Registrant, ix: Registrant) -> None:
    """The tagged one-value fields of registrant ``i`` into the text's; a hidden fact (ix:hidden)
    is for machines: what the cover shows is the document, so a visible text value stays."""
    for field in _FIELDS:
        if field not in ix.sources:
            continue
        new, prev = getattr(ix, field), getattr(old, field)
        from_text = old.sources.get(field) == "text" and prev is not None
        hidden = field not in ix.spans and field not in ("cik", "emerging_growth_company")
        if from_text and not _same(field, str(new), str(prev)):
            span = old.spans.get(field)
            kept = "the visible text's value is kept" if hidden else "the tagged value is kept"
            filing.anomalies.append(Anomaly(
                code="ixbrl_text_mismatch",
                message=f"registrant {i + 1}: the tagged {'(hidden) ' if hidden else ''}"
                f"{field.replace('_', ' ')} {new!r} differs from the text's {prev!r}; {kept}",
                text=view.text[span.start:span.end] if span and span.document == view.sequence else str(prev),
                span=span,
            ))
        if from_text and hidden:
            continue
        setattr(old, field, new)
        old.sources[field] = "ixbrl"
        if field in ix.spans:
            old.spans[field] = ix.spans[field]


def _merge_addresses(old: Registrant, ix: Registrant) -> None:
    """The tagged parts of the address and former address over the text's."""
    for field in ("address", "former_address"):
        tagged_address = getattr(ix, field)
        if tagged_address is None:
            continue
        base = getattr(old, field) or Address()
        for attr in ("street", "street2", "city", "state", "zip", "country"):
            v = getattr(tagged_address, attr)
            if v is not None:
                setattr(base, attr, v)
        setattr(old, field, base)
        old.sources[field] = "ixbrl"
        if field in ix.spans:
            old.spans[field] = ix.spans[field]


def _merge_lists(filing: Filing, i: int, old: Registrant, ix: Registrant) -> None:
    """The tagged trading symbols and exchanges replace the 12(b) table's."""
    for attr in ("trading_symbols", "exchanges"):
        shown = getattr(old, attr)
        if getattr(ix, attr) and old.sources.get(attr) == "text" and set(shown) != set(getattr(ix, attr)):
            filing.anomalies.append(Anomaly(
                code="ixbrl_text_mismatch",
                message=f"registrant {i + 1}: the tagged {attr.replace('_', ' ')} {getattr(ix, attr)} differ "
                f"from the 12(b) table's {shown}; the tagged values are kept",
            ))
        if getattr(ix, attr):
            setattr(old, attr, list(getattr(ix, attr)))
            old.sources[attr] = "ixbrl"


def _apply_date_of_report(view: DocumentView, filing: Filing) -> None:
    """The tagged date of report (dei:DocumentPeriodEndDate) over the text's or the header's."""
    for fact in view.ixbrl.get("dei:DocumentPeriodEndDate", ()):
        if fact["error"] is not None:
            filing.anomalies.append(Anomaly(
                code="ixbrl_transform_failed",
                message=f"dei:DocumentPeriodEndDate: {fact['error']}",
                text=fact["text"][:200], span=_span(view, fact),
            ))
    got = ixbrl_date_of_report(view)
    if got is None:
        return
    date, fact = got
    prev = filing.date_of_report
    if prev is not None and prev != date:
        was = filing.sources.get("date_of_report", "text or header")
        filing.anomalies.append(Anomaly(
            code="ixbrl_text_mismatch" if was == "text" else "ixbrl_date_mismatch",
            message=f"the tagged date of report {date.isoformat()} differs from the {was} date "
            f"{prev.isoformat()}; the tagged value is kept",
            text=fact["text"], span=_span(view, fact),
        ))
    filing.date_of_report = date
    filing.sources["date_of_report"] = "ixbrl"


def apply_ixbrl(view: DocumentView, filing: Filing) -> None:
    """Put the ``dei:`` cover facts of ``view`` into ``filing`` (see the module docstring).
    The cover's 12(b) table and emerging-growth box are read from the text first, so filings
    without tags get them too and tagged ones are cross-checked."""
    _text_cover_extras(view, filing)
    if not view.ixbrl:
        return
    tagged, anomalies = ixbrl_registrants(view)
    filing.anomalies.extend(anomalies)
    text_regs = list(filing.registrants)
    merged: list[Registrant] = []
    for i, ix in enumerate(tagged):
        old = _match([r for r in text_regs if r not in merged], ix) if len(tagged) > 1 else (
            text_regs[0] if text_regs else None)
        if old is None:
            merged.append(ix)
            continue
        _merge_fields(view, filing, i, old, ix)
        _merge_addresses(old, ix)
        _merge_lists(filing, i, old, ix)
        merged.append(old)
    # text registrants the tags do not describe stay (a cover may name more than it tags)
    filing.registrants = merged + [r for r in text_regs if r not in merged]
    _apply_date_of_report(view, filing)

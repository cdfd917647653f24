"""Inline XBRL: the facts (``ix:nonNumeric``, ``ix:nonFraction``) and contexts of an HTML document.

The HTML front end (:mod:`eightk.documents.html`) walks the tree once and reports iXBRL
elements to an :class:`IxCollector`; the collector keeps each fact's raw text, applies the
``format`` transform (and ``scale`` / ``sign`` for numbers) and resolves ``contextRef`` to the
context's period and dimensions. Facts in ``ix:hidden`` are kept with ``hidden=True`` and no
span.

``DocumentView.ixbrl`` maps a fact name (``"dei:EntityRegistrantName"``) to a list of dicts::

    {"value": str | None, "text": str, "context": str | None, "format": str | None,
     "dimensions": {axis: member}, "period": (start, end) | None,
     "start": int | None, "end": int | None, "hidden": bool, "error": str | None}

``value`` is the transformed value (ISO date, ``"true"``/``"false"``, an exchange code, a
plain decimal number; state names are left as written for the parser's state table);
``error`` names a transform that did not apply, and ``value`` is then the folded text.

The transforms are hand-written (dates by :func:`eightk.dates.ordered_date`, with the month
table and validation of every other date reader): the Inline XBRL Transformation Registry is a
fixed, small specification and the only Python implementation (Arelle) is a whole XBRL processor.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from eightk.dates import ordered_date
from eightk.model import Anomaly

# Exchange names as printed on covers -> the codes of the dei exchange enumeration
# (ixt-sec:exchnameen). Ordered: the first pattern that matches wins. Each pattern comes with
# words one of which any match holds (lower case), so that in ASCII text (where re.IGNORECASE
# is str.lower(): other characters fold to ASCII letters, the Kelvin sign to "k") the patterns
# whose words are absent are skipped: "New York Stock Exchange", the most common name, is the
# seventh (the 263 tagged names of the corpus: 3.9 -> 1.8 us each).
_EXCHANGES: list[tuple[re.Pattern[str], str, tuple[str, ...]]] = [
    (re.compile(r"nyse\s*arca|arca", re.I), "NYSEArca", ("arca",)),
    (re.compile(r"nyse\s*(american|mkt)|american stock exchange", re.I), "NYSEAMER", ("nyse", "american")),
    (re.compile(r"nyse\s*national", re.I), "NYSENAT", ("nyse",)),
    (re.compile(r"nasdaq\s*(omx\s*)?bx|boston stock exchange", re.I), "BX", ("nasdaq", "boston")),
    (re.compile(r"phlx|philadelphia", re.I), "PHLX", ("phlx", "philadelphia")),
    (re.compile(r"nasdaq", re.I), "NASDAQ", ("nasdaq",)),
    (re.compile(r"new york stock exchange|\bnyse\b", re.I), "NYSE", ("new york", "nyse")),
    (re.compile(r"chicago stock exchange|\bchx\b", re.I), "CHX", ("chicago", "chx")),
    (re.compile(r"chicago board options|\bcboe\b", re.I), "CBOE", ("chicago", "cboe")),
    (re.compile(r"investors.? exchange|\biex\b", re.I), "IEX", ("investors", "iex")),
    (re.compile(r"long.term stock exchange|\bltse\b", re.I), "LTSE", ("long", "ltse")),
    (re.compile(r"members exchange|\bmemx\b", re.I), "MEMX", ("members", "memx")),
    (re.compile(r"\bmiax\b|miami international", re.I), "MIAX", ("miax", "miami")),
    (re.compile(r"\bbox\b", re.I), "BOX", ("box",)),
]


def _exchange(folded: str) -> str:
    """The exchange code of a name (ixt-sec:exchnameen); ValueError when none matches."""
    low = folded.lower() if folded.isascii() else None
    for pat, code, words in _EXCHANGES:
        if low is not None:
            for w in words:
                if w in low:
                    break
            else:
                continue  # no word of the pattern: it cannot match
        if pat.search(folded):
            return code
    raise ValueError(f"unknown exchange name: {folded!r}")


_CHECKED = set("☒☑✓✔✗✘xX■")
_UNCHECKED = set("☐□o")
_NUM_RE = re.compile(r"[0-9][0-9.,\s]*")
_SCALE_RE = re.compile(r"\s*([-+]?[0-9]{1,2})\s*")


def _fold(s: str) -> str:
    return " ".join(s.split())


def _number(s: str, decimal: str) -> Decimal:
    m = _NUM_RE.search(s)
    if not m:
        if s.strip() in ("-", "—", "–", ""):
            return Decimal(0)  # ixt:fixed-zero / zerodash
        raise ValueError(f"not a number: {s!r}")
    raw = re.sub(r"\s", "", m.group())
    if decimal == ",":
        raw = raw.replace(".", "").replace(",", ".")
    else:
        raw = raw.replace(",", "")
    raw = raw.rstrip(".")
    try:
        return Decimal(raw)
    except InvalidOperation as e:
        raise ValueError(f"not a number: {s!r}") from e


def transform(fmt: str | None, text: str) -> str:
    """Apply an iXBRL ``format`` transform to a fact's text; raises ValueError when it does not apply."""
    return _transform_folded(fmt, _fold(text))


def _transform_folded(fmt: str | None, folded: str) -> str:
    """:func:`transform` of text whose white space is already folded."""
    if not fmt:
        return folded
    name = fmt.rsplit(":", 1)[-1].lower().replace("-", "").replace("_", "")
    if name in ("booleanfalse", "fixedfalse"):
        return "false"
    if name in ("booleantrue", "fixedtrue"):
        return "true"
    if name in ("fixedzero", "zerodash", "numzerodash", "nocontent", "fixedempty"):
        return "0" if "zero" in name else ""
    if name == "boolballotbox":
        chars = set(folded.replace(" ", ""))
        if chars & _CHECKED:
            return "true"
        if chars & _UNCHECKED or not chars:
            return "false"
        raise ValueError(f"not a ballot box: {folded!r}")
    if name in ("exchnameen",):
        return _exchange(folded)
    if name.startswith("date"):
        body = name[4:]
        if body.startswith(("dayyear", "yearmonth")) and "day" not in body[9:]:
            raise ValueError(f"unsupported date format {fmt}")
        if body.startswith(("day", "dd")):
            order = "dmy"
        elif body.startswith(("year", "yy")):
            order = "ymd"
        elif body.startswith(("monthday", "monthnameday", "mmdd", "longmonthday")) and "year" not in body:
            order = "md"
        else:
            order = "mdy"
        return ordered_date(folded, order)
    if name.startswith("num"):
        # TR1 numdotcomma / numspacecomma and TR3+ num-comma-decimal write the decimal with a comma
        decimal = "," if name in ("numcommadecimal", "numspacecomma", "numdotcomma", "numcomma") else "."
        return str(_number(folded, decimal))
    if name in ("stateprovnameen", "entityfilertype", "duryear", "durmonth", "durday", "edgarprovcountryen",
                "countrynameen"):
        return folded
    raise ValueError(f"unsupported format {fmt}")


#: The elements :meth:`IxCollector.start_other` and :meth:`IxCollector.end_other` read (they
#: do nothing with any other: the compiled walk reports only these, without reading the
#: attributes of the others).
_MEMBER_TAGS = ("xbrldi:explicitmember", "xbrldi:typedmember")
_DATE_TAGS = ("xbrli:startdate", "xbrli:enddate", "xbrli:instant")
OTHER_TAGS = frozenset(("xbrli:context", *_MEMBER_TAGS, *_DATE_TAGS))

#: Facts nested deeper than this in other facts are not collected (their text stays visible):
#: every open fact keeps the text of the facts inside it, so depth multiplies memory. Real
#: filings nest a handful deep (4 at most in the development corpus).
MAX_FACT_DEPTH = 16
#: Facts past this many in one document are not collected (80 at most in the corpus).
MAX_FACTS = 20_000


def period_of(dates: dict[str, list[str]]) -> tuple[str | None, str | None] | None:
    """A context's period from the text captured for its date elements (``dates``: tag ->
    text parts): (instant, instant), (start, end), or None without dates. (Both walks close a
    context with it: the compiled one, :mod:`eightk.documents._cwalk`, calls it too.)"""
    instant = dates.get("xbrli:instant")
    if instant is not None:
        day = _fold("".join(instant))
        return day, day
    if not dates:
        return None
    start, end = dates.get("xbrli:startdate"), dates.get("xbrli:enddate")
    return (None if start is None else _fold("".join(start)), None if end is None else _fold("".join(end)))


class IxCollector:
    """Receives the iXBRL elements of one walk (see :mod:`eightk.documents.html`). The compiled
    walk (:mod:`eightk.documents._cwalk`) applies the rules of the methods and of :meth:`result`
    itself, compiled (with :func:`_value`'s transforms), and hands the ``n_too_deep`` and
    ``n_over`` it counted to an IxCollector for :meth:`anomalies`: a change of rule here is made
    there too (``tests/test_cwalk.py`` compares the facts of the two walks)."""

    __slots__ = ("facts", "stack", "caps", "open", "exclude", "contexts", "_ctx", "_member", "too_deep",
                 "n_too_deep", "n_over")

    def __init__(self) -> None:
        # (name, tag, contextRef, format, scale, sign, hidden, text buffer): a tuple, not a dict
        # (a fact's record is made once per fact and read once, by result)
        self.facts: list[tuple[str | None, str, str | None, str | None, str | None, str | None, bool,
                               list[str]]] = []
        self.stack: list[int] = []  # open facts
        self.too_deep = 0  # open facts that are not collected (nested past MAX_FACT_DEPTH)
        self.n_too_deep = 0  # facts not collected for their depth ...
        self.n_over = 0  # ... and for their number
        self.caps: list[list[str]] = []  # open text captures (facts, members, dates)
        self.open = False  # any capture open: the walker sends text only then
        self.exclude = 0
        self.contexts: dict[str, dict[str, Any]] = {}
        self._ctx: dict[str, Any] | None = None
        self._member: tuple[str, str, list[str]] | None = None

    def _push(self) -> list[str]:
        buf: list[str] = []
        self.caps.append(buf)
        self.open = True
        return buf

    def _pop(self) -> list[str]:
        buf = self.caps.pop()
        self.open = bool(self.caps)
        return buf

    def text(self, s: str) -> None:
        if self.exclude and self.stack:
            # ix:exclude text is visible but not part of the fact: only non-fact captures get it
            for buf in self.caps[len(self.stack):]:
                buf.append(s)
            return
        for buf in self.caps:
            buf.append(s)

    def start_fact(self, tag: str, name: str | None, context: str | None, fmt: str | None, scale: str | None,
                   sign: str | None, hidden: bool) -> int | None:
        """A fact opens (``tag`` ix:nonnumeric or ix:nonfraction; its ``name``, ``contextref``,
        ``format``, ``scale`` and ``sign`` attributes): its number, or None when it is not collected."""
        if self.too_deep or len(self.stack) >= MAX_FACT_DEPTH or len(self.facts) >= MAX_FACTS:
            # not collected; its end still comes, and must close nothing
            self.too_deep += 1
            if len(self.facts) >= MAX_FACTS:
                self.n_over += 1
            else:
                self.n_too_deep += 1
            return None
        k = len(self.facts)
        # fact buffers sit below member/date captures in ``caps`` (facts never open inside those)
        self.facts.append((name, tag, context, fmt, scale, sign, hidden, self._push()))
        self.stack.append(k)
        return k

    def end_fact(self) -> int | None:
        """A fact closes: its number when it was collected and is visible (its end is marked), else None."""
        if self.too_deep:
            self.too_deep -= 1
            return None
        if not self.stack:
            return None
        k = self.stack.pop()
        self._pop()
        return None if self.facts[k][6] else k

    def start_other(self, tag: str | None, ident: str | None, dimension: str | None) -> None:
        """An iXBRL element that is not a fact opens (its ``id`` and ``dimension`` attributes): a
        context, or a part of one, is read (only the elements of :data:`OTHER_TAGS`: a walker
        may leave the others unreported)."""
        if tag == "xbrli:context":
            self._ctx = {"id": ident, "dimensions": {}, "dates": {}}
        elif tag in _MEMBER_TAGS and self._ctx is not None:
            self._member = (tag, dimension or "", self._push())
        elif tag in _DATE_TAGS and self._ctx is not None:
            self._ctx["dates"][tag] = self._push()

    def end_other(self, tag: str | None) -> None:
        if tag == "xbrli:context" and self._ctx is not None:
            ctx = self._ctx
            ctx["period"] = period_of(ctx.pop("dates"))
            if ctx["id"]:
                self.contexts[ctx["id"]] = ctx
            self._ctx = None
        elif tag in _MEMBER_TAGS and self._member is not None:
            _, dim, buf = self._member
            if self.caps and self.caps[-1] is buf:
                self._pop()
            if self._ctx is not None and dim:
                self._ctx["dimensions"][dim] = _fold("".join(buf))
            self._member = None
        elif tag in _DATE_TAGS and self._ctx is not None:
            buf = self._ctx["dates"].get(tag)
            if buf is not None and self.caps and self.caps[-1] is buf:
                self._pop()

    def anomalies(self) -> list[Anomaly]:
        """What was not collected, as anomalies."""
        out = []
        if self.n_too_deep:
            out.append(Anomaly(
                code="ixbrl_facts_too_deep",
                message=f"{self.n_too_deep} inline XBRL facts nested more than {MAX_FACT_DEPTH} deep in other facts "
                "were not read",
            ))
        if self.n_over:
            out.append(Anomaly(
                code="ixbrl_facts_truncated",
                message=f"only the first {MAX_FACTS} inline XBRL facts were read; {self.n_over} more were not",
            ))
        return out

    def result(self, marks: dict[int, int], text: str) -> dict[str, list[dict[str, Any]]]:
        """The facts by name; ``marks`` maps marker numbers to positions in the visible text."""
        out: dict[str, list[dict[str, Any]]] = {}
        # each context's dimensions and period, looked up once per context rather than per fact
        no_context: tuple[dict[str, str], tuple[str | None, str | None] | None] = ({}, None)
        contexts = {cid: (ctx["dimensions"], ctx["period"]) for cid, ctx in self.contexts.items()}
        # the document's values by (tag, format, scale, sign, text): covers repeat them (two in
        # three formatted facts of the corpus repeat one of their document, the exchange or a
        # check box), and a transform costs a few microseconds (regexes, dates)
        values: dict[tuple[str, str | None, str | None, str | None, str], tuple[str, str | None]] = {}
        get_mark = marks.get
        for k, (name, tag, context, fmt, scale, sign, hidden, buf) in enumerate(self.facts):
            if not name:
                continue
            folded = " ".join("".join(buf).split())  # _fold, inlined in this loop over every fact
            if fmt is None and tag == "ix:nonnumeric":
                value, error = folded, None  # (most facts: text as written)
            else:
                key = (tag, fmt, scale, sign, folded)
                got = values.get(key)
                if got is None:
                    got = values[key] = _value(tag, fmt, scale, sign, folded)
                value, error = got
            start = end = None
            if not hidden:
                start, end = get_mark(2 * k), get_mark(2 * k + 1)
                if start is not None and end is not None:
                    # trim the white space (line ends between blocks) at the edges of the span
                    while start < end and text[start].isspace():
                        start += 1
                    while end > start and text[end - 1].isspace():
                        end -= 1
                else:
                    start = end = None
            dimensions, period = contexts.get(context, no_context) if context else no_context
            fact = {
                "value": value, "text": folded, "context": context, "format": fmt,
                "dimensions": dimensions.copy(), "period": period,
                "start": start, "end": end, "hidden": hidden, "error": error,
            }
            got_name = out.get(name)
            if got_name is None:
                out[name] = [fact]
            else:
                got_name.append(fact)
        return out


def _value(tag: str, fmt: str | None, scale: str | None, sign: str | None, folded: str) -> tuple[str, str | None]:
    """A fact's value and the error of a transform that did not apply (the value is then ``folded``)."""
    error = None
    try:
        value = _transform_folded(fmt, folded)
        if tag == "ix:nonfraction" and value not in (None, ""):
            num = _number(value, ".") if not fmt else Decimal(value)
            if scale:
                # a power of ten an amount can have: "scale=99999" would print 100,000 digits
                m = _SCALE_RE.fullmatch(scale)
                if m:
                    num = num.scaleb(int(m.group(1)))
                else:
                    error = f"bad scale {scale[:40]!r}"
            if sign == "-":
                num = -num
            value = format(num.normalize(), "f") if num == num.to_integral() else str(num)
    except (ValueError, ArithmeticError) as e:
        value, error = folded, str(e)
    return value, error

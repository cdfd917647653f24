"""Per-field evaluation of event attributes against hand labels (``tests/labels/events.jsonl``).

Each line of the label file is one JSON object: the ``filing`` (an accession number naming one
``8-K filing`` row of the corpus inventory, or a path relative to the corpus), the event
``type``, optionally the ``item`` it is filed under, the ``attributes`` that were checked by
reading the filing (``null`` = the filing does not say) and a ``reason``. Every labelled filing
is parsed once; the first event of the labelled type (under the labelled item, when given) is
compared with the label, field by field:

- a labelled value the event also has (the same, after normalisation) is a true positive;
- a labelled value the event lacks is a false negative; a value the event has where the label
  says ``null`` is a false positive; a wrong value is both;
- lists of values (``counterparties``, ``positions``) are compared as sets, element by element;
- lists of records (``changes``, ``proposals``) are matched record to record by their key
  (``person``, ``description``/``nominee``), then each sub-field is scored under
  ``<list>.<sub-field>`` ("changes.action"); a record only one side has counts its key and every
  checked sub-field it holds as a miss (labelled) or a false positive (predicted);
- a nested object (``consideration``) is scored field by field under ``<field>.<sub-field>``.

Values compare as: names and other text normalised for case, punctuation, a leading "the" and
legal suffixes ("LLP", "Inc."); booleans exactly; ISO dates exactly (as text); whole numbers
(vote counts) exactly; other amounts to the cent, or within a relative 1e-6.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eightk import itemcodes

#: The hand labels, from the repository root.
FIELD_LABELS = Path("tests/labels/events.jsonl")
#: The sub-field that identifies a record of a list field, in order of preference.
RECORD_KEYS = ("person", "nominee", "description", "name")


class FieldLabelError(ValueError):
    """A line of the label file that cannot be used (bad JSON, no such filing, unknown type...)."""


@dataclass(frozen=True)
class FieldLabel:
    filing: str  # the accession number or path as written
    path: str  # the document, relative to the corpus
    type: str
    item: str | None
    attributes: dict[str, Any]
    reason: str
    line: int


def read_field_labels(path: Path, corpus: Path, resolve: Any, event_types: frozenset[str]) -> list[FieldLabel]:
    """The labels of ``path``. ``resolve(filing, where)`` gives the corpus-relative document of
    a ``filing`` (raising on a name that resolves to none); ``event_types`` are the valid types.
    A line that is not a JSON object with those keys raises :class:`FieldLabelError`."""
    out: list[FieldLabel] = []
    seen: set[tuple[str, str, str | None]] = set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        where = f"{path.name}:{n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            raise FieldLabelError(f"{where}: not JSON ({e.msg})") from None
        if not isinstance(obj, dict):
            raise FieldLabelError(f"{where}: not a JSON object")
        filing, etype, item = obj.get("filing"), obj.get("type"), obj.get("item")
        attrs, reason = obj.get("attributes"), obj.get("reason")
        if not isinstance(filing, str) or not filing:
            raise FieldLabelError(f"{where}: no 'filing'")
        if etype not in event_types:
            raise FieldLabelError(f"{where}: {etype!r} is not an event type ({', '.join(sorted(event_types))})")
        if item is not None and (
            not isinstance(item, str) or itemcodes.normalise_code(item) != item or itemcodes.scheme_of(item) is None
        ):
            raise FieldLabelError(f"{where}: item {item!r} is not an item code")
        if not isinstance(attrs, dict) or not attrs:
            raise FieldLabelError(f"{where}: 'attributes' must be a non-empty object")
        if not isinstance(reason, str) or not reason.strip():
            raise FieldLabelError(f"{where}: no reason given")
        rel = resolve(filing, where)
        key = (rel, etype, item)
        if key in seen:
            raise FieldLabelError(f"{where}: {rel} {etype} {item or ''} is labelled twice")
        seen.add(key)
        out.append(FieldLabel(filing, rel, etype, item, attrs, reason.strip(), n))
    return out


# --- comparing values -------------------------------------------------------------------------

_SUFFIX = re.compile(
    r"\b(?:incorporated|inc|corporation|corp|company|co|limited|ltd|llc|llp|lp|plc|pllc|pc|p\s*c|l\s*l\s*p|"
    r"l\s*l\s*c|l\s*p|n\s*a|s\s*a|ag|nv|n\s*v)\s*$"
)
_PUNCT = re.compile(r"[^\w\s]|_")
_ISO_DATE = re.compile(r"^\d{4}-\d\d-\d\d$")


def norm_text(value: Any) -> str:
    """Text compared without case, punctuation, a leading "the" or trailing legal suffixes."""
    s = " ".join(_PUNCT.sub(" ", str(value).casefold().replace("&", " and ")).split())
    s = re.sub(r"^the\s+", "", s)
    for _ in range(2):  # "Foo Co., Inc."
        s = _SUFFIX.sub("", s).strip()
    return s


def _number(v: Any) -> float | None:
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, float)):
        return float(v)
    if isinstance(v, str):
        try:
            return float(v.replace(",", "").replace("$", "").strip())
        except ValueError:
            return None
    return None


def same_value(expected: Any, got: Any) -> bool:
    """One labelled scalar against one predicted scalar (see the module docstring)."""
    if isinstance(expected, bool) or isinstance(got, bool):
        return expected is got
    if isinstance(expected, (int, float)):
        g = _number(got)
        if g is None:
            return False
        if isinstance(expected, int) and g.is_integer():  # counts (votes, shares) exactly
            return g == expected
        return abs(g - expected) < 0.005 or abs(g - expected) <= 1e-6 * abs(expected)
    if isinstance(expected, str) and _ISO_DATE.match(expected):
        return str(got) == expected
    return norm_text(expected) == norm_text(got)


def _empty(v: Any) -> bool:
    return v is None or v == [] or v == {} or v == ""


# --- scoring ----------------------------------------------------------------------------------


@dataclass
class Miss:
    filing: str
    type: str
    field: str
    expected: Any
    got: Any


@dataclass
class FieldScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    labelled: int = 0  # labelled values (non-null) compared

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None if self.tp + self.fp + self.fn == 0 else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class FieldTally:
    scores: dict[tuple[str, str], FieldScore] = field(default_factory=lambda: defaultdict(FieldScore))
    misses: list[Miss] = field(default_factory=list)
    labels: int = 0
    found: Counter[str] = field(default_factory=Counter)  # type -> labels whose event was found
    labelled: Counter[str] = field(default_factory=Counter)  # type -> labels

    def score(self, etype: str, name: str) -> FieldScore:
        return self.scores[(etype, name)]

    def f1(self, etype: str, name: str) -> float | None:
        """The F1 of a field, None when nothing was compared (a test asserts it compared something)."""
        s = self.scores.get((etype, name))
        return s.f1 if s is not None else None


class _Scorer:
    def __init__(self, tally: FieldTally, label: FieldLabel) -> None:
        self.t, self.lab = tally, label

    def _count(self, name: str, tp: int = 0, fp: int = 0, fn: int = 0, labelled: int = 0) -> None:
        s = self.t.score(self.lab.type, name)
        s.tp, s.fp, s.fn, s.labelled = s.tp + tp, s.fp + fp, s.fn + fn, s.labelled + labelled

    def _miss(self, name: str, expected: Any, got: Any) -> None:
        self.t.misses.append(Miss(self.lab.filing, self.lab.type, name, expected, got))

    def value(self, name: str, expected: Any, got: Any) -> None:
        """Score one labelled field against the predicted value."""
        if isinstance(expected, dict) or (isinstance(got, dict) and _empty(expected)):
            exp_d = expected if isinstance(expected, dict) else {}
            got_d = got if isinstance(got, dict) else {}
            for sub in exp_d or got_d:
                self.value(f"{name}.{sub}", exp_d.get(sub), got_d.get(sub))
            return
        if _records(expected) or (_empty(expected) and _records(got)):
            self.records(name, expected or [], got if isinstance(got, list) else [])
            return
        if isinstance(expected, list) or isinstance(got, list):
            self.values(name, expected or [], got if isinstance(got, list) else ([] if _empty(got) else [got]))
            return
        if _empty(expected):
            if not _empty(got):
                self._count(name, fp=1)
                self._miss(name, None, got)
            return
        if _empty(got):
            self._count(name, fn=1, labelled=1)
            self._miss(name, expected, None)
        elif same_value(expected, got):
            self._count(name, tp=1, labelled=1)
        else:
            self._count(name, fp=1, fn=1, labelled=1)
            self._miss(name, expected, got)

    def values(self, name: str, expected: list[Any], got: list[Any]) -> None:
        """A list of scalars as a set: each element found, missed or extra."""
        left = list(got)
        for e in expected:
            hit = next((i for i, g in enumerate(left) if same_value(e, g)), None)
            if hit is None:
                self._count(name, fn=1, labelled=1)
                self._miss(name, e, got or None)
            else:
                left.pop(hit)
                self._count(name, tp=1, labelled=1)
        for g in left:
            self._count(name, fp=1)
            self._miss(name, None, g)

    def records(self, name: str, expected: list[dict[str, Any]], got: list[Any]) -> None:
        """Records matched by key, then scored sub-field by sub-field."""
        preds = [g for g in got if isinstance(g, dict)]
        key = _record_key(expected) or _record_key(preds)
        checked = [k for k in dict.fromkeys(k for r in expected for k in r) if k != key]
        pairs, lone_exp, lone_got = match_records(expected, preds, key)
        for e, g in pairs:
            self._count(f"{name}.{key}", tp=1, labelled=1)
            for sub in checked:
                if sub in e:
                    self.value(f"{name}.{sub}", e[sub], g.get(sub))
        for e in lone_exp:
            self._count(f"{name}.{key}", fn=1, labelled=1)
            self._miss(f"{name}.{key}", e.get(key), None)
            for sub in checked:
                if not _empty(e.get(sub)):
                    self.value(f"{name}.{sub}", e[sub], None)
        for g in lone_got:
            self._count(f"{name}.{key}", fp=1)
            self._miss(f"{name}.{key}", None, g.get(key))
            for sub in checked:
                if not _empty(g.get(sub)):
                    self.value(f"{name}.{sub}", None, g[sub])


def _records(v: Any) -> bool:
    return isinstance(v, list) and bool(v) and all(isinstance(r, dict) for r in v)


def _record_key(records: list[dict[str, Any]]) -> str:
    for k in RECORD_KEYS:
        if any(k in r for r in records):
            return k
    return RECORD_KEYS[0]


def _words_within(a: str, b: str) -> bool:
    return bool(a) and bool(b) and f" {a} " in f" {b} "


def _keys_match(a: str, b: str, *, strict: bool) -> bool:
    return a == b if strict else (_words_within(a, b) or _words_within(b, a))


def match_records(
    expected: list[dict[str, Any]], got: list[dict[str, Any]], key: str
) -> tuple[list[tuple[dict[str, Any], dict[str, Any]]], list[dict[str, Any]], list[dict[str, Any]]]:
    """Pairs of (labelled, predicted) records with the same key, then the unpaired of each side.
    Keys match when equal after :func:`norm_text`, else when one's words lie within the other's
    ("John A. Smith" / "John A. Smith, Jr."); among several candidates the one agreeing on most
    sub-fields wins (a person appointed to one post and leaving another has two records). Records
    with no key on either side pair in their order."""
    left = list(got)
    pairs = []
    lone: list[dict[str, Any]] = []
    for strict in (True, False):
        rest = []
        for e in (expected if strict else lone):
            ek = norm_text(e.get(key) or "")
            cands = [g for g in left if _keys_match(ek, norm_text(g.get(key) or ""), strict=strict)]
            if not ek or not cands:
                rest.append(e)
                continue
            best = max(cands, key=lambda g: sum(1 for k, v in e.items() if k != key and same_value(v, g.get(k))))
            left.remove(best)
            pairs.append((e, best))
        lone = rest
    # records with no key on either side (a lone proposal printed without its wording) pair in order
    for e in [e for e in lone if not norm_text(e.get(key) or "")]:
        g = next((g for g in left if not norm_text(g.get(key) or "")), None)
        if g is None:
            break
        left.remove(g)
        lone.remove(e)
        pairs.append((e, g))
    return pairs, lone, left


def score_label(tally: FieldTally, label: FieldLabel, event_attrs: dict[str, Any] | None) -> None:
    """Add one label's comparison with its event's attributes (None: no event found) to ``tally``."""
    tally.labels += 1
    tally.labelled[label.type] += 1
    if event_attrs is not None:
        tally.found[label.type] += 1
    scorer = _Scorer(tally, label)
    got = event_attrs or {}
    for name, expected in label.attributes.items():
        scorer.value(name, expected, got.get(name))


def pick_event(events: list[Any], label: FieldLabel) -> Any:
    """The first event of the label's type (under its item, when the label names one)."""
    for e in events:
        if str(e.type) == label.type and (label.item is None or e.item == label.item):
            return e
    return None


def events_by_file(labels: list[Any], corpus: Path) -> Iterator[tuple[list[Any], list[Any]]]:
    """(the labels of one file, the events its parse infers), each labelled file parsed once; a
    file that fails to parse has no events. Labels are any objects with a corpus-relative ``path``."""
    from eightk.core import parse

    by_path: dict[str, list[Any]] = defaultdict(list)
    for lab in labels:
        by_path[lab.path].append(lab)
    for rel, labs in by_path.items():
        try:
            events = parse((corpus / rel).read_bytes(), path=rel).events
        except Exception:  # noqa: BLE001 - a file that fails to parse has no events
            events = []
        yield labs, events


def evaluate_fields(labels: list[FieldLabel], corpus: Path) -> FieldTally:
    """Parse each labelled filing once and score every label's fields."""
    tally = FieldTally()
    for labs, events in events_by_file(labels, corpus):
        for lab in labs:
            ev = pick_event(events, lab)
            score_label(tally, lab, _plain(ev.attributes) if ev is not None else None)
    return tally


def _plain(attrs: Any) -> dict[str, Any]:
    """Attributes as JSON values (dates as ISO text), whatever the event holds."""
    return json.loads(json.dumps(dict(attrs), default=str))


# --- reporting --------------------------------------------------------------------------------


def rows(tally: FieldTally) -> list[dict[str, Any]]:
    """One row per (type, field), in type and field order."""
    out = []
    for (etype, name), s in sorted(tally.scores.items()):
        out.append({
            "type": etype, "field": name, "labelled": s.labelled, "tp": s.tp, "fp": s.fp, "fn": s.fn,
            "precision": _round(s.precision), "recall": _round(s.recall), "f1": _round(s.f1),
        })
    return out


def _round(v: float | None) -> float | None:
    return None if v is None else round(v, 4)


def worst_misses(tally: FieldTally) -> Iterator[Miss]:
    """The misses, those of the fields with the lowest F1 first."""
    def order(m: Miss) -> tuple[float, str, str]:
        f1 = tally.f1(m.type, m.field)
        return (f1 if f1 is not None else 1.0, m.type, m.field)

    yield from sorted(tally.misses, key=order)


def as_json(tally: FieldTally, *, misses: bool = False, show: int | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "labels": tally.labels,
        "events_found": {t: {"found": tally.found[t], "labelled": n} for t, n in sorted(tally.labelled.items())},
        "fields": rows(tally),
    }
    if misses:
        out["misses"] = [
            {"filing": m.filing, "type": m.type, "field": m.field, "expected": m.expected, "got": m.got}
            for m in list(worst_misses(tally))[:show]
        ]
    return out


__all__ = [
    "FIELD_LABELS",
    "RECORD_KEYS",
    "FieldLabel",
    "FieldLabelError",
    "FieldScore",
    "FieldTally",
    "Miss",
    "as_json",
    "evaluate_fields",
    "match_records",
    "norm_text",
    "pick_event",
    "read_field_labels",
    "rows",
    "same_value",
    "score_label",
    "worst_misses",
]

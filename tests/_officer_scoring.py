"""Per-field precision and recall of officer_director_change changes against the hand labels of
tests/labels/events.jsonl (until ``eightk events-eval`` reads that file).

Run: ``.venv/bin/python -m tests._officer_scoring`` (prints the table). Records are matched on
(person, action), names normalised for case, punctuation and honorifics; the other fields are
scored on the matched records: a value given counts towards precision, a value labelled towards
recall, an equal pair towards both. Positions are compared as sets of single titles ("Executive
Vice President and Chief Financial Officer" is two), lower-cased, "CEO" spelled out.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from eightk.core import parse

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "tests" / "labels" / "events.jsonl"
CORPUS = ROOT.parent / "shared" / "corpus"
TYPE = "officer_director_change"
FIELDS = ("person", "person+action", "positions", "effective_date", "reason", "age")
_ABBR = {"ceo": "chief executive officer", "cfo": "chief financial officer", "coo": "chief operating officer"}


def norm_name(name: str) -> str:
    name = re.sub(r"^(?:mr|ms|mrs|dr|prof)\.?\s+", "", name.strip(), flags=re.I)
    return re.sub(r"[^a-z0-9 ]", "", name.lower()).strip()


def title_atoms(titles: list[str] | None) -> set[str]:
    out: set[str] = set()
    for t in titles or []:
        t = re.sub(r"\b(?:the\s+)?(?:company|registrant|firm|corporation)['’]s\s+", "", t, flags=re.I)
        t = re.sub(r"\s+of\s+the\s+(?:company|registrant|firm|corporation)\b", "", t, flags=re.I)
        t = re.sub(r"member\s+of\s+the\s+board(?:\s+of\s+directors)?", "director", t, flags=re.I)
        for a in re.split(r",\s*|\s+and\s+|\s*&\s*", t):
            a = " ".join(a.lower().replace("–", "-").split())
            if a:
                out.add(_ABBR.get(a, a))
    return out


def labels() -> list[dict[str, Any]]:
    if not LABELS.is_file():
        return []
    rows = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if r.get("type") == TYPE and "changes" in r.get("attributes", {})]


def path_of(filing: str) -> Path:
    inv = CORPUS / "inventory.tsv"
    with inv.open(newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row["role"] == "8-K filing" and row["accession"] == filing:
                return CORPUS / row["file"]
    return CORPUS / filing


def inferred(label: dict[str, Any]) -> list[dict[str, Any]]:
    filing = parse(path_of(label["filing"]).read_bytes(), path=label["filing"])
    for e in filing.events:
        if e.item == label["item"] and e.type == TYPE:
            return list(e.attributes.get("changes") or [])
    return []


def score(rows: list[dict[str, Any]] | None = None) -> tuple[dict[str, Counter[str]], list[str]]:
    """Per field: counts of true positives, given and labelled; and the misses, as lines."""
    tally: dict[str, Counter[str]] = {f: Counter() for f in FIELDS}
    misses: list[str] = []
    for lab in labels() if rows is None else rows:
        want = lab["attributes"]["changes"]
        got = inferred(lab)
        _count(tally["person"], {norm_name(c["person"]) for c in want}, {norm_name(c["person"]) for c in got})
        wk = {(norm_name(c["person"]), c["action"]): c for c in want}
        gk = {(norm_name(c["person"]), c["action"]): c for c in got}
        _count(tally["person+action"], set(wk), set(gk))
        for k in sorted(set(wk) ^ set(gk)):
            misses.append(f"{lab['filing']}: {'missed' if k in wk else 'extra'} {k}")
        for k in set(wk) & set(gk):
            w, g = wk[k], gk[k]
            _count(tally["positions"], title_atoms(w.get("positions")), title_atoms(g.get("positions")))
            for fld in ("effective_date", "reason", "age"):
                wv, gv = w.get(fld), g.get(fld)
                tally[fld]["given"] += gv is not None
                tally[fld]["labelled"] += wv is not None
                tally[fld]["tp"] += wv is not None and str(wv) == str(gv)
                if str(wv) != str(gv):
                    misses.append(f"{lab['filing']}: {k[0]} {fld} want {wv} got {gv}")
            if title_atoms(w.get("positions")) != title_atoms(g.get("positions")):
                misses.append(f"{lab['filing']}: {k[0]} positions want {w.get('positions')} got {g.get('positions')}")
    return tally, misses


def _count(c: Counter[str], want: set[Any], got: set[Any]) -> None:
    c["tp"] += len(want & got)
    c["given"] += len(got)
    c["labelled"] += len(want)


def prf(c: Counter[str]) -> tuple[float, float, float]:
    p = c["tp"] / c["given"] if c["given"] else 1.0
    r = c["tp"] / c["labelled"] if c["labelled"] else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> None:
    tally, misses = score()
    print(f"{len(labels())} labelled items")
    print(f"{'field':16} {'P':>6} {'R':>6} {'F1':>6}  (tp/given/labelled)")
    for fld in FIELDS:
        p, r, f1 = prf(tally[fld])
        c = tally[fld]
        print(f"{fld:16} {p:6.3f} {r:6.3f} {f1:6.3f}  ({c['tp']}/{c['given']}/{c['labelled']})")
    print("\n".join(misses))


if __name__ == "__main__":
    main()

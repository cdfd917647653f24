"""The web pages: ``/`` (search), ``/filings/{accession or id}``, ``/companies/{cik}``,
``/stats``, and the assets they load (``/assets/style.css``, ``/assets/app.js``).

Every page reads the store the app holds (``request.app.state.store``) through the store's
API, with the same :class:`~eightk.store.Filters` and search function as ``eightk search``.
A filing is named by its accession number, store id or sha256, never by a path: the store is
asked with ``resolve(ident, paths=False)``, which never looks at the file system.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from eightk.interfaces.web import pages

#: Results per search page, and the last page one may ask for.
PAGE_SIZE = 20
MAX_PAGE = 500
#: The search form's fields, named as ``eightk search``'s options (and ``/api/search``'s).
FILTER_FIELDS = ("item", "event", "cik", "company", "form", "since", "until", "fact", "min", "max")


def _store(request: Request) -> Any:
    return request.app.state.store


def _page_number(value: str | None) -> int:
    try:
        return min(MAX_PAGE, max(1, int(value or 1)))
    except ValueError:
        return 1


def _number(name: str, value: str | None) -> float | None:
    from eightk.store import StoreError

    if value is None or not value.strip():
        return None
    try:
        return float(value.replace(",", ""))
    except ValueError:
        raise StoreError(f"{name}: expected a number, got {value!r}") from None


def search_filters(form: dict[str, str]) -> Any:
    """The :class:`~eightk.store.Filters` of the search form (a StoreError for a bad value)."""
    from eightk.store import Filters

    return Filters(cik=form.get("cik"), company=form.get("company"), form=form.get("form"), item=form.get("item"),
                   event=form.get("event"), since=form.get("since"), until=form.get("until"),
                   fact_kind=form.get("fact"), fact_min=_number("min", form.get("min")),
                   fact_max=_number("max", form.get("max")))


def _vocabulary() -> dict[str, list[tuple[str, str]]]:
    from eightk.store.vocabulary import EVENT_TYPES, FACT_KINDS

    return {"events": [(k, v[0]) for k, v in EVENT_TYPES.items()], "facts": list(FACT_KINDS.items())}


def search_page(request: Request) -> HTMLResponse:
    from eightk.errors import EightKError

    params = request.query_params
    q = params.get("q", "")
    form = {k: params[k].strip() for k in FILTER_FIELDS if params.get(k, "").strip()}
    page = _page_number(params.get("page"))
    ctx: dict[str, Any] = {"q": q, "form": form, "page": page, "vocab": _vocabulary(), "result": None,
                           "problem": None, "page_size": PAGE_SIZE}
    base = {"q": q, **form} if q else dict(form)
    try:
        result = _store(request).search(q, search_filters(form), limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    except EightKError as e:
        ctx["problem"] = str(e)
        return pages.render("search.html", status=400, **ctx)
    ctx["result"] = result
    ctx["csv"] = "/api/export?" + urlencode({"format": "csv", **base})
    ctx["prev"] = "/?" + urlencode({**base, "page": page - 1}) if page > 1 else None
    more = page * PAGE_SIZE < result.total and page < MAX_PAGE
    ctx["next"] = "/?" + urlencode({**base, "page": page + 1}) if more else None
    ctx["pages"] = max(1, -(-result.total // PAGE_SIZE))
    return pages.render("search.html", **ctx)


def filing_page(request: Request, ident: str) -> HTMLResponse:
    from eightk.interfaces.web.filing import context
    from eightk.store import StoreError

    store = _store(request)
    try:  # an accession number, an id or a sha256: a path is never looked up
        fid = store.resolve(ident, paths=False)
    except StoreError as e:
        return pages.error(404, "No such filing", f"{e}: search for it from the start page.")
    f = store.get(fid) if fid is not None else None
    if f is None:
        return pages.error(404, "No such filing", f"No filing {ident!r} is stored: search for it from the start page.")
    return pages.render("filing.html", **context(f, store.filing_row(fid) or {}, store.raw(fid)))


def company_page(request: Request, cik: str) -> HTMLResponse:
    from eightk.digits import ascii_digits
    from eightk.interfaces.web.company import context
    from eightk.store import StoreError

    if not ascii_digits(cik) or len(cik) > 10:
        return pages.error(404, "No such company", f"{cik!r} is not a CIK (up to 10 digits).")
    try:
        ctx = context(_store(request), cik)
    except StoreError as e:
        return pages.error(404, "No such company", str(e))
    return pages.render("company.html", **ctx)


def stats_page(request: Request) -> HTMLResponse:
    """The store's counts (:meth:`~eightk.store.Store.stats`: per year, SQL counts, never a walk
    over the rows) as a table and charts."""
    from eightk.interfaces.web.charts import stacked_bars

    s = _store(request).stats()
    table = [tuple(r) for r in s["per_year"] if r[0] is not None]
    by_type: dict[str, dict[int, int]] = {}
    for y, etype, n in s["events_by_year"]:
        if y is not None:
            by_type.setdefault(str(etype), {})[int(y)] = int(n)
    charts = [stacked_bars({"filings": {y: nf for y, nf, _, _ in table if nf}}, label="filings per year"),
              stacked_bars({"items": {y: ni for y, _, ni, _ in table if ni}}, label="items per year"),
              stacked_bars(dict(sorted(by_type.items())), label="events per year by type")]
    return pages.render("stats.html", s=s, table=table, charts=charts)


def make_router() -> APIRouter:
    """The web UI's routes, to include in the app that holds the store."""
    router = APIRouter(include_in_schema=False)
    router.add_api_route("/", search_page, methods=["GET"], response_class=HTMLResponse)
    router.add_api_route("/filings/{ident}", filing_page, methods=["GET"], response_class=HTMLResponse)
    router.add_api_route("/companies/{cik}", company_page, methods=["GET"], response_class=HTMLResponse)
    router.add_api_route("/stats", stats_page, methods=["GET"], response_class=HTMLResponse)
    router.add_api_route("/assets/{name}", pages.asset, methods=["GET"], response_class=Response)
    return router


__all__ = ["FILTER_FIELDS", "PAGE_SIZE", "make_router", "search_filters"]

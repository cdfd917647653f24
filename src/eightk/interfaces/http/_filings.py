"""``GET /api/filings/{accession}``: one stored filing (the Filing model, ``?fields=`` to trim),
its stored submission (``/raw``) and its parts (``/items``, ``/exhibits``, ``/facts``, ``/events``)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response

from eightk.interfaces.http._errors import ApiError
from eightk.interfaces.http._models import ErrorOut
from eightk.model import Event, Exhibit, Fact, Filing, Item

router = APIRouter(prefix="/api/filings", tags=["filings"])

_NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorOut}}
FIELDS = tuple(Filing.model_fields)


def _not_found(accession: str) -> ApiError:
    return ApiError(404, f"no filing {accession!r} in the database",
                    "/api/search lists what is stored, with a handle for each")


def _filing_id(request: Request, accession: str) -> int:
    """The store id ``accession`` names (an accession number, an id or a sha256: never a path,
    and the file system is not consulted), else a 404."""
    from eightk.store import StoreError

    try:
        fid = request.app.state.store.resolve(accession, paths=False)
    except StoreError:  # not an accession number, an id nor a sha256: never looked up
        raise ApiError(404, f"no filing {accession!r}",
                       "name a filing by its accession number (0000950123-04-012345), its store id or its "
                       "sha256; /api/search lists them with their handle") from None
    if fid is None:
        raise _not_found(accession)
    return int(fid)


def _filing(request: Request, accession: str) -> Filing:
    filing = request.app.state.store.get(_filing_id(request, accession))
    if filing is None:
        raise _not_found(accession)
    return filing


def _fields(fields: str | None) -> set[str] | None:
    if not fields:
        return None
    wanted = {f.strip() for f in fields.split(",") if f.strip()}
    unknown = sorted(wanted - set(FIELDS))
    if unknown:
        raise ApiError(400, f"unknown field(s) {', '.join(map(repr, unknown))}", {"fields": list(FIELDS)})
    return wanted


def _json(model_json: str) -> Response:
    return Response(model_json, media_type="application/json")


@router.get("/{accession}", responses={200: {"model": Filing}, **_NOT_FOUND, 400: {"model": ErrorOut}})
def filing(
    request: Request,
    accession: str,
    fields: Annotated[str | None, Query(max_length=500, description="Comma-separated top-level fields to keep "
                                        "(e.g. accession_number,items,events); all when absent.")] = None,
) -> Response:
    """The stored Filing model of an accession number (or a store id, or its sha256)."""
    keep = _fields(fields)
    return _json(_filing(request, accession).model_dump_json(include=keep))


@router.get("/{accession}/raw", responses={200: {"content": {"text/plain": {}}}, **_NOT_FOUND})
def raw(request: Request, accession: str) -> Response:
    """The stored submission's bytes, as they were ingested (shown as text, never as a page)."""
    data = request.app.state.store.raw(_filing_id(request, accession))  # a 404 when there is no such filing
    if data is None:
        raise ApiError(404, f"the submission of {accession!r} was not kept",
                       "it was ingested with --no-raw: only its path was recorded")
    return Response(data, media_type="text/plain", headers={
        "Content-Security-Policy": "sandbox; default-src 'none'",
        "Content-Disposition": f'inline; filename="{accession.strip()}.txt"',  # resolved: digits and dashes
    })


def _part(name: str, model: type, doc: str):
    from pydantic import TypeAdapter

    adapter = TypeAdapter(list[model])  # type: ignore[valid-type]

    def route(request: Request, accession: str) -> Response:
        return _json(adapter.dump_json(getattr(_filing(request, accession), name)).decode())

    route.__name__ = f"filing_{name}"
    route.__doc__ = doc
    router.add_api_route(f"/{{accession}}/{name}", route, methods=["GET"],
                         responses={200: {"model": list[model]}, **_NOT_FOUND})  # type: ignore[valid-type]


_part("items", Item, "The items the filing reports, in order, with their text.")
_part("exhibits", Exhibit, "The exhibit list.")
_part("facts", Fact, "The facts read from the filing's text (money, shares, dates, parties...).")
_part("events", Event, "What the filing reports, one event per item, with its attributes.")

__all__ = ["FIELDS", "router"]

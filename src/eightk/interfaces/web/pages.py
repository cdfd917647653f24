"""Rendering: the Jinja2 environment (autoescaping every value), the static assets shipped in
the package, and the headers every page carries (a Content-Security-Policy allowing only this
site's own script and style, so even markup that escaped escaping could not run)."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}

#: The assets a page may load: name -> media type. Nothing else is served.
ASSETS = {"style.css": "text/css; charset=utf-8", "app.js": "text/javascript; charset=utf-8"}


@lru_cache(maxsize=1)
def env() -> Environment:
    e = Environment(loader=PackageLoader("eightk.interfaces.web", "templates"),
                    autoescape=select_autoescape(default=True, default_for_string=True), trim_blocks=True,
                    lstrip_blocks=True, auto_reload=False)  # templates ship in the package: no stat per page
    e.filters["snippet"] = snippet
    return e


def snippet(text: str | None) -> Markup:
    """A search snippet escaped, its matches (the store's markers) in ``<mark>``."""
    from eightk.store.results import MARK_END, MARK_START

    return Markup(str(escape(text or "")).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))


def render(name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
    """The page ``name`` rendered with ``ctx``, with the security headers."""
    html = env().get_template(name).render(**ctx)
    return HTMLResponse(html, status_code=status, headers=HEADERS)


def error(status: int, title: str, message: str) -> HTMLResponse:
    return render("error.html", status=status, title=title, message=message)


@lru_cache(maxsize=len(ASSETS))
def _asset_bytes(name: str) -> bytes:
    return resources.files("eightk.interfaces.web").joinpath("static", name).read_bytes()


def asset(name: str) -> Response:
    """One of :data:`ASSETS` (a name from the request never becomes a path: only listed names)."""
    if name not in ASSETS:
        return Response("not found", status_code=404, media_type="text/plain", headers=HEADERS)
    return Response(_asset_bytes(name), media_type=ASSETS[name],
                    headers={**HEADERS, "Cache-Control": "public, max-age=3600"})


__all__ = ["ASSETS", "CSP", "HEADERS", "asset", "env", "error", "render"]

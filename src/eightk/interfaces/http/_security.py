"""Security headers on every response: a strict Content-Security-Policy (no inline script or
style, nothing from another origin, no framing), no MIME sniffing, no referrer to other sites.

A pure ASGI middleware (it only adds headers to the response's start message), so it costs
next to nothing per request and leaves streamed bodies streamed.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; frame-ancestors 'none'")

#: The headers every response carries.
HEADERS: dict[str, str] = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}

#: The interactive API docs (/docs) load Swagger UI's script and style from a CDN and run an
#: inline script; they get a policy that allows exactly that, and nothing else does.
DOCS_CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
            "style-src 'self' https://cdn.jsdelivr.net; img-src 'self' data: https://fastapi.tiangolo.com; "
            "object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
DOCS_PATHS = frozenset({"/docs", "/docs/oauth2-redirect", "/redoc"})

_RAW = [(k.lower().encode(), v.encode()) for k, v in HEADERS.items()]
_RAW_DOCS = [(b"content-security-policy", DOCS_CSP.encode())] + [h for h in _RAW if h[0] != b"content-security-policy"]


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = _RAW_DOCS if scope.get("path") in DOCS_PATHS else _RAW

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []), *(h for h in extra if h[0] not in names)]
            await send(message)

        await self.app(scope, receive, send_with_headers)


__all__ = ["CSP", "HEADERS", "SecurityHeaders"]

"""``eightk serve``: the HTTP API (and the web UI) on a store, read-only, with uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer

from eightk.interfaces.cli.app import app, err, fail


@app.command("serve")
def serve_command(
    db: Annotated[str | None, typer.Option(
        "--db", help="Database URL: sqlite:///path.db (default ./eightk.db, or $EIGHTK_DB) or postgresql://…")] = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on (127.0.0.1: this machine only).")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", "-p", min=0, max=65535, help="Port (0: any free port).")] = 8000,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, max=64, help="Server processes.")] = 1,
) -> None:
    """Serve the store over HTTP, read-only: the API at /api (docs at /docs) and the web UI at /."""
    import os

    from eightk.errors import EightKError
    from eightk.interfaces.http import DB_ENV, create_app
    from eightk.store import default_url

    try:
        import uvicorn
    except ImportError:
        fail("eightk serve needs uvicorn and fastapi: pip install 'fastapi>=0.110' 'uvicorn>=0.30'")
    if workers > 1 and port == 0:
        fail("--workers needs a port of its own (--port 8000): the processes share it")
    url = db or default_url()
    try:  # the database is checked here, so a missing one is one line, not a traceback per worker
        application = create_app(url)
    except EightKError as e:
        fail(str(e))
    if workers == 1:
        sock = _listen(host, port)
        _started(url, host, sock.getsockname()[1])
        uvicorn.Server(uvicorn.Config(application, log_level="warning")).run(sockets=[sock])
        return
    application.state.store.close()
    os.environ[DB_ENV] = url
    _started(url, host, port)
    uvicorn.run("eightk.interfaces.http:app_from_env", factory=True, host=host, port=port, workers=workers,
                log_level="warning")


def _listen(host: str, port: int):
    """A socket listening on ``host:port`` (port 0: one the system picks), or one line and exit 1."""
    import errno
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(2048)
    except OSError as e:
        sock.close()
        fail(f"cannot listen on {host}:{port}: {e.strerror or e}" + (
            " (another server uses that port: give another with --port)" if e.errno == errno.EADDRINUSE else ""))
    return sock


def _started(url: str, host: str, port: int) -> None:
    shown = f"[{host}]" if ":" in host else host
    err.print(f"eightk: serving {url} read-only at http://{shown}:{port}/ (API docs at /docs); Ctrl-C stops",
              highlight=False, soft_wrap=True)

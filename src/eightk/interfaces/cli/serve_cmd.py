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
    url = db or default_url()
    try:  # the database is checked here, so a missing one is one line, not a traceback per worker
        application = create_app(url)
    except EightKError as e:
        fail(str(e))
    shown = f"[{host}]" if ":" in host else host
    err.print(f"eightk: serving {url} read-only at http://{shown}:{port}/ (API docs at /docs); Ctrl-C stops",
              highlight=False, soft_wrap=True)
    if workers == 1:
        uvicorn.run(application, host=host, port=port, log_level="warning")
        return
    application.state.store.close()
    os.environ[DB_ENV] = url
    uvicorn.run("eightk.interfaces.http:app_from_env", factory=True, host=host, port=port, workers=workers,
                log_level="warning")

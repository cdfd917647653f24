"""The web UI: search, read and check 8-Ks in a browser (issue 15).

:func:`make_router` gives the pages and their assets; the app that includes it holds an open
store on ``app.state.store``. Pages are rendered on the server with every value escaped, work
without JavaScript (a small script only flashes the place a side-list link jumps to) and load
nothing from elsewhere.
"""

from eightk.interfaces.web.routes import make_router

__all__ = ["make_router"]

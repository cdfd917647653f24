"""Command groups added by later work register here (one import per module)."""
import eightk.interfaces.cli.batch_cmd  # noqa: E402,F401  (batch, dataset info, dataset load)
from eightk.interfaces.cli import (
    edgar_cmd,  # noqa: E402,F401  (fetch, sync, watch)
    eval_cmd,  # noqa: E402,F401
    events_eval_cmd,  # noqa: E402,F401  (events-eval)
    serve_cmd,  # noqa: E402,F401  (serve)
    store_cmd,  # noqa: E402,F401  (ingest, search, show, timeline, export, stats)
)

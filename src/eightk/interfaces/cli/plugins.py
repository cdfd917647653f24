"""Command groups added by later work register here (one import per module)."""
from eightk.interfaces.cli import (
    eval_cmd,  # noqa: E402,F401
    events_eval_cmd,  # noqa: E402,F401  (events-eval)
    store_cmd,  # noqa: E402,F401  (ingest, search, show, timeline, export, stats)
)
from eightk.interfaces.cli import batch_cmd  # noqa: E402,F401,I001  (batch, dataset info, dataset load)

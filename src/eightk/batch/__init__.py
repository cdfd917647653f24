"""All of EDGAR in one run: parse folders, archives, daily feed tarballs and URLs on a Dask
cluster into a Parquet dataset partitioned by year, optionally loaded into the store.

``DATASET/{filings,items,exhibits,facts,events}/year=YYYY/part-<chunk>.parquet`` (the store's
own rows, :mod:`eightk.batch.tables`), ``DATASET/errors/`` (input, reason), ``DATASET/_store/``
(with ``--db``: the models the store loads) and ``DATASET/_manifest/<chunk>.json`` (one per
finished chunk). Modules: :mod:`~eightk.batch.plan` (chunks), :mod:`~eightk.batch.task` (the
worker's work), :mod:`~eightk.batch.dataset` (files), :mod:`~eightk.batch.manifest`,
:mod:`~eightk.batch.run` (the client), :mod:`~eightk.batch.load` (``--db``),
:mod:`~eightk.batch.info` (``eightk dataset info``).

>>> from eightk.batch import connect, run_batch
>>> with connect(local=4) as client:
...     summary = run_batch(client, ["feeds/"], "edgar-dataset")

Needs the ``batch`` extra (``pip install 'eightk[batch]'``: Dask distributed and pyarrow).
"""

from __future__ import annotations

from eightk.batch.info import DatasetError, DatasetInfo, dataset_info
from eightk.batch.plan import Chunk, plan
from eightk.batch.run import BatchSummary, connect, run_batch

__all__ = ["BatchSummary", "Chunk", "DatasetError", "DatasetInfo", "connect", "dataset_info", "plan", "run_batch"]

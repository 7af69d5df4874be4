"""The bootstrap's worker processes: a worker that dies costs time, not the estimate."""

import os

import numpy as np

from keten.engines.estimate._bootstrap import run_chunks

PARENT = os.getpid()


def _sums_but_dies_in_a_worker(tables: np.ndarray) -> np.ndarray:
    if os.getpid() != PARENT:
        os._exit(1)  # as a forked worker killed by a crash in a library it inherited
    return tables.sum(axis=1).astype(float)


def test_a_dead_worker_leaves_the_rest_to_this_process():
    tables = np.arange(3000).reshape(1000, 3)
    seen = []
    result = run_chunks(_sums_but_dies_in_a_worker, tables, workers=2, progress=seen.append, chunk=100)
    np.testing.assert_array_equal(result, tables.sum(axis=1))
    assert sum(seen) == len(tables)

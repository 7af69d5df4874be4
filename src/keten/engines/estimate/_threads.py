"""Keep BLAS to one thread while the engine runs.

The engine's matrices are tiny (tens of rows); a threaded BLAS spends more time waking threads
than multiplying, and on a shared two-core machine it made a bootstrap ten times slower. The
engine gets its parallelism from worker processes instead. ``threadpoolctl`` (present with
scikit-learn) switches the thread count at run time; without it nothing changes.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator


@contextmanager
def single_threaded_blas() -> Iterator[None]:
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - depends on what else is installed
        yield
        return
    with threadpool_limits(limits=1, user_api="blas"):
        yield

"""Work spread over worker processes, results in input order, in constant memory.

:func:`ordered_map` sends chunks of a stream to a process pool and yields the results in the order
the items came in. At most a few chunks per worker are in flight at once, so a file of any size
is read only as fast as the workers score it (``Pool.imap`` would read the whole input ahead).
"""

from __future__ import annotations

import itertools
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.pool import AsyncResult
from typing import Any, TypeVar

__all__ = ["chunked", "ordered_map"]

T = TypeVar("T")
R = TypeVar("R")

_IN_FLIGHT_PER_WORKER = 4


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of ``size`` items (the last may be shorter)."""
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def _context() -> Any:
    # forkserver: workers start from a clean process (forking a process that runs threads is
    # unsafe), without re-running the caller's main module as spawn does.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def ordered_map(
    func: Callable[[list[T]], list[R]],
    items: Iterable[T],
    *,
    jobs: int,
    chunk_size: int = 1024,
    initializer: Callable[..., None] | None = None,
    initargs: tuple[Any, ...] = (),
) -> Iterator[R]:
    """``func`` applied to chunks of ``items`` in ``jobs`` worker processes, flattened, in order.

    ``func`` and ``initializer`` must be module-level functions (they are pickled by name); the
    ``initializer`` runs once in each worker with ``initargs``, to set up what every chunk shares.
    """
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, got {jobs}")
    with _context().Pool(jobs, initializer, initargs) as pool:
        pending: deque[AsyncResult[list[R]]] = deque()
        for chunk in chunked(items, chunk_size):
            pending.append(pool.apply_async(func, (chunk,)))
            if len(pending) >= jobs * _IN_FLIGHT_PER_WORKER:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()

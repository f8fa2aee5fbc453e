"""Work spread over worker processes, results in input order, in constant memory.

:func:`ordered_chunks` sends the chunks of a stream to worker processes and yields each chunk's
result in the order the chunks came in; :func:`ordered_map` does so for the items of a stream,
cut into chunks, and yields the items of the results. Chunk ``i`` goes to worker ``i mod jobs``
and at most a few chunks per worker are in flight, so a file of any size is read only as fast as
the workers score it, and the results of each worker come back on its own pipe already in order.

Each worker has a pipe of its own and shares no lock with the others, so stopping is always
safe: when the caller stops early (an error, Ctrl-C, SIGTERM, a closed output) the workers are
killed and reaped before :func:`ordered_map` returns, and a worker whose parent dies sees its
pipe close and exits. ``multiprocessing.Pool`` was the first choice, but terminating it while a
worker holds one of its shared queue locks can hang for ever (``_terminate_pool`` joins its
result handler), which is what Ctrl-C did to ``score --jobs 2`` about one run in twelve.
Workers ignore SIGINT and SIGTERM: at a terminal Ctrl-C reaches the whole process group, and the
main process, which handles it, decides when they stop.

On Linux, workers are forked from the caller when it runs no other thread (the command line), so
they start at once with what it has imported and built; otherwise (a service, a notebook: forking
a process that runs threads is unsafe) they come from a fork server that has imported the module
of the work.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Generator, Iterable, Iterator
from multiprocessing.connection import Connection
from typing import Any, TypeVar

__all__ = ["WorkerError", "available_cpus", "chunked", "ordered_chunks", "ordered_map"]

T = TypeVar("T")
R = TypeVar("R")

_IN_FLIGHT_PER_WORKER = 4
_JOIN_SECONDS = 5.0


class WorkerError(RuntimeError):
    """A worker process died, or its function raised: the batch cannot go on."""


def available_cpus() -> int:
    """How many CPUs this process may run on (its affinity, where the system tells)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):  # pragma: no cover - macOS and Windows have no affinity
        return os.cpu_count() or 1


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of ``size`` items (the last may be shorter)."""
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


_STOPS = {signal.SIGINT, signal.SIGTERM}


def _context(module: str) -> Any:
    """How workers start. ``fork`` on Linux while this process runs no other thread (the CLI):
    a worker then starts at once with what this process has imported and built, where a fresh
    process spends about 0.25 s importing zs_quality, 6 % of a --jobs 2 run of 100,000
    enterprises on two CPUs. Otherwise (a service, a notebook with threads: forking a process
    that runs threads is unsafe) ``forkserver``, without re-running the caller's main module as
    ``spawn`` (the last resort) does."""
    # Not on macOS, whose system libraries may run threads of their own (Python's own default
    # there is spawn for that reason).
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    # The server imports the module of the work once, before it forks any worker, rather than
    # each worker importing it anew (zs_quality's import costs about 0.3 s of CPU: --jobs 2
    # starts 0.27 s sooner). It takes effect when the server starts, at the first ordered_map of
    # the process. Never the caller's main module: that would re-run it, as spawn does.
    if module != "__main__":
        context.set_forkserver_preload([module])
    return context


def _start(process: Any) -> None:
    """Start ``process`` with SIGINT and SIGTERM held back: a forked worker inherits the
    caller's handlers, which must not run in it before it ignores them (:func:`_work`). A
    signal that arrives meanwhile reaches the caller once the worker has started."""
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - Windows starts by spawn
        process.start()
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)
    try:
        process.start()
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _work(
    conn: Connection,
    func: Callable[[Any], Any],
    initializer: Callable[..., None] | None,
    initargs: tuple[Any, ...],
    inherited: tuple[Connection, ...] = (),
) -> None:
    """A worker's life: apply ``func`` to each chunk received and send the result back.

    ``inherited``: the caller's ends of the other workers' pipes, which a forked worker holds
    copies of and closes, so that each pipe closes when the caller's end does."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPS)
    for other in inherited:
        other.close()
    try:
        if initializer is not None:
            initializer(*initargs)
        while True:
            message = conn.recv()
            if message is None:  # the end of the input, echoed so the parent reads it in order
                conn.send(None)
                continue
            result: tuple[str, Any]
            try:
                result = ("ok", func(message))
            except Exception as exc:  # a bug: reported to the parent, which stops the batch
                result = ("error", f"{type(exc).__name__}: {exc}")
            conn.send(result)
    except (EOFError, OSError):  # the parent closed the pipe or died: nothing more to do
        return


class _Feeder(threading.Thread):
    """Reads the input and sends chunks to the workers in turn, never more than a few ahead."""

    def __init__(self, chunks: Iterator[Any], conns: list[Connection]) -> None:
        super().__init__(name="zs-quality-feeder", daemon=True)
        self.chunks = chunks
        self.conns = conns
        self.slots = [threading.Semaphore(_IN_FLIGHT_PER_WORKER) for _ in conns]
        self.stopping = False
        self.error: BaseException | None = None

    def run(self) -> None:
        sent = 0
        try:
            for chunk in self.chunks:
                worker = sent % len(self.conns)
                self.slots[worker].acquire()
                if self.stopping:
                    return
                self.conns[worker].send(chunk)
                sent += 1
        except BaseException as exc:
            if not self.stopping:  # reading failed: the parent raises it, in order
                self.error = exc
            # Its frames' variables go: kept, a chunk half-sent (a view of a pickle's buffer) would
            # live on in a reference cycle (this thread's frame holds self) until the interpreter
            # ends, and closing the buffer under the view then prints "Exception ignored ...
            # BufferError" (Python 3.13, after Ctrl-C).
            traceback.clear_frames(exc.__traceback__)
        finally:
            close = getattr(self.chunks, "close", None)
            if close is not None:
                close()
        if not self.stopping:
            try:
                self.conns[sent % len(self.conns)].send(None)
            except OSError:  # the parent is stopping and closed the pipe
                return

    def stop(self) -> None:
        self.stopping = True
        for slot in self.slots:
            slot.release()


def ordered_map(
    func: Callable[[list[T]], list[R]],
    items: Iterable[T],
    *,
    jobs: int,
    chunk_size: int = 1024,
    initializer: Callable[..., None] | None = None,
    initargs: tuple[Any, ...] = (),
) -> Generator[R, None, None]:
    """``func`` applied to chunks of ``items`` in ``jobs`` worker processes, flattened, in order.

    ``func`` and ``initializer`` must be module-level functions (a worker that does not start by
    forking gets them pickled by name); the ``initializer`` runs once in each worker with
    ``initargs``, to set up what every chunk shares.
    An exception raised while reading ``items`` is raised here, after the results before it.
    Closing the iterator early stops and reaps the workers.
    """
    results = ordered_chunks(
        func, chunked(items, chunk_size), jobs=jobs, initializer=initializer, initargs=initargs
    )
    try:
        for result in results:
            yield from result
    finally:
        results.close()


def ordered_chunks(
    func: Callable[[T], R],
    chunks: Iterable[T],
    *,
    jobs: int,
    initializer: Callable[..., None] | None = None,
    initargs: tuple[Any, ...] = (),
) -> Generator[R, None, None]:
    """``func`` applied to each of ``chunks`` in ``jobs`` worker processes, in order: one result
    a chunk, as :func:`ordered_map` (which is built on it) but with the chunks cut by the caller,
    who then gets each chunk's result whole (a block of a file in, its rendered text out)."""
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, got {jobs}")
    workers = _Workers()
    feeder: _Feeder | None = None
    try:
        workers.start(func, jobs, initializer, initargs)
        feeder = _Feeder(iter(chunks), workers.conns)
        feeder.start()
        for turn in itertools.count():
            worker = turn % jobs
            message = workers.receive(worker)
            if message is None:
                break
            feeder.slots[worker].release()
            kind, payload = message
            if kind == "error":
                raise WorkerError(f"a worker process failed: {payload}")
            yield payload
        if feeder.error is not None:
            raise feeder.error
    finally:
        if feeder is not None:
            feeder.stop()
        workers.stop()
        if feeder is not None:
            feeder.join(_JOIN_SECONDS)


class _Workers:
    """The worker processes of one :func:`ordered_chunks` and the caller's ends of their pipes."""

    def __init__(self) -> None:
        self.processes: list[Any] = []
        self.conns: list[Connection] = []

    def start(
        self,
        func: Callable[[Any], Any],
        jobs: int,
        initializer: Callable[..., None] | None,
        initargs: tuple[Any, ...],
    ) -> None:
        context = _context(func.__module__)
        forked = context.get_start_method() == "fork"
        if forked:  # a forked worker flushes the standard streams it inherits when it ends
            for stream in (sys.stdout, sys.stderr):
                if stream is not None:
                    stream.flush()
        for _ in range(jobs):
            parent, child = context.Pipe(duplex=True)
            inherited = tuple(self.conns) if forked else ()
            process = context.Process(
                target=_work, args=(child, func, initializer, initargs, inherited), daemon=True
            )
            _start(process)
            child.close()
            self.processes.append(process)
            self.conns.append(parent)

    def receive(self, worker: int) -> Any:
        """The next message of ``worker``; a :class:`WorkerError` if it died."""
        try:
            return self.conns[worker].recv()
        except (EOFError, OSError):
            code = self.processes[worker].exitcode
            raise WorkerError(
                f"worker process {worker + 1} of {len(self.conns)} died"
                + (f" (exit status {code})" if code is not None else "")
            ) from None

    def stop(self) -> None:
        """Kill the workers still running, close the pipes and reap them."""
        for process in self.processes:
            if process.is_alive():
                process.kill()
        for conn in self.conns:
            conn.close()
        for process in self.processes:
            process.join(_JOIN_SECONDS)

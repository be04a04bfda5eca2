"""Worker processes that never outlive the run that started them.

A ``concurrent.futures.ProcessPoolExecutor`` on the spawn context (never fork: the
indexer is threaded), with two rules set in each worker by its ``initializer``:

- Ctrl-C belongs to the parent. A terminal sends SIGINT to the whole foreground
  process group; workers ignore it, and the parent, which decides what an interrupt
  means, kills them at once. So an interrupt prints no worker tracebacks.
- A worker dies with its parent. On Linux ``PR_SET_PDEATHSIG`` has the kernel send
  SIGKILL the moment the parent goes (kill -9 included); everywhere a watcher thread
  also checks ``os.getppid()`` twice a second.

Like every spawn-based pool, a user's script that starts an indexing run needs the
usual ``if __name__ == "__main__":`` guard (the ``cutbot`` command has it).
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import Any, Callable, Iterator, Sequence

from .errors import CutbotError
from .media import leave_warnings_to_parent

log = logging.getLogger(__name__)

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
WATCH_EVERY = 0.5  # seconds between a worker's checks that its parent still lives
POLL = 0.1  # seconds between the parent's checks of its cancel event while it waits


class Cancelled(CutbotError):
    """The run was told to stop (Ctrl-C in the main thread); its workers are gone."""


class WorkerDied(CutbotError):
    """A worker process ended without a result (killed, or out of memory)."""


def starting_worker() -> bool:
    """True while a spawned worker is still importing its parent's ``__main__``: a script
    without the ``__main__`` guard would start its whole run again in every worker."""
    return bool(getattr(multiprocessing.current_process(), "_inheriting", False))


def _init_worker(parent: int) -> None:
    """Runs first in every worker: leave Ctrl-C to the parent, die with the parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # also drops a Ctrl-C that came during start-up
    leave_warnings_to_parent()  # workers read frames the parent reads too: one warning, from it
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # blocked by _no_ctrl_c
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
        except (OSError, AttributeError):  # pragma: no cover - no prctl: the watcher still runs
            pass
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="cutbot-parent-watch").start()


def _watch_parent(parent: int) -> None:
    while True:
        time.sleep(WATCH_EVERY)
        if os.getppid() != parent:  # reparented: the parent is gone, nobody wants our results
            os._exit(1)


@contextmanager
def _no_ctrl_c() -> Iterator[None]:
    """Block SIGINT in this thread while it starts workers. The mask is inherited through
    exec, so a Ctrl-C that arrives while a worker still imports (before its initializer
    runs) waits, and is then dropped, instead of printing a traceback from the worker.
    Signal handlers run in the main thread only, so blocking it here changes nothing else."""
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - Windows
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


class WorkerPool:
    """A spawn-context process pool whose workers stop with the run; a context manager.

    Leaving the block normally waits for the workers to exit; leaving it by an exception
    (Ctrl-C, a cancel, a failed job) kills them first, so nothing runs on.
    """

    def __init__(self, workers: int, cancel: threading.Event | None = None):
        self.cancel = cancel
        self._pool = ProcessPoolExecutor(max(1, int(workers)), mp_context=multiprocessing.get_context("spawn"),
                                         initializer=_init_worker, initargs=(os.getpid(),))

    def __enter__(self) -> "WorkerPool":
        return self

    def __exit__(self, kind, exc, tb) -> None:
        self.stop(kill=kind is not None)

    def map(self, fn: Callable[..., Any], jobs: Sequence[tuple]) -> Iterator[Any]:
        """``fn(*job)`` for every job in the workers; results in job order, as they come.

        ``fn`` must be a module-level function (it is pickled by name). A job's exception is
        re-raised here; a set ``cancel`` event raises ``Cancelled`` within ``POLL`` seconds.
        """
        with _no_ctrl_c():  # submit starts the workers: they start with Ctrl-C blocked
            futures = [self._pool.submit(fn, *job) for job in jobs]
        for fut in futures:
            while True:
                if self.cancel is not None and self.cancel.is_set():
                    raise Cancelled("stopped")
                try:
                    result = fut.result(timeout=POLL)
                except FutureTimeout:
                    continue
                except BrokenProcessPool as exc:
                    raise WorkerDied("a worker process died (out of memory? From a script of your own: is the "
                                     'indexing call under  if __name__ == "__main__":  ?)') from exc
                break
            yield result

    def submit(self, fn: Callable[..., Any], *args) -> Future:
        """``fn(*args)`` in a worker; collect it with ``result`` (jobs fed as they come)."""
        with _no_ctrl_c():  # the first submit starts the workers: with Ctrl-C blocked
            return self._pool.submit(fn, *args)

    def result(self, fut: Future) -> Any:
        """A submitted job's result, waiting as ``map`` does (cancel, dead workers)."""
        while True:
            if self.cancel is not None and self.cancel.is_set():
                raise Cancelled("stopped")
            try:
                return fut.result(timeout=POLL)
            except FutureTimeout:
                continue
            except BrokenProcessPool as exc:
                raise WorkerDied("a worker process died (out of memory? From a script of your own: is the "
                                 'indexing call under  if __name__ == "__main__":  ?)') from exc

    def stop(self, kill: bool = False) -> None:
        """Shut the pool down; ``kill``: SIGKILL the workers now instead of letting them finish."""
        # The executor keeps no public list of its processes; read it before shutdown clears it.
        if self._pool is None:
            return
        procs = list((getattr(self._pool, "_processes", None) or {}).values())
        if kill:
            for proc in procs:
                if proc.is_alive():
                    proc.kill()
        self._pool.shutdown(wait=True, cancel_futures=True)  # quick once the workers are dead
        # Drop the executor now: its queues' semaphores are released with it, so even a
        # process that ends with os._exit next leaves the resource tracker nothing to warn about.
        self._pool = None
        for proc in procs:
            proc.join(timeout=2.0)  # reap them: no zombie outlives the run

"""A table of stages and the small scheduler that runs it.

A stage names the stages whose results it takes, the key its saved result is valid for,
and a function from those plain results to a plain result. The function knows nothing of
threads, the store or the other stages, so the scheduler alone decides where it runs
(threads today: the models release the GIL; a process or a Ray task would need only a
different ``submit``). A stage whose key is already on disk is loaded, never run.
"""
from __future__ import annotations

import threading
import time
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from functools import partial
from typing import Any, Callable, Iterable

from .workers import Cancelled


@dataclass(frozen=True)
class Stage:
    """One step of indexing.

    ``run(*results of inputs, report=...)`` computes it; ``save(result, key)`` keeps it and
    ``load()`` reads a kept one back (both on the scheduler's side, never in a worker). An
    empty ``key`` means the result is never saved: it is computed only when a stage that
    runs needs it. A stage with ``on_fail`` is optional: no stage takes its result, and when
    it fails ``on_fail(error, key)`` records that it was tried (so a film whose sound trips
    the voices stage still gets an index, and the next run does not fail the same way)."""

    name: str
    inputs: tuple[str, ...]
    key: str
    run: Callable[..., Any]
    save: Callable[[Any, str], None]
    load: Callable[[], Any]
    on_fail: Callable[[BaseException, str], None] | None = None


Report = Callable[[str, float, float], None]


def check_table(stages: Iterable[Stage]) -> dict[str, Stage]:
    """The table by name; every input must be an earlier stage (so it has no cycle)."""
    table: dict[str, Stage] = {}
    for s in stages:
        missing = [i for i in s.inputs if i not in table]
        if s.name in table or missing:
            raise ValueError(f"stage {s.name!r}: duplicate, or inputs {missing} not declared before it")
        optional = [i for i in s.inputs if table[i].on_fail is not None]
        if optional:
            raise ValueError(f"stage {s.name!r} takes the optional stages {optional}, which may have no result")
        table[s.name] = s
    return table


def run_stages(stages: Iterable[Stage], reused: set[str], *, report: Report,
               cancel: threading.Event, timings: dict[str, float] | None = None,
               workers: int = 3) -> dict[str, Any]:
    """Run the table: every stage whose inputs are ready starts at once, in its own thread.

    Reused stages are loaded, not run. When a stage fails, the stages that need it are
    skipped, the others finish and save (the next run resumes from them), then the first
    error is raised. Ctrl-C (or any BaseException here) sets ``cancel``: the stages stop at
    their next progress call and nothing new starts.
    """
    table = check_table(stages)
    results: dict[str, Any] = {}
    timings = {} if timings is None else timings
    lock = threading.Lock()
    one = partial(_one, reused=reused, report=report, cancel=cancel, timings=timings, lock=lock)
    pool = ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="cutbot-index")
    running: dict[Future, str] = {}
    failed: dict[str, BaseException] = {}
    wanted = _wanted(table, reused)
    waiting = {n: s for n, s in table.items() if n in wanted}
    try:
        while waiting or running:
            for name, stage in list(waiting.items()):
                kept = name in reused and stage.key  # loaded: it needs no inputs
                if not kept and any(i in failed for i in stage.inputs):
                    failed[name] = failed[next(i for i in stage.inputs if i in failed)]
                    del waiting[name]  # skipped: it needs a stage that failed
                elif kept or all(i in results for i in stage.inputs):
                    del waiting[name]
                    args = [] if kept else [results[i] for i in stage.inputs]
                    running[pool.submit(one, stage, args)] = name
            if not running:  # pragma: no cover - check_table makes every input reachable
                break
            # wake up often: the main thread runs Python's Ctrl-C handler only when awake
            done, _ = wait(list(running), timeout=0.1, return_when=FIRST_COMPLETED)
            for fut in done:
                name = running.pop(fut)
                try:
                    results[name] = fut.result()
                except Exception as exc:  # noqa: BLE001 - the first one is re-raised below
                    failed[name] = exc
    except BaseException:
        cancel.set()
        pool.shutdown(wait=False, cancel_futures=True)
        wait(list(running), timeout=2.0)  # face workers are killed within a tenth of a second
        raise
    pool.shutdown(wait=True)
    if failed:
        raise next(iter(failed.values()))
    return results


def _one(stage: Stage, args: list, *, reused: set[str], report: Report, cancel: threading.Event,
         timings: dict[str, float], lock: threading.Lock) -> Any:
    """Load or run one stage (in a pool thread), time it and save what it made."""
    if cancel.is_set():
        raise Cancelled("stopped")
    if stage.name in reused and stage.key:
        out = stage.load()
    else:
        t0 = time.perf_counter()
        try:
            out = stage.run(*args, report=report)
        except Exception as exc:
            if stage.on_fail is None or cancel.is_set() or isinstance(exc, Cancelled):
                raise
            stage.on_fail(exc, stage.key)
            return None
        with lock:
            timings[stage.name] = timings.get(stage.name, 0.0) + time.perf_counter() - t0
        if stage.key:
            stage.save(out, stage.key)
    if stage.key:
        report(stage.name, 1.0, 1.0)
    return out


def _wanted(table: dict[str, Stage], reused: set[str]) -> set[str]:
    """Stages to run or load: all but an unsaved one (empty key, e.g. decoded audio) that
    no stage still to run needs."""
    wanted = set(table)
    for name in reversed(list(table)):
        stage = table[name]
        if not stage.key and not any(name in t.inputs and t.name in wanted and t.name not in reused
                                     for t in table.values()):
            wanted.discard(name)
    return wanted

"""Index every film of the library on Ray: one task per film, on this machine or a cluster.

The per-film index (``pipeline.index_film``) stays the unit of work and of caching: a Ray
task runs it for one film and returns a small ``FilmOutcome``; only this driver writes the
catalogue, so the catalogue has one writer however many machines index. That makes every
failure local and every run resumable:

- a finished film is skipped (its index is complete on disk), a film a killed run left
  ``indexing`` is simply queued again, and ``index_film`` itself resumes from the stages
  already saved;
- a broken film comes back as ``failed`` with a one-line reason; the others go on;
- a worker process that dies (killed, out of memory) is retried by Ray (``max_retries``);
  a film that kills its worker every time ends ``failed``, never the run.

``--workers N`` starts a private local Ray with N CPUs; ``--address auto|ray://HOST:PORT``
joins a running cluster, where every node must see the films and ``CUTBOT_HOME`` at the
same paths (a shared filesystem): the task is told the home explicitly and the driver's
``CUTBOT_*`` settings travel in the runtime environment.
"""
from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Protocol

from .catalogue import Catalogue, FilmRecord
from .errors import CutbotError
from .store import read_manifest

log = logging.getLogger(__name__)

MAX_RETRIES = 3  # a worker that dies (SIGKILL, out of memory) is retried this often, then the film fails
CONNECT_TIMEOUT_S = 10.0  # how long --address HOST:PORT may take to answer before we say so
CPUS_PER_FILM = 1  # one film's pipeline runs speech, pictures and faces on one thread/process each
# Settings that travel to the workers besides every CUTBOT_* variable: offline models.
FORWARDED_ENV = ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_HOME", "TORCH_HOME")


class ClusterError(CutbotError):
    """Ray could not be started or joined, or was asked for something impossible."""


@dataclass(frozen=True)
class FilmJob:
    """What a Ray task needs to index one film: plain values, picklable, no catalogue."""

    fingerprint: str
    path: str
    name: str
    duration: float
    home: str
    cpus: int = CPUS_PER_FILM


@dataclass(frozen=True)
class FilmOutcome:
    """How one film's indexing ended: ``indexed`` | ``failed`` | ``skipped``."""

    fingerprint: str
    name: str
    state: str
    duration: float  # seconds of media
    elapsed: float = 0.0  # seconds this task ran (0 for a skipped film)
    index_root: str | None = None
    people: int = 0
    error: str | None = None


@dataclass(frozen=True)
class LibraryIndexReport:
    """One ``index_library`` run: every film's outcome and the throughput."""

    outcomes: list[FilmOutcome] = field(default_factory=list)
    wall: float = 0.0  # seconds, Ray start-up included
    cpus: int = 0  # CPUs Ray had for the run
    address: str | None = None

    def _count(self, state: str) -> int:
        return sum(o.state == state for o in self.outcomes)

    @property
    def indexed(self) -> int:
        return self._count("indexed")

    @property
    def failed(self) -> int:
        return self._count("failed")

    @property
    def skipped(self) -> int:
        return self._count("skipped")

    @property
    def media_seconds(self) -> float:
        """Seconds of media indexed by this run (skipped films not counted)."""
        return sum(o.duration for o in self.outcomes if o.state == "indexed")

    @property
    def films_per_minute(self) -> float:
        return 60.0 * self.indexed / self.wall if self.wall > 0 else 0.0


class LibraryProgress(Protocol):
    def __call__(self, films_done: int, films_total: int, seconds_done: float, seconds_total: float,
                 last: FilmOutcome | None) -> None: ...


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def index_one(job: FilmJob) -> FilmOutcome:
    """Index one film (runs inside a Ray task). Never raises for a bad film: it reports it."""
    from .media import fingerprint
    from .pipeline import index_film

    share = str(max(1, int(job.cpus)))  # the task's CPU share: no stage fans out past it
    for name in ("FACE_WORKERS", "TORCH_THREADS", "SPEECH_THREADS"):
        os.environ[f"CUTBOT_{name}"] = share
    t0 = time.perf_counter()

    def failed(reason: str) -> FilmOutcome:
        return FilmOutcome(job.fingerprint, job.name, "failed", job.duration, time.perf_counter() - t0,
                           error=reason)

    try:
        if not Path(job.path).is_file():
            return failed(f"{job.path} is gone (moved? `cutbot library add` its new place)")
        if fingerprint(job.path) != job.fingerprint:
            return failed(f"{job.path} has changed since it was added (`cutbot library add` it again)")
        index = index_film(job.path, home=job.home)
    except CutbotError as exc:
        return failed(_first_line(exc))
    except Exception as exc:  # a bug on one film must not stop the library; the reason is kept
        log.exception("indexing %s failed", job.path)
        return failed(f"{type(exc).__name__}: {_first_line(exc)}")
    return FilmOutcome(job.fingerprint, job.name, "indexed", float(index.media.duration),
                       time.perf_counter() - t0, index_root=str(index.root), people=len(index.people))


def _finished(rec: FilmRecord) -> bool:
    """Indexed, and its index is still complete on disk (a deleted index is rebuilt)."""
    if rec.state != "indexed" or rec.index_root is None:
        return False
    man = read_manifest(rec.index_root)
    return bool(man and man.get("complete") and man.get("fingerprint") == rec.fingerprint)


def _runtime_env(home: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k.startswith("CUTBOT_") or k in FORWARDED_ENV}
    env["CUTBOT_HOME"] = str(home)
    return {"env_vars": env}


def _check_reachable(address: str, timeout: float = CONNECT_TIMEOUT_S) -> None:
    """A HOST:PORT (or ray://HOST:PORT) that nothing answers on is one clear line now;
    Ray itself would retry for minutes. ``auto`` is left to Ray (it finds the local head)."""
    import socket

    rest = address.split("://", 1)[1] if "://" in address else address
    host, sep, port = rest.rpartition(":")
    if not sep or not port.isdigit():
        if address.strip().lower() == "auto":
            return
        raise ClusterError(f"--address must be auto, HOST:PORT or ray://HOST:PORT (got {address!r})")
    try:
        socket.create_connection((host.strip("[]") or "127.0.0.1", int(port)), timeout=timeout).close()
    except OSError as exc:
        raise ClusterError(f"no Ray cluster answers at {address} ({exc.strerror or exc}); "
                           "start one with `ray start --head`") from None


def _use_token_if_any() -> None:
    """Ray 2.5x clusters started by ``ray start`` require a token by default (~/.ray/auth_token);
    a driver that joins one must say so, which Ray does not do by itself for a given address."""
    if os.environ.get("RAY_AUTH_MODE"):
        return
    try:
        from ray._private.authentication.authentication_token_setup import (
            maybe_enable_token_auth_if_token_available)
    except ImportError:  # an older Ray: no token authentication
        return
    quiet = logging.getLogger(maybe_enable_token_auth_if_token_available.__module__)
    level = quiet.level
    quiet.setLevel(logging.ERROR)  # its "token authentication is enabled" is for `ray start`'s user
    try:
        maybe_enable_token_auth_if_token_available(warn_if_disabled=False)
    finally:
        quiet.setLevel(level)


def _start_ray(workers: int | None, address: str | None, home: Path) -> tuple[bool, int]:
    """Start (or join) Ray; returns (whether we started it, so must stop it; its CPUs)."""
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # never phone home
    import ray

    if workers is not None and address is not None:
        raise ClusterError("give --workers (a local Ray) or --address (a cluster), not both")
    if workers is not None and int(workers) < 1:
        raise ClusterError(f"--workers must be at least 1 (got {workers})")
    if ray.is_initialized():  # the caller's Ray (a test, an app): use it, leave it running
        return False, int(ray.cluster_resources().get("CPU", 0))
    env = _runtime_env(home)
    quiet = dict(log_to_driver=False, logging_level=logging.ERROR)
    try:
        if address is not None:
            _check_reachable(address)
            _use_token_if_any()
            if address.startswith("ray://"):  # Ray Client: the server's init takes no local options
                ray.init(address=address, runtime_env=env)
            else:
                ray.init(address=address, runtime_env=env, **quiet)
        else:
            n = int(workers or os.cpu_count() or 1)
            ray.init(address="local", num_cpus=n, object_store_memory=128 * 1024 * 1024, include_dashboard=False,
                     runtime_env=env, **quiet)
    except ClusterError:
        raise
    except Exception as exc:  # ConnectionError, RuntimeError, ValueError: all mean "no Ray"
        where = f"the Ray cluster at {address}" if address else "a local Ray"
        raise ClusterError(f"could not start {where}: {_first_line(exc)}") from None
    return True, int(ray.cluster_resources().get("CPU", 0))


def pending_films(catalogue: Catalogue) -> tuple[list[FilmRecord], list[FilmRecord]]:
    """(films to index, films already finished): new, failed and left-``indexing`` ones are queued."""
    todo, done = [], []
    for rec in catalogue.films():
        (done if _finished(rec) else todo).append(rec)
    return todo, done


def index_library(catalogue: Catalogue, workers: int | None = None, address: str | None = None,
                  progress: LibraryProgress | None = None, *,
                  task: Callable[[FilmJob], FilmOutcome] | None = None,
                  max_retries: int = MAX_RETRIES) -> LibraryIndexReport:
    """Index every film of the library that is not finished, one Ray task per film.

    ``workers``: CPUs of a private local Ray (default: this machine's cores); ``address``:
    join a cluster instead (``auto`` or ``ray://HOST:PORT``). ``task`` replaces the per-film
    function (tests use it to kill a worker); it must be picklable by Ray.
    """
    t0 = time.perf_counter()
    todo, done = pending_films(catalogue)
    outcomes = [FilmOutcome(r.fingerprint, r.name, "skipped", r.duration, index_root=str(r.index_root),
                            people=r.people) for r in done]
    if not todo:
        return LibraryIndexReport(outcomes, time.perf_counter() - t0, 0, address)
    home = catalogue.home.resolve()
    started, cpus = _start_ray(workers, address, home)
    import ray

    try:
        remote = ray.remote(task or index_one).options(num_cpus=CPUS_PER_FILM, max_retries=max_retries,
                                                       retry_exceptions=False)
        catalogue.mark_many([r.fingerprint for r in todo], "indexing")
        jobs = {remote.remote(FilmJob(r.fingerprint, str(r.path), r.name, r.duration, str(home))): r
                for r in todo}
        seconds_total = sum(r.duration for r in todo)
        films_done, seconds_done = 0, 0.0
        if progress is not None:
            progress(0, len(todo), 0.0, seconds_total, None)
        waiting = list(jobs)
        while waiting:
            ready, waiting = ray.wait(waiting, num_returns=1)
            rec = jobs[ready[0]]
            out = _collect(ray, ready[0], rec, max_retries)
            _record(catalogue, out)
            outcomes.append(out)
            films_done += 1
            seconds_done += rec.duration
            if progress is not None:
                progress(films_done, len(todo), seconds_done, seconds_total, out)
    except BaseException:  # Ctrl-C or a lost cluster: what did not finish goes back to "new"
        _requeue(catalogue, todo)
        raise
    finally:
        if started:
            ray.shutdown()
    return LibraryIndexReport(outcomes, time.perf_counter() - t0, cpus, address)


def _collect(ray, ref, rec: FilmRecord, max_retries: int) -> FilmOutcome:
    """The task's outcome; a task Ray gave up on (its worker died every try) is a failed film."""
    try:
        out = ray.get(ref)
    except ray.exceptions.WorkerCrashedError:
        return FilmOutcome(rec.fingerprint, rec.name, "failed", rec.duration,
                           error=f"its worker process died {max_retries + 1} time(s) (out of memory?)")
    except ray.exceptions.RayError as exc:
        return FilmOutcome(rec.fingerprint, rec.name, "failed", rec.duration, error=_first_line(exc))
    if not isinstance(out, FilmOutcome):
        return FilmOutcome(rec.fingerprint, rec.name, "failed", rec.duration,
                           error=f"the indexing task returned {type(out).__name__}, not a FilmOutcome")
    return replace(out, fingerprint=rec.fingerprint, name=rec.name)


def _record(catalogue: Catalogue, out: FilmOutcome) -> None:
    if catalogue.by_fingerprint(out.fingerprint) is None:  # removed from the library meanwhile
        return
    if out.state == "indexed":
        catalogue.mark(out.fingerprint, "indexed", index_root=out.index_root, people=out.people)
    else:
        log.info("%s: %s", out.name, out.error)  # the caller reports it (the CLI: one line)
        catalogue.mark(out.fingerprint, "failed", error=out.error)


def _requeue(catalogue: Catalogue, todo: list[FilmRecord]) -> None:
    try:
        left = [r.fingerprint for r in todo
                if (now := catalogue.by_fingerprint(r.fingerprint)) is not None and now.state == "indexing"]
        catalogue.mark_many(left, "new")
    except Exception:  # pragma: no cover - best effort while already failing; the next run requeues anyway
        log.debug("could not requeue", exc_info=True)

"""Index a film: probe, shots, transcript, frame and sentence vectors, saved as they finish.

Speech (faster-whisper / CTranslate2) and pictures (decode + torch) both release the
GIL, so the two paths run side by side in threads (faces, whose dlib holds the GIL,
run in worker processes driven from a third thread once the shots are known); on 2 cores that makes the whole
index cost about what the slower path costs alone. Each stage is keyed by indexer
version + model name, so an unchanged film is reused at once and an interrupted run
resumes from the stages already on disk.
"""
from __future__ import annotations

import bisect
import logging
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor, wait
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import contextmanager
from functools import partial
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from . import media as _media
from .schema import FaceAnalyzer, Frame, MediaInfo, Sentence, Shot, TextEmbedder, Transcriber, VisualEmbedder
from .shots import ShotOptions
from .files import file_lock
from .store import Index, IndexStore, index_dir, open_complete
from .workers import Cancelled, starting_worker

log = logging.getLogger(__name__)

TRANSCRIPT_VERSION = "transcript-1"
FRAMES_VERSION = "frames-1"
SENTENCES_VERSION = "sentences-1"


class Progress(Protocol):
    """Called from worker threads as stages advance; ``done``/``total`` in stage units."""

    def __call__(self, stage: str, done: float, total: float) -> None: ...


@dataclass(frozen=True)
class FrameSampling:
    """Where frames are sampled: every shot's middle, plus a regular grid."""

    every: float = 2.0
    dedupe: float = 0.5  # a shot middle this close to a grid time in the same shot is dropped
    max_side: int = 384
    batch: int = 16

    def key(self) -> str:
        return f"every{self.every:g}:dedupe{self.dedupe:g}:side{self.max_side}"


def frame_times(shots: list[Shot], duration: float, s: FrameSampling = FrameSampling()) -> list[tuple[float, int]]:
    """Sorted ``(time, shot index)``: gaps of at most ``every`` and at least one per shot."""
    starts = [sh.start for sh in shots]

    def shot_of(t: float) -> int:
        return shots[max(0, bisect.bisect_right(starts, t) - 1)].index

    grid = []
    t = min(s.every / 2, duration / 2)
    while t < duration:
        grid.append((round(t, 3), shot_of(t)))
        t += s.every
    out = list(grid)
    grid_times = [g[0] for g in grid]
    for sh in shots:
        mid = round((sh.start + sh.end) / 2, 3)
        lo = bisect.bisect_left(grid_times, mid - s.dedupe)
        near = any(abs(grid[k][0] - mid) < s.dedupe and grid[k][1] == sh.index
                   for k in range(lo, min(lo + 3, len(grid))))
        if not near:
            out.append((mid, sh.index))
    return sorted(out)


def _resolve_name(role: str, given) -> str:
    """The registry name for a role without loading the model (keys the stages)."""
    from . import models

    if given is not None and not isinstance(given, str):
        return given.name
    env = {"text": "TEXT_MODEL", "visual": "VISUAL_MODEL", "speech": "SPEECH_MODEL"}[role]
    return models._resolve(role, given, env)


def _faces_name(given) -> str | None:
    """The faces model's registry name, or None when faces are off or not installed."""
    from . import models

    if given is False:
        return None
    if given is True:
        given = None
    if given is not None and not isinstance(given, str):
        return given.name
    name = models._resolve("faces", given, "FACES_MODEL")
    spec = models.REGISTRY.get(("faces", name))
    if spec is None or not models._status(spec).available:
        log.warning("faces: skipped, %s", models._status(spec).detail if spec else f"unknown model {name}")
        return None
    return name


def stage_keys(names: dict[str, str], shots: ShotOptions = ShotOptions(),
               sampling: FrameSampling = FrameSampling()) -> dict[str, str]:
    """What each stage depends on; a change anywhere upstream re-runs it."""
    k_shots = shots.key()
    k_trans = f"{TRANSCRIPT_VERSION}:{names['speech']}"
    return {
        "shots": k_shots,
        "transcript": k_trans,
        "frames": f"{FRAMES_VERSION}:{names['visual']}:{sampling.key()}|{k_shots}",
        "sentences": f"{SENTENCES_VERSION}:{names['text']}|{k_trans}",
    }


class _Timer:
    """Wall time per stage, summed; stages run in two threads."""

    def __init__(self):
        self.timings: dict[str, float] = {}
        self._lock = threading.Lock()

    @contextmanager
    def stage(self, name: str):
        t0 = time.perf_counter()
        try:
            yield
        finally:
            with self._lock:
                self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - t0


def index_film(path: str | os.PathLike, *, force: bool = False, home: str | os.PathLike | None = None,
               visual: str | VisualEmbedder | None = None, speech: str | Transcriber | None = None,
               text: str | TextEmbedder | None = None, progress: Progress | None = None,
               faces: str | FaceAnalyzer | bool | None = None) -> Index:
    """Build (or reuse) the index of a film and return it.

    ``visual``/``speech``/``text``/``faces`` are registry names (or ready backends); None
    means the configured default, ``faces=False`` skips faces. ``force`` ignores every saved stage.
    """
    from .faces import FACES_VERSION, FaceOptions

    if starting_worker():
        raise RuntimeError("index_film was called while a worker process was starting: guard the "
                           'script that calls it with  if __name__ == "__main__":')
    t_start = time.perf_counter()
    timer = _Timer()
    cancel = threading.Event()  # set on Ctrl-C: every path stops at its next checkpoint

    def report(stage: str, done: float, total: float) -> None:
        if cancel.is_set() and stage != "shots":  # PySceneDetect calls from its own decode thread
            raise Cancelled("stopped")
        if progress is not None:
            progress(stage, done, total)

    with timer.stage("probe"):
        info = _media.probe(path)
    names = {"visual": _resolve_name("visual", visual), "speech": _resolve_name("speech", speech),
             "text": _resolve_name("text", text)}
    keys = stage_keys(names)
    faces_name = _faces_name(faces)
    if faces_name:
        keys["faces"] = f"{FACES_VERSION}:{faces_name}:{FaceOptions().key()}|{keys['shots']}"
    root = index_dir(info.fingerprint, home)
    if not force:
        ready = open_complete(root, info.fingerprint, keys, info.path)
        if ready is not None:
            log.info("reusing the index of %s in %s", path, ready.root)
            return ready  # no bars: nothing to wait for
    # One build per film at a time: a second process waits here, then reuses what the first built.
    with file_lock(root / ".lock",
                   on_wait=lambda: log.warning("waiting for another cutbot that is indexing %s", path)):
        if not force:
            ready = open_complete(root, info.fingerprint, keys, info.path)
            if ready is not None:
                log.info("reusing the index of %s that another process built", path)
                return ready
        return _build(info, keys, names, faces_name, force=force, home=home, visual=visual,
                      speech=speech, text=text, faces=faces, report=report, cancel=cancel,
                      timer=timer, t_start=t_start)


def _build(info: MediaInfo, keys: dict[str, str], names: dict[str, str], faces_name: str | None, *,
           force, home, visual, speech, text, faces, report: Progress, cancel: threading.Event,
           timer: _Timer, t_start: float) -> Index:
    """Run the missing stages (three paths side by side) and mark the index complete."""
    from . import models

    info = _media.readable(info)  # a damaged film: one warning, and only its readable part
    store = IndexStore(info, home, models=names, fresh=force)
    reused = {s for s in keys if store.has_stage(s, keys[s])}
    if reused:
        log.info("resuming %s: reusing stages %s", info.path, sorted(reused))

    def backend(role: str, given, getter):
        if cancel.is_set():  # a checkpoint before a model loads (seconds without progress)
            raise Cancelled("stopped")
        if given is not None and not isinstance(given, str):
            obj = given
        else:
            obj = getter(names[role])
        store.set_backend(role, getattr(obj, "name", names[role]))
        return obj

    def speech_path() -> list[Sentence]:
        if "transcript" in reused:
            sentences = store.load_transcript()
            report("transcript", 1.0, 1.0)
        elif not info.has_audio:
            sentences = []
            store.save_transcript(sentences, keys["transcript"])
            report("transcript", 1.0, 1.0)
        else:
            with timer.stage("audio"):
                audio = _media.load_audio(info.path)
            total = max(len(audio) / 16000, 1e-3)
            with timer.stage("transcript"):
                tr = backend("speech", speech, models.get_transcriber)
                sentences = tr.transcribe(audio, progress=lambda secs: report("transcript", min(secs, total), total))
            store.save_transcript(sentences, keys["transcript"])
            report("transcript", total, total)
        if "sentences" not in reused:
            with timer.stage("sentences"):
                emb = backend("text", text, models.get_text_embedder)
                if sentences:
                    vecs = np.asarray(emb.embed([s.text for s in sentences]), dtype=np.float32)
                else:
                    vecs = np.zeros((0, int(emb.dim)), dtype=np.float32)
            store.save_sentence_vectors(vecs, keys["sentences"])
        report("sentences", 1.0, 1.0)
        return sentences

    def faces_path(shots: list[Shot]) -> None:
        from .faces import index_faces

        if "faces" in reused:
            report("faces", 1.0, 1.0)
            return
        store.set_backend("faces", faces_name)
        with timer.stage("faces"):
            ready = faces is not None and not isinstance(faces, (str, bool))
            got = index_faces(info, shots, faces if ready else partial(models.get_face_analyzer, faces_name),
                              progress=report, cancel=cancel)
        store.save_faces(got.faces, got.tracks, got.people, got.vectors, got.crops, keys["faces"], got.frames)

    faces_future: list = []

    def picture_path() -> list[Shot]:
        if "shots" in reused:
            shots = store.load_shots()
        else:
            from .shots import detect_shots

            with timer.stage("shots"):
                shots = detect_shots(info.path, progress=report, info=info)
            store.save_shots(shots, keys["shots"])
        report("shots", 1.0, 1.0)
        if faces_name:
            faces_future.append(pool.submit(faces_path, shots))
        if "frames" not in reused:
            with timer.stage("frames"):
                frames, vecs = _embed_frames(info, shots, backend("visual", visual, models.get_visual_embedder),
                                             report)
            store.save_frames(frames, vecs, keys["frames"])
        return shots

    pool = ThreadPoolExecutor(max_workers=3, thread_name_prefix="cutbot-index")
    try:
        speech_future = pool.submit(speech_path)
        picture_future = pool.submit(picture_path)
        # Surface the first failure; the other paths still finish and save their stages.
        errors = []
        for fut in (picture_future, speech_future, None):
            if fut is None:  # the faces path exists only once the pictures path found the shots
                if not faces_future:
                    break
                fut = faces_future[0]
            try:
                _result(fut)
            except Exception as exc:  # noqa: BLE001 - re-raised below
                errors.append(exc)
        if errors:
            raise errors[0]
    except BaseException:
        # Ctrl-C (or a failure): the paths stop at their next checkpoint and the face workers
        # are killed at once; what was saved stays saved and the next run resumes from it.
        cancel.set()
        pool.shutdown(wait=False, cancel_futures=True)
        wait(faces_future, timeout=2.0)  # its workers are killed within a tenth of a second
        raise
    pool.shutdown(wait=True)

    timings = dict(timer.timings)
    timings["total"] = time.perf_counter() - t_start
    timings["rtf"] = timings["total"] / max(info.duration, 1e-6)
    store.finish(timings)
    index = open_complete(store.root, info.fingerprint, keys, info.path)
    if index is None:  # pragma: no cover - we just wrote it
        raise RuntimeError(f"index in {store.root} did not read back")
    log.info("indexed %s in %.1f s (RTF %.3f)", info.path, timings["total"], timings["rtf"])
    return index


def _result(fut):
    """``fut.result()``, waking up often: the kernel may hand Ctrl-C to another thread, and
    the main thread runs Python's handler only once it wakes (a plain wait can sleep on)."""
    while True:
        try:
            return fut.result(timeout=0.1)
        except FutureTimeout:
            continue


def _embed_frames(info: MediaInfo, shots: list[Shot], embedder: VisualEmbedder, report: Progress,
                  sampling: FrameSampling = FrameSampling()) -> tuple[list[Frame], np.ndarray]:
    """Decode the sampled frames in one forward pass and embed them in batches."""
    wanted = frame_times(shots, info.usable_duration, sampling)
    total = float(len(wanted))
    frames: list[Frame] = []
    chunks: list[np.ndarray] = []
    batch: list[tuple[float, int, np.ndarray]] = []

    def flush() -> None:
        if not batch:
            return
        out = embedder.embed_images([img for _, _, img in batch])
        vecs = np.asarray(out.vectors, dtype=np.float32)
        for k, (t, shot, _) in enumerate(batch):
            labels = tuple(out.labels[k]) if k < len(out.labels) else ()
            frames.append(Frame(len(frames), t, shot, labels))
        chunks.append(vecs)
        batch.clear()
        report("frames", float(len(frames)), total)

    shot_by_time = iter(wanted)
    for (t, img), (_, shot) in zip(_media.iter_frames(info.path, [t for t, _ in wanted],
                                                      max_side=sampling.max_side), shot_by_time):
        batch.append((t, shot, img))
        if len(batch) >= sampling.batch:
            flush()
    flush()
    dim = int(getattr(embedder, "dim", 0))
    vecs = np.concatenate(chunks) if chunks else np.zeros((0, dim), dtype=np.float32)
    return frames, vecs


class RichProgress:
    """A ``Progress`` that draws one rich bar per stage; use as a context manager.

    >>> with RichProgress() as bar:
    ...     index_film("film.mp4", progress=bar)
    """

    LABELS = {"shots": "shots", "transcript": "speech", "sentences": "sentence vectors",
              "frames": "pictures", "faces": "faces"}

    def __init__(self, console=None, transient: bool = False):
        from rich.progress import (BarColumn, Progress, TaskProgressColumn, TextColumn,
                                   TimeElapsedColumn)

        self._progress = Progress(TextColumn("[bold]{task.description:<16}"), BarColumn(),
                                  TaskProgressColumn(), TimeElapsedColumn(),
                                  console=console, transient=transient)
        self._tasks: dict[str, int] = {}
        self._lock = threading.Lock()

    def __enter__(self) -> "RichProgress":
        self._progress.start()
        return self

    def __exit__(self, kind, exc, tb) -> None:
        if kind is not None:  # a failure or Ctrl-C: clear the bars; the error is the only line
            self._progress.live.transient = True
            self._progress.live.stop()  # Progress.stop would add an empty line to a file or pipe
            return
        self._progress.stop()

    def __call__(self, stage: str, done: float, total: float) -> None:
        with self._lock:
            task = self._tasks.get(stage)
            if task is None:
                task = self._progress.add_task(self.LABELS.get(stage, stage), total=total or 1.0)
                self._tasks[stage] = task
            self._progress.update(task, completed=done, total=total or 1.0)

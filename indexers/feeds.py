"""What the decode pass feeds: the picture embedder (a thread) and the faces workers.

Both take decoded frames, scaled through kept swscale contexts (``sampling.scaled``), and each sits behind
a bounded queue, so a slow consumer slows the decoder instead of filling memory.
"""
from __future__ import annotations

import bisect
import logging
import queue
import threading
import time
from collections import deque
from typing import Any, Callable

import numpy as np

from .looks import Motion, looks_of
from .sampling import to_rgb
from .schema import MediaInfo, Progress, Shot, VisualEmbedder

log = logging.getLogger("cutbot.indexers.decode")


def shown_at(items: list, t: float, eps: float):
    """The frame shown at ``t``: the last that starts at or before it (else the first)."""
    k = bisect.bisect_right([it[0] for it in items], t + eps) - 1
    return items[max(0, k)][2]


class EmbedFeed(threading.Thread):
    """Embeds pictures from a bounded queue in batches, beside the decoding (torch drops the GIL)."""

    def __init__(self, load: Callable[[], VisualEmbedder], sampling: Any, report: Progress, total: int):
        # sampling: decode.FrameSampling (its batch size)
        super().__init__(daemon=True, name="cutbot-embed")
        self.load, self.s, self.report, self.total = load, sampling, report, float(max(1, total))
        self.embedder: VisualEmbedder | None = None
        self.q: queue.Queue = queue.Queue(maxsize=2 * sampling.batch)
        self.got: list[tuple[float, int | None, np.ndarray, tuple]] = []
        self.looks: list[np.ndarray] = []  # looks.LOOK_FIELDS of each picture in ``got``, same order
        self.error: BaseException | None = None
        self.busy = 0.0
        self.motion: Motion | None = Motion()  # the frames' ``moving``; None when it failed (read again)

    def run(self) -> None:
        try:  # the model loads here while the decoder starts (the queue holds it back)
            self.embedder = self.load()
        except BaseException as exc:  # noqa: BLE001 - handed to the frames stage
            self.error = exc
        batch: list = []
        while True:
            item = self.q.get()
            if item is not None and item[0] is None:  # (None, shot, (start, end)): a shot closed
                self._move(self.motion.close if self.motion else None, item[1], *item[2])
                continue
            if item is not None:
                batch.append(item)
                self._move(self.motion.add if self.motion else None, *item)
            if batch and (item is None or len(batch) >= self.s.batch):
                self._flush(batch)
                batch = []
            if item is None:
                return

    def _move(self, step, *args) -> None:
        """One step of ``moving``: a failure drops it (the looks stage reads it off the film)."""
        if step is None or self.error is not None:
            return
        t0 = time.perf_counter()
        try:
            step(*args)
        except Exception as exc:  # noqa: BLE001 - a statistic, not worth the index
            log.warning("decode pass: motion not read (%s: %s)", type(exc).__name__, exc)
            self.motion = None
        self.busy += time.perf_counter() - t0

    def _flush(self, batch: list) -> None:
        if self.error is not None:
            return  # keep draining so the decoder never blocks on a dead consumer
        t0 = time.perf_counter()
        try:
            out = self.embedder.embed_images([img for _, _, img in batch])
            vecs = np.asarray(out.vectors, dtype=np.float32)
            looks = looks_of([img for _, _, img in batch])  # the picture's look: a few ms each
            for k, (t, shot, _) in enumerate(batch):
                self.got.append((t, shot, vecs[k], tuple(out.labels[k]) if k < len(out.labels) else ()))
                self.looks.append(looks[k])
            self.busy += time.perf_counter() - t0
            self.report("frames", min(float(len(self.got)), self.total - 1), self.total)
        except BaseException as exc:  # noqa: BLE001 - handed to the frames stage
            self.error = exc


class FaceFeed:
    """Hands each closed shot's face frames to the faces workers (at most ``inflight`` jobs
    queued, so a slow detector slows the decoder instead of filling memory)."""

    def __init__(self, info: MediaInfo, analyzer, o, report: Progress, cancel: threading.Event,
                 workers: int | None = None):
        from . import faces as F

        self.F, self.info, self.analyzer, self.o, self.report, self.cancel = F, info, analyzer, o, report, cancel
        self.pool = None
        if callable(analyzer):
            from .workers import WorkerPool

            # Start the workers now, from this (the stage's) thread: a worker dies with the thread
            # that started it (PR_SET_PDEATHSIG), and the decoder's thread ends before the last jobs.
            n = F.face_workers(workers)
            self.pool = WorkerPool(n, cancel)
            self.warm = [self.pool.submit(F.load_analyzer, analyzer) for _ in range(n)]
        self.inflight = 2 * (F.face_workers(workers) if self.pool else 1) + 1
        self.futures: deque = deque()
        self.raws: list = []
        self.done_shots: dict[int, tuple[float, float]] = {}
        self.frames = 0
        self.total = 1.0
        self.busy, self._since = 0.0, None  # worker seconds: from a job's start (or the last result) to its result

    def shot(self, sh: Shot, items: list, eps: float) -> None:
        jobs = self.F.face_times([sh], self.o)
        frames = [(t, s, th, to_rgb(shown_at(items, t, eps), self.o.decode_side)) for t, s, th in jobs]
        self.total = max(self.total, sh.end)
        if self.pool is None:
            t0 = time.perf_counter()
            self._take(self.F.analyze_frames(frames, self.o, self.analyzer), sh)
            self.busy += time.perf_counter() - t0
            return
        while len(self.futures) >= self.inflight:
            self._take(*self._wait(self.futures.popleft()))
        if self._since is None:
            self._since = time.perf_counter()
        self.futures.append((self.pool.submit(self.F.analyze_frames, frames, self.o, self.analyzer), sh))

    def _wait(self, item):
        fut, sh = item
        got = self.pool.result(fut)
        now = time.perf_counter()
        self.busy += now - self._since
        self._since = now if self.futures else None
        return got, sh

    def _take(self, got, sh: Shot) -> None:
        raws, n = got
        self.raws += raws
        self.frames += n
        self.done_shots[sh.index] = (sh.start, sh.end)
        self.report("faces", min(sh.end, self.info.usable_duration), self.info.usable_duration)

    def finish(self, shots: list[Shot], closed: dict):
        """Wait for the workers, repair shots the pass drew differently, and build people."""
        try:
            while self.futures:
                self._take(*self._wait(self.futures.popleft()))
            ok = {sh.index for sh in shots if self.done_shots.get(sh.index) == (sh.start, sh.end)}
            raws = [r for r in self.raws if r.shot in ok]
            redo = [sh for sh in shots if sh.index not in ok]
            if redo:
                log.info("decode pass: faces of %d shots decoded again", len(redo))
                jobs = self.F.face_times(redo, self.o)
                an = self.analyzer() if callable(self.analyzer) else self.analyzer
                got, n = self.F.analyze_chunk(str(self.info.path), jobs, self.o, an)
                raws += got
                self.frames += n
        finally:
            self.close(kill=False)
        res = self.F.build_people(raws, shots, self.o)
        return self.F.FaceIndex(res.faces, res.tracks, res.people, res.vectors, res.crops, self.frames)

    def close(self, kill: bool = True) -> None:
        if self.pool is not None:
            self.pool.stop(kill=kill)
            self.pool = None

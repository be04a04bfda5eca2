"""Index a film: probe, shots, transcript, frame and sentence vectors, saved as they finish.

Indexing is a declared table of stages (``index_stages``) run by the scheduler in
``stages.py``. Speech (faster-whisper / CTranslate2) and pictures (decode + torch) both
release the GIL, so stages whose inputs are ready run side by side in threads (faces,
whose dlib holds the GIL, run in worker processes driven from their stage's thread once
the shots are known); on 2 cores that makes the whole index cost about what the slower
path costs alone. Each stage is keyed by indexer version + model name, so an unchanged
film is reused at once and an interrupted run resumes from the stages already on disk.
"""
from __future__ import annotations

import logging
import os
import threading
import time
from functools import partial
from dataclasses import dataclass

import numpy as np

from . import media as _media
from .decode import FrameSampling, frame_times, run_pass
from .schema import (FaceAnalyzer, Frame, MediaInfo, Progress, Sentence, Shot, TextEmbedder, Transcriber,
                     VisualEmbedder)
from .shots import ShotOptions
from .files import file_lock
from .looks import LOOKS_VERSION, complete
from .stages import Stage, run_stages
from .store import Index, IndexStore, index_dir, open_complete
from .workers import Cancelled, starting_worker

log = logging.getLogger(__name__)

TRANSCRIPT_VERSION = "transcript-2"  # 2: sentences end at a 1.5 s pause (was 2.0)
FRAMES_VERSION = "frames-2"
SENTENCES_VERSION = "sentences-1"


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
    k_frames = f"{FRAMES_VERSION}:{names['visual']}:{sampling.key()}|{k_shots}"
    return {
        "shots": k_shots,
        "transcript": k_trans,
        "frames": f"{FRAMES_VERSION}:{names['visual']}:{sampling.key()}|{k_shots}",
        "sentences": f"{SENTENCES_VERSION}:{names['text']}|{k_trans}",
        "looks": f"{LOOKS_VERSION}|{k_frames}",  # its own stage: an older index gets only these
        "voices": _voices_key(k_trans),
    }


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
    cancel = threading.Event()  # set on Ctrl-C: every path stops at its next checkpoint

    def report(stage: str, done: float, total: float) -> None:
        if cancel.is_set() and stage != "shots":  # PySceneDetect calls from its own decode thread
            raise Cancelled("stopped")
        if progress is not None:
            progress(stage, done, total)

    names = {"visual": _resolve_name("visual", visual), "speech": _resolve_name("speech", speech),
             "text": _resolve_name("text", text)}
    keys = stage_keys(names)
    faces_name = _faces_name(faces)
    if faces_name:
        keys["faces"] = f"{FACES_VERSION}:{faces_name}:{FaceOptions().key()}|{keys['shots']}"
    fp = None
    if not force:  # an indexed film is found by its fingerprint: no decoder opened (~0.15 s)
        p = _media._check_file(path)
        fp = _media.fingerprint(p)
        ready = open_complete(index_dir(fp, home), fp, keys, str(p.resolve()))
        if ready is not None:
            log.info("reusing the index of %s in %s", path, ready.root)
            return ready  # no bars: nothing to wait for
    t_probe = time.perf_counter()
    info = _media.probe(path, fp)
    timings = {"probe": time.perf_counter() - t_probe}
    root = index_dir(info.fingerprint, home)
    # One build per film at a time: a second process waits here, then reuses what the first built.
    with file_lock(root / ".lock",
                   on_wait=lambda: log.warning("waiting for another cutbot that is indexing %s", path)):
        if not force:
            ready = open_complete(root, info.fingerprint, keys, info.path)
            if ready is not None:
                log.info("reusing the index of %s that another process built", path)
                return ready
        info = _media.readable(info)  # a damaged film: one warning, and only its readable part
        store = IndexStore(info, home, models=names, fresh=force)
        loaders = _Backends(store, names, cancel)
        reused = {name for name, key in keys.items() if store.has_stage(name, key)}  # one per keyed stage
        stages = index_stages(info, store, keys, loaders, visual=visual, speech=speech, text=text,
                              faces=faces, faces_name=faces_name, timings=timings, reused=reused)
        if reused:
            log.info("resuming %s: reusing stages %s", info.path, sorted(reused))
        run_stages(stages, reused, report=report, cancel=cancel, timings=timings, workers=len(stages))
        return _finish(store, info, keys, timings, t_start)


class _Backends:
    """Loads a model for a stage: a cancel checkpoint first (loading takes seconds without
    progress calls), and the backend's name goes into the manifest."""

    def __init__(self, store: IndexStore, names: dict[str, str], cancel: threading.Event):
        self.store, self.names, self.cancel = store, names, cancel

    def __call__(self, role: str, given, getter):
        if self.cancel.is_set():
            raise Cancelled("stopped")
        obj = given if given is not None and not isinstance(given, str) else getter(self.names[role])
        self.store.set_backend(role, getattr(obj, "name", self.names[role]))
        return obj


def index_stages(info: MediaInfo, store: IndexStore, keys: dict[str, str], backend: _Backends, *,
                 visual=None, speech=None, text=None, faces=None, faces_name: str | None = None,
                 timings: dict[str, float] | None = None, reused: set[str]) -> list[Stage]:
    """The declared pipeline: speech (audio, transcript, sentences) beside pictures (shots,
    then frames and faces side by side). Each function takes plain inputs and returns plain
    results; the store saves and loads on the scheduler's side. ``reused``: the stages
    already saved (checked once, by ``index_film``)."""
    from . import models

    need = {n: n in keys and n not in reused for n in ("frames", "faces")}
    face_feed = None
    if faces_name:
        store.set_backend("faces", faces_name)
    if faces_name and need["faces"]:
        ready = faces is not None and not isinstance(faces, (str, bool))
        analyzer = faces if ready else partial(models.get_face_analyzer, faces_name)
        face_feed = partial(_face_feed, info, analyzer, backend.cancel)
    table = [
        Stage("audio", (), "", partial(_audio, info), _never, _never),
        Stage("transcript", ("audio",), keys["transcript"],
              partial(_transcript, partial(backend, "speech", speech, models.get_transcriber)),
              store.save_transcript, store.load_transcript),
        Stage("sentences", ("transcript",), keys["sentences"],
              partial(_sentence_vectors, partial(backend, "text", text, models.get_text_embedder)),
              store.save_sentence_vectors, _nothing),
        Stage("voices", ("audio", "transcript"), keys["voices"], _voices, store.save_voices, _nothing,
              partial(_gave_up, store, "voices")),
        # One decode pass (unsaved) feeds shots, pictures and faces; each is saved as its own stage.
        Stage("decode", (), "", partial(_decode, info, backend, visual, need["frames"], face_feed,
                                                 {} if timings is None else timings), _never, _never),
        Stage("shots", ("decode",), keys["shots"], _shots_of, store.save_shots, store.load_shots),
        Stage("frames", ("decode",), keys["frames"], _frames_of,
              lambda got, key: store.save_frames(got[0], got[1], key), store.load_frames),
        Stage("looks", ("frames",), keys["looks"], partial(_looks_of, info), store.save_looks, _nothing,
              partial(_gave_up, store, "looks")),
    ]
    if faces_name:
        table.append(Stage("faces", ("decode",), keys["faces"], _faces_of,
                           lambda got, key: store.save_faces(got.faces, got.tracks, got.people, got.vectors,
                                                             got.crops, key, got.frames), _nothing))
    return table


def _gave_up(store: IndexStore, stage: str, exc: BaseException, key: str) -> None:
    """A derived stage (looks, voices) failed: one line, and the index is finished without
    it. Faces stay fatal: people are a feature, and a failed run resumes from what it saved."""
    why = f"{type(exc).__name__}: {exc}"
    log.warning("cutbot: note: the %s stage failed (%s); the index has no %s "
                "(`cutbot index --force` tries again)", stage, why, stage)
    store.mark_failed(stage, key, why)


def _never():  # pragma: no cover - an unsaved stage is never loaded
    raise AssertionError("an unsaved stage has nothing to load")


def _nothing() -> None:
    """No stage takes this one's result, so a reused one is not even read."""
    return None


def _audio(info: MediaInfo, *, report: Progress) -> np.ndarray | None:
    return _media.load_audio(info.path) if info.has_audio else None


def _transcript(load, audio: np.ndarray | None, *, report: Progress) -> list[Sentence]:
    if audio is None:  # a film without sound has an empty transcript
        return []
    total = max(len(audio) / 16000, 1e-3)
    sentences = load().transcribe(audio, progress=lambda secs: report("transcript", min(secs, total), total))
    report("transcript", total, total)
    return sentences


def _voices_key(k_trans: str) -> str:
    from .voices import VOICES_VERSION, VoiceOptions

    return f"{VOICES_VERSION}:{VoiceOptions().key()}|{k_trans}"


def _voices(audio: np.ndarray | None, sentences: list[Sentence], *, report: Progress):
    """Who speaks each sentence, from the sound the transcript stage decoded."""
    from .voices import find_voices

    return find_voices(audio, sentences)


def _sentence_vectors(load, sentences: list[Sentence], *, report: Progress) -> np.ndarray:
    emb = load()
    if not sentences:
        return np.zeros((0, int(emb.dim)), dtype=np.float32)
    return np.asarray(emb.embed([s.text for s in sentences]), dtype=np.float32)


def _face_feed(info: MediaInfo, analyzer, cancel: threading.Event, report: Progress):
    from .decode import FaceFeed
    from .faces import FaceOptions

    return FaceFeed(info, analyzer, FaceOptions(), report, cancel)


def _decode(info: MediaInfo, backend: "_Backends", visual, pictures: bool, face_feed, timings: dict, *,
            report: Progress):
    """The single decode pass: shots always, pictures and faces when their stages run.
    ``timings`` gets the seconds each consumer worked under its stage's name (they overlap):
    shots = the pass (decoding and detection), frames = embedding, faces = the faces workers."""
    from . import models

    load = partial(backend, "visual", visual, models.get_visual_embedder) if pictures else None
    feed = face_feed(report) if face_feed is not None else None
    got = run_pass(info, embedder=load, faces=feed, report=report, cancel=backend.cancel)
    for name, secs in got.busy.items():
        timings[name] = timings.get(name, 0.0) + secs
    return got


def _shots_of(got, *, report: Progress) -> list[Shot]:
    log.info("%s shots", len(got.shots))
    return got.shots


def _looks_of(info: MediaInfo, got, *, report: Progress) -> np.ndarray:
    """The frames' looks, ``moving`` included: made by the decode pass as it went (no second
    decode), or, for frames kept from an index made before looks, read off the film at the
    frames' times (one decode, no model)."""
    frames, _, looks = got
    return complete(looks, info.path, [f.time for f in frames], [f.shot for f in frames])


def _frames_of(got, *, report: Progress) -> tuple[list[Frame], np.ndarray, np.ndarray | None]:
    if got.frames_error is not None:
        raise got.frames_error
    if got.frames is None:  # pragma: no cover - the pass runs pictures whenever this stage runs
        raise RuntimeError("the decode pass made no pictures")
    return got.frames, got.vectors, got.looks


def _faces_of(got, *, report: Progress):
    if got.faces_error is not None:
        raise got.faces_error
    if got.faces is None:  # pragma: no cover - as above
        raise RuntimeError("the decode pass found no faces")
    return got.faces


def _finish(store: IndexStore, info: MediaInfo, keys: dict[str, str], timings: dict[str, float],
            t_start: float) -> Index:
    """Mark the index complete with its timings and read it back."""
    timings = dict(timings)
    timings["total"] = time.perf_counter() - t_start
    timings["rtf"] = timings["total"] / max(info.duration, 1e-6)
    store.finish(timings)
    index = open_complete(store.root, info.fingerprint, keys, info.path)
    if index is None:  # pragma: no cover - we just wrote it
        raise RuntimeError(f"index in {store.root} did not read back")
    log.info("indexed %s in %.1f s (RTF %.3f)", info.path, timings["total"], timings["rtf"])
    return index

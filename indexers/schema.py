"""What an index is made of: typed records and the protocols of the model backends.

Every stage of indexing produces these records; the agent only ever reads them.
Times are seconds from the start of the source.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Protocol, Sequence, runtime_checkable

import numpy as np


@dataclass(frozen=True)
class MediaInfo:
    path: str
    duration: float
    fps: Fraction
    width: int
    height: int
    has_video: bool
    has_audio: bool
    video_codec: str | None
    audio_codec: str | None
    size: int
    fingerprint: str  # content hash: identifies the film whatever its name
    # Seconds from the start that can be read when the film is damaged (cut short);
    # None: all of it. Shots, frames and plans keep to ``usable_duration``.
    readable: float | None = None

    @property
    def usable_duration(self) -> float:
        return self.duration if self.readable is None else min(self.readable, self.duration)


@dataclass(frozen=True)
class Shot:
    index: int
    start: float
    end: float

    @property
    def duration(self) -> float:
        return self.end - self.start


@dataclass(frozen=True)
class Word:
    text: str
    start: float
    end: float
    prob: float = 1.0


@dataclass(frozen=True)
class Sentence:
    index: int
    start: float
    end: float
    text: str
    words: tuple[Word, ...] = ()


@dataclass(frozen=True)
class Frame:
    """One sampled frame; its vector is row ``index`` of the frame matrix."""

    index: int
    time: float
    shot: int
    labels: tuple[tuple[str, float], ...] = ()  # top labels, for explanations


@dataclass(frozen=True)
class VisualEmbedding:
    vectors: np.ndarray  # (n, dim) float32, L2-normalised
    labels: list[tuple[tuple[str, float], ...]] = field(default_factory=list)


@runtime_checkable
class TextEmbedder(Protocol):
    name: str
    dim: int

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """(n, dim) float32, L2-normalised."""


@runtime_checkable
class VisualEmbedder(Protocol):
    """Pictures and text queries into one space, so text can find pictures."""

    name: str
    dim: int

    def embed_images(self, images: Sequence[np.ndarray]) -> VisualEmbedding:
        """RGB uint8 arrays (h, w, 3) -> normalised vectors (+ top labels if known)."""

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Text queries into the image space, (n, dim) float32, L2-normalised."""


@runtime_checkable
class Transcriber(Protocol):
    name: str

    def transcribe(self, audio: np.ndarray, progress=None, hotwords: str | None = None,
                   vad: bool | None = None) -> list[Sentence]:
        """16 kHz mono float32 -> sentences with word timestamps.

        ``progress(seconds_done)`` is called as audio is consumed, when given; ``hotwords``
        are words to expect (a name or a topic listened for again), ``vad=False`` keeps
        every sample of one line's sound.
        """


class Progress(Protocol):
    """Indexing progress, called from worker threads; ``done``/``total`` in stage units."""

    def __call__(self, stage: str, done: float, total: float) -> None: ...


# dlib's identity distance: two face vectors closer than this are the same person (dlib's
# documented threshold for its ResNet model, 99.38% on LFW); faces and people's names use it.
SAME_PERSON = 0.6


@dataclass(frozen=True)
class FaceHit:
    """One face found on one image by a ``FaceAnalyzer`` (box in that image's pixels)."""

    box: tuple[int, int, int, int]  # x0, y0, x1, y1
    score: float  # detector confidence (dlib: HOG score or MMOD confidence)
    vector: np.ndarray  # (dim,) identity embedding; same person = distance < SAME_PERSON
    detector: str = ""


@dataclass(frozen=True)
class Face:
    """One face on one sampled frame; its identity vector is row ``index`` of the face matrix."""

    index: int
    time: float
    shot: int
    box: tuple[float, float, float, float]  # x0, y0, x1, y1 as fractions of the frame
    score: float
    track: int
    person: int  # Person.id, or 0 when the face joined no person (seen too briefly)


@dataclass(frozen=True)
class FaceTrack:
    """The same face followed through one shot (matched by identity, so pans and zooms keep it)."""

    index: int
    shot: int
    start: float
    end: float
    faces: tuple[int, ...]
    person: int = 0


@dataclass(frozen=True)
class Person:
    """One identity across the film; ids count from 1 in order of screen time."""

    id: int
    screen_time: float
    shots: tuple[int, ...]
    tracks: tuple[int, ...]
    face: int  # the representative face (its crop is row id-1 of the crop array)
    centroid: tuple[float, ...] = ()  # mean identity vector, to re-find this person after re-indexing


@runtime_checkable
class FaceAnalyzer(Protocol):
    """Finds faces on an RGB image and embeds each one's identity."""

    name: str
    dim: int

    def analyze(self, image: np.ndarray, thorough: bool = False) -> list[FaceHit]:
        """``thorough`` also runs the slower detector that sees profiles and partial faces."""

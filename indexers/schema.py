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

    def transcribe(self, audio: np.ndarray, progress=None) -> list[Sentence]:
        """16 kHz mono float32 -> sentences with word timestamps.

        ``progress(seconds_done)`` is called as audio is consumed, when given.
        """

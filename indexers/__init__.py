"""cutbot.indexers: turn a film into an Index (shots, speech, pictures) once, read it fast.

Importing this package is cheap: no torch, transformers, faiss or PyAV until a
function that needs them runs.
"""
from __future__ import annotations

from .errors import CutbotError, IndexMissing, MediaError, ModelUnavailable
from .schema import (Frame, MediaInfo, Sentence, Shot, TextEmbedder, Transcriber,
                     VisualEmbedder, VisualEmbedding, Word)
from .store import Index, load_index

__all__ = [
    "index_film", "load_index", "Index", "probe", "MediaInfo", "Shot", "Sentence", "Word",
    "Frame", "VisualEmbedding", "TextEmbedder", "VisualEmbedder", "Transcriber",
    "CutbotError", "MediaError", "ModelUnavailable", "IndexMissing",
]


def __getattr__(name: str):
    # Lazy: pipeline/media pull in PyAV and the thread pool only when used.
    if name == "index_film":
        from .pipeline import index_film
        return index_film
    if name == "probe":
        from .media import probe
        return probe
    raise AttributeError(f"module 'cutbot.indexers' has no attribute {name!r}")

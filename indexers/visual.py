"""Pictures and text in one space, so a plain-language query can find frames.

Two backends of the ``VisualEmbedder`` protocol:

- ``LabelBridgeEmbedder`` (offline default): an ImageNet classifier (EfficientNet-lite0)
  names what it sees; a frame's vector is the probability-weighted mean of the text
  embeddings of its top labels, so it lives in the text model's space and a query is
  embedded with the same text model (both centred on the mean label vector).
- ``ClipEmbedder``: CLIP through transformers, for users who can fetch (or have) it.

Frames are RGB uint8 arrays (h, w, 3) of any size. No torchvision: preprocessing is
PIL + numpy, because torchvision from PyPI breaks the CPU torch here.
"""
from __future__ import annotations

import copy
import hashlib
import json
import logging
import os
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np

from .files import atomic_save_npy
from .net_runtime import TorchNet
from .schema import TextEmbedder, VisualEmbedding
from .text import l2_normalise

log = logging.getLogger(__name__)

IMAGENET_MEAN = np.array([0.485, 0.456, 0.406], dtype=np.float32)
IMAGENET_STD = np.array([0.229, 0.224, 0.225], dtype=np.float32)


@dataclass(frozen=True)
class ImageNetClass:
    index: int
    name: str  # short clean name, shown in explanations
    synonyms: str  # the WordNet synonyms, e.g. "tabby, tabby cat"

    @property
    def text(self) -> str:
        """What is embedded: the clean name plus the synonyms ("Egyptian Mau, Egyptian cat")."""
        if self.name.lower() in self.synonyms.lower():
            return self.synonyms
        return f"{self.name}, {self.synonyms}"


@lru_cache(maxsize=1)
def imagenet_classes() -> tuple[ImageNetClass, ...]:
    """The 1000 ImageNet-1k classes in model output order, from the shipped data file
    (read once per process: labels, the bridge and the vocabulary each ask for them)."""
    text = resources.files(__package__).joinpath("data/imagenet_classes.txt").read_text("utf-8")
    out = []
    for i, line in enumerate(text.splitlines()):
        clean, _, synonyms = line.partition("\t")
        name = clean.strip()
        if name.startswith(("a ", "an ")):  # a few clean names are descriptions
            name = synonyms.split(",")[0].strip() or name
        out.append(ImageNetClass(i, name, synonyms.strip() or name))
    if len(out) != 1000:
        raise ValueError(f"imagenet_classes.txt has {len(out)} lines, expected 1000")
    return tuple(out)


@lru_cache(maxsize=1)
def label_terms() -> dict[str, frozenset[str]]:
    """Shown label name -> every word it answers to: its own synonyms, its WordNet 3.0
    ancestors and everyday words for them ("pekinese" -> "toy dog", "dog", "pet", "animal").

    Built by ``data/make_imagenet_hypernyms.py``; names shared by two classes ("crane")
    answer to both classes' words. Lower case, singular, as WordNet writes them.
    """
    out: dict[str, set[str]] = {}
    for cls, entry in zip(imagenet_classes(), _hypernym_data()):
        out.setdefault(cls.name.lower(), set()).update(entry["terms"])
    return {name: frozenset(terms) for name, terms in out.items()}


@lru_cache(maxsize=1)
def label_ancestors() -> dict[str, tuple[str, ...]]:
    """Shown label name -> its WordNet ancestors, nearest first ("pekinese" -> "toy dog", "dog", ...)."""
    out: dict[str, tuple[str, ...]] = {}
    for cls, entry in zip(imagenet_classes(), _hypernym_data()):
        out.setdefault(cls.name.lower(), tuple(entry["ancestors"]))
    return out


@lru_cache(maxsize=1)
def _hypernym_data() -> list[dict]:
    raw = resources.files(__package__).joinpath("data/imagenet_hypernyms.json").read_text("utf-8")
    return json.loads(raw)["classes"]


def to_pil(image: np.ndarray) -> Image.Image:
    """RGB uint8 (h, w, 3); grey (h, w) and RGBA are accepted too."""
    from PIL import Image  # here, not at the top: a query never decodes a picture

    arr = np.asarray(image)
    if arr.dtype != np.uint8:
        arr = np.clip(arr, 0, 255).astype(np.uint8)
    if arr.ndim == 2:
        arr = np.stack([arr] * 3, axis=-1)
    if arr.ndim != 3 or arr.shape[2] not in (3, 4):
        raise ValueError(f"expected an RGB image (h, w, 3), got shape {arr.shape}")
    return Image.fromarray(np.ascontiguousarray(arr[..., :3]), "RGB")


def preprocess_imagenet(images: Sequence[np.ndarray], size: int = 224) -> np.ndarray:
    """(n, 3, size, size) float32: the whole frame squashed to a square, ImageNet-normalised.

    Squashing (not centre-cropping) keeps the edges of wide film frames in view.
    """
    from PIL import Image

    batch = np.empty((len(images), size, size, 3), dtype=np.float32)
    for i, img in enumerate(images):
        pil = to_pil(img).resize((size, size), Image.BILINEAR)
        batch[i] = np.asarray(pil, dtype=np.float32) / 255.0
    batch = (batch - IMAGENET_MEAN) / IMAGENET_STD
    return np.ascontiguousarray(batch.transpose(0, 3, 1, 2))


# Input size each EfficientNet-lite variant was trained at (the reference implementation).
LITE_IMAGE_SIZE = {"efficientnet-lite0": 224, "efficientnet-lite1": 240, "efficientnet-lite2": 260}


def build_efficientnet_lite(weights_path: str | os.PathLike, arch: str = "efficientnet-lite0") -> Any:
    """EfficientNet-lite (``arch``) from ``efficientnet_lite_pytorch`` with packaged weights.

    Built with ``from_name`` + ``load_state_dict`` rather than ``from_pretrained``, which
    prints and would try a download without a path.
    """
    import torch
    from efficientnet_lite_pytorch import EfficientNet

    net = EfficientNet.from_name(arch, num_classes=1000)
    state = torch.load(str(weights_path), map_location="cpu", weights_only=True)
    result = net.load_state_dict(state, strict=True)
    if getattr(result, "missing_keys", None) or getattr(result, "unexpected_keys", None):
        raise ValueError(f"weights do not fit {arch}: {result}")
    net.eval()
    return net


class LabelBridgeEmbedder:
    """ImageNet label probabilities bridged into the text embedding space."""

    def __init__(
        self,
        text: TextEmbedder,
        load_net: Callable[[], Any],
        *,
        name: str = "label-bridge",
        top_k: int = 10,
        top_labels: int = 5,
        batch_size: int = 16,
        image_size: int = 224,
        cache_dir: str | os.PathLike | None = None,
    ) -> None:
        self.text = text
        self.name = name
        self.top_k = top_k
        self.top_labels = top_labels
        self.batch_size = batch_size
        self.image_size = image_size
        self.classes = imagenet_classes()
        self._load_net = load_net
        self._net: Any = None
        self._label_vectors: np.ndarray | None = None
        self._centre: np.ndarray | None = None
        self.cache_dir = Path(cache_dir) if cache_dir else None
        self._lock = threading.Lock()
        self._infer_lock = threading.Lock()

    @property
    def dim(self) -> int:
        """The text model's size, asked only when needed: a query whose vector a film has
        cached loads no model (``with_text``)."""
        return int(self.text.dim)

    def with_text(self, text: TextEmbedder) -> "LabelBridgeEmbedder":
        """This bridge with queries embedded by ``text``: the same model behind a film's
        query cache (``text.name`` must be this bridge's), so a query met before costs
        no model load. The classifier, labels and caches stay shared."""
        if text.name != self.text.name:
            raise ValueError(f"text model {text.name!r} is not the bridge's {self.text.name!r}")
        self.label_vectors()  # computed once, on the shared instance
        twin = copy.copy(self)
        twin.text = text
        return twin

    # -- lazy parts -------------------------------------------------------------
    def _network(self) -> Any:
        with self._lock:
            if self._net is None:
                net = self._load_net()  # a numpy function (net_runtime) or a torch module
                self._net = net if hasattr(net, "runtime") else TorchNet(net)
            return self._net

    def label_vectors(self) -> np.ndarray:
        """(1000, dim) text embeddings of the class names; once per process, cached on disk."""
        with self._lock:
            if self._label_vectors is None:
                self._label_vectors = self._compute_label_vectors()
                self._centre = self._label_vectors.mean(axis=0).astype(np.float32)
            return self._label_vectors

    def centre(self) -> np.ndarray:
        """Mean label embedding: removed from images and queries alike.

        Every label vector shares a large common component; without removing it a short
        query ("cat") scores about the same against any picture.
        """
        self.label_vectors()
        assert self._centre is not None
        return self._centre

    def _compute_label_vectors(self) -> np.ndarray:
        names = [c.text for c in self.classes]
        digest = hashlib.sha256("\n".join(names).encode()).hexdigest()[:12]
        safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", self.text.name)[-80:]
        path = self.cache_dir / f"labels-{safe}-{digest}.npy" if self.cache_dir else None
        if path is not None and path.is_file():
            try:
                vecs = np.load(path)
                if vecs.shape == (len(names), self.dim):
                    return vecs.astype(np.float32, copy=False)
            except (OSError, ValueError) as exc:
                log.warning("ignoring unreadable label cache %s: %s", path, exc)
        vecs = self.text.embed(names)
        if path is not None:
            _atomic_save_npy(path, vecs)
        return vecs

    # -- protocol ---------------------------------------------------------------
    def classify(self, images: Sequence[np.ndarray]) -> np.ndarray:
        """(n, 1000) class probabilities."""
        net = self._network()
        out = []
        for start in range(0, len(images), self.batch_size):
            x = preprocess_imagenet(images[start : start + self.batch_size], self.image_size)
            with self._infer_lock:
                logits = np.asarray(net(x), dtype=np.float32)
            e = np.exp(logits - logits.max(axis=1, keepdims=True))
            out.append(e / e.sum(axis=1, keepdims=True))
        return np.concatenate(out, axis=0) if out else np.zeros((0, 1000), np.float32)

    def embed_images(self, images: Sequence[np.ndarray]) -> VisualEmbedding:
        if len(images) == 0:
            return VisualEmbedding(np.zeros((0, self.dim), dtype=np.float32), [])
        probs = self.classify(images)
        labels = self.label_vectors()
        k = min(self.top_k, probs.shape[1])
        top = np.argsort(-probs, axis=1)[:, :k]
        weights = np.take_along_axis(probs, top, axis=1)
        weights = weights / np.maximum(weights.sum(axis=1, keepdims=True), 1e-12)
        vectors = np.einsum("nk,nkd->nd", weights, labels[top])
        shown = [
            tuple((self.classes[j].name, round(float(probs[i, j]), 4)) for j in row[: self.top_labels])
            for i, row in enumerate(top)
        ]
        return VisualEmbedding(l2_normalise(vectors - self.centre()), shown)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Text embeddings, centred like the images; the classifier is never loaded here."""
        vectors = self.text.embed(texts)
        if vectors.shape[0] == 0:
            return vectors
        return l2_normalise(vectors - self.centre())


def _atomic_save_npy(path: Path, array: np.ndarray) -> None:
    try:
        atomic_save_npy(path, array)
    except OSError as exc:  # a cache is an optimisation, never a failure
        log.warning("could not write label cache %s: %s", path, exc)


def _features(output: Any, *names: str) -> Any:
    """transformers 5 returns an output object from get_*_features; 4.x a tensor."""
    import torch

    if isinstance(output, torch.Tensor):
        return output
    for name in names:
        value = getattr(output, name, None)
        if value is not None:
            return value
    raise TypeError(f"no features in {type(output).__name__}")


class ClipEmbedder:
    """CLIP (transformers ``CLIPModel``) from a hub name or a local folder."""

    def __init__(self, source: str, name: str | None = None, batch_size: int = 16) -> None:
        import torch
        from transformers import AutoTokenizer, CLIPModel
        from transformers.models.clip.image_processing_pil_clip import CLIPImageProcessorPil

        self.source = source
        self.name = name or f"clip:{source}"
        self.batch_size = batch_size
        self.model = CLIPModel.from_pretrained(source)
        self.model.eval()
        self.tokenizer = AutoTokenizer.from_pretrained(source)
        self.processor = CLIPImageProcessorPil.from_pretrained(source)
        self.dim = int(self.model.config.projection_dim)
        self._lock = threading.Lock()
        self._torch = torch

    def embed_images(self, images: Sequence[np.ndarray]) -> VisualEmbedding:
        torch = self._torch
        if len(images) == 0:
            return VisualEmbedding(np.zeros((0, self.dim), dtype=np.float32), [])
        out = []
        for start in range(0, len(images), self.batch_size):
            pils = [to_pil(im) for im in images[start : start + self.batch_size]]
            pixels = self.processor(images=pils, return_tensors="pt")["pixel_values"]
            with self._lock, torch.inference_mode():
                feats = self.model.get_image_features(pixel_values=pixels)
            out.append(_features(feats, "image_embeds", "pooler_output").float().numpy())
        vectors = np.concatenate(out, axis=0)
        return VisualEmbedding(l2_normalise(vectors), [() for _ in range(len(vectors))])

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        torch = self._torch
        if isinstance(texts, str):
            texts = [texts]
        if len(texts) == 0:
            return np.zeros((0, self.dim), dtype=np.float32)
        max_len = min(int(getattr(self.model.config.text_config, "max_position_embeddings", 77)), 77)
        batch = self.tokenizer(
            list(texts), padding=True, truncation=True, max_length=max_len, return_tensors="pt"
        )
        with self._lock, torch.inference_mode():
            feats = self.model.get_text_features(
                input_ids=batch["input_ids"], attention_mask=batch.get("attention_mask")
            )
        vectors = _features(feats, "text_embeds", "pooler_output").float().numpy()
        return l2_normalise(vectors)

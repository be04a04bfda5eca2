"""A NumPy forward pass for BERT-family sentence embedders (MiniLM and friends).

Why: a single-shot `cutbot "..." --dry-run` has to embed a few query words, and
importing sentence-transformers (torch, transformers, sklearn) alone takes 3-4 s on
the 2-core machines we target. The same weights run here in NumPy with the
``tokenizers`` package (both import in a fraction of a second) and give the same
vectors as sentence-transformers (checked in tests/test_text.py). Only the plain
recipe is accepted: a BertModel, mean pooling, then L2 normalisation; anything else
is left to sentence-transformers (``supports()`` says which).
"""
from __future__ import annotations

import json
import mmap
import struct
import threading
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Sequence

import numpy as np

from .text import l2_normalise

_MODULES = ["sentence_transformers.models.Transformer", "sentence_transformers.models.Pooling",
            "sentence_transformers.models.Normalize"]


def supports(folder: str | Path) -> bool:
    """True when ``folder`` holds a BERT + mean pooling + normalise sentence model."""
    folder = Path(folder)
    try:
        modules = [m["type"] for m in json.loads((folder / "modules.json").read_text())]
        config = json.loads((folder / "config.json").read_text())
        pooling = json.loads((folder / modules_path(folder, 1) / "config.json").read_text())
    except (OSError, ValueError, KeyError, IndexError):
        return False
    mean_only = pooling.get("pooling_mode_mean_tokens") and not any(
        v for k, v in pooling.items() if k.startswith("pooling_mode_") and k != "pooling_mode_mean_tokens")
    return (modules == _MODULES and config.get("model_type") == "bert" and bool(mean_only)
            and config.get("hidden_act") == "gelu"
            and config.get("position_embedding_type", "absolute") == "absolute"
            and (folder / "model.safetensors").is_file() and (folder / "tokenizer.json").is_file())


def modules_path(folder: Path, idx: int) -> str:
    return json.loads((folder / "modules.json").read_text())[idx]["path"]


# safetensors dtype names -> NumPy (little-endian): what a BERT checkpoint holds.
_DTYPES = {"F64": "<f8", "F32": "<f4", "F16": "<f2", "I64": "<i8", "I32": "<i4", "I16": "<i2",
           "I8": "i1", "U8": "u1", "BOOL": "?"}


def map_safetensors(path: str | Path) -> dict[str, np.ndarray]:
    """The tensors of a ``.safetensors`` file as read-only arrays over one memory map.

    Why: ``safetensors.numpy.load_file`` reads and copies all 90 MB of MiniLM for a query
    of three words, which touches a few rows of the 47 MB word-embedding table; mapped, the
    pages a forward pass never reads are never read. The format is an 8-byte header size,
    a JSON header (dtype, shape, byte range per tensor) and the raw little-endian data.
    A dtype NumPy lacks (bfloat16) falls back to safetensors itself."""
    with open(path, "rb") as fh:
        size = fh.seek(0, 2)
        if size < 8:
            raise ValueError(f"{path} is not a safetensors file")
        fh.seek(0)
        (n,) = struct.unpack("<Q", fh.read(8))
        if n > size - 8:
            raise ValueError(f"{path} is not a safetensors file")
        header = json.loads(fh.read(n))
        header.pop("__metadata__", None)
        if any(t.get("dtype") not in _DTYPES for t in header.values()):
            from safetensors.numpy import load_file
            return load_file(path)
        buf = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) if size > 8 + n else b""
    out = {}
    for name, t in header.items():
        begin, end = (int(x) for x in t["data_offsets"])
        dtype = np.dtype(_DTYPES[t["dtype"]])
        shape = tuple(int(x) for x in t["shape"])
        if end < begin or 8 + n + end > size or (end - begin) != dtype.itemsize * int(np.prod(shape)):
            raise ValueError(f"{path}: tensor {name} lies outside the file")
        count = (end - begin) // dtype.itemsize
        if not count:
            out[name] = np.zeros(shape, dtype)
            continue
        arr = np.frombuffer(buf, dtype, count=count, offset=8 + n + begin)
        if (8 + n + begin) % dtype.itemsize:  # misaligned data: BLAS would copy it on every call
            arr = arr.copy()
        out[name] = arr.reshape(shape)
    return out


_blas = None
_blas_lock = threading.Lock()  # one limited section at a time: nested limits would restore wrongly


@contextmanager
def one_blas_thread():
    """NumPy's BLAS on one thread while a few queries go through the forward pass.

    Why: OpenBLAS spreads each small matmul over every core and its threads spin while
    they wait; on a busy 2-core machine one query took 0.36 s of CPU (1.2-2.3 s wall)
    instead of 0.05 s on one thread. Results are the same: threads split the output
    matrix, never the sum of one element."""
    global _blas
    with _blas_lock:
        try:
            if _blas is None:
                from threadpoolctl import ThreadpoolController
                _blas = ThreadpoolController()
            limit = _blas.limit(limits=1, user_api="blas")
        except Exception:  # noqa: BLE001 - no threadpoolctl or an odd BLAS: run as before
            limit = nullcontext()
        with limit:
            yield


def _erf(x: np.ndarray) -> np.ndarray:
    """erf to within 1.5e-7 (Abramowitz and Stegun 7.1.26), below float32's own error:
    importing scipy.special for it cost about half a second of every dry run."""
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    return np.copysign(1.0 - poly * np.exp(-a * a), x)


def _layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * w + b


class NumpyBertEmbedder:
    """A ``TextEmbedder`` (name, dim, embed) over a BERT sentence model, in NumPy."""

    def __init__(self, folder: str | Path, name: str, batch_size: int = 64) -> None:
        from tokenizers import Tokenizer

        folder = Path(folder)
        self.name = name
        self.batch_size = batch_size
        self._erf = _erf
        cfg = json.loads((folder / "config.json").read_text())
        st_cfg = {}
        if (folder / "sentence_bert_config.json").is_file():
            st_cfg = json.loads((folder / "sentence_bert_config.json").read_text())
        self.dim = int(cfg["hidden_size"])
        self._heads = int(cfg["num_attention_heads"])
        self._layers = int(cfg["num_hidden_layers"])
        self._eps = float(cfg.get("layer_norm_eps", 1e-12))
        self._w = {k.removeprefix("bert."): v for k, v in map_safetensors(folder / "model.safetensors").items()}
        self._tok = Tokenizer.from_file(str(folder / "tokenizer.json"))
        max_len = min(int(st_cfg.get("max_seq_length", 512)), int(cfg["max_position_embeddings"]))
        self._tok.enable_truncation(max_length=max_len)
        self._tok.enable_padding(pad_id=int(cfg.get("pad_token_id", 0)))
        self._lock = threading.Lock()

    def _ln(self, x: np.ndarray, prefix: str) -> np.ndarray:
        return _layer_norm(x, self._w[prefix + ".weight"], self._w[prefix + ".bias"], self._eps)

    def _dense(self, x: np.ndarray, prefix: str) -> np.ndarray:
        w = self._w[prefix + ".weight"]
        flat = x.reshape(-1, x.shape[-1]) @ w.T  # 2-D matmul: the BLAS fast path
        return flat.reshape(*x.shape[:-1], w.shape[0]) + self._w[prefix + ".bias"]

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        w, (b, s) = self._w, ids.shape
        x = (w["embeddings.word_embeddings.weight"][ids]
             + w["embeddings.position_embeddings.weight"][np.arange(s)][None]
             + w["embeddings.token_type_embeddings.weight"][0])
        x = self._ln(x, "embeddings.LayerNorm")
        h, d = self._heads, self.dim // self._heads
        bias = np.where(mask[:, None, None, :] > 0, 0.0, np.finfo(np.float32).min).astype(np.float32)
        for i in range(self._layers):
            p = f"encoder.layer.{i}"
            q, k, v = (self._dense(x, f"{p}.attention.self.{n}").reshape(b, s, h, d).transpose(0, 2, 1, 3)
                       for n in ("query", "key", "value"))
            scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(d) + bias
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            attn = scores / scores.sum(-1, keepdims=True)
            ctx = (attn @ v).transpose(0, 2, 1, 3).reshape(b, s, h * d)
            x = self._ln(self._dense(ctx, f"{p}.attention.output.dense") + x, f"{p}.attention.output.LayerNorm")
            inner = self._dense(x, f"{p}.intermediate.dense")
            inner = 0.5 * inner * (1.0 + self._erf(inner / np.sqrt(2.0)))
            x = self._ln(self._dense(inner, f"{p}.output.dense") + x, f"{p}.output.LayerNorm")
        m = mask[..., None].astype(np.float32)
        return (x * m).sum(1) / np.maximum(m.sum(1), 1e-9)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """(n, dim) float32, L2-normalised; empty input gives (0, dim)."""
        items = [texts] if isinstance(texts, str) else [str(t) for t in texts]
        if not items:
            return np.zeros((0, self.dim), dtype=np.float32)
        out = []
        with self._lock, one_blas_thread():
            # Sort by length so padding stays small inside each batch.
            order = sorted(range(len(items)), key=lambda i: len(items[i]))
            for start in range(0, len(order), self.batch_size):
                chunk = [items[i] for i in order[start:start + self.batch_size]]
                enc = self._tok.encode_batch(chunk)
                ids = np.array([e.ids for e in enc], dtype=np.int64)
                mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
                out.append(self._forward(ids, mask).astype(np.float32))
        vectors = np.empty((len(items), self.dim), dtype=np.float32)
        vectors[order] = np.concatenate(out)
        return l2_normalise(vectors)

    def __repr__(self) -> str:
        return f"NumpyBertEmbedder(name={self.name!r}, dim={self.dim})"


class SmallBatchesInNumpy:
    """A ``TextEmbedder`` that answers a few texts (queries) in NumPy at once and
    hands big batches (a transcript, 1,000 labels) to torch, where oneDNN is ~5x faster.

    Both give the same vectors (to ~1e-7), so an index built with one is searched with
    the other; torch is only imported when a big batch first arrives.
    """

    SMALL = 32  # texts per call answered without torch

    def __init__(self, small: NumpyBertEmbedder, load_big) -> None:
        self._small = small
        self._load_big = load_big
        self._big = None
        self._lock = threading.Lock()
        self.name, self.dim = small.name, small.dim

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        items = [texts] if isinstance(texts, str) else list(texts)
        if len(items) <= self.SMALL:
            return self._small.embed(items)
        with self._lock:
            if self._big is None:
                self._big = self._load_big()
        return self._big.embed(items)

    def __repr__(self) -> str:
        return f"SmallBatchesInNumpy(name={self.name!r}, dim={self.dim})"

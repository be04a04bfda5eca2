"""Where the picture classifier runs: onnxruntime when it can, torch otherwise.

EfficientNet-lite's depthwise convolutions are slow in torch's eager CPU kernels: on one
core torch took 55 ms an image (batch 16), onnxruntime 17-20 ms (batch 1) for logits
equal to 1e-5 (probabilities to 4e-7), so the index is the same and the picture stage
costs a third. onnxruntime comes with faster-whisper (its VAD), so it is always here; the
graph is exported from the verified torch weights once per model version into
``$CUTBOT_HOME/models`` (about 1 s) and read from there afterwards. Any failure (no
exporter, a torn file, a new torch) falls back to torch with one log line:
``CUTBOT_VISUAL_RUNTIME=torch`` forces it.
"""
from __future__ import annotations

import logging
import os
import tempfile
import threading
import warnings
from pathlib import Path
from typing import Any, Callable

import numpy as np

from .settings import env_setting

log = logging.getLogger(__name__)

Logits = Callable[[np.ndarray], np.ndarray]  # (n, 3, s, s) float32 -> (n, classes) float32


class TorchNet:
    """A torch module as a numpy function."""

    runtime = "torch"

    def __init__(self, net: Any):
        self.net = net

    def __call__(self, x: np.ndarray) -> np.ndarray:
        import torch

        with torch.inference_mode():
            return self.net(torch.from_numpy(x)).numpy()


class OrtNet:
    """An onnxruntime session as a numpy function; one image a run (fastest on one core)."""

    runtime = "onnxruntime"

    def __init__(self, session: Any):
        self.session = session
        self.input = session.get_inputs()[0].name

    def __call__(self, x: np.ndarray) -> np.ndarray:
        return np.concatenate([self.session.run(None, {self.input: x[i:i + 1]})[0] for i in range(len(x))]) \
            if len(x) else np.zeros((0, 0), np.float32)


def classifier(build_torch: Callable[[], Any], onnx_path: Path, image_size: int, threads: int = 1) -> Logits:
    """The fastest runtime available for the torch net ``build_torch`` makes."""
    if (env_setting("VISUAL_RUNTIME") or "").lower() == "torch":
        return TorchNet(build_torch())
    try:
        import onnxruntime as ort
    except ImportError:
        return TorchNet(build_torch())
    net = None if onnx_path.is_file() else build_torch()  # a broken model is an error, not a fallback
    try:
        if net is not None:
            export_onnx(net, onnx_path, image_size)
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = opts.inter_op_num_threads = max(1, threads)
        opts.log_severity_level = 3
        return OrtNet(ort.InferenceSession(str(onnx_path), opts, providers=["CPUExecutionProvider"]))
    except Exception as exc:  # noqa: BLE001 - any failure here costs speed, never the index
        log.info("picture classifier: onnxruntime unavailable (%s: %s), using torch", type(exc).__name__, exc)
        try:
            onnx_path.unlink(missing_ok=True)  # a torn or stale export is made again next time
        except OSError:
            pass
        return TorchNet(net if net is not None else build_torch())


_export_lock = threading.Lock()


def export_onnx(net: Any, path: Path, image_size: int) -> None:
    """Write ``net``'s ONNX graph to ``path`` through a temporary file (never a torn one)."""
    import torch

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(fd)
    try:
        with _export_lock, warnings.catch_warnings(), torch.inference_mode():
            warnings.simplefilter("ignore")
            torch.onnx.export(net, torch.zeros(1, 3, image_size, image_size), tmp, dynamo=False,
                              opset_version=17, input_names=["x"], output_names=["logits"],
                              dynamic_axes={"x": {0: "n"}, "logits": {0: "n"}})
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)

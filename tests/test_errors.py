"""Errors: ``CutbotError`` at the bottom, each layer's own subclasses where it raises
them, bugs never dressed up as user errors, and ``CUTBOT_DEBUG=1`` shows every traceback."""
from __future__ import annotations

import importlib
import inspect
import os
import subprocess
import sys
from pathlib import Path

import pytest

import cutbot.agent
from cutbot.agent import render as render_mod
from cutbot.agent.cut import Cut, Segment
from cutbot.indexers import errors as base
from cutbot.indexers import models
from cutbot.indexers import text as text_mod

ROOT = Path(__file__).resolve().parent.parent
MODULES = sorted(f"cutbot.{p.parent.name}.{p.stem}" for folder in ("agent", "indexers")
                 for p in (ROOT / folder).glob("*.py") if p.stem != "__init__")


def _error_classes():
    for name in MODULES:
        module = importlib.import_module(name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, Exception) and cls.__module__ == name:
                yield cls


def test_every_error_class_of_cutbot_is_a_cutbot_error():
    found = list(_error_classes())
    assert len(found) >= 9  # the four at the bottom, PlanError, NothingMatched, RenderError, ...
    assert [c.__qualname__ for c in found if not issubclass(c, base.CutbotError)] == []


def test_each_layer_defines_its_own_errors():
    from cutbot.agent.errors import NothingMatched, PlanError
    from cutbot.agent.intent import Unclear
    from cutbot.agent.media_io import RenderError
    from cutbot.agent.sessions_store import SessionMissing
    from cutbot.agent.smart_render import NotSmartable

    assert {n for n in dir(base) if n[0].isupper()} == {"CutbotError", "MediaError",
                                                        "ModelUnavailable", "IndexMissing"}
    assert issubclass(NothingMatched, PlanError) and issubclass(Unclear, PlanError)
    assert issubclass(NotSmartable, RenderError) and issubclass(SessionMissing, base.CutbotError)
    # the public names stay where users import them from
    for name in ("CutbotError", "MediaError", "ModelUnavailable", "IndexMissing", "PlanError",
                 "NothingMatched", "RenderError"):
        assert issubclass(getattr(cutbot.agent, name), base.CutbotError), name
    assert cutbot.agent.PlanError is PlanError and cutbot.agent.RenderError is RenderError


def _cut(source: Path) -> Cut:
    return Cut(str(source), "test", (Segment(1.0, 2.0, 1.0),))


def test_a_bug_while_rendering_is_not_turned_into_a_render_error(sample_film, tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise ZeroDivisionError("a bug")
    monkeypatch.setattr(render_mod, "_dispatch", broken)
    out = tmp_path / "cut.mp4"
    with pytest.raises(ZeroDivisionError):
        render_mod.render(_cut(sample_film), out)
    assert not out.exists() and list(tmp_path.iterdir()) == []  # nothing half-written


def test_a_failing_disk_while_rendering_is_one_render_error(sample_film, tmp_path, monkeypatch):
    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(render_mod, "_dispatch", full)
    with pytest.raises(cutbot.agent.RenderError, match="No space left"):
        render_mod.render(_cut(sample_film), tmp_path / "cut.mp4")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("raised, expected", [(OSError("no such model folder"), base.ModelUnavailable),
                                              (RuntimeError("Unable to open file"), base.ModelUnavailable),
                                              (TypeError("a bug in cutbot"), TypeError)])
def test_only_model_problems_become_model_unavailable(monkeypatch, raised, expected):
    def load(source, name):
        raise raised
    monkeypatch.setattr(models, "_configure_torch", lambda: None)
    monkeypatch.setattr(text_mod, "load_sentence_transformer", load)
    models.clear_cache()
    with pytest.raises(expected):
        models.get_text_embedder(f"no-such-model-{type(raised).__name__}")


def _cli(*args: str, debug: bool, home: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "CUTBOT_HOME": str(home), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    env.pop("CUTBOT_DEBUG", None)
    if debug:
        env["CUTBOT_DEBUG"] = "1"
    return subprocess.run([sys.executable, "-c", "from cutbot.agent.cli import app; app()", *args],
                          capture_output=True, text=True, env=env, timeout=120)


def test_debug_shows_the_traceback_of_a_user_error_too(tmp_path):
    missing = str(tmp_path / "nope.mp4")
    plain = _cli("index", missing, debug=False, home=tmp_path)
    assert plain.returncode != 0 and "Traceback" not in plain.stderr
    assert [ln for ln in plain.stderr.splitlines() if ln.strip()][0].startswith("cutbot: error:")
    debug = _cli("index", missing, debug=True, home=tmp_path)
    assert debug.returncode != 0
    assert "Traceback" in debug.stderr and "MediaError" in debug.stderr and "nope.mp4" in debug.stderr

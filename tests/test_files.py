"""Atomic writes: the old file or the new one, never half of one, and no temp left over."""
from __future__ import annotations

import numpy as np
import pytest

from cutbot.agent import RenderError
from cutbot.indexers.files import atomic_save_npy, atomic_write, atomic_write_text


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temp(tmp_path):
    target = tmp_path / "plan.json"
    target.write_text("old")

    def half_then_crash(tmp):
        open(tmp, "w").write("ne")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, half_then_crash)
    assert target.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["plan.json"]


def test_text_mode_and_npy(tmp_path):
    private = atomic_write_text(tmp_path / "a" / "profile.json", "{}\n", mode=0o600)
    assert private.read_text() == "{}\n" and (private.stat().st_mode & 0o777) == 0o600
    arr = np.arange(6, dtype=np.float32).reshape(2, 3)
    assert np.array_equal(np.load(atomic_save_npy(tmp_path / "v.npy", arr)), arr)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "v.npy"]


def test_an_unwritable_folder_is_one_line_of_the_given_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(RenderError, match="cannot write"):
        atomic_write_text(blocker / "out.srt", "1\n", error=RenderError)

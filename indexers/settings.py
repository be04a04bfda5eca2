"""Where cutbot keeps its files; argument > CUTBOT_* environment > default."""
from __future__ import annotations

import os
from pathlib import Path


def cutbot_home(explicit: str | os.PathLike | None = None) -> Path:
    """The folder for indexes, sessions and the profile (``CUTBOT_HOME``)."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get("CUTBOT_HOME")
    if env:
        return Path(env).expanduser()
    return Path("~/.cache/cutbot").expanduser()


def env_setting(name: str, default: str | None = None) -> str | None:
    """Read ``CUTBOT_<NAME>`` from the environment."""
    return os.environ.get(f"CUTBOT_{name.upper()}", default)


def cores(most: int) -> int:
    """How many threads or processes to run side by side: one a core, at most ``most``."""
    return max(1, min(most, os.cpu_count() or 1))

"""The data flows one way: indexers never import the agent; prompts is data only."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", sorted((ROOT / "indexers").glob("*.py")), ids=lambda p: p.name)
def test_indexers_never_import_agent(path):
    bad = {n for n in _imports(path) if n.startswith(("cutbot.agent", "agent"))}
    assert not bad, f"{path.name} imports {bad}"


def test_prompts_hold_only_a_data_reader():
    py = [p.name for p in (ROOT / "prompts").glob("*.py")]
    assert py == ["__init__.py"]


def test_installed_names_map_to_top_level_folders():
    import cutbot.agent
    import cutbot.indexers
    assert Path(cutbot.agent.__file__).parent == ROOT / "agent"
    assert Path(cutbot.indexers.__file__).parent == ROOT / "indexers"

"""The data flows one way: the layer contracts in pyproject.toml hold, and no module
imports itself back through others (imports inside functions and under TYPE_CHECKING
count too). ``python tests/test_layering.py`` prints the import cycles, if any."""
from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = {"agent": "cutbot.agent", "indexers": "cutbot.indexers", "prompts": "cutbot.prompts"}


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def import_graph(root: Path = ROOT) -> dict[str, set[str]]:
    """Module -> the project modules it imports anywhere in its file (the layout's
    package-dir mapping: ``agent/x.py`` is ``cutbot.agent.x``; relative imports resolved)."""
    mods: dict[str, Path] = {}
    for folder, pkg in PACKAGES.items():
        for f in sorted((root / folder).rglob("*.py")):
            parts = [p for p in f.relative_to(root / folder).with_suffix("").parts if p != "__init__"]
            mods[".".join([pkg, *parts])] = f

    def resolve(name: str) -> str | None:
        while name and name not in mods:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {m: set() for m in mods}
    for mod, f in mods.items():
        base = mod if f.name == "__init__.py" else mod.rpartition(".")[0]
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                stem = node.module or ""
                if node.level:
                    b = base
                    for _ in range(node.level - 1):
                        b = b.rpartition(".")[0]
                    stem = f"{b}.{node.module}" if node.module else b
                targets = [f"{stem}.{a.name}" for a in node.names] + [stem]
            else:
                continue
            for t in targets:  # the most specific module named (``from . import x`` -> x)
                r = resolve(t)
                if r and r != mod and not (mods[r].name == "__init__.py" and mod.startswith(r + ".")):
                    graph[mod].add(r)
                    break
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (iterative Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on.add(start)
        while work:
            v, it = work[-1]
            w = next(it, None)
            if w is not None:
                if w not in index:
                    index[w] = low[w] = len(index)
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(sorted(graph[w]))))
                elif w in on:
                    low[v] = min(low[v], index[w])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on.discard(w)
                    comp.append(w)
                    if w == v:
                        break
                if len(comp) > 1:
                    found.append(sorted(comp))
    return found


def test_no_import_cycles_counting_imports_inside_functions():
    assert cycles(import_graph()) == []


def test_the_cycle_finder_sees_imports_inside_functions(tmp_path):
    for folder in PACKAGES:
        (tmp_path / folder).mkdir()
    (tmp_path / "agent" / "__init__.py").write_text("")
    (tmp_path / "agent" / "a.py").write_text("from . import b\n")
    (tmp_path / "agent" / "b.py").write_text("def f():\n    from cutbot.agent.a import x\n")
    (tmp_path / "agent" / "c.py").write_text("from .a import y\n")
    assert cycles(import_graph(tmp_path)) == [["cutbot.agent.a", "cutbot.agent.b"]]


def test_the_layer_contracts_hold():
    """``lint-imports`` (import-linter, the dev extra) checks pyproject.toml's contracts:
    indexers below agent, the agent's layers, the render stack beside planning, no cycles."""
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")
    assert exe, "lint-imports not found: pip install -e '.[dev]' (import-linter)"
    run = subprocess.run([exe, "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert "0 broken" in run.stdout


def test_every_agent_module_is_in_a_layer():
    """The contract names every module, so a new one must be placed in a layer."""
    text = (ROOT / "pyproject.toml").read_text()
    assert "exhaustive = true" in text
    listed = {name for line in text.splitlines() if line.strip().startswith('"') and ":" in line
              for name in line.strip().strip('",').replace("|", ":").split(" : ")}
    modules = {p.stem for p in (ROOT / "agent").glob("*.py")} - {"__init__"}
    assert modules <= {n.strip() for n in listed}, modules - listed


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


if __name__ == "__main__":
    found = cycles(import_graph())
    for comp in found:
        print("cycle:", " <-> ".join(m.replace("cutbot.", "") for m in comp))
    print(f"cycles: {len(found)}")
    sys.exit(1 if found else 0)

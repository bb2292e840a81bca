"""The package's layers import only downward: core <- data <- methods <- profiles <- plots <- report <- cli."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from analysis.core.paths import ROOT

LAYERS = {"core": 0, "data": 1, "methods": 2, "profiles": 3, "plots": 4, "report": 5, "cli": 6, "__main__": 7}
PACKAGE = ROOT / "analysis"
MODULES = sorted(p for p in PACKAGE.rglob("*.py") if p.name != "__init__.py" or p.parent != PACKAGE)


def layer_of(module: str) -> int | None:
    """'analysis.methods.blocs' -> 2; None for modules outside the package."""
    parts = module.split(".")
    if parts[0] != "analysis" or len(parts) < 2:
        return None
    return LAYERS[parts[1]]


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every import in the file, including imports inside functions."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                out.append((node.lineno, "<relative import>"))
            elif node.module == "analysis":
                out.extend((node.lineno, f"analysis.{alias.name}") for alias in node.names)
            else:
                out.append((node.lineno, node.module or ""))
    return out


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_imports_go_downward(path):
    own = layer_of(module_name(path))
    upward = [(line, mod) for line, mod in imported_modules(path)
              if mod == "<relative import>" or (layer_of(mod) is not None and layer_of(mod) > own)]
    assert upward == [], f"{module_name(path)} (layer {own}) imports from a higher layer: {upward}"


def test_no_module_is_over_500_lines():
    long = {module_name(p): n for p in PACKAGE.rglob("*.py") if (n := len(p.read_text(encoding="utf-8").splitlines())) > 500}
    assert long == {}


def test_the_rule_catches_an_upward_import(tmp_path):
    bad = tmp_path / "x.py"
    bad.write_text("from analysis.plots import style\nimport os\n", encoding="utf-8")
    assert [(1, "analysis.plots")] == [(line, m) for line, m in imported_modules(bad) if layer_of(m)]
    assert layer_of("analysis.plots.style") > layer_of("analysis.data.io")

"""environment.yml (conda) asks for the same packages at the same versions as requirements.lock (pip)."""
from __future__ import annotations

import re

import yaml

from analysis.core.paths import ROOT


def _norm(name: str) -> str:
    """PEP 503 normalised name: conda's pyyaml and PyPI's PyYAML are one package."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _lock() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, version = line.split("==")
            pins[_norm(name)] = version.strip()
    return pins


def _conda() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    out = {}
    for dep in env["dependencies"]:
        if isinstance(dep, str):
            name, _, version = dep.partition("=")
            out[_norm(name)] = version
    return out


def test_conda_pins_are_the_lock_pins():
    lock, conda = _lock(), _conda()
    mismatched = {name: (version, lock.get(name)) for name, version in conda.items()
                  if name not in ("python", "pip") and lock.get(name) != version}
    assert mismatched == {}


def test_every_direct_dependency_is_in_the_conda_file():
    direct = []
    for line in (ROOT / "requirements.in").read_text(encoding="utf-8").splitlines():
        name = re.split(r"[<>=;#\s]", line.strip(), maxsplit=1)[0]
        if name:
            direct.append(_norm(name))
    missing = sorted(set(direct) - set(_conda()))
    assert len(direct) > 10 and missing == []


def test_the_project_is_installed_by_pip_editable():
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip = next(dep["pip"] for dep in env["dependencies"] if isinstance(dep, dict))
    assert "-e ." in pip
    assert str(_conda()["python"]) == "3.11"

"""One stack everywhere: pyproject, the lock file and environment.yml agree."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[; ]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _lock(root: Path) -> dict[str, str]:
    pins = {}
    for line in (root / "requirements" / "lock.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, version = line.partition("==")
            pins[_name(name)] = version.strip()
    return pins


def _pyproject(root: Path) -> dict:
    return tomllib.loads((root / "pyproject.toml").read_text())


def _environment(root: Path) -> dict[str, str]:
    env = yaml.safe_load((root / "environment.yml").read_text())
    found: dict[str, str] = {}
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            for item in dep["pip"]:
                if not item.startswith("-e"):
                    name, _, version = item.partition("==")
                    found[_name(name)] = version
        elif _name(dep) not in {"python", "pip"}:
            name, _, version = dep.partition("=")
            found[_name(name)] = version.lstrip("=")
    return found


def test_every_declared_dependency_is_pinned_exactly(root: Path) -> None:
    project = _pyproject(root)["project"]
    declared = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        declared += extra
    missing = sorted({_name(d) for d in declared} - set(_lock(root)))
    assert missing == [], f"not pinned in requirements/lock.txt: {missing}"


def test_lock_pins_are_exact(root: Path) -> None:
    for line in (root / "requirements" / "lock.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            assert re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[A-Za-z0-9_.+\-]+", line), line


def test_environment_yml_lists_the_same_runtime_packages(root: Path) -> None:
    runtime = {_name(d) for d in _pyproject(root)["project"]["dependencies"]}
    assert set(_environment(root)) == runtime


def test_environment_yml_uses_the_locked_versions(root: Path) -> None:
    lock = _lock(root)
    drift = {name: (v, lock[name]) for name, v in _environment(root).items() if v != lock[name]}
    assert drift == {}, f"environment.yml vs lock (env, lock): {drift}"


def test_environment_yml_is_binder_ready(root: Path) -> None:
    env = yaml.safe_load((root / "environment.yml").read_text())
    assert env["channels"] == ["conda-forge"]
    assert "python=3.11" in env["dependencies"]
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert "-e ." in pip

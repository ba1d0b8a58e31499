"""Handles in the kit's data and lessons cannot be real accounts (docs/guidance.md G-00-3).

Convention: lowercase letters, digits and underscores, ending in ``_example``, and 16 or more
characters after the ``@``: X usernames have at most 15, so none can exist on X.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "src" / "postlab" / "data"
HANDLE = re.compile(r"(?<![\w.])@([A-Za-z][A-Za-z0-9_]{2,})")
SAFE = re.compile(r"[a-z0-9_]+_example")
# Words after an @ that are not handles (e.g. e-mail domains in data, decorators in code).
NOT_HANDLES = {"example", "jupyter"}


def _files() -> list[Path]:
    data = [*DATA.glob("*.yaml"), *DATA.glob("*/*.yaml"), *DATA.glob("*.csv")]
    return sorted(data) + sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))


def _texts(path: Path) -> list[str]:
    if path.suffix == ".ipynb":
        nb = nbformat.read(path, as_version=4)
        texts = []
        for cell in nb.cells:
            source = cell.source
            if cell.cell_type == "code":  # leave out decorators
                source = "\n".join(
                    ln for ln in source.splitlines() if not ln.lstrip().startswith("@")
                )
            texts.append(source)
            for out in cell.get("outputs", []):
                texts.append(str(out.get("text", "")))
                texts.extend(str(v) for v in out.get("data", {}).values())
        return texts
    return [path.read_text(encoding="utf-8")]


def handles(text: str) -> list[str]:
    """Every @handle in ``text`` that is meant as an account."""
    return [h for h in HANDLE.findall(text) if h not in NOT_HANDLES]


def is_safe(handle: str) -> bool:
    """Whether ``handle`` (without the @) follows the convention."""
    return bool(SAFE.fullmatch(handle)) and len(handle) >= 16


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.name)
def test_every_handle_follows_the_convention(path):
    bad = sorted({h for t in _texts(path) for h in handles(t) if not is_safe(h)})
    assert not bad, f"{path.name}: {bad} could be real accounts; use e.g. @navapur_resident_example"


def test_the_rule_itself():
    assert is_safe("navapur_resident_example") and is_safe("meena_ward12_example")
    assert not is_safe("meena_r") and not is_safe("angry_commuter")
    assert not is_safe("priya_example")  # 13 characters: could exist on X
    assert not is_safe("NavapurWater")
    assert handles("write to @meena_r or mail a@b.com") == ["meena_r"]

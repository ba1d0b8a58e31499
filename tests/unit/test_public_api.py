"""The top-level names other parts of the kit rely on stay importable."""

from __future__ import annotations

import importlib

import pytest

import postlab
import postlab.widgets


@pytest.mark.parametrize("module", [postlab, postlab.widgets])
def test_every_public_name_resolves(module: object) -> None:
    for name in module.__all__:
        assert getattr(module, name) is not None, name


def test_unknown_names_raise_attribute_error() -> None:
    with pytest.raises(AttributeError, match="nope"):
        postlab.nope  # noqa: B018


def test_verbs_are_the_engine_functions() -> None:
    assert postlab.analyze is importlib.import_module("postlab.drafting").analyze
    assert postlab.simulate is importlib.import_module("postlab.simulation").simulate
    assert postlab.compare is importlib.import_module("postlab.strategies").compare
    assert postlab.ab_test is importlib.import_module("postlab.strategies").ab_test
    assert postlab.grade is importlib.import_module("postlab.grading").grade


def test_dir_lists_the_public_names() -> None:
    assert set(dir(postlab)) == set(postlab.__all__)
    assert set(dir(postlab.widgets)) == set(postlab.widgets.__all__)

"""Two trainees never share a grading key: unique (ignoring case), safe and stable."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from postlab.grading.discover import discover, unique_keys

LESSON = "00-welcome"


def _loose(folder: Path, *stems: str) -> None:
    for stem in stems:
        (folder / f"{stem}.ipynb").write_text('{"cells": []}', encoding="utf-8")


def test_colliding_loose_notebooks_get_their_own_keys(tmp_path: Path) -> None:
    _loose(tmp_path, "a b", "a-b-2", "a_b", "Asha", "asha", "ASHA", "a.b", "a  b")
    found = discover(tmp_path, lesson=LESSON)
    keys = [s.key for s in found]
    assert len(found) == 8
    assert len({k.casefold() for k in keys}) == 8, keys
    assert sorted(s.trainee for s in found) == sorted(
        ["a b", "a-b-2", "a_b", "Asha", "asha", "ASHA", "a.b", "a  b"]
    ), "every trainee appears once, under the name given"
    assert "a-b-2" in keys, "a name that is already a safe key keeps it"


def test_keys_are_stable_from_run_to_run_and_as_the_room_grows(tmp_path: Path) -> None:
    _loose(tmp_path, "a b", "a_b", "Ravi Kumar")
    first = {s.trainee: s.key for s in discover(tmp_path, lesson=LESSON)}
    assert first == {s.trainee: s.key for s in discover(tmp_path, lesson=LESSON)}
    _loose(tmp_path, "a-b", "zz top")
    later = {s.trainee: s.key for s in discover(tmp_path, lesson=LESSON)}
    assert all(later[name] == key for name, key in first.items())


def test_a_folder_and_a_notebook_of_one_name_stay_apart(tmp_path: Path) -> None:
    (tmp_path / "asha").mkdir()
    (tmp_path / "asha" / f"{LESSON}.ipynb").write_text('{"cells": []}', encoding="utf-8")
    _loose(tmp_path, "asha")
    keys = [s.key for s in discover(tmp_path, lesson=LESSON)]
    assert len(keys) == 2 and len(set(keys)) == 2


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=30), max_size=12, unique=True))
def test_any_names_give_unique_safe_keys(names: list[str]) -> None:
    keys = unique_keys(names)
    assert len(keys) == len(names)
    assert len({k.casefold() for k in keys}) == len(keys)
    for key in keys:
        assert key and "/" not in key and "\\" not in key and ".." not in key
        assert not key.startswith((".", "-")) and len(key.encode("utf-8")) < 255

"""Arbitrary names and files thrown at hand-in and the YAML loaders: clear errors, no traceback."""

from __future__ import annotations

import json
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from postlab.errors import PostLabError
from postlab.handin import hand_in, remember_trainee
from postlab.replies.crisis import load_scenario
from postlab.replies.queue import load_comments
from postlab.strategies.strategy_file import load_strategy

LESSON = "00-welcome"

JSONISH = st.recursive(
    st.none() | st.booleans() | st.floats() | st.text(max_size=20) | st.integers(),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=10,
)
WORKBOOKS = (
    st.binary(max_size=300)
    | JSONISH.map(lambda v: json.dumps(v).encode())
    | st.builds(
        lambda at, status: json.dumps(
            {"format": 2, "history": [{"question": "q", "status": status, "at": at}]}
        ).encode(),
        st.text(max_size=30) | st.datetimes().map(lambda d: d.isoformat()),
        st.text(max_size=10) | st.sampled_from(["passed", "not_yet"]),
    )
)
FIELDS = ["day", "time", "format", "id", "post", "author", "language", "kind", "text"]
FIELDS += ["triage", "why", "minute", "title", "facts", "comments", "myth", "also_ok"]
FILE_NAMES = st.text(
    alphabet=string.ascii_letters + string.digits + " -_.é्", min_size=1, max_size=40
)


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    name=st.text(max_size=100),
    notebook=st.binary(max_size=300),
    workbook=WORKBOOKS,
    stem=FILE_NAMES,
)
def test_hand_in_of_anything_gives_a_result_or_a_clear_error(
    tmp_path_factory, name: str, notebook: bytes, workbook: bytes, stem: str
) -> None:
    base = tmp_path_factory.mktemp("h")
    desk = base / "desk"
    desk.mkdir()
    if stem.strip(".") == "" or "/" in stem:
        stem = "nb"
    nb = desk / f"{stem}.ipynb"
    nb.write_bytes(notebook)
    book = desk / f"{stem}.workbook.json"
    book.write_bytes(workbook)
    try:
        trainee = remember_trainee(name, folder=base / "who")
    except PostLabError:
        return
    try:
        done = hand_in(nb, trainee=trainee, workbook=book, root=base / "room")
    except PostLabError:
        return
    assert done.folder.resolve().is_relative_to((base / "room").resolve())
    assert done.message and "\n" not in done.message
    assert str(base) not in done.message


SHAPED = st.fixed_dictionaries(
    {},
    optional={
        key: JSONISH | st.lists(st.dictionaries(st.sampled_from(FIELDS), JSONISH), max_size=3)
        for key in ("name", "posts", "comments", "rumour", "injects", "id", "title", "platform")
    },
)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.binary(max_size=300) | (JSONISH | SHAPED).map(json.dumps).map(str.encode),
    stem=FILE_NAMES,
)
def test_yaml_loaders_on_any_file_give_a_result_or_a_clear_error(
    tmp_path_factory, data: bytes, stem: str
) -> None:
    folder = tmp_path_factory.mktemp("y")
    path = folder / f"{stem.replace('/', '-') or 'x'}.yaml"
    path.write_bytes(data)
    for loader in (load_strategy, load_scenario, load_comments):
        try:
            loader(path)
        except PostLabError as err:
            assert "Traceback" not in str(err) and len(str(err)) < 2_000

"""Every loader of a person's YAML goes through postlab.safe_yaml: bombs, huge, binary, deep."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from postlab import safe_yaml
from postlab.errors import PostLabError, PostLabValueError
from postlab.replies.crisis import load_scenario
from postlab.replies.queue import load_comments
from postlab.safe_yaml import YamlFileError, load_yaml
from postlab.strategies.strategy_file import StrategyFileError, load_strategy, strategy_from_yaml

BILLION_LAUGHS = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [
        f"{c}: &{c} [{','.join(['*' + p] * 9)}]"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    ]
    + ["name: boom", "posts: *i"]
)

LOADERS = {
    "strategy": load_strategy,
    "scenario": load_scenario,
    "comments": load_comments,
}


def _file(tmp_path: Path, data: bytes | str) -> Path:
    path = tmp_path / "given.yaml"
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("loader", LOADERS.values(), ids=LOADERS.keys())
def test_billion_laughs_fails_at_once_without_memory(tmp_path: Path, loader) -> None:
    path = _file(tmp_path, BILLION_LAUGHS)
    tracemalloc.start()
    try:
        with pytest.raises(PostLabValueError, match="anchor") as caught:
            loader(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20 * 1024**2
    assert len(str(caught.value)) < 300 and "\n" not in str(caught.value)


def test_an_alias_alone_is_refused_too() -> None:
    with pytest.raises(YamlFileError, match=r"alias \*x"):
        load_yaml("a: *x")


@pytest.mark.parametrize("loader", LOADERS.values(), ids=LOADERS.keys())
def test_a_6_mb_file_is_refused_before_parsing(
    tmp_path: Path, loader, monkeypatch: pytest.MonkeyPatch
) -> None:
    posts = "".join(f"  - {{day: mon, time: '10:00', topic: post {i}}}\n" for i in range(150_000))
    path = _file(tmp_path, "name: huge\nposts:\n" + posts)
    assert path.stat().st_size > 6_000_000

    def never(*_args, **_kwargs):
        raise AssertionError("the file was parsed")

    monkeypatch.setattr(safe_yaml._BoundedLoader, "__init__", never)
    with pytest.raises(PostLabValueError, match=r"bytes; PostLab reads .* up to 1,000,000"):
        loader(path)


@pytest.mark.parametrize("loader", LOADERS.values(), ids=LOADERS.keys())
@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"name: a\x00b\nposts: []\n", "NUL"),
        (b"name: caf\xe9\nposts: []\n", "not UTF-8"),
        (b"\xff\xfe\x00n\x00a", "NUL"),
        ("x: " + "[" * 10_000 + "]" * 10_000, "levels deep"),
        ("- " * 10_000 + "x", "levels deep"),
        ("name: x\ndescription: 2024-13-45\n", "cannot read"),
        ("a: \x01", r"control character U\+0001"),
    ],
    ids=["nul", "latin-1", "utf-16", "deep-flow", "deep-block", "bad-date", "control"],
)
def test_broken_files_give_one_plain_sentence(
    tmp_path: Path, loader, data: bytes | str, words: str
) -> None:
    with pytest.raises(PostLabValueError, match=words) as caught:
        loader(_file(tmp_path, data))
    message = str(caught.value)
    assert len(message) < 300 and "\n" not in message and "Traceback" not in message


def test_strategy_errors_keep_their_type_and_line(tmp_path: Path) -> None:
    with pytest.raises(StrategyFileError) as caught:
        load_strategy(_file(tmp_path, "name: ok\nposts: &p []\n"))
    assert caught.value.line == 2
    with pytest.raises(StrategyFileError, match="NUL"):
        strategy_from_yaml("name: \0")


def test_echoed_content_is_shortened() -> None:
    with pytest.raises(YamlFileError) as caught:
        load_yaml("a: &" + "x" * 5000 + " 1")
    assert len(str(caught.value)) < 300


def test_ordinary_yaml_still_reads() -> None:
    assert load_yaml("a: [1, {b: c}]\nd: 10:00") == {"a": [1, {"b": "c"}], "d": 600}
    assert load_yaml("") is None


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=400) | st.text(max_size=400).map(str.encode))
def test_arbitrary_files_never_give_a_traceback(tmp_path: Path, data: bytes) -> None:
    path = _file(tmp_path, data)
    for loader in LOADERS.values():
        try:
            loader(path)
        except PostLabError:
            pass


YAMLISH = st.recursive(
    st.sampled_from(["1", "x", "'10:00'", "null", "&a 1", "*a", "[", "]", "{", "?", ": ", "- "]),
    lambda inner: (
        st.lists(inner, max_size=6).map(" ".join) | st.lists(inner, max_size=4).map("\n".join)
    ),
    max_leaves=30,
)


@settings(max_examples=150, deadline=None)
@given(text=YAMLISH)
def test_arbitrary_yaml_like_text_never_gives_a_traceback(text: str) -> None:
    for probe in (text, f"name: n\nposts:\n  - {text}", f"comments:\n  - {text}"):
        try:
            strategy_from_yaml(probe)
        except PostLabError:
            pass
        try:
            load_yaml(probe)
        except PostLabError:
            pass

"""The workbook keeps every check, merges instead of overwriting, and never raises or loses work."""

from __future__ import annotations

import builtins
import errno
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from postlab.errors import PostLabValueError
from postlab.exercises import workbook as workbook_module
from postlab.exercises.record import CheckRecord, Status, now
from postlab.exercises.workbook import (
    Entry,
    Workbook,
    WorkbookData,
    WorkbookStore,
    read_workbook,
    workbook_path,
)

LESSON = "00-welcome"


def check(question: str, status: str = "passed", *, at: str = "", message: str = "") -> CheckRecord:
    return CheckRecord(LESSON, question, Status(status), message, at=at or now())


def strict(path: Path) -> dict[str, Any]:
    """The file as strict JSON: NaN or Infinity anywhere fails."""

    def refuse(name: str) -> None:
        raise ValueError(f"{name} is not JSON")

    return json.loads(path.read_text(encoding="utf-8"), parse_constant=refuse)


def other_kernel(folder: Path) -> Workbook:
    """A second workbook on the same file, as another kernel (or process) would hold."""
    return Workbook(LESSON, workbook_path(LESSON, folder))


# --- recording and reading back ----------------------------------------------------------------


def test_a_check_survives_reopening_and_reads_back_as_a_record(tmp_path: Path) -> None:
    wb = Workbook.open(LESSON, folder=tmp_path)
    assert wb.record(check("q1", "not_yet", message="Too long."), "first try") is None
    data = read_workbook(wb.path)
    assert isinstance(data, WorkbookData) and data.problem is None and data.lesson == LESSON
    entry = data.entries["q1"]
    assert isinstance(entry, Entry)
    assert (entry.answer, entry.record.status, entry.record.message) == (
        "first try",
        Status.NOT_YET,
        "Too long.",
    )
    assert wb.latest("q1") == entry and wb.records() == {"q1": entry.record}


def test_the_file_holds_each_check_as_its_record_plus_the_answer(tmp_path: Path) -> None:
    wb = Workbook.open(LESSON, folder=tmp_path)
    record = check("q1")
    wb.record(record, {"times": ("08:00",)})
    stored = strict(wb.path)
    assert stored["format"] == 2
    (entry,) = stored["history"]
    assert {k: entry[k] for k in record.to_dict()} == record.to_dict()
    assert entry["answer"] == {"times": ["08:00"]}
    assert stored["answers"]["q1"] == entry  # the latest, for people reading the file


def test_a_later_not_yet_is_the_latest_but_the_history_keeps_both(tmp_path: Path) -> None:
    wb = Workbook.open(LESSON, folder=tmp_path)
    stamp = now()  # both in the same second: the order of the checks decides
    wb.record(check("q1", "passed", at=stamp), "good answer")
    wb.record(check("q1", "not_yet", at=stamp), "oops")
    data = read_workbook(wb.path)
    assert [e.answer for e in data.history] == ["good answer", "oops"]
    assert data.entries["q1"].answer == "oops"


def test_running_the_cells_again_never_erases_a_recorded_answer(tmp_path: Path) -> None:
    # Issue 12: re-running an exercise recorded "unanswered" over three passed answers.
    wb = Workbook.open(LESSON, folder=tmp_path)
    wb.record(check("q1", "passed", at="2025-03-01T10:00:00+00:00"), "my post")
    wb.record(check("q1", "unanswered", at="2025-03-01T11:00:00+00:00"), ...)
    wb.record(check("q2", "unanswered"), ...)
    data = read_workbook(wb.path)
    assert data.entries["q1"].answer == "my post" and data.entries["q1"].record.passed
    assert [e.record.status for e in data.history if e.record.question == "q1"] == [
        Status.PASSED,
        Status.UNANSWERED,
    ]
    assert data.entries["q2"].record.status is Status.UNANSWERED  # nothing else was recorded
    assert strict(wb.path)["answers"]["q1"]["status"] == "passed"
    assert wb.records()["q1"].passed


def test_history_is_kept_in_time_order(tmp_path: Path) -> None:
    wb = Workbook.open(LESSON, folder=tmp_path)
    other = other_kernel(tmp_path)
    wb.record(check("q", "not_yet", at="2025-03-01T10:00:02+00:00"), "third")
    other.record(check("q", "not_yet", at="2025-03-01T10:00:01+00:00"), "second")
    wb.record(check("q", "passed", at="2025-03-01T10:00:00+00:00"), "first")
    data = read_workbook(wb.path)
    assert [e.answer for e in data.history] == ["first", "second", "third"]
    assert data.entries["q"].answer == "third"


# --- one workbook per file, and merging ----------------------------------------------------------


def test_opening_again_gives_the_same_workbook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = Workbook.open(LESSON, folder=tmp_path)
    monkeypatch.chdir(tmp_path)
    assert Workbook.open(LESSON, folder=".") is first
    (tmp_path / "link").symlink_to(tmp_path)
    assert Workbook.open(LESSON, folder=tmp_path / "link") is first
    assert Workbook.open("01-other", folder=tmp_path) is not first


def test_classroom_re_run_keeps_the_answers_checked_through_the_new_ex(tmp_path: Path) -> None:
    # Issue 12: re-run `ex = start(...)`, check through the new `ex`, type into a widget made
    # from the old one: the widget's save wrote its stale copy over the new answers.
    old = Workbook.open(LESSON, folder=tmp_path)
    old.save_draft("live-counter", "draft one")
    assert old.flush() is None
    new = other_kernel(tmp_path)  # any other object or process holding the same file
    for q in ("q1", "q2", "q3"):
        assert new.record(check(q), f"answer {q}") is None
    old.save_draft("live-counter", "draft two")
    assert old.flush() is None
    data = read_workbook(old.path)
    assert {q: e.answer for q, e in data.entries.items()} == {
        "q1": "answer q1",
        "q2": "answer q2",
        "q3": "answer q3",
    }
    assert data.drafts == {"live-counter": "draft two"}
    old.record(check("q4"), "answer q4")
    assert set(read_workbook(old.path).entries) == {"q1", "q2", "q3", "q4"}
    # and the old object now knows the other's answers too
    assert old.latest("q1") is not None and old.latest("q1").answer == "answer q1"


def test_opening_again_picks_up_what_another_process_wrote(tmp_path: Path) -> None:
    wb = Workbook.open(LESSON, folder=tmp_path)
    other_kernel(tmp_path).record(check("q1"), "from elsewhere")
    assert wb.latest("q1") is None
    assert Workbook.open(LESSON, folder=tmp_path).latest("q1").answer == "from elsewhere"


def test_drafts_from_two_holders_are_merged_by_time(tmp_path: Path) -> None:
    wb = Workbook.open(LESSON, folder=tmp_path)
    other = other_kernel(tmp_path)
    wb.save_draft("a", "mine")
    other.save_draft("b", "theirs")
    assert wb.flush() is None and other.flush() is None
    other.save_draft("a", "theirs, later")
    assert other.flush() is None
    data = read_workbook(wb.path)
    assert data.drafts == {"a": "theirs, later", "b": "theirs"}
    versions = strict(wb.path)["drafts"]["a"]
    assert [v["text"] for v in versions] == ["mine", "theirs, later"]


def test_a_deleted_file_is_written_again_whole(tmp_path: Path) -> None:
    wb = Workbook.open(LESSON, folder=tmp_path)
    wb.record(check("q1"), "one")
    wb.path.unlink()
    wb.record(check("q2"), "two")
    assert set(read_workbook(wb.path).entries) == {"q1", "q2"}


# --- nothing unsaveable enters -------------------------------------------------------------------


class _ReprRaises:
    def __repr__(self) -> str:
        raise RuntimeError("no repr for you")


def _self_referencing() -> list[Any]:
    loop: list[Any] = [1]
    loop.append(loop)
    return loop


def _deep(n: int) -> list[Any]:
    value: list[Any] = []
    for _ in range(n):
        value = [value]
    return value


@pytest.mark.parametrize(
    "answer",
    [
        "half an emoji \ud83d",
        float("nan"),
        [float("inf"), -float("inf")],
        _self_referencing(),
        _ReprRaises(),
        "x" * 10_000_000,
        _deep(5_000),
        {("tuple", "key"): {1, 2}, None: object},
        10**400,
    ],
    ids=["surrogate", "nan", "inf", "cycle", "repr-raises", "10MB", "deep", "odd-keys", "huge-int"],
)
def test_odd_answers_are_saved_as_strict_json_and_saving_goes_on(
    tmp_path: Path, answer: Any
) -> None:
    wb = Workbook.open(LESSON, folder=tmp_path)
    assert wb.record(check("q"), answer) is None
    stored = strict(wb.path)
    assert len(wb.path.read_bytes()) < 1_000_000
    assert stored["answers"]["q"]["id"] == wb.latest("q").id
    # the bad string does not stay in memory to break every later save (issue 12)
    assert wb.record(check("after"), "plain") is None
    assert wb.save_draft("k", "text \udc00") is None and wb.flush() is None
    assert read_workbook(wb.path).drafts["k"] == "text \ufffd"
    assert read_workbook(wb.path).entries["after"].answer == "plain"


def test_surrogates_in_the_record_itself_are_saved(tmp_path: Path) -> None:
    wb = Workbook.open(LESSON, folder=tmp_path)
    odd = CheckRecord(LESSON, "q\ud800", Status.NOT_YET, "message \udfff", "hint \ud83d")
    assert wb.record(odd, "x") is None
    strict(wb.path)


def test_something_that_is_not_a_record_is_refused_in_words(tmp_path: Path) -> None:
    wb = Workbook.open(LESSON, folder=tmp_path)
    problem = wb.record("q1", "answer")  # type: ignore[arg-type]
    assert isinstance(problem, str) and "could not be saved" in problem
    assert not wb.path.exists() and wb.records() == {}


def _failing_replace(src: str, dst: str) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_failed_save_is_rolled_back_reported_and_saving_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wb = Workbook.open(LESSON, folder=tmp_path)
    wb.record(check("q"), "kept")
    monkeypatch.setattr(os, "replace", _failing_replace)
    problem = wb.record(check("q", "not_yet"), "lost")
    assert problem is not None and "disk is full" in problem
    assert wb.latest("q").answer == "kept", "nothing unsaved stays in memory"
    assert len(wb.data().history) == 1
    monkeypatch.undo()
    assert read_workbook(wb.path).entries["q"].answer == "kept"
    assert not [p for p in tmp_path.iterdir() if p.suffix == ".tmp"]
    assert wb.record(check("q2"), "later") is None
    assert [e.answer for e in read_workbook(wb.path).history] == ["kept", "later"]


def test_an_encoding_failure_is_a_sentence_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wb = Workbook.open(LESSON, folder=tmp_path)

    def cannot_encode(*args: object, **kwargs: object) -> None:
        raise UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogates not allowed")

    monkeypatch.setattr(workbook_module, "write_text_atomic", cannot_encode)
    problem = wb.record(check("q"), "x")
    assert problem is not None and "characters" in problem
    assert wb.records() == {}


def _read_only(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Make ``folder`` behave as a read-only mount (the tests may run as root)."""
    inside = str(folder)

    def refuse(name: str) -> None:
        raise OSError(errno.EROFS, "Read-only file system", name)

    real_open, real_os_open, real_replace = builtins.open, os.open, os.replace

    def open_(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if str(file).startswith(inside) and any(c in mode for c in "wax+"):
            refuse(str(file))
        return real_open(file, mode, *args, **kwargs)

    def os_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if str(path).startswith(inside) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            refuse(str(path))
        return real_os_open(path, flags, *args, **kwargs)

    def replace(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
        if str(src).startswith(inside) or str(dst).startswith(inside):
            refuse(str(dst))
        real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", open_)
    monkeypatch.setattr(os, "open", os_open)
    monkeypatch.setattr(os, "replace", replace)


def test_a_read_only_folder_is_reported_in_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wb = Workbook.open(LESSON, folder=tmp_path)
    wb.record(check("q"), "kept")
    _read_only(monkeypatch, tmp_path)
    problem = wb.record(check("q2"), "new")
    assert problem is not None and "cannot be written to" in problem
    assert wb.save_draft("k", "typed") is None  # kept in memory, written when it can be
    assert wb.flush() is not None
    assert wb.load_draft("k") == "typed"
    monkeypatch.undo()
    assert wb.flush() is None
    assert read_workbook(wb.path).drafts == {"k": "typed"}
    assert read_workbook(wb.path).entries["q"].answer == "kept"


def test_a_read_only_folder_with_a_corrupt_workbook_does_not_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Issue 12: this combination raised PermissionError out of Workbook.open.
    path = workbook_path(LESSON, tmp_path)
    path.write_text('{"answers": {"q1": ', encoding="utf-8")
    _read_only(monkeypatch, tmp_path)
    wb = Workbook.open(LESSON, folder=tmp_path)
    assert wb.notice is not None
    assert "could not be read" in wb.notice and "could not be kept aside" in wb.notice
    assert isinstance(wb.record(check("q1"), "x"), str)
    monkeypatch.undo()
    assert path.read_text(encoding="utf-8") == '{"answers": {"q1": ', "left unchanged"


# --- broken and old files ----------------------------------------------------------------------


def test_corrupt_workbook_is_kept_aside_and_reported(tmp_path: Path) -> None:
    path = workbook_path(LESSON, tmp_path)
    path.write_text('{"answers": {"q1": ', encoding="utf-8")
    wb = Workbook.open(LESSON, folder=tmp_path)
    assert wb.notice is not None and "could not be read" in wb.notice
    kept = list(tmp_path.glob(f"{LESSON}.workbook.json.corrupt-*"))
    assert len(kept) == 1
    assert kept[0].read_text(encoding="utf-8") == '{"answers": {"q1": '
    wb.record(check("q1"), "new")
    assert kept[0].read_text(encoding="utf-8") == '{"answers": {"q1": ', "never overwritten"


def test_a_file_broken_by_someone_else_is_kept_aside_at_the_next_save(tmp_path: Path) -> None:
    wb = Workbook.open(LESSON, folder=tmp_path)
    wb.record(check("q1"), "mine")
    wb.path.write_text("garbage", encoding="utf-8")
    assert wb.record(check("q2"), "more") is None
    assert wb.notice is not None
    (kept,) = tmp_path.glob(f"{LESSON}.workbook.json.corrupt-*")
    assert kept.read_text(encoding="utf-8") == "garbage"
    assert set(read_workbook(wb.path).entries) == {"q1", "q2"}, "memory still had q1"


@pytest.mark.parametrize(
    "content",
    ["[1, 2, 3]", '{"answers": [1]}', "\x00\x01", "", '{"format": 9}', '{"history": [1]}'],
)
def test_wrong_shapes_are_kept_aside(tmp_path: Path, content: str) -> None:
    workbook_path("l", tmp_path).write_text(content, encoding="utf-8")
    wb = Workbook.open("l", folder=tmp_path)
    assert wb.notice
    assert list(tmp_path.glob("l.workbook.json.corrupt-*"))


@pytest.mark.parametrize(
    "content",
    [b'{"answers": {"q1": ', b"\xff\xfe not utf-8", b"[" * 200_000 + b"]" * 200_000, b"null"],
    ids=["cut", "not-utf8", "deep", "null"],
)
def test_read_workbook_never_raises_and_never_moves_a_file(tmp_path: Path, content: bytes) -> None:
    path = workbook_path(LESSON, tmp_path)
    path.write_bytes(content)
    data = read_workbook(path)
    assert data.problem is not None and path.name in data.problem
    assert (data.entries, data.history, data.drafts) == ({}, (), {})
    assert path.read_bytes() == content and len(list(tmp_path.iterdir())) == 1


def test_read_workbook_of_a_missing_file_is_empty(tmp_path: Path) -> None:
    data = read_workbook(tmp_path / "none.workbook.json")
    assert data == WorkbookData(None, None, {}, (), {}, None)
    assert read_workbook(tmp_path).problem is not None  # a folder, not a file


def test_a_deeply_nested_workbook_is_kept_aside_not_a_traceback(tmp_path: Path) -> None:
    path = workbook_path(LESSON, tmp_path)
    path.write_text('{"history": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    wb = Workbook.open(LESSON, folder=tmp_path)
    assert wb.notice is not None
    assert wb.record(check("q"), "x") is None


FORMAT_1 = {
    "format": 1,
    "lesson": LESSON,
    "trainee": "Asha",
    "saved_at": "2025-03-01T10:05:00+00:00",
    "answers": {
        "q1": {
            "question": "q1",
            "answer": "second",
            "status": "not_yet",
            "message": "Too long.",
            "at": "2025-03-01T10:01:00+00:00",
        },
        "only-latest": {"answer": "<b>kept</b>"},
    },
    "drafts": {
        "live-counter": [
            {"text": "a", "at": "2025-03-01T10:00:00+00:00"},
            {"text": "ab", "at": "2025-03-01T10:00:01+00:00"},
        ]
    },
    "history": [
        {
            "question": "q1",
            "answer": "first",
            "status": "passed",
            "message": "Fits.",
            "at": "2025-03-01T10:00:00+00:00",
        },
        {
            "question": "q1",
            "answer": "second",
            "status": "not_yet",
            "message": "Too long.",
            "at": "2025-03-01T10:01:00+00:00",
        },
        {"question": "q2", "answer": [1, 2], "status": "odd", "at": "2025-03-01T10:02:00+00:00"},
    ],
}


def test_format_1_workbooks_open_and_are_rewritten_as_format_2_losing_nothing(
    tmp_path: Path,
) -> None:
    path = workbook_path(LESSON, tmp_path)
    path.write_text(json.dumps(FORMAT_1), encoding="utf-8")
    before = read_workbook(path)
    assert before.problem is None and before.trainee == "Asha"
    assert before.entries["q1"].answer == "second" and before.entries["q2"].answer == [1, 2]
    assert before.entries["only-latest"].answer == "<b>kept</b>"
    assert before.drafts == {"live-counter": "ab"}
    assert len(before.history) == 4  # three checks, and the latest answer missing from them

    wb = Workbook.open(LESSON, folder=tmp_path)
    assert wb.notice is None and wb.trainee == "Asha"
    other = other_kernel(tmp_path)
    other._refresh()  # another kernel that read the old file too
    wb.record(check("q3"), "new")
    stored = strict(path)
    assert stored["format"] == 2 and stored["trainee"] == "Asha"
    assert [h["answer"] for h in stored["history"]][:4] == [
        "<b>kept</b>",  # no time: oldest
        "first",
        "second",
        [1, 2],
    ]
    assert len(stored["history"]) == 5
    assert [v["text"] for v in stored["drafts"]["live-counter"]] == ["a", "ab"]
    other.record(check("q4"), "x")  # merges without doubling the old checks
    assert len(strict(path)["history"]) == 6


def test_not_a_number_in_an_old_workbook_is_read_and_never_written(tmp_path: Path) -> None:
    path = workbook_path(LESSON, tmp_path)
    path.write_text(
        '{"answers": {"q": {"question": "q", "answer": NaN, "status": "passed"}}}',
        encoding="utf-8",
    )
    wb = Workbook.open(LESSON, folder=tmp_path)
    assert wb.notice is None and wb.latest("q").answer == "nan"
    wb.record(check("r"), float("inf"))
    assert strict(path)["answers"]["r"]["answer"] == "inf"


# --- drafts and the debounce ---------------------------------------------------------------------


def test_drafts_keep_versions_and_restore_the_latest(tmp_path: Path) -> None:
    store = WorkbookStore(Workbook.open("x", folder=tmp_path))
    assert store.load("draft") is None
    for text in ["a", "ab", "abc", "abc"]:
        store.save("draft", text)
        assert store.flush() is None
    assert store.load("draft") == "abc"
    assert [v["text"] for v in strict(workbook_path("x", tmp_path))["drafts"]["draft"]] == [
        "a",
        "ab",
        "abc",
    ]


def test_only_the_last_fifty_versions_of_a_draft_are_kept(tmp_path: Path) -> None:
    wb = Workbook.open(LESSON, folder=tmp_path)
    for i in range(60):
        wb.save_draft("k", f"version {i}")
        wb.flush()
    versions = strict(wb.path)["drafts"]["k"]
    assert len(versions) == 50 and versions[-1]["text"] == "version 59"


class _CountingWriter:
    def __init__(self) -> None:
        self.calls = 0
        self.real = workbook_module.write_text_atomic

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.calls += 1
        return self.real(*args, **kwargs)


def test_rapid_typing_is_written_a_few_times_not_on_every_keystroke(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writes = _CountingWriter()
    monkeypatch.setattr(workbook_module, "write_text_atomic", writes)
    store = WorkbookStore(Workbook.open(LESSON, folder=tmp_path))
    text = ""
    for ch in "Heatwave in Navapur: drink water, stay in the shade. Helpline 1800-000-0000. " * 2:
        text += ch
        store.save("live-counter", text)
    assert writes.calls <= 2
    assert store.load("live-counter") == text, "the latest text is there at once"
    assert store.flush() is None
    assert writes.calls <= 3
    assert read_workbook(workbook_path(LESSON, tmp_path)).drafts["live-counter"] == text


def test_a_pause_in_typing_writes_the_draft_without_a_flush(tmp_path: Path) -> None:
    wb = Workbook.open(LESSON, folder=tmp_path)
    wb.save_draft("k", "typed, then a pause")
    assert not wb.path.exists()
    deadline = time.monotonic() + 5
    while not wb.path.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert read_workbook(wb.path).drafts == {"k": "typed, then a pause"}


def test_a_check_writes_the_unsaved_drafts_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writes = _CountingWriter()
    monkeypatch.setattr(workbook_module, "write_text_atomic", writes)
    wb = Workbook.open(LESSON, folder=tmp_path)
    wb.save_draft("k", "typed")
    wb.record(check("q"), "checked")
    assert writes.calls == 1
    data = read_workbook(wb.path)
    assert data.drafts == {"k": "typed"} and data.entries["q"].answer == "checked"


def test_drafts_are_written_when_the_kernel_exits(tmp_path: Path) -> None:
    code = (
        "from postlab.exercises.workbook import Workbook\n"
        f"Workbook.open({LESSON!r}, folder={str(tmp_path)!r}).save_draft('k', 'last words')\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
    assert read_workbook(workbook_path(LESSON, tmp_path)).drafts == {"k": "last words"}


def test_a_draft_too_long_to_keep_is_refused_in_words(tmp_path: Path) -> None:
    wb = Workbook.open(LESSON, folder=tmp_path)
    wb.save_draft("k", "short")
    problem = wb.save_draft("k", "x" * 10_000_000)
    assert problem is not None and "more than" in problem
    assert wb.load_draft("k") == "short"
    store = WorkbookStore(wb)
    assert store.save("k", "y" * 10_000_000) is None
    assert store.notice is not None


def test_a_failed_draft_save_becomes_a_notice_for_the_widget(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = WorkbookStore(Workbook.open(LESSON, folder=tmp_path))
    monkeypatch.setattr(os, "replace", _failing_replace)
    store.save("k", "typed")
    assert store.flush() is not None
    assert store.notice is not None and "disk is full" in store.notice
    assert store.load("k") == "typed"
    monkeypatch.undo()
    assert store.flush() is None and store.notice is None
    assert read_workbook(workbook_path(LESSON, tmp_path)).drafts == {"k": "typed"}


# --- the folder stays tidy ---------------------------------------------------------------------


def test_only_the_workbook_is_visible_in_the_folder(tmp_path: Path) -> None:
    wb = Workbook.open(LESSON, folder=tmp_path)
    (tmp_path / f"{LESSON}.workbook.json.lock").write_text("")  # left by an earlier version
    for i in range(5):
        wb.record(check("q", "not_yet"), i)
    visible = sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("."))
    assert visible == [f"{LESSON}.workbook.json"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == [
        f".{LESSON}.workbook.json.lock"
    ]


def test_lesson_names_cannot_escape_the_folder(tmp_path: Path) -> None:
    path = workbook_path("../../etc/passwd", tmp_path)
    assert path.parent == tmp_path


@pytest.mark.parametrize("bad", ["", "   ", None, 3])
def test_bad_lesson_ids_are_refused(tmp_path: Path, bad: object) -> None:
    with pytest.raises(PostLabValueError, match="lesson="):
        Workbook.open(bad, folder=tmp_path)  # type: ignore[arg-type]

"""The live room: progress files written by checks and hand-ins, read incrementally.

Fake progress files attack the reader: broken and half-written lines, a file cut short
or replaced, a huge file and an endless line, a line that claims to be someone else,
names in Devanagari and names carrying terminal escapes.
"""

from __future__ import annotations

import io
import json
import os
import time
from dataclasses import replace
from pathlib import Path

import pytest

from postlab.cli import main
from postlab.exercises.exercise import Exercise
from postlab.exercises.record import CheckRecord, Status
from postlab.exitcodes import ExitCode
from postlab.room import Room, publish, publish_handin, render_html, render_text
from postlab.room.progress import progress_file
from postlab.room.watch import watch

L0 = "00-welcome"
Q0 = ["your-name", "rumour-lesson", "first-post", "widget-post"]
HINT = "Look at the table of the day at the top of the lesson."


@pytest.fixture(autouse=True)
def _no_room(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in (
        "POSTLAB_ROOM_DIR",
        "POSTLAB_ROOM_FILE",
        "POSTLAB_ROOM_ANSWERS",
        "JUPYTERHUB_USER",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("POSTLAB_WORKBOOK_DIR", str(tmp_path / "workbooks"))


def _line(question: str, status: str, *, name: str = "", hint: str = "", at: str = "") -> str:
    item = {
        "event": "check",
        "lesson": L0,
        "question": question,
        "status": status,
        "message": "",
        "hint": hint,
        "at": at or "2026-03-01T10:00:00+00:00",
        "trainee": "x",
        "name": name,
    }
    return json.dumps(item, ensure_ascii=False) + "\n"


def _write(room: Path, key: str, *lines: str, mode: str = "a") -> Path:
    room.mkdir(parents=True, exist_ok=True)
    path = room / f"{key}.jsonl"
    with path.open(mode, encoding="utf-8") as out:
        out.write("".join(lines))
    return path


def _row(frame, key: str):
    (row,) = [r for r in frame.rows if r.key == key]
    return dict(zip(frame.columns, row.statuses, strict=True)), row


# --- writing -------------------------------------------------------------------------------


def test_publish_writes_one_line_per_check_and_never_the_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POSTLAB_ROOM_DIR", str(tmp_path / "room"))
    monkeypatch.setenv("JUPYTERHUB_USER", "asha-rao")
    ex = Exercise(L0, folder=tmp_path / "desk")
    said = ex.check("your-name", "Secret Answer Text")
    ex.check("rumour-lesson", 3)
    path = tmp_path / "room" / "asha-rao.jsonl"
    assert progress_file() == path
    text = path.read_text(encoding="utf-8")
    assert "Secret Answer Text" not in text
    first, second = (json.loads(line) for line in text.splitlines())
    # The one record, as the workbook keeps it, without its message (which quotes the name).
    assert CheckRecord.from_dict(first) == replace(said, message="")
    assert "Secret" in said.message
    assert first["trainee"] == "asha-rao" and first["name"] == "asha-rao"
    assert second["status"] == "not_yet" and second["hint"] == HINT
    assert "answer" not in first


def test_answers_only_when_the_facilitator_turns_them_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POSTLAB_ROOM_FILE", str(tmp_path / "mine.jsonl"))
    monkeypatch.setenv("POSTLAB_ROOM_ANSWERS", "1")
    Exercise(L0, folder=tmp_path / "desk").check("first-post", "x" * 10_000)
    line = json.loads((tmp_path / "mine.jsonl").read_text(encoding="utf-8"))
    assert line["answer"].startswith('"xxx') and len(line["answer"]) < 4_100
    assert line["message"]  # with answers on, the message (which may quote one) is kept too


def test_publish_is_quiet_without_a_room_and_never_raises(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = CheckRecord(L0, "your-name", Status.PASSED, at="now")
    assert publish(record) is False  # no room: nothing written anywhere
    assert list(tmp_path.rglob("*.jsonl")) == []
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("POSTLAB_ROOM_FILE", str(blocker / "inside.jsonl"))
    assert publish(record) is False  # cannot write: False, no exception
    assert publish("not a record") is False
    ex = Exercise(L0, folder=tmp_path / "desk")
    assert ex.check("your-name", "Asha").passed  # the check still works and is recorded
    assert ex.workbook.latest("your-name") is not None


def test_a_graded_kernel_publishes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POSTLAB_ROOM_FILE", str(tmp_path / "mine.jsonl"))
    monkeypatch.setenv("POSTLAB_GRADING", "1")
    Exercise(L0, folder=tmp_path / "desk").check("your-name", "Asha")
    assert not (tmp_path / "mine.jsonl").exists()


def test_handin_is_published_to_the_same_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from postlab.handin import Trainee, hand_in

    monkeypatch.setenv("POSTLAB_ROOM_DIR", str(tmp_path / "room"))
    monkeypatch.setenv("JUPYTERHUB_USER", "ravi-k")
    notebook = tmp_path / "desk" / f"{L0}.ipynb"
    notebook.parent.mkdir()
    notebook.write_text("{}", encoding="utf-8")
    done = hand_in(notebook, trainee=Trainee("Ravi K", "abcdef12"), root=tmp_path / "handin")
    frame = Room(tmp_path / "room").refresh()
    (row,) = frame.rows
    assert row.key == "ravi-k" and row.name == "Ravi K"
    assert row.handed_in == {L0: done.at}
    assert frame.handed_in == (row,) and not row.started
    assert publish_handin(object()) is False  # a wrong argument is never an exception


# --- reading -------------------------------------------------------------------------------


def test_grid_counts_stuck_hints_not_started_and_handed_in(tmp_path: Path) -> None:
    room = tmp_path / "room"
    _write(
        room,
        "asha",
        _line("your-name", "passed", name="Asha"),
        _line("rumour-lesson", "not_yet", hint=HINT),
    )
    _write(
        room,
        "ravi",
        _line("your-name", "passed", name="Ravi"),
        _line("rumour-lesson", "not_yet", hint=HINT),
        _line("rumour-lesson", "not_yet", hint=HINT),
    )
    _write(
        room, "mira", _line("your-name", "passed", name="Mira"), _line("rumour-lesson", "passed")
    )
    _write(room, "zoe")  # logged in (the hub made the file), nothing checked yet
    handin = {"event": "handin", "lesson": L0, "at": "2026-03-01T11:00:00+00:00", "name": "Mira"}
    _write(room, "mira", json.dumps(handin) + "\n")
    frame = Room(room, lesson=L0).refresh()
    assert [c.question for c in frame.columns] == Q0
    grid, asha = _row(frame, "asha")
    assert [s.value for s in grid.values()] == ["passed", "not_yet", "unanswered", "unanswered"]
    assert asha.on == 1  # working on the question that is not yet passed
    _, mira = _row(frame, "mira")
    assert mira.on == 2  # passed it: on to the next
    summary = {s.column.question: s for s in frame.summaries}
    assert (summary["rumour-lesson"].passed, summary["rumour-lesson"].not_yet) == (1, 2)
    assert summary["rumour-lesson"].on_now == 2 and summary["first-post"].on_now == 1
    assert frame.stuck[0].column.question == "rumour-lesson"
    assert frame.stuck[0].hints == ((HINT, 3),)
    assert [r.key for r in frame.not_started] == ["zoe"]
    assert [r.name for r in frame.handed_in] == ["Mira"]
    page = render_text(frame)
    assert "Stuck" in page and HINT in page and "Not started (1): zoe" in page
    assert "Handed in (1): Mira" in page


def test_a_later_unanswered_run_never_hides_an_answer(tmp_path: Path) -> None:
    room = tmp_path / "room"
    _write(room, "asha", _line("your-name", "passed"), _line("your-name", "unanswered"))
    grid, _ = _row(Room(room).refresh(), "asha")
    assert next(iter(grid.values())) is Status.PASSED


def test_broken_and_half_written_lines(tmp_path: Path) -> None:
    room = tmp_path / "room"
    good = _line("your-name", "passed")
    path = _write(room, "asha", good, '{"event": "check", "lesson": "00-wel\n', "[1, 2]\n", "\n")
    _write(room, "asha", _line("rumour-lesson", "bogus-status"), _line("nope", "passed"))
    odd = json.loads(_line("rumour-lesson", "passed"))
    odd["status"], odd["question"] = ["passed"], {"a": 1}  # unhashable: must not crash
    _write(room, "asha", json.dumps(odd) + "\n")
    half = _line("rumour-lesson", "not_yet")
    _write(room, "asha", half[:25])  # the writer is mid-line
    reader = Room(room)
    frame = reader.refresh()
    grid, _ = _row(frame, "asha")
    assert [s.value for s in list(grid.values())[:2]] == ["passed", "unanswered"]
    assert frame.skipped_lines == 5  # broken, a list, odd status, odd question, unhashable ones
    assert "5 lines in the room files could not be read" in render_text(frame)
    with path.open("a", encoding="utf-8") as out:
        out.write(half[25:])  # the rest of the line arrives
    grid, _ = _row(reader.refresh(), "asha")
    assert list(grid.values())[1] is Status.NOT_YET


def test_refresh_reads_only_what_is_new(tmp_path: Path) -> None:
    room = tmp_path / "room"
    path = _write(room, "asha", _line("your-name", "passed"))
    reader = Room(room)
    reader.refresh()
    # Blank the first line in place (same size): a reader that read everything again would
    # lose the answer; an incremental one never looks back.
    size = path.stat().st_size
    with path.open("r+b") as out:
        out.write(b" " * (size - 1))
    _write(room, "asha", _line("rumour-lesson", "not_yet"))
    grid, _ = _row(reader.refresh(), "asha")
    assert [s.value for s in list(grid.values())[:2]] == ["passed", "not_yet"]
    assert reader._sources["asha"].offset == path.stat().st_size


def test_a_file_cut_short_or_replaced_is_read_again(tmp_path: Path) -> None:
    room = tmp_path / "room"
    _write(room, "asha", _line("your-name", "passed"), _line("rumour-lesson", "passed"))
    reader = Room(room)
    reader.refresh()
    _write(room, "asha", _line("rumour-lesson", "not_yet"), mode="w")  # a new, shorter file
    grid, _ = _row(reader.refresh(), "asha")
    assert [s.value for s in list(grid.values())[:2]] == ["unanswered", "not_yet"]
    replacement = room / "new.tmp"
    replacement.write_text(_line("your-name", "passed") * 3, encoding="utf-8")
    os.replace(replacement, room / "asha.jsonl")  # same size or longer, another inode
    grid, _ = _row(reader.refresh(), "asha")
    assert [s.value for s in list(grid.values())[:2]] == ["passed", "unanswered"]


def test_a_huge_file_is_read_in_slices_and_each_refresh_stays_quick(tmp_path: Path) -> None:
    room = tmp_path / "room"
    line = _line("rumour-lesson", "not_yet", hint=HINT)
    big = _write(room, "loop", line * (30 * 1024 * 1024 // len(line)))  # ~30 MiB of checks
    _write(room, "endless", "x" * (3 * 1024 * 1024))  # one "line" of 3 MiB, never ended
    _write(room, "endless", "\n" + _line("your-name", "passed"))
    _write(room, "asha", _line("your-name", "passed"))
    reader = Room(room)
    slowest, frames = 0.0, []
    for _ in range(40):
        started = time.perf_counter()
        frames.append(reader.refresh())
        slowest = max(slowest, time.perf_counter() - started)
        if not frames[-1].behind:
            break
    assert frames[0].behind and not frames[-1].behind
    assert reader._sources["loop"].offset == big.stat().st_size
    assert slowest < 2.0  # bounded per refresh (a whole-file read takes several times that)
    grid, _ = _row(frames[-1], "endless")
    assert next(iter(grid.values())) is Status.PASSED  # the line after the endless one counts
    assert frames[-1].skipped_lines == 1
    (summary,) = [s for s in frames[-1].summaries if s.column.question == "rumour-lesson"]
    assert summary.hints[0][0] == HINT


def test_names_in_devanagari_and_names_with_escapes(tmp_path: Path) -> None:
    room = tmp_path / "room"
    _write(room, "priya", _line("your-name", "passed", name="प्रिया शर्मा"))
    _write(
        room,
        "evil",
        _line("your-name", "not_yet", name="Ev\x1b[2Jil <b>x</b>", hint="\x1b]0;pwn\x07h"),
    )
    frame = Room(room).refresh()
    names = {r.key: r.name for r in frame.rows}
    assert names["priya"] == "प्रिया शर्मा"
    assert "\x1b" not in render_text(frame) and "\x07" not in render_text(frame)
    page = render_html(frame, projector=False)
    assert "&lt;b&gt;x&lt;/b&gt;" in page and "<b>x</b>" not in page
    (line,) = [x for x in render_text(frame).splitlines() if x.startswith("प्रिया")]
    (other,) = [x for x in render_text(frame).splitlines() if x.startswith("Ev")]
    from postlab.room.view import _width

    assert _width(line[: line.index("✓")]) == _width(other[: other.index("~")])  # aligned
    hidden = render_text(frame, projector=True) + render_html(frame, projector=True)
    assert "प्रिया" not in hidden and "Ev" not in hidden and "Trainee 1" in hidden


def test_a_line_cannot_speak_for_another_trainee(tmp_path: Path) -> None:
    room = tmp_path / "room"
    forged = json.loads(_line("your-name", "passed", name="Ravi"))
    forged["trainee"] = "ravi"
    _write(room, "asha", json.dumps(forged) + "\n")
    _write(room, "ravi")
    frame = Room(room).refresh()
    grid, _ = _row(frame, "ravi")
    assert set(grid.values()) == {Status.UNANSWERED}  # Ravi's own file says nothing


def test_a_missing_room_is_a_sentence(tmp_path: Path) -> None:
    frame = Room(tmp_path / "nowhere").refresh()
    assert "cannot read the room folder" in frame.problem
    assert "cannot read" in render_text(frame)


# --- the command and the widget -----------------------------------------------------------


def test_room_watch_once_and_projector(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    room = tmp_path / "room"
    _write(room, "asha", _line("your-name", "passed", name="Asha Rao"))
    assert main(["room", "watch", str(room), "--once"]) == ExitCode.OK
    page = capsys.readouterr().out
    assert "Asha Rao" in page and "1 trainees, 1 started" in page
    assert main(["room", "watch", str(room), "--once", "--projector", "--lesson", L0]) == 0
    page = capsys.readouterr().out
    assert "Asha" not in page and "Trainee 1" in page and "lesson 00-welcome" in page
    assert main(["room", "watch", str(room), "--interval", "9"]) == ExitCode.USAGE
    assert main(["room", "watch", str(tmp_path / "none"), "--once"]) == ExitCode.USAGE
    assert main(["room", "watch", str(room), "--lesson", "99-x"]) == ExitCode.USAGE
    assert "no room folder" not in capsys.readouterr().out


def test_watch_refreshes_and_sees_new_lines(tmp_path: Path) -> None:
    room = tmp_path / "room"
    _write(room, "asha", _line("your-name", "passed"))
    out = io.StringIO()
    assert watch(room, interval=0.5, frames=2, out=out) == 2
    assert out.getvalue().count("PostLab room") == 2 and "refreshed in" in out.getvalue()


def test_widget_is_a_view_of_the_same_frame(tmp_path: Path) -> None:
    from postlab.widgets.room_watch import RoomWatch

    room = tmp_path / "room"
    _write(room, "asha", _line("your-name", "passed", name="Asha <Rao>"))
    view = RoomWatch(str(room))
    assert view._live.value is False  # no running event loop here: refresh by hand
    assert "Trainee 1" in view._view.value and "Asha" not in view._view.value
    view._hide.value = False
    assert "Asha &lt;Rao&gt;" in view._view.value
    _write(room, "ravi", _line("your-name", "not_yet", name="Ravi"))
    frame = view.refresh()
    assert frame is not None and len(frame.rows) == 2
    assert render_html(frame, projector=False) == view._view.value
    view._lesson.value = L0
    assert view.frame.lesson == L0
    view.close()
    assert "No room folder" in RoomWatch("", live=False)._view.value

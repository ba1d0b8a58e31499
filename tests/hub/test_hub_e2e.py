"""A whole room on a real JupyterHub, on 127.0.0.1: log in, own copies, exercise 00, hand in, grade.

Real JupyterHub (``deploy/jupyterhub/jupyterhub_config.py``), real configurable-http-proxy
from npm, real single-user servers (``one-account`` mode: one OS account, one home per
trainee under a scratch folder). The test drives them as a browser would: the hub's login
form, the hub's REST API for the server, the Jupyter server's REST and websocket API for
the notebook. It skips only when configurable-http-proxy is not installed.

The bad-input tests at the end (names, duplicates, a full disk) need no hub: they drive the
hand-in code the hub's trainees use, against a hand-in folder like the hub's.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from postlab.exercises.record import CheckRecord
from postlab.room import Room
from tests.hub.conftest import EXERCISE, LESSON, ROOT, loopback, postlab_hub
from tests.hub.conftest import answers as _answers
from tests.hub.conftest import login as _login

pytestmark = pytest.mark.slow


def _submit_code(name: str) -> str:
    """What the trainee's kernel runs to hand in: ``postlab submit``, as in a terminal."""
    return (
        "import subprocess, sys\n"
        "done = subprocess.run([sys.executable, '-m', 'postlab.cli', 'submit', "
        f"'00-welcome.ipynb', '--name', {name!r}], capture_output=True, text=True)\n"
        "print('exit', done.returncode); print(done.stdout); print(done.stderr)"
    )


_ROOM_ENV = (
    "import json, os\n"
    "print(json.dumps({'dir': os.environ.get('POSTLAB_ROOM_DIR'), "
    "'file': os.environ.get('POSTLAB_ROOM_FILE')}))"
)


def test_names_that_could_escape_a_home_cannot_log_in(hub: object) -> None:
    for bad in ("../etc", ".hidden", "a/b", ".."):
        with pytest.raises(PermissionError):
            _login(hub, bad)
    with pytest.raises(PermissionError):
        _login(hub, "Asha Rao", "wrong-password")
    with pytest.raises(PermissionError):  # the facilitator's name needs the facilitator password
        _login(hub, hub.facilitator)
    homes = list(hub.homes.iterdir()) if hub.homes.exists() else []
    assert not any(p.name.startswith(".") or p.name in {"etc", "b"} for p in homes)
    assert not (hub.scratch / "etc").exists()


def test_room_flow(hub: object) -> None:
    """Three trainees: own copies, exercise 00, hand in; the facilitator grades three rows."""
    typed = ["Asha Rao", "Priyā Singh", "ravi  k"]
    trainees = [_login(hub, name) for name in typed]
    assert [t.user for t in trainees] == ["asha-rao", "priyā-singh", "ravi-k"]
    boss = _login(hub, hub.facilitator, hub.facilitator_password)
    assert boss.user == hub.facilitator
    for person in [*trainees, boss]:  # everyone arrives at once, as at 9:00
        person.request_server()
    for person in [*trainees, boss]:
        person.wait_server()

    # Each home holds its own copy of the lessons and exercises; JupyterLab opens lesson 00.
    for trainee in trainees:
        home = hub.home(trainee.user)
        assert (home / EXERCISE).read_bytes() == (ROOT / EXERCISE).read_bytes()
        assert (home / LESSON).read_bytes() == (ROOT / LESSON).read_bytes()
        landing = trainee.api("GET", "", allow_redirects=False)
        assert landing.headers["Location"].split("?")[0].endswith(f"/lab/tree/{LESSON}")
        news = trainee.api(
            "GET", "lab/api/settings/@jupyterlab/apputils-extension:notification"
        ).json()
        # overrides.json sets the defaults: upstream asks ("none") and checks for updates
        props = news["schema"]["properties"]
        assert props["fetchNews"]["default"] == "false"
        assert props["checkForUpdates"]["default"] is False

    # Each runs exercise 00 with their own answers, through their own kernel, saves, and
    # hands in from that kernel with `postlab submit` (as from a terminal in their home).
    handed: list[str] = []
    for number, (trainee, name) in enumerate(zip(trainees, typed, strict=True)):
        runs = trainee.run_notebook(
            EXERCISE,
            edits=_answers(f"Trainee{number}"),
            extra=(_submit_code(name), _ROOM_ENV),
        )
        env = json.loads(runs.pop().text)
        handed.append(runs.pop().text)
        # A trainee is told their own progress file, never the room folder.
        assert env == {"dir": None, "file": str(hub.room / f"{trainee.user}.jsonl")}
        assert [r.status for r in runs] == ["ok"] * len(runs)
        checks = [r.text for r in runs if "your-name" in r.text or "rumour-lesson" in r.text]
        assert checks and all("✅" in text for text in checks), checks
        saved = json.loads((hub.home(trainee.user) / EXERCISE).read_text(encoding="utf-8"))
        assert any(f'"Trainee{number}"' in "".join(c["source"]) for c in saved["cells"])
    # The kit itself is untouched by the trainees' edits.
    assert "Trainee0" not in (ROOT / EXERCISE).read_text(encoding="utf-8")

    assert all("exit 0" in text for text in handed), handed
    # One folder per trainee in the shared hand-in folder, each holding that trainee's work.
    folders = [p for p in hub.handin.iterdir() if p.is_dir()]
    assert len(folders) == 3
    for folder in folders:
        owner = json.loads((folder / "trainee.json").read_text(encoding="utf-8"))["name"]
        number = [" ".join(n.split()) for n in typed].index(owner)
        (copy,) = folder.glob("00-welcome-*/00-welcome.ipynb")
        sources = ["".join(c["source"]) for c in json.loads(copy.read_text("utf-8"))["cells"]]
        assert f'my_name = "Trainee{number}"' in sources
        assert all(f'"Trainee{other}"' not in "".join(sources) for other in {0, 1, 2} - {number})

    # The facilitator (admin, logged in above) grades the room from their own server.
    with boss.kernel(LESSON) as kernel:
        out = kernel.execute(
            "import os, subprocess, sys\n"
            "done = subprocess.run([sys.executable, '-m', 'postlab.cli', 'grade', "
            "os.environ['POSTLAB_HANDIN_DIR'], '--out', os.path.expanduser('~/grades')], "
            "capture_output=True, text=True)\n"
            "print('exit', done.returncode, os.environ.get('POSTLAB_ROLE'))\n"
            "print(done.stdout[-2000:]); print(done.stderr[-2000:])",
            timeout=240,
        )
    assert "exit 0 facilitator" in out.text, out.text
    grades = boss.api("GET", "api/contents/grades/grades.csv?content=1&format=text&type=file")
    assert grades.status_code == 200, grades.text
    rows = list(csv.DictReader(io.StringIO(grades.json()["content"])))
    assert len(rows) == 3, rows

    # The live room saw every check and hand-in as it happened, and says what the grade says.
    _room_agrees_with_the_grades(hub, boss, trainees, typed)

    # A second login of the same trainee keeps their edited notebook.
    trainees[0].stop_server()
    again = _login(hub, "ASHA RAO")
    assert again.user == "asha-rao"
    again.start_server()
    cells = again.get_notebook(EXERCISE)["cells"]
    assert any('my_name = "Trainee0"' in "".join(c["source"]) for c in cells)


def _room_agrees_with_the_grades(
    hub: object, boss: object, trainees: list[object], typed: list[str]
) -> None:
    """The room files (read as the facilitator's watcher reads them) against ``postlab grade``."""
    for number, trainee in enumerate(trainees):
        text = (hub.room / f"{trainee.user}.jsonl").read_text(encoding="utf-8")
        assert f"Trainee{number}" not in text  # never an answer (nor a message quoting one)
        assert '"event":"handin"' in text
    with boss.kernel(LESSON) as kernel:  # the facilitator's own server has the whole room
        out = kernel.execute(
            "import subprocess, sys\n"
            "done = subprocess.run([sys.executable, '-m', 'postlab.cli', 'room', 'watch', "
            "'--once', '--lesson', '00-welcome'], capture_output=True, text=True)\n"
            "print('exit', done.returncode); print(done.stdout); print(done.stderr)",
            timeout=120,
        )
    assert "exit 0" in out.text and "3 trainees, 3 started, 3 handed in" in out.text, out.text
    frame = Room(hub.room, lesson="00-welcome").refresh()
    assert frame.skipped_lines == 0 and not frame.not_started
    live = {row.name: row.records() for row in frame.rows}
    state = hub.home(boss.user) / "grades" / ".state" / "00-welcome"
    graded = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(state.glob("*.json"))]
    assert sorted(g["trainee"] for g in graded) == sorted(" ".join(n.split()) for n in typed)
    for result in graded:
        records = {
            (r.lesson, r.question): r for r in map(CheckRecord.from_dict, result["questions"])
        }
        seen = live[result["trainee"]]
        assert seen.keys() == records.keys(), (seen.keys(), records.keys())
        for where, record in records.items():
            assert (seen[where].status, seen[where].hint) == (record.status, record.hint), where


# --- bad input through the hand-in code, on a folder laid out as on the hub --------------------


def _notebook(folder: Path, text: str) -> Path:
    path = folder / "00-welcome.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"cells": [], "text": text}), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "names",
    [
        ["Asha Rao", "Asha Rao"],  # the same name twice
        ["../../etc", "..", "/", "a/../../b"],  # escapes
        ["Priyā Singh", "प्रिया सिंह", "Ravi\u00a0K", "  spaced   out  "],  # Unicode, spaces
        ["x" * 80, "x" * 80 + ""],  # long and identical
    ],
)
def test_handin_names_never_collide_or_escape(tmp_path: Path, names: list[str]) -> None:
    from postlab.handin import hand_in, remember_trainee

    room = tmp_path / "room" / "handin"
    made = []
    for number, name in enumerate(names):
        home = tmp_path / f"home{number}"
        trainee = remember_trainee(name, folder=home)
        made.append(hand_in(_notebook(home, f"work of {number}"), trainee=trainee, root=room))
    folders = [done.folder.resolve() for done in made]
    assert len({f.parent for f in folders}) == len(names)  # one trainee folder each
    for number, folder in enumerate(folders):
        assert folder.is_relative_to(room.resolve())
        assert f"work of {number}" in (folder / "00-welcome.ipynb").read_text(encoding="utf-8")
    assert sorted(p.name for p in (tmp_path / "room").iterdir()) == ["handin"]


@contextlib.contextmanager
def _tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 64 KiB tmpfs (needs root); skip when it cannot be mounted."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip("cannot mount a tiny tmpfs here (needs root): see the monkeypatched test")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_full_disk_during_handin_shows_an_error_and_keeps_the_notebook(tmp_path: Path) -> None:
    from postlab.handin import remember_trainee
    from postlab.widgets.handin import HandInButton

    home = tmp_path / "home"
    notebook = _notebook(home, "x" * 200_000)  # bigger than the whole disk
    before = notebook.read_bytes()
    remember_trainee("Asha Rao", folder=home)
    with _tiny_disk(tmp_path) as disk:
        old = os.environ.get("POSTLAB_WORKBOOK_DIR")
        os.environ["POSTLAB_WORKBOOK_DIR"] = str(home)
        try:
            button = HandInButton("00-welcome", notebook=notebook, root=disk / "handin")
            button.click()
        finally:
            if old is None:
                os.environ.pop("POSTLAB_WORKBOOK_DIR", None)
            else:
                os.environ["POSTLAB_WORKBOOK_DIR"] = old
        message = button._message.value
        leftovers = [p.name for p in (disk / "handin").rglob("*") if p.name.startswith(".handin")]
    assert "Not handed in" in message
    assert button.last is None
    assert notebook.read_bytes() == before
    assert leftovers == []


def test_full_disk_without_mount(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno
    import shutil

    from postlab import handin

    home = tmp_path / "home"
    notebook = _notebook(home, "my work")
    before = notebook.read_bytes()
    trainee = handin.remember_trainee("Asha Rao", folder=home)

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(shutil, "copyfile", full)
    with pytest.raises(OSError, match="No space left"):
        handin.hand_in(notebook, trainee=trainee, root=tmp_path / "handin")
    assert notebook.read_bytes() == before
    assert not any(p.name.startswith(".handin") for p in (tmp_path / "handin").rglob("*"))


def test_seed_home_never_replaces_work(tmp_path: Path) -> None:
    kit, home = tmp_path / "kit", tmp_path / "home"
    skipped = ("exercises/.ipynb_checkpoints/x.ipynb", "exercises/a.workbook.json")
    for rel in (EXERCISE, LESSON, *skipped):
        (kit / rel).parent.mkdir(parents=True, exist_ok=True)
        (kit / rel).write_text(f"kit {rel}", encoding="utf-8")
    first = postlab_hub.seed_home(kit=kit, home=home)
    assert first.copied == (LESSON, EXERCISE)  # notebooks/ first, then exercises/
    (home / EXERCISE).write_text("my edits", encoding="utf-8")
    (home / LESSON).unlink()
    second = postlab_hub.seed_home(kit=kit, home=home)
    assert second.copied == (LESSON,)
    assert second.kept == (EXERCISE,)
    assert (home / EXERCISE).read_text(encoding="utf-8") == "my edits"
    assert not list(home.rglob(".*.seed"))


def test_seed_home_refuses_a_wrong_kit(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="POSTLAB_KIT"):
        postlab_hub.seed_home(kit=tmp_path / "nothing", home=tmp_path / "home")


@pytest.mark.parametrize(
    ("typed", "user"),
    [
        ("Asha Rao", "asha-rao"),
        ("  ASHA   rao ", "asha-rao"),
        ("Priyā", "priyā"),
        ("ｒａｖｉ", "ravi"),  # full-width letters, as some keyboards type them
    ],
)
def test_usernames_are_tidied(typed: str, user: str) -> None:
    auth = postlab_hub.workshop_authenticator()()
    assert auth.normalize_username(typed) == user
    assert auth.validate_username(user)


@pytest.mark.parametrize("bad", ["..", "../etc", "a/b", ".hidden", "a..b", "-x", ""])
def test_usernames_that_could_escape_are_refused(bad: str) -> None:
    auth = postlab_hub.workshop_authenticator()()
    assert not auth.validate_username(auth.normalize_username(bad))


def test_websocket_frames_in_text_and_binary_form_are_read() -> None:
    """The driver reads kernel messages sent as text or, with buffers, as binary frames."""
    message = {"msg_type": "comm_msg", "content": {"data": {}}, "parent_header": {}}
    body = json.dumps(message).encode()
    buffer = b"\x00\x01\x02"
    head = 4 * 3  # count + two offsets
    frame = (2).to_bytes(4, "big") + head.to_bytes(4, "big") + (head + len(body)).to_bytes(4, "big")
    assert loopback._decode_frame(frame + body + buffer) == message
    assert loopback._decode_frame(json.dumps(message)) == message

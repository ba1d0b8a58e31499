"""Hostile hand-ins graded with the real grader under the sandbox: each attack earns nothing and
changes nothing outside its scratch folder, and a good hand-in in the same room passes everything.

Where bubblewrap cannot run here, the room tests skip and say why, unless
``POSTLAB_REQUIRE_REAL=1`` (CI), where they fail: a skip would hide an unisolated grader.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import socket
import subprocess
import sys
import sysconfig
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import nbformat
import pytest

from postlab.errors import PostLabValueError
from postlab.grading import Limits, isolation
from postlab.grading.run import GradeRun
from tests.grading.conftest import (
    GOOD_ANSWERS,
    LESSON,
    LIMITS,
    SOLUTIONS,
    Trainee,
    exercise,
    hand_in,
    workbook,
)

pytestmark = pytest.mark.slow

MARK = f"postlab-attack-{uuid.uuid4().hex[:12]}"  # in every file and process an attack makes
HOME = Path.home()  # the grading user's real home, as an attacker would name it
SITE = {Path(sysconfig.get_paths()["purelib"]), *Path(sys.base_prefix).glob("lib/python3*/site-*")}
PTH = [folder / f"{MARK}.pth" for folder in SITE]
STARTUP = HOME / ".ipython" / "profile_default" / "startup" / f"00-{MARK}.py"
PAYLOAD = f"import os; os.environ['POSTLAB_PWNED'] = '{MARK}'\n"


def _require_sandbox() -> None:
    check = isolation.check_sandbox()
    if check.isolated:
        return
    if os.environ.get("POSTLAB_REQUIRE_REAL"):
        pytest.fail(f"POSTLAB_REQUIRE_REAL is set, but: {check.sentence}")
    pytest.skip(check.sentence)


def _steal_cell(path: Path) -> str:
    """A cell defining ``_steal(name)``: the value ``path`` (a notebook) gives ``name``."""
    return (
        "import ast, json\n"
        "def _steal(name):\n"
        f"    nb = json.load(open({str(path)!r}, encoding='utf-8'))\n"
        "    for cell in nb['cells']:\n"
        "        src = ''.join(cell['source'])\n"
        "        for line in src.splitlines():\n"
        "            if line.startswith(name + ' = ') and '...' not in line:\n"
        "                return ast.literal_eval(line.split(' = ', 1)[1])\n"
        "    raise LookupError(name)\n"
    )


def _writes_cell(targets: dict[Path, str]) -> str:
    pairs = {str(p): text for p, text in targets.items()}
    return (
        "import os\n"
        f"for path, text in {pairs!r}.items():\n"
        "    try:\n"
        "        os.makedirs(os.path.dirname(path), exist_ok=True)\n"
        "        with open(path, 'w') as f:\n"
        "            f.write(text)\n"
        "    except OSError as exc:\n"
        "        print('blocked:', path, exc)\n"
    )


def _sentinel_cell(sentinel: Path, other: Path) -> str:
    return (
        "import os, shutil\n"
        f"for act in (lambda: open({str(sentinel)!r}, 'w').write('changed'),\n"
        f"            lambda: os.remove({str(sentinel)!r}),\n"
        f"            lambda: open(os.path.join({str(other)!r}, 'planted.txt'), 'w').write('x'),\n"
        f"            lambda: shutil.rmtree({str(other)!r})):\n"
        "    try:\n"
        "        act()\n"
        "    except OSError as exc:\n"
        "        print('blocked:', exc)\n"
    )


# ctypes calls fork/execv in libc directly, so no Python audit hook sees them: a double fork
# and setsid, as a daemon does, then a shell that would sleep for two minutes.
_PROCESS_CELL = f"""
import ctypes
libc = ctypes.CDLL(None, use_errno=True)
if libc.fork() == 0:
    libc.setsid()
    if libc.fork() == 0:
        argv = (ctypes.c_char_p * 4)(b"/bin/sh", b"-c", b"sleep 120; : {MARK}", None)
        libc.execv(b"/bin/sh", argv)
    libc._exit(0)
import time
time.sleep(0.5)
"""


def _connect_cell(port: int) -> str:
    return (
        "import socket\n"
        "try:\n"
        f"    s = socket.create_connection(('127.0.0.1', {port}), timeout=3)\n"
        f"    s.sendall(b'{MARK}')\n"
        "    s.close()\n"
        "    print('connected')\n"
        "except OSError as exc:\n"
        "    print('blocked:', exc)\n"
    )


def _snapshot(*folders: Path) -> dict[str, str]:
    """Every file under ``folders`` with a hash of its bytes."""
    seen = {}
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                seen[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return seen


def _marked_processes() -> list[str]:
    found = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit() and proc.name != str(os.getpid()):
            try:
                if MARK.encode() in (proc / "cmdline").read_bytes():
                    found.append(proc.name)
            except OSError:
                continue
    return found


@dataclass(frozen=True)
class Attacked:
    run: GradeRun
    before: dict[str, str]
    after: dict[str, str]
    sentinel: Path
    server: socket.socket

    def result(self, case: str):
        return {r.trainee: r for r in self.run.results}[case]


def _add(room: Path, name: str, nb: nbformat.NotebookNode, n: int, book: str | None) -> Path:
    desk = room.parent / "desks" / name
    desk.mkdir(parents=True)
    nbformat.write(nb, desk / f"{LESSON}.ipynb")
    if book is not None:
        (desk / f"{LESSON}.workbook.json").write_text(book, encoding="utf-8")
    done = hand_in(
        desk / f"{LESSON}.ipynb",
        trainee=Trainee(name, f"{n:06x}bb"),
        workbook=desk / f"{LESSON}.workbook.json" if book is not None else None,
        root=room,
        now=datetime(2025, 3, 1, 11, 0, n, tzinfo=UTC),
    )
    return done.folder / f"{LESSON}.ipynb"


def _with_cell(code: str, **answers: str) -> nbformat.NotebookNode:
    nb = exercise(**answers)
    nb.cells.insert(2, nbformat.v4.new_code_cell(code))
    nb.cells[2]["id"] = "attack"
    return nb


@pytest.fixture(scope="module")
def attacked(tmp_path_factory: pytest.TempPathFactory):
    """A room of attacks and one good hand-in, graded once under the sandbox."""
    _require_sandbox()
    from postlab.grading import grade

    base = tmp_path_factory.mktemp("attacks")
    room = base / "submissions"
    room.mkdir()
    sentinel = base / "sentinel.txt"
    sentinel.write_text("the facilitator's file\n", encoding="utf-8")
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]
    good = _add(room, "good", exercise(**GOOD_ANSWERS), 1, workbook())
    steal = {name: f"_steal({name!r})" for name in GOOD_ANSWERS}
    solution = SOLUTIONS / f"{LESSON}.ipynb"
    cases = {
        "reads-solutions": _with_cell(_steal_cell(solution.resolve()), **steal),
        "reads-other-trainee": _with_cell(_steal_cell(good), **steal),
        "writes-startup-files": _with_cell(
            _writes_cell({**dict.fromkeys(PTH, PAYLOAD), STARTUP: PAYLOAD})
        ),
        "touches-room-files": _with_cell(_sentinel_cell(sentinel, good.parent)),
        "leaves-a-process": _with_cell(_PROCESS_CELL),
        "connects-to-localhost": _with_cell(_connect_cell(port)),
    }
    for n, (case, nb) in enumerate(cases.items(), start=2):
        _add(room, case, nb, n, None)
    before = _snapshot(base)
    out = tmp_path_factory.mktemp("attacks-report") / "report"
    try:
        run = grade(room, out=out, solutions=SOLUTIONS, jobs=2, limits=LIMITS, progress=None)
        deadline = time.monotonic() + 5  # a process killed with its namespace ends at once
        while _marked_processes() and time.monotonic() < deadline:
            time.sleep(0.1)
        yield Attacked(run, before, _snapshot(base), sentinel, server)
    finally:
        server.close()
        for path in [*PTH, STARTUP]:  # should not exist; if an attack worked, undo it
            path.unlink(missing_ok=True)
        for pid in _marked_processes():
            try:
                os.kill(int(pid), 9)
            except OSError:
                pass


def test_the_sandbox_runs_here() -> None:
    _require_sandbox()
    assert isolation.describe().startswith("Hand-ins are isolated with bubblewrap")


def test_good_hand_in_in_the_same_room_passes_everything(attacked: Attacked) -> None:
    good = attacked.result("good")
    assert good.status == "graded"
    assert good.passed == len(good.questions) == 4
    assert attacked.run.sandbox is not None and attacked.run.sandbox.isolated
    assert "NOT isolated" not in attacked.run.summary()


@pytest.mark.parametrize("case", ["reads-solutions", "reads-other-trainee"])
def test_reading_answers_by_absolute_path_earns_nothing(attacked: Attacked, case: str) -> None:
    r = attacked.result(case)
    assert r.passed == 0, [(q.question, q.status) for q in r.questions]
    assert any("FileNotFoundError" in e for e in r.errors), r.errors


def test_startup_files_are_not_written_and_later_kernels_are_clean(attacked: Attacked) -> None:
    assert attacked.result("writes-startup-files").passed == 0
    assert [p for p in [*PTH, STARTUP] if p.exists()] == []
    # A later Python (any .pth runs in it) and a later IPython of the grading user are clean.
    code = "import os; print(os.environ.get('POSTLAB_PWNED', 'clean'))"
    plain = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert plain.stdout.strip() == "clean"
    ipython = subprocess.run(
        [sys.executable, "-m", "IPython", "--quick", "--no-banner", "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "HOME": str(HOME)},
        timeout=60,
    )
    assert ipython.stdout.strip().splitlines()[-1:] == ["clean"], ipython.stdout


def test_files_beside_and_in_the_room_are_unchanged(attacked: Attacked) -> None:
    assert attacked.result("touches-room-files").passed == 0
    assert attacked.sentinel.read_text(encoding="utf-8") == "the facilitator's file\n"
    assert attacked.after == attacked.before, "nothing outside the scratch folders changes"


def test_a_process_started_through_ctypes_ends_with_grading(attacked: Attacked) -> None:
    r = attacked.result("leaves-a-process")
    assert r.passed == 0
    assert _marked_processes() == []


def test_no_connection_reaches_a_server_on_127_0_0_1(attacked: Attacked) -> None:
    assert attacked.result("connects-to-localhost").passed == 0
    attacked.server.settimeout(0.5)
    with pytest.raises(TimeoutError):
        attacked.server.accept()


def test_check_sandbox_prints_the_mode_and_exits_0(
    capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    from postlab.cli import main
    from postlab.exitcodes import ExitCode

    assert main(["grade", "--check-sandbox"]) == ExitCode.OK
    assert capsys.readouterr().out.strip() == isolation.describe()
    off = isolation.SandboxCheck(False, "bubblewrap is not installed")
    monkeypatch.setattr(isolation, "check_sandbox", lambda: off)
    assert main(["grade", "--check-sandbox"]) == ExitCode.OK
    said = capsys.readouterr().out
    assert said.startswith("Hand-ins are NOT isolated: bubblewrap is not installed; limits only")


def test_reports_say_in_words_when_hand_ins_were_not_isolated(tmp_path: Path) -> None:
    from postlab.grading.report import write_reports

    off = isolation.SandboxCheck(False, "user namespaces are turned off")
    run = GradeRun(LESSON, (), tmp_path, 0, 1.0, sandbox=off)
    assert run.summary() == f"0 graded. {off.sentence}"
    solution = nbformat.read(SOLUTIONS / f"{LESSON}.ipynb", as_version=4)
    write_reports((), out=tmp_path, lesson=LESSON, solution=solution, sandbox=off)
    assert "NOT isolated: user namespaces are turned off" in (tmp_path / "report.html").read_text()
    header = (tmp_path / "grades.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.endswith(",isolation")
    on = GradeRun(LESSON, (), tmp_path, 0, 1.0, sandbox=isolation.SandboxCheck(True))
    assert on.summary() == "0 graded."


@pytest.mark.parametrize(
    "field", ["cell_timeout", "notebook_timeout", "cpu_seconds", "memory_mb", "file_mb"]
)
@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf, -5, 0, "60", True])
def test_limits_refuse_what_is_not_a_finite_positive_number(field: str, bad: object) -> None:
    with pytest.raises(PostLabValueError, match=rf"^{field}=") as caught:
        Limits(**{field: bad})
    assert "must be" in str(caught.value)


def test_limits_are_the_one_place_of_the_defaults() -> None:
    assert Limits().cpu_seconds == math.ceil(Limits().notebook_timeout) + 30
    assert Limits(notebook_timeout=60).cpu_seconds == 90 == LIMITS.cpu_seconds
    assert Limits(cpu_seconds=10.0).cpu_seconds == 10
    with pytest.raises(PostLabValueError, match="memory_mb=100, must be a whole number"):
        Limits(memory_mb=100)
    with pytest.raises(PostLabValueError, match=r"cpu_seconds=2\.5"):
        Limits(cpu_seconds=2.5)
    assert json.dumps(Limits().__dict__)  # plain numbers, as the resume fingerprint needs

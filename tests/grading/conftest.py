"""A fixture room built from lesson 00: good, partial, untouched, hostile and broken hand-ins.

The room is graded once per test session (with small limits so hostile cases end
fast) and the tests read the results.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import nbformat
import pytest

from postlab.grading import Limits
from postlab.handin import Trainee, hand_in

__all__ = [
    "FORGERIES",
    "LESSON",
    "LIMITS",
    "SOLUTIONS",
    "Trainee",
    "build_room",
    "exercise",
    "hand_in",
]

ROOT = Path(__file__).resolve().parents[2]
LESSON = "00-welcome"
EXERCISE = ROOT / "exercises" / f"{LESSON}.ipynb"
SOLUTIONS = ROOT / "solutions"
#: Small limits: hostile cases end in seconds; generous enough for lesson 00 on a busy machine.
#: (cpu_seconds is what `postlab grade --timeout 40` sets, so the CLI re-run resumes.)
LIMITS = Limits(cell_timeout=10, notebook_timeout=60, cpu_seconds=90, memory_mb=1500)

GOOD_ANSWERS = {
    "my_name": '"Meera"',
    "rumour_lesson": "8",
    "first_post": '"PostLab workshop at 11:00 in Room 4, Navapur Bhavan: bring a phone."',
}
HOSTILE = {
    "loops-forever": "while True:\n    pass",
    "allocates-50gb": "hog = bytearray(50 * 10**9)",
    "deletes-files": "import os\nfor f in os.listdir('.'):\n    os.remove(f)",
    "prints-100mb": "print('x' * 100_000_000)",
    "fork-bomb": (
        "import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass"
    ),
    "kills-kernel": "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)",
}

#: Ways to forge a verdict: each is added to an untouched exercise and must earn nothing,
#: since the grader judges reported answers in its own process.
FORGERIES = {
    "forges-ex-check": 'ex.check = lambda qid, *a, **k: f"✅ {qid}: Well done."',
    "rebinds-ex": (
        "class Fake:\n    def check(self, qid, *a):\n        return f'✅ {qid}: Well done.'\n"
        "ex = Fake()"
    ),
    "patches-class": (
        "from postlab.exercises import exercise as m, CheckRecord\n"
        "m.Exercise.check = lambda self, q, a: CheckRecord(self.lesson, q, 'passed', 'ok')"
    ),
    "patches-modules": (
        "import postlab.exercises.questions as q, postlab.exercises.record as r\n"
        "q.evaluate = lambda lesson, qid, a: r.CheckRecord(lesson, qid, 'passed', 'ok')\n"
        "r.answer_data = lambda value: 'PostLab workshop at 11:00 in Room 4, Navapur Bhavan.'"
    ),
    "patches-builtins": (
        "import builtins, os\nbuiltins.Ellipsis = 'Meera'\nos.environ.pop('POSTLAB_GRADING')"
    ),
    "displays-fake-verdicts": (
        "from IPython.display import display\nfrom postlab.exercises import CheckRecord\n"
        "for q in ('your-name', 'rumour-lesson', 'first-post', 'widget-post'):\n"
        "    display(CheckRecord('00-welcome', q, 'passed', 'Well done.'))\n"
        "    print(f'✅ {q}: Well done.')\n"
        "    display({'application/vnd.postlab.answer+json': "
        "{'lesson': '00-welcome', 'question': q, 'answer': 8}}, raw=True)"
    ),
}


def checked_workbook(answers: dict[str, object], status: str = "passed") -> str:
    """A workbook as the trainee's kernel writes it after checking ``answers`` live."""
    history = [
        {
            "lesson": LESSON,
            "question": q,
            "status": status,
            "message": "",
            "hint": "",
            "at": "2025-03-01T10:00:00+00:00",
            "answer": a,
        }
        for q, a in answers.items()
    ]
    return json.dumps({"format": 2, "lesson": LESSON, "history": history, "drafts": {}})


#: What the trainee checked live, though the notebook on disk was saved before they typed it.
UNSAVED = {
    "your-name": "Meera",
    "rumour-lesson": 8,
    "first-post": "PostLab workshop at 11:00 in Room 4, Navapur Bhavan: bring a phone.",
}


def forged_workbook() -> str:
    """A workbook edited by hand to claim every question passed, with wrong answers."""
    history = [
        {
            "lesson": LESSON,
            "question": q,
            "status": "passed",
            "message": "Well done.",
            "hint": "",
            "at": "2025-03-01T10:00:00+00:00",
            "answer": "x" * 300,  # wrong for every question of lesson 00
        }
        for q in ("your-name", "rumour-lesson", "first-post", "widget-post")
    ]
    return json.dumps({"format": 2, "lesson": LESSON, "history": history, "drafts": {}})


def exercise(**answers: str) -> nbformat.NotebookNode:
    """The lesson's exercise with some ``name = ...`` lines answered."""
    nb = nbformat.read(EXERCISE, as_version=4)
    for cell in nb.cells:
        for name, value in answers.items():
            cell.source = cell.source.replace(f"{name} = ...", f"{name} = {value}")
    return nb


def workbook(draft: str | None = "Heatwave in Navapur: drink water, stay in the shade.") -> str:
    drafts = {"live-counter": [{"text": draft, "at": "2025-03-01T10:00:00+00:00"}]} if draft else {}
    return json.dumps({"format": 1, "lesson": LESSON, "answers": {}, "drafts": drafts})


def _hand_in(
    room: Path, name: str, nb: nbformat.NotebookNode | str, *, book: str | None, n: int
) -> Path:
    desk = room.parent / "desks" / name.replace("/", "_")
    desk.mkdir(parents=True, exist_ok=True)
    text = nb if isinstance(nb, str) else nbformat.writes(nb)
    (desk / f"{LESSON}.ipynb").write_text(text, encoding="utf-8")
    if book is not None:
        (desk / f"{LESSON}.workbook.json").write_text(book, encoding="utf-8")
    done = hand_in(
        desk / f"{LESSON}.ipynb",
        trainee=Trainee(name, f"{n:06x}aa"),
        workbook=desk / f"{LESSON}.workbook.json" if book is not None else None,
        root=room,
        now=datetime(2025, 3, 1, 10, 0, n, tzinfo=UTC),
    )
    return done.folder.parent


@dataclass(frozen=True)
class Room:
    """The fixture room: the folder, and the trainee folder of each case."""

    path: Path
    folders: dict[str, Path]


def build_room(room: Path) -> Room:
    """Write every case of the fixture room into ``room``."""
    room.mkdir(parents=True)
    folders: dict[str, Path] = {}
    n = 0

    def add(case: str, nb: nbformat.NotebookNode | str, book: str | None = workbook()) -> None:
        nonlocal n
        n += 1
        folders[case] = _hand_in(room, case, nb, book=book, n=n)

    add("good", exercise(**GOOD_ANSWERS))
    add("partial", exercise(my_name='"Ravi"', rumour_lesson="3"), workbook(None))
    add("untouched", exercise(), workbook(None))
    for case, code in HOSTILE.items():
        nb = exercise(**GOOD_ANSWERS)
        nb.cells.insert(4, nbformat.v4.new_code_cell(code))
        nb.cells[4]["id"] = "hostile"
        add(case, nb)
    for case, code in FORGERIES.items():
        nb = exercise()
        nb.cells.insert(2, nbformat.v4.new_code_cell(code))
        nb.cells[2]["id"] = "forgery"
        add(case, nb, workbook(None))
    add("forged-workbook", exercise(), forged_workbook())
    add("unsaved-notebook", exercise(), checked_workbook(UNSAVED))
    edited = exercise()
    for cell in edited.cells:
        if "check" in cell.metadata.get("tags", []):
            cell.source = 'print("✅ forged: Well done.")'
    add("edited-check", edited, workbook(None))
    deleted = exercise(**GOOD_ANSWERS)
    deleted.cells = [c for c in deleted.cells if 'ex.check("widget-post"' not in c.source]
    add("deleted-check", deleted)
    add("missing-workbook", exercise(**GOOD_ANSWERS), book=None)
    duplicated = json.loads(nbformat.writes(exercise(**GOOD_ANSWERS)))
    duplicated["cells"][2]["id"] = duplicated["cells"][1]["id"]  # raw JSON: nbformat would fix it
    add("duplicated-ids", json.dumps(duplicated))
    wrong = exercise(**GOOD_ANSWERS)  # as a lesson 03 notebook is marked by the build
    wrong.metadata["postlab"]["lesson"] = "03-know-your-audience"
    add("wrong-lesson", wrong)
    # An older PostLab: nbformat 4.4 (no cell ids), a question this version no longer has.
    old = json.loads(nbformat.writes(exercise(**GOOD_ANSWERS)))
    old["nbformat_minor"] = 4
    for cell in old["cells"]:
        cell.pop("id", None)
    old["cells"].append(
        {
            "cell_type": "code",
            "metadata": {
                "tags": ["check"],
                "postlab": {"role": "check", "lesson": LESSON, "question": "retired-question"},
            },
            "outputs": [],
            "execution_count": None,
            "source": 'ex.check("retired-question", 1)',
        }
    )
    older = room / "older-version" / f"{LESSON}-20240101T000000Z"
    older.mkdir(parents=True)
    (older / f"{LESSON}.ipynb").write_text(json.dumps(old), encoding="utf-8")
    (older / "handin.json").write_text(
        json.dumps(
            {
                "trainee": "older-version",
                "lesson": LESSON,
                "at": "2024-01-01T00:00:00+00:00",
                "postlab": "0.0.1",
            }
        ),
        encoding="utf-8",
    )
    folders["older-version"] = older.parent
    not_json = room / "not-json"
    not_json.mkdir()
    (not_json / f"{LESSON}.ipynb").write_text("{ this is not JSON", encoding="utf-8")
    folders["not-json"] = not_json
    (room / "empty-folder").mkdir()
    folders["empty-folder"] = room / "empty-folder"
    return Room(room, folders)


@pytest.fixture(scope="session")
def room(tmp_path_factory: pytest.TempPathFactory) -> Room:
    """The fixture room, built once."""
    return build_room(tmp_path_factory.mktemp("room") / "submissions")


@pytest.fixture(scope="session")
def graded(room: Room, tmp_path_factory: pytest.TempPathFactory):
    """The room graded once with the CLI's engine: (GradeRun, report folder)."""
    from postlab.grading import grade

    out = tmp_path_factory.mktemp("report") / "report"
    run = grade(room.path, out=out, solutions=SOLUTIONS, jobs=2, limits=LIMITS, progress=None)
    return run, out

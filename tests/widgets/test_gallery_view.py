"""The facilitator's gallery view and notebook, on a small room of real hand-ins."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from postlab.exercises.record import CheckRecord, Status
from postlab.exercises.workbook import Workbook
from postlab.handin import Trainee, hand_in
from postlab.notebook_runner import execute_notebook
from postlab.widgets.gallery_view import GalleryView

ROOT = Path(__file__).resolve().parents[2]
DRAFTS = {
    "Asha Rao": "Workshop at 10:00 in Hall B: bring your phone! <b>not bold</b>",
    "Ravi K": "POSTLAB WORKSHOP TODAY. CLICK HERE.",
}


@pytest.fixture
def room(tmp_path: Path) -> Path:
    for n, (name, draft) in enumerate(DRAFTS.items()):
        desk = tmp_path / f"desk{n}"
        desk.mkdir()
        notebook = desk / "00-welcome.ipynb"
        shutil.copy(ROOT / "exercises" / "00-welcome.ipynb", notebook)
        book = Workbook.open("00-welcome", folder=desk)
        book.record(CheckRecord("00-welcome", "first-post", Status.PASSED), draft)
        hand_in(
            notebook,
            trainee=Trainee(name, f"id{n:06d}"),
            workbook=book.path,
            root=tmp_path / "room",
        )
    return tmp_path / "room"


def test_gallery_shows_every_draft_escaped_and_anonymised(room: Path) -> None:
    view = GalleryView(str(room))
    view._question.value = "first-post"
    shown = view.show()
    assert shown is not None and len(shown.entries) == 2
    page = view._view.value
    assert "&lt;b&gt;not bold&lt;/b&gt;" in page and "<b>not bold</b>" not in page
    assert "Asha" not in page and "Trainee 1" in page
    view._anonymise.value = False
    view.show()
    assert "Asha Rao" in view._view.value


def test_an_empty_or_missing_folder_is_a_sentence_not_a_traceback(tmp_path: Path) -> None:
    view = GalleryView(str(tmp_path / "nowhere"))
    assert view.show() is None
    assert "No gallery yet" in view._view.value


def test_facilitator_notebook_grades_and_shows_the_room(room: Path, tmp_path: Path) -> None:
    kit = tmp_path / "kit"
    (kit / "facilitator").mkdir(parents=True)
    shutil.copy(ROOT / "facilitator" / "room.ipynb", kit / "facilitator" / "room.ipynb")
    (kit / "solutions").symlink_to(ROOT / "solutions")
    nb = execute_notebook(
        kit / "facilitator" / "room.ipynb", env={"POSTLAB_HANDIN_DIR": str(room)}, timeout=600
    )
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert errors == []
    printed = "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []))
    assert "Trainees who handed in: 2" in printed
    assert "2 graded" in printed
    assert (kit / "facilitator" / "report" / "00-welcome" / "grades.csv").exists()

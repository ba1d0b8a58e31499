"""Names in Indian scripts survive hand-in, grading, reports and the gallery exactly as typed."""

from __future__ import annotations

import csv
import json
import unicodedata
from pathlib import Path

import nbformat
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from postlab.errors import PostLabError
from postlab.gallery import gallery
from postlab.grading.discover import discover
from postlab.grading.report import write_reports
from postlab.grading.sandbox import Result
from postlab.handin import hand_in, remember_trainee, safe_folder_name

LESSON = "00-welcome"
ZWJ, ZWNJ = "\u200d", "\u200c"

NAMES = {
    "hindi": "प्रिया शर्मा",
    "tamil": "பிரியா",
    "bengali": "প্রিয়া",
    "bengali-zwj": "র\u200dযাব",  # RA, ZWJ, YA-phala: the ZWJ picks the shape
    "malayalam": "പ്രിയ",
    "malayalam-chillu": "അവന്\u200d രാജ്",  # old-style chillu: NA, virama, ZWJ
    "malayalam-zwnj": "ഫ്\u200cളാറ്റ്",
    "gurmukhi": "ਪ੍ਰਿਆ",
}


@pytest.mark.parametrize("name", NAMES.values(), ids=NAMES.keys())
def test_folder_names_keep_vowel_signs_and_joiners(name: str) -> None:
    slug = safe_folder_name(name)
    marks = [ch for ch in name if unicodedata.category(ch).startswith("M")]
    assert [ch for ch in slug if unicodedata.category(ch).startswith("M")] == marks
    for joiner in (ZWJ, ZWNJ):
        assert slug.count(joiner) == name.count(joiner)
    assert slug == name.replace(" ", "-")


def test_hindi_folder_is_readable() -> None:
    assert safe_folder_name("प्रिया शर्मा") == "प्रिया-शर्मा"


def test_long_names_are_cut_between_letters_not_inside_one() -> None:
    slug = safe_folder_name("क्षि" * 30)
    assert len(slug) <= 40 and slug.endswith("क्षि")


@pytest.mark.parametrize("joiner", [ZWJ, ZWNJ])
def test_names_with_joiners_are_accepted(tmp_path: Path, joiner: str) -> None:
    name = f"ഫ്{joiner}ളാറ്റ്"
    assert remember_trainee(name, folder=tmp_path).name == name


@pytest.mark.parametrize("hidden", ["\u200b", "\u202e", "\x00", "\ufeff", "\ud800"])
def test_other_hidden_characters_are_still_refused(tmp_path: Path, hidden: str) -> None:
    with pytest.raises(PostLabError, match="control or hidden"):
        remember_trainee(f"Asha{hidden}Rao", folder=tmp_path)


def _hand_in_all(tmp_path: Path) -> Path:
    room = tmp_path / "room"
    for n, name in enumerate(NAMES.values()):
        desk = tmp_path / f"desk{n}"
        desk.mkdir()
        (desk / f"{LESSON}.ipynb").write_text('{"cells": []}', encoding="utf-8")
        (desk / f"{LESSON}.workbook.json").write_text(
            json.dumps({"answers": {"first-post": {"answer": f"Navapur heatwave help {n}"}}}),
            encoding="utf-8",
        )
        trainee = remember_trainee(name, folder=desk)
        book = desk / f"{LESSON}.workbook.json"
        hand_in(desk / f"{LESSON}.ipynb", trainee=trainee, workbook=book, root=room)
    return room


def test_names_survive_hand_in_grading_reports_and_gallery(tmp_path: Path) -> None:
    room = _hand_in_all(tmp_path)
    folders = sorted(p.name for p in room.iterdir())
    assert len(folders) == len(NAMES)
    assert any(f.startswith("प्रिया-शर्मा-") for f in folders)
    found = discover(room, lesson=LESSON)
    assert sorted(s.trainee for s in found) == sorted(NAMES.values())
    assert len({s.key for s in found}) == len(NAMES)
    results = [Result(s.key, s.trainee, LESSON, "graded", 0.0) for s in found]
    out = tmp_path / "report"
    write_reports(results, out=out, lesson=LESSON, solution=nbformat.v4.new_notebook())
    with (out / "grades.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert sorted(r["trainee"] for r in rows) == sorted(NAMES.values())
    page = (out / "report.html").read_text(encoding="utf-8")
    assert all(name in page for name in NAMES.values())
    assert all((out / "feedback" / f"{s.key}.html").is_file() for s in found)
    shown = gallery(room, lesson=LESSON, question="first-post")
    assert sorted(e.label for e in shown.entries) == sorted(NAMES.values())
    assert all(name in shown.to_html() for name in NAMES.values())


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(names=st.lists(st.text(min_size=1, max_size=90), min_size=1, max_size=4))
def test_any_names_hand_in_without_a_traceback(tmp_path_factory, names: list[str]) -> None:
    base = tmp_path_factory.mktemp("any")
    room = base / "room"
    desk = base / "desk"
    desk.mkdir()
    (desk / f"{LESSON}.ipynb").write_text('{"cells": []}', encoding="utf-8")
    handed = 0
    for n, name in enumerate(names):
        try:
            trainee = remember_trainee(name, folder=base / f"who{n}")
        except PostLabError:
            continue
        done = hand_in(desk / f"{LESSON}.ipynb", trainee=trainee, lesson=LESSON, root=room)
        handed += 1
        assert done.folder.resolve().is_relative_to(room.resolve())
        slug = done.folder.parent.name
        assert "/" not in slug and ".." not in slug and len(slug) <= 60
        assert all(not unicodedata.category(ch).startswith("C") or ch in (ZWJ, ZWNJ) for ch in slug)
        assert trainee.name == unicodedata.normalize("NFC", " ".join(name.split()))
    if handed:
        assert len(list(room.iterdir())) == handed, "one folder per trainee, never shared"
        assert len({s.key for s in discover(room, lesson=LESSON)}) == handed

"""The postlab command: crashes get their own exit code, odd inputs a plain sentence."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from postlab import cli
from postlab.cli import main
from postlab.errors import PostLabValueError
from postlab.exitcodes import ExitCode
from postlab.gallery import Entry, Gallery
from postlab.grading.discover import extract_zip


def test_an_unexpected_error_exits_with_its_own_code_and_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(_args):
        raise RuntimeError("disk on fire\nsecond line")

    command = cli._COMMANDS["gallery"]
    monkeypatch.setitem(
        cli._COMMANDS, "gallery", cli.Command("gallery", "x", command.configure, broken)
    )
    monkeypatch.delenv("POSTLAB_TRACEBACK", raising=False)
    code = main(["gallery", "somewhere"])
    err = capsys.readouterr().err
    assert code == ExitCode.FAILED and code not in (ExitCode.OK, ExitCode.PROBLEMS, ExitCode.USAGE)
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "RuntimeError" in err and "disk on fire" in err


def test_the_failure_code_is_documented_in_help(capsys: pytest.CaptureFixture[str]) -> None:
    main(["--help"])
    assert f"  {int(ExitCode.FAILED)}  PostLab itself failed" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--timeout", "inf"),
        ("--cell-timeout", "nan"),
        ("--timeout", "-inf"),
        ("--cell-timeout", "NaN"),
    ],
)
def test_non_finite_numbers_are_refused(
    tmp_path: Path, option: str, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["grade", str(tmp_path), "--out", str(tmp_path / "out"), f"{option}={value}"])
    assert code == ExitCode.USAGE
    assert f"{option}={value}, must be a finite number".lower() in capsys.readouterr().err.lower()
    assert not (tmp_path / "out").exists()


def _zip(tmp_path: Path, name: str) -> Path:
    archive = tmp_path / "room.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr(name, "{}")
    return archive


@pytest.mark.parametrize(
    ("member", "words"),
    [
        ("/".join(["d"] * 1500) + "/x.ipynb", "1,500 folders deep"),
        ("a" * 300 + ".ipynb", "306 characters"),
    ],
    ids=["1500-deep", "300-char-name"],
)
def test_zips_with_deep_or_long_paths_are_refused(tmp_path: Path, member: str, words: str) -> None:
    archive = _zip(tmp_path, member)
    with pytest.raises(PostLabValueError, match=words) as caught:
        extract_zip(archive, tmp_path / "into")
    assert len(str(caught.value)) < 400


def test_grade_of_a_deep_zip_is_a_usage_error_not_a_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    archive = _zip(tmp_path, "/".join(["d"] * 1500) + "/x.ipynb")
    code = main(["grade", str(archive), "--out", str(tmp_path / "out")])
    assert code == ExitCode.USAGE
    assert "folders deep" in capsys.readouterr().err


def _gallery() -> Gallery:
    entry = Entry("Asha", "Heatwave help at 1800-000-0000", 30, 280, (), 12.0)
    return Gallery("00-welcome", "first-post", "x", (entry,), ("first-post",))


def test_gallery_out_never_replaces_another_kind_of_file(tmp_path: Path) -> None:
    notebook = tmp_path / "00-welcome.ipynb"
    notebook.write_text('{"cells": []}', encoding="utf-8")
    with pytest.raises(PostLabValueError, match="not a gallery PostLab wrote"):
        _gallery().save(notebook)
    assert notebook.read_text(encoding="utf-8") == '{"cells": []}'
    page = tmp_path / "gallery.html"
    _gallery().save(page)
    _gallery().save(page)  # its own output may be replaced
    assert "Heatwave help" in page.read_text(encoding="utf-8")
    with pytest.raises(PostLabValueError, match="is a folder"):
        _gallery().save(tmp_path)


def test_gallery_command_refuses_to_overwrite_a_notebook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import postlab.gallery

    monkeypatch.setattr(postlab.gallery, "gallery", lambda *_a, **_k: _gallery())
    notebook = tmp_path / "work.ipynb"
    notebook.write_text("precious", encoding="utf-8")
    code = main(["gallery", str(tmp_path), "--out", str(notebook)])
    assert code == ExitCode.USAGE
    assert "not a gallery PostLab wrote" in capsys.readouterr().err
    assert notebook.read_text(encoding="utf-8") == "precious"

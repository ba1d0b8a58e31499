"""The postlab command: help, exit codes, and suggestions for typos."""

from __future__ import annotations

import pytest

from postlab.cli import main
from postlab.exitcodes import ExitCode


def test_help_lists_commands_and_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == ExitCode.OK
    out = capsys.readouterr().out
    assert "exercises verify" in out and "Exit codes" in out and "  2  " in out


def test_no_arguments_is_bad_usage(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == ExitCode.USAGE


def test_typo_suggests_the_nearest_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["exercise", "verfy"]) == ExitCode.USAGE
    assert "Did you mean 'postlab exercises verify'" in capsys.readouterr().err


def test_bad_option_is_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["exercises", "verify", "--bogus"]) == ExitCode.USAGE


def test_missing_solutions_folder_is_usage_error(
    tmp_path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["exercises", "build", "--solutions", str(tmp_path / "nope")])
    assert code == ExitCode.USAGE
    assert "does not exist" in capsys.readouterr().err

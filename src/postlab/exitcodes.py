"""Exit codes of the ``postlab`` command, defined once and shown in ``--help``."""

from __future__ import annotations

from enum import IntEnum

__all__ = ["ExitCode"]


class ExitCode(IntEnum):
    """What a ``postlab`` run's exit status means."""

    OK = 0  # the job was done (for grading: even if trainees failed questions)
    PROBLEMS = 1  # the job ran but found problems (stale exercises, ungradable submissions)
    USAGE = 2  # the command was used wrongly: nothing was done
    FAILED = 3  # PostLab itself failed unexpectedly (a bug): one line says what; report it

    @classmethod
    def describe(cls) -> str:
        """One line per code, for help text."""
        words = {
            cls.OK: "done (for grading: every submission was graded, whatever the scores)",
            cls.PROBLEMS: "done, but problems were found and listed",
            cls.USAGE: "wrong usage (unknown command, missing folder, bad option): nothing done",
            cls.FAILED: "PostLab itself failed unexpectedly; the last line says what (report it)",
        }
        return "\n".join(f"  {int(code)}  {words[code]}" for code in cls)

"""The ``postlab`` command: one entry point, one registry of subcommands for facilitators."""

from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from postlab import __version__
from postlab.exitcodes import ExitCode

__all__ = ["main"]


@dataclass(frozen=True)
class Command:
    """A subcommand: its words, one-line summary, how to add its options, and what it runs."""

    name: str
    summary: str
    configure: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


def _kit_root() -> Path:
    """The kit folder: the current folder if it holds solutions/, else the source checkout."""
    here = Path.cwd()
    if (here / "solutions").is_dir():
        return here
    return Path(__file__).resolve().parents[2]


def _folders(parser: argparse.ArgumentParser) -> None:
    root = _kit_root()
    parser.add_argument(
        "--solutions",
        type=Path,
        default=root / "solutions",
        help="Folder of solved notebooks (the single source).",
    )
    parser.add_argument(
        "--exercises",
        type=Path,
        default=root / "exercises",
        help="Folder of trainee exercises to write or check.",
    )


def _exercises_build(args: argparse.Namespace) -> int:
    from postlab.exercises.build import build

    if not args.solutions.is_dir():
        print(f"postlab: the solutions folder {args.solutions} does not exist.", file=sys.stderr)
        return ExitCode.USAGE
    written = build(args.solutions, args.exercises)
    for path in written:
        print(f"wrote {path}", file=sys.stderr)
    print(f"{len(written)} exercise notebooks built from {args.solutions}.")
    return ExitCode.OK


def _exercises_verify(args: argparse.Namespace) -> int:
    from postlab.exercises.build import verify

    if not args.solutions.is_dir():
        print(f"postlab: the solutions folder {args.solutions} does not exist.", file=sys.stderr)
        return ExitCode.USAGE
    problems = verify(args.solutions, args.exercises)
    for problem in problems:
        print(problem)
    if problems:
        print(
            f"{len(problems)} problems: run 'postlab exercises build' and remove any solution text."
        )
        return ExitCode.PROBLEMS
    print("exercises/ matches solutions/ and holds no solution text.")
    return ExitCode.OK


_COMMANDS: dict[str, Command] = {
    c.name: c
    for c in (
        Command(
            "exercises build",
            "Write exercises/ from solutions/ (solution parts replaced by prompts).",
            _folders,
            _exercises_build,
        ),
        Command(
            "exercises verify",
            "Fail if exercises/ is stale or holds any solution text.",
            _folders,
            _exercises_verify,
        ),
    )
}


def _help() -> str:
    width = max(len(name) for name in _COMMANDS)
    lines = [f"  {name.ljust(width)}  {c.summary}" for name, c in _COMMANDS.items()]
    return (
        "usage: postlab COMMAND [options]\n\n"
        f"PostLab {__version__}: tools for running a workshop day.\n\n"
        "Commands:\n"
        + "\n".join(lines)
        + "\n\nRun 'postlab COMMAND --help' for a command's options.\n\n"
        "Exit codes:\n" + ExitCode.describe()
    )


def _match(argv: list[str]) -> tuple[Command | None, list[str]]:
    for size in (2, 1):
        name = " ".join(argv[:size])
        if name in _COMMANDS:
            return _COMMANDS[name], argv[size:]
    return None, argv


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``postlab``; returns the exit code (see ``postlab --help``)."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help", "help"}:
        print(_help())
        return ExitCode.OK if args else ExitCode.USAGE
    if args[0] == "--version":
        print(f"postlab {__version__}")
        return ExitCode.OK
    command, rest = _match(args)
    if command is None:
        typed = " ".join(args[:2]) if len(args) > 1 else args[0]
        names = list(_COMMANDS) + sorted({n.split()[0] for n in _COMMANDS})
        close = difflib.get_close_matches(typed, names, n=1, cutoff=0.5)
        hint = f" Did you mean 'postlab {close[0]}'?" if close else ""
        print(
            f"postlab: there is no command {typed!r}.{hint} Run 'postlab --help' for the list.",
            file=sys.stderr,
        )
        return ExitCode.USAGE
    parser = argparse.ArgumentParser(prog=f"postlab {command.name}", description=command.summary)
    command.configure(parser)
    try:
        options = parser.parse_args(rest)
    except SystemExit as exc:  # argparse exits 2 on bad usage, 0 on --help
        return int(exc.code or 0)
    return int(command.run(options))


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())

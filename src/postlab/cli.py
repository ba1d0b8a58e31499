"""The ``postlab`` command: one entry point, one registry of subcommands for facilitators."""

from __future__ import annotations

import argparse
import difflib
import os
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


def _no_solutions(args: argparse.Namespace) -> bool:
    """Say so (and return True) when the solutions folder is missing."""
    if args.solutions.is_dir():
        return False
    print(f"postlab: the solutions folder {args.solutions} does not exist.", file=sys.stderr)
    return True


def _exercises_build(args: argparse.Namespace) -> int:
    from postlab.exercises.build import build

    if _no_solutions(args):
        return ExitCode.USAGE
    written = build(args.solutions, args.exercises)
    for path in written:
        print(f"wrote {path}", file=sys.stderr)
    print(f"{len(written)} exercise notebooks built from {args.solutions}.")
    return ExitCode.OK


def _exercises_verify(args: argparse.Namespace) -> int:
    from postlab.exercises.build import verify

    if _no_solutions(args):
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


def _submit_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "notebook", type=Path, help="The exercise notebook to hand in (save it first)."
    )
    parser.add_argument(
        "--name", help="Your name, as the room knows you (asked once, then remembered)."
    )
    parser.add_argument(
        "--to",
        type=Path,
        default=None,
        help="Hand-in folder (default: $POSTLAB_HANDIN_DIR, else the kit's submissions/).",
    )
    parser.add_argument(
        "--workbook", type=Path, default=None, help="The workbook file, if not beside the notebook."
    )


def _submit(args: argparse.Namespace) -> int:
    from postlab.errors import PostLabError
    from postlab.exercises.workbook import WORKBOOK_DIR_ENV
    from postlab.handin import hand_in, remember_trainee, remembered_trainee

    memory = os.environ.get(WORKBOOK_DIR_ENV) or args.notebook.resolve().parent  # as the button
    try:
        trainee = remembered_trainee(folder=memory)
        if args.name or trainee is None:
            name = args.name
            if name is None and sys.stdin.isatty():
                name = input("Your name, as the room knows you: ")
            if not name:
                print("postlab submit: give your name with --name.", file=sys.stderr)
                return ExitCode.USAGE
            trainee = remember_trainee(name, folder=memory)
        done = hand_in(args.notebook, trainee=trainee, workbook=args.workbook, root=args.to)
    except (PostLabError, OSError) as exc:
        print(f"postlab submit: {exc}", file=sys.stderr)
        return ExitCode.USAGE
    print(f"Handed in {done.lesson} for {done.trainee.name} into {done.folder}:")
    for name in done.files:
        print(f"  {name}")
    if done.missing:
        print(f"Not found: {', '.join(done.missing)} (nothing typed into widgets yet?)")
    return ExitCode.OK


def _grade_options(parser: argparse.ArgumentParser) -> None:
    root = _kit_root()
    parser.add_argument("submissions", type=Path, help="The hand-in folder, or a zip of one.")
    parser.add_argument(
        "--out",
        type=Path,
        required=True,
        help="Report folder (new, or an earlier report to resume).",
    )
    parser.add_argument(
        "--lesson", default=None, help="Lesson to grade (default: the one most hand-ins are)."
    )
    parser.add_argument(
        "--solutions", type=Path, default=root / "solutions", help="Folder of solved notebooks."
    )
    parser.add_argument(
        "--jobs", type=int, default=None, help="Submissions graded at once (default: all cores)."
    )
    parser.add_argument("--cell-timeout", type=float, default=60, help="Seconds per cell.")
    parser.add_argument("--timeout", type=float, default=300, help="Seconds per notebook.")
    parser.add_argument("--memory-mb", type=int, default=3000, help="Memory per kernel, in MB.")
    parser.add_argument(
        "--fresh", action="store_true", help="Grade everything again, ignoring an earlier run."
    )


def _grade(args: argparse.Namespace) -> int:
    from postlab.errors import PostLabError
    from postlab.grading import Limits, grade

    if args.jobs is not None and args.jobs < 1:
        print(f"postlab grade: --jobs={args.jobs}, must be 1 or more.", file=sys.stderr)
        return ExitCode.USAGE
    if args.cell_timeout <= 0 or args.timeout <= 0 or args.memory_mb < 256:
        print(
            "postlab grade: --cell-timeout and --timeout must be above 0 and --memory-mb at "
            f"least 256 (got {args.cell_timeout}, {args.timeout}, {args.memory_mb}).",
            file=sys.stderr,
        )
        return ExitCode.USAGE
    limits = Limits(
        cell_timeout=args.cell_timeout,
        notebook_timeout=args.timeout,
        memory_mb=args.memory_mb,
        cpu_seconds=int(args.timeout) + 30,
    )
    try:
        run = grade(
            args.submissions,
            out=args.out,
            solutions=args.solutions,
            lesson=args.lesson,
            jobs=args.jobs,
            limits=limits,
            fresh=args.fresh,
            progress=sys.stderr,
        )
    except PostLabError as exc:
        print(f"postlab grade: {exc}", file=sys.stderr)
        return ExitCode.USAGE
    except KeyboardInterrupt:
        print("postlab grade: interrupted; run the same command again to resume.", file=sys.stderr)
        return ExitCode.PROBLEMS
    for result in run.not_graded:
        print(
            f"not graded completely: {result.trainee} ({result.source}): {result.status}: "
            + "; ".join(result.notes)
        )
    print(f"Reports in {run.out}: grades.csv, report.html, feedback/.")
    print(run.summary())
    return ExitCode.PROBLEMS if run.not_graded else ExitCode.OK


def _gallery_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("submissions", type=Path, help="The hand-in folder.")
    parser.add_argument("--question", default=None, help="Question id or draft key to show.")
    parser.add_argument(
        "--lesson", default=None, help="Lesson (default: the one most hand-ins are)."
    )
    parser.add_argument(
        "--anonymise", action="store_true", help="Show Trainee 1, 2, ... instead of names."
    )
    parser.add_argument("--platform", default="x", help="Platform that judges the drafts.")
    parser.add_argument(
        "--out", type=Path, default=Path("gallery.html"), help="HTML file to write."
    )


def _gallery(args: argparse.Namespace) -> int:
    from postlab.errors import PostLabError
    from postlab.gallery import gallery

    try:
        shown = gallery(
            args.submissions,
            question=args.question,
            lesson=args.lesson,
            anonymise=args.anonymise,
            platform=args.platform,
        )
        args.out.write_text(shown.to_html(), encoding="utf-8")
    except (PostLabError, OSError) as exc:
        print(f"postlab gallery: {exc}", file=sys.stderr)
        return ExitCode.USAGE
    print(f"{len(shown.entries)} drafts for {shown.question} written to {args.out}.")
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
        Command(
            "submit",
            "Hand in an exercise notebook and its workbook (timestamped, earlier ones kept).",
            _submit_options,
            _submit,
        ),
        Command(
            "grade",
            "Grade every hand-in safely and write grades.csv, report.html and feedback.",
            _grade_options,
            _grade,
        ),
        Command(
            "gallery",
            "Show every trainee's draft for one question side by side (HTML).",
            _gallery_options,
            _gallery,
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

"""The ``postlab`` command: one entry point, one registry of subcommands for facilitators."""

from __future__ import annotations

import argparse
import difflib
import math
import os
import reprlib
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


def _build_options(parser: argparse.ArgumentParser) -> None:
    _folders(parser)
    parser.set_defaults(exercises=None)  # None: said below, so the kit's own is never implied
    parser.add_argument(
        "--force",
        action="store_true",
        help="Replace exercise notebooks changed since the build wrote them (a backup is kept).",
    )


def _exercises_build(args: argparse.Namespace) -> int:
    from postlab.errors import PostLabError
    from postlab.exercises.build import build

    if args.exercises is None:
        here = Path.cwd()
        if not (here / "solutions").is_dir():
            print(
                f"postlab exercises build: there is no solutions/ folder here ({here}), so "
                "nothing was written (the kit's own exercises/ is not rewritten from elsewhere). "
                "Run it in the kit folder, or say where with --exercises FOLDER.",
                file=sys.stderr,
            )
            return ExitCode.USAGE
        args.exercises = here / "exercises"
    if _no_solutions(args):
        return ExitCode.USAGE
    where = args.exercises.resolve()
    print(f"Writing exercise notebooks into {where} (from {args.solutions}).", file=sys.stderr)
    try:
        written = build(
            args.solutions,
            args.exercises,
            force=args.force,
            log=lambda line: print(line, file=sys.stderr),
        )
    except PostLabError as exc:
        print(f"postlab exercises build: {exc}", file=sys.stderr)
        return ExitCode.USAGE
    for path in written:
        print(f"wrote {path}", file=sys.stderr)
    print(f"{len(written)} exercise notebooks built from {args.solutions} into {where}.")
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
    if done.stale:
        print(f"⚠️ {done.message}")
    else:
        who = done.trainee.name
        print(f"Handed in {done.lesson} for {who} at {done.when}, into {_shown(done.folder)}:")
    for name in done.files:
        print(f"  {name}")
    if done.missing:
        print(f"Not found: {', '.join(done.missing)} (nothing typed into widgets yet?)")
    return ExitCode.PROBLEMS if done.stale else ExitCode.OK


def _shown(folder: Path) -> str:
    """``folder`` relative to here when it is below here, else as it is."""
    relative = os.path.relpath(folder)
    return relative if not relative.startswith("..") else str(folder)


def _grade_options(parser: argparse.ArgumentParser) -> None:
    from postlab.grading import Limits

    root, default = _kit_root(), Limits()
    parser.add_argument(
        "submissions", type=Path, nargs="?", help="The hand-in folder, or a zip of one."
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="Report folder (new, or an earlier report to resume); required to grade.",
    )
    parser.add_argument(
        "--check-sandbox",
        action="store_true",
        help="Say whether this machine isolates hand-ins with bubblewrap (and why not), then stop.",
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
    parser.add_argument(
        "--cell-timeout",
        type=float,
        default=default.cell_timeout,
        help=f"Seconds per cell (default {default.cell_timeout:g}).",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=default.notebook_timeout,
        help=f"Seconds per notebook (default {default.notebook_timeout:g}); CPU time is this + 30.",
    )
    parser.add_argument(
        "--memory-mb",
        type=int,
        default=default.memory_mb,
        help=f"Memory per kernel, in MB (default {default.memory_mb}).",
    )
    parser.add_argument(
        "--fresh", action="store_true", help="Grade everything again, ignoring an earlier run."
    )


#: The grade options that set a limit, by the name of its Limits field.
_LIMIT_FLAGS = {
    "cell_timeout": "--cell-timeout",
    "notebook_timeout": "--timeout",
    "memory_mb": "--memory-mb",
}


def _grade(args: argparse.Namespace) -> int:
    from postlab.errors import PostLabError
    from postlab.grading import Limits, grade

    if args.check_sandbox:
        from postlab.grading.isolation import describe

        print(describe())
        return ExitCode.OK
    if args.submissions is None or args.out is None:
        print(
            "postlab grade: give the hand-in folder and --out REPORT_FOLDER (or --check-sandbox).",
            file=sys.stderr,
        )
        return ExitCode.USAGE
    if args.jobs is not None and args.jobs < 1:
        print(f"postlab grade: --jobs={args.jobs}, must be 1 or more.", file=sys.stderr)
        return ExitCode.USAGE
    try:  # the options' names, not the fields', in the message
        limits = Limits(
            cell_timeout=args.cell_timeout,
            notebook_timeout=args.timeout,
            memory_mb=args.memory_mb,
        )
    except PostLabError as exc:
        said = str(exc)
        for field, flag in _LIMIT_FLAGS.items():
            if said.startswith(f"{field}="):
                said = flag + said[len(field) :]
        print(f"postlab grade: {said}.", file=sys.stderr)
        return ExitCode.USAGE
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
        shown.save(args.out)  # never over a file that is not a PostLab gallery
    except (PostLabError, OSError) as exc:
        print(f"postlab gallery: {exc}", file=sys.stderr)
        return ExitCode.USAGE
    print(f"{len(shown.entries)} drafts for {shown.question} written to {args.out}.")
    return ExitCode.OK


def _room_watch_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "room",
        type=Path,
        nargs="?",
        default=None,
        help="The room folder of progress files (default: $POSTLAB_ROOM_DIR).",
    )
    parser.add_argument(
        "--lesson", default=None, help="Show this lesson's questions (default: the whole day)."
    )
    parser.add_argument(
        "--projector", action="store_true", help="Hide names (Trainee 1, 2, ...) for a screen."
    )
    parser.add_argument(
        "--interval", type=float, default=2.0, help="Seconds between refreshes (0.5 to 5)."
    )
    parser.add_argument("--once", action="store_true", help="Print one frame and stop.")


def _room_watch(args: argparse.Namespace) -> int:
    from postlab.exercises.catalogue import lessons
    from postlab.room.progress import ROOM_DIR_ENV
    from postlab.room.watch import MAX_INTERVAL, watch

    room = args.room or (Path(os.environ[ROOM_DIR_ENV]) if os.environ.get(ROOM_DIR_ENV) else None)
    if room is None or not room.is_dir():
        said = f"the room folder {room} does not exist" if room else "give the room folder"
        print(f"postlab room watch: {said} (or set {ROOM_DIR_ENV}).", file=sys.stderr)
        return ExitCode.USAGE
    if not 0.5 <= args.interval <= MAX_INTERVAL:
        print(
            f"postlab room watch: --interval={args.interval:g}, must be between 0.5 and "
            f"{MAX_INTERVAL:g} seconds.",
            file=sys.stderr,
        )
        return ExitCode.USAGE
    if args.lesson is not None and args.lesson not in lessons():
        print(
            f"postlab room watch: --lesson={args.lesson!r} is not a PostLab lesson; choose "
            f"one of: {', '.join(lessons())}.",
            file=sys.stderr,
        )
        return ExitCode.USAGE
    watch(
        room, lesson=args.lesson, projector=args.projector, interval=args.interval, once=args.once
    )
    return ExitCode.OK


_COMMANDS: dict[str, Command] = {
    c.name: c
    for c in (
        Command(
            "exercises build",
            "Write exercises/ from solutions/ (solution parts replaced by prompts).",
            _build_options,
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
        Command(
            "room watch",
            "Show the room live: trainees by questions, who is stuck and on what, who handed in.",
            _room_watch_options,
            _room_watch,
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
    bad = _non_finite(options)
    if bad:
        print(f"postlab {command.name}: {bad}", file=sys.stderr)
        return ExitCode.USAGE
    try:
        return int(command.run(options))
    except Exception as exc:  # a crash is not "some hand-ins not graded": its own code
        if os.environ.get(_TRACEBACK_ENV):
            raise
        print(f"postlab {command.name}: {_crash_line(exc)}", file=sys.stderr)
        return ExitCode.FAILED


#: Set this environment variable to see the full traceback of an unexpected failure.
_TRACEBACK_ENV = "POSTLAB_TRACEBACK"


def _non_finite(options: argparse.Namespace) -> str | None:
    """A sentence for the first option given as inf or nan (no option means that), or None."""
    for key, value in vars(options).items():
        if isinstance(value, float) and not math.isfinite(value):
            flag = "--" + key.replace("_", "-")
            return f"{flag}={value}, must be a finite number such as 60"
    return None


def _crash_line(exc: BaseException) -> str:
    """One plain line for an unexpected failure, without a traceback."""
    what = reprlib.repr(str(exc))[1:-1] if str(exc) else type(exc).__name__
    return (
        f"PostLab failed unexpectedly ({type(exc).__name__}: {what}). Nothing more was done; "
        f"run again with {_TRACEBACK_ENV}=1 for details, and report it."
    )


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())

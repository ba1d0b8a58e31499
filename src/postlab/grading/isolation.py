"""Run each graded kernel under bubblewrap: only the system, the Python environment and its
own scratch folder exist for it, with no network, its own processes, as user ``nobody``.

The grader asks :func:`check_sandbox` once which mode this machine gets (it really starts
a tiny sandbox to find out), and wraps each kernel command with :func:`wrap`. The wrapped
command is this module run as a program (``python -m postlab.grading.isolation``), the
*launcher*, which runs outside the sandbox and then becomes ``bwrap``:

- When the grader runs as root it first drops to ``nobody`` (uid and gid 65534) for real,
  so file permissions protect as well as the mounts, the process limit binds (Linux does
  not apply ``RLIMIT_NPROC`` to root, even mapped into a user namespace) and the sandbox
  has no capabilities at all. Before dropping, it hands the scratch folder and the kernel's
  connection file to ``nobody``, and makes the environment reachable for ``nobody`` in a
  mount namespace of its own (a Python under ``/root`` is otherwise out of its reach).
- ``bwrap`` then builds a fresh mount namespace holding ``/usr`` (and ``/bin``, ``/lib*``,
  ``/sbin`` as on the host), a few files from ``/etc``, the Python prefixes and the folder
  holding the ``postlab`` package, all read-only; ``/proc``, ``/dev`` and a read-only root;
  a small empty ``/tmp`` and ``/dev/shm`` (64 MB each, in memory); and the scratch folder
  read-write, at the same path as outside (the kernel's ZeroMQ sockets are unix sockets
  in it: with its own network namespace, the kernel has no network at all, not even
  127.0.0.1). It unshares every namespace (user, mount, PID,
  network, IPC, UTS, cgroup), forbids new user namespaces inside, starts a new session,
  clears the environment to the one the grader gave, and dies with the grader.

Where bubblewrap cannot run (another OS, no ``bwrap``, user namespaces turned off), or when
``POSTLAB_SANDBOX=off``, grading still works with the resource limits of
:mod:`postlab.grading.limited_kernel` alone, and :func:`describe` says so in words.
"""

from __future__ import annotations

import functools
import os
import shutil
import stat
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "OFF_ENV",
    "SANDBOX_UID",
    "SandboxCheck",
    "bwrap_argv",
    "check_sandbox",
    "describe",
    "exit_code",
    "main",
    "wrap",
]

#: The user (and group) a graded kernel runs as: ``nobody``.
SANDBOX_UID = 65534
#: Set to ``off`` to grade without the sandbox (limits only); the reports then say so.
OFF_ENV = "POSTLAB_SANDBOX"
_ETC = (
    "/etc/ld.so.cache",
    "/etc/ld.so.conf",
    "/etc/ld.so.conf.d",
    "/etc/localtime",
    "/etc/fonts",
    "/etc/alternatives",
    "/etc/mime.types",
)
_SYSTEM_LINKS = ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
#: Environment the kernel never gets: a host PID means nothing in its own PID namespace
#: (ipykernel would watch it and stop at once).
_DROP_ENV = ("JPY_PARENT_PID",)
#: Size of the sandbox's own /tmp and /dev/shm (memory): its TMPDIR is in the scratch folder.
_TMP_BYTES = 64 * 1024 * 1024
_CLONE_NEWNS = 0x00020000
_MS_BIND, _MS_REC, _MS_PRIVATE = 0x1000, 0x4000, 1 << 18


@dataclass(frozen=True)
class SandboxCheck:
    """Which mode this machine gets: ``isolated`` with bubblewrap or not, and why, in words."""

    isolated: bool
    reason: str = ""

    @property
    def sentence(self) -> str:
        """The mode as one plain sentence, for the command line and the reports."""
        if self.isolated:
            return (
                "Hand-ins are isolated with bubblewrap: each kernel sees only the system, the "
                "Python environment and its own scratch folder, has no network and its own "
                f"processes, and runs as user nobody (uid {SANDBOX_UID}), within the limits."
            )
        return (
            f"Hand-ins are NOT isolated: {self.reason}; limits only (time, CPU, memory, file "
            "size, processes), so a hand-in could read or change files the grader can."
        )

    def __str__(self) -> str:
        return self.sentence


def _python_roots() -> list[str]:
    """The folders a kernel needs from the Python environment: prefixes and the package's home."""
    import postlab

    package_home = Path(postlab.__file__).resolve().parent.parent  # never the repository root
    candidates = {
        sys.prefix,
        sys.base_prefix,
        sys.exec_prefix,
        sys.base_exec_prefix,
        str(Path(sys.executable).resolve().parent.parent),
        str(package_home),
    }
    roots: list[str] = []
    for path in sorted({str(Path(p).resolve()) for p in candidates}):
        inside_usr = path == "/usr" or path.startswith("/usr/")
        if not inside_usr and not any(path.startswith(r.rstrip("/") + "/") for r in roots):
            roots.append(path)
    return roots


def _system_args() -> list[str]:
    args = ["--ro-bind", "/usr", "/usr"]
    for path in _SYSTEM_LINKS:
        if os.path.islink(path):
            args += ["--symlink", os.readlink(path), path]
        elif os.path.isdir(path):
            args += ["--ro-bind", path, path]
    for path in _ETC:
        args += ["--ro-bind-try", path, path]
    return args


def bwrap_argv(command: Sequence[str], *, scratch: str | os.PathLike[str], cwd: str) -> list[str]:
    """The ``bwrap`` command line that runs ``command`` in the sandbox (environment cleared
    to this process's own, less :data:`_DROP_ENV`)."""
    scratch = str(Path(scratch).resolve())
    args = [
        shutil.which("bwrap") or "bwrap",
        "--unshare-all",
        "--unshare-user",
        "--disable-userns",
        "--uid",
        str(SANDBOX_UID),
        "--gid",
        str(SANDBOX_UID),
        "--hostname",
        "postlab-grading",
        "--die-with-parent",
        "--new-session",
        "--cap-drop",
        "ALL",
        "--clearenv",
    ]
    for key, value in sorted(os.environ.items()):
        if key not in _DROP_ENV:
            args += ["--setenv", key, value]
    args += _system_args()
    for root in _python_roots():
        args += ["--ro-bind", root, root]
    small = ["--size", str(_TMP_BYTES), "--tmpfs"]  # memory, so bounded
    args += ["--proc", "/proc", "--dev", "/dev", *small, "/dev/shm", *small, "/tmp"]
    args += ["--bind", scratch, scratch]
    args += ["--remount-ro", "/dev", "--remount-ro", "/"]  # no files in the sandbox's own root
    return [*args, "--chdir", cwd, "--", *command]


def wrap(command: Sequence[str], *, scratch: str | os.PathLike[str]) -> list[str]:
    """The kernel command ``command`` (with ``{connection_file}``) wrapped in the sandbox.

    Parameters
    ----------
    command : sequence of str
        What runs inside, for example :func:`postlab.grading.sandbox.kernel_argv`.
    scratch : path
        The submission's scratch folder: the only folder the kernel may write, and where
        the connection file and the kernel's sockets must be.

    Returns
    -------
    list of str
    """
    return [
        sys.executable,
        "-m",
        "postlab.grading.isolation",
        "--scratch",
        str(Path(scratch).resolve()),
        "--",
        *command,
    ]


def exit_code(code: int | None) -> int | None:
    """A sandboxed kernel's exit status as subprocess gives it: bwrap reports a kernel ended
    by signal N as 128 + N; this gives -N, as for an unwrapped kernel.

    Example
    -------
    >>> exit_code(137), exit_code(0), exit_code(None)
    (-9, 0, None)
    """
    if code is not None and 128 < code < 128 + 65:
        return -(code - 128)
    return code


def _libc_check(result: int, what: str) -> None:
    if result != 0:
        import ctypes

        errno = ctypes.get_errno()
        msg = f"{what} failed: {os.strerror(errno)}"
        raise OSError(errno, msg)


def _blocking_ancestor(path: str, uid: int) -> str | None:
    """The highest folder above or at ``path`` that user ``uid`` cannot pass through, if any."""
    current = Path("/")
    for part in Path(path).parts[1:]:
        current = current / part
        try:
            info = current.stat()
        except OSError:
            return None
        if stat.S_ISDIR(info.st_mode) and not (
            info.st_mode & stat.S_IXOTH or (info.st_uid == uid and info.st_mode & stat.S_IXUSR)
        ):
            return str(current)
    return None


def _reachable_for(uid: int, paths: Sequence[str]) -> None:
    """In a mount namespace of this process only, put a bare folder over each ancestor ``uid``
    cannot pass, holding just ``paths`` bound back in (root only)."""
    hidden: dict[str, list[str]] = {}
    for path in paths:
        ancestor = _blocking_ancestor(path, uid)
        if ancestor is not None:
            hidden.setdefault(ancestor, []).append(path)
    if not hidden:
        return
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    _libc_check(libc.unshare(_CLONE_NEWNS), "unshare(CLONE_NEWNS)")
    _libc_check(libc.mount(None, b"/", None, _MS_REC | _MS_PRIVATE, None), "making / private")
    for ancestor, inside in hidden.items():
        fds = {path: os.open(path, os.O_PATH | os.O_DIRECTORY) for path in inside}
        options = b"mode=0755,size=64k"
        _libc_check(libc.mount(b"tmpfs", ancestor.encode(), b"tmpfs", 0, options), "tmpfs")
        for path, fd in fds.items():
            os.makedirs(path, mode=0o755, exist_ok=True)
            source = f"/proc/self/fd/{fd}".encode()
            _libc_check(libc.mount(source, path.encode(), None, _MS_BIND | _MS_REC, None), path)
            os.close(fd)


def _hand_over(scratch: str, files: Sequence[str], uid: int) -> None:
    """Give what is in the scratch folder (and the connection file) to ``uid``.

    The scratch folder itself stays the grader's (``rwx--x--x``): the kernel may use the
    folders in it, but cannot swap one for a link to elsewhere, which the grader's clean-up
    of the kernel's sockets would then follow.
    """
    os.chmod(scratch, 0o711)
    for folder, dirs, names in os.walk(scratch):
        for name in [*dirs, *names]:
            os.chown(os.path.join(folder, name), uid, uid, follow_symlinks=False)
    for path in files:
        os.chown(path, uid, uid)


def _launch(scratch: str, command: list[str]) -> None:
    """Become ``bwrap`` running ``command`` (never returns; raises OSError when it cannot)."""
    if os.geteuid() == 0:
        connection = [command[i + 1] for i, arg in enumerate(command[:-1]) if arg == "-f"]
        _hand_over(scratch, connection, SANDBOX_UID)
        _reachable_for(SANDBOX_UID, [*_python_roots(), scratch])
        os.setgroups([])
        os.setresgid(SANDBOX_UID, SANDBOX_UID, SANDBOX_UID)
        os.setresuid(SANDBOX_UID, SANDBOX_UID, SANDBOX_UID)
    argv = bwrap_argv(command, scratch=scratch, cwd=os.getcwd())
    os.execve(argv[0], argv, {"PATH": os.environ.get("PATH", os.defpath)})


def _probe() -> SandboxCheck:
    import subprocess
    import tempfile

    if not sys.platform.startswith("linux"):
        return SandboxCheck(False, f"this is {sys.platform}, and bubblewrap runs only on Linux")
    if os.environ.get(OFF_ENV, "").lower() in {"off", "0", "no", "false"}:
        return SandboxCheck(False, f"{OFF_ENV}={os.environ[OFF_ENV]} is set")
    if shutil.which("bwrap") is None:
        return SandboxCheck(
            False,
            "bubblewrap is not installed (bwrap was not found; the Debian package is bubblewrap)",
        )
    scratch = tempfile.mkdtemp(prefix="postlab-probe-")
    outside = Path(f"{scratch}.outside")  # beside the scratch folder: must not be seen
    try:
        outside.write_text("the grader's\n", encoding="utf-8")
        command = [sys.executable, "-c", _PROBE_CODE, str(outside)]
        done = subprocess.run(
            wrap(command, scratch=scratch),
            cwd=scratch,
            env={"PATH": os.environ.get("PATH", os.defpath)},
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        return SandboxCheck(False, f"bubblewrap could not be started ({exc.__class__.__name__})")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        outside.unlink(missing_ok=True)
    if done.returncode == 0 and done.stdout.strip() == "isolated":
        return SandboxCheck(True)
    said = done.stderr.strip().splitlines() or done.stdout.strip().splitlines() or ["no output"]
    return SandboxCheck(
        False,
        f"bubblewrap is installed but could not start a sandbox here ({said[-1][:200]}); "
        "user namespaces may be turned off on this machine",
    )


#: Runs inside the probe sandbox: an unprivileged user that sees no file beside its folder.
_PROBE_CODE = """
import os, sys
import postlab.grading.limited_kernel
assert os.getuid() != 0 and not os.path.exists(sys.argv[1])
print("isolated")
"""


@functools.cache
def check_sandbox() -> SandboxCheck:
    """Find out once (by starting a tiny sandbox) whether graded kernels can be isolated here.

    Returns
    -------
    SandboxCheck
        ``isolated`` and, when not, the ``reason``; ``sentence`` says it in words.

    Example
    -------
    >>> check_sandbox().sentence.startswith("Hand-ins are")
    True
    """
    return _probe()


def describe() -> str:
    """The sentence saying which mode this machine gets and why."""
    return check_sandbox().sentence


def main(argv: Sequence[str] | None = None) -> None:
    """The launcher: ``python -m postlab.grading.isolation --scratch DIR -- COMMAND ...``."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) < 4 or args[0] != "--scratch" or args[2] != "--":
        usage = "usage: python -m postlab.grading.isolation --scratch DIR -- COMMAND"
        print(usage, file=sys.stderr)
        raise SystemExit(2)
    try:
        _launch(args[1], args[3:])
    except OSError as exc:
        print(f"postlab sandbox: could not start: {exc}", file=sys.stderr)
        raise SystemExit(126) from exc


if __name__ == "__main__":  # pragma: no cover - runs as the kernel's launcher
    main()

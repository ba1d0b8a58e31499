"""PostLab on a shared JupyterHub: who may log in, and the trainee's own copy of the kit.

Loaded by ``jupyterhub_config.py`` (the hub) and by ``start_singleuser.py`` (each
trainee's server, before JupyterLab starts). Nothing here imports ipywidgets or
JupyterLab; the authenticator part imports JupyterHub only when it is asked for.

Two jobs:

- :class:`WorkshopAuthenticator` (made by :func:`workshop_authenticator`): JupyterHub's
  own shared-password authenticator, with user names tidied so that ``"Asha Rao"``,
  ``" asha  rao "`` and ``"ASHA RAO"`` are one account (``asha-rao``) and names that
  could leave a home folder (``..``, ``a/b``, a leading dot) are refused.
- :func:`seed_home`: copy ``notebooks/`` and ``exercises/`` into a trainee's home,
  file by file, **never replacing a file that is already there**: a second login, or a
  kit updated during the day, adds what is new and leaves the trainee's work alone.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "KIT_FOLDERS",
    "USERNAME_PATTERN",
    "SeedResult",
    "kernel_runtime_dir",
    "normalize_username",
    "seed_home",
    "workshop_authenticator",
]

#: The kit folders every trainee gets a copy of.
KIT_FOLDERS = ("notebooks", "exercises")
#: A user name: starts with a letter or digit; then letters, digits, ``-``, ``_``, ``.``.
#: Unicode letters are welcome (``priyā``); ``/``, spaces and a leading dot are not.
USERNAME_PATTERN = r"^[^\W_][\w.-]{0,39}$"
_USERNAME = re.compile(USERNAME_PATTERN)
_SKIP_PARTS = {".ipynb_checkpoints", "__pycache__"}
_SKIP_SUFFIXES = (".workbook.json",)


def normalize_username(name: str) -> str:
    """The account name for what a trainee typed: NFKC, lower case, spaces as ``-``.

    Example
    -------
    >>> normalize_username("  Asha   Rao ")
    'asha-rao'
    """
    text = unicodedata.normalize("NFKC", str(name)).strip().lower()
    return re.sub(r"\s+", "-", text)


def workshop_authenticator() -> type:
    """The :class:`WorkshopAuthenticator` class (imports JupyterHub on first use).

    Example
    -------
    >>> workshop_authenticator().__name__
    'WorkshopAuthenticator'
    """
    from jupyterhub.authenticators.shared import SharedPasswordAuthenticator
    from traitlets import default

    class WorkshopAuthenticator(SharedPasswordAuthenticator):
        """JupyterHub's shared-password login with tidy, safe user names.

        Trainees log in with the room password; the facilitators named in
        ``admin_users`` log in with the (separate, 32+ character) facilitator password.
        """

        @default("allow_all")
        def _default_allow_all(self) -> bool:
            return not self.allowed_users

        def normalize_username(self, username: str) -> str:
            return super().normalize_username(normalize_username(username))

        def validate_username(self, username: str) -> bool:
            if ".." in username or not _USERNAME.match(username):
                return False
            return super().validate_username(username)  # and ``username_pattern`` if set

    return WorkshopAuthenticator


@dataclass(frozen=True)
class SeedResult:
    """What :func:`seed_home` did: files copied in, and files already there and kept."""

    copied: tuple[str, ...]
    kept: tuple[str, ...]


def _kit_files(kit: Path, folders: tuple[str, ...]) -> list[Path]:
    """The kit's files under ``folders``, relative to ``kit``, without caches and workbooks."""
    found = []
    for folder in folders:
        base = kit / folder
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            rel = path.relative_to(kit)
            if not path.is_file() or _SKIP_PARTS & set(rel.parts):
                continue
            if path.name.startswith(".") or path.name.endswith(_SKIP_SUFFIXES):
                continue
            found.append(rel)
    return found


def _copy_if_absent(source: Path, target: Path) -> bool:
    """Copy ``source`` to ``target`` unless ``target`` exists; True when copied.

    The copy is written beside the target and then hard-linked into place, which
    fails when the target exists: a half-written file is never seen, and a file the
    trainee has (even one made a moment ago) is never replaced.
    """
    if target.exists() or target.is_symlink():
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".seed", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as out, source.open("rb") as src:
            shutil.copyfileobj(src, out)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o644)
        try:
            os.link(tmp, target)
        except FileExistsError:
            return False
        return True
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def seed_home(
    *,
    kit: str | os.PathLike[str],
    home: str | os.PathLike[str],
    folders: tuple[str, ...] = KIT_FOLDERS,
) -> SeedResult:
    """Copy the kit's lesson and exercise notebooks into ``home``, keeping the trainee's work.

    Parameters
    ----------
    kit : path
        The PostLab kit (the folder holding ``notebooks/`` and ``exercises/``).
    home : path
        The trainee's home folder; created when missing.
    folders : tuple of str
        The kit folders to copy (default :data:`KIT_FOLDERS`).

    Returns
    -------
    SeedResult
        The relative paths copied, and those already present and left untouched.

    Raises
    ------
    FileNotFoundError
        When ``kit`` holds none of ``folders`` (a wrong ``POSTLAB_KIT``).

    Example
    -------
    >>> import pathlib, tempfile
    >>> kit, home = pathlib.Path(tempfile.mkdtemp()), pathlib.Path(tempfile.mkdtemp())
    >>> (kit / "exercises").mkdir()
    >>> _ = (kit / "exercises" / "00-welcome.ipynb").write_text("{}")
    >>> seed_home(kit=kit, home=home).copied
    ('exercises/00-welcome.ipynb',)
    >>> seed_home(kit=kit, home=home).kept
    ('exercises/00-welcome.ipynb',)
    """
    kit, home = Path(kit), Path(home)
    if not any((kit / folder).is_dir() for folder in folders):
        wanted = ", ".join(folders)
        msg = f"kit={str(kit)!r} holds none of the folders {wanted}: is POSTLAB_KIT right?"
        raise FileNotFoundError(msg)
    home.mkdir(parents=True, exist_ok=True)
    copied, kept = [], []
    for rel in _kit_files(kit, folders):
        done = _copy_if_absent(kit / rel, home / rel)
        (copied if done else kept).append(rel.as_posix())
    return SeedResult(copied=tuple(copied), kept=tuple(kept))


# A kernel's IPC sockets are files named <runtime dir>/kernel-<36-character id>-ipc-<N>; a
# Unix socket's path must fit in 108 bytes (sun_path), so keep the folder's path short.
_SOCKET_TAIL = len("/kernel-") + 36 + len("-ipc-99")
_SOCKET_PATH_MAX = 100


def kernel_runtime_dir(home: str | os.PathLike[str]) -> Path:
    """A private folder for this trainee's kernel connection files and sockets, emptied of
    what a dead server left there.

    The hub runs kernels over IPC (Unix sockets) rather than TCP ports: with many servers
    on one machine starting kernels at the same moment, a port picked by one server can
    be taken by another's kernel before its own kernel binds it (jupyter_client#487), and
    that kernel then never answers ("Timeout waiting for kernel_info reply"). Sockets are
    files in a folder only the trainee can open: no race, and no other account can
    connect to the kernel. The folder is ``~/.local/share/jupyter/runtime`` when the
    socket paths fit, else ``~/.jr``, else a new private folder under the system's
    temporary folder.

    Example
    -------
    >>> import tempfile
    >>> kernel_runtime_dir(tempfile.mkdtemp()).is_dir()
    True
    """
    home = Path(home)
    for candidate in (home / ".local" / "share" / "jupyter" / "runtime", home / ".jr"):
        if len(os.fsencode(candidate)) + _SOCKET_TAIL <= _SOCKET_PATH_MAX:
            candidate.mkdir(parents=True, exist_ok=True)
            os.chmod(candidate, 0o700)
            _clear_dead_kernels(candidate)
            return candidate
    return Path(tempfile.mkdtemp(prefix="postlab-run-"))  # mode 0700, a name no one can guess


def _clear_dead_kernels(folder: Path) -> None:
    """Remove kernel connection files and sockets: the server that used them is gone."""
    for path in folder.glob("kernel-*"):
        with contextlib.suppress(OSError):
            path.unlink()

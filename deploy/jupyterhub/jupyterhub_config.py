"""JupyterHub for a PostLab workshop day on one server.

Run from anywhere:  ``jupyterhub -f deploy/jupyterhub/jupyterhub_config.py``
(see README.md beside this file). Every setting a facilitator may change is an
environment variable, read once below:

- ``POSTLAB_ROOM_PASSWORD``: the password every trainee types (8+ characters; unset: no
  trainee can log in).
- ``POSTLAB_FACILITATOR_PASSWORD``: the facilitators' password (32+ characters, different).
- ``POSTLAB_FACILITATORS``: facilitator user names, comma separated (``facilitator``).
- ``POSTLAB_HANDIN_DIR``: the room's shared hand-in folder (``/srv/postlab/handin``).
- ``POSTLAB_KIT``: the kit whose ``notebooks/`` and ``exercises/`` are copied into each
  home on first login (this repository).
- ``POSTLAB_ROOM_DIR``: the live room's folder of progress files (``/srv/postlab/room``): each
  trainee's server is given only its own file (``POSTLAB_ROOM_FILE``), made at spawn so the
  trainee may append to it and only facilitators may read it; facilitators get the folder.
- ``POSTLAB_ROOM_ANSWERS``: ``1`` to keep answers in the room files (for a live gallery).
- ``POSTLAB_HUB_SPAWNER``: ``local-users`` (default; one Linux account per trainee, made
  at first login, the hub runs as root) or ``one-account`` (every server runs as the
  hub's own account, homes under ``POSTLAB_HUB_HOMES``; no isolation between trainees:
  for tests and trusted rooms).
- ``POSTLAB_HUB_HOMES``: parent of the homes in ``one-account`` mode (``/srv/postlab/homes``).
- ``POSTLAB_HUB_STATE``: hub database, cookie secret, pid files (``/srv/postlab/state``).
- ``POSTLAB_HUB_IP`` / ``POSTLAB_HUB_PORT``: where the hub listens (``127.0.0.1`` / 8000).
- ``POSTLAB_HUB_SSL_CERT`` / ``POSTLAB_HUB_SSL_KEY``: TLS files (else put a TLS proxy such
  as Caddy or nginx in front).
- ``POSTLAB_PROXY_CMD``: the configurable-http-proxy program (``node_modules/.bin/``
  beside this file, else the one on ``PATH``).
"""

# ruff: noqa: F821  (``c`` is given by JupyterHub when it loads this file)
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from postlab_hub import workshop_authenticator  # noqa: E402

from postlab.launch import hide_files_option  # noqa: E402


def _env(name: str, default: str = "") -> str:
    return os.environ.get(name, "").strip() or default


KIT = Path(_env("POSTLAB_KIT", str(HERE.parents[1]))).resolve()
HANDIN = Path(_env("POSTLAB_HANDIN_DIR", "/srv/postlab/handin")).resolve()
STATE = Path(_env("POSTLAB_HUB_STATE", "/srv/postlab/state")).resolve()
ROOM = Path(_env("POSTLAB_ROOM_DIR", "/srv/postlab/room")).resolve()
MODE = _env("POSTLAB_HUB_SPAWNER", "local-users")
FACILITATORS = {n.strip().lower() for n in _env("POSTLAB_FACILITATORS", "facilitator").split(",")}
FACILITATORS.discard("")
FIRST_LESSON = "notebooks/00-welcome.ipynb"
if MODE not in {"local-users", "one-account"}:
    msg = f"POSTLAB_HUB_SPAWNER={MODE!r}, must be 'local-users' or 'one-account'"
    raise ValueError(msg)

c = get_config()

# --- where the hub listens and keeps its state --------------------------------------------------
STATE.mkdir(parents=True, exist_ok=True)
c.JupyterHub.ip = _env("POSTLAB_HUB_IP", "127.0.0.1")
c.JupyterHub.port = int(_env("POSTLAB_HUB_PORT", "8000"))
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(STATE / "jupyterhub.pid")
if _env("POSTLAB_HUB_SSL_CERT"):
    c.JupyterHub.ssl_cert = _env("POSTLAB_HUB_SSL_CERT")
    c.JupyterHub.ssl_key = _env("POSTLAB_HUB_SSL_KEY")

# --- the proxy: configurable-http-proxy from npm (`npm ci` in this folder) -----------------------
_local_proxy = HERE / "node_modules" / ".bin" / "configurable-http-proxy"
c.ConfigurableHTTPProxy.command = [
    _env("POSTLAB_PROXY_CMD", str(_local_proxy) if _local_proxy.exists() else "")
    or "configurable-http-proxy"
]
c.ConfigurableHTTPProxy.pid_file = str(STATE / "proxy.pid")

# --- who may log in -----------------------------------------------------------------------------
Authenticator = workshop_authenticator()
if MODE == "local-users":
    from jupyterhub.auth import LocalAuthenticator

    class LocalWorkshopAuthenticator(Authenticator, LocalAuthenticator):
        """The workshop login, creating a Linux account for each new trainee."""

    Authenticator = LocalWorkshopAuthenticator
    c.LocalAuthenticator.create_system_users = True
    # Linux account names: ASCII, starting with a letter.
    c.Authenticator.username_pattern = r"^[a-z][a-z0-9_-]{0,31}$"
c.JupyterHub.authenticator_class = Authenticator
c.SharedPasswordAuthenticator.user_password = _env("POSTLAB_ROOM_PASSWORD") or None
c.SharedPasswordAuthenticator.admin_password = _env("POSTLAB_FACILITATOR_PASSWORD") or None
c.Authenticator.admin_users = FACILITATORS
c.JupyterHub.template_vars = {
    "announcement_login": "Log in with your name (or the name on your card) and the room password."
}

# --- each trainee's server ----------------------------------------------------------------------
if MODE == "one-account":
    c.JupyterHub.spawner_class = "jupyterhub.spawner.SimpleLocalProcessSpawner"
    homes = Path(_env("POSTLAB_HUB_HOMES", "/srv/postlab/homes")).resolve()
    homes.mkdir(parents=True, exist_ok=True)
    c.SimpleLocalProcessSpawner.home_dir_template = str(homes / "{username}")
    c.Spawner.notebook_dir = str(homes / "{username}")
else:
    c.JupyterHub.spawner_class = "jupyterhub.spawner.LocalProcessSpawner"
    c.Spawner.notebook_dir = "~"
c.Spawner.cmd = [sys.executable, str(HERE / "start_singleuser.py")]
c.Spawner.default_url = f"/lab/tree/{FIRST_LESSON}"
c.Spawner.environment = {
    "POSTLAB_KIT": str(KIT),
    "POSTLAB_HANDIN_DIR": str(HANDIN),
}
if _env("POSTLAB_ROOM_ANSWERS") == "1":
    c.Spawner.environment["POSTLAB_ROOM_ANSWERS"] = "1"
c.Spawner.args = [
    "--ServerApp.shutdown_no_activity_timeout=0",
    hide_files_option(),  # the file browser shows notebooks, not workbooks and locks
    # At 9:00 a crowded server may need more than the default 60 s to start a kernel.
    "--MappingKernelManager.kernel_info_timeout=180",
]
if MODE == "one-account" and hasattr(os, "geteuid") and os.geteuid() == 0:
    c.Spawner.args.append("--ServerApp.allow_root=True")
c.Spawner.start_timeout = 120  # 150 kernels importing numpy at 9:00 sharp take a while
c.Spawner.http_timeout = 90
c.JupyterHub.concurrent_spawn_limit = 40  # the rest queue and retry, rather than all time out

# --- a server or kernel that dies comes back within a minute --------------------------------------
# A server that dies (killed, out of memory) is noticed within 10 s (default 30 s): the hub drops
# its proxy route, so the trainee's next request reaches the hub, whose "not running" page starts
# a new server after 3 s by itself (as if they clicked "Start My Server"). Their files are on disk
# (notebooks saved, workbooks written at each check), so nothing saved is lost; start_singleuser.py
# clears what the dead server left behind before the new one starts.
c.Spawner.poll_interval = 10
c.JupyterHub.implicit_spawn_seconds = 3
# Kernels talk to their server over Unix sockets in a private folder, not TCP ports: with many
# servers on one machine starting kernels at once, a port one server picked for its kernel can be
# taken by another server's kernel first (jupyter_client#487); that kernel then never answers and
# the trainee waits kernel_info_timeout for nothing ("Timeout waiting for kernel_info reply"),
# which is what the killed trainee's new server met in the load test. start_singleuser.py makes
# the folder (short enough for socket paths) and clears the files a dead server left there.
# A kernel that dies is restarted by its server (jupyter_server's restarter).
c.Spawner.args += [
    "--KernelManager.transport=ipc",
    "--KernelManager.autorestart=True",
    "--KernelRestarter.restart_limit=10",
]


def _prepare_handin(spawner: object) -> None:
    """Make the hand-in folder exist; in local-users mode trainees may add to it but not list it."""
    HANDIN.mkdir(parents=True, exist_ok=True)
    if MODE == "local-users" and os.geteuid() == 0 and FACILITATORS:
        import pwd

        try:
            owner = pwd.getpwnam(sorted(FACILITATORS)[0])
        except KeyError:
            return  # the facilitator's account is made at their first login
        os.chown(HANDIN, owner.pw_uid, owner.pw_gid)
        os.chmod(HANDIN, 0o1733)  # rwx for the facilitator; others write-only, sticky


def _facilitator_account() -> object | None:
    """The first facilitator's Linux account (local-users mode, as root), or None."""
    if MODE != "local-users" or os.geteuid() != 0 or not FACILITATORS:
        return None
    import pwd

    try:
        return pwd.getpwnam(sorted(FACILITATORS)[0])
    except KeyError:
        return None  # made at the facilitator's first login


def _prepare_room(spawner: object) -> dict[str, str]:
    """The live room for this server: a trainee gets their own progress file, made here.

    local-users mode (hub as root): the folder belongs to the first facilitator, mode 0711
    (trainees may open a file whose name they know, but not list the folder or add a
    file); each trainee's file belongs to the trainee, group the facilitator's, mode 0640:
    only that trainee can write it, only they and the facilitators can read it. A trainee
    is told the path of their own file only. one-account mode: the same files, but every
    server runs as one account, so files cannot keep trainees apart (see README.md).
    """
    ROOM.mkdir(parents=True, exist_ok=True)
    name = spawner.user.name
    if name in FACILITATORS:
        return {"POSTLAB_ROOM_DIR": str(ROOM)}
    path = ROOM / f"{name}.jsonl"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.close(fd)
    owner = _facilitator_account()
    if owner is not None:
        import pwd

        try:
            trainee = pwd.getpwnam(name)
        except KeyError:
            trainee = None
        os.chown(ROOM, owner.pw_uid, owner.pw_gid)
        os.chmod(ROOM, 0o711)
        if trainee is not None:
            os.chown(path, trainee.pw_uid, owner.pw_gid)
            os.chmod(path, 0o640)
    return {"POSTLAB_ROOM_FILE": str(path)}


def _pre_spawn_hook(spawner: object) -> None:
    """Before a server starts: the hand-in folder and the trainee's room file exist; a
    facilitator knows they are one."""
    _prepare_handin(spawner)
    extra = _prepare_room(spawner)
    if spawner.user.name in FACILITATORS:
        extra["POSTLAB_ROLE"] = "facilitator"
    spawner.environment = {**spawner.environment, **extra}


c.Spawner.pre_spawn_hook = _pre_spawn_hook

# --- JupyterLab settings: news prompt off, every cell rendered (as `make lab`) ------------------
# The kit's tools/bootstrap.py (and postBuild in images) put jupyter/overrides.json into the
# environment's JupyterLab settings; refresh it here in case the environment was made otherwise.
_settings = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
_wanted = KIT / "jupyter" / "overrides.json"
if _wanted.is_file() and (
    not _settings.is_file() or _settings.read_bytes() != _wanted.read_bytes()
):
    try:
        _settings.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(_wanted, _settings)
    except OSError as exc:
        print(f"postlab: could not install {_wanted} into {_settings}: {exc}", file=sys.stderr)

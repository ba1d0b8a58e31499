"""A PostLab JupyterHub on 127.0.0.1, and trainees who use it the way a browser does.

Used by ``tests/hub/test_hub_e2e.py`` and ``tools/loadtest.py``. :class:`LoopbackHub`
starts the real hub (``jupyterhub_config.py`` beside this file, ``one-account``
mode, homes and hand-in folder under a scratch folder) with the real
configurable-http-proxy; :class:`TraineeSession` logs in through the hub's login
form, asks the hub for a token and a server, and runs notebooks cell by cell over
the Jupyter server's REST and websocket API (the same messages JupyterLab sends).
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import requests
import websocket

HERE = Path(__file__).resolve().parent
CONFIG = HERE / "jupyterhub_config.py"
LOCAL_PROXY = HERE / "node_modules" / ".bin" / "configurable-http-proxy"

__all__ = [
    "CONFIG",
    "CellRun",
    "LoopbackHub",
    "TraineeSession",
    "find_proxy",
    "kernel_memory",
    "kill_kernels",
    "kill_server",
]


def find_proxy() -> str | None:
    """The configurable-http-proxy program: ``npm ci`` here, else on PATH, else None."""
    if LOCAL_PROXY.exists():
        return str(LOCAL_PROXY)
    return shutil.which("configurable-http-proxy")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class LoopbackHub:
    """A real JupyterHub + proxy on 127.0.0.1, serving homes under ``scratch``."""

    scratch: Path
    room_password: str = field(default_factory=lambda: "room-" + secrets.token_hex(6))
    facilitator_password: str = field(default_factory=lambda: secrets.token_hex(20))
    facilitator: str = "facilitator"
    kit: Path = HERE.parents[1]
    proc: subprocess.Popen | None = None
    url: str = ""

    @property
    def homes(self) -> Path:
        """Parent of every trainee's home."""
        return self.scratch / "homes"

    @property
    def handin(self) -> Path:
        """The room's hand-in folder."""
        return self.scratch / "handin"

    @property
    def room(self) -> Path:
        """The live room's folder of progress files."""
        return self.scratch / "room"

    @property
    def log_path(self) -> Path:
        """The hub's (and proxy's, and servers') log."""
        return self.scratch / "hub.log"

    def home(self, user: str) -> Path:
        """The home folder of ``user`` (a normalised hub user name)."""
        return self.homes / user

    def start(self, *, timeout: float = 60) -> LoopbackHub:
        """Start hub and proxy; return when the hub answers through the proxy."""
        proxy = find_proxy()
        if proxy is None:
            msg = "configurable-http-proxy is not installed (run 'npm ci' in deploy/jupyterhub)"
            raise FileNotFoundError(msg)
        port = _free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith(("POSTLAB_", "JUPYTER"))}
        env.update(
            POSTLAB_HUB_SPAWNER="one-account",
            POSTLAB_HUB_HOMES=str(self.homes),
            POSTLAB_HANDIN_DIR=str(self.handin),
            POSTLAB_ROOM_DIR=str(self.room),
            POSTLAB_HUB_STATE=str(self.scratch / "state"),
            POSTLAB_HUB_IP="127.0.0.1",
            POSTLAB_HUB_PORT=str(port),
            POSTLAB_KIT=str(self.kit),
            POSTLAB_ROOM_PASSWORD=self.room_password,
            POSTLAB_FACILITATOR_PASSWORD=self.facilitator_password,
            POSTLAB_FACILITATORS=self.facilitator,
            POSTLAB_PROXY_CMD=proxy,
        )
        self.scratch.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("ab")
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "jupyterhub",
                "-f",
                str(CONFIG),
                f"--JupyterHub.hub_port={_free_port()}",
                f"--ConfigurableHTTPProxy.api_url=http://127.0.0.1:{_free_port()}",
            ],
            cwd=self.scratch,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        atexit.register(self.stop)  # a test or load test that dies still stops everything
        self.url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                msg = f"JupyterHub exited with code {self.proc.returncode}; see {self.log_path}"
                raise RuntimeError(msg)
            with contextlib.suppress(requests.RequestException):
                if requests.get(f"{self.url}/hub/api/", timeout=2).status_code == 200:
                    return self
            time.sleep(0.3)
        self.stop()
        msg = f"JupyterHub did not answer on {self.url} within {timeout:.0f} s; see {self.log_path}"
        raise RuntimeError(msg)

    def stop(self) -> None:
        """Stop the hub, its proxy and every server and kernel it started. Safe to call twice.

        The hub, the proxy and each server run in their own sessions, so killing the hub's
        process group is not enough: every process whose environment names this hub's
        hand-in folder is killed as well (the proxy, servers, kernels and what they ran).
        """
        if self.proc is None:
            self._kill_leftovers()
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            pass
        # Servers live in the hub's process group; make sure none outlives the hub.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(timeout=10)
        self.proc = None
        self._kill_leftovers()

    def _kill_leftovers(self) -> None:
        """Servers run in their own sessions: kill any this hub started that still live."""
        import psutil

        for _ in range(3):  # a server may start a kernel while its siblings are killed
            mine = []
            for proc in psutil.process_iter():
                with contextlib.suppress(psutil.Error):
                    if proc.pid != os.getpid() and proc.environ().get("POSTLAB_HANDIN_DIR") == str(
                        self.handin
                    ):
                        proc.kill()
                        mine.append(proc)
            if not mine:
                return
            psutil.wait_procs(mine, timeout=10)

    def processes(self) -> list:
        """Every live process this hub started (hub, proxy, servers, kernels)."""
        import psutil

        found = []
        for proc in psutil.process_iter():
            with contextlib.suppress(psutil.Error):
                if proc.pid != os.getpid() and proc.environ().get("POSTLAB_HANDIN_DIR") == str(
                    self.handin
                ):
                    found.append(proc)
        return found

    def __enter__(self) -> LoopbackHub:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


@dataclass(frozen=True)
class CellRun:
    """One executed cell: its status (``ok`` / ``error``), text outputs, and the outputs."""

    status: str
    text: str
    outputs: tuple[dict, ...]


class TraineeSession:
    """One person at one browser: login cookie, a token, their server, their kernels."""

    def __init__(self, hub: LoopbackHub, name: str, password: str) -> None:
        self.hub = hub
        self.typed_name = name
        self.password = password
        self.http = requests.Session()
        self.user = ""
        self.token = ""

    # --- the hub ---------------------------------------------------------------------------
    def login(self) -> str:
        """Log in through the hub's login form; return the hub's user name."""
        page = self.http.get(f"{self.hub.url}/hub/login", timeout=30)
        page.raise_for_status()
        xsrf = self.http.cookies.get("_xsrf", "")
        resp = self.http.post(
            f"{self.hub.url}/hub/login",
            data={"username": self.typed_name, "password": self.password, "_xsrf": xsrf},
            allow_redirects=False,
            timeout=60,
        )
        if resp.status_code != 302:
            msg = f"login of {self.typed_name!r} refused: HTTP {resp.status_code}"
            raise PermissionError(msg)
        who = self.http.get(
            f"{self.hub.url}/hub/api/user",
            headers={"X-XSRFToken": self.http.cookies.get("_xsrf", xsrf)},
            timeout=30,
        )
        who.raise_for_status()
        self.user = who.json()["name"]
        made = self.http.post(
            f"{self.hub.url}/hub/api/users/{quote(self.user)}/tokens",
            headers={"X-XSRFToken": self.http.cookies.get("_xsrf", xsrf)},
            json={"note": "postlab loopback", "expires_in": 3600},
            timeout=30,
        )
        made.raise_for_status()
        self.token = made.json()["token"]
        return self.user

    def _hub_api(self, method: str, path: str, **kw: object) -> requests.Response:
        return requests.request(
            method,
            f"{self.hub.url}/hub/api/{path}",
            headers={"Authorization": f"token {self.token}"},
            timeout=60,
            **kw,
        )

    def request_server(self) -> None:
        """Ask the hub to start this trainee's server (as the spawn page does); do not wait."""
        resp = self._hub_api("POST", f"users/{quote(self.user)}/server")
        if resp.status_code not in (201, 202, 400):  # 400: already running or pending
            msg = f"starting the server of {self.user!r}: HTTP {resp.status_code} {resp.text}"
            raise RuntimeError(msg)

    def wait_server(self, *, timeout: float = 180) -> None:
        """Wait until this trainee's server is ready (its JupyterLab answers)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            model = self._hub_api("GET", f"users/{quote(self.user)}").json()
            server = model.get("servers", {}).get("", {})
            if server.get("ready"):
                return
            if not server:  # the spawn failed and was cleared: the hub log says why
                msg = f"the server of {self.user!r} failed to start; see {self.hub.log_path}"
                raise RuntimeError(msg)
            time.sleep(0.3)
        msg = f"the server of {self.user!r} was not ready within {timeout:.0f} s"
        raise TimeoutError(msg)

    def start_server(self, *, timeout: float = 180) -> None:
        """Ask the hub for this trainee's server and wait until it is ready."""
        self.request_server()
        self.wait_server(timeout=timeout)

    def stop_server(self, *, timeout: float = 60) -> None:
        """Ask the hub to stop this trainee's server and wait until it has."""
        self._hub_api("DELETE", f"users/{quote(self.user)}/server")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            model = self._hub_api("GET", f"users/{quote(self.user)}").json()
            if not model.get("servers"):
                return
            time.sleep(0.3)
        msg = f"the server of {self.user!r} did not stop within {timeout:.0f} s"
        raise TimeoutError(msg)

    def server_works(self) -> bool:
        """True when this trainee's server answers through the proxy right now."""
        try:
            return self.api("GET", "api/status", timeout=10).status_code == 200
        except requests.RequestException:
            return False

    def recover_server(self, *, timeout: float = 60) -> float:
        """What a trainee's reload (or "Start My Server") does after their server died.

        Asks the hub for the server: the hub polls the old one at once, finds it dead,
        and starts a new one. Returns the seconds until the new server answered.
        """
        started = time.monotonic()
        deadline = started + timeout
        while time.monotonic() < deadline:
            if self.server_works():
                return time.monotonic() - started
            with contextlib.suppress(RuntimeError, requests.RequestException):
                self.request_server()
            with contextlib.suppress(RuntimeError, TimeoutError, requests.RequestException):
                self.wait_server(timeout=max(1.0, min(20.0, deadline - time.monotonic())))
            time.sleep(0.5)
        msg = f"the server of {self.user!r} did not come back within {timeout:.0f} s"
        raise TimeoutError(msg)

    # --- the trainee's own Jupyter server ---------------------------------------------------
    @property
    def server_url(self) -> str:
        """Where this trainee's server answers, through the proxy."""
        return f"{self.hub.url}/user/{quote(self.user)}"

    def api(
        self, method: str, path: str, *, timeout: float = 120, **kw: object
    ) -> requests.Response:
        """Call this trainee's Jupyter server REST API with the trainee's token."""
        return requests.request(
            method,
            f"{self.server_url}/{path}",
            headers={"Authorization": f"token {self.token}"},
            timeout=timeout,
            **kw,
        )

    def get_notebook(self, path: str) -> dict:
        """The notebook at ``path`` (relative to the home) as JSON, from the server."""
        resp = self.api("GET", f"api/contents/{quote(path)}?content=1&type=notebook")
        resp.raise_for_status()
        return resp.json()["content"]

    def save_notebook(self, path: str, notebook: dict) -> None:
        """Save ``notebook`` at ``path`` as JupyterLab's Ctrl+S does."""
        resp = self.api(
            "PUT",
            f"api/contents/{quote(path)}",
            json={"type": "notebook", "format": "json", "content": notebook},
        )
        resp.raise_for_status()

    @contextlib.contextmanager
    def kernel(self, path: str) -> Iterator[Kernel]:
        """A kernel session for the notebook at ``path``, as JupyterLab opens one."""
        resp = self.api(
            "POST",
            "api/sessions",
            json={
                "path": path,
                "name": Path(path).name,
                "type": "notebook",
                "kernel": {"name": "python3"},
            },
        )
        resp.raise_for_status()
        session = resp.json()
        kid = session["kernel"]["id"]
        ws_url = self.server_url.replace("http://", "ws://", 1)

        def connect() -> websocket.WebSocket:
            return websocket.create_connection(
                f"{ws_url}/api/kernels/{kid}/channels?session_id={uuid.uuid4().hex}",
                header=[f"Authorization: token {self.token}"],
                timeout=300,
            )

        kernel = Kernel(connect, kernel_id=kid)
        try:
            yield kernel
        finally:
            kernel.close()
            with contextlib.suppress(Exception):
                self.api("DELETE", f"api/sessions/{session['id']}")

    def run_notebook(
        self,
        path: str,
        *,
        edits: dict[int, str] | None = None,
        extra: tuple[str, ...] = (),
        during: Callable[[], object] | None = None,
    ) -> list[CellRun]:
        """Open ``path``, apply ``edits`` (cell index -> source), run every code cell, save.

        Outputs are stored in the notebook as JupyterLab would store them. ``extra``
        code runs after the notebook's cells (and is not saved); ``during`` is called
        while the kernel still runs (to measure it, for example).
        """
        notebook = self.get_notebook(path)
        for index, source in (edits or {}).items():
            notebook["cells"][index]["source"] = source
        runs = []
        with self.kernel(path) as kernel:
            for cell in notebook["cells"]:
                if cell["cell_type"] != "code":
                    continue
                run = kernel.execute("".join(cell["source"]))
                cell["outputs"] = list(run.outputs)
                runs.append(run)
            self.save_notebook(path, notebook)
            runs.extend(kernel.execute(code) for code in extra)
            if during is not None:
                during()
        return runs


class Kernel:
    """A kernel reached over the Jupyter server's websocket (the v1 JSON protocol).

    Like JupyterLab, it connects again when the server drops the connection before the
    cell ran (a server too busy to see the kernel start within its kernel_info timeout).
    """

    def __init__(
        self,
        connect: Callable[[], websocket.WebSocket],
        *,
        attempts: int = 3,
        kernel_id: str = "",
    ) -> None:
        self.kernel_id = kernel_id
        self._connect = connect
        self._attempts = attempts
        self._conn: websocket.WebSocket | None = None
        self._sent_and_ran = False

    def close(self) -> None:
        """Close the websocket (the kernel itself is shut down with its session)."""
        if self._conn is not None:
            with contextlib.suppress(Exception):
                self._conn.close()
            self._conn = None

    def execute(self, code: str, *, timeout: float = 180) -> CellRun:
        """Run ``code``; return when the kernel is idle again, with what it printed."""
        for attempt in range(1, self._attempts + 1):
            if self._conn is None:
                try:
                    self._conn = self._connect()
                except (OSError, websocket.WebSocketException):
                    if attempt == self._attempts:
                        raise
                    time.sleep(2)
                    continue
            try:
                return self._execute(code, timeout=timeout)
            except websocket.WebSocketConnectionClosedException:
                self.close()
                if attempt == self._attempts or self._sent_and_ran:
                    raise
        msg = "unreachable"
        raise AssertionError(msg)

    def wait_working(self, *, timeout: float = 60, probe: float = 10) -> float:
        """Run a tiny cell until one works (after a kernel died and the server restarted it,
        as a trainee runs a cell again); return the seconds it took."""
        started = time.monotonic()
        deadline = started + timeout
        last = ""
        while time.monotonic() < deadline:
            try:
                run = self.execute(
                    "1 + 1", timeout=min(probe, max(1.0, deadline - time.monotonic()))
                )
                if run.status == "ok" and "2" in run.text:
                    return time.monotonic() - started
                last = run.text
            except (OSError, TimeoutError, websocket.WebSocketException) as exc:
                last = f"{type(exc).__name__}: {exc}"
                self.close()  # the next try connects again, as JupyterLab does
            time.sleep(0.5)
        msg = f"no working kernel within {timeout:.0f} s (last: {last[:200]})"
        raise TimeoutError(msg)

    def _next_message(self) -> dict | None:
        """The next kernel message; an empty frame means the server closed the connection."""
        frame = self._conn.recv()
        if frame in ("", b""):
            raise websocket.WebSocketConnectionClosedException("the server closed the connection")
        return _decode_frame(frame)

    def _execute(self, code: str, *, timeout: float) -> CellRun:
        self._sent_and_ran = False
        msg_id = uuid.uuid4().hex
        self._conn.send(
            json.dumps(
                {
                    "header": {
                        "msg_id": msg_id,
                        "msg_type": "execute_request",
                        "username": "",
                        "session": "",
                        "version": "5.3",
                        "date": "",
                    },
                    "parent_header": {},
                    "metadata": {},
                    "content": {
                        "code": code,
                        "silent": False,
                        "store_history": True,
                        "user_expressions": {},
                        "allow_stdin": False,
                        "stop_on_error": True,
                    },
                    "channel": "shell",
                    "buffers": [],
                }
            )
        )
        outputs: list[dict] = []
        status, idle = "", False
        deadline = time.monotonic() + timeout
        while not (status and idle):
            if time.monotonic() > deadline:
                msg = f"cell did not finish within {timeout:.0f} s: {code[:60]!r}"
                raise TimeoutError(msg)
            msg = self._next_message()
            if msg is None or msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = msg["msg_type"], msg["content"]
            self._sent_and_ran = True  # the kernel saw this cell: never run it twice
            if msg["channel"] == "shell" and kind == "execute_reply":
                status = content["status"]
            elif kind == "status" and content.get("execution_state") == "idle":
                idle = True
            elif kind == "stream":
                outputs.append(
                    {"output_type": "stream", "name": content["name"], "text": content["text"]}
                )
            elif kind in ("execute_result", "display_data"):
                out = {
                    "output_type": kind,
                    "data": content["data"],
                    "metadata": content.get("metadata", {}),
                }
                if kind == "execute_result":
                    out["execution_count"] = content.get("execution_count")
                outputs.append(out)
            elif kind == "error":
                outputs.append(
                    {
                        "output_type": "error",
                        "ename": content["ename"],
                        "evalue": content["evalue"],
                        "traceback": content["traceback"],
                    }
                )
        text = "\n".join(_output_text(o) for o in outputs)
        return CellRun(status=status, text=text, outputs=tuple(outputs))


def _decode_frame(frame: str | bytes) -> dict | None:
    """One websocket frame as a kernel message; binary frames (messages with buffers, in the
    Jupyter server's format: count, offsets, JSON, buffers) give their JSON part."""
    if isinstance(frame, str):
        return json.loads(frame) if frame else None
    count = int.from_bytes(frame[:4], "big")
    offsets = [int.from_bytes(frame[4 + 4 * i : 8 + 4 * i], "big") for i in range(count)]
    end = offsets[1] if count > 1 else len(frame)
    return json.loads(frame[offsets[0] : end].decode("utf-8"))


def _output_text(output: dict) -> str:
    if output["output_type"] == "stream":
        return output["text"]
    if output["output_type"] == "error":
        return f"{output['ename']}: {output['evalue']}"
    data = output.get("data", {})
    return str(data.get("text/plain", "")) + str(data.get("text/html", ""))


def _processes_of(user: str) -> list:
    """The server started for hub user ``user`` and everything it started (its kernels)."""
    import psutil

    found = []
    for proc in psutil.process_iter():
        with contextlib.suppress(psutil.Error):
            command = " ".join(proc.cmdline())
            if proc.environ().get("JUPYTERHUB_USER") == user and "singleuser" in command:
                found.append(proc)
                found.extend(proc.children(recursive=True))
    return found


def kernel_memory(user: str) -> int:
    """Bytes of memory (PSS, else RSS) held by ``user``'s running kernels right now."""
    import psutil

    total = 0
    for proc in _processes_of(user):
        with contextlib.suppress(psutil.Error):
            if "ipykernel" in " ".join(proc.cmdline()):
                info = proc.memory_full_info()
                total += getattr(info, "pss", 0) or info.rss
    return total


def kill_kernels(user: str) -> int:
    """SIGKILL ``user``'s kernels (not their server), as a crash would; return the count."""
    import psutil

    procs = [p for p in _processes_of(user) if _is_kernel(p)]
    for proc in procs:
        with contextlib.suppress(psutil.Error):
            proc.kill()
    psutil.wait_procs(procs, timeout=10)
    return len(procs)


def _is_kernel(proc: object) -> bool:
    import psutil

    try:
        return "ipykernel" in " ".join(proc.cmdline())
    except psutil.Error:
        return False


def kill_server(user: str) -> int:
    """SIGKILL ``user``'s server and kernels, as a crash or an OOM kill would; return the count."""
    import psutil

    procs = _processes_of(user)
    for proc in procs:
        with contextlib.suppress(psutil.Error):
            proc.kill()
    psutil.wait_procs(procs, timeout=10)
    return len(procs)

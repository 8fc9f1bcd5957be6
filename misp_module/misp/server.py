"""Running the real misp-modules server with the orkl_attribution module loaded.

Used by ``orkl-misp serve`` (in the foreground), ``orkl-misp demo`` and the live tests (as a
context manager on a free loopback port).
"""

from __future__ import annotations

import errno
import importlib.util
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

from misp_module.core.errors import ConfigError
from misp_module.misp.expansion import MODULE_NAME

READY_TIMEOUT = 90.0


def modules_root() -> str:
    """The custom modules root to pass to ``misp-modules -c``."""
    return str(Path(__file__).resolve().parent.parent / "modules")


def server_command(host: str, port: int) -> list[str]:
    if importlib.util.find_spec("misp_modules") is None:
        raise ConfigError(
            "misp-modules is not installed here: pip install 'orkl-misp[server]' "
            "(or run from the misp-modules environment)"
        )
    return [sys.executable, "-m", "misp_modules", "-l", host, "-p", str(port), "-c", modules_root()]


def check_can_listen(host: str, port: int) -> None:
    """A one-line error now, rather than misp-modules' traceback when it cannot bind."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise ConfigError(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as tornado binds
        try:
            s.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise ConfigError(
                    f"port {port} on {host} is already in use (another server? try --port)"
                ) from None
            raise ConfigError(f"cannot listen on {host}:{port}: {exc.strerror}") from None


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


class ModuleServer:
    """``with ModuleServer() as server: server.query({...})``"""

    def __init__(self, host: str = "127.0.0.1", port: int | None = None, env: dict | None = None):
        self.host = host
        self.port = port or free_port(host)
        self.url = f"http://{host}:{self.port}"
        self.env = {**os.environ, **(env or {})}
        # Kept open for the server's lifetime; closed in stop().
        self.log = tempfile.NamedTemporaryFile(  # noqa: SIM115
            prefix="misp-modules-", suffix=".log", delete=False
        )
        self.proc: subprocess.Popen | None = None
        self.session = requests.Session()

    def __enter__(self) -> ModuleServer:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self) -> None:
        self.started = time.monotonic()
        self.proc = subprocess.Popen(
            server_command(self.host, self.port),
            stdout=self.log,
            stderr=subprocess.STDOUT,
            env=self.env,
            stdin=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + READY_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise ConfigError(
                    f"misp-modules exited with {self.proc.returncode}:\n{self.log_tail()}"
                )
            try:
                names = [m["name"] for m in self.modules()]
            except requests.RequestException:
                time.sleep(0.2)
                continue
            if MODULE_NAME not in names:
                raise ConfigError(f"misp-modules did not load {MODULE_NAME}:\n{self.log_tail()}")
            self.ready_after = time.monotonic() - self.started
            return
        self.stop()
        raise ConfigError(
            f"misp-modules did not answer within {READY_TIMEOUT:.0f} s:\n{self.log_tail()}"
        )

    def modules(self) -> list[dict]:
        response = self.session.get(f"{self.url}/modules", timeout=5)
        response.raise_for_status()
        return response.json()

    def query(self, payload: dict, timeout: float = 30) -> dict:
        response = self.session.post(f"{self.url}/query", json=payload, timeout=timeout)
        response.raise_for_status()
        return response.json()

    def log_text(self) -> str:
        return Path(self.log.name).read_text(errors="replace")

    def log_tail(self, lines: int = 20) -> str:
        return "\n".join(self.log_text().splitlines()[-lines:])

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()
        self.session.close()

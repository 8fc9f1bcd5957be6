"""`orkl-misp serve`: stopping it stops the server; a taken port is a one-line error."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time

import requests

from misp_module.misp.server import free_port


def serve(port: int, **kw) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "misp_module.cli", "serve", "--offline", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, so the test can clean up after it
        **kw,
    )


def answers(port: int) -> bool:
    try:
        return requests.get(f"http://127.0.0.1:{port}/modules", timeout=2).ok
    except requests.RequestException:
        return False


def test_sigterm_stops_the_server_and_frees_the_port():
    port = free_port()
    proc = serve(port)
    try:
        deadline = time.monotonic() + 90
        while not answers(port):
            assert proc.poll() is None, proc.stderr.read()
            assert time.monotonic() < deadline, "misp-modules did not start"
            time.sleep(0.3)
        proc.send_signal(signal.SIGTERM)
        proc.wait(15)
        # No orphan holds the port: nothing answers, and a new server could bind it.
        time.sleep(0.5)
        assert not answers(port)
        with socket.socket() as s:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(("127.0.0.1", port))
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)  # only the group this test started
        proc.wait()


def test_a_taken_port_is_a_one_line_error():
    host = "127.0.0.1"
    with socket.socket() as taken:
        taken.bind((host, 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = serve(port)
        _, err = proc.communicate(timeout=60)
    assert proc.returncode == 2
    assert (
        err.strip()
        == f"orkl-misp: port {port} on {host} is already in use (another server? try --port)"
    )

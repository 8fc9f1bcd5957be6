"""Faults from outside (issue 15): slow and broken servers, full and read-only disks, corrupt
libraries, killed writers. Real sockets on loopback and real processes; nothing is lost."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from orkl_fake import FakeOrkl, install, make_entries
from werkzeug.wrappers import Response

from misp_module.core.files import atomic_write, remove_stale_tmp
from misp_module.orkl.client import OrklClient, OrklUnavailable
from misp_module.orkl.library import Library, LibraryError
from misp_module.orkl.sync import import_files, last_sync_missing, sync

from conftest import EU_DECLARATION

CLI = [sys.executable, "-m", "misp_module.cli"]
EU_SHA1 = "fea6b7aed1e060e78366ceb11657592c0c3694a8"


def run(*args, env=None, timeout=120):
    return subprocess.run(
        [*CLI, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )


def one_line_error(done, code=3):
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    return done.stderr


# --- a server that answers too slowly, or not whole ---------------------------------------------


class RawServer:
    """A loopback TCP server that answers every request with ``answer(conn)``, one thread each."""

    def __init__(self, answer) -> None:
        self.answer = answer
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/api/v1"
        self.connections = 0
        self.stop = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        self.sock.settimeout(0.2)
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._one, args=(conn,), daemon=True).start()

    def _one(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(5)
            data = b""
            while b"\r\n\r\n" not in data:
                chunk = conn.recv(4096)
                if not chunk:
                    return
                data += chunk
            with contextlib.suppress(OSError):  # the client hung up: what a deadline does
                self.answer(conn, self.stop)

    def close(self) -> None:
        self.stop.set()
        self.sock.close()


BODY = json.dumps({"data": [], "message": "ok", "status": "success"}).encode()
HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n"


def slow_loris(conn, stop):
    """Headers at once, then the body one byte a second: no read ever times out."""
    conn.sendall(HEAD % len(BODY))
    for byte in BODY:
        if stop.wait(1.0):
            return
        conn.sendall(bytes([byte]))


def slow_headers(conn, stop):
    for byte in HEAD % len(BODY):
        if stop.wait(1.0):
            return
        conn.sendall(bytes([byte]))


def truncated(conn, stop):
    conn.sendall(HEAD % 1000 + BODY[:10])  # promises 1000 bytes, sends 10, hangs up


@pytest.fixture
def server(request):
    srv = RawServer(request.param)
    yield srv
    srv.close()


@pytest.mark.parametrize("server", [slow_loris, slow_headers], indirect=True)
def test_a_trickling_server_meets_the_total_deadline(server):
    started = time.monotonic()
    with pytest.raises(OrklUnavailable, match=r"no complete answer within 1.5 s"):
        OrklClient(server.url, rate=0, tries=3, deadline=1.5, timeout=(2, 5)).entries()
    assert time.monotonic() - started < 3.5  # one deadline, not three tries of per-read timeouts
    assert server.connections == 1


@pytest.mark.parametrize("server", [slow_loris], indirect=True)
def test_sync_and_the_module_against_a_slow_loris(server, tmp_path, monkeypatch):
    started = time.monotonic()
    done = run(
        "sync", "--library", str(tmp_path / "l.sqlite3"), "--api-url", server.url, "--deadline", "2"
    )
    elapsed = time.monotonic() - started
    assert "no complete answer within 2 s" in one_line_error(done)
    assert elapsed < 15  # was: past 150 s
    assert not (tmp_path / "l.sqlite3").exists()

    from misp_module.module import handler

    q = {
        "module": "orkl_attribution",
        "event_id": "7",  # without one, MISP's hover: local data only
        "attribute": {"type": "sha1", "value": "b" * 40, "uuid": "x", "category": "Other"},
        "config": {"timeout": "1.5"},
    }
    monkeypatch.setenv("ORKL_API_URL", server.url)  # the server's own (misp/policy.py)
    monkeypatch.setenv("ORKL_MISP_LIBRARY", str(tmp_path / "m.db"))
    handler(json.dumps(q).encode())  # the first query also imports and builds what it needs
    started = time.monotonic()
    answer = handler(json.dumps(q).encode())
    assert "no complete answer within 1.5 s" in answer["error"]
    assert time.monotonic() - started < 3  # was: 247 s


@pytest.mark.parametrize("server", [truncated], indirect=True)
def test_a_truncated_body_is_retried_then_named(server, tmp_path):
    done = run(
        "sync", "--library", str(tmp_path / "l.sqlite3"), "--api-url", server.url, "--tries", "2"
    )
    assert "the answer was cut short after 2 tries" in one_line_error(done)


# --- network failures: named at once, not retried -------------------------------------------------


def test_a_name_that_does_not_resolve_is_not_retried(monkeypatch):
    calls = []

    def no_dns(host, *args, **kwargs):
        calls.append(host)
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    with pytest.raises(OrklUnavailable, match=r"the host name 'orkl\.invalid' does not resolve"):
        OrklClient("http://orkl.invalid/api/v1", rate=0, tries=5).entries()
    assert calls == ["orkl.invalid"]


def test_a_refused_connection_fails_fast_with_default_tries(tmp_path):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    started = time.monotonic()
    done = run(
        "sync", "--library", str(tmp_path / "l.sqlite3"), "--api-url", f"http://127.0.0.1:{port}/v1"
    )
    assert f"connection refused by 127.0.0.1:{port}; not retried" in one_line_error(done)
    assert time.monotonic() - started < 10  # was 15 s and more: five tries, twice
    assert not (tmp_path / "l.sqlite3").exists()


@pytest.mark.parametrize("url", ["not-a-url", "ftp://orkl.example/api", "http://"])
def test_a_bad_api_url_is_one_line(url, tmp_path):
    done = run("show", "f" * 40, "--library", str(tmp_path / "l.sqlite3"), "--api-url", url)
    assert "not a usable URL" in one_line_error(done)


# --- Retry-After -------------------------------------------------------------------------------


@pytest.fixture
def orkl(httpserver):
    fake = FakeOrkl(make_entries(250))
    fake.url = install(httpserver, fake)
    return fake


def test_retry_after_beyond_the_maximum_stops_and_says_when(orkl, tmp_path):
    busy = Response("busy", status=429, headers={"Retry-After": "3600"})
    orkl.faults = [lambda r: None, lambda r: busy]  # the first page goes through
    with Library(tmp_path / "l.sqlite3") as library:
        started = time.monotonic()
        with pytest.raises(OrklUnavailable, match=r"asks to wait 3600 s .*come back after \d{4}-"):
            sync(library, OrklClient(orkl.url, rate=0))
        assert time.monotonic() - started < 5  # no minute-by-minute hammering
        assert library.count() == 100 and last_sync_missing(library)  # checkpoint kept
        assert len(orkl.pages) == 2


def test_retry_after_within_the_maximum_is_honoured_in_full(orkl, tmp_path):
    orkl.faults = [lambda r: Response("busy", status=503, headers={"Retry-After": "2"})]
    started = time.monotonic()
    page = OrklClient(orkl.url, rate=0, max_wait=2.5).entries()
    assert len(page) == 100 and time.monotonic() - started >= 2  # not capped


# --- the library's file: corrupt, full, read-only -------------------------------------------------


def make_library(path: Path, n: int = 30) -> list[dict]:
    entries = make_entries(n)
    dump = path.parent / "dump.json"
    dump.write_text(json.dumps(entries))
    with Library(path) as library:
        import_files(library, [str(dump)])
    return entries


def test_corrupt_pages_are_one_line_with_the_path(tmp_path):
    lib = tmp_path / "lib.sqlite3"
    entries = make_library(lib)
    data = bytearray(lib.read_bytes())
    page = 4096
    for offset in range(2 * page, len(data), page):  # every page but the header's
        data[offset : offset + 64] = b"\xa5" * 64
    lib.write_bytes(bytes(data))
    done = run("show", entries[3]["sha1_hash"], "--library", str(lib), "--offline")
    err = one_line_error(done)
    assert str(lib) in err and ("malformed" in err or "not a database" in err)
    lib.write_bytes(b"this is no database at all" * 100)
    done = run("import", str(EU_DECLARATION), "--library", str(lib))
    assert str(lib) in one_line_error(done)


def test_a_failed_open_leaves_no_file_descriptor(tmp_path):
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"not a database" * 1000)
    before = len(os.listdir("/proc/self/fd"))
    for _ in range(20):
        with pytest.raises(LibraryError, match="bad.sqlite3"):
            Library(bad)
    assert len(os.listdir("/proc/self/fd")) == before


def test_disk_full_during_import(tmp_path):
    """A real full disk: a 1 MB tmpfs in a private mount namespace (unshare)."""
    mnt = tmp_path / "small"
    mnt.mkdir()
    dump = tmp_path / "dump.json"
    dump.write_text(json.dumps(make_entries(300)))  # a few MB
    script = f"""
set -e
mount -t tmpfs -o size=1m tmpfs {mnt}
{sys.executable} -m misp_module.cli import {EU_DECLARATION} --library {mnt}/lib.sqlite3 2>/dev/null
{sys.executable} -m misp_module.cli import {dump} --library {mnt}/lib.sqlite3 2>{tmp_path}/err \
  || echo "exit $?" > {tmp_path}/rc
{sys.executable} -m misp_module.cli show {EU_SHA1} --offline \
  --library {mnt}/lib.sqlite3 > {tmp_path}/shown 2>{tmp_path}/err2 || echo "exit $?" >> {tmp_path}/rc
"""
    subprocess.run(["unshare", "-rm", "sh", "-c", script], check=True, timeout=120, env=os.environ)
    err = (tmp_path / "err").read_text()
    assert (tmp_path / "rc").read_text().splitlines() == ["exit 3"], err
    assert "Traceback" not in err and f"{mnt}/lib.sqlite3" in err and "full" in err
    assert len(err.strip().splitlines()) == 1  # no per-batch noise, one line
    # What was stored before the disk filled is whole and readable.
    assert json.loads((tmp_path / "shown").read_text())["sha1_hash"] == EU_SHA1


def test_a_library_on_read_only_storage_is_still_readable(tmp_path):
    mnt = tmp_path / "ro"
    mnt.mkdir()
    entries = make_library(tmp_path / "lib.sqlite3")
    wanted = entries[7]
    script = f"""
set -e
mount -t tmpfs tmpfs {mnt}
cp {tmp_path}/lib.sqlite3 {mnt}/lib.sqlite3
mount -o remount,ro {mnt}
{sys.executable} -m misp_module.cli show {wanted["sha1_hash"]} --offline \
  --library {mnt}/lib.sqlite3 > {tmp_path}/shown 2>{tmp_path}/err1 || echo "show $?" >> {tmp_path}/rc
{sys.executable} -m misp_module.cli import {EU_DECLARATION} --library {mnt}/lib.sqlite3 \
  2>{tmp_path}/err2 || echo "import $?" >> {tmp_path}/rc
"""
    subprocess.run(["unshare", "-rm", "sh", "-c", script], check=True, timeout=120, env=os.environ)
    assert (tmp_path / "rc").read_text().splitlines() == ["import 3"]
    assert json.loads((tmp_path / "shown").read_text())["id"] == wanted["id"]
    err = (tmp_path / "err2").read_text()
    assert "read-only storage" in err and "Traceback" not in err


def test_a_bad_state_path_is_one_line(httpserver, tmp_path):
    from misp_fake import FakeMisp
    from misp_fake import install as install_misp

    key = "k3yS3cr3tZZZZ0123456789abcdefghijklmnopq"
    url = install_misp(httpserver, FakeMisp(key))
    (tmp_path / "file").write_text("")
    state = tmp_path / "file" / "state.json"  # under a file: no folder can be made there
    done = run("watch", "--misp-url", url, "--state", str(state), "--once", env={"MISP_KEY": key})
    err = one_line_error(done, code=2)  # watch's lock beside the state file says it first
    assert str(state) in err and key not in err


# --- leftovers of a killed writer ----------------------------------------------------------------


def test_kill_9_during_galaxy_regenerate_leaves_nothing_behind(tmp_path):
    out = tmp_path / "out"
    args = ["galaxy", "regenerate", "--records", str(EU_DECLARATION), "--out", str(out)]
    # The real command, with fsync slowed so the kill lands while a temporary file exists.
    slow = (
        "import os, sys, time; real = os.fsync; "
        "os.fsync = lambda fd: (time.sleep(60), real(fd)); "
        "from misp_module.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    proc = subprocess.Popen([sys.executable, "-c", slow, *args], stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not list(out.rglob("*.tmp")):
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
    (leftover,) = out.rglob("*.tmp")
    assert f".{proc.pid}." in leftover.name
    done = run(*args)
    assert done.returncode == 0, done.stderr
    assert not list(out.rglob("*.tmp"))
    for path in out.rglob("*.json"):
        json.loads(path.read_text())


def test_a_live_writers_temporary_file_is_left_alone(tmp_path):
    atomic_write(tmp_path / "a.json", "{}")
    live = tmp_path / f".b.json.{os.getppid()}.abcdefgh.tmp"  # our parent is alive
    dead = tmp_path / ".b.json.999999999.abcdefgh.tmp"  # above any pid_max
    live.write_text("")
    dead.write_text("")
    assert remove_stale_tmp(tmp_path) == [dead]
    assert live.exists()


def test_a_malformed_index_cache_is_rebuilt(tmp_path):
    cache = tmp_path / "cache"
    env = {"ORKL_MISP_CACHE": str(cache)}
    first = run("enrich", str(EU_DECLARATION), env=env)
    assert first.returncode == 0 and list(cache.iterdir())
    for path in cache.iterdir():
        path.write_bytes(b"\x80\x05garbage, not a pickle")
    again = run("enrich", str(EU_DECLARATION), env=env)
    assert again.returncode == 0, again.stderr
    assert again.stdout == first.stdout
    shutil.rmtree(cache)
    cache.write_text("a file where the cache folder should be")
    third = run("enrich", str(EU_DECLARATION), env=env)
    assert third.returncode == 0 and third.stdout == first.stdout, third.stderr

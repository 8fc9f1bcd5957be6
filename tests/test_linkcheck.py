"""Link checks of galaxy refs: HEAD only, per-host rate limit, bounded, loopback servers only."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import pairwise

import pytest

from misp_module.galaxy.linkcheck import LinkChecker

from conftest import make_entry


class _Recorder(BaseHTTPRequestHandler):
    def _answer(self) -> None:
        self.server.seen.append(
            (self.command, self.path, self.headers.get("Host"), time.monotonic(), self.headers)
        )
        path = self.path.split("?")[0]
        if path == "/slow":
            time.sleep(1.5)
        code = {"/gone": 404, "/moved": 301, "/refused": 403, "/nohead": 405}.get(path, 200)
        self.send_response(code)
        if code == 301:
            self.send_header("Location", self.server.elsewhere)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_HEAD = do_GET = _answer

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def servers():
    """Two loopback servers: the refs' host, and the host a redirect points to."""
    started = []
    for _ in range(2):
        srv = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
        srv.seen = []
        srv.daemon_threads = True
        threading.Thread(target=srv.serve_forever, daemon=True).start()
        started.append(srv)
    main, other = started
    main.elsewhere = f"http://127.0.0.1:{other.server_port}/target"
    yield main, other
    for srv in started:
        srv.shutdown()
        srv.server_close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_statuses_head_only_no_redirect_followed(servers):
    main, other = servers
    base = f"http://127.0.0.1:{main.server_port}"
    closed = f"http://127.0.0.1:{_free_port()}/page"
    urls = [f"{base}/{p}" for p in ("ok", "gone", "moved", "refused", "nohead", "slow")]
    checker = LinkChecker(per_host_interval=0, timeout=0.5)
    got = checker.check([*urls, closed, urls[0], "ftp://example.org/x"])
    assert {u: s.status for u, s in got.items()} == {
        f"{base}/ok": "ok",
        f"{base}/gone": "gone",
        f"{base}/moved": "moved",
        f"{base}/refused": "refused",
        f"{base}/nohead": "no-head",
        f"{base}/slow": "unreachable",
        closed: "unreachable",
        "ftp://example.org/x": "not-http",
    }
    assert {u for u, s in got.items() if s.dead} == {f"{base}/gone", f"{base}/slow", closed}
    assert got[f"{base}/moved"].detail == main.elsewhere
    assert other.seen == []  # the redirect was reported, not followed
    seen = [(method, path) for method, path, *_ in main.seen]
    assert sorted(seen) == sorted(
        ("HEAD", f"/{p}") for p in ("ok", "gone", "moved", "refused", "nohead", "slow")
    )
    assert all(
        "orkl-misp/" in h["User-Agent"] and "link check" in h["User-Agent"] for *_, h in main.seen
    )


def test_one_host_is_rate_limited_and_requests_are_bounded(servers):
    main, _ = servers
    port = main.server_port
    # 127.0.0.1 and localhost are two hosts for the limit, though one server here.
    urls = [f"http://127.0.0.1:{port}/ok?n={i}" for i in range(4)]
    urls += [f"http://localhost:{port}/ok?n={i}" for i in range(2)]
    checker = LinkChecker(per_host_interval=0.3, timeout=5, max_requests=5)
    got = checker.check(urls)
    assert [got[u].status for u in urls] == ["ok"] * 4 + ["ok", "not-checked"]
    assert len(main.seen) == 5 and checker.requests_made == 5
    by_host: dict[str, list[float]] = {}
    for _, _, host, at, _ in main.seen:
        by_host.setdefault(host.split(":")[0], []).append(at)
    times = sorted(by_host["127.0.0.1"])
    assert len(times) == 4
    # At least the interval between two requests to one host (slower is fine; never faster).
    assert min(b - a for a, b in pairwise(times)) >= 0.3 - 0.01


def test_archive_links_check_links_reports_dead_refs_with_their_copy(servers, tmp_path):
    from misp_module.orkl.library import Library
    from misp_module.orkl.sync import import_files

    main, other = servers
    base = f"http://127.0.0.1:{main.server_port}"
    refs = [f"{base}/ok", f"{base}/gone", f"{base}/moved"]
    galaxy = tmp_path / "galaxy"
    (galaxy / "clusters").mkdir(parents=True)
    cluster = {
        "authors": ["t"],
        "category": "actor",
        "description": "Loopback refs.",
        "name": "Loopback",
        "source": "test",
        "type": "loopback",
        "uuid": "0d6b5bd2-8d1b-4bd2-9d8c-000000000000",
        "values": [
            {
                "meta": {"refs": refs},
                "uuid": "0d6b5bd2-8d1b-4bd2-9d8c-000000000001",
                "value": "Loopback actor",
            }
        ],
        "version": 1,
    }
    (galaxy / "clusters" / "loopback.json").write_text(json.dumps(cluster, indent=2))
    gone = make_entry("Gone report.", title="Gone", references=[f"{base}/gone/"])
    (tmp_path / "gone.json").write_text(json.dumps(gone.raw))
    lib = tmp_path / "lib.sqlite3"
    with Library(lib) as library:
        import_files(library, [str(tmp_path / "gone.json")])
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "misp_module.cli",
            "galaxy",
            "archive-links",
            "--galaxy-dir",
            str(galaxy),
            "--library",
            str(lib),
            "--check-links",
            "--per-host-interval",
            "0",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "3 refs in 1 clusters; 1 with an ORKL copy; 1 no longer answer" in done.stderr
    dead = done.stdout.split("## References that no longer answer")[1]
    rows = [line for line in dead.splitlines() if line.startswith("| loopback")]
    assert rows == [
        f"| loopback Loopback actor (0d6b5bd2-8d1b-4bd2-9d8c-000000000001) | {base}/gone | gone 404 "
        f"| https://archive.orkl.eu/{gone.sha1}.pdf |"
    ]
    assert sorted(path for _, path, *_ in main.seen) == ["/gone", "/moved", "/ok"]
    assert other.seen == []

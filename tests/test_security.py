"""The module's open port is not a way into the server (issue 14).

Each attack of the issue runs against the real misp-modules server on loopback (the server
`orkl-misp serve` runs), configured the way `serve` configures it: its own ORKL API (a fake on
loopback), its own library and cache folder. A request may choose only among what that
configuration allows. A canary HTTP server stands for any other host: it must see nothing.
"""

from __future__ import annotations

import copy
import itertools
import json
import os
import pickle
import random
import re
import sqlite3
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug.wrappers import Request, Response

from misp_module.core import galaxy_index
from misp_module.core.rules import shipped
from misp_module.misp.server import ModuleServer
from misp_module.orkl.library import Library
from misp_module.orkl.sync import import_files

from conftest import EU_DECLARATION, EU_URL, OPENCTI

EU_SHA1 = "fea6b7aed1e060e78366ceb11657592c0c3694a8"
CRAFTED_SHA1 = "c0ffee" + "0" * 34
MISMATCH_SHA1 = "d" * 40  # the allowed API answers another entry for it
REDIRECT_OUT_SHA1 = "e" * 40  # ... redirects to the canary
REDIRECT_LOOP_SHA1 = "f" * 40  # ... redirects to itself, forever
REDIRECT_FILE_SHA1 = "a" * 39 + "b"  # ... redirects to file://


def crafted_entry(sha1: str = CRAFTED_SHA1) -> dict:
    """What an attacker's 'ORKL' answers: the EU declaration's URL, other actors, another state."""
    e = copy.deepcopy(json.loads(EU_DECLARATION.read_text()))
    e["id"] = "6e6e6e6e-0000-4000-8000-000000000001"
    e["sha1_hash"] = sha1
    e["title"] = "CRAFTED: the United States attributes this to Russia"
    e["plain_text"] = "The United States attributes this to Russia: APT28 and Sandworm. " * 20
    e["threat_actors"] = [
        {"main_name": "APT28", "source_id": "MISPGALAXY", "source_name": "MISP Galaxy"},
        {"main_name": "Sandworm", "source_id": "MISPGALAXY", "source_name": "MISP Galaxy"},
    ]
    return e


def envelope(data, status=200):
    body = {"data": data, "message": "ok", "status": "success" if data else "error"}
    return Response(json.dumps(body), status=status, content_type="application/json")


class Canary:
    """Any host but the server's own ORKL API. Answers everything with the crafted entry."""

    def __init__(self) -> None:
        self.server = HTTPServer(host="127.0.0.1", port=0)
        self.server.expect_request(re.compile(".*")).respond_with_handler(
            lambda request: envelope(crafted_entry())
        )
        self.server.start()
        self.url = self.server.url_for("/internal/admin?token=x").replace("?token=x", "")

    @property
    def requests(self) -> list[str]:
        return [r.full_path for r, _ in self.server.log]

    def stop(self) -> None:
        self.server.clear()
        if self.server.is_running():
            self.server.stop()


class ServerOrkl:
    """The server's own (allowed) ORKL API, with the misbehaviours a compromised one shows."""

    def __init__(self, canary_url: str) -> None:
        self.canary_url = canary_url
        self.paths: list[str] = []
        self.server = HTTPServer(host="127.0.0.1", port=0)
        self.server.expect_request(re.compile(".*")).respond_with_handler(self.handle)
        self.server.start()
        self.api = self.server.url_for("/api/v1")

    def handle(self, request: Request) -> Response:
        self.paths.append(request.path)
        wanted = request.path.rsplit("/", 1)[-1]
        if wanted == MISMATCH_SHA1:
            return envelope(crafted_entry())  # not the entry asked for
        if wanted == REDIRECT_OUT_SHA1:
            return Response(status=302, headers={"Location": self.canary_url + "/steal"})
        if wanted == REDIRECT_LOOP_SHA1:
            return Response(status=302, headers={"Location": request.path})
        if wanted == REDIRECT_FILE_SHA1:
            return Response(status=302, headers={"Location": "file:///etc/passwd"})
        return envelope(None, status=404)

    def stop(self) -> None:
        self.server.clear()
        if self.server.is_running():
            self.server.stop()


def query(a_type, value, config=None, event_id="7"):
    q = {
        "module": "orkl_attribution",
        "attribute": {
            "type": a_type,
            "value": value,
            "uuid": "0b1a8a55-3e2f-4c55-8f0e-1d5a2b8c9e01",
        },
        "config": {"offline": "false", **(config or {})},
    }
    if event_id:  # a hover carries none
        q["event_id"] = event_id
    return q


def tags(answer) -> set[str]:
    return {t["name"] for t in answer["results"].get("Tag", [])}


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """The canary, the server's ORKL, its library and cache, and the live server."""
    root = tmp_path_factory.mktemp("security")
    canary = Canary()
    orkl = ServerOrkl(canary.url)
    lib = root / "server" / "library.sqlite3"
    lib.parent.mkdir()
    with Library(lib) as library:
        import_files(library, [str(EU_DECLARATION), str(OPENCTI)])
    cache = root / "server-cache"
    env = {
        "ORKL_API_URL": orkl.api,
        "ORKL_MISP_LIBRARY": str(lib),
        "ORKL_MISP_CACHE": str(cache),
        "ORKL_MISP_OFFLINE": "",
    }
    server = ModuleServer(env=env)
    server.start()
    try:
        yield {"root": root, "canary": canary, "orkl": orkl, "lib": lib, "server": server}
    finally:
        server.stop()
        canary.stop()
        orkl.stop()


def assert_eu_is_intact(server):
    answer = server.query(query("link", EU_URL))
    (report,) = answer["results"]["EventReport"]
    assert report["name"].startswith("ORKL: China: Declaration")
    assert 'misp-galaxy:threat-actor="APT40"' in tags(answer)
    assert not any("APT28" in t or "Sandworm" in t or '"RU"' in t for t in tags(answer))


# --- 1. library poisoning, 2. server-side request forgery -----------------------------------


def test_api_url_of_a_request_is_refused_and_the_canary_sees_nothing(world):
    server, canary = world["server"], world["canary"]
    for api in (canary.url, canary.url + "/internal/admin?next=/", "file:///etc/passwd"):
        answer = server.query(query("sha1", CRAFTED_SHA1, {"api_url": api}))
        assert "setting api_url: not an ORKL API this server allows" in answer["error"]
    assert canary.requests == []
    with Library(world["lib"]) as library:
        assert library.by_sha1(CRAFTED_SHA1) is None
    assert_eu_is_intact(server)


def test_the_servers_own_api_answering_another_entry_is_not_stored(world):
    server = world["server"]
    answer = server.query(query("sha1", MISMATCH_SHA1))
    assert f"asked for sha1 {MISMATCH_SHA1}, answered entry" in answer["error"]
    assert "not used, not stored" in answer["error"]
    with Library(world["lib"]) as library:
        assert library.by_sha1(CRAFTED_SHA1) is None
        assert library.by_sha1(MISMATCH_SHA1) is None
    assert_eu_is_intact(server)


def test_redirects_leave_neither_the_host_nor_http_and_stop_after_a_few(world):
    server, canary, orkl = world["server"], world["canary"], world["orkl"]
    answer = server.query(query("sha1", REDIRECT_OUT_SHA1))
    assert "redirected to another host or scheme" in answer["error"]
    answer = server.query(query("sha1", REDIRECT_FILE_SHA1))
    assert "redirected to another host or scheme (file://" in answer["error"]
    assert canary.requests == []
    before = len(orkl.paths)
    answer = server.query(query("sha1", REDIRECT_LOOP_SHA1))
    assert "more than 3 redirects" in answer["error"]
    assert len(orkl.paths) - before == 4  # the request and 3 redirects, no retry


# --- 3. file writes, 4. file reads ---------------------------------------------------------


def test_library_and_galaxy_dir_of_a_request_write_and_read_nothing(world):
    server, root = world["server"], world["root"]
    other_app = root / "other-app" / "app.db"
    other_app.parent.mkdir()
    with sqlite3.connect(other_app) as db:
        db.execute("CREATE TABLE accounts (name TEXT)")
    db.close()
    before = other_app.read_bytes()
    fresh = root / "attacker" / "new-folder" / "lib.sqlite3"
    secret = root / "secret-galaxy"
    (secret / "clusters").mkdir(parents=True)
    (secret / "clusters" / "threat-actor.json").write_text(
        json.dumps({"type": "threat-actor", "values": [{"value": "SECRET-VALUE-1234"}]})
    )
    for name, value in (
        ("library", str(fresh)),
        ("library", str(other_app)),
        ("library", "../../../../tmp/x.sqlite3"),
        ("galaxy_dir", str(secret)),
    ):
        answer = server.query(query("link", EU_URL, {name: value}))
        assert f"setting {name}: not one this server allows" in answer["error"]
        assert str(root) not in answer["error"]
    assert not (root / "attacker").exists()
    assert other_app.read_bytes() == before
    assert not Path(f"{other_app}-wal").exists()
    with sqlite3.connect(other_app) as db:
        assert [r[0] for r in db.execute("SELECT name FROM sqlite_master")] == ["accounts"]
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    db.close()


def test_galaxy_names_are_names_and_errors_reveal_no_server_path(world, tmp_path):
    server = world["server"]
    secret = tmp_path / "secret.json"
    secret.write_text(json.dumps({"type": "x", "values": [{"value": "SECRET-VALUE-1234"}]}))
    for galaxies in (
        str(secret.with_suffix("")),
        "../../../../../" + str(secret.with_suffix("")).lstrip("/"),
        "threat-actor,..",
    ):
        answer = server.query(query("link", EU_URL, {"galaxies": galaxies}))
        assert "is not a galaxy name (a name such as threat-actor, never a path)" in answer["error"]
        assert "SECRET" not in json.dumps(answer)
    answer = server.query(query("link", EU_URL, {"galaxies": "threat-actr"}))
    assert "no cluster file for galaxy 'threat-actr'" in answer["error"]
    assert "did you mean 'threat-actor'?" in answer["error"]
    for path in (sys.prefix, "site-packages", str(world["root"]), os.path.expanduser("~")):
        assert path not in answer["error"]


# --- 5. memory, cache files ----------------------------------------------------------------


def _rss(pid: int) -> tuple[int, int]:
    """(current, peak) resident memory of a process, in MB."""
    status = Path(f"/proc/{pid}/status").read_text()
    kb = {k: int(v.split()[0]) for k, v in re.findall(r"^(VmRSS|VmHWM):\s+(.+)$", status, re.M)}
    return kb["VmRSS"] // 1024, kb["VmHWM"] // 1024


def _synthetic_galaxies(folder: Path, galaxies: int, clusters: int) -> list[str]:
    """Galaxies of made-up clusters: each index of them costs a known share of memory."""
    names = []
    for g in range(galaxies):
        name = f"synthetic-{g:02d}"
        values = [
            {
                "value": f"Zq{g}x{i} Unit",
                "uuid": f"{g:08d}-0000-4000-8000-{i:012d}",
                "meta": {"synonyms": [f"ZQ-{g}-{i}", f"Zqx{g}{i}"]},
            }
            for i in range(clusters)
        ]
        data = {"type": name, "name": name, "version": 1, "values": values}
        (folder / "clusters").mkdir(parents=True, exist_ok=True)
        (folder / "clusters" / f"{name}.json").write_text(json.dumps(data))
        names.append(name)
    return names


# The bound this test holds for its galaxies (1,000 clusters each; see README, Security).
MEMORY_BOUND_MB = 300


def test_twenty_five_galaxy_lists_stay_within_the_memory_bound(tmp_path):
    """Kept all, these 25 indexes take about 480 MB more; with the LRU, about 90 MB."""
    cache, galaxy_dir = tmp_path / "cache", tmp_path / "galaxy"
    names = _synthetic_galaxies(galaxy_dir, 12, 1000)
    combos = [c for n in (1, 2, 3, 4) for c in itertools.combinations(names, n)]
    lists = [",".join(c) for c in random.Random(14).sample(combos, 25)]
    assert len(set(lists)) == 25
    env = {
        "ORKL_MISP_OFFLINE": "true",
        "ORKL_MISP_CACHE": str(cache),
        "ORKL_MISP_ALLOWED_GALAXY_DIRS": str(galaxy_dir),
    }
    with ModuleServer(env=env) as server:
        pid = server.proc.pid
        start, _ = _rss(pid)
        for galaxies in lists:
            config = {"galaxies": galaxies, "galaxy_dir": str(galaxy_dir)}
            answer = server.query(query("link", EU_URL, config), timeout=30)
            assert "results" in answer, answer
        # While an index builds, a query whose index is in memory does not wait for it.
        with ThreadPoolExecutor(2) as pool:
            config = {"galaxies": lists[3], "galaxy_dir": str(galaxy_dir)}
            pool.submit(server.query, query("link", EU_URL, config))
            began = time.monotonic()
            config = {"galaxies": lists[24], "galaxy_dir": str(galaxy_dir)}
            assert "results" in server.query(query("link", EU_URL, config))
            waited = time.monotonic() - began
        now, peak = _rss(pid)
    print(f"\nserver RSS: start {start} MB, after 25 galaxy lists {now} MB, peak {peak} MB")
    assert waited < 2
    assert peak < MEMORY_BOUND_MB
    files = list(cache.glob("index-*"))
    assert len(files) <= galaxy_index.KEEP_PER_SOURCE


# --- 6. huge values ------------------------------------------------------------------------


def test_huge_values_are_refused_at_once_and_never_echoed(world):
    server = world["server"]
    for a_type, value in (
        ("link", "https://x.example/" + "a" * 20_000_000),
        ("sha1", "0" * 20_000_000),
    ):
        began = time.monotonic()
        answer = server.query(query(a_type, value))
        assert time.monotonic() - began < 1.0
        assert "refused" in answer["error"]
        assert len(answer["error"]) < 200
    answer = server.query(query("sha1", "z" * 70_000))
    assert "longer than MISP stores (65535 bytes): refused" in answer["error"]
    answer = server.query(query("sha1", "z" * 50_000))
    assert "… (50000 characters) is not a sha1" in answer["error"]
    assert len(answer["error"]) < 200


def test_twenty_huge_values_in_parallel(world):
    server = world["server"]
    value = "https://x.example/" + "a" * 2_000_000
    began = time.monotonic()
    with ThreadPoolExecutor(20) as pool:
        answers = list(pool.map(lambda _: server.query(query("link", value)), range(20)))
    assert time.monotonic() - began < 10
    assert all("refused" in a["error"] for a in answers)
    assert_eu_is_intact(server)


def test_an_entry_full_of_hits_is_scanned_within_the_cap(world):
    server = world["server"]
    big = crafted_entry("b16" + "0" * 37)
    big["id"] = "6e6e6e6e-0000-4000-8000-000000000002"
    big["references"] = ["https://reports.example/big"]
    big["plain_text"] = "APT40 and APT31 of China, attributed by the EU. " * 1_000_000  # 48 MB
    path = world["root"] / "big.json"
    path.write_text(json.dumps(big))
    with Library(world["lib"]) as library:
        import_files(library, [str(path)])
    began = time.monotonic()
    answer = server.query(query("link", "https://reports.example/big"))
    elapsed = time.monotonic() - began
    assert 'misp-galaxy:threat-actor="APT40"' in tags(answer)
    assert elapsed < 9  # the deadline: an answer past it would be the deadline error
    _, peak = _rss(server.proc.pid)
    print(f"\n48 MB entry: answered in {elapsed:.1f} s; server peak RSS {peak} MB")


# --- 7. code in the cache --------------------------------------------------------------------


class _Boom:
    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def _cache_names() -> list[str]:
    """The names the default index's cache had (a pickle, format 9) and has (MessagePack)."""
    root = galaxy_index.embedded_galaxy_dir()
    galaxies = galaxy_index.DEFAULT_GALAXIES
    files = galaxy_index.cluster_files(root, galaxies)
    rules = shipped()
    fingerprint = galaxy_index._fingerprint(files, galaxies, rules)
    new = f"index-{galaxy_index._source_key(root)}-{fingerprint}"
    current = galaxy_index._INDEX_FORMAT
    galaxy_index._INDEX_FORMAT = 9  # the last release with a pickled cache
    try:
        old = f"index-{galaxy_index._fingerprint(files, galaxies, rules)}.pickle"
    finally:
        galaxy_index._INDEX_FORMAT = current
    return [old, new + galaxy_index.CACHE_SUFFIX]


@pytest.mark.parametrize("shared", [True, False])
def test_a_planted_cache_does_not_run(tmp_path, monkeypatch, shared):
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    if shared:
        cache.chmod(0o1777)  # a folder every user can write, like /tmp
    marker = tmp_path / "ran"
    payload = pickle.dumps(_Boom(marker))
    for name in _cache_names():
        (cache / name).write_bytes(payload)
    env = {"ORKL_MISP_OFFLINE": "true", "ORKL_MISP_CACHE": str(cache)}
    with ModuleServer(env=env) as server:
        answer = server.query(query("link", EU_URL))
        log = server.log_text()
    assert not marker.exists()
    assert 'misp-galaxy:threat-actor="APT40"' in tags(answer)
    if shared:
        assert "is not this user's own" in log
        assert {p.name for p in cache.iterdir()} == set(_cache_names())  # untouched
    else:
        assert not list(cache.glob("*.pickle"))  # pruned: a pickle is never read again


def test_a_planted_data_cache_in_a_shared_folder_is_ignored(tmp_path, monkeypatch):
    """A cache that cannot run code could still lie: from a folder others write, never read."""
    cache = tmp_path / "cache"
    cache.mkdir()
    cache.chmod(0o777)
    monkeypatch.setenv("ORKL_MISP_CACHE", str(cache))
    galaxy_index._MEMO.clear()
    index = galaxy_index.build_index(
        galaxy_index.embedded_galaxy_dir(), galaxy_index.DEFAULT_GALAXIES, "poisoned"
    )
    apt28 = index.by_value["threat-actor"]["APT28"]
    index.by_ref[next(iter(index.by_ref))] = ((apt28, "x"),)
    name = _cache_names()[1]
    (cache / name).write_bytes(galaxy_index._to_bytes(index))
    try:
        loaded = galaxy_index.load_index()
    finally:
        galaxy_index._MEMO.clear()
    assert not loaded.source.startswith("poisoned")
    assert (
        loaded.by_ref
        == galaxy_index.build_index(
            galaxy_index.embedded_galaxy_dir(), galaxy_index.DEFAULT_GALAXIES, "real"
        ).by_ref
    )


def test_text_past_the_scan_cap_is_not_read(enricher, monkeypatch):
    from misp_module.core import enrich

    from conftest import make_entry

    monkeypatch.setattr(enrich, "MAX_SCAN_CHARS", 10_000)
    filler = "Nothing to see in this sentence at all. " * 300  # 12,000 characters
    before = enricher.enrich(make_entry("APT40 did it. " + filler))
    after = enricher.enrich(make_entry(filler + "APT40 did it."))
    assert any(m.value == "APT40" for m in before.matches)
    assert not any(m.value == "APT40" for m in after.matches)
    assert after.entry.text.endswith("APT40 did it.")  # the entry itself is kept whole


def test_attribution_past_its_cap_is_not_read(enricher, monkeypatch):
    from misp_module.core import enrich

    from conftest import make_entry

    monkeypatch.setattr(enrich, "MAX_ATTRIBUTION_CHARS", 10_000)
    said = "The United Kingdom attributes this campaign to Russia's GRU. "
    filler = "Nothing to see in this sentence at all. " * 300  # 12,000 characters
    before = enricher.enrich(make_entry(said + filler, title="UK statement"))
    after = enricher.enrich(make_entry(filler + said, title="UK statement"))
    assert before.attributions
    assert not after.attributions

"""ORKL client, sync and import, against a real HTTP server on loopback. No internet."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from orkl_fake import FakeOrkl, envelope, install, make_entries
from werkzeug.wrappers import Response

from misp_module import USER_AGENT
from misp_module.orkl.client import OrklApiError, OrklClient
from misp_module.orkl.library import Library, LibraryError
from misp_module.orkl.sync import SyncError, import_files, last_sync_missing, sync

from conftest import EU_DECLARATION, EU_URL, OPENCTI


@pytest.fixture
def orkl(httpserver):
    fake = FakeOrkl(make_entries(250))
    fake.url = install(httpserver, fake)
    return fake


def client(url, **kw):
    kw.setdefault("rate", 0)
    kw.setdefault("backoff", 0.01)
    kw.setdefault("timeout", (2, 2))
    return OrklClient(url, **kw)


@pytest.fixture
def library(tmp_path):
    with Library(tmp_path / "lib.sqlite3") as lib:
        yield lib


def stored_ids(library):
    return sorted(r[0] for r in library.db.execute("SELECT id FROM entries"))


def test_sync_pages_to_the_end(orkl, library):
    steps = []
    summary, problems = sync(
        library, client(orkl.url), progress=lambda done, total: steps.append((done, total))
    )
    assert (summary.added, summary.updated, summary.pages, problems) == (250, 0, 3, [])
    assert library.count() == 250
    assert orkl.requests[0].headers["User-Agent"] == USER_AGENT
    assert orkl.requests[0].path.endswith("/library/info")  # the total, for the progress
    assert [r.args["offset"] for r in orkl.pages] == ["0", "100", "200"]
    assert steps == [(100, 250), (200, 250), (250, 250)]
    assert {r.args["order_by"] for r in orkl.pages} == {"updated_at"}


def test_empty_page_is_null(orkl, library):
    orkl.entries = make_entries(200)
    summary, _ = sync(library, client(orkl.url))
    assert summary.added == 200 and summary.stopped == "reached the end of the library"
    assert orkl.pages[-1].args["offset"] == "200"  # answered {"data": null}


def test_incremental_sync_stops_at_the_last_one(orkl, library):
    sync(library, client(orkl.url))
    orkl.entries = make_entries(3, start=1000) + orkl.entries  # three newer entries
    orkl.requests.clear()
    summary, _ = sync(library, client(orkl.url))
    assert summary.added == 3 and summary.stopped == "caught up with the last sync"
    assert len(orkl.requests) == 1  # one page, and no count: this is not a first sync
    assert library.count() == 253


def test_429_with_retry_after_then_success(orkl, library):
    orkl.faults = [lambda r: Response("slow down", status=429, headers={"Retry-After": "0"})]
    started = time.monotonic()
    summary, _ = sync(library, client(orkl.url, backoff=30))  # Retry-After wins over backoff
    assert summary.added == 250 and time.monotonic() - started < 10
    assert orkl.pages[0].args["offset"] == orkl.pages[1].args["offset"] == "0"


def test_500_then_success(orkl, library):
    orkl.faults = [lambda r: Response("oops", status=500), lambda r: Response("oops", status=502)]
    summary, _ = sync(library, client(orkl.url))
    assert summary.added == 250 and len(orkl.pages) == 5


def test_server_errors_exhaust_the_tries(orkl, library):
    orkl.faults = [lambda r: Response("down", status=503)] * 3
    with pytest.raises(OrklApiError, match=r"HTTP 503 after 3 tries; giving up"):
        sync(library, client(orkl.url, tries=3))
    assert library.count() == 0


def test_timeout(orkl, library):
    orkl.slow_offsets = {100: 0.6}
    with pytest.raises(OrklApiError, match=r"no answer \(ReadTimeout\) after 2 tries"):
        sync(library, client(orkl.url, tries=2, timeout=(2, 0.3)))
    # The first page was committed before the timeout; the library is consistent.
    assert library.count() == 100
    time.sleep(1.5)  # let the server finish the abandoned requests before the next test


def test_garbage_body(orkl, library):
    orkl.faults = [lambda r: Response("<html>maintenance</html>", status=200)]
    with pytest.raises(OrklApiError, match="the answer is not JSON"):
        sync(library, client(orkl.url))
    assert library.count() == 0


def test_error_status_carries_the_message(orkl):
    orkl.faults = [lambda r: envelope(None, "invalid offset", status="error")]
    with pytest.raises(OrklApiError, match="status 'error': invalid offset"):
        client(orkl.url).entries()


def test_repeated_page_is_an_error_that_keeps_the_checkpoint(orkl, library):
    orkl.repeat_pages = True
    with pytest.raises(SyncError, match="offset 100 with entries this sync had already read"):
        sync(library, client(orkl.url))
    assert library.count() == 100 and last_sync_missing(library)  # never "caught up"
    orkl.repeat_pages = False  # ORKL healthy again: the next sync fetches everything
    summary, _ = sync(library, client(orkl.url))
    assert library.count() == 250 and summary.stopped == "reached the end of the library"


def test_cycling_pages_are_detected(orkl, library):
    orkl.faults = [
        lambda r: envelope(orkl.entries[(int(r.args["offset"]) // 100 % 2) * 100 :][:100])
    ] * 50  # pages A, B, A, B, ...
    with pytest.raises(SyncError, match="offset 200"):
        sync(library, client(orkl.url))
    assert library.count() == 200 and len(orkl.pages) == 3


def test_tombstone_removes_the_entry(orkl, library):
    sync(library, client(orkl.url))
    victim = orkl.entries[-1]
    gone = dict(victim, deleted_at="2026-10-01T00:00:00Z", updated_at="2026-10-01T00:00:00Z")
    orkl.entries = [gone] + orkl.entries[:-1]
    summary, _ = sync(library, client(orkl.url))
    assert summary.deleted == 1
    assert library.by_id(victim["id"]) is None and library.count() == 249


def test_malformed_entry_in_a_good_page_is_skipped(orkl, library):
    orkl.entries[5]["plain_text"] = {"not": "text"}
    summary, problems = sync(library, client(orkl.url))
    assert summary.added == 249 and summary.skipped["malformed"] == 1
    assert "entry 6" in problems[0] and "plain_text must be a string" in problems[0]


def test_interrupted_sync_resumes(orkl, library):
    summary, _ = sync(library, client(orkl.url), max_pages=1)
    assert library.count() == 100
    orkl.requests.clear()
    summary, _ = sync(library, client(orkl.url))
    assert orkl.pages[0].args["offset"] == "100"
    assert summary.added == 150 and library.count() == 250


def test_sync_killed_mid_run_loses_and_duplicates_nothing(orkl, tmp_path):
    orkl.slow_offsets = {200: 3}
    path = tmp_path / "lib.sqlite3"
    cmd = [
        sys.executable,
        "-m",
        "misp_module.cli",
        "sync",
        "--library",
        str(path),
        "--api-url",
        orkl.url,
        "--rate",
        "100",
    ]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not any(
        r.args.get("offset") == "200" for r in orkl.requests
    ):
        time.sleep(0.05)
    time.sleep(0.3)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with Library(path) as lib:
        assert lib.count() == 200
    orkl.slow_offsets = {}
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "resuming an interrupted sync at entry 200" in done.stderr
    assert "50 added, 0 updated" in done.stderr
    with Library(path) as lib:
        ids = stored_ids(lib)
    assert len(ids) == len(set(ids)) == 250


def test_api_url_from_the_environment(orkl, tmp_path):
    env = dict(os.environ, ORKL_API_URL=orkl.url, ORKL_MISP_LIBRARY=str(tmp_path / "l.sqlite3"))
    done = subprocess.run(
        [sys.executable, "-m", "misp_module.cli", "sync", "--rate", "100"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0 and "250 added" in done.stderr


def test_cli_reports_an_unreachable_api(tmp_path):
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "misp_module.cli",
            "sync",
            "--library",
            str(tmp_path / "l.sqlite3"),
            "--api-url",
            "http://127.0.0.1:9/api/v1",
            "--rate",
            "100",
            "--tries",
            "2",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 3
    assert "connection refused by 127.0.0.1:9; not retried" in done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.splitlines()) == 1
    assert not (tmp_path / "l.sqlite3").exists()  # a sync that fetched nothing leaves no library


def test_lookups_use_the_library_then_the_api(orkl, tmp_path):
    lib = tmp_path / "lib.sqlite3"
    base = [sys.executable, "-m", "misp_module.cli"]
    target = orkl.entries[7]
    # Not in the library yet, found through the API (and then stored).
    done = subprocess.run(
        base + ["show", target["sha1_hash"], "--library", str(lib), "--api-url", orkl.url],
        capture_output=True,
        text=True,
        timeout=60,
    )
    Library(lib).close()
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["id"] == target["id"]
    offline = subprocess.run(
        base + ["show", target["id"], "--library", str(lib), "--offline"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (
        offline.returncode == 0 and json.loads(offline.stdout)["sha1_hash"] == target["sha1_hash"]
    )
    missing = subprocess.run(
        base + ["enrich", "--sha1", "f" * 40, "--library", str(lib), "--offline"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert missing.returncode == 2 and "no such entry in the library" in missing.stderr


def test_import_every_shape_and_look_up_by_url(library, tmp_path):
    summary, problems = import_files(library, [str(EU_DECLARATION), str(OPENCTI)])
    assert summary.added == 2 and not problems
    assert library.by_url(EU_URL.rstrip("/")).sha1.startswith("fea6b7")
    assert library.find("https://archive.orkl.eu/fea6b7aed1e060e78366ceb11657592c0c3694a8.txt").id
    assert library.find("c9619381-3d02-4535-a1f6-98dd34440de6").sha1.startswith("fea6b7")
    summary, _ = import_files(library, [str(EU_DECLARATION)])
    assert summary.skipped["already imported"] == 1 and library.count() == 2


def test_interrupted_import_resumes(library, tmp_path, monkeypatch):
    dump = tmp_path / "library.json"
    dump.write_text(json.dumps(make_entries(25)))
    real_upsert = Library.upsert
    calls = {"n": 0}

    def dying_upsert(self, entry):
        calls["n"] += 1
        if calls["n"] == 13:
            raise KeyboardInterrupt
        return real_upsert(self, entry)

    monkeypatch.setattr(Library, "upsert", dying_upsert)
    with pytest.raises(KeyboardInterrupt):
        import_files(library, [str(dump)], batch=5)
    assert library.count() == 10  # two whole batches; the third rolled back
    monkeypatch.setattr(Library, "upsert", real_upsert)
    lines = []
    summary, _ = import_files(library, [str(dump)], batch=5, report=lines.append)
    assert lines[0].endswith("resuming after entry 10")
    assert summary.added == 15 and library.count() == 25


def test_query_threads_keep_a_library_open_and_reopen_one_replaced(tmp_path):
    """The module's look-ups reuse this thread's connection; a library replaced or removed
    under the running server is seen at the next query, as when each query opened it."""
    import threading

    from misp_module.core.entry import parse_entry
    from misp_module.orkl.lookup import held_library

    first, second = (parse_entry(e) for e in make_entries(2))
    path = tmp_path / "lib.sqlite3"
    with Library(path) as lib, lib.transaction():
        lib.upsert(first)
    with held_library(str(path)) as a:
        assert a.by_sha1(first.sha1).id == first.id
    with held_library(str(path)) as b:
        assert b is a  # the same open library
    seen = []
    worker = threading.Thread(target=lambda: seen.append(held_library(str(path)).__enter__()))
    worker.start()
    worker.join()
    assert seen[0] is not a  # a connection belongs to its thread

    fresh = tmp_path / "fresh.sqlite3"
    with Library(fresh) as lib, lib.transaction():
        lib.upsert(second)
    os.replace(fresh, path)  # an import into a new file, moved into place
    with held_library(str(path)) as c:
        assert c is not a
        assert c.by_sha1(second.sha1).id == second.id and c.by_sha1(first.sha1) is None


def test_a_query_thread_holds_at_most_max_held_libraries_open(tmp_path):
    """A request may choose among the libraries the server allows: a thread that has met more
    than MAX_HELD of them closes what it holds instead of keeping every file open."""
    import sqlite3

    from misp_module.core.entry import parse_entry
    from misp_module.orkl import lookup

    # this thread may still hold libraries of earlier tests: start from none, so the
    # eviction this test counts on is its own
    for held, _ in lookup._held.__dict__.pop("libraries", {}).values():
        held.close()
    (entry,) = (parse_entry(e) for e in make_entries(1))
    opened = []
    for i in range(lookup.MAX_HELD + 1):
        path = tmp_path / f"lib{i}.sqlite3"
        with Library(path) as lib, lib.transaction():
            lib.upsert(entry)
        with lookup.held_library(str(path)) as held:
            opened.append(held)
    assert len(lookup._held.libraries) <= lookup.MAX_HELD
    assert opened[-1].by_id(entry.id).sha1 == entry.sha1  # the newest is still open
    for old in opened[: lookup.MAX_HELD]:
        with pytest.raises((sqlite3.ProgrammingError, LibraryError)):
            old.by_id(entry.id)  # closed


def test_query_threads_see_the_default_library_come_and_go(tmp_path, monkeypatch):
    from misp_module.core.entry import parse_entry
    from misp_module.orkl.lookup import held_library

    path = tmp_path / "default.sqlite3"
    monkeypatch.setenv("ORKL_MISP_LIBRARY", str(path))
    with held_library(None) as none:
        assert none is None and not path.exists()  # never created by a query
    (entry,) = (parse_entry(e) for e in make_entries(1))
    with Library(path) as lib, lib.transaction():
        lib.upsert(entry)
    with held_library(None) as lib:
        assert lib.by_id(entry.id).sha1 == entry.sha1
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(f"{path}{suffix}"):
            os.unlink(f"{path}{suffix}")
    with held_library(None) as gone:
        assert gone is None


def test_import_loads_neither_the_http_client_nor_the_schema_validator(tmp_path):
    """`orkl-misp import` reads files: requests, tenacity and jsonschema (a tenth of a second
    each time it starts) are loaded only by sync and by an analyst's rules file."""
    dump = tmp_path / "library.json"
    dump.write_text(json.dumps(make_entries(3)))
    code = (
        "import sys; from misp_module import cli; "
        f"status = cli.main(['import', {str(dump)!r}, '--library', "
        f"{str(tmp_path / 'l.sqlite3')!r}, '-q']); "
        "print(status, sorted({'requests', 'tenacity', 'jsonschema'} & set(sys.modules)))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.split("\n")[0] == "0 []", done.stderr


def test_import_batches_by_text_reads_without_the_write_lock_and_commits_without_waiting(
    library, tmp_path, monkeypatch
):
    """A batch ends at ``batch`` entries or IMPORT_BATCH_CHARS of text (a bound on what is
    held in memory); no transaction is open while the file is read (another writer, the
    module storing an entry from ORKL, gets in between batches); the import's commits do not
    wait for the disk (WAL, synchronous NORMAL) and a batch fits its page cache; the settings
    are restored afterwards."""
    from misp_module.orkl import sync as sync_module
    from misp_module.orkl.library import BULK_CACHE_KB

    entries = make_entries(7)
    for i, e in enumerate(entries):
        e["plain_text"] = f"Report {i}. " + "x" * 990
    dump = tmp_path / "library.json"
    dump.write_text(json.dumps(entries))
    monkeypatch.setattr(sync_module, "IMPORT_BATCH_CHARS", 2000)  # two entries a batch
    events = []
    real_read = sync_module.read_entries

    def reading(paths, on_read=None):
        for item in real_read(paths, on_read):
            events.append(("read", library.db.conn.in_transaction))
            yield item

    real_upsert = Library.upsert

    def storing(self, entry):
        (mode,) = self.db.execute("PRAGMA synchronous").fetchone()
        (cache,) = self.db.execute("PRAGMA cache_size").fetchone()
        events.append(("stored", mode, cache))
        return real_upsert(self, entry)

    monkeypatch.setattr(sync_module, "read_entries", reading)
    monkeypatch.setattr(Library, "upsert", storing)
    summary, _ = import_files(library, [str(dump)], batch=3)
    assert summary.added == 7 and library.count() == 7
    read, stored = ("read", False), ("stored", 1, -BULK_CACHE_KB)  # 1: NORMAL; kB
    assert events == [read, read, stored, stored] * 3 + [read, stored]
    assert library.db.execute("PRAGMA synchronous").fetchone() == (2,)  # FULL again
    assert library.db.execute("PRAGMA cache_size").fetchone() == (-2000,)  # SQLite's default


def test_entries_are_stored_as_text_utf8_as_orjson_writes_it(library):
    """The stored JSON is a TEXT value (what sqlite3, other tools and older versions read),
    though handed to SQLite as orjson's bytes; non-ASCII text survives the round trip."""
    import orjson

    from misp_module.core.entry import parse_entry

    raw = make_entries(1)[0]
    raw["title"] = "Rapport – 報告 😀"
    entry = parse_entry(raw)
    with library.transaction():
        library.upsert(entry)
    kind, stored = library.db.execute("SELECT typeof(raw), raw FROM entries").fetchone()
    assert kind == "text" and stored == orjson.dumps(entry.raw).decode()
    assert library.by_id(entry.id).title == "Rapport – 報告 😀"


def test_a_library_without_a_write_ahead_log_keeps_full_sync_during_an_import(library):
    """synchronous = NORMAL is safe only in WAL mode (sqlite.org/pragma.html#pragma_synchronous):
    a library left in rollback-journal mode (a file system that refused WAL) keeps FULL."""
    library.db.execute("PRAGMA journal_mode = DELETE")
    with library.bulk_load():
        assert library.db.execute("PRAGMA synchronous").fetchone() == (2,)  # FULL
    library.db.execute("PRAGMA journal_mode = WAL")
    with library.bulk_load():
        assert library.db.execute("PRAGMA synchronous").fetchone() == (1,)  # NORMAL


def test_entries_read_back_as_stored_and_bad_text_is_a_library_error(tmp_path):
    """Entries are read as SQLite's bytes (library.py, _parse): every way to an entry gives
    the entry stored, one stored as json wrote a lone surrogate included, and a row that is
    not UTF-8 (not written by orkl-misp) is a one-line LibraryError naming the file."""
    from misp_module.core.entry import parse_entry

    raw = json.loads(EU_DECLARATION.read_text())
    stored = parse_entry(raw)
    odd = parse_entry(
        {
            **raw,
            "sha1_hash": "1" * 40,
            "id": "00000000-0000-4000-8000-0000000000aa",
            "title": "Ünïcode “quoted” title",
            "references": ["https://odd.example/a"],
        }
    )
    path = tmp_path / "lib.sqlite3"
    with Library(path) as lib:
        with lib.transaction():
            lib.upsert(stored)
            lib.upsert(odd)
            # as _raw_json stores an entry orjson refuses: json's escape of a lone surrogate
            lib.db.execute(
                "UPDATE entries SET raw = ? WHERE sha1 = ?",
                (json.dumps({**odd.raw, "title": "a \ud800 b"}), odd.sha1),
            )
        assert lib.by_sha1(stored.sha1) == stored
        assert lib.by_id(stored.id) == stored
        assert lib.by_url(EU_URL) == stored
        surrogate = lib.by_url("https://odd.example/a")
        assert surrogate.title == "a \ufffd b" and surrogate.notes
        assert {e.sha1 for e in lib.iter_entries()} == {stored.sha1, odd.sha1}
        with lib.transaction():
            lib.db.execute(
                "UPDATE entries SET raw = CAST(X'7B227469746C65223A22FF227D' AS TEXT) WHERE sha1 = ?",
                (odd.sha1,),
            )
        with pytest.raises(LibraryError, match=r"lib\.sqlite3: the library cannot be used"):
            lib.by_sha1(odd.sha1)

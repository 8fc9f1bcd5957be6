"""The module's speed-ups keep its replies: the same bytes whichever way they are computed."""

from __future__ import annotations

import copy

import orjson
import pytest

from misp_module.core import galaxy_index
from misp_module.core.literals import hyperscan
from misp_module.misp import expansion
from misp_module.misp.policy import settings_from

from conftest import make_entry

TEXT = (
    "Researchers attribute the Sofacy campaign to APT28, which also used X-Agent and "
    "Advanced Persistent\r\nThreat 40 tools. The European Union attributes this activity to "
    "China. Turla and Lazarus Group were named in an earlier report about WannaCry. " * 3
)


def test_the_servers_own_galaxies_scan_with_hyperscan_and_reply_the_same(tmp_path, monkeypatch):
    from misp_module.core.enrich import Enricher
    from misp_module.misp.results import build_results

    monkeypatch.setenv("ORKL_MISP_CACHE", str(tmp_path / "cache"))
    galaxy_index._MEMO.clear()
    try:
        own = expansion._enricher(settings_from({}))
        # A galaxy list the request names is not compiled for (no database in the cache).
        other = expansion._enricher(settings_from({"galaxies": "threat-actor"}))
    finally:
        galaxy_index._MEMO.clear()
    assert own.index.scanner.engine == ("hyperscan" if hyperscan is not None else "ahocorasick")
    assert other.index.scanner.engine == "ahocorasick"
    plain = copy.copy(own.index)
    galaxy_index._scanner(plain, "ahocorasick")
    entry = make_entry(TEXT, title="APT28 and Turla")
    replies = [
        orjson.dumps(build_results(e.enrich(entry), "0b1a8a55-3e2f-4c55-8f0e-1d5a2b8c9e01", "1"))
        for e in (own, Enricher(index=plain, rules=own.rules, threshold=own.threshold))
    ]
    assert replies[0] == replies[1]
    assert b"APT28" in replies[0] and b"Turla" in replies[0]


ANCHORS = [
    ("0b1a8a55-3e2f-4c55-8f0e-1d5a2b8c9e01", "1"),
    (None, "7"),
    ("0b1a8a55-3e2f-4c55-8f0e-1d5a2b8c9e02", None),
]
TEXTS = [
    TEXT,
    "The Sandworm Team deployed NotPetya against Ukraine; the United Kingdom attributes it to "
    "the GRU. " * 4,
    "Nothing here names an actor. " * 10,
]


@pytest.fixture
def library(tmp_path, monkeypatch):
    from misp_module.orkl.library import Library

    monkeypatch.setenv("ORKL_MISP_CACHE", str(tmp_path / "cache"))
    entries = [make_entry(t, title=f"Report {i}") for i, t in enumerate(TEXTS)]
    lib = tmp_path / "lib.sqlite3"
    with Library(lib) as db, db.transaction():
        for e in entries:
            db.upsert(e)
    monkeypatch.setenv("ORKL_MISP_LIBRARY", str(lib))
    monkeypatch.setenv("ORKL_MISP_OFFLINE", "true")
    monkeypatch.setattr(expansion, "_forks", 0)
    galaxy_index._MEMO.clear()
    yield entries
    if expansion._pool is not None:
        expansion._pool.close()
    expansion._pool = None
    galaxy_index._MEMO.clear()


def replies(entries, monkeypatch, processes: str, **config) -> list[bytes]:
    from misp_module.module import handler

    monkeypatch.setenv("ORKL_MISP_PROCESSES", processes)
    monkeypatch.setattr(expansion, "_replies", type(expansion._replies)())  # nothing cached
    out = []
    for e in entries:
        for uuid, event_id in ANCHORS:
            q = {"attribute": {"type": "sha1", "value": e.sha1}, "config": config}
            if uuid:
                q["attribute"]["uuid"] = uuid
            if event_id:
                q["event_id"] = event_id
            out.append(orjson.dumps(handler(orjson.dumps(q))))
    return out


def test_worker_processes_build_the_same_replies_as_the_thread(library, monkeypatch):
    here = replies(library, monkeypatch, "0")
    assert expansion._pool is None
    pooled = replies(library, monkeypatch, "2")
    pool = expansion._pool
    assert pool is not None and pool._live == 2  # forked, and it answered
    assert pooled == here
    assert b"Sandworm" in here[3] and b"APT28" in here[0]
    # another threshold (a request's setting) is the workers' too
    assert replies(library, monkeypatch, "2", threshold="0.9") == replies(
        library, monkeypatch, "0", threshold="0.9"
    )
    # a galaxy list the request names is answered in the thread, the same way
    other = replies(library, monkeypatch, "2", galaxies="threat-actor")
    assert expansion._pool is pool and other == replies(
        library, monkeypatch, "0", galaxies="threat-actor"
    )


def test_a_worker_that_dies_or_fails_leaves_the_query_to_the_thread(library, monkeypatch):
    import os
    import signal

    here = replies(library, monkeypatch, "0")
    assert replies(library, monkeypatch, "2") == here
    pool = expansion._pool
    for _ in range(2):
        w = pool._idle.get()
        os.kill(w.proc.pid, signal.SIGKILL)
        w.proc.join()
        pool._idle.put(w)
    assert replies(library, monkeypatch, "2")[:1] == here[:1]  # both died: answered here
    assert pool._live == 0 and not pool.holds(expansion._enricher(settings_from({})))
    assert replies(library, monkeypatch, "2") == here  # a new pool, forked again
    assert expansion._pool is not pool and expansion._pool._live == 2
    expansion._pool.close()
    expansion._pool = None

    def fails(*args):
        raise RuntimeError("a worker's failure")

    monkeypatch.setattr(expansion, "_reply_bytes", fails)  # the new pool's workers run it
    assert replies(library, monkeypatch, "2") == here
    assert expansion._pool._live == 2


def test_a_changed_index_gets_new_workers_and_no_fork_none(library, monkeypatch):
    from misp_module.misp import workers

    here = replies(library, monkeypatch, "2")
    pool = expansion._pool
    galaxy_index._MEMO.clear()  # the index loaded again: another object, as after an update
    assert replies(library, monkeypatch, "2") == here
    assert pool.closed and expansion._pool is not pool
    expansion._pool.close()
    expansion._pool = None
    monkeypatch.setattr(workers, "can_fork", lambda: False)  # Windows, macOS' spawn
    assert replies(library, monkeypatch, "2") == here
    assert expansion._pool is None


@pytest.mark.parametrize(("value", "n"), [(None, 0), ("2", 2), ("99", 4), ("-1", 0), ("x", 0)])
def test_worker_processes_only_when_the_server_asks(monkeypatch, value, n):
    from misp_module.misp import workers

    if value is None:
        monkeypatch.delenv("ORKL_MISP_PROCESSES", raising=False)
    else:
        monkeypatch.setenv("ORKL_MISP_PROCESSES", value)
    assert workers.processes() == n


def test_a_worker_ends_when_the_server_closes_its_end(library, monkeypatch):
    replies(library, monkeypatch, "2")
    pool = expansion._pool
    workers_ = [pool._idle.get() for _ in range(2)]
    for w in reversed(workers_):  # the later one holds an inherited copy of the earlier's end
        w.conn.close()  # as when the server's process ends
    for w in workers_:
        w.proc.join(timeout=30)
        assert w.proc.exitcode == 0  # read EOF and returned, not killed
    pool._live = 0

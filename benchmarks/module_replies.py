"""The module's replies, recorded and compared, and the CPU of a query nothing caches.

In one process, through misp-modules' own entry point (``handler(q)`` with the request's JSON,
the reply encoded as the server does: ``orjson.dumps(reply, default=pymisp_json_default)``),
against a library of the corpus's first ``--entries`` entries:

    .venv/bin/python benchmarks/module_replies.py record replies.jsonl   # before a change
    .venv/bin/python benchmarks/module_replies.py compare replies.jsonl  # after: same bytes?
    .venv/bin/python benchmarks/module_replies.py cpu [--profile]
    .venv/bin/python benchmarks/module_replies.py serve --entries 400   # 20 clients, a server

The queries: every entry once by each kind of key with its own attribute uuid (interactive),
some again (repeats the reply cache answers), as hovers (no event_id), as MISP's automatic
enrichment (attribute_uuid at the top), without an attribute uuid, and the bundled example.
``cpu`` splits a query nothing caches (each entry, a new attribute uuid) into the matching
(Enricher.enrich), the reply (build_results) and the module around them, CPU time per query,
the best of ``--passes``.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import gc
import hashlib
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

import orjson

HERE = Path(__file__).resolve().parent


def _queries(entries: list[dict], demo: dict) -> list[dict]:
    def query(kind: str, value: str, uuid: str | None, **top) -> dict:
        q = orjson.loads(orjson.dumps(demo))
        q["attribute"]["type"], q["attribute"]["value"] = kind, value
        if uuid is None:
            q["attribute"].pop("uuid", None)
        else:
            q["attribute"]["uuid"] = uuid
        q.update(top)
        return q

    def keys(e: dict) -> list[tuple[str, str]]:
        return [
            ("link", e["references"][0]) if e.get("references") else ("sha1", e["sha1_hash"]),
            ("sha1", e["sha1_hash"]),
            ("text", e["id"]),
            ("url", f"https://archive.orkl.eu/{e['sha1_hash']}.txt"),
        ]

    out = []
    for i, e in enumerate(entries):
        out.append(query(*keys(e)[i % 4], f"00000000-0000-4000-a000-{i:012d}"))
    for i, e in enumerate(entries[:10]):  # repeats: the reply cache answers
        out.append(query(*keys(e)[i % 4], f"00000000-0000-4000-a000-{i:012d}"))
    for i, e in enumerate(entries[:30]):  # hovers: no event_id
        q = query(*keys(e)[(i + 1) % 4], f"00000000-0000-4000-b000-{i:012d}")
        del q["event_id"]
        out.append(q)
    for i, e in enumerate(entries[:20]):  # MISP's automatic enrichment
        uuid = f"00000000-0000-4000-c000-{i:012d}"
        out.append(query(*keys(e)[(i + 2) % 4], uuid, attribute_uuid=uuid))
    for i, e in enumerate(entries[:10]):  # no attribute uuid: anchored to the event
        out.append(query(*keys(e)[(i + 3) % 4], None, event_id=str(100 + i)))
    out.append(query("text", "not an ORKL id", "00000000-0000-4000-d000-000000000000"))
    out.append(query("sha1", "0" * 40, "00000000-0000-4000-d000-000000000001"))
    return out


def _setup(n: int, corpus: Path, tmp: Path) -> tuple[list[dict], list[dict]]:
    from misp_module.core.entry import parse_entry
    from misp_module.orkl.library import Library

    entries = []
    with open(corpus, "rb") as fp:
        for line in fp:
            if len(entries) >= n:
                break
            entries.append(orjson.loads(line))
    library = tmp / "library.sqlite3"
    with Library(library) as lib, lib.transaction():
        for e in entries:
            lib.upsert(parse_entry(e))
    os.environ["ORKL_MISP_LIBRARY"] = str(library)
    os.environ["ORKL_MISP_OFFLINE"] = "true"
    from misp_module.cli import demo_query
    from misp_module.orkl.lookup import bundled

    (eu,) = bundled().entries
    demo = demo_query()
    qs = _queries(entries, demo)
    for i, (kind, value) in enumerate(
        [("link", eu.references[0]), ("sha1", eu.sha1), ("text", eu.id)]
    ):
        q = orjson.loads(orjson.dumps(demo))
        q["attribute"]["type"], q["attribute"]["value"] = kind, value
        q["attribute"]["uuid"] = f"00000000-0000-4000-e000-{i:012d}"
        qs.append(q)
    return entries, qs


def _encoded(reply) -> bytes:
    import pymisp

    return orjson.dumps(reply, default=pymisp.pymisp_json_default)


def record_or_compare(args) -> int:
    from misp_module import module

    with tempfile.TemporaryDirectory() as tmp:
        _, qs = _setup(args.entries, Path(args.corpus), Path(tmp))
        lines = [_encoded(module.handler(orjson.dumps(q))) for q in qs]
    if args.mode == "record":
        Path(args.file).write_bytes(b"\n".join(lines) + b"\n")
        print(f"{len(lines)} replies recorded in {args.file}")
        return 0
    before = Path(args.file).read_bytes().split(b"\n")[:-1]
    differ = [i for i, (a, b) in enumerate(zip(before, lines, strict=False)) if a != b]
    if len(before) != len(lines) or differ:
        print(f"DIFFERENT: {len(differ)} of {len(lines)} replies (first: query {differ[:5]})")
        return 1
    digest = hashlib.sha256(b"".join(lines)).hexdigest()[:16]
    print(f"{len(lines)} replies byte-identical to {args.file} (sha256 {digest})")
    return 0


def cpu(args) -> int:
    from misp_module import module
    from misp_module.core import enrich
    from misp_module.misp import expansion, results

    spent = {"matching": 0.0, "reply": 0.0}
    real_enrich, real_build = enrich.Enricher.enrich, results.build_results

    def timed(name, fn):
        def wrapper(*a, **k):
            t = time.process_time()
            try:
                return fn(*a, **k)
            finally:
                spent[name] += time.process_time() - t

        return wrapper

    enrich.Enricher.enrich = timed("matching", real_enrich)
    results.build_results = timed("reply", real_build)
    with tempfile.TemporaryDirectory() as tmp:
        entries, qs = _setup(args.entries, Path(args.corpus), Path(tmp))
        distinct = qs[: len(entries)]
        if args.hover:
            for q in distinct:
                del q["event_id"]  # MISP's hover
        for q in distinct[:5]:
            module.handler(orjson.dumps(q))  # warm: the index built, the library open
        best = None
        profile = cProfile.Profile() if args.profile else None
        for p in range(args.passes):
            for q in distinct:  # a new attribute uuid each pass: nothing cached answers
                q["attribute"]["uuid"] = (
                    f"00000000-0000-4000-f{p:03d}-{q['attribute']['uuid'][-12:]}"
                )
            payloads = [orjson.dumps(q) for q in distinct]
            expansion._replies.clear()
            spent.update(matching=0.0, reply=0.0)
            gc.collect()
            t = time.process_time()
            for payload in payloads:
                _encoded(module.handler(payload))
            total = time.process_time() - t
            figures = (total, spent["matching"], spent["reply"])
            best = figures if best is None or figures[0] < best[0] else best
        if profile:  # in this thread (cProfile sees one thread), a new uuid again
            for q in distinct:
                q["attribute"]["uuid"] = "00000000-0000-4000-9" + q["attribute"]["uuid"][20:]
            expansion._replies.clear()
            profile.enable()
            for q in distinct:
                expansion._pending.acquire()
                _encoded(expansion._answer(orjson.loads(orjson.dumps(q)), module.find_entry))
            profile.disable()
    n = len(distinct)
    total, matching, reply = (x / n * 1e3 for x in best)
    print(
        ("a hover" if args.hover else "a query")
        + f" nothing caches ({n} corpus entries, best of {args.passes}): {total:.2f} ms CPU; "
        f"matching {matching:.2f} ms, reply {reply:.2f} ms, module around them "
        f"{total - matching - reply:.2f} ms"
    )
    if profile:
        stats = pstats.Stats(profile, stream=sys.stdout).sort_stats("cumulative")
        stats.print_stats(args.profile_lines)
        stats.print_callees("enrich_request|_cached_results|find_entry|_enricher|build_results")
    return 0


def serve(args) -> int:
    """The queries of ``cpu`` sent to a misp-modules server by 20 clients (each its own
    connection), three rounds: queries/s and the CPU of the server's process per query."""
    import threading

    import psutil
    import requests

    from misp_module.misp.server import ModuleServer

    clients = 20
    with tempfile.TemporaryDirectory() as tmp:
        entries, qs = _setup(args.entries, Path(args.corpus), Path(tmp))
        distinct = qs[: len(entries) // clients * clients]
        env = {k: os.environ[k] for k in ("ORKL_MISP_LIBRARY", "ORKL_MISP_OFFLINE")}
        with ModuleServer(env={**env, "LC_ALL": "C"}) as server:
            server.query(distinct[0])
            proc = psutil.Process(server.proc.pid)
            per_client = len(distinct) // clients
            errors: list[str] = []
            for r in range(args.passes):
                for q in distinct:  # a new attribute each round: nothing cached answers
                    q["attribute"]["uuid"] = (
                        f"00000000-0000-4000-f{r:03d}-{q['attribute']['uuid'][-12:]}"
                    )
                errors.clear()

                def client(k: int) -> None:
                    with requests.Session() as session:
                        for q in distinct[k * per_client : (k + 1) * per_client]:
                            resp = session.post(f"{server.url}/query", json=q, timeout=60)
                            if "results" not in resp.json():
                                errors.append(resp.text[:200])

                def spent() -> float:  # the server's and its worker processes' CPU
                    times = [proc.cpu_times()]
                    for child in proc.children(recursive=True):
                        with contextlib.suppress(psutil.Error):  # ended meanwhile
                            times.append(child.cpu_times())
                    return sum(t.user + t.system for t in times)

                before = spent()
                t = time.perf_counter()
                threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join()
                wall = time.perf_counter() - t
                cpu = spent() - before
                print(
                    f"round {r + 1}: {len(distinct) / wall:.0f} queries/s, server CPU (its workers' too) "
                    f"{cpu / len(distinct) * 1e3:.2f} ms per query, {len(errors)} errors; "
                    f"load {os.getloadavg()[0]:.1f}"
                )
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("mode", choices=["record", "compare", "cpu", "serve"])
    ap.add_argument("file", nargs="?", default=str(HERE / "out" / "module-replies.jsonl"))
    ap.add_argument("--corpus", default=str(HERE / "out" / "corpus-474-43kb.jsonl"))
    ap.add_argument("--entries", type=int, default=80)
    ap.add_argument("--passes", type=int, default=3)
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--hover", action="store_true", help="cpu: the queries as MISP's hovers")
    ap.add_argument("--profile-lines", type=int, default=45)
    args = ap.parse_args()
    if args.mode == "serve":
        return serve(args)
    return cpu(args) if args.mode == "cpu" else record_or_compare(args)


if __name__ == "__main__":
    sys.exit(main())

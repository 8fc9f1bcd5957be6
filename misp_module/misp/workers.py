"""A few worker processes, forked with the server's galaxy index loaded, that build replies.

misp-modules runs every module in threads of one process, so the matching of all queries
shares one core (the GIL). The workers are forked from it once the server's own index is
loaded: they share its memory copy-on-write (no index per process to build or unpickle), take
a pickled (entry, threshold, attribute uuid, event id) in and give the reply's JSON bytes out,
one query at a time each, over a pipe. A query waits for a free worker (the module's own
bound, MAX_PENDING, still holds), and runs in its own thread as before when there is no pool:
``ORKL_MISP_PROCESSES`` unset or 0 (the default, see processes()), fork unavailable (Windows,
macOS' default), a worker that died or failed (the query is answered here, the same way), or
another index than the one the workers hold (a galaxy file changed: the pool is retired and
forked again with the new index).

A worker only computes: it never reads a request, a setting or a file, so the module's rules
on what a request may name stay where they are (expansion, policy), before any work.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import pickle
import queue
import signal
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)

ENV = "ORKL_MISP_PROCESSES"
MAX_PROCESSES = 4

# What a worker runs: (enricher, entry, threshold, attribute_uuid, event_id) -> reply bytes.
Build = Callable[..., bytes]


def processes() -> int:
    """How many worker processes the server's configuration asks for: ORKL_MISP_PROCESSES,
    0 (none) when unset. Off by default: on a 2-core machine shared with other work (load 5 to
    10) 20 clients got no more queries a second with two workers than with none, each query
    paying two pipe hand-offs and 0.8 ms more CPU in all (pickling, the reply parsed back);
    where the cores are the server's own, the server's process spends 2.5 ms of a query's
    9.4 ms with them (benchmarks/README.md)."""
    raw = os.environ.get(ENV, "").strip() or "0"
    try:
        return max(0, min(MAX_PROCESSES, int(raw)))
    except ValueError:
        log.warning("%s=%r is not a number: no worker processes", ENV, raw[:20])
        return 0


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _serve(conn, server_end, enricher, build: Build) -> None:
    """A worker's loop: a request's bytes in, b"\\0" + the reply's bytes out (b"\\1" when it
    failed: the query is then answered in the server's thread, which reports the error)."""
    # The server's end of the pipe, inherited, is closed here: else the worker never reads EOF
    # and outlives a server that ended. The server's signal handlers are not the worker's.
    server_end.close()
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    gc.freeze()  # the inherited index is never collected here: its pages stay shared
    while True:
        try:
            data = conn.recv_bytes()
        except (EOFError, OSError):
            # The server is gone: ended at once, none of the server's exit handlers run here.
            os._exit(0)
        try:
            entry, threshold, attribute_uuid, event_id = pickle.loads(data)
            out = b"\0" + build(enricher, entry, threshold, attribute_uuid, event_id)
        except Exception as exc:  # noqa: BLE001 - answered again in the server's thread
            out = b"\1" + repr(exc)[:200].encode("utf-8", "replace")
        try:
            conn.send_bytes(out)
        except OSError:
            os._exit(0)


class _Worker:
    def __init__(self, enricher, build: Build) -> None:
        ctx = multiprocessing.get_context("fork")
        self.conn, child = ctx.Pipe(duplex=True)
        self.proc = ctx.Process(
            target=_serve,
            args=(child, self.conn, enricher, build),
            daemon=True,
            name="orkl-misp-worker",
        )
        self.proc.start()
        child.close()

    def ask(self, data: bytes) -> bytes:
        self.conn.send_bytes(data)
        return self.conn.recv_bytes()

    def stop(self) -> None:
        self.conn.close()  # the worker reads EOF and exits
        self.proc.join(timeout=1)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join(timeout=1)


class Pool:
    """``size`` workers forked with ``enricher`` (its index and rules) loaded."""

    def __init__(self, enricher, build: Build, size: int) -> None:
        self.index, self.rules = enricher.index, enricher.rules
        self._idle: queue.SimpleQueue[_Worker] = queue.SimpleQueue()
        for _ in range(size):
            self._idle.put(_Worker(enricher, build))
        self._live = size
        self._lock = threading.Lock()
        self.closed = False

    def holds(self, enricher) -> bool:
        return (
            not self.closed
            and self._live > 0
            and enricher.index is self.index
            and enricher.rules is self.rules
        )

    def run(self, entry, threshold, attribute_uuid, event_id) -> bytes | None:
        """The reply's bytes from a worker, or None: answer it in this thread."""
        data = pickle.dumps((entry, threshold, attribute_uuid, event_id), protocol=5)
        while True:  # a free worker (queries wait here, as they would for a thread)
            if self.closed or not self._live:
                return None
            try:
                worker = self._idle.get(timeout=0.5)
                break
            except queue.Empty:
                continue
        try:
            out = worker.ask(data)
        except (EOFError, OSError) as exc:  # the worker died: not put back
            log.warning("a worker process ended (%s): answering in the server", exc)
            with self._lock:
                self._live -= 1
            worker.stop()
            return None
        self._give_back(worker)
        if out[:1] != b"\0":
            log.info("a worker process failed (%s): answering in the server", out[1:].decode())
            return None
        return out[1:]

    def _give_back(self, worker: _Worker) -> None:
        with self._lock:
            if not self.closed:
                self._idle.put(worker)
                return
            self._live -= 1
        worker.stop()

    def close(self) -> None:
        """Stops the idle workers now, the busy ones when their query is answered."""
        with self._lock:
            self.closed = True
            idle = []
            while True:
                try:
                    idle.append(self._idle.get_nowait())
                except queue.Empty:
                    break
            self._live -= len(idle)
        for w in idle:
            w.stop()

"""A total deadline per HTTP request (connect, headers and the whole body), for ``requests``.

``requests`` only has per-operation timeouts: a server that sends one byte a second never trips
a 30 s read timeout and can hold a request for ever. Here every connection registers itself
with the deadline of the request it serves; when the deadline passes, a timer shuts the socket
down, the blocked read returns, and the caller sees an error it can name (:attr:`Deadline.hit`).
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

_current = threading.local()


class Deadline:
    """The deadline of the request running in this thread; shuts its sockets when it passes."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.hit = False
        self._conns: list[HTTPConnection] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True

    def attach(self, conn: HTTPConnection) -> None:
        with self._lock:
            self._conns.append(conn)
            if self.hit:
                _shut(conn)

    def _fire(self) -> None:
        with self._lock:
            self.hit = True
            for conn in self._conns:
                _shut(conn)

    def cancel(self) -> None:
        self._timer.cancel()


def _shut(conn: HTTPConnection) -> None:
    sock = getattr(conn, "sock", None)
    if sock is not None:
        with contextlib.suppress(OSError):  # already closed
            sock.shutdown(socket.SHUT_RDWR)


@contextmanager
def deadline(seconds: float | None) -> Iterator[Deadline | None]:
    """Run one request under a total deadline (``None``: none)."""
    if not seconds or seconds <= 0:
        yield None
        return
    d = Deadline(seconds)
    _current.deadline = d
    d._timer.start()
    try:
        yield d
    finally:
        d.cancel()
        _current.deadline = None


def _attach(conn: HTTPConnection) -> None:
    d = getattr(_current, "deadline", None)
    if d is not None:
        d.attach(conn)


class _HTTPConnection(HTTPConnection):
    def connect(self) -> None:
        _attach(self)  # registered before the socket exists: a slow connect is covered too
        super().connect()
        _attach(self)

    def request(self, *args, **kwargs):  # a pooled connection serves many requests
        _attach(self)
        return super().request(*args, **kwargs)


class _HTTPSConnection(HTTPSConnection):
    def connect(self) -> None:
        _attach(self)
        super().connect()
        _attach(self)

    def request(self, *args, **kwargs):
        _attach(self)
        return super().request(*args, **kwargs)


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


class DeadlineAdapter(HTTPAdapter):
    """The default adapter, with connections that honour :func:`deadline`."""

    def init_poolmanager(self, *args, **kwargs) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}

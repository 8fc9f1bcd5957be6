"""An HTTP server on loopback that answers like ORKL's API, built from the real entries."""

from __future__ import annotations

import copy
import hashlib
import json
import time
import uuid
from datetime import datetime, timedelta, timezone

from werkzeug.wrappers import Request, Response

from conftest import CTITOOLS, EU_DECLARATION, OPENCTI

REAL = [
    json.loads(EU_DECLARATION.read_text()),
    json.loads(OPENCTI.read_text())["data"],
    json.loads(CTITOOLS.read_text())[0],
]
T0 = datetime(2026, 9, 1, tzinfo=timezone.utc)


def make_entries(n: int, start: int = 0) -> list[dict]:
    """n entries shaped like the real ones, newest updated first, with distinct ids and sha1s."""
    out = []
    for i in range(start, start + n):
        e = copy.deepcopy(REAL[i % len(REAL)])
        e["id"] = str(uuid.UUID(int=i + 1))
        e["sha1_hash"] = hashlib.sha1(str(i).encode()).hexdigest()
        e["updated_at"] = (T0 + timedelta(minutes=i)).isoformat().replace("+00:00", "Z")
        e["references"] = [f"https://reports.example/{i}"]
        out.append(e)
    return sorted(out, key=lambda e: e["updated_at"], reverse=True)


def envelope(data, message="ok", status="success"):
    return Response(
        json.dumps({"data": data, "message": message, "status": status}),
        content_type="application/json",
    )


class FakeOrkl:
    """State a test can change: the entries, faults to inject, the requests seen."""

    def __init__(self, entries: list[dict]) -> None:
        self.entries = entries
        self.faults: list = []  # callables(request) -> Response | None, consumed in order
        self.requests: list[Request] = []
        self.repeat_pages = False
        self.slow_offsets: dict[int, float] = {}

    @property
    def pages(self) -> list[Request]:
        """The paging requests received, in order."""
        return [r for r in self.requests if r.path.endswith("/library/entries")]

    def handle(self, request: Request) -> Response:
        self.requests.append(request)
        if self.faults and request.path.endswith("/library/entries"):  # faults hit the paging
            fault = self.faults.pop(0)
            answer = fault(request)
            if answer is not None:
                return answer
        path = request.path
        if path.endswith("/library/entries"):
            limit = int(request.args.get("limit", 100))
            offset = int(request.args.get("offset", 0))
            if offset in self.slow_offsets:
                time.sleep(self.slow_offsets[offset])
            if self.repeat_pages:
                offset = 0
            page = self.entries[offset : offset + min(limit, 100)]
            return envelope(page or None, "library entries")
        if path.endswith("/library/info"):
            return envelope({"library_entries": len(self.entries)}, "library info")
        if "/library/entry/" in path:
            key = "sha1_hash" if "/library/entry/sha1/" in path else "id"
            wanted = path.rsplit("/", 1)[-1]
            found = [e for e in self.entries if e[key] == wanted]
            if found:
                return envelope(found[0])
            not_found = {"data": None, "message": "not found", "status": "error"}
            return Response(json.dumps(not_found), status=404)
        return Response("not found", status=404)


def install(httpserver, fake: FakeOrkl) -> str:
    import re

    httpserver.expect_request(re.compile("^/api/v1/.*")).respond_with_handler(fake.handle)
    return httpserver.url_for("/api/v1")

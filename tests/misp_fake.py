"""A test double of MISP's REST API, on loopback, holding events in memory.

It answers the endpoints PyMISP and orkl-misp call, and checks every request it receives
against MISP's OpenAPI description (../shared/data/misp/openapi.yaml): the path must match a
documented path template, the method must be documented for it, and a JSON body must
validate against the documented request schema. Violations are collected; tests assert none.
"""

from __future__ import annotations

import json
import re
import threading
import time
import uuid as uuidlib
from pathlib import Path

import yaml
from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4
from werkzeug.wrappers import Request, Response

from conftest import SHARED

OPENAPI = SHARED / "misp" / "openapi.yaml"
# PyMISP's connection check reads the key's own user. MISP serves it (UsersController::view
# with "me"), but its OpenAPI description does not document it. The only exception allowed.
UNDOCUMENTED_BUT_SERVED = {("GET", "/users/view/me")}


class OpenApi:
    def __init__(self, path: Path = OPENAPI) -> None:
        self.doc = yaml.safe_load(path.read_text())
        self.registry = Registry().with_resource(
            "urn:misp", Resource.from_contents(self.doc, default_specification=DRAFT4)
        )
        self.routes = []
        for template, item in self.doc["paths"].items():
            pattern = re.escape(template)
            pattern = re.sub(r"\\\{[^}]+\\\}", r"[^/]+", pattern)
            self.routes.append((re.compile(f"^{pattern}$"), template, item))

    def problems(self, method: str, path: str, body: bytes) -> list[str]:
        path = re.sub(r"\.json$", "", path)
        if (method, path) in UNDOCUMENTED_BUT_SERVED:
            return []
        matches = [(t, item) for rx, t, item in self.routes if rx.match(path)]
        if not matches:
            return [f"{method} {path}: no such path in MISP's OpenAPI description"]
        template, item = min(matches, key=lambda m: m[0].count("{"))  # literal paths first
        operation = item.get(method.lower())
        if operation is None:
            return [f"{method} {path}: {template} does not take {method}"]
        if not body or "requestBody" not in operation:
            return []
        request_body = operation["requestBody"]
        if "$ref" in request_body:
            name = request_body["$ref"].rsplit("/", 1)[-1]
            request_body = self.doc["components"]["requestBodies"][name]
        schema = request_body.get("content", {}).get("application/json", {}).get("schema")
        if schema is None:
            return []
        try:
            data = json.loads(body)
        except ValueError:
            return [f"{method} {path}: body is not JSON"]
        validator = Draft4Validator(
            {"$ref": "urn:misp#/__schema__"},
            registry=self.registry.with_resource(
                "urn:misp",
                Resource.from_contents(
                    {**self.doc, "__schema__": schema}, default_specification=DRAFT4
                ),
            ),
        )
        return [
            f"{method} {path} ({template}): {e.message[:200]}" for e in validator.iter_errors(data)
        ]


def _now() -> int:
    return int(time.time())


class FakeMisp:
    def __init__(self, key: str) -> None:
        self.key = key
        self.openapi = OpenApi()
        self.lock = threading.Lock()
        self.events: dict[int, dict] = {}
        self.tags: dict[int, str] = {}
        self.requests: list[tuple[str, str, bytes]] = []
        self.violations: list[str] = []
        self.faults: list = []  # (method, path regex, status): answered once, in order
        self.seen_keys: set[str] = set()

    # --- setup ---------------------------------------------------------------------------

    def add_event(
        self, info: str, attributes: list[tuple[str, str]], timestamp: int | None = None
    ) -> dict:
        with self.lock:
            eid = len(self.events) + 1
            event = {
                "id": str(eid),
                "uuid": str(uuidlib.uuid4()),
                "info": info,
                "date": "2026-11-20",
                "timestamp": str(timestamp or _now()),
                "published": False,
                "analysis": "0",
                "threat_level_id": "4",
                "distribution": "0",
                "org_id": "1",
                "orgc_id": "1",
                "Attribute": [
                    {
                        "id": str(eid * 100 + i),
                        "uuid": str(uuidlib.uuid4()),
                        "type": t,
                        "value": v,
                        "category": "External analysis",
                        "to_ids": False,
                        "distribution": "5",
                        "timestamp": str(timestamp or _now()),
                        "event_id": str(eid),
                    }
                    for i, (t, v) in enumerate(attributes)
                ],
                "Object": [],
                "EventReport": [],
                "Tag": [],
                "Orgc": {
                    "id": "1",
                    "name": "ORGNAME",
                    "uuid": "5f2b7e30-0000-4000-8000-000000000001",
                },
                "Org": {
                    "id": "1",
                    "name": "ORGNAME",
                    "uuid": "5f2b7e30-0000-4000-8000-000000000001",
                },
            }
            self.events[eid] = event
            return event

    # --- the server ------------------------------------------------------------------------

    def handle(self, request: Request) -> Response:
        body = request.get_data()
        path = request.path
        with self.lock:
            self.requests.append((request.method, path, body))
            self.violations += self.openapi.problems(request.method, path, body)
            self.seen_keys.add(request.headers.get("Authorization", ""))
            for i, (method, rx, status) in enumerate(self.faults):
                if method == request.method and re.search(rx, path):
                    del self.faults[i]
                    return self._json({"name": "fault", "message": "injected", "url": path}, status)
        if request.headers.get("Authorization") != self.key:
            return self._json(
                {
                    "name": "Authentication failed.",
                    "message": "Authentication failed.",
                    "url": path,
                },
                403,
            )
        return self._route(request.method, re.sub(r"\.json$", "", path), body)

    def _json(self, data, status: int = 200) -> Response:
        return Response(json.dumps(data), status=status, content_type="application/json")

    def _event(self, ident: str) -> dict | None:
        for e in self.events.values():
            if ident in (e["id"], e["uuid"]):
                return e
        return None

    def _route(self, method: str, path: str, body: bytes) -> Response:
        data = json.loads(body) if body else {}
        if path in ("/servers/getVersion", "/servers/getPyMISPVersion"):
            return self._json(
                {
                    "version": "2.5.1",
                    "pymisp_recommended_version": "2.5.34.4",
                    "perm_sync": False,
                    "perm_sighting": False,
                    "perm_galaxy_editor": False,
                    "request_encoding": [],
                    "filter_sightings": True,
                }
            )
        if path == "/users/view/me":
            return self._json(
                {
                    "User": {"id": "1", "email": "bot@example.org", "org_id": "1", "role_id": "3"},
                    "Role": {"id": "3", "name": "User", "perm_add": True},
                    "UserSetting": [],
                }
            )
        if path == "/attributes/describeTypes":
            import pymisp
            from pymisp import PyMISP  # noqa: F401

            types = json.loads(
                (Path(pymisp.__file__).parent / "data" / "describeTypes.json").read_text()
            )
            return self._json({"result": types["result"]})
        if path == "/events/restSearch":
            since = int(data.get("timestamp") or 0)
            with self.lock:
                found = [{"Event": e} for e in self.events.values() if int(e["timestamp"]) >= since]
            return self._json({"response": found})
        m = re.fullmatch(r"/objects/add/([^/]+)/([^/]+)", path)
        if m:
            with self.lock:
                event = self._event(m.group(1))
                if event is None:
                    return self._json({"message": "Invalid event."}, 404)
                obj = dict(data, id=str(1000 + len(event["Object"])), event_id=event["id"])
                event["Object"].append(obj)
                event["timestamp"] = str(max(_now(), int(event["timestamp"]) + 1))
            return self._json({"Object": obj})
        m = re.fullmatch(r"/eventReports/add/([^/]+)", path)
        if m:
            with self.lock:
                event = self._event(m.group(1))
                report = dict(data, id=str(2000 + len(event["EventReport"])), event_id=event["id"])
                event["EventReport"].append(report)
                event["timestamp"] = str(max(_now(), int(event["timestamp"]) + 1))
            return self._json({"EventReport": report})
        if path == "/tags" and method == "GET":
            with self.lock:
                return self._json(
                    {"Tag": [{"id": str(i), "name": n} for i, n in self.tags.items()]}
                )
        if path == "/tags/add":
            with self.lock:
                tid = len(self.tags) + 1
                self.tags[tid] = data["name"]
            return self._json({"Tag": {"id": str(tid), "name": data["name"]}})
        m = re.fullmatch(r"/events/addTag/([^/]+)/([^/]+)/local:([01])", path)
        if m:
            with self.lock:
                event = self._event(m.group(1))
                name = self.tags[int(m.group(2))]
                if name not in [t["name"] for t in event["Tag"]]:
                    event["Tag"].append({"id": m.group(2), "name": name})
                event["timestamp"] = str(max(_now(), int(event["timestamp"]) + 1))
            return self._json({"saved": True, "success": "Tag added.", "check_publish": True})
        return self._json({"message": f"fake MISP does not serve {method} {path}"}, 404)


def install(httpserver, fake: FakeMisp) -> str:
    httpserver.expect_request(re.compile(".*")).respond_with_handler(fake.handle)
    return httpserver.url_for("").rstrip("/")

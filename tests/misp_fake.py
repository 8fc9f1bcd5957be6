"""A strict test double of MISP's REST API, on loopback, holding events in memory.

It answers the endpoints PyMISP and orkl-misp call, and checks every request it receives
against our contract of them (tests/misp_contract.py, each entry citing MISP's OpenAPI path
and controller; tests/check_misp_contract.py checks it against MISP's openapi.yaml): the path
must match an endpoint's template, the method must be that endpoint's, and a JSON body must
validate against its schema. Violations are collected; tests assert none.

It also refuses what MISP 2.5.1 (MISP/MISP at bb0909a3) refuses, the way MISP refuses it: each
rule is in RULES with the file and line it comes from, and tests/test_misp_fake.py shows the
double refusing a request that breaks it. Every refusal is logged in ``refusals``.
"""

from __future__ import annotations

import json
import re
import threading
import time
import uuid as uuidlib
from pathlib import Path

from jsonschema import Draft4Validator
from misp_contract import CONTRACT
from werkzeug.wrappers import Request, Response

# MISP's rules the double enforces: name -> where MISP has it.
RULES = {
    "uuid-unique": "app/Model/MispObject.php:67-77, app/Model/MispAttribute.php:242-252, "
    "app/Model/EventReport.php:29-39 (isUnique on create; unique keys in INSTALL/MYSQL.sql)",
    "modify-event": "app/Controller/Component/ACLComponent.php:989-1004 (site admin, or "
    "perm_modify_org and the event's orgc, or perm_modify and the event's creator); "
    "ObjectsController.php:156-158, EventReportsController.php:39, "
    "ObjectReferencesController.php:44-46, EventsController.php:3855-3856",
    "save-fail-403": "app/Controller/Component/RestResponseComponent.php:500-523 "
    "(saveFailResponse answers every failed save with HTTP 403)",
    "object-references": "app/Controller/ObjectsController.php:189-287 (objects/add saves the "
    "object's attributes; ObjectReference is never read)",
    "report-name-255": "INSTALL/MYSQL.sql:480 (event_reports.name varchar(255))",
    "tag-name-255": "INSTALL/MYSQL.sql:1438 (tags.name varchar(255))",
    "blueprint-191": "INSTALL/MYSQL.sql:1752-1753 (workflow_blueprints.name, .description "
    "varchar(191))",
    "link-valid-url": "app/Lib/Tools/AttributeValidationTool.php:478-480 (link: "
    "filter_var FILTER_VALIDATE_URL); one failing attribute fails the object: "
    "app/Controller/ObjectsController.php:212-226",
    "tag-editor": "app/Controller/Component/ACLComponent.php:709-710 (tags/add needs "
    "perm_tag_editor; denial: ACLComponent.php:1353, ForbiddenException, HTTP 403)",
}
COLUMN_LIMITS = {
    "event_reports.name": 255,
    "tags.name": 255,
    "workflow_blueprints.name": 191,
    "workflow_blueprints.description": 191,
}


class Contract:
    """Checks a request against tests/misp_contract.py: the path must match an endpoint's
    template, the method must be that endpoint's, and a JSON body must validate against its
    schema."""

    def __init__(self, endpoints=CONTRACT) -> None:
        self.routes = []
        for endpoint in endpoints:
            pattern = re.sub(r"\\\{[^}]+\\\}", r"[^/]+", re.escape(endpoint.path))
            self.routes.append((re.compile(f"^{pattern}$"), endpoint))

    def problems(self, method: str, path: str, body: bytes) -> list[str]:
        path = re.sub(r"\.json$", "", path)
        # Literal paths before templates, as a router would.
        matches = sorted(
            (e for rx, e in self.routes if rx.match(path)), key=lambda e: e.path.count("{")
        )
        if not matches:
            return [f"{method} {path}: no such path in the MISP contract (tests/misp_contract.py)"]
        endpoint = next((e for e in matches if e.method == method), None)
        if endpoint is None:
            return [f"{method} {path}: {matches[0].path} does not take {method}"]
        if not body or endpoint.body is None:
            return []
        try:
            data = json.loads(body)
        except ValueError:
            return [f"{method} {path}: body is not JSON"]
        return [
            f"{method} {path} ({endpoint.path}): {e.message[:200]}"
            for e in Draft4Validator(endpoint.body).iter_errors(data)
        ]


def php_validate_url(value: str) -> bool:
    """PHP's filter_var(FILTER_VALIDATE_URL) as MISP uses it for link attributes, written
    apart from the module's own check: only the characters FILTER_SANITIZE_URL keeps
    (php-src ext/filter/sanitizing_filters.c), a scheme, and for http(s) a host made of
    letter/digit/hyphen labels (ext/filter/logical_filters.c, php_filter_validate_url)."""
    allowed = re.compile(r"^[A-Za-z0-9$\-_.+!*'(),{}|\\^~\[\]`<>#%\";/?:@&=]+$")
    m = re.match(r"^([A-Za-z][A-Za-z0-9+.\-]*):(//([^/?#]*))?", value or "")
    if not allowed.match(value or "") or not m:
        return False
    scheme, host = m.group(1).lower(), (m.group(3) or "").rsplit("@", 1)[-1]
    host = host if host.endswith("]") else re.sub(r":\d*$", "", host)
    if scheme in ("http", "https") and re.fullmatch(r"\[[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*\]", host):
        return True  # an IPv6 literal (php_filter_validate_url checks it with the IPv6 filter)
    if scheme in ("http", "https"):
        label = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
        return bool(re.fullmatch(rf"{label}(?:\.{label})*\.?", host))
    return bool(host) or scheme in ("mailto", "news", "file")


def _now() -> int:
    return int(time.time())


class FakeMisp:
    def __init__(self, key: str, *, org_id: str = "1", perm_tag_editor: bool = True) -> None:
        self.key = key
        self.contract = Contract()
        self.lock = threading.Lock()
        self.events: dict[int, dict] = {}
        self.tags: dict[int, str] = {}
        self.requests: list[tuple[str, str, bytes]] = []
        self.violations: list[str] = []
        self.faults: list = []  # (method, path regex, status[, body, content type]): once each
        self.seen_keys: set[str] = set()
        self.delay: dict[str, float] = {}  # path regex -> seconds to wait before answering
        # The key's user: an ordinary "Org Admin"-like role of organisation org_id.
        self.user = {
            "id": "1",
            "org_id": org_id,
            "Role": {
                "perm_site_admin": False,
                "perm_modify_org": True,
                "perm_modify": True,
                "perm_tag_editor": perm_tag_editor,
            },
        }
        self.uuids: set[str] = set()  # every object, attribute and event report uuid
        self.refusals: list[tuple[str, str]] = []  # (rule, what was refused)

    # --- setup ---------------------------------------------------------------------------

    def add_event(
        self,
        info: str,
        attributes: list[tuple[str, str]],
        timestamp: int | None = None,
        orgc_id: str = "1",
    ) -> dict:
        with self.lock:
            eid = len(self.events) + 1
            org = {
                "id": orgc_id,
                "name": f"ORG{orgc_id}",
                "uuid": f"5f2b7e30-0000-4000-8000-{int(orgc_id):012d}",
            }
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
                "org_id": orgc_id,
                "orgc_id": orgc_id,
                "user_id": "1" if orgc_id == self.user["org_id"] else "99",
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
                "Orgc": org,
                "Org": org,
            }
            self.uuids.update(a["uuid"] for a in event["Attribute"])
            self.events[eid] = event
            return event

    # --- the server ------------------------------------------------------------------------

    def handle(self, request: Request) -> Response:
        body = request.get_data()
        path = request.path
        with self.lock:
            self.requests.append((request.method, path, body))
            self.violations += self.contract.problems(request.method, path, body)
            self.seen_keys.add(request.headers.get("Authorization", ""))
            delay = max([d for rx, d in self.delay.items() if re.search(rx, path)], default=0)
            for i, (method, rx, status, *answer) in enumerate(self.faults):
                if method == request.method and re.search(rx, path):
                    del self.faults[i]
                    if answer:
                        return Response(answer[0], status=status, content_type=answer[1])
                    return self._json({"name": "fault", "message": "injected", "url": path}, status)
        if delay:
            time.sleep(delay)
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

    # --- MISP's rules ----------------------------------------------------------------------

    def _refuse(self, rule: str, what: str) -> None:
        assert rule in RULES
        self.refusals.append((rule, what))

    def can_modify(self, event: dict) -> bool:
        # rule modify-event: ACLComponent::canModifyEvent
        role = self.user["Role"]
        if role["perm_site_admin"]:
            return True
        if role["perm_modify_org"] and event["orgc_id"] == self.user["org_id"]:
            return True
        return bool(role["perm_modify"] and event.get("user_id") == self.user["id"])

    def _forbidden(self, path: str, rule: str, message: str) -> Response:
        self._refuse(rule, path)
        return self._json({"name": message, "message": message, "url": path}, 403)

    def _save_fail(self, path: str, rule: str, model: str, errors) -> Response:
        # rule save-fail-403: RestResponseComponent::saveFailResponse
        self._refuse(rule, path)
        self._refuse("save-fail-403", path)
        message = f"Could not add {model}"
        return self._json(
            {"saved": False, "name": message, "message": message, "url": path, "errors": errors},
            403,
        )

    def _sql_too_long(self, path: str, rule: str, column: str) -> Response:
        # Strict SQL mode: the INSERT fails and CakePHP's PDOException becomes HTTP 500.
        self._refuse(rule, path)
        message = f"SQLSTATE[22001]: String data, right truncated: 1406 Data too long for column '{column}'"
        return self._json({"name": message, "message": message, "url": path}, 500)

    def _touch(self, event: dict) -> None:
        event["timestamp"] = str(max(_now(), int(event["timestamp"]) + 1))

    # --- routes -----------------------------------------------------------------------------

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
                    "User": {
                        "id": self.user["id"],
                        "email": "bot@example.org",
                        "org_id": self.user["org_id"],
                        "role_id": "3",
                    },
                    "Role": {"id": "3", "name": "User", "perm_add": True, **self.user["Role"]},
                    "UserSetting": [],
                }
            )
        if path == "/attributes/describeTypes":
            import pymisp

            types = json.loads(
                (Path(pymisp.__file__).parent / "data" / "describeTypes.json").read_text()
            )
            return self._json({"result": types["result"]})
        if path == "/events/restSearch":
            since = int(data.get("timestamp") or 0)
            with self.lock:
                found = [{"Event": e} for e in self.events.values() if int(e["timestamp"]) >= since]
            return self._json({"response": found})
        m = re.fullmatch(r"/events/view/([^/]+)", path)
        if m:
            with self.lock:
                event = self._event(m.group(1))
                if event is None:
                    return self._json({"name": "Invalid event.", "message": "Invalid event."}, 404)
                return self._json({"Event": json.loads(json.dumps(event))})
        m = re.fullmatch(r"/objects/add/([^/]+)/([^/]+)", path)
        if m:
            return self._add_object(path, m.group(1), data)
        m = re.fullmatch(r"/objectReferences/add/([^/]+)", path)
        if m:
            return self._add_reference(path, m.group(1), data)
        m = re.fullmatch(r"/eventReports/add/([^/]+)", path)
        if m:
            return self._add_report(path, m.group(1), data)
        if path == "/tags" and method == "GET":
            with self.lock:
                return self._json(
                    {"Tag": [{"id": str(i), "name": n} for i, n in self.tags.items()]}
                )
        if path == "/tags/add":
            with self.lock:
                if not self.user["Role"]["perm_tag_editor"]:
                    return self._forbidden(
                        path, "tag-editor", "You do not have permission to use this functionality."
                    )
                if len(data["name"]) > COLUMN_LIMITS["tags.name"]:
                    return self._sql_too_long(path, "tag-name-255", "name")
                tid = len(self.tags) + 1
                self.tags[tid] = data["name"]
            return self._json({"Tag": {"id": str(tid), "name": data["name"]}})
        m = re.fullmatch(r"/events/addTag/([^/]+)/([^/]+)/local:([01])", path)
        if m:
            with self.lock:
                event = self._event(m.group(1))
                if event is None:
                    return self._json({"saved": False, "errors": "Invalid event."})
                if not self.can_modify(event):
                    # EventsController.php:3855-3856: a refusal answered with HTTP 200.
                    self._refuse("modify-event", path)
                    return self._json(
                        {"saved": False, "errors": "You don't have permission to do that."}
                    )
                name = self.tags[int(m.group(2))]
                if name in [t["name"] for t in event["Tag"]]:
                    return self._json(
                        {"saved": False, "errors": "Tag is already attached to this event."}
                    )
                event["Tag"].append({"id": m.group(2), "name": name})
                self._touch(event)
            return self._json({"saved": True, "success": "Tag added.", "check_publish": True})
        return self._json({"message": f"fake MISP does not serve {method} {path}"}, 404)

    def _event_to_modify(self, path: str, event_id: str) -> tuple[dict | None, Response | None]:
        """The event, or MISP's answer when it is missing or this user may not modify it."""
        event = self._event(event_id)
        if event is None:
            return None, self._json({"name": "Invalid event.", "message": "Invalid event."}, 404)
        if not self.can_modify(event):
            return None, self._forbidden(
                path, "modify-event", "You do not have permission to do that."
            )
        return event, None

    def _add_object(self, path: str, event_id: str, data: dict) -> Response:
        with self.lock:
            event, refusal = self._event_to_modify(path, event_id)
            if refusal is not None:
                return refusal
            obj = data.get("Object", data)
            attributes = obj.get("Attribute", [])
            for a in attributes:
                if a.get("uuid") in self.uuids:
                    return self._save_fail(
                        path,
                        "uuid-unique",
                        "Object",
                        "Could not save object as at least one attribute has failed validation "
                        f'({a.get("object_relation")}). {{"uuid":["The UUID provided is not unique"]}}',
                    )
                if a.get("type") == "link" and not php_validate_url(a.get("value", "")):
                    return self._save_fail(
                        path,
                        "link-valid-url",
                        "Object",
                        "Could not save object as at least one attribute has failed validation "
                        f'({a.get("object_relation")}). {{"value":["Invalid value"]}}',
                    )
            if obj.get("uuid") in self.uuids:
                return self._save_fail(
                    path,
                    "uuid-unique",
                    "Object",
                    "Object could not be saved.\nuuid: The UUID provided is not unique",
                )
            # rule object-references: what objects/add saves has no ObjectReference.
            if obj.get("ObjectReference"):
                self._refuse("object-references", path)
            saved = {k: v for k, v in obj.items() if k != "ObjectReference"}
            saved.update(id=str(1000 + sum(len(e["Object"]) for e in self.events.values())))
            saved.update(event_id=event["id"], ObjectReference=[])
            saved["Attribute"] = [dict(a, event_id=event["id"]) for a in attributes]
            self.uuids.add(saved["uuid"])
            self.uuids.update(a["uuid"] for a in attributes if a.get("uuid"))
            event["Object"].append(saved)
            self._touch(event)
            return self._json({"Object": saved})

    def _add_reference(self, path: str, ident: str, data: dict) -> Response:
        with self.lock:
            for event in self.events.values():
                for obj in event["Object"]:
                    if ident in (obj["id"], obj["uuid"]):
                        break
                else:
                    continue
                break
            else:
                return self._json({"name": "Invalid object.", "message": "Invalid object."}, 404)
            if not self.can_modify(event):
                # ObjectReferencesController.php:44-46: NotFoundException for both.
                self._refuse("modify-event", path)
                return self._json({"name": "Invalid object.", "message": "Invalid object."}, 404)
            ref = data.get("ObjectReference", data)
            saved = {
                "id": str(3000 + len(obj["ObjectReference"])),
                "uuid": str(uuidlib.uuid4()),  # MISP makes its own (line 67)
                "object_id": obj["id"],
                "object_uuid": obj["uuid"],
                "event_id": event["id"],
                "referenced_uuid": ref["referenced_uuid"],
                "relationship_type": ref.get("relationship_type", ""),
            }
            obj["ObjectReference"].append(saved)
            self._touch(event)
            return self._json({"ObjectReference": saved})

    def _add_report(self, path: str, event_id: str, data: dict) -> Response:
        with self.lock:
            event, refusal = self._event_to_modify(path, event_id)
            if refusal is not None:
                return refusal
            report = data.get("EventReport", data)
            if report.get("uuid") in self.uuids:
                return self._save_fail(
                    path, "uuid-unique", "EventReport", "uuid: The UUID provided is not unique"
                )
            if len(report.get("name", "")) > COLUMN_LIMITS["event_reports.name"]:
                return self._sql_too_long(path, "report-name-255", "name")
            saved = dict(report, id=str(2000 + len(event["EventReport"])), event_id=event["id"])
            self.uuids.add(saved["uuid"])
            event["EventReport"].append(saved)
            self._touch(event)
            return self._json({"EventReport": saved})


def install(httpserver, fake: FakeMisp) -> str:
    httpserver.expect_request(re.compile(".*")).respond_with_handler(fake.handle)
    return httpserver.url_for("").rstrip("/")


# --- workflow blueprints: what MISP's import (WorkflowBlueprintsController::import, :101-108,
# then add() and the model's validation) accepts ------------------------------------------

# The parameters each action module declares: enrich-event has one, "modules"
# (app/Model/WorkflowModules/action/Module_enrich_event.php:32-39, version 0.2 at :8).
ACTION_PARAMS = {"enrich-event": ({"modules"}, "0.2")}
_UUID_RFC4122 = re.compile(
    r"^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"
)


def blueprint_problems(document: dict) -> list[str]:
    """Why MISP would refuse (or silently damage) this blueprint, each with its rule."""
    problems = []
    b = document.get("WorkflowBlueprint")
    if not isinstance(b, dict):
        return ["no WorkflowBlueprint object (WorkflowBlueprint.php:128)"]
    if not str(b.get("name", "")).strip():
        problems.append("name is empty (WorkflowBlueprint.php:22, stringNotEmpty)")
    for column in ("name", "description"):
        limit = COLUMN_LIMITS[f"workflow_blueprints.{column}"]
        if len(str(b.get(column, ""))) > limit:
            problems.append(f"{column} over {limit} characters ({RULES['blueprint-191']})")
    if not _UUID_RFC4122.match(str(b.get("uuid", "")).lower()):
        problems.append("uuid is not an RFC 4122 uuid (WorkflowBlueprint.php:28-32)")
    if not str(b.get("timestamp", "")).isdigit():
        problems.append("timestamp is not an integer (INSTALL/MYSQL.sql:1754)")
    for node in b.get("data") or []:
        data = node.get("data", {})
        if not data.get("id") or not data.get("module_type"):
            problems.append("a node without data.id or data.module_type (WorkflowBlueprint.php:87)")
            continue
        params, version = ACTION_PARAMS.get(data["id"], (None, None))
        if params is None:
            continue
        extra = set(data.get("indexed_params", {})) - params
        if extra:
            problems.append(
                f"{data['id']}: parameters the module does not declare: {sorted(extra)}"
            )
        if data.get("module_version") != version:
            problems.append(f"{data['id']}: module_version is not the module's {version}")
    return problems

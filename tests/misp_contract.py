"""The part of MISP's REST API that orkl-misp uses and the MISP double (tests/misp_fake.py) serves.

Written by us, in our words: for each endpoint, the method, the path template, and for a
request body a small JSON Schema (Draft 4) of the fields our client sends and MISP reads: their
types and which must be there. It is not a copy of MISP's OpenAPI description (AGPL-3.0, not
kept in this repository); each entry says where its facts come from: the path in MISP's
``app/webroot/doc/openapi.yaml`` and the controller action that serves it, in MISP/MISP at
bb0909a37a7bd727d35f7a60ee9a6ff10bc99852 (branch 2.5, MISP 2.5.1).

``tests/check_misp_contract.py PATH/TO/openapi.yaml`` checks this table against MISP's own
description (every entry's path and method there, every required field a property of its
request schema); `.ci/run` runs it when the description is beside the clone.
"""

from __future__ import annotations

from dataclasses import dataclass

MISP_COMMIT = "bb0909a37a7bd727d35f7a60ee9a6ff10bc99852"

_UINT = {"type": "string", "pattern": "^[0-9]+$"}  # MISP's ids and timestamps: digits, as text
_UUID = {"type": "string"}


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str  # template: {name} is one path segment
    openapi: str | None  # the path in MISP's openapi.yaml; None: served, but not described there
    source: str  # the MISP controller action that serves it (file:line at MISP_COMMIT)
    body: dict | None = None  # JSON Schema of the body; None: no body read


CONTRACT: tuple[Endpoint, ...] = (
    Endpoint(
        "GET",
        "/servers/getVersion",
        "/servers/getVersion",
        "app/Controller/ServersController.php:1883",
    ),
    Endpoint(
        "GET",
        "/servers/getPyMISPVersion",
        "/servers/getPyMISPVersion",
        "app/Controller/ServersController.php:1904",
    ),
    # PyMISP's connection check reads the key's own user ("me"). MISP serves it, but its
    # OpenAPI description does not describe it.
    Endpoint("GET", "/users/view/me", None, "app/Controller/UsersController.php:46"),
    Endpoint(
        "GET",
        "/attributes/describeTypes",
        "/attributes/describeTypes",
        "app/Controller/AttributesController.php:2526",
    ),
    Endpoint(
        "POST",
        "/events/restSearch",
        "/events/restSearch",
        "app/Controller/AppController.php:1362 (restSearch, shared by EventsController)",
        {
            "type": "object",
            "required": ["returnFormat", "timestamp"],
            "properties": {
                "returnFormat": {"type": "string", "enum": ["json"]},
                "timestamp": _UINT,  # events changed at or after, seconds since the epoch
                "tags": {"type": "array", "items": {"type": "string"}},
                "org": {"type": "string"},
            },
        },
    ),
    Endpoint(
        "GET",
        "/events/view/{eventId}",
        "/events/view/{eventId}",
        "app/Controller/EventsController.php:1664",
    ),
    # The object's attributes are read from "Attribute" (app/Controller/ObjectsController.php:
    # 200-202); each one is matched to the template by object_relation (line 109).
    Endpoint(
        "POST",
        "/objects/add/{eventId}/{objectTemplateId}",
        "/objects/add/{eventId}/{objectTemplateId}",
        "app/Controller/ObjectsController.php:122",
        {
            "type": "object",
            "required": ["Attribute"],
            "properties": {
                "uuid": _UUID,
                "name": {"type": "string"},
                "template_uuid": _UUID,
                "Attribute": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["object_relation", "value"],
                        "properties": {
                            "object_relation": {"type": "string"},
                            "value": {"type": "string"},
                            "type": {"type": "string"},
                            "uuid": _UUID,
                        },
                    },
                },
            },
        },
    ),
    # References have their own action; objects/add ignores them (ObjectsController.php:189-287).
    # It reads referenced_uuid and relationship_type (ObjectReferencesController.php:52-53).
    Endpoint(
        "POST",
        "/objectReferences/add/{objectId}",
        None,
        "app/Controller/ObjectReferencesController.php:18",
        {
            "type": "object",
            "required": ["referenced_uuid"],
            "properties": {
                "referenced_uuid": _UUID,
                "relationship_type": {"type": "string"},
            },
        },
    ),
    # EventReport.php:40-43: name is required and not blank; content is the report's markdown.
    Endpoint(
        "POST",
        "/eventReports/add/{eventId}",
        "/eventReports/add/{eventId}",
        "app/Controller/EventReportsController.php:31",
        {
            "type": "object",
            "required": ["name", "content"],
            "properties": {
                "uuid": _UUID,
                "name": {"type": "string", "minLength": 1},
                "content": {"type": "string"},
                "distribution": {"type": "string", "enum": ["0", "1", "2", "3", "4", "5"]},
            },
        },
    ),
    Endpoint("GET", "/tags", "/tags", "app/Controller/TagsController.php:32"),
    # tags.name is varchar(255) (INSTALL/MYSQL.sql:1438); the action reads name (line 150).
    Endpoint(
        "POST",
        "/tags/add",
        "/tags/add",
        "app/Controller/TagsController.php:140",
        {
            "type": "object",
            "required": ["name"],
            "properties": {
                "name": {"type": "string", "maxLength": 255},
                "exportable": {"type": "boolean"},
            },
        },
    ),
    Endpoint(
        "POST",
        "/events/addTag/{eventId}/{tagId}/local:{local}",
        "/events/addTag/{eventId}/{tagId}/local:{local}",
        "app/Controller/EventsController.php:3814",
    ),
)

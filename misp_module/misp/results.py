"""Render an :class:`Enrichment` as the misp-modules ``misp_standard`` results.

The shape MISP expects from an expansion module: ``{"results": {"Attribute", "Object",
"EventReport", "Tag"}}``. Built with PyMISP and returned as plain dicts. Every uuid is derived
from the ORKL sha1 (uuid5), so enriching twice gives the same bytes and MISP sees the same
objects again instead of new copies.
"""

from __future__ import annotations

import json

from pymisp import MISPEvent, MISPObject

from misp_module.core.enrich import Enrichment
from misp_module.core.ids import derived_uuid
from misp_module.misp.report_markdown import render

REPORT_TYPE = "Report"


def event_report_uuid(sha1: str) -> str:
    return derived_uuid("orkl", sha1, "event-report")


def report_object_uuid(sha1: str) -> str:
    return derived_uuid("orkl", sha1, "report-object")


def build_event(enrichment: Enrichment, attribute_uuid: str | None = None) -> MISPEvent:
    e = enrichment.entry
    event = MISPEvent()
    obj = MISPObject("report", standalone=False)
    obj.uuid = report_object_uuid(e.sha1)
    obj.comment = f"ORKL library entry {e.id or ''} sha1 {e.sha1}".replace("  ", " ")

    def add(relation: str, value: str) -> None:
        obj.add_attribute(relation, value=value, uuid=derived_uuid(obj.uuid, relation, value))

    add("title", e.title)
    add("summary", enrichment.summary)
    for link in dict.fromkeys((*e.references, *(e.orkl_links or e.archive_links))):
        add("link", link)
    add("type", REPORT_TYPE)
    if attribute_uuid:
        ref = obj.add_reference(attribute_uuid, "expanded-from")
        ref.uuid = derived_uuid(obj.uuid, "expanded-from", attribute_uuid)
    event.add_object(obj)
    report = event.add_event_report(f"ORKL: {e.title}", render(enrichment))
    report.uuid = event_report_uuid(e.sha1)
    for tag in enrichment.tags:
        event.add_tag(tag)
    return event


def build_results(enrichment: Enrichment, attribute_uuid: str | None = None) -> dict:
    event = json.loads(build_event(enrichment, attribute_uuid).to_json())
    return {
        "results": {
            "Attribute": event.get("Attribute", []),
            "Object": event.get("Object", []),
            "EventReport": event.get("EventReport", []),
            "Tag": [{"name": t["name"]} for t in event.get("Tag", [])],
        }
    }

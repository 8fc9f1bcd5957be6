"""Render an :class:`Enrichment` as the misp-modules ``misp_standard`` results.

The shape MISP expects from an expansion module: ``{"results": {"Attribute", "Object",
"EventReport", "Tag"}}``. Built with PyMISP and returned as plain dicts.

Every uuid is derived (uuid5) from what identifies *this* enrichment: the enriched attribute's
uuid (or, without one, the event) together with the ORKL sha1. MISP wants object, attribute and
event-report uuids unique in the whole instance (app/Model/MispObject.php:67-77,
MispAttribute.php:242-252, EventReport.php:29-39), so a uuid from the sha1 alone would let only
the first event ever enriched with a report keep it. Enriching the same attribute again gives
the same uuids, and MISP's own uniqueness check then refuses the copy.

Values are fitted to MISP's columns and validators (misp/limits.py): a cut name or tag keeps its
full value in the event report, a link MISP would refuse is encoded or left out with a note.
"""

from __future__ import annotations

import json
import re

from pymisp import MISPEvent, MISPObject, MISPTag

from misp_module.core.enrich import Enrichment
from misp_module.core.ids import derived_uuid
from misp_module.misp.limits import REPORT_NAME_MAX, TAG_NAME_MAX, encode_link, fit
from misp_module.misp.report_markdown import code_span, inert, render

REPORT_TYPE = "Report"
# Every attribute of the report object carries this comment: the module answers nothing for
# an attribute that carries it, so a workflow that runs again over the event (event-publish,
# a later watch pass) never enriches the module's own writes.
OWN_COMMENT = "orkl-misp: from ORKL sha1 "
# EventReport distribution 5: "Inherit event" (app/Model/EventReport.php distribution levels).
# Without it, MISP's import view preselects "Your organisation only"
# (app/View/Events/resolved_misp_format.ctp:110-116).
INHERIT_EVENT = 5
_OWN_SHA1 = re.compile(re.escape(OWN_COMMENT) + r"([0-9a-f]{40})")


def anchor_of(attribute_uuid: str | None, event_id: str | None = None) -> str:
    """What identifies the enrichment besides the sha1: the attribute, else the event."""
    if attribute_uuid:
        return f"attribute/{attribute_uuid.lower()}"
    return f"event/{event_id}" if event_id else "unanchored"


def event_report_uuid(sha1: str, anchor: str) -> str:
    return derived_uuid("orkl", anchor, sha1, "event-report")


def report_object_uuid(sha1: str, anchor: str) -> str:
    return derived_uuid("orkl", anchor, sha1, "report-object")


def own_sha1(comment: object) -> str | None:
    """The ORKL sha1 an attribute written by this module came from (None: not ours)."""
    m = _OWN_SHA1.match(comment) if isinstance(comment, str) else None
    return m.group(1) if m else None


def build_event(
    enrichment: Enrichment, attribute_uuid: str | None = None, event_id: str | None = None
) -> MISPEvent:
    e = enrichment.entry
    anchor = anchor_of(attribute_uuid, event_id)
    notes: list[str] = []
    event = MISPEvent()
    obj = MISPObject("report", standalone=False)
    obj.uuid = report_object_uuid(e.sha1, anchor)
    obj.comment = f"ORKL library entry {e.id or ''} sha1 {e.sha1}".replace("  ", " ")
    own = OWN_COMMENT + e.sha1

    def add(relation: str, value: str) -> None:
        obj.add_attribute(
            relation, value=value, uuid=derived_uuid(obj.uuid, relation, value), comment=own
        )

    add("title", e.title)
    add("summary", enrichment.summary)
    for link in dict.fromkeys((*e.references, *(e.orkl_links or e.archive_links))):
        accepted = encode_link(link)
        if accepted is None:
            notes.append(
                f"Link left out of the report object (MISP would refuse it): {code_span(link)}"
            )
        else:
            if accepted != link:
                notes.append(f"Link encoded for MISP: {code_span(link)} is {code_span(accepted)}")
            add("link", accepted)
    add("type", REPORT_TYPE)
    if attribute_uuid:
        ref = obj.add_reference(attribute_uuid, "expanded-from")
        ref.uuid = derived_uuid(obj.uuid, "expanded-from", attribute_uuid)
    event.add_object(obj)
    full_name = f"ORKL: {e.title}"
    name = fit(full_name, REPORT_NAME_MAX)
    if name != full_name:
        notes.append(
            f"Report name cut to {REPORT_NAME_MAX} characters; in full: {inert(full_name)}"
        )
    # The tag list built once: PyMISP's add_tag compares each new tag with every tag already
    # there through to_dict() (pymisp/abstract.py, AbstractMISP._add_tag), which is quadratic:
    # 11 s for the ~1,000 tags of a 10 MB report, past MISP's 10 s timeout.
    names: dict[str, None] = {}
    for tag in enrichment.tags:
        cut = fit(tag, TAG_NAME_MAX)
        if cut != tag:
            notes.append(
                f"Tag cut to {TAG_NAME_MAX} characters: {code_span(cut)}; in full: {code_span(tag)}"
            )
        names.setdefault(cut)
    tags = []
    for tag_name in names:
        tag = MISPTag()
        tag.from_dict(name=tag_name)
        tags.append(tag)
    event.tags = tags
    content = render(enrichment)
    if notes:
        content += "\n## Fitted to MISP\n\n" + "\n".join(f"- {n}" for n in notes) + "\n"
    report = event.add_event_report(name, content, distribution=INHERIT_EVENT)
    report.uuid = event_report_uuid(e.sha1, anchor)
    return event


def build_results(
    enrichment: Enrichment, attribute_uuid: str | None = None, event_id: str | None = None
) -> dict:
    event = json.loads(build_event(enrichment, attribute_uuid, event_id).to_json())
    return {
        "results": {
            "Attribute": event.get("Attribute", []),
            "Object": event.get("Object", []),
            "EventReport": event.get("EventReport", []),
            "Tag": [{"name": t["name"]} for t in event.get("Tag", [])],
        }
    }


_REPORT_SHA1 = re.compile(r"\| ORKL \| sha1 `([0-9a-f]{40})`")


def report_sha1(content: object) -> str | None:
    """The ORKL sha1 an event report written by this module is about (its ORKL row)."""
    m = _REPORT_SHA1.search(content) if isinstance(content, str) else None
    return m.group(1) if m else None

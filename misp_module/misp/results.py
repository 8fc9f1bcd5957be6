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
from dataclasses import dataclass
from functools import lru_cache

from pymisp import MISPEvent, MISPObject, MISPTag

from misp_module.core.enrich import Enrichment
from misp_module.core.entry import OrklEntry
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


@dataclass
class _Parts:
    """What the reply is made of, worked out once for both renderings below."""

    object_uuid: str
    object_comment: str
    attributes: list[tuple[str, str, str]]  # (relation, value, uuid)
    own: str
    reference: tuple[str, str] | None  # (referenced attribute uuid, reference uuid)
    report_name: str
    report_uuid: str
    content: str
    tags: list[str]


def _object_parts(
    e: OrklEntry, summary: str, anchor: str, attribute_uuid: str | None, notes: list[str]
) -> tuple[str, list[tuple[str, str, str]], tuple[str, str] | None]:
    """The report object's uuid, attributes and reference (notes about links added)."""
    object_uuid = report_object_uuid(e.sha1, anchor)
    attributes: list[tuple[str, str, str]] = []

    def add(relation: str, value: str) -> None:
        attributes.append((relation, value, derived_uuid(object_uuid, relation, value)))

    add("title", e.title)
    add("summary", summary)
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
    reference = None
    if attribute_uuid:
        reference = (
            attribute_uuid,
            derived_uuid(object_uuid, "expanded-from", attribute_uuid),
        )
    return object_uuid, attributes, reference


def _parts(enrichment: Enrichment, attribute_uuid: str | None, event_id: str | None) -> _Parts:
    e = enrichment.entry
    anchor = anchor_of(attribute_uuid, event_id)
    notes: list[str] = []
    object_uuid, attributes, reference = _object_parts(
        e, enrichment.summary, anchor, attribute_uuid, notes
    )
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
    content = render(enrichment)
    if notes:
        content += "\n## Fitted to MISP\n\n" + "\n".join(f"- {n}" for n in notes) + "\n"
    return _Parts(
        object_uuid=object_uuid,
        object_comment=_object_comment(e),
        attributes=attributes,
        own=OWN_COMMENT + e.sha1,
        reference=reference,
        report_name=name,
        report_uuid=event_report_uuid(e.sha1, anchor),
        content=content,
        tags=list(names),
    )


def _event(parts: _Parts) -> MISPEvent:
    """The reply as PyMISP's objects: the reference the plain rendering is held to."""
    event = MISPEvent()
    obj = MISPObject("report", standalone=False)
    obj.uuid = parts.object_uuid
    obj.comment = parts.object_comment
    for relation, value, uuid in parts.attributes:
        obj.add_attribute(relation, value=value, uuid=uuid, comment=parts.own)
    if parts.reference:
        ref = obj.add_reference(parts.reference[0], "expanded-from")
        ref.uuid = parts.reference[1]
    event.add_object(obj)
    tags = []
    for tag_name in parts.tags:
        tag = MISPTag()
        tag.from_dict(name=tag_name)
        tags.append(tag)
    event.tags = tags
    report = event.add_event_report(parts.report_name, parts.content, distribution=INHERIT_EVENT)
    report.uuid = parts.report_uuid
    return event


def build_event(
    enrichment: Enrichment, attribute_uuid: str | None = None, event_id: str | None = None
) -> MISPEvent:
    return _event(_parts(enrichment, attribute_uuid, event_id))


def pymisp_results(
    enrichment: Enrichment, attribute_uuid: str | None = None, event_id: str | None = None
) -> dict:
    """build_results through PyMISP's objects and their JSON (the slow path it replaces)."""
    return _results_of(json.loads(build_event(enrichment, attribute_uuid, event_id).to_json()))


def _results_of(event: dict) -> dict:
    return {
        "results": {
            "Attribute": event.get("Attribute", []),
            "Object": event.get("Object", []),
            "EventReport": event.get("EventReport", []),
            "Tag": [{"name": t["name"]} for t in event.get("Tag", [])],
        }
    }


# --- the same reply as plain dicts -----------------------------------------------------------
# Building PyMISP's objects and their JSON was most of a reply's cost (an attribute's from_dict
# checks its type and category against describeTypes, to_dict walks every field, to_json
# encodes it all and json.loads decodes it again). What PyMISP writes for the report object,
# its attributes and the event report does not depend on the values but for the values
# themselves, so it is taken once from PyMISP (an object with one attribute per relation, an
# event report) and filled in per reply with what PyMISP does to values:
# MISPObject.add_attribute strips a string and then its NULs and skips it if nothing is left
# (pymisp/mispevent.py, MISPObject.add_attribute), AbstractMISP.to_dict strips every string
# field (pymisp/abstract.py, to_dict). tests/test_results_fast.py holds both to the same bytes.
_PROTO_UUID = "00000000-0000-4000-8000-00000000beef"


@lru_cache(maxsize=1)
def _prototypes() -> tuple[dict, dict[str, dict], dict]:
    relations = ("title", "summary", "link", "type")
    parts = _Parts(
        object_uuid=_PROTO_UUID,
        object_comment="comment",
        attributes=[(r, "value", _PROTO_UUID) for r in relations],
        own="own",
        reference=(_PROTO_UUID, _PROTO_UUID),
        report_name="name",
        report_uuid=_PROTO_UUID,
        content="content",
        tags=[],
    )
    event = json.loads(_event(parts).to_json())
    (obj,) = event["Object"]
    attributes = {a["object_relation"]: a for a in obj["Attribute"]}
    (report,) = event["EventReport"]
    return obj, attributes, report


def _filled(proto: dict, **values) -> dict:
    return {k: values.get(k, v) for k, v in proto.items()}


def _object_dict(
    object_uuid: str,
    object_comment: str,
    attributes: list[tuple[str, str, str]],
    own: str,
    reference: tuple[str, str] | None,
) -> dict:
    obj_proto, attribute_protos, _ = _prototypes()
    own = own.strip()
    filled = []
    for relation, value, uuid in attributes:
        value = value.strip().strip("\x00")
        if value == "":
            continue  # PyMISP skips an empty value
        filled.append(
            _filled(attribute_protos[relation], uuid=uuid.strip(), value=value.strip(), comment=own)
        )
    obj = _filled(
        obj_proto,
        uuid=object_uuid.strip(),
        comment=object_comment.strip(),
        Attribute=filled,
        ObjectReference=[
            _filled(
                obj_proto["ObjectReference"][0],
                uuid=reference[1].strip(),
                object_uuid=object_uuid.strip(),
                referenced_uuid=reference[0].strip(),
            )
        ]
        if reference
        else [],
    )
    for key in ("ObjectReference", "Attribute"):
        if not obj[key]:
            del obj[key]  # PyMISP writes no empty list
    return obj


def _object_comment(e: OrklEntry) -> str:
    return f"ORKL library entry {e.id or ''} sha1 {e.sha1}".replace("  ", " ")


def build_results(
    enrichment: Enrichment, attribute_uuid: str | None = None, event_id: str | None = None
) -> dict:
    parts = _parts(enrichment, attribute_uuid, event_id)
    _, _, report_proto = _prototypes()
    obj = _object_dict(
        parts.object_uuid, parts.object_comment, parts.attributes, parts.own, parts.reference
    )
    report = _filled(
        report_proto,
        uuid=parts.report_uuid.strip(),
        name=parts.report_name.strip(),
        content=parts.content.strip(),
    )
    return {
        "results": {
            "Attribute": [],
            "Object": [obj],
            "EventReport": [report],
            "Tag": [{"name": name.strip()} for name in parts.tags],
        }
    }


def hover_results(
    entry: OrklEntry, summary: str, attribute_uuid: str | None = None, event_id: str | None = None
) -> dict:
    """The reply to MISP's hover: the report object of build_results alone. It is made of the
    entry and its summary, so no matching is done for it (most of a reply's time)."""
    object_uuid, attributes, reference = _object_parts(
        entry, summary, anchor_of(attribute_uuid, event_id), attribute_uuid, []
    )
    obj = _object_dict(
        object_uuid, _object_comment(entry), attributes, OWN_COMMENT + entry.sha1, reference
    )
    return {"results": {"Object": [obj]}}


_REPORT_SHA1 = re.compile(r"\| ORKL \| sha1 `([0-9a-f]{40})`")


def report_sha1(content: object) -> str | None:
    """The ORKL sha1 an event report written by this module is about (its ORKL row)."""
    m = _REPORT_SHA1.search(content) if isinstance(content, str) else None
    return m.group(1) if m else None

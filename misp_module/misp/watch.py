"""Automatic enrichment outside MISP: poll new and changed events, enrich, write back.

For instances without Workflows. Each pass:

1. finds the events changed since the high-water mark (a timestamp kept in a state file);
2. runs the expansion module's own logic on every attribute it accepts (link, url, sha1, text);
3. writes back what the event does not have yet: the report object (its ``expanded-from``
   reference included), the event report, the tags, and a marker tag. The uuids are derived
   from the ORKL sha1, so a second pass finds everything in place and writes nothing;
4. moves the high-water mark past each event only once that event is done, so a crash or a
   MISP failure never skips an event: the next pass starts again from it.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pymisp import MISPEvent

from misp_module.core.files import atomic_write
from misp_module.misp.expansion import INPUT_TYPES

MARKER_TAG = 'misp-workflow:action-taken="orkl-misp"'


@dataclass
class State:
    path: Path
    high_water: int

    @classmethod
    def load(cls, path: Path, default: int) -> State:
        try:
            data = json.loads(path.read_text())
            return cls(path, int(data["high_water"]))
        except FileNotFoundError:
            return cls(path, default)
        except (ValueError, KeyError, TypeError) as exc:
            from misp_module.core.errors import ConfigError

            raise ConfigError(
                f"{path}: not a watch state file ({exc}); remove it to start again"
            ) from None

    def save(self) -> None:
        atomic_write(self.path, json.dumps({"high_water": self.high_water}))


@dataclass
class EventPlan:
    objects: list[dict] = field(default_factory=list)
    reports: list[dict] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    found: int = 0  # attributes that led to an ORKL entry

    @property
    def empty(self) -> bool:
        return not (self.objects or self.reports or self.tags)

    def describe(self) -> str:
        parts = []
        if self.objects:
            parts.append(f"{len(self.objects)} report object{'s' * (len(self.objects) > 1)}")
        if self.reports:
            parts.append(f"{len(self.reports)} event report{'s' * (len(self.reports) > 1)}")
        if self.tags:
            parts.append(f"{len(self.tags)} tag{'s' * (len(self.tags) > 1)}")
        return ", ".join(parts)


def _attributes(event: MISPEvent):
    yield from event.attributes
    for obj in event.objects:
        yield from obj.attributes


def plan_event(event: MISPEvent, config: dict, enrich: Callable[[dict], dict]) -> EventPlan:
    """What enriching ``event`` would add to it, given what it already holds."""
    have_objects = {o.uuid for o in event.objects}
    have_reports = {r.uuid for r in getattr(event, "event_reports", [])}
    have_tags = {t.name for t in event.tags}
    plan = EventPlan()
    for attribute in _attributes(event):
        if attribute.type not in INPUT_TYPES:
            continue
        request = {
            "module": "orkl_attribution",
            "event_id": str(event.id),
            "attribute": {"type": attribute.type, "value": attribute.value, "uuid": attribute.uuid},
            "config": config,
        }
        results = enrich(request).get("results") or {}
        if not results:
            continue
        plan.found += 1
        for obj in results.get("Object", []):
            if obj["uuid"] not in have_objects:
                have_objects.add(obj["uuid"])
                plan.objects.append(obj)
        for report in results.get("EventReport", []):
            if report["uuid"] not in have_reports:
                have_reports.add(report["uuid"])
                plan.reports.append(report)
        for tag in results.get("Tag", []):
            if tag["name"] not in have_tags:
                have_tags.add(tag["name"])
                plan.tags.append(tag["name"])
    if plan.found and MARKER_TAG not in have_tags:
        plan.tags.append(MARKER_TAG)
    return plan


def apply(client, event: MISPEvent, plan: EventPlan) -> None:
    # Objects and reports first, the marker tag last: an interrupted event is redone in full
    # next time, and whatever was written already is recognised by its uuid or name.
    for obj in plan.objects:
        client.add_object(event, obj)
    for report in plan.reports:
        client.add_event_report(event, report)
    for tag in plan.tags:
        client.tag_event(event, tag)


@dataclass
class PassSummary:
    events: int = 0
    enriched: int = 0
    lines: list[str] = field(default_factory=list)


def run_pass(
    client,
    state: State,
    config: dict,
    *,
    enrich: Callable[[dict], dict],
    tags: list[str] | None = None,
    org: str | None = None,
    dry_run: bool = False,
    say: Callable[[str], None] = print,
) -> PassSummary:
    summary = PassSummary()
    events = client.events_since(state.high_water, tags=tags, org=org)
    for event in sorted(
        events, key=lambda e: (int(e.timestamp.timestamp()) if e.timestamp else 0, int(e.id))
    ):
        summary.events += 1
        plan = plan_event(event, config, enrich)
        label = f"event {event.id} ({event.uuid})"
        if plan.empty:
            line = f"{label}: nothing to add" + (
                " (already enriched)" if plan.found else " (no ORKL report)"
            )
        elif dry_run:
            line = f"{label}: would add {plan.describe()}: " + "; ".join(plan.tags)
        else:
            apply(client, event, plan)
            summary.enriched += 1
            line = f"{label}: added {plan.describe()}"
        say(line)
        summary.lines.append(line)
        if not dry_run:
            stamp = int(event.timestamp.timestamp()) if event.timestamp else state.high_water
            if stamp > state.high_water:
                state.high_water = stamp
                state.save()
    return summary


def parse_since(value: str, now: float | None = None) -> int:
    """'7d', '24h', '90m', '3600' (seconds ago) or an ISO date: a Unix timestamp."""
    from datetime import datetime, timezone

    now = time.time() if now is None else now
    units = {"d": 86400, "h": 3600, "m": 60, "s": 1}
    text = value.strip()
    if text and text[-1] in units and text[:-1].isdigit():
        return int(now - int(text[:-1]) * units[text[-1]])
    if text.isdigit():
        return int(now - int(text))
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(
            f"not a duration or a date: {value!r} (try 7d, 24h or 2026-01-31)"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return int(moment.timestamp())

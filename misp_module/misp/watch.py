"""Automatic enrichment outside MISP: poll new and changed events, enrich, write back.

For instances without Workflows. Each pass:

1. finds the events changed since the high-water mark (a timestamp kept in a state file), and
   the refused events whose next try is due;
2. runs the expansion module's own logic on every attribute it accepts (link, url, sha1, text),
   leaving out the attributes of report objects the module wrote itself;
3. writes back what the event does not have yet: the report object, its ``expanded-from``
   reference (its own call: ``objects/add`` ignores references), the event report, the tags,
   and a marker tag. uuids come from the attribute and the ORKL sha1, and an event that already
   holds a report object or event report for an ORKL report gets no second one, so a second
   pass writes nothing;
4. moves the high-water mark past each event once it is done *or refused*: a refusal (MISP's
   403 with its message: another organisation's event, a uuid already used...) is recorded in
   the state file with MISP's message and retried with backoff a bounded number of times, then
   listed by ``watch --status``; it never holds the mark back. A transient failure (MISP down,
   5xx, an answer that is not MISP's JSON) stops the pass with the mark before the event.

One run at a time per state file: the run holds an exclusive lock on ``<state>.lock``; a
second run says so and exits.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from pymisp import MISPEvent

from misp_module.core.errors import ConfigError, OrklMispError
from misp_module.core.files import atomic_write
from misp_module.misp.client import MispRefused
from misp_module.misp.expansion import INPUT_TYPES
from misp_module.misp.results import own_sha1, report_sha1

MARKER_TAG = 'misp-workflow:action-taken="orkl-misp"'
DEFAULT_REFUSAL_TRIES = 4
DEFAULT_REFUSAL_BACKOFF = 900.0  # seconds before the first retry; doubled each time


class WatchBusy(OrklMispError):
    """Another watch run holds the state file's lock."""

    exit_status = 5


@contextlib.contextmanager
def exclusive(state_path: Path) -> Iterator[None]:
    """Hold ``<state>.lock`` for the run, or raise WatchBusy at once."""
    lock_path = state_path.with_name(state_path.name + ".lock")
    try:
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:
        raise ConfigError(f"{lock_path}: cannot open the watch lock ({exc.strerror})") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "?"
            raise WatchBusy(
                f"another watch run (pid {holder}) holds {lock_path}; this one exits without "
                "writing anything"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        yield
    finally:
        os.close(fd)  # closing releases the lock


@dataclass
class Refusal:
    id: str
    message: str
    tries: int
    next_try: int  # Unix time; 0 once the event is given up on
    timestamp: int  # the event's timestamp when refused: a newer one earns a fresh start

    @property
    def permanent(self) -> bool:
        return self.next_try == 0


@dataclass
class State:
    path: Path
    high_water: int
    refused: dict[str, Refusal] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path, default: int) -> State:
        try:
            data = json.loads(path.read_text())
            refused = {u: Refusal(**r) for u, r in data.get("refused", {}).items()}
            return cls(path, int(data["high_water"]), refused)
        except FileNotFoundError:
            return cls(path, default)
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ConfigError(
                f"{path}: not a watch state file ({exc}); remove it to start again"
            ) from None

    def save(self) -> None:
        data = {
            "high_water": self.high_water,
            "refused": {u: asdict(r) for u, r in sorted(self.refused.items())},
        }
        atomic_write(self.path, json.dumps(data, indent=1))


@dataclass
class EventPlan:
    objects: list[dict] = field(default_factory=list)
    references: list[tuple[str, dict]] = field(default_factory=list)  # (object id, reference)
    reports: list[dict] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    found: int = 0  # attributes that led to an ORKL entry
    errors: list[str] = field(default_factory=list)  # look-ups that failed

    @property
    def empty(self) -> bool:
        return not (self.objects or self.references or self.reports or self.tags)

    def describe(self) -> str:
        def n(count: int, what: str) -> str:
            return f"{count} {what}{'s' * (count > 1)}"

        parts = []
        if self.objects:
            parts.append(n(len(self.objects), "report object"))
        if self.references:
            parts.append(n(len(self.references), "reference"))
        if self.reports:
            parts.append(n(len(self.reports), "event report"))
        if self.tags:
            parts.append(n(len(self.tags), "tag"))
        return ", ".join(parts)


def _attributes(event: MISPEvent):
    yield from event.attributes
    for obj in event.objects:
        yield from obj.attributes


def _object_sha1(obj) -> str | None:
    for attribute in obj.get("Attribute", []) if isinstance(obj, dict) else obj.attributes:
        comment = attribute.get("comment") if isinstance(attribute, dict) else attribute.comment
        sha1 = own_sha1(comment)
        if sha1:
            return sha1
    return None


def plan_event(event: MISPEvent, config: dict, enrich: Callable[[dict], dict]) -> EventPlan:
    """What enriching ``event`` would add to it, given what it already holds."""
    objects = {_object_sha1(o): o for o in event.objects if _object_sha1(o)}
    have_reports = {report_sha1(r.content) for r in getattr(event, "event_reports", [])}
    have_reports |= {r.uuid for r in getattr(event, "event_reports", [])}
    have_reports.discard(None)
    have_tags = {t.name for t in event.tags}
    planned_refs: set[str] = set()  # ids of written objects given their reference
    plan = EventPlan()
    for attribute in _attributes(event):
        if attribute.type not in INPUT_TYPES or own_sha1(getattr(attribute, "comment", "")):
            continue
        request = {
            "module": "orkl_attribution",
            "event_id": str(event.id),
            "attribute": {
                "type": attribute.type,
                "value": attribute.value,
                "uuid": attribute.uuid,
                "comment": getattr(attribute, "comment", ""),
            },
            "config": config,
        }
        answer = enrich(request)
        if "error" in answer:
            plan.errors.append(f"{attribute.type} {attribute.uuid}: {answer['error']}")
        results = answer.get("results") or {}
        if not results:
            continue
        plan.found += 1
        for obj in results.get("Object", []):
            sha1 = _object_sha1(obj)
            existing = objects.get(sha1)
            if existing is None:
                objects[sha1] = obj
                plan.objects.append(obj)
            elif (
                not isinstance(existing, dict)
                and existing.id
                and not existing.references
                and str(existing.id) not in planned_refs
            ):
                # Written earlier without its expanded-from reference (an interrupted pass, or
                # a path that drops references): the reference alone is added, once.
                planned_refs.add(str(existing.id))
                plan.references += [
                    (str(existing.id), ref) for ref in obj.get("ObjectReference", [])
                ]
        for report in results.get("EventReport", []):
            sha1 = report_sha1(report["content"])
            if report["uuid"] not in have_reports and sha1 not in have_reports:
                have_reports |= {report["uuid"], sha1}
                plan.reports.append(report)
        for tag in results.get("Tag", []):
            if tag["name"] not in have_tags:
                have_tags.add(tag["name"])
                plan.tags.append(tag["name"])
    if plan.found and MARKER_TAG not in have_tags:
        plan.tags.append(MARKER_TAG)
    return plan


def apply(client, event: MISPEvent, plan: EventPlan) -> None:
    # Objects (each followed by its references) and reports first, the marker tag last: an
    # interrupted event is redone next time, and whatever was written already is recognised.
    for obj in plan.objects:
        object_id = client.add_object(event, obj)
        for ref in obj.get("ObjectReference", []):
            client.add_reference(object_id, ref)
    for object_id, ref in plan.references:
        client.add_reference(object_id, ref)
    for report in plan.reports:
        client.add_event_report(event, report)
    for tag in plan.tags:
        client.tag_event(event, tag)


@dataclass
class PassSummary:
    events: int = 0
    enriched: int = 0
    refused: int = 0
    lines: list[str] = field(default_factory=list)


def _stamp(event: MISPEvent) -> int:
    return int(event.timestamp.timestamp()) if event.timestamp else 0


def _when(moment: int) -> str:
    return datetime.fromtimestamp(moment, timezone.utc).strftime("%Y-%m-%d %H:%M:%SZ")


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
    refusal_tries: int = DEFAULT_REFUSAL_TRIES,
    refusal_backoff: float = DEFAULT_REFUSAL_BACKOFF,
    now: Callable[[], float] = time.time,
) -> PassSummary:
    summary = PassSummary()

    def note(line: str) -> None:
        say(line)
        summary.lines.append(line)

    events = sorted(
        client.events_since(state.high_water, tags=tags, org=org),
        key=lambda e: (_stamp(e), int(e.id)),
    )
    seen = {e.uuid for e in events}
    due = [
        r
        for u, r in state.refused.items()
        if u not in seen and not r.permanent and r.next_try <= now()
    ]
    for refusal in due:  # refused earlier, older than the mark, due for another try
        try:
            events.append(client.get_event(refusal.id))
        except MispRefused as exc:
            note(f"event {refusal.id}: cannot be read any more ({exc}); dropped from the retries")
            state.refused = {u: r for u, r in state.refused.items() if r is not refusal}
            if not dry_run:
                state.save()
    for event in events:
        summary.events += 1
        label = f"event {event.id} ({event.uuid})"
        past = state.refused.get(event.uuid)
        if past is not None and _stamp(event) <= past.timestamp:
            if past.permanent:
                note(f"{label}: skipped, refused {past.tries} times (watch --status)")
                _advance(state, event, dry_run)
                continue
            if past.next_try > now():
                note(f"{label}: refused before, next try after {_when(past.next_try)}")
                _advance(state, event, dry_run)
                continue
        plan = plan_event(event, config, enrich)
        for error in plan.errors:
            note(f"{label}: look-up failed for {error}")
        if plan.empty:
            note(
                f"{label}: nothing to add"
                + (" (already enriched)" if plan.found else " (no ORKL report)")
            )
        elif dry_run:
            note(f"{label}: would add {plan.describe()}: " + "; ".join(plan.tags))
        else:
            try:
                apply(client, event, plan)
            except MispRefused as exc:
                summary.refused += 1
                _refused(state, event, str(exc), refusal_tries, refusal_backoff, now, note)
                _advance(state, event, dry_run)
                continue
            summary.enriched += 1
            note(f"{label}: added {plan.describe()}")
        if event.uuid in state.refused and not dry_run:
            del state.refused[event.uuid]
            state.save()
        _advance(state, event, dry_run)
    return summary


def _refused(state, event, message, tries_allowed, backoff, now, note) -> None:
    past = state.refused.get(event.uuid)
    fresh = past is None or _stamp(event) > past.timestamp
    tries = 1 if fresh else past.tries + 1
    label = f"event {event.id} ({event.uuid})"
    if tries >= tries_allowed:
        next_try = 0
        note(f"{label}: {message}; refused {tries} times, given up (watch --status)")
    else:
        next_try = int(now() + backoff * 2 ** (tries - 1))
        note(f"{label}: {message}; try {tries} of {tries_allowed}, next after {_when(next_try)}")
    state.refused[event.uuid] = Refusal(str(event.id), message, tries, next_try, _stamp(event))
    state.save()


def _advance(state: State, event: MISPEvent, dry_run: bool) -> None:
    if dry_run:
        return
    stamp = _stamp(event)
    if stamp > state.high_water:
        state.high_water = stamp
        state.save()


def status_lines(state: State) -> list[str]:
    """What ``watch --status`` prints: the mark, then every refused event."""
    lines = [f"state {state.path}: high-water mark {state.high_water} ({_when(state.high_water)})"]
    given_up = [(u, r) for u, r in state.refused.items() if r.permanent]
    waiting = [(u, r) for u, r in state.refused.items() if not r.permanent]
    lines.append(f"{len(given_up)} events refused for good, {len(waiting)} waiting for a retry")
    for u, r in given_up:
        lines.append(f"refused for good: event {r.id} ({u}), {r.tries} tries: {r.message}")
    for u, r in waiting:
        lines.append(
            f"retry after {_when(r.next_try)}: event {r.id} ({u}), {r.tries} tries: {r.message}"
        )
    return lines


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

"""The misp-modules expansion module: MISP's request in, orkl-misp's results out.

The shim MISP's server loads (``modules/expansion/orkl_attribution.py``) only re-exports what
is defined here. The attribute's value is a key: it is looked up in the local library (and the
package's bundled example), then, for an ORKL sha1 or entry id, asked of the configured ORKL
API. A URL from an attribute is never fetched.

Replies (see reply() for the reasons, read from MISP 2.5.1's source): nothing found is
``{"results": {}}``; a failure is ``{"error": "..."}`` naming the setting or entry to fix when a
person asked (MISP shows the message), and ``{"results": {}, "error": "..."}`` when MISP's
automatic enrichment asked, so one attribute's failure never stops the others.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import logging
import re
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import TYPE_CHECKING

import orjson

from misp_module import __version__
from misp_module.core.errors import OrklMispError
from misp_module.core.galaxy_index import DEFAULT_GALAXIES
from misp_module.misp.policy import (  # noqa: F401  (DEFAULT_TIMEOUT: re-exported)
    DEFAULT_TIMEOUT,
    RequestError,
    Settings,
    public_message,
    server_policy,
    server_rules_dirs,
    settings_from,
)

if TYPE_CHECKING:
    from misp_module.core.entry import OrklEntry

log = logging.getLogger(__name__)

MODULE_NAME = "orkl_attribution"
INPUT_TYPES = ["link", "url", "sha1", "text"]

mispattributes = {
    "input": INPUT_TYPES,
    "output": ["report", "text", "link"],
    "format": "misp_standard",
}
moduleinfo = {
    "version": __version__,
    "author": "orkl-misp",
    "module-type": ["expansion", "hover"],
    "name": "ORKL report: galaxy clusters and public attribution",
    "description": "Finds the ORKL library entry of a threat-intelligence report and returns a "
    "report object, an event report with the evidence, the MISP galaxy clusters the report is "
    "about (threat actors, malware families) and its public attribution (who attributed the "
    "activity to which state, at what level, how) as tags.",
    "logo": "",
    "requirements": [
        "pip install orkl-misp in the misp-modules environment",
        "a local ORKL library (orkl-misp sync) or access to the ORKL API",
    ],
    "features": "The attribute is a key, never fetched: a report URL as ORKL lists it, an "
    "archive.orkl.eu or orkl.eu URL, an ORKL sha1 (sha1), or an ORKL entry id (text). The entry "
    "is looked up in the local library, then in the ORKL API. Galaxy clusters come with their "
    "evidence (the report's URL in the cluster's refs, ORKL's actor list, names in the text); "
    "tags are galaxy tags and public-attribution taxonomy tags.",
    "references": ["https://orkl.eu", "https://github.com/orkl-misp/orkl-misp"],
    "input": "A link or url to a report, an ORKL sha1, or an ORKL entry id (text).",
    "output": "A report object (with an expanded-from reference to the attribute), an event "
    "report, and galaxy and public-attribution tags for the event.",
}
# Settings MISP shows under Plugin.Enrichment_orkl_attribution_<name>, each with its type and
# what it does. MISP's settings page would take these descriptions (app/Model/Module.php:366-387),
# but every path that *queries* the module reads the config as a plain list of names
# (``foreach ($module['meta']['config'] as $conf) $settings[$conf] = ...``: app/Model/Event.php:
# 6349-6351, EventsController.php:5362-5364, AttributesController.php:2436-2438,
# ModulesController.php:35): given objects there, PHP 8 stops on an illegal offset and the
# enrichment never runs. So ``moduleconfig`` stays the list every expansion module in
# misp-modules uses; the descriptions are here, in version()'s "features" and the README.
SETTINGS: dict[str, dict[str, str]] = {
    "api_url": {
        "type": "string",
        "description": "ORKL API base URL: unset, the server's own (orkl-misp serve "
        "--api-url, ORKL_API_URL; default https://orkl.eu/api/v1); another only if the server "
        "allows it (--allow-api-url).",
    },
    "library": {
        "type": "string",
        "description": "Path of the local ORKL library (orkl-misp sync): unset, the "
        "server's own (--library, ORKL_MISP_LIBRARY, or the default); another only if the "
        "server lists it (--allow-library).",
    },
    "offline": {
        "type": "boolean",
        "description": "true: never ask the ORKL API, answer from the local library alone.",
    },
    "galaxy_dir": {
        "type": "string",
        "description": "A misp-galaxy checkout: unset, the server's own (--galaxy-dir) or "
        "the galaxies bundled with PyMISP; another only if the server lists it "
        "(--allow-galaxy-dir).",
    },
    "galaxies": {
        "type": "string",
        "description": "Comma-separated names of installed galaxies to match, 4 at most "
        "(default " + ",".join(DEFAULT_GALAXIES) + ").",
    },
    "threshold": {
        "type": "numeric",
        "description": "Confidence (0..1) a cluster needs to become a tag (default 0.6).",
    },
    "timeout": {
        "type": "numeric",
        "description": "Seconds per ORKL API request (0.1..60, default 3).",
    },
    "rules": {
        "type": "string",
        "description": "Comma-separated names of rules folders this server offers "
        "(ORKL_MISP_RULES); unset: all of them.",
    },
}
moduleconfig = list(SETTINGS)
moduleinfo["features"] += " Settings: " + "; ".join(
    f"{name} ({spec['type']}): {spec['description']}" for name, spec in SETTINGS.items()
)

_SHA1 = re.compile(r"^[0-9a-fA-F]{40}$")
_UUID = re.compile(r"^[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
# MISP refuses attribute values over 65,535 bytes (app/Model/MispAttribute.php:757-762,
# maxTextLength; none of this module's input types is composite). Longer is not from MISP:
# refused before any work. A request is the attribute, the settings and a few ids; a megabyte
# is far more than MISP ever sends for one.
MAX_VALUE_BYTES = 65_535
MAX_REQUEST_BYTES = 1 << 20
MAX_PENDING = 16  # queries running or waiting; beyond, the module answers "busy" at once
WORKERS = 4


# --- per-process state: galaxy indexes (a few, see core.galaxy_index), the query workers ---

# How the entry for an attribute's value is found: (value, settings) -> (entry, where it was
# found). The library and the ORKL API are adapters of their own (orkl/); they are wired in by
# misp_module.module, so this package never imports them.
EntryFinder = Callable[[str, Settings], "tuple[OrklEntry | None, str]"]


def _enricher(s: Settings):
    """The enricher for the request's galaxies. Indexes are kept in core.galaxy_index's LRU
    (a few at most, one built at a time), so an enricher is made per query, never kept.

    The server's own galaxies (its galaxy folder and list, what nearly every query asks for)
    scan with Hyperscan where it is installed: its database compiled once (0.7 s, with the
    index's first build) and kept in the index cache, then only loaded; it scans a 44 kB entry
    in 0.2 ms of CPU where pyahocorasick takes 0.55 ms, with the same hits. Other galaxy lists a
    request names keep pyahocorasick unless the cache already holds a database for them, so a
    request cannot make the server compile one per list it names."""
    from misp_module.core.enrich import Enricher
    from misp_module.core.galaxy_index import load_index
    from misp_module.core.rules import load_rules

    rules = load_rules(s.rules)
    index = load_index(s.galaxy_dir, s.galaxies, rules=rules, fast_scan=_own(s))
    return Enricher(threshold=s.threshold, index=index, rules=rules)


def _own(s: Settings) -> bool:
    """Whether the request asks for the server's own galaxies and rules (unset or the same)."""
    policy = server_policy()
    return (s.galaxy_dir, s.galaxies, s.rules) == (
        policy.galaxy_dir,
        policy.galaxies,
        server_rules_dirs(),
    )


# Worker processes forked with the server's own index loaded build the replies of queries for
# it (see misp/workers.py): a new pool when that index changes, MAX_FORKS pools at most in a
# process's life (workers that keep dying leave the work to the threads).
MAX_FORKS = 8
_pool = None
_pool_lock = threading.Lock()
_forks = 0


def _reply_bytes(enricher, entry: OrklEntry, threshold: float, attribute_uuid, event_id) -> bytes:
    """A reply's JSON bytes, as a worker process builds it."""
    from misp_module.misp.results import build_results

    if threshold != enricher.threshold:
        enricher = copy.copy(enricher)
        enricher.threshold = threshold
    return orjson.dumps(build_results(enricher.enrich(entry), attribute_uuid, event_id))


def _pooled(enricher, entry: OrklEntry, attribute_uuid, event_id) -> bytes | None:
    """The reply's bytes from a worker process, or None: build it in this thread."""
    global _pool, _forks
    from misp_module.misp import workers

    pool = _pool
    if pool is None or not pool.holds(enricher):
        with _pool_lock:
            pool = _pool
            if pool is None or not pool.holds(enricher):
                if pool is not None:
                    pool.close()
                    _pool = None
                n = workers.processes()
                if not n or _forks >= MAX_FORKS or not workers.can_fork():
                    return None
                _forks += 1
                _pool = pool = workers.Pool(enricher, _reply_bytes, n)
    return pool.run(entry, enricher.threshold, attribute_uuid, event_id)


_workers = ThreadPoolExecutor(WORKERS, thread_name_prefix="orkl-misp-query")
_pending = threading.BoundedSemaphore(MAX_PENDING)


# --- the request ---------------------------------------------------------------------------


def is_hover(request: dict) -> bool:
    """MISP's hover query carries no event_id (app/Controller/AttributesController.php:
    2446-2458); the interactive one (EventsController.php:5398) and the workflow's
    (app/Model/Event.php:6367) both do."""
    return "event_id" not in request


def is_automatic(request: dict) -> bool:
    """MISP's automatic enrichment (the workflow action enrich-event, Event::enrichment) puts
    ``attribute_uuid`` at the top of the query (app/Model/Event.php:6367); a person clicking
    "enrich" sends only ``attribute``, ``event_id`` and ``config`` (EventsController.php:5398)."""
    return "attribute_uuid" in request


def _attribute(request: dict) -> tuple[str, str, str | None]:
    attribute = request.get("attribute")
    if not isinstance(attribute, dict):
        raise RequestError("the request has no attribute (misp_standard format expected)")
    a_type, value = attribute.get("type"), attribute.get("value")
    if a_type not in INPUT_TYPES:
        raise RequestError(
            f"attribute type {a_type!r} is not supported; this module takes {', '.join(INPUT_TYPES)}"
        )
    if not isinstance(value, str) or not value.strip():
        raise RequestError(f"the {a_type} attribute has no value")
    if len(value) > MAX_VALUE_BYTES or len(value.encode("utf-8", "replace")) > MAX_VALUE_BYTES:
        raise RequestError(
            f"the {a_type} value is longer than MISP stores ({MAX_VALUE_BYTES} bytes): refused"
        )
    value = value.strip()
    if a_type == "sha1" and not _SHA1.match(value):
        shown = repr(value) if len(value) <= 64 else f"{value[:40]!r}… ({len(value)} characters)"
        raise RequestError(f"{shown} is not a sha1 (40 hexadecimal digits)")
    uuid = attribute.get("uuid") or request.get("attribute_uuid")
    return a_type, value, uuid if isinstance(uuid, str) else None


# Replies by what they are made of: the same entry, settings and attribute give the same
# bytes (uuids are derived), and hover enrichment asks for the same report again and again.
# Building one (the matching, PyMISP's objects) is most of a query's time; a cached one is
# parsed back, so no two requests share a dict. Small entries only: the cache stays small.
REPLY_CACHE_ENTRIES = 256
REPLY_CACHE_MAX_TEXT = 1_000_000
_replies: OrderedDict[tuple, tuple] = OrderedDict()
_replies_lock = threading.Lock()


def _entry_key(entry: OrklEntry) -> tuple:
    """Everything of an entry the enrichment reads (an updated entry is a new key)."""
    return (
        entry.sha1,
        entry.id,
        entry.title,
        entry.text,
        entry.references,
        entry.actors,
        entry.sources,
        tuple(sorted(entry.files.items())),
        entry.created_at,
        entry.updated_at,
        entry.deleted_at,
        entry.file_date,
        entry.language,
    )


def _built(enricher, own: bool, entry: OrklEntry, attribute_uuid, event_id):
    """The reply and, when a worker process built it, its JSON bytes."""
    from misp_module.misp.results import build_results

    data = _pooled(enricher, entry, attribute_uuid, event_id) if own else None
    if data is not None:
        return orjson.loads(data), data
    return build_results(enricher.enrich(entry), attribute_uuid, event_id), None


def _cached_results(enricher, entry: OrklEntry, attribute_uuid, event_id, own=False) -> dict:
    if len(entry.text) > REPLY_CACHE_MAX_TEXT:
        return _built(enricher, own, entry, attribute_uuid, event_id)[0]
    # An enricher is made per query; what it stands for is its index and rules (the same
    # objects while galaxy_index's LRU and the rules cache keep them): a new one, a new key.
    # Weak references, checked on a hit, so that an id reused after an index is dropped
    # never answers, and the cache never keeps an index alive.
    index, rules = enricher.index, enricher.rules
    key = (_entry_key(entry), id(index), id(rules), enricher.threshold, attribute_uuid, event_id)
    with _replies_lock:
        cached = _replies.get(key)
        if cached is not None:
            _replies.move_to_end(key)
    if cached is not None and cached[0]() is index and cached[1]() is rules:
        return orjson.loads(cached[2])
    results, data = _built(enricher, own, entry, attribute_uuid, event_id)
    with _replies_lock:
        _replies[key] = (weakref.ref(index), weakref.ref(rules), data or orjson.dumps(results))
        while len(_replies) > REPLY_CACHE_ENTRIES:
            _replies.popitem(last=False)
    return results


def enrich_request(request: dict, find_entry: EntryFinder) -> dict:
    from misp_module.misp.results import own_sha1

    a_type, value, attribute_uuid = _attribute(request)
    if a_type == "text" and not _UUID.match(value):
        return {"results": {}}  # any text attribute reaches us; only ORKL ids are ours
    if own_sha1(request["attribute"].get("comment")):
        # An attribute of a report object this module wrote: enriching it again would add a
        # copy of the same report for every run of the workflow.
        return {"results": {}}
    s = settings_from(request.get("config"))
    hover = is_hover(request)
    if hover:
        # MISP gives a hover 5 s (app/Model/Module.php:281-285): local data only, no API call.
        s = dataclasses.replace(s, offline=True)
    enricher = _enricher(s)
    entry, where = find_entry(value, s)
    if entry is None:
        return {"results": {}}
    log.info("%s %s: ORKL entry %s from the %s", a_type, value, entry.sha1, where)
    event_id = request.get("event_id")
    event_id = str(event_id) if event_id is not None else None
    if hover:
        # The hover view renders every other key of results as a "No result" row
        # (AttributesController.php:2501-2517): the report object alone says what the entry is.
        # It is made of the entry and its summary: no matching, no event report.
        from misp_module.core.enrich import entry_summary
        from misp_module.misp.results import hover_results

        return hover_results(entry, entry_summary(entry), attribute_uuid, event_id)
    return _cached_results(enricher, entry, attribute_uuid, event_id, _own(s))


def reply(request: dict | None, message: str) -> dict:
    """The answer to a failure. A person who clicked "enrich" gets ``{"error": ...}``: MISP
    flashes it (EventsController.php:5406-5408). MISP's automatic enrichment stops enriching
    the event's remaining attributes at the first reply without ``results``
    (app/Model/Event.php:6384-6388), so it gets ``results`` as well, empty, and the message
    goes to the module's log."""
    if isinstance(request, dict) and is_automatic(request):
        log.warning(
            "automatic enrichment, attribute %s: %s", request.get("attribute_uuid"), message
        )
        return {"results": {}, "error": message}
    return {"error": message}


def _answer(request: dict, find_entry: EntryFinder) -> dict:
    try:
        return enrich_request(request, find_entry)
    except RequestError as exc:
        return reply(request, f"{MODULE_NAME}: {exc}")
    except OrklMispError as exc:
        # The server's log has the whole message; the reply names no server path.
        log.warning("%s", exc)
        return reply(request, f"{MODULE_NAME}: {public_message(str(exc))}")
    finally:
        _pending.release()


def handle(q, find_entry: EntryFinder):
    """misp-modules' ``handler(q)``, with the way entries are found given.

    The value is capped before any work, and the answer comes within the deadline MISP
    waits for (a hover has no event_id: app/Controller/AttributesController.php:2446-2458,
    app/Controller/EventsController.php:5399-5402); work past it goes on in the background,
    bounded by the caps, and its result is dropped.
    """
    if q is False:
        return False
    if isinstance(q, str | bytes) and len(q) > MAX_REQUEST_BYTES:
        return {"error": f"{MODULE_NAME}: the request is over {MAX_REQUEST_BYTES} bytes: refused"}
    try:
        request = json.loads(q)
    except (TypeError, ValueError):
        return {"error": "the request is not JSON"}
    if not isinstance(request, dict):
        return {"error": "the request is not a JSON object"}
    try:
        policy = server_policy()
    except OrklMispError as exc:
        log.error("the server's configuration: %s", exc)
        return reply(request, f"{MODULE_NAME}: the server's configuration is wrong; see its log")
    deadline = policy.hover_deadline if is_hover(request) else policy.deadline
    if not _pending.acquire(blocking=False):
        return reply(request, f"{MODULE_NAME}: busy ({MAX_PENDING} queries under way); try again")
    try:
        future = _workers.submit(_answer, request, find_entry)
    except BaseException:
        _pending.release()
        raise
    try:
        return future.result(timeout=deadline)
    except FutureTimeout:
        if future.cancel():  # still queued: it never runs, so its slot is free now
            _pending.release()
        return reply(
            request,
            f"{MODULE_NAME}: no answer within {deadline:g} s (MISP waits 10 s, 5 s for a "
            "hover); the galaxy index or the ORKL API may answer in time if you try again",
        )


def introspection():
    return mispattributes


def version():
    moduleinfo["config"] = moduleconfig
    return moduleinfo

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

import dataclasses
import json
import logging
import os
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from misp_module import __version__
from misp_module.core.errors import OrklMispError
from misp_module.core.evidence import DEFAULT_THRESHOLD
from misp_module.core.galaxy_index import DEFAULT_GALAXIES

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
        "description": "ORKL API base URL (default https://orkl.eu/api/v1). Unset: the "
        "environment's ORKL_API_URL.",
    },
    "library": {
        "type": "string",
        "description": "Path of the local ORKL library (orkl-misp sync). Unset: "
        "ORKL_MISP_LIBRARY or the default library.",
    },
    "offline": {
        "type": "boolean",
        "description": "true: never ask the ORKL API, answer from the local library alone.",
    },
    "galaxy_dir": {
        "type": "string",
        "description": "A misp-galaxy checkout's clusters folder. Unset: the galaxies "
        "bundled with PyMISP.",
    },
    "galaxies": {
        "type": "string",
        "description": "Comma-separated galaxy names to match (default "
        + ",".join(DEFAULT_GALAXIES)
        + ").",
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

# Seconds per ORKL API request. MISP waits 10 s for the whole enrichment: two tries of 3 s
# with half a second between them stay inside it.
DEFAULT_TIMEOUT = 3.0
_SHA1 = re.compile(r"^[0-9a-fA-F]{40}$")
_UUID = re.compile(r"^[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


class RequestError(Exception):
    """The request or a setting is wrong: the reply is {"error": message}."""


@dataclass(frozen=True)
class Settings:
    api_url: str | None
    library: str | None
    offline: bool
    galaxy_dir: str | None
    galaxies: tuple[str, ...]
    threshold: float
    timeout: float
    rules: tuple[str, ...] = ()


def _setting(config: dict, name: str, env: str | None = None) -> str | None:
    """MISP sends unset settings as null or "": both mean the default (the environment's)."""
    value = config.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        return os.environ.get(env) or None if env else None
    return str(value).strip()


def settings_from(config: object) -> Settings:
    if config is None:
        config = {}
    if not isinstance(config, dict):
        raise RequestError("config must be an object of settings")
    offline = _setting(config, "offline", "ORKL_MISP_OFFLINE") or "false"
    if offline.lower() not in _TRUE | _FALSE:
        raise RequestError(f"setting offline: {offline!r} is not true or false")
    galaxies = _setting(config, "galaxies") or ",".join(DEFAULT_GALAXIES)
    threshold = _number(config, "threshold", DEFAULT_THRESHOLD, 0.0, 1.0)
    return Settings(
        api_url=_setting(config, "api_url", "ORKL_API_URL"),
        library=_setting(config, "library", "ORKL_MISP_LIBRARY"),
        offline=offline.lower() in _TRUE,
        galaxy_dir=_setting(config, "galaxy_dir", "ORKL_MISP_GALAXY_DIR"),
        galaxies=tuple(g.strip() for g in galaxies.split(",") if g.strip()),
        threshold=threshold,
        timeout=_number(config, "timeout", DEFAULT_TIMEOUT, 0.1, 60.0),
        rules=_rules_dirs(config),
    )


def server_rules_dirs() -> tuple[str, ...]:
    """The rules folders the server was started with (ORKL_MISP_RULES): the only ones used."""
    return tuple(d for d in os.environ.get("ORKL_MISP_RULES", "").split(os.pathsep) if d)


def _rules_dirs(config: dict) -> tuple[str, ...]:
    """The server's rules folders, or those of them the request names by folder name.

    A request never names a path: it may only choose among the folders the server offers,
    by their names, so nothing it sends makes the server open a file of its choosing.
    """
    offered = server_rules_dirs()
    wanted = _setting(config, "rules")
    if wanted is None:
        return offered
    by_name = {os.path.basename(os.path.normpath(d)): d for d in offered}
    chosen = []
    for name in (w.strip() for w in wanted.split(",")):
        if not name:
            continue
        if name not in by_name:
            names = ", ".join(sorted(by_name)) or "none"
            raise RequestError(
                f"setting rules: {name[:64]!r} is not a rules folder this server offers ({names})"
            )
        chosen.append(by_name[name])
    return tuple(chosen)


def _number(config: dict, name: str, default: float, low: float, high: float) -> float:
    raw = _setting(config, name)
    if raw is None:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise RequestError(f"setting {name}: {raw!r} is not a number") from None
    if not low <= value <= high:
        raise RequestError(f"setting {name}: {raw} is outside {low}..{high}")
    return value


# --- per-process state: the galaxy index is built once -----------------------------------

_lock = threading.Lock()
_enrichers: dict[tuple, object] = {}

# How the entry for an attribute's value is found: (value, settings) -> (entry, where it was
# found). The library and the ORKL API are adapters of their own (orkl/); they are wired in by
# misp_module.module, so this package never imports them.
EntryFinder = Callable[[str, Settings], "tuple[OrklEntry | None, str]"]


def _enricher(s: Settings):
    from misp_module.core.enrich import Enricher
    from misp_module.core.rules import load_rules

    key = (s.galaxy_dir, s.galaxies, s.threshold, s.rules)
    with _lock:  # one build per process, however many queries arrive at once
        if key not in _enrichers:
            rules = load_rules(s.rules)
            _enrichers[key] = Enricher(s.galaxy_dir, s.galaxies, s.threshold, rules=rules)
        return _enrichers[key]


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
    value = value.strip()
    if a_type == "sha1" and not _SHA1.match(value):
        raise RequestError(f"{value!r} is not a sha1 (40 hexadecimal digits)")
    uuid = attribute.get("uuid") or request.get("attribute_uuid")
    return a_type, value, uuid if isinstance(uuid, str) else None


def enrich_request(request: dict, find_entry: EntryFinder) -> dict:
    from misp_module.misp.results import build_results, own_sha1

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
    results = build_results(
        enricher.enrich(entry), attribute_uuid, str(event_id) if event_id is not None else None
    )
    if hover:
        # The hover view renders every other key of results as a "No result" row
        # (AttributesController.php:2501-2517): the report object alone says what the entry is.
        return {"results": {"Object": results["results"]["Object"]}}
    return results


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


def handle(q, find_entry: EntryFinder):
    """misp-modules' ``handler(q)``, with the way entries are found given."""
    if q is False:
        return False
    try:
        request = json.loads(q)
    except (TypeError, ValueError):
        return {"error": "the request is not JSON"}
    if not isinstance(request, dict):
        return {"error": "the request is not a JSON object"}
    try:
        return enrich_request(request, find_entry)
    except (RequestError, OrklMispError) as exc:
        return reply(request, f"{MODULE_NAME}: {exc}")


def introspection():
    return mispattributes


def version():
    moduleinfo["config"] = moduleconfig
    return moduleinfo

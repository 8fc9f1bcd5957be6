"""Regenerating galaxy JSON for misp-galaxy maintainers.

Two products:

- the ``public-attribution`` galaxy: one cluster value per attribution statement, its uuid
  derived from the ORKL sha1, related to the threat-actor clusters the statement covers;
- refs for existing clusters: in a misp-galaxy checkout, each report's URL appended to the
  ``meta.refs`` of the clusters it is tagged with, unless an equivalent URL is there already.

Everything written is in misp-galaxy's exact format, validated first (schemas, uuids valid and
unique across all clusters, no two values equal case-insensitively, meta values strings or lists
of non-empty strings) and written atomically. Files this project generates are serialised with
sorted keys; files of the checkout keep their own key order, so that only the lines that change
show in ``git diff``.
"""

from __future__ import annotations

import difflib
import json
import uuid as uuidlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import jsonschema

from misp_module.core.enrich import Enrichment
from misp_module.core.errors import GalaxyError
from misp_module.core.evidence import CONFIDENCE, combine
from misp_module.core.files import atomic_write
from misp_module.core.galaxy_index import embedded_galaxy_dir
from misp_module.core.ids import derived_uuid
from misp_module.core.taxonomy import PREDICATES
from misp_module.core.urls import normalize_url

GALAXY_TYPE = "public-attribution"
GALAXY_UUID = derived_uuid("misp-galaxy", GALAXY_TYPE)
# The statement describes (and attributes) the activity of the related threat actor.
RELATION = "describes"
# Likelihood words of the estimative-language taxonomy, by the lowest confidence they cover.
LIKELIHOOD = (
    (0.95, "almost-certain"),
    (0.8, "very-likely"),
    (0.55, "likely"),
    (0.45, "roughly-even-chance"),
    (0.2, "unlikely"),
    (0.05, "very-unlikely"),
    (0.0, "almost-no-chance"),
)


def likelihood_tag(confidence: float) -> str:
    word = next(w for low, w in LIKELIHOOD if confidence >= low)
    return f'estimative-language:likelihood-probability="{word}"'


# --- format ------------------------------------------------------------------------------------


def dumps_generated(data: dict) -> str:
    """misp-galaxy's format for files this project owns."""
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def dumps_preserving(data: dict) -> str:
    """misp-galaxy's indentation, the file's own key order (a few upstream files are unsorted)."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


# --- validation ----------------------------------------------------------------------------


@lru_cache(maxsize=4)
def _schema(root: str, name: str) -> dict:
    path = Path(root) / name
    try:
        schema = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise GalaxyError(f"{path}: cannot read the schema ({exc})") from None
    values = schema.get("properties", {}).get("values")
    if isinstance(values, dict) and values.pop("uniqueItems", False):
        # jsonschema compares every pair: 16 s on malpedia's 3,260 values. validate() checks
        # the same rule by hashing each value instead.
        schema["x-unique-values"] = True
    return schema


def _label(v: dict) -> str:
    return f"value {v.get('value')!r} (uuid {v.get('uuid')})"


def _meta_problems(name: str, v: dict) -> list[str]:
    problems = []
    for key, item in (v.get("meta") or {}).items():
        if isinstance(item, str):
            continue
        if isinstance(item, list):
            for i, x in enumerate(item):
                if not isinstance(x, str):
                    problems.append(
                        f"{name}: {_label(v)}: meta.{key}[{i}] is {type(x).__name__}, not a string"
                    )
                elif not x:
                    problems.append(f"{name}: {_label(v)}: meta.{key}[{i}] is an empty string")
            continue
        problems.append(
            f"{name}: {_label(v)}: meta.{key} is {type(item).__name__}, not a string or a list of strings"
        )
    return problems


def validate(clusters: dict[str, dict], galaxies: dict[str, dict], schema_root: Path) -> list[str]:
    """Every problem in these cluster and galaxy files, each naming the file and the value."""
    problems: list[str] = []
    cluster_schema = _schema(str(schema_root), "schema_clusters.json")
    galaxy_schema = _schema(str(schema_root), "schema_galaxies.json")
    seen: dict[str, str] = {}
    for name, data in clusters.items():
        for error in jsonschema.Draft7Validator(cluster_schema).iter_errors(data):
            where = "/".join(str(p) for p in error.absolute_path)
            problems.append(f"{name}: {where or 'file'}: {error.message[:200]}")
        values = data.get("values") if isinstance(data, dict) else None
        if cluster_schema.get("x-unique-values") and isinstance(values, list):
            canonical = [json.dumps(v, sort_keys=True) for v in values]
            if len(set(canonical)) != len(canonical):
                problems.append(f"{name}: values: two values are identical")
        lowered: dict[str, str] = {}
        for v in values if isinstance(values, list) else []:
            if not isinstance(v, dict):
                continue
            problems += _meta_problems(name, v)
            u = v.get("uuid")
            try:
                uuidlib.UUID(str(u))
            except ValueError:
                problems.append(f"{name}: {_label(v)}: uuid is not a valid uuid")
            else:
                if u in seen:
                    problems.append(f"{name}: {_label(v)}: uuid already used in {seen[u]}")
                seen[u] = name
            low = str(v.get("value", "")).lower()
            if low in lowered:
                problems.append(f"{name}: {_label(v)}: same value as {lowered[low]!r} but for case")
            lowered[low] = v.get("value")
    for name, data in galaxies.items():
        for error in jsonschema.Draft7Validator(galaxy_schema).iter_errors(data):
            problems.append(f"{name}: {error.message[:200]}")
    return problems


# --- the public-attribution galaxy ------------------------------------------------------------


def _codes(rows, role: str | None, attr: str) -> list[str]:
    return sorted(
        {getattr(r, attr) for r in rows if (role is None or r.role == role) and getattr(r, attr)}
    )


def _confidence(m, cites: bool) -> float:
    # When this run appends the report's URL to the cluster's refs, the next run will see that
    # reference evidence: count it now, so that a second run changes nothing.
    if cites and m.galaxy and not any(ev.kind == "reference" for ev in m.evidence):
        return combine([m.confidence, CONFIDENCE["reference"]])
    return m.confidence


def statement_value(e: Enrichment, cites: bool = False) -> dict | None:
    """The cluster value for one attribution statement, or None when the entry has none.

    ``cites``: this run adds the report's URL to the refs of the clusters it is tagged with.
    """
    rows = e.attributions
    if not rows:
        return None
    attributing = _codes(rows, "attributing", "party")
    states = _codes(rows, None, "attributed_state")
    levels = [
        lv
        for lv in ("territory", "state", "state-agency", "state-sponsored", "individuals")
        if lv in {r.level for r in rows}
    ]
    meta: dict[str, object] = {
        "refs": list(dict.fromkeys([*e.entry.references, *e.entry.archive_links])),
        "attributing-party": attributing,
        "supporting-party": _codes(rows, "supporting", "party"),
        "attributed-state": states,
        "attribution-level": levels,
        "statement-type": _codes(rows, None, "statement_type"),
        "orkl-sha1": e.entry.sha1,
    }
    if e.date:
        meta["date"] = e.date
    meta = {k: v for k, v in meta.items() if v}
    by = " and ".join(attributing) or "Parties"
    description = f"{by} publicly attributed malicious cyber activity to {', '.join(states)}"
    description += f" ({', '.join(levels)})" if levels else ""
    description += f" in a {'/'.join(meta.get('statement-type', ['statement']))}"
    description += f" of {e.date}." if e.date else "."
    if meta.get("supporting-party"):
        description += f" Supported by {', '.join(meta['supporting-party'])}."
    related = [
        {"dest-uuid": m.uuid, "tags": [likelihood_tag(_confidence(m, cites))], "type": RELATION}
        for m in sorted(e.tagged_matches, key=lambda m: m.uuid)
        if m.galaxy == "threat-actor" and m.uuid
    ]
    value = {
        "description": description,
        "meta": meta,
        "uuid": derived_uuid("orkl", e.entry.sha1, "public-attribution"),
        "value": e.entry.title,
    }
    if related:
        value["related"] = related
    return value


def _merge_values(existing: list[dict], new: list[dict]) -> tuple[list[dict], int, int]:
    """Existing order kept, values replaced by uuid, new ones appended with unique names."""
    out = [dict(v) for v in existing]
    at = {v.get("uuid"): i for i, v in enumerate(out)}
    added = updated = 0
    for v in new:
        i = at.get(v["uuid"])
        if i is not None:
            v = dict(v, value=out[i]["value"])  # a value keeps the name it was published under
            if out[i] != v:
                out[i] = v
                updated += 1
            continue
        names = {x["value"].lower() for x in out}
        if v["value"].lower() in names:
            suffix = v["meta"].get("date") or v["meta"]["orkl-sha1"][:8]
            v = dict(v, value=f"{v['value']} ({suffix})")
            if v["value"].lower() in names:
                v["value"] = f"{v['value']} {v['meta']['orkl-sha1'][:8]}"
        at[v["uuid"]] = len(out)
        out.append(v)
        added += 1
    return out, added, updated


def galaxy_document(previous: dict | None) -> dict:
    doc = {
        "description": "Public attributions of malicious cyber activity: who attributed it (a state, "
        "the EU, NATO), who aligned, to which state, at what level and how. One value per "
        "statement, generated by orkl-misp from ORKL reports.",
        "icon": "landmark",
        "name": "Public attribution",
        "namespace": "orkl-misp",
        "type": GALAXY_TYPE,
        "uuid": GALAXY_UUID,
        "version": 1,
    }
    return _versioned(previous, doc)


def cluster_document(previous: dict | None, values: list[dict]) -> dict:
    doc = {
        "authors": ["orkl-misp"],
        "category": "attribution",
        "description": "Public attribution statements found in ORKL reports, with the parties, the "
        "attributed state, the level and the type of each. Predicates: "
        + ", ".join(PREDICATES)
        + ".",
        "name": "Public attribution",
        "source": "ORKL (https://orkl.eu), via orkl-misp",
        "type": GALAXY_TYPE,
        "uuid": GALAXY_UUID,
        "values": values,
        "version": 1,
    }
    return _versioned(previous, doc)


def _versioned(previous: dict | None, doc: dict) -> dict:
    """Keep the previous version when nothing else changed; bump it by one when it did."""
    if previous is None:
        return doc
    old = int(previous.get("version", 0) or 0)
    same = {k: v for k, v in previous.items() if k != "version"} == {
        k: v for k, v in doc.items() if k != "version"
    }
    return dict(doc, version=old if same else old + 1)


# --- refs for existing clusters ---------------------------------------------------------------


def _set_sorted(d: dict, key: str, value) -> dict:
    """Add ``key`` where sorted order puts it, leaving the other keys where they are."""
    if key in d:
        d[key] = value
        return d
    items = list(d.items())
    at = next((i for i, (k, _) in enumerate(items) if k > key), len(items))
    items.insert(at, (key, value))
    return dict(items)


def add_refs(data: dict, wanted: dict[str, list[str]]) -> tuple[dict, int]:
    """Append refs to values by uuid; returns the new document and how many refs were added."""
    added = 0
    values = []
    for v in data["values"]:
        urls = wanted.get(v.get("uuid"), [])
        if urls:
            meta = dict(v.get("meta") or {})
            refs = list(meta.get("refs") or [])
            have = {normalize_url(r) for r in refs if isinstance(r, str)}
            new = [u for u in urls if normalize_url(u) and normalize_url(u) not in have]
            for u in new:
                have.add(normalize_url(u))
            if new:
                added += len(new)
                meta = _set_sorted(meta, "refs", refs + new)
                v = _set_sorted(dict(v), "meta", meta)
        values.append(v)
    return dict(data, values=values), added


# --- the run ----------------------------------------------------------------------------------


@dataclass
class Change:
    path: Path
    old: str | None
    new: str

    def diff(self, root: Path) -> str:
        name = (
            str(self.path.relative_to(root)) if self.path.is_relative_to(root) else str(self.path)
        )
        return "".join(
            difflib.unified_diff(
                (self.old or "").splitlines(keepends=True),
                self.new.splitlines(keepends=True),
                fromfile=f"a/{name}",
                tofile=f"b/{name}",
            )
        )


@dataclass
class Outcome:
    changes: list[Change] = field(default_factory=list)
    statements_added: int = 0
    statements_updated: int = 0
    clusters_touched: set = field(default_factory=set)
    refs_added: int = 0
    entries: int = 0

    def summary(self) -> str:
        return (
            f"{self.entries} entries read; statements: {self.statements_added} added, "
            f"{self.statements_updated} updated; clusters touched: {len(self.clusters_touched)}; "
            f"refs added: {self.refs_added}; files changed: {len(self.changes)}"
        )


def _read_json(path: Path) -> dict | None:
    if not path.exists():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise GalaxyError(f"{path}: not readable JSON ({exc})") from None


def plan(
    enrichments: Iterable[Enrichment],
    out_dir: Path,
    galaxy_dir: Path | None = None,
    *,
    progress: Callable[[int], None] = lambda n: None,
) -> Outcome:
    """Compute every file change; validate; write nothing."""
    outcome = Outcome()
    statements: list[dict] = []
    wanted: dict[str, dict[str, list[str]]] = {}  # galaxy -> cluster uuid -> urls
    for e in enrichments:
        outcome.entries += 1
        progress(outcome.entries)
        value = statement_value(e, cites=galaxy_dir is not None and bool(e.entry.references))
        if value:
            statements.append(value)
        if galaxy_dir is not None:
            for m in e.tagged_matches:
                urls = wanted.setdefault(m.galaxy, {}).setdefault(m.uuid, [])
                urls += [u for u in e.entry.references if u not in urls]

    cluster_path = out_dir / "clusters" / f"{GALAXY_TYPE}.json"
    galaxy_path = out_dir / "galaxies" / f"{GALAXY_TYPE}.json"
    previous = _read_json(cluster_path)
    existing = previous.get("values", []) if isinstance(previous, dict) else []
    values, outcome.statements_added, outcome.statements_updated = _merge_values(
        existing, statements
    )
    new_cluster = cluster_document(previous, values)
    new_galaxy = galaxy_document(_read_json(galaxy_path))
    clusters = {str(cluster_path): new_cluster}
    texts = {cluster_path: dumps_generated(new_cluster), galaxy_path: dumps_generated(new_galaxy)}

    schema_root = galaxy_dir if galaxy_dir is not None else embedded_galaxy_dir()
    if galaxy_dir is not None:
        for path in sorted((galaxy_dir / "clusters").glob("*.json")):
            data = _read_json(path)
            if not isinstance(data, dict) or not isinstance(data.get("values"), list):
                raise GalaxyError(f"{path}: not a misp-galaxy cluster file (no 'values' list)")
            refs = wanted.get(data.get("type") or path.stem)
            if refs and path.resolve() != cluster_path.resolve():
                data, added = add_refs(data, refs)
                if added:
                    outcome.refs_added += added
                    outcome.clusters_touched |= {
                        u for u in refs if u in {v.get("uuid") for v in data["values"]}
                    }
                    data = dict(data, version=int(data.get("version", 0)) + 1)
                    texts[path] = dumps_preserving(data)
            clusters.setdefault(str(path), data)

    problems = validate(clusters, {str(galaxy_path): new_galaxy}, schema_root)
    if problems:
        shown = "\n  ".join(problems[:20])
        more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
        raise GalaxyError(f"refusing to write invalid galaxy data:\n  {shown}{more}")
    for path, text in texts.items():
        old = path.read_text(encoding="utf-8") if path.exists() else None
        if old != text:
            outcome.changes.append(Change(path, old, text))
    return outcome


def write(outcome: Outcome) -> None:
    for change in outcome.changes:
        atomic_write(change.path, change.new)

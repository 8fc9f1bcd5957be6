"""Regenerating galaxy JSON for misp-galaxy maintainers.

Two products:

- the ``public-attribution`` galaxy: one cluster value per attribution statement, its uuid
  derived from the ORKL sha1, related to the threat-actor clusters the statement covers;
- changes to a misp-galaxy checkout: each report's URL appended to ``meta.additional_refs``
  (or ``meta.refs``) of the clusters it is tagged with, unless an equivalent URL is there
  already; ``related`` entries from threat actors to the country a government publicly
  attributed them to (relations.py); the README index misp-galaxy's CI regenerates (ci.py).

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

from misp_module.core.attribution import LEVEL_ORDER
from misp_module.core.enrich import Enrichment
from misp_module.core.errors import GalaxyError
from misp_module.core.evidence import CONFIDENCE, combine
from misp_module.core.files import atomic_write
from misp_module.core.galaxy_index import embedded_galaxy_dir
from misp_module.core.ids import derived_uuid
from misp_module.core.limits import MISP_NAME_MAX, fit_tag_value
from misp_module.core.taxonomy import PREDICATES
from misp_module.core.urls import normalize_url
from misp_module.core.words import counted
from misp_module.galaxy.ci import ci_problems, readme_with_index
from misp_module.galaxy.relations import Relation, country_index, merge_related, relation_type

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
    # When this run adds the report's URL to the cluster's refs (or additional_refs), the next
    # run will see that reference evidence: count it now, so that a second run changes nothing.
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
        # The value becomes a tag name: cut to MISP's limit, with room for the sha1 suffix
        # a duplicate value gets below.
        "value": fit_tag_value(f"misp-galaxy:{GALAXY_TYPE}", e.entry.title, MISP_NAME_MAX - 9),
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


# --- refs and relations for existing clusters -------------------------------------------------


def set_sorted(d: dict, key: str, value) -> dict:
    """Add ``key`` where sorted order puts it, leaving the other keys where they are."""
    if key in d:
        d[key] = value
        return d
    items = list(d.items())
    at = next((i for i, (k, _) in enumerate(items) if k > key), len(items))
    items.insert(at, (key, value))
    return dict(items)


@dataclass
class RefProposal:
    """A report's URL for one cluster, and why."""

    url: str
    confidence: float
    evidence: list[str]
    sha1: str


@dataclass
class RefChange:
    galaxy: str
    value: str
    uuid: str
    key: str  # "refs" or "additional_refs"
    proposal: RefProposal


def _url_keys(meta: dict, url_key: Callable[[str], str | None]) -> set[str]:
    urls = [*(meta.get("refs") or []), *(meta.get("additional_refs") or [])]
    return {k for k in (url_key(u) for u in urls if isinstance(u, str)) if k}


def add_refs(
    data: dict,
    wanted: dict[str, list[RefProposal]],
    key: str = "additional_refs",
    galaxy: str = "",
    url_key: Callable[[str], str | None] = normalize_url,
) -> tuple[dict, list[RefChange]]:
    """Add each value's wanted URLs to ``meta[key]`` unless ``refs`` or ``additional_refs``
    already cite an equivalent URL (``url_key``: normalisation, and the moved-URL rules when the
    caller has them); returns the new document and what was added."""
    added: list[RefChange] = []
    values = []
    for v in data["values"]:
        proposals = wanted.get(v.get("uuid"), [])
        if proposals:
            meta = dict(v.get("meta") or {})
            have = _url_keys(meta, url_key)
            new = []
            for p in proposals:
                k = url_key(p.url)
                if k and k not in have:
                    have.add(k)
                    new.append(p)
            if new:
                added += [RefChange(galaxy, v.get("value", ""), v["uuid"], key, p) for p in new]
                meta = set_sorted(meta, key, list(meta.get(key) or []) + [p.url for p in new])
                v = set_sorted(dict(v), "meta", meta)
        values.append(v)
    return dict(data, values=values), added


def add_relations(data: dict, wanted: dict[str, list[Relation]]) -> tuple[dict, list[Relation]]:
    """Merge the wanted relations into the values' ``related``; returns what changed."""
    changed: list[Relation] = []
    values = []
    for v in data["values"]:
        rels = wanted.get(v.get("uuid"), [])
        if rels:
            related = list(v.get("related") or [])
            for rel in rels:
                related, did = merge_related(related, rel)
                if did:
                    changed.append(rel)
            if related != (v.get("related") or []):
                v = set_sorted(dict(v), "related", related)
        values.append(v)
    return dict(data, values=values), changed


def _relations_for(
    e: Enrichment, statement: dict, cites: bool, countries: dict[str, tuple[str, str]]
) -> tuple[list[Relation], list[str]]:
    """The relations one statement gives its tagged threat actors, and notes on those it
    cannot give (a state with no country cluster)."""
    rels: list[Relation] = []
    notes: list[str] = []
    actors = [m for m in e.tagged_matches if m.galaxy == "threat-actor" and m.uuid]
    if not actors:
        return rels, notes
    attributing = [r for r in e.attributions if r.role == "attributing" and r.attributed_state]
    for state in sorted({r.attributed_state for r in attributing}):
        rows = [r for r in attributing if r.attributed_state == state]
        rtype = relation_type({r.level for r in rows if r.level})
        if rtype is None:
            continue
        if state not in countries:
            notes.append(f"{statement['value']}: no country cluster with ISO {state}")
            continue
        country_uuid, country_value = countries[state]
        for m in actors:
            confidence = _confidence(m, cites)
            evidence = [ev.summary for ev in m.evidence]
            if confidence != m.confidence:
                evidence.append("the report's URL, which this run adds to the cluster's refs")
            rels.append(
                Relation(
                    actor_uuid=m.uuid,
                    actor_value=m.value,
                    country_uuid=country_uuid,
                    country_value=country_value,
                    state=state,
                    type=rtype,
                    likelihood_tag=likelihood_tag(confidence),
                    confidence=confidence,
                    statement_uuid=statement["uuid"],
                    statement_value=statement["value"],
                    parties=sorted({r.party for r in rows}),
                    levels=[lv for lv in LEVEL_ORDER if lv in {r.level for r in rows}],
                    quote=rows[0].quote,
                    evidence=evidence,
                )
            )
    return rels, notes


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
    relations_added: int = 0
    entries: int = 0
    ref_changes: list[RefChange] = field(default_factory=list)
    relation_changes: list[Relation] = field(default_factory=list)
    statements: list[dict] = field(default_factory=list)  # added or updated, for the review
    readme_changed: bool = False
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{counted(self.entries, 'entry')} read; statements: {self.statements_added} added, "
            f"{self.statements_updated} updated; clusters touched: {len(self.clusters_touched)}; "
            f"refs added: {self.refs_added}; relations added or updated: "
            f"{self.relations_added}; files changed: {len(self.changes)}"
        )


def _read_json(path: Path) -> dict | None:
    if not path.exists():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise GalaxyError(f"{path}: not readable JSON ({exc})") from None


REFS_KEYS = ("additional_refs", "refs")


def plan(
    enrichments: Iterable[Enrichment],
    out_dir: Path,
    galaxy_dir: Path | None = None,
    *,
    refs_to: str = "additional_refs",
    relate: bool = True,
    url_key: Callable[[str], str | None] = normalize_url,
    progress: Callable[[int], None] = lambda n: None,
) -> Outcome:
    """Compute every file change; validate; write nothing.

    ``refs_to``: where a report's URL goes in a cluster it is tagged with. misp-galaxy's
    CONTRIBUTE.md keeps ``refs`` for the original source of a name and asks for further
    reporting in ``additional_refs``. ``relate``: write the attribution relations. ``url_key``:
    when two URLs are the same page (normalisation, and the moved-URL rules).
    """
    if refs_to not in REFS_KEYS:
        raise GalaxyError(f"--refs-to must be one of {', '.join(REFS_KEYS)}, not {refs_to!r}")
    outcome = Outcome()
    statements: list[dict] = []
    wanted: dict[str, dict[str, list[RefProposal]]] = {}  # galaxy -> cluster uuid -> urls
    pending: list[tuple[Enrichment, dict, bool]] = []  # statements that may give relations
    for e in enrichments:
        outcome.entries += 1
        progress(outcome.entries)
        cites = galaxy_dir is not None and bool(e.entry.references)
        value = statement_value(e, cites=cites)
        if value:
            statements.append(value)
            if galaxy_dir is not None and relate:
                pending.append((e, value, cites))
        if galaxy_dir is not None:
            for m in e.tagged_matches:
                props = wanted.setdefault(m.galaxy, {}).setdefault(m.uuid, [])
                for u in e.entry.references:
                    if all(p.url != u for p in props):
                        evidence = [ev.summary for ev in m.evidence]
                        props.append(RefProposal(u, m.confidence, evidence, e.entry.sha1))

    cluster_path = out_dir / "clusters" / f"{GALAXY_TYPE}.json"
    galaxy_path = out_dir / "galaxies" / f"{GALAXY_TYPE}.json"
    previous = _read_json(cluster_path)
    existing = previous.get("values", []) if isinstance(previous, dict) else []
    values, outcome.statements_added, outcome.statements_updated = _merge_values(
        existing, statements
    )
    before = {v.get("uuid"): v for v in existing}
    outcome.statements = [v for v in values if before.get(v.get("uuid")) != v]
    new_cluster = cluster_document(previous, values)
    new_galaxy = galaxy_document(_read_json(galaxy_path))
    clusters = {str(cluster_path): new_cluster}
    texts = {cluster_path: dumps_generated(new_cluster), galaxy_path: dumps_generated(new_galaxy)}

    schema_root = galaxy_dir if galaxy_dir is not None else embedded_galaxy_dir()
    if galaxy_dir is not None:
        relations: dict[str, list[Relation]] = {}
        as_was: dict[str, dict] = {}  # the touched values as they were, for the CI rules
        if pending:
            countries = country_index(_read_json(galaxy_dir / "clusters" / "country.json"))
            names = {v["uuid"]: v["value"] for v in values}  # the names values are published under
            for e, statement, cites in pending:
                statement = dict(statement, value=names.get(statement["uuid"], statement["value"]))
                rels, notes = _relations_for(e, statement, cites, countries)
                outcome.notes += notes
                for rel in rels:
                    relations.setdefault(rel.actor_uuid, []).append(rel)
        for path in sorted((galaxy_dir / "clusters").glob("*.json")):
            data = _read_json(path)
            if not isinstance(data, dict) or not isinstance(data.get("values"), list):
                raise GalaxyError(f"{path}: not a misp-galaxy cluster file (no 'values' list)")
            if path.resolve() == cluster_path.resolve():
                continue
            galaxy = data.get("type") or path.stem
            refs = wanted.get(galaxy)
            ref_changes: list[RefChange] = []
            rel_changes: list[Relation] = []
            originals = {v.get("uuid"): v for v in data["values"] if isinstance(v, dict)}
            if refs:
                data, ref_changes = add_refs(data, refs, refs_to, galaxy, url_key)
            if relations and galaxy == "threat-actor":
                data, rel_changes = add_relations(data, relations)
            if ref_changes or rel_changes:
                outcome.refs_added += len(ref_changes)
                outcome.relations_added += len(rel_changes)
                outcome.ref_changes += ref_changes
                outcome.relation_changes += rel_changes
                outcome.clusters_touched |= {c.uuid for c in ref_changes}
                outcome.clusters_touched |= {r.actor_uuid for r in rel_changes}
                as_was.update({u: originals[u] for u in outcome.clusters_touched if u in originals})
                data = dict(data, version=int(data.get("version", 0)) + 1)
                texts[path] = dumps_preserving(data)
            clusters[str(path)] = data

    problems = validate(clusters, {str(galaxy_path): new_galaxy}, schema_root)
    if galaxy_dir is not None:
        touched = {c.uuid for c in outcome.ref_changes} | {
            r.actor_uuid for r in outcome.relation_changes
        }
        problems += ci_problems(clusters, touched, as_was)
    if problems:
        shown = "\n  ".join(problems[:20])
        more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
        raise GalaxyError(f"refusing to write invalid galaxy data:\n  {shown}{more}")
    if galaxy_dir is not None and (galaxy_dir / "README.md").is_file():
        # Only when this run changes the index: a README that was already stale is not ours.
        readme = galaxy_dir / "README.md"
        text = readme.read_text(encoding="utf-8")
        planned = {Path(p).resolve(): d for p, d in clusters.items()}
        after = readme_with_index(text, galaxy_dir, planned, {galaxy_path.resolve(): new_galaxy})
        if after != readme_with_index(text, galaxy_dir, {}):
            texts[readme] = after
    for path, text in texts.items():
        old = path.read_text(encoding="utf-8") if path.exists() else None
        if old != text:
            outcome.changes.append(Change(path, old, text))
            outcome.readme_changed |= path.name == "README.md"
    return outcome


def write(outcome: Outcome) -> None:
    for change in outcome.changes:
        atomic_write(change.path, change.new)

"""Checks our MISP contract (tests/misp_contract.py) against MISP's own OpenAPI description.

    python tests/check_misp_contract.py PATH/TO/MISP/app/webroot/doc/openapi.yaml

For every endpoint of the contract that cites an OpenAPI path: that path is in the description,
with the same method, and every field our body schema requires (at any depth: object
properties, array items) is a property of the described request schema there. An endpoint
that cites none must really be missing from the description (or it should cite it). Prints
what disagrees, one line each, and exits 1; 0 when all agree; 2 when the file cannot be read.

Not a test module (pytest does not collect it): the description is AGPL-3.0 and stays outside
the repository; `.ci/run` runs this when it is beside the clone (../shared/data/misp/).
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from misp_contract import CONTRACT  # noqa: E402


def _deref(doc: dict, node):
    seen = 0
    while isinstance(node, dict) and "$ref" in node and seen < 50:
        parts = node["$ref"].lstrip("#/").split("/")
        node = doc
        for part in parts:
            node = node[part]
        seen += 1
    return node


def _properties(doc: dict, schema) -> dict:
    """The properties a (dereferenced) schema describes, allOf/anyOf/oneOf merged."""
    schema = _deref(doc, schema)
    if not isinstance(schema, dict):
        return {}
    props = dict(schema.get("properties") or {})
    for key in ("allOf", "anyOf", "oneOf"):
        for part in schema.get(key) or []:
            props.update(_properties(doc, part))
    return props


def _items(doc: dict, schema):
    schema = _deref(doc, schema)
    if isinstance(schema, dict) and "items" in schema:
        return schema["items"]
    for key in ("allOf", "anyOf", "oneOf"):
        for part in (schema or {}).get(key) or []:
            found = _items(doc, part)
            if found is not None:
                return found
    return None


def _missing_fields(doc: dict, ours: dict, theirs, where: str) -> list[str]:
    problems = []
    if "items" in ours:
        their_items = _items(doc, theirs)
        if their_items is None:
            return [f"{where}: an array in our schema, no array items in MISP's"]
        return _missing_fields(doc, ours["items"], their_items, f"{where}[]")
    props = _properties(doc, theirs)
    for field in ours.get("required", []):
        if field not in props:
            problems.append(f"{where}: required field {field!r} is not a property in MISP's schema")
    for field, sub in (ours.get("properties") or {}).items():
        if field in props and ("required" in sub or "items" in sub):
            problems += _missing_fields(doc, sub, props[field], f"{where}.{field}")
    return problems


def problems(doc: dict) -> list[str]:
    paths = doc.get("paths") or {}
    found = []
    for e in CONTRACT:
        name = f"{e.method} {e.path}"
        if e.openapi is None:
            if e.path in paths and e.method.lower() in paths[e.path]:
                found.append(f"{name}: described in openapi.yaml, but the contract cites no path")
            continue
        if e.openapi != e.path:
            found.append(f"{name}: cites OpenAPI path {e.openapi}, a different template")
        item = paths.get(e.openapi)
        if item is None:
            found.append(f"{name}: no path {e.openapi} in openapi.yaml")
            continue
        operation = item.get(e.method.lower())
        if operation is None:
            methods = sorted(m.upper() for m in item if m in ("get", "post", "put", "delete"))
            found.append(f"{name}: {e.openapi} takes {', '.join(methods) or 'no method'} there")
            continue
        if e.body is None:
            continue
        body = _deref(doc, operation.get("requestBody"))
        schema = ((body or {}).get("content") or {}).get("application/json", {}).get("schema")
        if schema is None:
            found.append(f"{name}: openapi.yaml describes no JSON request body")
            continue
        found += _missing_fields(doc, e.body, schema, f"{name} body")
    return found


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    try:
        doc = yaml.safe_load(Path(argv[0]).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        print(f"check_misp_contract: cannot read {argv[0]}: {exc}", file=sys.stderr)
        return 2
    if not isinstance(doc, dict) or not isinstance(doc.get("paths"), dict):
        print(f"check_misp_contract: {argv[0]}: not an OpenAPI description", file=sys.stderr)
        return 2
    found = problems(doc)
    for line in found:
        print(f"check_misp_contract: {line}", file=sys.stderr)
    if found:
        print(f"{len(found)} disagreement(s) with {argv[0]}", file=sys.stderr)
        return 1
    print(f"the MISP contract's {len(CONTRACT)} endpoints agree with {argv[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Our MISP contract and its cross-check (tests/check_misp_contract.py), on a description we
write here from the contract itself: MISP's own openapi.yaml stays outside the repository."""

from __future__ import annotations

import copy
import subprocess
import sys

import yaml
from check_misp_contract import problems
from misp_contract import CONTRACT

from conftest import ROOT


def _their_schema(ours: dict) -> dict:
    """A description that has exactly the fields our schema requires, at every depth."""
    if "items" in ours:
        return {"type": "array", "items": _their_schema(ours["items"])}
    props = {f: {"type": "string"} for f in ours.get("required", [])}
    for field, sub in (ours.get("properties") or {}).items():
        if field in props and ("items" in sub or "required" in sub):
            props[field] = _their_schema(sub)
    return {"type": "object", "properties": props}


def described() -> dict:
    doc: dict = {"openapi": "3.0.0", "paths": {}, "components": {"requestBodies": {}}}
    for e in CONTRACT:
        if e.openapi is None:
            continue
        operation: dict = {"responses": {}}
        if e.body is not None:
            name = f"Body{len(doc['components']['requestBodies'])}"
            doc["components"]["requestBodies"][name] = {
                "content": {"application/json": {"schema": _their_schema(e.body)}}
            }
            operation["requestBody"] = {"$ref": f"#/components/requestBodies/{name}"}
        doc["paths"].setdefault(e.openapi, {})[e.method.lower()] = operation
    return doc


def test_a_description_that_agrees_passes():
    assert problems(described()) == []


def test_each_kind_of_disagreement_is_listed():
    doc = described()
    del doc["paths"]["/tags"]  # a path gone
    doc["paths"]["/events/restSearch"]["get"] = doc["paths"]["/events/restSearch"].pop("post")
    doc["paths"]["/users/view/me"] = {"get": {}}  # described, but the contract cites none
    bodies = doc["components"]["requestBodies"]
    for body in bodies.values():
        schema = body["content"]["application/json"]["schema"]
        attribute = schema["properties"].get("Attribute")
        if attribute:
            del attribute["items"]["properties"]["object_relation"]  # a nested required field
    found = problems(doc)
    assert len(found) == 4, found
    assert any(line.startswith("GET /tags: no path /tags") for line in found)
    assert any("/events/restSearch takes GET there" in line for line in found)
    assert any(line.startswith("GET /users/view/me: described") for line in found)
    assert any("body.Attribute[]: required field 'object_relation'" in line for line in found)


def test_the_script_exits_non_zero_with_the_list(tmp_path):
    doc = described()
    bad = copy.deepcopy(doc)
    del bad["paths"]["/eventReports/add/{eventId}"]
    script = [sys.executable, str(ROOT / "tests" / "check_misp_contract.py")]
    for name, data in (("good.yaml", doc), ("bad.yaml", bad)):
        (tmp_path / name).write_text(yaml.safe_dump(data))
    good = subprocess.run([*script, str(tmp_path / "good.yaml")], capture_output=True, text=True)
    assert good.returncode == 0 and f"{len(CONTRACT)} endpoints agree" in good.stdout
    bad = subprocess.run([*script, str(tmp_path / "bad.yaml")], capture_output=True, text=True)
    assert bad.returncode == 1
    assert "POST /eventReports/add/{eventId}: no path" in bad.stderr
    missing = subprocess.run([*script, str(tmp_path / "none.yaml")], capture_output=True, text=True)
    assert missing.returncode == 2 and "Traceback" not in missing.stderr


def test_every_endpoint_cites_its_source_in_misp():
    assert len({(e.method, e.path) for e in CONTRACT}) == len(CONTRACT)
    for e in CONTRACT:
        assert e.method in ("GET", "POST")
        assert e.source.startswith("app/Controller/") and ".php:" in e.source, e

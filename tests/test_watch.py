"""Automatic enrichment outside MISP, against a test double of MISP's REST API on loopback."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from misp_fake import Contract

from misp_module.misp.client import MispClient, MispError
from misp_module.misp.results import anchor_of, event_report_uuid, report_object_uuid
from misp_module.misp.watch import MARKER_TAG, State, run_pass
from misp_module.module import enrich_request

from conftest import EU_SHA1, EU_URL
from conftest import MISP_KEY as KEY

CONFIG = {"offline": "true"}


def watch(misp, key_file, tmp_path, *extra, env=None):
    # -v: with logging on as well, the key must never show.
    cmd = [
        sys.executable,
        "-m",
        "misp_module.cli",
        "-v",
        "watch",
        "--misp-url",
        misp.url,
        "--misp-key-file",
        str(key_file),
        "--state",
        str(tmp_path / "state.json"),
        "--offline",
        "--once",
        "--tries",
        "2",
        *extra,
    ]
    done = subprocess.run(
        cmd, capture_output=True, text=True, timeout=120, env={**os.environ, **(env or {})}
    )
    assert KEY not in done.stdout and KEY not in done.stderr
    return done


def writes(misp):
    return [(m, p) for m, p, _ in misp.requests if m == "POST" and not p.endswith("restSearch")]


def test_new_event_gets_object_report_and_tags(misp, key_file, tmp_path):
    event = misp.add_event("Phishing wave", [("link", EU_URL), ("ip-dst", "198.51.100.7")])
    link_uuid = event["Attribute"][0]["uuid"]
    done = watch(misp, key_file, tmp_path)
    assert done.returncode == 0, done.stderr
    assert (
        f"event 1 ({event['uuid']}): added 1 report object, 1 event report, 11 tags" in done.stderr
    ), done.stderr
    (obj,) = event["Object"]
    anchor = anchor_of(link_uuid)
    assert obj["uuid"] == report_object_uuid(EU_SHA1, anchor) and obj["name"] == "report"
    # objects/add ignores references: the expanded-from reference came with its own call.
    (ref,) = obj["ObjectReference"]
    assert ref["referenced_uuid"] == link_uuid and ref["relationship_type"] == "expanded-from"
    assert ("POST", f"/objectReferences/add/{obj['id']}") in writes(misp)
    assert misp.refusals == []
    (report,) = event["EventReport"]
    assert report["uuid"] == event_report_uuid(EU_SHA1, anchor)
    assert "## Attribution" in report["content"] and int(report["distribution"]) == 5
    names = {t["name"] for t in event["Tag"]}
    assert {
        'misp-galaxy:threat-actor="APT40"',
        'public-attribution:attributing-party="EU"',
        MARKER_TAG,
    } <= names
    assert json.loads((tmp_path / "state.json").read_text())["high_water"] >= 1
    # The template uuid is in the path MISP documents; PyMISP's own objects/add/{event} is not.
    assert ("POST", f"/objects/add/1/{obj['template_uuid']}") in writes(misp)


def test_second_run_writes_nothing(misp, key_file, tmp_path):
    misp.add_event("Report link", [("link", EU_URL)])
    assert watch(misp, key_file, tmp_path).returncode == 0
    before = len(writes(misp))
    done = watch(misp, key_file, tmp_path)
    assert done.returncode == 0
    assert len(writes(misp)) == before
    assert "nothing to add (already enriched)" in done.stderr


def test_events_without_orkl_reports_are_left_alone(misp, key_file, tmp_path):
    event = misp.add_event("Scan", [("ip-src", "203.0.113.5"), ("text", "not an ORKL id")])
    done = watch(misp, key_file, tmp_path)
    assert done.returncode == 0 and "nothing to add (no ORKL report)" in done.stderr
    assert event["Tag"] == [] and writes(misp) == []


def test_dry_run_writes_nothing(misp, key_file, tmp_path):
    event = misp.add_event("Report link", [("sha1", EU_SHA1)])
    done = watch(misp, key_file, tmp_path, "--dry-run")
    assert done.returncode == 0
    assert "would add 1 report object, 1 event report, 11 tags" in done.stderr
    assert event["Object"] == [] and writes(misp) == [] and not (tmp_path / "state.json").exists()


def test_500_mid_run_loses_nothing_and_writes_nothing_twice(misp, key_file, tmp_path):
    event = misp.add_event("Report link", [("link", EU_URL)])
    misp.faults = [("POST", r"^/eventReports/add/", 500)] * 2
    done = watch(misp, key_file, tmp_path)
    assert (
        done.returncode == 4
        and "adding the event report: server error (HTTP 5xx) after 2 tries" in done.stderr
    )
    assert len(event["Object"]) == 1 and event["EventReport"] == []
    assert not (tmp_path / "state.json").exists()  # the mark did not move past the event
    done = watch(misp, key_file, tmp_path)
    assert done.returncode == 0, done.stderr
    assert len(event["Object"]) == 1 and len(event["EventReport"]) == 1
    assert MARKER_TAG in {t["name"] for t in event["Tag"]}


def test_403_is_not_retried_says_what_misp_said_and_does_not_jam(misp, key_file, tmp_path):
    event = misp.add_event("Report link", [("link", EU_URL)])
    misp.faults = [("POST", r"^/objects/add/", 403)]
    done = watch(misp, key_file, tmp_path)
    assert done.returncode == 0, done.stderr
    assert "MISP refused adding the report object (HTTP 403): injected" in done.stderr
    assert "try 1 of 4" in done.stderr and "check the API key" not in done.stderr
    assert "Traceback" not in done.stderr
    assert event["Object"] == [] and len([w for w in writes(misp) if "/objects/add/" in w[1]]) == 1
    state = json.loads((tmp_path / "state.json").read_text())
    assert state["high_water"] >= int(event["timestamp"])  # the mark is not held back
    assert state["refused"][event["uuid"]]["message"].endswith("(HTTP 403): injected")


def test_wrong_key_is_refused_without_showing_it(misp, tmp_path):
    bad = tmp_path / "bad.key"
    bad.write_text("wrong-key-" + KEY[10:])
    done = watch(misp, bad, tmp_path)
    assert done.returncode == 4 and "cannot connect to MISP" in done.stderr
    assert bad.read_text() not in done.stderr


def test_misp_going_away_mid_run(misp, httpserver, tmp_path):
    first = misp.add_event("one", [("link", EU_URL)], timestamp=1_800_000_000)
    second = misp.add_event("two", [("sha1", EU_SHA1)], timestamp=1_800_000_100)
    client = MispClient(misp.url, KEY, tries=2, backoff=0.01)
    state = State(tmp_path / "state.json", 0)
    real = client.add_object

    def vanish(event, obj):
        if event.id == int(second["id"]) or str(event.id) == second["id"]:
            httpserver.stop()
        return real(event, obj)

    client.add_object = vanish
    with pytest.raises(MispError, match="after 2 tries"):
        run_pass(client, state, CONFIG, enrich=enrich_request, say=lambda line: None)
    assert len(first["Object"]) == 1 and second["Object"] == []
    assert state.high_water == 1_800_000_000  # not past the unprocessed second event
    httpserver.start()
    client.add_object = real
    run_pass(client, state, CONFIG, enrich=enrich_request, say=lambda line: None)
    assert len(first["Object"]) == 1 and len(second["Object"]) == 1
    assert len(second["EventReport"]) == 1


def test_key_reaches_misp_only_in_the_authorization_header(misp, key_file, tmp_path):
    misp.add_event("Report link", [("link", EU_URL)])
    assert watch(misp, key_file, tmp_path).returncode == 0
    assert misp.seen_keys == {KEY}
    assert not any(KEY.encode() in body or KEY in path for _, path, body in misp.requests)


def test_key_from_the_environment_and_missing_key(misp, key_file, tmp_path):
    misp.add_event("Report link", [("link", EU_URL)])
    cmd = [
        sys.executable,
        "-m",
        "misp_module.cli",
        "watch",
        "--misp-url",
        misp.url,
        "--offline",
        "--once",
        "--state",
        str(tmp_path / "s.json"),
    ]
    env = {k: v for k, v in os.environ.items() if k != "MISP_KEY"}
    missing = subprocess.run(cmd, capture_output=True, text=True, timeout=60, env=env)
    assert missing.returncode == 2 and "no MISP API key" in missing.stderr
    ok = subprocess.run(
        cmd, capture_output=True, text=True, timeout=120, env={**env, "MISP_KEY": KEY}
    )
    assert ok.returncode == 0 and KEY not in ok.stderr + ok.stdout


def test_the_contract_check_can_fail():
    api = Contract()
    assert api.problems("POST", "/objects/add/12", b"{}")  # PyMISP's default, undocumented
    assert api.problems("DELETE", "/events/restSearch", b"")
    assert api.problems("GET", "/users/view/1", b"")  # only "me" is in the contract
    assert not api.problems("GET", "/users/view/me.json", b"")
    object_add = "/objects/add/12/70a68471-df22-4e3f-aa1a-5a3be19f82df"
    assert api.problems("POST", object_add, json.dumps({"name": "report"}).encode())
    assert api.problems("POST", object_add, json.dumps({"Attribute": [{"value": "x"}]}).encode())
    assert not api.problems(
        "POST",
        object_add,
        json.dumps({"Attribute": [{"object_relation": "a", "value": "x"}]}).encode(),
    )
    assert api.problems("POST", "/eventReports/add/12", json.dumps({"name": 5}).encode())
    assert not api.problems(
        "POST", "/eventReports/add/12", json.dumps({"name": "x", "content": "y"}).encode()
    )


def test_workflow_blueprint_enriches_with_this_module():
    from importlib import resources

    from misp_module.core.ids import derived_uuid
    from misp_module.misp.expansion import MODULE_NAME

    text = (
        resources.files("misp_module")
        .joinpath("data/workflows/orkl-misp-enrich-new-events.json")
        .read_text()
    )
    blueprint = json.loads(text)["WorkflowBlueprint"]
    assert blueprint["uuid"] == derived_uuid("misp-workflow-blueprint", "enrich-new-events")
    (node,) = blueprint["data"]
    assert node["data"]["id"] == "enrich-event" and node["data"]["module_type"] == "action"
    assert set(node["data"]["indexed_params"].values()) == {MODULE_NAME}
    assert "event-after-save-new" in blueprint["description"]

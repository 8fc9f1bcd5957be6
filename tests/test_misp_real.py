"""What a real MISP 2.5.1 would do with the module's answers and watch's writes, against the
strict double (tests/misp_fake.py): instance-wide uuids, the workflow path, refusals, locks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest
from misp_fake import COLUMN_LIMITS, blueprint_problems

from misp_module.misp import expansion
from misp_module.misp.client import MispClient, MispRefused
from misp_module.misp.limits import ELLIPSIS, encode_link, valid_link
from misp_module.misp.results import OWN_COMMENT, build_results
from misp_module.misp.watch import State, run_pass
from misp_module.module import enrich_request, handler

from conftest import EU_SHA1, EU_URL, make_entry
from conftest import MISP_KEY as KEY

EU_ID = "c9619381-3d02-4535-a1f6-98dd34440de6"
OFFLINE = {"offline": "true"}


def watch_cmd(url, key_file, state, *extra):
    return [
        sys.executable,
        "-m",
        "misp_module.cli",
        "-v",
        "watch",
        "--misp-url",
        url,
        "--misp-key-file",
        str(key_file),
        "--state",
        str(state),
        "--offline",
        "--once",
        "--tries",
        "2",
        *extra,
    ]


def watch(misp, key_file, tmp_path, *extra, url=None):
    done = subprocess.run(
        watch_cmd(url or misp.url, key_file, tmp_path / "state.json", *extra),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert KEY not in done.stdout + done.stderr
    return done


def writes(misp):
    return [(m, p) for m, p, _ in misp.requests if m == "POST" and not p.endswith("restSearch")]


def workflow_query(event, attribute, config):
    """The query MISP's workflow action enrich-event sends (app/Model/Event.php:6367-6373)."""
    return {
        "module": "orkl_attribution",
        "event_id": event["id"],
        "attribute_uuid": attribute["uuid"],
        "config": config,
        "attribute": attribute,
    }


def save_like_misp(client, event, results) -> None:
    """Store a module's results in the double: object, its references, report, tags."""
    from pymisp import MISPEvent

    target = MISPEvent()
    target.load({"Event": {"id": event["id"], "uuid": event["uuid"], "info": event["info"]}})
    for obj in results.get("Object", []):
        object_id = client.add_object(target, obj)
        for ref in obj.get("ObjectReference", []):
            client.add_reference(object_id, ref)
    for report in results.get("EventReport", []):
        client.add_event_report(target, report)
    for tag in results.get("Tag", []):
        client.tag_event(target, tag["name"])


# --- uuids: unique per instance, the same for the same enrichment ---------------------------


def test_two_events_citing_one_report_each_get_their_own_and_again_adds_nothing(misp):
    client = MispClient(misp.url, KEY, tries=1)
    one = misp.add_event("one", [("link", EU_URL)])
    two = misp.add_event("two", [("sha1", EU_SHA1)])
    answers = {}
    for event in (one, two):
        (attribute,) = event["Attribute"]
        answers[event["id"]] = handler(json.dumps(workflow_query(event, attribute, OFFLINE)))
        save_like_misp(client, event, answers[event["id"]]["results"])
    assert misp.refusals == []
    for event in (one, two):
        assert len(event["Object"]) == 1 and len(event["EventReport"]) == 1
        assert 'misp-galaxy:threat-actor="APT40"' in {t["name"] for t in event["Tag"]}
        (ref,) = event["Object"][0]["ObjectReference"]
        assert ref["referenced_uuid"] == event["Attribute"][0]["uuid"]
    assert one["Object"][0]["uuid"] != two["Object"][0]["uuid"]
    assert one["EventReport"][0]["uuid"] != two["EventReport"][0]["uuid"]

    # The same attribute enriched again: the same uuids, which MISP refuses to save twice.
    again = handler(json.dumps(workflow_query(one, one["Attribute"][0], OFFLINE)))
    assert again == answers[one["id"]]
    with pytest.raises(MispRefused, match=r"\(HTTP 403\): Could not add Object: .*not unique"):
        save_like_misp(client, one, again["results"])
    before = (len(one["Object"]), len(one["EventReport"]), len(one["Tag"]))
    results = dict(again["results"], Object=[])
    with pytest.raises(MispRefused, match="not unique"):
        save_like_misp(client, one, results)
    assert (len(one["Object"]), len(one["EventReport"]), len(one["Tag"])) == before


def test_watch_gives_two_events_citing_one_report_their_own(misp, key_file, tmp_path):
    one = misp.add_event("one", [("link", EU_URL)], timestamp=1_800_000_000)
    two = misp.add_event("two", [("text", EU_ID), ("link", EU_URL)], timestamp=1_800_000_100)
    done = watch(misp, key_file, tmp_path)
    assert done.returncode == 0, done.stderr
    assert misp.refusals == []
    # One report object and one event report per event, even where two attributes lead to it.
    for event in (one, two):
        assert len(event["Object"]) == 1 and len(event["EventReport"]) == 1
        assert len(event["Object"][0]["ObjectReference"]) == 1
    before = len(writes(misp))
    done = watch(misp, key_file, tmp_path)
    assert done.returncode == 0 and len(writes(misp)) == before, done.stderr


# --- the workflow path: one failed look-up does not stop the others ----------------------------


def misp_enrichment(event: dict, config: dict) -> int:
    """Event::enrichment's loop (app/Model/Event.php:6356-6419) for a misp_standard module:
    a reply without ``results`` stops the whole event (:6386-6388)."""
    added = 0
    for attribute in event["Attribute"]:
        if attribute["type"] not in expansion.mispattributes["input"]:
            continue
        result = handler(json.dumps(workflow_query(event, attribute, config)))
        if result is False:
            raise RuntimeError("orkl_attribution service not reachable.")
        if not isinstance(result, dict):
            continue
        if "results" not in result:
            raise RuntimeError("Invalid response received from module orkl_attribution")
        added += len(result["results"].get("Object", []))
    return added


def test_workflow_enriches_four_attributes_when_the_fifth_cannot_be_looked_up(
    misp, tmp_path, monkeypatch
):
    event = misp.add_event(
        "five",
        [
            ("link", EU_URL),
            ("sha1", "b" * 40),  # not in the library, and the ORKL API is unreachable
            ("sha1", EU_SHA1),
            ("text", EU_ID),
            ("link", f"https://archive.orkl.eu/{EU_SHA1}.pdf"),
        ],
    )
    monkeypatch.setenv("ORKL_API_URL", "http://127.0.0.1:9/api/v1")  # the server's own
    monkeypatch.setenv("ORKL_MISP_LIBRARY", str(tmp_path / "empty.sqlite3"))
    config = {"offline": "false"}
    assert misp_enrichment(event, config) == 4
    failing = workflow_query(event, event["Attribute"][1], config)
    answer = handler(json.dumps(failing))
    assert answer["results"] == {} and "ORKL API http://127.0.0.1:9" in answer["error"]
    # A person clicking "enrich" (no attribute_uuid: EventsController.php:5398) sees the error.
    del failing["attribute_uuid"]
    assert set(handler(json.dumps(failing))) == {"error"}


def test_the_modules_own_writes_are_not_enriched_again():
    attribute = {"type": "link", "value": EU_URL, "uuid": "0b1a8a55-3e2f-4c55-8f0e-1d5a2b8c9e01"}
    q = {"module": "orkl_attribution", "event_id": "3", "config": OFFLINE, "attribute": attribute}
    assert handler(json.dumps(q))["results"]["Object"]
    q["attribute"] = dict(attribute, comment=OWN_COMMENT + EU_SHA1)
    assert handler(json.dumps(q)) == {"results": {}}


# --- watch never jams ------------------------------------------------------------------------


def test_watch_enriches_nine_and_reports_the_tenth_with_misps_message(misp, key_file, tmp_path):
    events = [
        misp.add_event(f"e{i}", [("link", EU_URL)], timestamp=1_800_000_000 + i, orgc_id=org)
        for i, org in enumerate(["1"] * 4 + ["2"] + ["1"] * 5)
    ]
    done = watch(misp, key_file, tmp_path)
    assert done.returncode == 0, done.stderr
    theirs = events[4]
    assert theirs["Object"] == [] and theirs["EventReport"] == []
    assert all(len(e["Object"]) == 1 for e in events if e is not theirs)
    assert (
        f"event {theirs['id']} ({theirs['uuid']}): MISP refused adding the report object "
        "(HTTP 403): You do not have permission to do that." in done.stderr
    )
    assert "9 enriched, 1 refused by MISP" in done.stderr
    state = json.loads((tmp_path / "state.json").read_text())
    assert state["high_water"] >= 1_800_000_009  # past every event, the refused one included
    assert state["refused"][theirs["uuid"]]["tries"] == 1
    before = len(writes(misp))
    done = watch(misp, key_file, tmp_path)
    assert done.returncode == 0 and len(writes(misp)) == before, done.stderr
    assert theirs["uuid"] not in done.stderr  # behind the mark, its retry not due yet


def test_refused_for_good_is_listed_by_status_and_retries_are_bounded(misp, key_file, tmp_path):
    theirs = misp.add_event("theirs", [("link", EU_URL)], timestamp=1_800_000_000, orgc_id="2")
    misp.add_event("ours", [("link", EU_URL)], timestamp=1_800_000_100)
    for _ in range(3):
        done = watch(misp, key_file, tmp_path, "--refusal-tries", "2", "--refusal-backoff", "0")
        assert done.returncode == 0, done.stderr
    attempts = [w for w in writes(misp) if w[1] == f"/objects/add/{theirs['id']}/" + w[1][-36:]]
    assert len(attempts) == 2  # the first try and one retry, then given up
    status = subprocess.run(
        watch_cmd(misp.url, key_file, tmp_path / "state.json", "--status"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert status.returncode == 0, status.stderr
    assert "1 events refused for good, 0 waiting for a retry" in status.stdout
    assert (
        f"refused for good: event {theirs['id']} ({theirs['uuid']}), 2 tries: MISP refused "
        "adding the report object (HTTP 403): You do not have permission to do that."
    ) in status.stdout


def test_a_refused_event_older_than_the_mark_is_retried_when_due(misp, tmp_path):
    theirs = misp.add_event("theirs", [("link", EU_URL)], timestamp=1_800_000_000, orgc_id="2")
    misp.add_event("ours", [("sha1", EU_SHA1)], timestamp=1_800_000_500)
    client = MispClient(misp.url, KEY, tries=1)
    state = State(tmp_path / "state.json", 0)
    clock = [2_000_000_000.0]
    kw = dict(
        enrich=enrich_request, say=lambda line: None, refusal_backoff=60, now=lambda: clock[0]
    )
    assert run_pass(client, state, OFFLINE, **kw).refused == 1
    assert state.high_water >= 1_800_000_500  # not held back by the refused event
    misp.user["org_id"] = "2"  # the role changed: the event may be written now
    misp.user["Role"]["perm_site_admin"] = True
    clock[0] += 30  # not due yet
    assert run_pass(client, state, OFFLINE, **kw).refused == 0 and theirs["Object"] == []
    clock[0] += 60
    run_pass(client, state, OFFLINE, **kw)
    assert len(theirs["Object"]) == 1 and state.refused == {}
    assert ("GET", f"/events/view/{theirs['id']}") in [(m, p) for m, p, _ in misp.requests]


def test_a_200_that_is_not_misps_json_is_not_counted_as_written(misp, key_file, tmp_path):
    event = misp.add_event("html", [("link", EU_URL)])
    page = ("POST", r"^/objects/add/", 200, "<html><body>Login</body></html>", "text/html")
    misp.faults = [page, page]
    done = watch(misp, key_file, tmp_path)
    assert done.returncode == 4 and "not MISP's JSON" in done.stderr, done.stderr
    assert "added" not in done.stderr and not (tmp_path / "state.json").exists()
    misp.faults = [("POST", r"^/objects/add/", 200, "{}", "application/json")]
    done = watch(misp, key_file, tmp_path)
    assert done.returncode == 4 and "nothing is counted as written" in done.stderr
    assert event["Object"] == []
    done = watch(misp, key_file, tmp_path)
    assert done.returncode == 0 and len(event["Object"]) == 1, done.stderr


def test_two_overlapping_watch_runs_never_both_write(misp, key_file, tmp_path):
    event = misp.add_event("lock", [("link", EU_URL)])
    misp.delay = {r"^/events/restSearch": 3.0}
    state = tmp_path / "state.json"
    first = subprocess.Popen(
        watch_cmd(misp.url, key_file, state),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not any(p == "/events/restSearch" for _, p, _ in misp.requests):
            assert time.monotonic() < deadline and first.poll() is None
            time.sleep(0.05)
        second = subprocess.run(
            watch_cmd(misp.url, key_file, state), capture_output=True, text=True, timeout=60
        )
        out, err = first.communicate(timeout=120)
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()
    assert second.returncode == 5, second.stderr
    assert f"another watch run (pid {first.pid}) holds {state}.lock" in second.stderr
    assert first.returncode == 0, err
    assert len(event["Object"]) == 1 and len(event["EventReport"]) == 1
    assert len([w for w in writes(misp) if w[1].startswith("/objects/add/")]) == 1
    assert [p for _, p, _ in misp.requests].count("/events/restSearch") == 1


def test_credentials_inside_the_url_are_never_printed(misp, key_file, tmp_path):
    misp.add_event("creds", [("link", EU_URL)])
    url = misp.url.replace("http://", "http://analyst:S3cretPassw0rd%21@")
    done = watch(misp, key_file, tmp_path, url=url)
    assert done.returncode == 4  # requests sends the URL's user:password instead of the key
    out = done.stdout + done.stderr
    assert "S3cretPassw0rd" not in out and "analyst" not in out
    assert "http://***@" in out


# --- what is written fits MISP ---------------------------------------------------------------


def test_long_names_and_bad_links_are_fitted_and_misp_takes_the_object(misp, enricher):
    title = "APT40 " + "very long title " * 30
    entry = make_entry(
        "APT40 was seen again.",
        title=title,
        references=[
            "https://example.org/a report with spaces",
            "https://exämple.org/ü",
            "javascript:alert(1)",
            "https://example.org/fine",
        ],
    )
    results = build_results(enricher.enrich(entry), "0b1a8a55-3e2f-4c55-8f0e-1d5a2b8c9e01", "1")[
        "results"
    ]
    (report,) = results["EventReport"]
    assert len(report["name"]) == COLUMN_LIMITS["event_reports.name"]
    assert report["name"].endswith(ELLIPSIS) and title.strip() in report["content"]
    assert (
        "Link left out of the report object (MISP would refuse it): `javascript:alert(1)`"
        in (report["content"])
    )
    links = [a["value"] for a in results["Object"][0]["Attribute"] if a["type"] == "link"]
    assert "https://example.org/a%20report%20with%20spaces" in links
    assert "https://xn--exmple-cua.org/%C3%BC" in links and "javascript:alert(1)" not in links
    assert all(valid_link(v) for v in links)
    event = misp.add_event("fit", [])
    client = MispClient(misp.url, KEY, tries=1)
    save_like_misp(client, event, results)
    assert misp.refusals == [] and len(event["Object"]) == 1


def test_the_blueprint_imports_into_misp():
    from importlib import resources

    document = json.loads(
        resources.files("misp_module")
        .joinpath("data/workflows/orkl-misp-enrich-new-events.json")
        .read_text()
    )
    assert blueprint_problems(document) == []
    b = document["WorkflowBlueprint"]
    assert len(b["description"]) <= COLUMN_LIMITS["workflow_blueprints.description"]
    for trigger in ("event-publish", "event-after-save-new", "event-after-save-new-from-pull"):
        assert trigger in b["description"]


def test_hover_answers_from_local_data_only(httpserver, tmp_path, monkeypatch):
    from orkl_fake import FakeOrkl, make_entries
    from orkl_fake import install as install_orkl

    fake = FakeOrkl(make_entries(3))
    monkeypatch.setenv("ORKL_API_URL", install_orkl(httpserver, fake))  # the server's own
    monkeypatch.setenv("ORKL_MISP_LIBRARY", str(tmp_path / "l.sqlite3"))
    config = {"offline": "false"}

    def hover(a_type, value):  # AttributesController.php:2446-2458: no event_id
        q = {"module": "orkl_attribution", "config": config, "attribute": {"type": a_type}}
        q["attribute"]["value"] = value
        return handler(json.dumps(q))

    assert hover("sha1", fake.entries[0]["sha1_hash"]) == {"results": {}}
    assert fake.requests == []  # no ORKL API call within MISP's 5 s hover timeout
    answer = hover("link", EU_URL)
    assert set(answer["results"]) == {"Object"}  # no "No result" rows for other keys
    assert answer["results"]["Object"][0]["name"] == "report"


def test_settings_are_described_yet_readable_by_misps_query_paths():
    info = expansion.version()
    # MISP's query paths read config as a list of names (Event.php:6349-6351).
    assert all(isinstance(name, str) for name in info["config"])
    assert info["config"] == list(expansion.SETTINGS)
    for name, spec in expansion.SETTINGS.items():
        assert spec["type"] in {"string", "boolean", "numeric"} and spec["description"]
        assert f"{name} ({spec['type']}): " in info["features"]


def test_misp_env_key_is_not_needed_for_status(misp, key_file, tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "MISP_KEY"}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "misp_module.cli",
            "watch",
            "--misp-url",
            misp.url,
            "--state",
            str(tmp_path / "none.json"),
            "--status",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert done.returncode == 0 and "0 events refused for good" in done.stdout, done.stderr


@pytest.mark.parametrize(
    "link",
    [
        "https://example.org:8080/x",
        "http://[::1]/a",
        "https://example.org/%7Euser",
        "mailto:a@b.org",
        "https://example.org/a b",
        "https://ex_ample.org/",
        "https://example.org/é",
        "javascript:alert(1)",
        "//example.org/no-scheme",
        "https://-x.example.org/",
    ],
)
def test_the_modules_link_check_agrees_with_the_doubles(link):
    from misp_fake import php_validate_url

    assert valid_link(link) == php_validate_url(link)
    encoded = encode_link(link)
    assert encoded is None or php_validate_url(encoded)

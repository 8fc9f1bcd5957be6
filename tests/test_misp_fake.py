"""The strict MISP double refuses what MISP 2.5.1 refuses: one test per rule in RULES."""

from __future__ import annotations

import json

import pytest
import requests
from misp_fake import COLUMN_LIMITS, RULES, FakeMisp, blueprint_problems, install

KEY = "k3yS3cr3tZZZZ0123456789abcdefghijklmnopq"
TEMPLATE = "70a68471-df22-4e3f-aa1a-5a3be19f82df"


@pytest.fixture
def misp(httpserver):
    fake = FakeMisp(KEY)
    fake.url = install(httpserver, fake)
    yield fake
    assert fake.violations == []


def post(misp, path, body):
    r = requests.post(
        misp.url + path, json=body, headers={"Authorization": KEY, "Accept": "application/json"}
    )
    return r.status_code, r.json()


def report_object(uuid="11111111-1111-4111-8111-111111111111", link="https://example.org/r"):
    return {
        "name": "report",
        "uuid": uuid,
        "template_uuid": TEMPLATE,
        "Attribute": [
            {"object_relation": "title", "type": "text", "value": "T", "uuid": uuid[:-1] + "2"},
            {"object_relation": "link", "type": "link", "value": link, "uuid": uuid[:-1] + "3"},
        ],
    }


def refused(misp, rule):
    return [r for r, _ in misp.refusals if r == rule]


def test_uuid_unique_in_the_whole_instance(misp):
    one = misp.add_event("one", [])
    two = misp.add_event("two", [])
    assert post(misp, f"/objects/add/{one['id']}/{TEMPLATE}", report_object())[0] == 200
    status, answer = post(misp, f"/objects/add/{two['id']}/{TEMPLATE}", report_object())
    assert status == 403 and "The UUID provided is not unique" in answer["errors"]
    report = {"name": "r", "content": "c", "uuid": "22222222-2222-4222-8222-222222222222"}
    assert post(misp, f"/eventReports/add/{one['id']}", report)[0] == 200
    status, answer = post(misp, f"/eventReports/add/{two['id']}", report)
    assert status == 403 and "not unique" in answer["errors"] and two["EventReport"] == []
    assert len(refused(misp, "uuid-unique")) == 2


def test_only_the_owning_org_may_modify(misp):
    theirs = misp.add_event("theirs", [], orgc_id="2")
    status, answer = post(misp, f"/objects/add/{theirs['id']}/{TEMPLATE}", report_object())
    assert status == 403 and answer["message"] == "You do not have permission to do that."
    status, answer = post(misp, f"/eventReports/add/{theirs['id']}", {"name": "r", "content": "c"})
    assert status == 403
    assert theirs["Object"] == [] and theirs["EventReport"] == []
    assert len(refused(misp, "modify-event")) == 2


def test_every_failed_save_is_a_403(misp):
    event = misp.add_event("one", [])
    post(misp, f"/objects/add/{event['id']}/{TEMPLATE}", report_object())
    status, answer = post(misp, f"/objects/add/{event['id']}/{TEMPLATE}", report_object())
    assert status == 403 and answer["saved"] is False and answer["name"] == "Could not add Object"
    assert refused(misp, "save-fail-403")


def test_objects_add_ignores_references(misp):
    event = misp.add_event("one", [("link", "https://example.org/x")])
    obj = report_object()
    obj["ObjectReference"] = [
        {"referenced_uuid": event["Attribute"][0]["uuid"], "relationship_type": "expanded-from"}
    ]
    status, answer = post(misp, f"/objects/add/{event['id']}/{TEMPLATE}", obj)
    assert status == 200 and answer["Object"]["ObjectReference"] == []
    assert event["Object"][0]["ObjectReference"] == [] and refused(misp, "object-references")
    status, answer = post(
        misp, f"/objectReferences/add/{answer['Object']['id']}", obj["ObjectReference"][0]
    )
    assert status == 200 and len(event["Object"][0]["ObjectReference"]) == 1


def test_report_and_tag_names_over_255_fail_on_strict_sql(misp):
    event = misp.add_event("one", [])
    long = "x" * (COLUMN_LIMITS["event_reports.name"] + 1)
    status, _ = post(misp, f"/eventReports/add/{event['id']}", {"name": long, "content": "c"})
    assert status == 500 and event["EventReport"] == [] and refused(misp, "report-name-255")
    status, _ = post(misp, "/tags/add", {"name": "y" * (COLUMN_LIMITS["tags.name"] + 1)})
    assert status == 500 and misp.tags == {} and refused(misp, "tag-name-255")
    # The MISP contract has the same limit (maxLength 255): that check saw it too.
    assert [v for v in misp.violations if v.startswith("POST /tags/add")]
    misp.violations.clear()
    assert post(misp, "/tags/add", {"name": "y" * 255})[0] == 200


@pytest.mark.parametrize(
    "link, ok",
    [
        ("https://example.org/a?b=c#d", True),
        ("https://example.org/a b", False),
        ("https://exämple.org/", False),
        ("https://example.org/ü", False),
        ("example.org/no-scheme", False),
        ("https://-bad-.example.org/", False),
        ("https://xn--exmple-cua.org/%C3%BC", True),
    ],
)
def test_links_must_pass_filter_validate_url_or_the_object_fails(misp, link, ok):
    event = misp.add_event("one", [])
    status, answer = post(misp, f"/objects/add/{event['id']}/{TEMPLATE}", report_object(link=link))
    assert (status == 200) is ok
    if not ok:
        assert "(link)" in answer["errors"] and event["Object"] == []
        assert refused(misp, "link-valid-url")


def test_tag_creation_needs_the_tag_editor_permission(httpserver):
    misp = FakeMisp(KEY, perm_tag_editor=False)
    misp.url = install(httpserver, misp)
    status, answer = post(misp, "/tags/add", {"name": "a:b"})
    assert status == 403 and "permission" in answer["message"] and misp.tags == {}
    assert refused(misp, "tag-editor")


def test_blueprint_rules_refuse_the_old_blueprint():
    old = {
        "WorkflowBlueprint": {
            "name": "orkl-misp: enrich new events from ORKL reports",
            "description": "d" * 305,
            "uuid": "40d7ccda-66b4-555a-bac8-de6fd57c796c",
            "timestamp": "1795392000",
            "data": [
                {
                    "data": {
                        "id": "enrich-event",
                        "module_type": "action",
                        "module_version": "0.1",
                        "indexed_params": {"Modules": "x", "modules": "x"},
                    }
                }
            ],
        }
    }
    problems = blueprint_problems(json.loads(json.dumps(old)))
    assert any("description over 191" in p for p in problems)
    assert any("['Modules']" in p for p in problems)
    assert any("module_version" in p for p in problems)


RULE_TESTS = {
    "uuid-unique": test_uuid_unique_in_the_whole_instance,
    "modify-event": test_only_the_owning_org_may_modify,
    "save-fail-403": test_every_failed_save_is_a_403,
    "object-references": test_objects_add_ignores_references,
    "report-name-255": test_report_and_tag_names_over_255_fail_on_strict_sql,
    "tag-name-255": test_report_and_tag_names_over_255_fail_on_strict_sql,
    "blueprint-191": test_blueprint_rules_refuse_the_old_blueprint,
    "link-valid-url": test_links_must_pass_filter_validate_url_or_the_object_fails,
    "tag-editor": test_tag_creation_needs_the_tag_editor_permission,
}


def test_every_rule_has_a_refusal_test():
    assert set(RULES) == set(RULE_TESTS)

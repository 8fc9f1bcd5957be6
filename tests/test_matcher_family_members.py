"""A Malpedia cluster without a platform suffix that is one variant of a family group (rules
kind family-members): "FinFisher RAT" is the Windows member of FinFisher (Android), (ELF) and
(OS X), and FinSpy, its synonym, names the whole product (issue 16, round fourteen)."""

from __future__ import annotations

import json

from misp_module.core.enrich import Enricher
from misp_module.core.rules import load_rules, shipped

from conftest import make_entry

FILLER = "The implant collects messages, contacts and call logs from the device. " * 40


def _values(result):
    return {m.value for m in result.tagged_matches if m.value.startswith("FinFisher")}


ANDROID = make_entry(
    "FinSpy for Android roots the device. The Android implant uploads data. "
    + FILLER
    + " The FinSpy Android APK is configured by SMS. FinSpy hides its icon.",
    title="New FinSpy Android implants",
)


def test_platform_cues_choose_the_variant_for_a_members_synonym(enricher):
    assert _values(enricher.enrich(ANDROID)) == {"FinFisher (Android)"}


def test_the_family_name_without_cues_is_the_windows_member(enricher):
    text = "FinFisher infects the workstation. " + FILLER + " FinFisher persists. FinFisher again."
    result = enricher.enrich(make_entry(text, title="FinFisher surveillance campaigns"))
    assert _values(result) == {"FinFisher RAT"}


def test_the_members_value_names_itself_only(enricher):
    text = "FinFisher RAT runs on Android phones too, the Android APK says. " + FILLER
    result = enricher.enrich(make_entry(text + " FinFisher RAT again.", title="FinFisher RAT"))
    assert _values(result) == {"FinFisher RAT"}


def test_a_users_file_can_disable_the_shipped_member(tmp_path):
    assert any(e["value"] == "FinFisher RAT" for e in shipped().of("family-members"))
    folder = tmp_path / "rules"
    folder.mkdir()
    body = {
        "kind": "family-members",
        "description": "written for a test",
        "entries": [
            {
                "value": "FinFisher RAT",
                "family": "FinFisher",
                "platform": "windows",
                "disabled": True,
            }
        ],
    }
    (folder / "members.json").write_text(json.dumps(body), encoding="utf-8")
    result = Enricher(rules=load_rules([folder])).enrich(ANDROID)
    assert _values(result) == {"FinFisher RAT"}  # FinSpy is again the Windows cluster's alone

"""A joint advisory's co-authors named apart from its attribution, in a sentence that says
they worked with the others to publish it ("... collaborated with the FBI and CISA to
publish the joint advisory"): every office on both sides of the phrase attributes
(attribution-genres.json, role coauthors). Every text is written for the test."""

from __future__ import annotations

from misp_module.core.attribution import extract_attributions

from conftest import make_entry

ATTRIBUTION = (
    "The FBI and CISA, along with international partners, released a joint cybersecurity "
    "advisory on Tuesday on malicious activity by a People's Republic of China "
    "state-sponsored cyber actor. "
)


def parties(text: str) -> set[tuple[str, str]]:
    return {
        (a.party, a.attributed_state)
        for a in extract_attributions(make_entry(text))
        if a.role == "attributing"
    }


def test_coauthors_who_collaborated_to_publish_attribute():
    text = ATTRIBUTION + (
        "The Australian Signals Directorate and the Canadian Centre for Cyber Security "
        "collaborated with the FBI and CISA to publish the joint advisory."
    )
    assert parties(text) == {("US", "CN"), ("AU", "CN"), ("CA", "CN")}


def test_working_with_a_victim_names_no_coauthor():
    # no publishing after the phrase: a firm helping a victim writes no advisory
    text = ATTRIBUTION + (
        "The Australian Signals Directorate collaborated with the hospital on its recovery."
    )
    assert parties(text) == {("US", "CN")}

"""Row-level classes left by session nine's rounds (issue 17, attrext21): each class with
sentences of our own; the first case of each failed before its change."""

from __future__ import annotations

import pytest

from conftest import attribution_tags_of, expected_attribution_tags

US_CN_PERSONS = expected_attribution_tags(["US"], [], ["CN"], ["individuals"], ["indictment"])
US_RU_PERSONS = expected_attribution_tags(["US"], [], ["RU"], ["individuals"], ["indictment"])


@pytest.mark.parametrize(
    "text, want",
    [
        # charged nationals with officers of their state's services among them
        (
            "Nine Chinese nationals, including police officers and two contractors, were "
            "charged by the U.S. Justice Department over a cybercrime scheme against "
            "newspapers.",
            US_CN_PERSONS,
        ),
        # charged nationals in a text that names an organ of their state
        (
            "The U.S. Justice Department charged four citizens of the Russian Federation with "
            "cybercrimes. Prosecutors say they worked for the General Staff of the Russian "
            "Armed Forces.",
            US_RU_PERSONS,
        ),
        # unchanged: charged nationals of a criminal gang, no organ of their state
        (
            "The U.S. Justice Department charged two Russian nationals with running a "
            "ransomware gang that extorted hospitals.",
            [],
        ),
        # unchanged: the officers are someone else's ("with help from Dutch police officers")
        (
            "The U.S. Justice Department charged two Russian nationals with cybercrime, "
            "working with Dutch police officers.",
            [],
        ),
    ],
)
def test_charged_nationals_tied_to_their_state_organs_stay(text, want):
    assert attribution_tags_of(text) == want


HEADLINE = "UK government blames Russia for cyber attack\n\n"
GRU_TOO = "The UK government said the Russian military was responsible for the cyber attack."


@pytest.mark.parametrize(
    "text, levels",
    [
        # the body says at the state level what the headline says: its row stays
        (
            HEADLINE + "The UK government has publicly blamed Russia for the cyber attack that "
            "took place in June, paralysing IT systems across Europe. " + GRU_TOO,
            ["state", "state-agency"],
        ),
        # unchanged: only the headline names the state, the body says which part of it
        (HEADLINE + GRU_TOO, ["state-agency"]),
    ],
)
def test_a_headline_never_replaces_the_body_saying_the_same(text, levels):
    assert attribution_tags_of(text) == expected_attribution_tags(
        ["GB"], [], ["RU"], levels, ["statement"]
    )

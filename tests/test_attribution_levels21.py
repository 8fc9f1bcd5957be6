"""Attribution levels by class of phrasing (issue 17, round twenty-two): the dev levels
`evaluate.py score --errors --split dev` missed or got wrong, grouped by how the sentence says
it. Each class has self-written sentences that failed before its change, and guards that keep
its reach."""

from __future__ import annotations

import pytest

from conftest import attribution_tags_of, expected_attribution_tags

# -- China's Ministry of State Security written "de la Sécurité de l'État" -----------------


@pytest.mark.parametrize(
    "agency",
    [
        "le ministère chinois de la Sécurité de l'État",
        "le ministère chinois de la Sécurité de l’État",
        "le ministère de la Sécurité de l'État chinois",
        # the spelling that already held
        "le ministère chinois de la Sécurité d'État",
    ],
)
def test_french_state_security_ministry_with_the_article(agency):
    text = (
        f"Le Canada affirme que {agency} était responsable de la cyberattaque contre ses serveurs."
    )
    assert attribution_tags_of(text, "fr") == expected_attribution_tags(
        ["CA"], [], ["CN"], ["state-agency"], ["statement"]
    )

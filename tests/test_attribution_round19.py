"""Wrong tags on the re-gathered attribution texts (issue 17, round nineteen, precision): each
class with sentences of our own; the first case of each failed before its change."""

from __future__ import annotations

import pytest

from conftest import attribution_tags_of, expected_attribution_tags

US_CN_CHARGED = expected_attribution_tags(
    ["US"], [], ["CN"], ["individuals", "state-agency"], ["indictment"]
)


@pytest.mark.parametrize(
    "text, want",
    [
        # the accused state accusing its accuser back answers the accusation: no attribution
        (
            "The United States charged five officers of the Chinese army with cyber espionage "
            "on Monday. China accuses the United States of the same practices.",
            US_CN_CHARGED,
        ),
        # two accusations between four different states stay
        (
            "Britain accused Russia of the cyberattack. Iran blamed the United States for the "
            "attack on its nuclear plant.",
            expected_attribution_tags(["GB", "IR"], [], ["RU", "US"], ["state"], ["statement"]),
        ),
    ],
)
def test_a_counter_accusation_is_no_attribution(text, want):
    assert attribution_tags_of(text) == want


DE_RU = expected_attribution_tags(["DE"], [], ["RU"], ["state"], ["statement"])
BLAMED_DE = "Das Auswärtige Amt macht Russland für den Cyberangriff verantwortlich. "


@pytest.mark.parametrize(
    "text, language, want",
    [
        # the state a sentence of support helps is no supporter of the attribution before it
        (BLAMED_DE + "Wir werden weiterhin die Ukraine entschlossen unterstützen.", "de", DE_RU),
        (
            "Le ministère français des Affaires étrangères a attribué la cyberattaque à la "
            "Russie. Paris reste mobilisé en soutien de l'Ukraine.",
            "fr",
            expected_attribution_tags(["FR"], [], ["RU"], ["state"], ["statement"]),
        ),
        (
            "El Gobierno británico acusó a Rusia del ciberataque. Londres mantiene su respaldo "
            "a Ucrania.",
            "es",
            expected_attribution_tags(["GB"], [], ["RU"], ["state"], ["statement"]),
        ),
        # unchanged: a state that supports, as the subject of the same verb
        (
            BLAMED_DE + "Die Niederlande unterstützen die Einschätzung der Bundesregierung.",
            "de",
            expected_attribution_tags(["DE"], ["NL"], ["RU"], ["state"], ["statement"]),
        ),
        (
            BLAMED_DE + "Auch die Niederlande werden diese Einschätzung unterstützen.",
            "de",
            expected_attribution_tags(["DE"], ["NL"], ["RU"], ["state"], ["statement"]),
        ),
    ],
)
def test_the_state_helped_is_no_supporter(text, language, want):
    assert attribution_tags_of(text, language=language) == want

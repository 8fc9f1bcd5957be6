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

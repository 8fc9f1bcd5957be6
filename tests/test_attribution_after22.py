"""Round twenty-four: sentences after a charge or an attribution that say more with no cue
word of their own (persons "officers in" a unit of an agency, ...). Sentences written for
these tests."""

from __future__ import annotations

import pytest

from conftest import attribution_tags_of, levels_of


@pytest.mark.parametrize(
    "second",
    [
        "The suspects are officers in Unit 74455 of the GRU.",
        "All six were officers in Unit 26165 of Russia's military intelligence agency.",
        "The defendants were agents with the FSB.",
    ],
)
def test_persons_serving_in_an_agency_after_a_charge(second):
    text = (
        "The Justice Department charged six Russian hackers over attacks on the power grid. "
        + second
    )
    tags = attribution_tags_of(text)
    assert levels_of(tags) == {"individuals", "state-agency"}
    assert 'public-attribution:attributing-party="US"' in tags


def test_officers_in_an_agency_with_no_charge_before_attribute_nothing():
    assert attribution_tags_of("The suspects are officers in Unit 74455 of the GRU.") == []


@pytest.mark.parametrize(
    "second",
    [
        "The group is allegedly run by China's Ministry of State Security.",
        "The group is run by the MSS.",
    ],
)
def test_a_group_run_by_an_agency_after_an_attribution(second):
    text = (
        "The Estonian police said Chinese state-sponsored hackers breached the parliament. "
        + second
    )
    tags = attribution_tags_of(text)
    assert levels_of(tags) == {"state-sponsored", "state-agency"}
    assert 'public-attribution:attributing-party="EE"' in tags


def test_a_group_run_by_an_agency_with_no_attribution_before_attributes_nothing():
    text = "The group is allegedly run by China's Ministry of State Security."
    assert attribution_tags_of(text) == []

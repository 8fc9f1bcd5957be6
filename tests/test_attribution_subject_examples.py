"""States given as examples of the plural subject, between commas, right before the attribution
word ("Several Western countries, such as Australia and New Zealand, accuse Russia ..."): they
attribute; the same list after the attribution word stays places (``_subject_examples``).
Every sentence is written for the test."""

from __future__ import annotations

import pytest

from misp_module.core.attribution import extract_attributions

from conftest import make_entry


def parties(text: str) -> set[tuple[str, str]]:
    return {
        (a.party, a.attributed_state)
        for a in extract_attributions(make_entry(text))
        if a.role == "attributing"
    }


@pytest.mark.parametrize("opening", ["such as", "including"])
def test_examples_of_the_subject_attribute(opening):
    text = (
        f"Several Western countries, {opening} Australia and New Zealand, accused Russia of "
        "malicious hacking against international organisations."
    )
    assert parties(text) == {("AU", "RU"), ("NZ", "RU")}


def test_examples_after_the_attribution_word_are_places():
    text = (
        "The United States accused Russia of hacking several countries, such as Australia and "
        "New Zealand, over the past year."
    )
    assert parties(text) == {("US", "RU")}

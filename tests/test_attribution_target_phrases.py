"""Target phrases of English attributions that the benchmark's stage diagnostic (evaluate.py
score --stages) found lost at "state in a cue sentence, no target phrase": each class is named
in its test, every sentence is self-written and failed before the rule it names."""

from __future__ import annotations

import pytest

from misp_module.core.attribution import extract_attributions

from conftest import make_entry


def found(text: str) -> set[tuple[str, str | None, str | None]]:
    entry = make_entry(text, references=["https://news.example/x"], language="en")
    return {
        (a.party, a.attributed_state, a.level)
        for a in extract_attributions(entry)
        if a.role == "attributing"
    }


# Actors acting for a state named bare ("on behalf of Russia", "on orders from Russia"): the
# phrases of acting for someone (attribution-words.json, role acts-for) tie an actor to a state
# as "linked to" does, so the state is held responsible for what its actors did.
@pytest.mark.parametrize(
    "text",
    [
        "The UK government blamed the attack on hackers acting on behalf of Russia.",
        "The UK government blamed the attack on hackers acting on orders from Russia.",
        "The UK government said the attack was carried out by hackers on orders from Russia.",
        "The UK government attributed the intrusions to a group working for Russia.",
    ],
)
def test_actors_acting_for_a_named_state_make_it_a_sponsor(text):
    assert found(text) == {("GB", "RU", "state-sponsored")}


def test_acting_for_a_state_without_an_actor_before_it_is_no_target():
    # the phrase ties an actor (hackers, a group) to the state, not any word before it
    text = "The UK government, on behalf of Russia's neighbours, condemned the cyber attack."
    assert found(text) == set()

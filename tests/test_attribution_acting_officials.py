"""Officials of a state who file charges or impose sanctions act for it: they are who
attributes, never defendants of their own state (misp_module.core.attribution.genres,
``_ACTING``). Every sentence is written for the test."""

from __future__ import annotations

import pytest

from misp_module.core.attribution import extract_attributions

from conftest import make_entry


def pairs(text: str) -> set[tuple[str, str, str]]:
    return {
        (a.party, a.attributed_state, a.level)
        for a in extract_attributions(make_entry(text))
        if a.role == "attributing"
    }


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "United States and British officials filed charges, imposed sanctions and called "
            "out Beijing over a sweeping cyberespionage campaign against lawmakers.",
            id="finite-past-filed",
        ),
        pytest.param(
            "United States and British officials are filing charges, imposing sanctions and "
            "calling out Beijing over a sweeping cyberespionage campaign against lawmakers.",
            id="progressive-are-filing",
        ),
    ],
)
def test_officials_who_charge_are_parties_not_defendants(text):
    got = pairs(text)
    assert {(p, s) for p, s, _ in got} == {("US", "CN"), ("GB", "CN")}
    assert not any(s in ("US", "GB") for _, s, _ in got)  # no state charges its own officials


def test_officials_charged_stay_defendants():
    # the -ed of a charging verb right after the persons is their charge, not their act
    got = pairs(
        "The Justice Department charged three Chinese intelligence officers with hacking "
        "aerospace companies."
    )
    assert ("US", "CN", "individuals") in got

"""A sentence whose subject joins the assessments of others, right after an attribution: the
others named after the phrase made that attribution too (attribution-cues.json, role
joined-assessment; ``_add_echoes``). Every text is written for the test."""

from __future__ import annotations

from misp_module.core.attribution import extract_attributions

from conftest import make_entry

ATTRIBUTION_DE = (
    "»Die Bundesregierung geht davon aus, dass hinter der Kampagne APT28 der russische "
    "Militärgeheimdienst GRU steckt«, sagte Regierungssprecher Steffen Seibert am Freitag. "
)


def parties(text: str, language: str = "en") -> set[tuple[str, str]]:
    return {
        (a.party, a.attributed_state)
        for a in extract_attributions(make_entry(text, language=language))
        if a.role == "attributing"
    }


def test_german_joins_the_assessments_of_british_and_dutch_authorities():
    text = ATTRIBUTION_DE + (
        "Er schloss sich damit Einschätzungen unter anderem britischer und niederländischer "
        "Behörden an."
    )
    assert parties(text, "de") == {("DE", "RU"), ("GB", "RU"), ("NL", "RU")}


def test_english_echoing_the_assessments_of_others():
    text = (
        "The German government said Russia's GRU military intelligence service was behind the "
        "cyber campaign. It echoed the assessments of the British and Dutch governments."
    )
    assert parties(text) == {("DE", "RU"), ("GB", "RU"), ("NL", "RU")}


def test_a_joined_assessment_with_no_attribution_before_adds_nothing():
    text = (
        "The weather was cold in Berlin on Friday, and the talks went on for hours. "
        "It echoed the assessments of the British and Dutch governments."
    )
    assert parties(text) == set()

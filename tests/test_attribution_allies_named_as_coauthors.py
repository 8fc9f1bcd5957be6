""" "X and its allies" resolved across sentences: when the text lists the co-authors of a joint
advisory and X is one of them, the allies are those co-authors (attribution-genres.json, role
allies); with no such list they stay unnamed. Every text is written for the test."""

from __future__ import annotations

import pytest

from misp_module.core.attribution import extract_attributions

from conftest import make_entry

FIVE_EYES = {"AU", "CA", "GB", "NZ", "US"}


def parties(text: str, language: str = "en") -> set[tuple[str, str]]:
    return {
        (a.party, a.attributed_state)
        for a in extract_attributions(make_entry(text, language=language))
        if a.role == "attributing"
    }


@pytest.mark.parametrize(
    "text, language",
    [
        pytest.param(
            "The United States and its allies accused a China-sponsored cyber actor on "
            "Wednesday of infiltrating critical infrastructure. In a joint advisory, "
            "cybersecurity agencies from the United States, Canada, the United Kingdom, "
            "Australia and New Zealand warned that the actor hides in legitimate traffic.",
            "en",
            id="en-and-its-allies-already-read-as-advisory-voice",
        ),
        pytest.param(
            "Les Etats-Unis et leurs alliés ont accusé mercredi un cyber-acteur parrainé par "
            "la Chine d'avoir infiltré des infrastructures critiques. Dans un avis conjoint, "
            "les autorités chargées de la cybersécurité aux Etats-Unis, au Canada, au "
            "Royaume-Uni, en Australie et en Nouvelle-Zélande ont mis en garde les opérateurs.",
            "fr",
            id="fr-et-leurs-allies",
        ),
    ],
)
def test_allies_are_the_coauthors_listed_elsewhere(text, language):
    assert parties(text, language) == {(code, "CN") for code in FIVE_EYES}


def test_allies_unnamed_without_a_coauthor_list():
    text = (
        "The United States and its allies accused a China-sponsored cyber actor on Wednesday "
        "of infiltrating critical infrastructure. Canada and Japan later imposed sanctions on "
        "a Russian firm over the war."
    )
    assert parties(text) == {("US", "CN")}

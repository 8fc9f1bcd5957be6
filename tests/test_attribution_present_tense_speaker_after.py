"""A reported clause closed by a verb of saying in the present with its speaker after it
("..., sostiene il governo americano", "..., affirme le gouvernement britannique", "...,
afirma el gobierno británico"): that speaker attributes (issue 17, class "a party after the
quote"). Each sentence is self-written; the Italian and Spanish ones failed before
attribution-words.json listed their present-tense verbs as quote-verb-before (the French one
already passed and stays as the class's check in that language)."""

from __future__ import annotations

import pytest

from conftest import attribution_tags_of as tags
from conftest import expected_attribution_tags as expected


@pytest.mark.parametrize(
    "language, text, party",
    [
        (
            "it",
            "L'attacco è opera di hacker finanziati dallo Stato cinese, sostiene il governo "
            "americano.",
            "US",
        ),
        (
            "it",
            "L'attacco è opera di hacker finanziati dallo Stato cinese, affermano le autorità "
            "britanniche.",
            "GB",
        ),
        (
            "fr",
            "L'attaque est l'oeuvre de pirates soutenus par l'Etat chinois, affirme le "
            "gouvernement britannique.",
            "GB",
        ),
        (
            "es",
            "El ataque es obra de piratas respaldados por el Estado chino, afirma el gobierno "
            "británico.",
            "GB",
        ),
    ],
)
def test_a_speaker_after_a_present_tense_verb_of_saying_attributes(language, text, party):
    assert tags(text, language) == expected([party], [], ["CN"], ["state-sponsored"], ["statement"])


def test_a_vendor_after_the_verb_names_no_state_party():
    text = (
        "L'attacco è opera di hacker finanziati dallo Stato cinese, sostiene la società di "
        "sicurezza Mandiant."
    )
    assert not any("attributing-party" in t for t in tags(text, "it"))

"""Agencies named in the forms news in the language writes them: the German dative without
article ("Laut Auswärtigem Amt") and French title case after the article ("selon l'Anssi")
(issue 17, stage "a target, but no party": an office the sentence names, not read). Each
sentence is self-written; the positive ones failed before offices.json listed these forms."""

from __future__ import annotations

import pytest

from conftest import attribution_parties_of as parties


@pytest.mark.parametrize(
    "language, text, want",
    [
        (
            "de",
            "Laut Auswärtigem Amt steckt der russische Militärgeheimdienst GRU hinter dem Angriff.",
            ["DE"],
        ),
        ("fr", "D'après l'Anssi, l'attaque a été menée par des pirates liés à la Russie.", ["FR"]),
        ("fr", "L'Anssi attribue l'attaque à des pirates liés à la Russie.", ["FR"]),
        # the Finnish given name, without the article, is nobody's agency
        (
            "fr",
            "Selon le chercheur finlandais Anssi Virtanen, l'attaque a été menée par des pirates "
            "liés à la Russie.",
            [],
        ),
    ],
)
def test_agency_forms_in_the_language(language, text, want):
    assert parties(text, language) == want

"""Agencies named in the forms news in the language writes them: the German dative without
article ("Laut Auswärtigem Amt") and French title case after the article ("selon l'Anssi")
(issue 17, stage "a target, but no party": an office the sentence names, not read). Each
sentence is self-written; the positive ones failed before offices.json listed these forms."""

from __future__ import annotations

import pytest

from misp_module.core.attribution import extract_attributions
from misp_module.core.taxonomy import attribution_tags

from conftest import make_entry


def parties(text: str, language: str) -> list[str]:
    entry = make_entry(text, references=["https://news.example/x"], language=language)
    return sorted(
        t.split('"')[1] for t in attribution_tags(extract_attributions(entry)) if "-party" in t
    )


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

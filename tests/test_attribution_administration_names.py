"""A US administration named by its president in other languages ("l'administration Biden",
"la administración Trump", "die Biden-Regierung"): the attributing party when no state is
named beside it (issue 17, stage "a target, but no party"; dev text fr-lactualite-exchange-denial).
Each sentence is self-written and failed before offices.json named the administration per
language."""

from __future__ import annotations

import pytest

from conftest import attribution_tags_of as tags
from conftest import expected_attribution_tags as expected


@pytest.mark.parametrize(
    "language, text",
    [
        ("fr", "L'administration Biden accuse le gouvernement chinois des cyberattaques."),
        ("es", "La administración Trump acusó al gobierno chino de los ciberataques."),
        ("it", "L'amministrazione Biden ha accusato il governo cinese degli attacchi informatici."),
        ("de", "Die Biden-Regierung beschuldigt China der Cyberangriffe."),
        ("nl", "De regering-Biden beschuldigt de Chinese regering van de cyberaanvallen."),
        ("pl", "Administracja Bidena oskarżyła chiński rząd o cyberataki."),
        ("cs", "Administrativa Joea Bidena obvinila Čínu z kybernetických útoků."),
    ],
)
def test_an_administration_named_by_its_president_is_the_united_states(language, text):
    assert tags(text, language) == expected(["US"], [], ["CN"], ["state"], ["statement"])


@pytest.mark.parametrize(
    "language, text",
    [
        ("fr", "L'administration pénitentiaire accuse le gouvernement chinois des cyberattaques."),
        ("es", "La administración local acusó al gobierno chino de los ciberataques."),
    ],
)
def test_an_administration_without_a_president_names_no_party(language, text):
    assert not any("attributing-party" in t for t in tags(text, language))

"""Public attribution in news of other languages: the error classes found on the benchmark's
dev texts gathered in non-English news (benchmarks/accuracy/attribution, ids without a split
of their own). Each sentence is self-written, in the language's own news style, and failed
before the rule it names."""

from __future__ import annotations

import pytest

from misp_module.core.attribution import extract_attributions
from misp_module.core.taxonomy import attribution_tags

from conftest import make_entry


def tags(text: str, language: str) -> list[str]:
    entry = make_entry(text, references=["https://news.example/x"], language=language)
    return sorted(attribution_tags(extract_attributions(entry)))


def expected(attributing=(), supporting=(), states=(), levels=(), types=()):
    out = []
    for predicate, values in (
        ("attributing-party", attributing),
        ("supporting-party", supporting),
        ("attributed-state", states),
        ("attribution-level", levels),
        ("statement-type", types),
    ):
        out += [f'public-attribution:{predicate}="{v}"' for v in values]
    return sorted(out)


@pytest.mark.parametrize(
    "language, text, want",
    [
        pytest.param(
            "nl",
            "De Britse en Amerikaanse overheden houden de Chinese overheid verantwoordelijk "
            "voor de cyberaanvallen.",
            expected(["GB", "US"], [], ["CN"], ["state"], ["statement"]),
            id="nl-plural-governments-after-a-list-and-holding-responsible",
        ),
        pytest.param(
            "es",
            "Los gobiernos estadounidense y británico acusaron a China de los ciberataques.",
            expected(["GB", "US"], [], ["CN"], ["state"], ["statement"]),
            id="es-plural-governments-with-listed-demonyms",
        ),
        pytest.param(
            "fr",
            "Les gouvernements américain et britannique ont accusé la Chine des cyberattaques.",
            expected(["GB", "US"], [], ["CN"], ["state"], ["statement"]),
            id="fr-plural-governments-with-listed-demonyms",
        ),
        pytest.param(
            "it",
            "I governi americano e britannico hanno accusato la Cina degli attacchi.",
            expected(["GB", "US"], [], ["CN"], ["state"], ["statement"]),
            id="it-plural-governments-with-listed-demonyms",
        ),
        pytest.param(
            "nl",
            "De Nederlandse regering rekent Rusland de cyberaanval op de politie aan.",
            expected(["NL"], [], ["RU"], ["state"], ["statement"]),
            id="nl-aanrekenen-blames",
        ),
    ],
)
def test_governments_in_the_plural_and_their_listed_demonyms(language, text, want):
    assert tags(text, language) == want

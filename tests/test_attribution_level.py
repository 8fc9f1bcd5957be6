"""Public attribution level and statement type: error classes of the benchmark's dev texts
(benchmarks/accuracy/attribution) where the attributed state is found but a labelled level is
not. Each sentence is self-written and failed before the rule it names."""

from __future__ import annotations

import pytest

from conftest import attribution_tags_of as tags
from conftest import expected_attribution_tags as expected


def test_czech_charge_noun_with_members_of_an_agency_is_an_indictment_of_individuals():
    """ "obvinění šesti příslušníků ruské vojenské rozvědky": the noun with persons as its
    object charges them (attribution-genres role charge, cs); "příslušník" is a person noun
    (role person), so the members are `individuals` of the agency's state."""
    text = (
        "Americké ministerstvo spravedlnosti zveřejnilo obvinění šesti příslušníků ruské "
        "vojenské rozvědky GRU z hackerských útoků."
    )
    assert tags(text, "cs") == expected(
        ["US"], [], ["RU"], ["individuals", "state-agency"], ["indictment"]
    )


def test_czech_accusation_noun_against_a_state_is_no_indictment():
    """The same noun with a state, not persons, is an accusation, never a charge."""
    text = "Britská vláda vznesla obvinění proti Rusku, že stojí za kybernetickými útoky."
    assert "indictment" not in " ".join(tags(text, "cs"))


def test_a_government_after_the_attribution_word_is_its_object():
    """ "Estados Unidos culpó al gobierno chino": the phrase "<state> <two words> <government
    noun>" took the subject and the verb for one government, so nothing was attributed; the
    words between a state and its government are no attribution word."""
    text = "Estados Unidos culpó al gobierno chino por el hackeo masivo de Exchange."
    assert tags(text, "es") == expected(["US"], [], ["CN"], ["state"], ["statement"])


def test_those_sanctioned_for_a_link_to_an_agency_are_state_sponsored():
    """ "sancionó a empresas y personas vinculadas a la Guardia Revolucionaria": firms and
    persons sanctioned for their link act for the state through its agency, like "APT31,
    which is linked to the MSS" (`state-sponsored`); only an indictment's defendants keep the
    agency itself."""
    text = (
        "EEUU sancionó a empresas y personas vinculadas a la Guardia Revolucionaria de Irán "
        "por actividades cibernéticas maliciosas."
    )
    assert tags(text, "es") == expected(["US"], [], ["IR"], ["state-sponsored"], ["sanctions"])


@pytest.mark.parametrize(
    "language, text, state",
    [
        pytest.param(
            "en",
            "The Treasury sanctioned companies linked to the IRGC for malicious cyber activities.",
            "IR",
            id="en-companies-linked-to",
        ),
        pytest.param(
            "es",
            "EEUU sancionó a empresas vinculadas a la Guardia Revolucionaria de Irán por "
            "actividades cibernéticas maliciosas.",
            "IR",
            id="es-empresas-vinculadas-a",
        ),
    ],
)
def test_firms_linked_to_an_agency_are_state_sponsored(language, text, state):
    """A firm linked to an agency is a front acting for the state (`state-sponsored`), like
    a group linked to it; it was read as the agency itself."""
    assert tags(text, language) == expected(["US"], [], [state], ["state-sponsored"], ["sanctions"])


def test_spanish_ministry_of_state_security_with_its_demonym_inside_is_the_agency():
    """ "el Ministerio Chino de Seguridad Estatal": the demonym inside the agency's Spanish
    name was read as the bare state (agencies.json)."""
    text = (
        "El gobierno estadounidense señaló que el Ministerio Chino de Seguridad Estatal "
        "contrató a delincuentes informáticos."
    )
    assert tags(text, "es") == expected(["US"], [], ["CN"], ["state-agency"], ["statement"])


@pytest.mark.parametrize(
    "language, text, party, state",
    [
        pytest.param(
            "de",
            "Die britische Regierung will China für die Cyberangriffe zur Rechenschaft ziehen.",
            "GB",
            "CN",
            id="de-zur-rechenschaft-ziehen",
        ),
        pytest.param(
            "nl",
            "Het Verenigd Koninkrijk zal China ter verantwoording roepen voor de cyberaanvallen.",
            "GB",
            "CN",
            id="nl-ter-verantwoording-roepen",
        ),
        pytest.param(
            "pl",
            "Polska pociągnie Rosję do odpowiedzialności za cyberataki.",
            "PL",
            "RU",
            id="pl-pociagnac-do-odpowiedzialnosci",
        ),
        pytest.param(
            "cs",
            "Česko chce pohnat Rusko k odpovědnosti za kybernetické útoky.",
            "CZ",
            "RU",
            id="cs-pohnat-k-odpovednosti",
        ),
    ],
)
def test_held_to_account_in_other_languages_is_the_bare_state(language, text, party, state):
    """ "zur Rechenschaft ziehen", "ter verantwoording roepen", "pociągnąć do
    odpowiedzialności", "pohnat k odpovědnosti": the English "hold ... accountable" in each
    language holds the state itself responsible (attribution-cues, cue, blame, responsible)."""
    assert tags(text, language) == expected([party], [], [state], ["state"], ["statement"])


@pytest.mark.parametrize(
    "language, text",
    [
        pytest.param(
            "fr",
            "«Il va être difficile pour la Chine de prétendre qu'elle n'est pas responsable» de "
            "ces attaques, maintenant que les Etats-Unis ont rendu public un acte d'accusation.",
            id="fr-n-est-pas-responsable",
        ),
        pytest.param(
            "de",
            "Die Bundesregierung erklärte, Russland sei nicht für den Angriff verantwortlich.",
            id="de-nicht-verantwortlich",
        ),
    ],
)
def test_a_negated_responsibility_attributes_nothing(language, text):
    """ "n'est pas responsable", "nicht ... verantwortlich": the accused state was read as
    the speaker and its accuser as the target (attribution-cues, role negation, per
    language, as the English "not responsible")."""
    assert tags(text, language) == []


@pytest.mark.parametrize(
    "text, party, types",
    [
        pytest.param(
            "Les Etats-Unis ont inculpé deux pirates informatiques chinois, accusés d'avoir mené "
            "des cyberattaques contre 12 pays au nom du gouvernement de Pékin.",
            "US",
            ["indictment"],
            id="fr-au-nom-du-gouvernement-de-pekin",
        ),
        pytest.param(
            "La France accuse des pirates d'avoir agi au nom du gouvernement russe.",
            "FR",
            ["statement"],
            id="fr-au-nom-du-gouvernement-russe",
        ),
    ],
)
def test_on_a_governments_behalf_is_state_sponsored_in_french(text, party, types):
    """ "au nom du gouvernement de Pékin": acting on a government's behalf, as "pour le compte
    de" (attribution-cues, sponsorship, fr)."""
    got = tags(text, "fr")
    assert 'public-attribution:attribution-level="state-sponsored"' in got
    assert f'public-attribution:attributing-party="{party}"' in got
    assert [t.partition("=")[2].strip('"') for t in got if "statement-type" in t] == types

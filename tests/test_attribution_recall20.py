"""Recall on unseen text, by class of phrasing (issue 17, round twenty): the dev pairs and
levels `evaluate.py score --stages --errors` lost, grouped by how the sentence says it. Each
class has self-written sentences that failed before its change, and guards that keep its
reach."""

from __future__ import annotations

import pytest

from conftest import attribution_tags_of, expected_attribution_tags
from conftest import levels_of as _levels

# -- an agency under its former name, the noun last ----------------------------------------


@pytest.mark.parametrize(
    "agency",
    [
        "Tehran's Intelligence and National Security Ministry",
        "Iran's Ministry of Intelligence and National Security",
    ],
)
def test_irans_intelligence_ministry_under_its_former_name(agency):
    text = f"The United States imposed sanctions on {agency} over the cyber attack on Albania."
    assert attribution_tags_of(text) == expected_attribution_tags(
        ["US"], [], ["IR"], ["state-agency"], ["sanctions"]
    )


def test_a_national_security_ministry_of_no_named_state_is_no_agency():
    text = "The United States imposed sanctions on the Security Ministry over the cyber attack."
    assert attribution_tags_of(text) == []


# -- actors an agency sponsors, said with a hyphen or "affiliated with" ---------------------


@pytest.mark.parametrize(
    "actor",
    [
        "FSB-sponsored phishing campaigns",
        "IRGC-affiliated cyber actors",
        "GRU-backed hackers",
        "actors affiliated with the IRGC",
    ],
)
def test_actors_an_agency_sponsors_are_state_sponsored(actor):
    text = f"The US Treasury said the intrusions were the work of {actor}."
    assert "state-sponsored" in _levels(attribution_tags_of(text))


@pytest.mark.parametrize(
    "text",
    [
        # a militia is no cyber actor: the agency stays the one held responsible
        "The US sanctioned the IRGC over the cyber attacks, after strikes by IRGC-backed "
        "militia groups.",
        # an agency the military runs is still the agency
        "South Korea said North Korea's military-run espionage agency was to blame for the "
        "cyber attack.",
    ],
)
def test_a_hyphenated_agency_before_no_cyber_actor_stays_the_agency(text):
    assert "state-sponsored" not in _levels(attribution_tags_of(text))


# -- persons sanctioned or charged as linked to the state itself ----------------------------


@pytest.mark.parametrize(
    ("text", "language", "party"),
    [
        (
            "El Gobierno británico anunció sanciones contra una empresa y dos individuos "
            "vinculados a China por dos cibercampañas maliciosas.",
            "es",
            "GB",
        ),
        (
            "Estados Unidos anunció sanciones contra una empresa y dos personas vinculadas al "
            "régimen chino por actividades cibernéticas maliciosas.",
            "es",
            "US",
        ),
        (
            "The United States announced sanctions against a company and two individuals "
            "linked to China over malicious cyber activity.",
            "en",
            "US",
        ),
    ],
)
def test_persons_linked_to_the_state_itself_act_for_it(text, language, party):
    # as "two people linked to the Chinese government": individuals, and sponsored by the state
    assert attribution_tags_of(text, language=language) == expected_attribution_tags(
        [party], [], ["CN"], ["individuals", "state-sponsored"], ["sanctions"]
    )


def test_persons_linked_to_a_thing_of_a_states_nationality_are_only_persons():
    # "tied to Russian hacking": the hacking is Russian, no state is said to stand behind them
    text = "The United States sanctioned 19 individuals tied to Russian hacking operations."
    assert _levels(attribution_tags_of(text)) == {"individuals"}


# -- a state's actors in the genitive of the state itself ----------------------------------


@pytest.mark.parametrize(
    ("text", "language", "party"),
    [
        (
            # "seien ... zuzuordnen", not "könnten ... zugeordnet werden": "könnten" hedges
            "Das Auswärtige Amt teilte mit, die Angriffe auf Abgeordnete seien Cyberakteuren "
            "des russischen Staates zuzuordnen.",
            "de",
            "DE",
        ),
        (
            "Le gouvernement français attribue ces cyberattaques à des acteurs de l'État russe.",
            "fr",
            "FR",
        ),
        (
            "The Dutch government attributed the cyber attacks to actors of the Russian state.",
            "en",
            "NL",
        ),
    ],
)
def test_actors_of_the_state_itself_are_the_state(text, language, party):
    assert attribution_tags_of(text, language=language) == expected_attribution_tags(
        [party], [], ["RU"], ["state"], ["statement"]
    )


def test_actors_of_a_states_firm_are_not_the_state():
    # the genitive names a company of the state's nationality, not the state itself
    text = "The Dutch government attributed the cyber attacks to actors of a Russian company."
    assert "state" not in _levels(attribution_tags_of(text))


def test_persons_linked_to_the_states_government_noun_first_are_persons_too():
    # "sujetos vinculados al Gobierno chino": the government's noun before the demonym
    text = (
        "Estados Unidos anunció sanciones contra sujetos vinculados al Gobierno chino por una "
        "serie de ciberactividades maliciosas."
    )
    assert attribution_tags_of(text, language="es") == expected_attribution_tags(
        ["US"], [], ["CN"], ["individuals", "state-sponsored"], ["sanctions"]
    )

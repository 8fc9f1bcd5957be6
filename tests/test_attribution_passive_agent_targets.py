"""Target phrasings the extractor did not read as the attributed state (issue 17: the dev
pairs lost at "state in a cue sentence, no target phrase" of `evaluate.py score --stages`).
Each class has self-written sentences that failed before its change, and guards that keep
its reach."""

from __future__ import annotations

import pytest

from conftest import attribution_tags_of, expected_attribution_tags


@pytest.mark.parametrize(
    ("text", "party", "state"),
    [
        (
            "Japan's National Police Agency announced on Friday that the cyber attacks on "
            "the exchange were conducted by North Korean hackers.",
            "JP",
            "KP",
        ),
        (
            "The FBI said on Tuesday that the theft of the tokens was carried out by North "
            "Korean cyber attackers.",
            "US",
            "KP",
        ),
        (
            "The Dutch intelligence service said the intrusion into the ministry was "
            "perpetrated by Chinese state-sponsored hackers.",
            "NL",
            "CN",
        ),
    ],
)
def test_a_states_attackers_as_the_agent_of_a_passive_attribution_are_its_sponsored_actors(
    text, party, state
):
    # "conducted by" / "carried out by" is the attribution phrase; its agent, the state's
    # unnamed attackers, is the attributed side: state-sponsored, as "North Korea's Lazarus
    # group" after the same phrase is
    assert attribution_tags_of(text) == expected_attribution_tags(
        [party], [], [state], ["state-sponsored"], ["statement"]
    )


@pytest.mark.parametrize(
    "text",
    [
        # the agent of a passive that is no attribution phrase: who did it, in general
        "The FBI said the networks were breached by Russian hackers last year.",
        # no party speaks: security firms are no state
        "Security firms said the cyberattack was carried out by Russian hackers.",
        # "Russian hackers" in general, not the agent of the phrase
        "The FBI said the attack was carried out by a gang that, like many Russian hackers, "
        "sells access.",
    ],
)
def test_attackers_of_a_nationality_elsewhere_stay_untagged(text):
    assert attribution_tags_of(text) == []


@pytest.mark.parametrize(
    ("language", "text", "party", "state"),
    [
        (
            "fr",
            "Le gouvernement belge dénonce les cyberattaques menées par des pirates chinois "
            "contre ses ministères.",
            "BE",
            "CN",
        ),
        (
            "it",
            "Il governo tedesco condanna gli attacchi informatici condotti da hacker russi "
            "contro i partiti.",
            "DE",
            "RU",
        ),
        (
            "es",
            "El gobierno británico condena los ataques informáticos llevados a cabo por "
            "piratas informáticos chinos.",
            "GB",
            "CN",
        ),
    ],
)
def test_the_attackers_after_the_agents_preposition_in_romance_languages(
    language, text, party, state
):
    # the demonym after the noun: "menées par des pirates chinois", as "conducted by
    # Chinese hackers" in English
    assert attribution_tags_of(text, language=language) == expected_attribution_tags(
        [party], [], [state], ["state-sponsored"], ["statement"]
    )


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # a suspicion before the phrase is no attribution
        (
            "es",
            "El servicio de inteligencia de Estados Unidos sospecha que el ciberataque fue "
            "perpetrado por hackers norcoreanos.",
        ),
        ("en", "US intelligence suspects that the cyberattack was carried out by Russian hackers."),
        # "contre": the attackers are the ones attacked, no agent
        (
            "fr",
            "Le gouvernement belge dénonce les cyberattaques menées contre des pirates chinois.",
        ),
    ],
)
def test_a_suspected_or_attacked_set_of_attackers_stays_untagged(language, text):
    assert attribution_tags_of(text, language=language) == []


@pytest.mark.parametrize(
    ("text", "party"),
    [
        (
            "South Korea was hit again. The Cyber Security Bureau of the National Police Agency "
            "announced on January 25 that the attacks were conducted by North Korea.",
            "KR",
        ),
        (
            "The Cyber Division of the Federal Bureau of Investigation announced that the "
            "attacks were conducted by North Korea.",
            "US",
        ),
    ],
)
def test_an_office_speaks_through_its_named_unit(text, party):
    # "the <Unit> of the <office>": the office after "of" is whose unit speaks, no place
    assert attribution_tags_of(text) == expected_attribution_tags(
        [party], [], ["KP"], ["state"], ["statement"]
    )


def test_an_office_whose_unit_was_hit_speaks_for_nobody():
    text = "Hackers breached the Cyber Division of the Federal Bureau of Investigation, officials said."
    assert attribution_tags_of(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The Office of the Director of National Intelligence said Chinese state-backed cyber "
        "actors hacked the networks.",
        "As highlighted in the most recent Office of the Director of National Intelligence "
        "Annual Threat Assessment, Chinese state-backed cyber actors continue to present some "
        "of the greatest threats.",
    ],
)
def test_the_director_of_national_intelligence_speaks_for_the_united_states(text):
    # offices.json: the ODNI, whose threat assessment news cite as the source
    assert attribution_tags_of(text) == expected_attribution_tags(
        ["US"], [], ["CN"], ["state-sponsored"], ["statement"]
    )

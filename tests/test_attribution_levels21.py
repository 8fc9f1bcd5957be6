"""Attribution levels by class of phrasing (issue 17, round twenty-two): the dev levels
`evaluate.py score --errors --split dev` missed or got wrong, grouped by how the sentence says
it. Each class has self-written sentences that failed before its change, and guards that keep
its reach."""

from __future__ import annotations

import pytest

from conftest import attribution_tags_of, expected_attribution_tags, levels_of

# -- China's Ministry of State Security written "de la Sécurité de l'État" -----------------


@pytest.mark.parametrize(
    "agency",
    [
        "le ministère chinois de la Sécurité de l'État",
        "le ministère chinois de la Sécurité de l’État",
        "le ministère de la Sécurité de l'État chinois",
        # the spelling that already held
        "le ministère chinois de la Sécurité d'État",
    ],
)
def test_french_state_security_ministry_with_the_article(agency):
    text = (
        f"Le Canada affirme que {agency} était responsable de la cyberattaque contre ses serveurs."
    )
    assert attribution_tags_of(text, "fr") == expected_attribution_tags(
        ["CA"], [], ["CN"], ["state-agency"], ["statement"]
    )


# -- English puts no demonym after an agency's noun ----------------------------------------


@pytest.mark.parametrize(
    "speaker",
    [
        "Dutch intelligence agencies said",
        "British intelligence services believe",
        "The Canadian military said",
    ],
)
def test_the_speakers_agency_is_no_agency_of_the_state_after_it(speaker):
    text = f"{speaker} Chinese state-backed hackers were behind the cyber attack on a network."
    assert "state-agency" not in levels_of(attribution_tags_of(text))


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # the languages that put the demonym after the noun keep it
        (
            "Gli Stati Uniti hanno incriminato tre programmatori che lavorano per l'esercito "
            "nordcoreano per una serie di cyberattacchi.",
            "it",
        ),
        ("Le Canada affirme que le renseignement militaire russe a mené la cyberattaque.", "fr"),
        ("The United States said Russian military intelligence was behind the cyber attack.", "en"),
    ],
)
def test_an_agency_with_its_demonym_stays_the_agency(text, language):
    assert "state-agency" in levels_of(attribution_tags_of(text, language))


# -- an unspaced dash before the demonym parts two words, not a name -----------------------


@pytest.mark.parametrize("dash", ["\u2014", "\u2013", " \u2014 "])
def test_a_group_after_a_dash_keeps_its_sponsoring_state(dash):
    text = (
        f"According to the FBI, Chen is a member of Hafnium{dash}a Chinese state-linked "
        "hacker group that orchestrated a cyber campaign."
    )
    assert attribution_tags_of(text) == expected_attribution_tags(
        ["US"], [], ["CN"], ["state-sponsored"], ["statement"]
    )


def test_a_persons_name_before_a_state_name_stays_a_name():
    # the guard the dash rule must keep: a given name before a state's name is a person
    text = "The FBI said Jim Jordan was briefed on the cyber attack."
    assert attribution_tags_of(text) == []


# -- an agency, a space, then a participle of sponsoring before a cyber actor ---------------


@pytest.mark.parametrize(
    "actors",
    [
        "IRGC affiliated hostile cyber actors",
        "FSB sponsored hackers",
        "IRGC-affiliated cyber actors",
    ],
)
def test_actors_an_agency_sponsors_unhyphenated(actors):
    text = f"The US Treasury sanctioned a group of {actors} over the intrusions."
    levels = levels_of(attribution_tags_of(text))
    assert "state-sponsored" in levels
    assert "state-agency" not in levels


def test_an_agency_leading_the_attacks_itself_is_no_sponsor():
    text = "The United States said the GRU was behind the cyber attacks on the elections."
    assert "state-sponsored" not in levels_of(attribution_tags_of(text))


# -- "the suspects", the persons' noun, is no hedge -----------------------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "The Justice Department charged three North Korean programmers with destructive "
            "hacks. Prosecutors say the three suspects are members of North Korea's military "
            "intelligence agency.",
            "en",
        ),
        (
            "El Departamento de Justicia de EE.UU. acusó a tres programadores norcoreanos de "
            "hackeos destructivos. Los fiscales aseguran que los tres sospechosos son miembros "
            "de una agencia de inteligencia militar norcoreana.",
            "es",
        ),
    ],
)
def test_the_suspects_belong_to_the_agency(text, language):
    assert levels_of(attribution_tags_of(text, language)) == {"individuals", "state-agency"}


@pytest.mark.parametrize(
    "text",
    [
        "Officials suspect Russia was behind the cyber attack on the grid.",
        "The UK said Russia is suspected of being behind the cyber attack.",
    ],
)
def test_a_suspicion_still_hedges(text):
    assert attribution_tags_of(text) == []

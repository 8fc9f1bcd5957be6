"""Recall on unseen text, by class of phrasing (issue 17, round nineteen): the dev pairs and
levels `evaluate.py score --stages --errors` lost, grouped by how the sentence says it. Each
class has self-written sentences that failed before its change, and guards that keep its
reach."""

from __future__ import annotations

import pytest

from conftest import attribution_tags_of, expected_attribution_tags
from conftest import levels_of as _levels

# -- a group an agency controls, said in a relative clause or after an alias -----------------


@pytest.mark.parametrize(
    "text",
    [
        "The Dutch government attributed the intrusion to the Sandworm group, which is run by "
        "the GRU.",
        "The Dutch government attributed the intrusion to the Sandworm group, which is steered "
        "by the Russian military intelligence service.",
        "The Dutch government attributed the intrusion to APT99, also known as Cold River and "
        "controlled by Russia's GRU.",
    ],
)
def test_a_group_an_agency_controls_after_a_comma_is_state_sponsored(text):
    # "-controlled marks sponsorship": the group is held responsible, acting for the state
    # through the agency, as "a cyber group controlled by the GRU" already was
    assert attribution_tags_of(text) == expected_attribution_tags(
        ["NL"], [], ["RU"], ["state-sponsored"], ["statement"]
    )


def test_an_agency_that_controls_no_group_stays_the_agency():
    text = (
        "The Dutch government attributed the intrusion to a network of servers, which is run by "
        "the GRU."
    )
    assert _levels(attribution_tags_of(text)) == {"state-agency"}


# -- a government speaking through an act in a headline ("U.S. imposes sanctions on") ---------


@pytest.mark.parametrize(
    ("text", "party"),
    [
        ("U.S. imposes sanctions on two officers of Russia's GRU over cyber attacks", "US"),
        ("UK slaps sanctions on two officers of Russia's GRU over cyber attacks", "GB"),
        ("Australia levies sanctions on two officers of Russia's GRU over cyber attacks", "AU"),
    ],
)
def test_a_state_before_a_verb_of_sanctioning_speaks(text, party):
    # "imposes" ends as a plural noun does ("US officials"): it is a verb here, and the state
    # before it the one that sanctions, not a modifier of a noun
    tags = attribution_tags_of(text)
    assert f'public-attribution:attributing-party="{party}"' in tags
    assert 'public-attribution:attributed-state="RU"' in tags


def test_a_state_before_a_noun_in_s_stays_a_modifier():
    # "US officials" is no verb: the officials speak, not the US as a state of its own
    text = "Russian hackers attacked US offices, security firms said."
    assert attribution_tags_of(text) == []


# -- "affiliates of" an agency act for it ----------------------------------------------------


def test_affiliates_of_an_agency_are_state_sponsored():
    text = (
        "The United States imposed sanctions on affiliates of Iran's IRGC over a campaign of "
        "cyber attacks on water utilities."
    )
    assert _levels(attribution_tags_of(text)) == {"state-sponsored"}


def test_the_agency_itself_sanctioned_stays_the_agency():
    text = (
        "The United States imposed sanctions on Iran's IRGC over a campaign of cyber attacks "
        "on water utilities."
    )
    assert _levels(attribution_tags_of(text)) == {"state-agency"}


# -- counted persons a sanction or charge is against ------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "levels"),
    [
        (
            "El Gobierno británico sancionó el lunes a tres personas y una empresa vinculadas "
            "al grupo APT99, respaldado por el Estado chino.",
            "es",
            {"individuals", "state-sponsored"},
        ),
        (
            "The Treasury Department sanctioned two firms and five individuals tied to Iran's "
            "IRGC over cyber attacks on water utilities.",
            "en",
            {"individuals", "state-agency"},
        ),
        (
            "Seven hackers and a company that the UK says are tied to Russia's GRU have been "
            "sanctioned over cyber attacks.",
            "en",
            {"individuals", "state-agency"},
        ),
    ],
)
def test_counted_persons_a_sanction_is_against_are_individuals(text, language, levels):
    # the persons the act is against, after its word or as the subject of its passive, are
    # individuals of the one state the sentence attributes to
    assert _levels(attribution_tags_of(text, language)) == levels


@pytest.mark.parametrize(
    "text",
    [
        # persons counted before an active act: who speaks of it, not whom it is against
        "Two British officers said the UK had sanctioned Russia's GRU over the cyber attacks.",
        # "two men": who they are is not said (a facilitator of another state's scheme)
        "The Justice Department charged two men over a hacking campaign by North Korea.",
        # a count of victims, no persons charged
        "El Reino Unido sancionó al GRU ruso por ciberataques que afectaron a 40 millones de "
        "ciudadanos.",
    ],
)
def test_persons_counted_elsewhere_stay_no_individuals(text):
    language = "es" if "sancionó" in text else "en"
    assert "individuals" not in _levels(attribution_tags_of(text, language))


# -- counted persons of an agency, or working for it, as the object of an attribution word ----


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "El Departamento de Justicia ha acusado a cuatro oficiales de inteligencia militar "
            "rusos de los ciberataques contra el organismo.",
            "es",
        ),
        (
            "Il dipartimento di Giustizia degli Stati Uniti ha accusato due programmatori di "
            "computer che lavorano per l'esercito nordcoreano degli attacchi contro le banche.",
            "it",
        ),
        (
            "The UK accused two officers of the GRU of the cyber attack on the chemical weapons "
            "watchdog.",
            "en",
        ),
    ],
)
def test_counted_persons_of_an_agency_accused_are_individuals_and_the_agency(text, language):
    # the persons are individuals, the agency they serve stays the agency
    assert _levels(attribution_tags_of(text, language)) == {"individuals", "state-agency"}


def test_officials_within_an_agency_sanctioned_are_individuals():
    text = (
        "Several senior officials within the IRGC Cyber-Electronic Command were sanctioned by "
        "the Treasury Department over attacks on water utilities."
    )
    assert "individuals" in _levels(attribution_tags_of(text))


def test_counted_persons_of_an_agency_outside_the_accusation_stay_no_individuals():
    text = (
        "Two officers of the GRU were seen near the watchdog in April, and the Dutch government "
        "accused Russia of the cyber attack."
    )
    assert "individuals" not in _levels(attribution_tags_of(text))


# -- an office named in other words: South Korea's National Intelligence Service --------------


def test_the_national_intelligence_service_speaks_for_south_korea():
    text = (
        "The National Intelligence Service revealed on Monday that the hackers behind the "
        "intrusion into government networks are believed to be the North Korean group known "
        "as Kimsuky."
    )
    assert attribution_tags_of(text) == expected_attribution_tags(
        ["KR"], [], ["KP"], ["state-sponsored"], ["statement"]
    )


def test_a_national_intelligence_service_of_a_state_the_text_names_is_that_states():
    # Greece's service has the same English name: the text that names Greece most means it
    text = (
        "The National Intelligence Service said the hackers behind the intrusion into Greek "
        "ministries are believed to be the North Korean group known as Kimsuky, a Greek "
        "official in Athens told reporters in Greece."
    )
    assert 'public-attribution:attributing-party="KR"' not in attribution_tags_of(text)


# -- a state named by its official name's head: "the Islamic Republic" ------------------------


def test_the_islamic_republic_is_iran():
    text = (
        "Albania cut its diplomatic ties with Iran after a cyber attack on its public services "
        "that it blamed on the Islamic Republic."
    )
    assert attribution_tags_of(text) == expected_attribution_tags(
        ["AL"], [], ["IR"], ["state"], ["statement"]
    )


def test_another_islamic_republic_keeps_its_own_name():
    text = "The Islamic Republic of Pakistan blamed India for the cyber attack on its ministry."
    tags = attribution_tags_of(text)
    assert 'public-attribution:attributed-state="IR"' not in tags
    assert 'public-attribution:attributing-party="PK"' in tags


# -- a state-sponsored actor "from" a state (English) -----------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The Dutch intelligence agencies said the intrusion was conducted by a state-sponsored "
        "actor from China.",
        "The Dutch intelligence agencies assess that the intrusion was carried out by "
        "government-backed hackers based in China.",
    ],
)
def test_a_state_sponsored_actor_from_a_state_is_sponsored_by_it(text):
    assert attribution_tags_of(text) == expected_attribution_tags(
        ["NL"], [], ["CN"], ["state-sponsored"], ["statement"]
    )


def test_state_backed_acts_in_a_state_are_no_actor_of_it():
    # "in" is where the acts were, and no actor's noun comes before it
    text = (
        "The Dutch intelligence agencies said state-backed attacks in Ukraine were carried out "
        "by Russia."
    )
    assert 'public-attribution:attributed-state="UA"' not in attribution_tags_of(text)


# -- named groups "linked to" a government -----------------------------------------------------


def test_named_groups_linked_to_a_government_are_state_sponsored():
    text = (
        "Danish authorities assert that both Z-Pentest and NoName057(16) are linked to the "
        "Russian government."
    )
    assert attribution_tags_of(text) == expected_attribution_tags(
        ["DK"], [], ["RU"], ["state-sponsored"], ["statement"]
    )


def test_a_pronoun_linked_to_a_government_is_no_group_name():
    text = "They are linked to the Russian government, the Danish government said of the attacks."
    assert "state-sponsored" not in _levels(attribution_tags_of(text))


# -- a state's office as the object of an accusation -----------------------------------------


def test_an_office_accused_of_cyber_attacks_is_the_agency_held_responsible():
    text = (
        "Chinese police in Harbin have accused the United States National Security Agency "
        "(NSA) of launching cyberattacks on energy companies."
    )
    assert attribution_tags_of(text) == expected_attribution_tags(
        ["CN"], [], ["US"], ["state-agency"], ["statement"]
    )


@pytest.mark.parametrize(
    "text",
    [
        # the office that accuses speaks
        "The National Security Agency accused Russia's GRU of launching cyber attacks on "
        "the elections.",
        # an accusation of no cyber act
        "Chinese officials accused the National Security Agency of hypocrisy over its advisory.",
    ],
)
def test_an_office_that_speaks_or_is_accused_of_no_cyber_act_is_no_target(text):
    assert 'public-attribution:attributed-state="US"' not in attribution_tags_of(text)


# -- a state as the subject of an act verb, in the other languages ----------------------------


@pytest.mark.parametrize(
    ("text", "language", "party"),
    [
        (
            "Volgens de Nederlandse regering heeft Rusland vorig jaar geprobeerd de "
            "computersystemen van het ministerie te hacken.",
            "nl",
            "NL",
        ),
        (
            "Das Auswärtige Amt teilte mit, Russland habe die Server der Partei mit "
            "Cyberangriffen angegriffen.",
            "de",
            "DE",
        ),
    ],
)
def test_a_state_as_the_subject_of_an_act_verb_is_held_responsible(text, language, party):
    assert attribution_tags_of(text, language) == expected_attribution_tags(
        [party], [], ["RU"], ["state"], ["statement"]
    )


def test_a_state_acting_with_no_cyber_word_is_no_target():
    # the text speaks of cyber defence elsewhere; this sentence names no cyber act
    text = (
        "Das Auswärtige Amt teilte mit, Russland habe im Februar die Stromversorgung angegriffen. "
        "Die Cyberabwehr des Bundes beobachtet die Lage."
    )
    assert 'public-attribution:attribution-level="state"' not in attribution_tags_of(text, "de")

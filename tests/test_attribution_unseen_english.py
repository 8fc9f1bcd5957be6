"""Classes of error found on new unseen English texts (issue 17, round sixteen: the en16-* dev
texts, 2023-2026 statements, advisories and the news reporting them). Each class has
self-written sentences; the first of each failed before its change."""

from __future__ import annotations

import pytest

from conftest import attribution_tags_of, expected_attribution_tags

DE_RU = expected_attribution_tags(["DE"], [], ["RU"], ["state"], ["statement"])


@pytest.mark.parametrize(
    "text",
    [
        "The UK Ministry of Defence was hacked, according to reports. MPs will be told of the "
        "breach on Tuesday. The government will not name the country involved, but sources "
        "suggest that it was carried out by China, a broadcaster reports.",
        "The payroll system of the UK Ministry of Defence was breached. MPs will be told on "
        "Tuesday. The government declined to name the state involved, but sources said the "
        "attack was carried out by China.",
    ],
)
def test_a_government_that_will_not_name_the_culprit_attributes_nothing(text):
    # what the government's sources suggest is no public attribution by the government
    assert attribution_tags_of(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # a sanction only backed or planned types nothing, nor what the party says after it
        "Germany said it would support new EU sanctions against those behind hybrid attacks. "
        "Germany has accused Russia of the cyberattack on its air traffic control.",
        "Germany accused Russia of the cyberattack. Germany's intelligence services have solid "
        "proof of Russia's involvement, and they plan to take countermeasures, including new EU "
        "sanctions, to make Russia pay.",
    ],
)
def test_sanctions_only_backed_or_planned_are_none_taken(text):
    assert attribution_tags_of(text) == DE_RU


def test_a_state_agency_that_has_proof_speaks():
    # the agency of the state that speaks is neither the target nor the EU's sanctions a party
    text = (
        "Germany accused Russia of the cyberattack. Germany's intelligence services have solid "
        "proof of Russia's involvement, and they plan to take countermeasures, including new EU "
        "sanctions, to make Russia pay."
    )
    assert attribution_tags_of(text) == DE_RU


@pytest.mark.parametrize(
    "text",
    [
        "The UK and its allies exposed Russian cyber attacks on logistics firms aiding Ukraine.",
        "Britain blamed Russia for cyber attacks on companies supporting Ukraine.",
    ],
)
def test_a_state_a_verb_of_helping_takes_is_no_target(text):
    assert attribution_tags_of(text) == expected_attribution_tags(
        ["GB"], [], ["RU"], ["state"], ["statement"]
    )


@pytest.mark.parametrize(
    "text, want",
    [
        (
            "A Chinese hacker was arrested in Italy at US request, the Justice Department said.\n"
            "China opposes the extradition of Chinese citizens through a third country, Mao said, "
            'accusing the US of "abusing long-arm jurisdiction".',
            [],
        ),
        (
            "The Justice Department charged two hackers of China's Ministry of State Security. "
            "China firmly opposes the charges, a spokesman said, accusing the United States of "
            "cyberattacks on Chinese universities.",
            expected_attribution_tags(
                ["US"], [], ["CN"], ["individuals", "state-agency"], ["indictment"]
            ),
        ),
    ],
)
def test_the_accused_state_opposing_the_case_accuses_nobody(text, want):
    # its spokesperson opposing the case and accusing the accuser back is a denial
    assert attribution_tags_of(text) == want


@pytest.mark.parametrize(
    "text, want",
    [
        # English news names Germany's Auswärtiges Amt "the Foreign Office" too
        (
            "Germany on Friday summoned Russia's ambassador after accusing Moscow of carrying out "
            "a cyberattack on its air traffic control authority, the Foreign Office said.",
            DE_RU,
        ),
        # naming none of its states, it is still the UK's (offices.json, when-none-named)
        (
            "The Foreign Office said the GRU was behind the cyberattack.",
            expected_attribution_tags(["GB"], [], ["RU"], ["state-agency"], ["statement"]),
        ),
    ],
)
def test_the_foreign_office_of_a_german_story_is_germany_s(text, want):
    assert attribution_tags_of(text) == want


def test_when_none_named_is_read_from_the_rules():
    from misp_module.core.lexicon import lexicon

    usual = {p.pattern: keep for p, _, keep in lexicon().SHARED_OFFICES}
    assert usual["Foreign Office"] is True
    assert usual["National Police Agency"] is False


@pytest.mark.parametrize(
    "text, parties",
    [
        (
            "The UK and allies have exposed a campaign of malicious cyber activity by Russia "
            "against logistics firms. The UK, along with the US, Germany and France, has signed "
            "and published an advisory on the campaign.",
            ["DE", "FR", "GB", "US"],
        ),
        (
            "Britain and partners blamed Russia for the cyber campaign against logistics firms. "
            "Britain, along with Canada and Poland, published a joint advisory on the campaign.",
            ["CA", "GB", "PL"],
        ),
        # no list of co-authors: the allies stay unnamed
        (
            "The UK and allies have exposed a campaign of malicious cyber activity by Russia "
            "against logistics firms, and published an advisory on it.",
            ["GB"],
        ),
    ],
)
def test_allies_without_a_possessive_are_the_coauthors_the_next_sentence_lists(text, parties):
    # "X and allies" (news drops "its"); the states a co-author list opens with are authors
    assert attribution_tags_of(text) == expected_attribution_tags(
        parties, [], ["RU"], ["state"], ["advisory"]
    )


KR_KP = expected_attribution_tags(["KR"], [], ["KP"], ["state-sponsored"], ["statement"])


@pytest.mark.parametrize(
    "text, want",
    [
        # a group of a state's nationality held responsible acts for it, in English too
        (
            "The UK government attributed the attack to the Chinese group APT15.",
            expected_attribution_tags(["GB"], [], ["CN"], ["state-sponsored"], ["statement"]),
        ),
        (
            "South Korean police said a North Korean hacking group was responsible for the "
            "attack on the drill.",
            KR_KP,
        ),
        (
            "The Japanese National Police Agency said that the theft was committed by the North "
            "Korean-based cyber attack group TraderTraitor.",
            expected_attribution_tags(["JP"], [], ["KP"], ["state-sponsored"], ["statement"]),
        ),
    ],
)
def test_an_english_group_of_a_state_s_nationality_held_responsible(text, want):
    assert attribution_tags_of(text) == want


@pytest.mark.parametrize(
    "text",
    [
        # the states "between" names take part in something; they do not speak
        "According to South Korean authorities, suspected North Korean hackers tried an attack "
        'on a joint military drill between Seoul and Washington. "Police investigation confirms '
        'that North Korean hacking group was responsible for the attack," it said in a '
        "statement.",
        # the agency an investigation was carried out by is neither target nor party
        "South Korea blamed a North Korean hacking group for the attack, after a combined "
        "investigation by authorities and the US military found the same IP address.",
    ],
)
def test_participants_and_investigators_are_no_parties(text):
    assert attribution_tags_of(text) == KR_KP


US_KP_GROUP = expected_attribution_tags(["US"], [], ["KP"], ["state-sponsored"], ["statement"])


@pytest.mark.parametrize(
    "text",
    [
        # the known left item of round fifteen: a state's named group after "carried out by"
        "In Washington, the State Department said the attack was carried out by North Korea's "
        "Lazarus group.",
        "The State Department said the attack was carried out by the North Korean Lazarus group.",
    ],
)
def test_a_state_s_named_group_as_the_agent(text):
    assert attribution_tags_of(text) == US_KP_GROUP


@pytest.mark.parametrize(
    "text, parties",
    [
        (
            "In a joint statement released on Wednesday, eleven Western countries accused the GRU "
            "of a cyber-espionage campaign. The United States, the United Kingdom, Germany and "
            "France have all signed onto the statement.",
            ["DE", "FR", "GB", "US"],
        ),
        (
            "The GRU was behind the cyber-espionage campaign, the joint statement said. The "
            "United States, the United Kingdom and France are signatories to the statement.",
            ["FR", "GB", "US"],
        ),
    ],
)
def test_the_signatories_a_joint_statement_lists_after_its_attribution(text, parties):
    # the states listed before "have signed onto" / "are signatories to" are its co-authors
    assert attribution_tags_of(text) == expected_attribution_tags(
        parties, [], ["RU"], ["state-agency"], ["joint-statement"]
    )


def test_an_office_after_according_to_speaks():
    # "according to" names who says so: its "to" makes no place of the office
    text = (
        "According to the Justice Department, the hacker was part of a group working for "
        "China's Ministry of State Security."
    )
    assert attribution_tags_of(text) == expected_attribution_tags(
        ["US"], [], ["CN"], ["state-sponsored"], ["statement"]
    )


def test_co_authors_an_advisory_includes_with_no_colon():
    text = (
        'Security agencies have issued an urgent alert about Salt Typhoon. "Chinese '
        'state-sponsored cyber threat actors are targeting networks globally," the advisory '
        "notes. Other co-authors of the advisory include the UK's National Cyber Security "
        "Centre and Germany's Federal Intelligence Service."
    )
    assert attribution_tags_of(text) == expected_attribution_tags(
        ["DE", "GB"], [], ["CN"], ["state-sponsored"], ["advisory"]
    )


def test_a_korean_provincial_police_agency_speaks_for_south_korea():
    text = (
        '"Police investigation confirms that a North Korean hacking group was responsible for '
        'the attack," the Gyeonggi Nambu Provincial Police Agency said in a statement.'
    )
    assert attribution_tags_of(text) == KR_KP


def test_a_state_before_a_contrasting_clause_that_charges_does_not_charge():
    text = (
        "The Netherlands expelled four alleged agents, while the United States charged seven "
        "Russian agents with hacking the anti-doping agency."
    )
    assert attribution_tags_of(text) == expected_attribution_tags(
        ["US"], [], ["RU"], ["individuals"], ["indictment"]
    )


@pytest.mark.parametrize(
    "text, want",
    [
        # a Nordic capital speaks for its state; a state after a compass word is a region
        (
            "The admission, by the Norwegian Police Security Service (PST), marks the first time "
            "that Oslo has formally attributed the cyber-attack in April on Bremanger, western "
            "Norway, to Moscow.",
            expected_attribution_tags(["NO"], [], ["RU"], ["state"], ["statement"]),
        ),
        (
            "Seoul blamed North Korea for the cyberattack on its nuclear operator.",
            expected_attribution_tags(["KR"], [], ["KP"], ["state"], ["statement"]),
        ),
        (
            "Copenhagen accused Russia of the cyberattack on a water utility in southern Denmark.",
            expected_attribution_tags(["DK"], [], ["RU"], ["state"], ["statement"]),
        ),
    ],
)
def test_capitals_that_speak_and_regions_that_are_places(text, want):
    assert attribution_tags_of(text) == want


def test_an_abbreviated_month_ends_no_sentence():
    # "on Dec. 7": the subject before it and the accusation after it are one sentence
    text = (
        "The British government on Dec. 7 accused the FSB of a lengthy campaign of cyber attacks."
    )
    assert attribution_tags_of(text) == expected_attribution_tags(
        ["GB"], [], ["RU"], ["state-agency"], ["statement"]
    )


@pytest.mark.parametrize(
    "text, want",
    [
        (
            "South Korea's spy agency said the hackers behind the attempts to access government "
            "networks are believed to be the North Korean group known as Kimsuky.",
            KR_KP,
        ),
        (
            "The FBI said the hackers behind the theft were the North Korean group Lazarus.",
            US_KP_GROUP,
        ),
    ],
)
def test_the_group_the_hackers_behind_an_attack_are_said_to_be(text, want):
    assert attribution_tags_of(text) == want


@pytest.mark.parametrize(
    "text",
    [
        "The Justice Department announced criminal charges in connection with a cyber scheme by "
        "North Korea to fund its weapons program.",
        "The Justice Department charged two men over a hacking campaign by North Korea to fund "
        "its weapons program.",
    ],
)
def test_the_agent_of_the_act_a_charge_is_over(text):
    assert attribution_tags_of(text) == expected_attribution_tags(
        ["US"], [], ["KP"], ["state"], ["indictment"]
    )


@pytest.mark.parametrize(
    "text",
    [
        # an accusation still to come is none made
        "The British government is set to accuse China of launching a malign attack on the "
        "Electoral Commission.",
        # "pro-Russia": who sides with the state, not the state
        "The US said a pro-Russia hacking group was responsible for attacks on water utilities.",
        # hacktivists of a nationality, with no tie to their state, are no state's
        "US Sanctions Russian Hackers Over Infrastructure Attacks. The US Treasury sanctioned two "
        "members of a pro-Russia hacktivist group over critical infrastructure attacks.",
    ],
)
def test_prospective_accusations_sympathisers_and_hacktivists_attribute_nothing(text):
    assert attribution_tags_of(text) == []


def test_persons_linked_to_a_demonym_s_state_and_sanctioned_as_a_government_says():
    # "linked to the Chinese state" ties them to the state; "have been sanctioned ..., the UK
    # government said" is a government announcing its act, no profile recalling one
    text = (
        "Two individuals and a company linked to the Chinese state have been sanctioned over "
        "attacks on the Electoral Commission, the UK government said."
    )
    assert attribution_tags_of(text) == expected_attribution_tags(
        ["GB"], [], ["CN"], ["individuals", "state-sponsored"], ["sanctions"]
    )


def test_people_linked_to_a_government_and_sanctioned():
    text = (
        "The US and British governments on Monday announced sanctions against a company and two "
        "people linked to the Chinese government over a string of malicious cyberactivity."
    )
    assert attribution_tags_of(text) == expected_attribution_tags(
        ["GB", "US"], [], ["CN"], ["individuals", "state-sponsored"], ["sanctions"]
    )


def test_an_officer_named_by_title_alone_points_back_to_the_one_named_with_a_state():
    text = (
        "UK Deputy Prime Minister Oliver Dowden. Photo / Getty\n\nChinese state-backed hackers "
        "targeted the United Kingdom's Electoral Commission and accessed 40 million people's "
        "names and addresses, the Deputy Prime Minister has said."
    )
    assert attribution_tags_of(text) == expected_attribution_tags(
        ["GB"], [], ["CN"], ["state-sponsored"], ["statement"]
    )


def test_an_agency_listed_as_a_partner_after_collaborated_with_is_no_target():
    text = (
        "The investigation relied on an international information exchange, the National Bureau "
        "of Investigation collaborated with international entities and the Finnish Security and "
        "Intelligence Service\nThis week, the US government announced sanctions against a pair of "
        "Chinese hackers, alleged members of the China-linked APT31 group."
    )
    assert attribution_tags_of(text) == expected_attribution_tags(
        ["US"], [], ["CN"], ["individuals", "state-sponsored"], ["sanctions"]
    )


def test_an_agency_right_after_collaborating_with_is_the_one_acted_for():
    text = (
        "The US accuses Stigal of collaborating with Russian military intelligence to "
        "disseminate a malware."
    )
    assert 'public-attribution:attribution-level="state-agency"' in attribution_tags_of(text)

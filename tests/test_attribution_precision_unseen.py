"""Wrong tags found on texts of kinds the rules were not tuned on (issue 17, round twelve,
"precision on unseen texts": the en12p-* dev texts). Each class has self-written sentences;
the first of each failed before its change."""

from __future__ import annotations

import pytest

from conftest import attribution_tags_of, expected_attribution_tags

US_HOLDS = (
    "Chinese Foreign Ministry spokesperson Wang Wenbin said most attacks on China come from the "
    "U.S. He spoke after a meeting during which the U.S. side said that its network was hacked "
    "and the U.S. will hold the hackers accountable."
)


@pytest.mark.parametrize(
    "text, want",
    [
        # the state before an active "hold ... accountable" holds someone to account: no target
        (US_HOLDS, []),
        (
            "The State Department said that the U.S. will hold the hackers accountable for the "
            "cyberattack, which it attributed to Russia.",
            expected_attribution_tags(["US"], [], ["RU"], ["state"], ["statement"]),
        ),
        (
            "Britain held Russia responsible for the NotPetya cyberattack.",
            expected_attribution_tags(["GB"], [], ["RU"], ["state"], ["statement"]),
        ),
        (
            "Russia was held responsible for the NotPetya cyberattack, the British government "
            "said.",
            expected_attribution_tags(["GB"], [], ["RU"], ["state"], ["statement"]),
        ),
    ],
)
def test_who_holds_to_account_is_not_held(text, want):
    assert attribution_tags_of(text) == want


US_IR = expected_attribution_tags(["US"], [], ["IR"], ["state"], ["statement"])


@pytest.mark.parametrize(
    "text, want",
    [
        # the victim named after its relation ("NATO ally Albania") is no target
        (
            "The United States said that it strongly condemned the cyberattack on NATO ally "
            "Albania, and that it had concluded that Iran was behind the attack.",
            US_IR,
        ),
        # one NATO ally or member is a state, NATO does not speak
        (
            "\"The United States strongly condemns Iran's cyberattack against our NATO Ally, "
            'Albania," a spokeswoman said.',
            US_IR,
        ),
        (
            "Ukraine accused Russia of the cyberattack on its neighbour Moldova.",
            expected_attribution_tags(["UA"], [], ["RU"], ["state"], ["statement"]),
        ),
        # unchanged: a victim after a plain "on"
        (
            "The White House condemned the cyberattack on Albania and said Iran was behind it.",
            US_IR,
        ),
    ],
)
def test_a_victim_named_as_an_ally_or_neighbour(text, want):
    assert attribution_tags_of(text) == want


@pytest.mark.parametrize(
    "text, want",
    [
        # a plural demonym ("Saudis", no state token) inside the list an attack verb governs
        ("Iran-sponsored hackers have targeted Israel, Saudis, Turkey since 2014", []),
        ("Iran-sponsored hackers have targeted Israel, the Saudis and Turkey since 2014", []),
        # unchanged: the state that speaks after the list
        (
            "Iran-sponsored hackers have targeted Israelis, Saudis and Turks since 2014, Turkey "
            "said.",
            expected_attribution_tags(["TR"], [], ["IR"], ["state-sponsored"], ["statement"]),
        ),
    ],
)
def test_states_down_a_list_of_victims(text, want):
    assert attribution_tags_of(text) == want


@pytest.mark.parametrize(
    "agency",
    ["National Intelligence Service(NIS)", "National Intelligence Service (NIS)"],
)
def test_an_agency_with_its_acronym_in_brackets_speaks(agency):
    # "South Korea's National Intelligence Service(NIS) reported ...": the agency reports, it is
    # not held responsible, and the state the act is put on does not attribute it
    tags = attribution_tags_of(
        f"South Korea's {agency} reported to parliament on Friday that the institute was "
        "exposed to a cyberattack, likely perpetrated by North Korea, for 12 days."
    )
    assert 'public-attribution:attributing-party="KP"' not in tags
    assert 'public-attribution:attributed-state="KR"' not in tags


@pytest.mark.parametrize(
    "text, want",
    [
        # the state stood with is the victim or the one supported: neither party nor supporter
        (
            "The British government announced that it would apply the EU sanctions against the "
            "GRU for the Bundestag hack, with Foreign Secretary Dominic Raab saying in a "
            'statement that his country "stands shoulder to shoulder with Germany to hold Russia '
            'to account".',
            expected_attribution_tags(
                ["EU", "GB"], [], ["RU"], ["state", "state-agency"], ["sanctions", "statement"]
            ),
        ),
        (
            "The UK stands with Albania to hold Iran to account for the cyberattack.",
            expected_attribution_tags([], ["GB"], ["IR"], ["state"], ["solidarity"]),
        ),
        # unchanged: the state stood with "which attributed" is a party
        (
            "Canada stands in solidarity with the United Kingdom, which attributed the attack to "
            "Russia.",
            expected_attribution_tags(
                ["GB"], ["CA"], ["RU"], ["state"], ["solidarity", "statement"]
            ),
        ),
    ],
)
def test_the_state_stood_with(text, want):
    assert attribution_tags_of(text) == want


@pytest.mark.parametrize(
    "text, want",
    [
        # machines or addresses traced to a state say where they are, not who used them
        (
            "South Korea said that Pyongyang was behind the attack, after analyzing the Internet "
            "protocol addresses used for it, which were traced back to China.",
            expected_attribution_tags(["KR"], [], ["KP"], ["state"], ["statement"]),
        ),
        ("The FBI said the IP addresses were traced to China.", []),
        # unchanged: the attack traced to a state
        (
            "The FBI said the attack was traced back to North Korea.",
            expected_attribution_tags(["US"], [], ["KP"], ["state"], ["statement"]),
        ),
    ],
)
def test_infrastructure_traced_to_a_state(text, want):
    assert attribution_tags_of(text) == want


@pytest.mark.parametrize("verb", ["unsealed", "filed"])
def test_a_complaint_unsealed_or_filed_is_a_charge(verb):
    text = (
        f"The Department of Justice last week {verb} a 177-page-long complaint alleging that "
        "North Korea was behind global cyberattacks dating back several years."
    )
    assert attribution_tags_of(text) == expected_attribution_tags(
        ["US"], [], ["KP"], ["state"], ["indictment"]
    )


US_CN = expected_attribution_tags(["US"], [], ["CN"], ["state"], ["statement"])


@pytest.mark.parametrize(
    "language, text",
    [
        (
            "de",
            "Die US-Regierung hatte Peking gestern vorgeworfen, in mindestens zwölf Ländern - "
            "darunter Deutschland - massenhaft Daten von Behörden gestohlen zu haben.",
        ),
        (
            "de",
            "Die US-Regierung hatte Peking vorgeworfen, in vielen Ländern, insbesondere "
            "Deutschland, Daten gestohlen zu haben.",
        ),
    ],
)
def test_a_victim_after_a_word_that_opens_examples(language, text):
    # "darunter Deutschland": a victim in the list of countries, not a target
    assert attribution_tags_of(text, language) == US_CN


@pytest.mark.parametrize(
    "text, want",
    [
        # a state's name that is also a surname, after a given name opening the sentence
        ("Jim Jordan said Russia was behind the hack.", []),
        ("Lisa Monaco said Russia was behind the hack.", []),
        # a paper or a channel named by a state and "Today"
        ("Russia Today reported that Ukraine was behind the hack.", []),
        ("India Today reported that China was behind the attack on the power grid.", []),
        # unchanged: the state itself, or after a function word
        (
            "Jordan said Iran was behind the cyberattack.",
            expected_attribution_tags(["JO"], [], ["IR"], ["state"], ["statement"]),
        ),
        (
            "Today Jordan said Iran was behind the cyberattack.",
            expected_attribution_tags(["JO"], [], ["IR"], ["state"], ["statement"]),
        ),
    ],
)
def test_a_persons_or_papers_name_holding_a_state(text, want):
    assert attribution_tags_of(text) == want


@pytest.mark.parametrize(
    "text, state, kind",
    [
        # a measure only weighed, proposed or called for does not type the attribution
        (
            "The UK accused Russia of the cyberattack and said it was considering sanctions.",
            "RU",
            "statement",
        ),
        (
            "Lawmakers called for sanctions after the US blamed China for the hack.",
            "CN",
            "statement",
        ),
        (
            "The FBI blamed North Korea for the Sony hack, and prosecutors are weighing charges.",
            "KP",
            "statement",
        ),
        # unchanged: measures taken
        ("The US imposed sanctions on Russia for the SolarWinds hack.", "RU", "sanctions"),
    ],
)
def test_a_measure_only_proposed_types_nothing(text, state, kind):
    tags = attribution_tags_of(text)
    assert f'public-attribution:attributed-state="{state}"' in tags
    assert [t for t in tags if "statement-type" in t] == [
        f'public-attribution:statement-type="{kind}"'
    ]


@pytest.mark.parametrize(
    "text, want",
    [
        # measures the persons "already face", an accusation a state "has been repeatedly"
        # subject to: recalled, not the text's own
        (
            "The European Union sanctioned four Russian FSB hackers. The two officers already face "
            "sanctions from the British and U.S. governments and a criminal indictment in the "
            "United States.",
            expected_attribution_tags(
                ["EU"], [], ["RU"], ["individuals", "state-agency"], ["sanctions"]
            ),
        ),
        (
            "The Treasury sanctioned two Russian nationals for a cyber campaign. Russia has been "
            "repeatedly accused of backing cyber-crime groups in attacks against its rivals.",
            expected_attribution_tags(["US"], [], ["RU"], ["individuals"], ["sanctions"]),
        ),
    ],
)
def test_measures_and_accusations_recalled(text, want):
    assert attribution_tags_of(text) == want


@pytest.mark.parametrize(
    "text, want",
    [
        # a mediator or a bystander in another clause than the attribution's
        (
            "Qatar mediated talks between the US and Iran after Washington blamed Tehran for the "
            "hack.",
            expected_attribution_tags(["US"], [], ["IR"], ["state"], ["statement"]),
        ),
        (
            "After the UK and the US accused China of the hack, Australia, Canada and New Zealand "
            "said they were studying the evidence.",
            expected_attribution_tags(["GB", "US"], [], ["CN"], ["state"], ["statement"]),
        ),
        (
            "When the US blamed North Korea for the Sony hack, China called for calm.",
            expected_attribution_tags(["US"], [], ["KP"], ["state"], ["statement"]),
        ),
        # unchanged: an elliptical "after" is no clause of its own; a leading clause without
        # the attribution word
        (
            "Washington, after Tbilisi, accused Moscow of the cyberattack on Georgian sites.",
            expected_attribution_tags(["US"], [], ["RU"], ["state"], ["statement"]),
        ),
        (
            "After investigating the hack for months, the UK blamed Russia.",
            expected_attribution_tags(["GB"], [], ["RU"], ["state"], ["statement"]),
        ),
    ],
)
def test_a_state_in_another_clause(text, want):
    assert attribution_tags_of(text) == want


@pytest.mark.parametrize(
    "text, want",
    [
        # a government's earlier finding recalled in a relative clause no government speaks
        # before: background (a vendor's or a paper's sentence)
        (
            "CrowdStrike assessed that the actor, which the UK and US governments have linked to "
            "the SVR, compromised the networks.",
            [],
        ),
        # unchanged: the government speaks in the main clause
        (
            "The UK sanctioned the group, which the NCSC has linked to the GRU.",
            expected_attribution_tags(["GB"], [], ["RU"], ["state-agency"], ["sanctions"]),
        ),
    ],
)
def test_a_finding_recalled_in_a_relative_clause(text, want):
    assert attribution_tags_of(text) == want


@pytest.mark.parametrize(
    "text, want",
    [
        # sanctioned for another kind of act, in a text that speaks of cyber elsewhere
        (
            "The EU sanctioned 10 Russian individuals for human rights abuses; it also discussed cyber threats.",
            [],
        ),
        # unchanged: a cyber act among the reasons, in the sanction's clause
        (
            "The US sanctioned four GRU officers over the poisoning in Salisbury and the hacking "
            "of the OPCW.",
            expected_attribution_tags(
                ["US"], [], ["RU"], ["individuals", "state-agency"], ["sanctions"]
            ),
        ),
    ],
)
def test_sanctions_for_another_act(text, want):
    assert attribution_tags_of(text) == want


def test_court_documents_unsealed_are_the_indictment():
    text = (
        "Court documents unsealed on Wednesday accused China's Ministry of Public Security and "
        "Ministry of State Security of directing and financing the hackers, the Justice "
        "Department said."
    )
    assert attribution_tags_of(text) == expected_attribution_tags(
        ["US"], [], ["CN"], ["state-agency"], ["indictment"]
    )


@pytest.mark.parametrize(
    "basis, kind",
    [
        # the party found as the body that charges (genres: prosecutors): its words are the
        # indictment's
        ("text: 'grand jury' (prosecutors) (a sentence before)", "indictment"),
        ("text: 'Justice Department' (prosecutors, named in the text)", "indictment"),
        # unchanged: a party named as such
        ("text: 'United States'", "statement"),
    ],
)
def test_the_charging_body_speaks_an_indictment(basis, kind):
    from misp_module.core.attribution.model import _Sentence, _Target
    from misp_module.core.attribution.rows import _add_row
    from misp_module.core.attribution.splitting import _Document
    from misp_module.core.lexicon import lexicon

    text = (
        "Rim is accused of orchestrating ransomware attacks on US healthcare providers, a tactic "
        "employed by the Andariel group under North Korea's Reconnaissance General Bureau."
    )
    doc = _Document(
        publisher=None, publisher_basis="", date=None, kind="statement", subject_state=None
    )
    rows: dict = {}
    target = _Target("KP", "state-agency", (text.index("North"), len(text) - 1))
    sentence = _Sentence("plain_text", 900, 900 + len(text), text)
    _add_row(lexicon().words("en"), rows, doc, sentence, "US", "attributing", target, basis, False)
    assert [a.statement_type for a in rows.values()] == [kind]


@pytest.mark.parametrize(
    "text, want",
    [
        # a contrasting clause after the attribution word has a subject of its own
        (
            "Britain blamed Russia, but Germany said it was too early to say.",
            expected_attribution_tags(["GB"], [], ["RU"], ["state"], ["statement"]),
        ),
        (
            "The Polish government said Russia was behind the attack, while the Czech government "
            "said it could not confirm.",
            expected_attribution_tags(["PL"], [], ["RU"], ["state"], ["statement"]),
        ),
        # an attribution withheld
        (
            "US officials said the attack came from servers in Russia, but stopped short of blaming the Kremlin.",
            [],
        ),
        # "as" is no subordinator here: "a group known as APT40"
        (
            "The United Kingdom and the United States named a group known as APT40 as responsible "
            "and blamed the Chinese government.",
            expected_attribution_tags(["GB", "US"], [], ["CN"], ["state"], ["statement"]),
        ),
    ],
)
def test_contrast_and_withheld_attributions(text, want):
    assert attribution_tags_of(text) == want

"""Public attribution in English news, statements, indictments and sanctions (issue 17, round
eight): one error class per test, each with sentences written for it (never a benchmark text),
with the exact tags expected."""

from __future__ import annotations

import pytest

from misp_module.core.attribution import attribution_report

from conftest import attribution_tags_of, make_entry
from conftest import expected_attribution_tags as expected


def tags(text: str, title: str = "", url: str = "https://news.example/x") -> list[str]:
    return attribution_tags_of(text, "en", url, title)


# The class "a past-time marker after the attribution's object": "have attributed ... to
# Russia in the past" recalls an attribution (evidence, never tags), as "In the past, ..." does;
# "you may recall that ..." recalls one too. An event dated after its own noun stays the text's.
@pytest.mark.parametrize(
    "text, want",
    [
        pytest.param(
            "Ministers told the committee that Canada and its partners have attributed "
            "malicious cyber activity to Russia in the past, including the NotPetya malware.",
            [],
            id="in-the-past-after-the-object",
        ),
        pytest.param(
            "Last week, you may recall that Canada joined its allies in attributing the "
            "intrusions to Russian state-sponsored actors.",
            [],
            id="you-may-recall",
        ),
        pytest.param(
            "The Dutch government blamed Russia for an attack on a mail server earlier this year.",
            expected(["NL"], [], ["RU"], ["state"], ["statement"]),
            id="a-marker-after-the-event-noun-dates-the-event",
        ),
    ],
)
def test_a_recalled_attribution_is_background(text, want):
    assert tags(text) == want


def test_a_recalled_attribution_stays_in_the_evidence():
    entry = make_entry(
        "Ministers told the committee that Canada and its partners have attributed malicious "
        "cyber activity to Russia in the past, including the NotPetya malware.",
        references=["https://news.example/x"],
        language="en",
    )
    report = attribution_report(entry)
    assert not report.rows
    assert [(a.party, a.attributed_state) for a in report.background] == [("CA", "RU")]


# The class "a remark that attribution is hard": no act of attribution, whatever state the
# sentence names next ("..., but the evidence lends credence to the Danish government's
# claim").
def test_attribution_said_to_be_hard_is_no_attribution():
    text = (
        "The UK’s National Cyber Security Centre has released an assessment that the Russian "
        "military was almost certainly responsible for the outbreak; the UK government said it "
        "had “made the judgment that the Russian government – the Kremlin – was responsible "
        "for this attack.”\n\n"
        "A Kremlin spokesman said Russia categorically dismissed the accusation as "
        "“groundless”.\n\n"
        "It is notoriously difficult to attribute blame for cyber attacks, but circumstantial "
        "evidence gives some credence to the UK government’s claim."
    )
    got = tags(text)
    assert 'public-attribution:attributing-party="RU"' not in got
    assert 'public-attribution:attributed-state="GB"' not in got


# The class "a victim after a verb of hitting": "impacting Ukraine", "affecting Poland" are
# places the activity hit, never who speaks.
@pytest.mark.parametrize("verb", ["impacting", "affecting", "hitting"])
def test_a_state_after_a_victim_verb_is_no_party(verb):
    text = (
        "The vendor gives the Kremlin-backed hacker collective a new name, a group not just "
        f"{verb} Ukraine but the whole region."
    )
    assert tags(text) == []


# The class "an agency the speaker rests on": "Based on advice from <state> intelligence
# agencies, the <state> Government has judged ..." names a source of the speaker, never the
# one held responsible.
def test_an_agency_whose_advice_is_cited_speaks():
    text = (
        "Based on advice from Danish intelligence agencies, the Danish Government has judged "
        "that Russian state sponsored actors were responsible for the incident."
    )
    assert tags(text) == expected(["DK"], [], ["RU"], ["state-sponsored"], ["statement"])


# The class "officials who act are no defendants": "British officials filing charges" bring the
# charges; the officials are not the persons charged.
def test_officials_filing_charges_are_not_charged():
    text = (
        "New Zealand condemned the campaign. It follows American and British officials filing "
        "charges and imposing sanctions over a Chinese state-sponsored hacking campaign."
    )
    assert tags(text) == expected(
        ["GB", "US"], [], ["CN"], ["state-sponsored"], ["indictment", "sanctions"]
    )


# The class "a group acting for an agency": "operating under the direction of", "belonging to"
# an agency makes the group state-sponsored, not the agency itself held responsible.
@pytest.mark.parametrize(
    "text, want",
    [
        pytest.param(
            "The Dutch government blamed the intrusion on APT99, a threat actor operating under "
            "the direction of China's Ministry of State Security.",
            expected(["NL"], [], ["CN"], ["state-sponsored"], ["statement"]),
            id="under-the-direction-of",
        ),
        pytest.param(
            "The South Korean government said the theft was carried out by the hacker groups "
            "Lazarus and Andariel belonging to the North Korean Reconnaissance General Bureau.",
            expected(["KR"], [], ["KP"], ["state-sponsored"], ["statement"]),
            id="belonging-to",
        ),
    ],
)
def test_a_group_acting_for_an_agency_is_state_sponsored(text, want):
    assert tags(text) == want


# The class "the speakers listed after according to": "..., according to Georgia, the UK and
# the US" names who attributes (none of them a target); a past-time marker that ends the
# subject's event ("a cyber-attack ... last year was carried out by") dates the event.
@pytest.mark.parametrize(
    "text, want",
    [
        pytest.param(
            "The attack was carried out by Russia, according to the UK.",
            expected(["GB"], [], ["RU"], ["state"], ["statement"]),
            id="according-to-one-state",
        ),
        pytest.param(
            "A huge cyber-attack which knocked out more than 2,000 websites in Moldova last year "
            "was carried out by Russia, according to Moldova, the UK and the US.",
            expected(["GB", "MD", "US"], [], ["RU"], ["state"], ["statement"]),
            id="according-to-a-list-and-an-event-dated-last-year",
        ),
    ],
)
def test_states_after_according_to_speak(text, want):
    assert tags(text) == want


# The class "a victim after 'behind'": with no attribution word, the clause turns at
# "behind"; a state after it ("to undermine Georgia's sovereignty") does not speak.
def test_a_state_after_behind_does_not_speak():
    text = (
        "The UK government says that the GRU was behind the attempt to undermine Moldova's "
        "sovereignty."
    )
    assert tags(text) == expected(["GB"], [], ["RU"], ["state-agency"], ["statement"])


# The class "an agency in American spelling": the GRU's "Main Center for Special
# Technologies" (agencies.json), as the US statement on Georgia writes it.
def test_the_main_center_for_special_technologies_is_the_gru():
    text = (
        "The US State Department said the Main Center for Special Technologies carried out the "
        "cyber attack against Georgia."
    )
    assert tags(text) == expected(["US"], [], ["RU"], ["state-agency"], ["statement"])


# The class "the designee named again sentences later": a sanctioned company named again to
# open a sentence ("Acme Network faces penalties for ...", "Acme Network has been linked to
# ...") goes on about the act that named it a few sentences back, with its sanctioning body.
def test_a_designee_named_again_sentences_later_carries_the_sanctions():
    text = (
        "The U.S. Treasury Department announced sanctions on Friday against a cybersecurity "
        "company and an individual hacker.\n\n"
        "The sanctions target Acme Network Technology Co. and an operator based in Shanghai.\n\n"
        "The breach occurred when hackers exploited a stolen security key.\n\n"
        "Acme Network faces penalties for its connections to Salt Typhoon, a Chinese "
        "state-backed group responsible for the largest telecommunications hack in U.S. history."
    )
    assert tags(text) == expected(["US"], [], ["CN"], ["state-sponsored"], ["sanctions"])


# The class "counted persons of a state's agency, charged": "indicts five Chinese military
# officials" charges persons (individuals) of the agency (state-agency).
def test_counted_officials_of_an_agency_charged_are_individuals():
    text = "The U.S. indicts five Chinese military officials on cyberspying charges."
    assert tags(text) == expected(
        ["US"], [], ["CN"], ["individuals", "state-agency"], ["indictment"]
    )


# The class "unnamed officials briefing the press": "some <state> government officials have
# told <outlet> they believe ..." is no official attribution.
def test_some_officials_telling_the_press_is_no_attribution():
    text = (
        "While some Danish government officials have told the broadcaster they believe China "
        "is responsible, the Prime Minister has only said that a state-based actor is to blame."
    )
    assert tags(text) == []


# "U.S. Atty. Gen. Eric Holder said ...": no sentence ends at "Atty."
def test_no_sentence_ends_at_atty():
    from misp_module.core.attribution import sentences

    text = "U.S. Atty. Gen. Eric Holder said the charges were unsealed. The case is the first."
    assert [s.text for s in sentences(text)] == [
        "U.S. Atty. Gen. Eric Holder said the charges were unsealed.",
        "The case is the first.",
    ]


# The class "the clause ends at a semicolon": a government after "responsible for X;" opens
# the next clause (it speaks), it is not the object of "responsible".
def test_a_government_after_a_semicolon_is_no_object():
    text = (
        "The UK’s National Cyber Security Centre has released an assessment that the Russian "
        "military was almost certainly responsible for the outbreak; the UK government said it "
        "agreed."
    )
    assert tags(text) == expected(["GB"], [], ["RU"], ["state-agency"], ["statement"])


# The class "a past-time marker after 'behind'": with no attribution word the clause turns at
# "behind", and "an attack ... last year" after it dates the attack.
def test_a_marker_after_behind_dates_the_event():
    text = (
        "The Russian military was directly behind a cyber-attack on Ukraine that spread globally "
        "last year, the US and Britain have said."
    )
    assert tags(text) == expected(["GB", "US"], [], ["RU"], ["state-agency"], ["statement"])


# The class "a statement of its own after sanctions": a sentence that names its statement
# ("according to a White House statement", "formally naming ... as the perpetrator") is a
# statement, not part of the sanctions announced before; "as the perpetrator" is a cue.
def test_a_statement_naming_itself_after_sanctions_stays_a_statement():
    text = (
        "The Treasury on Thursday announced sanctions against six Russian technology companies "
        "that support the Russian intelligence services. “Today the United States is formally "
        "naming the Russian Foreign Intelligence Service (SVR) as the perpetrator of the "
        "campaign,” according to a White House statement."
    )
    assert tags(text) == expected(["US"], [], ["RU"], ["state-agency"], ["sanctions", "statement"])


# The class "an advisory's authors in news": an agency that "sounded a warning" speaks; in a
# report on an advisory, a party that is one of its authors speaks for all of them, listed
# after "in collaboration with" (an alliance's members and the states after it) or "with
# input from" (three states or more); the state an investigation "was led by" is no target.
@pytest.mark.parametrize(
    "text, want",
    [
        pytest.param(
            "Australia's cyber intelligence agency sounded a rare warning on Tuesday about "
            "state-backed Chinese hackers.\n\nThe advisory note was co-authored with input from "
            "the United States, the UK, Germany, Japan, South Korea and other international "
            "partners.",
            # the agency that speaks leads the advisory the others co-authored "with" it
            expected(
                ["AU", "DE", "GB", "JP", "KR", "US"], [], ["CN"], ["state-sponsored"], ["advisory"]
            ),
            id="an-agency-sounding-a-warning-leads-the-co-authors",
        ),
        pytest.param(
            "The Australian government has blamed the intrusion on APT40, a Chinese "
            "state-sponsored group.\n\nThe investigation was led by Australia, and was conducted "
            "in collaboration with the Five Eyes partners along with Germany and Japan. It is the "
            "first time Australia has taken the lead on a cyber advisory.",
            expected(
                ["AU", "CA", "DE", "GB", "JP", "NZ", "US"],
                [],
                ["CN"],
                ["state-sponsored"],
                ["advisory"],
            ),
            id="an-author-speaks-for-all",
        ),
    ],
)
def test_an_advisorys_authors_in_news(text, want):
    assert tags(text) == want


# The class "the state behind a group": "a group known as APT99 which the Chinese government
# is behind", "the Chinese government is behind APT99" hold the group responsible and the
# state its sponsor (state-sponsored, not the state acting itself).
@pytest.mark.parametrize(
    "text",
    [
        "Canada issued a statement on a group known as APT99 which the Chinese government is "
        "behind.",
        "Canada assesses that it is highly likely that the Chinese government is behind APT99.",
    ],
)
def test_the_state_behind_a_group_sponsors_it(text):
    assert tags(text) == expected(["CA"], [], ["CN"], ["state-sponsored"], ["statement"])


# The class "two sides trading accusations": "has traded accusations with China about
# launching cyberattacks" is no act of attribution.
def test_trading_accusations_is_no_attribution():
    text = (
        "The case marks a more aggressive posture by the U.S., which has traded accusations with "
        "China about launching and supporting cyberattacks."
    )
    assert tags(text) == []


# The class "a Title Case headline": "Australia, UK, US Blame Russia For ..." has no persons
# in it ("US Blame", "Blame Russia For" are no names): its parties and its object are read.
def test_a_title_case_headline_has_no_person_names():
    text = "Denmark, UK, US Blame Russia For NotPetya Ransomware Outbreak"
    assert tags(text) == expected(["DK", "GB", "US"], [], ["RU"], ["state"], ["statement"])


# The class "the co-signers of a joint statement in news": in a report on a joint statement,
# the agencies and states it lists as joining forces to issue it are its parties, as an
# advisory's co-authors are, and their rows stay a joint statement.
def test_the_co_signers_of_a_joint_statement_in_news():
    text = (
        "The United States and its allies issued a joint statement condemning Russia for its "
        "cyberattacks on Ukraine.\n"
        "The FBI and the NSA joined forces with agencies and departments from Germany, the "
        "Netherlands, Latvia and Estonia to issue the statement against Russia.\n"
        "According to the statement, the Russian military intelligence unit GRU Unit 29155 is "
        "primarily responsible for orchestrating these cyberattacks."
    )
    assert tags(text) == expected(
        ["DE", "EE", "LV", "NL", "US"], [], ["RU"], ["state", "state-agency"], ["joint-statement"]
    )


# ... but a report headed as a joint statement that names a joint alert (an advisory) keeps
# its co-authors' rows advisories.
def test_a_joint_alert_in_a_joint_statements_report_stays_an_advisory():
    text = (
        "The United States and its allies accused Russia in a joint statement.\n"
        "The FBI, in collaboration with agencies from Germany, Estonia and Latvia, released a "
        "joint alert detailing the cyberattacks. The attacks have been attributed to GRU Unit "
        "29155, a Russian military hacking group."
    )
    assert tags(text) == expected(
        ["DE", "EE", "LV", "US"],
        [],
        ["RU"],
        ["state", "state-agency"],
        ["advisory", "joint-statement"],
    )

"""Attribution level and statement type in English, round twelve's third batch (issue 17): error
classes of the `en12al-*` dev texts (news of indictments, sanctions and joint advisories). Each
sentence is self-written and failed before the rule it names."""

from __future__ import annotations

import pytest

from misp_module.core.lexicon import lexicon

from conftest import attribution_parties_of, attribution_tags_of
from conftest import expected_attribution_tags as expected


def tags(text: str, url: str = "https://news.example/x") -> list[str]:
    return attribution_tags_of(text, "en", url)


def values(text: str, predicate: str) -> set[str]:
    return {t.split("=")[1].strip('"') for t in tags(text) if f":{predicate}=" in t}


def test_the_agency_with_its_words_swapped_is_the_reconnaissance_general_bureau():
    """ "the General Reconnaissance Bureau": English news swaps the first two words of North
    Korea's military intelligence agency (agencies.json, with its source)."""
    text = (
        "The Justice Department announced charges against two programmers of the General "
        "Reconnaissance Bureau for the bank heists."
    )
    assert values(text, "attributed-state") == {"KP"}
    assert "state-agency" in values(text, "attribution-level")


def test_a_place_whose_name_holds_a_state_is_no_state():
    """ "North America", "New Jersey": the state name inside a place's name is never a state
    token (attribution-words.json, role place-name), so it is neither a party nor a target."""
    lex = lexicon()
    for place in ("North America", "South America", "New Jersey", "New Mexico"):
        assert "⟨" not in lex.tokenize(f"networks in {place} were hit"), place
    assert "⟨N US" in lex.tokenize("networks in America were hit")


def test_the_revolutionary_guard_corps_without_islamic_is_the_irgc():
    """ "members of Iran's Revolutionary Guard Corps": the IRGC as English news writes it,
    without "Islamic", is the agency of the persons charged (agencies.json)."""
    text = (
        "The Justice Department charged three members of Iran's Revolutionary Guard Corps with "
        "hacking the campaign."
    )
    assert values(text, "attribution-level") == {"individuals", "state-agency"}


def test_nationals_charged_for_crime_for_profit_are_no_attribution_to_their_state():
    """ "charging two Russian nationals with deploying ransomware for the LockBit cybercrime
    gang": persons charged as nationals in a text about crime for profit (attribution-genres
    role crime), which ties them to no state's actor (attribution-words.json, role state-tie),
    are criminals of that nationality."""
    crime = (
        "The Justice Department unsealed an indictment charging two Russian nationals with "
        "deploying ransomware against companies around the world. The two are members of the "
        "LockBit cybercrime gang, prosecutors said."
    )
    assert tags(crime) == []
    tied = crime + " Prosecutors said the attacks were directed by the Russian government."
    assert values(tied, "attributed-state") == {"RU"}
    officers = (
        "The Justice Department charged two Russian intelligence officers with deploying "
        "ransomware against hospitals."
    )
    assert values(officers, "attribution-level") == {"individuals", "state-agency"}


def test_a_state_owning_what_was_hit_is_neither_party_nor_target():
    """ "on Ukraine's state institutions", "Ukrainian government networks": the state before
    its government's or state's assets (attribution-words.json, role asset-noun) is the victim,
    not the state held responsible nor the government that speaks."""
    target = (
        "They were allegedly responsible for a cyberattack on Ukraine's state institutions, the "
        "FBI said."
    )
    assert "UA" not in values(target, "attributed-state")
    party = (
        "The indictment updates a case filed against a GRU collaborator for the malware attack, "
        "which aimed to destroy Ukrainian government networks in January."
    )
    assert "UA" not in values(party, "attributing-party")


def test_the_to_of_a_journey_is_no_attribution_to_a_state():
    """ "we can attribute this cyberattack to APT28, ..., she told a news conference during a
    visit to Australia": the "to" after a noun of going somewhere (attribution-words.json,
    role journey-noun) names a place, not what the verb attributes to."""
    text = (
        "German Foreign Minister Jane Roe said Friday that the cyberattack was carried out by a "
        'group called APT28. "Today we can attribute this cyberattack to a group called APT28," '
        "she told a news conference during a visit to Australia."
    )
    assert "AU" not in values(text, "attributed-state")


def test_a_charge_d_affaires_is_no_criminal_charge():
    """ "summoned the Russian charges d'affaires": a diplomat's title, no indictment; the
    attribution beside it is a statement (attribution-cues.json, the cue and indictment words)."""
    text = (
        "The German Foreign Ministry summoned the Russian charges d'affaires over the hacking of "
        "party email accounts that Berlin blamed on Moscow."
    )
    assert values(text, "statement-type") == {"statement"}


def test_an_advisory_lists_its_co_authors_after_a_colon_on_the_next_lines():
    """ "The following agencies are additional co-authors on the joint advisory:" and "CISA, NSA,
    FBI and the following partners are releasing this advisory ...:" open a list of co-authors
    after the colon, on the next lines (a bulleted list or one paragraph): each is an
    attributing party of the advisory (attribution-genres.json, role coauthors)."""
    bullets = (
        "CISA and Partners Release Advisory on PRC-sponsored Activity\n\nCISA, the NSA and the "
        "FBI released a joint advisory on PRC state-sponsored actors compromising critical "
        "infrastructure.\n\nThe following agencies are additional co-authors on the joint "
        "advisory:\n\n  • Australian Cyber Security Centre (ACSC)\n  • United Kingdom National "
        "Cyber Security Centre (NCSC-UK)\n\nThe actors pre-position themselves for disruption."
    )
    assert attribution_parties_of(bullets) == ["AU", "GB", "US"]
    paragraph = (
        "CISA, NSA, FBI and the following partners are releasing this advisory on the PRC "
        "state-sponsored cyber group Volt Typhoon, based on the U.S. authoring agencies' "
        "incident response:\n\nCanadian Centre for Cyber Security (CCCS) New Zealand National "
        "Cyber Security Centre (NCSC-NZ)\n\nThe group compromised water utilities."
    )
    assert attribution_parties_of(paragraph) == ["CA", "NZ", "US"]


@pytest.mark.parametrize("comma", ["", ","])
def test_places_listed_after_a_preposition_hold_non_state_places_and_bodies(comma):
    """ "networks in North America, the European Union and Ukraine": a place whose name holds
    a state's and a body are items of the list of places too; every item is a place (with the
    serial comma too)."""
    text = (
        "The Justice Department on Thursday charged three Russian military intelligence "
        "officers over malware attacks that hit networks in North America, the European Union"
        f"{comma} and Ukraine."
    )
    assert attribution_parties_of(text) == ["US"]


@pytest.mark.parametrize("place", ["In London", "In Canberra", "In Brussels"])
def test_a_place_before_a_speaking_office_is_where_it_speaks_not_a_list_item(place):
    """ "In London, the Foreign Office said ...": a capital then a comma is where the office
    speaks; with no conjunction the run is no list, so the office is not a place."""
    text = f"{place}, the Foreign Office said the hack was carried out by Russia's GRU."
    assert attribution_parties_of(text, url="https://www.bbc.co.uk/news/x") == ["GB"]


def test_a_government_an_attack_hit_does_not_speak_for_the_next_sentence():
    """ "The attacks were meant to cripple Ukraine's government ..., Smith said.": the
    government an attack verb takes as its object (attribution-cues.json, role victim-verb)
    is the victim, not the speaker the next sentence's attribution goes back to."""
    text = (
        "The attacks were meant to cripple Ukraine's government and critical infrastructure by "
        "targeting hospitals and schools, Smith said. The officers charged served with the GRU, "
        "the military intelligence unit."
    )
    assert "UA" not in attribution_parties_of(text)


def test_a_state_a_party_helps_is_not_a_party():
    """ "will continue to support Ukraine on all fronts ..., including holding accountable
    those who support Russia's malicious cyber activities": the state a verb of helping takes
    (attribution-cues.json, role aid-verb) is the one helped, not who holds Russia to account."""
    text = (
        "The Department of Justice will continue to support Ukraine on all fronts of its fight "
        "against Russia's war, including holding accountable those who support Russia's "
        "malicious cyber activities, the attorney general said."
    )
    assert attribution_parties_of(text) == ["US"]


def test_a_past_time_marker_after_the_charged_act_dates_the_act():
    """ "charged six Russian military intelligence officers in connection with some of the
    largest cyber attacks in the past decade": with no attribution word, the charge is the act
    that attributes; a past-time marker after its event dates the event, the charge is the
    text's own (a marker before the charge still recalls it)."""
    text = (
        "US authorities on Monday charged six Russian military intelligence officers in "
        "connection with some of the largest cyber attacks in the past decade."
    )
    assert values(text, "attributing-party") == {"US"}
    assert values(text, "attribution-level") == {"individuals", "state-agency"}
    recalled = (
        "In the past, US prosecutors have charged six Russian military intelligence officers "
        "over cyber attacks on the Olympics."
    )
    assert tags(recalled) == []


def test_persons_as_the_subject_of_their_charge_are_individuals():
    """ "three individuals are facing charges for hacking ... at the behest of the Iranian
    government": persons (attribution-words.json, charged-person) as the subject of their own
    charge are individuals of the one state the sentence attributes to."""
    text = (
        "The Justice Department said three individuals are facing charges for hacking the "
        "campaign at the behest of the Iranian government."
    )
    assert values(text, "attribution-level") == {"individuals", "state-sponsored"}


def test_an_agency_and_some_of_its_officers_after_an_apposition_are_individuals():
    """ "Sanctions were levied against the GRU (...), a military intelligence agency part of
    the Russian Army, and two of its officers": the agency's officers sanctioned with it, after
    an apposition and counted ("two of its"), are individuals (attribution-words.json,
    agency-person)."""
    text = (
        "The European Union has imposed sanctions today against Russia for its involvement in "
        "the 2015 hack of the German parliament. Sanctions were levied against the GRU (Russian "
        "Main Intelligence Directorate), a military intelligence agency part of the Russian "
        "Army, and two of its officers."
    )
    assert values(text, "attribution-level") == {"individuals", "state", "state-agency"}


def test_a_group_said_to_be_part_of_an_intelligence_service_is_attributed_to_it():
    """ "A group of hackers almost certainly part of Russia's intelligence services ..., the
    British cyber security agency said": belonging to an agency is an attribution to it
    (attribution-cues.json, a cue of its own)."""
    text = (
        "A group of hackers almost certainly part of Russia's intelligence services are trying "
        "to steal vaccine research, the British cyber security agency said on Thursday."
    )
    assert tags(text) == expected(["GB"], [], ["RU"], ["state-agency"], ["statement"])


def test_groups_a_government_operates_are_state_sponsored():
    """ "two hacking groups believed to be operated by the North Korean government": the
    government that controls a group sponsors it, like an agency that does (the issue's
    "-controlled/-led marks sponsorship")."""
    text = (
        "The FBI has accused two hacking groups believed to be operated by the North Korean "
        "government of being responsible for the heist."
    )
    assert tags(text) == expected(["US"], [], ["KP"], ["state-sponsored"], ["statement"])


def test_a_noun_of_persons_that_modifies_a_group_is_no_person_charged():
    """ "The FBI charges are aimed against two North Korean-based hacker entities": "hacker"
    before "entities" names groups, not persons charged (no individuals going on from the
    attribution before)."""
    text = (
        "The FBI has accused two hacking groups believed to be operated by the North Korean "
        "government of being responsible for the heist. The FBI charges are aimed against two "
        "North Korean-based hacker entities, Lazarus Group and APT38."
    )
    assert values(text, "attribution-level") == {"state-sponsored"}


def test_a_government_warning_names_who_acts():
    """ "issued an alert warning that Russian military intelligence hackers were targeting
    routers": a warning that/of/about is a cue (attribution-cues.json)."""
    text = (
        "The NSA and the FBI issued an alert warning that Russian military intelligence hackers "
        "were targeting routers."
    )
    assert values(text, "attributed-state") == {"RU"}
    assert values(text, "attributing-party") == {"US"}


def test_agencies_listed_along_with_the_author_are_co_authors_and_a_unit_stays_the_agency():
    """ "CISA ... along with the FBI, Germany's Intelligence Agency and other international
    partners shared an advisory warning about Unit 29155, a threat group belonging to Russian
    military intelligence": "along with" lists co-authors (attribution-genres.json), so the
    German agency speaks and is no target; a unit that is an agency's own name, tied to the
    agency, stays the agency (not a group it sponsors)."""
    text = (
        "CISA in the United States along with the FBI, Germany's Intelligence Agency and other "
        "international partners shared an advisory warning about Unit 29155, a threat group "
        "belonging to Russian military intelligence (GRU)."
    )
    assert tags(text) == expected(["DE", "US"], [], ["RU"], ["state-agency"], ["advisory"])


def test_a_joint_alert_is_an_advisory():
    """ "CISA and the FBI issued a joint alert warning that ...": a joint alert is an advisory
    (attribution-cues.json, role advisory; the document's kind when its header says so)."""
    text = (
        "CISA and the FBI issued a joint alert warning that hackers affiliated with China's "
        "Ministry of State Security target government agencies."
    )
    assert values(text, "statement-type") == {"advisory"}


def test_the_agent_of_a_passive_act_in_a_sanctions_sentence_is_no_person_sanctioned():
    """ "announced sanctions after nine federal networks were breached by Russian foreign
    intelligence agents": who did it, after "by", is named in general, not persons the
    sanctions are against (no individuals; the agency stays)."""
    text = (
        "The White House announced sanctions after nine federal networks were breached by "
        "Russian foreign intelligence agents."
    )
    assert values(text, "attribution-level") == {"state-agency"}


def test_the_minister_s_statement_beside_sanctions_is_a_statement_of_its_own():
    """ "\\"GRU spies are running a campaign to destabilise Europe, undermine Ukraine's
    sovereignty ...,\\" Foreign Secretary David Lammy said in a statement": who runs a campaign
    is its actor (attribution-cues.json, a cue), so the minister's quote after the sanctions is
    a statement of the sanctioning party; the state whose sovereignty is undermined is a
    victim (victim-verb), no party."""
    text = (
        'Britain said it had sanctioned three units of the GRU and 18 of its officers. "GRU '
        "spies are running a campaign to destabilise Europe, undermine Ukraine's sovereignty "
        'and threaten the safety of British citizens," Foreign Secretary David Lammy said in a '
        "statement."
    )
    assert values(text, "statement-type") == {"sanctions", "statement"}
    assert values(text, "attributing-party") == {"GB"}


def test_persons_designated_are_sanctions_and_the_head_of_an_agency_is_individuals():
    """ "The United States is today designating the head of Iran's Islamic Revolutionary Guard
    Corps Cyber-Electronic Command ..., and five of its senior officials": designating persons
    is a sanction (attribution-cues.json, role sanctions; 'designated' alone stays a naming),
    and the agency's head and officials are individuals (member-noun after a state's
    possessive; its officials after the agency's longer name)."""
    text = (
        "The United States is today designating the head of Iran's Islamic Revolutionary Guard "
        "Corps Cyber-Electronic Command (IRGC-CEC), an organization that has been responsible "
        "for a series of cyberattacks on critical infrastructure in the United States and other "
        "countries, and five of its senior officials."
    )
    assert tags(text) == expected(
        ["US"], [], ["IR"], ["individuals", "state-agency"], ["sanctions"]
    )


def test_counted_officials_of_a_state_sanctioned_are_individuals():
    """ "issued sanctions on six Iranian government officials accused of being behind ...":
    counted officials of a state's government or services, charged or sanctioned, are persons
    of that state (a bare "Russian officials said" is no one charged)."""
    text = (
        "The U.S. issued sanctions Friday on six Iranian government officials accused of being "
        "behind a string of cyberattacks on water facilities."
    )
    assert tags(text) == expected(["US"], [], ["IR"], ["individuals"], ["sanctions"])


def test_military_personnel_sanctioned_are_individuals():
    """ "sanctioned three units within Russia's GRU and 18 associated military personnel":
    personnel a sanction names are persons (attribution-words.json, charged-person)."""
    text = (
        "The United Kingdom has sanctioned three units within Russia's GRU and 18 associated "
        "military personnel."
    )
    assert values(text, "attribution-level") == {"individuals", "state-agency"}

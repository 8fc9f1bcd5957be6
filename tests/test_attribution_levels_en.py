"""Attribution level and statement type in English, round twelve (issue 17): error classes of
the dev texts that attribute at several levels (an indictment of officers of a unit, sanctions
on a ministry and its minister, the unit and the state in one statement). Each sentence is
self-written and failed before the rule it names."""

from __future__ import annotations

from misp_module.core.attribution import extract_attributions

from conftest import attribution_tags_of, make_entry
from conftest import expected_attribution_tags as expected


def tags(text: str, url: str = "https://news.example/x") -> list[str]:
    return attribution_tags_of(text, "en", url)


def levels(text: str) -> set[str]:
    return {t.split("=")[1].strip('"') for t in tags(text) if "attribution-level" in t}


def test_persons_sanctioned_paragraphs_after_the_attribution_are_its_individuals():
    """ "The UK said it had sanctioned individuals involved": a sentence that sanctions persons
    and holds no state of its own, a paragraph after the attribution, sanctions persons of the
    state the party attributed to (class: persons charged later in the text)."""
    text = (
        "The British government has accused Russia of running a hacking campaign against "
        "members of parliament. The campaign stole documents from several offices and leaked "
        "them before the vote, the government said. Officials described the operation as "
        "persistent but unsuccessful, and said that the attempts to interfere in the country's "
        "politics had failed to change any outcome.\n\nThe government said it had sanctioned "
        "two individuals involved in the hacking."
    )
    assert tags(text) == expected(
        ["GB"], [], ["RU"], ["state", "individuals"], ["statement", "sanctions"]
    )


def test_members_of_a_group_sanctioned_after_the_attribution_are_individuals():
    """ "imposed sanctions on Cold Lantern members": members (attribution-words.json, role
    charged-person) the sanctions name are persons, individuals of the state attributed, when
    the text spoke of their group before (else they are a group's of their own, see
    test_sanctions_announced_next_are_against_what_was_just_attributed)."""
    text = (
        "The British government has accused Russia of running a hacking campaign against "
        "members of parliament through the Cold Lantern group. The UK has today imposed "
        "sanctions on Cold Lantern members for their part in the campaign."
    )
    assert "individuals" in levels(text)
    assert "individuals" not in levels(text.replace("through the Cold Lantern group", ""))


def test_an_individual_hacker_sanctioned_with_an_agency_is_individuals():
    """ "sanctions against the MSS and an individual hacker": a singular person noun after
    the charging word names a person too (role charged-person)."""
    text = (
        "The U.S. Treasury announced sanctions against China's Ministry of State Security and "
        "an individual hacker over the breach of its networks."
    )
    assert levels(text) == {"state-agency", "individuals"}


def test_persons_sanctioned_after_an_attribution_to_another_state_are_not_its_individuals():
    """The persons a later sentence sanctions are tied to the one state attributed; sanctions
    on another state's nationals, or on "nationals" said of no state, are not persons of it."""
    text = (
        "The British government has accused Russia of running a hacking campaign against "
        "members of parliament. The government said it had sanctioned two Chinese nationals "
        "in a separate case."
    )
    rows = extract_attributions(make_entry(text, references=["https://news.example/x"]))
    assert ("RU", "state") in {(a.attributed_state, a.level) for a in rows}
    assert ("RU", "individuals") not in {(a.attributed_state, a.level) for a in rows}
    # plural nouns news use for persons of any state name persons of their own there
    text = text.replace("two Chinese nationals", "two nationals")
    rows = extract_attributions(make_entry(text, references=["https://news.example/x"]))
    assert ("RU", "individuals") not in {(a.attributed_state, a.level) for a in rows}


def test_a_users_charged_person_noun_names_persons_charged(tmp_path):
    """The nouns for persons a charge names are data (attribution-words.json, role
    charged-person): "staffer" is not shipped, so only the agency is held responsible until a
    user's file adds it."""
    import json

    from misp_module.core.enrich import Enricher
    from misp_module.core.rules import load_rules, shipped

    def found(rules) -> set[str]:
        text = (
            "The Justice Department charged a staffer of China's Ministry of State Security "
            "with the intrusions."
        )
        out = Enricher(rules=rules).enrich(make_entry(text, title="Statement")).tags
        return {t.split("=")[1].strip('"') for t in out if "attribution-level" in t}

    assert found(shipped()) == {"state-agency"}
    word = {"role": "charged-person", "word": "staffer", "language": "en", "why": "a test"}
    folder = tmp_path / "r"
    folder.mkdir()
    body = {"kind": "attribution-words", "description": "a test", "entries": [word]}
    (folder / "w.json").write_text(json.dumps(body), encoding="utf-8")
    assert found(load_rules([folder])) == {"state-agency", "individuals"}


def test_the_head_of_an_agency_sanctioned_with_it_is_individuals():
    """ "sanctioned the FSB and its director", "North Korea's spy agency and its chief": the
    person at the head of the agency just named (attribution-words.json, role agency-person)
    is sanctioned too, individuals of its state; the agency alone is no person."""
    for text in (
        "The Treasury sanctioned the FSB and its director over the hacking campaign.",
        "The Treasury sanctioned North Korea's spy agency and its chief over the hacking campaign.",
        "The Treasury sanctioned the FSB (Russia) and Director of the FSB Ivan Petrov over the "
        "hacking campaign.",
    ):
        assert levels(text) == {"state-agency", "individuals"}, text
    assert levels("The Treasury sanctioned the FSB over the hacking campaign.") == {"state-agency"}


def test_an_apposition_between_the_government_and_its_verb_keeps_the_state():
    """ "the Russian Government, specifically the Russian military, was responsible": the
    government is held responsible (`state`) with the part of it the apposition names, not
    replaced by it (class: "state" level when the text says the government itself did it)."""
    for text in (
        "The UK Government judges that the Russian Government, specifically the Russian "
        "military, was responsible for the destructive cyber-attack.",
        "The UK government said it had made the judgment that the Russian government – the "
        "Kremlin – was responsible for this cyber attack.",
    ):
        assert "state" in levels(text), text
    plain = "The UK Government judges that the Russian military was responsible for the attack."
    assert levels(plain) == {"state-agency"}


def test_sanctions_the_attributing_party_announces_next_are_against_what_it_attributed():
    """ "The Treasury said it was placing sanctions on those accused and a Chinese company": a
    sentence with a state word but no target of its own, in which the party that just
    attributed announces sanctions, is that act against what it attributed (as a sentence
    naming no state does); another party's sanctions are not."""
    first = "The US government accused China of a cyber espionage campaign against universities. "
    said = "The US Treasury said it was placing sanctions on those accused and a Chinese company."
    assert tags(first + said) == expected(["US"], [], ["CN"], ["state"], ["statement", "sanctions"])
    other = "The EU said it was placing sanctions on a Chinese company in another case."
    assert tags(first + other) == expected(["US"], [], ["CN"], ["state"], ["statement"])


def test_the_attribution_clause_before_sanctions_is_a_statement():
    """ "has attributed the cyberattack to the SVR, as the United States leveled sanctions
    against Russia": what the attribution word holds responsible before the sanctions is the
    object of a statement; the sanctions are against what follows them (type per clause, as
    "accused China ... and charged four hackers" already was)."""
    text = (
        "The Biden administration has attributed the huge Orion cyberattack to Russian "
        "intelligence, as the United States imposed fresh sanctions against Russia over malign "
        "activities it said were carried out by the Kremlin."
    )
    rows = extract_attributions(make_entry(text, references=["https://news.example/x"]))
    assert {(a.level, a.statement_type) for a in rows} == {
        ("state-agency", "statement"),
        ("state", "sanctions"),
    }


def test_a_named_cyber_actor_or_operator_sanctioned_is_individuals():
    """ "sanctions against Ivan Sokolov, a cyber operator", "a Moscow-based cyber actor": a
    person named by trade after the charging word (role charged-person: actor, operator) is
    sanctioned, individuals of the state the text attributed to."""
    first = "The British government has accused Russia of a hacking campaign against parliament. "
    for person in ("a cyber operator", "a Moscow-based cyber actor"):
        text = first + f"The UK also announced sanctions against Ivan Sokolov, {person}, today."
        assert levels(text) == {"state", "individuals"}, text


def test_a_group_controlled_by_an_agency_is_state_sponsored():
    """ "Nightjar, a cyber group controlled by the Reconnaissance General Bureau": the group the
    agency controls is held responsible, sponsored by its state (the issue: "-controlled" marks
    sponsorship); the agency named as the one that did it stays the agency."""
    for text in (
        "The UK government blamed the intrusion on Nightjar, a cyber group controlled by the "
        "Reconnaissance General Bureau.",
        "The UK government blamed the intrusion on the group Nightjar, which is controlled by "
        "the Reconnaissance General Bureau.",
    ):
        assert levels(text) == {"state-sponsored"}, text
    agency = (
        "The UK government said the intrusion was controlled by the Reconnaissance General Bureau."
    )
    assert levels(agency) == {"state-agency"}


def test_a_speaker_named_after_the_sanctions_makes_a_statement_of_its_own():
    """ "The government said it would apply the EU sanctions, with Foreign Secretary Jane Roe
    saying in a statement that the UK holds Russia to account": who is named after the
    sanctions and says what it holds responsible after its name speaks in a statement; a
    speaker named after what the sanctions are against only reports them."""
    own = (
        "The British government said it would apply the EU sanctions, with Foreign Secretary "
        "Jane Roe saying in a statement that the UK would hold Russia to account for the "
        "cyber attacks."
    )
    rows = extract_attributions(make_entry(own, references=["https://news.example/x"]))
    assert ("GB", "statement") in {(a.party, a.statement_type) for a in rows}
    reported = (
        "The UK imposed sanctions on Russia's GRU for the cyber attacks, Foreign Secretary "
        "Jane Roe said in a statement."
    )
    rows = extract_attributions(make_entry(reported, references=["https://news.example/x"]))
    assert {a.statement_type for a in rows} == {"sanctions"}


def test_a_title_case_sponsorship_word_is_sponsorship():
    """ "Justice Department Charges Five Members of Iranian Government-Backed Hacking Crew": a
    Title Case headline capitalises the sponsorship participle; it still marks sponsorship."""
    entry = make_entry(
        "The charges were announced on Tuesday.",
        title="Justice Department Charges Five Members of Iranian Government-Backed Hacking Crew",
        references=["https://news.example/t"],
    )
    found = {a.level for a in extract_attributions(entry)}
    assert "state-sponsored" in found


def test_a_state_sanctioned_for_its_role_in_a_hack_is_held_responsible():
    """ "imposed sanctions against Iran for its involvement in the hack of the water utility":
    the state sanctioned for its own part in a cyber act is the state level of a sanctions
    statement; sanctions on a state for no part in a cyber act attribute nothing."""
    text = (
        "The European Union imposed sanctions against Iran for its involvement in the 2021 hack "
        "of a water utility."
    )
    assert tags(text) == expected(["EU"], [], ["IR"], ["state"], ["sanctions"])
    assert not tags(text.replace("for its involvement in", "after"))


def test_a_passive_charge_right_after_the_partys_charges_is_its_act():
    """ "Sanctions were levied against the GRU": a charge in the passive with no agent, right
    after a party's own sanctions, is that party's act (the agency is its object); with an
    agent ("by Canada") it is that agent's."""
    first = "The European Union has imposed sanctions against Russia for its part in the hack. "
    text = first + "Sanctions were levied against the GRU as well."
    assert tags(text) == expected(["EU"], [], ["RU"], ["state", "state-agency"], ["sanctions"])
    other = first + "Sanctions were levied against the GRU by a court as well."
    assert "state-agency" not in levels(other)


def test_the_persons_charged_said_to_be_members_of_an_agency_make_it_the_agency_level():
    """ "The defendants are members of North Korea's Reconnaissance General Bureau": a later
    sentence, with no cue of its own before (attribution-cues.json: 'are members of'), puts
    the persons the party charged in an agency: that agency is held responsible by the party,
    the persons are its state's individuals. Without charges before, nobody speaks."""
    text = (
        "The Justice Department announced charges on Monday against three North Korean hackers "
        "for destructive cyberattacks on banks. The defendants are members of North Korea's "
        "Reconnaissance General Bureau."
    )
    assert tags(text) == expected(
        ["US"], [], ["KP"], ["individuals", "state-agency"], ["indictment"]
    )
    alone = "The defendants are members of North Korea's Reconnaissance General Bureau."
    assert not tags(alone)


def test_persons_named_by_the_charge_itself_are_individuals():
    """ "Ding Xiaoyang, Cheng Qingmin and Zhu Yunmin were charged", "sanctioned Ivan Petrov":
    names the charge governs, with no noun for persons, are individuals (the issue: names
    before 'were charged'); a firm's name with its capitalised kind after it is not."""
    for text in (
        "The US Justice Department said Ding Xiaoyang, Cheng Qingmin and Zhu Yunmin were "
        "charged with hacking on behalf of China's Ministry of State Security.",
        "The Treasury sanctioned Ivan Petrov, who works for the FSB, over the hack.",
    ):
        assert "individuals" in levels(text), text
    firm = "The Treasury sanctioned Sichuan Juxinhe Network Technology, a contractor of the MSS."
    assert "individuals" not in levels(firm)


def test_the_agent_of_a_passive_intrusion_is_held_responsible():
    """ "Ministers' e-mails have been compromised by Russia's principal security service, a
    Foreign Office minister has said": the agent of a passive act of intrusion
    (attribution-cues.json: 'compromised by', 'hacked by', 'breached by') did it."""
    text = (
        "The e-mails of several ministers have been compromised by Russia's principal security "
        "service, the British government has said."
    )
    assert tags(text) == expected(["GB"], [], ["RU"], ["state-agency"], ["statement"])


def test_state_sponsored_actors_the_charges_go_on_about_are_the_attributed_states():
    """ "The indictment highlights the threat posed by state-sponsored cybercriminals": a
    charging sentence naming no state, right after an attribution to one state, says the
    actors charged are sponsored by that state."""
    text = (
        "The US government accused North Korea of the ransomware attacks on hospitals. The "
        "indictment highlights the threat posed by state-sponsored cybercriminals."
    )
    assert levels(text) == {"state", "state-sponsored"}
    assert levels(text.replace("state-sponsored ", "")) == {"state"}


def test_a_person_named_after_the_noun_the_accusation_governs_is_individuals():
    """ "accused Iranian government-backed hacker Reza Karimi of ...": the person named right
    after the noun for persons, object of the attribution word, is one person (individuals),
    as a counted or charged one is."""
    text = (
        "The British government accused Iranian government-backed hacker Reza Karimi of "
        "breaking into hospital networks."
    )
    assert levels(text) == {"individuals", "state-sponsored"}


def test_a_lead_accusation_the_next_sentence_calls_an_indictment_is_the_indictment():
    """ "Authorities accused ... hacker Reza Karimi of ... . Karimi was indicted on charges of
    conspiracy, the Justice Department announced.": the lead's accusation was the charge, one
    indictment, not a statement beside it."""
    text = (
        "The US government accused Iranian government-backed hacker Reza Karimi of breaking "
        "into hospital networks. Karimi was indicted on charges of conspiracy, the Justice "
        "Department announced on Thursday."
    )
    rows = extract_attributions(make_entry(text, references=["https://news.example/x"]))
    assert {a.statement_type for a in rows} == {"indictment"}

"""Target phrases of English attributions that the benchmark's stage diagnostic (evaluate.py
score --stages) found lost at "state in a cue sentence, no target phrase": each class is named
in its test, every sentence is self-written and failed before the rule it names."""

from __future__ import annotations

import pytest

from misp_module.core.attribution import extract_attributions

from conftest import make_entry


def found(text: str) -> set[tuple[str, str | None, str | None]]:
    entry = make_entry(text, references=["https://news.example/x"], language="en")
    return {
        (a.party, a.attributed_state, a.level)
        for a in extract_attributions(entry)
        if a.role == "attributing"
    }


# Actors acting for a state named bare ("on behalf of Russia", "on orders from Russia"): the
# phrases of acting for someone (attribution-words.json, role acts-for) tie an actor to a state
# as "linked to" does, so the state is held responsible for what its actors did.
@pytest.mark.parametrize(
    "text",
    [
        "The UK government blamed the attack on hackers acting on behalf of Russia.",
        "The UK government blamed the attack on hackers acting on orders from Russia.",
        "The UK government said the attack was carried out by hackers on orders from Russia.",
        "The UK government attributed the intrusions to a group working for Russia.",
    ],
)
def test_actors_acting_for_a_named_state_make_it_a_sponsor(text):
    assert found(text) == {("GB", "RU", "state-sponsored")}


def test_acting_for_a_state_without_an_actor_before_it_is_no_target():
    # the phrase ties an actor (hackers, a group) to the state, not any word before it
    text = "The UK government, on behalf of Russia's neighbours, condemned the cyber attack."
    assert found(text) == set()


def found_in(text: str, language: str) -> set[tuple[str, str | None, str | None]]:
    entry = make_entry(text, references=["https://news.example/x"], language=language)
    return {
        (a.party, a.attributed_state, a.level)
        for a in extract_attributions(entry)
        if a.role == "attributing"
    }


# Conjuncts share their role: the target's phrase matches the state next to its noun or verb,
# and the states an "and" joins to it are held responsible with it, at its level ("Russian and
# Belarusian state hackers" read only Belarus, "Russia and Belarus were behind" only Belarus,
# "die russischen und belarussischen Cyberangriffe" made Belarus a party).
@pytest.mark.parametrize(
    ("language", "text", "party", "level"),
    [
        (
            "en",
            "The UK government condemned Russian and Belarusian cyberattacks on Ukraine.",
            "GB",
            "state",
        ),
        (
            "en",
            "The UK government attributed the cyber attacks to Russian and Belarusian state "
            "hackers.",
            "GB",
            "state-sponsored",
        ),
        (
            "en",
            "The UK government said Russia and Belarus were behind the cyber attacks.",
            "GB",
            "state",
        ),
        (
            "en",
            "The UK government said the Russian and Belarusian governments were behind the "
            "cyber attacks.",
            "GB",
            "state",
        ),
        (
            "de",
            "Die Bundesregierung verurteilt die russischen und belarussischen Cyberangriffe.",
            "DE",
            "state",
        ),
        (
            "de",
            "Die Bundesregierung macht Russland und Belarus für die Cyberangriffe verantwortlich.",
            "DE",
            "state",
        ),
        (
            "fr",
            "Le gouvernement britannique accuse la Russie et la Biélorussie des cyberattaques.",
            "GB",
            "state",
        ),
    ],
)
def test_states_joined_by_and_to_a_target_are_targets_at_its_level(language, text, party, level):
    assert found_in(text, language) == {(party, "RU", level), (party, "BY", level)}


@pytest.mark.parametrize(
    "text",
    [
        # a comma alone is no list: an apposition, a clause, a place before the target
        "The UK government said that in the attacks on Germany, Russia's GRU was responsible.",
        # the victims listed after the act are no conjuncts of the target
        "The UK government blamed Russia for the cyber attacks on Germany and France.",
    ],
)
def test_only_an_and_list_around_the_target_shares_its_role(text):
    assert {state for _, state, _ in found_in(text, "en")} == {"RU"}


# The agent of the act in French, Spanish, Italian and Polish: a participle of carrying out an
# attack and its agent's preposition, as the English "carried out by" (attribution-cues.json,
# cue and blame of each language). Nothing read these before.
@pytest.mark.parametrize(
    ("language", "text", "level"),
    [
        (
            "fr",
            "Le gouvernement britannique a déclaré que les cyberattaques ont été menées par "
            "la Russie.",
            "state",
        ),
        (
            "fr",
            "Le gouvernement britannique a déclaré que les cyberattaques ont été menées par "
            "le renseignement militaire russe.",
            "state-agency",
        ),
        (
            "es",
            "El gobierno británico dijo que los ciberataques fueron llevados a cabo por Rusia.",
            "state",
        ),
        (
            "es",
            "El gobierno británico dijo que los ciberataques fueron perpetrados por la "
            "inteligencia militar rusa.",
            "state-agency",
        ),
        (
            "it",
            "Il governo britannico ha detto che gli attacchi informatici sono stati condotti "
            "dalla Russia.",
            "state",
        ),
        (
            "it",
            "Il governo britannico ha detto che gli attacchi informatici sono stati compiuti "
            "dall'intelligence militare russa.",
            "state-agency",
        ),
        (
            "pl",
            "Brytyjski rząd oświadczył, że cyberataki zostały przeprowadzone przez Rosję.",
            "state",
        ),
    ],
)
def test_the_agent_of_the_act_is_the_target_in_each_language(language, text, level):
    assert found_in(text, language) == {("GB", "RU", level)}


def test_an_impersonal_il_points_back_to_no_speaker():
    # "Il s'agirait ...": no pronoun for the government of the sentence before, so the act's
    # agent has no party (the French anaphor "Il" excludes the impersonal constructions)
    text = (
        "Le gouvernement américain a annoncé jeudi avoir détecté le piratage des données de "
        "quatre millions d'employés fédéraux. Il s'agirait du deuxième piratage majeur de cette "
        "agence perpétré par la Chine."
    )
    assert found_in(text, "fr") == set()


# Every "<act participle> by" that is a blame word is a cue too: "launched by", "committed by",
# "undertaken by" were blame words no cue opened, so their sentences were never read.
@pytest.mark.parametrize(
    "verb", ["launched", "committed", "undertaken", "mounted", "staged", "executed"]
)
def test_the_agent_after_any_act_participle_is_read(verb):
    text = f"The British government said the cyber attack was {verb} by Russia."
    assert found(text) == {("GB", "RU", "state")}


# A state sanctioned for a cyber act is held responsible by the sanctions, when the act is their
# reason right after the state (attribution-cues.json, English blame word 'sanction ... over').
@pytest.mark.parametrize(
    "text",
    [
        "The United States sanctioned Russia for the SolarWinds hack.",
        "The United States imposed sanctions on Russia over the SolarWinds hack.",
        "The United States imposed new sanctions against Russia in response to the SolarWinds "
        "hack.",
    ],
)
def test_a_state_sanctioned_for_a_cyber_act_is_the_target(text):
    entry = make_entry(text, references=["https://news.example/x"], language="en")
    rows = {
        (a.party, a.attributed_state, a.level, a.statement_type)
        for a in extract_attributions(entry)
    }
    assert rows == {("US", "RU", "state", "sanctions")}


def test_sanctions_on_a_state_for_something_else_are_no_attribution():
    text = (
        "The EU renewed its sanctions against Russia for another six months, on the day the "
        "hack of the ministry became known."
    )
    assert found(text) == set()


# "attributed <the act> to <target>": the target follows the "to" that closes the verb's first
# object, however long that object is (a government phrase had to be within 25 characters of
# the verb, a state's name within 60).
@pytest.mark.parametrize(
    "target",
    ["the Iranian government", "Iran"],
)
def test_the_target_after_a_long_object_of_attributed_to(target):
    text = (
        "The US government attributed the cyber attack on the water utility in Pennsylvania "
        f"and on two hospitals in the region to {target}."
    )
    assert found(text) == {("US", "IR", "state")}


def test_a_state_inside_the_long_object_is_no_target():
    text = (
        "The US government attributed the cyber attack on the German ministry and on two "
        "hospitals in the region to the Iranian government."
    )
    assert found(text) == {("US", "IR", "state")}


# A state as the subject of an attack verb, in each language as in English ("Russia carried out
# the attack"): the active voice of the act's agent (attribution-cues.json, roles cue and
# responsible of the language); negated, it is no attribution.
@pytest.mark.parametrize(
    ("language", "text", "negated"),
    [
        (
            "fr",
            "Le gouvernement néerlandais affirme que la Russie a mené la cyberattaque contre "
            "l'OIAC.",
            "Le gouvernement néerlandais affirme que la Russie n'a pas mené la "
            "cyberattaque contre l'OIAC.",
        ),
        (
            "es",
            "El gobierno neerlandés afirma que Rusia llevó a cabo el ciberataque contra la OPAQ.",
            "El gobierno neerlandés afirma que Rusia no llevó a cabo el ciberataque contra "
            "la OPAQ.",
        ),
        (
            "it",
            "Il governo olandese afferma che la Russia ha condotto l'attacco informatico "
            "contro l'OPAC.",
            "Il governo olandese afferma che la Russia non ha condotto "
            "l'attacco informatico contro l'OPAC.",
        ),
        (
            "pl",
            "Holenderski rząd twierdzi, że Rosja przeprowadziła cyberatak na OPCW.",
            "Holenderski rząd twierdzi, że Rosja nie przeprowadziła cyberataku na OPCW.",
        ),
        (
            "de",
            "Die niederländische Regierung sagt, Russland habe den Cyberangriff auf die OPCW "
            "durchgeführt.",
            "Die niederländische Regierung sagt, Russland habe den Cyberangriff "
            "auf die OPCW nicht durchgeführt.",
        ),
    ],
)
def test_a_state_as_the_subject_of_an_attack_verb_in_each_language(language, text, negated):
    assert found_in(text, language) == {("NL", "RU", "state")}
    assert found_in(negated, language) == set()


# States listed after a phrase of acting together ("joined by", "together with", "in a joint
# statement with") are partners of who attributes: they attributed with it, and were read as
# targets ("The United States accused China ..., joined by Britain" held Britain responsible).
@pytest.mark.parametrize(
    ("text", "parties"),
    [
        (
            "The United States accused China of the hack, joined by Britain, Australia and Japan.",
            {"US", "GB", "AU", "JP"},
        ),
        (
            "The United States accused China of the hack in a joint statement with Britain and "
            "Australia.",
            {"US", "GB", "AU"},
        ),
        ("The United States accused China of the hack, together with Britain.", {"US", "GB"}),
    ],
)
def test_states_acting_together_with_the_party_are_parties_not_targets(text, parties):
    assert found(text) == {(party, "CN", "state") for party in parties}

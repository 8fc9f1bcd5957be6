"""Public attribution in texts that name governments and cyber operations without attributing:
the wrong-tag classes found on the benchmark's round-ten dev texts (benchmarks/accuracy/
attribution, ids en10-*, de10-*, fr10-*: norms diplomacy, think-tank trackers and timelines,
extraditions, non-cyber sanctions, general warnings). Each sentence is self-written and failed
before the rule it names."""

from __future__ import annotations

import pytest

from misp_module.core.attribution import attribution_report

from conftest import attribution_tags_of as tags
from conftest import expected_attribution_tags as expected
from conftest import make_entry


# States listed together share their role: one member of a list never attributes to another
# ("China, Russia, Iran, and North Korea sponsored ..." names four actors and no accuser).
@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Since 2010, Russia, China, and Iran sponsored 80 percent of all suspected cyber "
            "operations.",
            id="list-sponsored",
        ),
        pytest.param(
            "China and Russia were behind most of the state cyber operations recorded in 2021.",
            id="two-behind",
        ),
    ],
)
def test_states_listed_together_are_no_accuser_of_each_other(text):
    assert tags(text) == []


def test_a_list_of_accusers_still_attributes_to_a_state_outside_it():
    text = "The United Kingdom and Australia blamed Russia for the cyber attack on Ukraine."
    assert tags(text) == expected(
        attributing=["AU", "GB"], states=["RU"], levels=["state"], types=["statement"]
    )


# A text that says in its head that it is a timeline, chronology or tracker of past incidents
# only recalls what it lists (attribution-cues.json, role compilation): evidence, not tags.
@pytest.mark.parametrize(
    "language, text",
    [
        pytest.param(
            "en",
            "A Short Timeline of State Hacking\n\nMarch\n\nUS officials blame China for the "
            "cyber attack on the Office of Personnel Management.",
            id="en-heading",
        ),
        pytest.param(
            "en",
            "Here is a chronology of the major incidents.\n\nIn May, US officials blamed China "
            "for the cyber attack on the Office of Personnel Management.",
            id="en-sentence",
        ),
        pytest.param(
            "de",
            "Chronik der Cyberangriffe\n\nMai: Die Bundesregierung macht Russland für den "
            "Cyberangriff auf den Bundestag verantwortlich.",
            id="de-heading",
        ),
    ],
)
def test_a_timeline_recalls_its_attributions(language, text):
    entry = make_entry(text, references=["https://news.example/x"], language=language)
    report = attribution_report(entry)
    assert report.rows == []
    assert report.background  # kept as evidence


def test_a_timeline_word_in_the_body_leaves_the_attribution_alone():
    text = (
        "The United Kingdom blamed Russia for the cyber attack on Ukraine. Officials gave a "
        "timeline of the intrusion that began in January."
    )
    assert tags(text) == expected(
        attributing=["GB"], states=["RU"], levels=["state"], types=["statement"]
    )


# A state that an attack hit is never who speaks: the object of an attack verb, the subject of
# its passive (attribution-cues.json, roles victim-verb and victim-passive).
@pytest.mark.parametrize(
    "language, text",
    [
        pytest.param(
            "en",
            "Latvia among nations hacked by China-backed groups, report says",
            id="en-among-nations-hacked",
        ),
        pytest.param(
            "en",
            "Iran-backed hackers tried to destabilize the Albanian government, the vendor's "
            "report says.",
            id="en-destabilize-government",
        ),
    ],
)
def test_a_victim_state_is_no_accuser(language, text):
    assert tags(text, language) == []


def test_a_victim_in_the_object_leaves_the_accuser():
    text = "The United States blamed Russia for hacking the Ukrainian government."
    assert tags(text) == expected(
        attributing=["US"], states=["RU"], levels=["state"], types=["statement"]
    )


# A text with a word of another act and no cyber word anywhere attributes no cyber operation,
# whatever it holds a state responsible for (attribution-genres.json, roles non-cyber and cyber;
# Czech "kyber", Polish "haker" added).
@pytest.mark.parametrize(
    "language, text",
    [
        pytest.param(
            "fr",
            "L'Union européenne a sanctionné des responsables russes. « Nous avons décidé de "
            "sanctionner les responsables de la mort de l'opposant », a annoncé le chef de la "
            "diplomatie européenne.",
            id="fr-sanctions-over-a-death",
        ),
        pytest.param(
            "de",
            "Die Bundesanwaltschaft geht davon aus, dass der Mann im Auftrag eines russischen "
            "Nachrichtendienstes Sabotageakte gegen Bahnlinien vorbereitete.",
            id="de-spying-on-railways",
        ),
    ],
)
def test_another_act_and_no_cyber_word_no_attribution(language, text):
    assert tags(text, language) == []


@pytest.mark.parametrize(
    "language, text, want",
    [
        pytest.param(
            "cs",
            "Česká vláda označila Čínu za odpovědnou za kyberkampaň proti ministerstvu.",
            expected(["CZ"], [], ["CN"], ["state"], ["statement"]),
            id="cs-kyber",
        ),
    ],
)
def test_the_cyber_words_of_other_languages_keep_the_attribution(language, text, want):
    assert tags(text, language) == want

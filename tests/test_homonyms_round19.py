"""Issue 16, round nineteen: a name that is both a threat actor and a Malpedia family gives one
cluster per span, chosen by the words around that span; each test text is written here, not
copied from a report."""

from __future__ import annotations

from conftest import REPORT_FILLER as FILLER
from conftest import make_entry
from conftest import tagged_pairs as _tags


def _named(result, *values: str) -> set[tuple[str, str]]:
    return {(g, v) for g, v in _tags(result) if v in values}


# --- a quote mark between the name and the word that says what it is ---


def test_a_quoted_name_before_a_malware_word_is_the_family(enricher):
    # "the ‘DarkHotel’ backdoor": the closing quote is no word, "backdoor" is the next one.
    text = (
        FILLER
        + (
            " We looked at the ‘DarkHotel’ backdoor on hotel networks. The “DarkHotel” implant"
            " hid well. DarkHotel wrote logs. DarkHotel stole data."
        )
        * 3
    )
    result = enricher.enrich(make_entry(text, title="Notes from a hotel network"))
    assert _named(result, "DarkHotel") == {("malpedia", "DarkHotel")}


def test_a_quoted_name_after_an_actor_word_is_the_actor(enricher):
    # Two quoted "group X" outvote one "X samples": the spans without words go the actor's way.
    text = (
        FILLER
        + (
            " We call this group “DarkHotel” in our reports. The group ‘DarkHotel’ chose hotel"
            " guests. DarkHotel samples were few. DarkHotel waited."
        )
        * 3
    )
    result = enricher.enrich(make_entry(text, title="Notes from a hotel network"))
    assert _named(result, "DarkHotel") == {("threat-actor", "DarkHotel")}


# --- the possessive of a name that owns people: the actor ---


def test_a_name_whose_operators_are_named_in_its_possessive_is_the_actor(enricher):
    # "Kimsuky's operators" are people: the actor's. One "Kimsuky malware" does not make
    # the other spans the family.
    text = (
        FILLER
        + (
            " The Kimsuky malware hides. Kimsuky's operators sent lures. Kimsuky’s operators"
            " chose targets. Kimsuky's attackers left."
        )
        * 3
    )
    result = enricher.enrich(make_entry(text, title="Notes on a phishing wave"))
    assert _named(result, "Kimsuky") == {("threat-actor", "Kimsuky")}


def test_a_possessive_before_a_malware_word_does_not_make_the_name_the_family(enricher):
    # "Kimsuky's backdoor" is the actor's tool: the possessive says owner, not family.
    text = (
        FILLER + (" Kimsuky's backdoor hides. Kimsuky's loader runs first. Kimsuky sent lures.") * 3
    )
    result = enricher.enrich(make_entry(text, title="Notes on a phishing wave"))
    assert ("malpedia", "Kimsuky") not in _tags(result)


# --- the noun the name completes: "the Turla espionage group", "new variants of X" ---


def test_a_kind_word_after_one_modifier_says_what_the_name_is(enricher):
    # "the Kimsuky espionage group" twice outvotes one "Kimsuky samples": the actor.
    text = (
        FILLER
        + (
            " The Kimsuky espionage group sent lures. We watched the Kimsuky hacking group for"
            " months. Kimsuky samples were few. Kimsuky waited."
        )
        * 3
    )
    result = enricher.enrich(make_entry(text, title="Notes on a phishing wave"))
    assert _named(result, "Kimsuky") == {("threat-actor", "Kimsuky")}


def test_a_name_completing_a_malware_noun_with_of_is_the_family(enricher):
    # "new variants of DarkHotel", "infections of DarkHotel": the family, though the report
    # never puts a malware word right beside the name.
    text = (
        FILLER
        + (
            " We found new variants of DarkHotel on hotel networks. Most infections of DarkHotel"
            " were in Asia. DarkHotel wrote logs. DarkHotel stole data."
        )
        * 3
    )
    result = enricher.enrich(make_entry(text, title="Notes from a hotel network"))
    assert _named(result, "DarkHotel") == {("malpedia", "DarkHotel")}
    # "the operators of DarkHotel": the actor.
    text = (
        FILLER
        + (
            " The operators of DarkHotel chose hotel guests. DarkHotel samples were few."
            " The operators of DarkHotel waited. DarkHotel wrote lures."
        )
        * 3
    )
    result = enricher.enrich(make_entry(text, title="Notes from a hotel network"))
    assert _named(result, "DarkHotel") == {("threat-actor", "DarkHotel")}

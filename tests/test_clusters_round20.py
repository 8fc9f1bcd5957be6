"""Issue 16, round twenty: classes of wrong and missed tags on dev and the unlabelled reports
(CTI-EACL24, audit seed 2001); each test text is written here, not copied from a report."""

from __future__ import annotations

from conftest import REPORT_FILLER as FILLER
from conftest import make_entry
from conftest import tagged_pairs as _tags

# --- a technical word that is a galaxy synonym (never-match) ---


def test_a_form_validator_is_no_doublefantasy_implant(enricher):
    # "VALIDATOR" is a synonym of DoubleFantasy; a post on a web framework's Validator
    # component names the component, never the implant.
    text = (
        FILLER
        + " The web framework checks every submitted form with its Validator component."
        + " When the Validator is switched off, a crafted field reaches the template engine."
        + " The Validator rules live in one XML file. Updating the Validator closes the hole."
    )
    result = enricher.enrich(make_entry(text, title="A flaw in the framework's Validator"))
    assert ("malpedia", "DoubleFantasy (Windows)") not in _tags(result)


def test_the_implant_is_still_found_by_its_own_name(enricher):
    text = (
        FILLER
        + " The first stage on every victim was DoubleFantasy, a small validator implant."
        + " DoubleFantasy checks that the victim is interesting before the next stage."
        + " DoubleFantasy then fetches the main platform. We found DoubleFantasy on 40 hosts."
    )
    result = enricher.enrich(make_entry(text, title="DoubleFantasy, the first stage"))
    assert ("malpedia", "DoubleFantasy (Windows)") in _tags(result)


# --- a group name the galaxy lacks (extra-synonyms) ---


def test_the_hangover_threat_group_is_viceroy_tiger(enricher):
    # The galaxy lists only "Operation Hangover" for VICEROY TIGER; vendors write "the Hangover
    # threat group".
    text = (
        "The Hangover threat group sent new lures to ministries in the region this spring. "
        + FILLER
        + " The Hangover threat group sent new lures to ministries in the region this spring."
        + " The lures dropped a small downloader that fetched plug-ins from the group's servers."
        + " This time the Hangover threat group reused its file names and its hosting providers."
    )
    result = enricher.enrich(make_entry(text, title="New lures from a South Asian group"))
    assert ("threat-actor", "VICEROY TIGER") in _tags(result)


def test_a_hangover_alone_is_an_ordinary_word(enricher):
    text = (
        FILLER
        + " The analysts came back after the holiday with a hangover and a long queue of alerts."
        + " The hangover of the old campaign was a set of stale domains still on the block list."
    )
    result = enricher.enrich(make_entry(text, title="After the holidays"))
    assert ("threat-actor", "VICEROY TIGER") not in _tags(result)


# --- what the subject is tied or connected to is not the subject ---

_TIES_SUBJECT = (
    "Our researchers found a new backdoor, GoldenHinge, in a ministry's network this spring. "
    + FILLER
    + " GoldenHinge reads its commands from a text file on a shared drive."
    + " GoldenHinge encrypts its traffic with a fixed key. GoldenHinge also logs keystrokes."
)


def test_a_family_named_only_as_what_the_subject_is_tied_to_is_no_tag(enricher):
    text = (
        "The new backdoor has infrastructure ties to older malware, such as PlugX, in the region. "
        + _TIES_SUBJECT
        + " Two of its servers show ties with PlugX samples from last year."
        + " We found connections to PlugX in one more domain."
    )
    result = enricher.enrich(make_entry(text, title="A new backdoor in a ministry"))
    assert ("malpedia", "PlugX") not in _tags(result)


def test_a_family_the_subject_is_tied_to_and_that_the_report_analyses_still_tags(enricher):
    # "ties to X" weighs only that mention: a family the report goes on to analyse is tagged.
    text = (
        "The new backdoor has infrastructure ties to older malware, such as PlugX, in the region. "
        + _TIES_SUBJECT
        + " PlugX was installed on the same hosts as a second stage. PlugX loaded its plug-ins"
        + " from the registry. PlugX then reached a different server. The PlugX builder was new."
        + " PlugX also stole documents."
    )
    result = enricher.enrich(make_entry(text, title="A new backdoor in a ministry"))
    assert ("malpedia", "PlugX") in _tags(result)


def test_a_tie_in_the_sentence_before_does_not_reach_the_next_sentence(enricher):
    # "ties to the ITG08 group. TerraLoader ..." the name opens the next sentence: no tie.
    text = (
        "The new backdoor has infrastructure ties to older malware in the region. PlugX samples"
        " were found beside it. "
        + _TIES_SUBJECT
        + " Two of its servers show ties to the same hosting firm. PlugX was found there too."
        + " We found PlugX on one more host."
    )
    result = enricher.enrich(make_entry(text, title="A new backdoor in a ministry"))
    assert ("malpedia", "PlugX") in _tags(result)


def test_in_connection_with_is_no_tie(enricher):
    # "arrested in connection with X" names the case the report is about, not a relation.
    text = (
        "Police arrested three men in connection with PlugX, the backdoor they sold. "
        + FILLER
        + " The men were charged in connection with PlugX sales to several groups."
        + " PlugX was rented by the month."
    )
    result = enricher.enrich(make_entry(text, title="Arrests over a rented backdoor"))
    assert ("malpedia", "PlugX") in _tags(result)

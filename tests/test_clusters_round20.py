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

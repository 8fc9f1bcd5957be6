"""A report about malware none of whose names is salient is about its one clearly most-named
family (issue 16, round fourteen: the Google Play post whose droppers fetch BankBot)."""

from __future__ import annotations

from conftest import make_entry
from conftest import match_named as _match

FILLER = "The analysts stepped through the unpacking routine in the debugger. " * 80


def _report(*sentences: str, title: str = "A backdoor in kernel drivers"):
    return make_entry(FILLER + " ".join(sentences) + " " + FILLER, title=title)


THREE = (
    "We chose a Golroted sample for the demonstration.",
    "The Golroted driver registers a callback.",
    "Later the Golroted code parses a structure.",
)


def test_the_one_family_named_most_in_a_report_without_a_subject_is_tagged(enricher):
    result = enricher.enrich(_report(*THREE, "Rovnix was mentioned too."))
    m = _match(result, "malpedia", "Golroted")
    assert m.tagged
    assert "the one family a report with no other subject names most" in m.evidence[0].summary
    rovnix = _match(result, "malpedia", "Rovnix")
    assert rovnix is not None and not rovnix.tagged


def test_a_title_without_a_malware_noun_leaves_the_report_untagged(enricher):
    # Essays and product posts name a famous family as their example ("Solutions to current
    # antivirus challenges": Zeus four times).
    result = enricher.enrich(_report(*THREE, title="Solutions to current challenges"))
    assert not _match(result, "malpedia", "Golroted").tagged


def test_two_families_named_alike_leave_the_report_untagged(enricher):
    rovnix = ("A Rovnix sample ran.", "The Rovnix driver hid.", "Rovnix code was read.")
    result = enricher.enrich(_report(*THREE, *rovnix))
    assert not _match(result, "malpedia", "Golroted").tagged
    assert not _match(result, "malpedia", "Rovnix").tagged


def test_a_family_named_twice_stays_a_passing_mention(enricher):
    result = enricher.enrich(_report(*THREE[:2]))
    assert not _match(result, "malpedia", "Golroted").tagged


def test_a_report_with_a_salient_subject_keeps_its_other_families_in_passing(enricher):
    result = enricher.enrich(_report(*THREE, title="DarkGate loader returns"))
    assert _match(result, "malpedia", "DarkGate").tagged
    assert not _match(result, "malpedia", "Golroted").tagged


def test_the_generic_noun_coinminer_names_no_family(enricher):
    # Found by the round-fourteen audit: a post on compromised sites tagged Malpedia's
    # catch-all Coinminer from "malicious coinminers" once nothing else was salient.
    text = _report(
        "The site served a malicious coinminer.",
        "The coinminer throttles the CPU.",
        "Each coinminer mines Monero.",
    )
    result = enricher.enrich(text)
    assert {m.value for m in result.matches} & {"Coinminer", "Monero Miner"} == set()

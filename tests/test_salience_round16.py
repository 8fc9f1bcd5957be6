"""Issue 16, round sixteen: classes of wrong tags and named misses found on the round-sixteen
dev reports (CTI-EACL24, seed 1616) and unlabelled audit samples; each test text is written
here, not copied from a report."""

from __future__ import annotations

from conftest import (
    REPORT_FILLER as FILLER,
)
from conftest import (
    make_entry,
)
from conftest import (
    match_named as _match,
)
from conftest import (
    tagged_pairs as _tags,
)

# --- a family group: the report's family on a second platform is its subject too ---


def test_a_salient_familys_second_platform_named_by_its_platform_word_tags_too(enricher):
    # The Windows backdoor is the subject; its Linux version is named twice with its platform
    # ("Linux/Exaramel.A", "the Linux Exaramel backdoor"): both variants are what it is about.
    windows = " The Win32/Exaramel backdoor runs as a Windows service." * 8
    linux = (
        " During the response we found a Linux backdoor and named it Linux/Exaramel.A."
        " The Linux Exaramel backdoor is written in Go."
    )
    result = enricher.enrich(make_entry(FILLER + windows + linux, title="A new backdoor"))
    assert ("malpedia", "Exaramel (Windows)") in _tags(result)
    assert ("malpedia", "Exaramel (ELF)") in _tags(result)
    ev = _match(result, "malpedia", "Exaramel (ELF)").evidence[0]
    assert "second platform" in ev.summary
    # a detection name with the platform in the middle says it too
    dotted = " We detect the Go version as HEUR:Backdoor.Linux.Exaramel.a on servers." * 2
    result = enricher.enrich(make_entry(FILLER + windows + dotted, title="A new backdoor"))
    assert ("malpedia", "Exaramel (ELF)") in _tags(result)
    # once only with its platform word: a passing mention still
    linux_once = " During the response we also found Linux/Exaramel.A on a server."
    result = enricher.enrich(make_entry(FILLER + windows + linux_once, title="A new backdoor"))
    assert ("malpedia", "Exaramel (Windows)") in _tags(result)
    assert ("malpedia", "Exaramel (ELF)") not in _tags(result)
    # the family not salient: a second platform named twice is no subject either
    result = enricher.enrich(make_entry(FILLER + linux, title="x"))
    assert not {v for g, v in _tags(result) if v.startswith("Exaramel")}


# --- an ordinary word opening a title as its verb is no name ---


def test_an_ordinary_word_opening_a_title_before_a_lower_case_word_is_the_titles_verb(enricher):
    # "Stop using ..." opens the title as a verb; the title's "malware" says the report is
    # about malware, not that "Stop" is the STOP ransomware.
    title = "Stop using the old browser, project advises users after malware outbreak"
    result = enricher.enrich(make_entry(FILLER, title=title))
    assert ("malpedia", "STOP") not in _tags(result)
    # a name opening a title, set apart from the rest, is still the report's subject
    result = enricher.enrich(make_entry(FILLER, title="Moose, the router worm that feeds"))
    assert ("malpedia", "Moose") in _tags(result)
    result = enricher.enrich(make_entry(FILLER, title="Stop: a ransomware family that grows"))
    assert ("malpedia", "STOP") in _tags(result)


# --- a group's name less its group word is the group, not the family of that synonym ---


def test_a_groups_short_name_in_a_report_on_the_group_is_not_a_familys_synonym(enricher):
    # "Poseidon" is a synonym of the FindPOS point-of-sale family; in a report on the Poseidon
    # Group, "Poseidon" alone is the group's short name.
    text = (
        " The Poseidon Group is a targeted-attack boutique. The Poseidon Group sells data."
        + " In each case the Poseidon implants stole documents from the networks." * 8
    )
    result = enricher.enrich(make_entry(FILLER + text, title="Poseidon Group: a boutique"))
    assert ("threat-actor", "Poseidon Group") in _tags(result)
    assert ("malpedia", "FindPOS") not in _tags(result)
    # without the group's name the synonym still names the family
    text = " In each store the Poseidon point-of-sale malware scraped card data." * 8
    result = enricher.enrich(make_entry(FILLER + text, title="A point-of-sale threat"))
    assert ("malpedia", "FindPOS") in _tags(result)
    # one "<name> group" in a report on the malware of that name leaves the name the malware's
    text = (
        " In each case the Shamoon wiper erased the disks of its victims." * 8
        + " The Shamoon group is one of its users."
    )
    result = enricher.enrich(make_entry(FILLER + text, title="From Shamoon to a new wiper"))
    assert ("malpedia", "DistTrack") in _tags(result)


# --- a family's name less its generic suffix that is a rare English word ---


def test_a_rare_english_word_left_by_dropping_a_generic_suffix_is_the_word(enricher):
    # "Matryoshka" (Zipf 1.9) of "Matryoshka RAT": a title's "Trojan matryoshka" or "Pirate
    # matryoshka" is the nesting-doll metaphor, not the RAT.
    for title in ("Pirate matryoshka", "Non-Native Matryoshka: Service Centers Under Attack"):
        result = enricher.enrich(make_entry(FILLER, title=title))
        assert ("malpedia", "Matryoshka RAT") not in _tags(result)
    # the full name still finds it, and so does the short form in a report that writes it
    text = " The Matryoshka RAT was delivered by a lure. Later the Matryoshka payload ran." * 3
    result = enricher.enrich(make_entry(FILLER + text, title="A RAT in the wild"))
    assert ("malpedia", "Matryoshka RAT") in _tags(result)

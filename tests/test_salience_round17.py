"""Issue 16, round seventeen: classes of wrong tags found on the round-seventeen precision batch
(CTI-EACL24, seed 1717), dev and unlabelled audit samples; each test text is written here, not
copied from a report."""

from __future__ import annotations

from conftest import REPORT_FILLER as FILLER
from conftest import make_entry
from conftest import tagged_pairs as _tags

# --- a title's short form of a longer name the text writes throughout ---


def test_a_titles_name_that_ends_a_longer_name_the_text_uses_is_its_short_form(enricher):
    # The text is about Gameover Zeus (Malpedia 'Gameover P2P'); the title shortens it to
    # "Zeus", and the text names the original Zeus once only, as the family it came from.
    text = (
        FILLER
        + " Police disrupted the Gameover Zeus botnet this week." * 6
        + " Gameover Zeus is based on the original Zeus but uses a peer-to-peer network."
    )
    title = "Game over for Zeus and its peers"
    result = enricher.enrich(make_entry(text, title=title))
    assert ("malpedia", "Gameover P2P") in _tags(result)
    assert ("malpedia", "Zeus") not in _tags(result)
    # the text naming Zeus itself throughout: Zeus is a subject in its own right
    own = " The Zeus trojan steals banking credentials from its victims." * 8
    result = enricher.enrich(make_entry(text + own, title=title))
    assert ("malpedia", "Zeus") in _tags(result)


# --- a title's ordinary word that ends the proper name opening the title ---


def test_a_titles_ordinary_word_ending_the_name_that_opens_the_title_is_that_name(enricher):
    # "Google Play" opens the title; the text writes it inside sentences: "Play" is the
    # store, not the PLAY ransomware.
    text = FILLER + " Apps on Google Play now go through a human review. " * 3
    result = enricher.enrich(make_entry(text, title="Google Play security tightened"))
    assert ("malpedia", "PLAY") not in _tags(result)
    # the family opening the title beside a malware noun is still the family
    text = FILLER + " The Play ransomware encrypts files and appends an extension. " * 3
    result = enricher.enrich(make_entry(text, title="Play ransomware hits cities"))
    assert ("malpedia", "PLAY") in _tags(result)


# --- an ordinary word capitalised in the title only ---


def test_an_ordinary_word_capitalised_only_in_the_title_is_the_titles_word(enricher):
    # The text never names it: "Royal" before a lower-case word in a sentence-case title
    # qualifies that word ("Royal reporter"); it is no mention of the Royal ransomware.
    text = FILLER + " The reporter said he had accessed the voicemail many times. " * 3
    result = enricher.enrich(make_entry(text, title="Former Royal reporter: I hacked her phone"))
    assert not {v for g, v in _tags(result) if v.startswith("Royal")}
    # the text naming it too, inside a sentence, keeps the title's capitals telling
    text += " The Royal operators then asked for a ransom. " * 2
    result = enricher.enrich(make_entry(text, title="Former Royal affiliates: a new ransom note"))
    assert {v for g, v in _tags(result) if v.startswith("Royal")}

"""Issue 16, round eighteen: classes of missed and wrong tags found on the round-eighteen batch
(CTI-EACL24, seed 1818), dev and the unlabelled reports; each test text is written here, not
copied from a report."""

from __future__ import annotations

from conftest import REPORT_FILLER as FILLER
from conftest import make_entry
from conftest import tagged_pairs as _tags

# --- the tool of the actor the title names, named in the actor's possessive ---


def test_a_family_in_the_possessive_of_the_titles_actor_is_its_tool_at_work(enricher):
    # The report is about FIN7 (its title, named throughout); the backdoor it drops is named
    # five times, once as "FIN7's HALFBAKED backdoor": the group's own tool, shown at work.
    text = (
        FILLER
        + " FIN7 sent the lures to restaurant chains in the spring. " * 12
        + " The macro then ran a script that installs FIN7's HALFBAKED backdoor on the host."
        + " Each HALFBAKED build polled its server every few minutes."
        + " HALFBAKED took screenshots when told to. HALFBAKED also listed the running processes."
        + " The operators removed HALFBAKED after a week."
    )
    result = enricher.enrich(make_entry(text, title="FIN7 lures restaurant chains"))
    assert ("threat-actor", "FIN7") in _tags(result)
    assert ("malpedia", "HALFBAKED") in _tags(result)


def test_the_same_family_without_the_actors_possessive_stays_a_passing_mention(enricher):
    text = (
        FILLER
        + " FIN7 sent the lures to restaurant chains in the spring. " * 12
        + " The macro then ran a script that installs the HALFBAKED backdoor on the host."
        + " Each HALFBAKED build polled its server every few minutes."
        + " HALFBAKED took screenshots when told to. HALFBAKED also listed the running processes."
        + " The operators removed HALFBAKED after a week."
    )
    result = enricher.enrich(make_entry(text, title="FIN7 lures restaurant chains"))
    assert ("malpedia", "HALFBAKED") not in _tags(result)


def test_the_possessive_of_an_actor_the_title_does_not_name_is_no_tool_at_work(enricher):
    # The report is about ransomware; FIN7 is its second actor, named often but not in the
    # title: the tool of that actor, named in passing, stays a passing mention.
    text = (
        FILLER
        + " The intruders, whom we link to FIN7, moved laterally in a day. " * 12
        + " They first installed FIN7's HALFBAKED backdoor on one host."
        + " Each HALFBAKED build polled its server every few minutes."
        + " HALFBAKED took screenshots when told to. HALFBAKED also listed the running processes."
        + " The operators removed HALFBAKED after a week."
    )
    result = enricher.enrich(make_entry(text, title="A week inside a ransomware intrusion"))
    assert ("threat-actor", "FIN7") in _tags(result)
    assert ("malpedia", "HALFBAKED") not in _tags(result)


# --- a malware family the report names itself, in its introduction ---

_INTRO = "The intruders reached the build servers of two game studios in the spring. "


def test_a_family_the_report_names_itself_in_its_introduction_is_its_subject(enricher):
    # Named twice only, but in the report's own voice: what it analyses.
    text = (
        _INTRO
        + "They installed a new modular backdoor, which we named PipeMon, on each server. "
        + FILLER * 2
        + " PipeMon loads its modules from an encrypted registry value."
    )
    result = enricher.enrich(make_entry(text, title="Game studios breached again"))
    assert ("malpedia", "PipeMon") in _tags(result)


def test_a_family_named_as_often_but_not_by_the_report_stays_a_passing_mention(enricher):
    text = (
        _INTRO
        + "They installed a modular backdoor, PipeMon, on each server. "
        + FILLER * 2
        + " PipeMon loads its modules from an encrypted registry value."
    )
    result = enricher.enrich(make_entry(text, title="Game studios breached again"))
    assert ("malpedia", "PipeMon") not in _tags(result)


def test_a_name_coined_in_an_earlier_report_or_deep_in_the_text_is_no_subject(enricher):
    # The sentence recalls the last report's subject ...
    earlier = (
        _INTRO
        + "Our previous publication described a backdoor that we call PipeMon. "
        + FILLER * 2
        + " PipeMon loads its modules from an encrypted registry value."
    )
    result = enricher.enrich(make_entry(earlier, title="Game studios breached again"))
    assert ("malpedia", "PipeMon") not in _tags(result)
    # ... and a side tool named far into a long report is no subject either
    deep = (
        _INTRO
        + FILLER * 2
        + " They also used a small backdoor, which we named PipeMon, on one server."
        + " PipeMon loads its modules from an encrypted registry value."
    )
    result = enricher.enrich(make_entry(deep, title="Game studios breached again"))
    assert ("malpedia", "PipeMon") not in _tags(result)


# --- an ordinary-word name as a word of a product's name ---


def test_an_ordinary_word_before_a_product_noun_is_no_family(enricher):
    # "Rogue AV" is a fake anti-virus product (scareware), named throughout: no mention of
    # the Rogue family, however often it is written as the galaxy writes it.
    text = FILLER + (
        " The worm sends users to the Security Shield Rogue AV."
        " A warning from the Rogue AV claims the disk is infected."
        " Paying for the Rogue AV brings a licence key and nothing else."
        " The interface of the Rogue AV speaks the language of the system."
        " Obfuscated scripts load the Rogue AV page."
        " Each domain of the Rogue AV lives a day or two."
    )
    result = enricher.enrich(make_entry(text, title="Twitter worm pushes fake anti-virus"))
    assert not {v for g, v in _tags(result) if g == "malpedia" and v in ("Rogue", "Dark Shades")}
    # the same word beside a malware noun throughout is the family
    text = FILLER + (
        " The worm sends users to the Rogue trojan."
        " A warning from the Rogue trojan claims the disk is infected."
        " Paying the Rogue trojan's operators brings a key and nothing else."
        " The interface of the Rogue trojan speaks the language of the system."
        " Obfuscated scripts load the Rogue trojan."
        " Each domain of the Rogue trojan lives a day or two."
    )
    result = enricher.enrich(make_entry(text, title="Twitter worm pushes a trojan"))
    assert {v for g, v in _tags(result) if g == "malpedia" and v in ("Rogue", "Dark Shades")}


# --- a title's name that the text names only as a yardstick ---


def test_a_title_name_the_text_only_compares_with_is_no_subject(enricher):
    # The title measures the subject against Hacking Team; the text never names the group
    # but in comparisons: the yardstick, not what the report is about.
    title = "Skygofree: following in the footsteps of HackingTeam"
    text = (
        FILLER
        + " Skygofree is an Android spyware that records audio when the phone is in a place."
        + " Its loader checks the device and downloads the payload modules one by one."
        + " The spyware is similar to HackingTeam's mobile implant in its use of accessibility."
    )
    result = enricher.enrich(make_entry(text, title=title))
    assert ("threat-actor", "Hacking Team") not in _tags(result)
    # the text naming the group in a sentence of its own keeps the title's point
    text += " HackingTeam sold such implants to governments for years."
    result = enricher.enrich(make_entry(text, title=title))
    assert ("threat-actor", "Hacking Team") in _tags(result)

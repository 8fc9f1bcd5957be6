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

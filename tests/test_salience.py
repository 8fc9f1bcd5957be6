"""What a report is about: salience, name forms, shared names, rules as data (issue 16)."""

from __future__ import annotations

import json

import pytest

from misp_module.core import namerules
from misp_module.core.rules import shipped
from misp_module.core.salience import Document
from misp_module.core.urls import normalize_url

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

# --- family groups: the bare name finds the family, platform cues choose the variant ---


def test_bare_family_name_finds_the_windows_variant_by_default(enricher):
    result = enricher.enrich(make_entry(FILLER, title="LockBit ransomware hits a hospital"))
    assert ("malpedia", "LockBit (Windows)") in _tags(result)
    assert ("malpedia", "LockBit (ELF)") not in _tags(result)
    m = _match(result, "malpedia", "LockBit (Windows)")
    assert "family name" in m.evidence[0].summary


def test_platform_cue_chooses_the_variant(enricher):
    text = "The Linux build of LockBit targets ESXi servers. " + FILLER
    result = enricher.enrich(make_entry(text, title="LockBit for Linux and ESXi"))
    assert ("malpedia", "LockBit (ELF)") in _tags(result)
    assert ("malpedia", "LockBit (Windows)") not in _tags(result)


def test_generic_suffix_and_spacing_variants(enricher):
    result = enricher.enrich(make_entry(FILLER, title="Trochilus returns, with RoyalDNS"))
    assert ("malpedia", "Trochilus RAT") in _tags(result)
    assert ("malpedia", "Royal DNS") in _tags(result)


# --- shared names: ownership and context, one span one cluster ---


def test_value_beats_synonym_within_a_galaxy(enricher):
    result = enricher.enrich(make_entry(FILLER, title="OilRig group targets banks"))
    actors = _tags(result, "threat-actor")
    assert ("threat-actor", "OilRig") in actors
    assert not [m for m in result.matches if m.value == "CHRYSENE"]


@pytest.mark.parametrize(
    "title, galaxy",
    [("The DarkHotel group is back", "threat-actor"), ("A new DarkHotel backdoor", "malpedia")],
)
def test_context_words_choose_actor_or_malware(enricher, title, galaxy):
    result = enricher.enrich(make_entry(FILLER, title=title))
    found = {g for g, v in _tags(result) if v == "DarkHotel"}
    assert found == {galaxy}


def test_homonym_without_context_is_the_actor_only(enricher):
    result = enricher.enrich(make_entry(FILLER, title="Kimsuky in 2024"))
    assert {g for g, v in _tags(result) if v == "Kimsuky"} == {"threat-actor"}


# --- dictionary words that earn a tag ---


def test_dictionary_word_earns_a_tag_in_the_title_or_beside_a_malware_noun(enricher):
    titled = enricher.enrich(make_entry(FILLER, title="Moose, the router worm"))
    assert ("malpedia", "Moose") in _tags(titled)
    beside = "The Moose worm spreads over telnet. " + FILLER + " Moose again. Moose once more."
    assert ("malpedia", "Moose") in _tags(enricher.enrich(make_entry(beside, title="x")))
    plain = "A moose crossed the road. " + FILLER + " Moose is a word. Moose said so. Moose."
    result = enricher.enrich(make_entry(plain, title="x"))
    assert ("malpedia", "Moose") not in _tags(result)
    (m,) = [m for m in result.matches if m.value == "Moose"]
    assert "ordinary English word" in m.evidence[0].note


# --- salience: lists, URLs, negation, the opening ---


def test_a_list_of_names_tags_none_of_them(enricher):
    names = "APT28, APT29, APT33, APT34, APT35, APT37, APT38, APT39, APT40, APT41"
    text = FILLER + f" Groups tracked this year: {names}. " + FILLER
    result = enricher.enrich(make_entry(text, title="Annual review"))
    assert not _tags(result, "threat-actor")
    m = _match(result, "threat-actor", "APT40")
    assert "in list" in m.evidence[0].note


def test_names_in_urls_or_negated_only_corroborate(enricher):
    text = (
        "See https://example.org/reports/apt40-tooling.html for background. "
        + FILLER
        + " This activity is not related to APT40. It is unlike APT40."
    )
    result = enricher.enrich(make_entry(text, title="x"))
    m = _match(result, "threat-actor", "APT40")
    assert m is not None and not m.tagged
    assert "in url" in m.evidence[0].note and "negated" in m.evidence[0].note


def test_evidence_names_the_signals_that_carried_the_tag(enricher):
    text = "APT40 sent lures to shipping firms. " + FILLER + " APT40 again. " * 3
    result = enricher.enrich(make_entry(text, title="APT40 targets shipping"))
    m = _match(result, "threat-actor", "APT40")
    assert m.tagged
    summary = m.evidence[0].summary
    assert "salient: title, opening, 4 mentions" in summary


def test_the_reports_own_attribution_in_its_opening_makes_the_actor_salient(enricher):
    def fin1(opening_sentence, lead=""):
        text = lead + opening_sentence + FILLER + " FIN1 returned in 2015. " + FILLER
        result = enricher.enrich(make_entry(text, title="A bootkit at a bank"))
        return _match(result, "threat-actor", "FIN1")

    m = fin1("We found a financially motivated threat group that we track as FIN1. ")
    assert m.tagged
    assert "the report attributes the activity to it" in m.evidence[0].summary
    # Someone else's attribution of other samples, or the phrase far from the opening: named
    # twice, a passing mention.
    assert not fin1("The samples were attributed to FIN1 by other vendors. ").tagged
    assert not fin1("We track the group as FIN1. ", lead=FILLER).tagged
    # "we attribute ... to" in the report's voice counts; a rejected attribution does not.
    assert fin1("We attribute this campaign with high confidence to FIN1. ").tagged
    assert not fin1("We do not attribute this campaign to FIN1. ").tagged


# --- never-match, extra synonyms, URL rewrites: data files ---


def test_never_match_words_are_not_searched(enricher):
    text = "The payload is compressed with zlib and started by autorun and systemd. " * 5
    result = enricher.enrich(make_entry(text, title="zlib and autorun"))
    assert not result.matches
    names = {e["name"] for e in shipped().of("never-match")}
    assert {"zlib", "autorun", "systemd", "ext4", "ChaCha", "backspace", "getshell"} <= names
    # Technical words found by the round-nine audit: the mining algorithm, the WordPress feature.
    text = "Monero uses the CryptoNight algorithm. WordPress Pingback attacks rose. " * 5
    assert not enricher.enrich(make_entry(text, title="CryptoNight and Pingback")).matches
    assert all(e.get("why") or e.get("source") for e in shipped().of("never-match"))


def test_the_tcp_reply_syn_ack_is_not_the_synack_ransomware(enricher):
    # McAfee's "SYN/ACK" (a protection technique named after the TCP reply) is our spacing of
    # the family SynAck; the family written as Malpedia writes it still tags.
    text = FILLER + "The SYN/ACK technique answers each probe. Syn/Ack replies are spoofed. "
    result = enricher.enrich(make_entry(text, title="SYN/ACK Unique Proactive Protection"))
    assert _match(result, "malpedia", "SynAck") is None
    result = enricher.enrich(make_entry(FILLER, title="SynAck ransomware uses doppelganging"))
    assert ("malpedia", "SynAck") in _tags(result)


def test_a_detection_schemes_type_word_is_not_a_family(enricher):
    # Kaspersky's "Net-Worm.IphoneOS.Ike": "Net-Worm" is the vendor's type (a synonym spacing
    # of the family NetWorm); Ike is the family.
    text = FILLER + "iPhone Net-Worm.IphoneOS.Ike\nNet-Worm.IphoneOS.Ike.b spread. " * 4
    result = enricher.enrich(make_entry(text, title="Mobile malware evolution"))
    assert ("malpedia", "NetWorm") not in _tags(result)
    assert "generic detection name" in _match(result, "malpedia", "NetWorm").evidence[0].note
    # Quick Heal, the anti-virus vendor, is no family either.
    text = FILLER + "A friend from the antivirus company Quick Heal Technologies wrote. " * 4
    result = enricher.enrich(make_entry(text, title="Lies and Spyzooka"))
    assert _match(result, "malpedia", "QuickHeal") is None


def test_extra_synonym_names_its_cluster(enricher):
    result = enricher.enrich(make_entry(FILLER, title="Gold Dragon widens its attacks"))
    assert ("malpedia", "GoldDragon") in _tags(result)
    result = enricher.enrich(make_entry(FILLER, title="Hide \u2018N Seek botnet updates arsenal"))
    assert ("malpedia", "Hide and Seek") in _tags(result)


@pytest.mark.parametrize(
    "moved, current",
    [
        (
            "https://www.cfr.org/interactive/cyber-operations/pla-unit-61398",
            "https://www.cfr.org/cyber-operations/pla-unit-61398",
        ),
        (
            "https://www.fireeye.com/blog/threat-research/2014/03/"
            "a-detailed-examination-of-the-siesta-campaign.html",
            "https://cloud.google.com/blog/topics/threat-intelligence/"
            "a-detailed-examination-of-the-siesta-campaign/",
        ),
        (
            "https://www.microsoft.com/en-us/security/blog/2021/03/02/x/",
            "https://www.microsoft.com/security/blog/2021/03/02/x/",
        ),
        (
            "https://researchcenter.paloaltonetworks.com/2016/05/the-oilrig-campaign/",
            "https://unit42.paloaltonetworks.com/the-oilrig-campaign/",
        ),
    ],
)
def test_url_rewrites_join_moved_pages(moved, current):
    rules = tuple((e["pattern"], e["replace"]) for e in shipped().of("url-rewrites"))
    assert namerules.rewrite(normalize_url(moved), rules) == namerules.rewrite(
        normalize_url(current), rules
    )
    assert normalize_url(moved) != normalize_url(current)


def test_moved_report_url_still_finds_the_cited_cluster(enricher):
    moved = "https://www.cfr.org/interactive/cyber-operations/pla-unit-61398"
    result = enricher.enrich(make_entry("nothing", title="x", references=[moved]))
    refs = [e for m in result.tagged_matches for e in m.evidence if e.kind == "reference"]
    assert refs and all(e.url == moved for e in refs)


def test_rules_files_are_valid_json_with_a_reason_per_entry():
    for kind in ("never-match", "extra-synonyms", "url-rewrites"):
        entries = shipped().of(kind)
        assert entries, kind
        for e in entries:
            assert e.get("why") or e.get("source"), (kind, e)
        json.dumps(entries)


# --- unknown actor names: candidates with spans, never tags ---


def test_unknown_names_in_vendor_schemes_are_candidates_not_tags(enricher):
    text = (
        "Microsoft tracks the actor as Quixotic Typhoon; Mandiant as UNC9999. TA0001 is a tactic."
    )
    result = enricher.enrich(make_entry(text, title="x"))
    by_name = {u.main_name: u for u in result.unresolved}
    assert set(by_name) == {"Quixotic Typhoon", "UNC9999"}
    span = by_name["Quixotic Typhoon"].spans[0]
    assert text[span.start : span.end] == "Quixotic Typhoon"
    assert not result.tagged_matches
    record = result.to_record()
    assert any(u["source_id"] == "text" and u["spans"] for u in record["unresolved_actors"])


def test_eu_declaration_text_alone_tags_exactly_apt40_and_apt31(eu_entry, enricher):
    # The declaration names each group once, side by side, in a two-page text: in a text
    # that short, its opening runs past the first 1,000 characters and its clusters are few.
    from dataclasses import replace

    text_only = replace(eu_entry, references=(), files={}, sha1="0" * 40)
    result = enricher.enrich(text_only)
    assert _tags(result) == {("threat-actor", "APT40"), ("threat-actor", "APT31")}


def test_a_name_ending_a_longer_name_of_another_cluster_is_found_too(enricher):
    # "Operation AppleJeus" is a name of Lazarus; AppleJeus, the malware, is named within it.
    text = "The macOS installer drops the macOS payload. " + FILLER
    result = enricher.enrich(make_entry(text, title="Operation AppleJeus Sequel"))
    assert ("threat-actor", "Lazarus Group") in _tags(result)
    assert ("malpedia", "AppleJeus (OS X)") in _tags(result)
    # "Lazarus" inside "Lazarus Group" stays one mention of one cluster.
    group = enricher.enrich(make_entry("Lazarus Group struck again.", title="x"))
    m = _match(group, "threat-actor", "Lazarus Group")
    assert m.evidence[0].spans[0].text == "Lazarus Group" and len(m.evidence[0].spans) == 1


def test_a_phrase_is_not_a_name_without_its_suffix(enricher):
    # "Devil's Rat" without its generic suffix would be the phrase "the devil's in ...".
    result = enricher.enrich(make_entry(FILLER, title="The devil's in the Rich header"))
    assert not [m for m in result.matches if m.value == "Devil's Rat"]


def test_in_a_short_note_the_title_names_the_subject(enricher):
    short = "Mirai and Mirai again hit Linux. " + "Scanning of SSH servers went on. " * 40
    result = enricher.enrich(make_entry(short, title="New Linux/Rakos threat"))
    assert ("malpedia", "Rakos") in _tags(result)
    assert ("malpedia", "Mirai (ELF)") not in _tags(result)
    untitled = enricher.enrich(make_entry(short, title="A note"))
    assert ("malpedia", "Mirai (ELF)") in _tags(untitled)


# --- round three: what the sentence says about a name, aliases, comparisons, phrases ---


def _second_family(enricher, sentence):
    """Golroted named five times beside a subject named twelve times, past the opening."""
    text = (
        FILLER
        + " DarkGate spread again." * 12
        + f" {sentence} Golroted returned. Golroted hid. Golroted slept. Golroted woke."
    )
    return _match(enricher.enrich(make_entry(text, title="x")), "malpedia", "Golroted")


@pytest.mark.parametrize(
    "sentence",
    [
        "The loader fetched a password stealer called Golroted.",
        "Golroted, a password stealer, was fetched.",
        "Golroted is a remote access Trojan.",
        "It fetched Golroted (aka the loader), an old credential stealer.",
    ],
)
def test_a_sentence_that_says_what_a_name_is_makes_it_salient(enricher, sentence):
    m = _second_family(enricher, sentence)
    assert m.tagged
    assert "the text says what it is" in m.evidence[0].summary


def test_a_name_said_without_its_role_stays_a_passing_mention(enricher):
    m = _second_family(enricher, "The loader fetched Golroted.")
    assert not m.tagged
    assert "the text says what it is" not in (m.evidence[0].note or "")


def test_a_subject_called_malware_and_never_a_group_tags_actor_and_family(enricher):
    text = "Attor, a spy platform, loads plugins. " + FILLER + " Attor again. Attor once more."
    result = enricher.enrich(make_entry(text, title="Attor and its plugins"))
    assert {g for g, v in _tags(result) if v == "Attor"} == {"threat-actor", "malpedia"}
    # A platform word between the name and the malware word still says malware.
    text = "OceanLotus returned. OceanLotus hid. OceanLotus slept. " + FILLER
    result = enricher.enrich(make_entry(text, title="OceanLotus macOS backdoor update"))
    assert ("malpedia", "OceanLotus") in _tags(result)
    assert ("threat-actor", "APT32") in _tags(result)
    # Called a group once: the actor only, as before.
    grouped = "The Attor group loads plugins. " + FILLER + " Attor again. Attor once more."
    result = enricher.enrich(make_entry(grouped, title="Attor and its plugins"))
    assert {g for g, v in _tags(result) if v == "Attor"} == {"threat-actor"}


def test_a_homonym_called_malware_only_past_the_opening_stays_one_cluster(enricher):
    text = FILLER + " Attor, a spy platform, loads plugins. Attor again. " * 4
    result = enricher.enrich(make_entry(text, title="x"))
    assert {g for g, v in _tags(result) if v == "Attor"} == {"malpedia"}


def test_aliases_in_one_run_count_once(enricher):
    text = FILLER + " We saw Cycldek (aka Goblin Panda and Conimes) in Vietnam. Cycldek again."
    result = enricher.enrich(make_entry(text, title="x"))
    (m,) = [m for m in result.matches if m.value == "GOBLIN PANDA"]
    assert "a passing mention: 2 mentions" in m.evidence[0].note
    # The same name twice is two mentions, not an alias.
    text = FILLER + " We saw Cycldek and Cycldek in Vietnam. Cycldek again."
    (m,) = [m for m in enricher.enrich(make_entry(text, title="x")).matches]
    assert m.tagged and "salient: 3 mentions" in m.evidence[0].summary


def test_a_name_the_subject_is_compared_with_counts_a_quarter(enricher):
    subject = " Mekotio stole credentials." * 10
    compared = (
        " The string encryption is similar to Casbaneiro. It persists as does Casbaneiro."
        " It is less widely known than Casbaneiro. The protocol is the one used by"
        " Casbaneiro. It is reminiscent of the Casbaneiro loader."
    )
    result = enricher.enrich(make_entry(FILLER + subject + compared, title="x"))
    m = _match(result, "malpedia", "Metamorfo")
    assert not m.tagged and "in comparison" in m.evidence[0].note
    plain = " Casbaneiro stole credentials too." * 5
    result = enricher.enrich(make_entry(FILLER + subject + plain, title="x"))
    assert _match(result, "malpedia", "Metamorfo").tagged


def test_a_name_after_as_with_is_the_yardstick(enricher):
    # "As with Casbaneiro, Mekotio also ...": the subject measured against another family.
    subject = " Mekotio stole credentials." * 10
    compared = (
        " As with Casbaneiro, it hides its strings. Much like with Casbaneiro, it checks"
        " the locale. As with Casbaneiro, it uses fake pop-ups. As with Casbaneiro, it"
        " abuses installers. Much like with Casbaneiro, it steals coins."
    )
    result = enricher.enrich(make_entry(FILLER + subject + compared, title="x"))
    m = _match(result, "malpedia", "Metamorfo")
    assert not m.tagged and "in comparison" in m.evidence[0].note


def test_a_name_the_title_says_the_subject_impersonates_is_not_the_subject(enricher):
    result = enricher.enrich(make_entry(FILLER, title="TeslaCrypt disguised as CryptoWall"))
    assert ("malpedia", "TeslaCrypt") in _tags(result)
    assert ("malpedia", "Cryptowall") not in _tags(result)


def test_a_derived_phrase_of_english_words_counts_only_written_as_a_name(enricher):
    prose = "The RAT gives the attacker remote control of the host. " * 6
    result = enricher.enrich(make_entry(prose + FILLER, title="x"))
    assert not [m for m in result.matches if m.value == "RemoteControl"]
    result = enricher.enrich(make_entry(FILLER, title="Black Remote sold on forums"))
    assert ("malpedia", "BlackRemote") in _tags(result)
    # "Google Drive" (from "Google Drive RAT") is on the never-match list: a storage service.
    result = enricher.enrich(make_entry(FILLER, title="A Trojan that uses Google Drive for C2"))
    assert not [m for m in result.matches if m.value == "DriveOcean"]


def test_in_a_short_note_the_group_whose_aliases_it_lists_stays_the_subject(enricher):
    # A run of aliases is one mention for the counts, but in a note the group it spells out
    # is still the most-named: a ransomware named once beside it is not the note's subject.
    note = (
        "The government blamed the GRU and the hacking group APT28 (also known as Fancy Bear,"
        " Sofacy and Pawnstorm) for the attacks, including the BadRabbit ransomware."
    )
    result = enricher.enrich(make_entry(note + " Officials spoke to reporters." * 10, title="x"))
    assert _tags(result) == {("threat-actor", "APT28")}


def test_a_list_runs_on_past_a_name_no_cluster_has_and_another_languages_and(enricher):
    names = "APT 28, Fancy Bear, Sednit, CyberCalifate, Cyber Berkut, Voodoo Bear i BlackEnergy"
    text = FILLER + f" GRU jest powiązany z grupami, takimi jak {names}. " + FILLER
    result = enricher.enrich(make_entry(text, title="x"))
    for galaxy, value in (("threat-actor", "Sandworm"), ("malpedia", "BlackEnergy")):
        m = _match(result, galaxy, value)
        assert not m.tagged and "in list" in m.evidence[0].note


def test_our_spacing_of_a_family_after_operation_names_the_campaign(enricher):
    # "North Star" is only our spacing of the C2 framework NorthStar; "Operation North Star"
    # is a campaign. Written as the family, it still counts.
    text = "The Operation North Star campaign used job lures. " + FILLER
    result = enricher.enrich(make_entry(text, title="Operation North Star: behind the scenes"))
    m = _match(result, "malpedia", "NorthStar")
    assert not m.tagged and "in operation name" in m.evidence[0].note
    result = enricher.enrich(make_entry(FILLER, title="NorthStar, an open-source C2 framework"))
    assert ("malpedia", "NorthStar") in _tags(result)


# --- round four: classes found by the audit on unlabelled reports (audit.py) ---

NOTE = "Backups and patching remain the best defence for small firms. " * 30


def test_one_mention_in_a_short_note_is_no_subject(enricher):
    text = "Decryptors exist for many kinds of ransomware, including Cerber. " + NOTE
    m = _match(enricher.enrich(make_entry(text, title="Should you pay?")), "malpedia", "Cerber")
    assert not m.tagged
    assert "the most-named cluster of a short text" not in (m.evidence[0].note or "")
    # Named twice, or introduced by what it is, the note's one cluster is still its subject.
    twice = "Cerber is spreading. Cerber encrypts shares. " + NOTE
    assert ("malpedia", "Cerber") in _tags(enricher.enrich(make_entry(twice, title="x")))
    named = "The ransomware, named Cerber, is spreading. " + NOTE
    assert ("malpedia", "Cerber") in _tags(enricher.enrich(make_entry(named, title="x")))


def test_a_name_introduced_once_past_a_short_notes_opening_is_an_aside(enricher):
    # A note that explains in passing what a name is ("X, a piece of malware that ...") past
    # its opening is not about X: one mention, however introduced, there is no subject.
    aside = NOTE + "Years ago Cerber, a ransomware family, took the world by storm. " + NOTE
    m = _match(enricher.enrich(make_entry(aside, title="Should you pay?")), "malpedia", "Cerber")
    assert not m.tagged
    assert "the most-named cluster of a short text" not in (m.evidence[0].note or "")
    # The same sentence opening the note introduces its subject.
    opening = "Cerber, a ransomware family, took the world by storm. " + NOTE + NOTE
    result = enricher.enrich(make_entry(opening, title="Should you pay?"))
    assert ("malpedia", "Cerber") in _tags(result)


def test_an_ordinary_word_ending_a_longer_name_is_no_mention(enricher):
    # "Google Play" is the store, not the PLAY ransomware, however often a report names it.
    text = "The app was published on Google Play and stayed on Google Play for weeks. " * 6
    result = enricher.enrich(make_entry(text + NOTE, title="Fake apps in Google Play"))
    assert not [m for m in result.matches if m.value == "PLAY"]
    # "Operation Aurora" is named after its malware, Aurora.
    text = "Operation Aurora hit Google. The Operation Aurora attackers came back. " * 3
    assert ("malpedia", "Aurora") in _tags(enricher.enrich(make_entry(text + NOTE, title="x")))
    # First in its sentence, a capitalised word is no name of its own: "Then Maze ...".
    text = "The intruders stole data. Then Maze encrypted the servers. " * 5
    assert ("malpedia", "Maze") in _tags(enricher.enrich(make_entry(text + NOTE, title="x")))


def test_an_ordinary_word_first_on_a_line_is_not_written_as_a_name(enricher):
    # A table of tool output: every label starts a line capitalised ("Hook mode: ...").
    row = "********************\nHook mode: Usermode\nHook type: Inline\nProcess: 2416\n"
    result = enricher.enrich(make_entry(FILLER + row * 6, title="Memory forensics"))
    m = _match(result, "malpedia", "Hook")
    assert m is not None and not m.tagged
    assert "ordinary English word" in m.evidence[0].note


def test_an_ordinary_word_in_a_title_case_title_needs_more_than_its_capital(enricher):
    # In Title Case every word is capitalised: "Silicon" there says nothing about Sea Turtle.
    title = "Security on Silicon: The Next Big Step in Cyber Protection"
    result = enricher.enrich(make_entry(NOTE, title=title))
    assert ("threat-actor", "Sea Turtle") not in _tags(result)
    # A malware noun beside it, or the text writing it as a name too, still counts.
    result = enricher.enrich(make_entry(NOTE, title="Inside the Maze Ransomware Operation"))
    assert ("malpedia", "Maze") in _tags(result)
    text = NOTE + " The operators of Maze then leaked the files."
    result = enricher.enrich(make_entry(text, title="Escaping From the Maze Operators"))
    assert ("malpedia", "Maze") in _tags(result)
    # In a title in sentence case the capital is the galaxy's writing, as before.
    back = enricher.enrich(make_entry(NOTE, title="The return of Maze"))
    assert ("malpedia", "Maze") in _tags(back)
    # Its first word is capitalised like a sentence's: "Royal spam" is no Royal ransomware.
    royal = enricher.enrich(make_entry(NOTE, title="Royal spam for the wedding"))
    assert not [m for m in royal.tagged_matches if m.value.startswith("Royal")]


def test_a_role_said_for_two_names_joined_by_and_is_said_for_both(enricher):
    # In a short statement each group is named once: the sentence introducing them is enough.
    text = "The activity is linked to the actors known as Turla and APT29. " + NOTE
    tags = _tags(enricher.enrich(make_entry(text, title="Statement")))
    assert {("threat-actor", "Turla"), ("threat-actor", "APT29")} <= tags
    # Named once each without a role, in passing, neither is the note's subject.
    text = "Past years saw Turla and APT29. " + NOTE
    assert not _tags(enricher.enrich(make_entry(text, title="Statement")))


def test_a_name_as_a_file_name_is_an_indicator_only(enricher):
    # "Photo" is a Derusbi synonym; "Photo.scr" is the lure's file name.
    text = FILLER + " The page downloads “Photo.scr”, and Photo.SCR runs. " * 8
    m = _match(enricher.enrich(make_entry(text, title="x")), "malpedia", "Derusbi (Windows)")
    assert m is not None and not m.tagged
    assert "in code" in m.evidence[0].note


def test_a_derived_phrase_in_a_title_case_title_needs_the_text_too(enricher):
    # "Fake Flash" is our spacing of FakeFlash (FlashBack); in Title Case it is two words.
    title = "Fake Flash Updaters Push Cryptocurrency Miners"
    assert ("malpedia", "FlashBack") not in _tags(enricher.enrich(make_entry(NOTE, title=title)))
    text = NOTE + " The Fake Flash installer came back."
    assert ("malpedia", "FlashBack") in _tags(enricher.enrich(make_entry(text, title=title)))
    sentence_case = "Fake Flash returns to some old machines"
    assert ("malpedia", "FlashBack") in _tags(
        enricher.enrich(make_entry(NOTE, title=sentence_case))
    )


def test_an_ordinary_word_heading_a_longer_name_is_no_mention(enricher):
    # "Dairy Queen" is the restaurant chain, "Carbon Black" a security vendor.
    text = "Dairy Queen was breached; Carbon Black helped. " * 6 + NOTE
    result = enricher.enrich(make_entry(text, title="x"))
    assert not [m for m in result.matches if m.value in ("Dairy", "Cobra Carbon System")]
    # A malware or platform word after it still leaves it a name.
    text = "The Dairy Trojan and the Carbon Backdoor spread. " * 6 + NOTE
    tags = _tags(enricher.enrich(make_entry(text, title="x")))
    assert {("malpedia", "Dairy"), ("malpedia", "Cobra Carbon System")} <= tags


def test_shipped_never_match_names_from_the_audit(enricher):
    # VENOM is a QEMU vulnerability (CVE-2015-3456); MAPP Microsoft's partner programme.
    text = "The VENOM flaw (CVE-2015-3456) affects QEMU. VENOM is patched; MAPP partners knew. "
    result = enricher.enrich(make_entry(text * 5 + NOTE, title="Understanding VENOM and MAPP"))
    assert not [m for m in result.matches if m.value in ("TIDRONE", "Venom RAT", "Gameover P2P")]


def test_a_rarer_english_word_is_an_ordinary_word_too(enricher):
    # "Vermin" (Zipf 2.96) names UAC-0020; in prose it is vermin, in a Title Case title a word.
    text = "Rats and other vermin were everywhere in the old warehouse. " * 6 + NOTE
    result = enricher.enrich(
        make_entry(text, title="LuminosityLink Falls Foul of Vermin Eradication")
    )
    assert not [m for m in result.tagged_matches if m.value == "UAC-0020"]
    m = _match(result, "threat-actor", "UAC-0020")
    assert m is not None and "ordinary English word" in m.evidence[0].note


def test_the_short_form_of_a_longer_name_the_report_writes_is_that_name(enricher):
    # A report on Globe Imposter shortens it to "Globe": not the Globe ransomware.
    text = "Globe Imposter encrypts files. Then Globe asks for a ransom. " * 6 + NOTE
    result = enricher.enrich(make_entry(text, title="x"))
    assert ("malpedia", "GlobeImposter") in _tags(result)
    assert not [m for m in result.matches if m.value == "Globe"]
    # A longer name in the other galaxy ("Maze Team", an actor) leaves the family alone.
    text = "The Maze Team struck. Then Maze encrypted the servers. " * 6 + NOTE
    assert ("malpedia", "Maze") in _tags(enricher.enrich(make_entry(text, title="x")))
    # Several longer names with one head: the short one is their common family.
    text = "Then Zeus Panda and Zeus Sphinx came; both reuse code of Zeus. " * 6 + NOTE
    assert ("malpedia", "Zeus") in _tags(enricher.enrich(make_entry(text, title="x")))


def test_a_word_written_alone_far_more_often_than_the_longer_name_is_its_own(enricher):
    # "Anchor" named again and again beside one "Anchor_DNS" is the Anchor framework, not a
    # short form of AnchorDNS; written as often as the longer name, it still is (Globe above).
    text = "The gang deploys its Anchor framework. Anchor runs as a backdoor. " * 6
    text += "One variant, Anchor_DNS, talks over DNS. " + NOTE
    assert ("malpedia", "Anchor") in _tags(enricher.enrich(make_entry(text, title="x")))
    text = "Anchor_DNS talks over DNS. Anchor then beacons. " * 6 + NOTE
    assert not [
        m for m in enricher.enrich(make_entry(text, title="x")).matches if m.value == "Anchor"
    ]


def test_a_family_the_report_names_as_its_subjects_alias_is_its_subject(enricher):
    # Malpedia keeps Zeus Sphinx and Zloader apart; "Zeus Sphinx (AKA Zloader)" says they
    # are one: the alias, named once, is the report's subject too.
    text = "Zeus Sphinx (AKA Zloader) is back. " + "Zeus Sphinx steals bank logins. " * 8
    result = enricher.enrich(make_entry(FILLER + text, title="Banking trojan returns"))
    assert ("malpedia", "Zloader") in _tags(result)
    m = _match(result, "malpedia", "Zloader")
    assert "an alias of 'Zeus Sphinx'" in m.evidence[0].summary
    # Named beside it with "and", it stays a passing mention.
    text = "Zeus Sphinx and Zloader are back. " + "Zeus Sphinx steals bank logins. " * 8
    result = enricher.enrich(make_entry(FILLER + text, title="Banking trojan returns"))
    assert ("malpedia", "Zloader") not in _tags(result)


def test_an_alias_in_one_list_entry_says_nothing_of_the_next_entry(enricher):
    # "DisktTrack (a.k.a. Shamoon), Duqu, Stuxnet": the "aka" joins Shamoon to DisktTrack,
    # not Duqu or Stuxnet to either; a list of entries is no list of aliases.
    text = "The Stuxnet worm hit plants. Stuxnet spread by USB sticks. " * 4
    text += "It is an industrial tool alongside DisktTrack (a.k.a. Shamoon), Duqu, Stuxnet. "
    result = enricher.enrich(make_entry(FILLER + text, title="Industrial malware"))
    assert ("malpedia", "Stuxnet") in _tags(result)
    assert ("malpedia", "DuQu") not in _tags(result)
    # Inside one bracket the alias still holds (the Zeus Sphinx test above).


def test_an_actor_family_name_in_the_opening_of_another_subject_is_not_both(enricher):
    # HenBox is an actor and a family. A report on Farseer that opens with HenBox as its
    # point of comparison, naming it far less than Farseer, is not about the HenBox actor.
    text = "Last year we wrote about the HenBox malware. As with HenBox, Farseer has ties to "
    text += "other tools. " + "Farseer beacons to its server and HenBox shares a domain. " * 3
    text += "Farseer loads a DLL. Farseer steals files. " * 6
    result = enricher.enrich(make_entry(text + FILLER, title="Farseer: a new malware family"))
    assert ("malpedia", "Farseer") in _tags(result)
    assert ("threat-actor", "HenBox") not in _tags(result)
    # The subject of the report's opening, named as much as anything, is still both.
    text = "HenBox is Android malware. HenBox hides in apps. HenBox steals data. " * 4
    result = enricher.enrich(make_entry(text + FILLER, title="Spyware on phones"))
    assert {("malpedia", "HenBox"), ("threat-actor", "HenBox")} <= _tags(result)


def test_an_exploit_kit_of_a_familys_name_is_not_the_family(enricher):
    # "Neutrino EK" is the exploit kit; Malpedia's Neutrino is a bot.
    text = FILLER + " The gate sent visitors to the Neutrino EK, then to Neutrino exploit kit. " * 6
    m = _match(enricher.enrich(make_entry(text, title="x")), "malpedia", "Neutrino")
    assert m is not None and not m.tagged
    assert "in exploit kit" in m.evidence[0].note
    bot = FILLER + " The Neutrino bot spread. Neutrino stole data. " * 6
    assert ("malpedia", "Neutrino") in _tags(enricher.enrich(make_entry(bot, title="x")))


def test_a_name_the_report_calls_an_exploit_kit_is_the_kit_in_the_title_too(enricher):
    # Said once to be an exploit kit and never malware, "Neutrino" in the title and the
    # opening is the kit the backdoor serves, not Malpedia's Neutrino bot.
    text = " The backdoor redirects visitors to Neutrino. More on the Neutrino exploit kit. "
    text = text + FILLER + " The backdoor hides its configuration in shared memory. " * 4
    result = enricher.enrich(make_entry(text, title="New web server backdoor serves Neutrino"))
    m = _match(result, "malpedia", "Neutrino")
    assert m is not None and not m.tagged


def test_a_company_suffix_is_no_family(enricher):
    # "Malware, Inc." and "Acme Corp Inc" are companies; INC is a ransomware's name.
    text = "The slides show “Malware, Inc.” as a firm. Acme Inc sells the kit to Malware, Inc. "
    result = enricher.enrich(make_entry(text * 6 + NOTE, title="The malware industry"))
    assert not [m for m in result.matches if m.value == "INC"]
    text = "The INC ransomware encrypted the files. Then INC leaked them. " * 6
    assert ("malpedia", "INC") in _tags(enricher.enrich(make_entry(text + NOTE, title="x")))


def test_an_ordinary_word_closing_a_fixed_phrase_is_no_mention(enricher):
    # "Plug and Play" is a Windows feature, not the PLAY ransomware.
    text = "The driver supports Plug and Play devices; Plug and Play events are logged. " * 6
    result = enricher.enrich(make_entry(FILLER + text, title="Keyloggers in Windows"))
    assert not [m for m in result.matches if m.value == "PLAY"]
    # A list of names joined by "and" still names each.
    text = "The affiliates deployed LockBit and Play on the servers. " * 6
    assert ("malpedia", "PLAY") in _tags(enricher.enrich(make_entry(FILLER + text, title="x")))
    # Names in capitals are names: "SECUREUPDATE and VAMP" are two families.
    text = "We call the two Android families SECUREUPDATE and VAMP. " * 6
    assert ("malpedia", "vamp") in _tags(enricher.enrich(make_entry(FILLER + text, title="x")))


def test_a_shared_synonym_yields_to_the_longer_name_the_report_writes(enricher):
    # "Cobalt" is Cobalt Group's value and a Pay2Key synonym; in a report on Cobalt Strike
    # beacons, "Cobalt malware" and "W32/Cobalt.FTG" are Cobalt Strike, not Pay2Key.
    text = "A script loads a Cobalt Strike beacon. Cobalt Strike runs in memory. " * 4
    text += "Signatures: W32/Cobalt.FTG!tr.dldr W64/Cobalt.FTG!tr.bdr. "
    result = enricher.enrich(make_entry(text + NOTE, title="Cobalt Malware Strikes Using RTF"))
    assert ("malpedia", "Cobalt Strike") in _tags(result)
    assert not [m for m in result.tagged_matches if m.value in ("Pay2Key", "Cobalt")]
    # The group, named as a group, is still the group.
    text = "The Cobalt group robbed banks. The Cobalt actors used Cobalt Strike. " * 4
    assert ("threat-actor", "Cobalt") in _tags(enricher.enrich(make_entry(text + NOTE, title="x")))


def test_a_name_in_quotes_is_written_as_a_name(enricher):
    # An opening quote after a word is no sentence's end: "the “Maze” ransomware" writes Maze.
    for quoted in ("“Maze”", "‘Maze’", '"Maze"', "'Maze'"):
        text = f"The operators of the {quoted} gang leaked files; the {quoted} site grew. " * 3
        result = enricher.enrich(make_entry(FILLER + text, title="Leak sites"))
        assert ("malpedia", "Maze") in _tags(result), quoted
    # After a sentence's end, a quoted capitalised word is still a sentence's first word.
    text = "It was over. “Maze of streets,” he wrote. " * 6
    assert ("malpedia", "Maze") not in _tags(enricher.enrich(make_entry(FILLER + text, title="x")))


def test_an_ordinary_word_in_a_title_case_heading_is_not_written_as_a_name(enricher):
    # "Tying the Knot" is an idiom in a heading, where every word is capitalised: with a Title
    # Case title ("... Ties the Knot with ..."), nothing writes the Knot ransomware's name.
    title = "NOKKI Almost Ties the Knot with DOGCALL: Reaper Group Uses New Malware"
    text = FILLER + "\n\nTying the Knot\nWhile researching the NOKKI malware, we found more.\n"
    result = enricher.enrich(make_entry(text + FILLER, title=title))
    assert ("malpedia", "Knot") not in _tags(result)
    # Written in a sentence, the name still counts.
    text = FILLER + "\n\nTying the Knot\nThe operators of Knot then asked for a ransom.\n"
    result = enricher.enrich(make_entry(text + FILLER, title=title))
    assert ("malpedia", "Knot") in _tags(result)


# --- the report's own naming, and vendors' detection names (core/naming.py) ---


def test_a_name_the_report_gives_itself_is_its_subject_past_the_opening(enricher):
    # Twice, deep in a long text: a passing mention, unless the report names it itself.
    def text(voice):
        return (
            FILLER
            + f"At that time, a group, which {voice} dubbed as TeleBots, used other tools. "
            + FILLER
            + "TeleBots later moved to a new wiper. "
            + FILLER
        )

    ours = enricher.enrich(make_entry(text("we"), title="A quarter in review"))
    assert ("threat-actor", "Sandworm") in _tags(ours)
    summary = _match(ours, "threat-actor", "Sandworm").evidence[0].summary
    assert "the report names it or attributes to it itself" in summary
    theirs = enricher.enrich(make_entry(text("others"), title="A quarter in review"))
    assert ("threat-actor", "Sandworm") not in _tags(theirs)


def test_the_reports_own_naming_or_attribution_past_the_opening_is_for_groups_only(enricher):
    actor = (
        FILLER + "We attribute this campaign to a threat actor called SixLittleMonkeys. " + FILLER
    )
    result = enricher.enrich(make_entry(actor, title="A quarter in review"))
    assert ("threat-actor", "Vicious Panda") in _tags(result)
    family = (
        FILLER
        + "For ransomware, we attribute much of its growth to CTB-Locker and its affiliates. "
        + FILLER
        + "CTB-Locker spreads by e-mail. "
        + FILLER
    )
    result = enricher.enrich(make_entry(family, title="A quarter in review"))
    assert ("malpedia", "CTB Locker") not in _tags(result)
    # Reports name every implant they meet: that says less than naming the group behind it.
    implant = FILLER + "We dubbed this implant PowerPepper. " + FILLER + "PowerPepper. " + FILLER
    result = enricher.enrich(make_entry(implant, title="A quarter in review"))
    assert ("malpedia", "PowerPepper") not in _tags(result)
    # A group's cluster may hold its malware's name: naming the malware names no group.
    group = FILLER + "We called this operation ItaDuke. " + FILLER + "ItaDuke. " + FILLER
    assert ("threat-actor", "ItaDuke") in _tags(
        enricher.enrich(make_entry(group, title="A quarter in review"))
    )
    malware = FILLER + "We called this new malware ItaDuke. " + FILLER + "ItaDuke. " + FILLER
    assert ("threat-actor", "ItaDuke") not in _tags(
        enricher.enrich(make_entry(malware, title="A quarter in review"))
    )


@pytest.mark.parametrize(
    ("written", "family"),
    [
        ("Win32/Glupteba.M", "Glupteba"),  # ESET
        ("Trojan:Win32/Glupteba.A!dha", "Glupteba"),  # Microsoft
        ("HEUR:Trojan.Win32.Glupteba.gen", "Glupteba"),  # Kaspersky
        ("Backdoor.Win64.Glupteba", "Glupteba"),
        ("Backdoor.Glupteba!gen1", "Glupteba"),  # Symantec
        ("BKDR64_GLUPTEBA.ZTAA", "GLUPTEBA"),  # Trend Micro
        ("Troj/Glupteba-A", "Glupteba"),  # Sophos
    ],
)
def test_vendor_detection_names_are_parsed_by_their_schemes(written, family):
    from misp_module.core.naming import detection_name
    from misp_module.core.salience import SHIPPED_PAIRS

    text = f"The dropper installs {written}, then waits."
    start = text.index(family)
    assert detection_name(text, start, start + len(family), SHIPPED_PAIRS)
    for not_one in ("See https://example.com/Win32/Glupteba.html", "the Glupteba.dll file"):
        start = not_one.index("Glupteba")
        assert not detection_name(not_one, start, start + 8, SHIPPED_PAIRS)


def test_the_sentence_around_a_whole_detection_name_says_what_it_is(enricher):
    text = FILLER + "Last year a malware called Backdoor.Pirpi used a new exploit. " + FILLER
    m = _match(enricher.enrich(make_entry(text, title="Old wine")), "malpedia", "pirpi")
    assert m is not None and "the text says what it is" in m.evidence[0].note


def test_a_vendors_generic_class_in_a_detection_name_is_no_family():
    from misp_module.core.naming import detection_name
    from misp_module.core.salience import SHIPPED_PAIRS

    text = "The files are encrypted by Win32/Filecoder.AESNI.A, sold as a service."
    generic, family = text.index("Filecoder"), text.index("AESNI")
    assert detection_name(text, generic, generic + len("Filecoder"), SHIPPED_PAIRS) == "generic"
    assert detection_name(text, family, family + len("AESNI"), SHIPPED_PAIRS) == "family"


def test_a_generic_class_in_detection_names_only_corroborates(enricher):
    # Kaspersky's "LockScreen" is a class of Android lockers, not malpedia's VBS lockscreen.
    line = "The top ransomware was Trojan-Ransom.AndroidOS.LockScreen.a this quarter. "
    result = enricher.enrich(make_entry(line * 5, title="Mobile statistics"))
    m = _match(result, "malpedia", "lockscreen")
    assert m is not None and not m.tagged
    assert "generic detection name" in m.evidence[0].note


def test_a_detection_name_is_the_malware_family_never_the_actor_of_its_name(enricher):
    # "Winnti" names the actor (APT41) and the family: the prose says group, the vendor's
    # detection name is the family's, and casts no vote for the name's other mentions.
    text = (
        "We have tracked the Winnti group since 2013. "
        + FILLER
        + "The second stage delivered to victims is Win64/Winnti.BN. Winnti keeps its tools. "
        + FILLER
    )
    result = enricher.enrich(make_entry(text, title="Games again"))
    detected = text.index("Winnti.BN")

    def starts(galaxy, value):
        m = _match(result, galaxy, value)
        return {s.start for e in m.evidence for s in e.spans if s.field == "plain_text"}

    assert detected in starts("malpedia", "Winnti (Windows)")
    # The actor keeps the prose mentions (the group, and the bare name the group's way).
    actor = starts("threat-actor", "APT41")
    assert detected not in actor
    assert text.index("Winnti keeps") in actor


def test_a_vendors_list_of_its_detections_counts_each_as_a_listed_name(enricher):
    listed = "ESET detects it as Win32/Glupteba.M, Win32/Glupteba.N and Win64/Glupteba.B. "
    result = enricher.enrich(make_entry(FILLER + listed + FILLER, title="A quarter in review"))
    m = _match(result, "malpedia", "Glupteba")
    assert m is not None and not m.tagged
    assert "also in detection list" in m.evidence[0].note


def test_english_words_of_a_name_in_lower_case_are_prose(enricher):
    # "Hacking Team" and "Switcher" are written capitalised by the galaxy; "an Indonesian
    # hacking team" and "the iOS task switcher" are the words, not the firm or the family.
    text = (
        "The ransom note led to an Indonesian hacking team that used to deface web sites. "
        "The same hacking team ran a forum. The user removed the app from the task switcher. "
    ) * 4
    result = enricher.enrich(make_entry(FILLER + text, title="Tracing a locker's authors"))
    assert not [m for m in result.matches if m.value in ("Hacking Team", "Switcher")]
    # Written as a name, it is the name; in an address lower case says nothing.
    text = "The exploit came from the Hacking Team leak. Hacking Team sold the RCS implant. " * 4
    text += "See https://example.com/hacking-team-leak for the files. "
    result = enricher.enrich(make_entry(FILLER + text, title="x"))
    assert ("threat-actor", "Hacking Team") in _tags(result)
    summary = _match(result, "threat-actor", "Hacking Team").evidence[0].summary
    assert "9 times" in summary
    # Joined by a hyphen, the words are a name even in lower case: the aria-body backdoor.
    text = "The actor loaded aria-body on the hosts. Later aria-body beaconed out. " * 4
    assert ("malpedia", "Aria-body") in _tags(enricher.enrich(make_entry(FILLER + text, title="x")))
    # A text with no capital letter at all writes every name in lower case.
    text = "the hacking team sold the rcs implant to governments. hacking team denied it. " * 4
    result = enricher.enrich(make_entry(FILLER.lower() + text, title="x"))
    assert ("threat-actor", "Hacking Team") in _tags(result)


def test_a_name_two_clusters_only_alias_is_not_one_subject_of_two_galaxies(enricher):
    # "Reaper" is a synonym of APT37 and of the IoT Reaper botnet, the value of neither: a
    # report on the botnet, which it calls malware and never a group, is not about APT37.
    text = (
        "A new attack called Reaper has been found. Vendors targeted by Reaper include "
        "NetGear. We see that Reaper had infected many routers. Fortinet detects Reaper "
        "payloads with several signatures. "
    ) * 4
    result = enricher.enrich(make_entry(FILLER + text, title="Reaper: The Next Evolution of IoT"))
    assert ("malpedia", "IoT Reaper") in _tags(result)
    assert ("threat-actor", "APT37") not in _tags(result)
    # A name that is a cluster's own (HenBox, both an actor's and a family's value) still
    # stands for both when the report's subject is called malware.
    text = "HenBox steals data. The HenBox malware hides in apps. HenBox runs at boot. " * 4
    result = enricher.enrich(make_entry(FILLER + text, title="HenBox: Inside the Coop"))
    assert {("malpedia", "HenBox"), ("threat-actor", "HenBox")} <= _tags(result)


def test_a_numbered_label_the_report_counts_through_is_its_own(enricher):
    # "Group 3" is Symantec's name for APT1; a report that numbers its own subgroups
    # ("Group1", "Group2", "Group3") means its subgroup, not APT1.
    text = (
        "Gaza Cybergang Group1 sent lures. Earlier reports covered Desert Falcons (Group2) "
        "and Operation Parliament (Group3). Group3 kept using the same servers. "
    ) * 4
    result = enricher.enrich(make_entry(FILLER + text, title="Gaza Cybergang Group1"))
    assert ("threat-actor", "APT1") not in _tags(result)
    # Alone, a vendor's numbered designation is that vendor's name for the group.
    text = "Talos tracks the actor as Group 123. Group 123 sent the lures. " * 4
    result = enricher.enrich(make_entry(FILLER + text, title="A new campaign by Group 123"))
    assert ("threat-actor", "APT37") in _tags(result)


def test_a_name_on_a_line_of_code_or_a_debugger_dump_is_not_prose(enricher):
    # "Void" (a Malpedia family) in WinDbg's "Ptr32 Void", "validator" in C comments and member
    # accesses: types and variables, not the families VoidCrypt and DoubleFantasy.
    dump = "".join(f"\n+0x{i:03x} Field{i} : Ptr32 Void" for i in range(0, 80, 4))
    code = "\n//call valcreate() to create the new validator\nif (fctx->validators == NULL)\n" * 6
    result = enricher.enrich(make_entry(FILLER + dump + code + "\n", title="Notes on a loader"))
    assert not [m for m in result.tagged_matches if m.value in ("Void", "DoubleFantasy (Windows)")]
    # The same names in sentences still name the families.
    text = "The Void ransomware encrypted the share. Then Void dropped a note. " * 6
    assert ("malpedia", "Void") in _tags(enricher.enrich(make_entry(FILLER + text, title="x")))


def test_a_sentence_first_word_that_the_text_writes_as_a_name_elsewhere(enricher):
    # "Google Play is ..." opens a sentence, but the text writes "on Google Play" inside one:
    # "Play" is the store's name's tail, not the PLAY ransomware; the title alone, In Title
    # Case, does not make it a name either.
    text = (
        "Google Play is the primary Android application marketplace. Malicious apps are "
        "often found on Google Play. The policy of Google Play applies to every developer. "
    )
    result = enricher.enrich(
        make_entry(text + FILLER, title="The Strange Case of Play Policy for Copyright")
    )
    assert not [m for m in result.tagged_matches if m.value == "PLAY"]
    # A sentence's first word the text never writes before the name is no name: "Then PLAY".
    text = "The attackers ran the Play ransomware. Then Play encrypted the servers. " * 6
    assert ("malpedia", "PLAY") in _tags(enricher.enrich(make_entry(FILLER + text, title="x")))


def test_an_acronym_the_report_spells_out_as_something_else(enricher):
    # "IAP" is a synonym of the banking trojan ISFB; a report that writes "In-App Purchase
    # (IAP)" means the purchase every time it says IAP.
    text = "Apps sell content through In-App Purchase (IAP) billed by SMS. " + (
        "The IAP flow sends a premium SMS. Users pay for each IAP without a prompt. " * 5
    )
    result = enricher.enrich(make_entry(text + FILLER, title="SMS-based IAP on Android"))
    assert not [m for m in result.matches if m.value == "ISFB"]
    # Spelled out as the cluster's own name, the acronym stays that cluster's.
    text = "The Syrian Electronic Army (SEA) defaced the site. Later SEA hijacked accounts. " * 5
    result = enricher.enrich(make_entry(FILLER + text, title="x"))
    assert ("threat-actor", "Deadeye Jackal") in _tags(result)
    assert "15 times" in _match(result, "threat-actor", "Deadeye Jackal").evidence[0].summary


def test_an_ordinary_word_the_galaxy_writes_in_lower_case_is_prose_in_lower_case(enricher):
    # Malpedia writes the Linux rootkit "reptile" (and the backdoor "tsunami") in lower case;
    # "a reptile shop" is the animal, and "/shop/reptile/1.exe" in a URL writes no name: with
    # a title In Title Case, no tag.
    text = (
        "The spam offered a discount at a reptile shop. The fake reptile shop linked "
        "to hxxp://shop.example/reptile/1.exe and hxxp://shop.example/reptile/2.exe. "
    ) * 3
    result = enricher.enrich(make_entry(text + FILLER, title="Fake Reptile Shop Spreads Malware"))
    assert not [m for m in result.tagged_matches if m.value == "reptile"]
    # Written as a name, inside sentences, it is the family.
    text = "The actor installs the Reptile rootkit. Then the Reptile module hides files. " * 6
    assert ("malpedia", "reptile") in _tags(enricher.enrich(make_entry(FILLER + text, title="x")))


def test_a_name_before_based_is_what_another_thing_is_built_on(enricher):
    # Microsoft called Earth Lusca "CHROMIUM"; "Chromium-based browsers" are browsers built on
    # the Chromium code, not the group. "-based" weighs as a comparison.
    text = (
        "The stealer reads saved passwords in Chromium-based browsers. Chromium-based browsers "
        "keep cookies in SQLite. Firefox-based browsers differ from Chromium-based ones. "
    ) * 3
    result = enricher.enrich(make_entry(FILLER + text, title="How to steal a million"))
    assert not [m for m in result.tagged_matches if m.value == "Earth Lusca"]
    # The group named as Microsoft names it is still the group.
    text = "Microsoft tracks the group as CHROMIUM. The CHROMIUM actors phished schools. " * 4
    assert ("threat-actor", "Earth Lusca") in _tags(
        enricher.enrich(make_entry(FILLER + text, title="x"))
    )


def test_a_numbered_label_after_another_name_is_that_names_subgroup(enricher):
    # RiskIQ numbers the Magecart groups: "Magecart Group 5" is not Group5, Citizen Lab's
    # Iranian actor. A sentence's first word before the label is no name.
    text = (
        "A faction known as Magecart Group 5 (MG5) tests skimming code. Magecart Group 5 "
        "targets suppliers of e-commerce sites. "
    ) * 4
    result = enricher.enrich(make_entry(FILLER + text, title="Magecart Group 5 Tests Code"))
    assert ("threat-actor", "Group5") not in _tags(result)
    text = "Citizen Lab calls the actor Group5. The Group5 operators used Android malware. " * 4
    result = enricher.enrich(make_entry(FILLER + text, title="Group5 Targets the Opposition"))
    assert ("threat-actor", "Group5") in _tags(result)


def test_the_texts_copy_of_its_title_is_no_use_of_an_ordinary_word(enricher):
    # "Entropy" (a Malpedia family) in a Title Case title ("with" is a preposition Title
    # Case leaves in lower case) and again in the text's copy of that title: a forecast's pun.
    title = "Cloudy with a Chance of Entropy"
    text = FILLER + f"Download the latest “Threat Forecast: {title}” for more insights. "
    result = enricher.enrich(make_entry(text, title=title))
    assert ("malpedia", "Entropy") not in _tags(result)
    # The text's own use of it as a name still counts.
    text += "The Entropy ransomware encrypts files. Entropy asks for Bitcoin. "
    result = enricher.enrich(make_entry(text, title=title))
    assert ("malpedia", "Entropy") in _tags(result)


def test_a_name_only_the_title_writes_in_english_words_is_a_turn_of_phrase(enricher):
    # The text never takes up "Hide and Seek" or "Hacking Team": the title's wording.
    result = enricher.enrich(make_entry(FILLER, title="Mobile Malware Plays Hide and Seek"))
    assert ("malpedia", "Hide and Seek") not in _tags(result)
    assert "turn of phrase" in (_match(result, "malpedia", "Hide and Seek").evidence[0].note)
    title = "Chinese APT Groups Quickly Use Zero-Day Following Hacking Team Leak"
    result = enricher.enrich(make_entry(FILLER, title=title))
    assert ("threat-actor", "Hacking Team") not in _tags(result)
    # Beside a malware or actor noun, or taken up by the text, it is a name.
    result = enricher.enrich(make_entry(FILLER, title="The Hide and Seek Botnet Returns"))
    assert ("malpedia", "Hide and Seek") in _tags(result)
    # In a title in sentence case the capitals write a name (see the extra-synonym test's
    # "Gold Dragon widens its attacks").
    result = enricher.enrich(make_entry(FILLER, title="Mobile malware plays Hide and Seek"))
    assert ("malpedia", "Hide and Seek") in _tags(result)
    # A vendor's naming scheme, or capitals, write a name, not a phrase.
    result = enricher.enrich(make_entry(FILLER, title="Samurai Panda Returns to Old Targets"))
    assert ("threat-actor", "SAMURAI PANDA") in _tags(result)
    text = FILLER + "Hacking Team sold the exploit. Hacking Team's leak spread it. " * 2
    result = enricher.enrich(make_entry(text, title=title))
    assert ("threat-actor", "Hacking Team") in _tags(result)


def test_a_family_named_less_its_generic_suffix_once_the_text_writes_it_whole(enricher):
    # "Quasar" is an English word: it names Quasar RAT only in a report that writes the full
    # name as the galaxy does; alone it stays a word.
    text = "The downloaded payload is a modified Quasar RAT. " + (
        "The loader delivered Quasar to hosts. The Quasar sample beacons home. " * 3
    )
    result = enricher.enrich(make_entry(FILLER + text))
    quasar = _match(result, "malpedia", "Quasar RAT")
    assert quasar is not None and "7 times" in quasar.evidence[0].summary
    text = "The loader delivered Quasar to hosts. The Quasar sample beacons home. " * 3
    result = enricher.enrich(make_entry(FILLER + text))
    assert _match(result, "malpedia", "Quasar RAT") is None


def test_a_name_the_report_joins_to_a_galaxy_name_by_aka_names_that_cluster(enricher):
    # "RATVERMIN" is no galaxy name; the report says it is VERMIN (the family; "VERMIN" is
    # also an actor's synonym): its RATVERMIN is the family wherever it writes it.
    text = (
        "The group used the RATVERMIN malware. Domains connected to RATVERMIN (aka VERMIN) "
        "resolved to one address. "
        + "RATVERMIN is a .NET backdoor. The operators sent commands to RATVERMIN. "
        * 4
    )
    result = enricher.enrich(make_entry(FILLER + text))
    assert ("malpedia", "Vermin") in _tags(result)
    assert ("threat-actor", "UAC-0020") not in _tags(result)
    # Without the report's "aka", RATVERMIN names nothing.
    result = enricher.enrich(make_entry(FILLER + text.replace(" (aka VERMIN)", "")))
    assert _match(result, "malpedia", "Vermin") is None


def test_an_actors_name_the_text_calls_malware_and_never_a_group_is_not_the_actor(enricher):
    # "Butterfly" is a synonym of the actor WildNeutron (Symantec's name); ESET's "Butterfly
    # worm" is the Mariposa worm, and no Malpedia family holds the name.
    text = (
        "The worm behind the Mariposa botnet, called Butterfly, spreads over IM. "
        + "The Butterfly worm waits for a conversation. Butterfly sends a link. " * 3
    )
    result = enricher.enrich(make_entry(FILLER + text, title="IM to Spread Malware: Butterfly"))
    assert ("threat-actor", "WildNeutron") not in _tags(result)
    assert (
        "calls 'Butterfly' malware"
        in _match(result, "threat-actor", "WildNeutron").evidence[0].note
    )
    # A group word beside the name anywhere keeps the actor.
    text += "The Butterfly group targets corporations. "
    result = enricher.enrich(make_entry(FILLER + text, title="IM to Spread Malware: Butterfly"))
    assert ("threat-actor", "WildNeutron") in _tags(result)


def test_a_name_the_text_says_is_a_tool_or_firm_is_not_the_cluster(enricher):
    # "Loki – an IOC scanner": Florian Roth's scanner, not the Loki stealer; the text never
    # calls it malware.
    text = FILLER + (
        "One example is Loki – an IOC scanner distributed under the GPL license. "
        + "To scan the system using the Loki scanner, unpack the archive. Loki reads hashes. " * 3
    )
    result = enricher.enrich(make_entry(text, title="Indicators of compromise"))
    assert ("malpedia", "Loki") not in _tags(result)
    assert "something else" in _match(result, "malpedia", "Loki").evidence[0].note
    # Said to be malware anywhere, it is the family again.
    text += "The spam also carried Loki, a password stealer: the Loki stealer again. "
    assert ("malpedia", "Loki") in _tags(enricher.enrich(make_entry(text, title="Indicators")))


def test_a_dash_introduces_what_a_name_is_and_the_phrases_last_noun_says_it(enricher):
    # "“Rocke” – a malware threat group": the head noun is "group" (an actor), not "malware".
    text = FILLER + (
        "FortiGuard Labs monitored a campaign from “Rocke” – a malware threat group "
        "specializing in cryptomining. Rocke updated its miner. Rocke's scripts kill rivals. "
    )
    result = enricher.enrich(make_entry(text, title="New Rocke Variant Ready to Box Miners"))
    assert ("threat-actor", "Rocke") in _tags(result)
    # The dash says what a family is, as a comma does ("Upatre – a downloader for Dyre").
    text = FILLER + "The most widespread banker was Upatre – a downloader for the Dyre malware. "
    upatre = _match(
        enricher.enrich(make_entry(text, title="Quarterly review")), "malpedia", "Upatre"
    )
    assert "the text says what it is" in upatre.evidence[0].summary + (
        upatre.evidence[0].note or ""
    )


# --- round eight: the subject's yardstick (comparison and lineage) ---


def test_a_lineage_word_makes_a_mention_a_comparison():
    doc = Document("x", "TrickBot appears to be a Dyre successor. Kronos is Zeus’ father.")
    dyre = doc.text.index("Dyre")
    zeus = doc.text.index("Zeus")
    assert doc.mention("plain_text", dyre, dyre + 4).how == "comparison"
    assert doc.mention("plain_text", zeus, zeus + 4).how == "comparison"
    # in the title the father is not the subject
    title = "The father of Zeus: Kronos malware discovered"
    at = title.index("Zeus")
    assert Document(title, "x").mention("title", at, at + 4).how == "comparison"
    text = "Sphinx, which is based on the leaked source code of the Zeus Trojan"
    at = text.index("Zeus")
    assert Document("x", text).mention("plain_text", at, at + 4).how == "comparison"
    # "Mirai-like" in an essay about Mirai stays a plain mention
    doc = Document("x", "devices infected by Mirai-like malware")
    at = doc.text.index("Mirai")
    assert doc.mention("plain_text", at, at + 5).how == ""


def test_a_family_named_in_comparison_beside_a_titled_subject_is_its_yardstick(enricher):
    subject = " TrickBot injects code into browsers." * 20
    yardstick = " It appears to be a Dyre successor." + " Dyre used webinjects too." * 8
    result = enricher.enrich(make_entry(FILLER + subject + yardstick, title="TrickBot's tricks"))
    assert _match(result, "malpedia", "TrickBot").tagged
    m = _match(result, "malpedia", "Dyre")
    assert not m.tagged and "yardstick" in m.evidence[-1].note
    # the same mentions without the lineage word: Dyre is a subject too
    plain = yardstick.replace("a Dyre successor", "related to Dyre")
    result = enricher.enrich(make_entry(FILLER + subject + plain, title="TrickBot's tricks"))
    assert _match(result, "malpedia", "Dyre").tagged


def test_subject_called_a_group_and_often_a_family_is_both(enricher):
    # "the Winnti group" and, twice at least, "the Winnti malware" / "Winnti samples": the
    # report's subject is the actor and its eponymous family (matcher._follow_majority).
    text = (
        "For years the Winnti group was seen as a threat to game studios. The Winnti group "
        "signed its tools with stolen certificates. We found the Winnti malware on servers of "
        "a pharmaceutical firm, and Winnti samples with new configurations. " + FILLER
    )
    tags = _tags(enricher.enrich(make_entry(text, title="Winnti targets pharmaceutical firms")))
    assert {("threat-actor", "APT41"), ("malpedia", "Winnti (Windows)")} <= tags


def test_subject_group_with_plural_kit_nouns_stays_the_actor(enricher):
    # "other OilRig payloads", "OilRig tools": the actor's kit, no family of that name.
    text = (
        "The OilRig group sent phishing mails in August. Like other OilRig payloads, the new "
        "downloader uses DNS tunnelling. The OilRig group keeps changing its tools, and OilRig "
        "payloads stay simple. " + FILLER
    )
    tags = _tags(enricher.enrich(make_entry(text, title="OilRig targets a government")))
    assert ("threat-actor", "OilRig") in tags
    assert ("malpedia", "OilRig") not in tags


def test_phrase_in_a_title_too_short_to_judge_is_the_titles_words(enricher):
    # "Bad News" (BadNews spaced), "Micro Backdoor" (MicroBackdoor): a title with fewer than
    # three long words says nothing by its capitals, and an address is no mention.
    text = (
        "Patch the remote desktop flaw now; see https://example.com/rdprcebad-news-ms12-020/ "
        "for the bulletin. " + FILLER
    )
    result = enricher.enrich(make_entry(text, title="RDP+RCE=Bad News (MS12-020)"))
    assert ("malpedia", "BadNews") not in _tags(result)
    result = enricher.enrich(make_entry(FILLER, title="MiniDuke: 0x29 Micro Backdoor"))
    assert ("malpedia", "MicroBackdoor") not in _tags(result)
    # The text naming it, or a malware noun beside it, still makes it the name.
    said = "The Bad News malware spreads through app stores. Bad News then shows ads. " + FILLER
    result = enricher.enrich(make_entry(said, title="RDP+RCE=Bad News (MS12-020)"))
    assert ("malpedia", "BadNews") in _tags(result)


def test_a_group_the_report_names_only_to_set_it_apart_is_not_its_own_naming(enricher):
    # "the actor we call X" after "distinctions between ... other actors": the report names a
    # group it compares its subject with (naming.coined, _SET_APART); its own naming stands.
    text = (
        "APT38 is a financially motivated group that targets banks worldwide. We find there "
        "are clear distinctions between APT38 activity and the activity of other North Korean "
        "actors, including the actor we call TEMP.Hermit. Later APT38 moved money through "
        "SWIFT. APT38 destroys evidence. " + FILLER
    )
    result = enricher.enrich(make_entry(text, title="APT38: a new North Korean group"))
    assert ("threat-actor", "TEMP.Hermit") not in _tags(result)
    named = "After months of work, we track this actor as TEMP.Hermit. TEMP.Hermit acts. "
    result = enricher.enrich(make_entry(named + FILLER, title="A new North Korean group"))
    assert ("threat-actor", "TEMP.Hermit") in _tags(result)


def test_a_name_the_galaxy_writes_in_capitals_is_the_word_in_lower_case(enricher):
    # SHIPSHAPE and PICKPOCKET (FireEye's names) written in lower case are the English words,
    # however rare; in capitals they are the families.
    text = "Keep your passwords shipshape this year. A pickpocket is no hacker. " * 3 + FILLER
    result = enricher.enrich(make_entry(text, title="New Year's resolutions: get shipshape"))
    assert not _tags(result, "malpedia") & {("malpedia", "SHIPSHAPE"), ("malpedia", "PICKPOCKET")}
    said = "The SHIPSHAPE downloader ran. SHIPSHAPE then fetched a payload. " * 3 + FILLER
    result = enricher.enrich(make_entry(said, title="SHIPSHAPE returns"))
    assert ("malpedia", "SHIPSHAPE") in _tags(result)


def test_a_family_named_a_dozen_times_beside_a_dominant_subject_is_tagged(enricher):
    # A traffic tutorial on Emotet (60 mentions) that follows its TrickBot follow-up through
    # twelve mentions: that many is no passing mention (salience.COUNT_POINTS).
    text = (
        FILLER
        + "Emotet sent the next request over HTTP. " * 30
        + "The follow-up TrickBot binary then ran. " * 12
        + "Emotet kept polling its servers. " * 30
    )
    tags = _tags(enricher.enrich(make_entry(text, title="Examining Emotet infection traffic")))
    assert {("malpedia", "Emotet"), ("malpedia", "TrickBot")} <= tags


# --- an actor's name less its group word (salience-words role actor-suffix) ---


def test_actor_name_without_its_group_word_finds_the_actor(enricher):
    # "Menupass Team" is the galaxy's name; reports write "menuPass" alone, said to be an
    # actor by the words beside it ("the menuPass actors", "menuPass campaign").
    text = (
        "The menuPass actors sent spear-phishing mails to academics. The menuPass campaign "
        "then dropped a new backdoor. " + FILLER
    )
    result = enricher.enrich(make_entry(text, title="menuPass returns with new tools"))
    assert ("threat-actor", "APT10") in _tags(result)
    m = _match(result, "threat-actor", "APT10")
    assert "Menupass Team" in m.evidence[0].summary


def test_actor_head_never_said_to_be_an_actor_is_a_word_of_the_report(enricher):
    # A password, or a paper's title, that is an actor's head name: no actor word beside it
    # anywhere, so none of its hits count (matcher._actor_heads_introduced).
    text = (
        "Three Poison Ivy samples use the password menuPass and one uses keaidestone. "
        "The password menuPass ties them together. menuPass again. " + FILLER
    )
    result = enricher.enrich(make_entry(text, title="Poison Ivy passwords: menuPass"))
    assert ("threat-actor", "APT10") not in _tags(result)
    result = enricher.enrich(make_entry(FILLER, title="From Quartermaster to Sunshop"))
    assert ("threat-actor", "APT19") not in _tags(result)


def test_actor_head_that_is_another_name_or_a_word_or_not_a_name_is_not_searched(enricher):
    # "Maze" of the actor "Maze Team" is the ransomware's own name; "Beijing" of "Beijing
    # Group" and "Lazarus" of "Lazarus Group" are English words; "8220" of "8220 Gang" and
    # "1.php" of "1.php Group" are no names. None of them names the actor.
    index = enricher.index
    actor = {c.value: cid for cid, c in enumerate(index.clusters) if c.galaxy == "threat-actor"}
    by_key = {p.key: p for p in index.patterns}
    for key, value in [
        ("maze", "TA2101"),
        ("beijing", "Beijing Group"),
        ("lazarus", "Lazarus Group"),
        ("8220", "Water Sigbin"),
        ("1 php", "APT6"),
    ]:
        assert key not in by_key or actor[value] not in by_key[key].clusters, key
    assert actor["APT10"] in by_key["menupass"].clusters
    text = "Lazarus rose in the painting. Lazarus was shown. Port 8220 and 8220 again. " * 2
    result = enricher.enrich(make_entry(text + FILLER, title="Lazarus and 8220"))
    assert not _tags(result, "threat-actor")


def test_subject_actor_whose_malware_the_text_names_by_the_actor_is_not_a_family(enricher):
    # "a Turla malware variant", "Turla samples": the actor's malware; "Turla" is the actor's
    # own name and "Turla RAT" one Malpedia family of it (matcher._family_owns).
    text = (
        "The Turla group compromised Armenian websites. The Turla operators then served a "
        "fake Flash update. It installs a Turla malware variant, and Turla samples beacon "
        "home. The Turla group is patient, and the Turla operators are careful. " + FILLER
    )
    tags = _tags(enricher.enrich(make_entry(text, title="Tracking Turla: new backdoor")))
    assert ("threat-actor", "Turla") in tags
    assert ("malpedia", "Turla RAT") not in tags


def test_subject_family_called_a_group_once_stays_the_family(enricher):
    # One "KONNI campaigns" in the analysis of the KONNI RAT: the actor is no subject of its
    # own (matcher.BOTH_ACTOR_VOTES); the family is.
    text = (
        "FortiGuard Labs came across a new variant of the KONNI malware. Although KONNI "
        "campaigns use decoy documents, the KONNI malware is simple. KONNI samples beacon to "
        "a free host. Analysts first saw KONNI in 2014. Since then KONNI has changed little, "
        "and we expect KONNI to return. " + FILLER
    )
    tags = _tags(enricher.enrich(make_entry(text, title="A quick look at a new KONNI variant")))
    assert ("malpedia", "Konni (Windows)") in tags
    assert not {t for t in tags if t[0] == "threat-actor"}


# --- round nine: threat-actor tags on unseen reports (rejected attributions, tool customers) ---


def test_an_attribution_the_report_rejects_does_not_tag(enricher):
    # The report's subject is MuddyWater; it takes apart someone else's FIN7 link, naming FIN7
    # often, twice after a negation in sentences of their own.
    subject = " MuddyWater sent macro documents to ministries." * 12
    rejected = (
        " Earlier reporting tied the activity to FIN7, a financially motivated actor."
        " The FIN7 group steals card data from restaurants."
        " We found the MuddyWater samples distinct from FIN7 activity in targeting."
        " The FIN7 tools were never seen here."
        * 2
        + " In short, these attacks are not FIN7 related."
    )
    result = enricher.enrich(make_entry(FILLER + subject + rejected, title="Muddying the water"))
    assert ("threat-actor", "MuddyWater") in _tags(result)
    fin7 = _match(result, "threat-actor", "FIN7")
    assert not fin7.tagged and "rejects" in fin7.evidence[-1].note
    # the same mentions without the negations: FIN7 is a subject too
    plain = rejected.replace("distinct from FIN7", "close to FIN7").replace(
        "not FIN7 related", "FIN7 related"
    )
    result = enricher.enrich(make_entry(FILLER + subject + plain, title="Muddying the water"))
    assert ("threat-actor", "FIN7") in _tags(result)


def test_two_names_of_one_actor_negated_in_one_sentence_are_one_negation(enricher):
    # "we are NOT saying that DarkHalo / UNC2452 ... are the same": one negation, not two; the
    # report's second actor keeps its tag.
    subject = " Sunburst beacons to its DNS servers every day." * 14
    actor = (
        " FireEye named the actor UNC2452 when it found the Sunburst implant."
        " The UNC2452 operators chose their victims carefully."
        " UNC2452 removed its tools after use. UNC2452 used temporary file replacement."
        " UNC2452 moved laterally with stolen credentials."
        " We are not saying that DarkHalo / UNC2452 and Turla are the same."
    )
    result = enricher.enrich(make_entry(actor + FILLER + subject, title="Sunburst backdoor"))
    assert ("threat-actor", "UNC2452") in _tags(result)


def test_a_group_named_as_a_customer_of_a_tool_is_a_comparison(enricher):
    doc = Document(
        "x", "a malware-as-a-service provider whose infamous customers include FIN6 and Cobalt"
    )
    at = doc.text.index("FIN6")
    assert doc.mention("plain_text", at, at + 4).how == "comparison"
    at = doc.text.index("Cobalt")
    assert doc.mention("plain_text", at, at + 6).how == "comparison"
    # "customers of X": X is the provider the report may be about, no comparison
    doc = Document("x", "the customers of the Emotet botnet rent it by the week")
    at = doc.text.index("Emotet")
    assert doc.mention("plain_text", at, at + 6).how == ""
    # in a report on a group buying a MaaS, the other customers named in the opening do not tag
    opening = (
        "Evilnum combines its own malware with tools bought from a MaaS provider whose infamous"
        " customers include FIN6 and Cobalt Group. "
    )
    body = (
        " Evilnum steals spreadsheets from fintech firms." * 12
        + " We believe that FIN6, Cobalt Group and Evilnum are apart."
        + " Other researchers analyzed some tools of the Cobalt Group."
        + " The Cobalt Group tools were updated."
    )
    result = enricher.enrich(make_entry(opening + FILLER + body, title="A look at a toolset"))
    assert ("threat-actor", "Evilnum") in _tags(result)
    assert ("threat-actor", "Cobalt") not in _tags(result)


def test_a_passage_the_text_holds_twice_names_its_clusters_once(enricher):
    # Page extraction often doubles a teaser paragraph: the same sentence twice is one mention.
    teaser = "The sudden shut down of big spammers like Srizbi and Rustock helped the bot climb. "
    body = "The spam bot sends pharmacy spam through a list of relays and rotates its domains. "
    text = teaser + "\n" + teaser.replace("shut down", "shut  down") + body * 8
    result = enricher.enrich(make_entry(text, title="A little more on the new spam bot"))
    m = _match(result, "malpedia", "Rustock")
    assert m is not None and not m.tagged
    assert "repeated passage" in m.evidence[0].note
    # Named twice in two sentences of its own, it is the note's subject.
    text = teaser + "Rustock then moved its servers to a new host. " + body * 8
    result = enricher.enrich(make_entry(text, title="A little more on the new spam bot"))
    assert ("malpedia", "Rustock") in _tags(result)

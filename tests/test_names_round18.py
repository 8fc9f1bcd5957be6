"""Issue 16, round eighteen: names a report writes for a cited cluster that the index did not
search for (clusters the text names that never became a tag at any salience bar, dev and
held-out); each test text is written here, not copied from a report."""

from __future__ import annotations

import json

from misp_module.core.entry import parse_entry
from misp_module.core.galaxy_index import build_index
from misp_module.core.matcher import match_entry
from misp_module.core.rules import load_rules

from conftest import REPORT_FILLER as FILLER
from conftest import make_entry
from conftest import tagged_pairs as _tags

# --- names reports use that the galaxy lacks (extra-synonyms) ---


def test_china_chopper_written_as_two_words_is_the_web_shell(enricher):
    # Malpedia writes the web shell only run together, in capitals ("CHINACHOPPER"); reports
    # write it as two words, and only CamelCase is split by the index.
    text = (
        FILLER
        + " The intruders dropped a China Chopper web shell on the exposed server."
        + " The China Chopper client sends each command in a single POST request." * 3
    )
    result = enricher.enrich(make_entry(text, title="A web shell on a mail server"))
    assert ("malpedia", "CHINACHOPPER") in _tags(result)


def test_kasperskys_name_for_the_buer_loader_is_buer(enricher):
    text = (
        FILLER
        + " The fake update installed Buerak, a downloader that fetches the next stage."
        + " Buerak then contacts its server for a payload. " * 3
    )
    result = enricher.enrich(make_entry(text, title="Buerak spread as a fake certificate"))
    assert ("malpedia", "Buer") in _tags(result)


def test_the_bracketed_name_of_an_unidentified_malpedia_family_finds_it(enricher):
    text = (
        FILLER
        + " The trojanised UnionCryptoTrader application installs a loader on macOS."
        + " UnionCryptoTrader then downloads its payload from the server. " * 3
    )
    result = enricher.enrich(make_entry(text, title="A fake trading app for macOS"))
    assert ("malpedia", "Unidentified macOS 001 (UnionCryptoTrader)") in _tags(result)


# --- a family's bare name that one platform's cluster has as its value or synonym ---


def test_a_familys_bare_name_that_another_platforms_cluster_owns_finds_the_family(enricher):
    # "NetWire" is the macOS cluster's value and only a synonym of the Windows RAT (NetWire RC):
    # the bare name is the family's on every platform, and the text's platform chooses.
    text = (
        FILLER
        + " The NetWire RAT was delivered by a malicious Excel macro on Windows hosts."
        + " NetWire then logged keystrokes and sent them to its server. " * 3
    )
    result = enricher.enrich(make_entry(text, title="NetWire RAT spread by phishing"))
    assert ("malpedia", "NetWire RC") in _tags(result)
    assert ("malpedia", "NetWire") not in _tags(result)
    # a report on the macOS build still finds the macOS cluster
    mac = text.replace("Excel macro on Windows hosts", "disk image on macOS hosts")
    mac += " The macOS sample of NetWire persists with a launch agent on macOS. " * 2
    result = enricher.enrich(make_entry(mac, title="NetWire for macOS"))
    assert ("malpedia", "NetWire") in _tags(result)
    assert ("malpedia", "NetWire RC") not in _tags(result)


def _cluster(value: str, n: int, synonyms=()) -> dict:
    meta = {"refs": [], "synonyms": list(synonyms)}
    return {"value": value, "uuid": f"00000000-0000-4000-8000-{n:012d}", "meta": meta}


def _tagged(index, text: str, title: str) -> set[str]:
    raw = {"sha1_hash": "0" * 40, "title": title, "plain_text": text}
    matches, _ = match_entry(parse_entry(raw), index)
    return {m.value for m in matches if m.tagged}


def test_a_family_members_value_that_is_the_bare_name_finds_the_whole_family(tmp_path):
    # Made-up clusters, as Malpedia has "tsunami" (Windows) beside "Tsunami (ELF)": one
    # platform's value is the family's bare name. A family-members rule makes it the Windows
    # member; the bare name then finds every variant, and the platform cues choose.
    (tmp_path / "galaxy" / "clusters").mkdir(parents=True)
    values = [
        _cluster("quokkabot", 1),
        _cluster("Quokkabot (ELF)", 2),
        _cluster("Quokkabot (OS X)", 3),
    ]
    data = {"type": "malpedia", "version": 1, "values": values}
    (tmp_path / "galaxy" / "clusters" / "malpedia.json").write_text(json.dumps(data))
    (tmp_path / "rules").mkdir()
    member = {"value": "quokkabot", "family": "Quokkabot", "platform": "windows"}
    rules_file = {"kind": "family-members", "description": "a test", "entries": [member]}
    (tmp_path / "rules" / "members.json").write_text(json.dumps(rules_file))
    index = build_index(
        tmp_path / "galaxy", ("malpedia",), "test", load_rules([tmp_path / "rules"])
    )
    linux = (
        FILLER
        + " The Quokkabot backdoor, an IRC bot for Linux, was installed on the routers."
        + " Quokkabot then joined the IRC channel and waited for flood commands. " * 3
    )
    assert _tagged(index, linux, "An IRC botnet on Linux routers") == {"Quokkabot (ELF)"}
    windows = linux.replace("Linux", "Windows").replace("routers", "desktops")
    assert _tagged(index, windows, "An IRC botnet on Windows desktops") == {"quokkabot"}


def test_the_windows_stealers_synonym_finds_it_over_the_android_value(enricher):
    # "LokiBot" is an Android banker's value and the Windows password stealer's synonym.
    text = (
        FILLER
        + " The attachment installed LokiBot, which stole browser passwords on Windows."
        + " LokiBot sent the stolen credentials to its panel over HTTP. " * 3
    )
    result = enricher.enrich(make_entry(text, title="A phishing wave drops LokiBot"))
    assert ("malpedia", "Loki Password Stealer (PWS)") in _tags(result)
    assert ("malpedia", "LokiBot") not in _tags(result)


def test_a_synonym_two_platform_variants_share_is_no_ambiguity(enricher):
    # JHUHUGIT is a synonym of the Windows Seduploader and of the macOS Komplex: one family
    # on two platforms, not two things one name cannot choose between.
    text = (
        FILLER
        + " The first stage was JHUHUGIT, a downloader the group has used for years."
        + " JHUHUGIT then fetched the second stage over HTTPS. " * 3
    )
    result = enricher.enrich(make_entry(text, title="A downloader against defence ministries"))
    assert ("malpedia", "Seduploader") in _tags(result)
    assert ("malpedia", "Komplex") not in _tags(result)


# --- "Mac OS X" is one platform cue, not two ---


def test_mac_os_x_counts_once_among_the_platforms_a_family_runs_on(enricher):
    # "Mac OS X" held both cue words "mac os" and "os x": a RAT that "runs on Windows, Mac OS
    # X or Linux" went to its macOS variant, two cues to Windows' one.
    text = (
        FILLER
        + " NetWire gives the attacker full control of a Windows, Mac OS X or Linux system."
        + " NetWire encrypts its traffic to the server with a session key. " * 3
    )
    result = enricher.enrich(make_entry(text, title="Decrypting NetWire traffic"))
    assert ("malpedia", "NetWire RC") in _tags(result)
    assert ("malpedia", "NetWire") not in _tags(result)


def test_fireeyes_pupyrat_is_the_pupy_family(enricher):
    text = (
        FILLER
        + " The actor installed PUPYRAT, an open-source backdoor, on the domain controller."
        + " PUPYRAT then dumped credentials from the memory of the host. " * 3
    )
    result = enricher.enrich(make_entry(text, title="Containing an intruder on a Windows domain"))
    assert ("malpedia", "pupy (Windows)") in _tags(result)


# --- a hyphenated name written joined ---


def test_a_hyphenated_family_name_written_joined_is_the_family(enricher):
    text = (
        FILLER
        + " The group's flagship backdoor, Xagent, was deployed on the servers."
        + " Xagent is a modular backdoor with keylogging and file theft modules. " * 3
    )
    result = enricher.enrich(make_entry(text, title="How the group spent the year"))
    assert ("malpedia", "X-Agent (Windows)") in _tags(result)


def test_a_name_before_a_comma_is_no_alias_of_the_next_entrys_aka(enricher):
    # "A, B (aka C, aka D)": B's aliases are C and D; A is the list's previous entry. Before,
    # Coreshell took X-Agent's salient confidence as its "alias".
    text = (
        FILLER
        + " The group added tools, including CORESHELL, SPLM (aka Xagent, aka CHOPSTICK),"
        + " and several others. "
        + " SPLM is a modular backdoor that the group deploys as a second stage. " * 6
    )
    result = enricher.enrich(make_entry(text, title="A year of espionage tools"))
    assert ("malpedia", "X-Agent (Windows)") in _tags(result)
    assert ("malpedia", "Coreshell") not in _tags(result)

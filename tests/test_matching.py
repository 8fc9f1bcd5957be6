"""Galaxy matching: the EU declaration, the real ORKL entries, and the traps."""

from __future__ import annotations

import json

import pytest

from misp_module.core.names import normal_form
from misp_module.core.reader import read_entries

from conftest import CTITOOLS, EU_URL, OPENCTI, make_entry


def _only(path):
    (entry,) = list(read_entries([str(path)]))
    return entry


def _match(enrichment, galaxy, value):
    found = [m for m in enrichment.matches if (m.galaxy, m.value) == (galaxy, value)]
    assert found, f"{galaxy}:{value} not matched"
    return found[0]


@pytest.mark.parametrize("data", ["embedded", "shared"])
def test_eu_declaration_tags_apt40_and_apt31_with_evidence(
    eu_entry, enricher, shared_enricher, data
):
    result = (enricher if data == "embedded" else shared_enricher).enrich(eu_entry)
    galaxy_tags = [t for t in result.tags if t.startswith("misp-galaxy:")]
    # No malpedia family and no other actor is named by this text: exactly these two.
    assert galaxy_tags == [
        'misp-galaxy:threat-actor="APT31"',
        'misp-galaxy:threat-actor="APT40"',
    ]
    cluster_refs = set()
    for value in ("APT40", "APT31"):
        m = _match(result, "threat-actor", value)
        assert m.tagged and m.confidence >= 0.95
        (ref,) = [e for e in m.evidence if e.kind == "reference"]
        assert ref.url == EU_URL
        cluster_refs.add(ref.cluster_ref)
        (text,) = [e for e in m.evidence if e.kind == "text"]
        (span,) = text.spans
        assert span.field == "plain_text"
        number = value[-2:]
        assert normal_form(eu_entry.text[span.start : span.end]) == (
            f"Advanced Persistent Threat {number}"
        )
        assert "hacker groups known as" in span.context or "Threat 40 and" in span.context
    # One cluster cites the URL with the trailing slash, the other without.
    assert cluster_refs == {EU_URL, EU_URL.rstrip("/")}


def test_name_split_across_pdf_line_break_is_found_with_original_offsets(enricher):
    # (A note naming its subject once introduces it: "the group known as X".)
    text = "These activities are linked to the group known as Advanced Persistent\r\nThreat 40."
    result = enricher.enrich(make_entry(text, title="A note"))
    m = _match(result, "threat-actor", "APT40")
    span = m.evidence[0].spans[0]
    assert text[span.start : span.end] == "Advanced Persistent\r\nThreat 40"
    assert m.tagged


@pytest.mark.parametrize(
    "written", ["APT40", "APT 40", "APT-40", "apt40", "Advanced Persistent Threat 40"]
)
def test_spellings_of_a_designation(enricher, written):
    text = f"A group known as {written} was active in 2020."  # named once: introduced
    result = enricher.enrich(make_entry(text, title="x"))
    assert 'misp-galaxy:threat-actor="APT40"' in result.tags


def test_word_boundaries(enricher):
    # APT401 and XAPT40 are not APT40.
    result = enricher.enrich(make_entry("APT401 and XAPT40 and APT40s are not it.", title="x"))
    assert not any(m.value == "APT40" for m in result.matches)


def test_common_word_names_never_tag_alone(enricher):
    text = (
        "The agent used a hook to reach the Alien server. Hydra of the dark web. "
        "Exodus Intelligence. Rogue devices. Titan holdings."
    )
    result = enricher.enrich(make_entry(text, title="A vendor note"))
    assert not [t for t in result.tags if t.startswith("misp-galaxy:malpedia")]
    # Capitalised mid-sentence, "Alien" is kept as a weak hint and says why.
    alien = [m for m in result.matches if m.value == "Alien"]
    assert alien and not alien[0].tagged
    assert "ordinary English word" in alien[0].evidence[0].note
    # Lower-case "hook" is not the malware Hook at all.
    assert not [m for m in result.matches if m.value == "Hook"]


def test_ambiguous_synonym_only_corroborates(enricher):
    result = enricher.enrich(make_entry("Grizzly Steppe was reported.", title="x"))
    hits = [m for m in result.matches if any(e.name == "Grizzly Steppe" for e in m.evidence)]
    assert len(hits) >= 2
    for m in hits:
        assert not m.tagged
        assert "ambiguous" in m.evidence[0].note


def test_ambiguous_name_corroborated_by_a_distinctive_one(enricher):
    result = enricher.enrich(make_entry("Grizzly Steppe, that is APT29, struck again.", title="x"))
    assert 'misp-galaxy:threat-actor="APT29"' in result.tags
    assert 'misp-galaxy:threat-actor="APT28"' not in result.tags


def test_longest_name_wins(enricher):
    result = enricher.enrich(make_entry("Lazarus Group struck again.", title="x"))
    m = _match(result, "threat-actor", "Lazarus Group")
    assert m.evidence[0].spans[0].text == "Lazarus Group"


@pytest.mark.parametrize("data", ["embedded", "shared"])
def test_opencti_entry_actors_resolve_and_unknown_actor_is_reported(
    enricher, shared_enricher, data
):
    result = (enricher if data == "embedded" else shared_enricher).enrich(_only(OPENCTI))
    raw = json.loads(OPENCTI.read_text())["data"]
    mispgalaxy = [a["main_name"] for a in raw["threat_actors"] if a["source_id"] == "MISPGALAXY"]
    unresolved = {u.main_name for u in result.unresolved}
    assert unresolved == {"SilkParasite"}
    for name in mispgalaxy:
        if name in unresolved:
            continue
        m = _match(result, "threat-actor", name)
        assert m.tagged
        assert any(e.kind == "orkl-actor" and e.actor == f"MISPGALAXY:{name}" for e in m.evidence)
    record = result.to_record()
    assert record["unresolved_actors"][0]["source_name"] == "MISPGALAXY:SilkParasite"


def test_etda_actor_alone_does_not_tag(enricher):
    # ETDA:Sofacy is ORKL's only link to APT28 in the OpenCTI entry: weak, so no tag.
    result = enricher.enrich(_only(OPENCTI))
    m = _match(result, "threat-actor", "APT28")
    assert not m.tagged
    assert "ETDA" in m.evidence[0].note


def test_ctitools_2024_entry(enricher):
    entry = _only(CTITOOLS)
    assert entry.sources == ("VXUG",)
    result = enricher.enrich(entry)
    assert 'misp-galaxy:threat-actor="SWEED"' in result.tags
    # Hussarini is a synonym of the Malpedia family Sarhust, named in the title and text.
    assert 'misp-galaxy:malpedia="Sarhust"' in result.tags


def test_reference_evidence_needs_normalised_equality(enricher):
    entry = make_entry(
        "nothing here", title="x", references=[EU_URL.replace("https://www.", "http://") + "#top"]
    )
    result = enricher.enrich(entry)
    assert {m.value for m in result.tagged_matches} == {"APT40", "APT31"}


def test_galaxies_option_limits_what_is_matched(eu_entry):
    from misp_module.core.enrich import Enricher

    result = Enricher(galaxies=("malpedia",)).enrich(eu_entry)
    assert not [t for t in result.tags if t.startswith("misp-galaxy:")]


def test_a_passing_mention_in_a_long_report_is_not_a_tag(enricher):
    filler = "The campaign relied on spear-phishing and commodity tooling. " * 200
    once = enricher.enrich(
        make_entry(filler + "Unlike APT40, this actor kept a low profile.", title="x")
    )
    assert 'misp-galaxy:threat-actor="APT40"' not in once.tags
    twice = enricher.enrich(make_entry(filler + "APT40 again. APT40 once more.", title="x"))
    assert 'misp-galaxy:threat-actor="APT40"' not in twice.tags
    (m,) = [m for m in twice.matches if m.value == "APT40"]
    assert "a passing mention" in m.evidence[0].note
    often = enricher.enrich(make_entry(filler + "APT40 did it. " * 5, title="x"))
    assert 'misp-galaxy:threat-actor="APT40"' in often.tags
    titled = enricher.enrich(make_entry(filler + "APT40 again.", title="APT40 strikes"))
    (m,) = [m for m in titled.matches if m.value == "APT40"]
    assert m.tagged and "salient: title" in m.evidence[0].summary

"""Which galaxy clusters an ORKL entry is about, and why.

Three kinds of evidence, strongest first:

- *reference*: one of the entry's URLs (its references, its ORKL copies) is in a cluster's
  refs after normalisation;
- *orkl-actor*: ORKL's ``threat_actors``; a MISPGALAXY item names the threat-actor cluster
  value exactly, other sources go through values and synonyms, their alias lists only weakly;
- *text*: a cluster's value or synonym in the title or text (see :mod:`textscan`).

Weak names (ambiguous, common words, very short) never make a tag on their own: they add to
a cluster that has other evidence, and their evidence says so.
"""

from __future__ import annotations

from collections import defaultdict

from misp_module.core.entry import OrklEntry
from misp_module.core.evidence import (
    CONFIDENCE,
    DEFAULT_THRESHOLD,
    LONG_TEXT,
    ClusterMatch,
    Evidence,
    Span,
    UnresolvedActor,
    combine,
)
from misp_module.core.galaxy_index import GalaxyIndex
from misp_module.core.textscan import Hit, context, scan
from misp_module.core.urls import normalize_url

MAX_SPANS = 5  # spans kept per name in the evidence; the count says how many there were


def match_entry(
    entry: OrklEntry, index: GalaxyIndex, threshold: float = DEFAULT_THRESHOLD
) -> tuple[list[ClusterMatch], list[UnresolvedActor]]:
    evidence: dict[int, list[Evidence]] = defaultdict(list)
    _reference_evidence(entry, index, evidence)
    unresolved = _actor_evidence(entry, index, evidence)
    _text_evidence(entry, index, evidence)
    matches = []
    for cid, items in evidence.items():
        cluster = index.clusters[cid]
        items.sort(key=lambda e: (-e.confidence, e.kind, e.summary))
        confidence = combine([e.confidence for e in items])
        matches.append(
            ClusterMatch(
                galaxy=cluster.galaxy,
                value=cluster.value,
                uuid=cluster.uuid,
                confidence=confidence,
                evidence=items,
                tagged=confidence >= threshold,
            )
        )
    matches.sort(key=lambda m: (-m.confidence, m.galaxy, m.value))
    return matches, unresolved


def _reference_evidence(entry: OrklEntry, index: GalaxyIndex, out: dict) -> None:
    seen: set[tuple[int, str]] = set()
    for url in dict.fromkeys((*entry.references, *entry.orkl_links, *entry.archive_links)):
        key = normalize_url(url)
        for cid, ref in index.by_ref.get(key, ()) if key else ():
            if (cid, key) in seen:
                continue
            seen.add((cid, key))
            out[cid].append(
                Evidence(
                    kind="reference",
                    confidence=CONFIDENCE["reference"],
                    summary=f"the report's URL is cited in the cluster's refs as {ref}",
                    url=url,
                    cluster_ref=ref,
                )
            )


def _actor_evidence(entry: OrklEntry, index: GalaxyIndex, out: dict) -> list[UnresolvedActor]:
    unresolved = []
    for actor in entry.actors:
        label = actor.source_name or f"{actor.source_id}:{actor.main_name}"
        if actor.source_id.upper() == "MISPGALAXY":
            cluster = index.cluster("threat-actor", actor.main_name)
            if cluster is not None:
                cid = index.by_value["threat-actor"][actor.main_name]
                out[cid].append(
                    Evidence(
                        kind="orkl-actor",
                        confidence=CONFIDENCE["orkl-actor-mispgalaxy"],
                        summary=f"ORKL lists {label}, the threat-actor cluster value itself",
                        actor=label,
                        name=actor.main_name,
                    )
                )
                continue
        cids = index.by_name.get(actor.main_name.lower(), ())
        if cids:
            etda = actor.source_id.upper() == "ETDA"
            if len(cids) > 1:
                kind, note = "orkl-actor-ambiguous", _ambiguity_note(index, cids)
            elif etda:
                kind, note = "orkl-actor-etda", "ETDA's groups over-merge: corroborates only"
            else:
                kind, note = "orkl-actor", None
            for cid in cids:
                out[cid].append(
                    Evidence(
                        kind="orkl-actor",
                        confidence=CONFIDENCE[kind],
                        summary=f"ORKL lists {label}; {actor.main_name!r} names this cluster",
                        actor=label,
                        name=actor.main_name,
                        note=note,
                    )
                )
            continue
        via_alias = _alias_evidence(actor, label, index, out)
        if not via_alias:
            where = (
                "the loaded galaxies"
                if actor.source_id.upper() != "MISPGALAXY"
                else ("the loaded threat-actor galaxy")
            )
            unresolved.append(
                UnresolvedActor(
                    source_name=label,
                    main_name=actor.main_name,
                    source_id=actor.source_id,
                    reason=f"no cluster in {where} has this name"
                    + (" or any of its aliases" if actor.aliases else ""),
                )
            )
    return unresolved


def _alias_evidence(actor, label: str, index: GalaxyIndex, out: dict) -> bool:
    found = False
    for alias in actor.aliases:
        cids = index.by_name.get(alias.lower(), ())
        if len(cids) != 1:
            continue
        found = True
        out[cids[0]].append(
            Evidence(
                kind="orkl-actor",
                confidence=CONFIDENCE["orkl-actor-alias"],
                summary=f"ORKL lists {label} with alias {alias!r}, a name of this cluster",
                actor=label,
                name=alias,
                note="alias lists of other sources over-merge groups: weak evidence only",
            )
        )
    return found


def _ambiguity_note(index: GalaxyIndex, cids: tuple[int, ...]) -> str:
    names = ", ".join(sorted(f"{index.clusters[c].galaxy}:{index.clusters[c].value}" for c in cids))
    return f"ambiguous: the name belongs to {names}; it corroborates only"


def _text_evidence(entry: OrklEntry, index: GalaxyIndex, out: dict) -> None:
    by_pattern: dict[int, list[tuple[str, Hit]]] = defaultdict(list)
    for field_name, text in (("title", entry.title), ("plain_text", entry.text)):
        for hit in scan(index, text):
            by_pattern[hit.pattern].append((field_name, hit))
    for pid, hits in by_pattern.items():
        pattern = index.patterns[pid]
        texts = {"title": entry.title, "plain_text": entry.text}
        spans = tuple(
            Span(f, h.start, h.end, h.text, context(texts[f], h.start, h.end))
            for f, h in hits[:MAX_SPANS]
        )
        in_title = any(f == "title" for f, _ in hits)
        count = len(hits)
        name = pattern.names[0]
        spelled = f" ({name}, {pattern.how})" if pattern.how else ""
        where = "title and text name" if in_title else "text names"
        summary = f"the {where} {hits[0][1].text!r}{spelled}"
        summary += f", {count} time{'s' if count != 1 else ''}"
        if pattern.quality == "distinctive":
            if in_title:
                key = "text-title"
            elif count > 1:
                key = "text-repeated"
            else:
                key = "text-passing" if len(entry.text) > LONG_TEXT else "text"
            confidence, note = CONFIDENCE[key], None
        elif pattern.quality == "ambiguous":
            confidence = CONFIDENCE["text-ambiguous"]
            note = _ambiguity_note(index, pattern.clusters)
        else:
            # Ordinary words: capitalised as the galaxy writes them, and even then only a hint.
            named = sum(1 for _, h in hits if not h.sentence_start)
            confidence = round(
                min(0.5, CONFIDENCE["text-common-word"] + 0.1 * max(0, named - 1)), 3
            )
            note = (
                f"{pattern.quality}: {name!r} is "
                + ("an ordinary English word" if pattern.quality == "common-word" else "very short")
                + "; matched only as written, and it corroborates only"
            )
        for cid in pattern.clusters:
            out[cid].append(
                Evidence(
                    kind="text",
                    confidence=confidence,
                    summary=summary,
                    name=name,
                    spans=spans,
                    note=note,
                )
            )

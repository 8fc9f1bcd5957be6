"""The core: an ORKL entry in; galaxy matches, public attributions and tags out.

It knows nothing of MISP's transport: the misp-modules handler, the CLI, the MISP client and
the galaxy writer all render an :class:`Enrichment`, each in its own adapter.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from functools import cached_property

from misp_module.core.attribution import Attribution, attribution_report
from misp_module.core.entry import OrklEntry
from misp_module.core.evidence import DEFAULT_THRESHOLD, ClusterMatch, UnresolvedActor
from misp_module.core.galaxy_index import DEFAULT_GALAXIES, GalaxyIndex, load_index
from misp_module.core.lexicon import lexicon
from misp_module.core.matcher import match_entry
from misp_module.core.rules import RuleSet, shipped
from misp_module.core.summary import summarise
from misp_module.core.taxonomy import attribution_tags

# Characters of an entry's text that are read: scanned for galaxy names, and (fewer, the
# sentence analysis costs more) for attribution statements. ORKL's reports are PDFs of a few to
# a few hundred pages (tens to hundreds of thousands of characters); past these, the rest of a
# text is not read, so no single entry costs more than a couple of seconds and a few hundred
# MB, whatever it holds. A text that is nothing but names and attribution statements costs
# about 0.45 s of CPU for the names and 0.8 s for the statements at these caps.
MAX_SCAN_CHARS = 1_000_000
MAX_ATTRIBUTION_CHARS = 300_000


def entry_summary(entry: OrklEntry) -> str:
    """An entry's summary, the one its Enrichment shows (the module's hover needs no more)."""
    return summarise(entry.title, entry.text[:MAX_ATTRIBUTION_CHARS])


@dataclass
class Enrichment:
    entry: OrklEntry
    matches: list[ClusterMatch]
    unresolved: list[UnresolvedActor]
    attributions: list[Attribution]
    threshold: float
    galaxy_source: str = ""
    tags: list[str] = field(default_factory=list)
    # Attributions the text only recalls (evidence, never tags), and what was not read
    # ("attribution not attempted for language 'ja'").
    background_attributions: list[Attribution] = field(default_factory=list)
    attribution_notes: list[str] = field(default_factory=list)

    @cached_property
    def summary(self) -> str:
        """The report's first sentences of prose, built when read: the module's reply and the
        Markdown report show it, `match`'s lines do not (a few per cent of its time)."""
        return entry_summary(self.entry)

    @property
    def tagged_matches(self) -> list[ClusterMatch]:
        return [m for m in self.matches if m.tagged]

    @property
    def date(self) -> str | None:
        """The statement's date when one was found, else the file's own date."""
        for a in self.attributions:
            if a.date:
                return a.date
        return (self.entry.file_date or "")[:10] or None

    def to_record(self) -> dict:
        """The JSON line ``orkl-misp match`` prints for this entry."""
        e = self.entry
        record = {
            "sha1": e.sha1,
            "id": e.id,
            "title": e.title,
            "date": self.date,
            "references": list(e.references),
            "tags": self.tags,
            "clusters": [m.to_dict() for m in self.matches],
            "unresolved_actors": [u.to_dict() for u in self.unresolved],
            "attributions": [a.to_dict() for a in self.attributions],
            "background_attributions": [a.to_dict() for a in self.background_attributions],
            "attribution_notes": list(self.attribution_notes),
        }
        if e.notes:  # repairs of the input, the choice among entries a URL led to
            record["notes"] = list(e.notes)
        return record


class Enricher:
    """Holds the galaxy index (built once) and enriches entries with it."""

    def __init__(
        self,
        galaxy_dir: str | os.PathLike | None = None,
        galaxies: tuple[str, ...] | list[str] = DEFAULT_GALAXIES,
        threshold: float = DEFAULT_THRESHOLD,
        index: GalaxyIndex | None = None,
        rules: RuleSet | None = None,
    ) -> None:
        self.rules = rules or shipped()
        self.index = index or load_index(galaxy_dir, tuple(galaxies), rules=self.rules)
        self.threshold = threshold
        self.lexicon = lexicon(self.rules)

    def enrich(self, entry: OrklEntry) -> Enrichment:
        scanned = entry
        if len(entry.text) > MAX_SCAN_CHARS:
            scanned = dataclasses.replace(entry, text=entry.text[:MAX_SCAN_CHARS])
        matches, unresolved = match_entry(scanned, self.index, self.threshold)
        if len(scanned.text) > MAX_ATTRIBUTION_CHARS:
            scanned = dataclasses.replace(entry, text=entry.text[:MAX_ATTRIBUTION_CHARS])
        report = attribution_report(scanned, self.lexicon)
        attributions = report.rows
        galaxy_tags = sorted({m.tag for m in matches if m.tagged})
        return Enrichment(
            entry=entry,
            matches=matches,
            unresolved=unresolved,
            attributions=attributions,
            threshold=self.threshold,
            galaxy_source=self.index.source,
            tags=galaxy_tags + attribution_tags(attributions),
            background_attributions=report.background,
            attribution_notes=report.notes,
        )

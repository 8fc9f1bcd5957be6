"""What the core returns: matches and the evidence behind each, as plain data.

Every match carries its evidence, and every piece of evidence says what matched and where,
so an analyst can check it. ``to_dict`` gives the JSON form ``match`` prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# How much one piece of evidence is worth on its own. Pieces combine as independent
# witnesses (noisy-or), so corroboration raises a match above what either gives alone.
CONFIDENCE = {
    "reference": 0.95,  # the report's URL is in the cluster's refs: curated by misp-galaxy
    "orkl-actor-mispgalaxy": 0.9,  # ORKL names the cluster value exactly
    "orkl-actor": 0.7,  # another ORKL source's name resolves to one cluster
    "orkl-actor-etda": 0.45,  # ETDA groups over-merge: its actor alone is not enough
    "orkl-actor-ambiguous": 0.35,
    "orkl-actor-alias": 0.3,  # ETDA-style alias lists over-merge groups: weak
    # Text: a salient cluster (see core/salience.py) starts here and gains 0.05 a point.
    "text-salient": 0.7,
    "text-passing": 0.35,  # named, but not what the report is about: corroborates only
    "text-ambiguous": 0.3,
    "text-corroborating": 0.2,  # only in URLs, code, references, or negated
    "text-common-word": 0.2,
}
DEFAULT_THRESHOLD = 0.6


def combine(confidences: list[float]) -> float:
    remaining = 1.0
    for c in confidences:
        remaining *= 1.0 - c
    return round(1.0 - remaining, 3)


@dataclass(frozen=True)
class Span:
    """Where a name was found: field, character offsets into it, the text and its context."""

    field: str  # "title" or "plain_text"
    start: int
    end: int
    text: str
    context: str


@dataclass(frozen=True)
class Evidence:
    kind: str  # "reference" | "orkl-actor" | "text"
    confidence: float
    summary: str  # one line an analyst reads
    url: str | None = None  # reference: the report's URL
    cluster_ref: str | None = None  # reference: the cluster's ref it equals
    actor: str | None = None  # orkl-actor: ORKL's source_name
    name: str | None = None  # the galaxy name (value or synonym) that matched
    spans: tuple[Span, ...] = ()
    note: str | None = None  # how a weak or ambiguous name was treated

    def to_dict(self) -> dict:
        # By hand: dataclasses.asdict deep-copies, and match writes thousands of these a second.
        d: dict = {"kind": self.kind, "confidence": self.confidence, "summary": self.summary}
        # url, cluster_ref, actor, name, note, in this order, each when set (no getattr loop)
        if self.url is not None:
            d["url"] = self.url
        if self.cluster_ref is not None:
            d["cluster_ref"] = self.cluster_ref
        if self.actor is not None:
            d["actor"] = self.actor
        if self.name is not None:
            d["name"] = self.name
        if self.note is not None:
            d["note"] = self.note
        if self.spans:
            d["spans"] = [_span_dict(s) for s in self.spans]
        return d


def _span_dict(s: Span) -> dict:
    return {"field": s.field, "start": s.start, "end": s.end, "text": s.text, "context": s.context}


@dataclass
class ClusterMatch:
    galaxy: str
    value: str
    uuid: str
    confidence: float
    evidence: list[Evidence] = field(default_factory=list)
    tagged: bool = False

    @property
    def tag(self) -> str:
        return f'misp-galaxy:{self.galaxy}="{self.value}"'

    def to_dict(self) -> dict:
        return {
            "galaxy": self.galaxy,
            "value": self.value,
            "uuid": self.uuid,
            "confidence": self.confidence,
            "tagged": self.tagged,
            "tag": self.tag,
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(frozen=True)
class UnresolvedActor:
    """An actor ORKL lists that no loaded cluster answers to: reported, not lost."""

    source_name: str
    main_name: str
    source_id: str
    reason: str
    spans: tuple[Span, ...] = ()  # where the text names it (text candidates only)

    def to_dict(self) -> dict:
        # By hand, as asdict would give it (the spans a tuple of dicts), without its deep copy.
        d: dict = {
            "source_name": self.source_name,
            "main_name": self.main_name,
            "source_id": self.source_id,
            "reason": self.reason,
        }
        if self.spans:
            d["spans"] = tuple(_span_dict(s) for s in self.spans)
        return d

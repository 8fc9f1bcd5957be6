"""Government attribution as relations: a threat-actor cluster related to a country cluster.

misp-galaxy PR #660 (2021) added government statements to APT40's and APT31's refs and a
maintainer proposed recording the attribution itself; nothing records it today. Here a
threat-actor value gets a ``related`` entry to the ``country`` galaxy's value of the state a
government publicly held responsible:

- ``attributed-to`` when the statement holds the state, one of its agencies, groups it
  sponsors or named individuals responsible (STIX 2.1: intrusion-set attributed-to identity);
- ``originates-from`` when it only says the activity came from the state's territory (the EU
  declaration of 19 July 2021: "undertaken from the territory of China"; STIX 2.1:
  intrusion-set originates-from location). Saying more would put words in the government's
  mouth.

Each entry's tags carry the estimative-language likelihood that the statement covers this
actor and, as the source, the statement's value in the public-attribution galaxy
(``misp-galaxy:public-attribution="..."``): MISP imports only ``dest-uuid``, ``type`` and
``tags`` of a relation (app/Model/Galaxy.php:224-233), and a galaxy tag is how MISP names a
cluster, so the source survives the import. One entry per (actor, country, type); a second
statement adds its source tag to it and can only raise the likelihood.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Levels that hold the state responsible, strongest last (taxonomy.LEVELS describes them).
STATE_LEVELS = ("state", "state-agency", "state-sponsored", "individuals")
ATTRIBUTED_TO = "attributed-to"
ORIGINATES_FROM = "originates-from"
LIKELIHOOD_PREFIX = "estimative-language:likelihood-probability="
STATEMENT_TAG_PREFIX = "misp-galaxy:public-attribution="
# estimative-language's words, weakest first: a merge keeps the strongest.
LIKELIHOOD_ORDER = (
    "almost-no-chance",
    "very-unlikely",
    "unlikely",
    "roughly-even-chance",
    "likely",
    "very-likely",
    "almost-certain",
)


def relation_type(levels: set[str]) -> str | None:
    if levels & set(STATE_LEVELS):
        return ATTRIBUTED_TO
    if "territory" in levels:
        return ORIGINATES_FROM
    return None


def statement_tag(value: str) -> str:
    return f'{STATEMENT_TAG_PREFIX}"{value}"'


@dataclass
class Relation:
    """One relation to write, with what the review shows for it."""

    actor_uuid: str
    actor_value: str
    country_uuid: str
    country_value: str
    state: str  # alpha-2
    type: str
    likelihood_tag: str
    confidence: float
    statement_uuid: str
    statement_value: str
    parties: list[str] = field(default_factory=list)
    levels: list[str] = field(default_factory=list)
    quote: str = ""
    evidence: list[str] = field(default_factory=list)

    @property
    def tags(self) -> list[str]:
        return [self.likelihood_tag, statement_tag(self.statement_value)]


def country_index(data: dict | None) -> dict[str, tuple[str, str]]:
    """alpha-2 -> (uuid, value) from the country galaxy's cluster file (meta.ISO)."""
    out: dict[str, tuple[str, str]] = {}
    for v in (data or {}).get("values") or ():
        iso = (v.get("meta") or {}).get("ISO") if isinstance(v, dict) else None
        if isinstance(iso, str) and v.get("uuid") and iso.upper() not in out:
            out[iso.upper()] = (v["uuid"], v.get("value", ""))
    return out


def _likelihood_word(tag: str) -> str:
    return tag[len(LIKELIHOOD_PREFIX) :].strip('"')


def _stronger(a: str, b: str) -> str:
    rank = {w: i for i, w in enumerate(LIKELIHOOD_ORDER)}
    return a if rank.get(_likelihood_word(a), -1) >= rank.get(_likelihood_word(b), -1) else b


def merge_related(existing: list[dict], rel: Relation) -> tuple[list[dict], bool]:
    """``existing`` with ``rel`` in it; True when that changed anything."""
    out = [dict(r) for r in existing]
    for i, r in enumerate(out):
        if r.get("dest-uuid") != rel.country_uuid or r.get("type") != rel.type:
            continue
        tags = list(r.get("tags") or [])
        old_likelihood = next((t for t in tags if t.startswith(LIKELIHOOD_PREFIX)), None)
        if old_likelihood is None:
            tags.insert(0, rel.likelihood_tag)
        else:
            tags[tags.index(old_likelihood)] = _stronger(old_likelihood, rel.likelihood_tag)
        source = statement_tag(rel.statement_value)
        if source not in tags:
            tags.append(source)
        if tags == list(r.get("tags") or []):
            return out, False
        # Keys in sorted order, as misp-galaxy's jq --sort-keys leaves them.
        out[i] = dict(r, tags=tags) if "tags" in r else dict(sorted({**r, "tags": tags}.items()))
        return out, True
    out.append({"dest-uuid": rel.country_uuid, "tags": rel.tags, "type": rel.type})
    return out, True

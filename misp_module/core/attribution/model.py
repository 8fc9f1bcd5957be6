"""The attribution extractor's data: the rows it returns (:class:`Attribution`, :class:`AttributionReport`), the order of attribution levels (``LEVEL_ORDER``) and the small records the stages pass along (a cue sentence, a target). Kept apart so that every stage, and the modules outside the package that only read rows (taxonomy, galaxy writer, enrich), import them without pulling in the grammar."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from misp_module.core.taxonomy import BODIES as BODY_NAMES
from misp_module.core.taxonomy import countries

LEVEL_ORDER = ("territory", "state", "state-agency", "state-sponsored", "individuals")
HEADER_CHARS = 600


@dataclass(frozen=True)
class Attribution:
    """One row: a party's role in attributing activity to a state, and the sentence behind it."""

    party: str  # alpha-2, EU or NATO
    party_name: str
    role: str  # "attributing" | "supporting"
    attributed_state: str | None
    level: str | None
    statement_type: str | None
    date: str | None  # YYYY-MM-DD
    quote: str  # the supporting sentence, whitespace collapsed
    field: str  # "title" or "plain_text"
    start: int  # character offsets of the sentence in that field
    end: int
    basis: str  # how the party was found

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class _Sentence:
    field: str
    start: int
    end: int
    text: str  # whitespace collapsed


@dataclass(frozen=True)
class _Target:
    state: str
    level: str
    span: tuple[int, int]


def _target(state: str, level: str, span: tuple[int, int]) -> _Target:
    return _Target(state, level, span)


def party_name(code: str) -> str:
    return BODY_NAMES.get(code) or countries().get(code, code)


@dataclass(frozen=True)
class AttributionReport:
    """What a text says about public attribution: its own attributions (tagged), those it
    only recalls (``background``: evidence, never tags), and notes (a language not read)."""

    rows: list[Attribution]
    background: list[Attribution]
    notes: list[str]

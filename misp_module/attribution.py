"""Public attribution (filled in by the attribution work)."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from .entry import OrklEntry


@dataclass(frozen=True)
class Attribution:
    party: str
    party_name: str
    role: str
    attributed_state: str | None
    level: str | None
    statement_type: str | None
    date: str | None
    quote: str
    field: str
    start: int
    end: int
    basis: str

    def to_dict(self) -> dict:
        return asdict(self)


def extract_attributions(entry: OrklEntry) -> list[Attribution]:
    return []

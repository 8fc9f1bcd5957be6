"""The public-attribution taxonomy (filled in by the attribution work)."""

from __future__ import annotations


def attribution_tags(attributions) -> list[str]:
    return []

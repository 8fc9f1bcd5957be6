"""Counts in messages, in English: "1 entry", "2 entries"."""

from __future__ import annotations

_PLURALS = {"entry": "entries", "family": "families"}


def counted(n: int, noun: str) -> str:
    """``counted(1, "entry")`` is "1 entry"; ``counted(2, "entry")`` is "2 entries"."""
    if n == 1:
        return f"{n} {noun}"
    return f"{n} {_PLURALS.get(noun, noun + 's')}"

"""One pass over a text for every galaxy name, with offsets into the original text.

The text is lower-cased and its whitespace runs collapsed to one space, so that a name broken
by the PDF's ``\\r\\n`` ("Advanced Persistent\\r\\nThreat 40") is still one phrase; the
Aho-Corasick automaton then finds every key in a single pass. Offsets are mapped back to the
original text for the evidence.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from .galaxy_index import GalaxyIndex
from .names import normal_form

_WS_RUN = re.compile(r"\s{2,}|[\t\r\n\f\v\u00a0\u2028\u2029\u3000\u2000-\u200a]")
_WS_ANY = re.compile(r"\s+")
CONTEXT_CHARS = 60


@dataclass(frozen=True)
class Hit:
    pattern: int
    start: int  # offsets into the original text
    end: int
    text: str  # the original characters, whitespace collapsed
    sentence_start: bool


class NormalisedText:
    """``text`` lower-cased with whitespace collapsed, and the way back to original offsets."""

    def __init__(self, text: str) -> None:
        self.original = text
        lowered = text.lower()
        if len(lowered) != len(text):  # a few characters lower-case to two ("İ")
            lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        pieces = []
        self._norm_at: list[int] = [0]  # normalised offset where each shift starts
        self._shift: list[int] = [0]  # original - normalised from there on
        last = 0
        shift = 0
        for m in _WS_RUN.finditer(lowered):
            pieces.append(lowered[last : m.start()])
            pieces.append(" ")
            norm_pos = m.start() - shift + 1
            shift += (m.end() - m.start()) - 1
            self._norm_at.append(norm_pos)
            self._shift.append(shift)
            last = m.end()
        pieces.append(lowered[last:])
        self.text = "".join(pieces)

    def to_original(self, pos: int) -> int:
        return pos + self._shift[bisect_right(self._norm_at, pos) - 1]


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def _at_sentence_start(text: str, start: int) -> bool:
    before = text[max(0, start - 80) : start].rstrip()
    return not before or before[-1] in ".!?:\n\"'“”"


def scan(index: GalaxyIndex, text: str) -> list[Hit]:
    """Every word-bounded occurrence of a galaxy key in ``text``, leftmost-longest."""
    if not text or index.automaton is None:
        return []
    norm = NormalisedText(text)
    s = norm.text
    n = len(s)
    found: list[tuple[int, int, int]] = []
    for end, pid in index.automaton.iter(s):
        key = index.patterns[pid].key
        start = end - len(key) + 1
        if start > 0 and _is_word_char(key[0]) and _is_word_char(s[start - 1]):
            continue
        if end + 1 < n and _is_word_char(key[-1]) and _is_word_char(s[end + 1]):
            continue
        found.append((start, end + 1, pid))
    # Leftmost-longest: a name inside a longer name ("Lazarus" in "Lazarus Group") is not a
    # mention of its own.
    found.sort(key=lambda h: (h[0], -h[1]))
    hits: list[Hit] = []
    covered = -1
    for start, end, pid in found:
        if end <= covered:
            continue
        o_start, o_end = norm.to_original(start), norm.to_original(end - 1) + 1
        written = normal_form(text[o_start:o_end])
        pattern = index.patterns[pid]
        if pattern.case_sensitive and not _written_as_named(written, pattern.names):
            continue
        covered = end
        hits.append(Hit(pid, o_start, o_end, written, _at_sentence_start(text, o_start)))
    return hits


def _written_as_named(written: str, names: tuple[str, ...]) -> bool:
    return written.isupper() or any(written == n for n in names)


def context(text: str, start: int, end: int, chars: int = CONTEXT_CHARS) -> str:
    """The words around a span, whitespace collapsed, the span marked with [[ ]]."""
    before = _WS_ANY.sub(" ", text[max(0, start - chars) : start]).lstrip()
    after = _WS_ANY.sub(" ", text[end : end + chars]).rstrip()
    return f"…{before}[[{normal_form(text[start:end])}]]{after}…"

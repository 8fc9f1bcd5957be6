"""One pass over a text for every galaxy name, with offsets into the original text.

The text is lower-cased, every character that is not a letter or a digit becomes a space, and
runs of spaces collapse to one, so that a name broken by the PDF's ``\\r\\n`` ("Advanced
Persistent\\r\\nThreat 40") or written with other punctuation ("X-Agent", "X Agent") is one
phrase. Keys are stored between spaces (" apt40 ") and the text is padded with spaces, so the
Aho-Corasick automaton only reports hits on word boundaries: one pass in C, and Python only
sees real matches. Offsets are mapped back to the original text for the evidence.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

from .galaxy_index import GalaxyIndex
from .names import SPACE_RUN as _SPACE_RUN
from .names import normal_form

CONTEXT_CHARS = 60


@dataclass(frozen=True)
class Hit:
    pattern: int
    start: int  # offsets into the original text
    end: int
    text: str  # the original characters, whitespace collapsed
    sentence_start: bool


class NormalisedText:
    """The scan form of ``text`` padded with spaces, and the way back to original offsets."""

    def __init__(self, text: str) -> None:
        self.original = text
        spaced = " " + _words_only(text) + " "  # same length as text, plus the two pads
        runs = [m.span() for m in _SPACE_RUN.finditer(spaced)]
        # After a run of n spaces shrinks to one, later positions shift by n - 1.
        shifts = list(accumulate(end - start - 1 for start, end in runs))
        self._norm_at = [0] + [
            start + 1 - (shift - (end - start - 1))
            for (start, end), shift in zip(runs, shifts, strict=True)
        ]
        self._shift = [0, *shifts]
        self.text = _SPACE_RUN.sub(" ", spaced)

    def to_original(self, pos: int) -> int:
        """Original offset of normalised position ``pos`` (which counts the leading pad)."""
        return pos + self._shift[bisect_right(self._norm_at, pos) - 1] - 1


# ASCII letters and digits stay (lower-cased); every other ASCII byte becomes a space.
_ASCII_TABLE = bytes.maketrans(
    bytes(range(128)),
    bytes(c if chr(c).isalnum() else 32 for c in bytes(range(128)).lower()),
)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _non_ascii(m: re.Match) -> str:
    # A letter outside ASCII stands in as "x" for the automaton; the original text is what
    # evidence quotes and what case-sensitive names are compared with.
    return "x" if m.group().isalnum() else " "


def _words_only(text: str) -> str:
    """``text`` lower-cased, non-word characters as spaces, the same length."""
    if not text.isascii():
        lowered = text.lower()
        if len(lowered) != len(text):  # a few characters lower-case to two ("İ")
            lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        text = _NON_ASCII.sub(_non_ascii, lowered)
    # bytes.translate runs at memory speed; a regex substitution per character does not.
    return text.encode("ascii").translate(_ASCII_TABLE).decode("ascii")


def _at_sentence_start(text: str, start: int) -> bool:
    before = text[max(0, start - 80) : start].rstrip()
    return not before or before[-1] in ".!?:\n\"'“”"


def scan(index: GalaxyIndex, text: str) -> list[Hit]:
    """Every word-bounded occurrence of a galaxy key in ``text``, leftmost-longest."""
    if not text or index.automaton is None:
        return []
    norm = NormalisedText(text)
    patterns = index.patterns
    # A key " apt40 " ends on the space after the name: the name is [end-len+2, end).
    found = sorted(
        ((end - len(patterns[pid].key), end, pid) for end, pid in index.automaton.iter(norm.text)),
        key=lambda h: (h[0], -h[1]),
    )
    hits: list[Hit] = []
    covered = -1
    for start, end, pid in found:  # start: the name's first char; end: its last char
        if end <= covered:
            continue  # "Lazarus" inside "Lazarus Group" is not a mention of its own
        o_start, o_end = norm.to_original(start), norm.to_original(end - 1) + 1
        written = normal_form(text[o_start:o_end])
        pattern = patterns[pid]
        if pattern.case_sensitive and not _written_as_named(written, pattern.names):
            continue
        covered = end
        hits.append(Hit(pid, o_start, o_end, written, _at_sentence_start(text, o_start)))
    return hits


def _written_as_named(written: str, names: tuple[str, ...]) -> bool:
    return written.isupper() or any(written == n for n in names)


def context(text: str, start: int, end: int, chars: int = CONTEXT_CHARS) -> str:
    """The words around a span, whitespace collapsed, the span marked with [[ ]]."""
    before = text[max(0, start - chars) : start]
    after = text[end : end + chars]
    # Keep the single space next to the span; collapse every other run of whitespace.
    before = " ".join(before.split()) + (" " if before[-1:].isspace() else "")
    after = (" " if after[:1].isspace() else "") + " ".join(after.split())
    return f"…{before}[[{normal_form(text[start:end])}]]{after}…"

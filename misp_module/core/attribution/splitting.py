"""Stage 1: sentences. Splits a text into sentences, or finds only the sentences around each cue word (:func:`cue_sentences`) so a long report is not split whole; abbreviations (data/rules/attribution-words.json, role abbreviation) and initials never end a sentence. Everything later reads one sentence at a time."""

from __future__ import annotations

import re
from dataclasses import dataclass

from misp_module.core.attribution.model import (
    _Sentence,
)
from misp_module.core.lexicon import Lexicon
from misp_module.core.regexgate import compile_gated
from misp_module.core.rules import (
    attribution_words,
)

# Abbreviations no sentence ends at ('U.S. Department', 'Mr. Smith', 'Komitetu ds. ...'):
# rules data, data/rules/attribution-words.json, role abbreviation.
_ABBREVIATIONS = frozenset(attribution_words("abbreviation"))
_LAST_TOKEN = re.compile(r"[\s(]")
_INITIALS = re.compile(r"(?:[A-Z]\.)*[A-Z]")
# A sentence ends at . ! ? (then closing quotes or brackets, space, and a capital, digit or
# opening quote) or at a blank line. Led by a look-ahead of the characters either alternative
# starts with (regexgate): the engine then skips ahead to them instead of trying both
# alternatives at every character (half the time of a pass; the same matches).
_BOUNDARY_TEXT = (
    r"(?P<p>[.!?])[\]\"”’»)]*\s+(?=[A-Z0-9“\"'‘(\[„«ÀÁÂÄÇÈÉÊÎÓÔÖÚÜČĎĚŁŃŘŚŠŤŮŹŻŽ])"
    r"|\r?\n[ \t]*\r?\n\s*"
)
_BOUNDARY = compile_gated(_BOUNDARY_TEXT)
_SPACES = re.compile(r"\s+")


def _end_of(m: re.Match) -> int:
    """Where the sentence before boundary ``m`` ends (after its full stop)."""
    return m.start() + 1 if m.group("p") else m.start()


_CAPITALS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _is_boundary(text: str, m: re.Match, floor: int) -> bool:
    if not m.group("p"):
        return True  # a blank line
    at = m.start()
    before = text[max(floor, at - 12) : at].rstrip('.!?])"”’')
    # The last token, _LAST_TOKEN.split(before)[-1] (what follows the last white space or
    # "("), by str methods: str.split and \s both split at str.isspace() characters (a
    # test holds the two to the same token); a quarter of this function's time.
    spaced = not before or before[-1].isspace()
    last = "" if spaced else before.split()[-1].rpartition("(")[2]
    # "U.S. Department", "Mr. Smith": not the end of a sentence. Initials end in a capital
    # (_INITIALS), looked at only then.
    return not (last in _ABBREVIATIONS or (last[-1:] in _CAPITALS and _INITIALS.fullmatch(last)))


def sentences(text: str, field: str = "plain_text") -> list[_Sentence]:
    out = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if _is_boundary(text, m, start):
            _add_sentence(out, text, start, _end_of(m), field)
            start = m.end()
    _add_sentence(out, text, start, len(text), field)
    return out


def cue_sentences(
    lex: Lexicon, text: str, field: str = "plain_text", cues: list[int] | None = None
) -> list[_Sentence]:
    """The sentences that hold a cue: found around each cue, not by splitting everything.
    ``cues``: the cue positions when the caller has them (``lex.cue_positions(text)``)."""
    out: list[_Sentence] = []
    done_until = -1
    for cue in lex.cue_positions(text) if cues is None else cues:
        if cue < done_until:
            continue
        start = _sentence_start_near(text, cue)
        end = _sentence_end(text, cue)
        _add_sentence(out, text, start, end, field)
        done_until = end
    return out


_LONGEST = 2000  # a "sentence" longer than this is cut: it is not prose


def _sentence_start(text: str, pos: int) -> int:
    # Most sentences are short: look back a little first, then as far as a sentence may go.
    for reach in (400, _LONGEST):
        start = max(0, pos - reach)
        # up to the cue and its first letter: the lookahead of a boundary needs that capital
        for b in reversed(list(_BOUNDARY.finditer(text, start, min(len(text), pos + 1)))):
            if _is_boundary(text, b, 0):
                return b.end()
        if start == 0:
            return 0
    return start


# What a boundary match is made of (its stop, closing marks, white space): no match spans any
# other character, so matching from just after one finds the same boundaries as from before it.
_IN_BOUNDARY = frozenset('.!?]"”’»)')
_NEAR = 160


def _sentence_start_near(text: str, pos: int) -> int:
    """:func:`_sentence_start`, looking at the last ``_NEAR`` characters first: most sentences
    are shorter. The window starts after a character no boundary match holds, so its
    boundaries are those of the longer look; when none of them ends a sentence, the longer
    look decides."""
    floor = max(0, pos - 400)
    at = pos - _NEAR
    if at > floor:
        while at > floor and (text[at - 1] in _IN_BOUNDARY or text[at - 1].isspace()):
            at -= 1
        # the same end as the longer look: up to the cue and its first letter
        for b in reversed(list(_BOUNDARY.finditer(text, at, min(len(text), pos + 1)))):
            if _is_boundary(text, b, 0):
                return b.end()
    return _sentence_start(text, pos)


def _sentence_end(text: str, pos: int) -> int:
    for b in _BOUNDARY.finditer(text, pos, min(len(text), pos + _LONGEST)):
        if _is_boundary(text, b, 0):
            return _end_of(b)
    return min(len(text), pos + _LONGEST)


def _add_sentence(out: list, text: str, start: int, end: int, field: str) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        lead = len(chunk) - len(chunk.lstrip())
        s = start + lead
        # split() is _SPACES.sub(" ", ...) on a stripped text (the same white space), 3x faster
        out.append(_Sentence(field, s, s + len(stripped), " ".join(stripped.split())))


# --- the document: who publishes it, when, what kind ---------------------------------


@dataclass(frozen=True)
class _Document:
    publisher: str | None  # a government or body, else None
    publisher_basis: str
    date: str | None
    kind: str
    subject_state: str | None  # the state "its territory" refers to
    home: str | None = None  # the state whose paper this is (host and language agree)
    home_basis: str = ""

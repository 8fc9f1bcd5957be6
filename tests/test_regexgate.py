"""The look-ahead in front of the attribution patterns changes no match (only their speed)."""

import re

import pytest

from misp_module.core import attribution
from misp_module.core.lexicon import lexicon
from misp_module.core.regexgate import compile_gated, first_chars_gate

SENTENCES = [
    "The UK government attributed the attack to ⟨N RU 3⟩'s GRU, the Foreign Office said.",
    "⟨A CN 4⟩ state-sponsored hackers, linked to the Ministry of State Security, were charged.",
    "BLAMED on ⟨N KP 1⟩! Accused: the Kremlin-backed group; denied by Moscow.",
    # case folding beyond ASCII: the Kelvin sign folds to k, the long s to s, İ to i
    "\u212anown ſuspected \u0130ndicted attributed ATTRIBUTED Attributed",
    "Die Bundesregierung macht ⟨N RU 9⟩ verantwortlich; la Russie est accusée.",
    "",
    "a",
    "It said the sanctions were imposed by the governments of ⟨N AU 1⟩ and ⟨N NZ 2⟩.",
]


def _all(pattern: re.Pattern, text: str) -> list:
    return [(m.span(), m.groups(), m.groupdict()) for m in pattern.finditer(text)]


def test_gate_names_the_first_characters():
    assert first_chars_gate(r"\b(?:said|told)\b", re.I) == "(?=(?i:[st]))"
    assert first_chars_gate(r"(?i:\bblam\w*)") == "(?=(?i:[b]))"
    # an optional first word: its first letter or the next word's
    assert first_chars_gate(r"(?:the )?ministry") == "(?=[mt])"
    assert first_chars_gate(r"(?<![\w.])(?:GRU|FSB)(?!\w)") == "(?=[FG])"


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?:the )?",  # may match empty: a match may start anywhere
        r"\w+ing",  # a category: too wide to be worth it
        r"[A-Z]\.",  # a range
        r"^(?:It|He) said",  # anchored: the engine tries the start only
        r"said|told",  # a literal set: the engine already skips ahead
        r"\b(?:from|on) the",  # a word boundary then exact text: fails fast by itself
        r".said",
        r"(?a:said)",  # other case rules
    ],
)
def test_no_gate_where_unknown_or_useless(pattern):
    assert first_chars_gate(pattern) is None
    assert compile_gated(pattern).pattern == pattern


def test_global_flags_stay_first():
    # "(?i)" must open the pattern: then it is compiled as it is
    assert compile_gated(r"(?i)\bsaid").pattern == r"(?i)\bsaid"
    assert compile_gated(r"(?i)\bsaid").search("He SAID so")


def test_shipped_patterns_match_as_before():
    """Every gated pattern of every language finds what the pattern alone finds."""
    lex = lexicon()
    checked = 0
    for language in sorted(lex.LANGUAGES):
        words = lex.words(language)
        grammar = attribution._grammar(words)
        found = [*words.patterns.values(), words.CUE, words.body_pattern]
        found += [v for v in vars(grammar).values() if isinstance(v, re.Pattern)]
        found += list(lex.patterns().values())
        for pattern in found:
            if not pattern.pattern.startswith("(?="):
                continue
            plain = re.compile(_ungated(pattern), pattern.flags)
            for text in SENTENCES:
                assert _all(pattern, text) == _all(plain, text), (pattern.pattern[:80], text)
                assert bool(pattern.match(text)) == bool(plain.match(text))
            checked += 1
    assert checked > 50


def _ungated(pattern: re.Pattern) -> str:
    """The pattern as written: the source after the look-ahead its own gate is."""
    source, flags = pattern.pattern, pattern.flags & ~re.UNICODE
    for k, ch in enumerate(source):
        if ch == ")" and first_chars_gate(source[k + 1 :], flags) == source[: k + 1]:
            return source[k + 1 :]
    raise AssertionError(source[:80])

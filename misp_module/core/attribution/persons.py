"""Stage 3b: the person-name guard. A state name inside a person's name ("Lisa O. Monaco", "Attorney General Jordan", "Georgia Smith") is not a state, and the names of persons charged or sanctioned ("X and Y were charged") mark them as individuals: both read from capitalised words and titles."""

from __future__ import annotations

import re

from misp_module.core.attribution.parties import (
    _FUNCTION_WORDS,
    _TITLES,
)
from misp_module.core.attribution.splitting import (
    _INITIALS,
)
from misp_module.core.lexicon import Lexicon
from misp_module.core.regexgate import compile_gated
from misp_module.core.rules import attribution_word_entries, word_alternation

# Every verb of saying, of every language (attribution-words.json, roles speech-word,
# quote-verb, quote-verb-before), as one alternation: persons and speakers both read it.
SAYING_WORDS = "|".join(
    word_alternation(attribution_word_entries(role))
    for role in ("speech-word", "quote-verb", "quote-verb-before")
)

# A state's name that is also a given name (attribution-words.json, person-state-name), then a
# capitalised word and a verb of saying or a comma: "Israel Katz sagte", "Israel Katz, der
# Außenminister": a person's name in any language, German too, whose capitalised nouns turn
# the next-word test off
_NAME_THEN_SAYS = compile_gated(
    r" [A-ZÀ-ÖØ-ÞČŘŠŽŁŚŻ][a-zà-öø-ÿčďěňřšťůžąćęłńóśźż]+(?:,| (?:" + SAYING_WORDS + r")\b)"
)


_DASH = re.compile("[\u2014\u2013]")


def _person(
    lex: Lexicon, sentence: str, start: int, end: int, nouns_capitalised: bool = False
) -> bool:
    """Is the state token at ``start:end`` part of a person's name ("Lisa O. Monaco",
    "Attorney General Jordan", "Georgia Smith")? The verbs of a Title Case headline are
    none (``lex.HEADLINE_VERB``: "UK, US Blame Russia For ..."; the rule set's, role
    headline-verb)."""
    before = sentence[:start].rstrip()
    if _TITLES.search(before):
        return True
    parts = before.rsplit(None, 1)
    prev = parts[-1] if before else ""
    # a dash unspaced parts two words ("member of Hafnium—a Chinese state-linked group"): the
    # word before the state is the one after the dash, not the name before it (round
    # twenty-two, levels by class)
    dashed = _DASH.split(prev)
    prev = dashed[-1]
    if len(parts) < 2 and _given_name_first(lex, sentence, start, end, prev):
        return True  # "Jim Jordan said", "Lisa Monaco said": a name that is also a state's
    if len(parts) < 2 and not _INITIALS.fullmatch(prev.rstrip(".")):
        prev = ""  # the sentence's first word is capitalised anyway ("Seven Chinese nationals")
    if nouns_capitalised and not _INITIALS.fullmatch(prev.rstrip(".")):
        prev = ""  # German writes every noun with a capital: only initials mark a name
    name_like = (
        prev[:1].isupper()
        and prev.rstrip(".,") not in _FUNCTION_WORDS
        and not lex.HEADLINE_VERB.fullmatch(prev)  # "US Blame Russia For ...": a Title Case verb
        and not any(c in prev for c in "⟩'’")  # "L'Australia": an article, not a name
    )
    ends_clause = before.endswith((".", ",", ":", ";", "\u201c", '"', "\u2014", "\u2013"))
    if name_like and (not ends_clause or _INITIALS.fullmatch(prev.rstrip("."))):
        return True
    after = sentence[end:]
    token = lex.TOKEN.fullmatch(sentence, start, end)
    if (
        token
        and token.group(1) == "N"
        and token.group(2) in lex.person_state_codes
        and _NAME_THEN_SAYS.match(after)
    ):
        return True  # "Israel Katz sagte, ...": a given name, no state
    if after.startswith(" Today") and not after[6:7].isalpha():
        return True  # "Russia Today reported", "India Today": a paper or a channel, no state
    nxt = after.split(None, 1)[0].rstrip(",.;:") if after.strip() and not nouns_capitalised else ""
    return bool(
        after[:1] == " "
        and nxt[:1].isupper()
        and nxt.isalpha()
        and nxt not in _FUNCTION_WORDS
        and nxt.lower() not in _FUNCTION_WORDS  # "Blame Russia For NotPetya": Title Case
        and not lex.HEADLINE_VERB.fullmatch(nxt)  # "UK, US Blame Russia"
        and nxt.lower() not in ("government", "state", "foreign", "ministry")
        and not nxt.isupper()
    )


# A person's name: two or three capitalised words (no capitalised word after it)
_NAME_WORDS = r"[A-Z][a-z]+(?: [A-Z][a-z]+){1,2}"
_NAME = rf"{_NAME_WORDS}(?! [A-Z])"
# Persons named by a charge: names (listed) before "were charged", or one name right after the
# charging verb
_NAMES_CHARGED = re.compile(
    rf"(?P<name>{_NAME})(?:, {_NAME})*(?:,? and {_NAME})? (?:was|were|has been|have been) "
    r"(?:\w+ )?(?:charged|indicted|sanctioned)\b"
    rf"|\b(?:charged|indicted|sanctioned|sanctioning|charging|indicting) (?P<name2>{_NAME})\b(?!')"
)
# A person's name right after a noun for persons: "hacker Rim Jong Hyok", "officer Ivan Petrov"
# (two or three capitalised words, then no capitalised word)
_NAMED_AFTER = re.compile(rf" {_NAME_WORDS}\b(?! [A-Z])")


def _given_name_first(lex: Lexicon, sentence: str, start: int, end: int, first: str) -> bool:
    """Is the state at ``start:end``, a name that is also a person's (attribution-words.json,
    person-state-name: "Jordan", "Monaco"), the surname after the sentence's first word, a
    given name ("Jim Jordan said ...")? Not after a function word ("Today Jordan said") or
    a Title Case headline verb."""
    token = lex.TOKEN.fullmatch(sentence, start, end)
    if not token or token.group(1) != "N" or token.group(2) not in lex.person_state_codes:
        return False
    return (
        first[:1].isupper()
        and first.isalpha()
        and first not in _FUNCTION_WORDS
        and not lex.HEADLINE_VERB.fullmatch(first)
        and sentence[:start].rstrip() == first
    )

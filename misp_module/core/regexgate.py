"""Regexes that fail fast where they cannot start: a look-ahead of their first characters.

Python's regex engine skips ahead through a text only when a pattern starts with a literal or
a character class. The attribution patterns start with ``\\b``, a look-behind or a
case-insensitive alternation of words, so the engine tries every alternative at every
character. Put in front of such a pattern, ``(?=[abc])`` (the characters any match must start
with) is one test per character; it changes no match: each match starts with one of those
characters, and a look-ahead consumes nothing, keeps the groups and their numbers.

When the first character is not certain (an optional first element, ``.``, ``\\w``, a
negated class, a back-reference), the pattern is compiled as it is.
"""

from __future__ import annotations

import re
from functools import lru_cache

try:  # the parser behind re (Python 3.11+); without it, patterns are compiled as they are
    import _sre
    from re import _compiler, _parser
    from re import _constants as C
except ImportError:  # pragma: no cover - an older or another Python
    _parser = None

_CASELESS = re.IGNORECASE
# Past this many first characters the look-ahead is not worth its test.
_MAX_CHARS = 40


def compile_gated(pattern: str, flags: int = 0, *, many: bool = False) -> re.Pattern:
    """``re.compile(pattern, flags)``, led by a look-ahead of its first characters when known:
    ``re.compile(gate + pattern)``, or ``gate + "(?:" + pattern + ")"`` when the pattern is an
    alternation (written in front of "A|B" the gate would lead A only).

    ``many``: lead it also where every alternative at the start fails fast by itself (a word
    boundary then case-sensitive text, a literal: see _cheap), for patterns of many such
    alternatives, whose tries at every character cost more than one look-ahead (measured per
    pattern: the attribution grammar's state, sponsorship and person patterns run 1.5x to 3x
    faster led).

    The pattern is parsed once (start-up compiles ~76 of them, some of hundreds of
    alternatives): the gate's parse is put in front of the pattern's (a look-ahead holds no
    group, so the groups and their numbers stay) and compiled as ``re`` compiles its own parse
    of the same text (equal patterns: same text, flags and code; a test holds every pattern of
    the rules to it), then told its first characters (:func:`_with_first_chars`: re's search
    skips to them in C, the gate only tests them; about 12% of attribution's instructions),
    the alternatives of its wide case-insensitive alternations led by exact classes
    (:func:`_skippable_branches`: 2.5% more)."""
    key = (pattern, flags, many)
    done = _GATED.get(key)
    if done is not None:
        return done
    compiled = _build(pattern, flags, many)
    if len(_GATED) >= 2048:  # the patterns of a few rule sets and languages
        _GATED.clear()
    _GATED[key] = compiled
    return compiled


def _build(pattern: str, flags: int, many: bool, first_chars: bool = True) -> re.Pattern:
    """compile_gated's pattern, uncached; ``first_chars=False``: without the first characters
    in its info block nor the exact first classes of its alternatives (what re compiles from
    the same text)."""
    compiled = None
    parsed = _parse(pattern, flags)
    if parsed is not None and not flags & re.DEBUG:
        gate = _gate_of(parsed, many)
        if not gate or pattern.startswith(gate):  # none, or written in front by hand
            compiled = _compile_parsed(pattern, flags, parsed, first_chars=first_chars)
        elif not _GLOBAL_FLAGS.match(pattern):  # "(?i)...": global flags must stay first
            # re unpacks a group "(?:...)" with no flags into the sequence around it
            text = gate + pattern if _one_branch(pattern) else gate + "(?:" + pattern + ")"
            items = list(parsed.data)
            lead = _parse(gate, flags)
            if lead is not None and len(lead.data) == 1 and lead.state.groups == 1:
                compiled = _compile_parsed(
                    text, flags, parsed, [lead.data[0], *items], first_chars=first_chars
                )
    if compiled is None:
        compiled = _compile_text(pattern, flags, many)
    return compiled


_GATED: dict[tuple[str, int, bool], re.Pattern] = {}  # as re.compile's own cache answers it
_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")


def _compile_text(pattern: str, flags: int, many: bool = False) -> re.Pattern:
    """compile_gated by re from the texts (the gate's and the pattern's parsed again)."""
    gate = first_chars_gate(pattern, flags, many)
    if gate and not pattern.startswith(gate):
        try:
            text = gate + pattern if _one_branch(pattern) else gate + "(?:" + pattern + ")"
            return re.compile(text, flags)
        except re.error:  # "(?i)..." at the start: global flags must stay first
            pass
    return re.compile(pattern, flags)


def _one_branch(pattern: str) -> bool:
    """Is ``pattern`` one sequence: no ``|`` outside groups and character classes?"""
    depth = 0
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":  # a class: up to its closing "]" (one right after "[" or "[^" is itself)
            i += 1
            if i < n and pattern[i] == "^":
                i += 1
            if i < n and pattern[i] == "]":
                i += 1
            while i < n and pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            return False
        i += 1
    return True


def _parse(pattern: str, flags: int):
    """``re``'s parse of ``pattern``, or None where no gate is worked out."""
    if _parser is None or flags & (re.ASCII | re.LOCALE | re.VERBOSE):
        return None  # other case rules (or a source that is not read as written): keep as is
    try:
        return _parser.parse(pattern, flags)
    except re.error:
        return None


def _compile_parsed(
    text: str, flags: int, parsed, items=None, first_chars: bool = True
) -> re.Pattern | None:
    """``re.compile(text, flags)`` from ``parsed`` (its groups and flags) with ``items`` as
    its sequence (re._compiler.compile, Python 3.11-3.13); when ``first_chars``, its first
    characters in its info block and its wide case-insensitive alternations' alternatives led
    by exact classes (the same matches); None when that cannot be done here (the caller
    compiles the text)."""
    try:
        if items is not None:
            parsed.data = items
        caseless = bool((parsed.state.flags | flags) & _CASELESS)
        if first_chars and (caseless or "(?i" in text):  # else no case-insensitive alternative
            _skippable_branches(parsed.data, caseless)
        code = _compiler._code(parsed, flags)
        if first_chars:
            code = _with_first_chars(code, parsed, flags)
        state = parsed.state
        indexgroup = [None] * state.groups
        for k, i in state.groupdict.items():
            indexgroup[i] = k
        return _sre.compile(
            text, flags | state.flags, code, state.groups - 1, state.groupdict, tuple(indexgroup)
        )
    except Exception:  # pragma: no cover - the compiler's internals changed
        return None


# Every character Python's case-insensitive matching takes for an ASCII character, beyond its
# lower and upper case (a test reads every code point): the dotted and the dotless I for i,
# the long s for s, the Kelvin sign for k.
_ASCII_FOLDS = {"i": "\u0130\u0131", "s": "\u017f", "k": "\u212a"}


def _variants(ch: str) -> str | None:
    """Every character a case-insensitive ``ch`` matches (ASCII only; else None)."""
    if not ch.isascii():
        return None
    return "".join(sorted({ch.lower(), ch.upper(), *_ASCII_FOLDS.get(ch.lower(), "")}))


_WIDE = 8  # alternatives: narrower ones gain less than their classes cost to compile


def _skippable_branches(items, caseless: bool) -> None:
    """Each alternative of a case-insensitive alternation of ``_WIDE`` or more that starts with
    an ASCII letter (or a class of them) starts instead with the exact class of its case
    variants, ``[Aa]`` under ``(?-i:...)``: re's engine passes over an alternative whose first
    item is an exact literal or class with one test of the character (sre BRANCH), but enters
    every case-insensitive one, several times the work, at every position it tries. Each class
    matches exactly the characters the letter matched (_ASCII_FOLDS; the same matches, groups
    unchanged). Changes ``items`` (a parse of re's) in place."""
    for op, av in items:
        if op is C.BRANCH:
            wide = caseless and len(av[1]) >= _WIDE
            for alternative in av[1]:
                data = alternative.data
                if wide and data:
                    first, value = data[0]
                    chars = None
                    if first is C.LITERAL:
                        chars = _variants(chr(value))
                    elif first is C.IN and all(item is C.LITERAL for item, _ in value):
                        each = [_variants(chr(v)) for _, v in value]
                        chars = None if None in each else "".join(sorted(set("".join(each))))
                    if chars and len(chars) > 1:  # a cased letter
                        exact = [(C.IN, [(C.LITERAL, ord(c)) for c in chars])]
                        inner = _parser.SubPattern(alternative.state, exact)
                        data[0] = (C.SUBPATTERN, (None, 0, _CASELESS, inner))
                _skippable_branches(data, caseless)
        elif op is C.SUBPATTERN:
            _skippable_branches(av[3].data, _flagged(av, caseless))
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            _skippable_branches(av[2].data, caseless)
        elif op is C.ASSERT or op is C.ASSERT_NOT:
            _skippable_branches(av[1].data, caseless)
        elif op is C.ATOMIC_GROUP:
            _skippable_branches(av.data, caseless)


def _with_first_chars(code: list, parsed, flags: int) -> list:
    """``code`` (re's compiled pattern) told the characters a match can start with: its info
    block's character set, which re's search reads to skip, in one tight loop in C, every
    position no match can start at (the look-ahead gate costs a match attempt at each
    position). re sets it only for a pattern led by exact characters; here also for one led by
    a word boundary, a look-behind, an alternation or case-insensitive letters (``_first``).
    The set only says where no match can start: every match, the groups, ``match`` and
    ``fullmatch`` (which never read it) stay the same. Unchanged where re already has a
    literal prefix or a set, where the first characters are not known or a match may be
    empty, and where a case-insensitive first character is outside ASCII (its case variants
    are listed only for ASCII)."""
    if code[0] != C.INFO or code[2] != 0:
        return code
    state = parsed.state.flags | flags
    if state & (re.ASCII | re.LOCALE):
        return code
    found = _first(parsed.data, bool(state & _CASELESS))
    if found is None or found[2]:
        return code
    chars = set(found[0])
    for c in found[1]:
        if not c.isascii():
            return code
        chars |= {c.lower(), c.upper(), *_ASCII_FOLDS.get(c.lower(), "")}
    charset, _ = _compiler._optimize_charset([(C.LITERAL, ord(c)) for c in sorted(chars)])
    # <INFO> <skip> <flags> <min> <max> <charset>: as re._compiler._compile_info writes it
    info = [C.INFO, 0, C.SRE_INFO_CHARSET, code[3], code[4]]
    _compiler._compile_charset(charset, 0, info)
    info[1] = len(info) - 1
    return info + code[1 + code[1] :]


def first_chars_gate(pattern: str, flags: int = 0, many: bool = False) -> str | None:
    """``(?=[...]|(?i:[...]))``: a look-ahead true wherever a match of ``pattern`` can start,
    or None when that is not known (``many``: see :func:`compile_gated`)."""
    parsed = _parse(pattern, flags)
    return _gate_of(parsed, many) if parsed is not None else None


def _gate_of(parsed, many: bool = False) -> str | None:
    """:func:`first_chars_gate` of a parsed pattern (``many``: see :func:`compile_gated`)."""
    state = parsed.state.flags
    if state & (re.ASCII | re.LOCALE) or _skips_ahead(parsed, state):
        return None
    if not many and _cheap(parsed.data, bool(state & _CASELESS)):
        return None
    found = _first(parsed.data, bool(state & _CASELESS))
    if found is None or found[2]:
        return None  # unknown, or a match may be empty (and start anywhere)
    exact, caseless, _ = found
    if len(exact) + len(caseless) > _MAX_CHARS:
        return None
    parts = []
    if exact:
        parts.append("[" + "".join(_escape(c) for c in sorted(exact)) + "]")
    if caseless:
        # under the same flag as the literals: the class matches what they match, case
        # variants included (Python folds both the same way)
        parts.append("(?i:[" + "".join(_escape(c) for c in sorted(caseless)) + "])")
    return "(?=" + "|".join(parts) + ")"


def _skips_ahead(parsed, flags: int) -> bool:
    """Does the engine already skip ahead (a literal prefix, or a set of first characters)?
    Then a look-ahead would only hide that from it."""
    try:
        return bool(
            _compiler._get_literal_prefix(parsed, flags)[0]
            or _compiler._get_charset_prefix(parsed, flags)
        )
    except Exception:  # pragma: no cover - the compiler's helpers changed
        return False


def _cheap(items, caseless: bool) -> bool:
    """Does every alternative at the start fail fast by itself: a word boundary then
    case-sensitive text, or a case-sensitive literal? Then the engine's own test at each
    character is about as quick as a look-ahead (measured: a look-ahead in front of
    ``\\b(?:from|on) ...`` made it 3x slower)."""
    if not items:
        return False
    op, av = items[0]
    if op is C.AT and av is C.AT_BOUNDARY:
        return len(items) > 1 and not _caseless_start(items[1:], caseless)
    if op is C.LITERAL:
        return not caseless
    if op is C.SUBPATTERN:
        return _cheap(av[3].data, _flagged(av, caseless))
    if op is C.BRANCH:
        return all(_cheap(branch.data, caseless) for branch in av[1])
    return False


def _caseless_start(items, caseless: bool) -> bool:
    op, av = items[0]
    if op is C.SUBPATTERN:
        inner = _flagged(av, caseless)
        return _caseless_start(av[3].data, inner) if av[3].data else inner
    if op is C.BRANCH:
        return any(_caseless_start(branch.data, caseless) for branch in av[1] if branch.data)
    return caseless


def _flagged(subpattern, caseless: bool) -> bool:
    """Case-insensitive inside ``(?i:...)`` / ``(?-i:...)`` given the case outside."""
    _group, add_flags, del_flags, _sub = subpattern
    return (caseless or bool(add_flags & _CASELESS)) and not del_flags & _CASELESS


def _escape(ch: str) -> str:
    return "\\" + ch if ch in "\\]^-[" else ch


def _first(items, caseless: bool) -> tuple[set[str], set[str], bool] | None:
    """The characters a match of the sequence ``items`` may start with, (exact, caseless),
    and whether it may match empty; None when they are not a few known characters."""
    exact: set[str] = set()
    loose: set[str] = set()
    for op, av in items:
        found = _element(op, av, caseless)
        if found is None:
            return None
        exact |= found[0]
        loose |= found[1]
        if not found[2]:
            return exact, loose, False
    return exact, loose, True  # every element may match empty: so may the sequence


def _element(op, av, caseless: bool) -> tuple[set[str], set[str], bool] | None:
    if op is C.AT and av in (C.AT_BEGINNING, C.AT_BEGINNING_STRING):
        return None  # anchored: the engine tries the start only, a look-ahead would not
    if op is C.AT or op is C.ASSERT or op is C.ASSERT_NOT:
        return set(), set(), True  # zero-width: the next element consumes the first character
    if op is C.LITERAL:
        return (set(), {chr(av)}, False) if caseless else ({chr(av)}, set(), False)
    if op is C.IN:
        chars = set()
        for item_op, item_av in av:
            if item_op is not C.LITERAL:
                return None  # a range, a category, a negation: too wide or unsure
            chars.add(chr(item_av))
        return (set(), chars, False) if caseless else (chars, set(), False)
    if op is C.SUBPATTERN:
        if (av[1] | av[2]) & (re.ASCII | re.LOCALE):
            return None
        return _first(av[3].data, _flagged(av, caseless))
    if op is C.BRANCH:
        exact: set[str] = set()
        loose: set[str] = set()
        empty = False
        for branch in av[1]:
            found = _first(branch.data, caseless)
            if found is None:
                return None
            exact |= found[0]
            loose |= found[1]
            empty = empty or found[2]
        return exact, loose, empty
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, _high, sub = av
        found = _first(sub.data, caseless)
        return None if found is None else (found[0], found[1], found[2] or low == 0)
    if op is C.ATOMIC_GROUP:
        return _first(av.data, caseless)
    return None  # ANY, GROUPREF, CATEGORY and the rest: not known


# --- words a match must hold ---------------------------------------------------------------


# Characters Python's case-insensitive matching takes for an ASCII letter though their
# lower-case is not that letter (or not one character): the Kelvin sign is a k, the long s an
# s, the dotted and the dotless I an i (a test checks every code point).
_FOLDED_APART = ("\u0130", "\u0131", "\u017f", "\u212a")


# The text may_match last lowered (whether it holds one of _FOLDED_APART, and its lower case):
# a cue sentence is tested for a dozen patterns in turn, each lowering it again before. Kept
# by identity (a str never changes), one tuple read and written whole: two threads taking
# turns at most lower a text again.
_LOWERED: tuple[str | None, bool, str] = (None, False, "")


def may_match(pattern: re.Pattern, text: str) -> bool:
    """False when ``pattern`` cannot match anywhere in ``text``: it holds none of the words one
    of which every match holds (see :func:`required_words`). A test of a few substrings, for a
    pattern scanned over every sentence but found in few."""
    known = _WORDS_BY_ID.get(id(pattern))
    words = known[1] if known is not None and known[0] is pattern else _remember_words(pattern)
    if words is None:
        return True
    exact, folded = words
    # Loops, not any() over a generator: this runs ~100 times per text (half the cost).
    for w in exact:
        if w in text:
            return True
    if not folded:
        return False
    global _LOWERED
    last = _LOWERED
    if last[0] is text:
        apart, lowered = last[1], last[2]
    else:
        apart = False
        for c in _FOLDED_APART:
            if c in text:
                apart = True
                break
        lowered = "" if apart else text.lower()
        _LOWERED = (text, apart, lowered)
    if apart:
        return True  # a case-insensitive word may be written with one of these
    for w in folded:  # noqa: SIM110 - a loop, as above
        if w in lowered:
            return True
    return False


# required_words by the pattern's id, the pattern kept beside them (so its id is not reused
# while the entry lives): hashing a re.Pattern hashes its compiled code, which for the long
# alternations here cost as much as the test itself (lru_cache hashes on every call).
_WORDS_BY_ID: dict[int, tuple[re.Pattern, tuple | None]] = {}


def _remember_words(pattern: re.Pattern) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    words = required_words(pattern)
    if len(_WORDS_BY_ID) >= 2048:  # the patterns of a few rule sets and languages
        _WORDS_BY_ID.clear()
    _WORDS_BY_ID[id(pattern)] = (pattern, words)
    return words


@lru_cache(maxsize=2048)  # the patterns of a few rule sets and languages
def required_words(pattern: re.Pattern) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """Words (3 characters or more) one of which every match of ``pattern`` holds: (exact,
    case-insensitive ones lower-cased, ASCII only), or None when there are none to name."""
    if _parser is None or pattern.flags & (re.ASCII | re.LOCALE | re.VERBOSE):
        return None
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags & ~re.UNICODE)
    except re.error:
        return None
    found = _required(parsed.data, bool(parsed.state.flags & _CASELESS))
    if not found:
        return None
    return (
        tuple(sorted(w for w, folded in found if not folded)),
        tuple(sorted(w for w, folded in found if folded)),
    )


def _required(items, caseless: bool) -> set[tuple[str, bool]] | None:
    """Words one of which every match of the sequence ``items`` holds, each with whether case
    is folded: a run of literal characters, or one word of each alternative of an element
    every match goes through."""
    best: set[tuple[str, bool]] | None = None
    run: list[tuple[str, bool]] = []

    def consider(words: set[tuple[str, bool]] | None) -> None:
        nonlocal best
        if words and (best is None or _strength(words) > _strength(best)):
            best = words

    def ended() -> None:
        if len(run) >= 3:
            word = "".join(c for c, _ in run)
            folded = any(f for _, f in run)  # exact letters beside folded ones: lower all
            consider({(word.lower(), True) if folded else (word, False)})
        run.clear()

    for op, av in items:
        if op is C.LITERAL and (not caseless or av < 128):
            run.append((chr(av), caseless))
            continue
        if op is C.AT or op is C.ASSERT or op is C.ASSERT_NOT:
            continue  # zero-width: the characters around it are next to each other
        ended()
        if op is C.SUBPATTERN:
            if not (av[1] | av[2]) & (re.ASCII | re.LOCALE):
                consider(_required(av[3].data, _flagged(av, caseless)))
        elif op is C.BRANCH:
            each = [_required(branch.data, caseless) for branch in av[1]]
            if all(each):
                consider(set().union(*each))
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and av[0] >= 1:
            consider(_required(av[2].data, caseless))
        elif op is C.ATOMIC_GROUP:
            consider(_required(av.data, caseless))
    ended()
    return best


def _strength(words: set[tuple[str, bool]]) -> tuple[int, int]:
    """Longer words first (rarer), then fewer of them."""
    return min(len(w) for w, _ in words), -len(words)

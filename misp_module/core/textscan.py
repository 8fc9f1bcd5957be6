"""One pass over a text for every galaxy name, with offsets into the original text.

The text is lower-cased and every character that is not a letter or a digit becomes a space,
keeping its length, so offsets in the scanned text are offsets in the original. Keys are
stored between spaces (" apt40 "), and multi-word keys in every spacing of one to three
characters between words (see galaxy_index), so a name broken by the PDF's ``\\r\\n``
("Advanced Persistent\\r\\nThreat 40") or written with other punctuation ("X-Agent") is
still found. The Aho-Corasick automaton reports hits on word boundaries only: one pass in C,
and Python sees only real matches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from misp_module.core.galaxy_index import GalaxyIndex
from misp_module.core.names import (
    SUFFIX_DROPPED,
    forms_ahead,
    lower_is_prose,
    normal_form,
    scan_form,
    written_as_phrase_name,
)
from misp_module.core.salience import SHIPPED_WORDS, words_of

CONTEXT_CHARS = 60


@dataclass(slots=True)
class Hit:
    pattern: int
    start: int  # offsets into the original text
    end: int
    text: str  # the original characters, whitespace collapsed
    source: str = field(repr=False, compare=False)  # the text scanned (title or plain text)

    @property
    def sentence_start(self) -> bool:
        """Whether the hit starts a sentence or a line (see :func:`_at_sentence_start`): read
        only for ordinary-word names, so only worked out for those."""
        return _at_sentence_start(self.source, self.start)


_LINE_LEAD = " \t*-•·|#>"
_QUOTES = "\"'“”‘’«»"


def _at_sentence_start(text: str, start: int) -> bool:
    """After a sentence's end, or first on a line (a table cell, a label, a list item, a
    heading): where every word is capitalised, so capitals say nothing about a name."""
    raw = text[max(0, start - 80) : start]
    line = raw.rfind("\n")
    if line >= 0 and not raw[line + 1 :].strip(_LINE_LEAD):
        return True
    before = raw.rstrip()
    # A quote is a sentence's end only after one: "the “Aurora” attack" writes Aurora as a
    # name; "It was over. “Maze of streets,” he wrote" starts a sentence.
    while before and before[-1] in _QUOTES:
        before = before[:-1].rstrip()
    return not before or before[-1] in ".!?:\n"


# The capitalised word just before a hit, on its line ("Google Play", "Microsoft Silicon").
_NAME_BEFORE = re.compile(r"(?<![\w.!?:])([A-Z][\w&'’-]*) $")


def _inside_another_name(text: str, start: int) -> bool:
    """Whether an ordinary-word hit is the tail of a longer proper name: "Google Play",
    "Operation Aurora". A capitalised word right before it, not itself a sentence's first
    word ("Then Maze encrypted ..." is Maze), says so."""
    found = _NAME_BEFORE.search(text, max(0, start - 40), start)
    # "Operation Aurora" names the campaign after its malware: see the matcher's operation rule.
    if found is None or found.group(1) == "Operation":
        return False
    if not _at_sentence_start(text, found.start()):
        return True
    # A sentence's first word may still be a name's: "Google Play is the primary market" when
    # the text writes "Google Play" elsewhere inside a sentence ("apps on Google Play").
    return _written_inside_elsewhere(text, found.group(1) + " " + text[start : start + 40])


def opens_title_name(title: str, start: int, text: str) -> bool:
    """Whether an ordinary-word hit in a title is the tail of a longer proper name that opens
    the title: "Google Play security tightened ..." ("Play"), when the text writes the two
    words inside a sentence ("apps on Google Play"). Scanning the title alone cannot tell,
    as a title's first word is capitalised anyway ("Fake Maze decryptor")."""
    found = _NAME_BEFORE.search(title, max(0, start - 40), start)
    if (
        found is None
        or found.group(1) == "Operation"
        or not _at_sentence_start(title, found.start())
    ):
        return False
    return _written_inside_elsewhere(text, found.group(1) + " " + title[start : start + 40])


def _written_inside_elsewhere(text: str, phrase: str) -> bool:
    """Whether the two words that start ``phrase`` ("Google Play") appear in ``text`` with the
    first one inside a sentence (at most the first MAX_ELSEWHERE occurrences looked at)."""
    pair = " ".join(phrase.split()[:2]).rstrip(".,;:!?'’\")")
    at = text.find(pair)
    for _ in range(MAX_ELSEWHERE):
        if at < 0:
            return False
        end = at + len(pair)
        if not text[end : end + 1].isalnum() and not _at_sentence_start(text, at):
            return True
        at = text.find(pair, at + 1)
    return False


MAX_ELSEWHERE = 20
_ASCII_CAPITAL = re.compile(r"[A-Z]")


# The names found ahead in a batch's texts (scan_ahead), by the text's id: (text, scanner,
# ends in the padded scan form), taken by scan when it gets to the text.
_AHEAD: dict[int, tuple[str, object, list[tuple[int, int]]]] = {}


def scan_ahead(index: GalaxyIndex, texts: list[str]) -> None:
    """Find the galaxy names of all of ``texts`` (a batch's titles and texts) in one scan
    (Literals.ends_in_each), for :func:`scan` to take when it gets to each text: the same hits,
    without reading the names' tables from memory again for every text. What an earlier
    batch left untaken is dropped."""
    _AHEAD.clear()
    if index.scanner is None:
        return
    texts = list({id(t): t for t in texts if t}.values())
    forms = forms_ahead(texts)
    found = index.scanner.ends_in_each([b" " + form.data + b" " for form in forms])
    _AHEAD.update((id(t), (t, index.scanner, ends)) for t, ends in zip(texts, found, strict=True))


def scan(index: GalaxyIndex, text: str, title: bool = False) -> list[Hit]:
    """Every word-bounded occurrence of a galaxy key in ``text``, leftmost-longest;
    ``title``: the text is a title (where every word may be capitalised)."""
    if not text or index.scanner is None:
        return []
    words = words_of(index.salience_words or None)  # of the rules the index was built with
    phrase_before = _phrase_before(words.phrase_joiners)
    # One pad space on each side; position p in it is p - 1 in the text.
    form = scan_form(text)
    values = index.scan_values
    patterns = index.patterns
    # A key " apt40 " starts on the space before the name and ends on the space after it: the
    # name is [at, at + length) with at = end - length - 2. By start, the longer first: no two
    # hits share both ends (one spelling per table slot), so the tuples sort in that order
    # without a key function, whatever order the engine gave them in.
    found = []
    add = found.append
    ahead = _AHEAD.pop(id(text), None)
    if ahead is not None and ahead[0] is text and ahead[1] is index.scanner:
        ends = ahead[2]
    else:
        ends = index.scanner.ends_in(" " + form.words + " ", b" " + form.data + b" ")
    for end, i in ends:
        pid, length = values[i]
        at = end - length - 2
        add((at, -at - length, pid))
    found.sort()
    hits: list[Hit] = []
    covered = -1
    outer: tuple[int, ...] = ()  # the clusters of the hit that reaches furthest
    ends: set[int] | None = None  # where any name ends, looked up for fixed phrases only
    uncased: bool | None = None  # the text has no capital letter (looked up when needed)
    for start, end, pid in found:  # offsets into the text
        end = -end
        pattern = patterns[pid]
        quality = pattern.quality
        # "Lazarus" inside "Lazarus Group" is not a mention of its own; "AppleJeus" ending
        # "Operation AppleJeus" (Lazarus) is: the malware, another cluster, is named too.
        if end <= covered and (
            end < covered
            or quality not in ("distinctive", "phrase")
            or not set(outer).isdisjoint(pattern.clusters)
        ):
            continue
        written = normal_form(text[start:end])
        if (
            written.islower()
            and (
                quality == "common-word"
                or (
                    not pattern.case_sensitive
                    and (
                        pattern.key in index.lower_prose
                        if index.lower_prose is not None
                        else lower_is_prose(pattern.key, pattern.names)
                    )
                    and (" " in written or " " not in pattern.key)  # "aria-body" is a name
                )
            )
            and not _in_path(text, start, end)
        ):
            # "an Indonesian hacking team", "the task switcher", "a tsunami alert" (Malpedia
            # writes the family "tsunami"): English words in lower case are prose, unless the
            # whole text is in lower case (then case says nothing).
            if uncased is None:
                uncased = uncased_text(text)
            if not uncased:
                continue
        # Most hits are distinctive names: none of the checks below is for them.
        if quality != "distinctive":
            if pattern.case_sensitive and not (
                written_as_phrase_name(written)
                if quality == "phrase"
                else _written_as_named(written, pattern.names, pattern.how == SUFFIX_DROPPED)
            ):
                continue
            if quality in ("common-word", "short") and (
                _inside_another_name(text, start)
                or (not title and _name_goes_on(text, end, words.kind_words))
                or _company_suffix(text, start, written, words.company_suffixes)
            ):
                continue
            if (
                quality in ("common-word", "short")
                and not written.isupper()  # "SECUREUPDATE and VAMP" names two families
                and _ends_fixed_phrase(text, start, phrase_before)
            ):
                if ends is None:
                    ends = {-e for _, e, _ in found}
                if phrase_before.search(text, max(0, start - 40), start).end(1) not in ends:
                    continue  # "Plug and Play"; "LockBit and Play" is two names
        if end > covered:
            covered, outer = end, pattern.clusters
        hits.append(Hit(pid, start, end, written, text))
    return hits


def uncased_text(text: str) -> bool:
    """``text == text.lower()``: a capital A-Z, found at once in nearly every text, says no
    without lower-casing a copy of the whole text (2.5% of match's work when it did)."""
    return _ASCII_CAPITAL.search(text) is None and text == text.lower()


def _in_path(text: str, start: int, end: int) -> bool:
    """Whether a hit sits in a URL or a path (a run of non-blanks with a slash): there lower
    case is how the address is written ("/silence-group-playbook"), not prose."""
    lo = max(0, start - 200)  # a token longer than that is no address we need to see
    left = max(text.rfind(" ", lo, start), text.rfind("\n", lo, start), lo - 1) + 1
    hi = min(len(text), end + 200)
    right = min(i for i in (text.find(" ", end, hi), text.find("\n", end, hi), hi) if i >= 0)
    return "/" in text[left:right] or "\\" in text[left:right]


# A company's legal form after its name: "Malware, Inc.", "Acme Ltd" (INC is a ransomware).
# The forms are role company-suffix of data/rules/salience-words.json.
_COMPANY_SUFFIXES = SHIPPED_WORDS.company_suffixes
_COMPANY_BEFORE = re.compile(r"(?<![\w.!?:])[A-Z][\w&'’-]*,? $")


def _company_suffix(
    text: str, start: int, written: str, suffixes: frozenset[str] = _COMPANY_SUFFIXES
) -> bool:
    """Whether a hit is a company's legal form: a capitalised name before it, the suffix not
    written in capitals (the ransomware is "INC")."""
    return (
        written.lower() in suffixes
        and not written.isupper()
        and _COMPANY_BEFORE.search(text, max(0, start - 40), start) is not None
    )


# A capitalised word and a joining word before a hit: "Plug and Play", "Rock 'n' Roll"; the
# joining words are role phrase-joiner of data/rules/salience-words.json.
@lru_cache(maxsize=8)
def _phrase_before(joiners: tuple[str, ...]) -> re.Pattern:
    return re.compile(
        r"(?<![\w.!?:])([A-Z][a-z]+) (?:" + "|".join(re.escape(w) for w in joiners) + r") $"
    )


_PHRASE_BEFORE = _phrase_before(SHIPPED_WORDS.phrase_joiners)


def _ends_fixed_phrase(text: str, start: int, phrase_before: re.Pattern = _PHRASE_BEFORE) -> bool:
    """Whether an ordinary-word hit closes a fixed phrase of words in Title Case ("Plug and
    Play"); the caller checks that the first word is no name of its own ("LockBit and Play"
    lists two)."""
    return phrase_before.search(text, max(0, start - 40), start) is not None


# The capitalised word right after a hit ("Dairy Queen", "Nemesis Gemina", "Carbon Black").
_NAME_AFTER = re.compile(r" ([A-Z][a-z][\w&'’-]*)")


def _name_goes_on(text: str, end: int, kind_words: frozenset[str]) -> bool:
    """Whether an ordinary-word hit in a sentence is the head of a longer proper name: a
    capitalised word follows that is no malware, actor or platform word ("Maze Ransomware",
    "Cobalt Group" and "Hook Android" stay names; ``kind_words``: Words.kind_words of the
    index's rules)."""
    found = _NAME_AFTER.match(text, end)
    return found is not None and found.group(1).lower() not in kind_words


def _written_as_named(written: str, names: tuple[str, ...], head: bool = False) -> bool:
    # All capitals always count; an all-capitals galaxy name ("BRAIN") also counts written
    # as a name ("Brain"): vendors write FireEye-style names both ways. So does a name Malpedia
    # writes in lower case ("reptile", "tsunami"): reports write the family "Reptile"; the
    # lower-case word is prose (see scan). ``head``: the name less its generic suffix, written
    # as the galaxy writes that part ("Quasar" of "Quasar RAT", "RedLine" of "RedLine Stealer").
    if head:
        names = tuple(n.rsplit(" ", 1)[0] for n in names if " " in n)
    return written.isupper() or any(
        written == n or ((n.isupper() or n.islower()) and written == n.capitalize()) for n in names
    )


def context(
    text: str, start: int, end: int, written: str | None = None, chars: int = CONTEXT_CHARS
) -> str:
    """The words around a span, whitespace collapsed, the span marked with [[ ]];
    ``written``: the span's own text already collapsed (a hit's)."""
    before = text[max(0, start - chars) : start]
    after = text[end : end + chars]
    # Keep the single space next to the span; collapse every other run of whitespace.
    before = " ".join(before.split()) + (" " if before[-1:].isspace() else "")
    after = (" " if after[:1].isspace() else "") + " ".join(after.split())
    if written is None:
        written = normal_form(text[start:end])
    return f"…{before}[[{written}]]{after}…"

"""Two ways a report names a cluster that say more than a plain mention (issue 16):

- a *detection name*: the name is the family token of an anti-virus vendor's detection name,
  "Win32/Glupteba.M" (ESET), "Trojan:Win32/Xyz.A!dha" (Microsoft), "Backdoor.Win64.Foo" and
  "HEUR:Trojan.AndroidOS.Bar.a" (Kaspersky), "Backdoor.Foo" (Symantec), "BKDR_FOO.A" (Trend
  Micro), "Troj/Foo-A" (Sophos). The vendor classified a sample of the family: the mention is
  the malware, never an actor of its name, and no path or URL (the scan's first reading of a
  token with a slash or dots). It counts as a plain mention does, no more (see
  salience.DETECTION for why); in the vendor's list of its detections, as a listed name. The
  schemes' words (platforms, type words, qualifiers, prefixes) are data: roles
  ``detection-*`` of salience-words.json, extendable by a user's rules file.
- a *coined name*: the report names a group itself, in its own voice, "a group, which we
  dubbed as X", "We have named this APT group X", or attributes its subject to it, "we
  attribute this campaign to a threat actor called X". A report that names the group behind
  what it describes, or attributes it, is about that group wherever in the text it says so (a
  digest's section, past the opening); someone else's naming ("Kaspersky called the X Group")
  is not. Threat actors only: reports name every implant they meet ("We dubbed this implant
  X"), and a naming point for malware tagged as many uncited families as cited ones on the
  labelled reports (here, and in an earlier round's trial).

Both read only the few characters around a mention already found: no pass over the text.
"""

from __future__ import annotations

import re
from functools import lru_cache

# --- detection names ---

_SENTENCE_END = re.compile(r"[.!?\n]\s")
# The characters of a detection name: letters, digits and the scheme's separators.
_TOKEN_CHARS = re.compile(r"[\w.:/!@#$%&+-]*")
_TRAILING = ".,;:)]'\"”’"
FAMILY_AFTER = "./:_"  # what a scheme writes right before the family token


@lru_cache(maxsize=8)
def _generic(pairs: tuple[tuple[str, str], ...]) -> frozenset[str]:
    return frozenset(w.lower() for r, w in pairs if r == "detection-generic")


@lru_cache(maxsize=8)
def _detection_patterns(pairs: tuple[tuple[str, str], ...]) -> tuple[re.Pattern, re.Pattern]:
    """(before the family token, after it) for the schemes, from the ``detection-*`` words."""

    def alt(role: str) -> str:
        words = sorted({w for r, w in pairs if r == role}, key=lambda w: (-len(w), w))
        return "|".join(re.escape(w) for w in words) or r"(?!x)x"

    platform, kind = alt("detection-platform"), alt("detection-type")
    qualifier, prefix = alt("detection-qualifier"), alt("detection-prefix")
    sub = r"(?:[A-Za-z][\w-]*\.)*"  # sub-kinds before the family ("HackedApp.", "Spy.Agent.")
    before = re.compile(
        "(?:"
        # ESET "Win32/", "Win32/TrojanDownloader."; Microsoft "Trojan:Win32/"
        rf"(?:(?:{kind}):)?(?:{platform})/{sub}"
        # Kaspersky "Backdoor.Win64.", "HEUR:Trojan.AndroidOS.", "Trojan-Spy.Win32."
        rf"|(?:(?:{qualifier}):)?(?:{kind})\.(?:{platform})\.{sub}"
        # Symantec "Backdoor.": the type, then the family
        rf"|(?:{kind})\."
        # Trend Micro "BKDR_", "TROJ64_"; Sophos "Troj/"
        rf"|(?:{prefix})(?:64)?_|(?:{prefix})/"
        ")",
        re.IGNORECASE,
    )
    # the variant and the vendor's suffixes: ".M", ".A!dha", ".a", "-A", "!gen1"
    after = re.compile(r"(?:\.[\w-]+)*(?:-[A-Z]{1,3})?(?:![\w.]+)?$")
    return before, after


FAMILY, GENERIC = "family", "generic"


def token_start(text: str, start: int) -> int:
    """Where the detection name around a family token at ``start`` begins (at most 60
    characters before it): "Win32/" of "Win32/Glupteba.M"."""
    lo = start
    while lo > max(0, start - 60) and (text[lo - 1].isalnum() or text[lo - 1] in "._:/!-"):
        lo -= 1
    return lo


def detection_name(text: str, start: int, end: int, pairs: tuple[tuple[str, str], ...]) -> str:
    """``FAMILY`` when the name at ``text[start:end]`` is the family token of a detection name,
    ``GENERIC`` when it stands there but is a vendor's generic class ("Filecoder" of
    "Win32/Filecoder.AESNI.A"), else ``""``."""
    before_token = text[token_start(text, start) : start]
    if not before_token or before_token[-1] not in FAMILY_AFTER:
        return ""  # a plain word: no scheme writes the family first
    tail = _TOKEN_CHARS.match(text, end, min(len(text), end + 40)).group().rstrip(_TRAILING)
    before, after = _detection_patterns(pairs)
    # The scheme's part is the whole token before the family ("Win32/" of "Win32/Glupteba.M"),
    # not its end ("example.com/Win32/" is a path).
    if before.fullmatch(before_token) is None or after.match(tail) is None:
        return ""
    return GENERIC if text[start:end].lower() in _generic(pairs) else FAMILY


@lru_cache(maxsize=8)
def _scheme_heads(pairs: tuple[tuple[str, str], ...]) -> tuple[frozenset[str], re.Pattern]:
    """(the schemes' type, prefix and qualifier words; the platform word after one)."""
    heads = frozenset(
        w.lower()
        for r, w in pairs
        if r in ("detection-type", "detection-prefix", "detection-qualifier")
    )
    platforms = sorted({w for r, w in pairs if r == "detection-platform"}, key=lambda w: -len(w))
    after = re.compile(rf"[./:](?:{'|'.join(re.escape(w) for w in platforms)})[./]", re.I)
    return heads, after


def scheme_word(text: str, start: int, end: int, pairs: tuple[tuple[str, str], ...]) -> bool:
    """Whether the name at ``text[start:end]`` is a detection scheme's own word heading a
    detection name, its type before the platform: "Net-Worm" of Kaspersky's
    "Net-Worm.IphoneOS.Ike" (a class of the vendor's, not the family NetWorm)."""
    heads, after = _scheme_heads(pairs)
    return text[start:end].lower() in heads and after.match(text, end) is not None


# "ESET products detect this threat as A, B and C", "detected by Kaspersky as A, B": the
# vendor's list of its detections, an indicator list closing a report, not prose naming a
# family ("a malware family that ESET detects as Win32/Prikormka" introduces one: a list needs
# two detection names).
_DETECTED_AS = re.compile(r"\bdetect(?:s|ed|ion)?\b(?:\W+\w+){0,6}?\W+as\b", re.IGNORECASE)
_DETECTION_TOKEN = re.compile(r"\b[A-Za-z][\w-]*[/:.][\w-]+[\w./:!-]*")
DETECTED_AS_BEFORE = 300  # characters read each side of a detection name for the vendor's list


def in_detection_list(text: str, start: int, end: int) -> bool:
    """Whether a detection name sits in a vendor's 'we detect it as A, B' list."""
    before = text[max(0, start - DETECTED_AS_BEFORE) : start]
    if "detect" not in before.lower():
        return False
    ends = list(_SENTENCE_END.finditer(before))
    if ends:
        before = before[ends[-1].end() :]
    said = max(_DETECTED_AS.finditer(before), key=lambda m: m.end(), default=None)
    if said is None:
        return False
    after = text[end : end + DETECTED_AS_BEFORE]
    stop = _SENTENCE_END.search(after)
    sentence = before[said.end() :] + text[start:end] + (after[: stop.start()] if stop else after)
    return len(_DETECTION_TOKEN.findall(sentence)) >= 2


# --- coined names ---

# "we dubbed", "which we dubbed as", "we have named this APT group", "that we call",
# "we refer to as", "we track as", "we attribute this campaign to a threat actor called": the
# report's own voice, then at most a few words, then the name.
_NAMED = (
    r"dubbed|named?|call(?:ed|ing)?|refer(?:red)? to(?: it| them)? as|"
    r"track(?:ed|ing)?(?: it| them| this \w+)? as|designated?"
)
_WE = r"\bwe(?:'ve| have| are| also| first| internally)?\W+"
_COINED = re.compile(rf"{_WE}(?:{_NAMED})(?:\W+\w+){{0,4}}?\W*$", re.IGNORECASE)
# What a report attributes its subject to is an actor ("we attribute this campaign to a
# threat actor called X"); "we attribute much of its growth to a new ransomware family X" is
# another sense of the word, and no actor's name.
_ATTRIBUTED = re.compile(
    rf"{_WE}attribut\w*(?:\W+\w+){{0,8}}?\W+to(?:\W+\w+){{0,4}}?\W*$", re.IGNORECASE
)
_DENIED = re.compile(r"\b(?:not|never|cannot|no longer)\b|n't", re.IGNORECASE)
COINED_BEFORE = 100  # characters before a mention read for the report's naming phrase


def coined(
    text: str,
    start: int,
    malware_nouns: frozenset[str] = frozenset(),
    set_apart: re.Pattern | None = None,
) -> bool:
    """Whether the sentence, right before a (group's) name, says the report itself names it
    or attributes its subject to it; not when it names malware ("new malware we named X",
    "We called this new malware X": a group's cluster may hold the name of its malware), said
    by one of ``malware_nouns`` in the phrase or in the two words before it; nor when a word
    of ``set_apart`` comes earlier in the sentence (salience-words role set-apart: "other North
    Korean actors, including the actor we call X" names a group the report compares with)."""
    before = text[max(0, start - COINED_BEFORE) : start]
    if "we" not in before and "We" not in before:
        return False  # most mentions: one C scan
    ends = list(_SENTENCE_END.finditer(before))
    if ends:
        before = before[ends[-1].end() :]
    found = _COINED.search(before) or _ATTRIBUTED.search(before)
    if found is None or _DENIED.search(found.group()):
        return False
    if set_apart is not None and set_apart.search(before, 0, found.start()):
        return False  # "distinctions ... other actors, including the actor we call X"
    words = before[: found.start()].split()[-2:] + found.group().split()
    return not any(w.lower().strip(_TRAILING + ",“‘(") in malware_nouns for w in words)

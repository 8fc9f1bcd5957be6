"""Galaxy names as text patterns: normal forms, the spellings reports use, and how risky each is.

A name becomes one or more *keys* (lower-case, single spaces) that the automaton searches
for. ``APT40`` also yields ``apt 40``, ``apt-40`` and ``advanced persistent threat 40``,
because government texts spell the designation out.

Every key gets a *quality* that decides how much a text hit on it is worth:

- ``distinctive``: one cluster, not an English word, long enough: a hit is real evidence;
- ``ambiguous``: the key names several clusters of one galaxy ("Grizzly Steppe" is APT28 and
  APT29): a hit cannot choose, so it only corroborates. The same name in two galaxies (the
  actor "Careto" and its malware "Careto") is not ambiguous: the hit stands for both;
- ``common-word``: a single English word ("Agent", "Hook", "Alien", "Leviathan"), judged by
  its frequency in wordfreq's English lists: it must appear with the galaxy's capitalisation, and
  it only corroborates;
- ``short``: three characters or fewer ("Zen", "DDG"): treated like a common word;
- ``phrase``: a spelling we derive (spaced CamelCase, a generic suffix dropped) made only of
  English words ("RemoteControl" spaced is "remote control", "The Trick" from "TheTrick",
  "Google Drive" from "Google Drive RAT"): it counts only written as a name, each word
  capitalised ("Black Remote", "Hidden Tear") or in capitals; prose ("remote control", "the
  trick") is no mention.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from functools import lru_cache

MIN_KEY_LENGTH = 3
SHORT_KEY_LENGTH = 3
# wordfreq Zipf scale: 3 is about once per million words ("hermit", "raccoon"). 2.7 (about once
# per two million) also takes in the rarer words that audit.py found tagging prose: "vermin"
# (2.96), "icarus" (2.97, an Anonymous operation), "lurid" (2.73); 2.5 would take real family
# names reports write in lower case.
COMMON_WORD_ZIPF = 2.7

SPACE_RUN = re.compile(r" {2,}")
_DESIGNATION = re.compile(r"^([A-Za-z]{2,})[ \-]?(\d{1,5})$")
# Spelled-out forms of designation prefixes, as used in official texts.
SPELLED_OUT = {"apt": ("advanced persistent threat", "advanced persistent threat group")}


def normal_form(name: str) -> str:
    """Collapse whitespace; keep case (used to compare case-sensitive hits)."""
    return " ".join(name.split())


# ASCII letters and digits stay (lower-cased); every other ASCII byte becomes a space.
_ASCII_TABLE = bytes.maketrans(
    bytes(range(128)),
    bytes(c if chr(c).isalnum() else 32 for c in bytes(range(128)).lower()),
)
# Characters that lower-case to more than one (Python's Unicode data; a test checks all).
LOWER_TO_MORE = "\u0130"  # "İ"


def _outside_ascii(err: UnicodeEncodeError) -> tuple[str, int]:
    # A letter outside ASCII stands in as "x" for the scanner; the original text is what
    # evidence quotes and what case-sensitive names are compared with. Called once per run
    # of such characters while the encoder copies the ASCII around them. Each character as
    # lower-cased ("K", the Kelvin sign, is a "k"); one that lower-cases to two as written.
    out = []
    for c in err.object[err.start : err.end]:
        lower = c.lower()
        if len(lower) != 1:
            lower = c
        out.append(lower if lower.isascii() else "x" if lower.isalnum() else " ")
    return "".join(out), err.end


codecs.register_error("orkl-misp-scan-form", _outside_ascii)


def words_only(text: str) -> str:
    """``text`` lower-cased, non-word characters as spaces, the same length."""
    return ScanForm(text).words


class ScanForm:
    """The scan form of one text: ``words`` (see :func:`words_only`), the same as ASCII
    ``data`` (what a byte scanner reads), and whether lower-casing kept the text's length
    (offsets in the lower-cased text are then offsets in the text)."""

    __slots__ = ("text", "words", "data", "lower_keeps_length")

    def __init__(self, text: str) -> None:
        self.text = text
        self.lower_keeps_length = True
        if text.isascii():
            data = text.encode("ascii")
        else:
            # Lower-casing keeps each character one character but for LOWER_TO_MORE (the
            # only context-dependent case, a final sigma, stays a letter outside ASCII).
            self.lower_keeps_length = not any(c in text for c in LOWER_TO_MORE)
            data = text.encode("ascii", "orkl-misp-scan-form")
        # bytes.translate runs at memory speed (lower-casing ASCII on the way).
        self.data = data.translate(_ASCII_TABLE)
        self.words = self.data.decode("ascii")


# The last two texts' forms (an entry's title and text): each is scanned for names, platform
# words and attribution cues, all from the same form. Checked by identity: a str is immutable.
_LAST_FORMS: list[ScanForm] = []


# The forms of a batch's texts made ahead (see forms_ahead), by the text's id, the text kept
# in its form (so the id is not reused while it waits).
_AHEAD_FORMS: dict[int, ScanForm] = {}


def scan_form(text: str) -> ScanForm:
    for form in _LAST_FORMS:
        if form.text is text:
            return form
    form = _AHEAD_FORMS.pop(id(text), None)
    if form is None or form.text is not text:
        form = ScanForm(text)
    _LAST_FORMS[:] = [form, *_LAST_FORMS[:1]]
    return form


def forms_ahead(texts: list[str]) -> list[ScanForm]:
    """The scan forms of a batch's texts, made at once (for one scan of them all: see
    textscan.scan_ahead) and kept for :func:`scan_form` to hand out when each text's turn
    comes; those of an earlier batch not handed out are dropped."""
    _AHEAD_FORMS.clear()
    forms = [ScanForm(text) for text in texts]
    _AHEAD_FORMS.update((id(form.text), form) for form in forms)
    return forms


def key_of(name: str) -> str:
    """What names and texts are compared as: lower-case words separated by single spaces.

    Punctuation counts as a space, so "X-Agent" is the key "x agent", and a text's "X-Agent",
    "X Agent" or "x_agent" all match it. A letter outside ASCII stands in as "x", exactly as
    the scanner writes it (see :func:`words_only`).
    """
    return SPACE_RUN.sub(" ", words_only(name)).strip()


def variants(name: str) -> list[tuple[str, str]]:
    """(key, how) pairs a name is searched as; ``how`` is '' for the name itself."""
    base = key_of(name)
    out = [(base, "")]
    m = _DESIGNATION.match(base)
    if m:
        prefix, number = m.groups()
        for sep in ("", " "):  # "APT-40" is "apt 40" once punctuation is a space
            out.append((f"{prefix}{sep}{number}", "another spelling"))
        for spelled in SPELLED_OUT.get(prefix, ()):
            out.append((f"{spelled} {number}", "spelled out"))
    seen: dict[str, str] = {}
    for key, how in out:
        if len(key.replace(" ", "")) >= MIN_KEY_LENGTH:
            seen.setdefault(key, how)
    return list(seen.items())


# Malpedia values carry the platform in brackets ("LockBit (Windows)", "LockBit (ELF)"); the
# bare name is how reports write the family, and the platform is chosen from the text's cues.
PLATFORMS = {
    "windows": "windows",
    "elf": "linux",
    "os x": "macos",
    "android": "android",
    "ios": "ios",
    "javascript": "javascript",
    "powershell": "powershell",
    "python": "python",
    "vbscript": "vbscript",
    "symbian": "symbian",
}
_PLATFORM_SUFFIX = re.compile(r"^(.*\S)\s*\(([^()]+)\)$")
# Words a platform is recognised by in a report (keys, as the scanner writes text).
PLATFORM_CUES = {
    "linux": ("linux", "elf", "esxi", "unix", "iot", "mips"),
    "android": ("android", "apk"),
    "macos": ("macos", "os x", "osx"),
    "ios": ("ios", "iphone", "ipad"),
    "javascript": ("javascript", "node js"),
    "powershell": ("powershell",),
    "python": ("python",),
    "vbscript": ("vbscript", "vbs"),
    "symbian": ("symbian",),
    "windows": ("windows", "win32", "win64"),
}
PLATFORM_WORDS = frozenset(w for words in PLATFORM_CUES.values() for w in words)
# Generic words that name a kind of malware, not a family: "RedLine Stealer" is RedLine.
GENERIC_SUFFIXES = frozenset(
    [
        "rat",
        "stealer",
        "infostealer",
        "loader",
        "backdoor",
        "ransomware",
        "ransom",
        "botnet",
        "bot",
        "trojan",
        "downloader",
        "dropper",
        "banker",
        "miner",
        "worm",
        "keylogger",
        "wiper",
        "spyware",
        "rootkit",
        "implant",
        "webshell",
        "malware",
        "pos",
    ]
)
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
SUFFIX_DROPPED = "without its generic suffix"  # how a name less its generic suffix is derived


def family_of(value: str) -> tuple[str, str] | None:
    """(bare name, platform) of a platform-suffixed Malpedia value, else None."""
    m = _PLATFORM_SUFFIX.match(value)
    if not m:
        return None
    platform = PLATFORMS.get(m.group(2).strip().lower())
    return (m.group(1), platform) if platform else None


def derived_names(name: str) -> list[tuple[str, str]]:
    """Other forms reports write a galaxy name in: (name, how).

    Without its generic suffix ("Trochilus RAT" -> "Trochilus") and in the other spacing of a
    CamelCase name ("OceanLotus" <-> "Ocean Lotus", "RoyalDNS" -> "Royal DNS"). Forms that are
    ordinary words are dropped when the index is built (see ``common_words``).
    """
    out: list[tuple[str, str]] = []
    words = name.split()
    if len(words) >= 2 and words[-1].lower() in GENERIC_SUFFIXES:
        rest = " ".join(words[:-1])
        # "Devil's Rat" -> "Devil's" would be a phrase ("the devil's in the details").
        if len(rest.replace(" ", "")) >= 4 and not any(c in rest for c in "'’"):
            out.append((rest, SUFFIX_DROPPED))
    if len(words) == 1:
        parts = _CAMEL.split(name)
        if 2 <= len(parts) <= 3 and all(len(p) >= 3 and p.isalpha() for p in parts):
            out.append((" ".join(parts), "spaced"))
        halves = name.split("-")
        if len(halves) == 2 and all(h.isalnum() for h in halves) and len(name) - 1 >= 6:
            out.append(("".join(halves), "joined"))
    elif 2 <= len(words) <= 3 and all(w.isalpha() and w[:1].isupper() for w in words):
        joined = "".join(words)
        if len(joined) >= 6:
            out.append((joined, "joined"))
    return out


def _is_word(key: str) -> bool:
    return key.isalpha()


def common_words(keys: Iterable[str]) -> set[str]:
    """The keys that are ordinary English words or phrases."""
    # Imported here: wordfreq is only needed when an index is built, not when it is loaded.
    from wordfreq import zipf_frequency

    # Single words only: wordfreq estimates a phrase from its words as if they were
    # independent, which makes "Bronze Mohawk" or "Agent Tesla" look common. They are not.
    return {k for k in keys if _is_word(k) and zipf_frequency(k, "en") >= COMMON_WORD_ZIPF}


# A derived spelling this frequent in English is matched as written: "Quasar" of "Quasar RAT"
# (2.4); from 1.8, "matryoshka" of "Matryoshka RAT" (1.9), a metaphor in titles ("Pirate
# matryoshka", "a Trojan matryoshka").
DERIVED_COMMON_ZIPF = 1.8


def derived_common(keys: Iterable[str]) -> set[str]:
    """Derived spellings ("RedLine" from "RedLine Stealer") that are words, even rare ones."""
    from wordfreq import zipf_frequency

    return {k for k in keys if _is_word(k) and zipf_frequency(k, "en") >= DERIVED_COMMON_ZIPF}


def derived_phrases(keys: Iterable[str]) -> set[str]:
    """Derived multi-word spellings made only of English words ("remote control")."""
    from wordfreq import zipf_frequency

    return {
        k
        for k in keys
        if " " in k
        and all(_is_word(w) and zipf_frequency(w, "en") >= COMMON_WORD_ZIPF for w in k.split())
    }


# A galaxy name made of English words, each this frequent ("Hacking Team", "Switcher", "The
# Mask"), written in lower case in a sentence is the words, not the name: "an Indonesian hacking
# team", "the iOS task switcher". The galaxy writes these names capitalised; rarer words
# ("petya", "stuxnet", "ryuk" are at 1.9 to 2.2) are the families' own names, which some
# reports write in lower case.
LOWER_PROSE_ZIPF = 2.4


# A name the galaxy writes only in capitals (FireEye's "SHIPSHAPE", "PICKPOCKET", Microsoft's
# "THALLIUM") that is an English word even this rare is that word written in lower case:
# "get your passwords shipshape", "a pickpocket", "thallium poisoning". Reports write these
# names in capitals or capitalised.
CAPS_PROSE_ZIPF = 1.0


@lru_cache(maxsize=4096)
def lower_is_prose(key: str, names: tuple[str, ...]) -> bool:
    """Whether ``key`` written all in lower case is prose, not the name: every galaxy name it
    stands for has a capital, and each of its words is an English word (LOWER_PROSE_ZIPF; or
    CAPS_PROSE_ZIPF when the galaxy writes every one of those names in capitals)."""
    if any(n == n.lower() for n in names):
        return False  # the galaxy itself writes it in lower case ("bancos", "xmrig")
    from wordfreq import zipf_frequency

    words = key.split()
    least = CAPS_PROSE_ZIPF if all(n.isupper() for n in names) else LOWER_PROSE_ZIPF
    return all(_is_word(w) and zipf_frequency(w, "en") >= least for w in words)


def written_as_phrase_name(written: str) -> bool:
    """A derived phrase written as a name: every word capitalised, or all capitals."""
    return written.isupper() or all(w[:1].isupper() for w in written.split())


def quality(key: str, most_in_one_galaxy: int, common: bool, phrase: bool = False) -> str:
    if most_in_one_galaxy > 1:
        return "ambiguous"
    if common:
        return "common-word"
    if len(key.replace(" ", "")) <= SHORT_KEY_LENGTH:
        return "short"
    if phrase:
        return "phrase"
    return "distinctive"

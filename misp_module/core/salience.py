"""Salience: whether a report is *about* a cluster, or only mentions it.

A name found in a report is a mention. Each mention gets cheap features from a few dozen
characters around it (never a pass over the whole text per mention):

- where: the title, the opening (the first ``OPENING`` characters of the text, or its first
  ``OPENING_SHARE`` in a short text), the body, or the
  reference section (after a heading such as "References" or "Indicators of compromise" in
  the last half of the text);
- how: inside a URL, an e-mail address or code (a path, a registry key, a YARA string, a
  file name); the name of an exploit kit ("the Neutrino EK", not the Neutrino bot);
  inside a *list* (a run of at least ``LIST_RUN`` names joined by commas, "and", "or",
  slashes); *negated* ("not related to X", "unlike X", "rather than X"); a *comparison*, the
  yardstick the subject is measured against or poses as ("similar to X", "as does X", "less
  known than X", "even before the X botnet", "disguised as X"); in a short line that
  repeats (a running header or caption on every PDF page), counted once; in a heading;
- the words beside it: actor words ("group", "actor", "APT") or malware words ("backdoor",
  "loader", "ransomware"), which choose between an actor and a malware family of one name,
  and let an ordinary-word name ("Moose worm") count;
- its *role*: the sentence says what the named thing is, "a password stealer called X", "a
  backdoor known as X", "X, a spy platform", "X (aka Y), a threat actor", "X is a remote
  access Trojan" (two anchored regexes on the 40-60 characters beside the hit). What a report
  analyses it introduces this way; a name it passes by it rarely does;
- a vendor's detection name ("Win32/Glupteba.M"): the malware family, counted as a mention
  (core/naming.py).

Mentions in URLs, code, e-mail, references, exploit kits or negated never make a cluster
salient: they
*corroborate* only. A mention in a list or a comparison counts ``LIST_WEIGHT``. Names of one
cluster in one run of aliases ("Sodin (aka REvil and Sodinokibi)") are one mention (the
matcher drops the repeats). The cluster's score adds:

======================  ===========================================================
signal                  points
======================  ===========================================================
title                   +3 (named in the title, not negated)
opening                 +1 (a counted mention in the opening)
heading                 +0.5 (in a short line after a sentence's end, without end punctuation)
mentions (n)            +0.5 from 2, +1 from 3, +1.5 from 5, +2 from 8, +2.5 from 12
share of the top count  +1 at ``SHARE_HIGH`` or more, +0.5 at ``SHARE_LOW`` (n >= 2)
short text              +1.5 for the most-named cluster of a text under ``SHORT_TEXT``
                        (unless another cluster is named in the title), named at least
                        ``SHORT_TEXT_MENTIONS`` times or once with its role in the
                        opening
attribution             +1 (in the opening, an actor the report itself attributes the
                        activity to: "we attribute this campaign to X", "a group we
                        track as X", "which we dubbed X"; not "attributed to X")
coined                  +2 (anywhere, an actor the report names in its own voice: "a
                        group, which we dubbed X", "We have named this APT group X",
                        "we attribute this campaign to a threat actor called X"; see
                        core/naming.py), in place of the attribution point; a
                        Malpedia family the report names so, with a malware noun ("a
                        payload that we call X"), in its first 2,000 characters
                        (matcher._coined_family)
role                    +1 (a counted mention whose sentence says what it is, above)
actor's tool            +1 (matcher._actors_own: a family named in passing in the
                        possessive of the actor the title names and the text makes
                        salient, "APT28's signature GAMEFISH malware")
======================  ===========================================================

A name in the title counts unless negated or a comparison ("TeslaCrypt disguised as
CryptoWall" is about TeslaCrypt), or the text names it only in comparison, less than one
counted mention ("Skygofree: following in the footsteps of HackingTeam": the title's
yardstick, matcher._title_yardstick).

A cluster is *salient* at ``SALIENT`` points or more (with at least one counted mention), and
salient clusters tag. Every tag's evidence lists the signals that carried it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from operator import attrgetter

from misp_module.core.literals import Literals
from misp_module.core.names import PLATFORM_WORDS, scan_form
from misp_module.core.regexgate import compile_gated
from misp_module.core.rules import salience_words, shipped

OPENING = 1000  # characters of the text that count as its opening
OPENING_SHARE = 0.4  # of a short text (see SHORT_TEXT): a two-page note's opening is longer
LIST_RUN = 4  # names in a row that make a list
LIST_GAP = 8  # at most this many characters between two names of a list
LIST_WEIGHT = 0.25
SHARE_HIGH = 0.5
SHARE_LOW = 0.25
SALIENT = 2.5
TITLE_POINTS = 3.0
HEADING_POINTS = 0.5
OPENING_POINTS = 1.0
SHARE_POINTS = 1.0  # at SHARE_HIGH; half at SHARE_LOW
SHORT_TEXT_POINTS = 1.5
HEADING_MAX = 70  # characters: a heading is a short line that ends without punctuation
REPEATED_LINE = 3  # a short line with a name seen this often is a running header
PASSAGE = 50  # characters each side of a mention: the passage whose copies count once
PASSAGE_MIN = 30  # ... the side before this long at least (no white space) to say it is a copy
PASSAGE_AFTER_MIN = 10  # ... and the side after
COUNT_POINTS = ((12, 2.5), (8, 2.0), (5, 1.5), (3, 1.0), (2, 0.5))
SHORT_TEXT = 5000  # characters: a text this short is a note, its most-named cluster its subject
SHORT_TEXT_MENTIONS = 2  # ... when named at least this often, or introduced ("a botnet named X")
SHARE_FROM = 3  # the share signal needs this many mentions: two of two is not a subject
ATTRIBUTION_POINTS = 1.0
ATTRIBUTION_BEFORE = 80  # characters before an actor's mention read for an attribution phrase
ROLE_POINTS = 1.0
# The report names a group itself ("a group, which we dubbed X", "we attribute this campaign
# to a threat actor called X"), anywhere in its text (threat actors only, core/naming.py).
COINED_POINTS = 2.0

# The nouns right beside a name that say it is an actor ("the X group", "APT X") or malware ("the
# X backdoor"): analysts' words, data/rules/salience-words.json, roles actor-word and
# malware-word (the shipped ones; an index built with a user's rules carries its own, Words).
ACTOR_WORDS = frozenset(salience_words("actor-word"))
MALWARE_WORDS = frozenset(salience_words("malware-word"))
# Nouns that say what a named thing is, in the sentence that names it ("a backdoor known as X",
# "X, a spy platform", "X is a remote access Trojan"): the malware words and a few tool words.
# The extra words are analysts' words: data/rules/salience-words.json, role malware-noun.
ROLE_MALWARE_WORDS = MALWARE_WORDS | frozenset(salience_words("malware-noun"))
ROLE_ACTOR_WORDS = frozenset(salience_words("actor-noun"))


def _role_patterns(
    nouns: frozenset[str], other: frozenset[str] = frozenset()
) -> tuple[re.Pattern, re.Pattern]:
    """The patterns that find a role noun before a name (called) and after it (defined);
    ``other``: nouns saying the named thing is no cluster ("Loki – an IOC scanner"), read
    after the name only."""
    noun = "|".join(sorted((re.escape(w) for w in nouns), key=lambda w: (-len(w), w)))
    after = "|".join(sorted((re.escape(w) for w in nouns | other), key=lambda w: (-len(w), w)))
    # "... malware called X", "a backdoor known as 'X'", "a threat actor dubbed X" (before).
    called = re.compile(
        rf"\b({noun})s?\W+(?:called|dubbed|named|known as|nicknamed|code-?named)"
        r"\W{1,3}(?:the\W+)?$",
        re.IGNORECASE,
    )
    # "X, a backdoor", "X (aka Y), a threat actor", "X is a remote access Trojan", "X – an
    # IOC scanner" (after); the last noun of the phrase is its head ("a malware threat group"),
    # and a noun opening a compound is none ("a Game-Changing Threat").
    defined = re.compile(
        r"[’'\"”]?\s*(?:\([^()]{0,40}\)\s*)?(?:,\s*|\s+[–—]\s+|\s+(?:is|was)\s+|\s+)"
        rf"(?:a|an)\s+(?:[\w-]+\s+){{0,3}}({after})s?\b(?!-)",
        re.IGNORECASE,
    )
    return called, defined


_CALLED_HINT = re.compile("called|dubbed|named|known as")
# "and"/"or" in the other languages the attribution rules read are role list-joiner of
# salience-words.json: lists are written in them too ("Cyber Berkut, Voodoo Bear i BlackEnergy").
_ENGLISH_LIST_GAPS = frozenset(("", "and", "or", "as well as", "and the", "or the"))
LIST_GAP_NAME = 30  # characters: a gap holding one name no cluster has (", CyberCalifate, ")
_UNKNOWN_NAME_GAP = re.compile(r"\s*[,;/]\s*[A-Z][\w.-]*(?: [A-Z][\w.-]*)?\s*[,;/]\s*")
_NEGATION = re.compile(
    r"\b(?:not|no|never|nor|unlike|unrelated|rather than|instead of|distinct from|"
    r"different from|isn't|wasn't|aren't)\b(?:\W+\w+){0,3}\W*$",
    re.IGNORECASE,
)
_REFERENCES = re.compile(
    r"^[ \t#*]*(?:references|sources|endnotes|indicators of compromise|iocs?|"
    r"appendix(?: [a-z0-9]+)?|further reading|related (?:reading|articles|posts)|yara rules?)"
    r"[ \t]*:?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
# The words a references heading starts with (see _REFERENCES): found first, in one pass over
# the text's scan form (lower-cased, with the text's offsets), so the regex runs only at the
# start of their lines, not at every line of half the text.
_REFERENCE_HEADS = (
    "references", "sources", "endnotes", "indicators", "ioc", "appendix", "further", "related",
    "yara",
)  # fmt: skip
# Letters outside ASCII that re's IGNORECASE takes for an ASCII letter and the scan form writes
# as "x" ("ſources"): a text holding one is searched by the regex alone. (The Kelvin sign is a
# "k" to both; a test checks the list against re.)
CASE_FOLDS_UNSEEN = "\u0130\u0131\u017f"  # İ ı ſ
# _REFERENCES led by the newline before the heading's line instead of ^: re skips from newline
# to newline in C where ^ has it try the whole pattern at every character (4x faster on the
# texts searched by the regex alone). A match of it at n is one of _REFERENCES at n + 1.
_REFERENCES_AFTER_NEWLINE = re.compile("\n" + _REFERENCES.pattern[1:], _REFERENCES.flags)


def references_start(text: str) -> int:
    """Where the first references heading in the last half of ``text`` starts (its line's
    start, as ``_REFERENCES.search(text, len(text) // 2)`` finds it), else ``len(text)``."""
    half = len(text) // 2
    if any(c in text for c in CASE_FOLDS_UNSEEN):
        if not half:  # no text, or one character
            found = _REFERENCES.search(text)
            return found.start() if found else len(text)
        # The lines that start at half or later: those after a newline at half - 1 or later.
        found = _REFERENCES_AFTER_NEWLINE.search(text, half - 1)
        return found.start() + 1 if found else len(text)
    form = scan_form(text)
    # By start: the first whose line is a heading is the first heading (its line starts first).
    for at, _ in sorted(_reference_heads().find_in(form.words[half:], form.data[half:])):
        at += half
        line = text.rfind("\n", 0, at) + 1
        if line >= half and not text[line:at].strip(" \t#*") and _REFERENCES.match(text, line):
            return line
    return len(text)


@cache
def _reference_heads() -> Literals:
    return Literals(_REFERENCE_HEADS)


# The report saying who did it, in its own voice and in its opening: "we attribute this campaign
# with high confidence to the X threat actor", "a financially motivated group that we track as
# X", "a group, which we dubbed X". Not "samples attributed to X" (someone else's attribution of
# other work, often the false flag the report takes apart), nor later in the text (a case study's
# aside). Rejected attributions are negated mentions (see _NEGATION) and corroborate only.
# Read only for threat-actor clusters, in the few words before a mention.
_ATTRIBUTION = re.compile(
    r"\b(?:we(?:\W+\w+){0,3}?\W+attribut\w*(?:\W+\w+){0,8}?\W+to|"
    r"track(?:s|ed)?(?: it| them)? as|dubbed(?: as)?|we (?:call|named?|refer to as))"
    r"\W+(?:the\W+)?$",
    re.IGNORECASE,
)
_DENIAL = re.compile(r"\b(?:not|never|cannot|no longer)\b|n't", re.IGNORECASE)
_PUNCTUATION = ".,;:!?()[]'\"“”’‘"


# A name the report compares its subject with ("similar to the one used by X", "less widely
# known than X", "as does X", "even before the X botnet"), or says its subject has ties or
# connections to ("infrastructure ties to other malware, such as X", in the same sentence): the
# yardstick, not the subject. The
# phrases (regular expressions) are roles comparison and comparison-adjacent of
# salience-words.json.
def _compared(far: Iterable[str], near: Iterable[str]) -> re.Pattern:
    return re.compile(
        rf"(?:\b(?:{'|'.join(far)})\W+(?:\w+\W+){{0,4}}?|\b(?:{'|'.join(near)})\W+(?:the\W+)?)$",
        re.IGNORECASE,
    )


# Checked first, in one C scan: a word that can start a comparison, at a word's start
# (compile_gated: re skips in C to the letters those words start with, 30% faster per mention).
_COMPARED_HINT = compile_gated(
    r"\b(?:similar|resembl|reminisc|compared|akin|same as|identical|copied|borrowed|taken|"
    r"as d|as w|like|than|before|prior|as in|disguis|masquerad|pos(?:ing|ed|es)|dressed|pretend|"
    r"mimic|imperson|success|predecess|ancest|forerunner|father|offshoot|heir|compatible|"
    r"inspired|derived|based|source|customers|clients|buyers|ties|connection)"
)


# A family the report's subject descends from, named right before the lineage word ("a Dyre
# successor", "Kronos is Zeus' father"; not "Mirai-like", said in essays about Mirai): the yardstick, as a comparison is.
# The words are role lineage-after of salience-words.json.
def _lineage(after: Iterable[str]) -> re.Pattern:
    return re.compile(rf"(?:['’]s?)?[\s-]{{0,2}}(?:{'|'.join(after)})", re.IGNORECASE)


# Led by a look-ahead of the words' first letters (regexgate): an alternation of caseless
# words is otherwise tried word by word at every character (half the time, the same matches).
_LINEAGE_HINT = compile_gated(r"success|predecess|father|offshoot|heir|clone|copycat", re.I)
_NEGATION_HINT = re.compile("no|n't|unlike|rather|instead|distinct|different")
_URLISH = re.compile(r"://|www\.|\w\.(?:com|net|org|io|ru|cn|info|html?|php)\b|\w/\w+\.\w")


# A name as a file name ("Photo.scr", "invoice.docm") is an indicator, not the family; the
# extensions are role code-extension of salience-words.json.
def _codeish(extensions: Iterable[str]) -> re.Pattern:
    exts = "|".join(re.escape(w) for w in extensions)
    return re.compile(r"[\\={}$%<>\"]|\.(?:" + exts + r")\b", re.I)


@dataclass(frozen=True)
class Words:
    """The salience words of one rules set (salience-words.json merged with a user's files)."""

    actor_words: frozenset[str]  # beside a name: "the X group"
    malware_words: frozenset[str]  # beside a name: "the X backdoor"
    actor_nouns: frozenset[str]
    other_nouns: frozenset[str]  # say the named thing is no cluster: "an IOC scanner"
    called: re.Pattern
    defined: re.Pattern
    list_gaps: frozenset[str]
    compared: re.Pattern
    lineage: re.Pattern
    codeish: re.Pattern
    company_suffixes: frozenset[str]
    phrase_joiners: tuple[str, ...]
    # say what a name is: after a name they make it no part of a longer one ("Cobalt Group",
    # "Maze Ransomware"; textscan._name_goes_on): actor-word, malware-word and the platforms
    kind_words: frozenset[str] = frozenset()
    role_malware_words: frozenset[str] = frozenset()  # malware-word and malware-noun
    # earlier in a sentence than the report's naming of a group: it names one it compares
    # with ("other North Korean actors, including the actor we call X"; naming.coined)
    set_apart: re.Pattern | None = None


SHIPPED_PAIRS = tuple((e["role"], e["word"]) for e in shipped().of("salience-words"))


def _whole_words(words: list[str]) -> re.Pattern | None:
    """Any of ``words`` as a whole word, case-insensitively (None: no words)."""
    if not words:
        return None
    alternatives = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)


@lru_cache(maxsize=8)
def words_of(pairs: tuple[tuple[str, str], ...] | None = None) -> Words:
    """The compiled words of ``(role, word)`` pairs in file order (None: the shipped ones)."""
    pairs = SHIPPED_PAIRS if pairs is None else pairs

    def of(role: str) -> list[str]:
        return [w for r, w in pairs if r == role]

    malware = frozenset(of("malware-word"))
    actor = frozenset(of("actor-noun"))
    other = frozenset(of("other-noun"))
    called, defined = _role_patterns(malware | frozenset(of("malware-noun")) | actor, other)
    return Words(
        actor_words=frozenset(of("actor-word")),
        malware_words=malware,
        actor_nouns=actor,
        other_nouns=other,
        called=called,
        defined=defined,
        list_gaps=_ENGLISH_LIST_GAPS | frozenset(of("list-joiner")),
        compared=_compared(of("comparison"), of("comparison-adjacent")),
        lineage=_lineage(of("lineage-after")),
        codeish=_codeish(of("code-extension")),
        company_suffixes=frozenset(of("company-suffix")),
        phrase_joiners=tuple(of("phrase-joiner")),
        kind_words=frozenset(of("actor-word")) | malware | PLATFORM_WORDS,
        role_malware_words=malware | frozenset(of("malware-noun")),
        set_apart=_whole_words(of("set-apart")),
    )


# The shipped words (the matcher uses those of its index's rules: GalaxyIndex.salience_words).
SHIPPED_WORDS = words_of()
_CALLED, _DEFINED, _COMPARED, _CODEISH, _LIST_GAP_WORDS = (
    SHIPPED_WORDS.called,
    SHIPPED_WORDS.defined,
    SHIPPED_WORDS.compared,
    SHIPPED_WORDS.codeish,
    SHIPPED_WORDS.list_gaps,
)


# The name is the family token of a vendor's detection name ("Win32/Glupteba.M", see
# core/naming.py): the malware family, never an actor of its name (such a mention casts no vote
# for the galaxy of the name's other mentions). It counts as a mention and earns no points of
# its own: ESET writes its detection names as names in prose ("the Linux/Ebury OpenSSH
# backdoor"), and detection names in passing ("infectors such as W32/Sality, W32/Xpaj", the
# delivery chain's "Linux/Cdorked, Perl/Calfbot") are as common as in a report's subject: a
# point for them tagged one cited family for five not cited, on the labelled reports. In the
# vendor's list of its detections ("ESET products detect this threat as A, B and C") each counts
# as a listed name does (LIST_WEIGHT).
DETECTION = "detection name"
DETECTION_LIST = "detection list"  # in the vendor's "we detect it as A, B" list: a list
# A vendor's generic class where a detection name's family goes ("Trojan-Ransom.AndroidOS.
# LockScreen.x"): no family of that name; it corroborates only.
DETECTION_GENERIC = "generic detection name"
# The sentence says the named thing is neither malware nor an actor ("Loki – an IOC scanner",
# "Quick Heal, an antivirus company"): a tool or firm of the same name; role other-noun of
# salience-words.json.
OTHER = "other"
SAID_OTHER = "said to be something else"
_CORROBORATING = frozenset(
    [
        "url", "e-mail", "code", "negated", "operation name", "exploit kit", DETECTION_GENERIC,
        SAID_OTHER,
    ]
)  # fmt: skip
# "the Neutrino EK", "Blackhole exploit kit": the kit, not the bot or loader of that name.
_EXPLOIT_KIT = re.compile(r"[\s'’-]{0,3}(?:EK\b|exploit[\s-]+(?:kit|pack)s?\b)", re.IGNORECASE)
# a title naming no subject
_NOT_TITLE = frozenset(["negated", "comparison", "operation name", "exploit kit"])


@dataclass(slots=True)
class Mention:
    field: str  # "title" or "plain_text"
    start: int
    end: int
    where: str  # "title" | "opening" | "body" | "references"
    # "" | "list" | "url" | "e-mail" | "code" | "negated" | "repeated line" |
    # "repeated passage" | "comparison" |
    # "operation name" (set by the matcher)
    how: str = ""
    before: tuple[str, ...] = ()  # the two words before, lower-case
    after: tuple[str, ...] = ()  # the two words after
    heading: bool = False  # in a short line that reads as a heading
    capitals: bool = False  # ... whose other words are all capitalised ("Tying the Knot")
    role: str = ""  # "malware" | "actor": the sentence says what it is ("X, a backdoor")

    @property
    def counted(self) -> float:
        if self.where == "references" or self.how in _CORROBORATING:
            return 0.0
        if self.how in ("list", "repeated line", "repeated passage", "comparison", DETECTION_LIST):
            return LIST_WEIGHT
        return 1.0

    def near(self, words: frozenset[str]) -> bool:
        return any(w in words for w in (*self.before[-1:], *self.after[:1]))


@dataclass
class Salience:
    points: float
    signals: list[str] = field(default_factory=list)
    mentions: float = 0.0  # counted mentions (list mentions weigh LIST_WEIGHT)
    corroborating: int = 0  # mentions in URLs, code, references, negated

    @property
    def salient(self) -> bool:
        return self.points >= SALIENT and (self.mentions >= 1.0 or "title" in self.signals)


class Document:
    """A report's title and text, with what salience needs computed once."""

    def __init__(self, title: str, text: str, words: Words | None = None):
        self.title = title
        self.text = text
        self.words = words or SHIPPED_WORDS  # of the rules the index was built with
        short = len(text) < SHORT_TEXT
        self.opening = max(OPENING, int(len(text) * OPENING_SHARE)) if short else OPENING
        self.references_start = references_start(text)
        self._code_lines: tuple[list[int], list[int]] | None = None

    def in_code_line(self, start: int) -> bool:
        """Whether the text's line at ``start`` reads as code (see code_lines)."""
        if self._code_lines is None:
            self._code_lines = code_lines(self.text)
        starts, ends = self._code_lines
        if not starts:
            return False
        i = bisect_right(starts, start) - 1
        return i >= 0 and start < ends[i]

    def mention(
        self, field_name: str, start: int, end: int, full: bool = True, words: bool = True
    ) -> Mention:
        """A mention's features. ``full=False``: only where it is (a name's 30th mention);
        ``words=False``: not the words beside it (only shared and ordinary-word names need them).
        """
        text = self.title if field_name == "title" else self.text
        if field_name == "title":
            where = "title"
        elif start >= self.references_start:
            where = "references"
        elif start < self.opening:
            where = "opening"
        else:
            where = "body"
        m = Mention(field_name, start, end, where)
        if not full:
            return m
        before_text = text[max(0, start - 40) : start]
        after_text = text[end : end + 60]
        if words:
            # An opening or closing quote mark apart from the name is no word: "the ‘X’
            # backdoor" has "the" before the name and "backdoor" after it.
            m.before = tuple(_word(w) for w in before_text.split() if w.strip(_QUOTES))[-2:]
            m.after = tuple(_word(w) for w in after_text[:40].split() if w.strip(_QUOTES))[:2]
        if (start == 0 or text[start - 1] in " \n\t") and (
            end == len(text) or text[end] in " \n\t"
        ):
            token = "X"  # most names stand between white space (_token's own first test)
        else:
            token = _token(text, start, end)
        # Most names stand alone, with at most punctuation beside them: no regex for those.
        if token != "X" and token.strip(_PUNCTUATION) != "X":
            if "@" in token:
                m.how = "e-mail"
            elif _URLISH.search(token):
                m.how = "url"
            elif self.words.codeish.search(token):
                m.how = "code"
        if not m.how and field_name != "title" and self.in_code_line(start):
            m.how = "code"
        if not m.how and after_text[:6].lower() == "-based":
            # "Chromium-based browsers", "Mirai-based bots": what a thing is built on, said
            # of another thing; it weighs as a comparison does.
            m.how = "comparison"
        if (
            not m.how
            and ("EK" in after_text[:4] or "xploit" in after_text[:12])
            and _EXPLOIT_KIT.match(after_text)
        ):
            m.how = "exploit kit"
        low = before_text.lower()
        if not m.how and _NEGATION_HINT.search(low) and _NEGATION.search(before_text):
            m.how = "negated"
        if not m.how and _COMPARED_HINT.search(low) and self.words.compared.search(low):
            m.how = "comparison"
        if (
            not m.how
            and _LINEAGE_HINT.search(after_text, 0, 16)
            and self.words.lineage.match(after_text)
        ):
            m.how = "comparison"
        if not m.how:
            m.role = _role(low, after_text, self.words)
            if m.role == OTHER:
                m.role, m.how = "", SAID_OTHER
        return m


def _role(before: str, after: str, words: Words = SHIPPED_WORDS) -> str:
    """What the sentence calls the thing it names: 'malware' or 'actor' (or '').

    Two anchored regexes on the 40 characters beside a hit, the first only when a naming word
    is there: the cost of a mention stays a few microseconds.
    """
    noun = None
    if _CALLED_HINT.search(before):
        found = words.called.search(before)
        noun = found.group(1) if found else None
    if noun is None and (" a " in after or " an " in after):
        found = words.defined.match(after)
        noun = found.group(1) if found else None
    if noun is None:
        return ""
    low = noun.lower()
    if low in words.other_nouns:
        return OTHER
    return "actor" if low in words.actor_nouns else "malware"


_QUOTES = "'\"“”‘’«»"


def _word(w: str) -> str:
    w = w.lower().strip(".,;:()[]'\"“”‘’!?")
    return w[:-2] if w.endswith(("'s", "’s")) else w


# A line of a code listing or a debugger's dump: "+0x01c EnvironmentPointer : Ptr32 Void",
# "//call valcreate() to create the new validator", "fctx->validators = NULL;". A name there
# is a type, a variable, a comment's word: corroboration at most, like a name in code.
# Led by a literal, so the regex engine skips ahead to it; "->" between two word
# characters (a C member access) is looked for with str.find.
_CODE_LINE = re.compile(r"\n[ \t]*(?:[+-]0x[0-9a-fA-F]+\b|//|/\*|#include\b|#define\b)")


def code_lines(text: str) -> tuple[list[int], list[int]]:
    """The (starts, ends) of the text's lines that read as code (see _CODE_LINE), in order: one
    regex pass over the text (led by a literal) and a search for "->". A line longer than
    CODE_LINE_MAX characters is prose."""
    starts: list[int] = []
    ends: list[int] = []
    found = [m.end() - 1 for m in _CODE_LINE.finditer("\n" + text)]  # offsets: text's
    at = text.find("->")
    if at >= 0:
        while at >= 0:
            if text[at - 1 : at].isalnum() and text[at + 2 : at + 3].isalnum():
                found.append(at)
            at = text.find("->", at + 2)
        found.sort()
    for at in found:
        if ends and at < ends[-1]:
            continue  # this line is already in
        lo = text.rfind("\n", max(0, at - CODE_LINE_MAX), at) + 1
        hi = text.find("\n", at, at + CODE_LINE_MAX + 1)
        if hi < 0:
            hi = len(text) if len(text) - at <= CODE_LINE_MAX else -1
        if (lo or at <= CODE_LINE_MAX) and hi >= 0 and hi - lo <= CODE_LINE_MAX:
            starts.append(lo)
            ends.append(hi)
    return starts, ends


CODE_LINE_MAX = 200


def _token(text: str, start: int, end: int) -> str:
    """The run of non-space characters around a span (at most 80 each side)."""
    if (start == 0 or text[start - 1] in " \n\t") and text[end : end + 1] in ("", " ", "\n", "\t"):
        return "X"  # most names stand between spaces
    before = text[max(0, start - 80) : start]
    after = text[end : end + 80]
    lo = max(before.rfind(" "), before.rfind("\n"), before.rfind("\t"))
    his = [i for i in (after.find(" "), after.find("\n"), after.find("\t")) if i >= 0]
    # The name itself replaced by X: only its setting says URL, code or e-mail.
    return before[lo + 1 :] + "X" + after[: min(his) if his else len(after)]


_START = attrgetter("start")  # a mention's start, read in C when mentions are sorted by it


def mark_lists(doc: Document, mentions: list[Mention]) -> None:
    """Mentions in a run of ``LIST_RUN`` or more names become list mentions."""
    body = sorted((m for m in mentions if m.field == "plain_text"), key=_START)
    run: list[Mention] = []

    def close() -> None:
        if len(run) >= LIST_RUN:
            for m in run:
                if m.how == "":
                    m.how = "list"

    for m in body:
        if run:
            if m.start - run[-1].end > _LONGEST_GAP:  # most names: far apart, nothing to slice
                close()
                run = [m]
                continue
            gap = doc.text[run[-1].end : m.start]
            if (0 <= len(gap) <= LIST_GAP and _is_list_gap(gap, doc.words.list_gaps)) or (
                len(gap) <= LIST_GAP_NAME and _UNKNOWN_NAME_GAP.fullmatch(gap)
            ):
                run.append(m)
                continue
            close()
        run = [m]
    close()


_LONGEST_GAP = max(LIST_GAP, LIST_GAP_NAME)  # beyond this, no gap joins two names of a list


def _is_list_gap(gap: str, list_gaps: frozenset[str] = _LIST_GAP_WORDS) -> bool:
    words = " ".join(gap.replace(",", " ").replace("/", " ").replace(";", " ").split())
    return words.lower() in list_gaps


# Between two names one sentence introduces together: "groups known as X and Y", "X or Y".
_PAIR_GAP = re.compile(r"\s*(?:,\s*)?(?:and|or|&)?\s*", re.IGNORECASE)
PAIR_GAP_CHARS = 8


def share_roles(doc: Document, mentions: list[Mention]) -> None:
    """A role said once for names joined by "and"/"or" is said for each: "the hacker groups
    known as APT40 and APT31" introduces both (only the first has the role words before it).
    """
    previous = None
    for m in sorted((m for m in mentions if m.field == "plain_text"), key=_START):
        if (
            previous is not None
            and previous.role
            and not m.role
            and not m.how
            and 0 < m.start - previous.end <= PAIR_GAP_CHARS
            and _PAIR_GAP.fullmatch(doc.text, previous.end, m.start)
        ):
            m.role = previous.role
        previous = m


def mark_lines(doc: Document, mentions: list[Mention]) -> None:
    """Headings, and running headers (a short line seen ``REPEATED_LINE`` times: counted once).

    Only the line around each mention is looked at: no pass over the whole text.
    """
    text = doc.text
    lines: dict[str, dict[int, list[Mention]]] = {}
    passages: dict[tuple[str, str], list[tuple[str, Mention]]] = {}
    doubled: dict[tuple[str, str], list[Mention]] = {}  # the second copies of a passage
    for m in sorted(mentions, key=_START):
        if m.field != "plain_text":
            continue
        # A passage the text holds twice (a page's teaser above its body, a paragraph the
        # extraction doubled) names its clusters once: "like Srizbi and Rustock" written
        # twice in a note on Donbot is no second mention of Rustock.
        key, after = _passage(text, m.start, m.end)
        if key:  # most mentions: too near a line's start for a passage that says anything
            copies = passages.setdefault(key, [])
            if any(a.startswith(after) or after.startswith(a) for a, _ in copies):
                doubled.setdefault(key, []).append(m)
            copies.append((after, m))
        lo = text.rfind("\n", max(0, m.start - 120), m.start) + 1
        hi = text.find("\n", m.end, m.end + 120)
        if (lo == 0 and m.start > 120) or hi < 0:
            continue
        line = text[lo:hi].strip()
        if _is_heading(text, lo, line):
            m.heading = True
            m.capitals = _in_title_case(line.replace(text[m.start : m.end], " "))
        # A running header is a sentence-like line, not a table cell holding just the name.
        if 15 <= len(line) <= 120 and len(line) > (m.end - m.start) + 8:
            lines.setdefault(line, {}).setdefault(lo, []).append(m)
    # Twice only: a sentence written three times or more is the report's own refrain (or a
    # running header, below), not a doubled page.
    for seconds in doubled.values():
        if len(seconds) == 1 and not seconds[0].how:
            seconds[0].how = "repeated passage"
    for places in lines.values():
        if len(places) >= REPEATED_LINE:
            for lo in sorted(places)[1:]:
                for m in places[lo]:
                    m.how = m.how or "repeated line"


def _passage(text: str, start: int, end: int) -> tuple[tuple[str, str] | None, str]:
    """The name with the ``PASSAGE`` characters before it (the key), and those after it, each
    up to the line's end and without white space: copies differ in spacing, and where a copy
    ends its line the other may go on. A key shorter than ``PASSAGE_MIN`` says nothing (and
    then no side after is made: ``(None, "")``)."""
    lo = text.rfind("\n", max(0, start - PASSAGE), start) + 1 or max(0, start - PASSAGE)
    raw = text[max(lo, start - PASSAGE) : start]
    if len(raw) < PASSAGE_MIN:  # white space taken out, it is shorter still
        return None, ""
    before = "".join(raw.lower().split())
    if len(before) < PASSAGE_MIN:
        return None, ""
    hi = text.find("\n", end, end + PASSAGE)
    after = "".join(text[end : hi if hi >= 0 else end + PASSAGE].lower().split())
    if len(after) < PASSAGE_AFTER_MIN:
        return None, ""
    return (text[start:end].lower(), before), after


def _is_heading(text: str, lo: int, line: str) -> bool:
    if not 3 <= len(line) <= HEADING_MAX or line[-1] in ".,;:!?)" or " " not in line:
        return False
    previous = text[max(0, lo - 200) : lo].rstrip(" \t")
    return not previous.strip() or previous.endswith(("\n\n",)) or previous.rstrip()[-1] in ".!?:"


_LONG_WORD = re.compile(r"[^\W\d_]{4,}")


def _in_title_case(words: str) -> bool:
    """Whether every word of four letters or more is capitalised (at least one)."""
    found = _LONG_WORD.findall(words)
    return bool(found) and all(w[0].isupper() for w in found)


def attributed(doc: Document, m: Mention) -> bool:
    """Whether the words just before a (counted) mention attribute the activity to it."""
    if m.where != "opening" or m.counted < 1.0:
        return False
    before = doc.text[max(0, m.start - ATTRIBUTION_BEFORE) : m.start]
    found = _ATTRIBUTION.search(before)
    # "we do not attribute this to X" is too far from X for the negation rule: read it here.
    return found is not None and not _DENIAL.search(found.group())


def score(
    mentions: list[Mention],
    most: float,
    text_length: int,
    other_in_title: bool = False,
    attribution: bool = False,
    written: tuple[float, float] | None = None,
    coined: bool = False,
) -> Salience:
    """The salience of one cluster from its mentions; ``most``: the most-mentioned cluster's;
    ``attribution``: the report attributes the activity to it (threat-actor clusters only);
    ``written``: (its mentions, the most-mentioned cluster's) counting every alias a run
    spells out, for the short-text signal: in a note, the group whose aliases it lists is
    its subject (the counts and the share count a run of aliases once)."""
    s = Salience(0.0)
    # One pass over the mentions (a cluster named often has hundreds), each read once.
    counted_sum = 0  # quarters and ones: exact sums, whatever the order
    corroborating = 0
    title = opening = heading = defined = introduced = False
    hows = set()
    for m in mentions:
        counted = m.counted
        if m.field == "plain_text":
            counted_sum += counted
        if counted == 0.0:
            corroborating += 1
        where = m.where
        if where == "title" and m.how not in _NOT_TITLE:
            title = True
        if counted == 1.0:
            if where == "opening":
                opening = True
            if m.role:
                defined = True
                introduced = introduced or where == "opening"
        if m.heading and counted > 0:
            heading = True
        if m.how:
            hows.add(m.how)
    s.mentions = counted_sum
    s.corroborating = corroborating
    if title:
        s.points += TITLE_POINTS
        s.signals.append("title")
    if opening:
        s.points += OPENING_POINTS
        s.signals.append("opening")
    if heading:
        s.points += HEADING_POINTS
        s.signals.append("heading")
    for at_least, points in COUNT_POINTS:
        if s.mentions >= at_least:
            s.points += points
            s.signals.append(f"{_n(s.mentions)} mentions")
            break
    share = s.mentions / most if most and s.mentions >= SHARE_FROM else 0.0
    if share >= SHARE_HIGH:
        s.points += SHARE_POINTS
        s.signals.append(f"{share:.0%} of the most-named cluster's mentions")
    elif share >= SHARE_LOW:
        s.points += SHARE_POINTS / 2
        s.signals.append(f"{share:.0%} of the most-named cluster's mentions")
    mine, top = written or (s.mentions, most)
    # One mention is no subject, even in a note ("decryptors for many kinds of ransomware,
    # including the Shade ransomware"), unless the sentence introduces it ("a botnet, named
    # X", "the hacker groups known as X and Y": see share_roles) in the opening, where a note
    # says what it is about. Introduced once further on, it is an aside the note explains in
    # passing ("Stuxnet, a piece of malware that ..., took the world by storm").
    # (introduced: a role said in the opening, found in the pass above)
    if (
        text_length < SHORT_TEXT
        and top
        and mine >= top
        and not other_in_title
        and (mine >= SHORT_TEXT_MENTIONS or introduced)
    ):
        s.points += SHORT_TEXT_POINTS
        s.signals.append("the most-named cluster of a short text")
    if defined:
        s.points += ROLE_POINTS
        s.signals.append("the text says what it is")
    if attribution:
        # In the opening (actors only): "a group we track as X" is most often both.
        s.points += COINED_POINTS if coined else ATTRIBUTION_POINTS
        s.signals.append("the report attributes the activity to it")
    elif coined:  # the report's own naming (or attribution), anywhere in the text
        s.points += COINED_POINTS
        s.signals.append("the report names it or attributes to it itself")
    if hows:
        s.signals.append(
            "also " + ", ".join(f"in {h}" if h != "negated" else h for h in sorted(hows))
        )
    return s


def _n(x: float) -> str:
    return f"{x:g}"

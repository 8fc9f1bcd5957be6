"""Public attribution: who attributed the activity, to which state, at what level, and how.

Sentence by sentence, an attribution needs three things in one sentence: a cue (attribute,
responsible, indicted, sanctions, ...), a *target* (a state reached through a pattern that
says how: "from the territory of China" is ``territory``, "China's Ministry of State
Security" is ``state-agency``) and a *party* that is a government or body: named in the
sentence ("The EU and its member states assess ..."), or the document's own voice when the
document is published by one ("we", or a government press release speaking for itself).

Precision before recall: a security vendor is never a party (its "we" is not a government's),
a denied or refused attribution is skipped, a state named as a location ("targets in Germany")
is not a party, and supporting parties only exist next to an attribution they support.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace

import pycountry

from misp_module.core.attribution_genres import genre_words, read_genres
from misp_module.core.entry import OrklEntry
from misp_module.core.lexicon import Lexicon, lexicon
from misp_module.core.regexgate import compile_gated, may_match
from misp_module.core.rules import (
    attribution_word_entries,
    attribution_words,
    word_alternation,
    word_languages,
)
from misp_module.core.taxonomy import BODIES as BODY_NAMES
from misp_module.core.taxonomy import countries
from misp_module.core.urls import host_of

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
LEVEL_ORDER = ("territory", "state", "state-agency", "state-sponsored", "individuals")
HEADER_CHARS = 600


@dataclass(frozen=True)
class Attribution:
    """One row: a party's role in attributing activity to a state, and the sentence behind it."""

    party: str  # alpha-2, EU or NATO
    party_name: str
    role: str  # "attributing" | "supporting"
    attributed_state: str | None
    level: str | None
    statement_type: str | None
    date: str | None  # YYYY-MM-DD
    quote: str  # the supporting sentence, whitespace collapsed
    field: str  # "title" or "plain_text"
    start: int  # character offsets of the sentence in that field
    end: int
    basis: str  # how the party was found

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class _Sentence:
    field: str
    start: int
    end: int
    text: str  # whitespace collapsed


@dataclass(frozen=True)
class _Target:
    state: str
    level: str
    span: tuple[int, int]


def _target(state: str, level: str, span: tuple[int, int]) -> _Target:
    return _Target(state, level, span)


def party_name(code: str) -> str:
    return BODY_NAMES.get(code) or countries().get(code, code)


def _end_of(m: re.Match) -> int:
    """Where the sentence before boundary ``m`` ends (after its full stop)."""
    return m.start() + 1 if m.group("p") else m.start()


def _is_boundary(text: str, m: re.Match, floor: int) -> bool:
    if not m.group("p"):
        return True  # a blank line
    before = text[max(floor, m.start() - 12) : m.start()].rstrip('.!?])"”’')
    last = _LAST_TOKEN.split(before)[-1] if before else ""
    # "U.S. Department", "Mr. Smith": not the end of a sentence
    return not (last in _ABBREVIATIONS or _INITIALS.fullmatch(last))


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


def _publisher(lex: Lexicon, entry: OrklEntry) -> tuple[str | None, str]:
    for url in entry.references:
        party = lex.site_party(host_of(url))
        if party:
            return party, f"publisher: {host_of(url)}"
    # Only the host says who publishes: header words on a news site name whom it reports on
    # ("a report about the Foreign Office is not the Foreign Office speaking").
    return None, ""


def _iso(lex: Lexicon, y: str, m: str, d: str) -> str | None:
    month = lex.MONTHS.get(m) or (int(m) if m.isdigit() else 0)
    day = int(d)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{int(y):04d}-{month:02d}-{day:02d}"


def _date(lex: Lexicon, entry: OrklEntry, publisher_site: bool) -> str | None:
    if publisher_site:
        for url in entry.references:
            m = lex.URL_DATE.search(url)
            if m and lex.site_party(host_of(url)):
                found = _iso(lex, m["y"], m["m"], m["d"])
                if found:
                    return found
    header = entry.text[: HEADER_CHARS * 2]
    candidates = []
    for pattern in lex.DATE_PATTERNS:
        for m in pattern.finditer(header):
            if lex.NOT_STATEMENT_DATE.search(header[max(0, m.start() - 20) : m.start()]):
                continue
            found = _iso(lex, m["y"], m["m"], m["d"])
            if found:
                candidates.append((m.start(), found))
    if candidates:
        return min(candidates)[1]
    return (entry.file_date or "")[:10] or None


def _kind(entry: OrklEntry, words=None) -> str:
    header = f"{entry.title}\n{entry.text[:HEADER_CHARS]}"
    if _JOINT_STATEMENT.search(header):
        return "joint-statement"
    if _DECLARATION.search(header) or (words and words["declaration"].search(header)):
        return "declaration"  # "Erklärung des Hohen Vertreters im Namen der EU"
    if _ADVISORY.search(header):
        return "advisory"
    return "statement"


# Led by a look-ahead of their first letters: the engine skips ahead to them instead of testing
# \b at every character of the header (twice as fast).
_JOINT_STATEMENT = re.compile(r"(?=[Jj])\b[Jj]oint [Ss]tatement\b")
_DECLARATION = re.compile(r"(?=D)\bDeclaration\b")
_ADVISORY = re.compile(r"(?=[CcAa])\b(?:[Cc]ybersecurity )?[Aa]dvisory\b")


def _subject_state(lex: Lexicon, entry: OrklEntry) -> str | None:
    """The one state the title names (by name or demonym), which "its territory" refers to."""
    tokens = lex.TOKEN.finditer(lex.tokenize(entry.title))
    found = {m.group(2) for m in tokens if m.group(1) != "M"}
    return found.pop() if len(found) == 1 else None


# Where a language is a national one: a paper on that state's country-code host, in that
# language, names its own government's offices without the state ("das Ministerium").
_NATIONAL_LANGUAGES = {
    "cs": ("CZ",),
    "pl": ("PL",),
    "nl": ("NL", "BE"),
    "de": ("DE", "AT", "CH"),
    "fr": ("FR", "BE", "CH", "LU"),
    "es": ("ES",),
    "it": ("IT",),
}


# Languages one state alone speaks: their paper on a generic host (".org", ".com") is that
# state's national paper too ("czech-news.org" in Czech). Spanish, Italian, German, French and
# Dutch are left out: read on a generic host, they are as often another state's paper (Latin
# America, Switzerland, Austria, Belgium) or a wire service's.
_SOLE_STATE_LANGUAGES = ("cs", "pl")
_GENERIC_HOSTS = ("com", "org", "net", "info", "news")


def _home(entry: OrklEntry, language: str) -> tuple[str | None, str]:
    for url in entry.references[:1]:
        host = host_of(url)
        cc = host.rsplit(".", 1)[-1].upper()
        if cc in _NATIONAL_LANGUAGES.get(language, ()):
            return cc, f"{host} ({language})"
        if language in _SOLE_STATE_LANGUAGES and cc.lower() in _GENERIC_HOSTS:
            (state,) = _NATIONAL_LANGUAGES[language]
            return state, f"{host} ({language}, a language only {state} speaks)"
    return None, ""


def _unqualified_office(words, sentence: str, agencies: re.Pattern | None = None) -> bool:
    """Does the sentence name a government office with no state next to it ("Ministerstvo",
    "Minister cyfryzacji Krzysztof Gawkowski")? Not the attributed agency's own name ("liés
    au ministère de la Sécurité d'État")."""
    named = [m.span() for m in agencies.finditer(sentence)] if agencies else []
    for m in words["government-noun"].finditer(sentence):
        if any(a <= m.start() < b for a, b in named):
            continue
        if _QUALIFIED_BEFORE.search(sentence, max(0, m.start() - 40), m.start()):
            continue  # "⟨A PL⟩ minister", "⟨N US⟩'s foreign ministry"
        after = _QUALIFIED_AFTER_NL if words.language == "nl" else _QUALIFIED_AFTER
        if after.match(sentence, m.end()):
            continue  # "ministerstvo zahraničí ⟨N US⟩", "ministre ⟨A FR⟩"
        return True
    return False


_QUALIFIED_BEFORE = re.compile(r"⟩(?:'s|’s)?\s+(?:[\w-]+\s+)?$")
_QUALIFIED_AFTER = re.compile(
    r"\s*(?:[\w-]+\s+)?(?:(?:of|de|du|des|di|del|van)\s+)?(?:the\s+|la\s+|le\s+|l')?⟨"
)
# Dutch names the state after an office only with "van" ("het ministerie van Buitenlandse
# Zaken van ⟨N US⟩"); its "de" is the article, so "Volgens het kabinet zit de ⟨A RU⟩ GRU achter
# ..." names the office unqualified (the verb and "de" read as "ministre de ⟨N FR⟩" did not).
_QUALIFIED_AFTER_NL = re.compile(r"\s*(?:\([^)]*\)\s*)?(?:van\s+(?:de\s+|het\s+)?)?⟨")


def _document(lex: Lexicon, entry: OrklEntry) -> _Document:
    publisher, basis = _publisher(lex, entry)
    home, home_basis = _home(entry, language_of(entry))
    return _Document(
        home=home,
        home_basis=home_basis,
        publisher=publisher,
        publisher_basis=basis,
        date=_date(lex, entry, publisher is not None),
        kind=_kind(entry, lex.words(language_of(entry) or "en")),
        subject_state=_subject_state(lex, entry),
    )


# --- one sentence: roles from its clause ---------------------------------------------------
#
# A sentence that holds a cue is read as one clause around its first attribution word (the
# "blame" words: attributed, accused, blamed, responsible, linked to, conducted by, ...):
#
#   [subject: who speaks] [attribution word] [object or agent: who is held responsible]
#
# A state is a *target* only through a phrase that says so (an agency of the state, a group
# it backs, persons of it charged, the object of the attribution word, the passive agent of
# the act), and a *party* only as a government (a named office, "the <state> government", a
# state named as the subject before the attribution word). A state anywhere else -- after a
# preposition of place ("targets in Germany", "countries including ..."), as the modifier of
# something else ("a US cybersecurity provider"), inside a person's name ("Lisa O. Monaco") --
# is neither. The phrases are regular expressions over the sentence with its states replaced
# by tokens (see Lexicon.tokenize), built from the words of the text's language; nothing is
# trained and nothing is downloaded.

# Capitalised words never part of a person's name (attribution-words.json, function-word).
_FUNCTION_WORDS = frozenset(attribution_words("function-word"))
# (attribution-words.json, role title)
_TITLES = re.compile(rf"(?:{word_alternation(attribution_word_entries('title'))})\.?\s*$")


@dataclass(frozen=True)
class _Roles:
    targets: list[_Target]
    parties: list[tuple[str, str]]  # (party, basis); "?" offices resolved or dropped
    supporters: list[tuple[str, str]]
    unresolved: bool  # an office that speaks for an unnamed government
    bare: frozenset = frozenset()  # parties found only as a state's name, no office


_NOBODY = _Roles([], [], [], False, frozenset())
_LIST_ITEM = re.compile(
    r",? (?:and |or |as well as |i |a |und |et |y |e |en )?(?:the )?(⟨N [A-Z]{2} \d+⟩)"
)


def _listed_with_target(sentence: str, span: tuple[int, int], targets) -> bool:
    """Is the state at ``span`` one of a list ("A, B, and C") that holds a target? The members
    of one list share their role: one of them never attributes to another ("China, Russia,
    Iran, and North Korea sponsored 77 percent of all suspected operations" names four
    actors, no accuser)."""
    starts = {t.span[0] for t in targets}
    if any(a in starts for a in _joined_after(sentence, span[1])):
        return True
    return any(span[0] in _joined_after(sentence, t.span[1]) for t in targets)


def _joined_after(sentence: str, end: int) -> set[int]:
    """Where the states joined to the one ending at ``end`` by a comma or an "and" start (not
    mere neighbours: "warfen die USA China ... vor" is a subject and an object)."""
    out = set()
    m = _JOINED_STATE.match(sentence, end)
    while m:
        out.add(m.start(1))
        m = _JOINED_STATE.match(sentence, m.end())
    return out


def _list_after(sentence: str, end: int) -> list[tuple[int, int]]:
    """The spans of the states listed right after ``end`` (", China and North Korea")."""
    out = []
    m = _LIST_ITEM.match(sentence, end)
    while m:
        out.append(m.span(1))
        m = _LIST_ITEM.match(sentence, m.end())
    return out


# Demonyms listed with the one a government noun holds: "les gouvernements américain et
# britannique", "de Britse en Amerikaanse overheden" (the "and" of every language, _AND).
_ADJ_TOKEN = r"⟨A [A-Z]{2} \d+⟩"
_AND_WORDS = attribution_word_entries("and-word")  # attribution-words.json, role and-word
_LIST_JOIN = rf"(?:\s*,\s*|\s+(?:{word_alternation(_AND_WORDS)})\s+)"
_LIST_ARTICLES = word_alternation(attribution_word_entries("list-article"))
_LIST_JOINED = re.compile(rf"{_LIST_JOIN}(?:(?:{_LIST_ARTICLES})\s+)?")
_ADJ_LISTED_AFTER = re.compile(rf"{_LIST_JOIN}({_ADJ_TOKEN})")
_ADJ_LISTED_BEFORE = re.compile(rf"({_ADJ_TOKEN}){_LIST_JOIN}$")
_ADJ_LISTED_ARTICLE = re.compile(rf"({_ADJ_TOKEN}){_LIST_JOINED.pattern}$")  # "den ... und den"
_ANY_STATE_TOKEN = re.compile(r"⟨[NAM] [A-Z]{2} \d+⟩")
# A state right after another one and a list join ("⟨PL⟩ et la ", "⟨FR⟩ und "), at the start of
# the clause: listed with the subject.
_LISTED_WITH = re.compile(rf"(?:^|^[^\W\d_]+\s+)⟨[NM] [A-Z]{{2}} \d+⟩{_LIST_JOINED.pattern}$")


_JOINED_STATE = re.compile(
    rf"(?:\s*,\s*(?:(?:{word_alternation(_AND_WORDS)})\s+)?|\s+(?:{word_alternation(_AND_WORDS)})\s+)"
    rf"(?:(?:{_LIST_ARTICLES}|the)\s+)?(⟨[NM] [A-Z]{{2}} \d+⟩)"
)


# Conjuncts share their role: a state joined by "and" to a target ("Russia and Belarus were
# behind", "Russian and Belarusian state hackers", "la Russie et la Biélorussie", "die
# russischen und belarussischen Cyberangriffe") is held responsible with it, at its level,
# and attributes nothing. The target's phrase matched the state next to its noun or verb;
# the others of the list are read here. A comma joins only in a list an "and" closes, and a
# demonym joins demonyms, a name names (the and-words of the text's language only).
_CONJUNCT_JOIN = {
    lang: re.compile(rf"(?:\s*,\s*(?:(?:{ands})\s+)?|\s+(?:{ands})\s+)(?:(?:{_LIST_ARTICLES})\s+)?")
    for lang in ("en", "de", "fr", "es", "it", "nl", "pl", "cs")
    for ands in [word_alternation(e for e in _AND_WORDS if lang in word_languages(e))]
}
_STATE_TOKEN_AT = re.compile(r"⟨([NMA]) ([A-Z]{2}) \d+⟩")
_CONJUNCT_BEFORE = {
    lang: re.compile(rf"⟨([NMA]) ([A-Z]{{2}}) \d+⟩(?P<join>{join.pattern})$")
    for lang, join in _CONJUNCT_JOIN.items()
}


def _chain(sentence: str, lang: str, token: re.Match) -> list[re.Match]:
    """The state tokens listed with ``token`` (itself included) when an "and" joins the
    list."""
    join, before = _CONJUNCT_JOIN[lang], _CONJUNCT_BEFORE[lang]
    names = token[1] != "A"
    items, joins = [token], []
    while (j := join.match(sentence, items[-1].end())) and (
        (nxt := _STATE_TOKEN_AT.match(sentence, j.end())) and (nxt[1] != "A") == names
    ):
        items.append(nxt)
        joins.append(j.group())
    while (m := before.search(sentence, max(0, items[0].start() - 60), items[0].start())) and (
        m[1] != "A"
    ) == names:
        items.insert(0, _STATE_TOKEN_AT.match(sentence, m.start()))
        joins.append(m["join"])
    return items if any("," not in j or j.strip(" ,") for j in joins) else [token]


# A list of states right after a phrase of acting together ("accused China of the hack,
# joined by Britain, Australia and Japan", "in a joint statement with Britain and Australia"):
# partners of who attributes, never what is attributed to (English, as the words are).
_PARTNERS_BEFORE = re.compile(
    r"\b(?:joined by|together with|along with|alongside|in (?:close )?(?:coordination|cooperation|"
    r"partnership|conjunction) with|(?:a |the )?joint (?:statement|advisory|declaration|"
    r"announcement|action) (?:with|by))\s+(?:the\s+)?$"
)


def _partners(words, sentence: str, roles: _Roles) -> _Roles:
    """``roles`` without the targets listed after a phrase of acting together (above)."""
    if words.language != "en" or not roles.targets:
        return roles
    if " with " not in sentence and " by " not in sentence and "alongside" not in sentence:
        return roles  # no phrase of acting together (cheap first)
    kept, partners = [], []
    for t in roles.targets:
        token = _STATE_TOKEN_AT.search(sentence, t.span[0], t.span[1])
        first = _chain(sentence, "en", token)[0] if token else None
        if first and _PARTNERS_BEFORE.search(sentence, max(0, first.start() - 60), first.start()):
            partners.append(
                (t.state, f"text: '{words.detokenize(token.group())}' (acting together)")
            )
            continue
        kept.append(t)
    if len(kept) == len(roles.targets):
        return roles
    known = {c for c, _ in roles.parties}
    parties = roles.parties + [(c, b) for c, b in partners if c not in known]
    return replace(roles, targets=kept, parties=parties)


def _conjuncts(words, sentence: str, roles: _Roles) -> _Roles:
    """``roles`` with the states joined to a target by "and" as targets too (see above); a
    list one member of which is the object of an act ("attacks on Germany and France") is
    a list of victims, none of them a target."""
    if not roles.targets or words.language not in _CONJUNCT_JOIN:
        return roles
    targets, victims = [], set()
    held = {t.span for t in roles.targets}
    for t in roles.targets:
        chain = next(
            (
                _chain(sentence, words.language, token)
                for token in _STATE_TOKEN_AT.finditer(sentence, t.span[0], t.span[1])
                if token[2] == t.state
            ),
            [],
        )
        if len(chain) > 1 and any(_victim(words, sentence, c.start()) for c in chain):
            victims.add(t.state)
            continue
        targets.append(t)
        for other in chain:
            if other[2] != t.state and not any(a <= other.start() < b for a, b in held):
                targets.append(_Target(other[2], t.level, other.span()))
                held.add(other.span())
    added = {t.state for t in targets} - {t.state for t in roles.targets}
    if not added and not victims:
        return roles
    parties = [(c, b) for c, b in roles.parties if c not in added]
    return replace(roles, targets=targets, parties=parties)


# German and Dutch articles before a subject (attribution-words.json, role subject-article)
_SUBJECT_ARTICLES = word_alternation(attribution_word_entries("subject-article"))
_SUBJECT_LISTED = re.compile(
    rf"{_LIST_JOIN}(?:(?:{_SUBJECT_ARTICLES})\s+)?" r"(⟨[NM] [A-Z]{2} \d+⟩)"
)
# Demonyms that are nouns for persons (attribution-words.json, role person-demonym).
_PERSON_DEMONYMS = frozenset(attribution_words("person-demonym"))


def _person_demonym(words, token: str) -> bool:
    return token.startswith("⟨A") and words.detokenize(token) in _PERSON_DEMONYMS


_ARTICLE_ONLY = re.compile(rf"\s+(?:(?:{_SUBJECT_ARTICLES})\s+)?$")


def _inverted_subjects(words, sentence: str, blames) -> set[tuple[int, int]]:
    """German and Dutch put the subject right after the verb when a phrase opens the clause
    ("In einer gemeinsamen Warnung werfen die USA und Großbritannien China ... vor"): with no
    state or government before the verb, the states listed right after it are its subject
    when another state follows (the object)."""
    if words.language not in ("de", "nl") or not blames:
        return set()
    a, b = blames[0]
    if "⟨" in sentence[:a] or words["government-noun"].search(sentence, 0, a):
        return set()
    first = _STATE_OBJECT.search(sentence, b, b + 20)
    if not first or not _ARTICLE_ONLY.fullmatch(sentence, b, first.start()):
        return set()
    spans = [first.span()]
    while nxt := _SUBJECT_LISTED.match(sentence, spans[-1][1]):
        spans.append(nxt.span(1))  # "die USA und Großbritannien"
    if not _STATE_OBJECT.search(sentence, spans[-1][1]):
        return set()  # "Deshalb beschuldigt sie Russland": the only state is the object
    return set(spans)


def _inverted_government(words, sentence: str, blames, start: int) -> bool:
    """Is the government phrase at ``start`` the German or Dutch subject right after the verb
    ("Zo beschuldigt de Britse regering APT10 van ..."): no state or government before it?"""
    if words.language not in ("de", "nl") or not blames:
        return False
    a, b = blames[0]
    if "⟨" in sentence[:a] or words["government-noun"].search(sentence, 0, a):
        return False
    return bool(_ARTICLE_ONLY.fullmatch(sentence, b, start))


def _demonyms_listed(sentence: str, m: re.Match) -> list[str]:
    """The demonym tokens listed with the one of government phrase ``m``: before it when
    the demonym leads the phrase, after it when it follows the noun."""
    out = []
    if m["st"] and m["st"].startswith("⟨A"):
        at = m.start()
        while found := _ADJ_LISTED_BEFORE.search(sentence, max(0, at - 40), at):
            out.append(found.group(1))
            at = found.start()
    elif m["st3"]:
        at = m.end()
        while found := _ADJ_LISTED_AFTER.match(sentence, at):
            out.append(found.group(1))
            at = found.end()
    return out


# States listed right before an active support phrase ("otros países -como Reino Unido y
# Japón- también coinciden"), at most two words between, or right after it ("przyłączyły się
# Wielka Brytania i Japonia"): the subject of the support verb.
_JOINERS_BEFORE = re.compile(
    rf"(?:⟨[NMA] [A-Z]{{2}} \d+⟩(?:{_LIST_JOIN})?)+[\s,–-]*(?:[^\W\d_]+\s+){{0,2}}$"
)
# (attribution-words.json, role joiner-article; an elided article takes no space: "l'")
_JOINER_ARTICLES = word_alternation(attribution_word_entries("joiner-article"), " ")
_JOINERS_AFTER = re.compile(
    rf"\s*(?:[^\W\d_]+\s+){{0,2}}?(?:(?:{_JOINER_ARTICLES})?⟨[NMA] [A-Z]{{2}} \d+⟩"
    rf"(?:{_LIST_JOIN})?)+"
)
# (attribution-words.json, role passive-agent)
_PASSIVE_SUPPORT = re.compile(
    rf"\b(?:{word_alternation(attribution_word_entries('passive-agent'))})\b"
)


def _joining(words, sentence: str, targets: list[_Target]) -> dict[tuple[int, int], str]:
    """The targets that are the subject of an active support phrase, by span: they join the
    attribution ("Do oskarżeń przyłączyły się Wielka Brytania i Japonia")."""
    if not targets:
        return {}
    agree = words["support"].search(sentence)
    if (
        not agree
        or _PASSIVE_SUPPORT.search(agree.group())
        or words.lex.WITH_SUPPORT.match(agree.group())
    ):
        return {}
    out: dict[tuple[int, int], str] = {}
    before = _JOINERS_BEFORE.search(sentence, max(0, agree.start() - 200), agree.start())
    after = _JOINERS_AFTER.match(sentence, agree.end())
    for m in (before, after):
        if m:
            for t in targets:
                if m.start() <= t.span[0] and t.span[1] <= m.end():
                    out[t.span] = t.state
    return out


_WITH_WHICH = compile_gated(r"\bwith (?:the )?(?P<st>⟨N [A-Z]{2} \d+⟩),? (?:which|who)\b")
_PASSIVE_TARGET = re.compile(
    r"(?P<st>⟨[NM] [A-Z]{2} \d+⟩) (?:is|was|were|are|has been|have been|had been) "
    r"(?:\w+ ){0,2}?(?:held responsible|attributed|blamed|accused|named|called out|exposed)\b"
)
# Sanctions against a state for its own part in an act (English): "sanctions against Russia
# for its involvement in", "sanctioned Iran over its role in"
_SANCTIONS_FOR_ROLE = compile_gated(
    r"\b(?:sanctions?\s+(?:[\w-]+\s+){0,2}?(?:against|on)|sanctioned|sanctioning)\s+(?:the\s+)?"
    r"(?P<st>⟨[NM] [A-Z]{2} \d+⟩)(?:\s+to\s+punish\s+(?:the\s+)?⟨[NM] [A-Z]{2} \d+⟩)?\s+"
    r"(?:for|over)\s+(?:its|their)\s+(?:alleged\s+)?(?:involvement|role|part)\s+in\b"
)
_PASSIVE_BY = compile_gated(
    r"\b(?:is|was|were|are|has been|have been|had been) (?:\w+ ){0,2}?(?:held responsible|"
    r"attributed|blamed|accused|named|condemned|called out|exposed)\b[^.;]{0,80}?\bby\b"
    r"|\b(?:co-authored|authored|co-sealed) by\b"  # an advisory's
)
# "<government> is responsible" (the government is the target), not "according to the Czech
# government, China is responsible"
# (attribution-words.json, role copula)
_COPULA = rf"\s+(?:{word_alternation(attribution_word_entries('copula'))})"
_STATE_BACKED = compile_gated(r"(?<!⟩ )(?<!⟩-)\b[Ss]tate[- ](?:sponsored|backed)\b")
# A state as the object of an attribution word: a name, a capital ("a Moscú"), or a demonym
# standing alone ("ze strony rosyjskiej i białoruskiej": "from the Russian side").
_STATE_OBJECT = re.compile(r"(?<![\w.])(?P<st>⟨[NMA] [A-Z]{2} \d+⟩)(?![\w])")
# (a closing quote may come first: "... ze strony rosyjskiej".)
_ENDS_PHRASE = re.compile(r"\s*[\"”»’']?\s*(?:[.,;:)]|$|(?:and|i|a|und|et|y|e|en) ⟨A)")


# German and Dutch write the sponsor's agent with a preposition ("von Peking unterstützte",
# "aan het Kremlin gelieerde"): a state right before "staatlich" is no sponsor ("die USA und
# Großbritannien staatlich unterstützten Hackern ... vor")
# (attribution-words.json, role sponsor-agent, by language)
_AGENTS = attribution_word_entries("sponsor-agent")
_AGENT_BEFORE = {
    lang: "(?:"
    + "|".join(rf"(?<=\b{e['word']} )" for e in _AGENTS if lang in word_languages(e))
    + ")"
    for lang in dict.fromkeys(lang for e in _AGENTS for lang in word_languages(e))
}


class _Grammar:
    """The phrases of one language over tokenized sentences, compiled once per language."""

    def __init__(self, words) -> None:
        w = {k: words.source(k) for k in ("government-noun", "agency-noun", "sponsorship")}
        actor = words.source("actor-noun")
        ANY, ADJ, NAME = r"⟨[NA] [A-Z]{2} \d+⟩", r"⟨A [A-Z]{2} \d+⟩", r"⟨[NM] [A-Z]{2} \d+⟩"
        SEAT = r"⟨M [A-Z]{2} \d+⟩"
        gov, agency, sponsor = w["government-noun"], w["agency-noun"], w["sponsorship"]
        filler = r"(?:[\w-]+ ){0,2}?"
        # "Russian Hackers Behind Police Breach" (a Title Case headline): the state's actors
        # (hackers, a group) before the noun are no government of it
        # nor the attribution word ("Estados Unidos culpó al gobierno chino": the US is the
        # subject, the Chinese government the object; one phrase made both a speaker)
        no_actor = rf"(?:(?!(?i:{actor})\b)(?!{words.source('blame')})[\w-]+ ){{0,2}}?"
        self.government = compile_gated(
            rf"(?P<st>{ANY})(?:'s|’s)? {no_actor}(?:{gov})\b"
            # "the government of Canada", "gobierno de Rusia"; a demonym after its noun only
            # ("Ministerio de Exteriores británico", "le gouvernement français")
            rf"|\b(?:{gov}) (?:(?:of|du|de|del|van|des|di) (?:the |la |l')?(?P<st2>{ANY})"
            rf"|{filler}(?P<st3>{ADJ}))"
        )
        # many=True: these alternations are led by a look-ahead of their first characters
        # though each alternative fails fast by itself (regexgate; 1.5x to 3x faster led)
        self.agency = compile_gated(
            rf"(?P<st>{ANY})(?:'s|’s)? (?:[\w-]+ ){{0,2}}?(?:{agency})"
            rf"|\b(?:{agency}) (?:[\w-]+ ){{0,1}}(?P<st2>{ADJ})",
            many=True,
        )
        self.sponsored = compile_gated(
            # "Russia-controlled"; a capital or seat too: "Kremlin-backed", "Beijing-backed"
            rf"(?P<st>{ANY}|{SEAT})-(?:[\w]+[- ])?(?:{sponsor})"
            rf"|(?P<st4>{ADJ}) (?:[\w]+[- ])?(?:{sponsor})"  # "ruského státního aktéra"
            rf"|\b(?:{sponsor}) (?:by |from |of |de |del |di |przez |por |par |door |da |dal |dallo |"
            r"dalla )?(?:the |el |la |le |l'|l’|de |het )?"
            # "patrocinados por el Estado chino", "soutenus par l'État russe"
            rf"(?:[Ss]tat[oe] |[Ss]tate |government |[Ee]stado |[ÉE]tat |[Gg]obierno |[Gg]ouvernement )?"
            rf"(?P<st2>{ANY}|{SEAT})"  # "na zlecenie Kremla"
            rf"|\b(?:{sponsor})\w* (?P<st3>{ADJ})"
            # a state before the participle: "Ruskem kontrolovaná skupina", "von Peking
            # unterstützte Hacker", "aan het Kremlin gelieerde hackers"
            + (
                rf"|{_AGENT_BEFORE.get(words.language, '')}(?P<st5>{NAME}) (?:{sponsor})"
                if words.language in ("cs", "pl", "de", "nl")
                else ""
            ),
            many=True,
        )
        self.persons = compile_gated(
            rf"(?P<st>{ADJ}) (?:[\w-]+ ){{0,2}}?(?:{actor})\b"
            rf"|\b(?:{actor}) (?:and \w+ )?(?:of|from|van|di|de|del|des|du|aus|z) (?:the )?"
            rf"(?P<st2>{NAME})"
            # a genitive after the noun: "obywatelom Chin", "Staatsangehörige Chinas"
            + (rf"|\b(?:{actor}) (?P<st5>{NAME})" if words.language in ("pl", "cs", "de") else "")
            + rf"|\b(?:{actor}) (?P<st3>{ADJ})"
            # "seven members of a Russian cybercrime gang": an article before the demonym too
            rf"|\b(?:{actor})\b[^.;⟨]{{0,50}}?\b(?:in|to|of|for|with) (?:the |an? )?(?P<st4>{ADJ})"
            # "czterech hakerów związanych z chińskimi władzami": persons linked to a state,
            # or to its name ("dos individuos vinculados a China")
            rf"|\b(?:{actor})\s+(?:{words.source('linking')})(?P<st6>{ANY})",
            many=True,
        )
        # the passive-agent phrases anywhere (their data patterns end where the agent starts)
        self.passive_anywhere = re.compile(words.source("passive-agent").replace("$)", ")"), re.I)
        # "the GRU agents", "five Chinese military officials" (charged: persons of the agency)
        self.members = re.compile(rf"\s+(?:[\w-]+\s+)?(?:{actor}|officials)\b")
        self.actor_after = re.compile(rf"\s+(?:{actor})\b")  # "mutmaßlichen Hacker"
        # an agency the state just named owns: "Russia, specifically its military
        # intelligence agency", "Moscow ... using its military intelligence service"
        self.its_agency = compile_gated(
            rf"\b(?:its|their|seine[mnrs]?|ihre[mnrs]?|son|sa|ses|leurs?|sus?|suo|sua|suoi|"
            rf"swo\w+|svou|svým|svoj\w*|zijn|haar) (?!own\b|eigene)(?:[\w-]+ ){{0,2}}?"
            rf"(?:{agency})\b"
        )
        # "hackers linked to", "a group tied to": an actor the linking word ties to a state;
        # in English a phrase of acting for someone ties it too ("hackers acting on orders
        # from Russia", "a group working for China"; acts-for, as before an agency)
        linking = words.source("linking")
        if words.language == "en":
            linking += rf"|(?:{words.lex.ACTS_FOR})\s+(?:the\s+)?"
        self.linked_actor = compile_gated(
            rf"\b(?i:{actor}|groups?|gruppi|grupos?|groupes?|Gruppe\w*|groep\w*|grup\w*|skupin\w*|"
            # firms ("companies linked to the IRGC", "empresas vinculadas a"): fronts of it
            # (attribution-words.json, role front-noun)
            rf"{words.lex.FRONT_NOUNS}|"
            r"actors?|APT ?\d+),?\s+(?:\w+\s+)?(?:(?:is|are|was|were|has been|have been)\s+)?"
            r"(?:\w+\s+)?"
            rf"(?:{linking})$"
        )
        # "sanctioned six officials of the IRGC": persons of an agency, in a charging sentence;
        # "einen Offizier des GRU", "deux officiers du GRU", "oficiales del GRU", "officieren van
        # de", "cinco miembros del Ejército chino" (attribution-words.json, role member-noun)
        english, other = words.lex.MEMBER_NOUNS
        self.members_of = re.compile(
            rf"\b(?:{english})\s+(?:of|from|with|in)\s+(?:the\s+)?$"
            rf"|\b(?:{other})\s+(?:des|der|du|de la|de l'|del|dell[ao]?|della|van de|van het)\s*$"
        )
        lex = words.lex
        # Acting for an agency, up to it (a few words, a state's token, "the government and
        # the"): English only, as the words are (attribution-words.json, role acts-for)
        self.acts_for = re.compile(rf"\b(?:{lex.ACTS_FOR})\s+(?:\S+\s+){{0,8}}?$")
        # the head or an officer of the agency just named, sanctioned or charged with it: "Iran's
        # Ministry of Intelligence and its minister", "... (MOIS) and Minister of Intelligence
        # Esmail Khatib" (attribution-words.json, role agency-person)
        self.its_person = re.compile(
            r"(?:\s+[\w-]+)?(?:\s*\([^()]{1,20}\))?,?\s+and\s+(?:(?:its|their)\s+"
            rf"(?:[\w-]+\s+){{0,2}}?(?:{lex.AGENCY_PERSONS})\b|(?i:{lex.AGENCY_PERSONS}) of\b)"
        )
        # An agency whose advice or findings the speaker rests on speaks too: "Based on advice
        # from Australian intelligence agencies, ... the Australian Government has judged ..."
        # (attribution-words.json, role advice-noun)
        self.advice_from = re.compile(rf"\b(?:{lex.ADVICE_NOUNS}) (?:from|of|by) (?:the )?$")
        # "The investigation was led by Australia, and was conducted in collaboration with ...":
        # the agent of an inquiry (not of an attack) investigated; it is no target
        # (attribution-words.json, roles inquiry-noun and inquiry-verb)
        self.inquiry_led = re.compile(
            rf"\b(?:{lex.INQUIRY_NOUNS})\s+(?:was|were|is|are|has been|had been)\s+(?:\w+\s+)?"
            rf"(?:{lex.INQUIRY_VERBS})\s+by\s+(?:the\s+)?$"
        )
        # German and Dutch end the clause with the participle: "hat Russland für eine Reihe
        # von Cyberangriffen auf staatliche Einrichtungen verantwortlich gemacht"
        gap = 12 if words.language in ("de", "nl") else 6
        self.responsible_after = compile_gated(
            # "the DPRK (North Korea) was responsible": an alias in brackets goes with it
            rf"(?P<st>{NAME})(?:'s|’s)?(?: \([^()]{{1,40}}\))? "
            r"(?:(?:is|was|are|were|has been|had been) )?"
            rf"(?:[\w-]+ ){{0,{gap}}}?(?:{words.source('responsible')})",
            re.I,
        )


# A count before persons makes them defendants, not "Russian hackers" in general.
# The number words are rules data (attribution-words.json, role number-word).
_NUMBERS = r"(?:\b\d+|\b(?:" + "|".join(attribution_words("number-word")) + "))"
_COUNT = re.compile(_NUMBERS + r"\s+(?:[\w-]+\s+)?$", re.I)
_COUNTED_NATIONALS = re.compile(
    _NUMBERS + r"\s+(?P<dem>(?:North |South )?[A-Z][a-z]+(?:ian|ean|an|ani|i))s\b"
)
_NATIONAL_CHARGED = re.compile(
    r"(?P<st>⟨A [A-Z]{2} \d+⟩) (?:(?:was|is|has been|had been) )?(?:charged|indicted)\b"
)
_NUMBER_WORDS = frozenset(re.findall(r"[^\W\d_]+", _NUMBERS.split("(?:", 2)[2]))


def _counts(sentence: str) -> bool:
    """A cheap test before the persons' phrases: does the sentence hold a number?"""
    return bool(_SMALL_NUMBER.search(sentence)) or not _NUMBER_WORDS.isdisjoint(
        sentence.lower().split()
    )


_SMALL_NUMBER = re.compile(r"(?<![\d.,])\d{1,3} ")  # "7 hackers", not a year


# A state followed by a finite verb is the subject of its own clause ("The accusation comes a
# day after the US and the UK announced ..."), not the object of the attribution word.
_FINITE = re.compile(
    r"(?:,? (?:and |or |as well as )?(?:the )?⟨N [A-Z]{2} \d+⟩)*\s+(?:has|have|had|is|are|was|"
    r"were|will|would|announced|said|says|accused|charged|sanctioned|imposed|issued|joined|"
    r"published|released|attributed|blamed|condemned)\b"
)
# ... or the subject of a verb of saying or charging, a party of its own clause ("The accusation
# comes a day after the US and the UK announced charges against ...").
_SPEAKS = re.compile(
    r"(?:,? (?:and |or |as well as )?(?:the )?⟨N [A-Z]{2} \d+⟩)*\s+(?:(?:has|have|had|also|"
    r"jointly|today|formally|publicly)\s+)*(?:announced|said|says|accused|charged|sanctioned|"
    r"imposed|issued|attributed|blamed|condemned|indicted|named)\b"
)
_SAID_AFTER = re.compile(r"\s+(?:(?:has|have|also)\s+)*(?:said|says|stated|announced|added|told)\b")
# An agency that speaks: "British intelligence believes ...", "US intelligence concluded ..."
_FINDS = (
    r"believes?|believed|said|says|assess(?:es|ed)?|conclude[sd]?|found|determined|judged?|"
    r"stated"
)
_BELIEVES = re.compile(rf"\s+(?:(?:has|have|had|also)\s+)?(?:{_FINDS})\b")
# A state's agency as the subject of a verb of finding or saying, the rest of its noun
# ("intelligence service|s have revealed") and its own names ("agencies AIVD and MIVD have
# established", "General Intelligence Agency and Military Agency stated") between them.
_AGENCY_SPEAKS = re.compile(
    r"\w*(?:\s+(?:and\s+)?[A-Z][\w-]*){0,3}\s+(?:(?:has|have|had|also)\s+)?"
    rf"(?:{_FINDS}|revealed|established|disclosed|warn(?:s|ed)?|sounded|issued|published)\b"
)
# "a group (known as APT40) which the <state> government is behind" (English)
_GROUP_WHICH = re.compile(
    r"\b(?:groups?|actors?|APT ?\d+|units?)\b[^.;⟨]{0,40}?\b(?:which|that|whom) (?:the )?$"
)
# A group a passive participle of control ties to the agency after it: "a cyber group
# controlled by the", "the group Andariel, which is controlled by the" (up to the agency)
_GROUP_CONTROLLED = re.compile(
    r"\b(?:groups?|actors?|gangs?|crews?|collectives?)\s+(?:[^\s.;]+\s+){0,3}?(?:controlled|run|directed|"
    r"operated|overseen|commanded)\s+by\s+(?:\S+\s+){0,8}?$"
)
_IS_BEHIND = re.compile(r"(?:\s+government)?\s+(?:is|are|was|were)\s+(?:\w+\s+)?behind\b")
_HELD = re.compile(r"\s+(?:is|was|are|were|has been|had been)\s+(?:\w+\s+){0,2}?")
# An apposition between a subject and its verb: dashes, or commas around a few words
# ("the Russian government – the Kremlin – was", "the Russian Government, specifically the
# Russian military, was"); empty when there is none
_APPOSITION = re.compile(r"(?:\s*[–—]\s*[^–—.;,]{1,60}?\s*[–—]|,\s*[^,.;]{1,60}?,)?")
# (attribution-words.json, roles governing-preposition and governing-article: an elided
# article takes no space)
_GOVERNING = re.compile(
    rf"\s*(?:(?:{word_alternation(attribution_word_entries('governing-preposition'))})\s+)?(?:"
    + word_alternation(attribution_word_entries("governing-article"), r"\s+")
    + ")?"
)


# "attributed <the act, however long its phrase> to <target>": the verbs of attributing to
# someone take the target after the "to" that closes their first object, not within a fixed
# reach of the verb ("attributed the cyber attack on the water utility in Pennsylvania to the
# Iranian government"). English only, as the words are.
_TO_SECOND = re.compile(
    r"\b(?:attribut\w*|link(?:s|ed|ing)?|tied|ties|tying|trac(?:e|ed|es|ing))\b"
    r"[^.;:!?]{1,200}?\bto\s+(?:the\s+)?$"
)


def _second_object(words, sentence: str, start: int) -> bool:
    """Is the state or government at ``start`` what an attributing verb attributes to?"""
    return words.language == "en" and bool(_TO_SECOND.search(sentence, max(0, start - 240), start))


def _governed(blames: list[tuple[int, int]], sentence: str, start: int) -> bool:
    """Does an attribution word govern the state at ``start`` directly ("accused China",
    "attributed to the Russian Federation"), with nothing but a preposition between?"""
    return any(b <= start and _GOVERNING.fullmatch(sentence, b, start) for _, b in blames)


def _actor_linked(g: _Grammar, sentence: str, start: int) -> bool:
    """Is the state at ``start`` what an actor is linked to ("hackers linked to the Chinese
    government", "a group tied to China")? Then the actor is state-sponsored."""
    return bool(g.linked_actor.search(sentence[max(0, start - 80) : start]))


def _group_linked(g: _Grammar, sentence: str, start: int) -> bool:
    """Is the agency at ``start`` what a group, not counted persons, is linked to ("APT31,
    which is linked to the MSS", but not "seven hackers linked to the MSS")?"""
    window = sentence[max(0, start - 80) : start]
    m = g.linked_actor.search(window)
    before = re.sub(r"⟨[^⟩]*⟩", "X", sentence[: max(0, start - 80) + m.start()] if m else "")
    return bool(m) and not _COUNT.search(before[-24:])  # "sedm ⟨A CN⟩ hackerů napojených"


def _event_after(words, sentence: str, pos: int, reach: int = 3) -> bool:
    """Does an event noun follow ``pos`` within ``reach`` words ("Russia's intensifying
    campaign"), with no actor before it ("Russian hackers for cyberattacks" is no event)?"""
    m = re.match(rf"(?:[\w-]+[ .,;]){{0,{reach}}}", sentence[pos:])
    if not m:
        return False
    event = words["event-noun"].search(m.group())
    return bool(event) and not words["actor-noun"].search(m.group(), 0, event.start())


def _grammar(words) -> _Grammar:
    found = getattr(words, "_grammar", None)
    if found is None:
        found = words._grammar = _Grammar(words)
    return found


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
    ends_clause = before.endswith((".", ",", ":", ";", "\u201c", '"'))
    if name_like and (not ends_clause or _INITIALS.fullmatch(prev.rstrip("."))):
        return True
    after = sentence[end:]
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


# An event noun, then a preposition of its object, right before an agency: the agency is
# what the event hit ("cyberattacks on the Ukrainian army", "Angriffe auf die ukrainische Armee")
_VICTIM_BEFORE = re.compile(
    r"\s+(?:on|against|targeting|auf|gegen|contre|contra|contro|tegen|op|na|przeciwko|proti)\s+"
    r"(?:(?:the|die|den|der|das|la|le|les|el|los|il|lo|het|de)\s+|l'|l’)?$"
)


def _victim(words, sentence: str, start: int) -> bool:
    """Is the agency at ``start`` the object of an event noun just before it?"""
    window = sentence[max(0, start - 60) : start]
    last = next(reversed(list(words["event-noun"].finditer(window))), None)
    if not last or not _VICTIM_BEFORE.fullmatch(window, last.end()):
        return False
    # "blamed the attack on the Russian military": the blame is put on the agency
    return not _BLAME_ON.search(window, 0, last.start())


def _victim_of_act(words, sentence: str, start: int) -> bool:
    """Is the state (or its office) at ``start`` what an attack hit, so never who speaks: the
    object of an attack verb ("in attempts to destabilize Ukraine authorities") or the subject
    of its passive ("Poland among countries attacked by Russian-backed hackers")?
    (attribution-cues.json, roles victim-verb and victim-passive)"""
    if words["victim-verb"].search(sentence, max(0, start - 40), start):
        return True
    token = _ANY_STATE_TOKEN.match(sentence, start)
    return bool(token and words["victim-passive"].match(sentence, token.end()))


_BLAME_ON = re.compile(r"\b(?:blam\w*|pin\w*)\s+(?:[\w-]+\s+){0,3}$")


_AGENTS_AFTER = re.compile(r"[- ](?:agents?|operatives)\b")
_OF_SPONSORING = re.compile(
    r"\s+of\s+(?:sponsoring|backing|directing|supporting|ordering|commissioning)\b"
)


def _found(pattern: re.Pattern, text: str) -> re.Match | None | bool:
    """``pattern.search(text)``, or False at once where no word its matches hold is in the
    text (regexgate.may_match): for the words scanned in every cue sentence."""
    return may_match(pattern, text) and pattern.search(text)


def _each(pattern: re.Pattern, text: str):
    """``pattern.finditer(text)``, nothing at once where it cannot match (see :func:`_found`)."""
    return pattern.finditer(text) if may_match(pattern, text) else ()


def _roles(lex: Lexicon, words, sentence: str, doc: _Document, p: dict, known=()) -> _Roles:
    """``known``: (span, state, level) of groups the text tied to a state before."""
    has_state = "⟨" in sentence
    agency_named = p["agency_name"].search(sentence)
    if not (has_state or agency_named or "its territory" in sentence or known):
        return _NOBODY  # most cue sentences name no state and no agency: nothing to read
    g = _grammar(words)
    targets: list[_Target] = []
    caps = words.language == "de"

    charged = bool(_found(words["indictment"], sentence) or _found(words["sanctions"], sentence))
    speaking: list[tuple[str, str, int]] = []  # a state's agency that speaks, not a target
    hedges = [
        h.span()
        for h in _each(words["hedge"], sentence)
        # "einer der mutmaßlichen Hacker", "presunti hacker": the news's presumption of
        # innocence for persons, not a doubt about the attribution
        if words.language == "en" or not g.actor_after.match(sentence, h.end())
    ]

    def add(state: str | None, level: str, span: tuple[int, int], unit: bool = False) -> None:
        """``unit``: an agency's own name, which a capitalised unit name may follow ("the IRGC
        Cyber Electronic Command"): no person's name."""
        if not state:
            return
        if level in ("state-sponsored", "individuals") and not sentence.endswith("⟩", 0, span[1]):
            # "the North Korean government-backed Lazarus Group", "Iranian hacker Behzad M.":
            # the capital after a sponsorship word or a person's noun begins the group's or
            # the person's name, not a surname; only the words before can make it a name
            if not unit and _person(words.lex, sentence, span[0], span[0], caps):
                return
        elif not unit and _person(words.lex, sentence, *span, caps):
            return
        if (level != "individuals" or not charged) and any(
            span[0] - 80 <= b and a <= span[1] + 12 for a, b in hedges
        ):
            # "suspected", "could be behind": not an attribution; but "charged seven hackers
            # suspected of working for the MSS" charges the persons (the link stays hedged)
            return
        behind = level == "state" and _IS_BEHIND.match(sentence, span[1])
        if behind and (
            _GROUP_WHICH.search(sentence, max(0, span[0] - 80), span[0])
            or _GROUP.match(sentence, behind.end() + 1)
        ):
            level = "state-sponsored"  # "a group known as APT40 which the Chinese government
            # is behind", "the Chinese government is behind APT40": the group is held
            # responsible, the state behind it sponsors it
        if level == "state" and _OF_SPONSORING.match(sentence, span[1]):
            level = "state-sponsored"  # "accused Beijing of sponsoring cyberattacks"
        if level == "state" and _actor_linked(g, sentence, span[0]):
            level = "state-sponsored"  # "hackers linked to the Chinese government"
        elif level == "state-agency" and _GROUP_CONTROLLED.search(
            sentence, max(0, span[0] - 90), span[0]
        ):
            # "Andariel, a cyber group controlled by the Reconnaissance General Bureau": the group
            # the agency controls is held responsible, sponsored by the state (the issue's
            # "-controlled/-led marks sponsorship"), even beside persons charged
            level = "state-sponsored"
        elif (
            level == "state-agency"
            and not charged
            and g.acts_for.search(sentence, max(0, span[0] - 90), span[0])
        ):
            # "APT40, a threat actor operating under the direction of the MSS", "groups belonging
            # to the Reconnaissance General Bureau": a group acting for the agency is sponsored
            # by it (persons charged for acting on its behalf keep the agency, as the labels
            # of the earlier rounds read them)
            level = "state-sponsored"
        elif (
            level == "state-agency"
            and not (charged and _found(words["indictment"], sentence))
            and _group_linked(g, sentence, span[0])
        ):
            # "APT31, which is linked to China's Ministry of State Security": the group is held
            # responsible, acting for the state through its agency (the taxonomy's "groups
            # acting for the state"), not the agency itself; persons charged keep their agency,
            # but firms sanctioned for a link ("sancionó a empresas vinculadas a la Guardia
            # Revolucionaria") act for it like a group
            level = "state-sponsored"
        targets.append(_Target(state, level, span))

    # Where the clause turns: the first attribution word. Before it, the subject.
    blames = [b.span() for b in words["blame"].finditer(sentence)]
    agent = _PASSIVE_BY.search(sentence) if may_match(_PASSIVE_BY, sentence) else None
    # a government is named with a state (every phrase of g.government holds a token): found
    # once, read for the targets and for the parties
    governments = (
        list(g.government.finditer(sentence))
        if has_state and may_match(g.government, sentence)
        else []
    )
    turn = blames[0][0] if blames else len(sentence)
    if not blames and words.language == "en":
        # "The UK government says that the GRU was behind the attempt to undermine Georgia's
        # sovereignty": with no attribution word, the clause turns at "behind" (the other
        # words of holding responsible are attribution words); a plain find, no pattern
        held = sentence.find(" behind ")
        turn = held + 1 if held >= 0 else turn

    # -- targets ----------------------------------------------------------------------------
    if has_state or "its territory" in sentence:
        for m in p["territory"].finditer(sentence) if may_match(p["territory"], sentence) else ():
            st = m["st"] or m["st2"] or m["st3"]
            add(lex.state_of(st) if st else doc.subject_state, "territory", m.span())
        for m in _STATE_OBJECT.finditer(sentence) if words.language != "en" else ():
            # "Cyberangriffe aus Russland", "en provenance de la Russie"
            if words["territory"].search(sentence, max(0, m.start() - 60), m.start()):
                add(lex.state_of(m["st"]), "territory", m.span())
    offices = [
        (m.span(), words.body_code(m.group()) or "?") for m in words.body_pattern.finditer(sentence)
    ]
    office_states = {code for _, code in offices}
    for m in p["agency"].finditer(sentence) if agency_named else ():
        agency_state = lex.agency_state(m["agency"])
        named = lex.state_of(m["st"]) if m["st"] else None
        if _victim(words, sentence, m.start()):
            continue  # "cyberattacks on the Ukrainian army": the agency was attacked
        if named and named != agency_state:
            continue  # "Russian ... MSS": the pattern caught the wrong word
        # "China's MSS": China is not the object
        add(agency_state, "state-agency", m.span(), unit=True)
        if charged and (
            g.members.match(sentence, m.end())
            or g.members_of.search(sentence, max(0, m.start() - 40), m.start())
            or g.its_person.match(sentence, m.end())  # "the MOIS and its minister"
        ):
            add(agency_state, "individuals", m.span())  # "charges against the GRU agents"
        elif (
            blames
            and g.members.match(sentence, m.end())
            and _COUNT.search(sentence[max(0, m.start() - 16) : m.start()])
            and _object_of(blames, m.start(), 25, sentence)
        ):
            # "named two GRU officers responsible": counted persons of the agency are the
            # object of the attribution word, as with "accuse six officiers russes"
            add(agency_state, "individuals", m.span())
    if has_state:
        at = 0 if may_match(g.agency, sentence) else len(sentence) + 1  # past the end: none
        while m := g.agency.search(sentence, at):
            at = m.end("st") if m["st"] else m.end()  # the agency may have its own state after
            if m["st"] and blames and words["blame"].search(sentence, m.end("st"), m.end()):
                at = m.end("st")  # "le gouvernement britannique accuse le renseignement": the
                continue  # verb divides them; the agency's own state may follow
            st = lex.state_of(m["st"] or m["st2"])
            if _victim(words, sentence, m.start()):
                continue  # "attacks against the Ukrainian military": the victim
            if (
                m["st"]
                and (
                    _AGENCY_SPEAKS.match(sentence, m.end())
                    or words["finding"].match(sentence, m.end())
                    # "Dochodzenie ..., przeprowadzone przez czeski wywiad, wskazało na Pekin":
                    # the agency that carried out the inquiry speaks
                    or _found(words["investigation"], sentence[max(0, m.start() - 90) : m.start()])
                    or g.advice_from.search(sentence, max(0, m.start() - 40), m.start())
                )
            ):
                speaking.append((st, words.detokenize(m.group()), m.start()))
                continue  # "British intelligence believes ...": the agency speaks
            if st not in office_states:  # "De Nederlandse inlichtingendienst MIVD" speaks
                add(st, "state-agency", m.span())
                if charged and g.members_of.search(sentence, max(0, m.start() - 40), m.start()):
                    add(st, "individuals", m.span())  # "cargos contra cinco miembros del Ejército"
                elif charged and words.language == "en" and g.members.match(sentence, m.end()):
                    add(st, "individuals", m.span())  # "indicts five Chinese military officers"
                elif charged and words.language == "en" and g.its_person.match(sentence, m.end()):
                    add(st, "individuals", m.span())  # "Iran's intelligence ministry and its
                    # top intelligence official"
                at_demonym = m["st"] and m.start("st") == m.start()
                while at_demonym and (
                    listed := _ADJ_LISTED_ARTICLE.search(
                        sentence, max(0, m.start() - 40), m.start()
                    )
                ):
                    # "z rosyjskim i białoruskim wywiadem": each demonym listed owns one
                    add(lex.state_of(listed.group(1)), "state-agency", listed.span(1))
                    m = listed
        for m in g.sponsored.finditer(sentence) if may_match(g.sponsored, sentence) else ():
            if not _inside(m.span(), targets):  # "vom russischen Militärgeheimdienst gesteuert"
                st = m["st"] or m["st2"] or m["st3"] or m["st4"] or m.groupdict().get("st5")
                add(lex.state_of(st), "state-sponsored", m.span())
        for m in p["sponsored"].finditer(sentence) if may_match(p["sponsored"], sentence) else ():
            st = m["st"] or m["st2"] or m["st3"] or m["st4"] or m["st5"]
            add(lex.state_of(st), "state-sponsored", m.span())
        counts = not charged and blames and _counts(sentence)
        if charged and words.language == "en":
            for m in _COUNTED_NATIONALS.finditer(sentence):
                # "charged two Russians": a demonym as a plural noun names persons
                add(lex.state_of(m["dem"]), "individuals", m.span("dem"))
            for m in _NATIONAL_CHARGED.finditer(sentence):
                # "North Korean charged in Sony hack": a demonym as a noun, the one charged
                add(lex.state_of(m["st"]), "individuals", m.span("st"))
        elif charged:
            for m in _STATE_OBJECT.finditer(sentence):
                if _person_demonym(words, m["st"]):  # "EU sanktioniert Russen"
                    add(lex.state_of(m["st"]), "individuals", m.span())
        elif counts:
            for m in _STATE_OBJECT.finditer(sentence):
                # "beschuldigt twee Chinezen": counted persons as the object of the attribution
                # word, as with "accuse six officiers russes"
                if (
                    _person_demonym(words, m["st"])
                    and _COUNT.search(sentence[max(0, m.start() - 16) : m.start()])
                    and _object_of(blames, m.start(), 25, sentence)
                ):
                    add(lex.state_of(m["st"]), "individuals", m.span())
        persons_named = words.language == "en" and blames and _NAMED_AFTER.search(sentence)
        for m in g.persons.finditer(sentence) if charged or counts or persons_named else ():
            # charged, or counted as the object of an attribution word ("accuse six
            # officiers russes"), or named right after their noun as its object ("accused
            # North Korean government-backed hacker Rim Jong Hyok of"): persons, not
            # "Russian hackers" in general
            counted = _COUNT.search(sentence[max(0, m.start() - 16) : m.start()])
            named = _NAMED_AFTER.match(sentence, m.end()) if persons_named else None
            if charged or ((counted or named) and _object_of(blames, m.start(), 25, sentence)):
                st = m["st"] or m["st2"] or m["st3"] or m["st4"] or m.groupdict().get("st5")
                add(lex.state_of(st or m["st6"]), "individuals", m.span())
                if m["st2"]:  # "citizens of Russia, China and North Korea"
                    for span in _list_after(sentence, m.end()):
                        add(lex.state_of(sentence[span[0] : span[1]]), "individuals", span)
        for m in p["state"].finditer(sentence) if may_match(p["state"], sentence) else ():
            st = m["st"] or m["st2"] or m["st3"] or m["st4"] or m["st5"] or m["st6"]
            if _inside(m.span(), targets):
                continue
            # "the Russian government – the Kremlin – was responsible", "the Russian Government,
            # specifically the Russian military, was responsible": an apposition between them
            after = _APPOSITION.match(sentence, m.end()).end() if m["st2"] else m.end()
            held = (
                m["st2"]
                and _HELD.match(sentence, after)
                and words["responsible"].search(sentence, after, after + 40)
            )  # "assessed that the Iranian regime was responsible"
            if m["st2"] and not held and not _object_of(blames, m.start(), 25, sentence):
                continue  # "The UK government has accused ...": the subject, not the object
            group = next(g for g in ("st", "st2", "st3", "st4", "st5", "st6") if m[g])
            # the state's own words, not the whole "attribution of ... to China": what lies
            # between may name who speaks
            own = group in ("st3", "st4", "st6")
            add(lex.state_of(st), "state", m.span(group) if own else m.span())
        # The object of the attribution word, or its passive agent ("conducted by Russia").
        for m in governments:
            if _AGENTS_AFTER.match(sentence, m.end()):
                continue  # "exposing the Chinese government agents": persons, not the state
            if _inverted_government(words, sentence, blames, m.start()):
                continue  # "Zo beschuldigt de Britse regering APT10 van ...": the subject
            linked = charged and _actor_linked(g, sentence, m.start())  # "... linked to the
            # Chinese authorities" after persons charged: the state that backs them
            second = _second_object(words, sentence, m.start())  # "attributed ... to the"
            if (_object_of(blames, m.start(), 25, sentence) or linked or second) and not _inside(
                m.span(), targets
            ):
                if words["passive-agent"].search(sentence, max(0, m.start() - 70), m.start()):
                    continue  # "attribuito dal governo britannico": who attributes
                add(lex.state_of(m["st"] or m["st2"] or m["st3"]), "state", m.span())
        inverted_subjects = _inverted_subjects(words, sentence, blames)
        for m in _STATE_OBJECT.finditer(sentence):
            second = _second_object(words, sentence, m.start())  # "attributed ... to Iran"
            if not (_object_of(blames, m.start(), 60, sentence) or second) or _inside(
                m.span(), targets
            ):
                continue
            if _after_source(words, sentence, m.start()):
                continue  # "... was carried out by Russia, according to Georgia, the UK and
                # the US": who says so, not who did it
            if g.inquiry_led.search(sentence, max(0, m.start() - 80), m.start()):
                continue  # "The investigation was led by Australia": who investigated
            if _person_demonym(words, m["st"]):
                continue  # "Russen", "Chinezen": persons, not the state
            if m.span() in inverted_subjects:
                continue  # "In einer Warnung werfen die USA China ... vor": the subject
            if agent and m.start() >= agent.end():
                continue  # "... by the governments of Australia, ...": who attributes
            if words.language != "en" and words["passive-agent"].search(
                sentence, max(0, m.start() - 70), m.start()
            ):
                continue  # "acusada por el Reino Unido", "attribuito dal governo": who accuses
            if g.government.match(sentence, m.start()):
                continue  # "... Česká vláda označila": a government speaking
            if m["st"].startswith("⟨A") and _object_of(blames, m.start(), 12, sentence):
                if _ENDS_PHRASE.match(sentence, m.end()):  # "ze strony rosyjskiej i ..."
                    add(lex.state_of(m["st"]), "state", m.span())
                elif _event_after(words, sentence, m.end() + 1, 2):
                    add(lex.state_of(m["st"]), "state", m.span())  # "potępia rosyjskie cyberataki"
                continue
            if (
                not m["st"].startswith("⟨A")
                and sentence.startswith(("'s ", "’s "), m.end("st"))
                and _event_after(words, sentence, m.end() + 3)
            ):
                add(lex.state_of(m["st"]), "state", m.span())  # "condemn Russia's campaign"
                continue
            if m["st"].startswith("⟨A") or sentence.startswith(("'", "’"), m.end("st")):
                continue  # a demonym, or a possessive: "the United States' partners"
            if not _governed(blames, sentence, m.start()) and (
                _modifier(sentence, m.end()) or _FINITE.match(sentence, m.end())
            ):
                continue  # "the New Zealand parliament"; "... after the US and the UK announced"
            if g.government.match(sentence, m.start()):
                continue  # "... Česká vláda označila": a government speaking
            direct = _governed(blames, sentence, m.start()) or second  # "punta il dito contro"
            direct = direct or _actor_linked(g, sentence, m.start())  # "liés à Pékin"
            if not direct and _is_location(lex, sentence, m.start(), p["name"], object_ok=True):
                continue
            if re.search(r"\b(?:on|at)\s+(?:the\s+)?$", sentence[: m.start()]) and not (
                _object_of(blames, m.start(), 16, sentence)
            ):
                continue  # "blame on Russia", but not "... cyberattacks on the US"
            add(lex.state_of(m["st"]), "state", m.span())
            for span in _list_after(sentence, m.end()):  # "... to Iran, China and Russia"
                if not _inside(span, targets):
                    add(lex.state_of(sentence[span[0] : span[1]]), "state", span)
        for m in _STATE_OBJECT.finditer(sentence) if words.language != "en" else ():
            # "Rusia fue acusada por el Reino Unido", "Rosja została oskarżona przez ...": the
            # subject of a passive accusation is its target (the agent speaks, see subject())
            if words["passive-target"].match(sentence, m.end()):
                add(lex.state_of(m["st"]), "state", m.span())
        for m in _PASSIVE_TARGET.finditer(sentence):
            add(lex.state_of(m["st"]), "state", m.span("st"))
        for m in _SANCTIONS_FOR_ROLE.finditer(sentence) if words.language == "en" else ():
            # "imposed sanctions against Russia for its involvement in the 2015 hack", "sanctions
            # against Russia to punish the Kremlin for its involvement in the hacking campaign":
            # the state sanctioned for its own part in a cyber act is held responsible
            if genre_words(words)["cyber"].search(sentence, m.end(), m.end() + 100):
                add(lex.state_of(m["st"]), "state", m.span("st"))
        for m in g.responsible_after.finditer(sentence):
            # "Die Bundesregierung macht Russland ... verantwortlich": a state named after
            # the subject and before the attribution word
            if _inside(m.span("st"), targets) or any(
                m.end("st") <= t.span[0] < m.end()
                and _POSSESSIVE_GAP.fullmatch(sentence, m.end("st"), t.span[0])
                for t in targets
            ):
                continue  # "Russia’s FSB agency was responsible": the agency is, not the state
            if any(
                t.state != lex.state_of(m["st"]) and m.end("st") <= t.span[0] < m.end()
                for t in targets
            ):
                continue  # "heeft het Verenigd Koninkrijk de GROe geïdentificeerd achter ...":
                # another state's agency between them is the one behind, the state speaks
            said_before = (
                words["source"].search(sentence, 0, m.start())
                or words.body_pattern.search(sentence, 0, m.start())
                # "Het ministerie neemt aan dat China achter de hackaanval zit": a subject
                # pointing back to the office named before
                or words["anaphor"].search(sentence, 0, m.start())
            )  # "Volgens de AIVD zit Rusland achter de aanval"
            if not (_mentioned_before(sentence, m.start()) or said_before) and not _SAYS.search(
                sentence, m.end()
            ):
                continue  # the state must follow a subject, or the speaker come after
            if g.government.match(sentence, m.start()):
                continue  # "the UK government has ...": a government speaks
            if _LISTED_WITH.search(sentence, 0, m.start("st")):
                continue  # "La Pologne et la Belgique tiennent le pays pour responsable": a
                # state listed with the subject is a subject too, not the one held responsible
            if _is_location(lex, sentence, m.start(), p["name"]):
                continue
            if words.language != "en" and words["passive-agent"].search(
                sentence, max(0, m.start() - 70), m.start()
            ):
                continue  # "acusada por el Reino Unido de estar detrás": who accuses
            add(lex.state_of(m["st"]), "state", m.span("st"))
        if targets and _STATE_BACKED.search(sentence) and len({t.state for t in targets}) == 1:
            # "four Chinese nationals with state-backed worldwide hacking campaign", "accusing
            # China of launching cyberattacks through state-backed hackers"
            add(targets[0].state, "state-sponsored", _STATE_BACKED.search(sentence).span())
            # "accusing China of launching cyberattacks through state-backed hackers": like
            # "accused Beijing of sponsoring", the state is held to back them, not to act
            targets[:] = [t for t in targets if t.level != "state"] or targets
    if targets and (words.language != "en" or "its " in sentence or "their " in sentence):
        for m in g.its_agency.finditer(sentence):
            owner = [
                t
                for t in targets
                if t.span[1] <= m.start() <= t.span[1] + 60 and t.level == "state"
            ]
            if _SAYS.search(sentence, m.end(), m.end() + 30) or _BELIEVES.match(sentence, m.end()):
                continue  # "..., its intelligence agency GCHQ said": the speaker's own
            if owner and not _inside(m.span(), targets):
                # the agency of the state the clause just held responsible
                add(owner[-1].state, "state-agency", m.span())
    if targets and charged and words.language == "en" and _NAMES_CHARGED.search(sentence):
        # "Ding Xiaoyang, Cheng Qingmin and Zhu Yunmin were charged", "sanctioned Ivan Petrov":
        # persons named by the charge itself, individuals of the state the sentence attributes
        # to (one state only)
        states = {t.state for t in targets}
        if len(states) == 1:
            m = _NAMES_CHARGED.search(sentence)
            add(next(iter(states)), "individuals", m.span("name" if m["name"] else "name2"))
    if targets and p["individuals"].search(sentence):
        for m in p["individuals"].finditer(sentence):
            # the span of the persons' noun, not of the charging word: "The Justice Department
            # charged a hacker" is no person's name "Department charged"
            if m["st"]:
                add(lex.state_of(m["st"]), "individuals", m.span("who"))
            else:
                add(targets[0].state, "individuals", m.span("who"))

    if known and (blames or words["responsible"].search(sentence)):
        # "dass APT 28 für den Angriff verantwortlich ist", the text having said before that
        # APT 28 belongs to the GRU: the group stands for what it was tied to
        for span, state, level in known:
            if not _inside(span, targets):
                add(state, level, span)

    # -- parties ----------------------------------------------------------------------------
    joined = _joining(words, sentence, targets)
    if joined:  # the states that join the attribution are not what it attributes
        targets = [t for t in targets if t.span not in joined]
    attributed = {t.state for t in targets}
    spans = [t.span for t in targets]
    # The subject of a clause comes before an attribution word whose object follows it
    # ("Statement on ... The Australian Government's decision to ... attribute ... to China").
    heads = [a for a, b in blames if any(t.span[0] >= b for t in targets)] or [turn]

    inverted = words.language in ("de", "nl")
    first_target = min((t.span[0] for t in targets), default=0)

    # one test per sentence (when first needed) before the tests per candidate
    cheap: dict[str, bool] = {}

    def anywhere(name: str, pattern: re.Pattern) -> bool:
        if name not in cheap:
            cheap[name] = pattern.search(sentence) is not None
        return cheap[name]

    def subject(x: int) -> bool:
        """Before an attribution word with its object, or the agent of a passive one
        ("North Korea was held responsible ... by the governments of Australia, ...")."""
        clause = max(sentence.rfind(",", 0, x), sentence.rfind(";", 0, x), 0)
        if x - clause < 40 and words["comparison"].match(sentence, clause, x):
            comma = sentence.find(",", x)
            if not _SAYS.search(sentence, x, comma if comma > 0 else len(sentence)):
                return False  # "Wie Großbritannien beschuldigt nun auch die Bundesregierung
                # ...", but "Wie das Auswärtige Amt mitteilte, ..." says who speaks
        if any(x < a for a in heads) or (agent and x >= agent.end()):
            return True
        if inverted and any(b <= x <= b + 40 for _, b in blames) and x < first_target:
            return True  # German and Dutch put the subject after the verb: "beschuldigt nun
            # auch die Bundesregierung Russland"
        # "according to the British NCSC", "nach Erkenntnissen der britischen Cyberabwehr"
        if anywhere("source", words["source"]) and (
            words["source"].search(sentence, max(0, x - 45), x) or _after_source(words, sentence, x)
        ):
            return True
        # "attribuito dal governo britannico", "atribuido por el Gobierno británico"
        return anywhere("passive", g.passive_anywhere) and bool(
            words["passive-agent"].search(sentence, max(0, x - 70), x)
        )

    found: dict[str, str] = {}
    # when states join an attribution the sentence makes itself, its subject still attributes
    support = None if joined and targets else (_found(words["support"], sentence) or None)
    support_span = (
        (support.end(), turn if turn > support.end() else len(sentence)) if support else None
    )
    supporters: dict[str, str] = {}
    bare: set = set()
    # "Canada stands in solidarity with ...": who comes before an active support phrase
    # supports; before a passive one ("sostenuta da alleati") it is the one supported
    passive = support and (
        _PASSIVE_SUPPORT.search(support.group()) or lex.WITH_SUPPORT.match(support.group())
    )
    active = support.start() if support and not passive else -1
    unresolved = False

    def covered(span) -> bool:
        return any(a <= span[0] < b for a, b in spans)

    def put(code: str, basis: str, start: int) -> None:
        if code in attributed or _victim_of_act(words, sentence, start):
            return
        if support_span and (support_span[0] <= start < support_span[1] or start < active):
            supporters.setdefault(code, basis)  # "Canada stands in solidarity with ..."
        else:
            found.setdefault(code, basis)

    spoken: list[int] = []  # where the offices that speak end
    for (a, b), code in offices:
        # down a list from an office that speaks: "par Washington, Londres et Wellington"
        listed = any(_LIST_JOINED.fullmatch(sentence, end, a) for end in spoken)
        if covered((a, b)) or (not listed and _is_location(lex, sentence, a, p["name"])):
            continue
        if not listed and not subject(a) and not _SAYS.search(sentence[max(0, a - 30) : b + 40]):
            continue  # "... targeting a European NATO member state": not who speaks
        if code in ("EU", "NATO") and _BLOC_PLACE.match(sentence, b):
            continue  # "data from European Union and NATO countries": places, no speaker
        if code == "?":
            code = _office_state(lex, sentence, a, b, p) or doc.publisher
            if code in (None, "EU", "NATO"):
                unresolved = True
                continue
        put(code, f"text: {words.detokenize(sentence[a:b])!r}", a)
        spoken.append(b)
    for code, said, at in speaking:
        put(code, f"text: {said!r}", at)
    for pattern in ("government_of",):
        for m in p[pattern].finditer(sentence):
            if subject(m.start()) and not covered(m.span()):
                put(lex.state_of(m["st"]), f"text: {words.detokenize(m.group())!r}", m.start())
    for m in governments:
        if _is_location(lex, sentence, m.start(), _ANY_STATE_TOKEN, language=words.language):
            continue  # "who have targeted U.S. government entities"; a list "X en Y" is none
        speaks = subject(m.start()) or _SAID_AFTER.match(sentence, m.end())
        # '«...», a déclaré le vice-Premier ministre britannique': the verb before it
        speaks = speaks or _SAID_BEFORE.search(sentence, max(0, m.start() - 40), m.start())
        if speaks and not covered(m.span()):
            st = m["st"] or m["st2"] or m["st3"]
            after = sentence[m.end() : m.end() + 60]
            if re.match(
                _COPULA + r"\s+(?:[\w-]+\s+){0,2}?(?:" + words.source("responsible") + ")", after
            ):
                add(lex.state_of(st), "state", m.span())  # "rosyjski rząd jest odpowiedzialny"
                continue
            demonym = (m["st"] or m["st2"] or m["st3"]).startswith(
                "⟨A"
            )  # "Hunta Brytyjskie Centrum ...": no
            if demonym or not _person(lex, sentence, *m.span(), caps):  # surname is a demonym
                put(lex.state_of(st), f"text: {words.detokenize(m.group())!r}", m.start())
                for other in _demonyms_listed(sentence, m) if demonym else ():
                    put(lex.state_of(other), f"text: {words.detokenize(m.group())!r}", m.start())
    for m in p["name"].finditer(sentence):
        if covered(m.span()) or m["st"].startswith("⟨A"):
            continue
        if not subject(m.start()) and not _SPEAKS.match(sentence, m.end()):
            continue
        sourced = anywhere("source", words["source"]) and _after_source(
            words, sentence, m.start()
        )  # "according to Georgia, the UK and the US": "to" is no place here
        if (
            not sourced
            and _is_location(lex, sentence, m.start(), p["name"], language=words.language)
            # "Several Western countries, such as Australia and New Zealand, accuse Russia":
            # examples of the subject, not places
            and not _subject_examples(lex, sentence, m.start(), blames)
        ) or _person(lex, sentence, *m.span(), caps):
            continue
        if _modifier(sentence, m.end(), words.language) or re.match(
            r"-[^\W\d_]", sentence[m.end() :]
        ):
            continue  # "a US cybersecurity provider", "ihrer Australien-Reise"
        if _listed_with_target(sentence, m.span(), targets):
            continue  # "China, Russia, Iran, and North Korea sponsored ...": actors all
        if lex.state_of(m["st"]) not in found:
            bare.add(lex.state_of(m["st"]))  # named, not an office: a vendor may say it
        put(lex.state_of(m["st"]), f"text: {words.detokenize(m['st'])!r}", m.start())
    if support and lex.WITH_SUPPORT.match(support.group()):
        # "with the support of NATO, the European Union and Japan": the states and bodies
        # listed right after it, up to where the list stops ("..., le secrétaire d'Etat ...
        # pour la sécurité des Etats-Unis" is no supporter)
        named = [
            (m.start(), m.end(), lex.state_of(m["st"]), m["st"])
            for m in p["name"].finditer(sentence, support.end())
        ]
        named += [
            (m.start(), m.end(), words.body_code(m.group()), m.group())
            for m in words.body_pattern.finditer(sentence, support.end())
        ]
        last = support.end()
        for a, b, code, said in sorted(named):
            if a - last > 14:
                break
            last = b
            if code and code not in attributed and code != "?":
                supporters.setdefault(code, f"text: {words.detokenize(said)!r}")
    elif support_span:  # "supported by allies including the United States, ..., and Japan"
        a, b = support_span
        for m in p["name"].finditer(sentence, a, b):
            code = lex.state_of(m["st"])
            if code and code not in attributed:
                supporters.setdefault(code, f"text: {words.detokenize(m['st'])!r}")
    for span, code in joined.items():  # "..., y otros países como Japón también coinciden"
        if code not in attributed:
            supporters.setdefault(code, f"text: {words.detokenize(sentence[span[0] : span[1]])!r}")
    with_which = _WITH_WHICH.finditer(sentence) if may_match(_WITH_WHICH, sentence) else ()
    for m in with_which:  # "in solidarity with the UK, which attributed"
        code = lex.state_of(m["st"])
        if code in supporters and code not in attributed:
            found.setdefault(code, supporters.pop(code))
    return _Roles(
        targets, list(found.items()), list(supporters.items()), unresolved, frozenset(bare)
    )


_POSSESSIVE_GAP = re.compile(r"(?:'s|’s)?\s*")
_ACCORDING = re.compile(r"According to\b")
_BLOC_PLACE = re.compile(r"\s+(?:countries|nations)\b")
_PARAGRAPH = re.compile(r"\n")  # web pages: one line a paragraph
# (attribution-words.json, role speech-word)
_SAYS = compile_gated(rf"\b(?:{word_alternation(attribution_word_entries('speech-word'))})\b")


# (attribution-words.json, role subject-government: "[Gg]overnment")
_GOVERNMENT_BEFORE = re.compile(
    "|".join(f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in attribution_words("subject-government"))
)


def _mentioned_before(sentence: str, start: int) -> bool:
    """Does a state or a government come before ``start`` (the subject of the clause)?"""
    return "⟩" in sentence[:start] or bool(_GOVERNMENT_BEFORE.search(sentence[:start]))


# Between an according-to phrase and a state: only the states listed before it ("according
# to Georgia, the UK and the US").
_LISTED_SO_FAR = re.compile(
    r"(?:\s*(?:the\s+)?⟨[NA] [A-Z]{2} \d+⟩(?:\s*,|\s+(?:and|or|as well as))?)*\s*(?:the\s+)?$"
)


# The words that open examples of a plural noun ("countries such as", "landen, zoals"), and
# the close of the examples right before the attribution word (", accuse", ", beschuldigen").
_EXAMPLES_NOUN = re.compile(r"([^\W\d_]+)\s*,\s*(?:such as|including|like|zoals)\b")
_LIST_ONLY = re.compile(r"(?:⟨[NM] [A-Z]{2} \d+⟩|\s|,|\band\b|\ben\b|\bthe\b)*")
_EXAMPLES_CLOSE = re.compile(r"\s*,\s+(?:(?:also|have|has|had|now|on \w+day)\s+)*$")


def _subject_examples(lex: Lexicon, sentence: str, start: int, blames) -> bool:
    """Is the state at ``start`` in a list of examples set off by commas after a plural noun
    of states that opens the sentence, the attribution word right after the list ("Several
    Western countries, such as Australia and New Zealand, accuse Russia of ...", "meerdere
    westerse landen, zoals Australië en Nieuw-Zeeland, de Russen")? Such states are the
    subject's, who attribute; a list after the attribution word ("attacks on countries
    such as ...") stays places (the attribution word must follow the list's close)."""
    # the plural noun right before the comma that opens the examples
    noun = _EXAMPLES_NOUN.search(sentence, 0, start)
    if not noun or noun.group(1).lower() not in lex.PLACE_NOUNS:
        return False
    if any(a < noun.start() for a, _ in blames):
        return False  # the noun comes after the attribution word: its object, or places
    if not _LIST_ONLY.fullmatch(sentence, noun.end(), start):
        return False  # the state is not down the list the examples' word opens
    # the list's states and joins only, from the state to the close before the word
    return any(
        a > start
        and _EXAMPLES_CLOSE.search(sentence, start, a)
        and _LIST_ONLY.fullmatch(sentence, start, a)
        for a, _ in blames
    )


def _after_source(words, sentence: str, start: int) -> bool:
    """Is the state at ``start`` named by an according-to phrase, perhaps down a list?"""
    if words.language != "en":
        return False
    found = None
    for m in words["source"].finditer(sentence, max(0, start - 120), start):
        found = m
    return bool(found) and _LISTED_SO_FAR.fullmatch(sentence, found.end(), start) is not None


def _object_of(
    blames: list[tuple[int, int]], start: int, reach: int, sentence: str | None = None
) -> bool:
    """Is ``start`` within ``reach`` characters after an attribution word, in its clause (no
    ";" between: "... was responsible for NotPetya; the UK government said ...")?"""
    return any(
        b <= start <= b + reach and (sentence is None or ";" not in sentence[b:start])
        for _, b in blames
    )


def _modifier(sentence: str, end: int, language: str = "en") -> bool:
    """Does the state at ``end`` modify the noun after it ("a US cybersecurity provider",
    "Czech institutions")? A state that speaks is followed by a verb, a list or a comma.
    French puts the noun before the state, and its verbs in the plural end as English nouns
    in "-ment" do ("Les Etats-Unis affirment", "estiment")."""
    rest = sentence[end:]
    m = re.match(r"(?:'s|’s)?\s+([a-z][\w-]*)", rest)
    if not m:
        return False
    word = m.group(1)
    if _EVENT_WORD.fullmatch(word):
        return True  # "for the Georgia cyberattack": the state says where, it is no party
    if re.match(r"\s+(?:with|by|that|the|a|an|in|to|its|their|on|for\b|⟨)", rest[m.end() :]):
        return False  # "Canada stands with ...": a verb
    if language == "fr" and word.endswith("ent"):
        return False  # a verb in the plural ("affirment", "estiment"), no noun in "-ment"
    return word.endswith(("s", "er", "or", "ion", "ment")) and word not in _VERB_LIKE


_EVENT_WORD = re.compile(r"(?:cyber-?)?attacks?|hack(?:s|ing)?|breach(?:es)?|intrusions?")


_VERB_LIKE = frozenset(
    [
        "has",
        "is",
        "was",
        "says",
        "said",
        "assess",
        "assesses",
        "assessed",
        "attributes",
        "attributed",
        "blames",
        "blamed",
        "accuses",
        "accused",
        "condemns",
        "condemned",
        "joins",
        "joined",
        "names",
        "named",
        "exposes",
        "exposed",
        "calls",
        "called",
        "links",
        "linked",
        "identifies",
        "identified",
        "determines",
        "determined",
        "confirms",
        "confirmed",
        "concludes",
        "concluded",
        "judges",
        "judged",
        "announces",
        "announced",
        "sanctions",
        "sanctioned",
        "charges",
        "charged",
        "indicts",
        "indicted",
        "and",
        "or",
        "as",
        "also",
        "on",
        "in",
        "at",
        "with",
    ]
)


def _office_state(lex: Lexicon, sentence: str, a: int, b: int, p: dict) -> str | None:
    """The state of an office several governments have ("the Czech Ministry of Foreign
    Affairs", "NCSC of the United Kingdom", "UK Foreign Secretary")."""
    before = sentence[max(0, a - 40) : a]
    m = re.search(r"(⟨[NA] [A-Z]{2} \d+⟩)(?:'s|’s)?\s+(?:[\w-]+\s+){0,1}$", before)
    if m:
        return lex.state_of(m.group(1))
    after = sentence[b : b + 40]
    m = re.match(
        r"\s*(?:\([^)]*\)\s*)?(?:of|du|de|van) (?:the |la |l')?(⟨[NA] [A-Z]{2} \d+⟩)", after
    )
    if m:
        return lex.state_of(m.group(1))
    m = re.match(r"\s+(⟨A [A-Z]{2} \d+⟩)", after)  # "Ministerio de Exteriores británico"
    if m:
        return lex.state_of(m.group(1))
    return None


def _inside(span: tuple[int, int], targets: list[_Target]) -> bool:
    return any(
        t.span[0] <= span[0] and span[1] <= t.span[1] or span[0] <= t.span[0] < span[1]
        for t in targets
    )


_TOKEN_WORD = re.compile(r"⟨[^⟩]*⟩")


# The word for "and" in each language, which joins a list of states.
_AND = {
    lang: word_alternation(e for e in _AND_WORDS if lang in word_languages(e))
    for lang in dict.fromkeys(lang for e in _AND_WORDS for lang in word_languages(e))
    if lang != "en"
}
_LIST_TAILS = {lang: re.compile(rf"(?:\s|,|\b(?:{conj}|and)\b)+$") for lang, conj in _AND.items()}


_SEPARATORS_AT_END = re.compile(r"(?:\s|,|\band\b|\bor\b|\bthe\b|\bas well as\b)+$")


def _strip_separators(text: str) -> str:
    """``_SEPARATORS_AT_END.sub("", text)``, reading the last 40 characters when that says it
    all (the whole prefix of a sentence was read before each state). A match ends at the end;
    searched from ``k`` (the word boundaries still see the characters before ``k``) it is the
    one found from the start if it begins 12 or more characters after ``k``: one found from
    further back passes a joint between separators (10 characters at most: "as well as")
    within 10 characters after ``k``, and the search would start there. Closer than that,
    the whole text is read."""
    k = len(text) - 40
    if k > 0:
        m = _SEPARATORS_AT_END.search(text, k)
        if m is None:
            return text
        if m.start() >= k + 12:
            return text[: m.start()]
    return _SEPARATORS_AT_END.sub("", text)


def _is_location(
    lex: Lexicon,
    sentence: str,
    start: int,
    name: re.Pattern,
    object_ok: bool = False,
    language: str = "en",
) -> bool:
    """Is the state at ``start`` the object of a preposition, perhaps down a list of states?
    With ``object_ok``, "to", "on", "by" and "at" right after an attribution word are not
    places ("attributed to China", "blame on Russia", "conducted by the Russian Federation")."""
    before = sentence[:start]
    while True:
        trimmed = _strip_separators(before)
        # down a list in any language ("Nederland en Groot-Brittannië"), but only after a
        # state: the French "en" before a lone state is a place ("en France")
        tail = _LIST_TAILS.get(language)
        listed = tail.sub("", trimmed) if tail else trimmed
        prior = None
        for m in name.finditer(listed[-60:]):
            if m.end() == len(listed[-60:]):
                prior = m
        if prior is None:
            before = trimmed  # "includes the United States": the word before the article
            break
        before = listed[: len(listed) - (len(listed[-60:]) - prior.start())]
    # A state's token is one word, not its letters: the "AU" of "⟨A AU 442⟩ Prime Minister"
    # is no French "au", the "IN" of India no "in".
    before = _TOKEN_WORD.sub(" qqstate ", before)
    words = [w.lower() for w in re.findall(r"[^\W\d_]+", before[-40:])]
    # "the governments of Australia, ...", "officials from the United States and Britain"
    if len(words) >= 2 and words[-1] in ("of", "from") and words[-2] in lex.GOVERNMENT_WORDS:
        return False
    if not words:
        return False
    if words[-2:] == ["such", "as"] and len(words) > 2 and words[-3] in lex.PLACE_NOUNS:
        return True  # "countries such as the Philippines, Malaysia, ..."
    if words[-1] in lex.INCLUDING_WORDS:
        return True  # "countries including ...": victims
    if object_ok and words[-1] in lex.OBJECT_WORDS:
        return False
    return words[-1] in lex.LOCATION_PREPOSITIONS


# --- the extraction ------------------------------------------------------------------------


@dataclass(frozen=True)
class AttributionReport:
    """What a text says about public attribution: its own attributions (tagged), those it
    only recalls (``background``: evidence, never tags), and notes (a language not read)."""

    rows: list[Attribution]
    background: list[Attribution]
    notes: list[str]


def _headline_speakers(lex: Lexicon, words, entry: OrklEntry, doc, p) -> list[tuple[str, str]]:
    """The one party a news headline names attributing ("UK blames China for ..."): the title,
    or the text's first line when it is a line of its own with no full stop."""
    line = entry.title.strip()
    if not line:
        first = entry.text.lstrip().split("\n", 1)[0].strip()
        line = first if first and not first.endswith(_CLOSES) and len(first) < 200 else ""
    if not line or not words.CUE.search(line):
        return []
    roles = _roles(lex, words, words.tokenize(line), doc, p)
    parties = [(c, b) for c, b in roles.parties if c not in {t.state for t in roles.targets}]
    if not roles.targets or len(parties) != 1:
        return []
    return [(c, f"{b} (the headline)") for c, b in parties]


_GOES_ON = compile_gated(
    r"\b(?:also|too|as well|in addition|additionally|anche|inoltre|también|además|aussi|"
    r"également|auch|zudem|ebenfalls|ook|eveneens|także|również|také|rovněž)\b",
    re.I,
)


_NAMED_OBJECT = compile_gated(
    r"\b(?:against|on|contro|contra|contre|gegen|tegen|przeciwko|proti)\s+(?:the\s+)?"
    r"(?:(?:members|operators|affiliates) of\s+)?"
    # a date is no object: "the Justice Department announced on Thursday"
    r"(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|(?:January|February|March|April|May|June|"
    r"July|August|September|October|November|December)\b)[A-Z]"
)


_NAME_AFTER = re.compile(r"[A-Z][\w-]*(?: [A-Z][\w-]*){0,2}")


def _charges_go_on(words, rows: dict, doc, s: _Sentence, parties, targets) -> None:
    """ "The Treasury also announced sanctions.": a sentence naming no state that charges or
    sanctions, right after an attribution, takes that act against what was just attributed
    (by the same parties); a denial or doubt in it adds nothing."""
    if not (words["sanctions"].search(s.text) or words["indictment"].search(s.text)):
        return
    if (_GROUP.search(s.text) or _NAMED_OBJECT.search(s.text)) and not _GOES_ON.search(s.text):
        return  # "charges against members of APT10": its own object, unless it says "also"
    if words["negation"].search(s.text) or words["denial"].search(s.text):
        return
    if words["hedge"].search(s.text):
        return
    named = {words.body_code(m.group()) for m in words.body_pattern.finditer(s.text)}
    if named - {c for c, _ in parties} - {"?"}:
        return  # "des sanctions de l'Union européenne": another party's act
    backed = _STATE_BACKED.search(s.text) if words.language == "en" else None
    if backed and len({t.state for t in targets}) == 1:
        # "The indictment highlights the threat posed by state-sponsored cybercriminals": the
        # actors charged are sponsored by the one state just attributed
        targets = [*targets, _Target(targets[0].state, "state-sponsored", backed.span())]
    for code, basis in parties:
        for t in targets:
            _add_row(words, rows, doc, s, code, "attributing", t, f"{basis} (goes on)", False)
    if _PASSIVE_CHARGE.search(s.text):
        # "Authorities accused ... hacker Rim Jong Hyok of trying to ... . Rim was indicted on
        # charges of conspiracy, the Justice Department announced": the accusation of the
        # sentence right before was the charge itself, not a statement of its own
        kind = "indictment" if words["indictment"].search(s.text) else "sanctions"
        codes = {c for c, _ in parties}
        for key, a in list(rows.items()):
            if (
                a.statement_type == "statement"
                and a.party in codes
                and a.field == s.field
                and 0 <= s.start - a.end <= 3
            ):
                del rows[key]
                rows.setdefault(key[:4] + (kind,), replace(a, statement_type=kind))


# Plural nouns news use for persons of any state ("two nationals", "Russian hackers", "the
# defendants" of another case): a later sentence with one of them names persons of its own; the
# words that point back at the actors just attributed ("individuals involved", "members") or
# one person named by trade ("Yin Kecheng, a cyber actor") go on with the attribution
_ANY_STATES_PERSONS = frozenset(
    ("officers", "persons", "nationals", "defendants", "citizens", "hackers")
)
# How far after the last attribution a sentence charging persons still charges persons of its
# state: news name the persons sanctioned or indicted a paragraph or two after the attribution
_PERSONS_REACH = 1200


def _persons_charged_go_on(lex: Lexicon, words, rows: dict, doc, s, parties, targets, text: str):
    """ "The U.S. Treasury said it imposed sanctions on 10 individuals and two entities.": a
    sentence that charges or sanctions persons (attribution-words.json, role charged-person)
    and holds no target of its own, right after an attribution to one state, charges persons
    of that state: individuals, by the same parties; a denial or doubt in it adds nothing."""
    states = {t.state for t in targets}
    if len(states) != 1 or not parties or s.field != "plain_text":
        return
    tokenized = words.tokenize(s.text)
    m = _found(lex.patterns()["individuals"], tokenized)
    if not m:
        return
    state = next(iter(states))
    if m["who"] in _ANY_STATES_PERSONS:
        return
    if m["st"] and lex.state_of(m["st"]) != state:
        return  # "sanctions on two Russian nationals" after an attribution to China
    if _found(words["negation"], s.text) or _found(words["denial"], s.text):
        return
    if _found(words["hedge"], s.text):
        return
    named = _NAMED_OBJECT.search(s.text)
    if named and not _GOES_ON.search(s.text):
        # "charges against members of Earth Baxia": persons of a group of their own, unless
        # the text spoke of that group before ("sanctions on Star Blizzard members" after
        # "carried out by the Star Blizzard group, ... subordinate to the FSB")
        name = _NAME_AFTER.match(s.text, named.end() - 1)
        if not name or name.group() not in text[: s.start]:
            return
    target = _Target(state, "individuals", m.span("who"))
    for code, basis in parties:
        _add_row(words, rows, doc, s, code, "attributing", target, f"{basis} (goes on)", False)


def _recalled(words, sentence: str) -> bool:
    """Does a past-time marker govern the attributing clause ("In the past, the UK has
    attributed ...", "previously blamed")? One after an event noun dates the event
    ("blaming the MSS for an attack on a mail server earlier this year"), not the attribution."""
    marker = words["background"].search(sentence)
    if not marker:
        return False
    blame = words["blame"].search(sentence)
    if not blame and words.language == "en":
        # "The Russian military was directly behind a cyber-attack ... last year, the US and
        # Britain have said": the clause turns at "behind" when no attribution word does
        blame = words["responsible"].search(sentence)
    if not blame:
        return True
    if marker.start() < blame.start():
        # "A huge cyber-attack which knocked out ... websites last year was carried out by
        # Russia": the marker ends the subject's event, it dates the event (no word of saying
        # or attributing between them); "In the past, the UK has attributed ..." governs
        lo = max(0, marker.start() - 120)
        event = next(
            reversed(list(words["event-noun"].finditer(sentence, lo, marker.start()))), None
        )
        return not (
            event
            and words.language == "en"
            and not _SAYS.search(sentence, event.end(), marker.start())
            and not words["blame"].search(sentence, event.end(), marker.start())
        )
    events = list(words["event-noun"].finditer(sentence, blame.end(), marker.start()))
    if not events:
        return True
    # "have attributed malicious cyber-activity to Russia in the past": the marker follows the
    # attribution's object ("to <state>"), so it closes the attributing clause, not the event
    return bool(_TO_STATE_BEFORE.search(sentence, events[-1].end(), marker.start()))


# "... to Russia in the past", "... to the Russian Federation previously" (English only: the
# object's preposition between the event noun and a past-time marker)
_TO_STATE_BEFORE = re.compile(r"\bto (?:the )?[A-Z][\w.-]*(?: [A-Z][\w.-]*){0,3}\s*,?\s*$")


def _statement_type(words, sentence: str, doc: _Document, role: str, own_voice: bool) -> str:
    if role == "supporting" and words["solidarity"].search(sentence):
        return "solidarity"
    if words["indictment"].search(sentence):
        return "indictment"
    if words["sanctions"].search(sentence):
        return "sanctions"
    if words["advisory"].search(sentence):
        return "advisory"
    if words["joint-statement"].search(sentence):
        return "joint-statement"
    return doc.kind if own_voice else "statement"


def language_of(entry: OrklEntry) -> str:
    """The entry's language as an ISO 639-1 code ("" when ORKL gives none)."""
    code = (entry.language or "").strip().lower().replace("_", "-").split("-")[0]
    if len(code) > 2:  # "English", "deu": ISO 639 names and three-letter codes
        try:
            found = pycountry.languages.lookup(code)
        except LookupError:
            return code
        return getattr(found, "alpha_2", code)
    return code


def extract_attributions(entry: OrklEntry, lex: Lexicon | None = None) -> list[Attribution]:
    """The public attributions ``entry`` makes, with the words of ``lex`` (the shipped rules)."""
    return attribution_report(entry, lex).rows


def attribution_report(
    entry: OrklEntry, lex: Lexicon | None = None, trace: list | None = None
) -> AttributionReport:
    """``trace``: when a list, each step a cue sentence went through is appended to it as
    (step, sentence, detail), for the benchmark's stage diagnostic (evaluate.py --stages)."""
    lex = lex or lexicon()
    note = trace.append if trace is not None else lambda step: None
    language = language_of(entry)
    if language and language not in lex.LANGUAGES:
        return AttributionReport([], [], [f"attribution not attempted for language {language!r}"])
    words = lex.words(language or "en")
    text = entry.text
    # No cue, no sentence to read: the report is empty (found once, read below).
    cues = words.cue_positions(text), words.cue_positions(entry.title)
    if not cues[0] and not cues[1]:
        note(("gate", None, "no-cue"))
        return AttributionReport([], [], [])
    gw = genre_words(words)
    cyber = gw["cyber"].search(text) or gw["cyber"].search(entry.title)
    if not cyber and (gw["non-cyber"].search(text) or gw["non-cyber"].search(entry.title)):
        # A word of another act ("sanctions ... after the death of Navalny", "sabotage" of
        # railways) and no cyber word anywhere: whatever the text holds a state responsible
        # for is no cyber operation (attribution-genres.json, roles cyber and non-cyber)
        note(("gate", None, "non-cyber"))
        return AttributionReport([], [], [])
    doc = _document(lex, entry)
    rows: dict[tuple, Attribution] = {}
    background: dict[tuple, Attribution] = {}
    alignments: list[_Sentence] = []
    supports: list[tuple[_Sentence, list[tuple[str, str]]]] = []
    echoes: list[tuple[_Sentence, list[tuple[str, str]]]] = []  # assessments joined
    last_parties: list[tuple[str, str]] = []
    last_attributed = False  # whether last_parties made an attribution (or only were named)
    denied_until = -1
    body_parties: set[str] = set()  # who attributes in a sentence of the body, not a headline
    last_charging: list[tuple[str, str]] = []  # who sanctions or charges, for "the sanctions"
    acts: list[tuple[str, int, str]] = []  # (party, start, kind): charges with no row of their own
    last_end = -1
    last_targets: list[_Target] = []  # what the last attributing sentence held responsible
    groups: dict[str, tuple[str, str]] = {}  # "APT28" -> ("RU", "state-agency"), as the text says
    p = lex.patterns()
    headline = _headline_speakers(lex, words, entry, doc, p)
    genre = read_genres(words, text, entry.title, doc.kind)  # advisory co-authors, charges
    # A timeline, chronology or tracker of past incidents ("Cyberwar Timeline", "Below is a
    # timeline tracing ...") recalls every attribution it lists: evidence, never tags.
    compilation = bool(
        words["compilation"].search(entry.title) or words["compilation"].search(text[:HEADER_CHARS])
    )
    # The text first: when the title says the same, the row quotes the fuller sentence.
    for s in [
        *cue_sentences(words, text, cues=cues[0]),
        *cue_sentences(words, entry.title, "title", cues=cues[1]),
    ]:
        tokenized = words.tokenize(s.text)
        note(("read", s, tokenized))
        stateless = "⟨" not in tokenized and "its territory" not in tokenized
        known = _known_groups(tokenized, groups) if groups else []
        if stateless and not known and not p["agency_name"].search(tokenized):
            if last_targets and s.field == "plain_text" and s.start - last_end < 400:
                _charges_go_on(words, rows, doc, s, last_parties, last_targets)
            if last_targets and s.field == "plain_text" and s.start - last_end < _PERSONS_REACH:
                _persons_charged_go_on(lex, words, rows, doc, s, last_parties, last_targets, text)
            continue  # no state, no agency: nothing to attribute or support (cheap first)
        if lex.ALIGNMENT.search(s.text):
            alignments.append(s)
            note(("drop", s, "alignment"))
            continue
        if s.field == "plain_text" and s.start < denied_until:
            note(("drop", s, "denied"))
            continue  # the accused state's spokesperson goes on speaking: "... he said"
        if _found(words["negation"], s.text) or _found(words["denial"], s.text):
            note(("drop", s, "denial"))
            if s.field == "plain_text":
                paragraph = _PARAGRAPH.search(text, s.end)
                denied_until = min(paragraph.start() if paragraph else len(text), s.end + 600)
            _add_denied_accusation(lex, words, rows, doc, s)
            continue
        roles = _roles(lex, words, tokenized, doc, p, known)
        roles = replace(roles, targets=genre.targets(s, tokenized, roles.targets, _target))
        roles = _partners(words, tokenized, _conjuncts(words, tokenized, roles))
        supported = _solidarity_with(lex, words, tokenized)
        if supported:
            # "„volle Solidarität“ mit den Niederlanden": the state solidarity is with is
            # supported, neither a target nor a supporter
            targets = [t for t in roles.targets if t.span[0] not in supported]
            if not targets and roles.supporters:
                supports.append(
                    (s, [(c, b) for c, b in roles.supporters if c not in supported.values()])
                )
                continue
            roles = replace(roles, targets=targets)
        if not roles.targets and roles.parties and last_targets and s.start - last_end < 400:
            # "Ook het Verenigd Koninkrijk, ... en Japan houden het land verantwoordelijk":
            # "the country" is the one state the sentence before held responsible
            country = _each(words["country-anaphor"], tokenized)
            states = {t.state for t in last_targets}
            m = next(iter(country), None)
            if m and len(states) == 1 and s.field == "plain_text":
                blamed = _found(words["blame"], tokenized) or _found(
                    words["responsible"], tokenized
                )
                state = next(iter(states))
                if blamed and state not in {c for c, _ in roles.parties}:
                    roles = replace(roles, targets=[_Target(state, "state", m.span())])
        _tie_groups(tokenized, roles.targets, groups)
        note(("targets", s, list(roles.targets)))
        if not roles.targets:
            joined = _assessments_joined(words, tokenized)
            if joined and s.field == "plain_text":
                echoes.append((s, joined))
                continue
            if _found(words["support"], s.text):
                named = _named_parties(lex, words, tokenized)
                speakers = _reporting_speakers(lex, words, tokenized)
                speakers |= set(supported.values())
                named = [(c, b) for c, b in named if c not in speakers]
                if named:
                    supports.append((s, named))
            elif roles.parties and s.field == "plain_text":
                if _found(words["indictment"], s.text) or _found(words["sanctions"], s.text):
                    last_charging = list(roles.parties)
                    # "Die EU hat ... neue Russland-Sanktionen verhängt. Betroffen sind ...":
                    # the act goes on in what the party says next
                    kind = _statement_type(words, s.text, doc, "attributing", False)
                    acts += [(code, s.start, kind) for code, _ in roles.parties]
                    said = [(c, b) for c, b in roles.parties if c in dict(last_parties)]
                    if said and last_attributed and last_targets and s.start - last_end < 400:
                        # "The US Treasury Department said it was placing sanctions on those
                        # accused": the act of the party that just attributed, against what
                        # it attributed, as in a sentence naming no state (_charges_go_on)
                        _charges_go_on(words, rows, doc, s, said, last_targets)
                    if last_targets and s.start - last_end < _PERSONS_REACH:
                        # "The UK said it had sanctioned 'individuals involved'": persons of
                        # the state the sentences before attributed to, charged by who speaks
                        said = [(c, b) for c, b in roles.parties if c in dict(last_parties)]
                        _persons_charged_go_on(lex, words, rows, doc, s, said, last_targets, text)
                # "Japan on Wednesday linked ... to a Chinese hacking group": who speaks, for
                # "the NPA said ..." in the next sentence
                last_parties, last_end = list(roles.parties), s.end
                last_attributed = False
            continue
        first_person = bool(lex.FIRST_PERSON.search(s.text))
        solidarity = bool(_found(words["solidarity"], s.text))
        reported = bool(_found(words["reported"], s.text))
        parties = list(roles.parties)
        if reported:  # "Kaspersky described ... countries such as ...": a vendor speaks
            parties = [(c, b) for c, b in parties if c not in roles.bare]
        voice = None
        if doc.publisher and (first_person or not parties) and not (reported and not first_person):
            voice = doc.publisher
        if not parties and not voice and not reported and s.field == "plain_text":
            # "It said ...", "The ministry said ...": the government of the sentence before
            anaphor = words["anaphor"].search(s.text)
            charging = _found(words["indictment"], s.text) or _found(words["sanctions"], s.text)
            carried = last_charging if charging and last_charging else last_parties
            bare = not (anaphor or roles.unresolved)  # no word pointing back: only close by,
            # "Sanctions were levied against the GRU ... and two of its officers": a charge in the
            # passive with no agent, right after the party's own charges, is that party's act
            passive = charging and last_charging and _PASSIVE_CHARGE.search(s.text)
            if bare and (charging or _SAYS.search(s.text) or not last_attributed) and not passive:
                carried = []  # and never what others say, nor from a sentence that only names
            near = s.start - last_end < (250 if bare else 600)
            if carried and near:
                # the next sentence of the same report goes on with the same speaker
                parties = [(c, f"{b} (a sentence before)") for c, b in carried]
            quoted = _QUOTED.search(s.text) or _SAID_BY_NAME.search(s.text)
            if not parties and (anaphor or quoted) and not (carried and near):
                # "It said ...", '"We hold Russia responsible," said Hunt': who spoke before
                name = quoted and (quoted["before"] or quoted["after"])
                name = None if anaphor or name in _PRONOUNS else name
                parties = _speaker_before(
                    lex,
                    words,
                    text,
                    s,
                    name or None,
                    _DEFINITE.search(s.text) is not None,
                    {t.state for t in roles.targets},
                )
            if not parties and not carried:
                # "British Foreign Secretary David Cameron announced ... on Monday. The
                # campaign was carried out by APT31, ...": the sentence right before says who
                # speaks, names one government and holds no target of its own
                parties = _speaker_right_before(lex, words, text, s, roles.targets)
            if not parties:  # "This was stated by the Czech Ministry of Foreign Affairs."
                parties = _speaker_after(lex, words, text, s)
            said = anaphor or roles.unresolved or _SAYS.search(s.text)
            heard = [(c, b) for c, b in headline if c not in {t.state for t in roles.targets}]
            if not parties and said and heard:
                # "UK blames China for cyber attack" over "..., Deputy Prime Minister Oliver
                # Dowden said": a speaker the body names by office speaks for the headline's
                parties = heard
            home = doc.home if doc.home not in {t.state for t in roles.targets} else None
            if (
                not parties
                and home
                and (
                    anaphor
                    or _unqualified_office(words, tokenized, p["agency_name"])
                    or _office_speaks_after(words, text, s, p["agency_name"])
                    or _quote_goes_on(words, text, s)
                )
            ):
                # "Ministerstvo v pátek oznámilo", "Minister cyfryzacji ... skomentował": in
                # a national-language paper, an office named without its state is the home one
                parties = [(home, f"home government of {doc.home_basis}")]
        if (
            not parties
            and not voice
            and last_charging
            and last_targets
            and s.field == "plain_text"
            and s.start - last_end < _PERSONS_REACH
            and _MEMBERSHIP.search(s.text)
            and {t.state for t in roles.targets} <= {t.state for t in last_targets}
        ):
            # "Prosecutors say the defendants ... are members of North Korea's military
            # intelligence agency": the persons the party charged belong to the agency, held
            # responsible by that party, the persons individuals of its state
            parties = [(c, f"{b} (the persons it charged)") for c, b in last_charging]
            persons = [_Target(t.state, "individuals", t.span) for t in roles.targets]
            roles = replace(roles, targets=[*roles.targets, *persons])
        parties = genre.parties(s, tokenized, roles.targets, parties)
        entries: list[tuple[str, str, str]] = []
        if voice:
            role = "supporting" if solidarity else "attributing"
            entries.append((voice, role, doc.publisher_basis))
        for code, basis in parties:
            if code == voice:
                continue
            role = "supporting" if solidarity and code in ("NATO", "EU") else "attributing"
            entries.append((code, role, basis))
        for code, basis in roles.supporters:
            entries.append((code, "supporting", basis))
        into = background if compilation or _recalled(words, s.text) else rows
        own_voice = voice is not None or s.field == "title" or s.start < HEADER_CHARS
        note(("entries", s, (entries, into is background)))
        for code, role, basis in entries:
            for t in roles.targets:
                _add_row(words, into, doc, s, code, role, t, basis, own_voice)
            if role == "attributing" and into is rows and roles.targets and not _headline(s):
                body_parties.add(code)
        if into is rows and parties:
            last_parties = [(c, b) for c, b in parties if c not in {t.state for t in roles.targets}]
            last_targets = list(roles.targets)
            last_attributed = True
            if _found(words["indictment"], s.text) or _found(words["sanctions"], s.text):
                last_charging = last_parties
            last_end = s.end
    genre.finish(rows)
    if doc.publisher:
        # A government's own site (an embassy's, "china-consulate.gov.cn") that reports an
        # accusation against its own state is the accused speaking: no attribution of it.
        rows = {k: a for k, a in rows.items() if a.attributed_state != doc.publisher}
    _follow_charges(rows, acts)
    _headline_finer(rows)
    _add_supports(words, rows, supports, body_parties)
    _add_echoes(rows, echoes)
    _add_alignments(lex, rows, entry, doc, alignments)
    order = lambda a: (  # noqa: E731
        a.role != "attributing",
        a.start if a.field != "title" else -1,
        a.party,
        LEVEL_ORDER.index(a.level or "state"),
    )
    notes = []
    if background:
        notes.append(
            f"{len(background)} attribution(s) this text only recalls (kept as evidence, not tags)"
        )
    return AttributionReport(
        sorted(rows.values(), key=order), sorted(background.values(), key=order), notes
    )


# The states right after a phrase of solidarity ("Solidarität mit den Niederlanden", "solidair
# met de Nederlandse en Britse regering", "solidarność z Polską"): a short article, then
# state tokens joined as a list.
_HELD_RUN = re.compile(
    rf"\s*(?:(?:l'|l’|[^\W\d_]{{1,4}}\s+))?{_ANY_STATE_TOKEN.pattern}"
    rf"(?:{_LIST_JOIN}(?:[^\W\d_]{{1,4}}\s+)?{_ANY_STATE_TOKEN.pattern})*"
)


def _solidarity_with(lex: Lexicon, words, sentence: str) -> dict[int, str]:
    """Where each state a statement of solidarity is with starts, and its code (rules role
    ``solidarity-with``)."""
    out: dict[int, str] = {}
    for m in _each(words["solidarity-with"], sentence):
        run = _HELD_RUN.match(sentence, m.end())
        if run:
            for t in _ANY_STATE_TOKEN.finditer(sentence, run.start(), run.end()):
                out[t.start()] = lex.state_of(t.group())
    return out


# "rejected allegations made in an advisory from the US and 12 other countries that accused
# Beijing of ...": the accusation a denial names, with its accuser, is an attribution of its
# own (the accuser's), read from the accusation noun on; the denial around it adds nothing.
_ACCUSATION_BY = compile_gated(
    r"\b(?:accusations?|allegations?|claims|charges)\b[^.;]{0,80}?\b(?:by|from)\s+"
)


def _add_denied_accusation(lex: Lexicon, words, rows: dict, doc: _Document, s: _Sentence) -> None:
    m = _ACCUSATION_BY.search(s.text) if words.language == "en" else None
    if not m:
        return
    clause = s.text[m.start() :]
    if words["negation"].search(clause) or words["denial"].search(clause):
        return  # "accusations by X were groundless": the clause itself denies
    # the accuser is the subject of what follows "by"/"from" (not a place it comes from);
    # the words before still say what kind of statement it was ("an advisory from ...")
    roles = _roles(lex, words, words.tokenize(s.text[m.end() :]), doc, lex.patterns())
    sub = _Sentence(s.field, s.start + m.start(), s.end, clause)
    attributed = {t.state for t in roles.targets}
    for code, basis in roles.parties:  # named in the clause only: no voice, nothing carried
        if code in attributed:
            continue
        for t in roles.targets:
            _add_row(words, rows, doc, sub, code, "attributing", t, f"{basis} (denied)", False)


# "US officials claim ...": a claim says who speaks; a group that "claimed responsibility"
# or "claimed credit" for an attack speaks for itself, never for a government.
_STATED = compile_gated(
    r"\b(?:stated|said|announced|according to|the statement reads|aldus|sagte|selon|según|"
    r"secondo|uvedl\w*|według|claim(?:s|ed)?(?! responsibility| credit))\b"
)


# Named intrusion sets: APT28, APT 40, TA505, UNC2452, FIN7, Storm-0558, DEV-0537, TAG-22.
_GROUP = compile_gated(r"\b(?:APT|TA|UNC|FIN|Storm|DEV|TAG)[ -]?\d{1,4}\b")


def _group_key(name: str) -> str:
    return re.sub(r"[ -]", "", name).upper()


def _tie_groups(sentence: str, targets: list[_Target], groups: dict) -> None:
    """A group named in a sentence with one state's agency or sponsorship ("APT 28, die dem
    russischen Militärgeheimdienst GRU zuzuordnen ist") stands for it later in the text."""
    finer = {(t.state, t.level) for t in targets if t.level in ("state-agency", "state-sponsored")}
    if len(finer) != 1 or len({t.state for t in targets}) != 1:
        return
    for m in _GROUP.finditer(sentence):
        groups.setdefault(_group_key(m.group()), next(iter(finer)))


def _known_groups(sentence: str, groups: dict) -> list[tuple[tuple[int, int], str, str]]:
    out = []
    for m in _GROUP.finditer(sentence):
        tied = groups.get(_group_key(m.group()))
        if tied:
            out.append((m.span(), *tied))
    return out


def _speaker_after(lex: Lexicon, words, text: str, s: _Sentence) -> list[tuple[str, str]]:
    """The government the next sentence names as the speaker of this one ("This was stated by
    the Czech Ministry of Foreign Affairs"), if that sentence is short and says so."""
    end = _sentence_end(text, s.end + 1)
    following = _SPACES.sub(" ", text[s.end : end]).strip()
    if not following or len(following) > 300 or not _STATED.search(following):
        return []
    return _speakers(lex, words, following, "the sentence after")


# Any verb of saying, of any of the lists (attribution-words.json, roles speech-word,
# quote-verb, quote-verb-before): "zo heeft minister ... bekendgemaakt", "- powiedział ...".
_ANY_SAYING = compile_gated(
    r"\b(?:"
    + "|".join(
        word_alternation(attribution_word_entries(role))
        for role in ("speech-word", "quote-verb", "quote-verb-before")
    )
    + r")\b"
)
_SPEAKER_AFTER_REACH = 400  # characters after the sentence: the rest of a news report's lead


def _office_speaks_after(words, text: str, s: _Sentence, agencies: re.Pattern) -> bool:
    """Does one of the next three sentences, close after this one, say who spoke through a
    verb of saying and a government office named without its state ("Hackers van de Russische
    militaire inlichtingendienst hebben ... Doel was ... [...], zo heeft minister van Defensie
    Ruben Brekelmans bekendgemaakt")? In a national-language paper that office is the home one
    (the caller's condition); a sentence naming a state of its own says nothing here."""
    if s.field != "plain_text":
        return False
    window = text[s.end : min(len(text), s.end + _SPEAKER_AFTER_REACH)]
    for after in sentences(window)[:3]:
        if not _ANY_SAYING.search(after.text):
            continue
        tokenized = words.tokenize(after.text)
        return _unqualified_office(words, tokenized, agencies)
    return False


# A quotation its speaker closes ('"..." - stwierdził Hunt', '"...", he said'): the person
# was introduced before, with the government they speak for.
# (attribution-words.json, role quote-verb)
# A quote that goes on in the next sentence: the sentence before closed its first part with a
# dash, a verb and an office ("„...” – poinformował wicepremier.", "“...” — řekl ministr.").
_DASH_SPEAKER = re.compile(r"[–—-]\s*[^\W\d_]+\s+(?:[^\W\d_]+\s+){0,2}?(?P<office>[^\W\d_]+)")
_OPENS_QUOTE = ("„", "“", "«", '"', "»")


def _quote_goes_on(words, text: str, s: _Sentence) -> bool:
    """Does sentence ``s`` open a quote whose speaker, an office with no state, closed the
    sentence before ("„...” – poinformował wicepremier. „Analiza naszych służb ...")?"""
    if s.field != "plain_text" or not s.text.startswith(_OPENS_QUOTE):
        return False
    before = text[max(0, s.start - 160) : s.start].rstrip()
    if not before.endswith("."):
        return False
    dashes = list(_DASH_SPEAKER.finditer(before))
    m = dashes[-1] if dashes else None  # the last dash of the sentence before
    if m is None or "⟨" in words.tokenize(before[m.start() :]):
        return False
    return bool(words["government-noun"].search(before, m.start(), len(before)))


_VERB_OF_QUOTE = f"(?:{word_alternation(attribution_word_entries('quote-verb'))})"
# The speaker after its verb, closing the clause it said ("«...», a déclaré le ministre
# britannique", "..., dijo el canciller británico", "..., uvedla ve středu FBI").
_SAID_BEFORE = re.compile(
    r"(?:[,»”\"]\s*|\s[-–]\s*)(?:"
    + _VERB_OF_QUOTE
    + "|"
    + word_alternation(attribution_word_entries("quote-verb-before"))  # attribution-words.json
    + r")\s+(?:[\w'’-]+\s+){0,3}$"
)
_QUOTED = compile_gated(
    r"[\"”»“]\s*[-–—,]?\s*(?:(?P<before>[A-ZÀ-Ž][\w-]+)\s+|(?:[\w.]+\s+){0,3}?)"
    + _VERB_OF_QUOTE
    + r"\b(?:\s+(?P<after>[A-ZÀ-Ž][\w-]+))?"
)
# A statement closed by its speaker's name with no quotation marks ("..., sagte Raab.", "...,
# aldus Bijleveld.", "..., a déclaré Rosenstein.", "..., Raab said on Monday."): the name, to
# find the earlier sentence that says for whom that person speaks ("minister van Defensie Ank
# Bijleveld"), as for a quote.
_SAID_BY_NAME = compile_gated(
    r"[,–—-]\s*(?:(?P<before>[A-ZÀ-Ž][\w-]+)\s+"
    + _VERB_OF_QUOTE
    + r"\b(?:\s+[\w-]+){0,3}?|(?:"
    + _VERB_OF_QUOTE
    + r"|aldus|so)\s+(?:[\w'’-]+\s+){0,3}?(?P<after>[A-ZÀ-Ž][\w-]+))\s*[.!]?\s*$"
)
_PRONOUNS = frozenset(attribution_words("pronoun"))  # attribution-words.json, role pronoun

# How far back "It said ..." may look for who said it: a news report's lead names its
# speaker once, and the report goes on with "it said", "the ministry added".
_BACK_REACH = 1500


# "the ministry announced": a definite office points back to the last one the text named,
# however far it is (a headline "Czech foreign minister summons ...").
_DEFINITE = compile_gated(r"\b[Tt]he (?:ministry|minister|department|government)\b")


def _speaker_before(
    lex: Lexicon,
    words,
    text: str,
    s: _Sentence,
    name: str | None = None,
    definite=False,
    attributed: frozenset[str] | set[str] = frozenset(),
) -> list[tuple[str, str]]:
    """The government an earlier sentence names as speaking ("..., the Czech Foreign
    Ministry said on Friday."), for a sentence that points back to it ("It said ...").
    Only sentences that say who speaks count, whether or not they hold a cue: the lead of
    a news report often states the facts and names its source, with the attribution after.
    For a quote its speaker closes by name ('"...," Hunt said'), only a sentence that
    names that person ("Foreign Secretary Jeremy Hunt") says for whom they speak."""
    floor = max(0, s.start - _BACK_REACH)
    stem = name[:-1] if name and len(name) > 4 else name  # "Hunta": Polish cases
    for i, before in enumerate(reversed(sentences(text[floor : s.start]))):
        if stem:
            if re.search(rf"\b{re.escape(stem)}", before.text):
                found = _speakers(lex, words, before.text, f"an earlier sentence naming {name}")
                found = [(c, b) for c, b in found if c not in attributed]
                if found:
                    return found
            continue
        # "According to MIVD Director ...": a sentence opening with its source says who speaks
        says = (
            _STATED.search(before.text)
            or _SAYS.search(before.text)
            or _ACCORDING.match(before.text)
        )
        if says or i == 0 or definite:
            found = _speakers(lex, words, before.text, "an earlier sentence")
            # the state the sentence pointing back holds responsible is no speaker of it: "The
            # UK is escalating its dispute with Russia. The government has called out the GRU"
            found = [(c, b) for c, b in found if c not in attributed]
            # the sentence right before may name its one government without a verb of
            # saying ("The US intelligence agencies concluded ..."; "the country's agencies")
            if found and (says or len(found) == 1):
                return found
            if i == 0 and definite and not found:
                # "The UK is escalating its dispute with Russia. The government has called
                # out ...": the state opening the sentence right before as its subject
                found = _opening_subject(lex, words, before.text, attributed)
                if found:
                    return found
    return []


_OPENING_STATE = re.compile(r"(?:The )?(?P<st>⟨N [A-Z]{2} \d+⟩)")


def _opening_subject(lex: Lexicon, words, sentence: str, attributed) -> list[tuple[str, str]]:
    """The state a sentence opens with as the subject of its finite verb (English)."""
    if words.language != "en":
        return []
    tokenized = words.tokenize(sentence)
    m = _OPENING_STATE.match(tokenized)
    if not m or not _FINITE.match(tokenized, m.end()):
        return []
    code = lex.state_of(m["st"])
    if not code or code in attributed:
        return []
    return [(code, f"text: {words.detokenize(m['st'])!r} (the subject of the sentence before)")]


def _speaker_right_before(lex: Lexicon, words, text: str, s: _Sentence, targets) -> list:
    floor = max(0, s.start - 400)
    if not (_STATED.search(text, floor, s.start) or _SAYS.search(text, floor, s.start)):
        return []  # cheap first: most sentences before say nothing of who speaks
    before = sentences(text[floor : s.start])
    if not before:
        return []
    last = before[-1]
    if not (_STATED.search(last.text) or _SAYS.search(last.text)):
        return []
    found = _speakers(lex, words, last.text, "the sentence before")
    attributed = {t.state for t in targets}
    if len(found) != 1 or found[0][0] in attributed:
        return []
    return found


def _speakers(lex: Lexicon, words, sentence: str, where: str) -> list[tuple[str, str]]:
    """The governments and offices a sentence names, resolved to their state."""
    tokenized = words.tokenize(sentence)
    if "⟨" not in tokenized and not words.body_pattern.search(tokenized):
        return []
    g = _grammar(words)
    out: dict[str, str] = {}
    for m in words.body_pattern.finditer(tokenized):
        code = words.body_code(m.group())
        if code == "?":
            code = _office_state(lex, tokenized, m.start(), m.end(), lex.patterns())
        if code:
            out.setdefault(code, f"text: {words.detokenize(m.group())!r} ({where})")
    for m in g.government.finditer(tokenized):
        code = lex.state_of(m["st"] or m["st2"] or m["st3"])
        if code:
            out.setdefault(code, f"text: {words.detokenize(m.group())!r} ({where})")
    return list(out.items())


# "that" after a verb of saying: what follows is reported, who comes before reports it
_THAT = re.compile(r"\s*,?\s*(?:that|que|qu'|qu’|dass|dat|że|že|che)\b")


def _reporting_speakers(lex: Lexicon, words, sentence: str) -> set[str]:
    """The parties named before a verb of saying and its "that" ("la Casa Blanca aseguró que
    la OTAN, Japón ... se suman a esta condena"): who reports the support, not who gives it."""
    for m in list(_each(_SAYS, sentence)) + list(_each(words["finding"], sentence)):
        if _THAT.match(sentence, m.end()):
            return {c for c, _ in _named_parties(lex, words, sentence[: m.start()])}
    return set()


def _named_parties(lex: Lexicon, words, sentence: str) -> list[tuple[str, str]]:
    """Every state and body a sentence of support names, places included ("agencies of the
    United States, ...")."""
    out: dict[str, str] = {}
    for m in words.body_pattern.finditer(sentence):
        code = words.body_code(m.group())
        if code and code != "?":
            out.setdefault(code, f"text: {words.detokenize(m.group())!r}")
    for m in lex.patterns()["name"].finditer(sentence):
        code = lex.state_of(m["st"])
        if code and not _person(lex, sentence, *m.span(), words.language == "de"):
            out.setdefault(code, f"text: {words.detokenize(m['st'])!r}")
    return list(out.items())


# The states right after the phrase of a joined assessment, listed ("britischer und
# niederländischer Behörden", "the British and Dutch governments").
_ASSESSORS = re.compile(
    r"(?:(?:the|der|den|des)\s+)?⟨[NAM] [A-Z]{2} \d+⟩"
    r"(?:(?:\s*,\s*(?:(?:and|und)\s+)?|\s+(?:and|und)\s+)(?:(?:the|der|den|des)\s+)?"
    r"⟨[NAM] [A-Z]{2} \d+⟩)*"
)


def _assessments_joined(words, sentence: str) -> list[tuple[str, str]]:
    """The states whose assessments a sentence's subject joins, named right after the phrase
    (attribution-cues.json, role joined-assessment): "Er schloss sich damit Einschätzungen
    unter anderem britischer und niederländischer Behörden an"."""
    m = _found(words["joined-assessment"], sentence)
    if not m:
        return []
    run = _ASSESSORS.match(sentence, m.end())
    if not run:
        return []
    return [
        (t[2], f"text: {words.detokenize(t.group())!r} (an assessment joined)")
        for t in _STATE_TOKEN_AT.finditer(run.group())
    ]


def _add_echoes(rows: dict, echoes) -> None:
    """A sentence whose subject joins the assessments of others, right after an attribution
    ("... dass hinter der Kampagne APT28 der russische Militärgeheimdienst GRU steckt«, sagte
    Regierungssprecher Steffen Seibert. Er schloss sich damit Einschätzungen ... britischer
    und niederländischer Behörden an"): those others made that attribution too. Only the
    sentence right before (in 300 characters) is joined; with none, nothing."""
    attributing = [a for a in rows.values() if a.role == "attributing" and a.field == "plain_text"]
    for s, named in echoes:
        before = [a for a in attributing if a.end <= s.start and s.start - a.end < 300]
        if not before:
            continue
        near = max(a.start for a in before)
        for a in (a for a in before if a.start == near):
            for code, basis in named:
                if code == a.attributed_state:
                    continue
                key = (code, "attributing", a.attributed_state, a.level, a.statement_type)
                rows.setdefault(
                    key,
                    replace(
                        a,
                        party=code,
                        party_name=party_name(code),
                        quote=s.text,
                        start=s.start,
                        end=s.end,
                        basis=basis,
                    ),
                )


def _add_supports(words, rows: dict, supports, body_parties: set[str]) -> None:
    """A sentence of support without its own target ("Australia and New Zealand supported
    NCSC's findings") supports the attributions made before it (or, if none, after it)."""
    attributing = [a for a in rows.values() if a.role == "attributing"]
    # A headline squeezes "X, with the support of Y and Z, accuses ..." into "X, Y and Z
    # accuse ...": a party that attributes only there and that the body names in support
    # supports (its headline row goes, see below).
    own = {a.party for a in attributing if not _headline(a)} | body_parties
    demoted: set[str] = set()
    for s, named in supports:
        before = [a for a in attributing if a.field == s.field and a.start < s.start]
        after = [a for a in attributing if a.field == s.field and a.start > s.start]
        supported = before or after
        if not supported:
            continue
        near = max(a.start for a in before) if before else min(a.start for a in after)
        supported = [a for a in supported if a.start == near]
        supported = [a for a in supported if a.party in own] or supported
        parties = {a.party for a in supported}
        # "The EU expressed its solidarity with Germany": a statement of solidarity
        kind = "solidarity" if words["solidarity"].search(s.text) else None
        for code, basis in named:
            if code in own:
                continue  # it makes an attribution of its own in the text: it attributes
            for a in supported:
                if code in parties or code == a.attributed_state:
                    continue
                basis = f"{basis} supports the {a.party_name}'s attribution"
                _add_support(rows, code, a, s, basis, kind)
                demoted.add(code)
    for key, a in list(rows.items()):
        if a.role == "attributing" and a.party in demoted and _headline(a):
            del rows[key]


def _headline(a: Attribution | _Sentence) -> bool:
    """Is row or sentence ``a`` the headline: the title, or a first line with no full stop?"""
    quote = a.quote if isinstance(a, Attribution) else a.text
    return a.field == "title" or (a.start == 0 and not quote.endswith((".", "!", "?")))


def _add_support(rows: dict, code: str, a: Attribution, s, basis: str, kind=None) -> None:
    """``code`` supports attribution ``a`` in sentence ``s`` (the first such row is kept), in
    a statement of its own ``kind`` or as part of ``a``'s."""
    kind = kind or a.statement_type
    key = (code, "supporting", a.attributed_state, a.level, kind)
    rows.setdefault(
        key,
        Attribution(
            party=code,
            party_name=party_name(code),
            role="supporting",
            attributed_state=a.attributed_state,
            level=a.level,
            statement_type=kind,
            date=a.date,
            quote=s.text,
            field=s.field,
            start=s.start,
            end=s.end,
            basis=basis,
        ),
    )


def _headline_finer(rows: dict) -> None:
    """A headline names the state ("UK and partners attribute cyber-attacks to Russia"); the
    body says which part of it ("... to the GRU"). The headline's bare ``state`` is the
    body's finer attribution said short, not one of its own."""
    finer = {
        (a.party, a.attributed_state)
        for a in rows.values()
        if a.field == "plain_text" and a.level not in ("state", "territory")
    }
    for key, a in list(rows.items()):
        headline = a.field == "title" or (a.start == 0 and not a.quote.endswith(_CLOSES))
        if headline and a.level == "state" and (a.party, a.attributed_state) in finer:
            del rows[key]


_CLOSES = (".", "!", "?", '"', "”", "»", ")")


# A sentence that names its own statement ("according to a White House statement", "said in
# a statement", "is formally naming") is a statement, not part of the charges before it
# (English news on sanctions and a statement the same day).
_OWN_STATEMENT = compile_gated(
    r"\b(?:(?:in|a|its|the|their) (?:\w+ )?statement\b|formally (?:nam|attribut|accus|blam)\w*)"
)


def _follow_charges(rows: dict, acts=()) -> None:
    """What a party says after charging or sanctioning, in the same text, is part of that
    act ("According to the U.S. government, the action counters ...", "Today, we are
    exposing ..." in the Justice Department's release): a plain ``statement`` from its own
    clause takes the type of the party's charges or sanctions before it (or in the title).
    ``acts``: (party, start, kind) of charging sentences of the body that made no row."""
    charging = [
        (a.party, a.field != "title", a.start, a.statement_type)
        for a in rows.values()
        if a.statement_type in ("indictment", "sanctions")
    ]
    charging += [(code, True, at, kind) for code, at, kind in acts]
    if not charging:
        return
    for key, a in list(rows.items()):
        if a.statement_type != "statement" or a.role != "attributing" or a.field != "plain_text":
            continue
        if _OWN_STATEMENT.search(a.quote):
            continue  # "..., according to a White House statement": a statement of its own
        before = [c for c in charging if c[0] == a.party and (not c[1] or c[2] < a.start)]
        if not before:
            continue
        kind = max(before, key=lambda c: (c[1], c[2]))[3]
        del rows[key]
        rows.setdefault(key[:4] + (kind,), replace(a, statement_type=kind))


# "The indictment was unsealed on the same day the US, the EU and NATO accused China ...":
# the parties speak in a clause of their own, whose words say what kind of statement it is.
_OTHER_CLAUSE = compile_gated(
    r"\b(?:on the same day|the same day|a day after|(?:days|hours|weeks) after|shortly after)\b"
)
_BASIS_TEXT = re.compile(r"^text: '([^']+)'")


def _party_clause(sentence: str, basis: str) -> str:
    """The part of ``sentence`` from the clause the party (named in ``basis``) speaks in."""
    marker = _OTHER_CLAUSE.search(sentence)
    named = _BASIS_TEXT.match(basis)
    if not marker or not named:
        return sentence
    at = sentence.find(named.group(1), marker.end())
    return sentence[marker.end() :] if at >= 0 else sentence


def _add_row(words, rows, doc, s: _Sentence, code, role, target: _Target, basis, own) -> None:
    if code == target.state:
        return
    clause = _party_clause(s.text, basis)
    stype = _statement_type(words, clause, doc, role, own and code == (doc.publisher or code))
    if stype in ("indictment", "sanctions") and (
        _accused_then_charged(words, s, target, stype)
        or _speaks_after_the_act(words, s, target, basis)
    ):
        stype = "statement"
    if stype == "indictment" and words["sanctions"].search(clause):
        # "announced criminal charges and sanctions against seven hackers": two acts
        _add_one(rows, doc, s, code, role, target, basis, "sanctions")
    _add_one(rows, doc, s, code, role, target, basis, stype)


def _speaks_after_the_act(words, s: _Sentence, target: _Target, basis: str) -> bool:
    """ "The British government announced it would apply the EU sanctions, with Foreign Secretary
    Dominic Raab saying in a statement that his country stands with Germany to hold Russia to
    account": the party named after the sanctions, saying what it holds responsible after its
    name, speaks in a clause of its own, a statement; the sanctions are someone else's act (not
    "The EU imposed sanctions on Russia, the minister said": the target comes before the name)."""
    named = _BASIS_TEXT.match(basis)
    if not named or named.end() != len(basis) or not _SAYS_OR_STATES.search(s.text):
        return False  # a party carried from another sentence ("(goes on)") is not named here
    tokenized = words.tokenize(s.text)
    at = tokenized.find(named.group(1))
    if at < 0 or target.span[0] < at:
        return False
    acts = (words["sanctions"], words["indictment"])
    before = any(w.search(tokenized, 0, at) for w in acts)
    return before and not any(w.search(tokenized, at) for w in acts)


_SAYS_OR_STATES = re.compile(r"\b(?:saying|said|says|stated|statement)\b")
# A charge in the passive, no agent after it: "Sanctions were levied against", "were charged"
_PASSIVE_CHARGE = re.compile(
    r"\b(?:were|was|have been|has been|had been)\s+(?:\w+\s+)?(?:levied|imposed|placed|"
    r"slapped|charged|indicted|sanctioned)\b(?![^.;]*\bby\b)"
)
# Persons said to belong to what follows: "the defendants ... are members of", "the men, who
# are part of" (not "working for", which reads as acting for it: sponsorship)
_MEMBERSHIP = re.compile(
    r"\b(?:defendants|they|men|hackers|officers|individuals|suspects|accused)\b[^.;]{0,80}?"
    r"\b(?:are|were)\s+(?:\w+\s+)?(?:members|officers|part)\s+of\b"
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
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|is|are|be)\s+(?:\w+\s+)?$")


def _accused_then_charged(words, s: _Sentence, target: _Target, act="indictment") -> bool:
    """Two acts in one sentence: "Estados Unidos acusó a Pekín de estar detrás ... e inculpó a
    cuatro piratas informáticos chinos", "accused China of the hack and charged four hackers":
    the state is the object of the accusation, before the charge, which is for the persons;
    so with sanctions ("ha acusado a China de ... y ha anunciado sanciones"; ``act``), at any
    level ("has attributed the cyberattack to Russian intelligence, ..., as the United States
    leveled new sanctions against Russia": what the accusation holds responsible, before the
    act, is the object of a statement; the act is for what follows)."""
    tokenized = words.tokenize(s.text)  # the sentence the target's span was read in
    charge = words[act].search(tokenized)
    if not charge or charge.start() < target.span[1]:
        return False
    if _PASSIVE_BEFORE.search(tokenized, max(0, charge.start() - 30), charge.start()):
        return False  # "A programmer accused of working for Iran was charged": the same person
    blame = words["blame"].search(tokenized, 0, target.span[0])
    return bool(blame) and not words[act].match(tokenized, blame.start())


def _add_one(rows, doc, s: _Sentence, code, role, target: _Target, basis, stype) -> None:
    key = (code, role, target.state, target.level, stype)
    if key in rows and len(rows[key].quote) <= len(s.text):
        return  # keep the tightest sentence: a header run together with the title is not one
    if key in rows and s.field == "title" and rows[key].field != "title":
        return  # the body said it first: the title saying the same is no row of its own
    rows[key] = Attribution(
        party=code,
        party_name=party_name(code),
        role=role,
        attributed_state=target.state,
        level=target.level,
        statement_type=stype,
        date=doc.date,
        quote=s.text,
        field=s.field,
        start=s.start,
        end=s.end,
        basis=basis,
    )


def _add_alignments(lex: Lexicon, rows, entry, doc, alignments: list[_Sentence]) -> None:
    """Countries that 'align themselves with this declaration' support what it attributes."""
    supported = [a for a in rows.values() if a.role == "attributing" and a.party == doc.publisher]
    if not supported:
        return
    for s in alignments:
        for m in lex.patterns()["name"].finditer(lex.tokenize(s.text)):
            code = lex.state_of(m["st"])
            if not code or code == doc.publisher:
                continue
            for a in supported:
                if code == a.attributed_state:
                    continue
                detail = f"aligns with the {a.party_name}'s {a.statement_type}"
                _add_support(rows, code, a, s, f"text: {lex.detokenize(m['st'])!r} {detail}")

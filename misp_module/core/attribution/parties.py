"""Stage 3a: states that stand together. Lists and conjuncts of states ("A, B and C"), partners acting together, states that join an attribution, and the passive and state-backed phrases they appear in: a list member shares its list's role, so a state listed with the target is never its party. Also the words that make an agency the victim of an act rather than an actor."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

from misp_module.core.attribution.model import (
    _Target,
)
from misp_module.core.regexgate import compile_gated
from misp_module.core.rules import (
    attribution_word_entries,
    attribution_words,
    word_alternation,
    word_languages,
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
_STATE_OBJECT = compile_gated(r"(?<![\w.])(?P<st>⟨[NMA] [A-Z]{2} \d+⟩)(?![\w])")
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


# A word for a state's government and "of" between the act's "on" and the state: "a
# cyberattack on the government of Albania" (English; round twenty-two, victims)
_GOVERNMENT_OF_BEFORE = re.compile(
    r"(?:the\s+)?(?:government|authorities|institutions|ministries)\s+of\s+(?:the\s+)?$", re.I
)


def _hit_state(words, sentence: str, start: int) -> bool:
    """Is the state (or its government) at ``start`` what an act named before it hit ("a
    cyberattack on the government of Albania")? Then it is neither target nor party."""
    if words.language != "en":
        return False
    gov = _GOVERNMENT_OF_BEFORE.search(sentence, max(0, start - 40), start)
    return _victim(words, sentence, gov.start() if gov else start)


# A bank's name before or after a state: "the Central Bank of Bangladesh", "la Banque centrale
# du Bangladesh", "el Banco Central de Chile", "Bangladesh Bank": the state names the bank (often
# what was robbed), it neither speaks nor is held responsible (round twenty-two)
_BANK_BEFORE = re.compile(
    r"\b(?:(?:Central|National|Reserve)\s+Bank\s+of(?:\s+the)?"
    r"|Banque\s+(?:[Cc]entrale|[Nn]ationale)\s+(?:du|de\s+la|de\s+l['’]|des|d['’]|de)"
    r"|Banco\s+(?:Central|Nacional)\s+(?:de\s+la|del|de)"
    r"|Banca\s+(?:[Cc]entrale|[Nn]azionale)\s+(?:della|dell['’]|del|di)"
    r"|(?:Zentralbank|Nationalbank)\s+(?:von|des|der))\s*$"
)
_BANK_AFTER = re.compile(r"(?:'s|’s)?\s+(?:(?:Central|National|Reserve)\s+)?Bank\b")


def _bank_named(sentence: str, start: int) -> bool:
    """Does the state whose token begins at ``start`` name a bank ("the Central Bank of
    Bangladesh", "Bangladesh Bank")? Then it is neither party nor target."""
    if _BANK_BEFORE.search(sentence, max(0, start - 40), start):
        return True
    token = _ANY_STATE_TOKEN.match(sentence, start)
    return bool(token and _BANK_AFTER.match(sentence, token.end()))


def _victim_of_act(words, sentence: str, start: int) -> bool:
    """Is the state (or its office) at ``start`` what an attack hit, so never who speaks: the
    object of an attack verb ("in attempts to destabilize Ukraine authorities") or the subject
    of its passive ("Poland among countries attacked by Russian-backed hackers")?
    (attribution-cues.json, roles victim-verb and victim-passive)"""
    if words["victim-verb"].search(sentence, max(0, start - 40), start):
        return True
    if _victim_listed(words, sentence, start):
        return True
    token = _ANY_STATE_TOKEN.match(sentence, start)
    return bool(token and words["victim-passive"].match(sentence, token.end()))


# What an attack hits that a state owns, after the state and a word for its government
# (attribution-words.json, role asset-noun): "Ukraine's government systems", "Ukrainian
# government networks", "Ukraine's state institutions"
_ASSET_AFTER = re.compile(
    r"(?:'s|’s)?\s+(?:(?:government|state|federal|public)\s+)?"
    rf"(?:{word_alternation(attribution_word_entries('asset-noun'))})\b"
)


def _possessed_asset(sentence: str, start: int, end: int | None = None) -> bool:
    """Is the state whose token begins in ``start:end`` the owner of what was hit ("malware
    into Ukraine's government systems")? Then it is the victim: no party, no target."""
    token = _ANY_STATE_TOKEN.search(sentence, start)
    if not token or token.start() >= (end if end is not None else start + 1):
        return False
    return bool(_ASSET_AFTER.match(sentence, token.end()))


def _aided(words, sentence: str, start: int) -> bool:
    """Is the state at ``start`` the one a verb of helping takes ("continue to support Ukraine
    on all fronts"; attribution-cues.json, role aid-verb), so never who speaks? Its own
    findings ("supports the UK's findings") are another's: a possessive state is not aided."""
    token = _ANY_STATE_TOKEN.match(sentence, start)
    if not token or sentence.startswith(("'s", "’s"), token.end()):
        return False
    return bool(words["aid-verb"].search(sentence, max(0, start - 20), start))


_BLAME_ON = re.compile(r"\b(?:blam\w*|pin\w*)\s+(?:[\w-]+\s+){0,3}$")


# An ally, partner or neighbour between an act's "on/against" and the state: "the cyberattack
# on NATO ally Albania", "Iran's cyberattack against our NATO Ally, Albania", "attacks on its
# neighbour Ukraine" (English; up to two words before the noun, a comma after it; the nouns are
# attribution-words.json, relation-noun)
@functools.lru_cache(maxsize=8)
def _titled_victim_pattern(nouns: str) -> re.Pattern:
    return re.compile(
        r"\s+(?:on|against|targeting)\s+(?:(?:the|its|our|their|a|an|fellow)\s+)?"
        rf"(?:(?:[\w.-]+|⟨[^⟩]*⟩)\s+){{0,2}}?(?:{nouns})\s*,?\s+(?:the\s+)?$",
        re.I,
    )


def _titled_victim(words, sentence: str, start: int) -> bool:
    """Is the state at ``start`` the victim of an act, named after a word for its relation to
    someone ("the cyberattack on NATO ally Albania")? Then it is neither target nor party."""
    if words.language != "en":
        return False
    window = sentence[max(0, start - 90) : start]
    last = next(reversed(list(words["event-noun"].finditer(window))), None)
    pattern = _titled_victim_pattern(words.lex.RELATION_NOUNS)
    return bool(last and pattern.fullmatch(window, last.end()))


# The items of a list before a state: states or capitalised names, each followed by a comma or
# "and"/"or" ("Israel, Saudis, ", "Kuwait, Lebanon and ")
_LIST_BEFORE = re.compile(
    r"(?:(?:⟨[^⟩]*⟩|[A-Z][\w'’-]*)(?:\s+(?:⟨[^⟩]*⟩|[A-Z][\w'’-]*))?"
    r"(?:\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+)(?:the\s+)?)+$"
)


def _victim_listed(words, sentence: str, start: int) -> bool:
    """Is the state at ``start`` down a list an attack verb governs ("have targeted Israel,
    Saudis, Turkey since 2014": a plural demonym in the list is no state token, so the list
    walk of the direct check stops at it)? Every item of such a list is a victim."""
    window = sentence[max(0, start - 160) : start]
    items = _LIST_BEFORE.search(window)
    if not items or not items.group().startswith("⟨") and "⟨" not in items.group():
        return False
    return bool(words["victim-verb"].search(window, max(0, items.start() - 40), items.start()))

"""Stage 5: speakers and denials. Who says a sentence when it names no party itself: the speaker named after it ("..., the Czech Foreign Ministry said"), before it ("It said ..."), in a quote, or in the headline; named groups tied to a state earlier in the text; statements of solidarity; and denials, where the accused state rejects the accusation and accuses back, which yield nothing."""

from __future__ import annotations

import re

from misp_module.core.attribution.document import (
    _unqualified_office,
)
from misp_module.core.attribution.grammar import (
    _FINITE,
    _GROUP,
    _VERB_OF_QUOTE,
    _each,
    _found,
    _grammar,
)
from misp_module.core.attribution.model import (
    _Sentence,
    _Target,
)
from misp_module.core.attribution.parties import (
    _ANY_STATE_TOKEN,
    _LIST_JOIN,
    _STATE_TOKEN_AT,
    _victim_of_act,
)
from misp_module.core.attribution.persons import (
    SAYING_WORDS,
    _person,
)
from misp_module.core.attribution.places import (
    _ACCORDING,
    _SAYS,
    _office_state,
)
from misp_module.core.attribution.roles import (
    _roles,
)
from misp_module.core.attribution.rows import (
    _BASIS_TEXT,
    _add_row,
)
from misp_module.core.attribution.splitting import (
    _SPACES,
    _Document,
    _sentence_end,
    sentences,
)
from misp_module.core.lexicon import Lexicon
from misp_module.core.regexgate import compile_gated
from misp_module.core.rules import (
    attribution_word_entries,
    attribution_words,
    word_alternation,
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


# What joins the items of a list ("Europäischen Union, der Nato"): a comma or "and", an article
_LISTED_ON = re.compile(
    r"\s*(?:,|\s(?:and|und|et|y|e|i|a|en))\s*(?:(?:the|der|die|das|den|dem|la|le|les|el|il|l'|de|het)\s+)?"
)


def _aided_states(words, sentence: str) -> set[str]:
    """The states a sentence of support names only as the one helped ("weiterhin die Ukraine
    massiv unterstützen", "en soutien de l'Ukraine"; attribution-cues.json, roles aid-verb and
    aid-verb-after), and the bodies its speaker acts within (role within): no supporter of an
    attribution. A possessive state ("supports the UK's
    findings") is not helped: its findings are."""
    helped: set[str] = set()
    other: set[str] = set()
    # "Seite an Seite innerhalb der Europäischen Union, der Nato und ...": the bodies a speaker
    # acts within (role within; the list after the first one too) are its frame
    framed_until = -1  # where the last body acted within ends: a list may go on from it
    for m in words.body_pattern.finditer(sentence):
        listed = framed_until >= 0 and _LISTED_ON.fullmatch(sentence, framed_until, m.start())
        if listed or words["within"].search(sentence, max(0, m.start() - 40), m.start()):
            code = words.body_code(m.group())
            if code and code != "?":
                helped.add(code)
            framed_until = m.end()
    for t in _ANY_STATE_TOKEN.finditer(sentence):
        code = t.group()[3:5]
        possessive = sentence.startswith(("'s", "’s"), t.end())
        before = words["aid-verb"].search(sentence, max(0, t.start() - 30), t.start())
        after = words["aid-verb-after"].match(sentence, t.end())
        (helped if (before or after) and not possessive else other).add(code)
    return helped - other


# "rejected allegations made in an advisory from the US and 12 other countries that accused
# Beijing of ...": the accusation a denial names, with its accuser, is an attribution of its
# own (the accuser's), read from the accusation noun on; the denial around it adds nothing.
_ACCUSATION_BY = compile_gated(
    r"\b(?:accusations?|allegations?|claims|charges)\b[^.;]{0,80}?\b(?:by|from)\s+"
)


# Other languages name the accuser after a participle or verb of making the accusation, and
# the accused is the sentence's subject: "Rusia denunció las acusaciones sin fundamento
# lanzadas por EE UU y Reino Unido al acusarle", "Ruské ministerstvo zahraničí odmítlo obvinění
# ..., která v pátek vznesla vláda Spojených států" (round thirteen). Only with that explicit
# agent: "les accusations des Pays-Bas" may be the press's, not a government's.
_ACCUSATION_MADE_BY = {
    "es": r"\bacusacion\w*\b[^.;]{0,80}?\b(?:lanzad|formulad|hech|vertid|presentad)[oa]s? "
    r"(?:\w+ ){0,3}?por\s+",
    "fr": r"\baccusations?\b[^.;]{0,80}?\b(?:porté|formulé|lancé|émis|proféré)e?s? "
    r"(?:\w+ ){0,3}?par\s+",
    "it": r"\baccuse\b[^.;]{0,80}?\b(?:lanciat|moss|formulat|avanzat)[eia] "
    r"(?:\w+ ){0,3}?(?:da|dal|dalla|dagli|dai)\s+",
    "cs": r"\bobvinění\b[^.;]{0,80}?\b(?:kter\w+ (?:\w+ ){0,3}?vznesl\w*|vznesen\w*)\s+",
    "pl": r"\boskarże\w*\b[^.;]{0,80}?\b(?:wysunięt|sformułowan|postawion)\w* "
    r"(?:\w+ ){0,3}?przez\s+",
    "nl": r"\b(?:beschuldiging|aantijging)\w*\b[^.;]{0,80}?\b(?:geuit|gedaan) "
    r"(?:\w+ ){0,3}?door\s+",
}
_ACCUSATION_MADE_BY = {k: re.compile(v) for k, v in _ACCUSATION_MADE_BY.items()}
# the accused: a state (or its capital) opening the sentence, an article or a demonym's office
_ACCUSED_SUBJECT = re.compile(r"^(?:\w{1,3}\s+)?(?P<st>⟨[NAM] [A-Z]{2} \d+⟩)")


def _add_denied_accusation_by_agent(lex: Lexicon, words, rows, doc: _Document, s) -> None:
    pattern = _ACCUSATION_MADE_BY.get(words.language)
    tokenized = words.tokenize(s.text) if pattern else ""
    m = pattern.search(tokenized) if pattern else None
    accused = _ACCUSED_SUBJECT.match(tokenized) if m else None
    if not accused or accused.start("st") >= m.start():
        return
    state = lex.state_of(accused["st"])
    # the accusers: the states and bodies named right after the agent's preposition, up to the
    # clause's end
    after = tokenized[m.end() :]
    clause = re.split(r"[,;:]| al | que | which ", after, maxsplit=1)[0][:80]
    accusers = [(c, b) for c, b in _named_parties(lex, words, clause) if c != state]
    if not state or not accusers:
        return
    target = _Target(state, "state", accused.span("st"))
    sub = _Sentence(s.field, s.start, s.end, s.text)
    for code, basis in accusers:
        _add_row(words, rows, doc, sub, code, "attributing", target, f"{basis} (denied)", False)


def _add_denied_accusation(lex: Lexicon, words, rows: dict, doc: _Document, s: _Sentence) -> None:
    if words.language != "en":
        _add_denied_accusation_by_agent(lex, words, rows, doc, s)
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
    r"secondo|uvedl\w*|według|claim(?:s|ed)?(?! responsibility| credit)"
    # "it follows from the statements of ...": "Vyplývá to z prohlášení Rady EU a britského
    # ministerstva zahraničí", "Dies geht aus einer Erklärung ... hervor", "Cela ressort d'un
    # communiqué", "Lo si evince da una nota", "Así se desprende de un comunicado" (round
    # thirteen)
    r"|(?i:vyplývá (?:to )?z|geht aus|ressort d|si evince da|se desprende de))\b"
)


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
    if _found(words["denial"], following) or _found(words["negation"], following):
        # "Putin's spokesman said public debate in Washington about the breaches 'has nothing
        # to do with us'": a denial says who denies, never who attributed the sentence before
        return []
    return _speakers(lex, words, following, "the sentence after")


# Any verb of saying (persons.SAYING_WORDS): "zo heeft minister ... bekendgemaakt",
# "- powiedział ...".
_ANY_SAYING = compile_gated(r"\b(?:" + SAYING_WORDS + r")\b")
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
_DEFINITE = compile_gated(
    r"\b[Tt]he (?:ministry|minister|department|government)\b"
    # "the Deputy Prime Minister has said", "the Foreign Secretary said" (round sixteen)
    r"|\b[Tt]he (?:[Dd]eputy )?(?:[Pp]rime [Mm]inister|[Ff]oreign (?:[Ss]ecretary|[Mm]inister)|"
    r"[Dd]efen[cs]e (?:[Ss]ecretary|[Mm]inister)|[Hh]ome [Ss]ecretary|[Cc]hancellor) (?:has |had )?"
    r"(?:said|says|added|announced|confirmed|told)\b"
)


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
    return _sole_speaker(_speakers(lex, words, last.text, "the sentence before"), targets)


# The states "between" names, one or two of them (English): who take part in something, as
# "a joint military drill between Seoul and Washington", never who speaks
_BETWEEN = re.compile(
    r"\bbetween\s+(?:the\s+)?(?:(?:⟨[^⟩]*⟩|[A-Z][\w-]*)\s+(?:and|,)\s+(?:the\s+)?)?$"
)


def _speakers(lex: Lexicon, words, sentence: str, where: str) -> list[tuple[str, str]]:
    """The governments and offices a sentence names, resolved to their state."""
    tokenized = words.tokenize(sentence)
    if "⟨" not in tokenized and not words.body_pattern.search(tokenized):
        return []
    g = _grammar(words)
    out: dict[str, str] = {}
    for m in words.body_pattern.finditer(tokenized):
        if _BETWEEN.search(tokenized, max(0, m.start() - 60), m.start()):
            continue  # "a joint military drill between Seoul and Washington": who takes part
        if words["addressee-verb"].search(tokenized, max(0, m.start() - 40), m.start()):
            continue  # "Polska poinformowała NATO o cyberataku": who was told, not who speaks
        code = words.body_code(m.group())
        if code == "?":
            code = _office_state(lex, tokenized, m.start(), m.end(), lex.patterns())
        if code:
            out.setdefault(code, f"text: {words.detokenize(m.group())!r} ({where})")
    for m in g.government.finditer(tokenized):
        if _victim_of_act(words, tokenized, m.start()):
            continue  # "meant to cripple Ukraine's government": what was hit, not who speaks
        if _BETWEEN.search(tokenized, max(0, m.start() - 60), m.start()):
            continue  # "a joint military drill between Seoul and Washington": who takes part
        if words["addressee-verb"].search(tokenized, max(0, m.start() - 40), m.start()):
            continue  # "Poland informed the United States": who was told
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


# Any state token of a tokenized text, for counting which states a text names.
_STATE_CODES = re.compile(r"⟨[NAM] ([A-Z]{2}) \d+⟩")


def _shared_office_states(
    lex: Lexicon, words, entry, parties: list[tuple[str, str]], named: dict
) -> list[tuple[str, str]]:
    """An office several governments name alike (offices.json, ``shared-with``: "National
    Police Agency" is Japan's, South Korea's and Taiwan's) speaks for the one of those states
    the text names most, its usual state on a tie; when the text names none of them, for
    nobody (or its usual state: offices.json, ``when-none-named``). Korean news ("the National Police Agency revealed that the hack was carried out by
    ... the North Korean Reconnaissance General Bureau") is not Japan speaking. ``named``
    caches the text's state counts across its sentences."""
    if not lex.SHARED_OFFICES:
        return parties
    out = []
    for code, basis in parties:
        said = _BASIS_TEXT.match(basis)
        shared = said and next(
            ((st, usual) for p, st, usual in lex.SHARED_OFFICES if p.fullmatch(said.group(1))),
            None,
        )
        states, usual = shared or (None, False)
        if not states or code not in states:
            out.append((code, basis))
            continue
        if "counts" not in named:
            tokenized = words.tokenize(entry.title + "\n" + entry.text)
            counts: dict[str, int] = {}
            for m in _STATE_CODES.finditer(tokenized):
                counts[m.group(1)] = counts.get(m.group(1), 0) + 1
            named["counts"] = counts
        counts = named["counts"]
        best = max(states, key=lambda st: (counts.get(st, 0), st == states[0]))
        if counts.get(best, 0) or usual:
            out.append((best, basis))  # "the Foreign Office said" naming no state: the UK's
    return out


def _denier(lex: Lexicon, tokenized: str) -> str | None:
    """The state that opens a denial's sentence, its subject ("La Russia ha negato ...", "La
    missione diplomatica russa in Germania ha ribadito ..."): the first state in its first
    words."""
    m = _ANY_STATE_TOKEN.search(tokenized, 0, 60)
    return lex.state_of(m.group()) if m else None


def _accuser_speaks(lex: Lexicon, words, tokenized: str, doc, p: dict, denier) -> bool:
    """After a denial, a sentence where another government is the subject and the denier the
    one held responsible ("Il governo tedesco ha accusato la Russia di essere dietro a un
    cyberattacco"): the news reports the accusation, the accused no longer speaks (round
    thirteen). Only a government the sentence names and the denier as its target."""
    if not denier or _ANY_SAYING.search(tokenized):
        # "..., he said", "ha aggiunto": the denier's spokesperson still speaks ("The US is the
        # world's largest hacker and is responsible for attacks on China, he said")
        return False
    roles = _roles(lex, words, tokenized, doc, p)
    named = [c for c, _ in roles.parties if c != denier]
    return bool(named) and any(t.state == denier for t in roles.targets)


# A clause that opens with its attribution verb, no subject before it: "Acusó a Rusia de ...",
# "Ha accusato la Russia di ...", "Oskarżył Rosję o ...", "Obvinila Rusko z ..." (the languages
# that drop a pronoun subject; an auxiliary may come first)
_DROPPED_SUBJECT_LANGUAGES = ("es", "it", "pl", "cs")
_AUXILIARY_FIRST = re.compile(
    rf"^(?:(?:{word_alternation(attribution_word_entries('clause-opener'))})\s+)*"
)


def _subject_dropped_speaker(lex: Lexicon, words, text: str, s, targets) -> list:
    """The one government the sentence right before names, when this one opens with its
    attribution verb and no subject (round thirteen)."""
    if words.language not in _DROPPED_SUBJECT_LANGUAGES or s.field != "plain_text":
        return []
    start = _AUXILIARY_FIRST.match(s.text).end()
    verb = words["blame"].match(s.text, start)
    if not verb:
        return []
    return _one_speaker_before(
        lex, words, text, s, targets, "the subject the sentence before named"
    )


def _one_speaker_before(lex: Lexicon, words, text: str, s, targets, why: str) -> list:
    """The one government the sentence right before ``s`` names as a speaker, unless it is a
    state ``s`` attributes to."""
    before = sentences(text[max(0, s.start - 300) : s.start])
    if not before:
        return []
    return _sole_speaker(_speakers(lex, words, before[-1].text, why), targets)


def _sole_speaker(found: list, targets) -> list:
    """``found`` when it is one speaker and not a state the sentence attributes to; else none
    (a sentence before that names two governments, or the accused, says nothing of who speaks)."""
    if len(found) != 1 or found[0][0] in {t.state for t in targets}:
        return []
    return found


# "according to the statement" pointing back to a document the sentence before says a
# government issued (other languages; round thirteen)
# (attribution-words.json, roles per-document, document-article, document-noun)
_PER_DOCUMENT = re.compile(
    rf"\b(?i:{word_alternation(attribution_word_entries('per-document'))})\s+"
    rf"(?:(?:{word_alternation(attribution_word_entries('document-article'))})\s*)?"
    rf"(?:{word_alternation(attribution_word_entries('document-noun'))})\b"
)


def _document_speaker(lex: Lexicon, words, text: str, s, targets) -> list:
    """The one government the sentence right before names, when this one speaks "according to
    the statement" (its issuer)."""
    if words.language == "en" or s.field != "plain_text" or not _PER_DOCUMENT.search(s.text):
        return []
    return _one_speaker_before(lex, words, text, s, targets, "the issuer of the statement before")

"""Stage 4: rows. Turns the roles of each sentence into :class:`Attribution` rows and completes them with what other sentences say: support for an attribution made before ("supported NCSC's findings", alignments with a declaration, echoed assessments), what a party says after charging or sanctioning, and a headline made finer by its body."""

from __future__ import annotations

import re
from dataclasses import replace

from misp_module.core.attribution.genres import genre_words, organ_states
from misp_module.core.attribution.model import (
    Attribution,
    _Sentence,
    _Target,
    party_name,
)
from misp_module.core.attribution.places import (
    _statement_type,
    _taken,
)
from misp_module.core.lexicon import Lexicon
from misp_module.core.regexgate import compile_gated
from misp_module.core.rules import attribution_word_entries, word_alternation


def _row_of(
    s, code: str, role: str, state: str, level: str, stype: str, date, basis: str
) -> Attribution:
    """A row whose quote, field and span are the sentence ``s`` that says it."""
    return Attribution(
        party=code,
        party_name=party_name(code),
        role=role,
        attributed_state=state,
        level=level,
        statement_type=stype,
        date=date,
        quote=s.text,
        field=s.field,
        start=s.start,
        end=s.end,
        basis=basis,
    )


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
        _row_of(s, code, "supporting", a.attributed_state, a.level, kind, a.date, basis),
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
        headline = _is_headline(a.field, a.start, a.quote)
        if headline and a.level == "state" and (a.party, a.attributed_state) in finer:
            del rows[key]


_CLOSES = (".", "!", "?", '"', "”", "»", ")")


def _is_headline(field: str, start: int, quote: str) -> bool:
    """The title, or a text's first line with no full stop (a headline run into the body)."""
    return field == "title" or (start == 0 and not quote.endswith(_CLOSES))


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
# A party found as the body that charges (genres.py, role prosecutors): its words are the
# indictment's ("Rim is accused of orchestrating ransomware attacks", the grand jury speaking)
_CHARGING_BODY = re.compile(r" \(prosecutors[,)]")


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
    if stype == "statement" and _CHARGING_BODY.search(basis):
        stype = "indictment"  # "Rim is accused of ...", said by the grand jury or prosecutors
    if stype == "indictment" and _taken(words, "sanctions", clause):
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
    old = rows.get(key)
    if old is not None:
        headline = _is_headline(s.field, s.start, s.text)
        if headline != _is_headline(old.field, old.start, old.quote):
            if headline:
                return  # the body said it first: the headline saying the same is no row
            # the body says what the headline said: its sentence is the row's (a headline's
            # row goes when the body says more, _headline_finer)
        elif len(old.quote) <= len(s.text):
            return  # keep the tightest sentence: a header run together with the title is not one
    rows[key] = _row_of(s, code, role, target.state, target.level, stype, doc.date, basis)


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


# After a state, a word that makes it an actor (attribution-words.json, role state-tie): "the
# Russian government", "North Korea's military", "Russian state hackers"; "state-sponsored"
# anywhere ties the text to a state too.
_STATE_TIE = re.compile(
    r"⟨[NAM] ([A-Z]{2}) \d+⟩(?:'s|’s)?[\s-]+(?:[\w-]+\s+){0,2}?"
    rf"(?:{word_alternation(attribution_word_entries('state-tie'))})\b"
    r"|\b[Ss]tate[- ](?:sponsored|backed)\b",
    re.I,
)


def _drop_crime_nationals(lex: Lexicon, words, rows: dict, text: str) -> None:
    """Persons charged or sanctioned as nationals of a state ("charging two Russian nationals
    with deploying LockBit ransomware") in a text about crime for profit, which names no agency
    of that state and never ties it to an actor ("the Russian government", "state-sponsored"):
    criminals of that nationality, not an attribution to their state. Every row of such a
    state goes when all of them are at the level of individuals (English: the tie words)."""
    if words.language != "en":
        return
    levels: dict[str | None, set[str | None]] = {}
    for a in rows.values():
        levels.setdefault(a.attributed_state, set()).add(a.level)
    loose = {state for state, found in levels.items() if found == {"individuals"}}
    if not loose or not genre_words(words)["crime"].search(text):
        return  # (cheap first) a word for crime for profit (attribution-genres.json, crime)
    tokenized = words.tokenize(text)
    for m in _STATE_TIE.finditer(tokenized):
        if not m.group(1):
            return  # "state-sponsored": some state's actor, say nothing of nationality
        loose.discard(m.group(1))
    for m in lex.patterns()["agency_name"].finditer(tokenized):
        loose.discard(lex.agency_state(m.group()))
    # an organ of the state ("the General Staff of the Russian Armed Forces"), or officers of
    # its services among the nationals charged ("Twelve Chinese nationals, including ... law
    # enforcement officers"): attribution-genres.json, role state-organ, read after the state
    loose -= organ_states(words, tokenized)
    for key in [k for k, a in rows.items() if a.attributed_state in loose]:
        del rows[key]

"""The orchestration: :func:`attribution_report` runs the stages over a text (language, document voice, cue sentences, roles, rows, speakers, context) and gives its attributions, background and notes; :func:`extract_attributions` is the tagged rows only, :func:`language_of` the entry's language."""

from __future__ import annotations

from dataclasses import replace

from misp_module.core.attribution.context import (
    _PERSONS_REACH,
    _charges_go_on,
    _headline_speakers,
    _persons_charged_go_on,
    _recalled,
)
from misp_module.core.attribution.document import (
    _document,
    _unqualified_office,
    language_of,
)
from misp_module.core.attribution.genres import genre_words, read_genres
from misp_module.core.attribution.grammar import (
    _each,
    _found,
)
from misp_module.core.attribution.model import (
    HEADER_CHARS,
    LEVEL_ORDER,
    Attribution,
    AttributionReport,
    _Sentence,
    _Target,
    _target,
)
from misp_module.core.attribution.parties import (
    _conjuncts,
    _partners,
)
from misp_module.core.attribution.places import (
    _PARAGRAPH,
    _SAYS,
    _statement_type,
    _taken,
)
from misp_module.core.attribution.roles import (
    _roles,
)
from misp_module.core.attribution.rows import (
    _PASSIVE_CHARGE,
    _add_alignments,
    _add_echoes,
    _add_row,
    _add_supports,
    _drop_crime_nationals,
    _follow_charges,
    _headline,
    _headline_finer,
)
from misp_module.core.attribution.speakers import (
    _DEFINITE,
    _PRONOUNS,
    _QUOTED,
    _SAID_BY_NAME,
    _accuser_speaks,
    _add_denied_accusation,
    _aided_states,
    _assessments_joined,
    _denier,
    _document_speaker,
    _known_groups,
    _named_parties,
    _office_speaks_after,
    _quote_goes_on,
    _reporting_speakers,
    _shared_office_states,
    _solidarity_with,
    _speaker_after,
    _speaker_before,
    _speaker_right_before,
    _subject_dropped_speaker,
    _tie_groups,
)
from misp_module.core.attribution.splitting import (
    cue_sentences,
)
from misp_module.core.entry import OrklEntry
from misp_module.core.lexicon import Lexicon, lexicon
from misp_module.core.regexgate import compile_gated


def extract_attributions(entry: OrklEntry, lex: Lexicon | None = None) -> list[Attribution]:
    """The public attributions ``entry`` makes, with the words of ``lex`` (the shipped rules)."""
    return attribution_report(entry, lex).rows


# "The group is allegedly run by the MSS": a group named in the sentence before, run by an
# agency (the words right before its name; the cue of attribution-cues.json reads the sentence)
_GROUP_RUN_BY = compile_gated(
    r"\bgroups? (?:is|was|are|were) (?:(?:allegedly|reportedly|believed to be|said to be) )?"
    r"(?:run|operated|controlled|directed) by\b"
)


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
    denier: str | None = None  # the state whose denial the sentences up to denied_until voice
    body_parties: set[str] = set()  # who attributes in a sentence of the body, not a headline
    last_charging: list[tuple[str, str]] = []  # who sanctions or charges, for "the sanctions"
    acts: list[tuple[str, int, str]] = []  # (party, start, kind): charges with no row of their own
    last_end = -1
    last_targets: list[_Target] = []  # what the last attributing sentence held responsible
    groups: dict[str, tuple[str, str]] = {}  # "APT28" -> ("RU", "state-agency"), as the text says
    named_states: dict = {}  # the states the text names, counted once (shared offices)
    p = lex.patterns()
    headline = _headline_speakers(lex, words, entry, doc, p)
    genre = read_genres(words, text, entry.title, doc.kind)  # advisory co-authors, charges
    # A timeline, chronology or tracker of past incidents ("Cyberwar Timeline", "Below is a
    # timeline tracing ...") recalls every attribution it lists: evidence, never tags.
    # (_found: a few substring tests first, 2.5x faster over the corpus's headers)
    compilation = bool(
        _found(words["compilation"], entry.title)
        or _found(words["compilation"], text[:HEADER_CHARS])
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
        # "Pragę wsparła UE.": a sentence of support that names only a body (the EU, NATO) still
        # supports the attribution before it (round sixteen)
        backing = (
            stateless and _found(words["support"], s.text) and words.body_pattern.search(s.text)
        )
        if stateless and not known and not backing and not p["agency_name"].search(tokenized):
            if last_targets and s.field == "plain_text" and s.start - last_end < 400:
                _charges_go_on(words, rows, doc, s, last_parties, last_targets)
            if last_targets and s.field == "plain_text" and s.start - last_end < _PERSONS_REACH:
                _persons_charged_go_on(lex, words, rows, doc, s, last_parties, last_targets, text)
            continue  # no state, no agency: nothing to attribute or support (cheap first)
        if _sanctioned_for_other_act(words, gw, s.text):
            note(("drop", s, "non-cyber"))
            continue  # "The EU sanctioned 10 Russian individuals for human rights abuses"
        if _found(gw["physical-act"], s.text) and not gw["cyber"].search(s.text):
            # "seria usiłowań i podpaleń na zlecenie GRU": arson or sabotage with no cyber word
            # in the sentence, though the text is about a cyberattack (attribution-genres.json,
            # role physical-act)
            note(("drop", s, "non-cyber"))
            continue
        if lex.ALIGNMENT.search(s.text):
            alignments.append(s)
            note(("drop", s, "alignment"))
            continue
        if (
            s.field == "plain_text"
            and s.start < denied_until
            and not _accuser_speaks(lex, words, tokenized, doc, p, denier)
        ):
            note(("drop", s, "denied"))
            continue  # the accused state's spokesperson goes on speaking: "... he said"
        if _found(words["negation"], s.text) or _found(words["denial"], s.text):
            note(("drop", s, "denial"))
            if s.field == "plain_text":
                paragraph = _PARAGRAPH.search(text, s.end)
                denied_until = min(paragraph.start() if paragraph else len(text), s.end + 600)
                denier = _denier(lex, tokenized) or denier
            _add_denied_accusation(lex, words, rows, doc, s)
            continue
        roles = _roles(lex, words, tokenized, doc, p, known)
        targets = genre.targets(s, tokenized, roles.targets, _target)
        if targets is not roles.targets:  # most sentences: the same list back, nothing to copy
            roles = replace(roles, targets=targets)
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
            # nor a supporter beside a target of the sentence's own ("L'OTAN a exprimé sa
            # solidarité avec la République tchèque après l'attaque attribuée à la Chine")
            held = [(c, b) for c, b in roles.supporters if c not in supported.values()]
            roles = replace(roles, targets=targets, supporters=held)
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
                speakers |= set(supported.values()) | _aided_states(words, tokenized)
                named = [(c, b) for c, b in named if c not in speakers]
                if named:
                    supports.append((s, named))
            elif roles.parties and s.field == "plain_text":
                if _taken(words, "indictment", s.text) or _taken(words, "sanctions", s.text):
                    # a charge or sanction brought ("The United Kingdom announced plans to
                    # enforce these sanctions" brings none: role prospective)
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
            if not parties and not carried:
                # "El Gobierno español reaccionó el viernes. Acusó a Rusia de ...": a language
                # that drops the subject goes on with the government the sentence before named
                parties = _subject_dropped_speaker(lex, words, text, s, roles.targets)
            if not parties and not carried:
                # "El Ministerio de Exteriores británico publicó un comunicado. Según el
                # comunicado, detrás del ataque está Rusia": the document's issuer speaks
                parties = _document_speaker(lex, words, text, s, roles.targets)
            if not parties:  # "This was stated by the Czech Ministry of Foreign Affairs."
                parties = _speaker_after(lex, words, text, s)
            said = anaphor or roles.unresolved or _SAYS.search(s.text)
            heard = [(c, b) for c, b in headline if c not in {t.state for t in roles.targets}]
            if not parties and said and heard:
                # "UK blames China for cyber attack" over "..., Deputy Prime Minister Oliver
                # Dowden said": a speaker the body names by office speaks for the headline's
                parties = heard
            home = doc.home if doc.home not in {t.state for t in roles.targets} else None
            # A paper that has reported only another government's attribution so far ("Der
            # Justizministerium-Verantwortliche ..." after "Das US-Justizministerium hat ...
            # beschuldigt") goes on reporting that government: an office it names without its
            # state is that one's, not the home government's.
            abroad = {a.party for a in rows.values() if a.role == "attributing"}
            home_basis = f"home government of {doc.home_basis}"
            if abroad and home not in abroad:
                home = None
                if len(abroad) == 1 and not abroad & {t.state for t in roles.targets}:
                    home = next(iter(abroad))
                    home_basis = "the one government the text has reported so far"
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
                parties = [(home, home_basis)]
        if (
            not parties
            and not voice
            and last_charging
            and last_targets
            and s.field == "plain_text"
            and s.start - last_end < _PERSONS_REACH
            and words["membership"].search(s.text)
            and {t.state for t in roles.targets} <= {t.state for t in last_targets}
        ):
            # "Prosecutors say the defendants ... are members of North Korea's military
            # intelligence agency": the persons the party charged belong to the agency, held
            # responsible by that party, the persons individuals of its state
            parties = [(c, f"{b} (the persons it charged)") for c, b in last_charging]
            persons = [_Target(t.state, "individuals", t.span) for t in roles.targets]
            roles = replace(roles, targets=[*roles.targets, *persons])
        if (
            not voice
            and last_attributed
            and last_parties
            and last_targets
            and words.language == "en"
            and s.field == "plain_text"
            and s.start - last_end < _PERSONS_REACH
            and roles.targets
            and _GROUP_RUN_BY.search(s.text)
            and {t.state for t in roles.targets} <= {t.state for t in last_targets}
        ):
            # "Chinese state-sponsored hackers targeted the parliament. The group is allegedly
            # run by China's Ministry of State Security": the group the party held responsible
            # is run by the agency, which the same party holds responsible
            parties = parties or [
                (c, f"{b} (the group it held responsible)") for c, b in last_parties
            ]
            agency = [_Target(t.state, "state-agency", t.span) for t in roles.targets]
            roles = replace(roles, targets=[*roles.targets, *agency])
        parties = genre.parties(s, tokenized, roles.targets, parties)
        parties = _shared_office_states(lex, words, entry, parties, named_states)
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
        recalled = _recalled(words, s.text) or _relative_finding(words, tokenized)
        into = background if compilation or recalled else rows
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
    _drop_counter_accusations(rows)
    _follow_charges(rows, acts)
    _expulsions_follow(words, rows)
    _headline_finer(rows)
    _add_supports(words, rows, supports, body_parties)
    _add_echoes(rows, echoes)
    _add_alignments(lex, rows, entry, doc, alignments)
    _drop_crime_nationals(lex, words, rows, f"{entry.title}\n{text}")
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


def _drop_counter_accusations(rows: dict) -> None:
    """The accused state accusing its accuser back ("China accuses the United States of the
    same practices", "Beijing summoned the US ambassador over the accusations of the United
    States") after the text has reported the accuser's attribution to it is the accused's
    answer to that attribution, as a denial is: no attribution of its own (issue 17, denials).
    A row of party Y against state X goes when an attributing row of party X against state Y
    comes before it in the text (the title first), unless a third party attributes to X too:
    then X is one the text accuses ("The Treasury sanctioned Iran's ministry ... Albania's
    Prime Minister said Iran was responsible"), and its own accusation no answer to Y's."""
    place = lambda a: (a.field != "title", a.start)  # noqa: E731
    first: dict[tuple[str, str | None], tuple] = {}
    accusers: dict[str | None, set[str]] = {}
    for a in rows.values():
        if a.role == "attributing":
            key = (a.party, a.attributed_state)
            first[key] = min(first.get(key, place(a)), place(a))
            accusers.setdefault(a.attributed_state, set()).add(a.party)
    for key, a in list(rows.items()):
        if a.role != "attributing" or not a.attributed_state:
            continue
        accusation = first.get((a.attributed_state, a.party))
        if accusation is None or accusation > place(a):
            continue
        if accusers.get(a.attributed_state, set()) - {a.party}:
            continue  # a third party accuses X too: X is the accused, Y its accuser
        del rows[key]


def _expulsion_only(words, sentence: str) -> bool:
    """Is an expulsion the sentence's only cue ("Vier Russen werden het land uitgezet")?"""
    expelled = [m.span() for m in words["expulsion"].finditer(sentence)]
    return bool(expelled) and all(
        any(a <= m.start() < b for a, b in expelled) for m in words.CUE.finditer(sentence)
    )


def _expulsions_follow(words, rows: dict) -> None:
    """A sentence whose only cue is an expulsion ("Vier betrokken Russische
    inlichtingenofficieren werden het land uitgezet") adds the persons expelled to what its
    party attributed elsewhere in the text, under that attribution's statement type; with no
    such attribution it adds nothing (an expulsion alone is no public attribution)."""
    for key, a in list(rows.items()):
        if not _expulsion_only(words, a.quote):
            continue
        del rows[key]
        same = [
            b
            for b in rows.values()
            if (b.party, b.role, b.attributed_state) == (a.party, a.role, a.attributed_state)
            and not _expulsion_only(words, b.quote)
        ]
        if not same:
            continue
        first = min(same, key=lambda b: (b.field != "title", b.start))
        moved = replace(a, statement_type=first.statement_type)
        rows.setdefault((*key[:4], first.statement_type), moved)


# A government's finding inside a relative clause: "the actor, which the UK and US governments
# have linked to the SVR" (English; present perfect or past perfect: a finding made before)
_RELATIVE_FINDING = compile_gated(
    r"\b(?:which|that|whom)\s+(?:the\s+)?(?:⟨[NM] [A-Z]{2} \d+⟩|[A-Z][\w.]*)[^.;]{0,60}?\s+"
    r"(?:have|has|had)\s+(?:\w+\s+)?(?:linked|attributed|tied|blamed|identified|named|accused)\b"
)


def _relative_finding(words, tokenized: str) -> bool:
    """Is the sentence's attribution a government's earlier finding, recalled in a relative
    clause of a sentence no government speaks before ("CrowdStrike assessed that the actor,
    which the UK and US governments have linked to the SVR, compromised the networks")? Then
    it is background: a vendor or a paper recalling it, not the text's own attribution."""
    if words.language != "en":
        return False
    m = _RELATIVE_FINDING.search(tokenized)
    if not m:
        return False
    before = tokenized[: m.start()]
    return "⟨" not in before and not words.body_pattern.search(before)


_REASON = compile_gated(r"\b(?:for|over|in connection with|in response to)\s+")


def _sanctioned_for_other_act(words, gw, sentence: str) -> bool:
    """Does the sentence sanction someone for another kind of act, named right after the
    sanction with no cyber word before it ("The EU sanctioned 10 Russian individuals for human
    rights abuses; it also discussed cyber threats")? English; attribution-genres.json, roles
    non-cyber and cyber. The document gate only catches texts with no cyber word at all."""
    if words.language != "en":
        return False
    m = words["sanctions"].search(sentence)
    if not m:
        return False
    reason = _REASON.search(sentence, m.end(), m.end() + 100)
    if not reason:
        return False
    other = gw["non-cyber"].search(sentence, reason.end(), reason.end() + 40)
    end = sentence.find(";", m.end())
    end = len(sentence) if end < 0 else end  # the clause of the sanction: "...; it also ..."
    return bool(other) and not gw["cyber"].search(sentence, m.start(), end)
